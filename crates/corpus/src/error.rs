//! Errors that stop a corpus from loading at all (per-article problems are
//! [`Skipped`](crate::warning::InputWarning) entries instead).

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
    /// The path is neither a folder nor a file of a known kind.
    #[error(
        "cannot tell the format of {path}: expected a folder of .txt files, a .csv or .tsv file, or a .jsonl or .ndjson file"
    )]
    UnknownFormat {
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
    /// A column or field the options name is not in the input.
    #[error("{path}: no {purpose} `{column}` (found: {})", list(.available))]
    MissingColumn {
        /// The file (CSV, JSONL) or manifest whose names were searched.
        path: PathBuf,
        /// What the column was wanted for (`text column`, `group-by column`).
        purpose: &'static str,
        /// The name that was asked for.
        column: String,
        /// The names that are there, in input order.
        available: Vec<String>,
    },
    /// The input as a whole cannot be read as the format it claims to be
    /// (binary data, a header with a name twice, two manifests).
    #[error("{path}: {message}")]
    Input {
        /// The file or folder at fault.
        path: PathBuf,
        /// What is wrong, in lowercase.
        message: String,
    },
    /// Nothing usable was found.
    #[error("corpus {path} holds no readable article{}", skipped_note(.skipped))]
    Empty {
        /// The corpus path.
        path: PathBuf,
        /// Articles that were found but skipped.
        skipped: Vec<crate::warning::InputWarning>,
    },
}

fn skipped_note(skipped: &[crate::warning::InputWarning]) -> String {
    match skipped.first() {
        None => String::new(),
        Some(first) => format!(" ({} skipped; first: {})", skipped.len(), first),
    }
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        return "nothing".to_owned();
    }
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}
