//! How a verb of saying with its subject, separable particle (`fügte ...
//! hinzu`), auxiliary (`hatte ... erklärt`) and complement clause becomes a
//! cue.

use super::clause::SentenceView;
use super::cue::{Cue, Form, Subject, governed, local, rest_from, subject_at};
use super::lexicon::{CLAUSE_OPENERS, SUBORDINATORS};
use super::registry::Mention;
use super::verbs::{AUXILIARIES, finite_verb, participle_verb};
use crate::span::Span;

/// The clause before a cue that follows a comma (`Die NATO sei bereit,
/// fügte er hinzu`), if it has words of its own and a subjunctive verb.
pub(super) fn clause_before(c: &SentenceView, i: usize) -> Option<Span> {
    let own = (c.range.start..i).any(|k| !c.is_opaque(k));
    let first = c.tokens.get(c.range.start)?;
    (own && c.has_subjunctive(c.range.start..i)).then(|| {
        Span::new(
            first.span.start,
            c.end_before_comma(i).max(first.span.start),
        )
    })
}

/// The clause after a cue (`, dass ...`, `, Russland rechne ...`) from the
/// first comma or colon after token `from`, if it has a subjunctive verb.
fn clause_after(c: &SentenceView, from: usize) -> Option<usize> {
    let mut j = (from + 1..c.range.end).find(|&k| c.comma_before(k))?;
    if ["dass", "ob"].contains(&c.norm(j)) && j + 1 < c.range.end {
        j += 1;
    }
    let own = (j..c.range.end).any(|k| !c.is_opaque(k));
    (own && c.has_subjunctive(j..c.range.end)).then_some(j)
}

/// A speech verb at token `i` with its subject, particle and content.
pub(super) fn verb_cue(c: &SentenceView, mentions: &[Mention], i: usize) -> Option<Cue> {
    let norm = c.norm(i);
    let mut cue = Cue {
        form: Form::Verb,
        text: norm.to_string(),
        at: i,
        weak: false,
        subject: Subject::None,
        content: None,
        anaphoric: false,
    };
    if ["hieß", "heißt"].contains(&norm)
        && (c.norm(i + 1) == "es" || i.checked_sub(1).is_some_and(|p| c.norm(p) == "es"))
    {
        cue.text = format!("{norm} es"); // `Darin hieß es, ...`: nobody named
        cue.content = clause_after(c, i).map(|j| rest_from(c, j));
        return Some(cue);
    }
    let finite = finite_verb(norm);
    let participle = participle_verb(norm);
    let verb = finite.or(participle)?;
    cue.weak = verb.weak;
    let clause_start = (c.range.start..=i)
        .rev()
        .find(|&k| c.clause_starts_at(k))
        .unwrap_or(c.range.start);
    let mut finite_at = i;
    if participle.is_some() {
        // `erklärt hat` (verb last) or `hatte ... erklärt`.
        if i + 1 < c.range.end && AUXILIARIES.contains(&c.norm(i + 1)) && !c.comma_before(i + 1) {
            cue.text = format!("{norm} {}", c.norm(i + 1));
            finite_at = i + 1;
        } else if let Some(aux) = (clause_start..i)
            .rev()
            .find(|&k| AUXILIARIES.contains(&c.norm(k)))
        {
            cue.text = format!("{} {norm}", c.norm(aux));
            finite_at = aux;
        } else if finite.is_none() {
            return None;
        }
    }
    let mut group_end = finite_at.max(i);
    if let (Some((particle, required)), true) = (verb.particle, finite_at == i && finite.is_some())
    {
        let found = (i + 1..c.range.end)
            .find(|&k| !c.is_opaque(k) && c.norm(k) == particle && c.ends_clause(k));
        match found {
            Some(k) => {
                cue.text = format!("{} {particle}", cue.text);
                group_end = k;
            }
            None if required => return None,
            None => {}
        }
    }
    if SUBORDINATORS.contains(&c.norm(clause_start)) && c.ends_clause(group_end) {
        // `als er ... kommentierte`: the subject follows the conjunction.
        cue.subject = subject_at(c, mentions, clause_start + 1);
        return Some(cue);
    }
    let subject = preceding(c, mentions, finite_at).or_else(|| following(c, mentions, finite_at));
    if let Some(m) = subject {
        cue.subject = Subject::Mention(m);
        let mention = &mentions[m];
        if mention.np_start > finite_at {
            group_end =
                group_end.max(mention.end.saturating_sub(1) + usize::from(mention.trailing_comma));
        }
    }
    cue.anaphoric =
        finite_at == c.range.start + 1 && ["das", "dies"].contains(&c.norm(c.range.start));
    if !cue.anaphoric {
        let before = if c.comma_before(i) {
            clause_before(c, i)
        } else {
            None
        };
        cue.content = before.or_else(|| clause_after(c, group_end).map(|j| rest_from(c, j)));
    }
    Some(cue)
}

/// The subject before the finite verb: a mention that opens its clause and
/// ends at most two adverbs before the verb (`Lawrow wiederum wies`).
fn preceding(c: &SentenceView, mentions: &[Mention], finite_at: usize) -> Option<usize> {
    // The outermost of the mentions that end last (an apposition holds others).
    let m = local(mentions, c)
        .filter(|&k| mentions[k].end <= finite_at && !c.is_opaque(mentions[k].head))
        .max_by_key(|&k| (mentions[k].end, std::cmp::Reverse(mentions[k].np_start)))?;
    let mention = &mentions[m];
    let between = finite_at - mention.end;
    let no_break = (mention.end..=finite_at)
        .all(|k| !c.comma_before(k) || (k == mention.end && mention.trailing_comma));
    let adverbs =
        (mention.end..finite_at).all(|k| !c.is_capitalized(k) && finite_verb(c.norm(k)).is_none());
    let np = mention.np_start;
    let opens = c.clause_starts_at(np)
        || (np > c.range.start
            && CLAUSE_OPENERS.contains(&c.norm(np - 1))
            && c.clause_starts_at(np - 1));
    (between <= 2 && no_break && adverbs && opens && !governed(c, mention)).then_some(m)
}

/// The subject after the finite verb (`sagte Gawrilow`, `erklärte am
/// Donnerstag der Sprecher`), within its clause and before any `dass`.
fn following(c: &SentenceView, mentions: &[Mention], finite_at: usize) -> Option<usize> {
    local(mentions, c).find(|&k| {
        let m = &mentions[k];
        m.np_start > finite_at
            && m.np_start - finite_at <= 6
            && !c.is_opaque(m.head)
            && !governed(c, m)
            && (finite_at + 1..=m.np_start).all(|k| !c.comma_before(k) && c.norm(k) != "dass")
    })
}
