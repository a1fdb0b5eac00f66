//! Speech cues in a sentence: `sagte X`, `X erklärte, dass ...`, `fügte ...
//! hinzu`, `wie X erklärt hat`, `..., so X`, `X zufolge`, `laut X`, `nach
//! seiner Ansicht`, `unter Berufung auf X`, and `Das erklärte X` (which makes
//! the sentence before reported speech).
//!
//! A cue *fires* (makes its sentence reported speech) only when the grammar
//! says so: a verb cue needs a clause after it (`, dass ...`, `, Russland
//! rechne ...`) or before it (`..., betonte X`) with a subjunctive verb; the
//! source cues (`zufolge`, `laut`, `wie ... erklärt hat`, `nach Angaben`,
//! `unter Berufung auf`) fire by themselves. Tokens inside quotation marks
//! are never cues.

use super::clause::SentenceView;
use super::cue::{Cue, Form, Subject, local, mention_index, rest_from, subject_at, whole};
use super::lexicon::{POSSESSIVES, SOURCE_NOUNS};
use super::registry::Mention;
use super::verb_cues::{clause_before, verb_cue};
use super::verbs::{AUXILIARIES, finite_verb, participle_verb};
use crate::span::Span;

/// All cues of one sentence, in text order.
pub(super) fn find_cues(c: &SentenceView, mentions: &[Mention]) -> Vec<Cue> {
    let mut used = Vec::new();
    let mut cues = Vec::new();
    for i in c.range.clone() {
        if c.is_opaque(i) {
            continue;
        }
        let found = match c.norm(i) {
            "wie" => wie_clause(c, mentions, i, &mut used),
            "so" => so_cue(c, mentions, i),
            "zufolge" => zufolge(c, mentions, i),
            "laut" => laut(c, mentions, i),
            "nach" => nach(c, mentions, i),
            "unter" if c.norm(i + 1) == "berufung" && c.norm(i + 2) == "auf" => {
                let subject = subject_at(c, mentions, i + 3);
                Some(source(
                    Form::Berufung,
                    "unter Berufung auf".into(),
                    i,
                    subject,
                    whole(c),
                ))
            }
            _ => None,
        };
        cues.extend(found);
    }
    for i in c.range.clone() {
        if !c.is_opaque(i) && !used.contains(&i) {
            cues.extend(verb_cue(c, mentions, i));
        }
    }
    cues.sort_by_key(|cue| cue.at);
    cues
}

/// A cue that fires by itself.
fn source(form: Form, text: String, at: usize, subject: Subject, content: Span) -> Cue {
    Cue {
        form,
        text,
        at,
        weak: false,
        subject,
        content: Some(content),
        anaphoric: false,
    }
}

/// `Wie Lawrow ... erklärt hat, ...` and `..., wie die Agentur X berichtete.`
fn wie_clause(
    c: &SentenceView,
    mentions: &[Mention],
    w: usize,
    used: &mut Vec<usize>,
) -> Option<Cue> {
    if !c.clause_starts_at(w) {
        return None;
    }
    let inside_mention = |k: usize| {
        local(mentions, c).any(|i| {
            let m = &mentions[i];
            m.np_start < k && (k < m.end || (k == m.end && m.trailing_comma))
        })
    };
    let mut end = w + 1;
    while end < c.range.end
        && (!c.comma_before(end) || inside_mention(end))
        && c.norm(end) != "dass"
    {
        end += 1;
    }
    let last = end.checked_sub(1).filter(|&l| l > w)?;
    let (verb_at, text, weak) = if AUXILIARIES.contains(&c.norm(last)) && last > w + 1 {
        let verb = participle_verb(c.norm(last - 1))?;
        (
            last - 1,
            format!("{} {}", c.norm(last - 1), c.norm(last)),
            verb.weak,
        )
    } else {
        let verb = finite_verb(c.norm(last))?;
        (last, c.norm(last).to_string(), verb.weak)
    };
    if c.is_opaque(verb_at) {
        return None;
    }
    used.extend(verb_at..=last);
    let content = if w == c.range.start {
        rest_from(c, end)
    } else {
        Span::new(c.span.start, c.end_before_comma(w).max(c.span.start))
    };
    let mut cue = source(
        Form::Wie,
        text,
        verb_at,
        subject_at(c, mentions, w + 1),
        content,
    );
    cue.weak = weak;
    Some(cue)
}

/// `„...“, so Rjabkow.` and `Die Lage sei ernst, so der Sprecher.`
fn so_cue(c: &SentenceView, mentions: &[Mention], i: usize) -> Option<Cue> {
    if !c.comma_before(i) {
        return None;
    }
    let m = mention_index(mentions, c, |m| m.np_start == i + 1)?;
    let end = mentions[m].end;
    if end < c.range.end && !c.clause_starts_at(end) {
        return None;
    }
    Some(Cue {
        form: Form::So,
        text: "so".into(),
        at: i,
        weak: false,
        subject: Subject::Mention(m),
        content: clause_before(c, i),
        anaphoric: false,
    })
}

/// `Lawrow zufolge`, `russischen Angaben zufolge`.
fn zufolge(c: &SentenceView, mentions: &[Mention], i: usize) -> Option<Cue> {
    let m = mention_index(mentions, c, |m| m.end == i);
    let opens = m.is_some_and(|m| mentions[m].np_start == c.range.start);
    let content = if opens { rest_from(c, i + 1) } else { whole(c) };
    let subject = m.map_or(Subject::None, Subject::Mention);
    Some(source(Form::Zufolge, "zufolge".into(), i, subject, content))
}

/// `Laut Kreml ...`.
fn laut(c: &SentenceView, mentions: &[Mention], i: usize) -> Option<Cue> {
    if i + 1 >= c.range.end || !c.is_capitalized(i + 1) || c.comma_before(i + 1) {
        return None;
    }
    let m = mention_index(mentions, c, |m| m.np_start == i + 1);
    let after = m.map_or(i + 2, |m| mentions[m].end);
    let content = if i == c.range.start {
        rest_from(c, after)
    } else {
        whole(c)
    };
    let subject = m.map_or(Subject::None, Subject::Mention);
    Some(source(Form::Laut, "laut".into(), i, subject, content))
}

/// `nach seiner Ansicht`, `nach Angaben des Kremls`, `nach Angaben von X`.
fn nach(c: &SentenceView, mentions: &[Mention], i: usize) -> Option<Cue> {
    let (noun, subject, after) =
        if POSSESSIVES.contains(&c.norm(i + 1)) && SOURCE_NOUNS.contains(&c.norm(i + 2)) {
            (i + 2, Subject::Possessive(i + 1), i + 3)
        } else if SOURCE_NOUNS.contains(&c.norm(i + 1)) && c.is_capitalized(i + 1) {
            let np = if c.norm(i + 2) == "von" { i + 3 } else { i + 2 };
            let m = mention_index(mentions, c, |m| m.np_start == np);
            let after = m.map_or(i + 2, |m| mentions[m].end);
            (i + 1, m.map_or(Subject::None, Subject::Mention), after)
        } else {
            let m = mention_index(mentions, c, |m| m.np_start == i + 1)?;
            let noun = mentions[m].end;
            if !SOURCE_NOUNS.contains(&c.norm(noun)) {
                return None;
            }
            (noun, Subject::Mention(m), noun + 1)
        };
    if noun >= c.range.end || c.is_opaque(noun) {
        return None;
    }
    let content = if i == c.range.start {
        rest_from(c, after)
    } else {
        whole(c)
    };
    let text = format!("nach {}", c.surface(noun));
    Some(source(Form::Nach, text, i, subject, content))
}
