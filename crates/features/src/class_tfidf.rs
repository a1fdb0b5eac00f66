//! Label words for groups (outlets, clusters): BERTopic's class-based
//! TF-IDF, so a group's top words can be checked against `bertopic`.

use sprs::{CsMat, SpIndex, TriMat};

use crate::matrix::{AnyMatrix, MatrixValue};

/// Why c-TF-IDF could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClassTfidfError {
    /// The count matrix is in CSC order.
    #[error("the count matrix must be in CSR (row) order")]
    NotCsr,
    /// `groups` does not have one entry per article.
    #[error("{groups} group ids for {rows} articles")]
    GroupsLength {
        /// Length of `groups`.
        groups: usize,
        /// Rows of the count matrix.
        rows: usize,
    },
    /// No groups were asked for.
    #[error("n_groups must be at least 1")]
    NoGroups,
    /// An article's group id is not below `n_groups`.
    #[error("article {row} has group {group}, but group ids must be below n_groups = {n_groups}")]
    GroupOutOfRange {
        /// Row of the article.
        row: usize,
        /// Its group id.
        group: usize,
        /// The number of groups asked for.
        n_groups: usize,
    },
}

/// A fitted c-TF-IDF weighting.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassTfidf {
    /// Groups x terms weights in CSR order, same column order as the counts.
    pub matrix: CsMat<f64>,
    /// Per column: `ln(A / df + 1)`.
    pub idf: Vec<f64>,
    /// `A`: the average number of counted tokens per group, truncated to an
    /// integer as BERTopic does.
    pub average_words: u64,
}

/// BERTopic's c-TF-IDF of each group.
///
/// With `X` the groups x terms matrix of summed counts (row `g` is the sum
/// of the rows of the articles with `groups[row] == g`):
///
/// - `df(t) = Σ_g X[g, t]`, the term's frequency over all groups;
/// - `A = int(mean_g Σ_t X[g, t])`, the average number of words per group,
///   truncated toward zero as BERTopic's `int(X.sum(axis=1).mean())` does
///   (groups without articles or tokens count in the mean, as a topic whose
///   documents have no vocabulary words does in BERTopic);
/// - `idf(t) = ln(A / df(t) + 1)`;
/// - `w[g, t] = X[g, t] / Σ_t X[g, t] * idf(t)` (rows l1-normalised as
///   scikit-learn's `normalize(X, norm="l1")`, all-zero rows stay zero).
///
/// This is `bertopic.vectorizers.ClassTfidfTransformer` with its defaults
/// (`bm25_weighting=False`, `reduce_frequent_words=False`, no seed words)
/// applied to `X`, operation for operation. A column no group uses gets
/// numpy's `idf` (`inf`, or `NaN` when `A = 0`) and no stored weight.
///
/// ```
/// use sprs::CsMat;
/// use features::class_tfidf::{class_tfidf, top_terms};
/// // Groups [0, 1]: row sums 4 and 2, A = int(3.0) = 3.
/// let counts = CsMat::new((2, 2), vec![0, 2, 3], vec![0, 1, 1], vec![3.0, 1.0, 2.0]);
/// let c = class_tfidf(&counts, &[0, 1], 2).unwrap();
/// assert_eq!(c.average_words, 3);
/// // df = [3, 3]: idf = ln(3/3 + 1) = ln 2 for both terms.
/// assert!((c.matrix.get(0, 0).unwrap() - 0.75 * 2f64.ln()).abs() < 1e-15);
/// assert_eq!(top_terms(&c.matrix, 0, 5)[0].0, 0);
/// ```
pub fn class_tfidf<N: MatrixValue, I: SpIndex>(
    counts: &AnyMatrix<N, I>,
    groups: &[usize],
    n_groups: usize,
) -> Result<ClassTfidf, ClassTfidfError> {
    if !counts.is_csr() {
        return Err(ClassTfidfError::NotCsr);
    }
    if groups.len() != counts.rows() {
        return Err(ClassTfidfError::GroupsLength {
            groups: groups.len(),
            rows: counts.rows(),
        });
    }
    if n_groups == 0 {
        return Err(ClassTfidfError::NoGroups);
    }
    if let Some((row, &group)) = groups.iter().enumerate().find(|(_, g)| **g >= n_groups) {
        return Err(ClassTfidfError::GroupOutOfRange {
            row,
            group,
            n_groups,
        });
    }

    let summed = group_sums(counts, groups, n_groups);
    let n_terms = counts.cols();
    let mut df = vec![0.0; n_terms];
    for (&column, &value) in summed.indices().iter().zip(summed.data()) {
        df[column] += value;
    }
    let row_sums: Vec<f64> = summed
        .outer_iterator()
        .map(|row| row.data().iter().sum())
        .collect();
    let average = row_sums.iter().sum::<f64>() / n_groups as f64;
    let average_words = average.trunc() as u64;
    let a = average_words as f64;
    let idf: Vec<f64> = df.iter().map(|&df| (a / df + 1.0).ln()).collect();

    let indptr = summed.indptr().to_owned().into_raw_storage();
    let indices = summed.indices().to_vec();
    let mut data = summed.data().to_vec();
    for range in indptr.windows(2) {
        let norm: f64 = data[range[0]..range[1]].iter().map(|v| v.abs()).sum();
        for k in range[0]..range[1] {
            let tf = if norm > 0.0 { data[k] / norm } else { data[k] };
            data[k] = tf * idf[indices[k]];
        }
    }
    Ok(ClassTfidf {
        matrix: CsMat::new((n_groups, n_terms), indptr, indices, data),
        idf,
        average_words,
    })
}

/// Groups x terms sums of the article rows, in CSR order with sorted
/// columns and no explicit zeros. Rows are added in article order.
fn group_sums<N: MatrixValue, I: SpIndex>(
    counts: &AnyMatrix<N, I>,
    groups: &[usize],
    n_groups: usize,
) -> CsMat<f64> {
    let mut dense = vec![0.0; counts.cols()];
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_groups];
    for (row, &group) in groups.iter().enumerate() {
        members[group].push(row);
    }
    let mut tri = TriMat::new((n_groups, counts.cols()));
    for (group, rows) in members.iter().enumerate() {
        let mut touched = Vec::new();
        for &row in rows {
            if let Some(view) = counts.outer_view(row) {
                for (column, &value) in view.iter() {
                    let value: f64 = value.into();
                    if dense[column] == 0.0 {
                        touched.push(column);
                    }
                    dense[column] += value;
                }
            }
        }
        touched.sort_unstable();
        touched.dedup();
        for column in touched {
            if dense[column] != 0.0 {
                tri.add_triplet(group, column, dense[column]);
            }
            dense[column] = 0.0;
        }
    }
    tri.to_csr()
}

/// The `n` highest weights of row `group` of `matrix` as `(column, weight)`,
/// highest first, ties by column ascending. Only stored, non-zero entries
/// are candidates, so fewer than `n` may come back.
///
/// # Panics
///
/// If `matrix` is not in CSR order or `group` is not one of its rows.
pub fn top_terms(matrix: &CsMat<f64>, group: usize, n: usize) -> Vec<(usize, f64)> {
    assert!(matrix.is_csr(), "top_terms needs a CSR matrix");
    let row = matrix.outer_view(group).unwrap_or_else(|| {
        panic!(
            "group {group} is not a row of a matrix with {} rows",
            matrix.rows()
        )
    });
    let mut terms: Vec<(usize, f64)> = row
        .iter()
        .filter(|(_, w)| **w != 0.0)
        .map(|(column, &w)| (column, w))
        .collect();
    terms.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    terms.truncate(n);
    terms
}

#[cfg(test)]
mod tests;
