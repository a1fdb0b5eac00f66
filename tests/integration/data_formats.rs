//! The big tables in both encodings hold the same numbers: Parquet (large
//! corpora) against TSV and Matrix Market (small ones), value for value,
//! and the Parquet bytes are the same on every run.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use analysis::{AnalysisConfig, DataFormat, Input, Silent};
use parquet::record::Field;
use rahmen_tests::{default_lexicon, parquet_rows, seed_corpus};

fn report_in_both(out: &Path) {
    let mut config = AnalysisConfig::default();
    config.scale.data_format = DataFormat::Both;
    report_with(out, &config);
}

fn report_with(out: &Path, config: &AnalysisConfig) {
    report::generate(
        &Input::folder(&seed_corpus()),
        &default_lexicon(),
        config,
        out,
        &Silent,
    )
    .expect("the seed report");
}

/// The records of a TSV file (header skipped), parsed as the data contract
/// quotes them.
fn tsv_records(path: &Path) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The rows of a Parquet table as the text encoding writes its cells.
fn parquet_records(path: &Path) -> Vec<Vec<String>> {
    parquet_rows(path)
        .iter()
        .map(|row| row.get_column_iter().map(|(_, f)| as_text(f)).collect())
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

    // The first pass's streamed files: KWIC and quotations row for row,
    // the cleaned texts line for line.
    for (tsv, parquet) in [
        ("kwic.tsv", "kwic.parquet"),
        ("quotes.tsv", "quotes.parquet"),
    ] {
        let text = tsv_records(&data.join(tsv));
        assert!(!text.is_empty(), "{tsv}");
        assert_eq!(text, parquet_records(&data.join(parquet)), "{tsv}");
    }
    let clean: Vec<Vec<String>> = fs::read_to_string(data.join("clean.jsonl"))
        .unwrap()
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = |key: &str| value[key].as_str().unwrap().to_owned();
            vec![text("doc_id"), value["removed"].to_string(), text("text")]
        })
        .collect();
    assert_eq!(clean.len(), 5);
    assert_eq!(clean, parquet_records(&data.join("clean.parquet")));

    // Same input, same bytes.
    let again = dir.path().join("again");
    report_in_both(&again);
    for name in [
        "tfidf", "counts", "tokens", "frames", "keyness", "clean", "kwic", "quotes",
    ] {
        let file = format!("data/{name}.parquet");
        assert_eq!(
            fs::read(out.join(&file)).unwrap(),
            fs::read(again.join(&file)).unwrap(),
            "{file}"
        );
    }
}

/// With `auto`, the streamed files start as text and turn into Parquet once
/// the corpus passes the limit: the same Parquet bytes as written from the
/// start, and no text file left.
#[test]
fn the_streamed_files_turn_into_parquet_past_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let both = dir.path().join("both");
    report_in_both(&both);
    let mut config = AnalysisConfig::default();
    config.scale.parquet_above_articles = 2;
    let auto = dir.path().join("auto");
    report_with(&auto, &config);
    for name in ["clean", "kwic", "quotes"] {
        let file = format!("data/{name}.parquet");
        assert_eq!(
            fs::read(both.join(&file)).unwrap(),
            fs::read(auto.join(&file)).unwrap(),
            "{file}"
        );
    }
    for text in ["clean.jsonl", "kwic.tsv", "quotes.tsv"] {
        assert!(!auto.join("data").join(text).exists(), "{text}");
    }
    // Below the limit, text only.
    let seeds = rahmen_tests::seed_report();
    assert!(seeds.path.join("data/kwic.tsv").is_file());
    assert!(!seeds.path.join("data/kwic.parquet").exists());
}
