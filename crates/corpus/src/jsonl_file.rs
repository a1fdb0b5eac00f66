//! A JSON Lines export, one article per line (a JSON object), read line by
//! line so that files larger than memory stream through.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use encoding_rs::{Encoding, UTF_8};

use crate::article::Entry;
use crate::encoding::{Counted, open_text};
use crate::error::CorpusError;
use crate::format::{Format, InputOptions};
use crate::record::{RecordBuilder, Roles, Value};
use crate::source::{EntrySource, Opened, SourceInfo, file_name, file_stem};
use crate::warning::{InputWarning, Origin, WarningKind};

type Decoded = encoding_rs_io::DecodeReaderBytes<Counted<std::fs::File>, Vec<u8>>;

/// Opens a JSONL file. The first object stands in for a header: the text
/// field and the group-by field must be in it.
pub(crate) fn open(path: &Path, options: &InputOptions) -> Result<Opened, CorpusError> {
    let stream = open_text(path)?;
    let roles = Roles::new(&options.fields, options.group_by.as_deref());
    let mut source = JsonlSource {
        reader: BufReader::new(stream.reader),
        file: file_name(path),
        line: 0,
        pending: None,
        builder: RecordBuilder::new(roles.clone(), stream.encoding.name()),
        encoding: stream.encoding,
        bytes_read: stream.bytes_read,
        total_bytes: stream.total_bytes,
        done: false,
    };
    let mut columns = Vec::new();
    if let Some(first) = source.next_line() {
        if let Ok((object, _)) = &first.parsed {
            columns = object.keys().cloned().collect();
            let at_line = PathBuf::from(format!("{}:{}", path.display(), first.number));
            roles.check(&columns, &at_line, false)?;
        }
        source.pending = Some(first);
    }
    let info = SourceInfo {
        name: file_stem(path),
        title: None,
        description: None,
        language: None,
        format: Format::Jsonl,
        path: path.to_path_buf(),
        encoding: Some(stream.encoding.name()),
        columns,
    };
    Ok(Opened {
        info,
        source: Box::new(source),
        warnings: Vec::new(),
    })
}

/// One non-blank line: its number and its object, or why it is none.
struct Line {
    number: u64,
    parsed: Result<Parsed, Problem>,
}

/// A line's fields, and the invalid UTF-8 sequences repaired in it.
type Parsed = (BTreeMap<String, Value>, usize);
/// The kind of problem with a line, and a lowercase reason.
type Problem = (WarningKind, String);

/// The lines of an open JSONL file.
struct JsonlSource {
    reader: BufReader<Decoded>,
    file: String,
    /// Lines read so far.
    line: u64,
    /// The first line, read at [`open`] to check the field names.
    pending: Option<Line>,
    builder: RecordBuilder,
    encoding: &'static Encoding,
    bytes_read: Arc<AtomicU64>,
    total_bytes: u64,
    done: bool,
}

impl JsonlSource {
    /// The next non-blank line, parsed; `None` at the end.
    fn next_line(&mut self) -> Option<Line> {
        let mut bytes = Vec::new();
        loop {
            if self.done {
                return None;
            }
            bytes.clear();
            match self.reader.read_until(b'\n', &mut bytes) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => self.line += 1,
                Err(e) => {
                    self.done = true;
                    let reason = format!(
                        "cannot read the rest of the file: {}",
                        e.to_string().to_lowercase()
                    );
                    let number = self.line + 1;
                    return Some(Line {
                        number,
                        parsed: Err((WarningKind::SkippedUnreadable, reason)),
                    });
                }
            }
            if !bytes.iter().all(u8::is_ascii_whitespace) {
                break;
            }
        }
        Some(Line {
            number: self.line,
            parsed: parse_line(bytes, self.encoding),
        })
    }
}

/// The object on one line with the invalid UTF-8 sequences repaired in it,
/// or the kind of problem and a lowercase reason why there is none.
fn parse_line(mut bytes: Vec<u8>, encoding: &'static Encoding) -> Result<Parsed, Problem> {
    while bytes.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
        bytes.pop();
    }
    let malformed = |reason: String| (WarningKind::SkippedMalformed, reason);
    let mut repaired = 0;
    let text: Cow<str> = match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) if encoding != UTF_8 && text.contains('\u{FFFD}') => {
            return Err(malformed(format!(
                "line has bytes that are not valid {}",
                encoding.name()
            )));
        }
        Ok(text) => Cow::Borrowed(text),
        // A UTF-8 stream passes bad bytes through: repair them in this line.
        Err(_) if encoding == UTF_8 => {
            let (text, fixed) = core_text::repair_utf8(&bytes);
            repaired = fixed;
            Cow::Owned(text)
        }
        Err(_) => return Err(malformed("line is not valid UTF-8".to_owned())),
    };
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        let message = e.to_string();
        let what = message.split(" at line ").next().unwrap_or(&message);
        malformed(format!(
            "line is not valid JSON: {what} at column {}",
            e.column()
        ))
    })?;
    let serde_json::Value::Object(object) = json else {
        return Err(malformed(format!(
            "line is {}, not a JSON object",
            kind(&json)
        )));
    };
    let values = object
        .into_iter()
        .map(|(name, value)| {
            let value = match value {
                serde_json::Value::Null => Value::Null,
                serde_json::Value::String(s) => Value::Str(s),
                other => Value::Other {
                    kind: kind(&other),
                    json: other.to_string(),
                },
            };
            (name, value)
        })
        .collect();
    Ok((values, repaired))
}

/// `a number`, `an array`, ... for messages.
fn kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

impl EntrySource for JsonlSource {
    fn next_entry(&mut self) -> Option<Entry> {
        let line = self.pending.take().or_else(|| self.next_line())?;
        let origin = Origin::line(self.file.clone(), line.number);
        match line.parsed {
            Ok((values, repaired)) => {
                let fallback_id = format!("line-{}", line.number);
                Some(self.builder.build(values, origin, fallback_id, repaired))
            }
            Err((kind, reason)) => Some(Entry::Skipped(InputWarning::new(origin, kind, reason))),
        }
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

    fn check(options: &InputOptions, bytes: &str, expected: &[&str]) {
        let lines = read_file("a.jsonl", bytes.as_bytes(), options, 3).unwrap();
        assert_eq!(lines, expected, "{bytes}");
    }

    #[test]
    fn objects_become_articles() {
        let options = InputOptions::default();
        let cases: [(&str, &[&str]); 3] = [
            (
                "{\"id\": 17, \"outlet\": \"SNA\", \"text\": \"Dialog.\"}\n\n{\"text\": \"Zwei.\", \"outlet\": null}\r\n",
                &[
                    "a.jsonl:1 17 [SNA] Dialog.",
                    "a.jsonl:3 line-3 [unknown (line-3)] Zwei.",
                ],
            ),
            (
                "\u{feff}{\"text\": \"Mit BOM.\"}",
                &["a.jsonl:1 line-1 [unknown (line-1)] Mit BOM."],
            ),
            ("", &[]),
        ];
        for (bytes, expected) in cases {
            check(&options, bytes, expected);
        }
    }

    #[test]
    fn odd_lines_are_skipped() {
        let lines = "{\"text\": \"Eins.\"}\n[1, 2]\n{\"text\": 5}\n{\"title\": \"x\"}\n{\"text\": \"\"}\n{\"text\": \"Sechs.\n\"text\"\n{\"id\": \"line-1\", \"text\": \"Acht.\"}\n";
        check(
            &InputOptions::default(),
            lines,
            &[
                "a.jsonl:1 line-1 [unknown (line-1)] Eins.",
                "a.jsonl:2 skipped: line is an array, not a JSON object",
                "a.jsonl:3 skipped: field `text` is a number, not a string",
                "a.jsonl:4 skipped: field `text` is missing",
                "a.jsonl:5 skipped: field `text` is empty",
                "a.jsonl:6 skipped: line is not valid JSON: EOF while parsing a string at column 16",
                "a.jsonl:7 skipped: line is a string, not a JSON object",
                "a.jsonl:8 line-1-2 [unknown (line-1-2)] Acht.",
            ],
        );
    }

    #[test]
    fn other_values_are_fields_as_json() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        let line = r#"{"text": "Dialog.", "tags": ["a", "b"], "score": 0.5, "ok": true, "meta": {"k": 1}, "label": "Web", "none": null}"#;
        std::fs::write(&path, line).unwrap();
        let options = InputOptions {
            group_by: Some("label".into()),
            ..InputOptions::default()
        };
        let reader = crate::open(&path, &options).unwrap();
        let columns = ["label", "meta", "none", "ok", "score", "tags", "text"];
        assert_eq!(reader.info().columns, columns);
        let article = reader.read_all().unwrap().articles.remove(0);
        assert_eq!(article.group, "Web");
        let fields: Vec<(&str, &str)> = article
            .fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let expected = [
            ("label", "Web"),
            ("meta", r#"{"k":1}"#),
            ("ok", "true"),
            ("score", "0.5"),
            ("tags", r#"["a","b"]"#),
        ];
        assert_eq!(fields, expected);
    }

    #[test]
    fn windows_1252_lines_are_transcoded() {
        let bytes = b"{\"text\": \"Gespr\xe4che \xfcber Garantien\"}\n";
        let lines = read_file("a.jsonl", bytes, &InputOptions::default(), 1).unwrap();
        assert_eq!(
            lines,
            ["a.jsonl:1 line-1 [unknown (line-1)] Gespräche über Garantien"]
        );
    }

    #[test]
    fn the_first_object_must_have_the_text_and_group_fields() {
        let body = InputOptions {
            fields: FieldMapping {
                text: "body".into(),
                ..FieldMapping::default()
            },
            ..InputOptions::default()
        };
        let group = InputOptions {
            group_by: Some("lable".into()),
            ..InputOptions::default()
        };
        let cases = [
            (
                &body,
                "a.jsonl:2: no text field `body` (found: `label`, `text`)",
            ),
            (
                &group,
                "a.jsonl:2: no group-by field `lable` (found: `label`, `text`)",
            ),
        ];
        for (options, expected) in cases {
            let bytes = b"\n{\"text\": \"x\", \"label\": \"Web\"}\n";
            assert_eq!(
                read_file("a.jsonl", bytes, options, 1).unwrap_err(),
                expected
            );
        }
        // A first line that is no object is a skipped record, not a header.
        let lines = read_file("a.jsonl", b"oops\n{\"body\": \"x\"}\n", &body, 1).unwrap();
        assert_eq!(lines[1], "a.jsonl:2 line-2 [unknown (line-2)] x");
    }
}
