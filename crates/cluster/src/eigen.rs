//! Symmetric eigendecomposition by cyclic Jacobi rotations, for exact small PCA.
//!
//! linfa-reduction's PCA (LOBPCG) is off by up to 10% on tiny inputs, so [`crate::pca_2d`]
//! diagonalises the small Gram or covariance matrix itself. Jacobi is simple, sequential
//! (hence deterministic) and accurate to rounding; it costs O(m^3) per sweep for an m x m
//! matrix and usually needs under ten sweeps.

use ndarray::Array2;

/// Sweeps after which the loop stops even if some rotation is still non-negligible.
const MAX_SWEEPS: usize = 100;

/// Eigenvalues of the symmetric matrix `a` in decreasing order (ties keep their diagonal
/// order) and the matching orthonormal eigenvectors as columns.
pub(crate) fn symmetric_eigen(a: Array2<f64>) -> (Vec<f64>, Array2<f64>) {
    let n = a.nrows();
    debug_assert_eq!(n, a.ncols());
    // Plain row-major buffers: this loop is the hot spot of PCA, also in debug builds.
    let mut m: Vec<f64> = a.iter().copied().collect();
    // Eigenvectors as rows, so that each rotation updates two contiguous rows.
    let mut vt: Vec<f64> = Array2::<f64>::eye(n).iter().copied().collect();
    for sweep in 0..MAX_SWEEPS {
        let off: f64 = (0..n)
            .map(|p| {
                m[p * n + p + 1..(p + 1) * n]
                    .iter()
                    .map(|x| x.abs())
                    .sum::<f64>()
            })
            .sum();
        if off == 0.0 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                rotate(&mut m, &mut vt, n, p, q, sweep > 3);
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| m[j * n + j].total_cmp(&m[i * n + i]));
    let values = order.iter().map(|&i| m[i * n + i]).collect();
    let vectors = Array2::from_shape_fn((n, n), |(r, c)| vt[order[c] * n + r]);
    (values, vectors)
}

/// One Jacobi rotation zeroing `m[p, q]` of the row-major `n x n` matrix `m`, accumulated
/// into the eigenvector rows `vt`; with `drop_negligible`, an entry too small to change either diagonal entry is
/// set to zero instead.
fn rotate(m: &mut [f64], vt: &mut [f64], n: usize, p: usize, q: usize, drop_negligible: bool) {
    let apq = m[p * n + q];
    if apq == 0.0 {
        return;
    }
    let (app, aqq) = (m[p * n + p], m[q * n + q]);
    let g = 100.0 * apq.abs();
    if drop_negligible && app.abs() + g == app.abs() && aqq.abs() + g == aqq.abs() {
        m[p * n + q] = 0.0;
        m[q * n + p] = 0.0;
        return;
    }
    let h = aqq - app;
    let t = if h.abs() + g == h.abs() {
        apq / h
    } else {
        let theta = 0.5 * h / apq;
        let t = 1.0 / (theta.abs() + (theta * theta + 1.0).sqrt());
        if theta < 0.0 { -t } else { t }
    };
    let c = 1.0 / (t * t + 1.0).sqrt();
    let s = t * c;
    let tau = s / (1.0 + c);
    rotate_rows(m, n, p, q, s, tau);
    m[p * n + p] = app - t * apq;
    m[q * n + q] = aqq + t * apq;
    m[p * n + q] = 0.0;
    m[q * n + p] = 0.0;
    for r in 0..n {
        if r != p && r != q {
            m[r * n + p] = m[p * n + r];
            m[r * n + q] = m[q * n + r];
        }
    }
    rotate_rows(vt, n, p, q, s, tau);
}

/// Applies the rotation `(s, tau)` to rows `p < q` of the row-major matrix `m`.
fn rotate_rows(m: &mut [f64], n: usize, p: usize, q: usize, s: f64, tau: f64) {
    let (head, tail) = m.split_at_mut(q * n);
    let row_p = &mut head[p * n..(p + 1) * n];
    for (x, y) in row_p.iter_mut().zip(tail[..n].iter_mut()) {
        let (xp, xq) = (*x, *y);
        *x = xp - s * (xq + xp * tau);
        *y = xq + s * (xp - xq * tau);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// Checks `A v = lambda v`, orthonormal columns and decreasing values.
    fn check(a: Array2<f64>, want_values: &[f64]) {
        let (values, vectors) = symmetric_eigen(a.clone());
        let scale = a.iter().fold(1.0f64, |m, x| m.max(x.abs()));
        for (got, want) in values.iter().zip(want_values) {
            assert!(
                (got - want).abs() <= 1e-13 * scale,
                "{values:?} vs {want_values:?}"
            );
        }
        assert!(values.windows(2).all(|w| w[0] >= w[1]));
        let residual = a.dot(&vectors) - &vectors * &ndarray::Array1::from(values.clone());
        assert!(
            residual.iter().all(|r| r.abs() <= 1e-13 * scale),
            "{residual}"
        );
        let gram = vectors.t().dot(&vectors);
        let identity = Array2::<f64>::eye(a.nrows());
        assert!((gram - identity).iter().all(|d| d.abs() <= 1e-14));
    }

    #[test]
    fn known_spectra() {
        check(array![[2.0]], &[2.0]);
        check(array![[2.0, 1.0], [1.0, 2.0]], &[3.0, 1.0]);
        check(array![[0.0, 0.0], [0.0, 0.0]], &[0.0, 0.0]);
        check(
            array![[1.0, 0.0, 0.0], [0.0, 5.0, 0.0], [0.0, 0.0, 3.0]],
            &[5.0, 3.0, 1.0],
        );
        check(
            array![[4.0, 1.0, 2.0], [1.0, 3.0, 0.0], [2.0, 0.0, 5.0]],
            &[
                // python3 -c "import numpy as np; print(np.linalg.eigvalsh(
                //   [[4, 1, 2], [1, 3, 0], [2, 0, 5]])[::-1].tolist())"
                6.669079088282287,
                3.4760236029181333,
                1.854897308799576,
            ],
        );
        check(array![[1e-300, 1e-310], [1e-310, 0.0]], &[1e-300, 0.0]);
    }

    #[test]
    fn rank_one_and_repeated_eigenvalues() {
        let u = array![1.0, -2.0, 0.5, 3.0];
        let outer = Array2::from_shape_fn((4, 4), |(i, j)| u[i] * u[j]);
        check(outer, &[14.25, 0.0, 0.0, 0.0]);
        check(Array2::eye(5) * 2.0, &[2.0; 5]);
    }

    #[test]
    fn empty_matrix() {
        let (values, vectors) = symmetric_eigen(Array2::zeros((0, 0)));
        assert!(values.is_empty());
        assert_eq!(vectors.dim(), (0, 0));
    }
}
