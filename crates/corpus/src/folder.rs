//! A folder of `.txt` articles, described by an optional `manifest.toml` or
//! `manifest.csv`: the file list is made up front, the files are read per batch.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::article::{Article, Entry};
use crate::error::CorpusError;
use crate::format::{Format, InputOptions};
use crate::manifest::{ARTICLE_KEYS, Manifest, ManifestArticle, parse_manifest};
use crate::manifest_csv::parse_manifest_csv;
use crate::source::{EntrySource, Opened, SourceInfo, file_name};
use crate::warning::{InputWarning, Origin, WarningKind};

/// Name of the manifest file inside a corpus folder.
pub(crate) const MANIFEST: &str = "manifest.toml";

/// Name of the table form of the manifest (`manifest.csv`).
pub(crate) const MANIFEST_CSV: &str = "manifest.csv";

/// Opens the corpus in folder `path`.
///
/// With a manifest, articles come in manifest order with its metadata; `.txt`
/// files the manifest does not list are still read (with their file stem as
/// id) and a warning says so. Without one, every `.txt` file is an article,
/// in file-name order, with its file stem as id.
pub(crate) fn open(path: &Path, options: &InputOptions) -> Result<Opened, CorpusError> {
    let (manifest, manifest_path, mut columns) = read_manifest(path)?;
    let has_manifest = manifest.is_some();
    let (corpus, mut plan) = manifest.map_or_else(Default::default, |m| (m.corpus, m.articles));
    let listed: BTreeSet<String> = plan.iter().map(|a| a.file.clone()).collect();
    let mut warnings = Vec::new();
    let mut total_bytes = 0;
    for article in &plan {
        total_bytes += fs::metadata(path.join(&article.file)).map_or(0, |m| m.len());
    }
    for (file, size) in text_files(path)? {
        if listed.contains(&file) {
            continue;
        }
        total_bytes += size;
        let stem = file.strip_suffix(".txt").unwrap_or(&file).to_owned();
        if has_manifest {
            warnings.push(InputWarning::new(
                Origin::file(path.join(&file).display().to_string()),
                WarningKind::NotInManifest,
                format!(
                    "not listed in {}: read with id `{stem}` and no metadata",
                    file_name(&manifest_path)
                ),
            ));
        }
        plan.push(ManifestArticle {
            id: stem,
            file,
            outlet: None,
            title: None,
            date: None,
            language: None,
            fields: Default::default(),
            line: 0,
        });
    }
    columns.retain(|c| !ARTICLE_KEYS.contains(&c.as_str()));
    columns.sort();
    columns.dedup();
    columns.splice(0..0, ARTICLE_KEYS.iter().map(|k| (*k).to_owned()));
    if let Some(group_by) = &options.group_by {
        if !columns.contains(group_by) {
            return Err(CorpusError::MissingColumn {
                path: manifest_path,
                purpose: "group-by field",
                column: group_by.clone(),
                available: columns,
            });
        }
    }
    let info = SourceInfo {
        name: corpus.name.unwrap_or_else(|| folder_name(path)),
        title: corpus.title,
        description: corpus.description,
        language: corpus.language,
        format: Format::Folder,
        path: path.to_path_buf(),
        encoding: None,
        columns,
    };
    let source = FolderSource {
        root: path.to_path_buf(),
        plan: plan.into_iter(),
        group_by: options.group_by.clone(),
        bytes_read: 0,
        total_bytes,
    };
    Ok(Opened {
        info,
        source: Box::new(source),
        warnings,
    })
}

/// The folder's manifest (TOML or CSV, never both), its path (the folder when
/// there is none) and the field names its articles use.
fn read_manifest(path: &Path) -> Result<(Option<Manifest>, PathBuf, Vec<String>), CorpusError> {
    let toml_path = path.join(MANIFEST);
    let csv_path = path.join(MANIFEST_CSV);
    let read = |file: &Path| {
        fs::read(file).map_err(|source| CorpusError::Io {
            path: file.to_path_buf(),
            source,
        })
    };
    match (toml_path.is_file(), csv_path.is_file()) {
        (true, true) => Err(CorpusError::Input {
            path: path.to_path_buf(),
            message: format!("has both {MANIFEST} and {MANIFEST_CSV}: keep one"),
        }),
        (true, false) => {
            let bytes = read(&toml_path)?;
            let text = String::from_utf8(bytes).map_err(|_| CorpusError::Manifest {
                path: toml_path.clone(),
                line: 1,
                message: "manifest is not valid UTF-8".to_owned(),
            })?;
            let manifest = parse_manifest(&text, &toml_path)?;
            let columns = manifest
                .articles
                .iter()
                .flat_map(|a| a.fields.keys().cloned())
                .collect();
            Ok((Some(manifest), toml_path, columns))
        }
        (false, true) => {
            let text = core_text::decode(&read(&csv_path)?).text;
            let (manifest, columns) = parse_manifest_csv(&text, &csv_path)?;
            Ok((Some(manifest), csv_path, columns))
        }
        (false, false) => Ok((None, path.to_path_buf(), Vec::new())),
    }
}

/// The planned articles of a folder, read one file at a time.
struct FolderSource {
    root: PathBuf,
    plan: std::vec::IntoIter<ManifestArticle>,
    group_by: Option<String>,
    bytes_read: u64,
    total_bytes: u64,
}

impl EntrySource for FolderSource {
    fn next_entry(&mut self) -> Option<Entry> {
        let entry = self.plan.next()?;
        let file_path = self.root.join(&entry.file);
        let origin = Origin::file(file_path.display().to_string());
        let (text, encoding, repaired) = match read_article(&file_path) {
            Ok(read) => {
                self.bytes_read += read.size;
                (read.text, read.encoding, read.repaired)
            }
            Err((kind, reason)) => {
                return Some(Entry::Skipped(InputWarning::new(origin, kind, reason)));
            }
        };
        let warnings = InputWarning::repaired(&origin, repaired)
            .into_iter()
            .collect();
        let group = self
            .group_by
            .as_deref()
            .map_or(entry.outlet.as_deref(), |name| entry.value(name))
            .map(str::trim)
            .filter(|g| !g.is_empty() && !g.eq_ignore_ascii_case("unknown"))
            .map_or_else(|| format!("unknown ({})", entry.id), str::to_owned);
        Some(Entry::Article(Article {
            id: entry.id,
            outlet: entry.outlet,
            title: entry.title,
            date: entry.date,
            language: entry.language,
            group,
            fields: entry.fields,
            origin,
            text,
            encoding,
            warnings,
        }))
    }

    fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    fn total_bytes(&self) -> Option<u64> {
        Some(self.total_bytes)
    }
}

/// One article file, decoded.
struct ReadArticle {
    text: String,
    encoding: &'static str,
    /// Invalid UTF-8 sequences repaired.
    repaired: usize,
    /// The file's size in bytes.
    size: u64,
}

/// Reads and decodes one article file; the error is the kind of problem and
/// a lowercase reason.
fn read_article(path: &Path) -> Result<ReadArticle, (WarningKind, String)> {
    let bytes = fs::read(path).map_err(|e| {
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound => "file not found".to_owned(),
            _ => format!("cannot read file: {}", e.to_string().to_lowercase()),
        };
        (WarningKind::SkippedUnreadable, reason)
    })?;
    if core_text::looks_binary(&bytes) {
        return Err((
            WarningKind::SkippedBinary,
            "file is binary, not text".to_owned(),
        ));
    }
    let decoded = core_text::decode(&bytes);
    if decoded.text.trim().is_empty() {
        return Err((WarningKind::SkippedEmpty, "file is empty".to_owned()));
    }
    // Repaired UTF-8 keeps its text; only a legacy decoder's U+FFFD means
    // the file is in no encoding we can tell.
    if decoded.had_replacements && decoded.repaired == 0 {
        return Err((
            WarningKind::SkippedMalformed,
            format!(
                "file has bytes that are not valid {}; re-save it as UTF-8",
                decoded.encoding
            ),
        ));
    }
    Ok(ReadArticle {
        text: decoded.text,
        encoding: decoded.encoding,
        repaired: decoded.repaired,
        size: bytes.len() as u64,
    })
}

/// `.txt` files directly inside `path` with their sizes, sorted by name.
fn text_files(path: &Path) -> Result<Vec<(String, u64)>, CorpusError> {
    let io_error = |source| CorpusError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in fs::read_dir(path).map_err(io_error)? {
        let entry = entry.map_err(io_error)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".txt") {
            continue;
        }
        // `fs::metadata` follows symbolic links, as reading the file will.
        let Ok(metadata) = fs::metadata(entry.path()) else {
            continue;
        };
        if metadata.is_file() {
            files.push((name, metadata.len()));
        }
    }
    files.sort();
    Ok(files)
}

fn folder_name(path: &Path) -> String {
    let absolute = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    absolute
        .file_name()
        .map_or_else(|| "corpus".to_owned(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            fs::write(dir.path().join(name), bytes).unwrap();
        }
        dir
    }

    #[test]
    fn without_manifest_every_text_file_is_an_article() {
        let dir = folder(&[
            ("b.txt", b"Zweiter Text."),
            ("a.txt", b"Erster Text."),
            ("notes.md", b"# no"),
        ]);
        let corpus = load(dir.path()).unwrap();
        let ids: Vec<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert!(corpus.warnings.is_empty());
    }

    #[test]
    fn broken_articles_are_skipped_not_fatal() {
        let dir = folder(&[
            ("good.txt", "Gespräche über Sicherheitsgarantien.".as_bytes()),
            ("empty.txt", b"  \n"),
            ("binary.txt", b"PK\x03\x04\x00\x00"),
            (
                "manifest.toml",
                b"[[article]]\nid = \"good\"\nfile = \"good.txt\"\n\n[[article]]\nid = \"gone\"\nfile = \"gone.txt\"\n",
            ),
        ]);
        let corpus = load(dir.path()).unwrap();
        assert_eq!(corpus.articles.len(), 1);
        let reasons: Vec<&str> = corpus.skipped.iter().map(|s| s.detail.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "file not found",
                "file is binary, not text",
                "file is empty"
            ]
        );
        assert_eq!(corpus.warnings.len(), 2, "{:?}", corpus.warnings);
    }

    #[test]
    fn latin1_files_are_decoded() {
        let dir = folder(&[("a.txt", b"Gespr\xe4che \xfcber Garantien")]);
        let corpus = load(dir.path()).unwrap();
        assert_eq!(corpus.articles[0].text, "Gespräche über Garantien");
        assert_eq!(corpus.articles[0].encoding, "windows-1252");
    }

    #[test]
    fn fatal_errors() {
        let missing = load(Path::new("/no/such/corpus")).unwrap_err().to_string();
        assert_eq!(missing, "corpus /no/such/corpus does not exist");
        let dir = folder(&[("empty.txt", b"")]);
        let empty = load(dir.path()).unwrap_err().to_string();
        assert!(empty.ends_with("empty.txt: file is empty)"), "{empty}");
        let bad = folder(&[("manifest.toml", b"[[article]]\nid = 3\n")]);
        assert!(
            load(bad.path())
                .unwrap_err()
                .to_string()
                .contains("manifest.toml:1: ")
        );
    }

    #[test]
    fn manifest_csv_gives_the_metadata() {
        let dir = folder(&[
            ("a.txt", b"Erster Text."),
            ("b.txt", b"Zweiter Text."),
            (
                "manifest.csv",
                b"id;file;outlet;camp\nb;b.txt;SNA;ost\nx;a.txt;;west\n",
            ),
        ]);
        let corpus = load(dir.path()).unwrap();
        let got: Vec<(&str, &str, &str)> = corpus
            .articles
            .iter()
            .map(|a| (a.id.as_str(), a.group.as_str(), a.fields["camp"].as_str()))
            .collect();
        assert_eq!(got, [("b", "SNA", "ost"), ("x", "unknown (x)", "west")]);
    }

    #[test]
    fn group_by_a_manifest_field() {
        let manifest = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\ncamp = \"ost\"\n\n\
                        [[article]]\nid = \"b\"\nfile = \"b.txt\"\n";
        let dir = folder(&[
            ("a.txt", b"Erster Text."),
            ("b.txt", b"Zweiter Text."),
            ("manifest.toml", manifest.as_bytes()),
        ]);
        let group_by = |name: &str| InputOptions {
            group_by: Some(name.to_owned()),
            ..InputOptions::default()
        };
        let corpus = crate::open(dir.path(), &group_by("camp"))
            .unwrap()
            .read_all()
            .unwrap();
        let groups: Vec<&str> = corpus.articles.iter().map(|a| a.group.as_str()).collect();
        assert_eq!(groups, ["ost", "unknown (b)"]);
        let error = crate::open(dir.path(), &group_by("lager"))
            .unwrap_err()
            .to_string();
        assert!(
            error.ends_with("manifest.toml: no group-by field `lager` (found: `id`, `file`, `outlet`, `title`, `date`, `language`, `camp`)"),
            "{error}"
        );
    }

    #[test]
    fn files_are_read_per_batch() {
        let dir = folder(&[
            ("a.txt", b"Eins."),
            ("b.txt", b"Zwei."),
            ("c.txt", b"Drei."),
            (
                "manifest.toml",
                b"[[article]]\nid = \"b\"\nfile = \"a.txt\"\n",
            ),
        ]);
        let mut reader = crate::open(dir.path(), &InputOptions::default()).unwrap();
        assert_eq!(reader.total_bytes(), Some(15));
        let mut seen = Vec::new();
        while let Some(batch) = reader.next_batch(1) {
            seen.push((batch.len(), reader.bytes_read()));
            // The second `b` is kept, renamed, with a warning naming both.
            let renamed = match &batch[..] {
                [Entry::Article(article)] if article.origin.file.ends_with("b.txt") => {
                    Some(article)
                }
                _ => None,
            };
            if let Some(article) = renamed {
                assert_eq!(article.id, "b-2");
                let warning = &article.warnings[0];
                assert_eq!(warning.kind, crate::WarningKind::DuplicateId);
                assert!(warning.detail.starts_with("id `b` is already used by "));
                assert!(warning.detail.ends_with("a.txt: kept as `b-2`"));
            }
        }
        assert_eq!(seen, [(1, 5), (1, 10), (1, 15)]);
        assert_eq!(reader.warnings().len(), 2, "{:?}", reader.warnings());
    }

    #[test]
    fn two_manifests_are_an_error() {
        let dir = folder(&[
            ("a.txt", b"Eins."),
            ("manifest.toml", b""),
            ("manifest.csv", b"id,file\n"),
        ]);
        let error = load(dir.path()).unwrap_err().to_string();
        assert!(
            error.ends_with(": has both manifest.toml and manifest.csv: keep one"),
            "{error}"
        );
    }
}
