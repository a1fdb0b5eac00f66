//! UAX #29 sentence boundaries: unicode-segmentation's forward state
//! machine run over the fast path's character classes, or unicode-segmentation
//! itself when the text holds a character outside them (the state machine
//! carries context across the whole text, so the fallback is per text).

use unicode_segmentation::UnicodeSegmentation;

use super::classes::{self, ASCII_SENTENCE, Sentence};

/// Sentence-boundary segments of `text` as `(start, end)` byte offsets, the
/// same as unicode-segmentation's `split_sentence_bound_indices`.
pub(crate) fn sentence_bounds(text: &str, out: &mut Vec<(usize, usize)>) {
    let mark = out.len();
    if fast_sentence_bounds(text, out).is_none() {
        out.truncate(mark);
        out.extend(
            text.split_sentence_bound_indices()
                .map(|(start, s)| (start, start + s.len())),
        );
    }
}

/// What a class leaves in the history (runs of Close and of Sp count once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Part {
    Sot,
    Other,
    Cr,
    Lf,
    Sep,
    ATerm,
    UpperLower,
    Close,
    Sp,
    STerm,
}

impl Part {
    fn of(class: Sentence) -> Part {
        match class {
            Sentence::Cr => Part::Cr,
            Sentence::Lf => Part::Lf,
            Sentence::Sep => Part::Sep,
            Sentence::ATerm => Part::ATerm,
            Sentence::Upper | Sentence::Lower => Part::UpperLower,
            Sentence::Close => Part::Close,
            Sentence::Sp => Part::Sp,
            Sentence::STerm => Part::STerm,
            _ => Part::Other,
        }
    }
}

/// The last four parts, one byte each, the latest in the lowest byte:
/// looking further back is a shift, so the rules run in registers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct History(u32);

impl History {
    const START: History = History(0); // four times Sot

    fn next(self, class: Sentence) -> History {
        let part = Part::of(class);
        if part == self.last() && matches!(part, Part::Close | Part::Sp) {
            self
        } else {
            History(self.0 << 8 | part as u32)
        }
    }

    fn last(self) -> Part {
        part_at(self.0)
    }

    /// The part before the latest one.
    fn second_last(self) -> Part {
        part_at(self.0 >> 8)
    }

    /// Skips a trailing part of the given kinds.
    fn skip(self, parts: &[Part]) -> History {
        if parts.contains(&self.last()) {
            History(self.0 >> 8)
        } else {
            self
        }
    }

    /// `SATerm Close* Sp*`: the terminator, if the history ends that way.
    fn terminator_before_space(self) -> Part {
        self.skip(&[Part::Sp]).skip(&[Part::Close]).last()
    }

    /// `SATerm Close*` (SB9).
    fn terminator_before_close(self) -> Part {
        self.skip(&[Part::Close]).last()
    }

    /// `SATerm Close* Sp* ParaSep?` (SB11).
    fn terminator_before_break(self) -> Part {
        self.skip(&[Part::Sep, Part::Cr, Part::Lf])
            .skip(&[Part::Sp])
            .skip(&[Part::Close])
            .last()
    }
}

fn part_at(bits: u32) -> Part {
    match bits & 0xff {
        1 => Part::Other,
        2 => Part::Cr,
        3 => Part::Lf,
        4 => Part::Sep,
        5 => Part::ATerm,
        6 => Part::UpperLower,
        7 => Part::Close,
        8 => Part::Sp,
        9 => Part::STerm,
        _ => Part::Sot,
    }
}

fn is_terminator(part: Part) -> bool {
    matches!(part, Part::ATerm | Part::STerm)
}

#[inline(always)]
fn class_at(s: &str, i: usize) -> Option<(Sentence, usize)> {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return Some((ASCII_SENTENCE[b as usize], 1));
    }
    let c = s[i..].chars().next()?;
    Some((classes::sentence(c)?, c.len_utf8()))
}

/// SB8: `ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower`.
/// `None` when the look-ahead meets an unknown character.
fn lower_follows(history: History, s: &str, from: usize) -> Option<bool> {
    if history.terminator_before_space() != Part::ATerm {
        return Some(false);
    }
    let mut i = from;
    while i < s.len() {
        let (class, len) = class_at(s, i)?;
        match class {
            Sentence::Lower => return Some(true),
            Sentence::OLetter
            | Sentence::Upper
            | Sentence::Sep
            | Sentence::Cr
            | Sentence::Lf
            | Sentence::STerm
            | Sentence::ATerm => return Some(false),
            _ => i += len,
        }
    }
    Some(false)
}

/// Pushes the boundaries, or gives up (`None`) at the first unknown character.
fn fast_sentence_bounds(s: &str, out: &mut Vec<(usize, usize)>) -> Option<()> {
    let mut history = History::START;
    let mut start = 0;
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < s.len() {
        // Inside a word no rule applies: a run of ASCII letters after a
        // letter only pushes letters into the history.
        if history.last() == Part::UpperLower && bytes[i].is_ascii_alphabetic() {
            let run = bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            for _ in 0..run.min(3) {
                history = history.next(Sentence::Lower);
            }
            i += run;
            continue;
        }
        let (class, len) = class_at(s, i)?;
        if history.last() == Part::UpperLower && matches!(class, Sentence::Upper | Sentence::Lower)
        {
            history = history.next(class);
            i += len;
            continue;
        }
        let before = history;
        history = history.next(class);
        let position = i;
        i += len;
        let is_break = match class {
            _ if before.last() == Part::Sot => false, // SB1: the start of the text
            Sentence::Lf if before.last() == Part::Cr => false, // SB3
            _ if matches!(before.last(), Part::Sep | Part::Cr | Part::Lf) => true, // SB4
            Sentence::Extend => {
                history = before; // SB5
                false
            }
            Sentence::Numeric if before.last() == Part::ATerm => false, // SB6
            Sentence::Upper
                if before.second_last() == Part::UpperLower && before.last() == Part::ATerm =>
            {
                false // SB7
            }
            _ if lower_follows(before, s, position)? => false, // SB8
            Sentence::SContinue | Sentence::STerm | Sentence::ATerm
                if is_terminator(before.terminator_before_space()) =>
            {
                false // SB8a
            }
            Sentence::Close | Sentence::Sp | Sentence::Sep | Sentence::Cr | Sentence::Lf
                if is_terminator(before.terminator_before_close()) =>
            {
                false // SB9
            }
            Sentence::Sp | Sentence::Sep | Sentence::Cr | Sentence::Lf
                if is_terminator(before.terminator_before_space()) =>
            {
                false // SB10
            }
            _ => is_terminator(before.terminator_before_break()), // SB11, SB998
        };
        if is_break {
            out.push((start, position));
            start = position;
        }
    }
    if !s.is_empty() {
        out.push((start, s.len()));
    }
    Some(())
}
