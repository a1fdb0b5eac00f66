//! Cosine geometry between documents: row normalisation, similarity and distance matrices.
//!
//! These follow `sklearn.preprocessing.normalize` and `sklearn.metrics.pairwise`'s
//! `cosine_similarity` / `cosine_distances`, including their treatment of all-zero rows.
//! They do not validate: NaN or infinite input gives NaN output, which the fitting
//! functions of this crate then reject.

use ndarray::{Array2, ArrayView2, Axis};

/// Squared Euclidean distance, summed in index order (k-means and the
/// silhouette share it, so their distances agree to the last bit).
pub(crate) fn squared_distance<'a>(
    a: impl IntoIterator<Item = &'a f64>,
    b: impl IntoIterator<Item = &'a f64>,
) -> f64 {
    a.into_iter().zip(b).map(|(u, v)| (u - v) * (u - v)).sum()
}

/// Divides every row by its Euclidean norm; all-zero rows stay zero.
///
/// Use it before [`crate::KMeansParams::fit`] to cluster by cosine geometry (spherical
/// k-means).
pub fn l2_normalize_rows(x: ArrayView2<f64>) -> Array2<f64> {
    l2_normalize_owned_rows(x.to_owned())
}

/// [`l2_normalize_rows`] in place, for a matrix the caller no longer needs
/// as it was: no second copy (a million rows of LSA coordinates are 400 MB).
pub fn l2_normalize_owned_rows(mut out: Array2<f64>) -> Array2<f64> {
    for mut row in out.axis_iter_mut(Axis(0)) {
        let norm = row.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm != 0.0 {
            row.mapv_inplace(|v| v / norm);
        }
    }
    out
}

/// Cosine similarity between every pair of rows (n x n, exactly symmetric).
///
/// An all-zero row has similarity 0 to every row, itself included (as in scikit-learn).
/// The diagonal of a non-zero row is its normalised self dot product, 1 up to rounding.
pub fn cosine_similarity(x: ArrayView2<f64>) -> Array2<f64> {
    let unit = l2_normalize_rows(x);
    let n = unit.nrows();
    let mut sim = Array2::<f64>::zeros((n, n));
    for i in 0..n {
        for j in i..n {
            let s = unit.row(i).dot(&unit.row(j));
            sim[[i, j]] = s;
            sim[[j, i]] = s;
        }
    }
    sim
}

/// Cosine distance `1 - similarity`, clipped to `[0, 2]`, with an exact zero diagonal
/// (scikit-learn's `cosine_distances`): an all-zero row is at distance 1 from every other row.
///
/// The result is a valid input for [`crate::average_linkage`].
pub fn cosine_distance(x: ArrayView2<f64>) -> Array2<f64> {
    let mut dist = cosine_similarity(x).mapv(|s| (1.0 - s).clamp(0.0, 2.0));
    dist.diag_mut().fill(0.0);
    dist
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn sample() -> Array2<f64> {
        array![
            [1.0, 2.0, 0.0, 3.0],
            [0.0, 0.0, 0.0, 0.0],
            [2.0, 4.0, 0.0, 6.0],
            [-1.0, 0.5, 2.0, 0.0],
            [0.1, 0.0, 0.3, 0.2],
        ]
    }

    fn assert_close(got: &Array2<f64>, want: &Array2<f64>, tol: f64) {
        assert_eq!(got.dim(), want.dim());
        for ((idx, g), w) in got.indexed_iter().zip(want.iter()) {
            assert!((g - w).abs() <= tol, "at {idx:?}: {g} vs {w}");
        }
    }

    #[test]
    fn normalised_rows_have_unit_norm_or_stay_zero() {
        let unit = l2_normalize_rows(sample().view());
        let norms: Vec<f64> = unit.rows().into_iter().map(|r| r.dot(&r)).collect();
        for (i, norm) in norms.iter().enumerate() {
            let want = if i == 1 { 0.0 } else { 1.0 };
            assert!((norm - want).abs() < 1e-15, "row {i}: {norm}");
        }
        assert_eq!(
            l2_normalize_rows(array![[3.0, 4.0]].view()),
            array![[0.6, 0.8]]
        );
    }

    #[test]
    fn similarity_matches_sklearn() {
        // python3 -c "import numpy as np; from sklearn.metrics.pairwise import
        //   cosine_similarity; print(cosine_similarity(np.array(<sample()>)).tolist())"
        let z = -3.2227982246929454e-19;
        let want = array![
            [1.0, 0.0, 1.0, z, 0.5],
            [0.0, 0.0, 0.0, 0.0, 0.0],
            [1.0, 0.0, 1.0, z, 0.5],
            [z, 0.0, z, 1.0, 0.5832118435198043],
            [0.5, 0.0, 0.5, 0.5832118435198043, 0.9999999999999999],
        ];
        assert_close(&cosine_similarity(sample().view()), &want, 1e-15);
    }

    #[test]
    fn distance_matches_sklearn() {
        // python3 -c "import numpy as np; from sklearn.metrics.pairwise import
        //   cosine_distances; print(cosine_distances(np.array(<sample()>)).tolist())"
        let want = array![
            [0.0, 1.0, 0.0, 1.0, 0.5],
            [1.0, 0.0, 1.0, 1.0, 1.0],
            [0.0, 1.0, 0.0, 1.0, 0.5],
            [1.0, 1.0, 1.0, 0.0, 0.41678815648019574],
            [0.5, 1.0, 0.5, 0.41678815648019574, 0.0],
        ];
        let got = cosine_distance(sample().view());
        assert_close(&got, &want, 1e-15);
        assert!(got.diag().iter().all(|&d| d == 0.0));
        assert_eq!(got, got.t());
        assert!(got.iter().all(|&d| (0.0..=2.0).contains(&d)));
    }

    #[test]
    fn opposite_rows_are_at_distance_two() {
        let d = cosine_distance(array![[1.0, -2.0], [-3.0, 6.0]].view());
        assert_close(&d, &array![[0.0, 2.0], [2.0, 0.0]], 1e-15);
    }

    #[test]
    fn empty_input_gives_empty_output() {
        let x = Array2::<f64>::zeros((0, 3));
        assert_eq!(cosine_similarity(x.view()).dim(), (0, 0));
        assert_eq!(cosine_distance(x.view()).dim(), (0, 0));
    }
}
