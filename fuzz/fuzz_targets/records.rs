//! Fuzzes the CSV and JSONL readers: any file contents may be an error or
//! skipped records, never a panic.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use corpus::{Entry, InputOptions};
use libfuzzer_sys::fuzz_target;

/// One folder for the whole run: a fresh one per input would cost more than
/// the parsing.
static DIR: LazyLock<PathBuf> = LazyLock::new(|| {
    tempfile::Builder::new()
        .prefix("rahmen-fuzz-records")
        .tempdir()
        .expect("temporary folder")
        .keep()
});

/// Reads everything `path` holds, in small batches so that batch edges are
/// crossed too.
fn read(path: &Path, options: &InputOptions) {
    let Ok(mut reader) = corpus::open(path, options) else {
        return;
    };
    let mut articles = 0;
    while let Some(batch) = reader.next_batch(3) {
        for entry in batch {
            if let Entry::Article(article) = entry {
                articles += 1;
                let _ = article.group.len();
            }
        }
    }
    let _ = (
        reader.warnings().len(),
        reader.bytes_read(),
        reader.total_bytes(),
        articles,
    );
}

/// Other reading options, picked by the input's first byte.
fn variant(selector: u8) -> InputOptions {
    InputOptions {
        delimiter: Some(b",;\t|"[usize::from(selector & 3)]),
        quote: if selector & 4 == 0 { b'"' } else { b'\'' },
        has_header: selector & 8 == 0,
        columns: (selector & 16 != 0).then(|| vec!["id".to_owned(), "text".to_owned()]),
        group_by: (selector & 32 != 0).then(|| "outlet".to_owned()),
        ..InputOptions::default()
    }
}

fuzz_target!(|data: &[u8]| {
    let csv = DIR.join("x.csv");
    let jsonl = DIR.join("x.jsonl");
    std::fs::write(&csv, data).expect("write x.csv");
    std::fs::write(&jsonl, data).expect("write x.jsonl");
    read(&csv, &InputOptions::default());
    read(&jsonl, &InputOptions::default());
    if let Some(&selector) = data.first() {
        read(&csv, &variant(selector));
    }
});
