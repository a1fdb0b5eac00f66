//! German news text, from raw bytes to analysis terms.
//!
//! `core-text` is the first stage of Rahmen. It turns an article's bytes into
//! a [`Document`]: text [decoded](decode()) with the encoding detected, web
//! boilerplate [stripped](strip_boilerplate) with an audit trail of
//! [`Removal`]s, [`sentences`], and [`Token`]s with byte [`Span`]s into the
//! decoded text. An [`Analyzer`] then decides which tokens count and under
//! which key (stop words, Snowball German stems, compounds kept whole), and
//! [`find_quotes`] finds who speaks: direct quotations and reported speech
//! with their speakers.
//!
//! It does no I/O and never fails on messy text: odd input is data, not an
//! error.
//!
//! It is on the hot path of every report: word and sentence boundaries use a
//! fast path for Latin script and unicode-segmentation (UAX #29) for
//! everything else, with identical results (`segment`); stemming is
//! rust-stemmers' Snowball German; word lists are hashed. `examples/text_throughput.rs`
//! measures it, `examples/digest.rs` dumps everything it computes for
//! comparing two versions.
//!
//! # Example
//!
//! ```
//! use core_text::{Analyzer, AnalyzerConfig, Document, TextConfig, decode};
//!
//! let bytes = "Abonnieren\nRussland fordert Sicherheitsgarantien und warnt vor der NATO-Osterweiterung.\n".as_bytes();
//! let doc = Document::analyze(decode(bytes).text, &TextConfig::default());
//! assert_eq!(doc.removed[0].reason.to_string(), "interface");
//!
//! let analyzer = Analyzer::new(&AnalyzerConfig::default());
//! let keys: Vec<String> = doc.tokens.iter().filter_map(|t| analyzer.key(t)).collect();
//! assert_eq!(keys, ["russland", "fordert", "sicherheitsgaranti", "warnt", "nato-osterweiter"]);
//! ```

pub mod analyzer;
pub mod boilerplate;
pub mod decode;
pub mod document;
#[cfg(test)]
mod equivalence_tests;
pub mod language;
pub mod normalize;
#[cfg(test)]
mod properties;
pub mod quotes;
#[cfg(test)]
mod reference;
mod segment;
pub mod sentence;
pub mod span;
pub mod token;
mod word_set;

pub use analyzer::{Analyzer, AnalyzerConfig, Stemming, StopWords, stop_word_list};
pub use boilerplate::{Cleaned, Reason, Removal, strip_boilerplate};
pub use decode::{Decoded, decode, encoding_name, looks_binary, repair_utf8};
pub use document::{Document, Sentence, TextConfig};
pub use normalize::normalize;
pub use quotes::{Quote, QuoteKind, Speaker, find_quotes, quoted_share, voice_at, voices_at};
pub use sentence::sentences;
pub use span::Span;
pub use token::{
    Token, TokenKind, TokenView, normalize_token, scan_token_spans, scan_tokens, tokenize,
    tokenize_into,
};
