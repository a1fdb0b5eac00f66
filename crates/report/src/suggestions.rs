//! The review file of `rahmen lexicon suggest`: the candidates as TOML a
//! person edits (`accept = true` on the ones that belong), and the reading
//! of it back for `rahmen lexicon accept`. The file carries no date or
//! timing, so the same corpus and lexicon give the same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use analysis::Analysis;
use analysis::suggest::{Candidate, SuggestParams, Suggestions};
use serde::Deserialize;

use crate::numbers::fixed;

/// Why a review file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not a review file, or an entry is incomplete.
    #[error("{}:{line}: {message}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// The line at fault.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The review file for `suggestions` of frame `suggestions.frame`.
pub fn review_toml(a: &Analysis, suggestions: &Suggestions, params: &SuggestParams) -> String {
    let frame = &a.lexicon.frames[suggestions.frame];
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Lexicon suggestions for frame `{}` ({}) of {},\n# from the corpus `{}`: {} articles, {} sentences with a hit of the frame.",
        frame.id,
        frame.label,
        a.lexicon_file,
        a.corpus_name,
        a.articles.len(),
        suggestions.hit_sentences
    );
    out.push_str(
        "#\n\
         # How to review: read each candidate's evidence lines and set `accept = true`\n\
         # on those that signal the frame. You may edit `pattern` (`Drohkulisse*` for\n\
         # every word starting with it, `*bündnis` for compounds ending in it) and\n\
         # should rewrite `why` in your own words. Leave the rest as it is. Then run\n\
         #   rahmen lexicon accept THIS-FILE --lexicon LEXICON [--out NEW-LEXICON]\n\
         # Only the entries marked `accept = true` enter the lexicon, each with\n\
         # `added_by = \"suggest\"`, its seed and the date. Nothing else changes.\n\
         #\n\
         # score: reciprocal rank fusion of three ranked lists, sum of 1 / (k + rank)\n",
    );
    let _ = writeln!(
        out,
        "# with k = {}, each list weighted alike: keyness (G² of the count in the\n\
         # frame's hit sentences against all other sentences), neighbours (cosine of\n\
         # the PPMI sentence co-occurrence vector with the mean of the frame words'),\n\
         # compound (shares a head or a modifier with a frame word, longer parts\n\
         # first). `ranks` gives the candidate's rank in each list it is in. Words the\n\
         # frame already matches, numbers and words seen fewer than {} times are left out.",
        fixed(params.fusion_k, 0),
        params.min_count
    );
    out.push_str("\n[suggestions]\n");
    let _ = writeln!(
        out,
        "lexicon = {}",
        features::lexicon_merge::toml_string(&a.lexicon_file)
    );
    let _ = writeln!(
        out,
        "frame = {}",
        features::lexicon_merge::toml_string(&frame.id)
    );
    let _ = writeln!(
        out,
        "corpus = {}",
        features::lexicon_merge::toml_string(&a.corpus_name)
    );
    let seeds: Vec<String> = suggestions
        .seeds
        .iter()
        .map(|&s| features::lexicon_merge::toml_string(&a.counts.terms[s as usize].label))
        .collect();
    let _ = writeln!(out, "frame_words = [{}]", seeds.join(", "));
    for (rank, candidate) in suggestions.candidates.iter().enumerate() {
        candidate_table(&mut out, &frame.id, rank + 1, candidate);
    }
    out
}

fn candidate_table(out: &mut String, frame: &str, rank: usize, c: &Candidate) {
    out.push_str("\n[[candidate]]\n");
    out.push_str("accept = false\n");
    let _ = writeln!(
        out,
        "pattern = {}",
        features::lexicon_merge::toml_string(&c.label)
    );
    let why = match c.evidence.first() {
        Some(line) => format!(
            "suggested for {frame}: „{}“",
            folded(&format!("{}{}{}", line.left, line.keyword, line.right))
        ),
        None => format!("suggested for {frame}"),
    };
    let _ = writeln!(out, "why = {}", features::lexicon_merge::toml_string(&why));
    if let Some(seed) = &c.seed {
        let _ = writeln!(out, "seed = {}", features::lexicon_merge::toml_string(seed));
    }
    let _ = writeln!(out, "rank = {rank}");
    let _ = writeln!(out, "score = {}", fixed(c.score, 6));
    let names = ["keyness", "neighbours", "compound"];
    let ranks: Vec<String> = names
        .iter()
        .zip(c.ranks)
        .filter_map(|(name, rank)| rank.map(|r| format!("{name} = {r}")))
        .collect();
    let _ = writeln!(out, "ranks = {{ {} }}", ranks.join(", "));
    let _ = writeln!(out, "count = {}", c.count);
    let _ = writeln!(out, "in_hit_sentences = {}", c.in_hit_sentences);
    if let Some(k) = &c.keyness {
        let _ = writeln!(out, "keyness_g2 = {}", fixed(k.g2, 3));
        let _ = writeln!(out, "log_ratio = {}", fixed(k.log_ratio, 3));
    }
    let _ = writeln!(out, "cosine = {}", fixed(c.cosine, 4));
    if let Some(link) = &c.compound {
        let part = match link.relation {
            analysis::suggest::compounds::Relation::Head => format!("-{}", link.part),
            analysis::suggest::compounds::Relation::Modifier => format!("{}-", link.part),
        };
        let _ = writeln!(
            out,
            "compound = {}",
            features::lexicon_merge::toml_string(&format!("{} {part}", link.relation.name()))
        );
    }
    let groups: Vec<String> = c
        .per_group
        .iter()
        .map(|(group, n)| format!("{} = {n}", features::lexicon_merge::toml_string(group)))
        .collect();
    let _ = writeln!(out, "per_group = {{ {} }}", groups.join(", "));
    out.push_str("evidence = [\n");
    for line in &c.evidence {
        let text = format!("{}[{}]{}", line.left, line.keyword, line.right);
        let _ = writeln!(
            out,
            "  {},",
            features::lexicon_merge::toml_string(&folded(&text))
        );
    }
    out.push_str("]\n");
}

/// `text` with its white space folded to single spaces, trimmed.
fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A review file as read back: what the user accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The lexicon file the suggestions were made for (its file name).
    pub lexicon: String,
    /// The frame id.
    pub frame: String,
    /// The entries marked `accept = true`, in file order.
    pub accepted: Vec<Accepted>,
    /// Entries in the file.
    pub entries: usize,
}

/// One accepted entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The pattern, as the user left it.
    pub pattern: String,
    /// The reason, as the user left it.
    pub why: String,
    /// The frame word the suggestion came from.
    pub seed: Option<String>,
}

#[derive(Deserialize)]
struct RawReview {
    suggestions: RawHeader,
    #[serde(default)]
    candidate: Vec<toml::Spanned<RawCandidate>>,
}

#[derive(Deserialize)]
struct RawHeader {
    lexicon: String,
    frame: String,
}

#[derive(Deserialize)]
struct RawCandidate {
    accept: bool,
    pattern: String,
    why: String,
    #[serde(default)]
    seed: Option<String>,
}

/// Reads a review file.
pub fn read_review(path: &Path) -> Result<Review, ReviewError> {
    let text = std::fs::read_to_string(path).map_err(|source| ReviewError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_review(&text, path)
}

/// Parses review text; `path` is only used in messages.
pub fn parse_review(text: &str, path: &Path) -> Result<Review, ReviewError> {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let format = |line: usize, message: String| ReviewError::Format {
        path: path.to_path_buf(),
        line,
        message,
    };
    let raw: RawReview = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |span| line_of(span.start));
        format(line, e.message().trim().to_lowercase())
    })?;
    let entries = raw.candidate.len();
    let mut accepted = Vec::new();
    for spanned in raw.candidate {
        let line = line_of(spanned.span().start);
        let candidate = spanned.into_inner();
        if !candidate.accept {
            continue;
        }
        if candidate.pattern.trim().is_empty() || candidate.why.trim().is_empty() {
            return Err(format(
                line,
                "an accepted entry needs a `pattern` and a `why`".to_owned(),
            ));
        }
        accepted.push(Accepted {
            pattern: candidate.pattern.trim().to_owned(),
            why: candidate.why.trim().to_owned(),
            seed: candidate.seed,
        });
    }
    Ok(Review {
        lexicon: raw.suggestions.lexicon,
        frame: raw.suggestions.frame,
        accepted,
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_marked_entries_are_accepted() {
        let text = "[suggestions]\nlexicon = \"l.toml\"\nframe = \"threat\"\n\n\
            [[candidate]]\naccept = false\npattern = \"Grenze\"\nwhy = \"w\"\n\n\
            [[candidate]]\naccept = true\npattern = \" Drohkulisse* \"\nwhy = \"a staged threat\"\nseed = \"bedroh*\"\nscore = 0.01\n";
        let review = parse_review(text, Path::new("r.toml")).unwrap();
        assert_eq!((review.frame.as_str(), review.entries), ("threat", 2));
        assert_eq!(
            review.accepted,
            [Accepted {
                pattern: "Drohkulisse*".into(),
                why: "a staged threat".into(),
                seed: Some("bedroh*".into()),
            }]
        );
        let broken = text.replace("why = \"a staged threat\"", "why = \"\"");
        let error = parse_review(&broken, Path::new("r.toml")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "r.toml:10: an accepted entry needs a `pattern` and a `why`"
        );
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(
            features::lexicon_merge::toml_string("a \"b\"\\\n"),
            "\"a \\\"b\\\"\\\\\\n\""
        );
    }
}
