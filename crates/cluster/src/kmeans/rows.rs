//! The dense rows k-means works on, with their squared norms, and the distance kernel that
//! seeding and assignment spend their time in.
//!
//! Distances are scikit-learn's expanded squared distances (`euclidean_distances(...,
//! squared=True)`): `|x|² + |p|² - 2 x·p`, clipped at 0. Two ways to get the dot products:
//!
//! - [`Rows::distance_to`], one row and one point at a time, for the bounded Lloyd updates
//!   that measure only some distances: [`dot`] keeps eight partial sums (lanes
//!   `j mod 8`) so that its additions do not wait on one another (several times faster than
//!   one running sum at 102,800 x 100).
//! - [`Rows::block_distances`], a chunk of rows against many points at once, by `ndarray`'s
//!   matrix product (matrixmultiply, with the machine's vector instructions): for the seeding
//!   passes, where every run's candidates are measured against every row (40 points for ten
//!   runs at k = 9), the product is several times faster than row-by-row dots. Its packing
//!   cost makes it slower for one run's nine centroids.

use std::ops::Range;

use ndarray::linalg::general_mat_mul;
use ndarray::{Array2, ArrayView2, ArrayViewMut2};

use crate::parallel::{map_chunks, sum_chunks, update_chunks};

/// Partial sums in [`dot`].
const LANES: usize = 8;

/// A dense row-major matrix borrowed as rows of `d` values, with the squared norm of each row.
pub(super) struct Rows<'a> {
    values: &'a [f64],
    norms: Vec<f64>,
    /// Number of rows.
    pub(super) n: usize,
    /// Number of columns.
    pub(super) d: usize,
}

impl<'a> Rows<'a> {
    /// `values` holds `n` rows of `d` values each.
    pub(super) fn new(values: &'a [f64], n: usize, d: usize) -> Self {
        debug_assert_eq!(values.len(), n * d);
        let mut norms = vec![0.0; n];
        update_chunks(&mut norms, |rows, out| {
            for (i, norm) in rows.zip(out) {
                let row = &values[i * d..(i + 1) * d];
                *norm = dot(row, row);
            }
        });
        Rows {
            values,
            norms,
            n,
            d,
        }
    }

    /// Row `i`.
    pub(super) fn row(&self, i: usize) -> &'a [f64] {
        &self.values[i * self.d..(i + 1) * self.d]
    }

    /// Squared distances from the rows `rows` to every point of `points`, written row by row
    /// to `out` (`rows.len() x m`, row-major), with the dot products from one matrix product.
    pub(super) fn block_distances(&self, rows: Range<usize>, points: &Points, out: &mut [f64]) {
        let m = points.norms.len();
        let block = ArrayView2::from_shape(
            (rows.len(), self.d),
            &self.values[rows.start * self.d..rows.end * self.d],
        )
        .expect("rows of d values");
        let mut products = ArrayViewMut2::from_shape((rows.len(), m), out).expect("rows x m");
        general_mat_mul(1.0, &block, &points.values.t(), 0.0, &mut products);
        for (mut row, &norm) in products.rows_mut().into_iter().zip(&self.norms[rows]) {
            for (o, &p) in row.iter_mut().zip(&points.norms) {
                *o = (norm + p - 2.0 * *o).max(0.0);
            }
        }
    }

    /// Squared distance from row `i` to point `j` of `points`.
    pub(super) fn distance_to(&self, i: usize, points: &Points, j: usize) -> f64 {
        let p = points.values.row(j);
        let p = p.to_slice().expect("standard layout");
        (self.norms[i] + points.norms[j] - 2.0 * dot(self.row(i), p)).max(0.0)
    }

    /// Mean over the columns of their population variance (scikit-learn's
    /// `np.mean(np.var(X, axis=0))`), by two passes over fixed row chunks.
    pub(super) fn mean_variance(&self) -> f64 {
        let d = self.d;
        let column_sums = |rows: Range<usize>| {
            let mut sums = vec![0.0; d];
            for i in rows {
                sums.iter_mut().zip(self.row(i)).for_each(|(s, v)| *s += v);
            }
            sums
        };
        let sums = map_chunks(self.n, column_sums)
            .into_iter()
            .reduce(|mut a, b| {
                a.iter_mut().zip(&b).for_each(|(s, v)| *s += v);
                a
            })
            .unwrap_or_default();
        let means: Vec<f64> = sums.iter().map(|s| s / self.n as f64).collect();
        let squares = sum_chunks(self.n, |rows| {
            rows.map(|i| {
                self.row(i)
                    .iter()
                    .zip(&means)
                    .map(|(v, m)| (v - m) * (v - m))
                    .sum::<f64>()
            })
            .sum()
        });
        squares / (self.n * d) as f64
    }

    /// The rows `rows` as a `rows.len() x d` matrix.
    pub(super) fn select(&self, rows: &[usize]) -> Array2<f64> {
        let mut out = Array2::<f64>::zeros((rows.len(), self.d));
        for (mut target, &i) in out.rows_mut().into_iter().zip(rows) {
            target
                .iter_mut()
                .zip(self.row(i))
                .for_each(|(t, v)| *t = *v);
        }
        out
    }
}

/// Points to measure rows against (centroids or candidate seeds) with their squared norms.
pub(super) struct Points {
    values: Array2<f64>,
    norms: Vec<f64>,
}

impl Points {
    /// Copies the rows of `points` (`m x d`).
    pub(super) fn new(points: ArrayView2<f64>) -> Self {
        let values = points.as_standard_layout().into_owned();
        let norms = values
            .rows()
            .into_iter()
            .map(|p| {
                let p = p.to_slice().expect("standard layout");
                dot(p, p)
            })
            .collect();
        Points { values, norms }
    }
}

/// `a · b` with [`LANES`] interleaved partial sums, added pairwise at the end, then the tail.
pub(super) fn dot(a: &[f64], b: &[f64]) -> f64 {
    let split = a.len() / LANES * LANES;
    let mut lanes = [0.0f64; LANES];
    for (x, y) in a[..split]
        .chunks_exact(LANES)
        .zip(b[..split].chunks_exact(LANES))
    {
        for l in 0..LANES {
            lanes[l] += x[l] * y[l];
        }
    }
    let tail: f64 = a[split..].iter().zip(&b[split..]).map(|(x, y)| x * y).sum();
    let quads = [
        lanes[0] + lanes[4],
        lanes[1] + lanes[5],
        lanes[2] + lanes[6],
        lanes[3] + lanes[7],
    ];
    (quads[0] + quads[2]) + (quads[1] + quads[3]) + tail
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distance::squared_distance;
    use ndarray::array;

    #[test]
    fn dot_products_of_every_length() {
        for len in [0, 1, 7, 8, 9, 100, 103] {
            let a: Vec<f64> = (0..len).map(|i| (i as f64 * 0.37).sin()).collect();
            let b: Vec<f64> = (0..len).map(|i| (i as f64 * 1.3).cos()).collect();
            let want: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - want).abs() < 1e-13, "len {len}");
        }
    }

    #[test]
    fn expanded_distances_match_direct_distances() {
        let x = array![[0.3, -1.2, 5.0], [1e-3, 2.0, 0.0], [1.0, 0.0, 0.0]];
        let points = array![[1.0, 0.0, 0.0], [0.1, 0.2, 0.3], [-4.0, 8.0, 1e3]];
        let rows = Rows::new(x.as_slice().unwrap(), 3, 3);
        let prepared = Points::new(points.view());
        let mut block = [0.0; 9];
        rows.block_distances(0..3, &prepared, &mut block);
        for (i, row) in x.rows().into_iter().enumerate() {
            for (j, p) in points.rows().into_iter().enumerate() {
                let want = squared_distance(row.as_slice().unwrap(), p.as_slice().unwrap());
                let one = rows.distance_to(i, &prepared, j);
                assert!((one - want).abs() <= 1e-9 * want.max(1.0), "{i} {j}");
                assert!(
                    (block[i * 3 + j] - want).abs() <= 1e-9 * want.max(1.0),
                    "{i} {j}"
                );
            }
        }
        // A row equal to a point is at distance exactly 0, never negative.
        assert_eq!(rows.distance_to(2, &prepared, 0), 0.0);
        assert_eq!(block[6], 0.0);
    }

    #[test]
    fn mean_variance_matches_numpy() {
        // python3 -c "import numpy as np; print(repr(np.mean(np.var(
        //   [[1, 2], [3, 5], [-1, 0.5]], axis=0))))"
        let values = [1.0, 2.0, 3.0, 5.0, -1.0, 0.5];
        let got = Rows::new(&values, 3, 2).mean_variance();
        assert!((got - 3.083333333333333).abs() < 1e-15, "{got}");
    }
}
