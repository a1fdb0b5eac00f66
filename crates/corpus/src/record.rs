//! From one CSV record or JSONL object (names to values) to an [`Article`]:
//! which field plays which part, and the per-record checks both formats share.

use std::collections::BTreeMap;
use std::path::Path;

use crate::article::{Article, Entry};
use crate::error::CorpusError;
use crate::format::FieldMapping;
use crate::manifest::is_partial_iso_date;
use crate::warning::{InputWarning, Origin, WarningKind};

/// One value of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// A string (every CSV value, JSON strings).
    Str(String),
    /// JSON `null`: there, but without a value.
    Null,
    /// Any other JSON value, as its JSON text, with the name of its type.
    Other {
        /// The JSON text (`17`, `true`, `["a"]`).
        json: String,
        /// `a number`, `a boolean`, `an array`, `an object`.
        kind: &'static str,
    },
}

impl Value {
    fn as_text(&self) -> &str {
        match self {
            Value::Str(s) => s,
            Value::Null => "",
            Value::Other { json, .. } => json,
        }
    }
}

/// Names of the fields that play a part, resolved from a [`FieldMapping`].
#[derive(Debug, Clone)]
pub(crate) struct Roles {
    text: String,
    id: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    date: Option<String>,
    group_by: Option<String>,
    /// Metadata names given explicitly (they must exist in a header), with
    /// what they are for.
    explicit: Vec<(&'static str, String)>,
}

impl Roles {
    /// The roles for `mapping`; default names never take the text column.
    pub(crate) fn new(mapping: &FieldMapping, group_by: Option<&str>) -> Roles {
        let mut explicit = Vec::new();
        let mut role = |given: &Option<String>, purpose: &'static str, default: &str| {
            if let Some(name) = given {
                explicit.push((purpose, name.clone()));
                Some(name.clone())
            } else {
                (default != mapping.text).then(|| default.to_owned())
            }
        };
        let id = role(&mapping.id, "id column", "id");
        let outlet = role(&mapping.outlet, "outlet column", "outlet");
        let title = role(&mapping.title, "title column", "title");
        let date = role(&mapping.date, "date column", "date");
        Roles {
            text: mapping.text.clone(),
            id,
            outlet,
            title,
            date,
            group_by: group_by.map(str::to_owned),
            explicit,
        }
    }

    /// Checks that the names the options insist on are among `available`: a
    /// CSV header (`header`: text, group-by and every name given), or the
    /// first JSONL object (text and group-by only, as later objects may
    /// differ).
    pub(crate) fn check(
        &self,
        available: &[String],
        path: &Path,
        header: bool,
    ) -> Result<(), CorpusError> {
        let (text, group) = if header {
            ("text column", "group-by column")
        } else {
            ("text field", "group-by field")
        };
        let mut wanted = vec![(text, &self.text)];
        wanted.extend(self.group_by.iter().map(|g| (group, g)));
        if header {
            wanted.extend(self.explicit.iter().map(|(p, name)| (*p, name)));
        }
        for (purpose, column) in wanted {
            if !available.contains(column) {
                return Err(CorpusError::MissingColumn {
                    path: path.to_path_buf(),
                    purpose,
                    column: column.clone(),
                    available: available.to_vec(),
                });
            }
        }
        Ok(())
    }
}

/// Turns records into entries, and counts what is worth one warning at the end.
pub(crate) struct RecordBuilder {
    roles: Roles,
    encoding: &'static str,
    bad_dates: u64,
    /// Where the first bad date is, and what it says.
    first_bad_date: Option<(Origin, String)>,
}

impl RecordBuilder {
    pub(crate) fn new(roles: Roles, encoding: &'static str) -> RecordBuilder {
        RecordBuilder {
            roles,
            encoding,
            bad_dates: 0,
            first_bad_date: None,
        }
    }

    /// The entry for one record; `fallback_id` (`row-3`) is used when the
    /// record has no id.
    pub(crate) fn build(
        &mut self,
        mut values: BTreeMap<String, Value>,
        origin: Origin,
        fallback_id: String,
        repaired: usize,
    ) -> Entry {
        let roles = &self.roles;
        let text = match values.remove(&roles.text) {
            Some(Value::Str(text)) if !text.trim().is_empty() => text,
            found => {
                let problem = match found {
                    None => "is missing".to_owned(),
                    Some(Value::Null) => "is null".to_owned(),
                    Some(Value::Str(_)) => "is empty".to_owned(),
                    Some(Value::Other { kind, .. }) => format!("is {kind}, not a string"),
                };
                let reason = format!("field `{}` {problem}", roles.text);
                let kind = match found {
                    Some(Value::Other { .. }) => WarningKind::SkippedMalformed,
                    _ => WarningKind::SkippedEmpty,
                };
                return Entry::Skipped(InputWarning::new(origin, kind, reason));
            }
        };
        let get = |name: &Option<String>| {
            name.as_ref()
                .and_then(|n| values.get(n))
                .map(|v| v.as_text().trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let id = get(&roles.id).unwrap_or(fallback_id);
        let outlet = get(&roles.outlet).filter(|o| !o.eq_ignore_ascii_case("unknown"));
        let title = get(&roles.title);
        let raw_date = get(&roles.date);
        let group = match &roles.group_by {
            None => outlet.clone(),
            Some(_) => get(&roles.group_by).filter(|g| !g.eq_ignore_ascii_case("unknown")),
        }
        .unwrap_or_else(|| format!("unknown ({id})"));
        let date = raw_date.as_deref().and_then(date_of);
        for name in [&roles.id, &roles.outlet, &roles.title]
            .into_iter()
            .flatten()
        {
            values.remove(name);
        }
        if let Some(name) = &roles.date {
            // A date that is not one is kept as a field, not lost.
            if date.is_some() || raw_date.is_none() {
                values.remove(name);
            } else {
                self.bad_dates += 1;
                if self.first_bad_date.is_none() {
                    let raw = raw_date.unwrap_or_default();
                    self.first_bad_date = Some((origin.clone(), raw));
                }
            }
        }
        let fields = values
            .into_iter()
            .map(|(name, value)| (name, value.as_text().to_owned()))
            .filter(|(_, text)| !text.is_empty())
            .collect();
        Entry::Article(Article {
            id,
            outlet,
            title,
            date,
            language: None,
            group,
            fields,
            warnings: InputWarning::repaired(&origin, repaired)
                .into_iter()
                .collect(),
            origin,
            text,
            encoding: self.encoding,
        })
    }

    /// The warnings about the whole input, once it has been read.
    pub(crate) fn warnings(&self) -> Vec<InputWarning> {
        let Some((origin, raw)) = &self.first_bad_date else {
            return Vec::new();
        };
        let name = self.roles.date.as_deref().unwrap_or("date");
        vec![InputWarning::new(
            origin.clone(),
            WarningKind::BadDate,
            format!(
                "{} record(s) have a `{name}` that is not YYYY-MM-DD, YYYY-MM or YYYY, kept as a field instead (first: `{raw}`, here)",
                self.bad_dates
            ),
        )]
    }
}

/// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or the date of a `YYYY-MM-DDThh:mm...`
/// (or space-separated) timestamp.
fn date_of(raw: &str) -> Option<String> {
    if is_partial_iso_date(raw) {
        return Some(raw.to_owned());
    }
    let (day, rest) = (raw.get(..10)?, &raw[10..]);
    let time_follows = rest.starts_with('T') || rest.starts_with(' ');
    (time_follows && is_partial_iso_date(day)).then(|| day.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(pairs: &[(&str, &str)]) -> BTreeMap<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::Str((*v).to_owned())))
            .collect()
    }

    fn build(mapping: FieldMapping, group_by: Option<&str>, pairs: &[(&str, &str)]) -> Entry {
        let mut builder = RecordBuilder::new(Roles::new(&mapping, group_by), "UTF-8");
        builder.build(record(pairs), Origin::line("a.csv", 2), "row-1".into(), 0)
    }

    fn article(entry: Entry) -> Article {
        match entry {
            Entry::Article(a) => a,
            Entry::Skipped(s) => panic!("skipped: {s}"),
        }
    }

    #[test]
    fn roles_and_fields() {
        let a = article(build(
            FieldMapping::default(),
            None,
            &[
                ("text", "Dialog."),
                ("id", " a1 "),
                ("outlet", "RT DE"),
                ("date", "2022-01-13T09:30:00Z"),
                ("title", ""),
                ("label", "Inland"),
                ("note", ""),
            ],
        ));
        assert_eq!((a.id.as_str(), a.group.as_str()), ("a1", "RT DE"));
        assert_eq!(a.date.as_deref(), Some("2022-01-13"));
        assert_eq!(a.title, None);
        let fields = BTreeMap::from([("label".to_owned(), "Inland".to_owned())]);
        assert_eq!(a.fields, fields);
    }

    #[test]
    fn groups_never_pool_unknowns() {
        let cases = [
            (None, vec![("outlet", "unknown")], "unknown (row-1)"),
            (None, vec![], "unknown (row-1)"),
            (Some("label"), vec![("label", "Sport")], "Sport"),
            (Some("label"), vec![("label", " ")], "unknown (row-1)"),
            (Some("label"), vec![("label", "x"), ("id", "7")], "x"),
        ];
        for (group_by, mut pairs, expected) in cases {
            pairs.push(("text", "Dialog."));
            let a = article(build(FieldMapping::default(), group_by, &pairs));
            assert_eq!(a.group, expected, "{pairs:?}");
        }
    }

    #[test]
    fn text_problems_skip_the_record() {
        let mut builder = RecordBuilder::new(Roles::new(&FieldMapping::default(), None), "UTF-8");
        let odd = Value::Other {
            json: "3".into(),
            kind: "a number",
        };
        let cases = [
            (record(&[("id", "a")]), "field `text` is missing"),
            (record(&[("text", " \n")]), "field `text` is empty"),
            (
                BTreeMap::from([("text".to_owned(), odd)]),
                "field `text` is a number, not a string",
            ),
        ];
        for (values, reason) in cases {
            let origin = Origin::line("a.jsonl", 3);
            let entry = builder.build(values, origin.clone(), "line-3".into(), 0);
            let kind = if reason.ends_with("not a string") {
                WarningKind::SkippedMalformed
            } else {
                WarningKind::SkippedEmpty
            };
            let expected = InputWarning::new(origin, kind, reason);
            assert_eq!(entry, Entry::Skipped(expected));
        }
    }

    #[test]
    fn bad_dates_are_kept_as_fields_with_one_warning() {
        let mut builder = RecordBuilder::new(Roles::new(&FieldMapping::default(), None), "UTF-8");
        for n in 1..=2 {
            let values = record(&[("text", "Dialog."), ("date", "13.01.2022")]);
            let a = article(builder.build(values, Origin::line("a.csv", n), format!("row-{n}"), 0));
            assert_eq!((a.date, a.fields["date"].as_str()), (None, "13.01.2022"));
        }
        assert_eq!(
            builder
                .warnings()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [
                "a.csv:1: 2 record(s) have a `date` that is not YYYY-MM-DD, YYYY-MM or YYYY, kept as a field instead (first: `13.01.2022`, here)"
            ]
        );
    }

    #[test]
    fn dates() {
        let cases = [
            ("2022", Some("2022")),
            ("2022-01-13", Some("2022-01-13")),
            ("2022-01-13 10:00", Some("2022-01-13")),
            ("2022-01-13T10:00:00+01:00", Some("2022-01-13")),
            ("2022-01-13X", None),
            ("2022-02-30T00:00", None),
            ("13.01.2022", None),
            ("ä", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(date_of(raw).as_deref(), expected, "{raw}");
        }
    }

    #[test]
    fn text_column_is_never_a_default_role() {
        let mapping = FieldMapping {
            text: "title".into(),
            ..FieldMapping::default()
        };
        let a = article(build(mapping, None, &[("title", "Der Text.")]));
        assert_eq!((a.text.as_str(), a.title), ("Der Text.", None));
    }
}
