//! Seeded random draws for sketching and sampling: uniform numbers, unbiased indices, Gaussian
//! test matrices and row samples, all from one explicit Xoshiro256+ generator.
//!
//! Every draw is taken in sequence from the one stream, so a seed fixes every draw whatever
//! the thread count (only the Box–Muller transform of drawn uniforms runs in parallel). The
//! streams are not NumPy's: the same seed gives other numbers than scikit-learn's
//! `random_state` (same distributions, different draws).

use ndarray::Array2;
use rand_xoshiro::Xoshiro256Plus;
use rand_xoshiro::rand_core::RngCore;

/// A uniform number in `[0, 1)` from the 53 high bits of one 64-bit draw (Xoshiro256+'s low
/// bits are its weakest).
pub(crate) fn uniform(rng: &mut Xoshiro256Plus) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform index in `0..n` (`n > 0`) without modulo bias, by Lemire's multiply-and-reject.
pub(crate) fn below(rng: &mut Xoshiro256Plus, n: usize) -> usize {
    debug_assert!(n > 0);
    let range = n as u64;
    let mut product = u128::from(rng.next_u64()) * u128::from(range);
    if (product as u64) < range {
        let threshold = range.wrapping_neg() % range;
        while (product as u64) < threshold {
            product = u128::from(rng.next_u64()) * u128::from(range);
        }
    }
    (product >> 64) as usize
}

/// A `rows x cols` matrix of independent standard normal numbers, filled row by row by the
/// Box–Muller transform (each pair of uniforms gives two normals).
///
/// The uniforms are drawn from `rng` in order, a stretch at a time; only their transform (a
/// logarithm, a root, a sine and a cosine per pair, most of the cost) runs in parallel, so the
/// numbers are the same whatever the thread count.
pub(crate) fn gaussian_matrix(rows: usize, cols: usize, rng: &mut Xoshiro256Plus) -> Array2<f64> {
    use rayon::prelude::*;
    /// Uniforms drawn before each parallel transform: bounds the pass to about 8 MB of cache.
    const STRETCH: usize = 1 << 20;
    /// Pairs transformed per parallel task.
    const TASK_PAIRS: usize = 4096;
    let len = rows * cols;
    let mut values = vec![0.0; len.div_ceil(2) * 2];
    for stretch in values.chunks_mut(STRETCH) {
        stretch.iter_mut().for_each(|v| *v = uniform(rng));
        stretch.par_chunks_mut(2 * TASK_PAIRS).for_each(|task| {
            for pair in task.chunks_exact_mut(2) {
                // 1 - u lies in (0, 1], so the logarithm is finite.
                let radius = (-2.0 * (1.0 - pair[0]).ln()).sqrt();
                let angle = std::f64::consts::TAU * pair[1];
                pair[0] = radius * angle.cos();
                pair[1] = radius * angle.sin();
            }
        });
    }
    values.truncate(len);
    Array2::from_shape_vec((rows, cols), values).expect("rows * cols values")
}

/// `m` distinct indices drawn uniformly from `0..n`, in increasing order (all of `0..n` when
/// `m >= n`), by a partial Fisher–Yates shuffle.
pub(crate) fn sample_indices(n: usize, m: usize, rng: &mut Xoshiro256Plus) -> Vec<usize> {
    if m >= n {
        return (0..n).collect();
    }
    let mut pool: Vec<usize> = (0..n).collect();
    for i in 0..m {
        let j = i + below(rng, n - i);
        pool.swap(i, j);
    }
    pool.truncate(m);
    pool.sort_unstable();
    pool
}

/// At most `m` rows of `0..n`, one drawn with `seed` from each of `m` equal stretches, in
/// increasing order (all of `0..n` when `m >= n`).
///
/// Like evenly spaced rows, the sample covers a file sorted by date or outlet end to end;
/// unlike them, it cannot fall into step with a period in the row order (10kGNAD repeated
/// ×100 has period 1,028, and 2,000 evenly spaced rows of it hold only 20 distinct articles).
///
/// ```
/// let rows = cluster::spread_sample(10, 3, 42);
/// assert_eq!(rows.len(), 3);
/// assert!(rows[0] < 3 && (3..6).contains(&rows[1]) && (6..10).contains(&rows[2]));
/// assert_eq!(rows, cluster::spread_sample(10, 3, 42));
/// assert_eq!(cluster::spread_sample(4, 9, 42), [0, 1, 2, 3]);
/// ```
pub fn spread_sample(n: usize, m: usize, seed: u64) -> Vec<usize> {
    use rand_xoshiro::rand_core::SeedableRng as _;
    if m >= n {
        return (0..n).collect();
    }
    let mut rng = Xoshiro256Plus::seed_from_u64(seed);
    (0..m)
        .map(|i| {
            let start = i * n / m;
            let end = (i + 1) * n / m;
            start + below(&mut rng, end - start)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_xoshiro::rand_core::SeedableRng;

    fn rng(seed: u64) -> Xoshiro256Plus {
        Xoshiro256Plus::seed_from_u64(seed)
    }

    #[test]
    fn uniform_numbers_lie_in_the_unit_interval() {
        let mut r = rng(1);
        let draws: Vec<f64> = (0..10_000).map(|_| uniform(&mut r)).collect();
        assert!(draws.iter().all(|u| (0.0..1.0).contains(u)));
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        assert!((mean - 0.5).abs() < 0.01, "{mean}");
    }

    #[test]
    fn indices_are_in_range_and_cover_it() {
        let mut r = rng(2);
        let mut seen = [0usize; 7];
        for _ in 0..7_000 {
            seen[below(&mut r, 7)] += 1;
        }
        assert!(seen.iter().all(|&c| (850..1150).contains(&c)), "{seen:?}");
        assert_eq!(below(&mut r, 1), 0);
    }

    #[test]
    fn gaussian_moments_are_standard() {
        let g = gaussian_matrix(301, 33, &mut rng(3));
        assert_eq!(g.dim(), (301, 33));
        let n = g.len() as f64;
        let mean = g.sum() / n;
        let var = g.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
        assert!(
            mean.abs() < 0.02 && (var - 1.0).abs() < 0.03,
            "{mean} {var}"
        );
        assert_eq!(g, gaussian_matrix(301, 33, &mut rng(3)));
    }

    #[test]
    fn gaussian_draws_follow_the_stream_across_stretches() {
        // An odd count over more than one stretch: the numbers are those of a plain loop
        // taking two uniforms at a time from the one stream, and the stream ends where it would.
        let (rows, cols) = (1_025, 1_025);
        let mut sequential = rng(6);
        let mut want = Vec::new();
        while want.len() < rows * cols {
            let radius = (-2.0 * (1.0 - uniform(&mut sequential)).ln()).sqrt();
            let angle = std::f64::consts::TAU * uniform(&mut sequential);
            want.extend([radius * angle.cos(), radius * angle.sin()]);
        }
        want.truncate(rows * cols);
        let mut stream = rng(6);
        let got = gaussian_matrix(rows, cols, &mut stream);
        assert!(
            got.iter()
                .zip(&want)
                .all(|(g, w)| g.to_bits() == w.to_bits())
        );
        assert_eq!(stream.next_u64(), sequential.next_u64());
    }

    #[test]
    fn samples_are_sorted_distinct_and_seeded() {
        let s = sample_indices(1000, 100, &mut rng(4));
        assert_eq!(s.len(), 100);
        assert!(s.windows(2).all(|w| w[0] < w[1]) && s[99] < 1000);
        assert_eq!(s, sample_indices(1000, 100, &mut rng(4)));
        assert_ne!(s, sample_indices(1000, 100, &mut rng(5)));
        assert_eq!(sample_indices(5, 9, &mut rng(4)), vec![0, 1, 2, 3, 4]);
        assert!(sample_indices(5, 0, &mut rng(4)).is_empty());
    }

    #[test]
    fn spread_samples_take_one_row_per_stretch_and_break_periods() {
        let rows = spread_sample(102_800, 2_000, 42);
        assert_eq!(rows.len(), 2_000);
        for (i, &row) in rows.iter().enumerate() {
            assert!((i * 102_800 / 2_000..(i + 1) * 102_800 / 2_000).contains(&row));
        }
        // A corpus repeated with period 1,028: evenly spaced rows would meet
        // only 20 of its articles.
        let distinct: std::collections::BTreeSet<usize> = rows.iter().map(|r| r % 1028).collect();
        assert!(distinct.len() > 800, "{}", distinct.len());
        assert_eq!(rows, spread_sample(102_800, 2_000, 42));
        assert_ne!(rows, spread_sample(102_800, 2_000, 43));
        assert!(spread_sample(5, 0, 1).is_empty());
    }
}
