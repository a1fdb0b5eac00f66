//! German word tokens with byte spans: Unicode word boundaries (UAX #29) plus
//! the two repairs German news needs, hyphenated compounds kept whole and
//! sentences glued without a space (`fest.Wie`) split apart.
//!
//! The boundaries come from `segment` (a fast path for Latin script,
//! unicode-segmentation for everything else), one segment at a time: no
//! list of segments. [`tokenize`] allocates one `String` per token (its
//! norm) and a `Vec` for a compound's parts; [`scan_tokens`] lends each
//! token from reused buffers and allocates nothing per token.

use crate::normalize::{is_hyphen, normalize_into};
use crate::segment::{Segment, Shape, WordBounds};
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
    let mut tokens = Vec::with_capacity(expected_tokens(within.of(text)));
    tokenize_into(text, within, &mut tokens);
    tokens
}

/// [`tokenize`], appending to `out` (saves a `Vec` per call when tokenizing
/// many sentences).
pub fn tokenize_into(text: &str, within: Span, out: &mut Vec<Token>) {
    scan_tokens(text, within, |token| out.push(token.to_token()));
}

/// A token as [`scan_tokens`] lends it: the same fields as [`Token`], with
/// the norm and parts borrowed from buffers the scan reuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenView<'a> {
    /// Where the token stands in the decoded text.
    pub span: Span,
    /// Normalised form (see [`normalize`](crate::normalize())).
    pub norm: &'a str,
    /// Word or number.
    pub kind: TokenKind,
    /// A compound's part spans; empty for a simple word.
    pub parts: &'a [Span],
}

impl TokenView<'_> {
    /// The owned [`Token`].
    pub fn to_token(&self) -> Token {
        Token {
            span: self.span,
            norm: self.norm.to_owned(),
            kind: self.kind,
            parts: self.parts.to_vec(),
        }
    }
}

/// The tokens of [`tokenize`], lent one at a time to `visit` without an
/// allocation per token: for callers that only look words up (counting a
/// large corpus) and keep nothing of the token itself.
///
/// ```
/// use core_text::{scan_tokens, Span};
/// let text = "Die NATO-Osterweiterung ist eine „rote Linie“.";
/// let mut norms = Vec::new();
/// scan_tokens(text, Span::new(0, text.len()), |token| norms.push(token.norm.len()));
/// assert_eq!(norms, [3, 19, 3, 4, 4, 5]);
/// ```
pub fn scan_tokens(text: &str, within: Span, mut visit: impl FnMut(TokenView<'_>)) {
    let mut norm = String::new();
    scan_token_spans(text, within, |span, parts| {
        let kind = normalize_token(span.of(text), &mut norm);
        visit(TokenView {
            span,
            norm: &norm,
            kind,
            parts,
        });
    });
}

/// The tokens of [`tokenize`] before normalisation: each token's span and
/// its compound parts' spans (empty for a simple word), lent to `visit`.
/// For callers that can tell a token by its surface alone (a cache keyed
/// by surface) and normalise only what they have not seen:
/// [`normalize_token`] gives the norm and kind [`scan_tokens`] would.
///
/// ```
/// use core_text::{scan_token_spans, Span};
/// let text = "Die NATO-Osterweiterung.";
/// let mut surfaces = Vec::new();
/// scan_token_spans(text, Span::new(0, text.len()), |span, parts| {
///     surfaces.push((span.of(text), parts.len()));
/// });
/// assert_eq!(surfaces, [("Die", 0), ("NATO-Osterweiterung", 2)]);
/// ```
pub fn scan_token_spans(text: &str, within: Span, mut visit: impl FnMut(Span, &[Span])) {
    // The token being built: its first part's start, its last part's end,
    // and the parts once there are two. A hyphen after it waits in `hyphen`
    // until the next piece shows whether it joins a compound.
    let mut current: Option<(usize, usize)> = None;
    let mut parts: Vec<Span> = Vec::new();
    let mut hyphen = false;
    let mut emit = |span: Span, parts: &mut Vec<Span>| {
        visit(span, parts);
        parts.clear();
    };
    for piece in Pieces::new(text, within) {
        if let Some((start, end)) = current {
            match piece.kind {
                PieceKind::Hyphen if !hyphen => {
                    hyphen = true;
                    continue;
                }
                PieceKind::Word if hyphen => {
                    if parts.is_empty() {
                        parts.push(Span::new(start, end));
                    }
                    parts.push(Span::new(piece.start, piece.end));
                    current = Some((start, piece.end));
                    hyphen = false;
                    continue;
                }
                _ => {
                    emit(Span::new(start, end), &mut parts);
                    current = None;
                    hyphen = false;
                }
            }
        }
        if piece.kind == PieceKind::Word {
            current = Some((piece.start, piece.end));
        }
    }
    if let Some((start, end)) = current {
        emit(Span::new(start, end), &mut parts);
    }
}

/// A guess at the number of tokens in `text`, from its white space (German
/// news has a token per space, within a few per cent either way):
/// reserving it spares the copies of a growing `Vec` and most of its slack.
pub(crate) fn expected_tokens(text: &str) -> usize {
    let spaces = text
        .bytes()
        .filter(|&b| matches!(b, b' ' | b'\n' | b'\t'))
        .count();
    spaces + spaces / 16 + 1
}

/// Writes the norm of a token's `surface` into `norm` (replacing what was
/// there) and says whether it is a word or a number: the norm and kind of
/// [`tokenize`]'s token with that surface.
///
/// ```
/// use core_text::{normalize_token, TokenKind};
/// let mut norm = String::new();
/// assert_eq!(normalize_token("NATO-Osterweiterung", &mut norm), TokenKind::Word);
/// assert_eq!(norm, "nato-osterweiterung");
/// assert_eq!(normalize_token("2021", &mut norm), TokenKind::Number);
/// ```
pub fn normalize_token(surface: &str, norm: &mut String) -> TokenKind {
    norm.clear();
    let alphabetic = if surface.is_ascii() {
        norm.push_str(surface);
        norm.make_ascii_lowercase();
        surface.bytes().any(|b| b.is_ascii_alphabetic())
    } else {
        normalize_into(surface, norm);
        surface.chars().any(char::is_alphabetic)
    };
    if alphabetic {
        TokenKind::Word
    } else {
        TokenKind::Number
    }
}

/// What a word-boundary piece can do for a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PieceKind {
    /// Has a letter or digit: a token or a compound part.
    Word,
    /// A single hyphen: may join two words.
    Hyphen,
    /// White space, punctuation: dropped.
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    kind: PieceKind,
}

/// Word-boundary segments of `within`, with glued sentences (`fest.Wie`)
/// split into word, dot and word.
struct Pieces<'a> {
    bounds: WordBounds<'a>,
    base: usize,
    text: &'a str,
    /// The dot and the second word of a glued split, in reverse order.
    queued: Vec<Piece>,
}

impl<'a> Pieces<'a> {
    fn new(text: &'a str, within: Span) -> Self {
        Pieces {
            bounds: WordBounds::new(within.of(text)),
            base: within.start,
            text,
            queued: Vec::new(),
        }
    }

    fn piece(&self, start: usize, end: usize) -> Piece {
        Piece {
            start,
            end,
            kind: piece_kind(&self.text[start..end]),
        }
    }
}

impl Iterator for Pieces<'_> {
    type Item = Piece;

    #[inline]
    fn next(&mut self) -> Option<Piece> {
        if let Some(piece) = self.queued.pop() {
            return Some(piece);
        }
        let Segment { start, text, shape } = self.bounds.next_segment()?;
        let start = self.base + start;
        let end = start + text.len();
        let kind = match shape {
            Shape::Word { dot: false } => PieceKind::Word,
            Shape::Space => PieceKind::Other,
            Shape::Single if text.len() == 1 => {
                if text == "-" {
                    PieceKind::Hyphen
                } else {
                    PieceKind::Other
                }
            }
            // A glued dot needs five characters around a `.`.
            _ if text.len() >= 5 && text.as_bytes().contains(&b'.') => {
                if let Some(dot) = glued_sentence_dot(text) {
                    let tail = self.piece(start + dot + 1, end);
                    let dot_piece = self.piece(start + dot, start + dot + 1);
                    self.queued.extend([tail, dot_piece]);
                    return Some(self.piece(start, start + dot));
                }
                piece_kind(text)
            }
            _ => piece_kind(text),
        };
        Some(Piece { start, end, kind })
    }
}

fn piece_kind(segment: &str) -> PieceKind {
    let first = segment.as_bytes()[0];
    if first.is_ascii_alphanumeric() || segment.chars().any(char::is_alphanumeric) {
        PieceKind::Word
    } else if is_single_hyphen(segment) {
        PieceKind::Hyphen
    } else {
        PieceKind::Other
    }
}

/// The byte index of a full stop that ends one sentence and starts the next
/// without a space (`fest.Wie`): at least two lowercase letters before it,
/// an uppercase letter followed by a lowercase one after it. Abbreviations
/// such as `z.B.` or `U.S.` do not qualify. Only the first such stop of a
/// word-boundary segment counts.
pub(crate) fn glued_sentence_dot(segment: &str) -> Option<usize> {
    // The two characters before the current one.
    let mut before = [None::<char>; 2];
    let mut chars = segment.char_indices();
    while let Some((index, c)) = chars.next() {
        if c == '.' && before.iter().all(|b| b.is_some_and(char::is_lowercase)) {
            let mut after = chars.clone().map(|(_, c)| c);
            if after.next().is_some_and(char::is_uppercase)
                && after.next().is_some_and(char::is_lowercase)
            {
                return Some(index);
            }
        }
        before = [before[1], Some(c)];
    }
    None
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
    fn scanned_tokens_lend_fresh_parts_and_norms() {
        let text = "NATO-Osterweiterung und ÄUSSERST-wichtige Gespräche";
        let mut seen = Vec::new();
        scan_tokens(text, Span::new(0, text.len()), |token| {
            seen.push((token.norm.to_owned(), token.parts.len()));
        });
        assert_eq!(
            seen,
            [
                ("nato-osterweiterung".to_owned(), 2),
                ("und".to_owned(), 0),
                ("äusserst-wichtige".to_owned(), 2),
                ("gespräche".to_owned(), 0),
            ]
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
