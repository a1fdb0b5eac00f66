//! German word tokens with byte spans: Unicode word boundaries (UAX #29) plus
//! the two repairs German news needs, hyphenated compounds kept whole and
//! sentences glued without a space (`fest.Wie`) split apart.

use unicode_segmentation::UnicodeSegmentation;

use crate::normalize::{is_hyphen, normalize};
use crate::span::Span;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Contains at least one letter.
    Word,
    /// Digits and separators only (`2021`, `13.01.2022`).
    Number,
}

/// One token of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Where the token stands in the decoded text.
    pub span: Span,
    /// Normalised form (see [`normalize`](crate::normalize())).
    pub norm: String,
    /// Word or number.
    pub kind: TokenKind,
    /// For a hyphenated compound (`NATO-Osterweiterung`), the span of each
    /// part (`NATO`, `Osterweiterung`); empty for a simple word.
    pub parts: Vec<Span>,
}

impl Token {
    /// Whether the token is a hyphenated compound.
    pub fn is_compound(&self) -> bool {
        !self.parts.is_empty()
    }

    /// The normalised parts of a compound, or the whole token for a simple word.
    pub fn part_norms(&self) -> impl Iterator<Item = &str> {
        self.norm.split('-').filter(|part| !part.is_empty())
    }
}

/// Splits `within` (a span of `text`) into tokens.
///
/// Never fails: any text, however messy, gives a (possibly empty) list.
/// Punctuation and white space are dropped; a hyphen joins the words on
/// both sides into one compound token that keeps its parts; a hyphen before
/// white space (`Kurz- und Mittelstreckenraketen`) is dropped.
///
/// ```
/// use core_text::{tokenize, Span};
/// let text = "Die NATO-Osterweiterung ist eine „rote Linie“.";
/// let tokens = tokenize(text, Span::new(0, text.len()));
/// let norms: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
/// assert_eq!(norms, ["die", "nato-osterweiterung", "ist", "eine", "rote", "linie"]);
/// assert_eq!(tokens[1].parts.len(), 2);
/// assert_eq!(tokens[1].span.of(text), "NATO-Osterweiterung");
/// ```
pub fn tokenize(text: &str, within: Span) -> Vec<Token> {
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
        // Chain `word-word-word` while the pieces touch each other.
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

/// Word-boundary segments of `within`, with glued sentences split.
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

/// The byte index of a full stop that ends one sentence and starts the next
/// without a space (`fest.Wie`): at least two lowercase letters before it,
/// an uppercase letter followed by a lowercase one after it. Abbreviations
/// such as `z.B.` or `U.S.` do not qualify.
pub(crate) fn glued_sentence_dot(segment: &str) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text, Span::new(0, text.len()))
            .into_iter()
            .map(|t| t.norm)
            .collect()
    }

    fn check(text: &str, expected: &[&str]) {
        assert_eq!(norms(text), expected, "tokenizing {text:?}");
    }

    #[test]
    fn words_and_punctuation() {
        check(
            "„Die Verhandlungen laufen an“, sagte er.",
            &["die", "verhandlungen", "laufen", "an", "sagte", "er"],
        );
        check("»ernsthaftes Gespräch«", &["ernsthaftes", "gespräch"]);
        check("", &[]);
        check(" \n\t ", &[]);
    }

    #[test]
    fn compounds_are_whole_with_parts() {
        check("NATO-Osterweiterung", &["nato-osterweiterung"]);
        check("MK-41-Shuttles", &["mk-41-shuttles"]);
        check("US\u{2011}Senatoren", &["us-senatoren"]);
        let text = "die Russland-NATO-Rates";
        let tokens = tokenize(text, Span::new(0, text.len()));
        let parts: Vec<&str> = tokens[1].parts.iter().map(|p| p.of(text)).collect();
        assert_eq!(parts, ["Russland", "NATO", "Rates"]);
        assert_eq!(
            tokens[1].part_norms().collect::<Vec<_>>(),
            ["russland", "nato", "rates"]
        );
    }

    #[test]
    fn suspended_hyphen_is_dropped() {
        check(
            "Kurz- und Mittelstreckenraketen",
            &["kurz", "und", "mittelstreckenraketen"],
        );
        check("- Advertisment -", &["advertisment"]);
    }

    #[test]
    fn glued_sentences_split() {
        check("fest.Wie Lawrow", &["fest", "wie", "lawrow"]);
        check("z.B. U.S.A.", &["z.b", "u.s.a"]);
    }

    #[test]
    fn numbers_are_tagged() {
        let text = "am 13.01.2022 um 1920";
        let kinds: Vec<TokenKind> = tokenize(text, Span::new(0, text.len()))
            .iter()
            .map(|t| t.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Word,
                TokenKind::Number,
                TokenKind::Word,
                TokenKind::Number
            ]
        );
    }

    #[test]
    fn spans_point_into_the_text_within_a_window() {
        let text = "xx Dialogs Ende";
        let tokens = tokenize(text, Span::new(3, 10));
        assert_eq!(tokens.len(), 1);
        assert_eq!(tokens[0].span.of(text), "Dialogs");
    }

    #[test]
    fn messy_text_never_panics() {
        for text in [
            "-",
            "--",
            "a-",
            "-a",
            "a--b",
            "\u{ad}",
            "...",
            "x.Y",
            "ab.Cd",
            "😀-😀",
            "\u{308}",
        ] {
            let _ = tokenize(text, Span::new(0, text.len()));
        }
    }
}
