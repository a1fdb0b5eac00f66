//! People and institutions an article names, in order, with the roles it
//! gives them: `Kremlsprecher Dmitri Peskow`, `der Sprecher des russischen
//! Präsidenten, Dmitri Peskow,`, `Konstantin Gawrilow, russischer
//! Chefunterhändler`, `der Kreml`, `Nachrichtenagentur TASS`; later bare
//! surnames, role phrases (`der Vizeaußenminister`) and pronouns.
//!
//! A person's name is a run of one to three capitalized words that are not
//! common nouns by their shape (no `-ung`, no genitive of another word, no
//! month, no article before them), introduced by a role noun or an apposition,
//! next to a speech verb, or whose last word the article also uses alone
//! (see `names`).

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use super::clause::SentenceView;
use super::lexicon::{
    CLAUSE_OPENERS, DEFINITE, PRONOUNS, has_institution_type, institution_name, is_adjective_like,
    is_determiner, is_function_word,
};
use super::marks::{self, Marked};
use super::registry::{Mention, Registry, Who};
use super::roles::{canonical, role_lemma, with_genitive};
use super::verbs::{AUXILIARIES, finite_verb};

/// Finds the mentions of every sentence; returns them sorted by position.
pub(super) fn find_mentions(
    clauses: &[SentenceView],
    marked: &[Marked],
) -> (Vec<Mention>, Registry) {
    // Sized for the article up front (a distinct surface per two tokens is
    // generous): growing the map showed up in profiles.
    let tokens = clauses.first().map_or(0, |c| c.tokens.len());
    let mut words: FxHashMap<&str, Befores> =
        FxHashMap::with_capacity_and_hasher(tokens / 2, Default::default());
    for c in clauses {
        for k in c.range.clone() {
            let before = if k > c.range.start {
                c.surface(k - 1)
            } else {
                ""
            };
            words.entry(c.surface(k)).or_default().add(before);
        }
    }
    let mut scan = Scan {
        registry: Registry::default(),
        mentions: Vec::new(),
        mention_ends: BTreeSet::new(),
        marked,
        words,
        covered: vec![false; clauses.first().map_or(0, |c| c.tokens.len())],
    };
    for clause in clauses {
        scan.named(clause);
    }
    for m in &scan.mentions {
        for k in m.np_start..m.end {
            if let Some(flag) = scan.covered.get_mut(k) {
                *flag = true;
            }
        }
    }
    for clause in clauses {
        scan.speaker_surname(clause);
    }
    for clause in clauses {
        scan.later_mentions(clause);
    }
    scan.mentions.sort_by_key(|m| (m.head, m.end));
    for m in &mut scan.mentions {
        let index = clauses.partition_point(|c| c.range.end <= m.head);
        let Some(c) = clauses.get(index).filter(|c| c.range.contains(&m.head)) else {
            continue;
        };
        let np = m.np_start;
        let after_opener = np > c.range.start
            && CLAUSE_OPENERS.contains(&c.norm(np - 1))
            && c.clause_starts_at(np - 1);
        m.subject = !c.is_opaque(m.head) && (c.clause_starts_at(np) || after_opener);
    }
    (scan.mentions, scan.registry)
}

/// The state of the mention scan over an article.
pub(super) struct Scan<'a> {
    /// People and institutions found so far.
    pub registry: Registry,
    /// Mentions found so far.
    pub mentions: Vec<Mention>,
    /// The `end` of every mention, to find the one before a token without
    /// scanning them all (a book-length article has tens of thousands).
    mention_ends: BTreeSet<usize>,
    marked: &'a [Marked],
    /// Every token surface of the article, with the surfaces before it.
    pub words: FxHashMap<&'a str, Befores<'a>>,
    /// Tokens inside a mention found so far.
    pub covered: Vec<bool>,
}

/// The distinct surfaces seen before a word, up to three: with three, one
/// differs from any two words, which is all [`Scan::stands_without`] asks.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Befores<'a> {
    seen: [&'a str; 3],
    len: usize,
}

impl<'a> Befores<'a> {
    fn add(&mut self, before: &'a str) {
        if self.len < 3 && !self.seen[..self.len].contains(&before) {
            self.seen[self.len] = before;
            self.len += 1;
        }
    }

    fn any_other_than(&self, a: &str, b: &str) -> bool {
        self.seen[..self.len].iter().any(|s| *s != a && *s != b)
    }
}

/// Whether only white space stands between token `i - 1` and token `i`.
pub(super) fn tight(c: &SentenceView, i: usize) -> bool {
    i > c.range.start && i < c.range.end && c.gap(i).trim().is_empty()
}

impl Scan<'_> {
    /// Whether the article writes `surface` somewhere with a word before it
    /// other than `first` and `own_before` (or at a sentence start).
    pub(super) fn stands_without(&self, surface: &str, first: &str, own_before: &str) -> bool {
        self.words
            .get(surface)
            .is_some_and(|b| b.any_other_than(first, own_before))
    }

    /// First pass: institutions, role phrases and full names.
    fn named(&mut self, c: &SentenceView) {
        let mut i = c.range.start;
        while i < c.range.end {
            let next = self
                .institution(c, i)
                .or_else(|| self.role_phrase(c, i))
                .or_else(|| self.bare_name(c, i));
            i = next.unwrap_or(i + 1).max(i + 1);
        }
    }

    /// Second pass: surnames alone and pronouns.
    fn later_mentions(&mut self, c: &SentenceView) {
        for i in c.range.clone() {
            if self.covered.get(i).copied().unwrap_or(true) {
                continue;
            }
            let who = if c.is_capitalized(i) {
                self.registry
                    .person_by_surname(c.surface(i))
                    .map(Who::Entity)
            } else {
                None
            };
            let who = who.or_else(|| PRONOUNS.contains(&c.norm(i)).then_some(Who::Pronoun));
            if let Some(who) = who {
                self.push(i, i, i + 1, false, who);
            }
        }
    }

    pub(super) fn push(
        &mut self,
        np_start: usize,
        head: usize,
        end: usize,
        trailing_comma: bool,
        who: Who,
    ) {
        self.mention_ends.insert(end);
        self.mentions.push(Mention {
            np_start,
            head,
            end,
            trailing_comma,
            subject: false,
            who,
        });
    }

    /// Start of the noun phrase whose head is token `i`: articles,
    /// adjectives and one genitive (`Chinas Außenminister`) before it.
    fn np_start(&self, c: &SentenceView, i: usize) -> usize {
        let after_start = c.range.start + 1;
        let floor = (after_start <= i)
            .then(|| self.mention_ends.range(after_start..=i).next_back())
            .flatten()
            .copied()
            .unwrap_or(c.range.start);
        let mut start = i;
        while start > floor && tight(c, start) {
            let j = start - 1;
            let norm = c.norm(j);
            let genitive =
                start == i && c.is_capitalized(j) && norm.ends_with('s') && !is_function_word(norm);
            let lowercase = !c.is_capitalized(j) || j == c.range.start;
            if is_determiner(norm) || (lowercase && is_adjective_like(norm)) || genitive {
                start = j;
            } else {
                break;
            }
        }
        start
    }

    fn institution(&mut self, c: &SentenceView, i: usize) -> Option<usize> {
        let norm = c.norm(i);
        let (name, end) = if c.is_capitalized(i) && has_institution_type(norm) {
            self.named_after_type(c, i)?
        } else if norm.starts_with("weiß")
            && tight(c, i + 1)
            && ["haus", "hauses"].contains(&c.norm(i + 1))
        {
            ("Weißes Haus".to_string(), i + 2)
        } else if c.is_acronym(i) {
            let mut end = i + 1;
            while end < c.range.end && c.is_acronym(end) && tight(c, end) {
                end += 1;
            }
            let words: Vec<&str> = (i..end).map(|k| c.surface(k)).collect();
            (words.join(" "), end)
        } else {
            (institution_name(norm, c.surface(i))?, i + 1)
        };
        let entity = self.registry.institution(name);
        if has_institution_type(norm) {
            self.registry.add_role(entity, i, c.surface(i).to_string());
        }
        let np = self.np_start(c, i);
        self.push(np, i, end, false, Who::Entity(entity));
        Some(end)
    }

    /// `Partei „Einiges Russland“`, `Nachrichtenagentur Xinhua`, `Magazin "RT DE"`.
    fn named_after_type(&self, c: &SentenceView, i: usize) -> Option<(String, usize)> {
        let after = c.tokens.get(i)?.span.end;
        let next_start = c.tokens.get(i + 1).map_or(c.span.end, |t| t.span.start);
        if let Some(title) = marks::first_starting_in(self.marked, after, next_start) {
            let end = (i + 1..c.range.end)
                .find(|&k| c.tokens[k].span.start >= title.span.end)
                .unwrap_or(c.range.end);
            let name = c.text.get(title.content.start..title.content.end)?.trim();
            return (!name.is_empty() && end > i + 1).then(|| (name.to_string(), end));
        }
        let next = c.norm(i + 1);
        let brand = (2..=4).contains(&next.chars().count()) // `dpa`, `afp`
            && next.chars().all(char::is_alphabetic)
            && !AUXILIARIES.contains(&next)
            && finite_verb(next).is_none();
        if !tight(c, i + 1) || !(c.is_capitalized(i + 1) || brand) || is_function_word(next) {
            return None;
        }
        let mut end = i + 2;
        while c.is_acronym(i + 1) && end < c.range.end && c.is_acronym(end) && tight(c, end) {
            end += 1;
        }
        let words: Vec<&str> = (i + 1..end).map(|k| c.surface(k)).collect();
        Some((words.join(" "), end))
    }

    fn role_phrase(&mut self, c: &SentenceView, i: usize) -> Option<usize> {
        let mut lemma = role_lemma(c.surface(i))?;
        let np = self.np_start(c, i);
        if (np..i).any(|k| c.norm(k).starts_with("stellvertretend")) && !lemma.starts_with("Vize") {
            lemma = format!("Vize{}", lemma.to_lowercase());
        }
        let mut j = i + 1;
        let mut of = None;
        // Genitive complement: `Sprecher des russischen Präsidenten`,
        // `Vertreter des Weißen Hauses`, `Sprecherin des Auswärtigen Amtes`.
        if tight(c, j) && ["des", "der"].contains(&c.norm(j)) {
            let white_house = |k: usize| {
                c.norm(k).starts_with("weiß")
                    && tight(c, k + 1)
                    && ["haus", "hauses"].contains(&c.norm(k + 1))
            };
            let mut k = j + 1;
            while tight(c, k) && !white_house(k) && is_adjective_like(c.norm(k)) && tight(c, k + 1)
            {
                k += 1;
            }
            let named_after = tight(c, k + 1) && self.name_like(c, k + 1);
            if tight(c, k) && white_house(k) {
                of = Some(self.registry.institution("Weißes Haus".to_string()));
                j = k + 2;
            } else if tight(c, k) && c.is_capitalized(k) && !named_after {
                let institution = institution_name(c.norm(k), c.surface(k));
                let base = institution.clone().or_else(|| role_lemma(c.surface(k)));
                if let Some(compound) = base.and_then(|base| with_genitive(&lemma, &base)) {
                    lemma = compound;
                }
                of = institution.map(|name| self.registry.institution(name));
                j = k + 1;
            }
        } else if tight(c, j)
            && c.surface(j).ends_with('s')
            && !self.name_like(c, j)
            && c.is_capitalized(j)
        {
            j += 1; // `Außenminister Russlands`
        }
        // Name right after the role: `Kremlsprecher Dmitri Peskow`.
        if tight(c, j) {
            let end = self.name_run(c, j);
            if end > j {
                return Some(self.person(c, np, j, end, false, i, lemma));
            }
        }
        // Apposition: `der Sprecher des Präsidenten, Dmitri Peskow,`.
        let mut k = j;
        if c.norm(k) == "für" {
            while k < c.range.end && k - j < 6 && !c.comma_before(k) {
                k += 1;
            }
        }
        if c.comma_before(k) {
            let end = self.name_run(c, k);
            let closed = end >= c.range.end || c.comma_before(end);
            if end > k && (end - k >= 2 || closed) {
                let comma = end < c.range.end && c.comma_before(end);
                return Some(self.person(c, np, k, end, comma, i, lemma));
            }
        }
        let definite = np == i || DEFINITE.contains(&c.norm(np));
        let role = canonical(&lemma);
        self.push(np, i, j, false, Who::Role { role, of, definite });
        Some(j)
    }

    #[allow(clippy::too_many_arguments)]
    fn person(
        &mut self,
        c: &SentenceView,
        np: usize,
        start: usize,
        end: usize,
        comma: bool,
        role_at: usize,
        role: String,
    ) -> usize {
        let words: Vec<&str> = (start..end).map(|k| c.surface(k)).collect();
        let entity = self.registry.person(&words);
        self.registry.add_role(entity, role_at, role);
        self.push(np, start, end, comma, Who::Entity(entity));
        end
    }
}

#[cfg(test)]
mod befores_tests {
    use super::Befores;

    #[test]
    fn three_distinct_befores_answer_for_any_two() {
        let mut befores = Befores::default();
        assert!(!befores.any_other_than("a", "b"));
        for before in ["Dmitri", "Dmitri", "Sprecher"] {
            befores.add(before);
        }
        assert!(!befores.any_other_than("Dmitri", "Sprecher"));
        assert!(befores.any_other_than("Dmitri", "Kreml"));
        befores.add("");
        befores.add("Herr");
        // Only three are kept; one of them always differs from two others.
        assert!(befores.any_other_than("Dmitri", "Sprecher"));
        assert!(befores.any_other_than("", "Herr"));
    }
}
