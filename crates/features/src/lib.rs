//! Numbers from analysed articles: terms, TF-IDF, similarity and frames.
//!
//! `features` is the second stage of Rahmen. From [`core_text::Document`]s it
//! builds the vocabulary and sparse counts ([`count_terms`] →
//! [`TermCounts`]), weights them with scikit-learn's TF-IDF ([`tfidf()`],
//! [`TfidfConfig`]), compares articles ([`cosine_similarity`]), finds the
//! frames of a [`Lexicon`] ([`FrameMatcher`] → [`FrameHit`]s) and cuts the
//! [`kwic()`] evidence line for any hit.
//!
//! It knows nothing of files it does not read (a lexicon) and writes none.
//!
//! # Example
//!
//! ```
//! use core_text::{Analyzer, AnalyzerConfig, Document, TextConfig};
//! use features::{count_terms, tfidf, TfidfConfig};
//!
//! let docs: Vec<Document> = ["Die NATO lehnt Sicherheitsgarantien ab.", "Russland fordert Sicherheitsgarantien."]
//!     .iter()
//!     .map(|t| Document::analyze(t.to_string(), &TextConfig::default()))
//!     .collect();
//! let analyzer = Analyzer::new(&AnalyzerConfig::default());
//! let config = TfidfConfig::default();
//! let counts = count_terms(&docs, &analyzer, config.min_df, config.max_df).unwrap();
//! let weights = tfidf(&counts.counts, &config).unwrap();
//! let labels: Vec<&str> = counts.terms.iter().map(|t| t.label.as_str()).collect();
//! assert_eq!(labels, ["ab", "fordert", "lehnt", "NATO", "Russland", "Sicherheitsgarantien"]);
//! assert_eq!(weights.matrix.rows(), 2);
//! ```

pub mod actors;
pub mod char_ngrams;
pub mod class_tfidf;
mod error;
pub mod frames;
pub mod index;
pub mod keyness;
pub mod kwic;
pub mod labels;
pub mod lexicon;
pub mod lexicon_merge;
pub mod matrix;
#[cfg(test)]
mod properties;
pub mod ragged;
pub mod similarity;
pub mod syndication;
pub mod tfidf;
pub mod uncertainty;
pub mod validation;
pub mod vocabulary;

pub use actors::Actor;
pub use char_ngrams::{CharNgramParams, CharNgramTfidf};
pub use error::FeatureError;
pub use frames::{FrameHit, FrameMatcher, Matches, hits_per_frame};
pub use index::{DocTerms, WordIndex, WordInfo};
pub use kwic::{Kwic, kwic};
pub use labels::LabelCounts;
pub use lexicon::{Frame, FrameFunction, Lexicon, LexiconTerm};
pub use matrix::{AnyMatrix, CountMatrix, MatrixValue};
pub use similarity::cosine_similarity;
pub use tfidf::{Norm, Tfidf, TfidfConfig, idf, tfidf, tfidf_from_counts, weight_row};
pub use vocabulary::{
    DocFrequency, KeyFrequencies, Term, TermCounts, Vocabulary, build_vocabulary, count_matrix,
    count_terms, group_count_matrix, vocabulary_from_frequencies,
};
