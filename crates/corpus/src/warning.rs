//! What the reader noticed about an input and did about it: a record
//! skipped, bytes repaired, an id renamed. Each is typed, so that the report
//! can list them in `warnings.tsv` for tools, not only in prose.

use std::fmt;

/// Where an input came from: a file, and the line for CSV and JSONL records.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Origin {
    /// The file's path as given (an article file, or the CSV/JSONL file).
    pub file: String,
    /// The line a record starts on (1-based), for CSV and JSONL.
    pub line: Option<u64>,
}

impl Origin {
    /// A whole file.
    pub fn file(file: impl Into<String>) -> Origin {
        Origin {
            file: file.into(),
            line: None,
        }
    }

    /// A record starting on `line` of `file`.
    pub fn line(file: impl Into<String>, line: u64) -> Origin {
        Origin {
            file: file.into(),
            line: Some(line),
        }
    }
}

/// `file` or `file:line`, as messages name an input.
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

/// What kind of problem, as `warnings.tsv` names it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum WarningKind {
    /// No text (an empty file, a blank or missing text field).
    SkippedEmpty,
    /// A binary file (a NUL byte early on).
    SkippedBinary,
    /// A record that cannot be read as one: wrong field count, invalid
    /// JSON, a text field that is not a string, bytes of no encoding.
    SkippedMalformed,
    /// A file that cannot be read at all (missing, no permission, I/O).
    SkippedUnreadable,
    /// Invalid UTF-8 sequences repaired in otherwise valid UTF-8 text.
    RepairedEncoding,
    /// An article cut to the length limit.
    Truncated,
    /// An id an earlier article already has: the article is kept under a
    /// suffixed id.
    DuplicateId,
    /// An article without a German paragraph: nothing of it is counted.
    NotGerman,
    /// A date field that is not a date, kept as a field.
    BadDate,
    /// A file in a corpus folder that its manifest does not list.
    NotInManifest,
}

impl WarningKind {
    /// The name in `warnings.tsv`: `skipped-empty`, `repaired-encoding`, ...
    pub fn name(self) -> &'static str {
        match self {
            WarningKind::SkippedEmpty => "skipped-empty",
            WarningKind::SkippedBinary => "skipped-binary",
            WarningKind::SkippedMalformed => "skipped-malformed",
            WarningKind::SkippedUnreadable => "skipped-unreadable",
            WarningKind::RepairedEncoding => "repaired-encoding",
            WarningKind::Truncated => "truncated",
            WarningKind::DuplicateId => "duplicate-id",
            WarningKind::NotGerman => "not-german",
            WarningKind::BadDate => "bad-date",
            WarningKind::NotInManifest => "not-in-manifest",
        }
    }

    /// Whether the input was left out of the analysis.
    pub fn is_skip(self) -> bool {
        matches!(
            self,
            WarningKind::SkippedEmpty
                | WarningKind::SkippedBinary
                | WarningKind::SkippedMalformed
                | WarningKind::SkippedUnreadable
        )
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One input that was skipped, repaired, renamed or cut, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InputWarning {
    /// Where it came from.
    pub origin: Origin,
    /// What kind of problem.
    pub kind: WarningKind,
    /// What happened, in lowercase (`record has 3 fields, expected 2`).
    pub detail: String,
}

impl InputWarning {
    /// A warning about `origin`.
    pub fn new(origin: Origin, kind: WarningKind, detail: impl Into<String>) -> InputWarning {
        InputWarning {
            origin,
            kind,
            detail: detail.into(),
        }
    }

    /// The warning for `repaired` invalid UTF-8 sequences repaired in the
    /// text of `origin`; none when nothing was repaired.
    pub fn repaired(origin: &Origin, repaired: usize) -> Option<InputWarning> {
        (repaired > 0).then(|| {
            InputWarning::new(
                origin.clone(),
                WarningKind::RepairedEncoding,
                format!(
                    "{repaired} invalid UTF-8 sequence(s) repaired (a lone Windows-1252 umlaut or ß as that letter, anything else as U+FFFD)"
                ),
            )
        })
    }
}

/// `origin: detail`, as messages show it.
impl fmt::Display for InputWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_name_their_input() {
        let w = InputWarning::new(
            Origin::line("a.csv", 3),
            WarningKind::SkippedMalformed,
            "record has 3 fields, expected 2",
        );
        assert_eq!(w.to_string(), "a.csv:3: record has 3 fields, expected 2");
        assert_eq!(w.kind.name(), "skipped-malformed");
        assert!(w.kind.is_skip() && !WarningKind::RepairedEncoding.is_skip());
        assert_eq!(Origin::file("b.txt").to_string(), "b.txt");
        assert_eq!(InputWarning::repaired(&Origin::file("b.txt"), 0), None);
        let repaired = InputWarning::repaired(&Origin::file("b.txt"), 2).unwrap();
        assert_eq!(repaired.kind, WarningKind::RepairedEncoding);
    }
}
