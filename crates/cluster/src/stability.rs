//! Clustering stability: does k-means find the same groups from other
//! random starts? A k whose partition changes with the seed is not a finding.

use ndarray::ArrayView2;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::agreement::adjusted_rand_index;
use crate::error::{ClusterError, Result};
use crate::input::check_matrix;
use crate::kmeans::KMeansParams;

/// Mean pairwise ARI below which a k is flagged unstable.
pub const STABLE_ARI: f64 = 0.8;

/// Agreement of k-means partitions across seeds for one k.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stability {
    /// Number of clusters.
    pub k: usize,
    /// The seeds used, one k-means fit (with all its restarts) each.
    pub seeds: Vec<u64>,
    /// Mean adjusted Rand index over all pairs of runs.
    pub mean_ari: f64,
    /// Smallest pairwise adjusted Rand index.
    pub min_ari: f64,
}

impl Stability {
    /// Whether the partition holds across seeds (mean ARI at least [`STABLE_ARI`]).
    pub fn is_stable(&self) -> bool {
        self.mean_ari >= STABLE_ARI
    }
}

/// Fits k-means once per seed (with `params`' k, restarts and limits) and
/// compares every pair of partitions with the adjusted Rand index.
///
/// Needs at least two seeds. Identical partitions give ARI 1; partitions no
/// closer than chance give about 0.
///
/// Cost: one full k-means fit per seed (`n_init` runs each; `x` is checked once), plus
/// `O(seeds² n)` for the pairwise indices. At 102,800 x 100 with k = 9 and `n_init = 10` one
/// fit takes about 4 s of CPU time, so ten seeds take about 40 s: at that size pass two or
/// three seeds, or fewer restarts.
///
/// ```
/// use cluster::{KMeansParams, seed_stability};
/// use ndarray::array;
/// let x = array![[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [5.1, 5.0]];
/// let stability = seed_stability(x.view(), &KMeansParams::new(2), &[1, 2, 3]).unwrap();
/// assert_eq!(stability.mean_ari, 1.0);
/// assert!(stability.is_stable());
/// ```
pub fn seed_stability(
    x: ArrayView2<f64>,
    params: &KMeansParams,
    seeds: &[u64],
) -> Result<Stability> {
    if seeds.len() < 2 {
        return Err(ClusterError::TooFewSeeds { seeds: seeds.len() });
    }
    let valid = params.check()?;
    check_matrix(x)?;
    // Seeds in parallel as well as rows within a fit: a fit on a few thousand rows has too
    // few row chunks to keep every core busy alone. Each fit is the same whatever the threads.
    let labelings: Vec<Vec<usize>> = seeds
        .par_iter()
        .map(|&seed| {
            let model = params.seed(seed).check()?.fit_checked(x)?;
            Ok(model.labels)
        })
        .collect::<Result<_>>()?;
    let mut sum = 0.0;
    let mut min = f64::INFINITY;
    let mut pairs = 0usize;
    for i in 0..labelings.len() {
        for j in i + 1..labelings.len() {
            let ari = adjusted_rand_index(&labelings[i], &labelings[j])?;
            sum += ari;
            min = min.min(ari);
            pairs += 1;
        }
    }
    Ok(Stability {
        k: valid.k(),
        seeds: seeds.to_vec(),
        mean_ari: sum / pairs as f64,
        min_ari: min,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    #[test]
    fn well_separated_groups_are_stable() {
        let x = ndarray::array![
            [0.0, 0.0],
            [0.0, 0.2],
            [4.0, 4.0],
            [4.2, 4.0],
            [8.0, 0.0],
            [8.0, 0.1]
        ];
        let stability =
            seed_stability(x.view(), &KMeansParams::new(3).n_init(1), &[0, 1, 2, 3, 4]).unwrap();
        assert_eq!((stability.mean_ari, stability.min_ari), (1.0, 1.0));
    }

    #[test]
    fn structureless_data_is_flagged() {
        // Points evenly on a circle: any split into 3 is as good as any other,
        // so single k-means++ starts disagree.
        let n = 24;
        let x = Array2::from_shape_fn((n, 2), |(i, j)| {
            let angle = i as f64 / n as f64 * std::f64::consts::TAU;
            if j == 0 { angle.cos() } else { angle.sin() }
        });
        let seeds: Vec<u64> = (0..8).collect();
        let stability = seed_stability(x.view(), &KMeansParams::new(3).n_init(1), &seeds).unwrap();
        assert!(!stability.is_stable(), "{stability:?}");
        assert!(stability.min_ari < stability.mean_ari);
    }

    #[test]
    fn needs_two_seeds() {
        let x = ndarray::array![[0.0], [1.0]];
        let error = seed_stability(x.view(), &KMeansParams::new(2), &[7]).unwrap_err();
        assert_eq!(error.to_string(), "stability needs at least 2 seeds, got 1");
    }
}
