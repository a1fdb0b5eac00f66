//! Copied wire text and republished articles: which articles share which
//! passages, and how much of each article is shared.
//!
//! The search works on word hashes alone, so a corpus too large to keep its
//! [`Document`]s can still be searched: each article is the sequence of its
//! tokens' 64-bit hashes, `features::index::fnv1a(&token.norm)` (also
//! [`WordInfo::hash`](crate::WordInfo::hash), and [`token_hashes`] for a
//! document). [`shared_runs`] finds every exact run of words that two
//! articles share, at least [`SyndicationParams::min_tokens`] long, as word
//! ranges; [`shared_passages`] does the same for documents and adds the
//! byte spans. Three steps keep it near-linear in corpus size:
//!
//! 1. **Fingerprints.** Each article's word shingles (`shingle` consecutive
//!    normalised tokens, numbers included, punctuation already gone) are
//!    hashed (a fixed polynomial of the word hashes, see below) and thinned
//!    by winnowing with a window of `window` shingles (Schleimer, Wilkerson
//!    & Aiken 2003, as in MOSS): about `2 / (window + 1)` of the shingles
//!    are kept, and any shared run of `shingle + window - 1` tokens is sure
//!    to keep one in both articles.
//! 2. **Candidates.** A sorted inverted index from fingerprint to (article,
//!    position) pairs articles that share a fingerprint; a fingerprint found
//!    in more than `max_postings` articles is skipped as a stock phrase (as
//!    is one repeated more than `max_postings` times inside one article,
//!    such as a long run of `0 0 0`) and counted in
//!    [`SharedRuns::skipped_common_fingerprints`]. This also bounds the
//!    candidates per fingerprint.
//! 3. **Verification.** Each candidate is checked word hash by word hash and
//!    grown left and right to the longest exact shared run; runs of at least
//!    `min_tokens` tokens that overlap or touch in both articles are merged
//!    into one [`SharedRun`].
//!
//! So the runs are exactly the maximal shared runs of `min_tokens` or more
//! tokens, whichever shingles winnowing kept, less the common ones: a run is
//! left out, for every pair alike, when all the fingerprints winnowing is
//! sure to pick inside it were skipped. Text an article repeats within
//! itself is not a shared run. The output depends neither on hashing order
//! nor on the number of threads.
//!
//! **Hashes.** A shingle of word hashes `t₀ … tₙ₋₁` hashes to
//! `fmix64(Σ tᵢ · 0x9e3779b97f4a7c15^(n-1-i) mod 2^64)` (MurmurHash3's
//! finaliser over a polynomial that rolls in constant time per shingle):
//! wrapping `u64` arithmetic, the same on every platform. Comparing word
//! hashes instead of words can differ only where two different normalised
//! words have the same 64-bit hash: for a vocabulary of 10⁶ distinct words
//! the chance that any two do is about 10¹² / 2^65 ≈ 2.7 × 10⁻⁸.
//!
//! **Exact copies.** A corpus with many verbatim copies should first run
//! [`exact_duplicates`], search the originals only, and report the copies
//! separately: otherwise every pair of copies is a passage.
//!
//! # Example
//!
//! ```
//! use core_text::{Document, TextConfig};
//! use features::syndication::{SyndicationParams, shared_passages, shared_runs, token_hashes};
//!
//! let wire = "Kremlsprecher Dmitri Peskow hat die bisherigen Gesprächsrunden mit Vertretern der USA als misslungen bezeichnet.";
//! let docs: Vec<Document> = [format!("Moskau enttäuscht. {wire}"), format!("{wire} Mehr dazu morgen.")]
//!     .into_iter()
//!     .map(|t| Document::analyze(t, &TextConfig::default()))
//!     .collect();
//! let params = SyndicationParams::default().check().unwrap();
//! let found = shared_passages(&docs, &params);
//! assert_eq!(found.passages.len(), 1);
//! let passage = &found.passages[0];
//! assert_eq!((passage.a, passage.b, passage.tokens), (0, 1, 14));
//! assert_eq!(passage.a_span.of(&docs[0].text), wire.trim_end_matches('.'));
//!
//! // The same from word hashes alone, as a streaming caller keeps them.
//! let hashes: Vec<Vec<u64>> = docs.iter().map(token_hashes).collect();
//! let words: Vec<&[u64]> = hashes.iter().map(Vec::as_slice).collect();
//! let runs = shared_runs(&words, &params);
//! assert_eq!((runs.passages[0].a_tokens.clone(), runs.passages[0].b_tokens.clone()), (2..16, 0..14));
//! ```

mod coverage;
mod duplicates;
mod fingerprint;
mod index;
mod params;
mod passage;
mod postings;
mod verify;
mod word_kind;

#[cfg(test)]
mod tests;

use std::ops::Range;

use core_text::{Document, Span, Token};
use rayon::prelude::*;

pub use coverage::{repeated_token_mask, repeated_token_mask_runs};
pub use duplicates::exact_duplicates;
pub use fingerprint::Fingerprint;
pub use params::{SyndicationError, SyndicationParams, ValidSyndicationParams};
pub use passage::{SharedPassage, SharedRun};

use index::Index;
use verify::shared_stretches;
use word_kind::{HashTable, Hashed, WordKind};

/// What [`shared_runs`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedRuns {
    /// Every shared run, by `a`, then `b`, then start in `a` (then in `b`).
    /// A run shared by three articles appears once per pair.
    pub passages: Vec<SharedRun>,
    /// For each article, the share of its tokens inside any shared run (0.0
    /// for an article without tokens).
    pub coverage: Vec<f64>,
    /// Distinct fingerprints skipped because more than `max_postings`
    /// articles have them (stock phrases, boilerplate, or one story copied
    /// very widely) or one article repeats them more often than that:
    /// shared runs made only of such fingerprints are not reported for any
    /// pair.
    pub skipped_common_fingerprints: usize,
    /// Pairs of articles that share at least one fingerprint that is not
    /// common: the pairs checked word by word. An engine joining the
    /// articles' [`fingerprints`] on their hash finds the same pairs.
    pub candidate_pairs: usize,
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
    /// As [`SharedRuns::skipped_common_fingerprints`].
    pub skipped_common_fingerprints: usize,
}

/// Finds the runs of words that articles share (see the [module](self)
/// docs). `words[i]` is article `i`'s token hashes in text order,
/// `features::index::fnv1a(&token.norm)` for each token (see
/// [`token_hashes`]).
///
/// Work and memory grow with the number of words and of shared
/// fingerprints, not with the number of article pairs: building the index
/// makes about `2 / (window + 1)` postings of 16 bytes per word, one range
/// of fingerprint values at a time in a large corpus (at most 16 M postings,
/// 256 MB, at once), the index then keeps the shared ones, and candidates
/// are gathered one article at a time.
///
/// # Panics
///
/// With more than `u32::MAX` articles, or an article of more than
/// `u32::MAX` words.
pub fn shared_runs(words: &[&[u64]], params: &ValidSyndicationParams) -> SharedRuns {
    shared_runs_of(words, &Hashed, params)
}

/// [`shared_runs`] with every word given as an id into `table`, the
/// table of distinct word hashes (`table[id]` is the word's hash): 4 bytes
/// a word instead of 8 for a caller that keeps a whole corpus's words.
/// The same runs as [`shared_runs`] on the hashes the ids stand for.
///
/// # Panics
///
/// As [`shared_runs`], and when an id is not an index of `table`.
pub fn shared_runs_by_id(
    words: &[&[u32]],
    table: &[u64],
    params: &ValidSyndicationParams,
) -> SharedRuns {
    shared_runs_of(words, &HashTable(table), params)
}

/// [`shared_runs`] for any kind of word value.
fn shared_runs_of<K: WordKind>(
    words: &[&[K::Word]],
    kind: &K,
    params: &ValidSyndicationParams,
) -> SharedRuns {
    let index = Index::build(words, kind, params);
    // Collected in article order: the result is the same for any thread count.
    let per_article: Vec<(Vec<SharedRun>, usize)> = (0..words.len())
        .into_par_iter()
        .map(|a| runs_from(a, words, kind, &index, params))
        .collect();
    // Moved into one list sized up front: with millions of runs, growing it
    // by doubling would hold several copies at once.
    let mut passages: Vec<SharedRun> =
        Vec::with_capacity(per_article.iter().map(|(runs, _)| runs.len()).sum());
    let mut candidate_pairs = 0;
    for (runs, pairs) in per_article {
        passages.extend(runs);
        candidate_pairs += pairs;
    }
    let lengths: Vec<usize> = words.iter().map(|w| w.len()).collect();
    let coverage = coverage::coverage(&lengths, &passages);
    SharedRuns {
        passages,
        coverage,
        skipped_common_fingerprints: index.common.len(),
        candidate_pairs,
    }
}

/// The winnowed fingerprints of one article's word hashes, in text order:
/// what the index of [`shared_runs`] holds of it, for an engine that joins
/// them elsewhere (a shard's `shingles` table, `docs/scale-out.md`).
pub fn fingerprints(words: &[u64], params: &ValidSyndicationParams) -> Vec<Fingerprint> {
    fingerprint::fingerprints(words, params.shingle(), params.window())
}

/// The runs article `a` shares with every later article, and how many later
/// articles it was checked against.
fn runs_from<K: WordKind>(
    a: usize,
    words: &[&[K::Word]],
    kind: &K,
    index: &Index,
    params: &ValidSyndicationParams,
) -> (Vec<SharedRun>, usize) {
    let keep = |run: &[K::Word]| !index.is_common_run(run, kind, params);
    let mut others = Vec::new();
    let stretches = shared_stretches(
        words[a],
        words,
        index.candidates(a).inspect(|c| others.push(c.b)),
        params.min_tokens(),
        keep,
    );
    others.sort_unstable();
    others.dedup();
    let runs = stretches
        .into_iter()
        .map(|stretch| SharedRun {
            a,
            b: stretch.b,
            tokens: stretch.a_tokens.len().min(stretch.b_tokens.len()),
            a_tokens: stretch.a_tokens,
            b_tokens: stretch.b_tokens,
        })
        .collect();
    (runs, others.len())
}

/// The word hashes of a document's tokens, in text order: the input
/// [`shared_runs`] and [`exact_duplicates`] take,
/// [`fnv1a`](crate::index::fnv1a) of each normalised token.
pub fn token_hashes(doc: &Document) -> Vec<u64> {
    doc.tokens
        .iter()
        .map(|t| crate::index::fnv1a(&t.norm))
        .collect()
}

/// Finds the passages that documents share: [`shared_runs`] on their
/// [`token_hashes`], with the byte spans of each run.
///
/// # Panics
///
/// With more than `u32::MAX` articles, or an article of more than
/// `u32::MAX` tokens.
pub fn shared_passages(docs: &[Document], params: &ValidSyndicationParams) -> Syndication {
    let hashes: Vec<Vec<u64>> = docs.par_iter().map(token_hashes).collect();
    let words: Vec<&[u64]> = hashes.iter().map(Vec::as_slice).collect();
    let runs = shared_runs(&words, params);
    let passages = runs
        .passages
        .into_iter()
        .map(|run| SharedPassage {
            a_span: token_span(&docs[run.a].tokens, &run.a_tokens),
            b_span: token_span(&docs[run.b].tokens, &run.b_tokens),
            a: run.a,
            b: run.b,
            a_tokens: run.a_tokens,
            b_tokens: run.b_tokens,
            tokens: run.tokens,
        })
        .collect();
    Syndication {
        passages,
        coverage: runs.coverage,
        skipped_common_fingerprints: runs.skipped_common_fingerprints,
    }
}

/// The bytes from the first to the last token of `range` (non-empty).
fn token_span(tokens: &[Token], range: &Range<usize>) -> Span {
    Span::new(
        tokens[range.start].span.start,
        tokens[range.end - 1].span.end,
    )
}
