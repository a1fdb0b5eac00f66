//! Article collections in, decoded articles with metadata out.
//!
//! `corpus` reads what researchers bring: a folder of text files described by
//! a `manifest.toml`. It decodes each file with
//! [`core_text::decode`] and returns a [`Corpus`] of [`Article`]s. One broken
//! article never stops a run: it lands in [`Corpus::skipped`] with a message
//! naming the file and the problem, and the rest goes on. Only problems that
//! make the whole corpus meaningless (no such folder, an unreadable manifest,
//! no article left) are errors.
//!
//! This crate reads files but never writes any.
//!
//! # Example
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
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

mod article;
mod error;
mod folder;
mod manifest;

pub use article::{Article, Corpus, Skipped};
pub use error::CorpusError;
pub use folder::load;
pub use manifest::{CorpusInfo, Manifest, ManifestArticle};
