//! A CSV or TSV export, one article per record, read record by record so that
//! files larger than memory stream through.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use csv::ByteRecord;
use encoding_rs::Encoding;

use crate::article::Entry;
use crate::encoding::{Counted, field_text, open_text};
use crate::error::CorpusError;
use crate::format::{Format, InputOptions};
use crate::lines::LineStarts;
use crate::record::{RecordBuilder, Roles, Value};
use crate::source::{EntrySource, Opened, SourceInfo, file_name, file_stem};
use crate::warning::{InputWarning, Origin, WarningKind};

type Decoded = encoding_rs_io::DecodeReaderBytes<Counted<std::fs::File>, Vec<u8>>;

/// Opens a CSV file: reads the header (or names the columns), checks that the
/// text column and the group-by column exist, and leaves the records for
/// [`EntrySource::next_entry`].
pub(crate) fn open(path: &Path, options: &InputOptions) -> Result<Opened, CorpusError> {
    let stream = open_text(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(options.delimiter_for(path))
        .quote(options.quote)
        .from_reader(LineStarts::new(stream.reader));
    let empty = || CorpusError::Empty {
        path: path.to_path_buf(),
        skipped: Vec::new(),
    };
    let mut first = || -> Result<Option<ByteRecord>, CorpusError> {
        let mut record = ByteRecord::new();
        match reader.read_byte_record(&mut record) {
            Ok(true) => Ok(Some(record)),
            Ok(false) => Ok(None),
            Err(e) => Err(CorpusError::Io {
                path: path.to_path_buf(),
                source: e.into(),
            }),
        }
    };
    let header = if options.has_header {
        Some(first()?.ok_or_else(empty)?)
    } else {
        None
    };
    let mut pending = None;
    let columns: Vec<String> = match (&options.columns, &header) {
        (Some(names), Some(header)) if names.len() != header.len() => {
            return Err(CorpusError::Input {
                path: path.to_path_buf(),
                message: format!(
                    "{} column names given, but the header has {} columns",
                    names.len(),
                    header.len()
                ),
            });
        }
        (Some(names), _) => names.clone(),
        (None, Some(header)) => column_names(header),
        (None, None) => {
            let record = first()?.ok_or_else(empty)?;
            let names = (1..=record.len()).map(|i| format!("column-{i}")).collect();
            pending = Some(record);
            names
        }
    };
    let mut seen = BTreeSet::new();
    if let Some(twice) = columns.iter().find(|name| !seen.insert(name.as_str())) {
        return Err(CorpusError::Input {
            path: path.to_path_buf(),
            message: format!("column `{twice}` appears twice"),
        });
    }
    let roles = Roles::new(&options.fields, options.group_by.as_deref());
    roles.check(&columns, path, true)?;
    let info = SourceInfo {
        name: file_stem(path),
        title: None,
        description: None,
        language: None,
        format: Format::Csv,
        path: path.to_path_buf(),
        encoding: Some(stream.encoding.name()),
        columns: columns.clone(),
    };
    let source = CsvSource {
        reader,
        file: file_name(path),
        columns,
        pending,
        record: ByteRecord::new(),
        number: 0,
        builder: RecordBuilder::new(roles, stream.encoding.name()),
        encoding: stream.encoding,
        bytes_read: stream.bytes_read,
        total_bytes: stream.total_bytes,
        done: false,
    };
    Ok(Opened {
        info,
        source: Box::new(source),
        warnings: Vec::new(),
    })
}

/// Header names, trimmed; an unnamed column `n` is `column-<n>`.
fn column_names(header: &ByteRecord) -> Vec<String> {
    header
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let name = String::from_utf8_lossy(name).trim().to_owned();
            if name.is_empty() {
                format!("column-{}", i + 1)
            } else {
                name
            }
        })
        .collect()
}

/// The records of an open CSV file.
struct CsvSource {
    reader: csv::Reader<LineStarts<Decoded>>,
    file: String,
    columns: Vec<String>,
    /// The first record of a headerless file, read to count its columns.
    pending: Option<ByteRecord>,
    /// The record being read, kept between records so that its buffers
    /// are not grown again for every article.
    record: ByteRecord,
    /// Data records read so far.
    number: u64,
    builder: RecordBuilder,
    encoding: &'static Encoding,
    bytes_read: Arc<AtomicU64>,
    total_bytes: u64,
    done: bool,
}

impl CsvSource {
    /// The article (or the reason to skip it) of the data record `record`.
    fn entry_of(&mut self, record: &ByteRecord) -> Entry {
        self.number += 1;
        let offset = record.position().map_or(0, |p| p.byte());
        let line = self.reader.get_mut().line_at(offset);
        let origin = Origin::line(self.file.clone(), line);
        if record.len() != self.columns.len() {
            let reason = format!(
                "record has {} fields, expected {}",
                record.len(),
                self.columns.len()
            );
            return Entry::Skipped(InputWarning::new(
                origin,
                WarningKind::SkippedMalformed,
                reason,
            ));
        }
        let mut values = BTreeMap::new();
        let mut repaired = 0;
        for (name, bytes) in self.columns.iter().zip(record.iter()) {
            match field_text(bytes, name, self.encoding) {
                Ok((text, fixed)) => {
                    repaired += fixed;
                    values.insert(name.clone(), Value::Str(text))
                }
                Err(reason) => {
                    return Entry::Skipped(InputWarning::new(
                        origin,
                        WarningKind::SkippedMalformed,
                        reason,
                    ));
                }
            };
        }
        let fallback_id = format!("row-{}", self.number);
        self.builder.build(values, origin, fallback_id, repaired)
    }
}

impl EntrySource for CsvSource {
    fn next_entry(&mut self) -> Option<Entry> {
        if self.done {
            return None;
        }
        let record = match self.pending.take() {
            Some(record) => record,
            None => {
                let mut record = std::mem::take(&mut self.record);
                match self.reader.read_byte_record(&mut record) {
                    Ok(true) => record,
                    Ok(false) => {
                        self.done = true;
                        return None;
                    }
                    Err(e) => {
                        // Only I/O fails here: stop, and say where.
                        self.done = true;
                        let offset = self.reader.position().byte();
                        let line = self.reader.get_mut().line_at(offset);
                        return Some(Entry::Skipped(InputWarning::new(
                            Origin::line(self.file.clone(), line),
                            WarningKind::SkippedUnreadable,
                            format!(
                                "cannot read the rest of the file: {}",
                                e.to_string().to_lowercase()
                            ),
                        )));
                    }
                }
            }
        };
        let entry = self.entry_of(&record);
        self.record = record;
        Some(entry)
    }

    fn bytes_read(&self) -> u64 {
        self.bytes_read.load(Ordering::Relaxed)
    }

    fn total_bytes(&self) -> Option<u64> {
        Some(self.total_bytes)
    }

    fn final_warnings(&mut self) -> Vec<InputWarning> {
        self.builder.warnings()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::FieldMapping;
    use crate::reader::read_file;

    fn check(options: &InputOptions, name: &str, bytes: &[u8], expected: &[&str]) {
        let lines = read_file(name, bytes, options, 2).unwrap();
        assert_eq!(lines, expected, "{:?}", String::from_utf8_lossy(bytes));
    }

    fn check_error(options: &InputOptions, bytes: &[u8], expected: &str) {
        let error = read_file("a.csv", bytes, options, 2).unwrap_err();
        assert_eq!(error, expected, "{:?}", String::from_utf8_lossy(bytes));
    }

    #[test]
    fn header_quotes_and_metadata() {
        let options = InputOptions::default();
        let cases: [(&[u8], &[&str]); 4] = [
            (
                b"id,outlet,text\nk1,SNA,\"Er sagte: \"\"Nein\"\", dann ging er.\"\nk2,unknown,Dialog.\n",
                &[
                    "a.csv:2 k1 [SNA] Er sagte: \"Nein\", dann ging er.",
                    "a.csv:3 k2 [unknown (k2)] Dialog.",
                ],
            ),
            // A record spanning lines has the origin of its first line.
            (
                b"text,outlet\r\n\"Zwei\r\nZeilen.\",RT DE\r\nDrei.,\r\n",
                &["a.csv:2 row-1 [RT DE] Zwei\r\nZeilen.", "a.csv:4 row-2 [unknown (row-2)] Drei."],
            ),
            // BOM, and header names with spaces around them.
            (
                b"\xef\xbb\xbf text ,id\nDialog.,x\n",
                &["a.csv:2 x [unknown (x)] Dialog."],
            ),
            // Windows-1252, detected and transcoded.
            (
                b"text,outlet\nGespr\xe4che \xfcber Garantien,S\xfcddeutsche\n",
                &["a.csv:2 row-1 [Süddeutsche] Gespräche über Garantien"],
            ),
        ];
        for (bytes, expected) in cases {
            check(&options, "a.csv", bytes, expected);
        }
    }

    #[test]
    fn headerless_with_other_delimiter_and_quote() {
        let options = InputOptions {
            delimiter: Some(b';'),
            quote: b'\'',
            has_header: false,
            columns: Some(vec!["label".into(), "text".into()]),
            group_by: Some("label".into()),
            ..InputOptions::default()
        };
        let bytes = b"Sport;'Er sagt: ''Nein''; dann nichts.'\nWeb;Kein Zitat.\n";
        check(
            &options,
            "a.csv",
            bytes,
            &[
                "a.csv:1 row-1 [Sport] Er sagt: 'Nein'; dann nichts.",
                "a.csv:2 row-2 [Web] Kein Zitat.",
            ],
        );
        let unnamed = InputOptions {
            has_header: false,
            fields: FieldMapping {
                text: "column-2".into(),
                ..FieldMapping::default()
            },
            ..InputOptions::default()
        };
        check(
            &unnamed,
            "a.csv",
            b"x,Dialog.\n",
            &["a.csv:1 row-1 [unknown (row-1)] Dialog."],
        );
    }

    #[test]
    fn tsv_uses_tabs() {
        let bytes = b"outlet\ttext\nSNA\tEin, zwei.\n";
        check(
            &InputOptions::default(),
            "a.tsv",
            bytes,
            &["a.tsv:2 row-1 [SNA] Ein, zwei."],
        );
    }

    #[test]
    fn bad_records_are_skipped() {
        let bytes = b"id,text\n1,Eins.\n2\n3,Drei.,extra\n5,\n1,Sechs.\n7,Sieben.\n";
        check(
            &InputOptions::default(),
            "a.csv",
            bytes,
            &[
                "a.csv:2 1 [unknown (1)] Eins.",
                "a.csv:3 skipped: record has 1 fields, expected 2",
                "a.csv:4 skipped: record has 3 fields, expected 2",
                "a.csv:5 skipped: field `text` is empty",
                "a.csv:6 1-2 [unknown (1-2)] Sechs.",
                "a.csv:7 7 [unknown (7)] Sieben.",
            ],
        );
    }

    #[test]
    fn invalid_utf8_after_the_first_64_kib_is_repaired_in_its_record() {
        let mut bytes = b"text,note\n".to_vec();
        bytes.extend(vec![b'a'; 70_000]);
        bytes.extend(b",\nGespr\xe4che.,\nDialog.,\xff\nEnde.,\n");
        let lines = read_file("a.csv", &bytes, &InputOptions::default(), 2).unwrap();
        assert_eq!(
            lines[1..],
            [
                "a.csv:3 row-2 [unknown (row-2)] Gespräche.",
                "a.csv:4 row-3 [unknown (row-3)] Dialog.",
                "a.csv:5 row-4 [unknown (row-4)] Ende.",
            ]
        );
    }

    #[test]
    fn fields_keep_the_other_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        let text = ",title,date,text,url,note\n0,Titel,2022-01-13,Dialog.,http://x,\n";
        std::fs::write(&path, text).unwrap();
        let corpus = crate::open(&path, &InputOptions::default())
            .unwrap()
            .read_all()
            .unwrap();
        let article = &corpus.articles[0];
        assert_eq!(article.title.as_deref(), Some("Titel"));
        assert_eq!(article.date.as_deref(), Some("2022-01-13"));
        let fields: Vec<(&str, &str)> = article
            .fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(fields, [("column-1", "0"), ("url", "http://x")]);
    }

    #[test]
    fn errors_name_the_column_and_list_the_header() {
        let options = InputOptions::default();
        check_error(
            &options,
            b"label,body\nx,y\n",
            "a.csv: no text column `text` (found: `label`, `body`)",
        );
        let group = InputOptions {
            group_by: Some("lable".into()),
            ..InputOptions::default()
        };
        check_error(
            &group,
            b"label,text\nx,y\n",
            "a.csv: no group-by column `lable` (found: `label`, `text`)",
        );
        let id = InputOptions {
            fields: FieldMapping {
                id: Some("key".into()),
                ..FieldMapping::default()
            },
            ..InputOptions::default()
        };
        check_error(
            &id,
            b"id,text\n",
            "a.csv: no id column `key` (found: `id`, `text`)",
        );
        check_error(
            &options,
            b"text,text\n",
            "a.csv: column `text` appears twice",
        );
        check_error(&options, b"", "corpus a.csv holds no readable article");
        let columns = InputOptions {
            columns: Some(vec!["text".into()]),
            ..InputOptions::default()
        };
        check_error(
            &columns,
            b"a,b\n",
            "a.csv: 1 column names given, but the header has 2 columns",
        );
    }
}
