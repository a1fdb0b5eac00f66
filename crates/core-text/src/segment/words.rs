//! UAX #29 word boundaries, computed one segment at a time: a byte scanner
//! for the Latin repertoire, unicode-segmentation for any segment that
//! touches another character.

use unicode_segmentation::UnicodeSegmentation;

use super::classes::{self, ASCII_WORD, Word};

/// Word-boundary segments of a string with their byte offsets: the same
/// pieces as unicode-segmentation's `split_word_bound_indices`.
#[derive(Debug, Clone)]
pub(crate) struct WordBounds<'a> {
    text: &'a str,
    at: usize,
}

/// One word-boundary segment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Segment<'a> {
    /// Byte offset in the text given to [`WordBounds::new`].
    pub(crate) start: usize,
    pub(crate) text: &'a str,
    pub(crate) shape: Shape,
}

/// What the scanner learnt about a segment on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Starts with a letter or digit; `dot` unless surely without a `.`.
    Word { dot: bool },
    /// Spaces only.
    Space,
    /// One character (not a letter or digit class) with its marks, or CR LF.
    Single,
    /// Found by unicode-segmentation, or starting with `_`: nothing known.
    Unknown,
}

impl<'a> WordBounds<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        WordBounds { text, at: 0 }
    }

    /// The next segment with what the scanner learnt about it.
    #[inline]
    pub(crate) fn next_segment(&mut self) -> Option<Segment<'a>> {
        let rest = &self.text[self.at..];
        if rest.is_empty() {
            return None;
        }
        let (len, shape) = first_segment(rest);
        let start = self.at;
        self.at += len;
        Some(Segment {
            start,
            text: &rest[..len],
            shape,
        })
    }
}

impl<'a> Iterator for WordBounds<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'a str)> {
        self.next_segment().map(|s| (s.start, s.text))
    }
}

/// Length and shape of the first word-boundary segment of the non-empty `s`.
///
/// unicode-segmentation finds a segment from where it starts, without
/// looking back, so handing it the rest of the text for one segment gives
/// exactly what it gives when it runs over the whole text.
#[inline]
fn first_segment(s: &str) -> (usize, Shape) {
    match fast_segment(s) {
        Some(found) => found,
        None => (
            s.split_word_bounds().next().map_or(s.len(), str::len),
            Shape::Unknown,
        ),
    }
}

/// The class of the character at byte `i` of `s` and its length.
#[inline(always)]
fn class_at(s: &str, i: usize) -> Option<(Word, usize)> {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return Some((ASCII_WORD[b as usize], 1));
    }
    let c = s[i..].chars().next()?;
    Some((classes::word(c)?, c.len_utf8()))
}

/// What the segment so far allows next (unicode-segmentation's forward
/// state machine, restricted to the classes of [`Word`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Letter,
    Numeric,
    ExtendNumLet,
    Space,
    /// After `letter MidLetter`: needs a letter (WB6/WB7).
    RequireLetter,
    /// After `digit MidNum`: needs a digit (WB11/WB12).
    RequireNumeric,
}

/// The first segment's length and shape, or `None` when deciding it needs
/// a character outside the fast path's repertoire.
#[inline]
fn fast_segment(s: &str) -> Option<(usize, Shape)> {
    let bytes = s.as_bytes();
    // Most segments of German news are ASCII letters ended by a byte that
    // can only end a word, or one space before such a byte: both are
    // settled here without the state machine.
    match bytes[0] {
        b if b.is_ascii_alphabetic() => {
            let run = ascii_letter_run(bytes);
            let ends = match bytes.get(run) {
                None => true,
                // `.`, `:` or `'` joins two letters only (WB6/WB7).
                Some(b'.' | b':' | b'\'') => bytes
                    .get(run + 1)
                    .is_none_or(|&b| b.is_ascii() && !b.is_ascii_alphabetic()),
                Some(&b) => ends_a_word(b),
            };
            if ends {
                return Some((run, Shape::Word { dot: false }));
            }
        }
        b' ' if bytes.get(1).is_none_or(|&b| b.is_ascii() && b != b' ') => {
            return Some((1, Shape::Space));
        }
        _ => {}
    }
    let (first, first_len) = class_at(s, 0)?;
    let mut state = match first {
        Word::Cr => {
            let len = if bytes.get(1) == Some(&b'\n') { 2 } else { 1 };
            return Some((len, Shape::Single));
        }
        Word::Lf | Word::Newline => return Some((first_len, Shape::Single)),
        Word::Letter => State::Letter,
        Word::Numeric => State::Numeric,
        Word::ExtendNumLet => State::ExtendNumLet,
        Word::Space => State::Space,
        // Anything else is one character plus the Extend/Format run after it (WB4).
        _ => {
            let mut i = first_len;
            while i < bytes.len() {
                let (class, len) = class_at(s, i)?;
                if class != Word::Extend {
                    break;
                }
                i += len;
            }
            return Some((i, Shape::Single));
        }
    };
    let mut i = first_len;
    // Start of a pending MidLetter/MidNum, to back up to when no letter or
    // digit follows.
    let mut pending = 0;
    let mut skipped_extend = false;
    let mut dot = false;
    while i < bytes.len() {
        let b = bytes[i];
        // Hot path: runs of ASCII letters inside a word, eight at a time.
        if state == State::Letter && b.is_ascii_alphabetic() {
            i += ascii_letter_run(&bytes[i..]);
            continue;
        }
        let (class, len) = class_at(s, i)?;
        if class == Word::Extend {
            skipped_extend = true;
            i += len;
            continue;
        }
        state = match (state, class) {
            (State::Space, Word::Space) if !skipped_extend => State::Space,
            (State::Letter | State::RequireLetter, Word::Letter) => State::Letter,
            (State::Numeric | State::RequireNumeric, Word::Numeric) => State::Numeric,
            (State::Letter | State::Numeric | State::ExtendNumLet, Word::ExtendNumLet) => {
                State::ExtendNumLet
            }
            (State::Numeric | State::ExtendNumLet, Word::Letter) => State::Letter,
            (State::Letter | State::ExtendNumLet, Word::Numeric) => State::Numeric,
            (State::Letter, Word::MidLetter | Word::MidNumLet) => {
                pending = i;
                dot |= b == b'.';
                State::RequireLetter
            }
            (State::Numeric, Word::MidNum | Word::MidNumLet) => {
                pending = i;
                dot |= b == b'.';
                State::RequireNumeric
            }
            (State::RequireLetter | State::RequireNumeric, _) => {
                return Some((pending, shape(first, &s[..first_len], dot, skipped_extend)));
            }
            _ => return Some((i, shape(first, &s[..first_len], dot, skipped_extend))),
        };
        i += len;
    }
    let end = match state {
        State::RequireLetter | State::RequireNumeric => pending,
        _ => bytes.len(),
    };
    Some((end, shape(first, &s[..first_len], dot, skipped_extend)))
}

/// Whether the byte `b` after a letter surely ends the word: an ASCII
/// character that no rule joins to a letter (space, line break, `,`, `;`
/// and most other punctuation; not `_`, a digit or a letter).
#[inline]
fn ends_a_word(b: u8) -> bool {
    b.is_ascii()
        && matches!(
            ASCII_WORD[b as usize],
            Word::Space | Word::Cr | Word::Lf | Word::Newline | Word::MidNum | Word::Other
        )
}

/// The number of ASCII letters `bytes` starts with, read eight bytes at a
/// time: a German word is mostly one or two such reads, where a byte loop
/// costs a branch per letter and a mispredicted one at its end.
#[inline]
pub(super) fn ascii_letter_run(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Per byte, the high bit says: ASCII, and between `a` and `z` once
        // lowercased (`| 0x20` maps no other ASCII byte into that range).
        // Each subtraction works on bytes below 0x80 with the high bit
        // set, so no borrow crosses into the next byte.
        let lower = (x | 0x2020_2020_2020_2020) & !HIGH;
        let at_least_a = (lower | HIGH).wrapping_sub(0x6161_6161_6161_6161) & HIGH;
        let at_most_z = (0x7a7a_7a7a_7a7a_7a7a | HIGH).wrapping_sub(lower) & HIGH;
        let letters = !x & at_least_a & at_most_z;
        if letters != HIGH {
            // Little-endian: the first non-letter is the lowest clear bit.
            return n + ((!letters & HIGH).trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count()
}

fn shape(first: Word, first_char: &str, dot: bool, marks: bool) -> Shape {
    match first {
        // Every letter class character but the cedilla `¸` is alphanumeric.
        Word::Letter | Word::Numeric if !first_char.starts_with('¸') => Shape::Word { dot },
        // A mark after spaces may be alphabetic (U+0345).
        Word::Space if !marks => Shape::Space,
        _ => Shape::Unknown,
    }
}
