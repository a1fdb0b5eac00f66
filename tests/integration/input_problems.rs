//! Bad input gets a clear error naming the file and line, one broken article
//! never kills a run, and a failed run never destroys the last good report.

use std::fs;

use analysis::{AnalysisConfig, Input, Silent};
use rahmen_tests::{default_lexicon, generate};

const ARTICLE: &str =
    "Russland fordert Sicherheitsgarantien von der NATO und warnt vor einer Osterweiterung.";

#[test]
fn a_broken_article_is_skipped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("a.txt", ARTICLE.as_bytes()),
        (
            "b.txt",
            "Die NATO bietet Dialog an und lehnt die Forderungen ab.".as_bytes(),
        ),
        (
            "c.txt",
            b"Gespr\xe4che in Genf \xfcber Sicherheitsgarantien." as &[u8],
        ),
        ("broken.txt", b"\x00\x01binary"),
    ] {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    let report = generate(&Input::folder(dir.path()), &AnalysisConfig::default()).unwrap();
    assert_eq!(report.analysis.articles.len(), 3);
    assert_eq!(report.analysis.skipped.len(), 1);
    assert!(
        report.analysis.skipped[0]
            .to_string()
            .ends_with("broken.txt: file is binary, not text")
    );
    assert!(
        report
            .file("report.md")
            .contains("broken.txt: file is binary, not text")
    );
}

#[test]
fn a_broken_csv_record_is_skipped_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("export.csv");
    fs::write(
        &csv,
        format!("id,outlet,text\na,RT DE,{ARTICLE}\nb,SNA\nc,SNA,Gespräche über Dialog in Genf.\nd,taz,Krieg und Einmarsch drohen.\n"),
    )
    .unwrap();
    let report = generate(&Input::folder(&csv), &AnalysisConfig::default()).unwrap();
    assert_eq!(report.analysis.articles.len(), 3);
    let skipped = report.analysis.skipped[0].to_string();
    assert!(skipped.contains("export.csv:3"), "{skipped}");
    let docs = report.file("data/docs.tsv");
    assert!(
        docs.starts_with("doc_id\toutlet\ttitle\tdate\tn_tokens\tcluster\tgroup\n"),
        "{docs}"
    );
    assert!(docs.contains("\nc\tSNA\t"));
}

#[test]
fn lexicon_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let lexicon = dir.path().join("bad.toml");
    fs::write(
        &lexicon,
        "[lexicon]\nname = \"bad\"\n\n[[frame]]\nid = \"threat\"\nlabel = \"T\"\ndefinition = \"D\"\nterms = [\n  { pattern = \"ro*te\", why = \"w\" },\n]\n",
    )
    .unwrap();
    let out = dir.path().join("report");
    let error = report::generate(
        &Input::folder(dir.path()),
        &lexicon,
        &AnalysisConfig::default(),
        &out,
        &Silent,
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.ends_with("bad.toml:9: frame `threat`: pattern `ro*te` may have `*` only at the start or the end of a word"),
        "{error}"
    );
    assert!(!out.exists());
}

#[test]
fn a_failed_run_keeps_the_last_good_report() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    for (name, text) in [
        ("a.txt", ARTICLE),
        ("b.txt", "Gespräche über Dialog."),
        ("c.txt", "Krieg und Einmarsch drohen."),
    ] {
        fs::write(corpus.join(name), text).unwrap();
    }
    let out = dir.path().join("report");
    let input = Input::folder(&corpus);
    report::generate(
        &input,
        &default_lexicon(),
        &AnalysisConfig::default(),
        &out,
        &Silent,
    )
    .unwrap();
    let before = fs::read(out.join("report.md")).unwrap();

    // The corpus breaks: every article becomes unreadable.
    for name in ["a.txt", "b.txt", "c.txt"] {
        fs::write(corpus.join(name), b"").unwrap();
    }
    let error = report::generate(
        &input,
        &default_lexicon(),
        &AnalysisConfig::default(),
        &out,
        &Silent,
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("holds no readable article"),
        "{error}"
    );
    assert_eq!(fs::read(out.join("report.md")).unwrap(), before);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no staging folder is left behind: {leftovers:?}"
    );
}
