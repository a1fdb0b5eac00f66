//! A frame hit and its context line as the analysis keeps them: the leaf
//! that the passes, the statistics and the sinks share.

use serde::{Deserialize, Serialize};

use crate::voices::Voice;

/// A frame hit as the analysis keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    /// Frame index in the lexicon.
    pub frame: usize,
    /// Pattern index within the frame.
    pub term: usize,
    /// First token of the hit.
    pub token: u32,
    /// Sentence of the hit.
    pub sentence: u32,
    /// Byte span in the article's decoded text.
    pub span: core_text::Span,
    /// Own voice, quoted or reported.
    pub voice: Voice,
}

/// A keyword-in-context line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextLine {
    /// Up to `kwic_width` characters before the match.
    pub left: String,
    /// The match.
    pub keyword: String,
    /// Up to `kwic_width` characters after the match.
    pub right: String,
}

#[cfg(test)]
impl Hit {
    /// A hit of `frame` in `sentence` with `voice`, at the article's start:
    /// what the statistics' tests need of a hit.
    pub(crate) fn in_sentence(frame: usize, sentence: u32, voice: Voice) -> Hit {
        Hit {
            frame,
            term: 0,
            token: 0,
            sentence,
            span: core_text::Span::new(0, 1),
            voice,
        }
    }
}

impl From<features::Kwic> for ContextLine {
    fn from(kwic: features::Kwic) -> Self {
        ContextLine {
            left: kwic.left,
            keyword: kwic.keyword,
            right: kwic.right,
        }
    }
}
