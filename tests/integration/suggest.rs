//! Lexicon suggestions with planted truth: ten new words used the way a
//! frame's own words are used must come back among the top 30 candidates,
//! the review file must be the same bytes on every run, and an accept
//! must add only what was marked, with its provenance.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use analysis::suggest::{SuggestParams, suggest};
use analysis::{AnalysisConfig, Input, NullSink, Silent};

const LEXICON: &str = r#"# A small lexicon for the planted corpus.
[lexicon]
name = "planted"

[[frame]]
id = "threat"
label = "Threat"
definition = "One side is dangerous."
terms = [
  { pattern = "Kriegsbündnis", why = "names an alliance a war alliance" },
  { pattern = "bedroh*", why = "threat vocabulary" },
  { pattern = "Eskalation*", why = "the situation told as escalating" },
  { pattern = "Provokation*", why = "acts labelled as provocation" },
  { pattern = "Aufrüstung", why = "arming up as a danger" },
]

[[frame]]
id = "dialogue"
label = "Dialogue"
definition = "Talks are the way out."
terms = [
  { pattern = "Gespräch*", why = "talks" },
]
"#;

/// The planted synonyms: two share a head or a modifier with a frame word.
const PLANTED: [&str; 10] = [
    "Angriffsbündnis",
    "Kriegsgefahr",
    "Drohkulisse",
    "Säbelrasseln",
    "Aggressor",
    "Einschüchterung",
    "Erpressung",
    "Zuspitzung",
    "Machtdemonstration",
    "Muskelspiele",
];

const FRAME_WORDS: [&str; 5] = [
    "das Kriegsbündnis",
    "die Bedrohung",
    "die Eskalation",
    "die Provokationen",
    "die Aufrüstung",
];

/// Sentence frames the threat words and their synonyms share.
const THREAT_FRAMES: [&str; 8] = [
    "Die Regierung warnt vor {} im Osten",
    "Beobachter sehen {} an der Grenze",
    "Der Minister spricht von {} und fordert Ruhe",
    "Kritiker beklagen {} durch die Manöver",
    "In der Hauptstadt wächst die Sorge über {}",
    "Die Opposition nennt {} gefährlich",
    "Diplomaten fürchten {} vor dem Gipfel",
    "Der Botschafter kritisiert {} scharf",
];

const SUBJECTS: [&str; 12] = [
    "Der Bürgermeister",
    "Die Bäckerei",
    "Das Museum",
    "Der Verein",
    "Die Schule",
    "Das Orchester",
    "Die Regierung",
    "Der Minister",
    "Die Bahn",
    "Der Zoo",
    "Die Bibliothek",
    "Das Theater",
];
const VERBS: [&str; 10] = [
    "eröffnet",
    "plant",
    "feiert",
    "renoviert",
    "verschiebt",
    "präsentiert",
    "bewirbt",
    "unterstützt",
    "besichtigt",
    "verkauft",
];
const OBJECTS: [&str; 13] = [
    "einen Neubau",
    "das Sommerfest",
    "die Ausstellung",
    "ein Konzert",
    "den Fahrplan",
    "die Grenze der Gemeinde",
    "einen Wettbewerb",
    "die Spielzeit",
    "den Haushalt",
    "ein Jubiläum",
    "die Sanierung",
    "den Marktplatz",
    "das Bündnis der Vereine",
];
const PLACES: [&str; 8] = [
    "am Montag",
    "im Osten der Stadt",
    "nach dem Regen",
    "in der Hauptstadt",
    "am Wochenende",
    "im Frühjahr",
    "vor dem Rathaus",
    "mit viel Ruhe",
];

/// A fixed pseudo-random sequence (an LCG), so the corpus never changes.
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        items[((self.0 >> 33) % items.len() as u64) as usize]
    }
}

fn planted_corpus(dir: &Path) -> (PathBuf, PathBuf) {
    let mut rng = Lcg(7);
    let mut csv = String::from("id,outlet,text\n");
    for article in 0..160 {
        let mut sentences = Vec::new();
        for s in 0..6 {
            let sentence = match (article + s) % 4 {
                // A threat sentence: a frame word, a synonym or both.
                0 | 1 => {
                    let frame = rng.pick(&THREAT_FRAMES);
                    let frame_word = rng.pick(&FRAME_WORDS);
                    let synonym = rng.pick(&PLANTED);
                    let filler = match rng.pick(&["word", "synonym", "both"]) {
                        "word" => frame_word.to_owned(),
                        "synonym" => format!("die {synonym}"),
                        _ => format!("{frame_word} und die {synonym}"),
                    };
                    frame.replace("{}", &filler)
                }
                _ => format!(
                    "{} {} {} {}",
                    rng.pick(&SUBJECTS),
                    rng.pick(&VERBS),
                    rng.pick(&OBJECTS),
                    rng.pick(&PLACES)
                ),
            };
            sentences.push(format!("{sentence}."));
        }
        let outlet = ["Blatt A", "Blatt B", "Blatt C"][article % 3];
        let _ = writeln!(csv, "p{article:03},{outlet},\"{}\"", sentences.join(" "));
    }
    let corpus = dir.join("planted.csv");
    fs::write(&corpus, csv).unwrap();
    let lexicon = dir.join("planted.toml");
    fs::write(&lexicon, LEXICON).unwrap();
    (corpus, lexicon)
}

/// The review file of the threat frame's suggestions.
fn review(corpus: &Path, lexicon: &Path) -> String {
    let input = Input::folder(corpus);
    let a = analysis::analyze(
        &input,
        features::Lexicon::load(lexicon).unwrap(),
        "planted.toml".into(),
        &AnalysisConfig::default(),
        &mut NullSink,
        &Silent,
    )
    .unwrap();
    let params = SuggestParams::default();
    let s = suggest(&input, &a, 0, &params, &Silent).unwrap();
    report::suggestions::review_toml(&a, &s, &params)
}

#[test]
fn planted_synonyms_are_suggested_the_same_way_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, lexicon) = planted_corpus(dir.path());
    let first = review(&corpus, &lexicon);
    let patterns: Vec<String> = first
        .lines()
        .filter_map(|l| l.strip_prefix("pattern = \""))
        .map(|p| p.trim_end_matches('"').to_owned())
        .collect();
    assert_eq!(patterns.len(), 30, "{first}");
    let found: Vec<&str> = PLANTED
        .iter()
        .copied()
        .filter(|p| patterns.iter().any(|c| c == p))
        .collect();
    assert!(
        found.len() >= 8,
        "{} of 10 planted: {found:?}\n{first}",
        found.len()
    );
    // The frame's own words are never suggested.
    for own in ["Kriegsbündnis", "Bedrohung", "Eskalation", "Aufrüstung"] {
        assert!(!patterns.iter().any(|p| p == own), "{own}");
    }
    // Every candidate has evidence lines and counts per outlet.
    assert_eq!(first.matches("\nevidence = [\n  \"").count(), 30, "{first}");
    assert_eq!(first.matches("per_group = { \"Blatt").count(), 30);
    let second = review(&corpus, &lexicon);
    assert_eq!(first, second);
    if std::env::var_os("RAHMEN_SHOW_SUGGESTIONS").is_some() {
        eprintln!("{} of 10 planted: {found:?}\n{first}", found.len());
    }
}

#[test]
fn accept_adds_only_the_marked_entries_with_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, lexicon) = planted_corpus(dir.path());
    let mut text = review(&corpus, &lexicon);
    // Mark the Drohkulisse entry, with the user's own reason.
    let at = text
        .find("pattern = \"Drohkulisse\"")
        .expect("Drohkulisse suggested");
    let entry = text[..at].rfind("accept = false").unwrap();
    text.replace_range(entry..entry + "accept = false".len(), "accept = true");
    let path = dir.path().join("review.toml");
    fs::write(&path, &text).unwrap();
    let review = report::suggestions::read_review(&path).unwrap();
    assert_eq!(review.entries, 30);
    assert_eq!(review.accepted.len(), 1);
    assert_eq!(review.frame, "threat");
    let new: Vec<_> = review
        .accepted
        .iter()
        .map(|a| features::lexicon_merge::NewTerm {
            pattern: a.pattern.clone(),
            why: a.why.clone(),
            added_by: "suggest".into(),
            seed: a.seed.clone(),
            date: "2026-12-06".into(),
        })
        .collect();
    let merged =
        features::lexicon_merge::add_terms(LEXICON, &lexicon, &review.frame, &new).unwrap();
    assert_eq!(merged.added, ["Drohkulisse"]);
    assert!(
        merged
            .text
            .starts_with("# A small lexicon for the planted corpus.")
    );
    let loaded = features::Lexicon::parse(&merged.text, &lexicon).unwrap();
    let threat = &loaded.frames[0];
    assert_eq!(threat.terms.len(), 6);
    let added = &threat.terms[5];
    assert_eq!(added.pattern, "Drohkulisse");
    assert_eq!(added.added_by.as_deref(), Some("suggest"));
    assert_eq!(added.date.as_deref(), Some("2026-12-06"));
    assert!(added.seed.is_some());
    assert!(added.why.contains("Drohkulisse"), "{}", added.why);
    let original = features::Lexicon::parse(LEXICON, &lexicon).unwrap();
    for (old, new) in original.frames.iter().zip(&loaded.frames) {
        let text =
            |t: &features::LexiconTerm| (t.pattern.clone(), t.why.clone(), t.added_by.clone());
        let before: Vec<_> = old.terms.iter().map(text).collect();
        let after: Vec<_> = new.terms.iter().take(before.len()).map(text).collect();
        assert_eq!(before, after);
    }
    // The merged lexicon finds the accepted term in text.
    let merged_path = dir.path().join("merged.toml");
    fs::write(&merged_path, &merged.text).unwrap();
    let a = analysis::analyze(
        &Input::folder(&corpus),
        features::Lexicon::load(&merged_path).unwrap(),
        "merged.toml".into(),
        &AnalysisConfig::default(),
        &mut NullSink,
        &Silent,
    )
    .unwrap();
    let hits = a
        .hits
        .iter()
        .flatten()
        .filter(|h| h.frame == 0 && h.term == 5)
        .count();
    assert!(hits > 0);
}
