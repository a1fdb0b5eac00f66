//! Article collections in, decoded articles with metadata out.
//!
//! `corpus` reads what researchers bring: a folder of `.txt` files described
//! by a `manifest.toml` or `manifest.csv`, a CSV or TSV export, or a JSON
//! Lines export, from five articles to millions.
//!
//! - [`open`] checks the input as a whole ([`Format`], manifest, header) under
//!   [`InputOptions`] and returns a [`CorpusReader`], which hands out
//!   [`Entry`]s batch by batch ([`CorpusReader::next_batch`]), reading only as
//!   much input as a batch needs, with progress in bytes for large files.
//! - [`load`] reads a whole folder into a [`Corpus`] of [`Article`]s, the way
//!   for corpora that fit in memory ([`CorpusReader::read_all`] does the same
//!   for any format).
//!
//! Text is decoded from UTF-8 (with or without BOM), UTF-16 or
//! Windows-1252/Latin-1, detected as [`core_text::decode`](fn@core_text::decode) detects it: per
//! file for folders, from the first 64 KiB for CSV and JSONL files, which are
//! then transcoded while they stream. Every article has a
//! [`group`](Article::group) to be compared in: its outlet, or the column
//! chosen by [`InputOptions::group_by`]; an article without one is alone in
//! `unknown (<id>)`.
//!
//! One broken article never stops a run: it becomes an [`Entry::Skipped`]
//! (in [`Corpus::skipped`]) with its origin (`test.csv:57`, or the file) and
//! a lowercase reason, and the rest goes on. Only problems that make the
//! whole corpus meaningless (no such path, an unknown format, a malformed
//! manifest, a header without the text column, no article left) are errors.
//!
//! This crate reads files but never writes any.
//!
//! # Example
//!
//! ```
//! use corpus::{Entry, InputOptions};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("talks.csv");
//! std::fs::write(
//!     &path,
//!     "id,outlet,text\n\
//!      a1,RT DE,Der Kreml hofft auf Dialog.\n\
//!      a2,,\"Die NATO sagt: \"\"Nein\"\".\"\n\
//!      a3,SNA,\n",
//! )
//! .unwrap();
//! let mut reader = corpus::open(&path, &InputOptions::default()).unwrap();
//! assert_eq!(reader.info().name, "talks");
//! let mut groups = Vec::new();
//! while let Some(batch) = reader.next_batch(2) {
//!     for entry in batch {
//!         match entry {
//!             Entry::Article(article) => groups.push(article.group),
//!             Entry::Skipped(skipped) => {
//!                 assert_eq!(skipped.to_string(), "talks.csv:4: field `text` is empty")
//!             }
//!         }
//!     }
//! }
//! assert_eq!(groups, ["RT DE", "unknown (a2)"]);
//! assert_eq!(reader.bytes_read(), reader.total_bytes().unwrap());
//!
//! // A folder of .txt files with a manifest, read at once.
//! std::fs::write(dir.path().join("a.txt"), "Der Kreml hofft auf Dialog.").unwrap();
//! std::fs::write(
//!     dir.path().join("manifest.toml"),
//!     "[[article]]\nid = \"a\"\nfile = \"a.txt\"\noutlet = \"RT DE\"\ndate = \"2022-01-13\"\n",
//! )
//! .unwrap();
//! let corpus = corpus::load(dir.path()).unwrap();
//! assert_eq!(corpus.articles[0].outlet.as_deref(), Some("RT DE"));
//! assert_eq!(corpus.articles[0].text, "Der Kreml hofft auf Dialog.");
//! ```

#![deny(missing_docs)]

mod article;
mod csv_file;
mod encoding;
mod error;
mod folder;
mod format;
mod jsonl_file;
mod lines;
mod manifest;
mod manifest_csv;
mod reader;
mod record;
mod source;
mod warning;

use std::path::Path;

pub use article::{Article, Corpus, Entry};
pub use error::CorpusError;
pub use format::{FieldMapping, Format, InputOptions};
pub use manifest::{CorpusInfo, Manifest, ManifestArticle};
pub use reader::{CorpusReader, FIRST_BATCH, open};
pub use source::SourceInfo;
pub use warning::{InputWarning, Origin, WarningKind};

/// Loads the corpus at `path` (a folder, or a CSV or JSONL file read with the
/// default [`InputOptions`]) into memory.
///
/// For a folder: with a manifest, articles come in manifest order with its
/// metadata; `.txt` files the manifest does not list are still read (with
/// their file stem as id) and a warning says so. Without one, every `.txt`
/// file is an article, in file-name order, with its file stem as id.
pub fn load(path: &Path) -> Result<Corpus, CorpusError> {
    open(path, &InputOptions::default())?.read_all()
}
