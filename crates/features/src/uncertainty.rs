//! How sure are we about frame rates and their differences: percentile
//! bootstrap intervals, permutation tests and Benjamini–Hochberg q-values,
//! all seeded and sequential so a seed gives the same bits on any machine.
//!
//! Input is one [`Unit`] per sentence: the frame hits in it and its counted
//! tokens. A group's rate is the pooled rate per 1,000 tokens,
//! `Σ hits / Σ tokens × 1000` over its articles' sentences.
//!
//! Articles (or sentences) without counted tokens add nothing to either sum,
//! so they are left out of the resampling pools. Any unit with hits but no
//! tokens, or with a negative or non-finite count, is an error, even one of
//! an article in neither group. An article listed in a group but without
//! units is an empty article.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

mod draws;
mod error;
mod unit_table;

#[cfg(test)]
use draws::draw;
use draws::shuffle_positions;
pub use draws::uniform_indices;
pub use error::UncertaintyError;
use serde::{Deserialize, Serialize};
use unit_table::{Counts, article_totals, sorted_without_repeats, widen};
pub use unit_table::{Unit, UnitTable};

/// What was resampled or permuted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SamplingUnit {
    /// Whole articles (the cluster bootstrap / label permutation).
    Articles,
    /// Sentences, because a group had a single article with tokens.
    Sentences,
}

/// Bootstrap settings. There is no `Default`: the seed is always chosen at
/// the call site.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BootstrapParams {
    /// Number of bootstrap resamples `B`. Default 2000; at least 1.
    pub resamples: usize,
    /// Confidence level, in `(0, 1)`. Default 0.95.
    pub level: f64,
    /// Seed of the Xoshiro256++ generator (`seed_from_u64`).
    pub seed: u64,
}

impl BootstrapParams {
    /// `B = 2000`, level 0.95 and the given seed.
    pub fn new(seed: u64) -> Self {
        BootstrapParams {
            resamples: 2000,
            level: 0.95,
            seed,
        }
    }
}

/// Permutation-test settings. There is no `Default`: the seed is always
/// chosen at the call site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermutationParams {
    /// Number of random permutations `R`. Default 9999; at least 1.
    pub permutations: usize,
    /// Seed of the Xoshiro256++ generator (`seed_from_u64`).
    pub seed: u64,
}

impl PermutationParams {
    /// `R = 9999` and the given seed.
    pub fn new(seed: u64) -> Self {
        PermutationParams {
            permutations: 9999,
            seed,
        }
    }
}

/// A rate with its percentile bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// The pooled rate per 1,000 tokens of the whole group.
    pub estimate: f64,
    /// Lower end: the `(1 - level) / 2` quantile of the resampled rates.
    pub low: f64,
    /// Upper end: the `1 - (1 - level) / 2` quantile of the resampled rates.
    pub high: f64,
    /// The confidence level asked for.
    pub level: f64,
    /// Whether articles or (for a one-article group) sentences were drawn.
    pub resampled: SamplingUnit,
}

/// The outcome of a two-sided permutation test of a rate difference.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PermutationResult {
    /// `rate_a - rate_b`, per 1,000 tokens.
    pub difference: f64,
    /// `(1 + #{|d*| >= |d_obs|}) / (1 + R)`.
    pub p_value: f64,
    /// `R`, the number of random permutations.
    pub permutations: usize,
    /// Whether article or sentence labels were permuted.
    pub unit: SamplingUnit,
}

/// The rate per 1,000 tokens of summed counts.
fn rate(hits: f64, tokens: f64) -> f64 {
    hits / tokens * 1000.0
}

fn pooled_rate<'a>(items: impl IntoIterator<Item = &'a Counts>) -> f64 {
    let (hits, tokens) = items
        .into_iter()
        .fold((0.0, 0.0), |(h, t), (hits, tokens)| (h + hits, t + tokens));
    rate(hits, tokens)
}

/// The pooled rate of a group with a 95 % (or `level`) percentile bootstrap
/// interval.
///
/// With at least 2 articles that have counted tokens, `B` resamples draw
/// that many articles with replacement (a cluster bootstrap, since sentences
/// of one article are not independent); with a single such article its
/// sentences are drawn instead, and `resampled` says so. Each resample's
/// pooled rate is a replicate; `low` and `high` are [`quantile`]s of the
/// replicates at `(1 - level) / 2` and `1 - (1 - level) / 2`, i.e.
/// `numpy.quantile(replicates, [(1 - level) / 2, 1 - (1 - level) / 2])`
/// (`numpy.percentile(replicates, [2.5, 97.5])` up to the rounding of `q`).
///
/// Draws come from one Xoshiro256++ stream seeded with `seed`, in a fixed
/// order and without threads, so the result is the same bit for bit for a
/// seed, whatever the thread count (for a given `rand` 0.8 version).
///
/// ```
/// use features::uncertainty::{bootstrap_rate, BootstrapParams, SamplingUnit, Unit};
/// let units = [(0, 2.0, 100.0), (1, 0.0, 80.0), (1, 1.0, 20.0), (2, 3.0, 70.0)]
///     .map(|(article, hits, tokens)| Unit { article, hits, tokens });
/// let rate = bootstrap_rate(&units, &[0, 1, 2], &BootstrapParams::new(7)).unwrap();
/// assert_eq!(rate.estimate, 6.0 / 270.0 * 1000.0);
/// assert!(rate.low <= rate.estimate && rate.estimate <= rate.high);
/// assert_eq!(rate.resampled, SamplingUnit::Articles);
/// ```
pub fn bootstrap_rate(
    units: &[Unit],
    group_articles: &[usize],
    params: &BootstrapParams,
) -> Result<Interval, UncertaintyError> {
    check_bootstrap(params)?;
    sorted_without_repeats(group_articles, "the group")?;
    bootstrap_rate_in(&UnitTable::new(units)?, group_articles, params)
}

/// [`bootstrap_rate`] over units already in a [`UnitTable`] (the same
/// result, bit for bit).
pub fn bootstrap_rate_in(
    table: &UnitTable,
    group_articles: &[usize],
    params: &BootstrapParams,
) -> Result<Interval, UncertaintyError> {
    check_bootstrap(params)?;
    let sentences = table.group(group_articles, "the group")?;
    let (items, resampled) = if sentences.len() >= 2 {
        (article_totals(&sentences), SamplingUnit::Articles)
    } else {
        (
            sentences[0].iter().map(widen).collect(),
            SamplingUnit::Sentences,
        )
    };
    let mut replicates = resampled_rates(&items, params);
    replicates.sort_by(f64::total_cmp);
    let tail = (1.0 - params.level) / 2.0;
    Ok(Interval {
        estimate: pooled_rate(&items),
        low: quantile(&replicates, tail),
        high: quantile(&replicates, 1.0 - tail),
        level: params.level,
        resampled,
    })
}

/// Replicates resampled together: their draws are taken first, one
/// replicate after the other from the one stream, then their sums run side
/// by side. Each sum still adds its draws in drawing order, so the rates
/// are those of one replicate at a time, bit for bit; what changes is that
/// four chains of additions overlap instead of waiting on each other.
const LANES: usize = 4;

/// Most draws held for the side-by-side sums (a single-article group can
/// have millions of sentences): larger groups sum one replicate at a time.
const MAX_HELD_DRAWS: usize = 1 << 22;

/// The pooled rate of each of `params.resamples` resamples of `items`
/// with replacement, in resample order.
fn resampled_rates(items: &[Counts], params: &BootstrapParams) -> Vec<f64> {
    let n = items.len();
    if n == 0 {
        return vec![pooled_rate(items); params.resamples];
    }
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(params.seed);
    let mut replicates = Vec::with_capacity(params.resamples);
    let lanes = if LANES * n <= MAX_HELD_DRAWS {
        LANES
    } else {
        1
    };
    let mut picks = vec![0usize; lanes * n];
    while replicates.len() < params.resamples {
        let lanes = lanes.min(params.resamples - replicates.len());
        uniform_indices(&mut rng, n, &mut picks[..lanes * n]);
        if lanes == LANES {
            let [a, b, c, d] = [0, 1, 2, 3].map(|lane| &picks[lane * n..(lane + 1) * n]);
            let mut sums = [(0.0, 0.0); LANES];
            for i in 0..n {
                for (sum, lane) in sums.iter_mut().zip([a[i], b[i], c[i], d[i]]) {
                    sum.0 += items[lane].0;
                    sum.1 += items[lane].1;
                }
            }
            replicates.extend(sums.map(|(hits, tokens)| rate(hits, tokens)));
        } else {
            for lane in picks[..lanes * n].chunks(n) {
                replicates.push(pooled_rate(lane.iter().map(|&i| &items[i])));
            }
        }
    }
    replicates
}

/// Positions of a permutation test's shuffle drawn ahead of their swaps.
const POSITIONS_AHEAD: usize = 1024;

/// Two-sided permutation test of `rate_a - rate_b`.
///
/// When both groups have at least 2 articles with counted tokens, article
/// labels are permuted: each of the `R` permutations draws which
/// `n_a` of the pooled articles form group a (a partial Fisher–Yates
/// shuffle). Otherwise sentence labels are permuted, pooling the sentences
/// of both groups: this treats sentences as exchangeable across articles, a
/// weaker assumption (sentences of one article are alike), so such p-values
/// are too small when articles differ; `unit` says which was done.
///
/// `p = (1 + #{|d*| >= |d_obs|}) / (1 + R)`, where a permuted difference
/// counts when `|d*| >= |d_obs| (1 - 100 ε)` (ε the f64 machine epsilon):
/// the relative tolerance of scipy's `permutation_test`, so splits equal to
/// the observed one count even when their sums round differently.
/// Seeded and sequential as [`bootstrap_rate`].
pub fn permutation_test(
    units: &[Unit],
    group_a: &[usize],
    group_b: &[usize],
    params: &PermutationParams,
) -> Result<PermutationResult, UncertaintyError> {
    check_permutation(params, group_a, group_b)?;
    sorted_without_repeats(group_a, "group a")?;
    permutation_test_in(&UnitTable::new(units)?, group_a, group_b, params)
}

/// [`permutation_test`] over units already in a [`UnitTable`] (the same
/// result, bit for bit).
pub fn permutation_test_in(
    table: &UnitTable,
    group_a: &[usize],
    group_b: &[usize],
    params: &PermutationParams,
) -> Result<PermutationResult, UncertaintyError> {
    check_permutation(params, group_a, group_b)?;
    let a = table.group(group_a, "group a")?;
    let b = table.group(group_b, "group b")?;
    let (pool, n_a, unit) = if a.len() >= 2 && b.len() >= 2 {
        let mut pool = article_totals(&a);
        pool.extend(article_totals(&b));
        (pool, a.len(), SamplingUnit::Articles)
    } else {
        let pool: Vec<Counts> = a
            .iter()
            .chain(&b)
            .flat_map(|s| s.iter().map(widen))
            .collect();
        (
            pool,
            a.iter().map(|s| s.len()).sum(),
            SamplingUnit::Sentences,
        )
    };
    let observed = pooled_rate(&pool[..n_a]) - pooled_rate(&pool[n_a..]);
    let threshold = observed.abs() * (1.0 - 100.0 * f64::EPSILON);
    // Each permutation draws a random subset for the smaller side only and
    // gets the other side's totals by subtraction: O(min(n_a, n_b)) per
    // permutation instead of O(n), which matters for a group against the rest.
    let (total_hits, total_tokens) = pool
        .iter()
        .fold((0.0, 0.0), |(h, t), (hits, tokens)| (h + hits, t + tokens));
    let n_b = pool.len() - n_a;
    let (drawn, drawn_is_a) = if n_a <= n_b {
        (n_a, true)
    } else {
        (n_b, false)
    };
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(params.seed);
    let shuffle = Shuffle {
        drawn,
        drawn_is_a,
        totals: (total_hits, total_tokens),
        threshold,
        permutations: params.permutations,
    };
    // Whole counts (as a frame test's are) are shuffled as `f32` pairs: half
    // the bytes, so that at a million articles the pools of two tests in
    // parallel stay in the processor's cache. Each value widens back to the
    // same `f64`, so the sums are the same bits.
    let exact_in_f32 = |v: f64| f64::from(v as f32) == v;
    let extreme = if pool
        .iter()
        .all(|&(h, t)| exact_in_f32(h) && exact_in_f32(t))
    {
        let compact: Vec<(f32, f32)> = pool.iter().map(|&(h, t)| (h as f32, t as f32)).collect();
        drop(pool);
        shuffle.count_extreme(compact, &mut rng)
    } else {
        shuffle.count_extreme(pool, &mut rng)
    };
    Ok(PermutationResult {
        difference: observed,
        p_value: (1 + extreme) as f64 / (1 + params.permutations) as f64,
        permutations: params.permutations,
        unit,
    })
}

/// The permutations of one test: how many of the drawn side's units each
/// takes, and what makes a permuted difference extreme.
struct Shuffle {
    drawn: usize,
    drawn_is_a: bool,
    /// Hits and tokens of the whole pool.
    totals: (f64, f64),
    threshold: f64,
    permutations: usize,
}

impl Shuffle {
    /// The permutations whose difference is at least as extreme as the
    /// observed one.
    fn count_extreme<T: Copy + Into<f64>>(
        &self,
        mut pool: Vec<(T, T)>,
        rng: &mut Xoshiro256PlusPlus,
    ) -> usize {
        let (total_hits, total_tokens) = self.totals;
        // The units themselves are shuffled (a partial Fisher–Yates), not an
        // index into them: one random access a draw instead of two, which at a
        // million articles (a pool far larger than the cache) is the cost.
        // The draws and the sums are those of shuffling an index, bit for bit.
        // A chunk of positions is drawn before its swaps (the positions depend
        // on the stream alone) and without a branch on the random numbers: a
        // rejected number, a mispredicted branch, then no longer discards the
        // pool reads in flight (a pool of a million articles: 32-51 ns a draw
        // before, 16-27 after). The same draws in the same order.
        let mut positions = vec![0usize; self.drawn.min(POSITIONS_AHEAD)];
        let mut extreme = 0;
        for _ in 0..self.permutations {
            let (mut hits, mut tokens) = (0.0, 0.0);
            let mut start = 0;
            while start < self.drawn {
                let end = (start + positions.len()).min(self.drawn);
                let ahead = &mut positions[..end - start];
                shuffle_positions(rng, start, pool.len(), ahead);
                for (i, &j) in (start..end).zip(ahead.iter()) {
                    pool.swap(i, j);
                    let (h, t) = pool[i];
                    hits += h.into();
                    tokens += t.into();
                }
                start = end;
            }
            let drawn_rate = rate(hits, tokens);
            let other_rate = rate(total_hits - hits, total_tokens - tokens);
            let permuted = if self.drawn_is_a {
                drawn_rate - other_rate
            } else {
                other_rate - drawn_rate
            };
            extreme += usize::from(permuted.abs() >= self.threshold);
        }
        extreme
    }
}

fn check_bootstrap(params: &BootstrapParams) -> Result<(), UncertaintyError> {
    if params.resamples == 0 {
        return Err(setting("resamples", "must be at least 1, got 0".into()));
    }
    if !(params.level > 0.0 && params.level < 1.0) {
        let message = format!("must lie in (0, 1), got {}", params.level);
        return Err(setting("level", message));
    }
    Ok(())
}

/// The settings, and that no article is in both groups (the first of
/// `group_a` that is in `group_b` is named).
fn check_permutation(
    params: &PermutationParams,
    group_a: &[usize],
    group_b: &[usize],
) -> Result<(), UncertaintyError> {
    if params.permutations == 0 {
        return Err(setting("permutations", "must be at least 1, got 0".into()));
    }
    let size = group_b.iter().max().map_or(0, |&m| m + 1);
    let mut in_b = vec![false; size];
    for &article in group_b {
        in_b[article] = true;
    }
    if let Some(&article) = group_a
        .iter()
        .find(|&&a| in_b.get(a).copied().unwrap_or(false))
    {
        return Err(UncertaintyError::SharedArticle { article });
    }
    Ok(())
}

fn setting(name: &'static str, message: String) -> UncertaintyError {
    UncertaintyError::Setting { name, message }
}

/// The `q` quantile of `sorted` (ascending) with numpy's default
/// `method="linear"` (Hyndman and Fan's type 7), as `numpy.quantile`.
///
/// With `n` values, `h = (n - 1) q`, `i = floor(h)`, `g = h - i`: the result
/// is `x[i] + (x[i+1] - x[i]) g` for `g < 0.5` and `x[i+1] - (x[i+1] - x[i])
/// (1 - g)` otherwise (numpy's `_lerp`, which keeps the result within
/// `[x[i], x[i+1]]`), and `x[n-1]` when `h >= n - 1`.
///
/// # Panics
///
/// If `sorted` is empty or `q` is not in `[0, 1]`.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    assert!(!sorted.is_empty(), "quantile of no values");
    assert!((0.0..=1.0).contains(&q), "quantile {q} outside [0, 1]");
    let last = sorted.len() - 1;
    let h = last as f64 * q;
    if h >= last as f64 {
        return sorted[last];
    }
    let i = h.floor();
    let gamma = h - i;
    let (below, above) = (sorted[i as usize], sorted[i as usize + 1]);
    let diff = above - below;
    if gamma >= 0.5 {
        above - diff * (1.0 - gamma)
    } else {
        below + diff * gamma
    }
}

/// Benjamini–Hochberg adjusted p-values (q-values), in input order.
///
/// With the `m` p-values sorted ascending, `p_(i)` the `i`-th (1-based):
/// `q_(i) = min(1, min_{j >= i} p_(j) · (m / j))`. This is R's
/// `p.adjust(p, "BH")`, statsmodels' `multipletests(p, method="fdr_bh")` and
/// scipy's `false_discovery_control(p)` (whose operation order, `p * (m /
/// j)`, this follows). Empty input gives empty output.
///
/// ```
/// use features::uncertainty::benjamini_hochberg;
/// assert_eq!(benjamini_hochberg(&[0.01, 0.2, 0.03]), [0.03, 0.2, 0.045]);
/// ```
///
/// # Panics
///
/// If a p-value is NaN or outside `[0, 1]`.
pub fn benjamini_hochberg(p_values: &[f64]) -> Vec<f64> {
    if let Some(bad) = p_values.iter().find(|p| !(0.0..=1.0).contains(*p)) {
        panic!("p-values must lie in [0, 1], got {bad}");
    }
    let m = p_values.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&x, &y| p_values[x].total_cmp(&p_values[y]));
    let mut adjusted = vec![0.0; m];
    let mut running = f64::INFINITY;
    for (rank, &index) in order.iter().enumerate().rev() {
        running = running.min(p_values[index] * (m as f64 / (rank + 1) as f64));
        adjusted[index] = running.min(1.0);
    }
    adjusted
}

#[cfg(test)]
mod tests;
