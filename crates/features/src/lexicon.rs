//! Framing lexicons: named frames, each a list of term patterns with the
//! reason the term is in, read from TOML and checked line by line.
//!
//! A pattern is one or more words; a phrase matches consecutive tokens.
//! Each word is one of:
//!
//! | pattern | matches |
//! |---|---|
//! | `Bedrohung` | any inflection (same Snowball stem), alone or as part of a hyphenated compound (`NATO-Osterweiterung` for `Osterweiterung`) |
//! | `bedroh*` | words starting with `bedroh` (`bedroht`, `Bedrohung`), also as a compound part |
//! | `*garantien` | words ending in it, stem-wise: closed compounds (`Sicherheitsgarantien`) and the word itself |
//! | `NATO-Osterweiterung` | that hyphenated compound, inflected |
//!
//! Matching ignores case; `rote Linien` finds `roten Linien` and `rote Linie`.
//!
//! A term may list exclusions in the same syntax (`exclude = ["Garantiefonds"]`):
//! a hit is dropped when an exclusion matches tokens it overlaps. A frame may
//! name its function in Entman's sense (`problem-definition`,
//! `causal-interpretation`, `moral-evaluation`, `treatment-recommendation`)
//! and carry a longer `description`.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

pub use crate::actors::Actor;
use crate::error::FeatureError;

/// A framing lexicon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lexicon {
    /// Short name (`security-de`).
    pub name: String,
    /// Version string.
    pub version: String,
    /// Language code of the patterns.
    pub language: String,
    /// What the lexicon is for.
    pub description: String,
    /// Frames in file order.
    pub frames: Vec<Frame>,
    /// Actors whose naming the report profiles (`[[actor]]`), in file order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Actor>,
}

/// The function a frame serves, after Entman (1993): framing defines
/// problems, diagnoses causes, makes moral judgements, suggests remedies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FrameFunction {
    /// What the problem is.
    ProblemDefinition,
    /// Who or what causes it.
    CausalInterpretation,
    /// Who is right or wrong.
    MoralEvaluation,
    /// What should be done.
    TreatmentRecommendation,
}

impl FrameFunction {
    /// The kebab-case name used in lexicon files.
    pub fn name(self) -> &'static str {
        match self {
            FrameFunction::ProblemDefinition => "problem-definition",
            FrameFunction::CausalInterpretation => "causal-interpretation",
            FrameFunction::MoralEvaluation => "moral-evaluation",
            FrameFunction::TreatmentRecommendation => "treatment-recommendation",
        }
    }
}

/// One frame: a way of telling the story, and the words that signal it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Frame {
    /// Identifier used in data files (`threat`).
    pub id: String,
    /// Name shown to readers.
    pub label: String,
    /// One-line definition.
    pub definition: String,
    /// Longer description, when given.
    pub description: Option<String>,
    /// Entman's framing function, when given.
    pub function: Option<FrameFunction>,
    /// Patterns, in file order.
    pub terms: Vec<LexiconTerm>,
}

/// One pattern of a frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LexiconTerm {
    /// The pattern as written.
    pub pattern: String,
    /// Why the term signals the frame.
    pub why: String,
    /// Patterns whose matches are not hits of this term.
    pub exclude: Vec<String>,
    /// Who added the term, when not its author (`suggest`: accepted from
    /// `rahmen lexicon suggest`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added_by: Option<String>,
    /// The frame word the suggestion came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
    /// The day it was added (`YYYY-MM-DD`, UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// 1-based line in the lexicon file.
    #[serde(skip)]
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    lexicon: RawHeader,
    #[serde(default)]
    frame: Vec<Spanned<RawFrame>>,
    #[serde(default)]
    actor: Vec<Spanned<RawActor>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: String,
    #[serde(default)]
    version: String,
    #[serde(default = "german")]
    language: String,
    #[serde(default)]
    description: String,
}

fn german() -> String {
    "de".to_owned()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrame {
    id: String,
    label: String,
    definition: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    function: Option<Spanned<String>>,
    terms: Vec<Spanned<RawTerm>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    pattern: String,
    why: String,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    added_by: Option<String>,
    #[serde(default)]
    seed: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

impl Lexicon {
    /// Reads and checks a lexicon file.
    pub fn load(path: &Path) -> Result<Lexicon, FeatureError> {
        let text = std::fs::read_to_string(path).map_err(|source| FeatureError::LexiconIo {
            path: path.to_path_buf(),
            source,
        })?;
        Lexicon::parse(&text, path)
    }

    /// Parses and checks lexicon text; `path` is only used in messages.
    ///
    /// ```
    /// let text = r#"
    /// [lexicon]
    /// name = "demo"
    ///
    /// [[frame]]
    /// id = "threat"
    /// label = "Threat"
    /// definition = "The other side is dangerous."
    /// terms = [{ pattern = "rote Linien", why = "limits framed as intolerable to cross" }]
    /// "#;
    /// let lexicon = features::Lexicon::parse(text, "demo.toml".as_ref()).unwrap();
    /// assert_eq!(lexicon.frames[0].terms[0].line, 9);
    /// ```
    pub fn parse(text: &str, path: &Path) -> Result<Lexicon, FeatureError> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let error = |line: usize, message: String| FeatureError::Lexicon {
            path: path.to_path_buf(),
            line,
            message,
        };
        let raw: RawLexicon = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |span| line_of(span.start));
            error(line, e.message().trim().to_lowercase())
        })?;
        let mut frames = Vec::with_capacity(raw.frame.len());
        let mut frame_ids = BTreeSet::new();
        for spanned in raw.frame {
            let frame_line = line_of(spanned.span().start);
            let frame = spanned.into_inner();
            if !is_identifier(&frame.id) {
                return Err(error(
                    frame_line,
                    format!(
                        "frame id `{}` must be lowercase letters, digits and `-`",
                        frame.id
                    ),
                ));
            }
            if !frame_ids.insert(frame.id.clone()) {
                return Err(error(
                    frame_line,
                    format!("frame id `{}` is used twice", frame.id),
                ));
            }
            if frame.terms.is_empty() {
                return Err(error(
                    frame_line,
                    format!("frame `{}` has no terms", frame.id),
                ));
            }
            let function = match &frame.function {
                None => None,
                Some(spanned) => Some(parse_function(spanned.get_ref()).ok_or_else(|| {
                    error(
                        line_of(spanned.span().start),
                        format!(
                            "frame `{}`: function `{}` is not one of problem-definition, causal-interpretation, moral-evaluation, treatment-recommendation",
                            frame.id,
                            spanned.get_ref()
                        ),
                    )
                })?),
            };
            let mut patterns = BTreeSet::new();
            let mut terms = Vec::with_capacity(frame.terms.len());
            for spanned_term in frame.terms {
                let line = line_of(spanned_term.span().start);
                let term = spanned_term.into_inner();
                let pattern = term
                    .pattern
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Err(problem) = check_pattern(&pattern) {
                    return Err(error(
                        line,
                        format!("frame `{}`: pattern `{}` {problem}", frame.id, term.pattern),
                    ));
                }
                if !patterns.insert(core_text::normalize(&pattern)) {
                    return Err(error(
                        line,
                        format!("frame `{}`: pattern `{pattern}` is listed twice", frame.id),
                    ));
                }
                if term.why.trim().is_empty() {
                    return Err(error(
                        line,
                        format!("frame `{}`: pattern `{pattern}` needs a `why`", frame.id),
                    ));
                }
                let mut exclude = Vec::with_capacity(term.exclude.len());
                for raw in &term.exclude {
                    let excluded = raw.split_whitespace().collect::<Vec<_>>().join(" ");
                    if let Err(problem) = check_pattern(&excluded) {
                        return Err(error(
                            line,
                            format!(
                                "frame `{}`: pattern `{pattern}`: exclusion `{raw}` {problem}",
                                frame.id
                            ),
                        ));
                    }
                    exclude.push(excluded);
                }
                terms.push(LexiconTerm {
                    pattern,
                    why: term.why.trim().to_owned(),
                    exclude,
                    added_by: term.added_by,
                    seed: term.seed,
                    date: term.date,
                    line,
                });
            }
            frames.push(Frame {
                id: frame.id,
                label: frame.label,
                definition: frame.definition.trim().to_owned(),
                description: frame
                    .description
                    .map(|d| d.trim().to_owned())
                    .filter(|d| !d.is_empty()),
                function,
                terms,
            });
        }
        if frames.is_empty() {
            return Err(error(1, "the lexicon has no [[frame]]".to_owned()));
        }
        let actors = crate::actors::check_actors(
            raw.actor
                .into_iter()
                .map(|spanned| {
                    let line = line_of(spanned.span().start);
                    let actor = spanned.into_inner();
                    (line, actor.name, actor.aliases)
                })
                .collect(),
        )
        .map_err(|(line, message)| error(line, message))?;
        Ok(Lexicon {
            name: raw.lexicon.name,
            version: raw.lexicon.version,
            language: raw.lexicon.language,
            description: raw.lexicon.description.trim().to_owned(),
            frames,
            actors,
        })
    }
}

fn parse_function(name: &str) -> Option<FrameFunction> {
    [
        FrameFunction::ProblemDefinition,
        FrameFunction::CausalInterpretation,
        FrameFunction::MoralEvaluation,
        FrameFunction::TreatmentRecommendation,
    ]
    .into_iter()
    .find(|f| f.name() == name)
}

fn is_identifier(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Checks one pattern's syntax; the error completes "pattern `x` ...".
fn check_pattern(pattern: &str) -> Result<(), &'static str> {
    if pattern.is_empty() {
        return Err("is empty");
    }
    for word in pattern.split(' ') {
        let core = word.trim_start_matches('*').trim_end_matches('*');
        if core.contains('*') {
            return Err("may have `*` only at the start or the end of a word");
        }
        if word.starts_with('*') && word.ends_with('*') && word.len() > 1 {
            return Err("may not have `*` at both ends of a word");
        }
        if !core.chars().any(char::is_alphanumeric) {
            return Err("needs letters besides `*`");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "[lexicon]\nname = \"t\"\n\n";

    fn parse(body: &str) -> Result<Lexicon, String> {
        Lexicon::parse(&format!("{HEADER}{body}"), Path::new("t.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn frames_and_terms_keep_order_and_lines() {
        let lexicon = parse(
            "[[frame]]\nid = \"threat\"\nlabel = \"Threat\"\ndefinition = \"Danger.\"\n\
             terms = [\n  { pattern = \"Kriegsbündnis\", why = \"names NATO a war alliance\" },\n  { pattern = \"aggressiv*\", why = \"aggression\" },\n]\n",
        )
        .unwrap();
        let terms: Vec<(&str, usize)> = lexicon.frames[0]
            .terms
            .iter()
            .map(|t| (t.pattern.as_str(), t.line))
            .collect();
        assert_eq!(terms, [("Kriegsbündnis", 9), ("aggressiv*", 10)]);
        assert_eq!(lexicon.language, "de");
    }

    #[test]
    fn errors_name_the_line_and_the_problem() {
        let frame = |id: &str, terms: &str| {
            format!(
                "[[frame]]\nid = \"{id}\"\nlabel = \"L\"\ndefinition = \"D\"\nterms = [\n{terms}\n]\n"
            )
        };
        let cases = [
            (
                frame("x", "{ pattern = \"ro*te\", why = \"w\" },"),
                "t.toml:9: frame `x`: pattern `ro*te` may have `*` only at the start or the end of a word",
            ),
            (
                frame("x", "{ pattern = \"*\", why = \"w\" },"),
                "t.toml:9: frame `x`: pattern `*` needs letters besides `*`",
            ),
            (
                frame("x", "{ pattern = \"Krieg\", why = \" \" },"),
                "t.toml:9: frame `x`: pattern `Krieg` needs a `why`",
            ),
            (
                frame(
                    "x",
                    "{ pattern = \"Krieg\", why = \"w\" },\n{ pattern = \"krieg\", why = \"w\" },",
                ),
                "t.toml:10: frame `x`: pattern `krieg` is listed twice",
            ),
            (
                frame("Threat", "{ pattern = \"Krieg\", why = \"w\" },"),
                "t.toml:4: frame id `Threat` must be lowercase letters, digits and `-`",
            ),
            (frame("x", ""), "t.toml:4: frame `x` has no terms"),
            (
                format!(
                    "{}{}",
                    frame("x", "{ pattern = \"a\", why = \"w\" },"),
                    frame("x", "{ pattern = \"b\", why = \"w\" },")
                ),
                "t.toml:11: frame id `x` is used twice",
            ),
            (String::new(), "t.toml:1: the lexicon has no [[frame]]"),
        ];
        for (body, expected) in cases {
            assert_eq!(parse(&body).unwrap_err(), expected);
        }
        let unknown =
            parse(&frame("x", "{ pattern = \"a\", why = \"w\", weight = 2 },")).unwrap_err();
        assert!(
            unknown.starts_with("t.toml:9: unknown field `weight`"),
            "{unknown}"
        );
    }

    #[test]
    fn actors_keep_their_lines_and_errors_name_them() {
        let frame = "[[frame]]\nid = \"x\"\nlabel = \"L\"\ndefinition = \"D\"\nterms = [{ pattern = \"a\", why = \"w\" }]\n";
        let lexicon = parse(&format!(
            "{frame}\n[[actor]]\nname = \"NATO\"\naliases = [\"Nato\", \"Allianz\"]\n"
        ))
        .unwrap();
        assert_eq!(lexicon.actors[0].aliases, ["NATO", "Nato", "Allianz"]);
        assert_eq!(lexicon.actors[0].line, 10);
        let twice = parse(&format!(
            "{frame}\n[[actor]]\nname = \"NATO\"\n\n[[actor]]\nname = \"Nato\"\naliases = [\"NATO\"]\n"
        ))
        .unwrap_err();
        assert_eq!(
            twice,
            "t.toml:13: actor `Nato`: `NATO` is already a name of actor `NATO`"
        );
    }
}
