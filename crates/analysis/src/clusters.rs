//! Clustering the articles: on the L2-normalised TF-IDF rows for small
//! corpora, on LSA coordinates for large ones; k chosen by silhouette unless
//! given, checked for stability across seeds, compared with the groups.

use ndarray::Array2;

use crate::config::AnalysisConfig;
use crate::error::AnalysisError;
use crate::progress::{Progress, ProgressUnit};
use crate::scale::Scale;
use crate::statistics::Groups;
use features::{CountMatrix, TermCounts};

/// How k was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KChoice {
    /// Given by the user.
    Given,
    /// Highest mean silhouette among the candidates.
    Silhouette,
}

/// How well the clusters match the groups (outlets, or `--group-by`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupAgreement {
    /// Normalised mutual information (arithmetic mean, scikit-learn's default).
    pub nmi: f64,
    /// Adjusted Rand index.
    pub ari: f64,
    /// Homogeneity: each cluster holds one group.
    pub homogeneity: f64,
    /// Completeness: each group falls in one cluster.
    pub completeness: f64,
    /// V-measure: harmonic mean of the two.
    pub v_measure: f64,
}

/// The LSA step of the large path.
#[derive(Debug, Clone, PartialEq)]
pub struct LsaSummary {
    /// Dimensions kept.
    pub dims: usize,
    /// Share of the TF-IDF variance they keep.
    pub explained_variance: f64,
    /// Rows the SVD was fitted on (a spread sample for large corpora).
    pub fitted_rows: usize,
    /// Character n-grams (columns of the clustered TF-IDF).
    pub ngrams: usize,
}

/// Clustering results (present when there are at least three articles).
#[derive(Debug, Clone)]
pub struct Clustering {
    /// Silhouette and inertia for every candidate k.
    pub scores: Vec<cluster::KScore>,
    /// Agreement of k-means across seeds, per candidate k (same order).
    pub stability: Vec<cluster::Stability>,
    /// The k used.
    pub k: usize,
    /// How it was decided.
    pub choice: KChoice,
    /// k-means label per article (canonical ids).
    pub labels: Vec<usize>,
    /// k-means inertia.
    pub inertia: f64,
    /// Mean silhouette of the k-means labels.
    pub silhouette: f64,
    /// `Some(n)` when silhouettes were computed on a seeded sample of n rows.
    pub silhouette_sample: Option<usize>,
    /// Average-linkage tree of the articles on cosine distance (small corpora).
    pub dendrogram: Option<cluster::Dendrogram>,
    /// The article tree cut into k clusters.
    pub linkage_labels: Option<Vec<usize>>,
    /// Adjusted Rand index between k-means and the linkage cut.
    pub agreement: Option<f64>,
    /// Average-linkage tree of the groups on the distance of their centroids.
    pub group_dendrogram: Option<cluster::Dendrogram>,
    /// Agreement of the clusters with the groups.
    pub group_agreement: Option<GroupAgreement>,
    /// 2-D PCA coordinates of every article.
    pub projection: cluster::Projection,
    /// The articles drawn on the map: all, or a seeded spread sample of
    /// `scale.map_points` (`cluster::spread_sample`), in article order.
    pub map_points: Vec<usize>,
    /// The LSA step, on the large path.
    pub lsa: Option<LsaSummary>,
}

/// The final k-means labels of every article and their inertia.
struct Fitted {
    labels: Vec<usize>,
    inertia: f64,
}

/// Clusters the articles: on `normalized` (the L2-normalised TF-IDF rows)
/// when given (small corpora), else on LSA coordinates from the counts.
/// `group_cosine` is the cosine of the groups' mean rows.
#[allow(clippy::too_many_arguments)]
pub fn cluster_articles(
    counts: &TermCounts,
    normalized: Option<&sprs::CsMat<f64>>,
    group_cosine: &Array2<f64>,
    similarity: Option<&Array2<f64>>,
    groups: &Groups,
    scale: &Scale,
    config: &AnalysisConfig,
    progress: &dyn Progress,
) -> Result<Clustering, AnalysisError> {
    let settings = &config.clustering;
    let (rows, lsa) = match normalized {
        Some(normalized) => (
            cluster::l2_normalize_rows(normalized.to_dense().view()),
            None,
        ),
        None => {
            let (coords, summary) = lsa_coordinates(counts, config, progress)?;
            (cluster::l2_normalize_owned_rows(coords), Some(summary))
        }
    };
    progress.start(
        "clustering: k-means, silhouette and stability",
        None,
        ProgressUnit::Steps,
    );
    let n = rows.nrows();
    let params = cluster::KMeansParams::new(2)
        .seed(settings.seed)
        .n_init(settings.n_init)
        .max_iter(settings.max_iter)
        .tolerance(settings.tolerance);
    // Scanning k and checking stability repeat k-means many times; 10 restarts
    // each (scikit-learn's classic default) keep that affordable.
    let scan_params = params.n_init(settings.n_init.min(settings.scan_n_init));
    let sample = (!scale.exact_silhouette).then_some(settings.silhouette_sample);
    let silhouette_of = |labels: &[usize]| -> Result<f64, AnalysisError> {
        Ok(match sample {
            None => cluster::silhouette_score(rows.view(), labels)?,
            Some(size) => {
                cluster::silhouette_score_sample(rows.view(), labels, size, settings.seed)?
            }
        })
    };
    // Large corpora: k-means fits on a sample, then every article joins its
    // nearest centroid.
    let fit_index = cluster::spread_sample(n, settings.kmeans_fit_sample, settings.seed);
    let fit_rows = if fit_index.len() < n {
        rows.select(ndarray::Axis(0), &fit_index)
    } else {
        rows.clone()
    };
    let label_all = |model: &cluster::KMeansModel| -> Result<(Vec<usize>, f64), AnalysisError> {
        if fit_index.len() < n {
            let (labels, inertia) = model.predict(rows.view())?;
            Ok((cluster::canonical_labels(&labels), inertia))
        } else {
            Ok((model.labels.clone(), model.inertia))
        }
    };
    let score_of =
        |k: usize, labels: &[usize], inertia: f64| -> Result<cluster::KScore, AnalysisError> {
            let clusters = labels.iter().max().map_or(0, |m| m + 1);
            Ok(cluster::KScore {
                k,
                silhouette: if clusters >= 2 && clusters < n {
                    silhouette_of(labels)?
                } else {
                    0.0
                },
                inertia,
            })
        };
    let seeds: Vec<u64> = (0..settings.stability_seeds)
        .map(|i| settings.seed.wrapping_add(i))
        .collect();
    let (k, choice, mut scores) = match settings.k {
        Some(k) => (k, KChoice::Given, Vec::new()),
        None => {
            let k_max = settings.k_max.min(n - 1).max(2);
            let mut scores = Vec::new();
            for k in 2..=k_max {
                let (labels, inertia) = label_all(&scan_params.k(k).fit(fit_rows.view())?)?;
                scores.push(score_of(k, &labels, inertia)?);
            }
            let best = scores
                .iter()
                .fold(None::<&cluster::KScore>, |best, s| match best {
                    Some(b) if b.silhouette >= s.silhouette => Some(b),
                    _ => Some(s),
                })
                .map_or(2, |s| s.k);
            (best, KChoice::Silhouette, scores)
        }
    };
    let (labels, inertia) = label_all(&params.k(k).fit(fit_rows.view())?)?;
    // The chosen k is refitted with every restart; its row shows that fit.
    let final_score = score_of(k, &labels, inertia)?;
    match scores.iter_mut().find(|s| s.k == k) {
        Some(score) => *score = final_score,
        None => scores.push(final_score),
    }
    // Agreement between seeds is a property of the data's structure; 5,000
    // articles spread over the corpus show it as well as all of them.
    let stability_index = cluster::spread_sample(n, settings.stability_sample, settings.seed);
    let stability_rows = if stability_index.len() < n {
        rows.select(ndarray::Axis(0), &stability_index)
    } else {
        rows.clone()
    };
    let stability = scores
        .iter()
        .map(|score| {
            cluster::seed_stability(stability_rows.view(), &scan_params.k(score.k), &seeds)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let model = Fitted { labels, inertia };
    let silhouette = scores
        .iter()
        .find(|s| s.k == k)
        .map_or(0.0, |s| s.silhouette);
    let (dendrogram, linkage_labels, agreement) =
        match similarity.filter(|_| scale.article_dendrogram) {
            Some(similarity) => {
                let mut distance = similarity.mapv(|s| (1.0 - s).max(0.0));
                distance.diag_mut().fill(0.0);
                let tree = cluster::average_linkage(distance.view())?;
                let cut = tree.cut(k);
                let ari = cluster::adjusted_rand_index(&model.labels, &cut)?;
                (Some(tree), Some(cut), Some(ari))
            }
            None => (None, None, None),
        };
    // Groups of one article each would only repeat the articles' own views.
    let grouped = groups.names.len() < n;
    let group_dendrogram = if grouped && groups.names.len() >= 3 {
        // The cosine of the group means: mean pairwise similarities of sparse
        // rows are all close to 0 and would give a tree of equal heights.
        let mut distance = group_cosine.mapv(|s| (1.0 - s).max(0.0));
        distance.diag_mut().fill(0.0);
        let symmetric = (&distance + &distance.t()) / 2.0;
        Some(cluster::average_linkage(symmetric.view())?)
    } else {
        None
    };
    let group_agreement = if grouped && groups.names.len() >= 2 {
        let (homogeneity, completeness, v_measure) =
            cluster::homogeneity_completeness_v_measure(&groups.of_article, &model.labels)?;
        Some(GroupAgreement {
            nmi: cluster::normalized_mutual_info(&groups.of_article, &model.labels)?,
            ari: cluster::adjusted_rand_index(&groups.of_article, &model.labels)?,
            homogeneity,
            completeness,
            v_measure,
        })
    } else {
        None
    };
    // The last use of the coordinates: centred in place, not copied.
    let projection = cluster::pca_2d_owned(rows)?;
    Ok(Clustering {
        scores,
        stability,
        k,
        choice,
        labels: model.labels,
        inertia: model.inertia,
        silhouette,
        silhouette_sample: sample.filter(|&s| s < n),
        dendrogram,
        linkage_labels,
        agreement,
        group_dendrogram,
        group_agreement,
        projection,
        map_points: cluster::spread_sample(n, config.scale.map_points, settings.seed),
        lsa,
    })
}

/// Articles per batch when projecting: bounds the copied count rows.
const PROJECTION_BATCH: usize = 16_384;

/// The large path's coordinates: character n-gram TF-IDF of the terms
/// (compounds share their parts' n-grams), LSA fitted on a spread sample,
/// then every article projected batch by batch.
pub fn lsa_coordinates(
    counts: &TermCounts,
    config: &AnalysisConfig,
    progress: &dyn Progress,
) -> Result<(Array2<f64>, LsaSummary), AnalysisError> {
    let settings = &config.clustering;
    // Sub-stages, so that a long run shows (and `RAHMEN_TIMINGS=1` times)
    // where clustering spends its time.
    progress.start(
        "clustering: character n-grams and the LSA fit",
        None,
        ProgressUnit::Steps,
    );
    let keys: Vec<String> = counts.terms.iter().map(|t| t.key.clone()).collect();
    let ngrams = features::CharNgramTfidf::fit(&keys, &counts.counts, &settings.char_ngrams)?;
    let n = counts.counts.rows();
    let fitted = cluster::spread_sample(n, settings.lsa_fit_sample, settings.seed);
    let sample = ngrams.transform(&select_rows(&counts.counts, &fitted));
    let model = cluster::LsaParams::new(settings.lsa_dims)
        .seed(settings.seed)
        .n_iter(settings.lsa_n_iter)
        .fit(&sample)?;
    drop(sample);
    progress.start(
        "clustering: projecting every article",
        None,
        ProgressUnit::Steps,
    );
    let dims = model.dims();
    let basis = model.components.t();
    let mut coords = Array2::zeros((n, dims));
    for start in (0..n).step_by(PROJECTION_BATCH) {
        let end = (start + PROJECTION_BATCH).min(n);
        let batch = counts.counts.slice_outer(start..end).to_owned();
        coords
            .slice_axis_mut(ndarray::Axis(0), ndarray::Slice::from(start..end))
            .assign(&ngrams.project(&batch, basis));
    }
    let summary = LsaSummary {
        dims,
        explained_variance: model.explained_variance_ratio.iter().sum(),
        fitted_rows: fitted.len(),
        ngrams: ngrams.n_features(),
    };
    Ok((coords, summary))
}

/// The given rows of a CSR matrix, in the given order.
fn select_rows(matrix: &CountMatrix, rows: &[usize]) -> CountMatrix {
    let mut indptr = vec![0];
    let mut indices = Vec::new();
    let mut data = Vec::new();
    for &r in rows {
        if let Some(row) = matrix.outer_view(r) {
            indices.extend_from_slice(row.indices());
            data.extend_from_slice(row.data());
        }
        indptr.push(indices.len());
    }
    CountMatrix::new((rows.len(), matrix.cols()), indptr, indices, data)
}
