//! Fuzzes the two TOML files researchers write by hand, a frame lexicon and a
//! folder manifest (TOML or CSV): bad input is an error, never a panic.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use core_text::{Analyzer, AnalyzerConfig, Document, TextConfig};
use corpus::InputOptions;
use features::{FrameMatcher, Lexicon};
use libfuzzer_sys::fuzz_target;

/// A corpus folder with one article, reused by every input.
static DIR: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = tempfile::Builder::new()
        .prefix("rahmen-fuzz-manifest")
        .tempdir()
        .expect("temporary folder")
        .keep();
    std::fs::write(
        dir.join("a.txt"),
        "Der Kreml hofft auf Dialog, sagte Peskow.",
    )
    .expect("write a.txt");
    dir
});

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(|| Analyzer::new(&AnalyzerConfig::default()));

/// Patterns that parse must also compile and match.
static DOC: LazyLock<Document> = LazyLock::new(|| {
    Document::analyze(
        "Russland fordert Sicherheitsgarantien und warnt vor der NATO-Osterweiterung.".into(),
        &TextConfig::default(),
    )
});

fn open_folder(dir: &Path) {
    if let Ok(reader) = corpus::open(dir, &InputOptions::default()) {
        let _ = reader.read_all();
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(lexicon) = Lexicon::parse(&text, Path::new("fuzz.toml")) {
        let matcher = FrameMatcher::new(&lexicon, &ANALYZER);
        let _ = matcher.find(&DOC);
    }

    // A folder holds one manifest form at a time; raw bytes, so that the
    // not-UTF-8 path is reached too.
    let dir = DIR.as_path();
    let toml = dir.join("manifest.toml");
    let csv = dir.join("manifest.csv");
    let _ = std::fs::remove_file(&csv);
    std::fs::write(&toml, data).expect("write manifest.toml");
    open_folder(dir);
    std::fs::remove_file(&toml).expect("remove manifest.toml");
    std::fs::write(&csv, data).expect("write manifest.csv");
    open_folder(dir);
});
