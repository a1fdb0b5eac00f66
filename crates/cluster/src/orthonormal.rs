//! Orthonormal bases of tall matrices (thin QR), the workhorse of the randomized SVD in
//! [`crate::lsa`].
//!
//! [`thin_qr`] runs Cholesky QR twice (CholQR2; Fukaya, Nakatsukasa, Yanagisawa & Yamamoto,
//! 2014): `R1 = chol(AᵀA)`, `Q1 = A R1⁻¹`, then the same on `Q1` to restore the orthogonality
//! that rounding took. Its work is matrix products over fixed row chunks, so it is parallel,
//! deterministic whatever the thread count, and fast: linfa-linalg's Householder QR took 3.9 s
//! on a 40,000 x 110 matrix here, which a randomized SVD needs ten times.
//!
//! CholQR2 is accurate while `cond(A)` stays below about 1e7. When the Cholesky factor shows a
//! worse condition (a rank-deficient input, such as a matrix of rank below the sketch width) or
//! the second pass still finds `Q1` far from orthonormal, [`thin_qr`] falls back to
//! linfa-linalg's Householder QR, which is stable for any input.
//!
//! [`basis`] stops after the first pass: its columns are orthonormal up to `ε cond(A)²`, which
//! is all a power iteration needs between its steps (the next step re-orthonormalises), at half
//! the cost. Matrix products run over chunks of [`GEMM_ROWS`] rows: larger than the crate's
//! usual chunks, because matrixmultiply allocates its packing buffers per call.

use linfa_linalg::qr::QRInto;
use ndarray::linalg::general_mat_mul;
use ndarray::{Array2, ArrayView2, ArrayViewMut2, Axis, Slice};
use rayon::prelude::*;

use crate::error::{ClusterError, Result};
use crate::parallel::map_chunks_of;

/// Rows per matrix product (see the module documentation).
const GEMM_ROWS: usize = 8192;

/// Smallest accepted Cholesky pivot, relative to the largest diagonal entry of `AᵀA`: smaller
/// pivots mean `cond(A)` above about 1e7, where CholQR2 loses orthogonality.
const PIVOT_TOLERANCE: f64 = 1e-14;

/// Largest accepted entry of `Q1ᵀQ1 - I` before the second pass.
const ORTHOGONALITY_TOLERANCE: f64 = 0.5;

/// A thin QR factorisation `A = Q R` of an `m x l` matrix with `m >= l`.
pub(crate) struct ThinQr {
    /// `m x l` with orthonormal columns.
    pub(crate) q: Array2<f64>,
    /// `l x l` upper triangular.
    pub(crate) r: Array2<f64>,
}

/// Thin QR of the tall matrix `a` (`m >= l`): CholQR2, or Householder QR when `a` is
/// ill-conditioned (see the module documentation).
pub(crate) fn thin_qr(a: Array2<f64>) -> Result<ThinQr> {
    debug_assert!(a.nrows() >= a.ncols());
    match cholesky_qr2(a.view()) {
        Some(qr) => Ok(qr),
        None => householder_qr(a),
    }
}

/// An orthonormal basis of the columns of the tall matrix `a` (`m >= l`), to about
/// `ε cond(a)²`: one Cholesky QR pass, or Householder QR when `a` is ill-conditioned.
pub(crate) fn basis(a: Array2<f64>) -> Result<Array2<f64>> {
    let g = gram(a.view());
    let scale = g.diag().iter().fold(0.0f64, |m, &v| m.max(v));
    match cholesky_upper(&g, PIVOT_TOLERANCE * scale) {
        Some(r) => Ok(product_by_rows(a.view(), upper_inverse(&r).view())),
        None => Ok(householder_qr(a)?.q),
    }
}

/// CholQR2, or `None` when `a` is too ill-conditioned for it.
fn cholesky_qr2(a: ArrayView2<f64>) -> Option<ThinQr> {
    let g1 = gram(a);
    let scale = g1.diag().iter().fold(0.0f64, |m, &v| m.max(v));
    let r1 = cholesky_upper(&g1, PIVOT_TOLERANCE * scale)?;
    let q1 = product_by_rows(a, upper_inverse(&r1).view());
    let mut g2 = gram(q1.view());
    let deviation = g2
        .indexed_iter()
        .map(|((i, j), &v)| (v - if i == j { 1.0 } else { 0.0 }).abs())
        .fold(0.0f64, f64::max);
    // NaN (from an overflow) fails the comparison and falls back too.
    if deviation.is_nan() || deviation > ORTHOGONALITY_TOLERANCE {
        return None;
    }
    g2.diag_mut().iter_mut().for_each(|v| *v = v.max(0.0));
    let r2 = cholesky_upper(&g2, PIVOT_TOLERANCE)?;
    let q = product_by_rows(q1.view(), upper_inverse(&r2).view());
    Some(ThinQr { q, r: r2.dot(&r1) })
}

/// Householder QR by linfa-linalg (always stable, slow on large matrices).
fn householder_qr(a: Array2<f64>) -> Result<ThinQr> {
    let (q, r) = a
        .qr_into()
        .map_err(|e| ClusterError::Linalg(e.to_string()))?
        .into_decomp();
    Ok(ThinQr { q, r })
}

/// `aᵀ a`, summed over fixed row chunks in chunk order.
pub(crate) fn gram(a: ArrayView2<f64>) -> Array2<f64> {
    let l = a.ncols();
    map_chunks_of(a.nrows(), GEMM_ROWS, |rows| {
        let block = a.slice_axis(Axis(0), Slice::from(rows));
        block.t().dot(&block)
    })
    .into_iter()
    .fold(Array2::zeros((l, l)), |sum, part| sum + part)
}

/// `a · b`, computed in parallel over chunks of [`GEMM_ROWS`] rows of `a`.
pub(crate) fn product_by_rows(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    let (m, width) = (a.nrows(), b.ncols());
    let mut out = Array2::<f64>::zeros((m, width));
    if width == 0 {
        return out;
    }
    out.as_slice_mut()
        .expect("fresh array")
        .par_chunks_mut(GEMM_ROWS * width)
        .enumerate()
        .for_each(|(c, block)| {
            let start = c * GEMM_ROWS;
            let rows = block.len() / width;
            let mut target = ArrayViewMut2::from_shape((rows, width), block).expect("chunk shape");
            let source = a.slice_axis(Axis(0), Slice::from(start..start + rows));
            general_mat_mul(1.0, &source, &b, 0.0, &mut target);
        });
    out
}

/// Upper triangular `R` with `RᵀR = g` (read from the upper triangle of `g`), or `None` when
/// a pivot is not above `min_pivot`.
fn cholesky_upper(g: &Array2<f64>, min_pivot: f64) -> Option<Array2<f64>> {
    let l = g.nrows();
    let mut r = Array2::<f64>::zeros((l, l));
    for j in 0..l {
        let pivot = g[[j, j]] - (0..j).map(|k| r[[k, j]] * r[[k, j]]).sum::<f64>();
        if pivot.is_nan() || pivot <= min_pivot {
            return None;
        }
        let diagonal = pivot.sqrt();
        r[[j, j]] = diagonal;
        for i in j + 1..l {
            let dot: f64 = (0..j).map(|k| r[[k, j]] * r[[k, i]]).sum();
            r[[j, i]] = (g[[j, i]] - dot) / diagonal;
        }
    }
    Some(r)
}

/// Inverse of an upper triangular matrix with non-zero diagonal, by back substitution.
fn upper_inverse(r: &Array2<f64>) -> Array2<f64> {
    let l = r.nrows();
    let mut inv = Array2::<f64>::zeros((l, l));
    for j in 0..l {
        inv[[j, j]] = 1.0 / r[[j, j]];
        for i in (0..j).rev() {
            let dot: f64 = (i + 1..=j).map(|k| r[[i, k]] * inv[[k, j]]).sum();
            inv[[i, j]] = -dot / r[[i, i]];
        }
    }
    inv
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::gaussian_matrix;
    use rand_xoshiro::Xoshiro256Plus;
    use rand_xoshiro::rand_core::SeedableRng;

    /// `QᵀQ = I`, `QR = A` and `R` upper triangular, to `tol`.
    fn check(a: &Array2<f64>, tol: f64) {
        let ThinQr { q, r } = thin_qr(a.clone()).unwrap();
        assert_eq!(q.dim(), a.dim());
        let l = a.ncols();
        let identity = Array2::<f64>::eye(l);
        let orthogonality = (q.t().dot(&q) - identity).mapv(f64::abs);
        assert!(orthogonality.iter().all(|&d| d < tol), "{orthogonality}");
        let scale = a.iter().fold(1.0f64, |m, v| m.max(v.abs()));
        let residual = q.dot(&r) - a;
        assert!(residual.iter().all(|d| d.abs() < tol * scale), "{residual}");
        assert!((0..l).all(|i| (0..i).all(|j| r[[i, j]].abs() < tol * scale)));
    }

    fn gaussian(rows: usize, cols: usize, seed: u64) -> Array2<f64> {
        gaussian_matrix(rows, cols, &mut Xoshiro256Plus::seed_from_u64(seed))
    }

    #[test]
    fn well_conditioned_matrices_take_the_cholesky_path() {
        for (m, l) in [(5, 5), (40, 3), (3000, 20)] {
            let a = gaussian(m, l, 1);
            assert!(cholesky_qr2(a.view()).is_some(), "{m} x {l}");
            check(&a, 1e-13);
        }
    }

    #[test]
    fn ill_conditioned_and_rank_deficient_matrices_fall_back() {
        // Columns scaled over 12 orders of magnitude: cond = 1e12.
        let mut graded = gaussian(200, 8, 2);
        for (j, mut col) in graded.columns_mut().into_iter().enumerate() {
            col *= 10f64.powi(-(j as i32) * 12 / 7);
        }
        assert!(cholesky_qr2(graded.view()).is_none());
        check(&graded, 1e-12);
        // Rank 2 in 4 columns, and a zero matrix.
        let base = gaussian(30, 2, 3);
        let mut deficient = Array2::<f64>::zeros((30, 4));
        deficient
            .slice_axis_mut(Axis(1), Slice::from(..2))
            .assign(&base);
        deficient
            .slice_axis_mut(Axis(1), Slice::from(2..))
            .assign(&(&base * 2.0));
        assert!(cholesky_qr2(deficient.view()).is_none());
        check(&deficient, 1e-12);
        check(&Array2::zeros((6, 3)), 1e-12);
    }

    #[test]
    fn one_pass_bases_are_orthonormal_for_moderate_conditions() {
        let mut a = gaussian(500, 12, 6);
        for (j, mut col) in a.columns_mut().into_iter().enumerate() {
            col *= 10f64.powi(j as i32 % 4);
        }
        let q = basis(a.clone()).unwrap();
        let error = (q.t().dot(&q) - Array2::<f64>::eye(12)).mapv(f64::abs);
        assert!(error.iter().all(|&e| e < 1e-9), "{error}");
        // Same column space: projecting a on q loses nothing.
        let residual = &a - &q.dot(&q.t().dot(&a));
        assert!(residual.iter().all(|r| r.abs() < 1e-9));
        let deficient = Array2::from_shape_fn((20, 3), |(i, j)| (i * (j % 2)) as f64);
        let q = basis(deficient).unwrap();
        assert!(
            (q.t().dot(&q) - Array2::<f64>::eye(3))
                .iter()
                .all(|e| e.abs() < 1e-12)
        );
    }

    #[test]
    fn chunked_products_match_plain_products() {
        let a = gaussian(2 * GEMM_ROWS + 5, 7, 4);
        let b = gaussian(7, 3, 5);
        let diff = product_by_rows(a.view(), b.view()) - a.dot(&b);
        assert!(diff.iter().all(|d| d.abs() < 1e-12));
        let g = gram(a.view()) - a.t().dot(&a);
        assert!(g.iter().all(|d| d.abs() < 1e-9));
    }

    #[test]
    fn triangular_helpers() {
        let g = ndarray::array![[4.0, 2.0], [2.0, 5.0]];
        let r = cholesky_upper(&g, 0.0).unwrap();
        assert_eq!(r, ndarray::array![[2.0, 1.0], [0.0, 2.0]]);
        assert_eq!(upper_inverse(&r).dot(&r), Array2::eye(2));
        assert!(cholesky_upper(&ndarray::array![[1.0, 1.0], [1.0, 1.0]], 1e-14).is_none());
    }
}
