//! Sparse document matrices (sprs CSR, rows = documents): input checks, row selection,
//! transposition, and products with dense matrices that are deterministic whatever the thread
//! count.
//!
//! Products are parallel over output rows, each output row one sequential sum over the stored
//! entries of one sparse row in stored order, or (`gram_dot`) over blocks of output columns,
//! each block with its own output. `Xᵀ · B` is never done by scattering into rows that threads
//! share; callers build the CSR of `Xᵀ` once with [`transpose`] and multiply that.

use std::borrow::Cow;

use ndarray::{Array2, ArrayView2};
use sprs::CsMat;

use crate::error::{ClusterError, Result};
use crate::parallel::{fill_row_chunks, sum_chunks};

/// `x` in CSR storage: borrowed when it already is, converted (a full copy) when it is CSC.
pub(crate) fn as_csr(x: &CsMat<f64>) -> Cow<'_, CsMat<f64>> {
    if x.is_csr() {
        Cow::Borrowed(x)
    } else {
        Cow::Owned(x.to_csr())
    }
}

/// Fails unless the CSR matrix `x` has at least one row and one column and only finite
/// stored values (the first offending entry is named, scanning row by row).
pub(crate) fn check_csr(x: &CsMat<f64>) -> Result<()> {
    let (rows, cols) = x.shape();
    if rows == 0 || cols == 0 {
        return Err(ClusterError::EmptyInput { rows, cols });
    }
    for (row, vector) in x.outer_iterator().enumerate() {
        if let Some((col, &value)) = vector.iter().find(|(_, v)| !v.is_finite()) {
            return Err(ClusterError::NonFinite { row, col, value });
        }
    }
    Ok(())
}

/// Bytes of the right-hand side that [`csr_dot`] works on at a time (a tile of its rows).
const TILE_BYTES: usize = 2 << 20;

/// Output columns that [`csr_dot`] sums at a time (the last block may be narrower).
const DOT_BLOCK: usize = 16;

/// The CSR matrix `x · b` as a dense `x.rows() x b.ncols()` array; `b` has `x.cols()` rows.
///
/// Row `i` of the result is `sum_k x[i, k] * b[k, ..]` over the stored entries of row `i`, in
/// stored (increasing column) order, so it does not depend on how rows are spread over
/// threads. Each chunk of rows works through `b` by blocks of [`DOT_BLOCK`] columns, whose sums
/// for one row stay in registers across the row's entries, and within a block by tiles of rows
/// whose block takes about [`TILE_BYTES`], so the rows of `b` that the sparse indices pick at
/// random come from cache. Since a row's entries are sorted, blocks and tiles only regroup the
/// same additions in the same order. (For the LSA fit's `Xᵀ·Q`, 137,619 x 60 from 4.1 million
/// entries: 230-280 ms with whole rows, 190-210 ms with blocks, 60-85 ms once the output is
/// written before it is read.)
pub(crate) fn csr_dot(x: &CsMat<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    debug_assert!(x.is_csr());
    debug_assert_eq!(x.cols(), b.nrows());
    let b = b.as_standard_layout();
    let (d, width) = b.dim();
    let b = b.as_slice().expect("standard layout");
    let indptr = x.proper_indptr();
    let (indices, data) = (x.indices(), x.data());
    let mut out = Array2::<f64>::zeros((x.rows(), width));
    fill_row_chunks(&mut out, |rows, block| {
        let mut cursors = vec![0; rows.len()];
        for first in (0..width).step_by(DOT_BLOCK) {
            let columns = DOT_BLOCK.min(width - first);
            let tile = (TILE_BYTES / (8 * columns)).max(1);
            cursors
                .iter_mut()
                .zip(rows.clone())
                .for_each(|(cursor, i)| *cursor = indptr[i]);
            for (t, tile_end) in (1..=d.div_ceil(tile)).map(|t| (t, (t * tile).min(d))) {
                for ((i, row), cursor) in rows
                    .clone()
                    .zip(block.chunks_mut(width))
                    .zip(cursors.iter_mut())
                {
                    let stop = indptr[i + 1];
                    let sums = &mut row[first..first + columns];
                    if t == 1 {
                        // Written before it is read: a fresh zeroed page read first is
                        // mapped to the shared zero page, and the write after it costs a
                        // second fault and a flush of every core's address cache.
                        sums.fill(0.0);
                    }
                    if columns == DOT_BLOCK {
                        let sums: &mut [f64; DOT_BLOCK] = sums.try_into().expect("a full block");
                        let mut acc = *sums;
                        while *cursor < stop && indices[*cursor] < tile_end {
                            let (k, weight) = (indices[*cursor], data[*cursor]);
                            let start = k * width + first;
                            let values: &[f64; DOT_BLOCK] = b[start..start + DOT_BLOCK]
                                .try_into()
                                .expect("a full block");
                            for (a, v) in acc.iter_mut().zip(values) {
                                *a += weight * v;
                            }
                            *cursor += 1;
                        }
                        *sums = acc;
                    } else {
                        while *cursor < stop && indices[*cursor] < tile_end {
                            let (k, weight) = (indices[*cursor], data[*cursor]);
                            let start = k * width + first;
                            for (a, v) in sums.iter_mut().zip(&b[start..start + columns]) {
                                *a += weight * v;
                            }
                            *cursor += 1;
                        }
                    }
                }
            }
        }
    });
    out
}

/// Output columns that [`gram_dot`] computes per pass over `xᵀ`: a row of the middle product
/// is this many numbers, kept in registers (16 measured faster than 8 or 32).
const GRAM_BLOCK: usize = 16;

/// `x · (xᵀ · q)` given `xt`, the CSR of `xᵀ` (`d x n`), and `q` (`n x width`): one power step
/// of a randomized SVD whose sample is wider than it is tall.
///
/// Equal, bit for bit, to `csr_dot(x, csr_dot(xt, q).view())`: row `c` of the middle product
/// is summed over row `c` of `xt` in stored order, and each output element gains its terms in
/// increasing `c`, as in the two products. The `d x width` middle product is never stored:
/// each of its rows is spread onto the output as soon as it is summed, so a pass reads `xt`
/// once and otherwise touches only `q` and the output, which fit in cache for a sample of a
/// few thousand rows (the two products read and wrote tens of megabytes of the middle one at
/// random). Output columns are independent, so blocks of [`GRAM_BLOCK`] columns run in
/// parallel, each with its own pass over `xt`.
pub(crate) fn gram_dot(xt: &CsMat<f64>, q: ArrayView2<f64>) -> Array2<f64> {
    use rayon::prelude::*;
    debug_assert!(xt.is_csr());
    debug_assert_eq!(xt.cols(), q.nrows());
    let (n, width) = q.dim();
    // `q` by column block, each block's rows padded with zero columns to `GRAM_BLOCK`: the
    // padding's products are zeros, computed and dropped.
    let blocks = width.div_ceil(GRAM_BLOCK);
    let mut q_blocks = vec![0.0; blocks * n * GRAM_BLOCK];
    for (i, row) in q.rows().into_iter().enumerate() {
        for (j, &value) in row.iter().enumerate() {
            let (b, within) = (j / GRAM_BLOCK, j % GRAM_BLOCK);
            q_blocks[(b * n + i) * GRAM_BLOCK + within] = value;
        }
    }
    let indptr = xt.proper_indptr();
    let (indices, data) = (xt.indices(), xt.data());
    let out_blocks: Vec<Vec<f64>> = q_blocks
        .par_chunks(n * GRAM_BLOCK)
        .map(|q_block| {
            let mut out = vec![0.0; n * GRAM_BLOCK];
            for c in 0..xt.rows() {
                let entries = indptr[c]..indptr[c + 1];
                let (rows, weights) = (&indices[entries.clone()], &data[entries]);
                let mut middle = [0.0f64; GRAM_BLOCK];
                for (&i, &weight) in rows.iter().zip(weights) {
                    let q_row = &q_block[i * GRAM_BLOCK..][..GRAM_BLOCK];
                    for (m, s) in middle.iter_mut().zip(q_row) {
                        *m += weight * s;
                    }
                }
                for (&i, &weight) in rows.iter().zip(weights) {
                    let out_row = &mut out[i * GRAM_BLOCK..][..GRAM_BLOCK];
                    for (o, m) in out_row.iter_mut().zip(&middle) {
                        *o += weight * m;
                    }
                }
            }
            out
        })
        .collect();
    Array2::from_shape_fn((n, width), |(i, j)| {
        out_blocks[j / GRAM_BLOCK][i * GRAM_BLOCK + j % GRAM_BLOCK]
    })
}

/// The CSR matrix of `xᵀ` (one row per column of `x`, entries in increasing row order).
pub(crate) fn transpose(x: &CsMat<f64>) -> CsMat<f64> {
    x.transpose_view().to_other_storage()
}

/// The rows `rows` (increasing) of the CSR matrix `x`, as a new CSR matrix.
pub(crate) fn select_rows(x: &CsMat<f64>, rows: &[usize]) -> CsMat<f64> {
    let indptr = x.proper_indptr();
    let nnz: usize = rows.iter().map(|&r| indptr[r + 1] - indptr[r]).sum();
    let mut new_indptr = Vec::with_capacity(rows.len() + 1);
    let mut indices = Vec::with_capacity(nnz);
    let mut data = Vec::with_capacity(nnz);
    new_indptr.push(0);
    for &r in rows {
        let range = indptr[r]..indptr[r + 1];
        indices.extend_from_slice(&x.indices()[range.clone()]);
        data.extend_from_slice(&x.data()[range]);
        new_indptr.push(indices.len());
    }
    CsMat::new((rows.len(), x.cols()), new_indptr, indices, data)
}

/// Sum over the columns of `x` of their population variance, given `xt`, the CSR of `xᵀ`, and
/// `n`, the number of rows of `x`: `sum_j (sum_i (x[i, j] - mean_j)^2) / n`.
///
/// As scikit-learn's `mean_variance_axis`: for each column, the stored entries contribute
/// `(x - mean)^2` and the `n - nnz_j` implicit zeros contribute `mean^2` each.
pub(crate) fn total_column_variance(xt: &CsMat<f64>, n: usize) -> f64 {
    let indptr = xt.proper_indptr();
    let data = xt.data();
    let n_f = n as f64;
    sum_chunks(xt.rows(), |columns| {
        columns
            .map(|j| {
                let values = &data[indptr[j]..indptr[j + 1]];
                let mean = values.iter().sum::<f64>() / n_f;
                let stored: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
                let zeros = (n - values.len()) as f64 * mean * mean;
                (stored + zeros) / n_f
            })
            .sum::<f64>()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// 3 x 4: [[1, 0, 2, 0], [0, 0, 0, 0], [0, 3, 0, -1]].
    fn sample() -> CsMat<f64> {
        CsMat::new(
            (3, 4),
            vec![0, 2, 2, 4],
            vec![0, 2, 1, 3],
            vec![1.0, 2.0, 3.0, -1.0],
        )
    }

    #[test]
    fn product_equals_the_dense_product() {
        let x = sample();
        let b = array![[1.0, 2.0], [0.5, -1.0], [3.0, 0.0], [1.0, 1.0]];
        let want = x.to_dense().dot(&b);
        assert_eq!(csr_dot(&x, b.view()), want);
        // A non-standard-layout right-hand side gives the same result.
        let bt = b.t().to_owned();
        assert_eq!(csr_dot(&x, bt.t()), want);
    }

    #[test]
    fn blocked_product_adds_in_stored_order() {
        // A full block of columns and a narrower one: every element is the plain sum over the
        // row's entries in stored order, bit for bit.
        let x = sample();
        let b = Array2::from_shape_fn((4, DOT_BLOCK + 3), |(i, j)| {
            ((i * 13 + j * 5) as f64).sin() * 1e3
        });
        let got = csr_dot(&x, b.view());
        for (i, row) in x.outer_iterator().enumerate() {
            for j in 0..b.ncols() {
                let mut sum = 0.0;
                for (k, &weight) in row.iter() {
                    sum += weight * b[[k, j]];
                }
                assert_eq!(got[[i, j]].to_bits(), sum.to_bits(), "[{i}, {j}]");
            }
        }
    }

    #[test]
    fn gram_product_equals_the_two_products_bit_for_bit() {
        // Wider than one column block, with a partial last block and an empty column.
        let x = CsMat::new(
            (3, 5),
            vec![0, 3, 4, 7],
            vec![0, 2, 4, 1, 0, 1, 4],
            vec![0.1, 2.3, -1.7, 3.0, 0.7, -0.3, 1e-3],
        );
        let q = Array2::from_shape_fn((3, GRAM_BLOCK + 3), |(i, j)| {
            ((i * 31 + j * 7) as f64).sin() / 3.0
        });
        let xt = transpose(&x);
        let want = csr_dot(&x, csr_dot(&xt, q.view()).view());
        let got = gram_dot(&xt, q.view());
        assert_eq!(got.dim(), want.dim());
        assert!(
            got.iter()
                .zip(&want)
                .all(|(g, w)| g.to_bits() == w.to_bits())
        );
    }

    #[test]
    fn transposition_and_row_selection() {
        let x = sample();
        let xt = transpose(&x);
        assert!(xt.is_csr());
        assert_eq!(xt.to_dense(), x.to_dense().t());
        let picked = select_rows(&x, &[0, 2]);
        assert_eq!(
            picked.to_dense(),
            array![[1.0, 0.0, 2.0, 0.0], [0.0, 3.0, 0.0, -1.0]]
        );
        assert_eq!(select_rows(&x, &[]).shape(), (0, 4));
    }

    #[test]
    fn csc_input_is_converted() {
        let x = sample();
        let csc = x.to_csc();
        assert!(!csc.is_csr());
        assert_eq!(as_csr(&csc).to_dense(), x.to_dense());
        assert!(matches!(as_csr(&x), Cow::Borrowed(_)));
    }

    #[test]
    fn total_variance_matches_numpy() {
        // python3 -c "import numpy as np; print(repr(np.var(np.array(
        //   [[1, 0, 2, 0], [0, 0, 0, 0], [0, 3, 0, -1]]), axis=0).sum()))"
        let x = sample();
        let got = total_column_variance(&transpose(&x), 3);
        assert!((got - 3.3333333333333335).abs() < 1e-15, "{got}");
    }

    #[test]
    fn checks_name_the_problem() {
        assert!(check_csr(&sample()).is_ok());
        let empty = CsMat::<f64>::zero((0, 3));
        assert_eq!(
            check_csr(&empty),
            Err(ClusterError::EmptyInput { rows: 0, cols: 3 })
        );
        let bad = CsMat::new((2, 2), vec![0, 1, 2], vec![1, 0], vec![1.0, f64::NAN]);
        assert_eq!(
            check_csr(&bad).unwrap_err().to_string(),
            "x[1, 0] = NaN is not finite"
        );
    }
}
