//! From candidate fingerprint matches to shared passages: every candidate is
//! checked on the tokens themselves (a hash match proves nothing) and grown
//! to the longest exact run, so a passage's length does not depend on where
//! its fingerprints happened to fall.

use std::collections::HashMap;
use std::ops::Range;

use core_text::{Span, Token};

use super::index::Candidate;

/// An exact shared run: `len` tokens from `a_start` in one article equal
/// those from `b_start` in the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    a_start: usize,
    b_start: usize,
    len: usize,
}

/// A merged stretch of shared text in two articles, as token ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stretch {
    pub a_tokens: Range<usize>,
    pub b_tokens: Range<usize>,
}

/// The shared stretches of articles `a` and `b`, ordered by their start in
/// `a`, then in `b`: the maximal exact runs of at least `min_tokens` tokens,
/// merged where they overlap or touch in both articles.
///
/// Short runs are dropped before merging, so the result is a function of
/// the two texts alone and not of which short runs happened to get a
/// fingerprint. `candidates` are the fingerprint matches of this pair,
/// sorted by position in `a`, then in `b`; `keep` vetoes runs (common
/// phrases) by their tokens.
pub(super) fn shared_stretches(
    a: &[Token],
    b: &[Token],
    candidates: &[Candidate],
    min_tokens: usize,
    keep: impl Fn(&[Token]) -> bool,
) -> Vec<Stretch> {
    merge(maximal_runs(a, b, candidates, min_tokens, keep))
}

/// Every distinct maximal exact run of at least `min_tokens` tokens through
/// a candidate that `keep` accepts, by start in `a`.
fn maximal_runs(
    a: &[Token],
    b: &[Token],
    candidates: &[Candidate],
    min_tokens: usize,
    keep: impl Fn(&[Token]) -> bool,
) -> Vec<Run> {
    let mut runs = Vec::new();
    // For each diagonal (offset b - a), the end in `a` of the last run found
    // on it: a later candidate inside that run would only find it again.
    // Looked up, never iterated, so its hashing cannot change the output.
    let mut done: HashMap<isize, usize> = HashMap::new();
    for candidate in candidates {
        let (i, j) = (candidate.a_position, candidate.b_position);
        let diagonal = j as isize - i as isize;
        if done.get(&diagonal).is_some_and(|&end| i < end) {
            continue;
        }
        let forward = a[i..]
            .iter()
            .zip(&b[j..])
            .take_while(|(x, y)| x.norm == y.norm)
            .count();
        if forward == 0 {
            // A hash collision, not shared text.
            continue;
        }
        let backward = a[..i]
            .iter()
            .rev()
            .zip(b[..j].iter().rev())
            .take_while(|(x, y)| x.norm == y.norm)
            .count();
        let run = Run {
            a_start: i - backward,
            b_start: j - backward,
            len: backward + forward,
        };
        done.insert(diagonal, run.a_start + run.len);
        if run.len >= min_tokens && keep(&a[run.a_start..run.a_start + run.len]) {
            runs.push(run);
        }
    }
    runs.sort_unstable_by_key(|r| (r.a_start, r.b_start));
    runs
}

/// Joins runs whose token ranges overlap or touch in both articles (text
/// repeated within a shared passage gives such runs on several diagonals)
/// into stretches, sorted by start in `a`, then in `b`.
fn merge(runs: Vec<Run>) -> Vec<Stretch> {
    let mut stretches: Vec<Stretch> = runs
        .into_iter()
        .map(|r| Stretch {
            a_tokens: r.a_start..r.a_start + r.len,
            b_tokens: r.b_start..r.b_start + r.len,
        })
        .collect();
    // A join can make a stretch reach one it did not reach before: repeat
    // until nothing joins (almost always one pass over a short list).
    loop {
        let before = stretches.len();
        stretches = merge_pass(stretches);
        if stretches.len() == before {
            return stretches;
        }
    }
}

/// One pass joining each stretch into the first earlier one it touches in
/// both articles.
fn merge_pass(stretches: Vec<Stretch>) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::with_capacity(stretches.len());
    for stretch in stretches {
        let joined = out.iter_mut().find(|kept| {
            touches(&kept.a_tokens, &stretch.a_tokens) && touches(&kept.b_tokens, &stretch.b_tokens)
        });
        match joined {
            Some(kept) => {
                kept.a_tokens = hull(&kept.a_tokens, &stretch.a_tokens);
                kept.b_tokens = hull(&kept.b_tokens, &stretch.b_tokens);
            }
            None => out.push(stretch),
        }
    }
    out.sort_unstable_by_key(|s| (s.a_tokens.start, s.b_tokens.start));
    out
}

/// The smallest range covering both (they touch, so it adds no gap).
fn hull(x: &Range<usize>, y: &Range<usize>) -> Range<usize> {
    x.start.min(y.start)..x.end.max(y.end)
}

/// Whether two token ranges overlap or are adjacent.
fn touches(x: &Range<usize>, y: &Range<usize>) -> bool {
    x.start <= y.end && y.start <= x.end
}

/// The bytes from the first to the last token of `range` (non-empty).
pub(super) fn token_span(tokens: &[Token], range: &Range<usize>) -> Span {
    Span::new(
        tokens[range.start].span.start,
        tokens[range.end - 1].span.end,
    )
}
