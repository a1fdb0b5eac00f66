//! A folder of `.txt` articles, described by an optional `manifest.toml`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::article::{Article, Corpus, Skipped};
use crate::error::CorpusError;
use crate::manifest::{Manifest, ManifestArticle, parse_manifest};

/// Name of the manifest file inside a corpus folder.
pub const MANIFEST: &str = "manifest.toml";

/// Loads the corpus in folder `path`.
///
/// With a `manifest.toml`, articles come in manifest order with its metadata;
/// `.txt` files the manifest does not list are still read (with their file
/// name as id) and a warning says so. Without one, every `.txt` file is an
/// article, in file-name order, with its file stem as id.
pub fn load(path: &Path) -> Result<Corpus, CorpusError> {
    if !path.exists() {
        return Err(CorpusError::NotFound {
            path: path.to_path_buf(),
        });
    }
    if !path.is_dir() {
        return Err(CorpusError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other("not a folder of .txt files"),
        });
    }
    let manifest_path = path.join(MANIFEST);
    let manifest = if manifest_path.is_file() {
        let text = fs::read_to_string(&manifest_path).map_err(|source| CorpusError::Io {
            path: manifest_path.clone(),
            source,
        })?;
        Some(parse_manifest(&text, &manifest_path)?)
    } else {
        None
    };
    let text_files = text_files(path)?;
    let mut corpus = Corpus {
        name: manifest
            .as_ref()
            .and_then(|m| m.corpus.name.clone())
            .unwrap_or_else(|| folder_name(path)),
        title: manifest.as_ref().and_then(|m| m.corpus.title.clone()),
        description: manifest.as_ref().and_then(|m| m.corpus.description.clone()),
        articles: Vec::new(),
        skipped: Vec::new(),
        warnings: Vec::new(),
    };
    let listed: BTreeSet<&str> = manifest
        .iter()
        .flat_map(|m| m.articles.iter().map(|a| a.file.as_str()))
        .collect();
    let mut entries: Vec<ManifestArticle> = manifest
        .as_ref()
        .map_or_else(Vec::new, |m: &Manifest| m.articles.clone());
    let mut ids: BTreeSet<String> = entries.iter().map(|e| e.id.clone()).collect();
    for file in &text_files {
        if listed.contains(file.as_str()) {
            continue;
        }
        let stem = file.strip_suffix(".txt").unwrap_or(file).to_owned();
        if manifest.is_some() {
            corpus.warnings.push(format!(
                "{file} is not listed in {MANIFEST}: read with id `{stem}` and no metadata"
            ));
        }
        if !ids.insert(stem.clone()) {
            corpus.skipped.push(Skipped {
                origin: path.join(file).display().to_string(),
                reason: format!("id `{stem}` is already used by a manifest entry"),
            });
            continue;
        }
        entries.push(ManifestArticle {
            id: stem,
            file: file.clone(),
            outlet: None,
            title: None,
            date: None,
            language: None,
            fields: Default::default(),
            line: 0,
        });
    }
    for entry in entries {
        let file_path = path.join(&entry.file);
        let origin = file_path.display().to_string();
        match read_article(&file_path) {
            Ok((text, encoding)) => corpus.articles.push(Article {
                id: entry.id,
                outlet: entry.outlet,
                title: entry.title,
                date: entry.date,
                language: entry.language,
                fields: entry.fields,
                origin,
                text,
                encoding,
            }),
            Err(reason) => corpus.skipped.push(Skipped { origin, reason }),
        }
    }
    if corpus.articles.is_empty() {
        return Err(CorpusError::Empty {
            path: path.to_path_buf(),
            skipped: corpus.skipped,
        });
    }
    Ok(corpus)
}

/// Reads and decodes one article file; the error is a lowercase reason.
fn read_article(path: &Path) -> Result<(String, &'static str), String> {
    let bytes = fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".to_owned(),
        _ => format!("cannot read file: {}", e.to_string().to_lowercase()),
    })?;
    if core_text::looks_binary(&bytes) {
        return Err("file is binary, not text".to_owned());
    }
    let decoded = core_text::decode(&bytes);
    if decoded.text.trim().is_empty() {
        return Err("file is empty".to_owned());
    }
    if decoded.had_replacements {
        return Err(format!(
            "file has bytes that are not valid {}; re-save it as UTF-8",
            decoded.encoding
        ));
    }
    Ok((decoded.text, decoded.encoding))
}

/// `.txt` files directly inside `path`, sorted by name.
fn text_files(path: &Path) -> Result<Vec<String>, CorpusError> {
    let io_error = |source| CorpusError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in fs::read_dir(path).map_err(io_error)? {
        let entry = entry.map_err(io_error)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".txt") && entry.path().is_file() {
            files.push(name);
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
        let reasons: Vec<&str> = corpus.skipped.iter().map(|s| s.reason.as_str()).collect();
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
}
