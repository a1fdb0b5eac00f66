//! An outlet's own text apart from wire copy: a wire passage full of frame
//! terms, printed by three outlets, counts in their `all` view and not in
//! their `own` view, and the data files carry every view.

use std::fmt::Write as _;
use std::fs;

use analysis::views::View;
use analysis::{AnalysisConfig, Input};

const WIRE: &str = "Nach Angaben der Agentur fühlt sich die Regierung in Moskau durch die Manöver bedroht und warnt vor einer weiteren Eskalation an der Grenze zwischen beiden Ländern im Osten des Kontinents.";

#[test]
fn a_wire_passage_counts_in_all_and_not_in_own() {
    let dir = tempfile::tempdir().unwrap();
    let own_texts = [
        "Der Bürgermeister eröffnete am Morgen die neue Bibliothek am Marktplatz der kleinen Stadt.",
        "Im Stadion feierten die Fans den Sieg ihrer Mannschaft bis tief in die Nacht hinein.",
        "Die Bäckerei am Bahnhof verkauft seit dieser Woche auch vegane Brötchen und Kuchen.",
    ];
    let mut csv = String::from("id,outlet,text\n");
    for (i, (outlet, own)) in ["A", "B", "C"].iter().zip(own_texts).enumerate() {
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
