//! The coders' files: CSV with a `hit_id` column and one `relevant` column
//! per coder (`1` the hit carries its frame, `0` it does not, empty not
//! coded). One file per coder, or several `relevant…` columns in one file
//! (`relevant_anna`, `relevant_ben`); every column is a coder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::AnalysisError;

/// Every coder's code of every hit id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Codes {
    /// Coder names: the file stem, with the column's suffix when a file
    /// has several `relevant` columns.
    pub coders: Vec<String>,
    /// Per hit id, one code per coder (`None`: not coded by that coder).
    pub by_hit: BTreeMap<String, Vec<Option<bool>>>,
}

fn codes_error(path: &Path, line: Option<u64>, message: String) -> AnalysisError {
    AnalysisError::Codes {
        path: path.to_path_buf(),
        line,
        message,
    }
}

/// Reads the coders' files, in the order given.
pub fn read_codes(paths: &[PathBuf]) -> Result<Codes, AnalysisError> {
    let mut codes = Codes::default();
    for path in paths {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_path(path)
            .map_err(|e| codes_error(path, None, e.to_string()))?;
        let header = reader
            .headers()
            .map_err(|e| codes_error(path, Some(1), e.to_string()))?
            .clone();
        let id_column = header
            .iter()
            .position(|h| h.trim() == "hit_id")
            .ok_or_else(|| codes_error(path, Some(1), "no `hit_id` column".to_owned()))?;
        let coder_columns: Vec<(usize, String)> = header
            .iter()
            .enumerate()
            .filter(|(_, h)| h.trim().starts_with("relevant"))
            .map(|(i, h)| (i, h.trim().to_owned()))
            .collect();
        if coder_columns.is_empty() {
            return Err(codes_error(
                path,
                Some(1),
                "no `relevant` column (one per coder: `relevant`, or `relevant_<name>`)".to_owned(),
            ));
        }
        let stem = path
            .file_stem()
            .map_or_else(|| "coder".to_owned(), |s| s.to_string_lossy().into_owned());
        let first = codes.coders.len();
        for (_, column) in &coder_columns {
            codes.coders.push(if coder_columns.len() == 1 {
                stem.clone()
            } else {
                format!("{stem}:{column}")
            });
        }
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map(|p| p.line());
                codes_error(path, line, e.to_string())
            })?;
            let line = record.position().map(|p| p.line());
            let id = record.get(id_column).unwrap_or_default().trim();
            if id.is_empty() {
                continue;
            }
            let row = codes.by_hit.entry(id.to_owned()).or_default();
            for (k, (column, name)) in coder_columns.iter().enumerate() {
                let value = match record.get(*column).unwrap_or_default().trim() {
                    "" => None,
                    "1" => Some(true),
                    "0" => Some(false),
                    other => {
                        return Err(codes_error(
                            path,
                            line,
                            format!("column `{name}`: `{other}` is not 1, 0 or empty"),
                        ));
                    }
                };
                let coder = first + k;
                if row.len() <= coder {
                    row.resize(coder + 1, None);
                }
                if row[coder].is_some() && value.is_some() {
                    return Err(codes_error(
                        path,
                        line,
                        format!("hit `{id}` is coded twice"),
                    ));
                }
                row[coder] = row[coder].or(value);
            }
        }
    }
    let n = codes.coders.len();
    for row in codes.by_hit.values_mut() {
        row.resize(n, None);
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_and_columns_become_coders() {
        let dir = tempfile::tempdir().unwrap();
        let anna = dir.path().join("anna.csv");
        std::fs::write(
            &anna,
            "hit_id,left,match,right,relevant\nh1,a,b,c,1\nh2,a,b,c,0\nh3,a,b,c,\n",
        )
        .unwrap();
        let pair = dir.path().join("pair.csv");
        std::fs::write(&pair, "hit_id,relevant_ben,relevant_cem\nh1,1,\nh4,0,1\n").unwrap();
        let codes = read_codes(&[anna, pair]).unwrap();
        assert_eq!(
            codes.coders,
            ["anna", "pair:relevant_ben", "pair:relevant_cem"]
        );
        assert_eq!(codes.by_hit["h1"], [Some(true), Some(true), None]);
        assert_eq!(codes.by_hit["h2"], [Some(false), None, None]);
        assert_eq!(codes.by_hit["h3"], [None, None, None]);
        assert_eq!(codes.by_hit["h4"], [None, Some(false), Some(true)]);
    }

    #[test]
    fn bad_codes_name_the_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("codes.csv");
        std::fs::write(&path, "hit_id,relevant\nh1,1\nh2,ja\n").unwrap();
        let error = read_codes(std::slice::from_ref(&path))
            .unwrap_err()
            .to_string();
        assert!(
            error.ends_with("codes.csv:3: column `relevant`: `ja` is not 1, 0 or empty"),
            "{error}"
        );
        std::fs::write(&path, "id,relevant\nh1,1\n").unwrap();
        let error = read_codes(std::slice::from_ref(&path))
            .unwrap_err()
            .to_string();
        assert!(
            error.ends_with("codes.csv:1: no `hit_id` column"),
            "{error}"
        );
    }
}
