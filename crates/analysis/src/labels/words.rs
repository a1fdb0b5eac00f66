//! The closed word classes the label patterns read: determiners,
//! prepositions, copulas, adverbs and the words that are never labels.

pub(super) const DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "dieser", "diese", "dieses", "diesem", "diesen", "jener", "jene", "jenes", "jenem", "jenen",
    "im", "am", "zum", "zur", "vom", "beim", "ins",
];
/// Articles that open a predicate noun ("ist ein Relikt"); contractions
/// such as `im` open a place ("ist im Viertelfinale").
pub(super) const ARTICLES: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "kein", "keine",
];
pub(super) const PREPOSITIONS: &[&str] = &[
    "in",
    "an",
    "auf",
    "aus",
    "bei",
    "mit",
    "nach",
    "von",
    "zu",
    "für",
    "gegen",
    "ohne",
    "um",
    "durch",
    "über",
    "unter",
    "vor",
    "hinter",
    "neben",
    "zwischen",
    "seit",
    "gegenüber",
    "gen",
    "laut",
    "trotz",
    "wegen",
    "während",
];
/// Nouns of time: "am Freitag Deutschland" has an object after them, no label.
pub(super) const TIME_NOUNS: &[&str] = &[
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
    "Tag",
    "Tage",
    "Tagen",
    "Woche",
    "Wochen",
    "Wochenende",
    "Monat",
    "Monaten",
    "Jahr",
    "Jahres",
    "Jahren",
    "Abend",
    "Morgen",
    "Mittag",
    "Nacht",
    "Januar",
    "Jänner",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
    "Frühjahr",
    "Sommer",
    "Herbst",
    "Winter",
];
/// Capitalised adjectives in names ("Europäische Union", "Russische
/// Föderation") are no label nouns.
pub(super) const NAME_ADJECTIVE_ENDINGS: &[&str] =
    &["ische", "ischen", "ischer", "isches", "ischem"];
pub(super) const COPULAS: &[&str] = &[
    "ist", "sei", "war", "wäre", "bleibt", "bleibe", "gilt", "gelte", "galt",
];
pub(super) const ADVERBS: &[&str] = &[
    "nur",
    "noch",
    "weiterhin",
    "längst",
    "bereits",
    "schon",
    "immer",
    "auch",
    "eher",
    "vielmehr",
    "zwar",
    "tatsächlich",
    "wirklich",
    "heute",
    "jetzt",
    "weiter",
    "mehr",
    "offenbar",
    "selbst",
    "jedoch",
    "aber",
    "also",
    "doch",
    "nun",
    "ebenfalls",
    "dabei",
    "dennoch",
    "allerdings",
    "somit",
    "damit",
    "daher",
    "deshalb",
    "trotzdem",
    "inzwischen",
    "mittlerweile",
];
pub(super) const NEGATIONS: &[&str] = &["nicht", "kein", "keine", "keinesfalls", "nie", "niemals"];
/// Lower-case words between a determiner and a name that are no labels.
pub(super) const NOT_LABELS: &[&str] = &[
    "beiden", "beide", "anderen", "andere", "gesamte", "gesamten", "ganze", "ganzen", "gleichen",
    "selben", "übrigen",
];
/// Longest walk over lower-case words before a name or noun.
pub(super) const MAX_ADJECTIVES: usize = 3;
