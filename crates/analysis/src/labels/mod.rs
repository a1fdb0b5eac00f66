//! The words an article attaches to the lexicon's actors (`[[actor]]`),
//! found on the worker threads while the text is at hand, since the text
//! is not kept.
//!
//! A mention is a token that is exactly one of an actor's names (`NATO`,
//! `Allianz`), or a name with a genitive `s` (`Russlands`). A hyphenated
//! compound (`NATO-Osterweiterung`) is not a mention: it names something
//! else. German capitalisation and the sentence's tokens are enough for
//! these patterns (no tagger); each relation is one pattern, inside one
//! sentence, with nothing but spaces between its words unless a comma is
//! named:
//!
//! | relation | pattern | example → label |
//! |---|---|---|
//! | `noun` | determiner, inflected lower-case words, a capitalised noun, the name, and no capitalised word right after it (that makes a longer name: "George Washington University") | "das Kriegsbündnis NATO" → `Kriegsbündnis` |
//! | `noun` (apposition) | name, comma, determiner, lower-case words, a capitalised noun, then `,` `.` `;` `:` `)` `–` or the sentence end; not when a comma and a determiner or `und` follow (a list), nor after a genitive ("das Gesicht der FPÖ, eine Hoffnung,") | "NATO, das westliche Militärbündnis," → `Militärbündnis` |
//! | `adjective` | determiner (or `im`, `zur` …), up to three lower-case words ending in `-e -en -em -er -es` (commas between them allowed), the name; each word folded | "die aggressive NATO" → `aggressiv` |
//! | `predicative` | name (not after a preposition: "In Russland ist …"), `ist`/`sei`/`war`/`wäre`/`bleibt`/`gilt`/`galt`, optional `als`, up to two adverbs, then an article (not `im`, `am`: a place), lower-case words and a noun, or a noun, or one lower-case word ending the clause; never after `nicht`/`kein` | "die NATO ist ein Relikt" → `Relikt`, "gilt als aggressiv." → `aggressiv` |
//! | `genitive` | a capitalised noun that does not open the sentence, `der`/`des`, lower-case words, the name; or noun + name-`s`, or name-`s` + noun | "die Expansion der NATO", "Russlands Politik" → `Expansion`, `Politik` |
//!
//! A noun is a capitalised word of two letters or more that is no name of
//! an actor, no preposition ("denn: In der NATO"), no noun of time ("am
//! Freitag Deutschland") and no capitalised adjective of a name
//! ("Europäische Union"). Nouns are kept as written (capitalised); an attributive adjective is
//! lower-cased with its inflection ending (`-em -en -er -es -e`) cut, so
//! "aggressive", "aggressiven" and "aggressiver" are one label; a
//! predicative adjective is uninflected already. A label that is itself an
//! actor's name is no label. The work is linear in the article: one look-up
//! per capitalised token, a bounded walk around each mention.
//!
//! Checked by hand in `tests/actor_labels_checked.tsv` (the seed corpus and
//! 10kGNAD): `genitive`, `adjective` and `predicative` are nearly always
//! right; `noun` is the weakest, since a name can itself name something
//! else ("Tageszeitung Österreich", "GfK Österreich").

use core_text::{Document, Quote, Span, TokenKind};
use features::Actor;

use crate::hits::ContextLine;
use crate::voices::{Voice, span_voices};

mod words;

use words::{
    ADVERBS, ARTICLES, COPULAS, DETERMINERS, MAX_ADJECTIVES, NAME_ADJECTIVE_ENDINGS, NEGATIONS,
    NOT_LABELS, PREPOSITIONS, TIME_NOUNS,
};

/// How a label is attached to the actor.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Relation {
    /// A label noun before the name, or an apposition after it.
    Noun,
    /// An attributive adjective.
    Adjective,
    /// Said of the actor with `ist`, `sei`, `gilt als`.
    Predicative,
    /// The actor in the genitive of a noun: "die Expansion der NATO".
    Genitive,
}

impl Relation {
    /// Every relation, in the order of the tables.
    pub const ALL: [Relation; 4] = [
        Relation::Noun,
        Relation::Adjective,
        Relation::Predicative,
        Relation::Genitive,
    ];

    /// Lower-case name, as in `labels.tsv`.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Noun => "noun",
            Relation::Adjective => "adjective",
            Relation::Predicative => "predicative",
            Relation::Genitive => "genitive",
        }
    }
}

/// One label of one actor's mention.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LabelHit {
    /// Index into the lexicon's actors.
    pub actor: u16,
    /// How the label is attached.
    pub relation: Relation,
    /// The label: a noun as written, an adjective folded.
    pub label: Box<str>,
    /// Whose words these are.
    pub voice: Voice,
    /// Token index of the mention.
    pub token: u32,
    /// From the first to the last word of label and name.
    pub span: Span,
    /// The evidence line around `span`.
    pub context: ContextLine,
}

/// What one article says of the actors: its labels and how often each
/// actor is mentioned (the denominator of the label rates).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArticleLabels {
    /// Labels in text order of their mention.
    pub hits: Vec<LabelHit>,
    /// Mentions per actor (empty when the article mentions none).
    pub mentions: Vec<u32>,
    /// Every mention as (actor, token index), in text order.
    pub mention_tokens: Vec<(u16, u32)>,
    /// The counted terms around each mention (`crate::collocates`), as
    /// (actor, provisional term id) until the vocabulary is known.
    pub window: Vec<(u16, u32)>,
}

/// The labels of every actor mention in `doc`, with their voices and
/// evidence lines of `width` characters each side.
pub fn find_labels(
    doc: &Document,
    quotes: &[Quote],
    actors: &[Actor],
    width: usize,
) -> ArticleLabels {
    if actors.is_empty() {
        return ArticleLabels::default();
    }
    let mut names: Vec<(&str, u16)> = actors
        .iter()
        .enumerate()
        .flat_map(|(a, actor)| actor.aliases.iter().map(move |n| (n.as_str(), a as u16)))
        .collect();
    names.sort_unstable();
    let view = Tokens { doc, names: &names };
    let mut found: Vec<(u16, Relation, String, u32, Span)> = Vec::new();
    let mut mentions = vec![0u32; actors.len()];
    let mut mention_tokens = Vec::new();
    for sentence in &doc.sentences {
        let range = sentence.tokens.clone();
        for m in range.clone() {
            let Some((actor, genitive_s)) = view.mention(m) else {
                continue;
            };
            mentions[actor as usize] += 1;
            mention_tokens.push((actor, m as u32));
            let mut push = |relation: Relation, label: String, from: usize| {
                let (first, last) = (from.min(m), from.max(m));
                let span = Span::new(doc.tokens[first].span.start, doc.tokens[last].span.end);
                found.push((actor, relation, label, m as u32, span));
            };
            let s0 = range.start;
            let s1 = range.end;
            if genitive_s {
                // "die Politik Russlands", "Russlands Politik".
                if m > s0 + 1 && view.joined(m - 1, m) && view.noun(m - 1) {
                    push(Relation::Genitive, view.surface(m - 1).to_owned(), m - 1);
                } else if m + 1 < s1 && view.joined(m, m + 1) && view.noun(m + 1) {
                    push(Relation::Genitive, view.surface(m + 1).to_owned(), m + 1);
                }
                continue;
            }
            // An apposition after "das Gesicht der FPÖ, …" is the noun's.
            let mut in_genitive = false;
            // Left of the name: lower-case words back to a determiner.
            let (adjectives, determiner) = view.walk_left(m, s0);
            if let Some(d) = determiner {
                for &a in &adjectives {
                    if !NOT_LABELS.contains(&view.surface(a)) {
                        push(Relation::Adjective, fold_adjective(view.surface(a)), a);
                    }
                }
                let det = view.surface(d);
                if (det == "der" || det == "des")
                    && d > s0 + 1
                    && view.joined(d - 1, d)
                    && view.noun(d - 1)
                {
                    push(Relation::Genitive, view.surface(d - 1).to_owned(), d - 1);
                    in_genitive = true;
                }
            } else if adjectives.is_empty()
                && m > s0 + 1
                && view.joined(m - 1, m)
                && view.noun(m - 1)
            {
                // "das (westliche) Kriegsbündnis NATO": the noun needs its own determiner.
                let (_, noun_determiner) = view.walk_left(m - 1, s0);
                // "der George Washington University", "die Zeitung USA Today":
                // a capitalised word right after the name makes it part of a longer one.
                let longer_name = m + 1 < s1 && view.joined(m, m + 1) && view.noun(m + 1);
                if noun_determiner.is_some() && !longer_name {
                    push(Relation::Noun, view.surface(m - 1).to_owned(), m - 1);
                }
            }
            // Right of the name: an apposition or a predicate.
            if m + 1 < s1 {
                let gap = view.gap(m, m + 1).trim();
                if gap == "," && view.is_determiner(m + 1) && !in_genitive {
                    if let Some(n) = view.noun_after(m + 2, s1) {
                        // A list goes on after its comma ("Griechenland, den
                        // Iran, den Mittleren Osten"); an apposition does not.
                        let list = n + 2 < s1
                            && view.gap(n, n + 1).trim() == ","
                            && (view.is_determiner(n + 1)
                                || ["und", "oder", "sowie"].contains(&view.surface(n + 1)));
                        let closed = n + 1 == s1
                            || view.gap(n, n + 1).contains([',', '.', ';', ':', ')', '–']);
                        let closed = closed && !list;
                        if closed {
                            push(Relation::Noun, view.surface(n).to_owned(), n);
                        }
                    }
                } else if view.joined(m, m + 1)
                    && COPULAS.contains(&view.surface(m + 1))
                    && view.may_be_subject(m, s0)
                {
                    if let Some((label, at)) = view.predicate(m + 2, s1) {
                        push(Relation::Predicative, label, at);
                    }
                }
            }
        }
    }
    let spans: Vec<Span> = found.iter().map(|f| f.4).collect();
    let voices = span_voices(quotes, &spans);
    let hits = found
        .into_iter()
        .zip(voices)
        .map(|((actor, relation, label, token, span), voice)| {
            let line = features::kwic(doc, span, width);
            LabelHit {
                actor,
                relation,
                label: label.into_boxed_str(),
                voice,
                token,
                span,
                context: ContextLine {
                    left: line.left,
                    keyword: line.keyword,
                    right: line.right,
                },
            }
        })
        .collect();
    if mentions.iter().all(|&n| n == 0) {
        mentions.clear();
    }
    ArticleLabels {
        hits,
        mentions,
        mention_tokens,
        window: Vec::new(),
    }
}

/// Whether a lower-case word ends as an attributive adjective does.
fn inflected(word: &str) -> bool {
    ["e", "en", "em", "er", "es"]
        .iter()
        .any(|ending| word.ends_with(ending))
}

/// An attributive adjective as one label: lower-cased, its inflection
/// ending cut when at least three letters stay.
///
/// ```
/// use analysis::labels::fold_adjective;
/// assert_eq!(fold_adjective("aggressiven"), "aggressiv");
/// assert_eq!(fold_adjective("Westliche"), "westlich");
/// assert_eq!(fold_adjective("unsicherer"), "unsicher");
/// ```
pub fn fold_adjective(word: &str) -> String {
    let lower = word.to_lowercase();
    for ending in ["em", "en", "er", "es", "e"] {
        if let Some(stem) = lower.strip_suffix(ending)
            && stem.chars().count() >= 3
        {
            return stem.to_owned();
        }
    }
    lower
}

/// The document's tokens with the questions the patterns ask of them.
struct Tokens<'a> {
    doc: &'a Document,
    /// Actor names, sorted, with their actor.
    names: &'a [(&'a str, u16)],
}

impl Tokens<'_> {
    fn surface(&self, i: usize) -> &str {
        self.doc.tokens[i].span.of(&self.doc.text)
    }

    fn gap(&self, i: usize, j: usize) -> &str {
        &self.doc.text[self.doc.tokens[i].span.end..self.doc.tokens[j].span.start]
    }

    /// Nothing but spaces between tokens `i` and `j`.
    fn joined(&self, i: usize, j: usize) -> bool {
        self.gap(i, j).trim().is_empty()
    }

    fn name(&self, word: &str) -> Option<u16> {
        self.names
            .binary_search_by(|(n, _)| n.cmp(&word))
            .ok()
            .map(|i| self.names[i].1)
    }

    /// The actor token `i` names, and whether in the `s` genitive.
    fn mention(&self, i: usize) -> Option<(u16, bool)> {
        let token = &self.doc.tokens[i];
        if token.kind != TokenKind::Word || token.is_compound() {
            return None;
        }
        let word = self.surface(i);
        if !word.starts_with(char::is_uppercase) {
            return None;
        }
        if let Some(actor) = self.name(word) {
            return Some((actor, false));
        }
        word.strip_suffix('s')
            .and_then(|stem| self.name(stem))
            .map(|actor| (actor, true))
    }

    fn is_word(&self, i: usize) -> bool {
        self.doc.tokens[i].kind == TokenKind::Word
    }

    fn lower(&self, i: usize) -> bool {
        self.is_word(i) && self.surface(i).starts_with(char::is_lowercase)
    }

    /// A capitalised word that is no actor's name: a noun, as far as
    /// capitalisation tells (the caller keeps sentence openers out).
    fn noun(&self, i: usize) -> bool {
        let word = self.surface(i);
        self.is_word(i)
            && word.starts_with(char::is_uppercase)
            && word.chars().count() > 1
            && !word.contains('-')
            && !PREPOSITIONS.contains(&word.to_lowercase().as_str())
            && !TIME_NOUNS.contains(&word)
            && !NAME_ADJECTIVE_ENDINGS.iter().any(|e| word.ends_with(e))
            && self.mention(i).is_none()
    }

    fn is_determiner(&self, i: usize) -> bool {
        let word = self.surface(i);
        DETERMINERS.contains(&word) || DETERMINERS.contains(&word.to_lowercase().as_str())
    }

    /// From token `end` leftwards inside the sentence starting at `s0`:
    /// the lower-case words directly before it (nearest first, commas
    /// allowed between them) and the determiner they follow, if any.
    fn walk_left(&self, end: usize, s0: usize) -> (Vec<usize>, Option<usize>) {
        let mut words = Vec::new();
        let mut j = end;
        while j > s0 {
            let k = j - 1;
            let gap = self.gap(k, j).trim();
            if !(gap.is_empty() || (gap == "," && !words.is_empty())) {
                break;
            }
            if self.is_determiner(k) {
                if gap.is_empty() {
                    return (words, Some(k));
                }
                break;
            }
            // An attributive adjective is inflected: "die von Russland
            // formulierten" has a preposition, no adjective, before the name.
            if words.len() == MAX_ADJECTIVES || !self.lower(k) || !inflected(self.surface(k)) {
                break;
            }
            words.push(k);
            j = k;
        }
        (words, None)
    }

    /// Inflected lower-case words from `start`, then the noun ending them.
    fn noun_after(&self, start: usize, s1: usize) -> Option<usize> {
        let mut i = start;
        while i < s1 && i < start + MAX_ADJECTIVES && self.lower(i) {
            // "ÖVP, das sind keine Revoluzzer": a verb, no adjective.
            if !self.joined(i - 1, i) || !inflected(self.surface(i)) {
                return None;
            }
            i += 1;
        }
        (i < s1 && self.joined(i - 1, i) && self.noun(i)).then_some(i)
    }

    /// What follows a copula at `start`: the label and its token.
    /// Whether the name at `m` can be the subject of the copula after it:
    /// not after a preposition ("In Russland ist …", "in den USA bleibt …").
    fn may_be_subject(&self, m: usize, s0: usize) -> bool {
        let first = if m > s0 && self.joined(m - 1, m) && self.is_determiner(m - 1) {
            m - 1
        } else {
            m
        };
        first == s0
            || !PREPOSITIONS.contains(&self.surface(first - 1).to_lowercase().as_str())
                && !self.is_contraction(first)
    }

    fn is_contraction(&self, i: usize) -> bool {
        ["im", "am", "zum", "zur", "vom", "beim", "ins"]
            .contains(&self.surface(i).to_lowercase().as_str())
    }

    fn predicate(&self, start: usize, s1: usize) -> Option<(String, usize)> {
        let mut i = start;
        if i < s1 && self.surface(i) == "als" {
            i += 1;
        }
        let mut adverbs = 0;
        while i < s1 && adverbs < 2 && ADVERBS.contains(&self.surface(i)) {
            i += 1;
            adverbs += 1;
        }
        let unbroken = (start..=i.min(s1 - 1)).all(|j| self.joined(j - 1, j));
        if i >= s1 || !unbroken || NEGATIONS.contains(&self.surface(i)) {
            return None;
        }
        if ARTICLES.contains(&self.surface(i)) {
            return self
                .noun_after(i + 1, s1)
                .map(|n| (self.surface(n).to_owned(), n));
        }
        if self.noun(i) {
            return Some((self.surface(i).to_owned(), i));
        }
        let ends_clause = i + 1 == s1 || !self.joined(i, i + 1);
        (self.lower(i) && ends_clause && !ADVERBS.contains(&self.surface(i)))
            .then(|| (self.surface(i).to_lowercase(), i))
    }
}

#[cfg(test)]
mod tests;
