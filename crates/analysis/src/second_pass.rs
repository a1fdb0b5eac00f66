//! The second pass: the few pieces of text the report needs after the
//! numbers are known (a context line for each key term shown, the text of
//! each shared passage). Only the articles concerned are analysed again, so
//! the pass costs a read of the corpus and little more.

use std::collections::{BTreeMap, BTreeSet};

use core_text::{Analyzer, Document, Span};
use corpus::Entry;
use features::TermCounts;
use rayon::prelude::*;

use crate::config::AnalysisConfig;
use crate::error::AnalysisError;
use crate::hits::ContextLine;
use features::syndication::SharedRun;

use crate::passages::Passages;
use crate::progress::{Progress, ProgressUnit};
use crate::source::{READ_BATCH, Source};
use crate::statistics::GroupStatistics;

/// A stretch of text: its byte span and the text, white space folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch {
    /// Bytes in the article's decoded text.
    pub span: Span,
    /// The text; empty where only the byte span was asked for.
    pub text: String,
}

/// A token range of an article: (article, first token, end token).
type RangeKey = (usize, usize, usize);

/// Text gathered in the second pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextEvidence {
    /// The first occurrence of a term in an article: (article, column).
    pub key_contexts: BTreeMap<(usize, u32), ContextLine>,
    /// Each distinct token range of a passage, `None` where it did not fit
    /// its article.
    stretches: Vec<Option<Stretch>>,
    /// For each passage (the shared ones, then the near ones), where its
    /// two ranges are in `stretches`: a heavily syndicated corpus has tens
    /// of millions, so each is found by index, not searched for.
    passage_stretches: Vec<[u32; 2]>,
    /// How many of those passages are shared ones.
    n_shared: usize,
}

impl TextEvidence {
    /// The stretches of both articles of shared passage `i` (of
    /// [`Passages::shared`]). The later article's has its byte span only:
    /// both hold the same words.
    pub fn shared_passage(&self, i: usize) -> [Option<&Stretch>; 2] {
        self.passage(i)
    }

    /// The same for near passage `i` (of [`Passages::near`]).
    pub fn near_passage(&self, i: usize) -> [Option<&Stretch>; 2] {
        self.passage(self.n_shared + i)
    }

    fn passage(&self, i: usize) -> [Option<&Stretch>; 2] {
        self.passage_stretches.get(i).map_or([None, None], |sides| {
            sides.map(|at| self.stretches[at as usize].as_ref())
        })
    }
}

/// What the second pass must find.
#[derive(Debug, Default)]
struct Requests {
    /// Columns wanted per article.
    key_terms: BTreeMap<usize, BTreeSet<u32>>,
    /// Token ranges wanted, sorted, each once, with whether its text is
    /// wanted or only its byte span.
    ranges: Vec<(RangeKey, bool)>,
}

impl Requests {
    /// Where the ranges of `article` start in [`Requests::ranges`], and
    /// those ranges.
    fn ranges_of(&self, article: usize) -> (usize, &[(RangeKey, bool)]) {
        let start = self.ranges.partition_point(|((a, _, _), _)| *a < article);
        let end = self.ranges.partition_point(|((a, _, _), _)| *a <= article);
        (start, &self.ranges[start..end])
    }
}

/// The findings whose evidence the report shows.
pub struct Findings<'a> {
    /// Key terms per group.
    pub groups: &'a GroupStatistics,
    /// Key terms per cluster.
    pub clusters: Option<&'a GroupStatistics>,
    /// Shared passages.
    pub passages: &'a Passages,
}

/// Runs the second pass if anything is needed.
pub fn gather_evidence(
    source: &dyn Source,
    counts: &TermCounts,
    findings: Findings<'_>,
    analyzer: &Analyzer,
    config: &AnalysisConfig,
    progress: &dyn Progress,
) -> Result<TextEvidence, AnalysisError> {
    let Findings {
        groups,
        clusters,
        passages,
    } = findings;
    let mut requests = Requests::default();
    for stats in std::iter::once(groups).chain(clusters) {
        for g in 0..stats.groups.names.len() {
            let members = stats.groups.members(g);
            for term in stats.shown_key_terms(g, config.display.key_terms) {
                let column = term.term as u32;
                if let Some(&article) = members
                    .iter()
                    .find(|&&i| counts.sequences.get(i).contains(&column))
                {
                    requests
                        .key_terms
                        .entry(article)
                        .or_default()
                        .insert(column);
                }
            }
        }
    }
    let (ranges, passage_stretches) =
        passage_ranges(passages.shared.iter().chain(passages.near.iter().flatten()));
    requests.ranges = ranges;
    let mut evidence = TextEvidence {
        key_contexts: BTreeMap::new(),
        stretches: vec![None; requests.ranges.len()],
        passage_stretches,
        n_shared: passages.shared.len(),
    };
    if requests.key_terms.is_empty() && requests.ranges.is_empty() {
        return Ok(evidence);
    }
    let mut reader = source.open()?;
    progress.start(
        "gathering evidence lines",
        reader.total_bytes(),
        ProgressUnit::Bytes,
    );
    let mut article = 0usize;
    let mut last_bytes = 0;
    reader.read_ahead(READ_BATCH, |batch, bytes| {
        let mut wanted = Vec::new();
        for entry in batch {
            if let Entry::Article(a) = entry {
                if requests.key_terms.contains_key(&article)
                    || !requests.ranges_of(article).1.is_empty()
                {
                    wanted.push((article, a.text));
                }
                article += 1;
            }
        }
        let found: Vec<ArticleEvidence> = wanted
            .into_par_iter()
            .map(|(index, text)| {
                let doc = Document::analyze(text, &config.text);
                article_evidence(
                    index,
                    &doc,
                    &requests,
                    counts,
                    analyzer,
                    config.display.key_context_width,
                )
            })
            .collect();
        for piece in found {
            evidence.key_contexts.extend(piece.key_contexts);
            for (at, stretch) in (piece.first_range..).zip(piece.stretches) {
                evidence.stretches[at] = stretch;
            }
        }
        progress.advance(bytes - last_bytes);
        last_bytes = bytes;
        Ok::<(), AnalysisError>(())
    })?;
    progress.finish();
    Ok(evidence)
}

/// The token ranges `passages` need, sorted, each once: the earlier
/// article's with its text, the later one's for its byte span only, unless
/// another passage wants its text. Also, for each passage, where its two
/// ranges are in that list.
fn passage_ranges<'p>(
    passages: impl Iterator<Item = &'p SharedRun>,
) -> (Vec<(RangeKey, bool)>, Vec<[u32; 2]>) {
    let index = |n: usize| u32::try_from(n).expect("under 2^32 passage ranges");
    let mut sides: Vec<(RangeKey, bool, u32)> = Vec::new();
    for (i, passage) in passages.enumerate() {
        let (a, b) = (&passage.a_tokens, &passage.b_tokens);
        sides.push(((passage.a, a.start, a.end), true, index(2 * i)));
        sides.push(((passage.b, b.start, b.end), false, index(2 * i + 1)));
    }
    sides.sort_unstable();
    let mut ranges: Vec<(RangeKey, bool)> = Vec::new();
    let mut at = vec![[0u32; 2]; sides.len() / 2];
    for (key, wants_text, side) in sides {
        match ranges.last_mut() {
            Some((last, text)) if *last == key => *text |= wants_text,
            _ => ranges.push((key, wants_text)),
        }
        at[side as usize / 2][side as usize % 2] = index(ranges.len() - 1);
    }
    (ranges, at)
}

/// What the second pass finds in one article.
struct ArticleEvidence {
    key_contexts: BTreeMap<(usize, u32), ContextLine>,
    /// Where the article's ranges start in [`Requests::ranges`].
    first_range: usize,
    /// A stretch per range of the article, in order.
    stretches: Vec<Option<Stretch>>,
}

fn article_evidence(
    index: usize,
    doc: &Document,
    requests: &Requests,
    counts: &TermCounts,
    analyzer: &Analyzer,
    width: usize,
) -> ArticleEvidence {
    let (first_range, ranges) = requests.ranges_of(index);
    let mut out = ArticleEvidence {
        key_contexts: BTreeMap::new(),
        first_range,
        stretches: Vec::with_capacity(ranges.len()),
    };
    if let Some(columns) = requests.key_terms.get(&index) {
        let mut missing: BTreeSet<u32> = columns.clone();
        for token in &doc.tokens {
            if missing.is_empty() {
                break;
            }
            let Some(column) = analyzer.key(token).and_then(|key| counts.column(&key)) else {
                continue;
            };
            if missing.remove(&column) {
                let line = features::kwic(doc, token.span, width);
                out.key_contexts.insert(
                    (index, column),
                    ContextLine {
                        left: line.left,
                        keyword: line.keyword,
                        right: line.right,
                    },
                );
            }
        }
    }
    for &((_, start, end), wants_text) in ranges {
        if start >= end || end > doc.tokens.len() {
            out.stretches.push(None);
            continue;
        }
        let span = Span::new(doc.tokens[start].span.start, doc.tokens[end - 1].span.end);
        let text = if wants_text {
            span.of(&doc.text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            String::new()
        };
        out.stretches.push(Some(Stretch { span, text }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(a: usize, b: usize, a_tokens: std::ops::Range<usize>) -> SharedRun {
        SharedRun {
            a,
            b,
            b_tokens: a_tokens.start + 1..a_tokens.end + 1,
            tokens: a_tokens.len(),
            a_tokens,
        }
    }

    #[test]
    fn only_the_earlier_article_of_a_passage_needs_its_text() {
        // Article 1's range 4..16 is the later side of the first passage and
        // the earlier side of the second: its text is wanted, once.
        let passages = [
            passage(0, 1, 3..15),
            passage(1, 2, 4..16),
            passage(0, 1, 3..15),
        ];
        let (ranges, at) = passage_ranges(passages.iter());
        assert_eq!(
            ranges,
            [((0, 3, 15), true), ((1, 4, 16), true), ((2, 5, 17), false),]
        );
        assert_eq!(at, [[0, 1], [1, 2], [0, 1]]);
    }

    #[test]
    fn passages_find_their_stretches_and_articles_their_ranges() {
        let stretch = |start: usize, text: &str| Stretch {
            span: Span::new(start, start + text.len()),
            text: text.to_owned(),
        };
        let evidence = TextEvidence {
            key_contexts: BTreeMap::new(),
            stretches: vec![Some(stretch(10, "a")), None, Some(stretch(30, ""))],
            passage_stretches: vec![[0, 2], [2, 1]],
            n_shared: 1,
        };
        let spans = |sides: [Option<&Stretch>; 2]| sides.map(|s| s.map(|s| s.span.start));
        assert_eq!(spans(evidence.shared_passage(0)), [Some(10), Some(30)]);
        assert_eq!(spans(evidence.near_passage(0)), [Some(30), None]);
        assert_eq!(spans(evidence.near_passage(1)), [None, None]);
        let requests = Requests {
            key_terms: BTreeMap::new(),
            ranges: passage_ranges([passage(0, 2, 1..13), passage(2, 5, 0..12)].iter()).0,
        };
        assert_eq!(requests.ranges_of(2).0, 1);
        assert_eq!(requests.ranges_of(2).1.len(), 2);
        assert!(requests.ranges_of(1).1.is_empty());
        assert_eq!(requests.ranges_of(6), (4, &[][..]));
    }
}
