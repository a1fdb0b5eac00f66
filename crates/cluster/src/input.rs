//! Checks every entry point runs on its input matrix, so the algorithms can assume clean data.

use ndarray::ArrayView2;

use crate::error::{ClusterError, Result};

/// Fails unless `x` has at least one row and one column and only finite values.
pub(crate) fn check_matrix(x: ArrayView2<f64>) -> Result<()> {
    let (rows, cols) = x.dim();
    if rows == 0 || cols == 0 {
        return Err(ClusterError::EmptyInput { rows, cols });
    }
    check_finite(x)
}

/// Fails on the first NaN or infinite value of `x`, scanning row by row.
pub(crate) fn check_finite(x: ArrayView2<f64>) -> Result<()> {
    if x.iter().all(|v| v.is_finite()) {
        return Ok(());
    }
    match x.indexed_iter().find(|(_, v)| !v.is_finite()) {
        Some(((row, col), &value)) => Err(ClusterError::NonFinite { row, col, value }),
        None => Ok(()),
    }
}

/// Fails unless `labels` has one entry per row of `x`.
pub(crate) fn check_labels_len(x: ArrayView2<f64>, labels: &[usize]) -> Result<()> {
    if labels.len() == x.nrows() {
        Ok(())
    } else {
        Err(ClusterError::LabelsLength {
            labels: labels.len(),
            rows: x.nrows(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array2, array};

    #[test]
    fn empty_matrices_are_rejected() {
        for (rows, cols) in [(0, 0), (0, 3), (3, 0)] {
            let x = Array2::<f64>::zeros((rows, cols));
            assert_eq!(
                check_matrix(x.view()),
                Err(ClusterError::EmptyInput { rows, cols })
            );
        }
    }

    #[test]
    fn first_non_finite_value_is_named() {
        let x = array![[1.0, 2.0], [f64::INFINITY, f64::NAN]];
        let err = check_matrix(x.view()).unwrap_err();
        assert_eq!(err.to_string(), "x[1, 0] = inf is not finite");
    }

    #[test]
    fn label_length_must_match_rows() {
        let x = array![[1.0], [2.0]];
        assert!(check_labels_len(x.view(), &[0, 1]).is_ok());
        let err = check_labels_len(x.view(), &[0]).unwrap_err();
        assert_eq!(err.to_string(), "labels has 1 entries but x has 2 rows");
    }
}
