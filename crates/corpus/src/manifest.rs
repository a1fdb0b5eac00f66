//! `manifest.toml`: the metadata researchers write for a folder of articles
//! (outlet, date, title and the evidence for each), checked line by line; the
//! entry checks are shared with `manifest.csv`.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use serde::Deserialize;

use crate::error::CorpusError;

/// A parsed and checked manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// The `[corpus]` table.
    pub corpus: CorpusInfo,
    /// The `[[article]]` entries, in file order.
    pub articles: Vec<ManifestArticle>,
}

/// The optional `[corpus]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpusInfo {
    /// Short name (defaults to the folder name).
    pub name: Option<String>,
    /// Human title.
    pub title: Option<String>,
    /// What the corpus is and where it comes from.
    pub description: Option<String>,
    /// Language of the articles (`de`).
    pub language: Option<String>,
}

/// One `[[article]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestArticle {
    /// Identifier, unique within the manifest.
    pub id: String,
    /// File name, relative to the manifest's folder.
    pub file: String,
    /// Outlet; `None` when the entry says `unknown` or leaves it empty.
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Date, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Every other key of the entry (`outlet_evidence`, `notes`, ...).
    pub fields: BTreeMap<String, String>,
    /// 1-based line of the entry's `[[article]]` header.
    pub line: usize,
}

#[derive(Deserialize)]
struct RawManifest {
    #[serde(default)]
    corpus: CorpusInfo,
    #[serde(default)]
    article: Vec<BTreeMap<String, toml::Value>>,
}

/// The article keys with a meaning of their own; every other key is a field.
pub(crate) const ARTICLE_KEYS: [&str; 6] = ["id", "file", "outlet", "title", "date", "language"];

/// Parses and checks a manifest; `path` is only used in messages.
pub fn parse_manifest(text: &str, path: &Path) -> Result<Manifest, CorpusError> {
    let error = |line: usize, message: String| CorpusError::Manifest {
        path: path.to_path_buf(),
        line,
        message,
    };
    let raw: RawManifest = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map_or(1, |span| text[..span.start].matches('\n').count() + 1);
        error(line, e.message().to_lowercase())
    })?;
    let header_lines = article_header_lines(text);
    let mut articles = Vec::with_capacity(raw.article.len());
    for (index, entry) in raw.article.into_iter().enumerate() {
        let line = header_lines.get(index).copied().unwrap_or(1);
        let mut strings = BTreeMap::new();
        for (key, value) in entry {
            let text = match value {
                toml::Value::String(s) => s,
                other if ARTICLE_KEYS.contains(&key.as_str()) => {
                    return Err(error(
                        line,
                        format!(
                            "article field `{key}` must be a string, found {}",
                            other.type_str()
                        ),
                    ));
                }
                other => other.to_string(),
            };
            strings.insert(key, text);
        }
        articles.push(check_article(strings, line, &error)?);
    }
    Ok(Manifest {
        corpus: raw.corpus,
        articles,
    })
}

/// Checks one manifest entry (`key = value` strings) that starts on `line`.
/// An id used twice is not an error here: the reader keeps the later
/// article under a suffixed id and names it in the warnings.
pub(crate) fn check_article(
    mut entry: BTreeMap<String, String>,
    line: usize,
    error: &dyn Fn(usize, String) -> CorpusError,
) -> Result<ManifestArticle, CorpusError> {
    let mut take = |key: &str| {
        entry
            .remove(key)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let id = take("id").ok_or_else(|| error(line, "article has no `id`".to_owned()))?;
    let file = take("file").ok_or_else(|| error(line, format!("article `{id}` has no `file`")))?;
    if !is_plain_relative(&file) {
        return Err(error(
            line,
            format!(
                "article `{id}`: file `{file}` must be a relative path inside the corpus folder"
            ),
        ));
    }
    let outlet = take("outlet").filter(|s| !s.eq_ignore_ascii_case("unknown"));
    let title = take("title");
    let date = take("date");
    if let Some(date) = &date {
        if !is_partial_iso_date(date) {
            return Err(error(
                line,
                format!("article `{id}`: date `{date}` is not YYYY-MM-DD, YYYY-MM or YYYY"),
            ));
        }
    }
    let language = take("language");
    Ok(ManifestArticle {
        id,
        file,
        outlet,
        title,
        date,
        language,
        fields: entry,
        line,
    })
}

impl ManifestArticle {
    /// The value of field `name`: one of the article keys or a free field.
    pub(crate) fn value(&self, name: &str) -> Option<&str> {
        match name {
            "id" => Some(&self.id),
            "file" => Some(&self.file),
            "outlet" => self.outlet.as_deref(),
            "title" => self.title.as_deref(),
            "date" => self.date.as_deref(),
            "language" => self.language.as_deref(),
            _ => self.fields.get(name).map(String::as_str),
        }
    }
}

/// Line numbers of the `[[article]]` headers, in order.
fn article_header_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            compact.starts_with("[[article]]")
        })
        .map(|(i, _)| i + 1)
        .collect()
}

fn is_plain_relative(file: &str) -> bool {
    let path = Path::new(file);
    path.components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
pub(crate) fn is_partial_iso_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    let Some(numbers) = numbers else {
        return false;
    };
    let widths_ok = parts
        .iter()
        .zip([4, 2, 2])
        .all(|(p, width)| p.len() == width && p.bytes().all(|b| b.is_ascii_digit()));
    if !widths_ok || parts.len() > 3 {
        return false;
    }
    match numbers.as_slice() {
        [_] => true,
        [_, month] => (1..=12).contains(month),
        [year, month, day] => {
            (1..=12).contains(month) && *day >= 1 && *day <= days_in_month(*year, *month)
        }
        _ => false,
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Manifest, String> {
        parse_manifest(text, Path::new("manifest.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn full_entry() {
        let manifest = parse(
            "[corpus]\nname = \"talks\"\n\n[[article]]\nid = \"000\"\nfile = \"000.txt\"\noutlet = \"RT DE\"\n\
             outlet_evidence = \"closing line 'Quelle: RT DE'\"\ndate = \"2022-01-13\"\ntitle = \"Kreml enttäuscht\"\n",
        )
        .unwrap();
        assert_eq!(manifest.corpus.name.as_deref(), Some("talks"));
        let article = &manifest.articles[0];
        assert_eq!(article.line, 4);
        assert_eq!(article.outlet.as_deref(), Some("RT DE"));
        assert_eq!(
            article.fields["outlet_evidence"],
            "closing line 'Quelle: RT DE'"
        );
    }

    #[test]
    fn unknown_outlet_is_none() {
        let manifest =
            parse("[[article]]\nid = \"a\"\nfile = \"a.txt\"\noutlet = \"unknown\"\n").unwrap();
        assert_eq!(manifest.articles[0].outlet, None);
    }

    #[test]
    fn errors_name_the_line_and_the_problem() {
        let cases = [
            (
                "[[article]]\nid = \"a\"\n",
                "manifest.toml:1: article `a` has no `file`",
            ),
            (
                "[[article]]\nid = \"a\"\nfile = \"a.txt\"\ndate = \"13.01.2022\"\n",
                "manifest.toml:1: article `a`: date `13.01.2022` is not YYYY-MM-DD, YYYY-MM or YYYY",
            ),
            (
                "[[article]]\nid = \"a\"\nfile = \"../secret.txt\"\n",
                "manifest.toml:1: article `a`: file `../secret.txt` must be a relative path inside the corpus folder",
            ),
            (
                "[[article]]\nid = 7\nfile = \"a.txt\"\n",
                "manifest.toml:1: article field `id` must be a string, found integer",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text).unwrap_err(), expected);
        }
        let syntax = parse("[[article]]\nid = \"a\nfile = \"a.txt\"\n").unwrap_err();
        assert!(syntax.starts_with("manifest.toml:2: "), "{syntax}");
    }

    #[test]
    fn dates() {
        for good in ["2022", "2022-01", "2022-01-13", "2024-02-29"] {
            assert!(is_partial_iso_date(good), "{good}");
        }
        for bad in [
            "22",
            "2022-1-13",
            "2022-13-01",
            "2023-02-29",
            "2022-01-13-01",
            "heute",
        ] {
            assert!(!is_partial_iso_date(bad), "{bad}");
        }
    }
}
