//! Who an article names: people and institutions with their roles, the
//! mentions that point at them, and how a mention resolves to one of them at
//! a point of the text (surnames, role phrases, pronouns).

use rustc_hash::FxHashMap;

use super::roles::{canonical, refers_to};

/// Who a mention names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Who {
    /// A person or institution of the [`Registry`].
    Entity(usize),
    /// A role phrase without a name (`der Kremlsprecher`): canonical role,
    /// the institution of a genitive (`ein Vertreter des Weißen Hauses`),
    /// and whether it is definite.
    Role {
        /// Canonical role (see `roles`).
        role: String,
        /// Institution named in a genitive.
        of: Option<usize>,
        /// `der Sprecher`, not `ein Sprecher`.
        definite: bool,
    },
    /// `er` or `sie`.
    Pronoun,
}

/// A noun phrase that names a possible speaker.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    /// First token of the phrase, articles and adjectives included.
    pub np_start: usize,
    /// First token of the name or role itself.
    pub head: usize,
    /// One past the last token.
    pub end: usize,
    /// Whether a comma closes an apposition right after it.
    pub trailing_comma: bool,
    /// Whether it opens its clause outside quotation marks (a likely subject).
    pub subject: bool,
    /// What it names.
    pub who: Who,
}

/// A person or institution of the article.
#[derive(Debug, Clone)]
pub(super) struct Entity {
    /// Fullest form found.
    pub name: String,
    /// Surname for people, name for institutions.
    pub key: String,
    /// Whether this is a person.
    pub person: bool,
    /// Roles seen, with the token where each was seen, in text order.
    pub roles: Vec<(usize, String)>,
    /// Each distinct canonical role with the first token it was seen at:
    /// what role phrases are matched against, so that a name given its role
    /// thousands of times in a long text is not read thousands of times.
    pub canonical_roles: Vec<(String, usize)>,
}

/// What a reader knows at a point of the article.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Context {
    /// The person who spoke last (a cue with a resolved person speaker),
    /// with the token of that cue.
    pub last_speaker: Option<(usize, usize)>,
}

/// Everyone the article names.
#[derive(Debug, Default)]
pub(super) struct Registry {
    /// People and institutions, in order of first mention.
    pub entities: Vec<Entity>,
    /// Index of each person by key, and of each institution by name: a long
    /// text names thousands.
    persons: FxHashMap<String, usize>,
    institutions: FxHashMap<String, usize>,
}

impl Registry {
    /// The person whose name is `words` (surname last), added if new; a
    /// fuller form of a known name replaces the shorter one.
    pub(super) fn person(&mut self, words: &[&str]) -> usize {
        let key = words.last().copied().unwrap_or_default().to_string();
        let name = words.join(" ");
        if let Some(&index) = self.persons.get(&key) {
            let entity = &mut self.entities[index];
            if words.len() > entity.name.split(' ').count() {
                entity.name = name;
            }
            return index;
        }
        self.add(name, key, true)
    }

    /// The institution called `name`, added if new.
    pub(super) fn institution(&mut self, name: String) -> usize {
        match self.institutions.get(&name) {
            Some(&index) => index,
            None => self.add(name.clone(), name, false),
        }
    }

    fn add(&mut self, name: String, key: String, person: bool) -> usize {
        let index = self.entities.len();
        let keys = if person {
            &mut self.persons
        } else {
            &mut self.institutions
        };
        keys.insert(key.clone(), index);
        self.entities.push(Entity {
            name,
            key,
            person,
            roles: Vec::new(),
            canonical_roles: Vec::new(),
        });
        index
    }

    /// Records that the text gives `entity` the role `role` at token `at`.
    pub(super) fn add_role(&mut self, entity: usize, at: usize, role: String) {
        if let Some(e) = self.entities.get_mut(entity) {
            let kind = canonical(&role);
            match e.canonical_roles.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, first)) => *first = (*first).min(at),
                None => e.canonical_roles.push((kind, at)),
            }
            e.roles.push((at, role));
        }
    }

    /// The person whose surname is `surface` (or its genitive `Peskows`).
    pub fn person_by_surname(&self, surface: &str) -> Option<usize> {
        // The first person in order of mention, as either form finds them.
        let exact = self.persons.get(surface).copied();
        let genitive = surface
            .strip_suffix('s')
            .and_then(|key| self.persons.get(key).copied());
        exact.into_iter().chain(genitive).min()
    }

    /// The entity mention `index` names, read at its place in the text.
    pub fn resolve(&self, mentions: &[Mention], index: usize, context: Context) -> Option<usize> {
        let mention = mentions.get(index)?;
        match &mention.who {
            Who::Entity(entity) => Some(*entity),
            Who::Pronoun => self.resolve_pronoun(mentions, mention.head, context),
            Who::Role { role, of, definite } => {
                let named = if *definite {
                    self.last_with_role(mentions, mention.head, role)
                } else {
                    None
                };
                named.or(*of)
            }
        }
    }

    /// `er`, `sie`, `seiner` at token `at`: the last speaker, unless a person
    /// was named as a subject after that speaker's cue (`... sagte Peskow.
    /// Biden blieb gelassen. „...“, sagte er.`); else the last person named.
    pub fn resolve_pronoun(
        &self,
        mentions: &[Mention],
        at: usize,
        context: Context,
    ) -> Option<usize> {
        let person = |m: &Mention| match m.who {
            Who::Entity(e) if self.is_person(e) => Some((e, m.head)),
            _ => None,
        };
        let before = || before(mentions, at).iter().rev();
        let subject = before().filter(|m| m.subject).find_map(person);
        match (context.last_speaker, subject) {
            (Some((speaker, cue)), Some((named, head))) => {
                Some(if head > cue { named } else { speaker })
            }
            (Some((speaker, _)), None) => Some(speaker),
            (None, Some((named, _))) => Some(named),
            (None, None) => before().find_map(person).map(|(e, _)| e),
        }
    }

    /// Whether entity `e` is a person.
    pub fn is_person(&self, e: usize) -> bool {
        self.entities.get(e).is_some_and(|entity| entity.person)
    }

    /// The last person named before token `at` who was given a role that
    /// `role` (canonical) can refer to.
    fn last_with_role(&self, mentions: &[Mention], at: usize, role: &str) -> Option<usize> {
        before(mentions, at).iter().rev().find_map(|m| {
            let Who::Entity(e) = m.who else {
                return None;
            };
            let entity = self.entities.get(e)?;
            let fits = entity.person
                && entity
                    .canonical_roles
                    .iter()
                    .any(|(own, seen)| *seen <= at && refers_to(role, own));
            fits.then_some(e)
        })
    }
}

/// The mentions (sorted by head) before token `at`.
fn before(mentions: &[Mention], at: usize) -> &[Mention] {
    &mentions[..mentions.partition_point(|m| m.head < at)]
}
