//! Adding terms to a lexicon file as text: an accepted suggestion goes into
//! its frame's `terms` array and every other byte, comments included,
//! stays as the author wrote it. The result is checked by parsing it
//! again, so a merge never yields a lexicon that does not load.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::FeatureError;
use crate::lexicon::Lexicon;

/// A term to add, with its provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTerm {
    /// The pattern.
    pub pattern: String,
    /// Why the term signals the frame.
    pub why: String,
    /// Who adds it (`suggest`).
    pub added_by: String,
    /// The frame word the suggestion came from.
    pub seed: Option<String>,
    /// The day it is added (`YYYY-MM-DD`).
    pub date: String,
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The new lexicon text.
    pub text: String,
    /// Patterns added, in order.
    pub added: Vec<String>,
    /// Patterns left out because the frame already lists them.
    pub already_listed: Vec<String>,
}

#[derive(Deserialize)]
struct SpannedLexicon {
    #[serde(default)]
    frame: Vec<SpannedFrame>,
}

#[derive(Deserialize)]
struct SpannedFrame {
    id: String,
    terms: Spanned<Vec<Spanned<toml::Value>>>,
}

/// Adds `terms` to frame `frame` of the lexicon `text` (read from `path`,
/// named in messages), after the frame's last term. The frame's terms must
/// be an inline array (`terms = [ … ]`, as in Rahmen's lexicons).
///
/// ```
/// use features::lexicon_merge::{NewTerm, add_terms};
/// let text = "[lexicon]\nname = \"demo\"\n\n[[frame]]\nid = \"threat\"\nlabel = \"Threat\"\ndefinition = \"Danger.\"\nterms = [\n  { pattern = \"bedroh*\", why = \"threat\" }, # mine\n]\n";
/// let new = NewTerm {
///     pattern: "Drohkulisse".into(),
///     why: "a staged threat".into(),
///     added_by: "suggest".into(),
///     seed: Some("bedroh*".into()),
///     date: "2026-12-06".into(),
/// };
/// let merged = add_terms(text, "demo.toml".as_ref(), "threat", &[new]).unwrap();
/// assert!(merged.text.contains("# mine"));
/// let lexicon = features::Lexicon::parse(&merged.text, "demo.toml".as_ref()).unwrap();
/// assert_eq!(lexicon.frames[0].terms[1].added_by.as_deref(), Some("suggest"));
/// ```
pub fn add_terms(
    text: &str,
    path: &Path,
    frame: &str,
    terms: &[NewTerm],
) -> Result<Merged, FeatureError> {
    let lexicon = Lexicon::parse(text, path)?;
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let error = |line: usize, message: String| FeatureError::Lexicon {
        path: path.to_path_buf(),
        line,
        message,
    };
    let Some(index) = lexicon.frames.iter().position(|f| f.id == frame) else {
        return Err(error(1, format!("the lexicon has no frame `{frame}`")));
    };
    let mut listed: Vec<String> = lexicon.frames[index]
        .terms
        .iter()
        .map(|t| core_text::normalize(&t.pattern))
        .collect();
    let mut added = Vec::new();
    let mut already_listed = Vec::new();
    let mut entries = String::new();
    for term in terms {
        let pattern = term
            .pattern
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let key = core_text::normalize(&pattern);
        if listed.contains(&key) {
            already_listed.push(pattern);
            continue;
        }
        listed.push(key);
        entries.push_str("\n  { pattern = ");
        entries.push_str(&toml_string(&pattern));
        entries.push_str(", why = ");
        entries.push_str(&toml_string(term.why.trim()));
        entries.push_str(", added_by = ");
        entries.push_str(&toml_string(&term.added_by));
        if let Some(seed) = &term.seed {
            entries.push_str(", seed = ");
            entries.push_str(&toml_string(seed));
        }
        entries.push_str(", date = ");
        entries.push_str(&toml_string(&term.date));
        entries.push_str(" },");
        added.push(pattern);
    }
    if added.is_empty() {
        return Ok(Merged {
            text: text.to_owned(),
            added,
            already_listed,
        });
    }
    let spanned: SpannedLexicon = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |span| line_of(span.start));
        error(line, e.message().trim().to_lowercase())
    })?;
    let frame_terms = spanned
        .frame
        .iter()
        .find(|f| f.id == frame)
        .map(|f| &f.terms)
        .ok_or_else(|| error(1, format!("the lexicon has no frame `{frame}`")))?;
    let array = frame_terms.span();
    let inline = text.as_bytes().get(array.start) == Some(&b'[')
        && text.as_bytes().get(array.end.wrapping_sub(1)) == Some(&b']');
    let last = frame_terms.get_ref().last().map(Spanned::span);
    let Some(last) = last.filter(|_| inline) else {
        return Err(error(
            line_of(array.start),
            format!(
                "frame `{frame}`: its terms are not an inline array (`terms = [ … ]`); add them by hand"
            ),
        ));
    };
    // After the last term and its comma, or after the term with a comma added.
    let after = &text[last.end..];
    let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
    let (at, entries) = if after[gap..].starts_with(',') {
        (last.end + gap + 1, entries)
    } else {
        (last.end, format!(",{}", entries.trim_end_matches(',')))
    };
    let mut merged = String::with_capacity(text.len() + entries.len());
    merged.push_str(&text[..at]);
    merged.push_str(&entries);
    merged.push_str(&text[at..]);
    // The check: the merged text loads and the frame ends with the new terms.
    let check = Lexicon::parse(&merged, path)?;
    let now: Vec<&str> = check.frames[index]
        .terms
        .iter()
        .map(|t| t.pattern.as_str())
        .collect();
    let before = lexicon.frames[index].terms.len();
    if now.len() != before + added.len() || now[before..] != added[..] {
        return Err(error(
            line_of(array.start),
            format!("frame `{frame}`: the new terms could not be placed; add them by hand"),
        ));
    }
    Ok(Merged {
        text: merged,
        added,
        already_listed,
    })
}

/// A TOML basic string (escaped as the TOML spec asks).
pub fn toml_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# my notes\n[lexicon]\nname = \"t\"\n\n[[frame]]\nid = \"a\"\nlabel = \"A\"\ndefinition = \"D\"\nterms = [{ pattern = \"Krieg\", why = \"w\" }]  # short\n\n[[frame]]\nid = \"b\"\nlabel = \"B\"\ndefinition = \"D\"\nterms = [\n  { pattern = \"Dialog\", why = \"w\" },\n  # more to come\n]\n";

    fn new(pattern: &str) -> NewTerm {
        NewTerm {
            pattern: pattern.to_owned(),
            why: "says \"x\"\nand more".to_owned(),
            added_by: "suggest".to_owned(),
            seed: None,
            date: "2026-12-06".to_owned(),
        }
    }

    #[test]
    fn terms_join_their_frame_and_comments_stay() {
        let path = Path::new("t.toml");
        let merged = add_terms(TEXT, path, "a", &[new("Kriegsgefahr"), new("krieg")]).unwrap();
        assert_eq!(merged.added, ["Kriegsgefahr"]);
        assert_eq!(merged.already_listed, ["krieg"]);
        assert!(merged.text.contains("# my notes") && merged.text.contains("# short"));
        let lexicon = Lexicon::parse(&merged.text, path).unwrap();
        let term = &lexicon.frames[0].terms[1];
        assert_eq!(term.pattern, "Kriegsgefahr");
        assert_eq!(term.why, "says \"x\"\nand more");
        assert_eq!(term.date.as_deref(), Some("2026-12-06"));
        assert_eq!(lexicon.frames[1].terms.len(), 1);

        let merged = add_terms(TEXT, path, "b", &[new("Gespräch*")]).unwrap();
        assert!(merged.text.contains("# more to come"));
        let lexicon = Lexicon::parse(&merged.text, path).unwrap();
        assert_eq!(lexicon.frames[1].terms[1].pattern, "Gespräch*");
        assert_eq!(lexicon.frames[1].terms[0].added_by, None);

        assert!(add_terms(TEXT, path, "c", &[new("x")]).is_err());
        let nothing = add_terms(TEXT, path, "a", &[]).unwrap();
        assert_eq!(nothing.text, TEXT);
    }
}
