//! Verbs of saying: the list and its lookups by form. The rules that make
//! a verb a cue are in `verb_cues`.

use std::sync::OnceLock;

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
