//! Per-article views of the shared passages: how much of an article is
//! shared, and which of its tokens repeat text already published elsewhere
//! (so frame counts need not count one wire story once per outlet).

use std::ops::Range;

use core_text::Document;

use super::passage::{SharedPassage, SharedRun};

/// For every article (`lengths[i]` tokens), the share of its tokens inside
/// any shared run (0.0 for an article without tokens).
pub(super) fn coverage(lengths: &[usize], runs: &[SharedRun]) -> Vec<f64> {
    let mut ranges: Vec<Vec<Range<usize>>> = vec![Vec::new(); lengths.len()];
    for run in runs {
        ranges[run.a].push(run.a_tokens.clone());
        ranges[run.b].push(run.b_tokens.clone());
    }
    ranges
        .into_iter()
        .zip(lengths)
        .map(|(mut ranges, &length)| {
            if length == 0 {
                return 0.0;
            }
            ranges.sort_unstable_by_key(|r| r.start);
            let (mut covered, mut reached) = (0, 0);
            for range in ranges {
                let start = range.start.max(reached);
                if range.end > start {
                    covered += range.end - start;
                    reached = range.end;
                }
            }
            covered as f64 / length as f64
        })
        .collect()
}

/// For every article, which of its tokens lie in a passage it shares with
/// an article that comes earlier in `order`.
///
/// `order` lists article indices, first published first (for example by
/// date, then id). The first occurrence of a passage keeps its tokens
/// unmarked, every later copy is marked, so a caller can drop frame hits on
/// marked tokens and count a wire story once. Articles missing from `order`
/// count as later than all listed ones, by index; indices out of range or
/// repeated are ignored after their first listing.
/// [`repeated_token_mask_runs`] does the same without documents.
///
/// ```
/// use core_text::{Document, TextConfig};
/// use features::syndication::{SyndicationParams, repeated_token_mask, shared_passages};
///
/// let wire = "Die Gespräche über Sicherheitsgarantien zwischen Russland und den USA sollen im Januar in Genf beginnen.";
/// let docs: Vec<Document> = [format!("Exklusiv. {wire}"), wire.to_string()]
///     .into_iter()
///     .map(|t| Document::analyze(t, &TextConfig::default()))
///     .collect();
/// let found = shared_passages(&docs, &SyndicationParams::default().check().unwrap());
/// // Article 1 was first: article 0 repeats it, except for its first word.
/// let mask = repeated_token_mask(&docs, &found.passages, &[1, 0]);
/// assert_eq!(mask[0].iter().filter(|&&m| m).count(), 15);
/// assert!(!mask[0][0]);
/// assert!(mask[1].iter().all(|&m| !m));
/// ```
pub fn repeated_token_mask(
    docs: &[Document],
    passages: &[SharedPassage],
    order: &[usize],
) -> Vec<Vec<bool>> {
    let lengths: Vec<usize> = docs.iter().map(|d| d.tokens.len()).collect();
    let pairs = passages
        .iter()
        .map(|p| ((p.a, &p.a_tokens), (p.b, &p.b_tokens)));
    mask(&lengths, pairs, order)
}

/// [`repeated_token_mask`] for callers without documents: `lengths[i]` is
/// article `i`'s number of tokens (words), `runs` come from
/// [`shared_runs`](super::shared_runs) on the same articles.
///
/// ```
/// use features::syndication::{SharedRun, repeated_token_mask_runs};
///
/// // Articles 0 and 1 share tokens 2..5 of 0 and 0..3 of 1; 1 was first.
/// let run = SharedRun { a: 0, b: 1, a_tokens: 2..5, b_tokens: 0..3, tokens: 3 };
/// let mask = repeated_token_mask_runs(&[6, 4], &[run], &[1, 0]);
/// assert_eq!(mask, [vec![false, false, true, true, true, false], vec![false; 4]]);
/// ```
///
/// # Panics
///
/// If a run names an article at or beyond `lengths.len()` (token ranges
/// beyond an article's length are ignored).
pub fn repeated_token_mask_runs(
    lengths: &[usize],
    runs: &[SharedRun],
    order: &[usize],
) -> Vec<Vec<bool>> {
    let pairs = runs
        .iter()
        .map(|r| ((r.a, &r.a_tokens), (r.b, &r.b_tokens)));
    mask(lengths, pairs, order)
}

/// The repeated-token mask from `(article, tokens)` pairs of shared runs.
fn mask<'r>(
    lengths: &[usize],
    pairs: impl Iterator<Item = ((usize, &'r Range<usize>), (usize, &'r Range<usize>))>,
    order: &[usize],
) -> Vec<Vec<bool>> {
    let mut rank = vec![usize::MAX; lengths.len()];
    let mut next = 0;
    for &article in order {
        if rank.get(article) == Some(&usize::MAX) {
            rank[article] = next;
            next += 1;
        }
    }
    let mut mask: Vec<Vec<bool>> = lengths.iter().map(|&n| vec![false; n]).collect();
    for ((a, a_tokens), (b, b_tokens)) in pairs {
        // Unlisted articles share rank usize::MAX: the index breaks the tie.
        let (article, range) = if (rank[a], a) < (rank[b], b) {
            (b, b_tokens)
        } else {
            (a, a_tokens)
        };
        if let Some(tokens) = mask[article].get_mut(range.clone()) {
            tokens.fill(true);
        }
    }
    mask
}
