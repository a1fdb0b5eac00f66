//! One article through the text pipeline: boilerplate out, sentences and
//! tokens in, all positions kept as byte spans into the decoded original.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::boilerplate::{Removal, strip_boilerplate};
use crate::sentence::sentences;
use crate::span::Span;
use crate::token::{Token, expected_tokens, tokenize_into};

/// Settings of the per-article text pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextConfig {
    /// Remove web boilerplate (on by default; turn off for clean exports).
    pub strip_boilerplate: bool,
}

impl Default for TextConfig {
    fn default() -> Self {
        TextConfig {
            strip_boilerplate: true,
        }
    }
}

/// A sentence and the tokens inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Where the sentence stands in the text.
    pub span: Span,
    /// Indices into [`Document::tokens`].
    pub tokens: Range<usize>,
}

/// An analysed article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The decoded original; every span points into it.
    pub text: String,
    /// Boilerplate lines that were removed, with their reasons.
    pub removed: Vec<Removal>,
    /// Kept paragraphs.
    pub paragraphs: Vec<Span>,
    /// Sentences of the kept paragraphs.
    pub sentences: Vec<Sentence>,
    /// All tokens of the kept text, in order (stop words included: phrases
    /// and quotations need them; the analyzer decides what counts).
    pub tokens: Vec<Token>,
}

impl Document {
    /// Runs the text pipeline on a decoded article. Never fails.
    ///
    /// ```
    /// use core_text::{Document, TextConfig};
    /// let doc = Document::analyze("Abonnieren\nDer Kreml ist enttäuscht. Peskow hofft auf Dialog.\n".into(), &TextConfig::default());
    /// assert_eq!(doc.removed.len(), 1);
    /// assert_eq!(doc.sentences.len(), 2);
    /// assert_eq!(doc.tokens.len(), 8);
    /// ```
    pub fn analyze(text: String, config: &TextConfig) -> Document {
        let (paragraphs, removed) = if config.strip_boilerplate {
            let cleaned = strip_boilerplate(&text);
            (cleaned.paragraphs, cleaned.removed)
        } else {
            (plain_paragraphs(&text), Vec::new())
        };
        let mut spans: Vec<Span> = Vec::new();
        let mut previous_paragraph: Option<Span> = None;
        for paragraph in &paragraphs {
            let mut found = sentences(&text, *paragraph);
            if let (Some(previous), Some(last), Some(first)) =
                (previous_paragraph, spans.last_mut(), found.first())
            {
                if is_wrapped_line(&text, previous, *last, *first) {
                    last.end = first.end;
                    found.remove(0);
                }
            }
            spans.extend(found);
            previous_paragraph = Some(*paragraph);
        }
        let expected = paragraphs
            .iter()
            .map(|p| expected_tokens(p.of(&text)))
            .sum();
        let mut tokens = Vec::with_capacity(expected);
        let mut sentence_list = Vec::with_capacity(spans.len());
        for span in spans {
            let first = tokens.len();
            tokenize_into(&text, span, &mut tokens);
            sentence_list.push(Sentence {
                span,
                tokens: first..tokens.len(),
            });
        }
        Document {
            text,
            removed,
            paragraphs,
            sentences: sentence_list,
            tokens,
        }
    }

    /// The text without the removed lines.
    pub fn kept_text(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut at = 0;
        for removal in &self.removed {
            out.push_str(&self.text[at..removal.span.start]);
            at = removal.span.end;
        }
        out.push_str(&self.text[at..]);
        out
    }

    /// The sentence that contains byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<&Sentence> {
        let index = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences.get(index).filter(|s| s.span.start <= offset)
    }
}

/// Non-blank lines as paragraphs, when boilerplate stripping is off.
fn plain_paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let span = Span::new(start, start + line.len()).trimmed(text);
        if !span.is_empty() {
            out.push(span);
        }
        start += line.len();
    }
    out
}

/// Whether a sentence runs on across a single line break (hard-wrapped text):
/// the paragraphs are consecutive lines, the first sentence has no final
/// punctuation and the next starts in lowercase.
fn is_wrapped_line(text: &str, previous: Span, last: Span, first: Span) -> bool {
    if last.end != previous.end {
        return false;
    }
    let between = &text[last.end..first.start];
    let single_break = between.matches('\n').count() == 1 && between.trim().is_empty();
    let open = !last
        .of(text)
        .trim_end_matches(['"', '“', '”', '«', '»', ')'])
        .ends_with(['.', '!', '?', ':', '…']);
    single_break && open && first.of(text).starts_with(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(doc: &Document) -> Vec<&str> {
        doc.sentences.iter().map(|s| s.span.of(&doc.text)).collect()
    }

    #[test]
    fn hard_wrapped_sentences_are_joined() {
        let doc = Document::analyze(
            "Der Kremlsprecher erklärte, Russland rechne damit,\nbinnen einiger Tage eine Antwort zu erhalten.\nNeuer Satz.".into(),
            &TextConfig::default(),
        );
        assert_eq!(
            sentence_texts(&doc),
            [
                "Der Kremlsprecher erklärte, Russland rechne damit,\nbinnen einiger Tage eine Antwort zu erhalten.",
                "Neuer Satz."
            ]
        );
    }

    #[test]
    fn headings_stay_separate() {
        let doc = Document::analyze(
            "Künftige Verhandlungen\n\nZuvor haben mehrere Medien berichtet.".into(),
            &TextConfig::default(),
        );
        assert_eq!(
            sentence_texts(&doc),
            [
                "Künftige Verhandlungen",
                "Zuvor haben mehrere Medien berichtet."
            ]
        );
    }

    #[test]
    fn tokens_belong_to_their_sentence() {
        let doc = Document::analyze("Eins zwei. Drei.".into(), &TextConfig::default());
        assert_eq!(doc.sentences[0].tokens, 0..2);
        assert_eq!(doc.sentences[1].tokens, 2..3);
        assert_eq!(doc.sentence_at(11).map(|s| s.tokens.clone()), Some(2..3));
        assert_eq!(doc.sentence_at(10), None);
    }

    #[test]
    fn stripping_can_be_turned_off() {
        let config = TextConfig {
            strip_boilerplate: false,
        };
        let doc = Document::analyze("Abonnieren\nText hier.".into(), &config);
        assert!(doc.removed.is_empty());
        assert_eq!(doc.paragraphs.len(), 2);
    }

    #[test]
    fn messy_input_never_fails() {
        for text in [
            "",
            "\n\n",
            "\u{feff}",
            "„“»«",
            "a\r\nb",
            "\u{fffd}\u{fffd}",
            "...\n---\n",
        ] {
            let doc = Document::analyze(text.into(), &TextConfig::default());
            assert!(doc.tokens.iter().all(|t| t.span.end <= doc.text.len()));
        }
    }
}
