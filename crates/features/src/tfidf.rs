//! TF-IDF weights with scikit-learn's formula, parameter names and defaults,
//! so every number can be checked against `TfidfVectorizer`.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sprs::{CsMat, SpIndex};

use crate::error::FeatureError;
use crate::matrix::{AnyMatrix, MatrixValue};
use crate::vocabulary::DocFrequency;

/// Row normalisation, as scikit-learn's `norm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Norm {
    /// Rows sum to 1 in absolute value.
    L1,
    /// Rows have unit Euclidean length (cosine similarity is then a dot product).
    L2,
}

/// TF-IDF settings; names and defaults are scikit-learn's `TfidfVectorizer`'s.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TfidfConfig {
    /// Add one to document frequencies, as if one extra article held every
    /// term once (prevents division by zero). Default `true`.
    pub smooth_idf: bool,
    /// Replace tf with `1 + ln(tf)`. Default `false`.
    pub sublinear_tf: bool,
    /// Row normalisation; `None` leaves rows as they are. Default `l2`.
    pub norm: Option<Norm>,
    /// Drop terms in fewer articles than this. Default `1`.
    pub min_df: DocFrequency,
    /// Drop terms in more articles than this. Default `1.0`.
    pub max_df: DocFrequency,
}

impl Default for TfidfConfig {
    fn default() -> Self {
        TfidfConfig {
            smooth_idf: true,
            sublinear_tf: false,
            norm: Some(Norm::L2),
            min_df: DocFrequency::Count(1),
            max_df: DocFrequency::Share(1.0),
        }
    }
}

/// A fitted TF-IDF weighting.
#[derive(Debug, Clone)]
pub struct Tfidf {
    /// Articles x terms weights, same shape and column order as the counts.
    pub matrix: CsMat<f64>,
    /// Inverse document frequency per column.
    pub idf: Vec<f64>,
}

/// Weights a count matrix (articles x terms).
///
/// With `n` articles and `df(t)` the number of articles containing term `t`:
///
/// - `idf(t) = ln((1 + n) / (1 + df(t))) + 1` with `smooth_idf`,
///   `ln(n / df(t)) + 1` without;
/// - `tf = count`, or `1 + ln(count)` with `sublinear_tf`;
/// - `w = tf * idf`, each row then scaled to unit L2 (or L1) norm; all-zero
///   rows stay zero.
///
/// This is scikit-learn's `TfidfTransformer` (1.x) term for term; Rahmen's
/// data files are checked against it (see `docs/data-contract.md`).
///
/// ```
/// use features::{tfidf, TfidfConfig};
/// use sprs::{CsMat, SpIndex};
/// // Two articles, two terms: term 0 in both, term 1 only in the first.
/// let counts = CsMat::new((2, 2), vec![0, 2, 3], vec![0, 1, 0], vec![1.0, 1.0, 2.0]);
/// let weights = tfidf(&counts, &TfidfConfig::default()).unwrap();
/// assert_eq!(weights.idf[0], 1.0);
/// assert!((weights.idf[1] - ((3.0f64 / 2.0).ln() + 1.0)).abs() < 1e-15);
/// assert_eq!(weights.matrix.get(1, 0), Some(&1.0));
/// ```
pub fn tfidf<N: MatrixValue, I: SpIndex>(
    counts: &AnyMatrix<N, I>,
    config: &TfidfConfig,
) -> Result<Tfidf, FeatureError> {
    check_csr(counts)?;
    tfidf_from_counts(counts.to_other_types::<usize, f64, usize>(), config)
}

/// [`tfidf`], weighting `counts` in place: for callers that need only the
/// weights, it spares a copy of the matrix (hundreds of megabytes at
/// corpus scale).
pub fn tfidf_from_counts(counts: CsMat<f64>, config: &TfidfConfig) -> Result<Tfidf, FeatureError> {
    check_csr(&counts)?;
    let idf = idf_of(&counts, config);

    // Rows are weighted in parallel; each row's arithmetic is the same
    // whatever the thread count. The values change in place, the structure
    // not at all, so the matrix is never rebuilt (or checked again).
    let mut counts = counts;
    let mut rows: Vec<_> = counts.outer_iterator_mut().collect();
    rows.par_iter_mut().for_each(|row| {
        for (column, value) in row.iter_mut() {
            *value = weight(*value, idf[column], config);
        }
        if let Some(length) = config.norm.map(|norm| length(row.data(), norm)) {
            if length > 0.0 {
                row.map_inplace(|v| v / length);
            }
        }
    });
    drop(rows);
    Ok(Tfidf {
        matrix: counts,
        idf,
    })
}

/// The inverse document frequency of every column of a count matrix, the
/// `idf` of [`tfidf`]: for callers that weight one row at a time
/// ([`weight_row`]) and keep no second matrix.
pub fn idf<N: MatrixValue, I: SpIndex>(
    counts: &AnyMatrix<N, I>,
    config: &TfidfConfig,
) -> Result<Vec<f64>, FeatureError> {
    check_csr(counts)?;
    Ok(idf_of(counts, config))
}

/// [`idf`] of a checked matrix.
fn idf_of<N: MatrixValue, I: SpIndex>(counts: &AnyMatrix<N, I>, config: &TfidfConfig) -> Vec<f64> {
    let (n_docs, n_terms) = counts.shape();
    // Document frequencies over fixed runs of entries, summed (integers).
    let df = counts
        .indices()
        .par_chunks(1 << 20)
        .map(|columns| {
            let mut df = vec![0usize; n_terms];
            for column in columns {
                df[column.index()] += 1;
            }
            df
        })
        .reduce(
            || vec![0usize; n_terms],
            |mut df, other| {
                df.iter_mut().zip(other).for_each(|(a, b)| *a += b);
                df
            },
        );
    let smooth = usize::from(config.smooth_idf);
    df.iter()
        .map(|&d| (((n_docs + smooth) as f64) / ((d + smooth) as f64)).ln() + 1.0)
        .collect()
}

/// One row of [`tfidf`] from its counts, weighted in place: `columns` are
/// the row's term columns, `values` their counts; afterwards the weights,
/// bit for bit those of the matrix [`tfidf`] returns. For callers that need
/// a row at a time and not the second matrix (a large corpus's data files).
pub fn weight_row<I: SpIndex>(
    columns: &[I],
    values: &mut [f64],
    idf: &[f64],
    config: &TfidfConfig,
) {
    for (column, value) in columns.iter().zip(values.iter_mut()) {
        *value = weight(*value, idf[column.index()], config);
    }
    if let Some(length) = config.norm.map(|norm| length(values, norm)) {
        if length > 0.0 {
            values.iter_mut().for_each(|v| *v /= length);
        }
    }
}

/// One count's weight before normalisation, as scikit-learn computes it.
fn weight(count: f64, idf: f64, config: &TfidfConfig) -> f64 {
    let tf = if config.sublinear_tf {
        count.ln() + 1.0
    } else {
        count
    };
    tf * idf
}

/// A row's length under `norm`.
fn length(values: &[f64], norm: Norm) -> f64 {
    match norm {
        Norm::L1 => values.iter().map(|v| v.abs()).sum::<f64>(),
        Norm::L2 => values.iter().map(|v| v * v).sum::<f64>().sqrt(),
    }
}

fn check_csr<N, I: SpIndex>(counts: &AnyMatrix<N, I>) -> Result<(), FeatureError> {
    if counts.is_csr() {
        Ok(())
    } else {
        Err(FeatureError::Setting {
            name: "counts",
            message: "the count matrix must be in CSR (row) order".to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_at_a_time_equals_the_matrix() {
        let counts = sklearn_example();
        let config = TfidfConfig {
            sublinear_tf: true,
            ..TfidfConfig::default()
        };
        let whole = tfidf(&counts, &config).unwrap();
        for (i, row) in counts.outer_iterator().enumerate() {
            let mut values = row.data().to_vec();
            weight_row(row.indices(), &mut values, &whole.idf, &config);
            assert_eq!(values, whole.matrix.outer_view(i).unwrap().data());
        }
    }

    #[test]
    fn weighting_in_place_equals_weighting_a_copy() {
        let counts = sklearn_example();
        for config in [
            TfidfConfig::default(),
            TfidfConfig {
                sublinear_tf: true,
                norm: Some(Norm::L1),
                ..TfidfConfig::default()
            },
        ] {
            let copied = tfidf(&counts, &config).unwrap();
            let in_place = tfidf_from_counts(counts.clone(), &config).unwrap();
            assert_eq!(copied.matrix, in_place.matrix);
            assert_eq!(copied.idf, in_place.idf);
        }
        let csc = counts.to_csc();
        assert!(tfidf_from_counts(csc, &TfidfConfig::default()).is_err());
    }

    /// The counts of the scikit-learn documentation's four-sentence example
    /// ("This is the first document." ...) after its CountVectorizer.
    fn sklearn_example() -> CsMat<f64> {
        let dense = [
            [0., 1., 1., 1., 0., 0., 1., 0., 1.],
            [0., 2., 0., 1., 0., 1., 1., 0., 1.],
            [1., 0., 0., 1., 1., 0., 1., 1., 1.],
            [0., 1., 1., 1., 0., 0., 1., 0., 1.],
        ];
        let mut tri = sprs::TriMat::new((4, 9));
        for (r, row) in dense.iter().enumerate() {
            for (c, &v) in row.iter().enumerate() {
                if v != 0.0 {
                    tri.add_triplet(r, c, v);
                }
            }
        }
        tri.to_csr()
    }

    fn check(config: TfidfConfig, row: usize, expected: &[f64]) {
        let weights = tfidf(&sklearn_example(), &config).unwrap();
        let dense = weights.matrix.to_dense();
        for (column, want) in expected.iter().enumerate() {
            let got = dense[[row, column]];
            assert!(
                (got - want).abs() < 1e-12,
                "row {row} column {column}: {got} != {want}"
            );
        }
    }

    // Reference rows from scikit-learn 1.9 on the four documents above:
    // TfidfVectorizer(**settings).fit_transform(corpus).toarray()[1]
    #[test]
    fn defaults_match_scikit_learn() {
        check(
            TfidfConfig::default(),
            1,
            &[
                0.,
                0.6876235979836938,
                0.,
                0.281088674033753,
                0.,
                0.5386476208856763,
                0.281088674033753,
                0.,
                0.281088674033753,
            ],
        );
    }

    #[test]
    fn variants_match_scikit_learn() {
        check(
            TfidfConfig {
                smooth_idf: false,
                ..TfidfConfig::default()
            },
            1,
            &[
                0.,
                0.6578266523342082,
                0.,
                0.25543053926412473,
                0.,
                0.6095324555037936,
                0.25543053926412473,
                0.,
                0.25543053926412473,
            ],
        );
        check(
            TfidfConfig {
                sublinear_tf: true,
                ..TfidfConfig::default()
            },
            1,
            &[
                0.,
                0.6255268888558354,
                0.,
                0.30204652337623095,
                0.,
                0.5788089533406816,
                0.30204652337623095,
                0.,
                0.30204652337623095,
            ],
        );
        check(
            TfidfConfig {
                norm: None,
                ..TfidfConfig::default()
            },
            1,
            &[
                0.,
                2.4462871026284194,
                0.,
                1.,
                0.,
                1.916290731874155,
                1.,
                0.,
                1.,
            ],
        );
        check(
            TfidfConfig {
                norm: Some(Norm::L1),
                ..TfidfConfig::default()
            },
            1,
            &[
                0.,
                0.3322595913573379,
                0.,
                0.13582199366555983,
                0.,
                0.2602744276459825,
                0.13582199366555983,
                0.,
                0.13582199366555983,
            ],
        );
    }

    #[test]
    fn zero_rows_stay_zero() {
        let counts = CsMat::new((2, 1), vec![0, 0, 1], vec![0], vec![3.0]);
        let weights = tfidf(&counts, &TfidfConfig::default()).unwrap();
        assert_eq!(
            weights.matrix.to_dense().into_raw_vec_and_offset().0,
            [0.0, 1.0]
        );
    }
}
