//! One article reduced to what the analysis keeps of it: the text is
//! analysed once, in parallel, and only compact numbers, hits and the rows
//! a sink prepared leave this module, so memory does not grow with the
//! corpus text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use core_text::{Document, QuoteKind, Reason, Speaker, TokenKind};
use corpus::{Article, InputWarning, WarningKind};
use features::{DocTerms, FrameMatcher, Lexicon, WordIndex};

use crate::article::ArticleInfo;
use crate::collocates::window_terms;
use crate::config::AnalysisConfig;
use crate::hits::{ContextLine, Hit};
use crate::labels::{ArticleLabels, find_labels};
use crate::sink::{ArticleSink, ArticleView};
use crate::voices::hit_voices;

/// A removed boilerplate line, as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedLine {
    /// Why it went.
    pub reason: Reason,
    /// The line, shortened to 100 characters.
    pub text: String,
}

/// Per-article numbers the report shows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ArticleStats {
    /// Word tokens after boilerplate removal.
    pub n_words: usize,
    /// All tokens (words and numbers): the length of the token-hash sequence.
    pub n_tokens: usize,
    /// Sentences.
    pub n_sentences: usize,
    /// Removed lines (the first ones, see `removed_total`).
    pub removed: Vec<RemovedLine>,
    /// All removed lines.
    pub removed_total: usize,
    /// All removed lines by the name of the rule that removed them.
    pub removed_by_reason: BTreeMap<String, usize>,
    /// Words inside direct quotations.
    pub quoted_words: usize,
    /// Words inside reported speech.
    pub reported_words: usize,
}

/// A quotation as the voices tables count it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteSummary {
    /// Direct or reported.
    pub kind: QuoteKind,
    /// Who, when named.
    pub speaker: Option<Speaker>,
    /// Words inside it (direct quotations only).
    pub words: usize,
}

/// Everything the analysis keeps of one article.
#[derive(Debug, Serialize, Deserialize)]
pub struct ArticleDigest {
    /// Metadata.
    pub info: ArticleInfo,
    /// Numbers for the corpus table.
    pub stats: ArticleStats,
    /// Provisional term ids of the counted tokens, in text order.
    pub terms: Vec<u32>,
    /// The token index of each counted token (parallel to `terms`), to tell
    /// own text from text shared with another outlet.
    pub term_tokens: Vec<u32>,
    /// For every sentence, the end of its counted tokens in `terms`.
    pub sentence_ends: Vec<u32>,
    /// Frame hits with their voice.
    pub hits: Vec<Hit>,
    /// The context line of every hit (parallel to `hits`).
    pub contexts: Vec<ContextLine>,
    /// Matches removed by a term's exclusions: (frame, term).
    pub excluded: Vec<(usize, usize)>,
    /// Hash of every token's normalised form, for shared-passage detection.
    pub word_hashes: Vec<u64>,
    /// Quotations, for the voices tables.
    pub quotes: Vec<QuoteSummary>,
    /// The labels of the lexicon's actors, and their mentions.
    pub labels: ArticleLabels,
    /// What was repaired, renamed or cut on the way (the reader's and the
    /// analysis's), for `warnings.tsv`.
    pub warnings: Vec<InputWarning>,
}

/// What every worker shares.
pub struct Shared<'a> {
    /// Distinct-word caches and the term interner.
    pub index: &'a WordIndex<'a>,
    /// The compiled lexicon.
    pub matcher: &'a FrameMatcher<'a>,
    /// The lexicon itself.
    pub lexicon: &'a Lexicon,
    /// Settings.
    pub config: &'a AnalysisConfig,
}

/// FNV-1a over the token hashes of an article: equal texts, equal hashes
/// (exact duplicates are found by it, then confirmed token by token).
pub fn text_hash(word_hashes: &[u64]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for h in word_hashes {
        for byte in h.to_le_bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// Analyses one article and reduces it to its digest, and lets the sink
/// prepare the article's rows while its document is at hand.
pub fn digest<S: ArticleSink>(article: Article, shared: &Shared) -> (ArticleDigest, S::Rows) {
    let mut warnings = article.warnings;
    let mut text = article.text;
    let limit = shared.config.input.max_article_bytes;
    if text.len() > limit {
        let cut = cut_point(&text, limit);
        warnings.push(InputWarning::new(
            article.origin.clone(),
            WarningKind::Truncated,
            format!(
                "text has {} bytes, more than `input.max_article_bytes` ({limit}): analysed up to byte {cut}, the last line break before the limit",
                text.len()
            ),
        ));
        text.truncate(cut);
    }
    let doc = Document::analyze(text, &shared.config.text);
    if doc.tokens.is_empty() {
        let other: Vec<String> = doc
            .removed
            .iter()
            .filter_map(|r| match r.reason {
                Reason::Language(code) => Some(code.to_owned()),
                _ => None,
            })
            .collect();
        if !other.is_empty() {
            let mut languages = other.clone();
            languages.sort();
            languages.dedup();
            warnings.push(InputWarning::new(
                article.origin.clone(),
                WarningKind::NotGerman,
                format!(
                    "no German text: {} paragraph(s) removed as other languages ({}); nothing of it is counted",
                    other.len(),
                    languages.join(", ")
                ),
            ));
        }
    }
    let info = ArticleInfo {
        id: article.id,
        group: article.group,
        outlet: article.outlet,
        title: article.title,
        date: article.date,
        origin: article.origin.to_string(),
        encoding: article.encoding,
        fields: article.fields,
    };
    let quotes = core_text::find_quotes(&doc);
    let width = shared.config.display.kwic_width;
    let (doc_terms, word_hashes, matches) =
        shared.index.with_words_counting_labels(&doc, |words| {
            let frame_words: Vec<&[u16]> = words.iter().map(|w| &*w.frame_words).collect();
            (
                DocTerms::from_words(words),
                words.iter().map(|w| w.hash).collect::<Vec<u64>>(),
                shared.matcher.find_with(&doc, &frame_words),
            )
        });

    let mut sentence_of_token = vec![0u32; doc.tokens.len()];
    for (s, sentence) in doc.sentences.iter().enumerate() {
        for token in sentence.tokens.clone() {
            sentence_of_token[token] = s as u32;
        }
    }
    let mut sentence_ends = vec![0u32; doc.sentences.len()];
    for &token in &doc_terms.tokens {
        sentence_ends[sentence_of_token[token as usize] as usize] += 1;
    }
    let mut running = 0;
    for end in &mut sentence_ends {
        running += *end;
        *end = running;
    }

    let mut hits = Vec::with_capacity(matches.hits.len());
    let mut contexts = Vec::with_capacity(matches.hits.len());
    let voices = hit_voices(&quotes, &matches.hits);
    for (hit, voice) in matches.hits.iter().zip(voices) {
        let line = features::kwic(&doc, hit.span, width);
        contexts.push(ContextLine {
            left: line.left,
            keyword: line.keyword,
            right: line.right,
        });
        hits.push(Hit {
            frame: hit.frame,
            term: hit.term,
            token: hit.tokens.start as u32,
            sentence: sentence_of_token[hit.tokens.start],
            span: hit.span,
            voice,
        });
    }

    let words: Vec<core_text::Span> = doc
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.span)
        .collect();
    let inside = |span: core_text::Span| words_inside(&words, span);
    let quoted_in = |kind: QuoteKind| {
        let spans: Vec<core_text::Span> = quotes
            .iter()
            .filter(|q| q.kind == kind)
            .map(|q| q.content)
            .collect();
        words_in_any(&words, spans)
    };
    let stats = ArticleStats {
        n_words: words.len(),
        n_tokens: doc.tokens.len(),
        n_sentences: doc.sentences.len(),
        removed: doc
            .removed
            .iter()
            .take(shared.config.display.removed_lines_kept)
            .map(|r| RemovedLine {
                reason: r.reason,
                text: crate::excerpt::shorten(r.span.of(&doc.text).trim(), 100),
            })
            .collect(),
        removed_total: doc.removed.len(),
        removed_by_reason: doc.removed.iter().fold(BTreeMap::new(), |mut by, r| {
            *by.entry(r.reason.to_string()).or_insert(0) += 1;
            by
        }),
        quoted_words: quoted_in(QuoteKind::Direct),
        reported_words: quoted_in(QuoteKind::Reported),
    };
    let quote_summaries = quotes
        .iter()
        .map(|q| QuoteSummary {
            kind: q.kind,
            speaker: q.speaker.clone(),
            words: if q.kind == QuoteKind::Direct {
                inside(q.content)
            } else {
                0
            },
        })
        .collect();
    let rows = S::prepare(&ArticleView {
        info: &info,
        doc: &doc,
        quotes: &quotes,
        hits: &hits,
        contexts: &contexts,
        lexicon: shared.lexicon,
    });
    let mut labels = find_labels(&doc, &quotes, &shared.lexicon.actors, width);
    labels.window = window_terms(
        &labels.mention_tokens,
        &doc_terms.terms,
        &doc_terms.tokens,
        &sentence_of_token,
        shared.config.labels.window,
    );
    let digest = ArticleDigest {
        info,
        stats,
        terms: doc_terms.terms,
        term_tokens: doc_terms.tokens,
        sentence_ends,
        hits,
        contexts,
        excluded: matches.excluded.iter().map(|h| (h.frame, h.term)).collect(),
        word_hashes,
        quotes: quote_summaries,
        labels,
        warnings,
    };
    (digest, rows)
}

/// Where to cut a text longer than `limit` bytes: after the last line break
/// before the limit, or at the last character boundary when the text has no
/// line break in its second half.
fn cut_point(text: &str, limit: usize) -> usize {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind('\n') {
        Some(newline) if newline + 1 >= end / 2 => newline + 1,
        _ => end,
    }
}

/// How many of `words` (sorted, non-overlapping spans) lie inside `span`:
/// two binary searches, since starts and ends both ascend.
fn words_inside(words: &[core_text::Span], span: core_text::Span) -> usize {
    let first = words.partition_point(|w| w.start < span.start);
    let end = words.partition_point(|w| w.end <= span.end);
    end.saturating_sub(first)
}

/// How many of `words` (sorted) lie inside at least one of `spans`, in one
/// sweep: a word is inside one exactly when the spans starting at or before
/// it reach its end.
fn words_in_any(words: &[core_text::Span], mut spans: Vec<core_text::Span>) -> usize {
    spans.sort_unstable_by_key(|s| s.start);
    let (mut next, mut reach, mut count) = (0, None, 0);
    for word in words {
        while next < spans.len() && spans[next].start <= word.start {
            reach = reach.max(Some(spans[next].end));
            next += 1;
        }
        if reach.is_some_and(|end| end >= word.end) {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use core_text::Span;

    #[test]
    fn word_counts_inside_spans_match_the_pairwise_count() {
        let words: Vec<Span> = (0..30).map(|i| Span::new(i * 4, i * 4 + 3)).collect();
        let spans = [
            Span::new(0, 120),
            Span::new(5, 17),
            Span::new(4, 7),
            Span::new(4, 6),
            Span::new(50, 50),
            Span::new(118, 200),
        ];
        for span in spans {
            let naive = words.iter().filter(|w| span.contains(**w)).count();
            assert_eq!(words_inside(&words, span), naive, "{span:?}");
        }
        for n in 0..spans.len() {
            let set = &spans[..n];
            let naive = words
                .iter()
                .filter(|w| set.iter().any(|s| s.contains(**w)))
                .count();
            assert_eq!(words_in_any(&words, set.to_vec()), naive, "{n}");
        }
    }

    #[test]
    fn long_texts_are_cut_at_a_line_break_or_a_character_boundary() {
        assert_eq!(cut_point("eins\nzwei\ndrei", 12), 10);
        assert_eq!(cut_point("eins zwei\ndrei", 7), 7);
        // Never inside `ü`.
        assert_eq!(cut_point("Bündnis", 2), 1);
        assert_eq!(cut_point("kurz", 10), 4);
    }
}
