//! The tokenizer and sentence splitter as they were before the fast path
//! (unicode-segmentation all the way, one `String` and `Vec` per piece),
//! kept verbatim for the equivalence tests: the fast path must give
//! exactly what this gives.

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

use crate::span::Span;
use crate::token::{Token, TokenKind};

const ABBREVIATIONS: &[&str] = &[
    "abs", "abt", "bzw", "ca", "chr", "dr", "evtl", "ggf", "hl", "inkl", "jh", "jr", "mio", "mrd",
    "nr", "prof", "s", "sog", "st", "str", "tel", "u.a", "usw", "v.a", "vgl", "z.b", "z.t", "zb",
    "jan", "feb", "febr", "apr", "aug", "sept", "sep", "okt", "nov", "dez",
];

pub(crate) fn normalize(surface: &str) -> String {
    let mut out = String::with_capacity(surface.len());
    for c in surface.chars() {
        match c {
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            '\u{2019}' | '\u{2bc}' | '\u{2018}' => out.push('\''),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    if out.is_ascii() || is_nfc_quick(out.chars()) == unicode_normalization::IsNormalized::Yes {
        out
    } else {
        out.nfc().collect()
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

pub(crate) fn tokenize(text: &str, within: Span) -> Vec<Token> {
    let segments = segments(text, within);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        let (start, segment) = segments[i];
        if !is_wordlike(segment) {
            i += 1;
            continue;
        }
        let mut parts = vec![Span::new(start, start + segment.len())];
        let mut j = i + 1;
        while j + 1 < segments.len() {
            let (hyphen_start, hyphen) = segments[j];
            let (next_start, next) = segments[j + 1];
            let touches = hyphen_start == parts.last().map_or(0, |p| p.end)
                && next_start == hyphen_start + hyphen.len();
            if touches && is_single_hyphen(hyphen) && is_wordlike(next) {
                parts.push(Span::new(next_start, next_start + next.len()));
                j += 2;
            } else {
                break;
            }
        }
        let span = Span::new(parts[0].start, parts.last().map_or(start, |p| p.end));
        let surface = span.of(text);
        let kind = if surface.chars().any(char::is_alphabetic) {
            TokenKind::Word
        } else {
            TokenKind::Number
        };
        if parts.len() == 1 {
            parts.clear();
        }
        tokens.push(Token {
            span,
            norm: normalize(surface),
            kind,
            parts,
        });
        i = j;
    }
    tokens
}

fn segments(text: &str, within: Span) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for (offset, segment) in within.of(text).split_word_bound_indices() {
        let start = within.start + offset;
        match glued_sentence_dot(segment) {
            Some(dot) => {
                out.push((start, &segment[..dot]));
                out.push((start + dot, &segment[dot..dot + 1]));
                out.push((start + dot + 1, &segment[dot + 1..]));
            }
            None => out.push((start, segment)),
        }
    }
    out
}

fn glued_sentence_dot(segment: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = segment.char_indices().collect();
    for k in 2..chars.len().saturating_sub(2) {
        let (index, c) = chars[k];
        if c == '.'
            && chars[k - 1].1.is_lowercase()
            && chars[k - 2].1.is_lowercase()
            && chars[k + 1].1.is_uppercase()
            && chars[k + 2].1.is_lowercase()
        {
            return Some(index);
        }
    }
    None
}

fn is_wordlike(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

fn is_single_hyphen(segment: &str) -> bool {
    let mut chars = segment.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_hyphen(c))
}

pub(crate) fn sentences(text: &str, within: Span) -> Vec<Span> {
    let mut raw: Vec<Span> = Vec::new();
    for (offset, sentence) in within.of(text).split_sentence_bound_indices() {
        let span = Span::new(
            within.start + offset,
            within.start + offset + sentence.len(),
        );
        split_glued(text, span, &mut raw);
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

fn split_glued(text: &str, span: Span, out: &mut Vec<Span>) {
    let mut start = span.start;
    let slice = span.of(text);
    for (offset, word) in slice.split_word_bound_indices() {
        if let Some(dot) = glued_sentence_dot(word) {
            let cut = span.start + offset + dot + 1;
            out.push(Span::new(start, cut));
            start = cut;
        }
    }
    out.push(Span::new(start, span.end));
}

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
    let lower = last_word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}
