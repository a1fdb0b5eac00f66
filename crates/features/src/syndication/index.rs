//! The inverted index from fingerprint to the articles and positions that
//! have it: the way to find candidate pairs of articles without comparing
//! every article with every other.

use rayon::prelude::*;

use super::fingerprint::for_each_fingerprint;
use super::params::ValidSyndicationParams;
use super::postings::{Posting, all_postings, range_of, spill_by_range};
use super::word_kind::WordKind;

/// Fingerprint → postings, as one sorted list (16 bytes a posting, no
/// per-key allocation), kept only for fingerprints that pair articles.
///
/// It is built one range of fingerprint values at a time: about
/// `2 / (w + 1)` postings per word, 16 bytes each (≈ 6.4 bytes a word with
/// the default window, against the 8 of the word hash itself), of which a
/// large corpus holds at most [`POSTINGS_PER_RANGE`] at once (the other
/// ranges wait in scratch files); after, only the shared ones and 4 more
/// bytes each to find them by article.
pub(super) struct Index {
    /// Postings of fingerprints found in 2 to `max_postings` articles,
    /// sorted.
    postings: Vec<Posting>,
    /// Indices into `postings`, grouped by article: article `a`'s are
    /// `by_article[starts[a]..starts[a + 1]]`.
    by_article: Vec<u32>,
    /// Where each article's entries begin in `by_article`, and the end.
    starts: Vec<usize>,
    /// Fingerprints left out as common (too many articles, or too many
    /// times in one article), sorted.
    pub common: Vec<u64>,
}

/// A candidate match: article `b` (> the queried article) has the same
/// fingerprint at `b_position` as the queried article at `a_position`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Candidate {
    /// The other article.
    pub b: usize,
    /// Shingle start in the queried article.
    pub a_position: usize,
    /// Shingle start in article `b`.
    pub b_position: usize,
}

impl Index {
    /// Indexes the fingerprints of all articles (`words[i]` is article
    /// `i`'s word hashes), leaving out common ones: found in more than
    /// `max_postings` articles, or more than `max_postings` times in one
    /// article.
    ///
    /// # Panics
    ///
    /// With more than `u32::MAX` articles or shared postings, or an article
    /// of more than `u32::MAX` words.
    pub(super) fn build<K: WordKind>(
        words: &[&[K::Word]],
        kind: &K,
        params: &ValidSyndicationParams,
    ) -> Index {
        let words_total: usize = words.iter().map(|w| w.len()).sum();
        let bits = partition_bits(words_total, params.window());
        Index::build_in_ranges(words, kind, params, bits)
    }

    /// [`Index::build`] in `2^bits` ranges of fingerprint values.
    fn build_in_ranges<K: WordKind>(
        words: &[&[K::Word]],
        kind: &K,
        params: &ValidSyndicationParams,
        bits: u32,
    ) -> Index {
        let (postings, common) = if bits == 0 {
            kept_range_by_range(words, kind, params, 0)
        } else {
            // One pass of fingerprinting, each range to its scratch file;
            // without a scratch file (a full or read-only temporary
            // folder), a pass per range, with the same result.
            spill_by_range(words, kind, params, bits)
                .and_then(|files| {
                    let mut files = files.into_iter();
                    kept_by_range(bits, params.max_postings(), |_, part| {
                        files.next().expect("a file per range").read_into(part)
                    })
                })
                .unwrap_or_else(|_| kept_range_by_range(words, kind, params, bits))
        };
        let (by_article, starts) = group_by_article(&postings, words.len());
        Index {
            postings,
            by_article,
            starts,
            common,
        }
    }

    /// Whether every fingerprint winnowing is sure to pick inside this run
    /// of words (those of windows lying wholly inside it, the same in any
    /// article) is a skipped common one. Such a run is left out for every
    /// pair alike, even where a fingerprint straddling its edge found it.
    pub(super) fn is_common_run<K: WordKind>(
        &self,
        run: &[K::Word],
        kind: &K,
        params: &ValidSyndicationParams,
    ) -> bool {
        if self.common.is_empty() {
            return false;
        }
        let run = kind.hashes(run);
        // Stops at the first fingerprint that is not common: almost always
        // the first one.
        let mut all_common = true;
        for_each_fingerprint(&run, params.shingle(), params.window(), |f| {
            all_common = self.common.binary_search(&f.hash).is_ok();
            all_common
        });
        all_common
    }

    /// Where fingerprints of article `a` occur in later articles, by
    /// position in `a`, then other article, then position in it.
    pub(super) fn candidates(&self, a: usize) -> impl Iterator<Item = Candidate> + '_ {
        let mut mine = self.by_article[self.starts[a]..self.starts[a + 1]].to_vec();
        // One fingerprint per position: a single order.
        mine.sort_unstable_by_key(|&k| self.postings[k as usize].position);
        mine.into_iter().flat_map(move |k| {
            let mine = self.postings[k as usize];
            // The group is sorted by article: skip `a`'s own postings, the
            // rest of the group is later articles.
            let rest = &self.postings[k as usize + 1..];
            let own = rest
                .iter()
                .take_while(|p| p.hash == mine.hash && p.article == mine.article)
                .count();
            let later = rest[own..].iter().take_while(move |p| p.hash == mine.hash);
            later.map(move |p| Candidate {
                b: p.article as usize,
                a_position: mine.position as usize,
                b_position: p.position as usize,
            })
        })
    }
}

/// Postings made at once at most, 16 bytes each: 16 M postings are 256 MB.
const POSTINGS_PER_RANGE: usize = 1 << 24;

/// How many leading bits of a fingerprint choose its range: enough ranges
/// that one holds about [`POSTINGS_PER_RANGE`] postings of `words_total`
/// words (about `2 / (window + 1)` postings a word), 0 (one range) for all
/// but large corpora. Each range costs one more pass of fingerprinting.
fn partition_bits(words_total: usize, window: usize) -> u32 {
    let postings = words_total.saturating_mul(2) / (window + 1);
    postings
        .div_ceil(POSTINGS_PER_RANGE)
        .next_power_of_two()
        .trailing_zeros()
}

/// [`kept_by_range`] with each range's postings made by a pass of
/// fingerprinting over all articles.
fn kept_range_by_range<K: WordKind>(
    words: &[&[K::Word]],
    kind: &K,
    params: &ValidSyndicationParams,
    bits: u32,
) -> (Vec<Posting>, Vec<u64>) {
    kept_by_range(bits, params.max_postings(), |range, part| {
        *part = all_postings(words, kind, params, |hash| range_of(hash, bits) == range);
        Ok(())
    })
    .expect("postings made in memory")
}

/// The shared postings and the common fingerprints of the `2^bits` ranges
/// of fingerprint values, in increasing order, `fill` putting a range's
/// postings in its buffer: each range is sorted and thinned before the
/// next is made, so all postings are never held at once, and the kept ones
/// and the common fingerprints come out sorted as from one range.
fn kept_by_range(
    bits: u32,
    max_postings: usize,
    mut fill: impl FnMut(u64, &mut Vec<Posting>) -> std::io::Result<()>,
) -> std::io::Result<(Vec<Posting>, Vec<u64>)> {
    let mut postings = Vec::new();
    let mut common = Vec::new();
    let mut part = Vec::new();
    for range in 0..1u64 << bits {
        fill(range, &mut part)?;
        // Postings are distinct, so even an unstable sort has one result.
        part.par_sort_unstable();
        common.extend(keep_shared(&mut part, max_postings));
        postings.extend_from_slice(&part);
    }
    postings.shrink_to_fit();
    Ok((postings, common))
}

/// Keeps the postings (sorted) of fingerprints found in 2 to
/// `max_postings` articles, and at most `max_postings` times in each;
/// returns the fingerprints left out as common, sorted.
fn keep_shared(postings: &mut Vec<Posting>, max_postings: usize) -> Vec<u64> {
    let mut common = Vec::new();
    let mut kept = 0;
    let mut start = 0;
    while start < postings.len() {
        let hash = postings[start].hash;
        // A scan: all groups together are one pass over the postings, where
        // a binary search per group would cost a cache miss per step.
        let end = start
            + postings[start..]
                .iter()
                .take_while(|p| p.hash == hash)
                .count();
        let (mut articles, mut most_in_one) = (0, 0);
        for in_one in postings[start..end].chunk_by(|x, y| x.article == y.article) {
            articles += 1;
            most_in_one = most_in_one.max(in_one.len());
        }
        // Many times in one article is degenerate repetition ("0 0 0 ..."):
        // two such articles would give a quadratic number of candidates.
        if articles > max_postings || most_in_one > max_postings {
            common.push(hash);
        } else if articles > 1 {
            // Fingerprints of one article only can never pair: drop them.
            postings.copy_within(start..end, kept);
            kept += end - start;
        }
        start = end;
    }
    postings.truncate(kept);
    common
}

/// Indices into `postings` grouped by article (a counting sort), and where
/// each of the `n` articles' group starts.
fn group_by_article(postings: &[Posting], n: usize) -> (Vec<u32>, Vec<usize>) {
    let mut starts = vec![0; n + 1];
    for p in postings {
        starts[p.article as usize + 1] += 1;
    }
    for a in 0..n {
        starts[a + 1] += starts[a];
    }
    let mut next = starts.clone();
    let mut by_article = vec![0; postings.len()];
    for (k, p) in postings.iter().enumerate() {
        let slot = &mut next[p.article as usize];
        by_article[*slot] = u32::try_from(k).expect("more than u32::MAX shared postings");
        *slot += 1;
    }
    (by_article, starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::params::{SyndicationParams, short_test_params};
    use super::super::word_kind::Hashed;

    /// Articles of one-letter words, hashed as their letters.
    fn words(texts: &[&str]) -> Vec<Vec<u64>> {
        texts
            .iter()
            .map(|t| t.split(' ').map(|w| u64::from(w.as_bytes()[0])).collect())
            .collect()
    }

    fn build(texts: &[&str], max_postings: usize) -> Index {
        let words = words(texts);
        let slices: Vec<&[u64]> = words.iter().map(Vec::as_slice).collect();
        Index::build(&slices, &Hashed, &params(max_postings))
    }

    fn params(max_postings: usize) -> ValidSyndicationParams {
        SyndicationParams {
            shingle: 2,
            window: 1,
            min_tokens: 2,
            max_postings,
        }
        .check()
        .unwrap()
    }

    #[test]
    fn an_index_built_in_ranges_is_the_index_built_at_once() {
        // Pseudo-random words over a small vocabulary: many shared and
        // some common fingerprints.
        let mut state = 7u64;
        let words: Vec<Vec<u64>> = (0..40)
            .map(|_| {
                (0..60)
                    .map(|_| {
                        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                        (state >> 61) % 5
                    })
                    .collect()
            })
            .collect();
        let slices: Vec<&[u64]> = words.iter().map(Vec::as_slice).collect();
        let params = short_test_params();
        let once = Index::build_in_ranges(&slices, &Hashed, &params, 0);
        assert!(!once.postings.is_empty() && !once.common.is_empty());
        for bits in 1..=3 {
            let ranges = Index::build_in_ranges(&slices, &Hashed, &params, bits);
            assert_eq!(ranges.postings, once.postings, "{bits} bits");
            assert_eq!(ranges.common, once.common);
            // Without scratch files: a pass of fingerprinting per range.
            let passes = kept_range_by_range(&slices, &Hashed, &params, bits);
            assert_eq!(passes, (once.postings.clone(), once.common.clone()));
            assert_eq!(
                (&ranges.by_article, &ranges.starts),
                (&once.by_article, &once.starts)
            );
        }
    }

    #[test]
    fn large_corpora_are_indexed_in_ranges() {
        assert_eq!(partition_bits(0, 4), 0);
        assert_eq!(partition_bits(10_000_000, 4), 0);
        // 370 M words (10kGNAD x1000): 148 M postings in 16 ranges.
        assert_eq!(partition_bits(370_000_000, 4), 4);
    }

    #[test]
    fn unshared_and_too_common_fingerprints_are_dropped() {
        let texts = ["a b c", "a b d", "a b e", "x c"];
        // "a b" is in three articles, "b c", "b d", "b e", "x c" in one.
        let index = build(&texts, 2);
        assert_eq!((index.postings.len(), index.common.len()), (0, 1));
        assert_eq!(index.starts, [0; 5]);
        let index = build(&texts, 3);
        assert_eq!((index.postings.len(), index.common.len()), (3, 0));
        assert_eq!(index.starts, [0, 1, 2, 3, 3]);
    }

    #[test]
    fn candidates_point_forward_in_order() {
        let index = build(&["x a b y a b", "a b", "z a b"], 3);
        let pairs = |a: usize| -> Vec<(usize, usize, usize)> {
            index
                .candidates(a)
                .map(|c| (c.b, c.a_position, c.b_position))
                .collect()
        };
        assert_eq!(pairs(0), [(1, 1, 0), (2, 1, 1), (1, 4, 0), (2, 4, 1)]);
        assert_eq!(pairs(1), [(2, 0, 1)]);
        assert_eq!(pairs(2), []);
    }

    #[test]
    fn articles_without_words_are_indexed_too() {
        let words: Vec<&[u64]> = vec![&[], &[1, 2, 3], &[], &[1, 2, 3]];
        let index = Index::build(&words, &Hashed, &params(3));
        assert_eq!(index.starts, [0, 0, 2, 2, 4]);
        assert_eq!(index.candidates(0).count(), 0);
        assert_eq!(index.candidates(1).count(), 2);
        assert_eq!(index.candidates(3).count(), 0);
        assert_eq!(Index::build(&[], &Hashed, &params(3)).starts, [0]);
    }
}
