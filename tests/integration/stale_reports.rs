//! The committed `reports/` must be what the code produces now: a plain
//! `cargo test` fails when someone changes the pipeline and forgets to run
//! `cargo xtask report`.

use rahmen_tests::{committed_seed_report, seed_report};

#[test]
fn committed_seed_report_is_up_to_date() {
    let scratch = tempfile::tempdir().unwrap();
    seed_report().1.write_into(scratch.path()).unwrap();
    let differences = report::compare_folders(scratch.path(), &committed_seed_report()).unwrap();
    let listing: Vec<String> = differences.iter().map(|d| d.to_string()).collect();
    assert!(
        listing.is_empty(),
        "reports/security-talks-2021 is stale; run `cargo xtask report` and commit:\n{}",
        listing.join("\n")
    );
}
