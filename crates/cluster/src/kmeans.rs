//! Seeded k-means: linfa's k-means++ runs, finished by exact Lloyd steps, labels canonical.
//!
//! linfa's `KMeans` runs "m_k-means" (each centroid update counts the old centroid as one more
//! member), so its centroids are not the means of their members, its `inertia()` is a mean per
//! sample, and its memberships come from the last run, not the best. This module therefore uses
//! linfa for seeding and a first descent only, then runs plain Lloyd iterations (assign to the
//! nearest centroid, move each centroid to the mean of its members) until the assignment stops
//! changing. The model's centroids are then exact means and its inertia is the sum of squared
//! distances, as in scikit-learn.
//!
//! For cosine geometry, L2-normalise the rows first with [`crate::l2_normalize_rows`]
//! (spherical k-means): on unit vectors the squared Euclidean distance is `2 - 2 cos`.

use linfa::prelude::*;
use linfa_clustering::{KMeans, KMeansInit};
use ndarray::{Array2, ArrayView1, ArrayView2, Axis};
use rand_xoshiro::Xoshiro256Plus;
use rand_xoshiro::rand_core::SeedableRng;
use serde::{Deserialize, Serialize};

use crate::error::{ClusterError, ParamError, Result};
use crate::input::check_matrix;
use crate::labels::canonical_mapping;

/// Hyper-parameters of [`KMeansParams::fit`], unchecked (linfa's params → checked → fit habit).
///
/// Defaults: `n_init = 10`, `max_iter = 300`, `tolerance = 1e-4`, `seed = 42`.
///
/// - `n_init`: independent k-means++ restarts; the run with the smallest inertia wins (the
///   first one on ties). Run `i` uses the seeded Xoshiro256+ stream jumped `i` times, so run 0
///   is exactly `Xoshiro256Plus::seed_from_u64(seed)`.
/// - `max_iter`: limit for linfa's m_k-means descent and, separately, for the exact Lloyd
///   iterations that follow it.
/// - `tolerance`: linfa's stopping threshold on the centroid shift (Frobenius norm) during its
///   descent. The Lloyd phase always runs until assignments are stable (or `max_iter`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct KMeansParams {
    k: usize,
    n_init: usize,
    max_iter: u64,
    tolerance: f64,
    seed: u64,
}

impl KMeansParams {
    /// Parameters for `k` clusters with the defaults.
    pub fn new(k: usize) -> Self {
        KMeansParams {
            k,
            n_init: 10,
            max_iter: 300,
            tolerance: 1e-4,
            seed: 42,
        }
    }

    /// Sets the number of clusters.
    pub fn k(mut self, k: usize) -> Self {
        self.k = k;
        self
    }

    /// Sets the seed of the random number generator.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the number of independent k-means++ restarts.
    pub fn n_init(mut self, n_init: usize) -> Self {
        self.n_init = n_init;
        self
    }

    /// Sets the iteration limit of each descent.
    pub fn max_iter(mut self, max_iter: u64) -> Self {
        self.max_iter = max_iter;
        self
    }

    /// Sets linfa's convergence tolerance on the centroid shift.
    pub fn tolerance(mut self, tolerance: f64) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Checks the parameters that are invalid whatever the data.
    pub fn check(&self) -> Result<ValidKMeansParams, ParamError> {
        if self.k == 0 {
            Err(ParamError::ZeroK)
        } else if self.n_init == 0 {
            Err(ParamError::ZeroNInit)
        } else if self.max_iter == 0 {
            Err(ParamError::ZeroMaxIter)
        } else if !(self.tolerance.is_finite() && self.tolerance > 0.0) {
            Err(ParamError::Tolerance(self.tolerance))
        } else {
            Ok(ValidKMeansParams(*self))
        }
    }

    /// Checks the parameters, then fits (see [`ValidKMeansParams::fit`]).
    pub fn fit(&self, x: ArrayView2<f64>) -> Result<KMeansModel> {
        self.check()?.fit(x)
    }
}

/// Parameters that passed [`KMeansParams::check`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ValidKMeansParams(KMeansParams);

impl ValidKMeansParams {
    /// The number of clusters.
    pub fn k(&self) -> usize {
        self.0.k
    }

    /// The seed of the random number generator.
    pub fn seed(&self) -> u64 {
        self.0.seed
    }

    /// The number of k-means++ restarts.
    pub fn n_init(&self) -> usize {
        self.0.n_init
    }

    /// The iteration limit of each descent.
    pub fn max_iter(&self) -> u64 {
        self.0.max_iter
    }

    /// linfa's convergence tolerance.
    pub fn tolerance(&self) -> f64 {
        self.0.tolerance
    }

    /// Clusters the rows of `x` (rows = documents) into `k` non-empty clusters.
    ///
    /// Same input and parameters give bit-identical output, whatever the number of threads.
    /// Fails on an empty or non-finite `x` and when `k` exceeds the number of rows.
    pub fn fit(&self, x: ArrayView2<f64>) -> Result<KMeansModel> {
        check_matrix(x)?;
        let p = self.0;
        if p.k > x.nrows() {
            return Err(ClusterError::KExceedsRows {
                k: p.k,
                rows: x.nrows(),
            });
        }
        let data = DatasetBase::from(x);
        let mut streams = Xoshiro256Plus::seed_from_u64(p.seed);
        let mut best: Option<Lloyd> = None;
        for _ in 0..p.n_init {
            let rng = streams.clone();
            streams.jump();
            let seeded = KMeans::params_with_rng(p.k, rng)
                .n_runs(1)
                .max_n_iterations(p.max_iter)
                .tolerance(p.tolerance)
                .init_method(KMeansInit::KMeansPlusPlus)
                .fit(&data)
                .map_err(|e| ClusterError::KMeans(e.to_string()))?;
            let run = lloyd(x, seeded.centroids().clone(), p.max_iter);
            if best.as_ref().is_none_or(|b| run.inertia < b.inertia) {
                best = Some(run);
            }
        }
        let best = best.expect("n_init >= 1 was checked");
        let (labels, originals) = canonical_mapping(&best.labels);
        let centroids = best.centroids.select(Axis(0), &originals);
        Ok(KMeansModel {
            labels,
            centroids,
            inertia: best.inertia,
        })
    }
}

/// A fitted k-means clustering.
#[derive(Clone, Debug, PartialEq)]
pub struct KMeansModel {
    /// Cluster of each row, canonical: row 0 is in cluster 0, the next new cluster met
    /// scanning the rows is 1, and so on. Every cluster `0..k` has at least one member.
    pub labels: Vec<usize>,
    /// One row per cluster, in label order: the mean of the cluster's members.
    pub centroids: Array2<f64>,
    /// Sum over rows of the squared Euclidean distance to the row's centroid.
    pub inertia: f64,
}

impl KMeansModel {
    /// The number of clusters.
    pub fn k(&self) -> usize {
        self.centroids.nrows()
    }
}

/// The state of one exact Lloyd descent.
struct Lloyd {
    labels: Vec<usize>,
    centroids: Array2<f64>,
    inertia: f64,
}

/// Plain Lloyd iterations from `centroids` until the assignment is stable or `max_iter`.
fn lloyd(x: ArrayView2<f64>, mut centroids: Array2<f64>, max_iter: u64) -> Lloyd {
    let mut labels = assign(x, &centroids);
    for _ in 0..max_iter {
        centroids = means(x, &labels, &centroids);
        let next = assign(x, &centroids);
        if next == labels {
            break;
        }
        labels = next;
    }
    let centroids = means(x, &labels, &centroids);
    let inertia = x
        .rows()
        .into_iter()
        .zip(&labels)
        .map(|(row, &c)| squared_distance(row, centroids.row(c)))
        .sum();
    Lloyd {
        labels,
        centroids,
        inertia,
    }
}

/// Nearest centroid of each row (the lowest index on ties), with no cluster left empty.
fn assign(x: ArrayView2<f64>, centroids: &Array2<f64>) -> Vec<usize> {
    let nearest = |row: ArrayView1<f64>| {
        let mut best = (0, f64::INFINITY);
        for (c, centroid) in centroids.rows().into_iter().enumerate() {
            let d = squared_distance(row, centroid);
            if d < best.1 {
                best = (c, d);
            }
        }
        best.0
    };
    let mut labels: Vec<usize> = x.rows().into_iter().map(nearest).collect();
    fill_empty_clusters(x, centroids, &mut labels);
    labels
}

/// Gives each empty cluster the row farthest from its own centroid, taken from a cluster
/// with at least two members (the first such row on ties). Possible because k <= n.
fn fill_empty_clusters(x: ArrayView2<f64>, centroids: &Array2<f64>, labels: &mut [usize]) {
    let k = centroids.nrows();
    let mut counts = vec![0usize; k];
    for &l in labels.iter() {
        counts[l] += 1;
    }
    for empty in 0..k {
        if counts[empty] > 0 {
            continue;
        }
        let mut donor: Option<(usize, f64)> = None;
        for (i, row) in x.rows().into_iter().enumerate() {
            if counts[labels[i]] < 2 {
                continue;
            }
            let d = squared_distance(row, centroids.row(labels[i]));
            if donor.is_none_or(|(_, best)| d > best) {
                donor = Some((i, d));
            }
        }
        let (i, _) = donor.expect("k <= n leaves a cluster with two members");
        counts[labels[i]] -= 1;
        labels[i] = empty;
        counts[empty] = 1;
    }
}

/// Mean of each cluster's rows, summed in row order; an empty cluster keeps its old centroid.
fn means(x: ArrayView2<f64>, labels: &[usize], old: &Array2<f64>) -> Array2<f64> {
    let mut sums = Array2::<f64>::zeros(old.dim());
    let mut counts = vec![0usize; old.nrows()];
    for (row, &c) in x.rows().into_iter().zip(labels) {
        let mut sum = sums.row_mut(c);
        sum += &row;
        counts[c] += 1;
    }
    for (c, &count) in counts.iter().enumerate() {
        if count == 0 {
            sums.row_mut(c).assign(&old.row(c));
        } else {
            sums.row_mut(c).mapv_inplace(|v| v / count as f64);
        }
    }
    sums
}

/// Squared Euclidean distance, summed in index order.
pub(crate) fn squared_distance(a: ArrayView1<f64>, b: ArrayView1<f64>) -> f64 {
    a.iter().zip(b.iter()).map(|(u, v)| (u - v) * (u - v)).sum()
}

#[cfg(test)]
mod tests;
