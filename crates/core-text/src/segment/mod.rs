//! Word and sentence boundaries (UAX #29): a fast path for Latin script,
//! unicode-segmentation for everything else.
//!
//! German news is almost entirely ASCII, Latin-1 and Latin Extended letters,
//! digits, combining marks, invisible characters (soft hyphen, ZWJ, ZWNJ)
//! and common punctuation. For these the scanners here classify a character
//! with a byte comparison or a short `match` ([`classes`]) and run the same
//! state machines as unicode-segmentation 1.13 (forward word and sentence
//! iterators), so they give exactly its boundaries: apostrophes (`'`, `’`)
//! and `.` or `:` between letters, `.`, `,` and `;` between digits, and `_`
//! stay inside a word; marks and joiners stick to the character before them.
//!
//! Any other character (another script, an emoji, an ideograph, `©`) is
//! left to unicode-segmentation: for words the one segment that touches it
//! (unicode-segmentation finds a segment from its start without looking
//! back, so this is exact), for sentences the whole text (its state machine
//! carries context from the start). Exotic text therefore keeps UAX #29
//! behaviour bit for bit, only slower; the property tests in
//! `equivalence_tests` hold the fast path to unicode-segmentation.

pub(crate) mod classes;
mod sentences;
mod words;

pub(crate) use sentences::sentence_bounds;
pub(crate) use words::{Segment, Shape, WordBounds};

#[cfg(test)]
mod tests;
