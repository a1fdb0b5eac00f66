//! German vocabulary the quotation rules need: function words, institution
//! nouns and subjunctive forms. Grammar and vocabulary only, never
//! names of people.

use super::verbs::{AUXILIARIES, finite_verb};
use crate::word_set::{StaticSuffixList, StaticWordSet, SuffixList};

/// Past forms of auxiliaries and modals, which end like adjectives.
#[rustfmt::skip]
const FINITE_AUXILIARY_FORMS: &[&str] = &[
    "wurde", "wurden", "werden", "sollte", "sollten", "wollte", "wollten", "konnte", "konnten",
    "musste", "mussten", "durfte", "durften", "ließe", "scheine",
];

/// Articles, pronouns, prepositions, conjunctions and adverbs: words that are
/// capitalized at a sentence start but are never part of a name.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
    "kein", "keine", "er", "sie", "es", "wir", "ihr", "ich", "du", "man", "sich", "sein", "seine",
    "ihre", "unser", "unsere", "dies", "diese", "dieser", "dieses", "jene", "alle", "beide", "auch",
    "und", "oder", "aber", "doch", "denn", "weil", "wenn", "als", "wie", "so", "dass", "ob",
    "nachdem", "bevor", "während", "seit", "für", "mit", "von", "vom", "vor", "nach", "bei", "beim",
    "aus", "in", "im", "am", "an", "auf", "über", "unter", "um", "zu", "zum", "zur", "durch",
    "gegen", "ohne", "zwischen", "gegenüber", "laut", "trotz", "wegen", "dabei", "darin", "damit",
    "davon", "dazu", "dennoch", "zugleich", "gleichzeitig", "zuvor", "unterdessen", "weiter",
    "außerdem", "jedoch", "allerdings", "nun", "jetzt", "heute", "gestern", "hier", "dort", "da",
    "was", "wer", "wo", "wann", "warum", "nicht", "noch", "schon", "nur", "erst", "mitte", "ende",
    "anfang", "zudem", "demnach", "demzufolge", "stunden", "tage", "wochen", "monate", "jahre",
];

/// Months and weekdays: capitalized, never names.
#[rustfmt::skip]
const CALENDAR: &[&str] = &[
    "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "dezember", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
    "sonntag",
];

/// Suffixes of German common nouns that names do not have.
#[rustfmt::skip]
const NOUN_SUFFIXES: &[&str] = &[
    "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion", "tionen",
    "sion", "tät", "täten", "ismus", "nis", "nisse", "chen", "ium", "ien", "isch", "ische",
    "ischen", "ischer", "isches",
];

/// Articles and possessives that open a noun phrase.
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
    "kein", "keine", "keiner", "keinem", "keinen", "sein", "seine", "seiner", "seinem", "seinen",
    "ihr", "ihre", "ihrer", "ihrem", "ihren", "dieser", "diese", "dieses", "diesem", "diesen",
];

/// Definite articles.
pub(super) const DEFINITE: &[&str] = &["der", "die", "das", "den", "dem", "des"];

/// Prepositions: a noun phrase after one is not the subject of a verb.
#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "mit", "gegenüber", "von", "vom", "an", "am", "auf", "für", "bei", "beim", "über", "zu", "zum",
    "zur", "nach", "aus", "in", "im", "vor", "unter", "gegen", "zwischen", "durch", "um", "ohne",
    "seit", "trotz", "wegen", "neben", "hinter", "ab", "bis",
];

/// Conjunctions that may stand before a subject at a clause start.
#[rustfmt::skip]
pub(super) const CLAUSE_OPENERS: &[&str] = &[
    "auch", "und", "aber", "doch", "denn", "als", "wie", "nachdem", "weil", "da", "während", "wenn",
    "ob", "dass",
];

/// Conjunctions that open a subordinate clause (verb last).
#[rustfmt::skip]
pub(super) const SUBORDINATORS: &[&str] = &[
    "als", "wie", "nachdem", "weil", "da", "während", "wenn", "ob", "dass",
];

/// Nouns that name the kind of an institution before its name
/// (`Nachrichtenagentur TASS`, `Partei „Einiges Russland“`).
#[rustfmt::skip]
const INSTITUTION_TYPES: &[&str] = &[
    "nachrichtenagentur", "agentur", "magazin", "zeitung", "zeitschrift", "partei", "sender",
    "fernsehsender", "volksrepublik", "portal", "nachrichtenportal", "plattform", "tageszeitung",
    "wochenzeitung", "nachrichtenmagazin",
];

/// Heads of nouns that name an institution by themselves
/// (`US-Außenministerium`, `Bundesregierung`, `EU-Kommission`).
#[rustfmt::skip]
const INSTITUTION_HEADS: &[&str] = &[
    "ministerium", "regierung", "kommission", "behörde", "botschaft", "polizei", "armee",
    "parlament", "staatsanwaltschaft", "verwaltung", "präsidialamt", "kanzleramt", "sicherheitsrat",
];

/// Nouns for the publications and sources in `nach Angaben`, `nach seiner Ansicht`.
#[rustfmt::skip]
pub(super) const SOURCE_NOUNS: &[&str] = &[
    "ansicht", "angaben", "einschätzung", "meinung", "auffassung", "worten", "darstellung",
    "aussage", "aussagen", "informationen",
];

/// Personal pronouns that can be the subject of a speech verb.
pub(super) const PRONOUNS: &[&str] = &["er", "sie"];

/// Possessives that name the speaker in `nach seiner Ansicht`.
pub(super) const POSSESSIVES: &[&str] = &["seiner", "ihrer", "seinen", "ihren"];

/// Unambiguous subjunctive forms (Konjunktiv I and II) of common verbs.
#[rustfmt::skip]
const SUBJUNCTIVES: &[&str] = &[
    "sei", "seien", "seiest", "habe", "hätte", "hätten", "werde", "würde", "würden", "wäre",
    "wären", "könne", "könnte", "könnten", "müsse", "müsste", "müssten", "solle", "wolle", "dürfe",
    "dürfte", "dürften", "möge", "gebe", "gäbe", "käme", "ginge", "halte", "gelte", "bedeute",
    "arbeite", "biete", "leiste", "warte", "erwarte", "betrachte", "beobachte",
];

/// Lowercase words ending in `-e` that are not verbs.
#[rustfmt::skip]
const NOT_VERBS_IN_E: &[&str] = &[
    "eine", "keine", "seine", "meine", "deine", "ihre", "unsere", "eure", "diese", "jene", "welche",
    "solche", "manche", "einige", "viele", "wenige", "andere", "beide", "alle", "jede", "ohne",
    "heute", "gerne", "lange", "bitte", "gerade", "dahinter", "ende", "mitte", "beinahe", "nahe",
    "alleine", "weise",
];

// The lists are asked about every token: hashed and bucketed on first use.
static FUNCTION_WORD_SET: StaticWordSet = StaticWordSet::new(FUNCTION_WORDS);
static CALENDAR_SET: StaticWordSet = StaticWordSet::new(CALENDAR);
static DETERMINER_SET: StaticWordSet = StaticWordSet::new(DETERMINERS);
static PREPOSITION_SET: StaticWordSet = StaticWordSet::new(PREPOSITIONS);
static SUBJUNCTIVE_SET: StaticWordSet = StaticWordSet::new(SUBJUNCTIVES);
static NOT_VERB_IN_E_SET: StaticWordSet = StaticWordSet::new(NOT_VERBS_IN_E);
static FINITE_AUXILIARY_SET: StaticWordSet = StaticWordSet::new(FINITE_AUXILIARY_FORMS);
static NOUN_SUFFIX_LIST: StaticSuffixList =
    StaticSuffixList::new(|| SuffixList::new(NOUN_SUFFIXES.iter().copied()));
static INSTITUTION_TYPE_LIST: StaticSuffixList =
    StaticSuffixList::new(|| SuffixList::new(INSTITUTION_TYPES.iter().copied()));
/// Every institution head with every ending [`institution_name`] strips.
static INSTITUTION_HEAD_FORMS: StaticSuffixList = StaticSuffixList::new(|| {
    SuffixList::new(
        INSTITUTION_HEADS
            .iter()
            .flat_map(|head| INSTITUTION_ENDINGS.map(|ending| format!("{head}{ending}"))),
    )
});

/// Endings [`institution_name`] strips before looking for a head, in order.
const INSTITUTION_ENDINGS: [&str; 3] = ["", "s", "es"];

pub(super) fn is_function_word(norm: &str) -> bool {
    FUNCTION_WORD_SET.contains(norm)
}

pub(super) fn is_calendar_word(norm: &str) -> bool {
    CALENDAR_SET.contains(norm)
}

pub(super) fn has_noun_suffix(norm: &str) -> bool {
    // Two bytes of stem at least (`norm.len() > suffix.len() + 1`).
    NOUN_SUFFIX_LIST.get().matches(norm, 2)
}

/// Whether a lowercase word ends in an institution type (`Nachrichtenagentur`).
pub(super) fn has_institution_type(norm: &str) -> bool {
    INSTITUTION_TYPE_LIST.get().matches(norm, 0)
}

pub(super) fn is_determiner(norm: &str) -> bool {
    DETERMINER_SET.contains(norm)
}

pub(super) fn is_preposition(norm: &str) -> bool {
    PREPOSITION_SET.contains(norm)
}

/// Whether a lowercase word looks like an inflected attributive adjective
/// (`russischen`, `stellvertretenden`, `ranghohe`).
pub(super) fn is_adjective_like(norm: &str) -> bool {
    !is_function_word(norm)
        && !is_determiner(norm)
        && finite_verb(norm).is_none()
        && !AUXILIARIES.contains(&norm)
        && !is_subjunctive_form(norm)
        && !FINITE_AUXILIARY_SET.contains(norm)
        && norm.chars().count() > 3
        && ["e", "en", "er", "es", "em"]
            .iter()
            .any(|s| norm.ends_with(s))
}

pub(super) fn is_subjunctive_form(norm: &str) -> bool {
    SUBJUNCTIVE_SET.contains(norm) || norm.ends_with("käme")
}

/// Whether a lowercase word could be a subjunctive verb in `-e` (`rechne`,
/// `verlege`, `reiche`); the caller checks the verb position. Words in
/// `-te` are left out: most are past tense (`sagte`, `berichtete`).
pub(super) fn could_be_verb_in_e(norm: &str) -> bool {
    norm.chars().count() >= 4
        && norm.ends_with('e')
        && !norm.ends_with("te")
        && norm.chars().all(char::is_alphabetic)
        && !NOT_VERB_IN_E_SET.contains(norm)
        && !is_determiner(norm)
        && !is_function_word(norm)
}

/// Institution nouns that are speakers by themselves: the name is the word.
pub(super) fn institution_name(norm: &str, surface: &str) -> Option<String> {
    // The part after the last hyphen (`rfind` searches bytes, `rsplit` chars).
    let last = norm.rfind('-').map_or(norm, |hyphen| &norm[hyphen + 1..]);
    if norm == "kreml" || norm == "kremls" {
        return Some("Kreml".to_string());
    }
    if norm == "nato" && surface != "NATO" {
        return Some(surface.to_string());
    }
    if !INSTITUTION_HEAD_FORMS.get().matches(last, 0) {
        return None;
    }
    for ending in INSTITUTION_ENDINGS {
        let Some(stem) = last.strip_suffix(ending) else {
            continue;
        };
        if INSTITUTION_HEADS.iter().any(|head| stem.ends_with(head)) {
            return surface
                .get(..surface.len() - ending.len())
                .map(str::to_string);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_shapes() {
        assert!(is_adjective_like("stellvertretenden"));
        assert!(!is_adjective_like("der"));
        assert!(could_be_verb_in_e("rechne"));
        assert!(!could_be_verb_in_e("keine"));
        assert!(!could_be_verb_in_e("berichtete"));
        assert!(is_subjunctive_form("gleichkäme"));
        assert!(has_noun_suffix("verhandlungen"));
        assert!(!has_noun_suffix("stoltenberg"));
        assert_eq!(
            institution_name("kremls", "Kremls").as_deref(),
            Some("Kreml")
        );
        assert_eq!(
            institution_name("verteidigungsministeriums", "Verteidigungsministeriums").as_deref(),
            Some("Verteidigungsministerium")
        );
        assert_eq!(institution_name("russland", "Russland"), None);
    }
}
