//! Every setting that changes a number or what a report shows, in one
//! place, so that `config.json` records exactly what produced the report.
//! No other module keeps a tuning constant of its own.

use core_text::{AnalyzerConfig, TextConfig};
use features::TfidfConfig;
use serde::{Deserialize, Serialize};

/// Clustering settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
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
    /// k-means restarts per run while k is chosen by silhouette and while
    /// stability is checked (at most `n_init`); the reported partition
    /// uses all `n_init` restarts.
    pub scan_n_init: usize,
    /// Silhouettes on a seeded sample of this many articles when the
    /// corpus is above `scale.exact_silhouette_articles`.
    pub silhouette_sample: usize,
    /// Stability: k-means is rerun with this many seeds (`seed`,
    /// `seed + 1`, ...) and the partitions compared pairwise.
    pub stability_seeds: u64,
    /// Stability is measured on a seeded sample of at most this many articles.
    pub stability_sample: usize,
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
            scan_n_init: 10,
            silhouette_sample: 2000,
            stability_seeds: 10,
            stability_sample: 5_000,
        }
    }
}

/// Settings of an analysis: everything that changes a number or what the
/// report shows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisConfig {
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
    pub statistics: StatisticsConfig,
    /// Shared-passage detection.
    pub syndication: SyndicationConfig,
    /// Evidence and table sizes.
    pub display: DisplayConfig,
    /// Limits on one input.
    pub input: InputConfig,
    /// Which views a corpus of a given size gets.
    pub scale: ScaleConfig,
    /// Validation of the hits against hand coding.
    pub validation: ValidationConfig,
    /// Frame rates over time (periods of the articles' dates).
    pub timeline: TimelineConfig,
    /// How each group names the lexicon's actors.
    pub labels: LabelsConfig,
}

/// Framing over time: how dated articles are binned into periods and which
/// cells (group × period) are too small to show or test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimelineConfig {
    /// Length of a period: `day`, `week` (ISO week, Monday first) or `month`.
    pub bin: String,
    /// A cell with fewer articles is insufficient: drawn hollow, not tested.
    pub min_articles: usize,
    /// A cell with fewer counted tokens is insufficient, too.
    pub min_tokens: usize,
    /// A change between two periods is flagged when its q-value lies below
    /// this.
    pub flag_below: f64,
    /// Draws all the timeline's intervals and tests may make together:
    /// each gets an equal share (at most `statistics.draw_budget`, never
    /// below the statistics' floors of resamples and permutations), so a
    /// year of weeks of a large corpus stays fast. When groups share text,
    /// the timelines of the views `all`, `own` and `shared` get a third each.
    pub draw_budget: usize,
}

impl Default for TimelineConfig {
    fn default() -> Self {
        TimelineConfig {
            bin: "week".to_owned(),
            min_articles: 2,
            min_tokens: 200,
            flag_below: 0.05,
            draw_budget: 200_000_000,
        }
    }
}

/// Validating frame hits against hand coding: the sample coders get and
/// how their codes are read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ValidationConfig {
    /// Hits in the sample (fewer when the corpus has fewer).
    pub sample_size: usize,
    /// What the sample is stratified by: any of `outlet` (the compared
    /// group), `frame`, `term`. Every stratum gets an equal share; a small
    /// stratum takes all its hits and leaves the rest to the others.
    pub stratify: Vec<String>,
    /// Seed of the draw: which hits of a stratum are taken, and their order.
    pub seed: u64,
    /// Characters of context on each side of a sampled hit.
    pub context_width: usize,
    /// A term is flagged when the upper end of its precision interval lies
    /// below this.
    pub flag_below: f64,
}

impl Default for ValidationConfig {
    fn default() -> Self {
        ValidationConfig {
            sample_size: 300,
            stratify: vec!["outlet".to_owned(), "frame".to_owned()],
            seed: 42,
            context_width: 200,
            flag_below: 0.5,
        }
    }
}

/// Settings of the statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatisticsConfig {
    /// Keyness: minimum count and unit (tokens or articles).
    pub keyness: features::keyness::KeynessParams,
    /// Bootstrap resamples for the frame-rate intervals.
    pub bootstrap_resamples: usize,
    /// Random permutations per test.
    pub permutations: usize,
    /// Confidence level of the intervals.
    pub level: f64,
    /// Seed of the resampling generators.
    pub seed: u64,
    /// Draws one resampling test may make: beyond it, the number of
    /// resamples or permutations shrinks with the units drawn each time,
    /// so large corpora stay fast (their intervals are narrow anyway).
    pub draw_budget: usize,
    /// Fewest bootstrap resamples, however large the group.
    pub min_resamples: usize,
    /// Fewest permutations (smallest possible p = 1/200), however large
    /// the corpus.
    pub min_permutations: usize,
}

impl Default for StatisticsConfig {
    fn default() -> Self {
        StatisticsConfig {
            keyness: features::keyness::KeynessParams::default(),
            bootstrap_resamples: 2000,
            permutations: 9999,
            level: 0.95,
            seed: 42,
            draw_budget: 4_000_000,
            min_resamples: 200,
            min_permutations: 199,
        }
    }
}

/// Which views a corpus of a given size gets: per-article tables and
/// charts where they stay readable, aggregates by group where they would
/// not, and no step quadratic in the number of articles on the large path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScaleConfig {
    /// Per-article tables (corpus, frames, distinctive terms) up to this
    /// many articles.
    pub table_articles: usize,
    /// Per-article heatmaps up to this many articles.
    pub chart_articles: usize,
    /// The articles × articles similarity matrix up to this many articles.
    pub matrix_articles: usize,
    /// An article dendrogram up to this many articles.
    pub dendrogram_articles: usize,
    /// Labelled points on the article map up to this many articles.
    pub labelled_points: usize,
    /// Above this many articles, clustering runs on LSA coordinates. On
    /// samples of 10kGNAD with k = 9 the two paths tie at 100 articles (NMI
    /// 0.37 each, mean of two samples); at 120 and 150 LSA is ahead (0.39
    /// and 0.44 against 0.33 and 0.30, three samples), at 200 far ahead
    /// (0.45 against 0.28).
    pub lsa_above_articles: usize,
    /// Exact silhouettes up to this many articles.
    pub exact_silhouette_articles: usize,
    /// Points drawn on the article map (a seeded spread sample above it).
    pub map_points: usize,
    /// Above this many articles the big data tables (counts, TF-IDF,
    /// tokens, frames, keyness) are written as Parquet instead of text.
    pub parquet_above_articles: usize,
    /// `auto` (by `parquet_above_articles`), `text`, `parquet` or `both`.
    pub data_format: DataFormat,
}

/// How the big data tables are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DataFormat {
    /// Text up to `parquet_above_articles`, Parquet above.
    #[default]
    Auto,
    /// TSV, Matrix Market and JSON lines whatever the size.
    Text,
    /// Parquet whatever the size.
    Parquet,
    /// Both, side by side.
    Both,
}

impl Default for ScaleConfig {
    fn default() -> Self {
        ScaleConfig {
            table_articles: 100,
            chart_articles: 30,
            matrix_articles: 300,
            dendrogram_articles: 60,
            labelled_points: 40,
            lsa_above_articles: 100,
            exact_silhouette_articles: 3000,
            map_points: 2000,
            parquet_above_articles: 10_000,
            data_format: DataFormat::Auto,
        }
    }
}

/// Limits on one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SyndicationConfig {
    /// Shingle, winnowing window, minimum passage length, common-phrase cap.
    pub params: features::syndication::SyndicationParams,
    /// Drop frame hits inside passages an earlier article (by date, then
    /// corpus order) already contains, so a copied story counts once.
    pub exclude_repeated: bool,
    /// Near matches (shared passages that are not exact duplicates) are
    /// searched pairwise up to this many articles.
    pub near_match_max_articles: usize,
}

impl Default for SyndicationConfig {
    fn default() -> Self {
        SyndicationConfig {
            params: features::syndication::SyndicationParams::default(),
            exclude_repeated: false,
            near_match_max_articles: 100,
        }
    }
}

/// How much evidence the report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DisplayConfig {
    /// Characters of context on each side of a KWIC match.
    pub kwic_width: usize,
    /// Distinctive terms listed per article, label words per group.
    pub top_terms: usize,
    /// Key terms listed per group and side (keyness).
    pub key_terms: usize,
    /// Characters of context on each side of a key term's example line.
    pub key_context_width: usize,
    /// Evidence lines kept per frame for the report (all are in `kwic.tsv`).
    pub evidence_per_frame: usize,
    /// Evidence lines kept per lexicon pattern for the lexicon check.
    pub evidence_per_pattern: usize,
    /// Articles the lexicon check names per pattern before it only counts them.
    pub articles_named_per_pattern: usize,
    /// Removed boilerplate lines kept per article for the report (all are
    /// in `clean.jsonl`).
    pub removed_lines_kept: usize,
    /// Groups (and clusters) that get a keyness chart.
    pub keyness_charts: usize,
    /// Terms on each side of a keyness chart.
    pub keyness_bars_per_side: usize,
    /// Skipped articles and warnings listed in the report (all are in
    /// `warnings.tsv`).
    pub problems_shown: usize,
    /// Distinct shared passages listed (all pairs are in `shared.tsv`).
    pub passages_shown: usize,
    /// Article ids listed under a group or cluster (all are in `docs.tsv`).
    pub members_listed: usize,
    /// Speakers listed per group (all quotations are in `quotes.tsv`).
    pub speakers_shown: usize,
    /// Most frequent removed boilerplate lines listed for a large corpus.
    pub removed_lines_shown: usize,
    /// Matched word forms listed per pattern by the lexicon check.
    pub forms_shown: usize,
    /// The view the report's prose and charts lead with (frames, label
    /// profiles, timeline): `all` (every counted token) or `own` (text no
    /// other outlet shares).
    pub lead_view: String,
}

impl Default for DisplayConfig {
    fn default() -> Self {
        DisplayConfig {
            kwic_width: 60,
            top_terms: 10,
            key_terms: 10,
            key_context_width: 30,
            evidence_per_frame: 40,
            evidence_per_pattern: 5,
            articles_named_per_pattern: 8,
            removed_lines_kept: 40,
            keyness_charts: 30,
            keyness_bars_per_side: 10,
            problems_shown: 50,
            passages_shown: 30,
            members_listed: 20,
            speakers_shown: 12,
            removed_lines_shown: 20,
            forms_shown: 12,
            lead_view: "all".to_owned(),
        }
    }
}

/// How labels are tested and collocates counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LabelsConfig {
    /// Fewest uses of a label by a group before it is tested.
    pub min_count: usize,
    /// A label is distinctive below this q (with its interval above 0).
    pub alpha: f64,
    /// Counted tokens on each side of a mention in the collocate window.
    pub window: usize,
    /// Fewest co-occurrences of a collocate.
    pub min_cooccurrence: usize,
    /// Collocates kept per actor and group.
    pub collocates_kept: usize,
    /// Labels shown per actor and group in the report.
    pub shown: usize,
    /// Besides the lexicon's actors, profile this many of the speakers the
    /// quotation finder names most often (people by surname, institutions
    /// by name; one-word names only); 0 for the lexicon's actors alone.
    pub auto_actors: usize,
    /// Articles read, from the start of the corpus, to find those speakers.
    pub auto_sample: usize,
}

impl Default for LabelsConfig {
    fn default() -> Self {
        LabelsConfig {
            min_count: 2,
            alpha: 0.05,
            window: 5,
            min_cooccurrence: 2,
            collocates_kept: 10,
            shown: 8,
            auto_actors: 0,
            auto_sample: 5_000,
        }
    }
}
