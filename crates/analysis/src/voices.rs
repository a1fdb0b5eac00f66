//! Who speaks, and in whose voice each frame hit stands: the outlet's own
//! sentences, a direct quotation or reported speech, with the speaker.

use std::collections::BTreeMap;

use core_text::{Quote, QuoteKind};
use features::FrameHit;

/// The voice a frame hit stands in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Voice {
    /// The outlet's own sentence.
    Own,
    /// Inside quotation marks; the speaker's key when the text names one.
    Quoted(Option<String>),
    /// In reported speech (`Lawrow zufolge ...`); the speaker's key.
    Reported(Option<String>),
}

impl Voice {
    /// `own`, `quoted` or `reported`, as in `kwic.tsv`.
    pub fn kind(&self) -> &'static str {
        match self {
            Voice::Own => "own",
            Voice::Quoted(_) => "quoted",
            Voice::Reported(_) => "reported",
        }
    }

    /// The speaker's key, if any.
    pub fn speaker(&self) -> Option<&str> {
        match self {
            Voice::Own => None,
            Voice::Quoted(s) | Voice::Reported(s) => s.as_deref(),
        }
    }

    /// For readers: `own voice`, `quoting Peskow`, `reporting Lawrow`,
    /// `quoting (speaker not named)`.
    pub fn describe(&self) -> String {
        let who = |s: &Option<String>| {
            s.clone()
                .unwrap_or_else(|| "(speaker not named)".to_owned())
        };
        match self {
            Voice::Own => "own voice".to_owned(),
            Voice::Quoted(s) => format!("quoting {}", who(s)),
            Voice::Reported(s) => format!("reporting {}", who(s)),
        }
    }
}

/// The voice of every hit in an article with these quotations, in one
/// sweep (a long article has thousands of both).
pub fn hit_voices(quotes: &[Quote], hits: &[FrameHit]) -> Vec<Voice> {
    let spans: Vec<core_text::Span> = hits.iter().map(|h| h.span).collect();
    span_voices(quotes, &spans)
}

/// The voice of every span (a frame hit, an actor's label), in one sweep.
pub fn span_voices(quotes: &[Quote], spans: &[core_text::Span]) -> Vec<Voice> {
    core_text::voices_at(quotes, spans)
        .into_iter()
        .map(|quote| match quote {
            None => Voice::Own,
            Some(q) => {
                let speaker = q.speaker.as_ref().map(|s| s.key.clone());
                match q.kind {
                    QuoteKind::Direct => Voice::Quoted(speaker),
                    QuoteKind::Reported => Voice::Reported(speaker),
                }
            }
        })
        .collect()
}

/// One speaker's share of an outlet's text.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerStats {
    /// Stable key (surname, or institution name).
    pub key: String,
    /// Fullest name seen.
    pub name: String,
    /// First role seen.
    pub role: Option<String>,
    /// Direct quotations.
    pub direct: usize,
    /// Reported statements.
    pub reported: usize,
    /// Words inside the speaker's direct quotations.
    pub words: usize,
}

/// Who speaks in one outlet.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupVoices {
    /// Share of the outlet's words inside direct quotations.
    pub quoted_share: f64,
    /// Share of the outlet's words inside reported speech.
    pub reported_share: f64,
    /// Speakers, most quoted words first, then most statements, then key.
    pub speakers: Vec<SpeakerStats>,
    /// Direct quotations without a named speaker.
    pub unattributed: usize,
}

/// Running totals of who speaks in one group, filled article by article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VoiceTally {
    /// Words of the group's articles.
    pub words: usize,
    /// Words inside direct quotations.
    pub quoted_words: usize,
    /// Words inside reported speech.
    pub reported_words: usize,
    /// Speakers by key.
    pub speakers: BTreeMap<String, SpeakerStats>,
    /// Direct quotations without a named speaker.
    pub unattributed: usize,
}

impl VoiceTally {
    /// The finished table: shares, speakers ranked by words quoted, then
    /// statements, then key.
    pub fn finish(self) -> GroupVoices {
        let mut speakers: Vec<SpeakerStats> = self.speakers.into_values().collect();
        speakers.sort_by(|a, b| {
            (b.words, b.direct + b.reported)
                .cmp(&(a.words, a.direct + a.reported))
                .then_with(|| a.key.cmp(&b.key))
        });
        let share = |n: usize| {
            if self.words == 0 {
                0.0
            } else {
                n as f64 / self.words as f64
            }
        };
        GroupVoices {
            quoted_share: share(self.quoted_words),
            reported_share: share(self.reported_words),
            speakers,
            unattributed: self.unattributed,
        }
    }
}
