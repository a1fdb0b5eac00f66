//! Keyword in context: the evidence line behind every count, cut from the
//! paragraph where the hit stands (never from removed boilerplate).

use core_text::{Document, Span};

/// A match with its left and right context, white space folded to single
/// spaces so the line fits a table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kwic {
    /// Up to `width` characters before the match.
    pub left: String,
    /// The matched text.
    pub keyword: String,
    /// Up to `width` characters after the match.
    pub right: String,
}

/// The KWIC line for `span` in `doc`, with at most `width` characters of
/// context on each side, taken from the same kept paragraph.
///
/// ```
/// use core_text::{Document, Span, TextConfig};
/// let doc = Document::analyze("Russland fordert Sicherheitsgarantien von der NATO.".into(), &TextConfig::default());
/// let line = features::kwic(&doc, Span::new(17, 37), 10);
/// assert_eq!((line.left.as_str(), line.keyword.as_str(), line.right.as_str()),
///            ("d fordert ", "Sicherheitsgarantien", " von der N"));
/// ```
pub fn kwic(doc: &Document, span: Span, width: usize) -> Kwic {
    let paragraph = doc
        .paragraphs
        .iter()
        .find(|p| p.contains(span))
        .copied()
        .unwrap_or(span);
    let left_text = fold_space(&doc.text[paragraph.start..span.start]);
    let right_text = fold_space(&doc.text[span.end..paragraph.end]);
    let left_chars: Vec<char> = left_text.chars().collect();
    let left: String = left_chars[left_chars.len().saturating_sub(width)..]
        .iter()
        .collect();
    let right: String = right_text.chars().take(width).collect();
    Kwic {
        left: left.trim_start().to_owned(),
        keyword: fold_space(span.of(&doc.text)),
        right: right.trim_end().to_owned(),
    }
}

/// Runs of white space (line breaks, tabs) become one space, keeping the
/// leading and trailing space that separates context from keyword.
fn fold_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use core_text::TextConfig;

    fn line(text: &str, needle: &str, width: usize) -> (String, String, String) {
        let doc = Document::analyze(text.to_owned(), &TextConfig::default());
        let start = text.find(needle).unwrap();
        let k = kwic(&doc, Span::new(start, start + needle.len()), width);
        (k.left, k.keyword, k.right)
    }

    #[test]
    fn context_stops_at_the_paragraph() {
        let text = "Abonnieren\nDer Kreml will Dialog.\n\nNeuer Absatz hier.";
        assert_eq!(
            line(text, "Dialog", 40),
            ("Der Kreml will ".into(), "Dialog".into(), ".".into())
        );
    }

    #[test]
    fn white_space_is_folded_and_umlauts_are_whole() {
        let text = "Gespräche\tüber   die  Krieg-Gefahr äußerst ernst";
        assert_eq!(
            line(text, "Krieg-Gefahr", 6),
            ("r die ".into(), "Krieg-Gefahr".into(), " äußer".into())
        );
    }
}
