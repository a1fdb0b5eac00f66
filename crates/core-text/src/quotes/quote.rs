//! The quotation and speaker types: `find_quotes` builds them, and the
//! attribution rules and `voice` read them, so they live below all of those.

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// Whether a quotation is in quotation marks or paraphrased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QuoteKind {
    /// Words in quotation marks.
    Direct,
    /// Speech without marks, introduced by a cue (`X zufolge`, `sagte, dass`).
    Reported,
}

/// A quotation or reported statement in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Direct or reported.
    pub kind: QuoteKind,
    /// Direct: the quotation with its marks; Reported: the whole sentence.
    pub span: Span,
    /// Direct: inside the marks; Reported: the reported clause without the
    /// cue where that is easy to cut, else the sentence without its final
    /// punctuation.
    pub content: Span,
    /// Who said it, when the text says.
    pub speaker: Option<Speaker>,
    /// The cue as written, lowercase: `sagte`, `fügte hinzu`, `erklärt
    /// hat`, `so`, `zufolge`, `laut`, `nach Ansicht`, `unter Berufung auf`.
    pub cue: Option<String>,
}

/// A person or institution that speaks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Speaker {
    /// Fullest form found in the article (`Dmitri Peskow`, `Kreml`).
    pub name: String,
    /// Stable key: the surname for people (the name's last word), the name
    /// for institutions.
    pub key: String,
    /// The first role the article gives (`Kremlsprecher`, `Außenminister`;
    /// for an institution its kind, `Nachrichtenagentur`).
    pub role: Option<String>,
}
