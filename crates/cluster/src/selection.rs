//! Choosing the number of clusters: fit k-means for each candidate k, keep the best silhouette.

use std::ops::RangeInclusive;

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use crate::error::{ClusterError, Result};
use crate::input::check_matrix;
use crate::kmeans::KMeansParams;
use crate::silhouette::{silhouette_score, silhouette_score_sample};

/// How well one k did.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct KScore {
    /// Number of clusters.
    pub k: usize,
    /// Mean silhouette coefficient of the k-means labels (Euclidean).
    pub silhouette: f64,
    /// k-means inertia (sum of squared distances to the centroids).
    pub inertia: f64,
}

/// The outcome of [`select_k`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KSelection {
    /// One score per candidate k, in increasing k.
    pub scores: Vec<KScore>,
    /// The k with the highest silhouette (the smallest such k on ties).
    pub chosen: usize,
}

/// Fits k-means for every k in `ks` clipped to `2..=n - 1` and picks the k with the highest
/// silhouette; ties go to the smaller k.
///
/// `params` supplies everything but k (its own k is ignored), so every candidate uses the
/// same seed and restarts. Fails when `x` is empty or not finite, when `params` is invalid,
/// or when no candidate is left (in particular when `x` has fewer than 3 rows).
///
/// Cost: one k-means fit per candidate (`n_init` runs each; `x` is checked once) plus one
/// exact silhouette, `O(n² d)`. That is fine for a few thousand rows. At 102,800 x 100 the
/// exact silhouette would take about 9 minutes per k (extrapolated from 0.2 s for 2,000 rows)
/// and each fit about 4 s of CPU time: use [`select_k_sampled`], or skip selection when the
/// caller already knows k.
pub fn select_k(
    x: ArrayView2<f64>,
    ks: RangeInclusive<usize>,
    params: &KMeansParams,
) -> Result<KSelection> {
    select_by(x, ks, params, |labels| silhouette_score(x, labels))
}

/// [`select_k`] with each k scored by [`silhouette_score_sample`] on `sample_size` rows drawn
/// with `params`' seed (the same rows for every k), so the silhouette costs
/// `O(sample_size² d)` instead of `O(n² d)`.
pub fn select_k_sampled(
    x: ArrayView2<f64>,
    ks: RangeInclusive<usize>,
    params: &KMeansParams,
    sample_size: usize,
) -> Result<KSelection> {
    let seed = params.check()?.seed();
    select_by(x, ks, params, |labels| {
        silhouette_score_sample(x, labels, sample_size, seed)
    })
}

/// Fits every candidate k (checking `x` once) and scores its labels with `silhouette`.
fn select_by(
    x: ArrayView2<f64>,
    ks: RangeInclusive<usize>,
    params: &KMeansParams,
    silhouette: impl Fn(&[usize]) -> Result<f64>,
) -> Result<KSelection> {
    check_matrix(x)?;
    let n = x.nrows();
    let (start, end) = (*ks.start(), *ks.end());
    let candidates = start.max(2)..=end.min(n.saturating_sub(1));
    if candidates.is_empty() {
        return Err(ClusterError::NoCandidateK {
            start,
            end,
            rows: n,
        });
    }
    let mut scores = Vec::with_capacity(candidates.clone().count());
    for k in candidates {
        let model = params.k(k).check()?.fit_checked(x)?;
        scores.push(KScore {
            k,
            silhouette: silhouette(&model.labels)?,
            inertia: model.inertia,
        });
    }
    let chosen = best_k(&scores);
    Ok(KSelection { scores, chosen })
}

/// The k of the highest silhouette; the first (smallest k) on ties.
fn best_k(scores: &[KScore]) -> usize {
    let mut best = scores[0];
    for score in &scores[1..] {
        if score.silhouette > best.silhouette {
            best = *score;
        }
    }
    best.k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::blobs;
    use ndarray::{Array2, array};

    #[test]
    fn blobs_choose_three() {
        let selection = select_k(blobs().view(), 1..=20, &KMeansParams::new(99)).unwrap();
        let ks: Vec<usize> = selection.scores.iter().map(|s| s.k).collect();
        assert_eq!(ks, (2..=11).collect::<Vec<_>>());
        assert_eq!(selection.chosen, 3);
        // python3 -c "import numpy as np; from sklearn.cluster import KMeans; from
        //   sklearn.metrics import silhouette_score; X = np.array(<blobs()>);
        //   [print(k, repr(silhouette_score(X, KMeans(k, n_init=10, random_state=0)
        //   .fit(X).labels_))) for k in [2, 3]]"
        let sklearn = [
            (2, 0.6467515970734659, 63.04249999999999),
            (3, 0.9394925782595117, 0.5925),
        ];
        for (score, (k, silhouette, inertia)) in selection.scores.iter().zip(sklearn) {
            assert_eq!(score.k, k);
            assert!((score.silhouette - silhouette).abs() < 1e-12, "k = {k}");
            assert!((score.inertia - inertia).abs() < 1e-9, "k = {k}");
        }
    }

    #[test]
    fn inertia_never_increases_with_k_on_blobs() {
        let selection = select_k(blobs().view(), 2..=6, &KMeansParams::new(2)).unwrap();
        for pair in selection.scores.windows(2) {
            assert!(pair[1].inertia <= pair[0].inertia + 1e-12, "{pair:?}");
        }
    }

    #[test]
    fn ties_go_to_the_smaller_k() {
        let score = |k, silhouette| KScore {
            k,
            silhouette,
            inertia: 0.0,
        };
        let cases: [(&[KScore], usize); 4] = [
            (&[score(2, 0.5)], 2),
            (&[score(2, 0.5), score(3, 0.5), score(4, 0.1)], 2),
            (&[score(2, 0.1), score(3, 0.7), score(4, 0.7)], 3),
            (&[score(2, -0.2), score(3, -0.1), score(4, -0.3)], 3),
        ];
        for (scores, want) in cases {
            assert_eq!(best_k(scores), want, "{scores:?}");
        }
    }

    #[test]
    fn no_candidate_is_an_error() {
        let two = array![[0.0], [1.0]];
        let err = select_k(two.view(), 2..=5, &KMeansParams::new(2)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no k in 2..=5 lies in 2..=n - 1 for n = 2 rows"
        );
        let x = blobs();
        assert!(select_k(x.view(), 12..=15, &KMeansParams::new(2)).is_err());
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 5..=3;
        assert!(select_k(x.view(), reversed, &KMeansParams::new(2)).is_err());
        let empty = Array2::<f64>::zeros((0, 1));
        assert!(matches!(
            select_k(empty.view(), 2..=3, &KMeansParams::new(2)),
            Err(ClusterError::EmptyInput { .. })
        ));
    }

    #[test]
    fn invalid_params_are_reported() {
        let params = KMeansParams::new(2).n_init(0);
        let err = select_k(blobs().view(), 2..=3, &params).unwrap_err();
        assert_eq!(
            err.to_string(),
            "n_init = 0, but at least one k-means run is needed"
        );
    }

    #[test]
    fn sampled_selection_equals_exact_selection_when_the_sample_is_everything() {
        let params = KMeansParams::new(2).seed(5);
        let exact = select_k(blobs().view(), 2..=5, &params).unwrap();
        let sampled = select_k_sampled(blobs().view(), 2..=5, &params, 12).unwrap();
        assert_eq!(sampled, exact);
        let small = select_k_sampled(blobs().view(), 2..=4, &params, 9).unwrap();
        assert_eq!(small.chosen, 3);
        let err = select_k_sampled(blobs().view(), 2..=4, &params, 0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "sample_size = 0, but the silhouette needs rows to score"
        );
    }

    #[test]
    fn three_rows_allow_only_k_two() {
        let x = array![[0.0], [0.1], [5.0]];
        let selection = select_k(x.view(), 1..=10, &KMeansParams::new(2)).unwrap();
        assert_eq!(selection.scores.len(), 1);
        assert_eq!(selection.chosen, 2);
    }
}
