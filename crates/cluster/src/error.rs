//! Why a clustering call failed: one error type for the crate, with parameter errors apart.
//!
//! Messages are lowercase, have no trailing period and name the offending value, so callers
//! can show them as they are.

use thiserror::Error;

/// A parameter that is invalid whatever the data (linfa's habit: checked before any fitting).
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ParamError {
    /// The number of clusters `k` is zero.
    #[error("k = 0, but at least one cluster is needed")]
    ZeroK,
    /// The number of k-means restarts is zero.
    #[error("n_init = 0, but at least one k-means run is needed")]
    ZeroNInit,
    /// The iteration limit is zero.
    #[error("max_iter = 0, but at least one iteration is needed")]
    ZeroMaxIter,
    /// The convergence tolerance is not a positive finite number.
    #[error("tolerance = {0} must be positive and finite")]
    Tolerance(f64),
    /// The number of LSA components is zero.
    #[error("dims = 0, but at least one component is needed")]
    ZeroDims,
    /// The LSA fit sample has no rows.
    #[error("fit_sample = 0, but at least one row is needed")]
    ZeroFitSample,
    /// The silhouette sample has no rows.
    #[error("sample_size = 0, but the silhouette needs rows to score")]
    ZeroSampleSize,
}

/// Everything that can go wrong in this crate.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ClusterError {
    /// A parameter is invalid whatever the data.
    #[error(transparent)]
    Param(#[from] ParamError),
    /// The input matrix has no rows or no columns.
    #[error("input matrix is empty ({rows} x {cols})")]
    EmptyInput {
        /// Number of rows of the input.
        rows: usize,
        /// Number of columns of the input.
        cols: usize,
    },
    /// An input value is NaN or infinite.
    #[error("x[{row}, {col}] = {value} is not finite")]
    NonFinite {
        /// Row of the offending value.
        row: usize,
        /// Column of the offending value.
        col: usize,
        /// The offending value.
        value: f64,
    },
    /// More clusters were asked for than there are rows.
    #[error("k = {k} exceeds the number of rows ({rows})")]
    KExceedsRows {
        /// The requested number of clusters.
        k: usize,
        /// The number of rows of the input.
        rows: usize,
    },
    /// A label vector does not have one entry per row.
    #[error("labels has {labels} entries but x has {rows} rows")]
    LabelsLength {
        /// Length of the label vector.
        labels: usize,
        /// Number of rows of the input.
        rows: usize,
    },
    /// Two labelings to compare have different lengths.
    #[error("labelings differ in length: a has {a} entries, b has {b}")]
    LabelingsLength {
        /// Length of the first labeling.
        a: usize,
        /// Length of the second labeling.
        b: usize,
    },
    /// The silhouette needs between 2 and n - 1 distinct labels.
    #[error("{labels} distinct labels for {samples} samples; the silhouette needs 2 to n - 1")]
    LabelCount {
        /// Number of distinct labels.
        labels: usize,
        /// Number of samples.
        samples: usize,
    },
    /// No candidate k is left after clipping the range to `2..=n - 1`.
    #[error("no k in {start}..={end} lies in 2..=n - 1 for n = {rows} rows")]
    NoCandidateK {
        /// First k asked for.
        start: usize,
        /// Last k asked for.
        end: usize,
        /// Number of rows of the input.
        rows: usize,
    },
    /// A stability check needs several runs to compare.
    #[error("stability needs at least 2 seeds, got {seeds}")]
    TooFewSeeds {
        /// Number of seeds given.
        seeds: usize,
    },
    /// An input value so large that sums of squared distances would overflow to infinity.
    #[error("x[{row}, {col}] = {value:e} is too large for k-means: |x| must not exceed {limit:e}")]
    TooLarge {
        /// Row of the offending value.
        row: usize,
        /// Column of the offending value.
        col: usize,
        /// The offending value.
        value: f64,
        /// The largest magnitude for which every sum of squared distances stays finite.
        limit: f64,
    },
    /// More LSA components were asked for than the fitted matrix has rows or columns.
    #[error("dims = {dims} exceeds min(rows, cols) of the fitted {rows} x {cols} matrix")]
    DimsExceedRank {
        /// The requested number of components.
        dims: usize,
        /// Rows of the fitted matrix (the sample, with `fit_sample`).
        rows: usize,
        /// Columns of the fitted matrix.
        cols: usize,
    },
    /// A matrix to transform has another number of columns than the fitted one.
    #[error("x has {got} columns but the model was fitted on {expected}")]
    ColumnsMismatch {
        /// Columns of the fitted matrix.
        expected: usize,
        /// Columns of the given matrix.
        got: usize,
    },
    /// linfa-linalg failed on a small dense factorisation (not expected for finite input).
    #[error("linear algebra failed: {0}")]
    Linalg(String),
    /// A distance matrix is not square.
    #[error("distance matrix is not square ({rows} x {cols})")]
    NotSquare {
        /// Number of rows.
        rows: usize,
        /// Number of columns.
        cols: usize,
    },
    /// A distance matrix has a non-zero diagonal entry.
    #[error("distance matrix diagonal d[{i}, {i}] = {value} is not zero")]
    NonZeroDiagonal {
        /// Index of the diagonal entry.
        i: usize,
        /// The offending value.
        value: f64,
    },
    /// A distance matrix is not symmetric.
    #[error("distance matrix is not symmetric: d[{i}, {j}] = {upper} but d[{j}, {i}] = {lower}")]
    Asymmetric {
        /// Row of the upper-triangle entry.
        i: usize,
        /// Column of the upper-triangle entry.
        j: usize,
        /// The entry `d[i, j]`.
        upper: f64,
        /// The entry `d[j, i]`.
        lower: f64,
    },
    /// A distance matrix has a negative entry.
    #[error("distance d[{i}, {j}] = {value} is negative")]
    NegativeDistance {
        /// Row of the offending entry.
        i: usize,
        /// Column of the offending entry.
        j: usize,
        /// The offending value.
        value: f64,
    },
}

/// Result with [`ClusterError`].
pub type Result<T, E = ClusterError> = std::result::Result<T, E>;
