//! The decoded article with its metadata, and the corpus that holds them.

use std::collections::BTreeMap;

use crate::warning::{InputWarning, Origin};

/// One decoded article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Identifier, unique within the corpus.
    pub id: String,
    /// Publishing outlet, when known.
    pub outlet: Option<String>,
    /// Headline, when known.
    pub title: Option<String>,
    /// Publication date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), when known.
    pub date: Option<String>,
    /// Language code from the metadata, when given.
    pub language: Option<String>,
    /// The group this article is compared in: the value of the group-by field
    /// (the outlet by default), or `unknown (<id>)` when that value is missing,
    /// so that unattributed articles are never pooled.
    pub group: String,
    /// Every other metadata field, by name (evidence notes, CSV columns).
    pub fields: BTreeMap<String, String>,
    /// Where the article came from: the article's file (folders), or the
    /// CSV/JSONL file and the record's line.
    pub origin: Origin,
    /// The decoded text.
    pub text: String,
    /// The encoding it was decoded from.
    pub encoding: &'static str,
    /// What was repaired or changed on the way in (bytes repaired, a
    /// duplicate id renamed): the article is analysed, and the report lists
    /// these.
    pub warnings: Vec<InputWarning>,
}

/// One item of a [`CorpusReader`](crate::CorpusReader) batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// An article that was read.
    Article(Article),
    /// A record or file that could not be read, and why.
    Skipped(InputWarning),
}

/// A loaded corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corpus {
    /// Short name, used for the report folder (`security-talks-2021`).
    pub name: String,
    /// Human title, when the manifest gives one.
    pub title: Option<String>,
    /// Description, when the manifest gives one.
    pub description: Option<String>,
    /// Articles in input order: manifest order (or file-name order without a
    /// manifest) for folders, record order for CSV and JSONL files.
    pub articles: Vec<Article>,
    /// Articles that could not be read.
    pub skipped: Vec<InputWarning>,
    /// Non-fatal remarks about the corpus (files missing from the manifest, ...).
    pub warnings: Vec<InputWarning>,
}
