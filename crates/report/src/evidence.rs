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
use crate::passages::Passages;
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

/// Text gathered in the second pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// The first occurrence of a term in an article: (article, column).
    pub key_contexts: BTreeMap<(usize, u32), ContextLine>,
    /// Token ranges of articles: (article, first token, end token).
    pub stretches: BTreeMap<(usize, usize, usize), Stretch>,
}

impl Evidence {
    /// The stretch of `article` covering `tokens`, when gathered.
    pub fn stretch(&self, article: usize, tokens: &std::ops::Range<usize>) -> Option<&Stretch> {
        self.stretches.get(&(article, tokens.start, tokens.end))
    }
}

/// What the second pass must find.
#[derive(Debug, Default)]
struct Requests {
    /// Columns wanted per article.
    key_terms: BTreeMap<usize, BTreeSet<u32>>,
    /// Token ranges wanted per article.
    ranges: BTreeMap<usize, BTreeSet<(usize, usize)>>,
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
    for passage in passages.shared.iter().chain(passages.near.iter().flatten()) {
        requests
            .ranges
            .entry(passage.a)
            .or_default()
            .insert((passage.a_tokens.start, passage.a_tokens.end));
        requests
            .ranges
            .entry(passage.b)
            .or_default()
            .insert((passage.b_tokens.start, passage.b_tokens.end));
    }
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
                    || requests.ranges.contains_key(&article)
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
        for piece in found {
            evidence.key_contexts.extend(piece.key_contexts);
            evidence.stretches.extend(piece.stretches);
        }
        progress.advance(bytes - last_bytes);
        last_bytes = bytes;
        Ok::<(), ReportError>(())
    })?;
    progress.finish();
    Ok(evidence)
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
    if let Some(ranges) = requests.ranges.get(&index) {
        for &(start, end) in ranges {
            if start >= end || end > doc.tokens.len() {
                continue;
            }
            let span = Span::new(doc.tokens[start].span.start, doc.tokens[end - 1].span.end);
            let text = span
                .of(&doc.text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            out.stretches
                .insert((index, start, end), Stretch { span, text });
        }
    }
    out
}
