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
    // Paragraphs are sorted and disjoint: the only candidate is the first
    // that ends at or after the span (a long article has thousands).
    let paragraph = doc
        .paragraphs
        .get(doc.paragraphs.partition_point(|p| p.end < span.end))
        .filter(|p| p.contains(span))
        .copied()
        .unwrap_or(span);
    let left = folded_tail(&doc.text[paragraph.start..span.start], width);
    let right = folded_head(&doc.text[span.end..paragraph.end], width);
    Kwic {
        left: left.trim_start().to_owned(),
        keyword: fold_space(span.of(&doc.text)),
        right: right.trim_end().to_owned(),
    }
}

/// Runs of white space (line breaks, tabs) become one space, keeping the
/// leading and trailing space that separates context from keyword.
/// The last `width` characters of `fold_space(text)`, folding only as much
/// of the end of `text` as they need (a paragraph can be a whole article).
fn folded_tail(text: &str, width: usize) -> String {
    // Back to where `width + 1` folded characters start: a white-space run
    // cut there still folds to the one space it is in the whole.
    let (mut count, mut start, mut in_space) = (0, text.len(), false);
    for (i, c) in text.char_indices().rev() {
        let space = c.is_whitespace();
        if !(space && in_space) {
            count += 1;
        }
        in_space = space;
        start = i;
        if count > width {
            break;
        }
    }
    let folded: Vec<char> = fold_space(&text[start..]).chars().collect();
    folded[folded.len().saturating_sub(width)..]
        .iter()
        .collect()
}

/// The first `width` characters of `fold_space(text)`.
fn folded_head(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut in_space = false;
    for c in text.chars() {
        if count == width {
            break;
        }
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
                count += 1;
            }
            in_space = true;
        } else {
            out.push(c);
            count += 1;
            in_space = false;
        }
    }
    out
}

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
    fn folding_only_the_ends_equals_folding_everything() {
        let pieces = ["a", "ä", " ", "  ", "\t", "\n", "Wort", "ß ", " \u{a0}"];
        // Every string of up to five pieces, at every width up to nine.
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
            texts.dedup();
        }
        for text in &texts {
            let folded: Vec<char> = fold_space(text).chars().collect();
            for width in 0..10 {
                let tail: String = folded[folded.len().saturating_sub(width)..]
                    .iter()
                    .collect();
                let head: String = folded.iter().take(width).collect();
                assert_eq!(folded_tail(text, width), tail, "{text:?} {width}");
                assert_eq!(folded_head(text, width), head, "{text:?} {width}");
            }
        }
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
