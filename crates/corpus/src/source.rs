//! What each format's reader hands to the corpus reader: the corpus's
//! description and a stream of entries. A leaf, so the format modules and
//! the reader that dispatches to them depend on it, not on each other.

use std::path::{Path, PathBuf};

use crate::article::Entry;
use crate::format::Format;
use crate::warning::InputWarning;

/// What is known about a corpus before its articles are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    /// Short name, used for the report folder: the manifest's `name`, else the
    /// folder name or the file stem (`test` for `test.csv`).
    pub name: String,
    /// Human title, when a manifest gives one.
    pub title: Option<String>,
    /// Description, when a manifest gives one.
    pub description: Option<String>,
    /// Language of the articles, when a manifest gives one.
    pub language: Option<String>,
    /// The format being read.
    pub format: Format,
    /// The path given to [`open`](crate::open).
    pub path: PathBuf,
    /// The encoding of a CSV or JSONL file (folders decode file by file).
    pub encoding: Option<&'static str>,
    /// The names a group-by may use: the CSV columns, the fields of the first
    /// JSONL object, or the manifest's article keys and fields.
    pub columns: Vec<String>,
}

/// One format's stream of entries, before ids are made unique.
pub(crate) trait EntrySource: Send {
    /// The next entry in input order, or `None` at the end.
    fn next_entry(&mut self) -> Option<Entry>;
    /// Input bytes read so far.
    fn bytes_read(&self) -> u64;
    /// Input bytes in all, when known.
    fn total_bytes(&self) -> Option<u64>;
    /// Warnings that can only be given once the input is read.
    fn final_warnings(&mut self) -> Vec<InputWarning> {
        Vec::new()
    }
}

/// What a format's `open` hands to the [`CorpusReader`](crate::CorpusReader).
pub(crate) struct Opened {
    pub info: SourceInfo,
    pub source: Box<dyn EntrySource>,
    pub warnings: Vec<InputWarning>,
}

/// The file name of `path`, for origins (`test.csv:57`).
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The file stem of `path`, for corpus names.
pub(crate) fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "corpus".to_owned(), |n| n.to_string_lossy().into_owned())
}
