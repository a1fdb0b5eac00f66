//! A token-level view of one sentence for the cue rules: surfaces, the
//! punctuation between tokens (clause boundaries), and which tokens lie
//! inside quotation marks.

use std::ops::Range;

use crate::span::Span;
use crate::token::Token;

/// Characters that end a clause when they stand between two tokens.
const CLAUSE_PUNCTUATION: &[char] = &[',', ';', ':', '–', '—', '(', ')'];

/// Quotation marks of every style the module reads.
pub(super) const QUOTE_MARKS: &[char] = &['„', '“', '”', '"', '»', '«', '‚', '‘', '’', '›', '‹'];

/// Whether `c` is one of [`QUOTE_MARKS`], asked of every character of an
/// article: `"` is the only ASCII one.
pub(super) fn is_quote_mark(c: char) -> bool {
    c == '"' || (!c.is_ascii() && QUOTE_MARKS.contains(&c))
}

/// The text of `span`, or `""` when the span does not fit the text.
pub(super) fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("")
}

/// One sentence of a document, seen token by token.
pub(super) struct SentenceView<'a> {
    /// The document text.
    pub text: &'a str,
    /// All tokens of the document.
    pub tokens: &'a [Token],
    /// This sentence's span.
    pub span: Span,
    /// This sentence's token indices.
    pub range: Range<usize>,
    /// Quotation contents that overlap the sentence without holding all of
    /// it: their words are someone's quoted words, not the sentence's own
    /// grammar (a sentence wholly inside a quotation is read normally).
    pub opaque: Vec<Span>,
}

impl SentenceView<'_> {
    /// Surface form of token `i`; `""` outside the sentence.
    pub fn surface(&self, i: usize) -> &str {
        self.token(i).map_or("", |t| slice(self.text, t.span))
    }

    /// Normalised (lowercase) form of token `i`; `""` outside the sentence.
    pub fn norm(&self, i: usize) -> &str {
        self.token(i).map_or("", |t| t.norm.as_str())
    }

    /// Token `i` if it belongs to this sentence.
    pub fn token(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i).filter(|_| self.range.contains(&i))
    }

    /// Whether token `i` starts with an uppercase letter.
    pub fn is_capitalized(&self, i: usize) -> bool {
        self.surface(i).starts_with(char::is_uppercase)
    }

    /// Whether token `i` is an acronym (`NATO`, `TASS`).
    pub fn is_acronym(&self, i: usize) -> bool {
        let s = self.surface(i);
        // The shape test first: it fails on the second letter of most words.
        s.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
            && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
    }

    /// The text between token `i - 1` and token `i` (from the sentence start
    /// for the first token, up to the sentence end for `i == range.end`).
    pub fn gap(&self, i: usize) -> &str {
        let start = if i <= self.range.start {
            self.span.start
        } else {
            self.tokens
                .get(i - 1)
                .map_or(self.span.start, |t| t.span.end)
        };
        let end = if i >= self.range.end {
            self.span.end
        } else {
            self.tokens.get(i).map_or(self.span.end, |t| t.span.start)
        };
        if start <= end {
            slice(self.text, Span { start, end })
        } else {
            ""
        }
    }

    /// Whether a clause starts at token `i`: the sentence start or a comma,
    /// colon, dash, bracket or quotation mark before it.
    pub fn clause_starts_at(&self, i: usize) -> bool {
        i <= self.range.start
            || self
                .gap(i)
                .chars()
                .any(|c| CLAUSE_PUNCTUATION.contains(&c) || is_quote_mark(c))
    }

    /// Whether a comma-like mark (no quotation mark) stands before token `i`.
    pub fn comma_before(&self, i: usize) -> bool {
        i > self.range.start && self.gap(i).chars().any(|c| CLAUSE_PUNCTUATION.contains(&c))
    }

    /// Whether token `i` ends its clause (punctuation or the sentence end after it).
    pub fn ends_clause(&self, i: usize) -> bool {
        i + 1 >= self.range.end
            || self.gap(i + 1).chars().any(|c| {
                CLAUSE_PUNCTUATION.contains(&c) || is_quote_mark(c) || matches!(c, '.' | '!' | '?')
            })
    }

    /// Whether token `i` lies inside a quotation.
    pub fn is_opaque(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| self.opaque.iter().any(|q| q.contains(t.span)))
    }

    /// Byte offset where the sentence's text ends, without final punctuation.
    pub fn content_end(&self) -> usize {
        let own = slice(self.text, self.span);
        let trimmed =
            own.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?' | '…'));
        self.span.start + trimmed.len()
    }

    /// Byte offset just before the comma that precedes token `i` (for a
    /// clause that ends in `..., sagte er`), or the end of token `i - 1`.
    pub fn end_before_comma(&self, i: usize) -> usize {
        let Some(previous) = i.checked_sub(1).and_then(|p| self.tokens.get(p)) else {
            return self.span.start;
        };
        let gap = self.gap(i);
        let cut = gap
            .find(',')
            .map_or(0, |comma| gap[..comma].trim_end().len());
        previous.span.end + cut
    }

    /// Whether any non-quoted token in `range` looks like a subjunctive verb
    /// (`sei`, `habe`, `werde`, or an `-e` form in verb position: `Russland
    /// rechne`, `... verlege.`).
    pub fn has_subjunctive(&self, range: Range<usize>) -> bool {
        use super::lexicon::{
            could_be_verb_in_e, is_determiner, is_function_word, is_subjunctive_form,
        };
        range.clone().any(|i| {
            if self.is_opaque(i) || self.is_capitalized(i) {
                return false;
            }
            let norm = self.norm(i);
            if is_subjunctive_form(norm) {
                return true;
            }
            if !could_be_verb_in_e(norm) {
                return false;
            }
            let verb_final = self.ends_clause(i);
            let after_subject = i > range.start
                && !self.clause_starts_at(i)
                && ((self.is_capitalized(i - 1)
                    && !is_determiner(self.norm(i - 1))
                    && !is_function_word(self.norm(i - 1)))
                    || ["er", "sie", "es", "man"].contains(&self.norm(i - 1)));
            verb_final || after_subject
        })
    }
}
