//! Sentence boundaries for German news: Unicode sentence rules (UAX #29)
//! repaired where German breaks them (ordinals such as `13. Januar`, common
//! abbreviations) and where web text glues sentences together (`fest.Wie`).
//!
//! The UAX #29 boundaries come from `segment` (a fast path for Latin
//! script, unicode-segmentation for everything else); word boundaries are
//! only computed in a sentence with a dot that looks glued.

use crate::segment::{Segment, Shape, WordBounds, sentence_bounds};
use crate::span::Span;
use crate::token::glued_sentence_dot;

/// Abbreviations after which a full stop does not end a sentence. Lowercase,
/// without the final dot; matched case-insensitively on the last word.
const ABBREVIATIONS: &[&str] = &[
    "abs", "abt", "bzw", "ca", "chr", "dr", "evtl", "ggf", "hl", "inkl", "jh", "jr", "mio", "mrd",
    "nr", "prof", "s", "sog", "st", "str", "tel", "u.a", "usw", "v.a", "vgl", "z.b", "z.t", "zb",
    "jan", "feb", "febr", "apr", "aug", "sept", "sep", "okt", "nov", "dez",
];

/// Splits `within` (a span of `text`, typically one paragraph) into sentences.
///
/// Spans are trimmed of surrounding white space; empty ones are dropped.
///
/// ```
/// use core_text::{sentences, Span};
/// let text = "Am 13. Januar sprach Peskow. Die Gespräche seien misslungen.Wie Lawrow sagte, gehe es weiter.";
/// let found: Vec<&str> = sentences(text, Span::new(0, text.len())).iter().map(|s| s.of(text)).collect();
/// assert_eq!(found, [
///     "Am 13. Januar sprach Peskow.",
///     "Die Gespräche seien misslungen.",
///     "Wie Lawrow sagte, gehe es weiter.",
/// ]);
/// ```
pub fn sentences(text: &str, within: Span) -> Vec<Span> {
    let mut bounds = Vec::new();
    sentence_bounds(within.of(text), &mut bounds);
    let mut raw: Vec<Span> = Vec::with_capacity(bounds.len());
    for (start, end) in bounds {
        split_glued(
            text,
            Span::new(within.start + start, within.start + end),
            &mut raw,
        );
    }
    let mut merged: Vec<Span> = Vec::new();
    for span in raw {
        match merged.last_mut() {
            Some(last) if ends_without_sentence_end(last.of(text)) => last.end = span.end,
            _ => merged.push(span),
        }
    }
    move_opening_quotes_forward(text, &mut merged);
    merged
        .into_iter()
        .map(|span| span.trimmed(text))
        .filter(|span| !span.is_empty())
        .collect()
}

/// German opening quotes (`„`, `‚`) glued to the end of a sentence
/// (`aufgenommen.„Ich kann`) belong to the next one.
fn move_opening_quotes_forward(text: &str, spans: &mut [Span]) {
    for i in 0..spans.len().saturating_sub(1) {
        let trimmed = spans[i].of(text).trim_end();
        if let Some(quote) = trimmed.chars().last().filter(|c| matches!(c, '„' | '‚')) {
            let cut = spans[i].start + trimmed.len() - quote.len_utf8();
            spans[i].end = cut;
            spans[i + 1].start = cut;
        }
    }
}

/// Splits a raw sentence at every glued boundary (`misslungen.Wie`).
fn split_glued(text: &str, span: Span, out: &mut Vec<Span>) {
    let mut start = span.start;
    let slice = span.of(text);
    // Word boundaries only matter around a dot that looks glued.
    if !has_glued_dot_shape(slice) {
        out.push(span);
        return;
    }
    let mut words = WordBounds::new(slice);
    while let Some(Segment {
        start: offset,
        text: word,
        shape,
    }) = words.next_segment()
    {
        let may_hold_dot = !matches!(shape, Shape::Word { dot: false } | Shape::Space);
        if let Some(dot) = may_hold_dot.then(|| glued_sentence_dot(word)).flatten() {
            let cut = span.start + offset + dot + 1;
            out.push(Span::new(start, cut));
            start = cut;
        }
    }
    out.push(Span::new(start, span.end));
}

/// Whether some `.` in `slice` has two lowercase letters before it and an
/// uppercase then a lowercase letter after it: necessary for
/// [`glued_sentence_dot`] to find a dot in any segment of `slice`.
fn has_glued_dot_shape(slice: &str) -> bool {
    slice.match_indices('.').any(|(i, _)| {
        let mut before = slice[..i].chars().rev();
        let mut after = slice[i + 1..].chars();
        before.next().is_some_and(char::is_lowercase)
            && before.next().is_some_and(char::is_lowercase)
            && after.next().is_some_and(char::is_uppercase)
            && after.next().is_some_and(char::is_lowercase)
    })
}

/// Whether a raw sentence ends in a full stop that does not end a sentence:
/// after a one- or two-digit ordinal (`am 13. Januar`) or a known abbreviation.
fn ends_without_sentence_end(sentence: &str) -> bool {
    let trimmed = sentence.trim_end();
    let Some(before_dot) = trimmed.strip_suffix('.') else {
        return false;
    };
    let last_word = before_dot
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '„' || c == '"')
        .next()
        .unwrap_or("");
    if !last_word.is_empty()
        && last_word.len() <= 2
        && last_word.bytes().all(|b| b.is_ascii_digit())
    {
        return true;
    }
    if last_word.is_ascii() {
        ABBREVIATIONS
            .iter()
            .any(|a| a.eq_ignore_ascii_case(last_word))
    } else {
        // Full case mapping: the Kelvin sign lowercases to ASCII `k`.
        ABBREVIATIONS.contains(&last_word.to_lowercase().as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        let found: Vec<&str> = sentences(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.of(text))
            .collect();
        assert_eq!(found, expected, "splitting {text:?}");
    }

    #[test]
    fn ordinals_and_abbreviations_do_not_end_sentences() {
        check(
            "Am 9. und 10. Januar verhandelten sie in Genf. Am 12. Januar folgte Brüssel.",
            &[
                "Am 9. und 10. Januar verhandelten sie in Genf.",
                "Am 12. Januar folgte Brüssel.",
            ],
        );
        check(
            "Laut Dr. Müller u.a. Experten ist das so. Gut.",
            &["Laut Dr. Müller u.a. Experten ist das so.", "Gut."],
        );
    }

    #[test]
    fn years_end_sentences() {
        check(
            "Das war im Dezember 2021. Danach kam Januar.",
            &["Das war im Dezember 2021.", "Danach kam Januar."],
        );
    }

    #[test]
    fn glued_sentences_are_split() {
        check(
            "Das Datum steht noch nicht fest.Wie Lawrow erklärt hat, geht es weiter.",
            &[
                "Das Datum steht noch nicht fest.",
                "Wie Lawrow erklärt hat, geht es weiter.",
            ],
        );
        check(
            "mit den Staaten“.In dieser Hinsicht",
            &["mit den Staaten“.", "In dieser Hinsicht"],
        );
        check(
            "nach den Neujahrsferien“ aufgenommen.„Ich kann bestätigen“, so Rjabkow.",
            &[
                "nach den Neujahrsferien“ aufgenommen.",
                "„Ich kann bestätigen“, so Rjabkow.",
            ],
        );
    }

    #[test]
    fn quotes_and_questions() {
        check(
            "„Das ist schlimm.“ Er sagte: »Warum?« Danach schwieg er!",
            &[
                "„Das ist schlimm.“",
                "Er sagte: »Warum?«",
                "Danach schwieg er!",
            ],
        );
    }

    #[test]
    fn empty_and_blank() {
        check("", &[]);
        check("   ", &[]);
        check("Ohne Punkt", &["Ohne Punkt"]);
    }
}
