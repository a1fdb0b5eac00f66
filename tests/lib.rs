//! Shared fixtures for Rahmen's integration tests: where the seed corpus,
//! the default lexicon and the committed reports are, and the seed report
//! rendered once per test binary.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use report::{Analysis, ReportConfig, ReportFiles};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package lives in the workspace")
        .to_path_buf()
}

/// The embedded default corpus.
pub fn seed_corpus() -> PathBuf {
    workspace_root().join("corpus/security-talks-2021")
}

/// The default framing lexicon.
pub fn default_lexicon() -> PathBuf {
    workspace_root().join("lexicons/security-de.toml")
}

/// The committed report of the seed corpus.
pub fn committed_seed_report() -> PathBuf {
    workspace_root().join("reports/security-talks-2021")
}

/// The seed corpus analysed and rendered with the default settings, once.
pub fn seed_report() -> &'static (Analysis, ReportFiles) {
    static REPORT: OnceLock<(Analysis, ReportFiles)> = OnceLock::new();
    REPORT.get_or_init(|| {
        report::generate(&seed_corpus(), &default_lexicon(), &ReportConfig::default())
            .expect("the seed corpus makes a report")
    })
}

/// One rendered file of the seed report, as text.
pub fn seed_file(relative: &str) -> String {
    let bytes = seed_report()
        .1
        .files
        .get(Path::new(relative))
        .unwrap_or_else(|| panic!("the seed report has no {relative}"));
    String::from_utf8(bytes.clone()).expect("report files are UTF-8")
}
