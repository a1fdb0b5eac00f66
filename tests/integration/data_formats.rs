//! The big tables in both encodings hold the same numbers: Parquet (large
//! corpora) against TSV and Matrix Market (small ones), value for value,
//! and the Parquet bytes are the same on every run.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use analysis::{AnalysisConfig, DataFormat, Input, Silent};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::{Field, Row};
use rahmen_tests::{default_lexicon, seed_corpus};

fn report_in_both(out: &Path) {
    let mut config = AnalysisConfig::default();
    config.scale.data_format = DataFormat::Both;
    report::generate(
        &Input::folder(&seed_corpus()),
        &default_lexicon(),
        &config,
        out,
        &Silent,
    )
    .expect("the seed report");
}

fn parquet_rows(path: &Path) -> Vec<Row> {
    let file = fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reader = SerializedFileReader::new(file).expect("a Parquet file");
    reader
        .get_row_iter(None)
        .expect("rows")
        .map(|row| row.expect("a row"))
        .collect()
}

/// A cell as the text encoding writes it.
fn as_text(field: &Field) -> String {
    match field {
        Field::Str(s) => s.clone(),
        Field::Long(n) => n.to_string(),
        Field::Double(x) if *x == 0.0 => "0".to_owned(),
        Field::Double(x) => format!("{x}"),
        other => panic!("unexpected cell {other:?}"),
    }
}

fn tsv_lines(path: &Path) -> Vec<String> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

/// `(doc_id, term) -> value` of a Matrix Market file, through docs.tsv and
/// terms.tsv.
fn matrix_market(data: &Path, name: &str) -> BTreeMap<(String, String), f64> {
    let first_column = |file: &str| -> Vec<String> {
        tsv_lines(&data.join(file))
            .iter()
            .map(|l| l.split('\t').next().unwrap().to_owned())
            .collect()
    };
    let (docs, terms) = (first_column("docs.tsv"), first_column("terms.tsv"));
    let text = fs::read_to_string(data.join(name)).unwrap();
    let mut lines = text.lines().filter(|l| !l.starts_with('%'));
    let header = lines.next().unwrap();
    let mut entries = BTreeMap::new();
    for line in lines {
        let mut parts = line.split(' ');
        let mut next = || parts.next().unwrap();
        let row: usize = next().parse().unwrap();
        let column: usize = next().parse().unwrap();
        let value: f64 = next().parse().unwrap();
        entries.insert((docs[row - 1].clone(), terms[column - 1].clone()), value);
    }
    let nnz: usize = header.split(' ').nth(2).unwrap().parse().unwrap();
    assert_eq!(entries.len(), nnz, "{name}");
    entries
}

fn long_table(path: &Path) -> BTreeMap<(String, String), f64> {
    parquet_rows(path)
        .iter()
        .map(|row| {
            let cells: Vec<&Field> = row.get_column_iter().map(|(_, f)| f).collect();
            let value = match cells[2] {
                Field::Double(x) => *x,
                Field::Long(n) => *n as f64,
                other => panic!("value {other:?}"),
            };
            ((as_text(cells[0]), as_text(cells[1])), value)
        })
        .collect()
}

#[test]
fn parquet_tables_equal_the_text_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    report_in_both(&out);
    let data = out.join("data");

    // TF-IDF and counts: the same entries, the same f64 bits (Matrix
    // Market's 17 significant digits read back exactly).
    for (mtx, parquet) in [
        ("tfidf.mtx", "tfidf.parquet"),
        ("counts.mtx", "counts.parquet"),
    ] {
        let text = matrix_market(&data, mtx);
        let binary = long_table(&data.join(parquet));
        assert!(!text.is_empty());
        assert_eq!(text.len(), binary.len(), "{parquet}");
        for (key, value) in &text {
            assert_eq!(
                binary.get(key).map(|v| v.to_bits()),
                Some(value.to_bits()),
                "{parquet} {key:?}"
            );
        }
    }

    // Frames and keyness: each row, cell for cell, in the same order.
    for (tsv, parquet) in [
        ("frames.tsv", "frames.parquet"),
        ("keyness.tsv", "keyness.parquet"),
    ] {
        let text = tsv_lines(&data.join(tsv));
        let binary: Vec<String> = parquet_rows(&data.join(parquet))
            .iter()
            .map(|row| {
                row.get_column_iter()
                    .map(|(_, f)| as_text(f))
                    .collect::<Vec<_>>()
                    .join("\t")
            })
            .collect();
        assert!(!text.is_empty(), "{tsv}");
        assert_eq!(text, binary, "{tsv} against {parquet}");
    }

    // Tokens: the JSON lines' token lists, position by position.
    let mut from_json: Vec<(String, i64, String)> = Vec::new();
    for line in fs::read_to_string(data.join("tokens.jsonl"))
        .unwrap()
        .lines()
    {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = value["doc_id"].as_str().unwrap().to_owned();
        for (i, token) in value["tokens"].as_array().unwrap().iter().enumerate() {
            from_json.push((id.clone(), i as i64, token.as_str().unwrap().to_owned()));
        }
    }
    let from_parquet: Vec<(String, i64, String)> = parquet_rows(&data.join("tokens.parquet"))
        .iter()
        .map(|row| {
            let cells: Vec<&Field> = row.get_column_iter().map(|(_, f)| f).collect();
            let Field::Long(position) = cells[1] else {
                panic!("position {:?}", cells[1])
            };
            (as_text(cells[0]), *position, as_text(cells[2]))
        })
        .collect();
    assert_eq!(from_json, from_parquet);

    // Same input, same bytes.
    let again = dir.path().join("again");
    report_in_both(&again);
    for name in ["tfidf", "counts", "tokens", "frames", "keyness"] {
        let file = format!("data/{name}.parquet");
        assert_eq!(
            fs::read(out.join(&file)).unwrap(),
            fs::read(again.join(&file)).unwrap(),
            "{file}"
        );
    }
}
