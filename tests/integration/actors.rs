//! How each outlet names the actors: on a corpus where outlet A calls NATO
//! a "Kriegsbündnis" and "aggressiv" and outlet B a "Verteidigungsbündnis",
//! each outlet's own label ranks first with an interval above 0 and q <
//! 0.05, the "Bündnis" both use at the same rate is not flagged, and every
//! row has its evidence line.

use std::fmt::Write;
use std::path::Path;

use analysis::label_profiles::{ActorProfile, LabelRow};
use analysis::{Analysis, AnalysisConfig, Input, NullSink, Silent};

/// Sentence parts without actor names, so that no two articles are alike.
const SUBJECTS: [&str; 6] = [
    "Die Regierung",
    "Der Sprecher",
    "Eine Kommission",
    "Die Opposition",
    "Ein Diplomat",
    "Die Delegation",
];
const VERBS: [&str; 5] = [
    "beriet lange",
    "verhandelte zäh",
    "wartete geduldig",
    "schwieg zunächst",
    "reiste früh ab",
];

/// `id,outlet,text`: 30 articles per outlet.
fn corpus() -> String {
    let mut csv = String::from("id,outlet,text\n");
    for i in 0..30 {
        let filler = |k: usize| {
            format!(
                "{} {} am Tag {}.",
                SUBJECTS[(i + k) % SUBJECTS.len()],
                VERBS[(i * 7 + k) % VERBS.len()],
                i * 3 + k
            )
        };
        let mut a = format!(
            "{} Kritiker warnen vor dem Kriegsbündnis NATO in Osteuropa. {} Man sprach über das Bündnis NATO und seine Pläne.",
            filler(0),
            filler(1)
        );
        if i % 3 != 0 {
            a.push_str(" Sie fürchten die aggressive NATO sehr.");
        } else {
            a.push_str(" Sie beobachten die NATO genau.");
        }
        let mut b = format!(
            "{} Das Verteidigungsbündnis NATO tagt in Brüssel. {} Man sprach über das Bündnis NATO und seine Pläne.",
            filler(2),
            filler(3)
        );
        if i % 2 == 0 {
            b.push_str(" Auch die westliche Allianz berät.");
        } else {
            b.push_str(" Auch die Allianz berät.");
        }
        if i < 2 {
            b.push_str(" Manche fürchten die aggressive NATO.");
        }
        let _ = writeln!(csv, "a{i:02},A,\"{a}\"");
        let _ = writeln!(csv, "b{i:02},B,\"{b}\"");
    }
    csv
}

fn analyse(dir: &Path) -> Analysis {
    let path = dir.join("corpus.csv");
    std::fs::write(&path, corpus()).expect("corpus written");
    let lexicon = features::Lexicon::load(&rahmen_tests::default_lexicon()).expect("lexicon");
    analysis::analyze(
        &Input::folder(&path),
        lexicon,
        "security-de.toml".to_owned(),
        &AnalysisConfig::default(),
        &mut NullSink,
        &Silent,
    )
    .expect("the corpus is analysed")
}

fn nato(a: &Analysis) -> &ActorProfile {
    let actor = a
        .lexicon
        .actors
        .iter()
        .position(|x| x.name == "NATO")
        .expect("NATO in the lexicon");
    &a.label_profiles.actors[actor]
}

fn rows<'a>(a: &Analysis, profile: &'a ActorProfile, outlet: &str) -> Vec<&'a LabelRow> {
    let g = a
        .group_statistics
        .groups
        .names
        .iter()
        .position(|n| n == outlet)
        .expect("outlet");
    profile.rows.iter().filter(|r| r.group == g).collect()
}

#[test]
fn each_outlets_own_label_ranks_first_and_the_shared_one_is_not_flagged() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let a = analyse(dir.path());
    let profile = nato(&a);
    assert_eq!(profile.mentions, [90, 92]);
    for (outlet, first) in [("A", "Kriegsbündnis"), ("B", "Verteidigungsbündnis")] {
        let rows = rows(&a, profile, outlet);
        let top = rows[0];
        let test = top.test.expect("tested");
        eprintln!(
            "{outlet}: {} {} lr {:.2} [{:.2}, {:.2}] q {:.4}",
            top.label, top.count, top.log_ratio, test.low, test.high, test.q
        );
        assert_eq!(top.label, first, "{outlet}");
        assert!(test.low > 0.0 && test.q < 0.05, "{outlet}: {test:?}");
        assert!(top.distinctive);
        let shared = rows
            .iter()
            .find(|r| r.label == "Bündnis")
            .expect("Bündnis is used by both");
        assert_eq!((shared.count, shared.rest_count), (30, 30));
        let t = shared.test.expect("tested");
        eprintln!(
            "{outlet}: Bündnis {} : {} lr {:.2} [{:.2}, {:.2}] q {:.3}",
            shared.count, shared.rest_count, shared.log_ratio, t.low, t.high, t.q
        );
        assert!(!shared.distinctive, "{outlet}: {shared:?}");
    }
    let aggressive = rows(&a, profile, "A")
        .into_iter()
        .find(|r| r.label == "aggressiv")
        .expect("the folded adjective");
    assert_eq!((aggressive.count, aggressive.rest_count), (20, 2));
    assert!(aggressive.distinctive);
    // Every row has its evidence line, and it shows the label.
    for row in &profile.rows {
        let line = &row.evidence.1;
        assert!(
            line.keyword
                .to_lowercase()
                .contains(&row.label.to_lowercase()),
            "{row:?}"
        );
        assert!(line.keyword.contains("NATO") || line.keyword.contains("Allianz"));
    }
}

#[test]
fn window_collocates_are_scored_per_outlet() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let a = analyse(dir.path());
    let actor = nato(&a).actor;
    let found = &a.label_profiles.collocates[actor];
    let labels = |g: usize| -> Vec<&str> {
        found.by_group[g]
            .iter()
            .map(|c| a.counts.terms[c.column].label.as_str())
            .collect()
    };
    // "Osteuropa" stands next to NATO in every article of A and in none of B.
    assert!(labels(0).contains(&"Osteuropa"), "{:?}", labels(0));
    assert!(!labels(1).contains(&"Osteuropa"), "{:?}", labels(1));
    for c in found.by_group.iter().flatten() {
        assert!(c.f_xy <= c.f_y && c.log_dice <= 14.0 + 1e-9, "{c:?}");
    }
}

#[test]
fn label_profiles_are_the_same_on_every_run() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let first = analyse(dir.path());
    let second = analyse(dir.path());
    assert_eq!(first.label_profiles.actors, second.label_profiles.actors);
    assert_eq!(
        first.label_profiles.articles,
        second.label_profiles.articles
    );
}

/// `--actors auto`: the speaker quoted in the most articles becomes an
/// actor, and how each outlet names him is profiled like a lexicon actor.
#[test]
fn the_most_quoted_speaker_becomes_an_actor_with_auto() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,outlet,text\n");
    for i in 0..12 {
        let _ = writeln!(
            csv,
            "a{i:02},A,\"Der russische Außenminister Lawrow sagte am Tag {i}: „Die Gespräche gehen weiter.“ {} {} am Tag {}.\"",
            SUBJECTS[i % SUBJECTS.len()],
            VERBS[i % VERBS.len()],
            i + 40
        );
        let _ = writeln!(
            csv,
            "b{i:02},B,\"Der Chefdiplomat Lawrow sagte am Tag {i}: „Wir warten auf eine Antwort.“ {} {} am Tag {}.\"",
            SUBJECTS[(i + 1) % SUBJECTS.len()],
            VERBS[(i + 2) % VERBS.len()],
            i + 80
        );
    }
    let path = dir.path().join("quoted.csv");
    std::fs::write(&path, csv).unwrap();
    let run = |auto: usize| {
        let mut config = AnalysisConfig::default();
        config.labels.auto_actors = auto;
        let lexicon = features::Lexicon::load(&rahmen_tests::default_lexicon()).unwrap();
        analysis::analyze(
            &Input::folder(&path),
            lexicon,
            "security-de.toml".into(),
            &config,
            &mut NullSink,
            &Silent,
        )
        .unwrap()
    };
    let plain = run(0);
    assert!(plain.lexicon.actors.iter().all(|a| a.name != "Lawrow"));
    let auto = run(5);
    let lawrow = auto
        .lexicon
        .actors
        .iter()
        .position(|a| a.name == "Lawrow")
        .expect("Lawrow found");
    let profile = &auto.label_profiles.actors[lawrow];
    assert_eq!(profile.mentions.iter().sum::<usize>(), 24);
    let labels = |outlet: &str| -> Vec<String> {
        rows(&auto, profile, outlet)
            .iter()
            .map(|r| r.label.clone())
            .collect()
    };
    assert!(
        labels("A").contains(&"Außenminister".to_owned()),
        "{:?}",
        labels("A")
    );
    assert!(
        labels("B").contains(&"Chefdiplomat".to_owned()),
        "{:?}",
        labels("B")
    );
}
