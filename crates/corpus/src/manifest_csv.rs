//! `manifest.csv`: the same metadata as `manifest.toml` as a table, for
//! researchers who keep it in a spreadsheet; checked row by row.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::error::CorpusError;
use crate::manifest::{CorpusInfo, Manifest, check_article};

/// Parses and checks a `manifest.csv` (already decoded); `path` is only used
/// in messages. Returns the manifest and the header's column names.
///
/// The first row names the columns: `id` and `file` are required, `outlet`,
/// `date`, `title` and `language` are read as in `manifest.toml`, and every
/// other column is a field. Empty cells count as absent. The delimiter is
/// `,`, or `;` or a tab when the header holds more of those (spreadsheets
/// with a German locale write `;`).
pub fn parse_manifest_csv(text: &str, path: &Path) -> Result<(Manifest, Vec<String>), CorpusError> {
    let error = |line: usize, message: String| CorpusError::Manifest {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        None => return Err(error(1, "manifest has no header row".to_owned())),
        Some(record) => record
            .map_err(|e| error(1, e.to_string().to_lowercase()))?
            .iter()
            .map(|name| name.trim().to_owned())
            .collect(),
    };
    for required in ["id", "file"] {
        if !header.iter().any(|name| name == required) {
            let found: Vec<String> = header.iter().map(|n| format!("`{n}`")).collect();
            return Err(error(
                1,
                format!(
                    "the header has no column `{required}` (found: {})",
                    found.join(", ")
                ),
            ));
        }
    }
    let mut names = BTreeSet::new();
    if let Some(twice) = header.iter().find(|name| !names.insert(name.as_str())) {
        return Err(error(1, format!("column `{twice}` appears twice")));
    }
    let mut articles = Vec::new();
    for record in records {
        let record = record.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line() as usize);
            error(line, e.to_string().to_lowercase())
        })?;
        let line = record.position().map_or(1, |p| p.line() as usize);
        if record.len() != header.len() {
            return Err(error(
                line,
                format!(
                    "row has {} cells, the header has {}",
                    record.len(),
                    header.len()
                ),
            ));
        }
        let entry: BTreeMap<String, String> = header
            .iter()
            .zip(record.iter())
            .filter(|(_, cell)| !cell.trim().is_empty())
            .map(|(name, cell)| (name.clone(), cell.to_owned()))
            .collect();
        articles.push(check_article(entry, line, &error)?);
    }
    let manifest = Manifest {
        corpus: CorpusInfo::default(),
        articles,
    };
    Ok((manifest, header))
}

/// `,`, unless the first line has more `;` or tabs.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first.bytes().filter(|b| b == d).count(), d == &b','))
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Manifest, String> {
        parse_manifest_csv(text, Path::new("manifest.csv"))
            .map(|(m, _)| m)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn rows_become_articles() {
        let manifest = parse(
            "id,file,outlet,date,title,outlet_evidence,notes\n\
             a,a.txt,RT DE,2022-01-13,\"Kreml, enttäuscht\",closing line,\n\
             b,b.txt,unknown,,,,\"two\nlines\"\n",
        )
        .unwrap();
        let [a, b] = &manifest.articles[..] else {
            panic!("{manifest:?}")
        };
        assert_eq!((a.line, a.outlet.as_deref()), (2, Some("RT DE")));
        assert_eq!(a.title.as_deref(), Some("Kreml, enttäuscht"));
        assert_eq!(
            a.fields,
            BTreeMap::from([("outlet_evidence".into(), "closing line".into())])
        );
        assert_eq!(
            (b.line, b.outlet.as_deref(), b.date.as_deref()),
            (3, None, None)
        );
        assert_eq!(b.fields["notes"], "two\nlines");
    }

    #[test]
    fn semicolons_and_tabs() {
        for text in [
            "id;file;outlet\na;a.txt;SNA\n",
            "id\tfile\toutlet\na\ta.txt\tSNA\n",
        ] {
            let manifest = parse(text).unwrap();
            assert_eq!(
                manifest.articles[0].outlet.as_deref(),
                Some("SNA"),
                "{text}"
            );
        }
    }

    #[test]
    fn errors_name_the_line_and_the_problem() {
        let cases = [
            ("", "manifest.csv:1: manifest has no header row"),
            (
                "id,name\n",
                "manifest.csv:1: the header has no column `file` (found: `id`, `name`)",
            ),
            ("id,file,id\n", "manifest.csv:1: column `id` appears twice"),
            (
                "id,file\na,a.txt\nb\n",
                "manifest.csv:3: row has 1 cells, the header has 2",
            ),
            ("id,file\na,\n", "manifest.csv:2: article `a` has no `file`"),
            (
                "id,file,date\na,a.txt,13.01.2022\n",
                "manifest.csv:2: article `a`: date `13.01.2022` is not YYYY-MM-DD, YYYY-MM or YYYY",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text).unwrap_err(), expected, "{text:?}");
        }
    }
}
