//! Copied wire text and republished articles: which articles share which
//! passages, and how much of each article is shared.
//!
//! [`shared_passages`] finds every exact run of normalised tokens that two
//! articles share, at least [`SyndicationParams::min_tokens`] long, in three
//! steps that stay near-linear in corpus size:
//!
//! 1. **Fingerprints.** Each article's word shingles (`shingle` consecutive
//!    normalised tokens, numbers included, punctuation already gone) are
//!    hashed with 64-bit FNV-1a and thinned by winnowing with a window of
//!    `window` shingles (Schleimer, Wilkerson & Aiken 2003, as in MOSS): about
//!    `2 / (window + 1)` of the shingles are kept, and any shared run of
//!    `shingle + window - 1` tokens is sure to keep one in both articles.
//! 2. **Candidates.** A sorted inverted index from fingerprint to (article,
//!    position) pairs articles that share a fingerprint; a fingerprint found
//!    in more than `max_postings` articles is skipped as a stock phrase (as
//!    is one repeated more than `max_postings` times inside one article,
//!    such as a long run of `0 0 0`) and counted in
//!    [`Syndication::skipped_common_fingerprints`]. This also bounds the
//!    candidates per fingerprint.
//! 3. **Verification.** Each candidate is checked token by token and grown
//!    left and right to the longest exact shared run; runs of at least
//!    `min_tokens` tokens that overlap or touch in both articles are merged
//!    into one [`SharedPassage`].
//!
//! So the passages are exactly the maximal shared runs of `min_tokens` or
//! more tokens, whichever shingles winnowing kept, less the common ones: a
//! run is left out, for every pair alike, when all the fingerprints
//! winnowing is sure to pick inside it were skipped. Text an article
//! repeats within itself is not a shared passage. The output depends neither
//! on hashing order nor on the number of threads.
//!
//! # Example
//!
//! ```
//! use core_text::{Document, TextConfig};
//! use features::syndication::{SyndicationParams, shared_passages};
//!
//! let wire = "Kremlsprecher Dmitri Peskow hat die bisherigen Gesprächsrunden mit Vertretern der USA als misslungen bezeichnet.";
//! let docs: Vec<Document> = [format!("Moskau enttäuscht. {wire}"), format!("{wire} Mehr dazu morgen.")]
//!     .into_iter()
//!     .map(|t| Document::analyze(t, &TextConfig::default()))
//!     .collect();
//! let found = shared_passages(&docs, &SyndicationParams::default().check().unwrap());
//! assert_eq!(found.passages.len(), 1);
//! let passage = &found.passages[0];
//! assert_eq!((passage.a, passage.b, passage.tokens), (0, 1, 14));
//! assert_eq!(passage.a_span.of(&docs[0].text), wire.trim_end_matches('.'));
//! ```

mod coverage;
mod fingerprint;
mod index;
mod params;
mod verify;

#[cfg(test)]
mod tests;

use std::ops::Range;

use core_text::{Document, Span, Token};
use rayon::prelude::*;

pub use coverage::repeated_token_mask;
pub use params::{SyndicationError, SyndicationParams, ValidSyndicationParams};

use index::Index;
use verify::{shared_stretches, token_span};

/// A stretch of text that articles `a` and `b` (`a < b`) share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedPassage {
    /// The article with the lower index (into the documents).
    pub a: usize,
    /// The article with the higher index.
    pub b: usize,
    /// Bytes in `a`'s text, from the first shared token to the last.
    pub a_span: Span,
    /// Bytes in `b`'s text.
    pub b_span: Span,
    /// Indices into `a`'s tokens.
    pub a_tokens: Range<usize>,
    /// Indices into `b`'s tokens.
    pub b_tokens: Range<usize>,
    /// Length in tokens: both token ranges have it, unless text repeated
    /// inside the passage merged runs unevenly, then the shorter one.
    pub tokens: usize,
}

/// What [`shared_passages`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Syndication {
    /// Every shared passage, by `a`, then `b`, then start in `a` (then in
    /// `b`). A passage shared by three articles appears once per pair.
    pub passages: Vec<SharedPassage>,
    /// For each article, the share of its tokens inside any shared passage
    /// (0.0 for an article without tokens).
    pub coverage: Vec<f64>,
    /// Distinct fingerprints skipped because more than `max_postings`
    /// articles have them (stock phrases, boilerplate, or one story copied
    /// very widely) or one article repeats them more often than that:
    /// shared runs made only of such fingerprints are not reported for any
    /// pair.
    pub skipped_common_fingerprints: usize,
}

/// Finds the passages that articles share (see the [module](self) docs).
///
/// Work and memory grow with the number of tokens and of shared
/// fingerprints, not with the number of article pairs: the index keeps
/// about `2 / (window + 1)` postings of 16 bytes per token, and candidates
/// are gathered one article at a time.
///
/// # Panics
///
/// With more than `u32::MAX` articles, or an article of more than
/// `u32::MAX` tokens.
pub fn shared_passages(docs: &[Document], params: &ValidSyndicationParams) -> Syndication {
    let index = Index::build(docs, params);
    // Collected in article order: the result is the same for any thread count.
    let per_article: Vec<Vec<SharedPassage>> = docs
        .par_iter()
        .enumerate()
        .map(|(a, doc)| passages_from(a, doc, docs, &index, params))
        .collect();
    let passages: Vec<SharedPassage> = per_article.into_iter().flatten().collect();
    let coverage = coverage::coverage(docs, &passages);
    Syndication {
        passages,
        coverage,
        skipped_common_fingerprints: index.common.len(),
    }
}

/// The passages article `a` shares with every later article.
fn passages_from(
    a: usize,
    doc: &Document,
    docs: &[Document],
    index: &Index,
    params: &ValidSyndicationParams,
) -> Vec<SharedPassage> {
    let candidates = index.candidates(a, doc, params);
    let mut out = Vec::new();
    // Candidates come sorted by the other article: one slice per pair.
    for pair in candidates.chunk_by(|x, y| x.b == y.b) {
        let b = pair[0].b;
        let other = &docs[b];
        let keep = |run: &[Token]| !index.is_common_run(run, params);
        for stretch in shared_stretches(&doc.tokens, &other.tokens, pair, params.min_tokens(), keep)
        {
            out.push(SharedPassage {
                a,
                b,
                a_span: token_span(&doc.tokens, &stretch.a_tokens),
                b_span: token_span(&other.tokens, &stretch.b_tokens),
                tokens: stretch.a_tokens.len().min(stretch.b_tokens.len()),
                a_tokens: stretch.a_tokens,
                b_tokens: stretch.b_tokens,
            });
        }
    }
    out
}
