//! Byte spans into the decoded text: the one coordinate system every stage
//! shares, so any token, sentence, removal or frame hit can be shown in context.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into an article's decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text the span covers.
    pub fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    /// Whether `other` lies inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// This span moved right by `offset` bytes.
    pub fn shifted(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    /// The span with leading and trailing white space of `text` removed.
    pub fn trimmed(self, text: &str) -> Span {
        let slice = self.of(text);
        let start = self.start + (slice.len() - slice.trim_start().len());
        let end = self.start + slice.trim_end().len();
        Span::new(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimmed_keeps_inner_text() {
        let text = "  Dialog  \n";
        let span = Span::new(0, text.len()).trimmed(text);
        assert_eq!(span.of(text), "Dialog");
        assert_eq!(Span::new(0, 3).trimmed("   "), Span::new(3, 3));
    }

    #[test]
    fn contains_and_shift() {
        assert!(Span::new(2, 10).contains(Span::new(3, 10)));
        assert!(!Span::new(2, 10).contains(Span::new(1, 4)));
        assert_eq!(Span::new(1, 2).shifted(5), Span::new(6, 7));
    }
}
