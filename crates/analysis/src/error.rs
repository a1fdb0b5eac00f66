//! Errors of an analysis, each naming the input or the step at fault.

/// Why an analysis could not be made.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// The corpus could not be loaded.
    #[error(transparent)]
    Corpus(#[from] corpus::CorpusError),
    /// A feature computation failed (settings, lexicon).
    #[error(transparent)]
    Features(#[from] features::FeatureError),
    /// Keyness could not be computed.
    #[error("keyness: {0}")]
    Keyness(#[from] features::keyness::KeynessError),
    /// Class-based TF-IDF could not be computed.
    #[error("label words: {0}")]
    ClassTfidf(#[from] features::class_tfidf::ClassTfidfError),
    /// An interval or a test could not be computed.
    #[error("frame statistics: {0}")]
    Uncertainty(#[from] features::uncertainty::UncertaintyError),
    /// Shared-passage settings are invalid.
    #[error(transparent)]
    Syndication(#[from] features::syndication::SyndicationError),
    /// Clustering failed.
    #[error("clustering: {0}")]
    Cluster(#[from] cluster::ClusterError),
    /// A setting is out of range.
    #[error("invalid setting `{name}`: {message}")]
    Setting {
        /// The setting.
        name: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A coder's file could not be read.
    #[error("{}{}: {message}", path.display(), line.map_or_else(String::new, |l| format!(":{l}")))]
    Codes {
        /// The file.
        path: std::path::PathBuf,
        /// The line, when one is at fault.
        line: Option<u64>,
        /// What is wrong.
        message: String,
    },
    /// Shard digests do not fit together (missing, repeated or made with
    /// other settings).
    #[error("shards: {0}")]
    Shards(String),
    /// Per-token lists past a size go to a scratch file in the temporary
    /// folder, and it could not be written.
    #[error("cannot write scratch data to the temporary folder {}: {source} (set TMPDIR to a folder with room)", std::env::temp_dir().display())]
    Scratch {
        /// Why.
        source: std::io::Error,
    },
    /// The sink that receives the per-article rows failed (a data file
    /// could not be written); the analysis stops.
    #[error(transparent)]
    Sink(Box<dyn std::error::Error + Send + Sync>),
}
