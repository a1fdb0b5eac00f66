//! Errors that stop a corpus from loading at all (per-article problems are
//! [`Skipped`](crate::Skipped) entries instead).

use std::path::PathBuf;

/// Why a corpus could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The corpus path does not exist.
    #[error("corpus {path} does not exist")]
    NotFound {
        /// The path given.
        path: PathBuf,
    },
    /// A file or folder could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// What was read.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The manifest is malformed.
    #[error("{path}:{line}: {message}")]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Nothing usable was found.
    #[error("corpus {path} holds no readable article{}", skipped_note(.skipped))]
    Empty {
        /// The corpus path.
        path: PathBuf,
        /// Articles that were found but skipped.
        skipped: Vec<crate::Skipped>,
    },
}

fn skipped_note(skipped: &[crate::Skipped]) -> String {
    match skipped.first() {
        None => String::new(),
        Some(first) => format!(" ({} skipped; first: {})", skipped.len(), first),
    }
}
