//! Puts cues, marks and mentions together: who said each direct quotation,
//! and which sentences are reported speech.
//!
//! A direct quotation's speaker comes from, in order: a cue in its own
//! sentence outside the marks (the nearest one with a speaker); a sentence
//! before it that ends in a colon (`Gleichzeitig schloss Peskow ... aus:`);
//! for a quotation standing alone, a cue in the sentence just before it, a
//! quotation of the same paragraph in that sentence, or a cue in the
//! sentence just after it. Short quoted phrases (one to three words: scare
//! quotes, coinages) take a speaker only from a cue in their own sentence,
//! and titles after an institution noun (`Partei „Einiges Russland“`) none.

use super::clause::{self, SentenceView};
use super::cue::{Cue, Subject};
use super::lexicon::has_institution_type;
use super::marks::{self, Marked};
use super::quote::{Quote, QuoteKind, Speaker};
use super::registry::{Context, Mention, Registry, Who};
use crate::span::Span;
use crate::token::{Token, TokenKind};

/// Most words a quoted phrase has to be treated as a scare quote or coinage.
const SHORT_QUOTE_WORDS: usize = 3;

/// A cue with its speaker resolved to an entity.
pub(super) struct Attributed {
    pub cue: Cue,
    pub speaker: Option<usize>,
}

/// What the attribution rules read.
pub(super) struct Article<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub clauses: &'a [SentenceView<'a>],
    /// Paragraph index of each sentence.
    pub blocks: &'a [usize],
    pub marked: &'a [Marked],
    pub mentions: &'a [Mention],
    pub registry: &'a Registry,
}

/// Resolves every cue's speaker, reading the article in order so that
/// pronouns find the last speaker.
pub(super) fn resolve(article: &Article, cues: Vec<Vec<Cue>>) -> Vec<Vec<Attributed>> {
    let mut context = Context::default();
    let mut out = Vec::with_capacity(cues.len());
    for sentence in cues {
        let mut resolved = Vec::with_capacity(sentence.len());
        for cue in sentence {
            let speaker = match cue.subject {
                Subject::None => None,
                Subject::Mention(m) => article.registry.resolve(article.mentions, m, context),
                Subject::Possessive(at) => {
                    article
                        .registry
                        .resolve_pronoun(article.mentions, at, context)
                }
            };
            if let Some(e) = speaker.filter(|&e| article.registry.is_person(e)) {
                context.last_speaker = Some((e, cue.at));
            }
            resolved.push(Attributed { cue, speaker });
        }
        out.push(resolved);
    }
    out
}

/// The public form of entity `e`.
fn speaker(registry: &Registry, e: Option<usize>) -> Option<Speaker> {
    let entity = registry.entities.get(e?)?;
    Some(Speaker {
        name: entity.name.clone(),
        key: entity.key.clone(),
        role: entity.roles.first().map(|(_, role)| role.clone()),
    })
}

/// Index of the sentence that holds byte `at`, or the next one.
fn sentence_from(clauses: &[SentenceView], at: usize) -> Option<usize> {
    let index = clauses.partition_point(|c| c.span.end <= at);
    (index < clauses.len()).then_some(index)
}

/// Index of the last sentence that ends at or before byte `at`.
fn sentence_before(clauses: &[SentenceView], at: usize) -> Option<usize> {
    clauses.partition_point(|c| c.span.end <= at).checked_sub(1)
}

/// Whether the quotation is a name after an institution noun.
fn is_title(article: &Article, quote: &Marked) -> bool {
    let tokens = article.tokens;
    tokens
        .partition_point(|t| t.span.end <= quote.span.start)
        .checked_sub(1)
        .is_some_and(|i| {
            let gap = article
                .text
                .get(article.tokens[i].span.end..quote.span.start);
            gap.is_some_and(|g| g.trim().is_empty())
                && has_institution_type(&article.tokens[i].norm)
        })
}

/// A direct quotation being attributed: its words and resolved speaker.
struct Found {
    quote: Marked,
    words: usize,
    speaker: Option<usize>,
}

/// Speaker and cue of every direct quotation.
pub(super) fn direct_quotes(article: &Article, cues: &[Vec<Attributed>]) -> Vec<Quote> {
    let mut done: Vec<Found> = Vec::new();
    let mut out = Vec::new();
    for quote in article.marked {
        let from = article
            .tokens
            .partition_point(|t| t.span.start < quote.content.start);
        let words = article.tokens[from..]
            .iter()
            .take_while(|t| t.span.start < quote.content.end)
            .filter(|t| t.kind == TokenKind::Word && quote.content.contains(t.span))
            .count();
        let (who, cue) = if is_title(article, quote) {
            (None, None)
        } else {
            own_cue(article, cues, quote, words)
                .or_else(|| {
                    (words > SHORT_QUOTE_WORDS).then(|| neighbour(article, cues, quote, &done))
                })
                .unwrap_or((None, None))
        };
        out.push(Quote {
            kind: QuoteKind::Direct,
            span: quote.span,
            content: quote.content,
            speaker: speaker(article.registry, who),
            cue,
        });
        done.push(Found {
            quote: *quote,
            words,
            speaker: who,
        });
    }
    out
}

type Attribution = (Option<usize>, Option<String>);

/// The nearest cue of the quotation's own sentences, outside its marks:
/// one with a speaker, else (for a long quotation) one without.
fn own_cue(
    article: &Article,
    cues: &[Vec<Attributed>],
    quote: &Marked,
    words: usize,
) -> Option<Attribution> {
    let clauses = article.clauses;
    let open = sentence_from(clauses, quote.span.start);
    let close = sentence_from(clauses, quote.span.end.saturating_sub(1));
    let mut sentences: Vec<usize> = [open, close].into_iter().flatten().collect();
    sentences.dedup();
    let mut own: Vec<(&Attributed, usize)> = Vec::new();
    for a in sentences.iter().flat_map(|&s| &cues[s]) {
        let Some(token) = article.tokens.get(a.cue.at) else {
            continue;
        };
        if !quote.span.contains(token.span) {
            let distance = if token.span.start >= quote.span.end {
                token.span.start - quote.span.end
            } else {
                quote.span.start.saturating_sub(token.span.end)
            };
            own.push((a, distance));
        }
    }
    let nearest = |with_speaker: bool| {
        own.iter()
            .filter(|(a, _)| !with_speaker || a.speaker.is_some())
            .min_by_key(|(a, d)| (*d, a.cue.at))
            .map(|(a, _)| *a)
    };
    let long = words > SHORT_QUOTE_WORDS;
    nearest(true)
        .map(|a| (a.speaker, Some(a.cue.text.clone())))
        .or_else(|| {
            nearest(false)
                .filter(|_| long)
                .map(|a| (None, Some(a.cue.text.clone())))
        })
}

/// A quotation without a cue of its own: the sentence before (a colon
/// introduction, a cue, a quotation of the same paragraph), else a cue in
/// the sentence after.
fn neighbour(
    article: &Article,
    cues: &[Vec<Attributed>],
    quote: &Marked,
    done: &[Found],
) -> Attribution {
    let clauses = article.clauses;
    if let Some(p) = sentence_before(clauses, quote.span.start) {
        let before = &clauses[p];
        let adjacent = before
            .text
            .get(before.span.end..quote.span.start)
            .is_some_and(|g| g.trim().is_empty());
        let colon = adjacent
            && clause::slice(before.text, before.span)
                .trim_end()
                .ends_with(':');
        if colon {
            if let Some(a) = cues[p].iter().find(|a| a.speaker.is_some()) {
                return (a.speaker, Some(a.cue.text.clone()));
            }
            let named = article.mentions.iter().find_map(|m| match m.who {
                Who::Entity(e) if before.range.contains(&m.head) && !before.is_opaque(m.head) => {
                    Some(e)
                }
                _ => None,
            });
            if named.is_some() {
                return (named, None);
            }
        }
        if let Some(a) = cues[p].iter().rev().find(|a| a.speaker.is_some()) {
            return (a.speaker, None);
        }
        let open = sentence_from(clauses, quote.span.start);
        let same_block = open.is_some_and(|s| article.blocks.get(s) == article.blocks.get(p));
        let chained = done.iter().rev().find(|f| {
            f.words > SHORT_QUOTE_WORDS
                && f.quote.span.end > before.span.start
                && f.quote.span.start < before.span.end
        });
        if let (true, Some(f)) = (same_block, chained) {
            return (f.speaker, None);
        }
    }
    let after =
        sentence_from(clauses, quote.span.end).filter(|&n| clauses[n].span.start >= quote.span.end);
    let next = after.and_then(|n| cues[n].iter().find(|a| a.speaker.is_some()));
    (next.and_then(|a| a.speaker), None)
}

/// The sentences that are reported speech.
pub(super) fn reported_quotes(article: &Article, cues: &[Vec<Attributed>]) -> Vec<Quote> {
    let clauses = article.clauses;
    let inside_quote = |span: Span| marks::inside_any(article.marked, span);
    let mut found: Vec<Option<Quote>> = vec![None; clauses.len()];
    for (s, clause) in clauses.iter().enumerate() {
        let list = &cues[s];
        if inside_quote(clause.span) || list.iter().any(|a| a.cue.anaphoric) {
            continue;
        }
        let Some(first) = list
            .iter()
            .filter(|a| a.cue.content.is_some())
            .min_by_key(|a| (a.cue.form, a.cue.at))
        else {
            continue;
        };
        let chosen = list
            .iter()
            .filter(|a| a.speaker.is_some())
            .min_by_key(|a| (a.cue.weak, a.cue.content.is_none(), a.cue.at))
            .unwrap_or(first);
        found[s] = Some(Quote {
            kind: QuoteKind::Reported,
            span: clause.span,
            content: first.cue.content.unwrap_or(clause.span),
            speaker: speaker(article.registry, chosen.speaker),
            cue: Some(chosen.cue.text.clone()),
        });
    }
    for s in 1..clauses.len() {
        let Some(a) = cues[s].iter().find(|a| a.cue.anaphoric) else {
            continue;
        };
        let p = &clauses[s - 1];
        let own_text = p.text.get(p.span.start..p.span.end).unwrap_or("");
        let quoted = marks::overlapping(article.marked, |m| m.span, p.span)
            .iter()
            .any(|m| m.span.end > p.span.start && m.span.start < p.span.end);
        if found[s - 1].is_some()
            || article.blocks.get(s - 1) != article.blocks.get(s)
            || quoted
            || own_text.trim_end().ends_with(':')
        {
            continue;
        }
        found[s - 1] = Some(Quote {
            kind: QuoteKind::Reported,
            span: p.span,
            content: Span::new(p.span.start, p.content_end().max(p.span.start)),
            speaker: speaker(article.registry, a.speaker),
            cue: Some(a.cue.text.clone()),
        });
    }
    found.into_iter().flatten().collect()
}
