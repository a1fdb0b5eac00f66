//! What two articles share, by token range (a run) and with its bytes (a
//! passage): the leaf the search, the verification and the coverage share.

use std::ops::Range;

use core_text::Span;

/// A run of words that articles `a` and `b` (`a < b`) share, by token
/// index: what [`shared_runs`](super::shared_runs) finds without any text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedRun {
    /// The article with the lower index (into the word sequences).
    pub a: usize,
    /// The article with the higher index.
    pub b: usize,
    /// Indices into `a`'s tokens.
    pub a_tokens: Range<usize>,
    /// Indices into `b`'s tokens.
    pub b_tokens: Range<usize>,
    /// Length in tokens: both token ranges have it, unless text repeated
    /// inside the run merged exact runs unevenly, then the shorter one.
    pub tokens: usize,
}

/// A stretch of text that articles `a` and `b` (`a < b`) share: a
/// [`SharedRun`] with its bytes.
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
