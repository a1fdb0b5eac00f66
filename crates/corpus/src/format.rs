//! What kind of input a path is (folder, CSV/TSV, JSONL) and the options that
//! say how to read it, so that every reader starts from one checked choice.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::error::CorpusError;

/// The kinds of corpus input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A folder of `.txt` files, with an optional `manifest.toml` or
    /// `manifest.csv`.
    Folder,
    /// A CSV or TSV file, one article per record.
    Csv,
    /// A JSON Lines file, one article per line (a JSON object).
    Jsonl,
}

impl Format {
    /// The format of `path`: a folder is [`Format::Folder`], `*.csv` and
    /// `*.tsv` are [`Format::Csv`], `*.jsonl` and `*.ndjson` are
    /// [`Format::Jsonl`] (extensions in any case); anything else is
    /// [`CorpusError::UnknownFormat`].
    pub fn detect(path: &Path) -> Result<Format, CorpusError> {
        if !path.exists() {
            return Err(CorpusError::NotFound {
                path: path.to_path_buf(),
            });
        }
        if path.is_dir() {
            return Ok(Format::Folder);
        }
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("csv" | "tsv") => Ok(Format::Csv),
            Some("jsonl" | "ndjson") => Ok(Format::Jsonl),
            _ => Err(CorpusError::UnknownFormat {
                path: path.to_path_buf(),
            }),
        }
    }

    /// The lowercase name used on command lines: `folder`, `csv`, `jsonl`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Folder => "folder",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    /// Parses `folder`, `csv` (or `tsv`) and `jsonl` (or `ndjson`).
    fn from_str(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "folder" => Ok(Format::Folder),
            "csv" | "tsv" => Ok(Format::Csv),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            _ => Err(format!(
                "unknown input format `{s}`: expected folder, csv or jsonl"
            )),
        }
    }
}

/// How to read a corpus; [`InputOptions::default`] reads a folder as
/// [`load`](crate::load) always has, and a CSV with a header and a `text`
/// column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputOptions {
    /// The input format; `None` detects it with [`Format::detect`].
    pub format: Option<Format>,
    /// CSV field delimiter; `None` is `\t` for `*.tsv` files and `,` for
    /// everything else.
    pub delimiter: Option<u8>,
    /// CSV quote character (`"` by default); a quote inside a quoted field
    /// is written twice.
    pub quote: u8,
    /// Whether the first CSV record is a header of column names (default
    /// `true`).
    pub has_header: bool,
    /// Column names for a CSV file, in order (`["label", "text"]`). They name
    /// the columns of a headerless file, or replace the header's names. A
    /// headerless file without them has columns `column-1`, `column-2`, ...
    pub columns: Option<Vec<String>>,
    /// Which column (CSV) or field (JSONL) holds the text and the metadata.
    /// Folders take their metadata from the manifest instead.
    pub fields: FieldMapping,
    /// The column or field whose value groups the articles for comparison
    /// ([`Article::group`](crate::Article::group)); `None` groups by outlet.
    pub group_by: Option<String>,
}

impl Default for InputOptions {
    fn default() -> InputOptions {
        InputOptions {
            format: None,
            delimiter: None,
            quote: b'"',
            has_header: true,
            columns: None,
            fields: FieldMapping::default(),
            group_by: None,
        }
    }
}

impl InputOptions {
    /// The CSV delimiter for `path`: the one given, else by extension.
    pub(crate) fn delimiter_for(&self, path: &Path) -> u8 {
        self.delimiter.unwrap_or_else(|| {
            let tsv = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
            if tsv { b'\t' } else { b',' }
        })
    }
}

/// Which CSV column or JSONL field holds what. A `None` metadata name means
/// "the column of the usual name (`id`, `outlet`, `title`, `date`) if the
/// file has one"; a name given must exist in a CSV header. Columns that play
/// none of these parts go into [`Article::fields`](crate::Article::fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMapping {
    /// The article text (default `text`); required.
    pub text: String,
    /// The article id (default `id`); without one, ids are `row-<n>` (CSV
    /// record `n`) or `line-<n>` (JSONL line `n`).
    pub id: Option<String>,
    /// The outlet (default `outlet`); empty or `unknown` means unknown.
    pub outlet: Option<String>,
    /// The headline (default `title`).
    pub title: Option<String>,
    /// The date (default `date`): `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or a
    /// timestamp starting with `YYYY-MM-DD` followed by `T` or a space.
    pub date: Option<String>,
}

impl Default for FieldMapping {
    fn default() -> FieldMapping {
        FieldMapping {
            text: "text".to_owned(),
            id: None,
            outlet: None,
            title: None,
            date: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_paths() {
        let dir = tempfile::tempdir().unwrap();
        let cases = [
            ("a.csv", Ok(Format::Csv)),
            ("a.TSV", Ok(Format::Csv)),
            ("a.jsonl", Ok(Format::Jsonl)),
            ("a.ndjson", Ok(Format::Jsonl)),
            ("a.txt", Err("a.txt: expected a folder")),
            ("a", Err("a: expected a folder")),
        ];
        for (name, expected) in cases {
            let path = dir.path().join(name);
            std::fs::write(&path, "").unwrap();
            match (Format::detect(&path), expected) {
                (Ok(format), Ok(want)) => assert_eq!(format, want, "{name}"),
                (Err(error), Err(want)) => {
                    let message = error.to_string();
                    assert!(message.contains(want), "{message}");
                    assert!(message.starts_with("cannot tell the format of "));
                }
                (got, want) => panic!("{name}: {got:?} vs {want:?}"),
            }
        }
        assert_eq!(Format::detect(dir.path()).unwrap(), Format::Folder);
        assert!(matches!(
            Format::detect(&dir.path().join("gone.csv")),
            Err(CorpusError::NotFound { .. })
        ));
    }

    #[test]
    fn format_names() {
        for format in [Format::Folder, Format::Csv, Format::Jsonl] {
            assert_eq!(format.to_string().parse::<Format>(), Ok(format));
        }
        assert_eq!("TSV".parse::<Format>(), Ok(Format::Csv));
        assert_eq!(
            "xml".parse::<Format>().unwrap_err(),
            "unknown input format `xml`: expected folder, csv or jsonl"
        );
    }

    #[test]
    fn delimiter_defaults_by_extension() {
        let options = InputOptions::default();
        assert_eq!(options.delimiter_for(Path::new("a.tsv")), b'\t');
        assert_eq!(options.delimiter_for(Path::new("a.csv")), b',');
        let semicolon = InputOptions {
            delimiter: Some(b';'),
            ..InputOptions::default()
        };
        assert_eq!(semicolon.delimiter_for(Path::new("a.tsv")), b';');
    }
}
