//! Who speaks in an article: direct quotations (`„…“, sagte Peskow`) and
//! reported speech (`Lawrow zufolge ...`), each with its speaker, so that
//! framing can be split into the outlet's own voice and quoted voices.
//!
//! [`find_quotes`] reads a [`Document`]: quotation marks are paired per
//! paragraph (`marks`), people and institutions are collected with their
//! roles (`mentions`, `names`, `registry`), speech cues are found per sentence
//! (`cue`, `cues`, `verb_cues`) and put together (`attribution`). Only German
//! grammar and vocabulary lists are used (`lexicon`, `roles`, `verbs`), never
//! names.

#[cfg(test)]
use crate::decode::decode;
#[cfg(test)]
use crate::document::TextConfig;
use crate::document::{Document, Sentence};
use crate::span::Span;
use crate::token::TokenKind;

mod attribution;
mod clause;
mod cue;
#[cfg(test)]
mod cue_tests;
mod cues;
mod lexicon;
mod marks;
mod mentions;
mod names;
mod quote;
mod registry;
mod roles;
#[cfg(test)]
mod seed_tests;
#[cfg(test)]
mod speaker_tests;
#[cfg(test)]
mod tests;
mod verb_cues;
mod verbs;
mod voice;

pub use quote::{Quote, QuoteKind, Speaker};
pub use voice::{voice_at, voices_at};

use attribution::Article;
use clause::SentenceView;

/// All quotations and reported statements of `doc`, sorted by `span.start`
/// (an enclosing reported sentence before the direct quotation it holds).
/// Never panics.
pub fn find_quotes(doc: &Document) -> Vec<Quote> {
    let text = doc.text.as_str();
    let tokens = doc.tokens.as_slice();
    let blocks = paragraphs(doc);
    let sentences: Vec<&Sentence> = doc
        .sentences
        .iter()
        .filter(|s| s.span.start <= s.span.end && text.get(s.span.start..s.span.end).is_some())
        .collect();
    let block_of: Vec<usize> = sentences
        .iter()
        .map(|s| blocks.partition_point(|b| b.end <= s.span.start))
        .collect();
    let starts: Vec<usize> = sentences.iter().map(|s| s.span.start).collect();
    // Stays sorted and disjoint, as the binary searches in `marks` need.
    let marked: Vec<marks::Marked> = marks::find_marked(text, &blocks, &starts)
        .into_iter()
        .filter(|m| {
            clause::slice(text, m.content)
                .chars()
                .any(char::is_alphanumeric)
        })
        .collect();
    let clauses: Vec<SentenceView> = sentences
        .iter()
        .map(|s| {
            let end = s.tokens.end.min(tokens.len());
            SentenceView {
                text,
                tokens,
                span: s.span,
                range: s.tokens.start.min(end)..end,
                opaque: marks::overlapping(&marked, |m| m.content, s.span)
                    .iter()
                    .map(|m| m.content)
                    .filter(|q| q.start < s.span.end && s.span.start < q.end)
                    .filter(|q| !q.contains(s.span))
                    .collect(),
            }
        })
        .collect();
    let (mentions, registry) = mentions::find_mentions(&clauses, &marked);
    let article = Article {
        text,
        tokens,
        clauses: &clauses,
        blocks: &block_of,
        marked: &marked,
        mentions: &mentions,
        registry: &registry,
    };
    let found: Vec<Vec<cue::Cue>> = clauses
        .iter()
        .map(|c| cues::find_cues(c, &mentions))
        .collect();
    let resolved = attribution::resolve(&article, found);
    let mut quotes = attribution::direct_quotes(&article, &resolved);
    quotes.extend(attribution::reported_quotes(&article, &resolved));
    quotes.sort_by_key(|q| {
        (
            q.span.start,
            std::cmp::Reverse(q.span.end),
            q.kind == QuoteKind::Reported,
        )
    });
    quotes
}

/// Paragraphs, with those joined that one sentence runs across (a
/// hard-wrapped line the sentence splitter put back together).
fn paragraphs(doc: &Document) -> Vec<Span> {
    let mut blocks = doc.paragraphs.clone();
    for sentence in &doc.sentences {
        let first = blocks.partition_point(|b| b.end <= sentence.span.start);
        while first + 1 < blocks.len() && blocks[first].end < sentence.span.end {
            blocks[first].end = blocks[first + 1].end;
            blocks.remove(first + 1);
        }
    }
    blocks
}

/// Share of the article's word tokens that lie inside the content of a
/// direct quotation (0 for an article without words).
pub fn quoted_share(doc: &Document, quotes: &[Quote]) -> f64 {
    let tokens = &doc.tokens;
    let words = tokens.iter().filter(|t| t.kind == TokenKind::Word).count();
    if words == 0 {
        return 0.0;
    }
    // Tokens are sorted, so each quotation's words are one run of them;
    // overlapping quotations count a word once.
    let mut inside = vec![false; tokens.len()];
    for q in quotes.iter().filter(|q| q.kind == QuoteKind::Direct) {
        let from = tokens.partition_point(|t| t.span.start < q.content.start);
        for (k, t) in tokens.iter().enumerate().skip(from) {
            if t.span.start >= q.content.end {
                break;
            }
            if q.content.contains(t.span) {
                inside[k] = true;
            }
        }
    }
    let quoted = tokens
        .iter()
        .zip(&inside)
        .filter(|(t, inside)| **inside && t.kind == TokenKind::Word)
        .count();
    quoted as f64 / words as f64
}
