//! Shared fixtures for Rahmen's integration tests: where the seed corpus,
//! the default lexicon and the committed reports are, and the seed report
//! generated once per test binary.

pub mod module_graph;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use analysis::{Analysis, AnalysisConfig, Input, Silent};

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

/// A generated report: the analysis and the folder holding its files.
pub struct Generated {
    /// The analysis.
    pub analysis: Analysis,
    /// Keeps the folder alive.
    _dir: tempfile::TempDir,
    /// The report folder.
    pub path: PathBuf,
}

impl Generated {
    /// One file of the report, as text.
    pub fn file(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path.join(relative))
            .unwrap_or_else(|e| panic!("the report has no readable {relative}: {e}"))
    }

    /// Every file of the report, relative paths, sorted.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![self.path.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("report folder") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    out.push(path.strip_prefix(&self.path).expect("inside").to_path_buf());
                }
            }
        }
        out.sort();
        out
    }
}

/// Fails with the listing of differences when the two report folders are
/// not the same, byte for byte; `hint` says what to do about it.
pub fn assert_same_folders(expected: &Path, actual: &Path, hint: &str) {
    let differences = report::compare_folders(expected, actual).expect("readable folders");
    let listing: Vec<String> = differences.iter().map(|d| d.to_string()).collect();
    assert!(listing.is_empty(), "{hint}:\n{}", listing.join("\n"));
}

/// Generates a report of `input` into a fresh temporary folder.
pub fn generate(input: &Input, config: &AnalysisConfig) -> Result<Generated, report::ReportError> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("report");
    let analysis = report::generate(input, &default_lexicon(), config, &path, &Silent)?;
    Ok(Generated {
        analysis,
        _dir: dir,
        path,
    })
}

/// The seed corpus analysed and rendered with the default settings, once.
pub fn seed_report() -> &'static Generated {
    static REPORT: OnceLock<Generated> = OnceLock::new();
    REPORT.get_or_init(|| {
        generate(&Input::folder(&seed_corpus()), &AnalysisConfig::default())
            .expect("the seed corpus makes a report")
    })
}

/// One rendered file of the seed report, as text.
pub fn seed_file(relative: &str) -> String {
    seed_report().file(relative)
}

/// The decoded text of seed article `id` (`000`…`004`).
pub fn seed_text(id: &str) -> String {
    let folder = seed_corpus();
    let file = std::fs::read_dir(&folder)
        .expect("seed corpus")
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{id}_")))
        })
        .unwrap_or_else(|| panic!("no seed article {id}"));
    core_text::decode(&std::fs::read(file).expect("seed article")).text
}

/// The 10kGNAD test split as README's command reads it: no header, `;` and
/// `'`, columns `label,text`, grouped by `label`, named `10kgnad-test`.
pub fn tenkgnad_input() -> Input {
    Input {
        path: workspace_root().join("corpus/10kgnad-test/test.csv"),
        options: corpus::InputOptions {
            delimiter: Some(b';'),
            quote: b'\'',
            has_header: false,
            columns: Some(vec!["label".into(), "text".into()]),
            group_by: Some("label".into()),
            ..corpus::InputOptions::default()
        },
        name: Some("10kgnad-test".into()),
    }
}

/// The settings of README's 10kGNAD command: groups by `label`, k = 9.
pub fn tenkgnad_config() -> AnalysisConfig {
    let mut config = AnalysisConfig {
        group_by: Some("label".into()),
        ..AnalysisConfig::default()
    };
    config.clustering.k = Some(9);
    config
}

/// The committed 10kGNAD report.
pub fn committed_tenkgnad_report() -> PathBuf {
    workspace_root().join("reports/10kgnad-test")
}

/// Every row of a Parquet file.
pub fn parquet_rows(path: &Path) -> Vec<parquet::record::Row> {
    use parquet::file::reader::FileReader;
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reader = parquet::file::reader::SerializedFileReader::new(file)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader
        .get_row_iter(None)
        .expect("rows")
        .map(|row| row.expect("a row"))
        .collect()
}
