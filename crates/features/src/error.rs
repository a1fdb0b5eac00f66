//! Errors of the feature stage: bad settings and bad lexicons, each naming
//! the setting, file or line at fault.

use std::path::PathBuf;

/// Why a feature computation could not run.
#[derive(Debug, thiserror::Error)]
pub enum FeatureError {
    /// A TF-IDF or vocabulary setting is out of range.
    #[error("invalid setting `{name}`: {message}")]
    Setting {
        /// The setting, as named in scikit-learn (`min_df`, `max_df`, ...).
        name: &'static str,
        /// What is wrong.
        message: String,
    },
    /// Every term was pruned away.
    #[error("after pruning, no terms remain; try a lower min_df or a higher max_df")]
    NoTermsLeft,
    /// A lexicon file is malformed.
    #[error("{}:{line}: {message}", path.display())]
    Lexicon {
        /// The lexicon file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A lexicon file could not be read.
    #[error("cannot read lexicon {}: {source}", path.display())]
    LexiconIo {
        /// The lexicon file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}
