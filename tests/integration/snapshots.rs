//! Snapshots of the seed report: any change to a number, a label or a
//! sentence of `report.md` or the data files shows up as a reviewable diff.

use rahmen_tests::seed_file;

#[test]
fn report_markdown() {
    insta::assert_snapshot!("report.md", seed_file("report.md"));
}

#[test]
fn data_files() {
    for name in [
        "docs.tsv",
        "terms.tsv",
        "counts.mtx",
        "tfidf.mtx",
        "tokens.jsonl",
        "clean.jsonl",
        "similarity.tsv",
        "frames.tsv",
        "kwic.tsv",
        "group-similarity.tsv",
        "duplicates.tsv",
        "quotes.tsv",
        "keyness.tsv",
        "keyness-clusters.tsv",
        "prevalence.tsv",
        "shared.tsv",
        "clusters.tsv",
        "linkage.tsv",
        "projection.tsv",
        "config.json",
    ] {
        insta::assert_snapshot!(name, seed_file(&format!("data/{name}")));
    }
}

#[test]
fn lexicon_check() {
    insta::assert_snapshot!(
        "lexicon-check.md",
        report::lexicon_check(&rahmen_tests::seed_report().analysis)
    );
}
