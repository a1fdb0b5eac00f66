//! From candidate fingerprint matches to shared runs: every candidate is
//! checked word by word (a shingle hash match proves nothing) and grown to
//! the longest exact run, so a run's length does not depend on where its
//! fingerprints happened to fall.
//!
//! Words are compared by their 64-bit hashes, not their text. Two different
//! normalised words with the same hash are the only way this can differ
//! from comparing the words: for a vocabulary of `V` distinct words the
//! chance that any two collide is about `V² / 2^65`, 2.7 × 10⁻⁸ for a
//! million words (FNV-1a taken as a random function), and even then a
//! collision only matters where the two words stand at the same place in
//! otherwise equal text.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::index::Candidate;

/// An exact shared run: `len` words from `a_start` in one article equal
/// those from `b_start` in the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    a_start: usize,
    b_start: usize,
    len: usize,
}

/// A merged stretch of shared text in two articles, as word ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stretch {
    /// The other (later) article.
    pub b: usize,
    pub a_tokens: Range<usize>,
    pub b_tokens: Range<usize>,
}

/// The stretches article `a` (its word hashes `a`) shares with later
/// articles (`words`, all articles' word hashes), ordered by the other
/// article, then start in `a`, then in the other: per pair, the maximal
/// exact runs of at least `min_tokens` words, merged where they overlap or
/// touch in both articles.
///
/// Short runs are dropped before merging, so the result is a function of
/// the two texts alone and not of which short runs happened to get a
/// fingerprint. `candidates` are the fingerprint matches of `a` with later
/// articles, in order of position in `a`; `keep` vetoes runs (common
/// phrases) by their words.
pub(super) fn shared_stretches<W: Eq>(
    a: &[W],
    words: &[&[W]],
    candidates: impl Iterator<Item = Candidate>,
    min_tokens: usize,
    keep: impl Fn(&[W]) -> bool,
) -> Vec<Stretch> {
    let runs = maximal_runs(a, words, candidates, min_tokens, keep);
    let mut out = Vec::new();
    for pair in runs.chunk_by(|x, y| x.0 == y.0) {
        out.extend(merge(pair[0].0, pair.iter().map(|&(_, run)| run)));
    }
    out
}

/// Every distinct maximal exact run of at least `min_tokens` words through
/// a candidate that `keep` accepts, with its other article, by other
/// article, then start in `a`, then in the other.
fn maximal_runs<W: Eq>(
    a: &[W],
    words: &[&[W]],
    candidates: impl Iterator<Item = Candidate>,
    min_tokens: usize,
    keep: impl Fn(&[W]) -> bool,
) -> Vec<(usize, Run)> {
    let mut runs = Vec::new();
    // For each other article and diagonal (offset b - a), the end in `a` of
    // the last run found on it: a later candidate inside that run (one
    // comes for about every other shingle of a copied passage) would only
    // find it again. Looked up, never iterated, so its hashing cannot
    // change the output.
    let mut done: FxHashMap<(usize, isize), usize> = FxHashMap::default();
    for candidate in candidates {
        let (i, j) = (candidate.a_position, candidate.b_position);
        let key = (candidate.b, j as isize - i as isize);
        if done.get(&key).is_some_and(|&end| i < end) {
            continue;
        }
        let b = words[candidate.b];
        let forward = a[i..]
            .iter()
            .zip(&b[j..])
            .take_while(|(x, y)| x == y)
            .count();
        if forward == 0 {
            // A shingle hash collision, not shared text.
            continue;
        }
        let backward = a[..i]
            .iter()
            .rev()
            .zip(b[..j].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let run = Run {
            a_start: i - backward,
            b_start: j - backward,
            len: backward + forward,
        };
        done.insert(key, run.a_start + run.len);
        if run.len >= min_tokens && keep(&a[run.a_start..run.a_start + run.len]) {
            runs.push((candidate.b, run));
        }
    }
    runs.sort_unstable_by_key(|&(b, r)| (b, r.a_start, r.b_start));
    runs
}

/// Joins the runs of one pair (`b` the other article) whose word ranges
/// overlap or touch in both articles (text repeated within a shared passage
/// gives such runs on several diagonals) into stretches, sorted by start in
/// `a`, then in `b`.
fn merge(b: usize, runs: impl Iterator<Item = Run>) -> Vec<Stretch> {
    let mut stretches: Vec<Stretch> = runs
        .map(|r| Stretch {
            b,
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
