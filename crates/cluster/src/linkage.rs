//! Average-linkage agglomerative clustering of a distance matrix, numbered like SciPy.
//!
//! [`average_linkage`] wraps `kodama::linkage` (Müllner's nearest-neighbour chain, the same
//! algorithm and update formula as `scipy.cluster.hierarchy.linkage(..., 'average')`), so the
//! merges equal SciPy's row by row: leaves are `0..n`, merge `i` creates cluster `n + i`,
//! `left < right`, merges sorted by distance with a stable sort.
//!
//! Ties: when several pairs are at the same distance the dendrogram is not unique. kodama and
//! SciPy scan candidates in the same order (the chain restarts at the lowest active cluster,
//! a nearer neighbour must be strictly nearer, the previous chain element wins ties), so they
//! agree on ties too; the tests check this on integer distance matrices full of ties.

use kodama::Method;
use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use crate::error::{ClusterError, Result};
use crate::input::check_finite;
use crate::labels::canonical_labels;

/// Relative tolerance for `d[i, j]` against `d[j, i]`.
const SYMMETRY_TOLERANCE: f64 = 1e-12;

/// One merge step: clusters `left` and `right` join at `distance` into `size` leaves.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Merge {
    /// The smaller id of the two merged clusters (a leaf `< n`, or `n + i` for merge `i`).
    pub left: usize,
    /// The larger id of the two merged clusters.
    pub right: usize,
    /// The average distance between the members of the two clusters.
    pub distance: f64,
    /// Number of leaves in the new cluster.
    pub size: usize,
}

/// A binary merge tree over `n_leaves` documents, as SciPy's linkage matrix `Z`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dendrogram {
    /// The `n_leaves - 1` merges in order of increasing distance.
    pub merges: Vec<Merge>,
    /// Number of leaves (documents).
    pub n_leaves: usize,
}

/// Average-linkage (UPGMA) clustering of a precomputed distance matrix.
///
/// `d` must be square with at least one row, finite, non-negative, with an exactly zero
/// diagonal and symmetric up to a relative `1e-12`; the upper triangle is used.
pub fn average_linkage(d: ArrayView2<f64>) -> Result<Dendrogram> {
    let n = check_distance_matrix(d)?;
    if n == 1 {
        return Ok(Dendrogram {
            merges: Vec::new(),
            n_leaves: 1,
        });
    }
    let mut condensed: Vec<f64> = (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .map(|(i, j)| d[[i, j]])
        .collect();
    let steps = kodama::linkage(&mut condensed, n, Method::Average);
    let merges = steps
        .steps()
        .iter()
        .map(|s| Merge {
            left: s.cluster1.min(s.cluster2),
            right: s.cluster1.max(s.cluster2),
            distance: s.dissimilarity,
            size: s.size,
        })
        .collect();
    Ok(Dendrogram {
        merges,
        n_leaves: n,
    })
}

/// Validates a distance matrix and returns its size.
fn check_distance_matrix(d: ArrayView2<f64>) -> Result<usize> {
    let (rows, cols) = d.dim();
    if rows != cols {
        return Err(ClusterError::NotSquare { rows, cols });
    }
    if rows == 0 {
        return Err(ClusterError::EmptyInput { rows, cols });
    }
    check_finite(d)?;
    for i in 0..rows {
        if d[[i, i]] != 0.0 {
            return Err(ClusterError::NonZeroDiagonal {
                i,
                value: d[[i, i]],
            });
        }
        for j in i + 1..rows {
            let (upper, lower) = (d[[i, j]], d[[j, i]]);
            let scale = upper.abs().max(lower.abs()).max(1.0);
            if (upper - lower).abs() > SYMMETRY_TOLERANCE * scale {
                return Err(ClusterError::Asymmetric { i, j, upper, lower });
            }
            if upper < 0.0 {
                return Err(ClusterError::NegativeDistance { i, j, value: upper });
            }
        }
    }
    Ok(rows)
}

impl Dendrogram {
    /// The leaves from left to right as the dendrogram is drawn, as SciPy's
    /// `dendrogram(Z)['leaves']` and `leaves_list(Z)`: each merge shows `left` before `right`.
    pub fn leaf_order(&self) -> Vec<usize> {
        let n = self.n_leaves;
        if n == 0 {
            return Vec::new();
        }
        let mut order = Vec::with_capacity(n);
        let mut stack = vec![2 * n - 2];
        while let Some(node) = stack.pop() {
            if node < n {
                order.push(node);
            } else {
                let merge = self.merges[node - n];
                stack.push(merge.right);
                stack.push(merge.left);
            }
        }
        order
    }

    /// Flat clusters with at most `k` members, as SciPy's `fcluster(Z, k, 'maxclust')` but
    /// with canonical 0-based labels (see [`crate::canonical_labels`]).
    ///
    /// The tree is cut at the lowest merge height that leaves at most `k` clusters, so tied
    /// heights can give fewer than `k`. `k >= n` gives one cluster per leaf, even for leaves
    /// at distance 0. `k = 0` behaves like `k = 1` (SciPy's result for 0 is degenerate).
    pub fn cut(&self, k: usize) -> Vec<usize> {
        let n = self.n_leaves;
        if k >= n {
            return (0..n).collect();
        }
        // Highest merge distance inside each cluster (SciPy's `maxdists`).
        let mut heights: Vec<f64> = Vec::with_capacity(self.merges.len());
        for merge in &self.merges {
            let child = |id: usize| {
                if id < n {
                    f64::NEG_INFINITY
                } else {
                    heights[id - n]
                }
            };
            let h = merge
                .distance
                .max(child(merge.left))
                .max(child(merge.right));
            heights.push(h);
        }
        let mut sorted = heights.clone();
        sorted.sort_by(f64::total_cmp);
        let wanted = k.max(1);
        let threshold = sorted
            .iter()
            .find(|&&t| n - heights.iter().filter(|&&h| h <= t).count() <= wanted)
            .copied()
            .unwrap_or(f64::INFINITY);
        let mut parent: Vec<usize> = (0..2 * n - 1).collect();
        for (i, merge) in self.merges.iter().enumerate() {
            if heights[i] <= threshold {
                parent[merge.left] = n + i;
                parent[merge.right] = n + i;
            }
        }
        let root = |mut node: usize| {
            while parent[node] != node {
                node = parent[node];
            }
            node
        };
        let roots: Vec<usize> = (0..n).map(root).collect();
        canonical_labels(&roots)
    }
}

#[cfg(test)]
mod tests;
