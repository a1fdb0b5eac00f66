//! Every setting of a report run, in one place, so that `config.json` can
//! record exactly what produced the numbers.

use core_text::{AnalyzerConfig, TextConfig};
use features::TfidfConfig;
use serde::{Deserialize, Serialize};

/// Clustering settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusteringConfig {
    /// Number of clusters; `None` lets the silhouette choose.
    pub k: Option<usize>,
    /// Largest k tried when choosing by silhouette.
    pub k_max: usize,
    /// Seed of the k-means random number generator.
    pub seed: u64,
    /// k-means restarts (the best inertia wins), as scikit-learn's `n_init`.
    pub n_init: usize,
    /// Iteration limit per k-means run.
    pub max_iter: u64,
    /// Convergence tolerance of k-means.
    pub tolerance: f64,
    /// Large corpora: dimensions of the LSA (truncated SVD) before k-means.
    pub lsa_dims: usize,
    /// Large corpora: power iterations of the randomized SVD (scikit-learn's
    /// `n_iter`; more are closer to the exact SVD).
    pub lsa_n_iter: usize,
    /// Large corpora: rows the SVD is fitted on (a seeded sample), before
    /// every row is projected.
    pub lsa_fit_sample: usize,
    /// Large corpora: the clustered representation, TF-IDF of the terms'
    /// character n-grams (scikit-learn's `char_wb`, sublinear tf).
    pub char_ngrams: features::CharNgramParams,
    /// Large corpora: k-means runs on at most this many rows (a seeded
    /// [`cluster::spread_sample`]); every article then joins its nearest
    /// centroid.
    pub kmeans_fit_sample: usize,
}

impl Default for ClusteringConfig {
    fn default() -> Self {
        ClusteringConfig {
            k: None,
            k_max: 8,
            seed: 42,
            n_init: 100,
            max_iter: 300,
            tolerance: 1e-4,
            lsa_dims: 50,
            lsa_n_iter: 10,
            lsa_fit_sample: 2_000,
            char_ngrams: features::CharNgramParams::default(),
            kmeans_fit_sample: 10_000,
        }
    }
}

/// Settings of a report run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ReportConfig {
    /// The column or field articles are grouped by (`None`: the outlet).
    pub group_by: Option<String>,
    /// Per-article text pipeline.
    pub text: TextConfig,
    /// Which tokens count and under which key.
    pub analyzer: AnalyzerConfig,
    /// TF-IDF weighting and vocabulary pruning.
    pub tfidf: TfidfConfig,
    /// Clustering.
    pub clustering: ClusteringConfig,
    /// Keyness, intervals and tests.
    pub statistics: crate::statistics::StatisticsConfig,
    /// Shared-passage detection.
    pub syndication: SyndicationConfig,
    /// Evidence and table sizes.
    pub display: DisplayConfig,
    /// Limits on one input.
    pub input: InputConfig,
}

/// Limits on one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputConfig {
    /// Longest article text analysed, in bytes (default 64 MiB). A longer
    /// one is cut at the last line break before the limit and named in
    /// `warnings.tsv` as `truncated`: every step is linear in the text, but
    /// an article's analysis holds about 30 bytes per byte of text.
    pub max_article_bytes: usize,
}

impl Default for InputConfig {
    fn default() -> Self {
        InputConfig {
            max_article_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Shared passages (syndication, copied wire text).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SyndicationConfig {
    /// Shingle, winnowing window, minimum passage length, common-phrase cap.
    pub params: features::syndication::SyndicationParams,
    /// Drop frame hits inside passages an earlier article (by date, then
    /// corpus order) already contains, so a copied story counts once.
    pub exclude_repeated: bool,
}

/// How much evidence the report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisplayConfig {
    /// Characters of context on each side of a KWIC match.
    pub kwic_width: usize,
    /// Distinctive terms listed per article.
    pub top_terms: usize,
}

impl Default for DisplayConfig {
    fn default() -> Self {
        DisplayConfig {
            kwic_width: 60,
            top_terms: 10,
        }
    }
}
