//! Grouping by a column other than the outlet (`--group-by`): the groups are
//! compared as groups, and the report calls them groups, not outlets.

use std::fs;

use analysis::{AnalysisConfig, Input};
use rahmen_tests::generate;

#[test]
fn a_report_grouped_by_a_column_speaks_of_groups() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("sections.csv");
    fs::write(
        &csv,
        "id,outlet,section,text\n\
         a,Der Standard,Inland,Die Regierung fordert Gespräche und Verhandlungen über Sanktionen.\n\
         b,Der Standard,Ausland,Truppen und Soldaten stehen an der Grenze; der Krieg droht.\n\
         c,Die Presse,Inland,Der Dialog mit der Opposition bringt eine Einigung über Reformen.\n\
         d,Die Presse,Ausland,Die NATO verlangt Sicherheitsgarantien und warnt vor einer Invasion.\n",
    )
    .unwrap();
    let mut input = Input::folder(&csv);
    input.options.group_by = Some("section".into());
    let config = AnalysisConfig {
        group_by: Some("section".into()),
        ..AnalysisConfig::default()
    };
    let report = generate(&input, &config).unwrap();
    assert_eq!(
        report.analysis.group_statistics.groups.names,
        ["Inland", "Ausland"]
    );
    let markdown = report.file("report.md");
    for expected in [
        "# How the groups frame it",
        "one group per value of the `section` column",
        "### Top frames per group",
        "| Group | Articles |",
        "| Frame | Group | Own | Quoted |",
        "## What sets each group apart",
        "## Voices: who speaks in each group",
    ] {
        assert!(markdown.contains(expected), "{expected}");
    }
    for heading in markdown.lines().filter(|l| l.starts_with('#')) {
        assert!(!heading.contains("outlet"), "{heading}");
    }
    assert!(
        report
            .file("charts/prevalence.svg")
            .contains("Frame rates per group")
    );

    // Grouped by outlet (the default), the same articles are outlets.
    let report = generate(&Input::folder(&csv), &AnalysisConfig::default()).unwrap();
    let markdown = report.file("report.md");
    assert!(markdown.contains("## What sets each outlet apart"));
    assert!(
        report
            .file("charts/prevalence.svg")
            .contains("Frame rates per outlet")
    );
}
