//! The committed `reports/` must be what the code produces now: a plain
//! `cargo test` fails when someone changes the pipeline and forgets to run
//! `cargo xtask report`.

use rahmen_tests::{assert_same_folders, committed_seed_report, seed_report};

#[test]
fn committed_seed_report_is_up_to_date() {
    assert_same_folders(
        &seed_report().path,
        &committed_seed_report(),
        "reports/security-talks-2021 is stale; run `cargo xtask report` and commit",
    );
}

/// The 10kGNAD report as `cargo xtask report --corpus corpus/10kgnad-test/test.csv
/// --delimiter ';' --quote "'" --no-header --columns label,text --group-by label
/// --clusters 9 --name 10kgnad-test` makes it (the large-corpus path: LSA, groups).
#[test]
fn committed_10kgnad_report_is_up_to_date() {
    let fresh = rahmen_tests::generate(
        &rahmen_tests::tenkgnad_input(),
        &rahmen_tests::tenkgnad_config(),
    )
    .unwrap();
    assert_same_folders(
        &fresh.path,
        &rahmen_tests::committed_tenkgnad_report(),
        "reports/10kgnad-test is stale; run the command in README.md (10kGNAD) and commit",
    );
}

/// The dated demonstration report as `cargo xtask report --corpus
/// corpus/10kgnad-dated/articles.csv --outlet-field section --date-field date
/// --bin week --name 10kgnad-dated` makes it (framing over time).
#[test]
fn committed_dated_report_is_up_to_date() {
    let root = rahmen_tests::workspace_root();
    let mut input = analysis::Input::folder(&root.join("corpus/10kgnad-dated/articles.csv"));
    input.options.fields.outlet = Some("section".into());
    input.options.fields.date = Some("date".into());
    input.name = Some("10kgnad-dated".into());
    let fresh = rahmen_tests::generate(&input, &analysis::AnalysisConfig::default()).unwrap();
    assert_same_folders(
        &fresh.path,
        &root.join("reports/10kgnad-dated"),
        "reports/10kgnad-dated is stale; run the command in corpus/10kgnad-dated/README.md and commit",
    );
}
