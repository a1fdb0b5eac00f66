//! Silhouette coefficients (Euclidean), to judge a clustering without ground truth.
//!
//! Matches `sklearn.metrics.silhouette_samples` / `silhouette_score`: for a row, `a` is the
//! mean distance to the other members of its cluster, `b` the smallest mean distance to the
//! members of another cluster, and the coefficient is `(b - a) / max(a, b)`. A row alone in
//! its cluster gets 0, and so does a row with `a = b = 0`.
//!
//! The exact silhouette costs `O(n² d)`; [`silhouette_score_sample`] estimates it from a seeded
//! random subset of rows, as scikit-learn's `silhouette_score(..., sample_size=...)`.

use ndarray::{ArrayView2, Axis};
use rand_xoshiro::Xoshiro256Plus;
use rand_xoshiro::rand_core::SeedableRng;

use crate::distance::squared_distance;
use crate::error::{ClusterError, ParamError, Result};
use crate::input::{check_labels_len, check_matrix};
use crate::labels::canonical_mapping;
use crate::random::sample_indices;

/// Silhouette coefficient of every row of `x` under `labels` (any ids, one per row).
///
/// Fails when `x` is empty or not finite, when `labels` has the wrong length, or when the
/// number of distinct labels is not in `2..=n - 1`.
pub fn silhouette_samples(x: ArrayView2<f64>, labels: &[usize]) -> Result<Vec<f64>> {
    check_matrix(x)?;
    check_labels_len(x, labels)?;
    let n = x.nrows();
    let (ids, originals) = canonical_mapping(labels);
    let n_clusters = originals.len();
    if !(2..n).contains(&n_clusters) {
        return Err(ClusterError::LabelCount {
            labels: n_clusters,
            samples: n,
        });
    }
    let mut sizes = vec![0usize; n_clusters];
    for &c in &ids {
        sizes[c] += 1;
    }
    // sums[i * n_clusters + c]: total distance from row i to the members of cluster c,
    // accumulated in ascending order of the other row.
    let mut sums = vec![0.0f64; n * n_clusters];
    for i in 0..n {
        for j in i + 1..n {
            let d = squared_distance(x.row(i), x.row(j)).sqrt();
            sums[i * n_clusters + ids[j]] += d;
            sums[j * n_clusters + ids[i]] += d;
        }
    }
    let coefficients = (0..n)
        .map(|i| {
            let own = ids[i];
            if sizes[own] == 1 {
                return 0.0;
            }
            let row = &sums[i * n_clusters..(i + 1) * n_clusters];
            let a = row[own] / (sizes[own] - 1) as f64;
            let b = (0..n_clusters)
                .filter(|&c| c != own)
                .map(|c| row[c] / sizes[c] as f64)
                .fold(f64::INFINITY, f64::min);
            let scale = a.max(b);
            if scale == 0.0 { 0.0 } else { (b - a) / scale }
        })
        .collect();
    Ok(coefficients)
}

/// Mean silhouette coefficient over all rows (see [`silhouette_samples`]).
pub fn silhouette_score(x: ArrayView2<f64>, labels: &[usize]) -> Result<f64> {
    let samples = silhouette_samples(x, labels)?;
    Ok(samples.iter().sum::<f64>() / samples.len() as f64)
}

/// Mean silhouette coefficient of `sample_size` rows drawn without replacement (seeded
/// Xoshiro256+ from `seed`), each scored against the sampled rows only: scikit-learn's
/// `silhouette_score(x, labels, sample_size=sample_size, random_state=seed)`.
///
/// The estimator is scikit-learn's, the draw is not: NumPy's `permutation` and this crate's
/// generator pick different rows for the same seed, so values agree in distribution, not
/// digit for digit. `sample_size >= n` scores every row, exactly as [`silhouette_score`].
/// Cost `O(sample_size² d)` after an `O(n d)` input check.
///
/// Fails like [`silhouette_score`] (on the sample: it needs 2 to `sample_size - 1` distinct
/// labels among the drawn rows), and when `sample_size` is 0.
pub fn silhouette_score_sample(
    x: ArrayView2<f64>,
    labels: &[usize],
    sample_size: usize,
    seed: u64,
) -> Result<f64> {
    if sample_size == 0 {
        return Err(ParamError::ZeroSampleSize.into());
    }
    check_matrix(x)?;
    check_labels_len(x, labels)?;
    let rows = sample_indices(
        x.nrows(),
        sample_size,
        &mut Xoshiro256Plus::seed_from_u64(seed),
    );
    if rows.len() == x.nrows() {
        return silhouette_score(x, labels);
    }
    let sample = x.select(Axis(0), &rows);
    let sample_labels: Vec<usize> = rows.iter().map(|&i| labels[i]).collect();
    silhouette_score(sample.view(), &sample_labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::blobs;
    use ndarray::array;

    fn check(got: &[f64], want: &[f64]) {
        assert_eq!(got.len(), want.len());
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            assert!((g - w).abs() <= 1e-12, "sample {i}: {g} vs {w}");
        }
    }

    #[test]
    fn blobs_match_sklearn() {
        // python3 -c "import numpy as np; from sklearn.metrics import silhouette_samples,
        //   silhouette_score; X = np.array(<blobs()>); y = [0, 1, 2] * 4;
        //   print(silhouette_samples(X, y).tolist(), silhouette_score(X, y))"
        let labels = [0, 1, 2].repeat(4);
        let want = [
            0.9533785077959214,
            0.9533620781744291,
            0.9533229792649792,
            0.9366892134767553,
            0.9234940845800554,
            0.9136062190415718,
            0.9304574606077243,
            0.9369383429958424,
            0.9298286584104763,
            0.9404030320728298,
            0.9510580296614157,
            0.9513723330321383,
        ];
        check(&silhouette_samples(blobs().view(), &labels).unwrap(), &want);
        let score = silhouette_score(blobs().view(), &labels).unwrap();
        assert!((score - 0.9394925782595117).abs() <= 1e-12);
    }

    #[test]
    fn awkward_labelings_match_sklearn() {
        // python3 -c "import numpy as np; from sklearn.metrics import silhouette_samples;
        //   X = np.array(<x>); print(silhouette_samples(X, <labels>).tolist())"
        let x = array![
            [0.0, 0.0],
            [1.0, 0.0],
            [0.0, 2.0],
            [3.0, 3.0],
            [0.5, 0.5],
            [4.0, 1.0]
        ];
        let cases: [(&[usize], &[f64]); 3] = [
            (
                &[0, 0, 1, 1, 0, 1],
                &[
                    0.7529690487762178,
                    0.7156053432769643,
                    -0.4676823827115596,
                    0.288675908922089,
                    0.7548231992894671,
                    0.11848873476490826,
                ],
            ),
            // Singletons (labels 5 and 9) get 0; ids need not be contiguous.
            (
                &[5, 7, 7, 9, 7, 7],
                &[
                    0.0,
                    -0.5086359217647051,
                    -0.24436222749729766,
                    0.0,
                    -0.6357485139515925,
                    -0.3800706711226714,
                ],
            ),
            (
                &[1, 0, 0, 0, 1, 0],
                &[
                    0.7511446193747495,
                    -0.7156053432769643,
                    -0.4358309362103985,
                    0.22827678007510638,
                    0.6977954474999928,
                    0.17117992701258716,
                ],
            ),
        ];
        for (labels, want) in cases {
            check(&silhouette_samples(x.view(), labels).unwrap(), want);
        }
    }

    #[test]
    fn duplicate_points_in_two_clusters_score_zero() {
        let x = array![[1.0], [1.0], [1.0], [1.0]];
        let got = silhouette_samples(x.view(), &[0, 0, 1, 1]).unwrap();
        assert_eq!(got, vec![0.0; 4]);
    }

    #[test]
    fn label_count_must_be_between_two_and_n_minus_one() {
        let x = blobs();
        for labels in [vec![0; 12], (0..12).collect::<Vec<_>>()] {
            let err = silhouette_score(x.view(), &labels).unwrap_err();
            assert!(matches!(err, ClusterError::LabelCount { samples: 12, .. }));
        }
        let err = silhouette_score(array![[0.0], [1.0]].view(), &[0, 1]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "2 distinct labels for 2 samples; the silhouette needs 2 to n - 1"
        );
    }

    #[test]
    fn sampled_score_estimates_the_exact_score() {
        // 600 points in three noisy blobs: a 200-row sample lands near the exact score.
        let x = ndarray::Array2::from_shape_fn((600, 2), |(i, j)| {
            let centre = [[0.0, 0.0], [4.0, 0.0], [0.0, 4.0]][i % 3][j];
            centre + (((i * 7919 + j * 104729) % 1000) as f64 / 1000.0 - 0.5) * 3.0
        });
        let labels: Vec<usize> = (0..600).map(|i| i % 3).collect();
        let exact = silhouette_score(x.view(), &labels).unwrap();
        for seed in 0..5 {
            let sampled = silhouette_score_sample(x.view(), &labels, 200, seed).unwrap();
            assert!(
                (sampled - exact).abs() < 0.03,
                "seed {seed}: {sampled} vs {exact}"
            );
        }
        let a = silhouette_score_sample(x.view(), &labels, 200, 1).unwrap();
        assert_eq!(
            a,
            silhouette_score_sample(x.view(), &labels, 200, 1).unwrap()
        );
        assert_ne!(
            a,
            silhouette_score_sample(x.view(), &labels, 200, 2).unwrap()
        );
        let all = silhouette_score_sample(x.view(), &labels, 600, 1).unwrap();
        assert_eq!(all, exact);
    }

    #[test]
    fn sampled_score_errors() {
        let labels = [0, 1, 2].repeat(4);
        let err = silhouette_score_sample(blobs().view(), &labels, 0, 1).unwrap_err();
        assert_eq!(
            err.to_string(),
            "sample_size = 0, but the silhouette needs rows to score"
        );
        // One row holds one label only.
        let err = silhouette_score_sample(blobs().view(), &labels, 1, 1).unwrap_err();
        assert!(matches!(err, ClusterError::LabelCount { samples: 1, .. }));
        assert!(silhouette_score_sample(blobs().view(), &labels[1..], 5, 1).is_err());
    }

    #[test]
    fn label_length_must_match() {
        let err = silhouette_samples(blobs().view(), &[0, 1]).unwrap_err();
        assert_eq!(
            err,
            ClusterError::LabelsLength {
                labels: 2,
                rows: 12
            }
        );
    }
}
