//! Bad input gets a clear error naming the file and line, one broken article
//! never kills a run, and a failed run never destroys the last good report.

use std::fs;
use std::path::Path;

use rahmen_tests::default_lexicon;
use report::ReportConfig;

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
    let (analysis, files) =
        report::generate(dir.path(), &default_lexicon(), &ReportConfig::default()).unwrap();
    assert_eq!(analysis.articles.len(), 3);
    assert_eq!(analysis.skipped.len(), 1);
    assert!(
        analysis.skipped[0]
            .to_string()
            .ends_with("broken.txt: file is binary, not text")
    );
    let markdown = String::from_utf8(files.files[Path::new("report.md")].clone()).unwrap();
    assert!(markdown.contains("broken.txt: file is binary, not text"));
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
    let error = report::generate(dir.path(), &lexicon, &ReportConfig::default())
        .unwrap_err()
        .to_string();
    assert!(error.ends_with("bad.toml:9: frame `threat`: pattern `ro*te` may have `*` only at the start or the end of a word"), "{error}");
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
    let (_, files) =
        report::generate(&corpus, &default_lexicon(), &ReportConfig::default()).unwrap();
    files.write(&out).unwrap();
    let before = fs::read(out.join("report.md")).unwrap();

    // The corpus breaks: every article becomes unreadable.
    for name in ["a.txt", "b.txt", "c.txt"] {
        fs::write(corpus.join(name), b"").unwrap();
    }
    let error =
        report::generate(&corpus, &default_lexicon(), &ReportConfig::default()).unwrap_err();
    assert!(
        error.to_string().contains("holds no readable article"),
        "{error}"
    );
    assert_eq!(fs::read(out.join("report.md")).unwrap(), before);
}
