//! How alike groups of documents are (outlets, clusters): the mean pairwise cosine similarity
//! within and between groups, in `O(n d)` from the group means instead of `O(n² d)` pairs.
//!
//! For L2-normalised rows (zero rows allowed) the cosine of two rows is their dot product,
//! and the means follow from bilinearity. Let group `A` have `|A|` rows with mean
//! `μ_A = (1/|A|) Σ_{a∈A} a`.
//!
//! - Between groups `A ≠ B`, over the `|A| |B|` pairs:
//!   `(1/(|A||B|)) Σ_{a∈A} Σ_{b∈B} ⟨a, b⟩ = ⟨(1/|A|) Σ_a a, (1/|B|) Σ_b b⟩ = ⟨μ_A, μ_B⟩`.
//! - Within `A`, all `|A|²` ordered pairs including the self-pairs `(a, a)` give
//!   `(1/|A|²) Σ_a Σ_{a'} ⟨a, a'⟩ = ⟨μ_A, μ_A⟩ = |μ_A|²`. The self-pairs add
//!   `S_A = Σ_a |a|²` (`|A|` for unit rows, less for zero rows) to the sum `|A|² |μ_A|²`, so the
//!   `|A| (|A| - 1)` ordered pairs of distinct members average
//!   `(|A|² |μ_A|² - S_A) / (|A| (|A| - 1))`, which is `(|A| |μ_A|² - 1) / (|A| - 1)` for unit
//!   rows. Unordered pairs have the same mean (each is counted twice). A group of one row has
//!   no such pair: its diagonal entry is NaN.
//!
//! A zero row contributes 0 to every sum, as `cosine_similarity` gives it similarity 0 to
//! every row, so the result equals the mean of [`crate::cosine_similarity`] entries over the
//! same pairs. Rows that are not unit vectors give mean pairwise dot products instead.

use std::collections::BTreeMap;

use ndarray::{Array2, ArrayView2};
use sprs::CsMat;

use crate::error::{ClusterError, Result};
use crate::input::{check_labels_len, check_matrix};
use crate::sparse::{as_csr, check_csr};

/// Mean pairwise similarities within and between groups (see the module documentation).
#[derive(Clone, Debug, PartialEq)]
pub struct GroupSimilarity {
    /// The distinct labels in increasing order; row and column `g` of [`Self::similarity`]
    /// belong to `groups[g]`.
    pub groups: Vec<usize>,
    /// Number of rows in each group.
    pub sizes: Vec<usize>,
    /// `g x g`, symmetric: off the diagonal `⟨μ_A, μ_B⟩`, the mean cosine over all pairs of
    /// one member of each group; on the diagonal the mean over pairs of distinct members
    /// (NaN for a group of one).
    pub similarity: Array2<f64>,
    /// `g x g`, symmetric: the cosine of the group means, `⟨μ_A, μ_B⟩ / (|μ_A| |μ_B|)`, 1 on
    /// the diagonal (0 where a mean is zero). Unlike the mean pairwise similarity it does not
    /// shrink with the sparsity of single rows, so it is the distance a tree of groups needs.
    pub centroid_cosine: Array2<f64>,
}

/// [`GroupSimilarity`] of the L2-normalised dense rows of `x` grouped by `labels` (any ids,
/// one per row). Fails when `x` is empty or not finite, or `labels` has the wrong length.
pub fn centroid_similarity(x: ArrayView2<f64>, labels: &[usize]) -> Result<GroupSimilarity> {
    check_matrix(x)?;
    check_labels_len(x, labels)?;
    let mut sums = GroupSums::new(labels, x.ncols());
    for (row, &label) in x.rows().into_iter().zip(labels) {
        let g = sums.index[&label];
        sums.add(g, row.iter().copied().enumerate());
    }
    Ok(sums.finish())
}

/// [`centroid_similarity`] for L2-normalised CSR rows (CSC is converted first); sums run over
/// the stored entries only.
pub fn centroid_similarity_sparse(x: &CsMat<f64>, labels: &[usize]) -> Result<GroupSimilarity> {
    let x = as_csr(x);
    check_csr(&x)?;
    if labels.len() != x.rows() {
        return Err(ClusterError::LabelsLength {
            labels: labels.len(),
            rows: x.rows(),
        });
    }
    let mut sums = GroupSums::new(labels, x.cols());
    for (row, &label) in x.outer_iterator().zip(labels) {
        let g = sums.index[&label];
        sums.add(g, row.iter().map(|(j, &v)| (j, v)));
    }
    Ok(sums.finish())
}

/// [`centroid_similarity_sparse`] over rows handed one at a time, each as its
/// `(column, value)` entries: for callers that make each L2-normalised row on
/// the fly and keep no matrix. The sums run in the same order, so the result
/// equals that of the matrix the rows would make, bit for bit. Fails when a
/// row has a column of `cols` or more or a value that is not finite, or
/// `labels` does not have one entry per row.
pub fn centroid_similarity_of_rows<R, E>(
    cols: usize,
    labels: &[usize],
    rows: R,
) -> Result<GroupSimilarity>
where
    R: IntoIterator<Item = E>,
    E: IntoIterator<Item = (usize, f64)>,
{
    if labels.is_empty() || cols == 0 {
        return Err(ClusterError::EmptyInput {
            rows: labels.len(),
            cols,
        });
    }
    let mut sums = GroupSums::new(labels, cols);
    let mut n = 0;
    for (row, entries) in rows.into_iter().enumerate() {
        n += 1;
        let Some(label) = labels.get(row) else {
            continue;
        };
        let g = sums.index[label];
        for (col, value) in entries {
            if col >= cols {
                return Err(ClusterError::ColumnsMismatch {
                    expected: cols,
                    got: col + 1,
                });
            }
            if !value.is_finite() {
                return Err(ClusterError::NonFinite { row, col, value });
            }
            sums.add_entry(g, col, value);
        }
    }
    if n != labels.len() {
        return Err(ClusterError::LabelsLength {
            labels: labels.len(),
            rows: n,
        });
    }
    Ok(sums.finish())
}

/// Per-group sums of rows and of squared row norms, accumulated in row order.
struct GroupSums {
    index: BTreeMap<usize, usize>,
    sizes: Vec<usize>,
    sums: Array2<f64>,
    squared_norms: Vec<f64>,
}

impl GroupSums {
    fn new(labels: &[usize], cols: usize) -> Self {
        let mut index: BTreeMap<usize, usize> = labels.iter().map(|&l| (l, 0)).collect();
        for (g, slot) in index.values_mut().enumerate() {
            *slot = g;
        }
        let mut sizes = vec![0; index.len()];
        for label in labels {
            sizes[index[label]] += 1;
        }
        GroupSums {
            sums: Array2::zeros((index.len(), cols)),
            squared_norms: vec![0.0; index.len()],
            index,
            sizes,
        }
    }

    /// Adds one entry of a row to group `g`, as [`Self::add`] does.
    fn add_entry(&mut self, g: usize, j: usize, v: f64) {
        self.sums[[g, j]] += v;
        self.squared_norms[g] += v * v;
    }

    /// Adds one row, given as `(column, value)` pairs, to group `g`.
    fn add(&mut self, g: usize, entries: impl Iterator<Item = (usize, f64)>) {
        let mut sum = self.sums.row_mut(g);
        for (j, v) in entries {
            sum[j] += v;
            self.squared_norms[g] += v * v;
        }
    }

    fn finish(self) -> GroupSimilarity {
        let n_groups = self.sizes.len();
        let mut means = self.sums;
        for (mut mean, &size) in means.rows_mut().into_iter().zip(&self.sizes) {
            mean.mapv_inplace(|v| v / size as f64);
        }
        let mut similarity = Array2::<f64>::zeros((n_groups, n_groups));
        for a in 0..n_groups {
            for b in a..n_groups {
                let dot = means.row(a).dot(&means.row(b));
                let value = if a != b {
                    dot
                } else if self.sizes[a] < 2 {
                    // No pair of distinct members (0 / 0, or -inf after rounding).
                    f64::NAN
                } else {
                    let size = self.sizes[a] as f64;
                    (size * size * dot - self.squared_norms[a]) / (size * (size - 1.0))
                };
                similarity[[a, b]] = value;
                similarity[[b, a]] = value;
            }
        }
        let norms: Vec<f64> = means.rows().into_iter().map(|m| m.dot(&m).sqrt()).collect();
        let centroid_cosine = Array2::from_shape_fn((n_groups, n_groups), |(a, b)| {
            if a == b {
                1.0
            } else if norms[a] > 0.0 && norms[b] > 0.0 {
                means.row(a).dot(&means.row(b)) / (norms[a] * norms[b])
            } else {
                0.0
            }
        });
        GroupSimilarity {
            groups: self.index.into_keys().collect(),
            sizes: self.sizes,
            similarity,
            centroid_cosine,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{cosine_similarity, l2_normalize_rows};

    /// Brute force: the mean of `cosine_similarity` over all pairs of distinct rows with
    /// `labels` `(a, b)`.
    fn brute_force(x: ArrayView2<f64>, labels: &[usize], a: usize, b: usize) -> f64 {
        let sim = cosine_similarity(x);
        let (mut sum, mut pairs) = (0.0, 0usize);
        for i in 0..labels.len() {
            for j in 0..labels.len() {
                if i != j && labels[i] == a && labels[j] == b {
                    sum += sim[[i, j]];
                    pairs += 1;
                }
            }
        }
        sum / pairs as f64
    }

    fn sample() -> (Array2<f64>, Vec<usize>) {
        let raw = Array2::from_shape_fn((23, 6), |(i, j)| {
            let h = (i * 7919 + j * 104729) % 1009;
            if h % 3 == 0 {
                0.0
            } else {
                (h % 17) as f64 - 4.0
            }
        });
        let mut x = l2_normalize_rows(raw.view());
        x.row_mut(5).fill(0.0);
        let labels = (0..23).map(|i| [7, 3, 3, 9, 7][i % 5]).collect();
        (x, labels)
    }

    #[test]
    fn equals_brute_force_pairs_within_and_between_groups() {
        let (x, labels) = sample();
        let got = centroid_similarity(x.view(), &labels).unwrap();
        assert_eq!(got.groups, vec![3, 7, 9]);
        assert_eq!(got.sizes, vec![10, 9, 4]);
        for (ga, &a) in got.groups.iter().enumerate() {
            for (gb, &b) in got.groups.iter().enumerate() {
                let want = brute_force(x.view(), &labels, a, b);
                let value = got.similarity[[ga, gb]];
                assert!((value - want).abs() < 1e-14, "{a} {b}: {value} vs {want}");
            }
        }
    }

    #[test]
    fn self_pairs_are_excluded_from_the_diagonal() {
        // Two orthogonal unit rows in one group: the pair's cosine is 0, while the mean over
        // all four ordered pairs with self-pairs would be |μ|² = 0.5.
        let x = ndarray::array![[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]];
        let got = centroid_similarity(x.view(), &[0, 0, 1]).unwrap();
        assert_eq!(got.similarity[[0, 0]], 0.0);
        assert!((got.similarity[[0, 1]] - 0.7).abs() < 1e-15);
        assert!(
            got.similarity[[1, 1]].is_nan(),
            "a group of one has no pair"
        );
        // Group means (0.5, 0.5) and (0.6, 0.8): cosine 0.7 / (sqrt(0.5) * 1).
        let want = 0.7 / 0.5f64.sqrt();
        assert!((got.centroid_cosine[[0, 1]] - want).abs() < 1e-15);
        assert_eq!(got.centroid_cosine[[1, 1]], 1.0);
    }

    /// The nonzero entries of `x` as CSR.
    fn to_csr(x: &Array2<f64>) -> CsMat<f64> {
        let mut tri = sprs::TriMat::new(x.dim());
        for ((i, j), &v) in x.indexed_iter() {
            if v != 0.0 {
                tri.add_triplet(i, j, v);
            }
        }
        tri.to_csr()
    }

    #[test]
    fn sparse_and_dense_agree() {
        let (x, labels) = sample();
        let csr = to_csr(&x);
        let dense = centroid_similarity(x.view(), &labels).unwrap();
        for sparse in [
            centroid_similarity_sparse(&csr, &labels).unwrap(),
            centroid_similarity_sparse(&csr.to_csc(), &labels).unwrap(),
        ] {
            assert_eq!(
                (&sparse.groups, &sparse.sizes),
                (&dense.groups, &dense.sizes)
            );
            let diff = &sparse.similarity - &dense.similarity;
            assert!(diff.iter().all(|d| d.abs() < 1e-15));
        }
    }

    #[test]
    fn rows_one_at_a_time_equal_the_matrix_bit_for_bit() {
        let (x, labels) = sample();
        let csr = to_csr(&x);
        let rows = csr
            .outer_iterator()
            .map(|row| row.iter().map(|(j, &v)| (j, v)).collect::<Vec<_>>());
        let one_at_a_time = centroid_similarity_of_rows(csr.cols(), &labels, rows).unwrap();
        assert_eq!(
            one_at_a_time,
            centroid_similarity_sparse(&csr, &labels).unwrap()
        );
        let too_few = centroid_similarity_of_rows(2, &[0, 1], [vec![(0, 1.0)]]);
        assert!(matches!(
            too_few,
            Err(ClusterError::LabelsLength { labels: 2, rows: 1 })
        ));
        let wide = centroid_similarity_of_rows(2, &[0], [vec![(2, 1.0)]]);
        assert!(matches!(
            wide,
            Err(ClusterError::ColumnsMismatch {
                expected: 2,
                got: 3
            })
        ));
        let nan = centroid_similarity_of_rows(2, &[0], [vec![(1, f64::NAN)]]);
        assert!(matches!(
            nan,
            Err(ClusterError::NonFinite { row: 0, col: 1, .. })
        ));
    }

    #[test]
    fn errors() {
        let (x, labels) = sample();
        let err = centroid_similarity(x.view(), &labels[1..]).unwrap_err();
        assert_eq!(err.to_string(), "labels has 22 entries but x has 23 rows");
        let csr = CsMat::new((1, 2), vec![0, 1], vec![0], vec![1.0]);
        assert!(matches!(
            centroid_similarity_sparse(&csr, &[0, 1]),
            Err(ClusterError::LabelsLength { labels: 2, rows: 1 })
        ));
        let empty = Array2::<f64>::zeros((0, 2));
        assert!(centroid_similarity(empty.view(), &[]).is_err());
    }
}
