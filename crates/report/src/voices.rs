//! Who speaks, and in whose voice each frame hit stands: the outlet's own
//! sentences, a direct quotation or reported speech, with the speaker.

use std::collections::BTreeMap;

use core_text::{Document, Quote, QuoteKind, TokenKind};
use features::FrameHit;

use crate::statistics::Groups;

/// The voice a frame hit stands in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
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

/// The voice of a hit in an article with these quotations.
pub fn hit_voice(quotes: &[Quote], hit: &FrameHit) -> Voice {
    match core_text::voice_at(quotes, hit.span) {
        None => Voice::Own,
        Some(q) => {
            let speaker = q.speaker.as_ref().map(|s| s.key.clone());
            match q.kind {
                QuoteKind::Direct => Voice::Quoted(speaker),
                QuoteKind::Reported => Voice::Reported(speaker),
            }
        }
    }
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

/// Voices per group.
pub fn group_voices(docs: &[Document], quotes: &[Vec<Quote>], groups: &Groups) -> Vec<GroupVoices> {
    (0..groups.names.len())
        .map(|g| {
            let members = groups.members(g);
            let mut words = 0;
            let mut quoted = 0;
            let mut reported = 0;
            let mut speakers: BTreeMap<String, SpeakerStats> = BTreeMap::new();
            let mut unattributed = 0;
            for &i in &members {
                let doc = &docs[i];
                let word_spans: Vec<_> = doc
                    .tokens
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word)
                    .map(|t| t.span)
                    .collect();
                words += word_spans.len();
                let inside = |kind: QuoteKind| {
                    word_spans
                        .iter()
                        .filter(|s| {
                            quotes[i]
                                .iter()
                                .any(|q| q.kind == kind && q.content.contains(**s))
                        })
                        .count()
                };
                quoted += inside(QuoteKind::Direct);
                reported += inside(QuoteKind::Reported);
                for quote in &quotes[i] {
                    let Some(speaker) = &quote.speaker else {
                        if quote.kind == QuoteKind::Direct {
                            unattributed += 1;
                        }
                        continue;
                    };
                    let entry =
                        speakers
                            .entry(speaker.key.clone())
                            .or_insert_with(|| SpeakerStats {
                                key: speaker.key.clone(),
                                name: speaker.name.clone(),
                                role: speaker.role.clone(),
                                direct: 0,
                                reported: 0,
                                words: 0,
                            });
                    if speaker.name.len() > entry.name.len() {
                        entry.name = speaker.name.clone();
                    }
                    match quote.kind {
                        QuoteKind::Direct => {
                            entry.direct += 1;
                            entry.words += word_spans
                                .iter()
                                .filter(|s| quote.content.contains(**s))
                                .count();
                        }
                        QuoteKind::Reported => entry.reported += 1,
                    }
                }
            }
            let mut speakers: Vec<SpeakerStats> = speakers.into_values().collect();
            speakers.sort_by(|a, b| {
                (b.words, b.direct + b.reported)
                    .cmp(&(a.words, a.direct + a.reported))
                    .then_with(|| a.key.cmp(&b.key))
            });
            let share = |n: usize| {
                if words == 0 {
                    0.0
                } else {
                    n as f64 / words as f64
                }
            };
            GroupVoices {
                quoted_share: share(quoted),
                reported_share: share(reported),
                speakers,
                unattributed,
            }
        })
        .collect()
}
