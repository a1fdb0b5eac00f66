//! The sparse matrix types counts and weights travel in: a compact one for
//! the article counts, which at a million articles is the largest thing an
//! analysis holds, and `f64` matrices for sums and weights; functions that
//! read either are generic over [`MatrixValue`].

/// An articles x terms count matrix (CSR): 32-bit columns and 32-bit
/// whole-number counts, 8 bytes an entry where a `CsMat<f64>` takes 16. At
/// a million articles it is the largest thing the analysis holds.
pub type CountMatrix = sprs::CsMatI<u32, u32, usize>;

/// What a count or weight matrix may hold: anything read as `f64` (the
/// `u32` of a [`CountMatrix`], the `f64` of sums and weights).
pub trait MatrixValue: Copy + Into<f64> + Send + Sync {}

impl<T: Copy + Into<f64> + Send + Sync> MatrixValue for T {}

/// A CSR matrix of counts or weights as any of the crate's functions take
/// it: a [`CountMatrix`] or a `CsMat<f64>`.
pub type AnyMatrix<N, I> = sprs::CsMatI<N, I, usize>;
