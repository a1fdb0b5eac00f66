//! Per-article views of the shared passages: how much of an article is
//! shared, and which of its tokens repeat text already published elsewhere
//! (so frame counts need not count one wire story once per outlet).

use std::ops::Range;

use core_text::Document;

use super::SharedPassage;

/// For every article, the share of its tokens inside any shared passage
/// (0.0 for an article without tokens).
pub(super) fn coverage(docs: &[Document], passages: &[SharedPassage]) -> Vec<f64> {
    let mut ranges: Vec<Vec<Range<usize>>> = vec![Vec::new(); docs.len()];
    for passage in passages {
        ranges[passage.a].push(passage.a_tokens.clone());
        ranges[passage.b].push(passage.b_tokens.clone());
    }
    ranges
        .into_iter()
        .zip(docs)
        .map(|(mut ranges, doc)| {
            if doc.tokens.is_empty() {
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
            covered as f64 / doc.tokens.len() as f64
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
    let mut rank = vec![usize::MAX; docs.len()];
    let mut next = 0;
    for &article in order {
        if rank.get(article) == Some(&usize::MAX) {
            rank[article] = next;
            next += 1;
        }
    }
    let mut mask: Vec<Vec<bool>> = docs.iter().map(|d| vec![false; d.tokens.len()]).collect();
    for passage in passages {
        // Unlisted articles share rank usize::MAX: the index breaks the tie.
        let later_is_b = (rank[passage.a], passage.a) < (rank[passage.b], passage.b);
        let (article, range) = if later_is_b {
            (passage.b, &passage.b_tokens)
        } else {
            (passage.a, &passage.a_tokens)
        };
        if let Some(tokens) = mask[article].get_mut(range.clone()) {
            tokens.fill(true);
        }
    }
    mask
}
