//! Person names without a list of names: which capitalized words can be
//! part of one, and the two ways a name is found without a role before it
//! (`Konstantin Gawrilow, russischer Chefunterhändler`; `„…“, sagte Merkel.`).

use super::clause::SentenceView;
use super::lexicon::{
    has_institution_type, has_noun_suffix, institution_name, is_adjective_like, is_calendar_word,
    is_determiner, is_function_word, is_preposition,
};
use super::mentions::{Scan, tight};
use super::registry::Who;
use super::roles::role_lemma;
use super::verbs::finite_verb;

impl Scan<'_> {
    /// Whether token `i` can be part of a person's name.
    pub(super) fn name_like(&self, c: &SentenceView, i: usize) -> bool {
        let surface = c.surface(i);
        let norm = c.norm(i);
        if i >= c.range.end
            || !c.is_capitalized(i)
            || c.is_acronym(i)
            || !surface.chars().any(char::is_lowercase)
        {
            return false;
        }
        let acronym_part = surface
            .split('-')
            .any(|p| p.len() > 1 && p.chars().all(char::is_uppercase));
        let genitive = surface
            .strip_suffix('s')
            .is_some_and(|stem| self.seen(stem));
        !(acronym_part
            || genitive
            || is_function_word(norm)
            || is_calendar_word(norm)
            || has_noun_suffix(norm)
            || role_lemma(surface).is_some()
            || institution_name(norm, surface).is_some()
            || has_institution_type(norm)
            || finite_verb(norm).is_some())
    }

    /// Whether some token of the article is written `surface`.
    fn seen(&self, surface: &str) -> bool {
        self.words.contains_key(surface)
    }

    /// Up to three name-like words from `i`, tightly joined.
    pub(super) fn name_run(&self, c: &SentenceView, i: usize) -> usize {
        let mut end = i;
        while end < c.range.end
            && end - i < 3
            && self.name_like(c, end)
            && (end == i || tight(c, end))
        {
            end += 1;
        }
        end
    }

    /// A single name-like word right after a speech verb that follows a
    /// comma or an anaphoric `Das` and closes the clause (`„…“, sagte
    /// Selenskyj.`, `…, so Merkel.`, `Das sagte Merkel.`): taken as a surname.
    pub(super) fn speaker_surname(&mut self, c: &SentenceView) {
        for i in c.range.clone().skip(1) {
            let verb = c.norm(i - 1);
            let finite = finite_verb(verb);
            // Most words follow no speech cue: ask the rest only after one.
            let cue = verb == "so" || finite.is_some();
            if !cue {
                continue;
            }
            let particle = finite.and_then(|v| v.particle).map(|(p, _)| p);
            let closes = c.ends_clause(i)
                || (particle.is_some_and(|p| c.norm(i + 1) == p) && c.ends_clause(i + 1))
                || (!c.ends_clause(i) && is_preposition(c.norm(i + 1)));
            let covered = self.covered.get(i).copied().unwrap_or(true);
            let anaphoric =
                i == c.range.start + 2 && ["das", "dies"].contains(&c.norm(c.range.start));
            if closes
                && !covered
                && (c.comma_before(i - 1) || anaphoric)
                && tight(c, i)
                && self.name_like(c, i)
            {
                self.registry.person(&[c.surface(i)]);
            }
        }
    }

    /// A name without a role before it: `Konstantin Gawrilow, russischer
    /// Chefunterhändler`, or `Olaf Scholz` whose surname the text uses alone.
    pub(super) fn bare_name(&mut self, c: &SentenceView, i: usize) -> Option<usize> {
        let end = self.name_run(c, i);
        if end < i + 2 {
            return None;
        }
        if tight(c, i) {
            let before = c.norm(i - 1);
            let article_noun = is_adjective_like(before)
                && i >= 2
                && tight(c, i - 1)
                && is_determiner(c.norm(i - 2));
            if is_determiner(before) || article_noun {
                return None;
            }
        }
        let mut role = None;
        if end < c.range.end && c.comma_before(end) {
            let k = if !c.is_capitalized(end) && is_adjective_like(c.norm(end)) {
                end + 1
            } else {
                end
            };
            role = role_lemma(c.surface(k)).map(|lemma| (k, lemma));
        }
        let last = c.surface(end - 1);
        let first = c.surface(i);
        // The surname stands elsewhere without this first name before it.
        let own_before = c.surface(end - 2);
        let alone = self.stands_without(last, first, own_before);
        let near_verb = finite_verb(c.norm(i.saturating_sub(1))).is_some()
            || finite_verb(c.norm(end)).is_some();
        if role.is_none() && !alone && !near_verb {
            return None;
        }
        let words: Vec<&str> = (i..end).map(|k| c.surface(k)).collect();
        let entity = self.registry.person(&words);
        let mut next = end;
        let mut mention_end = end;
        if let Some((k, lemma)) = role {
            self.registry.add_role(entity, k, lemma);
            next = k + 1; // the role belongs to this name, not to what follows
            // The mention spans the apposition up to its closing comma, so that
            // `Peter Muster, Sprecher der Polizei, sagte` finds its subject.
            let close = (k + 1..c.range.end.min(k + 13)).find(|&t| c.comma_before(t));
            mention_end = close.unwrap_or(end);
        }
        let comma = mention_end < c.range.end && c.comma_before(mention_end);
        self.push(i, i, mention_end, comma, Who::Entity(entity));
        Some(next)
    }
}
