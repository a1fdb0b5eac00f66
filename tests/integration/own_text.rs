//! An outlet's own text apart from wire copy: a wire passage full of frame
//! terms, printed by three outlets, counts in their `all` view and not in
//! their `own` view, and the data files carry every view.

use std::fmt::Write as _;
use std::fs;

use analysis::views::View;
use analysis::{AnalysisConfig, Input};

const WIRE: &str = "Nach Angaben der Agentur fühlt sich die Regierung in Moskau durch die Manöver bedroht und warnt vor einer weiteren Eskalation an der Grenze zwischen beiden Ländern im Osten des Kontinents.";

/// One sentence of each outlet's own, about nothing the lexicon counts.
const OWN_TEXTS: [&str; 3] = [
    "Der Bürgermeister eröffnete am Morgen die neue Bibliothek am Marktplatz der kleinen Stadt.",
    "Im Stadion feierten die Fans den Sieg ihrer Mannschaft bis tief in die Nacht hinein.",
    "Die Bäckerei am Bahnhof verkauft seit dieser Woche auch vegane Brötchen und Kuchen.",
];

#[test]
fn a_wire_passage_counts_in_all_and_not_in_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,outlet,text\n");
    for (i, (outlet, own)) in ["A", "B", "C"].iter().zip(OWN_TEXTS).enumerate() {
        let _ = writeln!(csv, "{i},{outlet},\"{own} {WIRE}\"");
        // A second article of each outlet, its own words only.
        let _ = writeln!(
            csv,
            "{i}b,{outlet},\"{own} Am Abend regnete es in der ganzen Region.\""
        );
    }
    let path = dir.path().join("wire.csv");
    fs::write(&path, csv).unwrap();
    let mut config = AnalysisConfig::default();
    config.display.lead_view = "own".into();
    // Six articles: key terms need a low minimum count.
    config.statistics.keyness = config.statistics.keyness.min_count(2);
    let report = rahmen_tests::generate(&Input::folder(&path), &config).unwrap();
    let a = &report.analysis;
    let threat = a
        .lexicon
        .frames
        .iter()
        .position(|f| f.id == "threat")
        .unwrap();
    let own = a.view(View::Own).unwrap();
    let shared = a.view(View::Shared).unwrap();
    for g in 0..3 {
        let hits = |frames: &[analysis::tallies::GroupFrames]| {
            frames[g]
                .ranked
                .iter()
                .find(|r| r.frame == threat)
                .unwrap()
                .hits
        };
        assert_eq!(hits(&a.group_frames), 2, "group {g}: bedroht, Eskalation");
        assert_eq!(hits(&own.group_frames), 0, "group {g}");
        assert_eq!(hits(&shared.group_frames), 2, "group {g}");
    }
    // The own text keeps its tokens, the wire passage's go to `shared`.
    assert!(own.tokens[0] > 0 && shared.tokens[0] > 0 && shared.tokens[1] == 0);
    assert_eq!(own.tokens[0] + shared.tokens[0], a.counts.n_tokens(0));

    let frames = report.file("data/frames.tsv");
    assert!(
        frames.starts_with("doc_id\tframe\tview\thits\trate_per_1000\town\tquoted\treported\n")
    );
    assert!(frames.contains("\n0\tthreat\tall\t2\t"));
    assert!(frames.contains("\n0\tthreat\town\t0\t"));
    assert!(frames.contains("\n0\tthreat\tshared\t2\t"));
    let prevalence = report.file("data/prevalence.tsv");
    for view in ["all", "own", "shared"] {
        assert!(
            prevalence.contains(&format!("\tthreat\t{view}\t")),
            "{view}"
        );
    }
    let markdown = report.file("report.md");
    assert!(markdown.contains("## Own text and shared text"));
    assert!(markdown.contains("**At a glance** (each outlet's own text"));
    assert!(
        markdown.contains("On each outlet's own text: passages another outlet shares are left out")
    );
    assert!(
        markdown
            .contains("On its own text only (passages another outlet shares left out): key terms")
    );
    let keyness = report.file("data/keyness.tsv");
    for (view, unit) in [
        ("all", "tokens"),
        ("all", "documents"),
        ("own", "tokens"),
        ("shared", "tokens"),
    ] {
        assert!(
            keyness.contains(&format!("\t{view}\t{unit}\t")),
            "{view} {unit}"
        );
    }
}

/// A wire passage that names NATO with a label and holds frame terms.
const LABELLED_WIRE: &str = "Nach Angaben der Agentur fühlt sich die Regierung durch das Kriegsbündnis NATO bedroht und warnt vor einer weiteren Eskalation an der Grenze zwischen beiden Ländern im Osten des Kontinents.";

#[test]
fn labels_and_the_timeline_of_a_wire_passage_count_in_all_and_shared_not_in_own() {
    let dir = tempfile::tempdir().unwrap();
    // Each outlet prints the wire passage twice, in two weeks, and names
    // NATO once in its own words.
    let mut csv = String::from("id,outlet,date,text\n");
    for (i, (outlet, own)) in ["A", "B", "C"].iter().zip(OWN_TEXTS).enumerate() {
        for (week, date) in ["2022-01-04", "2022-01-11"].iter().enumerate() {
            let _ = writeln!(
                csv,
                "{i}-{week},{outlet},{date},\"Am Tag {week} sprach man über die NATO. {own} {LABELLED_WIRE}\""
            );
        }
    }
    let path = dir.path().join("wire.csv");
    fs::write(&path, csv).unwrap();
    let mut config = AnalysisConfig::default();
    config.display.lead_view = "own".into();
    config.statistics.bootstrap_resamples = 200;
    config.statistics.permutations = 199;
    let report = rahmen_tests::generate(&Input::folder(&path), &config).unwrap();
    let a = &report.analysis;
    let nato = a.lexicon.actors.iter().position(|x| x.name == "NATO");
    let nato = nato.unwrap();
    let label = |view: View, g: usize| {
        let profile = &a.label_profiles.of_view(view).unwrap()[nato];
        let count = profile
            .rows
            .iter()
            .find(|r| r.group == g && r.label == "Kriegsbündnis")
            .map_or(0, |r| r.count);
        (count, profile.mentions[g])
    };
    for g in 0..3 {
        // Two labelled mentions in the wire text, two bare ones in its own.
        assert_eq!(label(View::All, g), (2, 4), "group {g}");
        assert_eq!(label(View::Shared, g), (2, 2), "group {g}");
        assert_eq!(label(View::Own, g), (0, 2), "group {g}");
    }
    assert_eq!(
        a.lead_label_profiles(),
        a.label_profiles.of_view(View::Own).unwrap()
    );

    let threat = a
        .lexicon
        .frames
        .iter()
        .position(|f| f.id == "threat")
        .unwrap();
    let timeline = |view: View| match view {
        View::All => a.timeline.as_ref().unwrap(),
        _ => a.view(view).unwrap().timeline.as_ref().unwrap(),
    };
    for g in 0..3 {
        for period in 0..2 {
            let hits = |view| timeline(view).cell(g, period, threat).unwrap().hits;
            // Every hit of the frame lies in the wire passage.
            assert!(hits(View::All) >= 2, "bedroht, Eskalation");
            assert_eq!(hits(View::Shared), hits(View::All));
            assert_eq!(hits(View::Own), 0);
        }
    }
    assert_eq!(a.lead_timeline(), Some(timeline(View::Own)));

    let labels = report.file("data/labels.tsv");
    assert!(labels.starts_with("view\tactor\tgroup\trelation\tlabel\tvoice\tcount\t"));
    assert!(labels.contains("\nall\tNATO\tA\tnoun\tKriegsbündnis\tall\t2\t4\t"));
    assert!(labels.contains("\nshared\tNATO\tA\tnoun\tKriegsbündnis\tall\t2\t4\t"));
    assert!(!labels.contains("\nown\tNATO\tA\tnoun\tKriegsbündnis\t"));
    let timeline_tsv = report.file("data/timeline.tsv");
    assert!(timeline_tsv.starts_with("view\tgroup\tperiod\tframe\tarticles\t"));
    assert!(timeline_tsv.contains("\nall\tA\t2022-01-03\tthreat\t1\t"));
    assert!(timeline_tsv.contains("\nown\tA\t2022-01-03\tthreat\t1\t"));
    assert!(timeline_tsv.contains("\nshared\tA\t2022-01-03\tthreat\t1\t"));
    // Every row of `all` comes before the other views'.
    for file in [&labels, &timeline_tsv] {
        let views: Vec<&str> = file
            .lines()
            .skip(1)
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        let first_other = views.iter().position(|&v| v != "all").unwrap();
        assert!(views[first_other..].iter().all(|&v| v != "all"));
    }
    let markdown = report.file("report.md");
    let note = "On each outlet's own text: passages another outlet shares are left out (`--view all` for all text; every view is in `data/";
    assert!(markdown.contains(&format!("{note}labels.tsv`)")));
    assert!(markdown.contains(&format!("{note}timeline.tsv`)")));
}
