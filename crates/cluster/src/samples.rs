//! Small data sets shared by the unit tests (linfa's habit of embedding them).

use ndarray::{Array2, array};

/// Three blobs of four points, interleaved so that row order differs from blob order.
pub(crate) fn blobs() -> Array2<f64> {
    array![
        [1.0, 1.2],
        [5.0, 5.1],
        [9.0, 1.0],
        [0.8, 1.0],
        [5.3, 4.8],
        [8.7, 1.2],
        [1.2, 0.9],
        [4.9, 5.2],
        [9.2, 0.8],
        [1.1, 1.3],
        [5.2, 5.0],
        [8.9, 0.9],
    ]
}
