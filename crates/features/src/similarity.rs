//! Cosine similarity between articles: how much two outlets' texts share
//! their weighted vocabulary.

use ndarray::Array2;
use sprs::CsMat;

/// Cosine similarity of every pair of rows, as scikit-learn's
/// `cosine_similarity`: rows are scaled to unit length first, and an
/// all-zero row is 0 against everything, itself included.
///
/// ```
/// use sprs::CsMat;
/// let rows = CsMat::new((2, 2), vec![0, 1, 3], vec![0, 0, 1], vec![2.0, 1.0, 1.0]);
/// let similarity = features::cosine_similarity(&rows);
/// assert!((similarity[[0, 1]] - 0.5f64.sqrt()).abs() < 1e-15);
/// ```
pub fn cosine_similarity(rows: &CsMat<f64>) -> Array2<f64> {
    let n = rows.rows();
    let normalized: Vec<Vec<(usize, f64)>> = rows
        .outer_iterator()
        .map(|row| {
            let length = row.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
            row.iter()
                .map(|(column, v)| (column, if length > 0.0 { v / length } else { 0.0 }))
                .collect()
        })
        .collect();
    let mut similarity = Array2::zeros((n, n));
    for i in 0..n {
        for j in i..n {
            let value = sparse_dot(&normalized[i], &normalized[j]);
            similarity[[i, j]] = value;
            similarity[[j, i]] = value;
        }
    }
    similarity
}

/// Dot product of two sparse vectors, each sorted by index (their cosine
/// when both have unit length).
pub fn sparse_dot<I: Ord + Copy>(a: &[(I, f64)], b: &[(I, f64)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_orthogonal_and_zero_rows() {
        // rows: (1, 0), (3, 0), (0, 2), (0, 0)
        let rows = CsMat::new(
            (4, 2),
            vec![0, 1, 2, 3, 3],
            vec![0, 0, 1],
            vec![1.0, 3.0, 2.0],
        );
        let s = cosine_similarity(&rows);
        assert_eq!(s[[0, 1]], 1.0);
        assert_eq!(s[[0, 2]], 0.0);
        assert_eq!(s[[3, 3]], 0.0);
        assert_eq!(s[[2, 2]], 1.0);
        assert_eq!(s, s.t());
    }
}
