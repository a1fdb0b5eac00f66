//! Checking a dictionary's hits against human coders: the precision of the
//! hits with a Wilson interval, and Krippendorff's alpha for how far the
//! coders agree among themselves.
//!
//! A frame lexicon is only as good as the share of its hits that a human
//! reader would code as that frame, and the human codes are only as good as
//! the agreement between coders. Both numbers are reported together, so they
//! live here together.

use std::collections::BTreeMap;

/// Standard normal quantile for a two-sided interval of confidence `level`:
/// `z = Φ⁻¹(1 − (1 − level)/2)`, the `stats.norm.isf(alpha / 2)` that
/// statsmodels uses.
///
/// `Φ⁻¹(1 − a/2) = √2 · erfc⁻¹(a)`, so puruspe's inverse complementary error
/// function gives it directly (it polishes its start value with Newton steps
/// on `erfc`, which is accurate to a few ulps).
fn two_sided_z(level: f64) -> f64 {
    std::f64::consts::SQRT_2 * puruspe::inverfc(1.0 - level)
}

/// Wilson score interval for a binomial proportion `successes / trials` at
/// confidence `level` (0.95 for a 95 % interval).
///
/// The same numbers as statsmodels'
/// `proportion_confint(successes, trials, alpha=1-level, method="wilson")`:
/// with `p = successes / trials`, `n = trials` and `z = Φ⁻¹(1 − (1−level)/2)`,
///
/// ```text
/// center = (p + z²/2n) / (1 + z²/n)
/// half   = z · √(p(1−p)/n + z²/4n²) / (1 + z²/n)
/// ```
///
/// and the interval is `(center − half, center + half)`. At `p = 0` the low
/// end is exactly 0 and at `p = 1` the high end exactly 1 (as in exact
/// arithmetic; the formula in floating point can miss by an ulp), and both
/// ends are kept in `[0, 1]`.
///
/// Wilson rather than the normal (Wald) interval because validation samples
/// are small and precisions are often near 1, where Wald collapses to a
/// zero-width interval.
///
/// `None` when `trials == 0`, `successes > trials`, or `level` is not
/// strictly between 0 and 1 (or is NaN).
///
/// ```
/// use features::validation::wilson_interval;
///
/// let (low, high) = wilson_interval(8, 10, 0.95).unwrap();
/// assert!((low - 0.4901625).abs() < 1e-6 && (high - 0.9433178).abs() < 1e-6);
/// ```
pub fn wilson_interval(successes: usize, trials: usize, level: f64) -> Option<(f64, f64)> {
    if successes > trials {
        return None;
    }
    wilson_bounds(successes as f64 / trials as f64, trials as f64, level)
}

/// The Wilson interval for a proportion `p` on `n` observations, `n` not
/// necessarily whole: for a weighted share, `n` is Kish's effective sample
/// size `(Σw)² / Σw²` (equal to the count when the weights are equal).
/// [`wilson_interval`] is this with `p = successes / trials`.
///
/// `None` when `n` is not positive, `p` is outside `[0, 1]`, or `level` is
/// not strictly between 0 and 1.
pub fn wilson_bounds(p: f64, n: f64, level: f64) -> Option<(f64, f64)> {
    // Written as what must hold, so that NaN in any of them fails it.
    let valid = n > 0.0 && (0.0..=1.0).contains(&p) && level > 0.0 && level < 1.0;
    if !valid {
        return None;
    }
    let z = two_sided_z(level);
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let center = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    let low = if p == 0.0 {
        0.0
    } else {
        (center - half).clamp(0.0, 1.0)
    };
    let high = if p == 1.0 {
        1.0
    } else {
        (center + half).clamp(0.0, 1.0)
    };
    Some((low, high))
}

/// Precision of a dictionary's hits on a hand-coded sample: of `coded` hits
/// that a coder looked at, `relevant` were judged to be the frame, with a
/// Wilson interval around the share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Precision {
    /// Hits that were hand coded (the sample size).
    pub coded: usize,
    /// Coded hits judged relevant (true positives).
    pub relevant: usize,
    /// `relevant / coded`.
    pub precision: f64,
    /// Low end of the Wilson interval.
    pub low: f64,
    /// High end of the Wilson interval.
    pub high: f64,
}

impl Precision {
    /// Precision `relevant / coded` with its Wilson interval at confidence
    /// `level` (see [`wilson_interval`]).
    ///
    /// `None` when `coded == 0` (no sample, no precision), when
    /// `relevant > coded`, or when `level` is not in (0, 1).
    pub fn new(relevant: usize, coded: usize, level: f64) -> Option<Precision> {
        let (low, high) = wilson_interval(relevant, coded, level)?;
        Some(Precision {
            coded,
            relevant,
            precision: relevant as f64 / coded as f64,
            low,
            high,
        })
    }
}

/// Krippendorff's alpha for nominal data, with missing values.
///
/// `units[u][c]` is coder `c`'s value for unit `u`, `None` where that coder
/// did not code the unit. Rows may differ in length (a short row is the
/// same as trailing `None`s). Values are category labels: only equality
/// counts, not their order or distance.
///
/// Computed from the coincidence matrix (Krippendorff 2011, "Computing
/// Krippendorff's Alpha-Reliability"): only units with at least two values
/// are pairable; a unit with `m_u` values adds `1/(m_u − 1)` to `o[v][v']`
/// for every ordered pair of values `(v, v')` from two different coders;
/// `n_v` is the number of pairable values `v` and `n` their total. Then
///
/// ```text
/// alpha = 1 − (n − 1) · Σ_{v≠v'} o[v][v'] / Σ_{v≠v'} n_v · n_v'
/// ```
///
/// i.e. `1 − D_o / D_e`. 1 is perfect agreement, 0 agreement at chance
/// level, and it goes below 0 for systematic disagreement.
///
/// `None` when there are fewer than two pairable values (nothing to compare)
/// or when all pairable values are the same category: then the expected
/// disagreement `D_e` is 0 and alpha is undefined (0/0), not perfect.
///
/// ```
/// use features::validation::krippendorff_alpha_nominal;
///
/// // Two coders, four units; they disagree on the second.
/// let units = vec![
///     vec![Some(1), Some(1)],
///     vec![Some(1), Some(2)],
///     vec![Some(2), Some(2)],
///     vec![Some(2), Some(2)],
/// ];
/// let alpha = krippendorff_alpha_nominal(&units).unwrap();
/// assert!((alpha - 8.0 / 15.0).abs() < 1e-12);
/// ```
pub fn krippendorff_alpha_nominal(units: &[Vec<Option<u32>>]) -> Option<f64> {
    // Marginals n_v over pairable values; a BTreeMap keeps the sums in a fixed
    // order, so the result does not depend on hashing.
    let mut marginals: BTreeMap<u32, u64> = BTreeMap::new();
    // Σ_{v≠v'} o[v][v'], the off-diagonal mass of the coincidence matrix.
    let mut disagreement = 0.0_f64;
    let mut values: Vec<u32> = Vec::new();

    for unit in units {
        values.clear();
        values.extend(unit.iter().flatten().copied());
        let m = values.len() as u64;
        if m < 2 {
            continue; // not pairable: contributes nothing to o or n
        }
        values.sort_unstable();
        // Within a unit, the ordered pairs of values from different coders
        // number m(m−1); those with equal values number Σ_v n_uv(n_uv − 1).
        // So the unit's off-diagonal pairs are m² − Σ_v n_uv², each weighted
        // 1/(m − 1): the unit's share of Σ_{v≠v'} o[v][v'], counted in
        // integers so that only the final division rounds.
        let mut same_sq = 0_u64;
        for run in values.chunk_by(|a, b| a == b) {
            let k = run.len() as u64;
            same_sq += k * k;
            *marginals.entry(run[0]).or_insert(0) += k;
        }
        let different_pairs = m * m - same_sq;
        disagreement += different_pairs as f64 / (m - 1) as f64;
    }

    let n: u64 = marginals.values().sum();
    if n < 2 {
        return None;
    }
    // Σ_{v≠v'} n_v n_v' = n² − Σ_v n_v², in u128 so that no realistic n overflows.
    let n_sq = u128::from(n) * u128::from(n);
    let sum_sq: u128 = marginals
        .values()
        .map(|&k| u128::from(k) * u128::from(k))
        .sum();
    let expected_pairs = n_sq - sum_sq;
    if expected_pairs == 0 {
        return None; // one category only: D_e = 0, alpha undefined
    }
    Some(1.0 - (n - 1) as f64 * disagreement / expected_pairs as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    // z = √2·erfc⁻¹(1 − level), checked against 40-digit mpmath values of
    // √2·erfinv(level) rounded to doubles; puruspe lands within 2 ulps.
    #[test]
    fn normal_quantile_is_full_precision() {
        let cases = [
            (0.5, 0.674_489_750_196_081_7),
            (0.8, 1.281_551_565_544_600_4),
            (0.9, 1.644_853_626_951_472_6),
            (0.95, 1.959_963_984_540_054_3),
            (0.99, 2.575_829_303_548_901),
            (0.999, 3.290_526_731_491_895),
        ];
        for (level, z) in cases {
            let got = two_sided_z(level);
            assert!(
                close(got, z, 4.0 * f64::EPSILON * z),
                "{level}: {got} vs {z}"
            );
        }
    }

    // References: statsmodels 0.14 proportion_confint(..., method="wilson")
    // as given in the brief for 8/10, and all cases recomputed from the
    // closed form in 40-digit mpmath (z = √2·erfinv(level)) and in plain
    // double precision with z = 1.959963984540054.
    #[test]
    fn wilson_eight_of_ten() {
        let (low, high) = wilson_interval(8, 10, 0.95).unwrap();
        assert!(close(low, 0.490_162_471_536_641_7, 1e-14), "{low}");
        assert!(close(high, 0.943_317_848_545_624_7, 1e-14), "{high}");
        // The rounded statsmodels numbers.
        assert!(close(low, 0.490_162_4, 1e-7) && close(high, 0.943_317_8, 1e-7));
    }

    #[test]
    fn wilson_edges_are_exact() {
        let (low, high) = wilson_interval(0, 10, 0.95).unwrap();
        assert_eq!(low, 0.0);
        assert!(close(high, 0.277_532_799_862_889_26, 1e-14), "{high}");

        let (low, high) = wilson_interval(10, 10, 0.95).unwrap();
        assert!(close(low, 0.722_467_200_137_110_7, 1e-14), "{low}");
        assert_eq!(high, 1.0);

        let (low, high) = wilson_interval(1, 1, 0.95).unwrap();
        assert!(close(low, 0.206_549_314_377_237_4, 1e-14), "{low}");
        assert_eq!(high, 1.0);
    }

    #[test]
    fn wilson_half_is_symmetric() {
        let (low, high) = wilson_interval(50, 100, 0.95).unwrap();
        assert!(close(low, 0.403_831_530_365_995_6, 1e-14), "{low}");
        assert!(close(high, 0.596_168_469_634_004_4, 1e-14), "{high}");
        assert!(close(low + high, 1.0, 1e-15));
    }

    #[test]
    fn wilson_other_levels() {
        let (low, high) = wilson_interval(8, 10, 0.9).unwrap();
        assert!(close(low, 0.540_792_805_687_487_8, 1e-14), "{low}");
        assert!(close(high, 0.931_442_012_262_467_9, 1e-14), "{high}");

        let (low, high) = wilson_interval(50, 100, 0.9).unwrap();
        assert!(close(low, 0.418_847_796_112_529_5, 1e-14), "{low}");
        assert!(close(high, 0.581_152_203_887_470_5, 1e-14), "{high}");

        let (low, high) = wilson_interval(3, 7, 0.99).unwrap();
        assert!(close(low, 0.116_373_680_516_138_14, 1e-14), "{low}");
        assert!(close(high, 0.810_285_095_911_612_5, 1e-14), "{high}");

        // A wider level gives a wider interval around the same point.
        let (l90, h90) = wilson_interval(8, 10, 0.9).unwrap();
        let (l95, h95) = wilson_interval(8, 10, 0.95).unwrap();
        assert!(l95 < l90 && h90 < h95);
    }

    #[test]
    fn wilson_rejects_bad_input() {
        assert_eq!(wilson_interval(0, 0, 0.95), None);
        assert_eq!(wilson_interval(11, 10, 0.95), None);
        for level in [0.0, 1.0, -0.5, 1.5, f64::NAN] {
            assert_eq!(wilson_interval(5, 10, level), None, "{level}");
        }
    }

    #[test]
    fn precision_wraps_wilson() {
        let p = Precision::new(8, 10, 0.95).unwrap();
        assert_eq!((p.relevant, p.coded), (8, 10));
        assert_eq!(p.precision, 0.8);
        assert_eq!((p.low, p.high), wilson_interval(8, 10, 0.95).unwrap());
        assert!(p.low < p.precision && p.precision < p.high);
        assert_eq!(Precision::new(0, 0, 0.95), None);
        assert_eq!(Precision::new(3, 2, 0.95), None);
    }

    fn parse(rows: &[&str]) -> Vec<Vec<Option<u32>>> {
        // Coders as rows in the text, units as rows in the result.
        let coders: Vec<Vec<Option<u32>>> = rows
            .iter()
            .map(|r| r.split_whitespace().map(|v| v.parse().ok()).collect())
            .collect();
        let n_units = coders[0].len();
        (0..n_units)
            .map(|u| coders.iter().map(|c| c[u]).collect())
            .collect()
    }

    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    // nominal data, 4 coders × 12 units with missing values; published
    // alpha = 0.743. Exactly: n = 40 pairable values, n_v = 9, 13, 10, 5, 3
    // for 1..5, Σ_{v≠v'} o = 8, Σ_{v≠v'} n_v n_v' = 40² − (81 + 169 + 100 +
    // 25 + 9) = 1216, so alpha = 1 − 39·8/1216 = 113/152 = 0.743421…
    // (checked with exact fractions and with the `krippendorff` Python
    // package, 0.743421052631579).
    #[test]
    fn krippendorff_published_example() {
        let units = parse(&[
            "1 2 3 3 2 1 4 1 2 . . .",
            "1 2 3 3 2 2 4 1 2 5 . 3",
            ". 3 3 3 2 3 4 2 2 5 1 .",
            "1 2 3 3 2 4 4 1 2 5 1 .",
        ]);
        let alpha = krippendorff_alpha_nominal(&units).unwrap();
        assert!(close(alpha, 113.0 / 152.0, 1e-12), "{alpha}");
        assert_eq!(format!("{alpha:.3}"), "0.743");
    }

    // Krippendorff (2011), binary data, two coders, no missing values;
    // published alpha = 0.095. n = 20, n_0 = 14, n_1 = 6, four disagreeing
    // units each add 1 to o_01 and o_10: alpha = 1 − 19·8/(2·14·6) = 2/21.
    #[test]
    fn krippendorff_published_binary_example() {
        let units = parse(&["0 1 0 0 0 0 0 0 1 0", "1 1 1 0 0 1 0 0 0 0"]);
        let alpha = krippendorff_alpha_nominal(&units).unwrap();
        assert!(close(alpha, 2.0 / 21.0, 1e-12), "{alpha}");
        assert_eq!(format!("{alpha:.3}"), "0.095");
    }

    // By hand: units (1,1), (1,2), (2,2), (2,2). n = 8, n_1 = 3, n_2 = 5.
    // Only unit 2 disagrees; m_u = 2 so it adds 1/(2−1) = 1 to o_12 and to
    // o_21: Σ_{v≠v'} o = 2. Σ_{v≠v'} n_v n_v' = 2·3·5 = 30.
    // alpha = 1 − (8 − 1)·2/30 = 1 − 14/30 = 8/15 ≈ 0.5333.
    #[test]
    fn krippendorff_small_by_hand() {
        let units = vec![
            vec![Some(1), Some(1)],
            vec![Some(1), Some(2)],
            vec![Some(2), Some(2)],
            vec![Some(2), Some(2)],
        ];
        let alpha = krippendorff_alpha_nominal(&units).unwrap();
        assert!(close(alpha, 8.0 / 15.0, 1e-15), "{alpha}");
    }

    #[test]
    fn krippendorff_perfect_agreement_is_one() {
        let units = vec![
            vec![Some(1), Some(1), None],
            vec![Some(2), Some(2), Some(2)],
            vec![Some(7), None, Some(7)],
            vec![Some(1), Some(1), Some(1)],
        ];
        assert_eq!(krippendorff_alpha_nominal(&units), Some(1.0));
    }

    #[test]
    fn krippendorff_labels_only_matter_by_equality() {
        // Relabelling categories (and rows of different length) changes nothing.
        let a = vec![
            vec![Some(1), Some(1)],
            vec![Some(1), Some(2)],
            vec![Some(2), Some(2)],
            vec![Some(2), Some(2), None],
        ];
        let b: Vec<Vec<Option<u32>>> = a
            .iter()
            .map(|u| u.iter().map(|v| v.map(|x| 1000 - x)).collect())
            .collect();
        assert_eq!(
            krippendorff_alpha_nominal(&a),
            krippendorff_alpha_nominal(&b)
        );
    }

    #[test]
    fn krippendorff_undefined_cases() {
        // No units, all missing, or a single coder: nothing is pairable.
        assert_eq!(krippendorff_alpha_nominal(&[]), None);
        assert_eq!(krippendorff_alpha_nominal(&vec![vec![None, None]; 3]), None);
        let one_coder = vec![vec![Some(1)], vec![Some(2)], vec![Some(1), None]];
        assert_eq!(krippendorff_alpha_nominal(&one_coder), None);
        // Everyone used one category: D_e = 0.
        let one_value = vec![vec![Some(3), Some(3)], vec![Some(3), Some(3), Some(3)]];
        assert_eq!(krippendorff_alpha_nominal(&one_value), None);
    }

    #[test]
    fn krippendorff_systematic_disagreement_is_negative() {
        // n = 4, n_1 = n_2 = 2, every pair disagrees: 1 − 3·4/8 = −0.5.
        let units = vec![vec![Some(1), Some(2)], vec![Some(2), Some(1)]];
        let alpha = krippendorff_alpha_nominal(&units).unwrap();
        assert!(close(alpha, -0.5, 1e-15), "{alpha}");
    }
}
