//! The inverted index from fingerprint to the articles and positions that
//! have it: the way to find candidate pairs of articles without comparing
//! every article with every other.

use core_text::{Document, Token};
use rayon::prelude::*;

use super::fingerprint::{Fingerprint, fingerprints};
use super::params::ValidSyndicationParams;

/// One occurrence of a fingerprint. Fields are ordered so that sorting
/// postings sorts by fingerprint, then article, then position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Posting {
    hash: u64,
    article: u32,
    position: u32,
}

/// Fingerprint → postings, as one sorted list (16 bytes a posting, no
/// per-key allocation): about `2 / (w + 1)` postings per token, a small
/// fraction of the memory the [`Document`]s themselves take.
pub(super) struct Index {
    postings: Vec<Posting>,
    /// Fingerprints left out as common (too many articles, or too many
    /// times in one article), sorted.
    pub common: Vec<u64>,
}

/// A candidate match: article `b` (> the queried article) has the same
/// fingerprint at `b_position` as the queried article at `a_position`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Candidate {
    /// The other article.
    pub b: usize,
    /// Shingle start in the queried article.
    pub a_position: usize,
    /// Shingle start in article `b`.
    pub b_position: usize,
}

impl Index {
    /// Indexes the fingerprints of all `docs`, leaving out common ones:
    /// found in more than `max_postings` articles, or more than
    /// `max_postings` times in one article.
    pub(super) fn build(docs: &[Document], params: &ValidSyndicationParams) -> Index {
        let mut postings: Vec<Posting> = docs
            .par_iter()
            .enumerate()
            .map(|(article, doc)| {
                let article = u32::try_from(article).expect("more than u32::MAX articles");
                article_fingerprints(doc, params)
                    .into_iter()
                    .map(|f| Posting {
                        hash: f.hash,
                        article,
                        position: f.position,
                    })
                    .collect::<Vec<_>>()
            })
            .flatten()
            .collect();
        // Postings are distinct, so even an unstable sort has one result.
        postings.par_sort_unstable();
        let mut common = Vec::new();
        let mut kept = 0;
        let mut start = 0;
        while start < postings.len() {
            let end = group_end(&postings, start, postings[start].hash);
            let group = &postings[start..end];
            let (mut articles, mut most_in_one) = (0, 0);
            for in_one in group.chunk_by(|x, y| x.article == y.article) {
                articles += 1;
                most_in_one = most_in_one.max(in_one.len());
            }
            // Many times in one article is degenerate repetition ("0 0 0 ..."):
            // two such articles would give a quadratic number of candidates.
            if articles > params.max_postings() || most_in_one > params.max_postings() {
                common.push(group[0].hash);
            } else if articles > 1 {
                // Fingerprints of one article only can never pair: drop them.
                postings.copy_within(start..end, kept);
                kept += end - start;
            }
            start = end;
        }
        postings.truncate(kept);
        postings.shrink_to_fit();
        Index { postings, common }
    }

    /// Whether every fingerprint winnowing is sure to pick inside this run
    /// of tokens (those of windows lying wholly inside it, the same in any
    /// article) is a skipped common one. Such a run is left out for every
    /// pair alike, even where a fingerprint straddling its edge found it.
    pub(super) fn is_common_run(&self, run: &[Token], params: &ValidSyndicationParams) -> bool {
        !self.common.is_empty()
            && fingerprints(run, params.shingle(), params.window())
                .iter()
                .all(|f| self.common.binary_search(&f.hash).is_ok())
    }

    /// Where fingerprints of article `a` occur in later articles, sorted by
    /// article, then position in `a`, then position in the other article.
    pub(super) fn candidates(
        &self,
        a: usize,
        doc: &Document,
        params: &ValidSyndicationParams,
    ) -> Vec<Candidate> {
        let mut out = Vec::new();
        for fingerprint in article_fingerprints(doc, params) {
            let start = self.postings.partition_point(|p| p.hash < fingerprint.hash);
            let end = group_end(&self.postings, start, fingerprint.hash);
            let group = &self.postings[start..end];
            let later = group.partition_point(|p| p.article as usize <= a);
            out.extend(group[later..].iter().map(|p| Candidate {
                b: p.article as usize,
                a_position: fingerprint.position as usize,
                b_position: p.position as usize,
            }));
        }
        out.sort_unstable();
        out
    }
}

fn article_fingerprints(doc: &Document, params: &ValidSyndicationParams) -> Vec<Fingerprint> {
    fingerprints(&doc.tokens, params.shingle(), params.window())
}

/// End of the postings with `hash` from `start` on (`start` itself when the
/// hash is not there).
fn group_end(postings: &[Posting], start: usize, hash: u64) -> usize {
    start + postings[start..].partition_point(|p| p.hash == hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    use core_text::TextConfig;

    use super::super::params::SyndicationParams;

    fn docs(texts: &[&str]) -> Vec<Document> {
        texts
            .iter()
            // No boilerplate stripping: it would take "x a b" for a foreign language.
            .map(|t| {
                let config = TextConfig {
                    strip_boilerplate: false,
                };
                Document::analyze(t.to_string(), &config)
            })
            .collect()
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
    fn unshared_and_too_common_fingerprints_are_dropped() {
        let docs = docs(&["a b c", "a b d", "a b e", "x c"]);
        // "a b" is in three articles, "b c", "b d", "b e", "x c" in one.
        let index = Index::build(&docs, &params(2));
        assert_eq!((index.postings.len(), index.common.len()), (0, 1));
        let index = Index::build(&docs, &params(3));
        assert_eq!((index.postings.len(), index.common.len()), (3, 0));
    }

    #[test]
    fn candidates_point_forward_in_order() {
        let docs = docs(&["x a b y a b", "a b", "z a b"]);
        let index = Index::build(&docs, &params(3));
        let pairs = |a: usize| -> Vec<(usize, usize, usize)> {
            index
                .candidates(a, &docs[a], &params(3))
                .iter()
                .map(|c| (c.b, c.a_position, c.b_position))
                .collect()
        };
        assert_eq!(pairs(0), [(1, 1, 0), (1, 4, 0), (2, 1, 1), (2, 4, 1)]);
        assert_eq!(pairs(1), [(2, 0, 1)]);
        assert_eq!(pairs(2), []);
    }
}
