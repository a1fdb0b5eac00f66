//! Verbs of saying: the list, and how a verb with its subject, separable
//! particle (`fügte ... hinzu`), auxiliary (`hatte ... erklärt`) and
//! complement clause becomes a cue.

use std::sync::OnceLock;

use super::Span;
use super::clause::SentenceView;
use super::cues::{Cue, Form, Subject, governed, local, rest_from, subject_at};
use super::lexicon::{CLAUSE_OPENERS, SUBORDINATORS};
use super::registry::Mention;
use crate::word_set::WordSet;

/// A verb that introduces speech.
pub(super) struct SpeechVerb {
    /// Finite forms (third person, present and past).
    pub finite: &'static [&'static str],
    /// Past participles.
    pub participles: &'static [&'static str],
    /// Separable particle (`fügte ... hinzu`) and whether the verb needs it.
    pub particle: Option<(&'static str, bool)>,
    /// A media verb (`berichtete`): names a source rather than a speaker.
    pub weak: bool,
}

const fn verb(finite: &'static [&'static str], participles: &'static [&'static str]) -> SpeechVerb {
    SpeechVerb {
        finite,
        participles,
        particle: None,
        weak: false,
    }
}

const fn separable(
    finite: &'static [&'static str],
    participles: &'static [&'static str],
    particle: &'static str,
    required: bool,
) -> SpeechVerb {
    SpeechVerb {
        finite,
        participles,
        particle: Some((particle, required)),
        weak: false,
    }
}

const fn weak(finite: &'static [&'static str], participles: &'static [&'static str]) -> SpeechVerb {
    SpeechVerb {
        finite,
        participles,
        particle: None,
        weak: true,
    }
}

/// Verbs of saying, lowercase.
pub(super) const SPEECH_VERBS: &[SpeechVerb] = &[
    verb(&["sagt", "sagte", "sagten"], &["gesagt"]),
    verb(&["erklärt", "erklärte", "erklärten"], &["erklärt"]),
    verb(&["betont", "betonte", "betonten"], &["betont"]),
    verb(&["warnt", "warnte", "warnten"], &["gewarnt"]),
    verb(&["äußert", "äußerte", "äußerten"], &["geäußert"]),
    verb(&["bekräftigt", "bekräftigte"], &["bekräftigt"]),
    verb(&["versichert", "versicherte"], &["versichert"]),
    verb(&["unterstreicht", "unterstrich"], &["unterstrichen"]),
    verb(&["bestätigt", "bestätigte"], &["bestätigt"]),
    verb(&["behauptet", "behauptete"], &["behauptet"]),
    verb(&["meint", "meinte"], &["gemeint"]),
    verb(&["erläutert", "erläuterte"], &["erläutert"]),
    verb(&["kritisiert", "kritisierte"], &["kritisiert"]),
    verb(&["mahnt", "mahnte", "ermahnt", "ermahnte"], &["gemahnt"]),
    verb(&["schreibt", "schrieb"], &["geschrieben"]),
    verb(&["antwortet", "antwortete"], &["geantwortet"]),
    verb(&["erwidert", "erwiderte"], &["erwidert"]),
    verb(&["ergänzt", "ergänzte"], &["ergänzt"]),
    verb(&["kommentiert", "kommentierte"], &["kommentiert"]),
    verb(&["fragt", "fragte"], &["gefragt"]),
    verb(&["verkündet", "verkündete"], &["verkündet"]),
    verb(&["plädiert", "plädierte"], &["plädiert"]),
    verb(&["appelliert", "appellierte"], &["appelliert"]),
    verb(&["droht", "drohte"], &["gedroht"]),
    verb(&["twittert", "twitterte"], &["getwittert"]),
    verb(&["ankündigt", "ankündigte", "mitteilt", "mitteilte"], &[]),
    verb(&["hinzufügt", "hinzufügte", "hinwies", "hinweist"], &[]),
    separable(
        &["kündigt", "kündigte", "kündigten"],
        &["angekündigt"],
        "an",
        true,
    ),
    separable(
        &["fügt", "fügte", "fügten"],
        &["hinzugefügt"],
        "hinzu",
        true,
    ),
    separable(
        &["teilt", "teilte", "teilten"],
        &["mitgeteilt"],
        "mit",
        true,
    ),
    separable(&["weist", "wies", "wiesen"], &["hingewiesen"], "hin", true),
    separable(&["räumt", "räumte"], &["eingeräumt"], "ein", true),
    separable(&["hebt", "hob"], &["hervorgehoben"], "hervor", true),
    separable(&["wirft", "warf"], &["vorgeworfen"], "vor", true),
    separable(&["gibt", "gab"], &["bekanntgegeben"], "bekannt", true),
    separable(
        &["fordert", "forderte", "forderten"],
        &["gefordert", "aufgefordert"],
        "auf",
        false,
    ),
    weak(&["berichtet", "berichtete", "berichteten"], &["berichtet"]),
    weak(&["meldet", "meldete"], &["gemeldet"]),
];

/// Finite forms of `haben` that build a perfect tense with a participle.
pub(super) const AUXILIARIES: &[&str] =
    &["hat", "hatte", "hatten", "haben", "habe", "hätte", "hätten"];

/// The speech verb a lowercase token is a finite form of.
pub(super) fn finite_verb(norm: &str) -> Option<&'static SpeechVerb> {
    static FORMS: OnceLock<VerbForms> = OnceLock::new();
    FORMS
        .get_or_init(|| VerbForms::new(|v| v.finite))
        .verb(norm)
}

/// The speech verb a lowercase token is a past participle of.
pub(super) fn participle_verb(norm: &str) -> Option<&'static SpeechVerb> {
    static FORMS: OnceLock<VerbForms> = OnceLock::new();
    FORMS
        .get_or_init(|| VerbForms::new(|v| v.participles))
        .verb(norm)
}

/// Forms of the speech verbs looked up by hash (they are asked about every
/// token), each pointing to the first verb that lists it.
struct VerbForms {
    forms: WordSet,
    verbs: Vec<&'static SpeechVerb>,
}

impl VerbForms {
    fn new(forms_of: fn(&SpeechVerb) -> &'static [&'static str]) -> VerbForms {
        let mut table = VerbForms {
            forms: WordSet::default(),
            verbs: Vec::new(),
        };
        for verb in SPEECH_VERBS {
            for form in forms_of(verb) {
                if table.forms.insert(*form) {
                    table.verbs.push(verb);
                }
            }
        }
        table
    }

    fn verb(&self, norm: &str) -> Option<&'static SpeechVerb> {
        self.forms.index_of(norm).map(|i| self.verbs[i])
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_are_found_by_form() {
        assert!(finite_verb("sagte").is_some());
        assert!(finite_verb("fügte").is_some_and(|v| v.particle == Some(("hinzu", true))));
        assert!(participle_verb("gewarnt").is_some());
        assert!(finite_verb("berichtete").is_some_and(|v| v.weak));
        assert!(finite_verb("sagen").is_none());
    }
}
