//! The cue type and the sentence lookups that both the source cues (`cues`)
//! and the verb cues (`verb_cues`) build on; kept apart so that neither of
//! those two needs the other's rules.

use std::ops::Range;

use super::clause::SentenceView;
use super::lexicon::is_preposition;
use super::registry::Mention;
use crate::span::Span;

/// The shape of a cue; the order is the order in which a sentence's
/// reported content is taken from its cues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Form {
    /// `sagte`, `fügte ... hinzu`, `hatte ... erklärt`, `hieß es`.
    Verb,
    /// `wie X erklärt hat`.
    Wie,
    /// `..., so X`.
    So,
    /// `X zufolge`.
    Zufolge,
    /// `laut X`.
    Laut,
    /// `nach Angaben X`, `nach seiner Ansicht`.
    Nach,
    /// `unter Berufung auf X`.
    Berufung,
}

/// Who a cue names as its speaker, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Subject {
    /// The cue names nobody.
    None,
    /// Index into the mentions.
    Mention(usize),
    /// A possessive (`nach seiner Ansicht`) at this token.
    Possessive(usize),
}

/// A speech cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cue {
    /// Its shape.
    pub form: Form,
    /// As written, lowercase: `sagte`, `fügte hinzu`, `erklärt hat`, `so`.
    pub text: String,
    /// Token of the cue word.
    pub at: usize,
    /// A media verb (`berichtete`): a source, used only when no other cue
    /// of the sentence names a speaker.
    pub weak: bool,
    /// Who it names.
    pub subject: Subject,
    /// The reported content when the cue makes its sentence reported speech.
    pub content: Option<Span>,
    /// `Das erklärte X`: the sentence before is what X said.
    pub anaphoric: bool,
}

/// The sentence without its final punctuation.
pub(super) fn whole(c: &SentenceView) -> Span {
    Span::new(c.span.start, c.content_end().max(c.span.start))
}

/// From token `i` to the end of the sentence (the whole one if `i` is past it).
pub(super) fn rest_from(c: &SentenceView, i: usize) -> Span {
    match c.token(i) {
        Some(t) => Span::new(t.span.start, c.content_end().max(t.span.start)),
        None => whole(c),
    }
}

/// The first mention of the sentence, outside quotation marks, that passes `test`.
pub(super) fn mention_index(
    mentions: &[Mention],
    c: &SentenceView,
    test: impl Fn(&Mention) -> bool,
) -> Option<usize> {
    local(mentions, c).find(|&k| test(&mentions[k]) && !c.is_opaque(mentions[k].head))
}

/// Indices of the mentions (sorted by head) whose head lies in the sentence.
pub(super) fn local(mentions: &[Mention], c: &SentenceView) -> Range<usize> {
    let low = mentions.partition_point(|m| m.head < c.range.start);
    let high = mentions.partition_point(|m| m.head < c.range.end);
    low..high.max(low)
}

/// The mention whose noun phrase starts at token `np`, as a subject.
pub(super) fn subject_at(c: &SentenceView, mentions: &[Mention], np: usize) -> Subject {
    mention_index(mentions, c, |m| m.np_start == np).map_or(Subject::None, Subject::Mention)
}

/// Whether a preposition governs the mention (`mit Blinken`, `gegenüber SNA`).
pub(super) fn governed(c: &SentenceView, m: &Mention) -> bool {
    m.np_start > c.range.start
        && is_preposition(c.norm(m.np_start - 1))
        && !c.comma_before(m.np_start)
}
