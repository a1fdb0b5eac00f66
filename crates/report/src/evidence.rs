//! The second pass: the few pieces of text the report needs after the
//! numbers are known (a context line for each key term shown, the text of
//! each shared passage). Only the articles concerned are analysed again, so
//! the pass costs a read of the corpus and little more.

use std::collections::{BTreeMap, BTreeSet};

use core_text::{Analyzer, Document, Span};
use corpus::Entry;
use features::TermCounts;
use rayon::prelude::*;

use crate::analysis::Source;
use crate::config::ReportConfig;
use crate::digest::ContextLine;
use crate::error::ReportError;
use crate::passages::{Passage, Passages};
use crate::pipeline::BATCH;
use crate::progress::{Progress, Unit};
use crate::statistics::GroupStatistics;

/// Width of a key term's context line.
const KEY_CONTEXT_WIDTH: usize = 30;

/// A stretch of text: its byte span and the text, white space folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch {
    /// Bytes in the article's decoded text.
    pub span: Span,
    /// The text.
    pub text: String,
}

/// A token range of an article: (article, first token, end token).
type RangeKey = (usize, usize, usize);

/// Text gathered in the second pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// The first occurrence of a term in an article: (article, column).
    pub key_contexts: BTreeMap<(usize, u32), ContextLine>,
    /// Token ranges with their stretches, sorted by range: a list, not a
    /// map, since a heavily syndicated corpus asks for tens of millions.
    pub stretches: Vec<(RangeKey, Stretch)>,
}

impl Evidence {
    /// The stretch of `article` covering `tokens`, when gathered (its text
    /// is empty where only the byte span was asked for).
    pub fn stretch(&self, article: usize, tokens: &std::ops::Range<usize>) -> Option<&Stretch> {
        let key = (article, tokens.start, tokens.end);
        self.stretches
            .binary_search_by(|(k, _)| k.cmp(&key))
            .ok()
            .map(|i| &self.stretches[i].1)
    }
}

/// What the second pass must find.
#[derive(Debug, Default)]
struct Requests {
    /// Columns wanted per article.
    key_terms: BTreeMap<usize, BTreeSet<u32>>,
    /// Token ranges wanted, sorted, each once, with whether its text is
    /// wanted or only its byte span (the later article of a passage shows
    /// no text of its own: both hold the same words).
    ranges: Vec<(RangeKey, bool)>,
}

impl Requests {
    /// The ranges wanted in `article`.
    fn ranges_of(&self, article: usize) -> &[(RangeKey, bool)] {
        let start = self.ranges.partition_point(|((a, _, _), _)| *a < article);
        let end = self.ranges.partition_point(|((a, _, _), _)| *a <= article);
        &self.ranges[start..end]
    }
}

/// The findings whose evidence the report shows.
pub struct Findings<'a> {
    /// Key terms per group.
    pub outlets: &'a GroupStatistics,
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
    config: &ReportConfig,
    progress: &dyn Progress,
) -> Result<Evidence, ReportError> {
    let Findings {
        outlets,
        clusters,
        passages,
    } = findings;
    let mut requests = Requests::default();
    for stats in std::iter::once(outlets).chain(clusters) {
        for g in 0..stats.groups.names.len() {
            let members = stats.groups.members(g);
            for term in stats.shown_key_terms(g) {
                let column = term.term as u32;
                if let Some(&article) = members
                    .iter()
                    .find(|&&i| counts.sequences[i].contains(&column))
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
    requests.ranges = passage_ranges(passages.shared.iter().chain(passages.near.iter().flatten()));
    let mut evidence = Evidence::default();
    if requests.key_terms.is_empty() && requests.ranges.is_empty() {
        return Ok(evidence);
    }
    let mut reader = source.open()?;
    progress.start(
        "gathering evidence lines",
        reader.total_bytes(),
        Unit::Bytes,
    );
    let mut article = 0usize;
    let mut last_bytes = 0;
    reader.read_ahead(BATCH, |batch, bytes| {
        let mut wanted = Vec::new();
        for entry in batch {
            if let Entry::Article(a) = entry {
                if requests.key_terms.contains_key(&article)
                    || !requests.ranges_of(article).is_empty()
                {
                    wanted.push((article, a.text));
                }
                article += 1;
            }
        }
        let found: Vec<Evidence> = wanted
            .into_par_iter()
            .map(|(index, text)| {
                let doc = Document::analyze(text, &config.text);
                article_evidence(index, &doc, &requests, counts, analyzer)
            })
            .collect();
        // Pieces come in corpus order, each sorted: the list stays sorted.
        for piece in found {
            evidence.key_contexts.extend(piece.key_contexts);
            evidence.stretches.extend(piece.stretches);
        }
        progress.advance(bytes - last_bytes);
        last_bytes = bytes;
        Ok::<(), ReportError>(())
    })?;
    progress.finish();
    debug_assert!(evidence.stretches.is_sorted_by_key(|(key, _)| *key));
    Ok(evidence)
}

/// The token ranges `passages` need, sorted, each once: the earlier
/// article's with its text, the later one's for its byte span only, unless
/// another passage wants its text.
fn passage_ranges<'p>(passages: impl Iterator<Item = &'p Passage>) -> Vec<(RangeKey, bool)> {
    let mut ranges = Vec::new();
    for passage in passages {
        let (a, b) = (&passage.a_tokens, &passage.b_tokens);
        ranges.push(((passage.a, a.start, a.end), true));
        ranges.push(((passage.b, b.start, b.end), false));
    }
    ranges.sort_unstable();
    ranges.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 |= later.1;
        }
        same
    });
    ranges
}

fn article_evidence(
    index: usize,
    doc: &Document,
    requests: &Requests,
    counts: &TermCounts,
    analyzer: &Analyzer,
) -> Evidence {
    let mut out = Evidence::default();
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
                let line = features::kwic(doc, token.span, KEY_CONTEXT_WIDTH);
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
    for &(key, wants_text) in requests.ranges_of(index) {
        let (_, start, end) = key;
        if start >= end || end > doc.tokens.len() {
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
        out.stretches.push((key, Stretch { span, text }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(a: usize, b: usize, a_tokens: std::ops::Range<usize>) -> Passage {
        Passage {
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
        assert_eq!(
            passage_ranges(passages.iter()),
            [((0, 3, 15), true), ((1, 4, 16), true), ((2, 5, 17), false),]
        );
    }

    #[test]
    fn stretches_are_found_by_article_and_range() {
        let stretch = |start: usize, text: &str| Stretch {
            span: Span::new(start, start + text.len()),
            text: text.to_owned(),
        };
        let evidence = Evidence {
            key_contexts: BTreeMap::new(),
            stretches: vec![
                ((0, 3, 15), stretch(10, "a")),
                ((1, 4, 16), stretch(20, "b")),
                ((1, 5, 9), stretch(30, "")),
            ],
        };
        assert_eq!(
            evidence.stretch(1, &(4..16)).map(|s| s.span.start),
            Some(20)
        );
        assert_eq!(
            evidence.stretch(1, &(5..9)).map(|s| s.text.as_str()),
            Some("")
        );
        assert_eq!(evidence.stretch(1, &(4..15)), None);
        assert_eq!(evidence.stretch(2, &(4..16)), None);
        let requests = Requests {
            key_terms: BTreeMap::new(),
            ranges: passage_ranges([passage(0, 2, 1..13), passage(2, 5, 0..12)].iter()),
        };
        assert_eq!(requests.ranges_of(2).len(), 2);
        assert!(requests.ranges_of(1).is_empty());
        assert_eq!(requests.ranges_of(6), []);
    }
}
