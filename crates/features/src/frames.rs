//! Finding a lexicon's frames in articles: every hit keeps its token range
//! and byte span, so it can be counted, and shown in context as evidence.

use std::collections::HashMap;
use std::ops::Range;

use core_text::{Analyzer, Document, Span, Token};

use crate::lexicon::Lexicon;

/// One place where a frame's pattern matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameHit {
    /// Index of the frame in the lexicon.
    pub frame: usize,
    /// Index of the pattern within the frame.
    pub term: usize,
    /// Token indices covered (a phrase covers several).
    pub tokens: Range<usize>,
    /// Bytes covered in the article text.
    pub span: Span,
}

/// The result of [`FrameMatcher::find_all`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matches {
    /// The frame hits, as [`FrameMatcher::find`] returns them.
    pub hits: Vec<FrameHit>,
    /// Matches dropped because one of the term's exclusions overlapped them.
    pub excluded: Vec<FrameHit>,
}

/// How one pattern word is matched.
#[derive(Debug, Clone, PartialEq, Eq)]
enum WordMatch {
    /// Same stem as the token or one of its compound parts.
    Stem(String),
    /// The same hyphenated compound (key of its parts' stems).
    Compound(String),
    /// The token or a part starts with this normalised text.
    Prefix(String),
    /// The token's or a part's stem ends with this stem.
    Head(String),
}

/// The forms of one token that patterns look at.
struct TokenForms {
    norm: String,
    /// Stem of a simple word; the joined part stems of a compound.
    key: String,
    /// Normalised parts and their stems (compounds only).
    parts: Vec<(String, String)>,
}

impl WordMatch {
    fn matches(&self, forms: &TokenForms) -> bool {
        let compound = !forms.parts.is_empty();
        match self {
            WordMatch::Stem(stem) => {
                (!compound && &forms.key == stem) || forms.parts.iter().any(|(_, s)| s == stem)
            }
            WordMatch::Compound(key) => compound && &forms.key == key,
            WordMatch::Prefix(prefix) => {
                forms.norm.starts_with(prefix.as_str())
                    || forms
                        .parts
                        .iter()
                        .any(|(n, _)| n.starts_with(prefix.as_str()))
            }
            WordMatch::Head(stem) => {
                (!compound && forms.key.ends_with(stem.as_str()))
                    || forms.parts.iter().any(|(_, s)| s.ends_with(stem.as_str()))
            }
        }
    }
}

struct CompiledTerm {
    frame: usize,
    term: usize,
    words: Vec<WordMatch>,
    /// Exclusion patterns: a hit overlapped by one of them is dropped.
    exclude: Vec<Vec<WordMatch>>,
}

/// Whether `words` match the tokens starting at `start`.
fn matches_at(words: &[WordMatch], forms: &[TokenForms], start: usize) -> bool {
    let end = start + words.len();
    end <= forms.len()
        && words
            .iter()
            .zip(&forms[start..end])
            .all(|(w, f)| w.matches(f))
}

/// Whether an exclusion matches tokens that overlap `hit`.
fn excluded(
    exclusions: &[Vec<WordMatch>],
    forms: &[TokenForms],
    hit: &std::ops::Range<usize>,
) -> bool {
    exclusions.iter().any(|words| {
        let first = (hit.start + 1).saturating_sub(words.len());
        (first..hit.end).any(|s| matches_at(words, forms, s))
    })
}

/// A lexicon compiled for one analyzer (the stems must be the same as the
/// articles' stems).
pub struct FrameMatcher<'a> {
    analyzer: &'a Analyzer,
    terms: Vec<CompiledTerm>,
    /// Terms whose first word is an exact stem or compound key, by that key.
    by_first_key: HashMap<String, Vec<usize>>,
    /// Terms whose first word is a glob: tried at every token.
    first_is_glob: Vec<usize>,
}

impl<'a> FrameMatcher<'a> {
    /// Compiles the patterns of `lexicon` with `analyzer`'s stemmer.
    pub fn new(lexicon: &Lexicon, analyzer: &'a Analyzer) -> FrameMatcher<'a> {
        let mut terms = Vec::new();
        let mut by_first_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut first_is_glob = Vec::new();
        for (f, frame) in lexicon.frames.iter().enumerate() {
            for (t, term) in frame.terms.iter().enumerate() {
                let compile = |pattern: &str| -> Vec<WordMatch> {
                    pattern
                        .split(' ')
                        .map(|w| compile_word(w, analyzer))
                        .collect()
                };
                let words = compile(&term.pattern);
                let exclude = term.exclude.iter().map(|e| compile(e)).collect();
                let index = terms.len();
                match &words[0] {
                    WordMatch::Stem(key) | WordMatch::Compound(key) => {
                        by_first_key.entry(key.clone()).or_default().push(index)
                    }
                    WordMatch::Prefix(_) | WordMatch::Head(_) => first_is_glob.push(index),
                }
                terms.push(CompiledTerm {
                    frame: f,
                    term: t,
                    words,
                    exclude,
                });
            }
        }
        FrameMatcher {
            analyzer,
            terms,
            by_first_key,
            first_is_glob,
        }
    }

    /// All frame hits in `doc`, ordered by position, then frame, then pattern.
    ///
    /// Within one frame, overlapping hits count once: the longest (then the
    /// earliest-listed pattern) wins, so `Sicherheitsgarantien` matched by
    /// both `Sicherheitsgarantien` and `*garantien` is one hit. Different
    /// frames may share a token.
    pub fn find(&self, doc: &Document) -> Vec<FrameHit> {
        self.find_all(doc).hits
    }

    /// Like [`FrameMatcher::find`], and also the matches that a term's
    /// exclusions removed, so a lexicon check can show what they cost.
    pub fn find_all(&self, doc: &Document) -> Matches {
        let mut excluded_hits = Vec::new();
        let mut cache: HashMap<&str, String> = HashMap::new();
        let forms: Vec<TokenForms> = doc
            .tokens
            .iter()
            .map(|token| self.forms(token, &mut cache))
            .collect();
        let mut candidates: Vec<FrameHit> = Vec::new();
        for start in 0..forms.len() {
            let mut tried: Vec<usize> = self.first_is_glob.clone();
            let f = &forms[start];
            for key in std::iter::once(&f.key).chain(f.parts.iter().map(|(_, s)| s)) {
                if let Some(list) = self.by_first_key.get(key) {
                    tried.extend(list);
                }
            }
            tried.sort_unstable();
            tried.dedup();
            for index in tried {
                let term = &self.terms[index];
                let end = start + term.words.len();
                if matches_at(&term.words, &forms, start) && within_one_sentence(doc, start, end) {
                    let hit = FrameHit {
                        frame: term.frame,
                        term: term.term,
                        tokens: start..end,
                        span: Span::new(doc.tokens[start].span.start, doc.tokens[end - 1].span.end),
                    };
                    if excluded(&term.exclude, &forms, &(start..end)) {
                        excluded_hits.push(hit);
                    } else {
                        candidates.push(hit);
                    }
                }
            }
        }
        // Longest first within a frame, then the earliest-listed pattern.
        candidates.sort_by(|a, b| {
            (
                a.frame,
                a.tokens.start,
                std::cmp::Reverse(a.tokens.len()),
                a.term,
            )
                .cmp(&(
                    b.frame,
                    b.tokens.start,
                    std::cmp::Reverse(b.tokens.len()),
                    b.term,
                ))
        });
        let mut hits: Vec<FrameHit> = Vec::with_capacity(candidates.len());
        let mut covered_until: HashMap<usize, usize> = HashMap::new();
        for hit in candidates {
            let until = covered_until.entry(hit.frame).or_insert(0);
            if hit.tokens.start >= *until {
                *until = hit.tokens.end;
                hits.push(hit);
            }
        }
        hits.sort_by_key(|h| (h.tokens.start, h.frame, h.term));
        Matches {
            hits,
            excluded: excluded_hits,
        }
    }

    fn forms<'t>(&self, token: &'t Token, cache: &mut HashMap<&'t str, String>) -> TokenForms {
        let mut stem = |norm: &'t str| {
            cache
                .entry(norm)
                .or_insert_with(|| self.analyzer.stem(norm))
                .clone()
        };
        if token.is_compound() {
            let parts: Vec<(String, String)> = token
                .part_norms()
                .map(|p| (p.to_owned(), stem(p)))
                .collect();
            let key = parts
                .iter()
                .map(|(_, s)| s.as_str())
                .collect::<Vec<_>>()
                .join("-");
            TokenForms {
                norm: token.norm.clone(),
                key,
                parts,
            }
        } else {
            TokenForms {
                norm: token.norm.clone(),
                key: stem(&token.norm),
                parts: Vec::new(),
            }
        }
    }
}

/// A phrase must not run across a sentence boundary.
fn within_one_sentence(doc: &Document, start: usize, end: usize) -> bool {
    if end - start <= 1 {
        return true;
    }
    let first = doc.sentence_at(doc.tokens[start].span.start);
    let last = doc.sentence_at(doc.tokens[end - 1].span.start);
    first == last
}

fn compile_word(word: &str, analyzer: &Analyzer) -> WordMatch {
    let norm = core_text::normalize(word);
    if let Some(prefix) = norm.strip_suffix('*') {
        return WordMatch::Prefix(prefix.to_owned());
    }
    if let Some(head) = norm.strip_prefix('*') {
        return WordMatch::Head(analyzer.stem(head));
    }
    if norm.contains('-') {
        let key = norm
            .split('-')
            .filter(|p| !p.is_empty())
            .map(|p| analyzer.stem(p))
            .collect::<Vec<_>>()
            .join("-");
        return WordMatch::Compound(key);
    }
    WordMatch::Stem(analyzer.stem(&norm))
}

/// Hits per frame for one article's hit list, in lexicon frame order.
pub fn hits_per_frame(hits: &[FrameHit], n_frames: usize) -> Vec<usize> {
    let mut counts = vec![0; n_frames];
    for hit in hits {
        counts[hit.frame] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use core_text::{AnalyzerConfig, TextConfig};
    use std::path::Path;

    fn lexicon(patterns: &[&str]) -> Lexicon {
        let terms: Vec<String> = patterns
            .iter()
            .map(|p| format!("{{ pattern = \"{p}\", why = \"test\" }}"))
            .collect();
        let text = format!(
            "[lexicon]\nname = \"t\"\n[[frame]]\nid = \"f\"\nlabel = \"F\"\ndefinition = \"D\"\nterms = [{}]\n",
            terms.join(", ")
        );
        Lexicon::parse(&text, Path::new("t.toml")).unwrap()
    }

    /// The matched text of every hit of `patterns` in `text`.
    fn matched(patterns: &[&str], text: &str) -> Vec<String> {
        let analyzer = Analyzer::new(&AnalyzerConfig::default());
        let lexicon = lexicon(patterns);
        let matcher = FrameMatcher::new(&lexicon, &analyzer);
        let doc = Document::analyze(text.to_owned(), &TextConfig::default());
        matcher
            .find(&doc)
            .iter()
            .map(|h| h.span.of(&doc.text).to_owned())
            .collect()
    }

    #[test]
    fn words_match_every_inflection() {
        assert_eq!(
            matched(
                &["Kriegsbündnis"],
                "Das Kriegsbündnis, des Kriegsbündnisses, die Kriegsbündnisse."
            ),
            ["Kriegsbündnis", "Kriegsbündnisses", "Kriegsbündnisse"]
        );
    }

    #[test]
    fn phrases_match_inflected_and_stay_in_one_sentence() {
        assert_eq!(
            matched(
                &["rote Linien"],
                "Das sind rote Linien. Die roten Linien! Eine rote Linie. Rote. Linien."
            ),
            ["rote Linien", "roten Linien", "rote Linie"]
        );
    }

    #[test]
    fn compound_parts_and_heads() {
        assert_eq!(
            matched(
                &["Osterweiterung"],
                "Die NATO-Osterweiterung und die Osterweiterung."
            ),
            ["NATO-Osterweiterung", "Osterweiterung"]
        );
        assert_eq!(
            matched(
                &["*garantien"],
                "Sicherheitsgarantien und Garantien, nicht Garantiefonds."
            ),
            ["Sicherheitsgarantien", "Garantien"]
        );
        assert_eq!(
            matched(
                &["NATO-Osterweiterung"],
                "Die NATO-Osterweiterung, keine Osterweiterung."
            ),
            ["NATO-Osterweiterung"]
        );
    }

    #[test]
    fn prefix_globs() {
        assert_eq!(
            matched(&["bedroh*"], "bedroht, Bedrohung, bedrohen, Drohung"),
            ["bedroht", "Bedrohung", "bedrohen"]
        );
        assert_eq!(
            matched(&["Dialog*"], "Dialogversuche im Dialog"),
            ["Dialogversuche", "Dialog"]
        );
    }

    #[test]
    fn overlaps_within_a_frame_count_once() {
        assert_eq!(
            matched(
                &["Sicherheitsgarantien", "*garantien"],
                "Sicherheitsgarantien"
            ),
            ["Sicherheitsgarantien"]
        );
        assert_eq!(
            matched(&["Linien", "rote Linien"], "rote Linien"),
            ["rote Linien"]
        );
    }

    #[test]
    fn exclusions_drop_overlapping_hits() {
        let analyzer = Analyzer::new(&AnalyzerConfig::default());
        let text = "[lexicon]\nname = \"t\"\n[[frame]]\nid = \"f\"\nlabel = \"F\"\ndefinition = \"D\"\n\
                    terms = [{ pattern = \"Garanti*\", why = \"t\", exclude = [\"Garantiefonds\", \"Einiges Russland\"] },\n\
                    { pattern = \"einig*\", why = \"t\", exclude = [\"Einiges Russland\"] }]\n";
        let lexicon = Lexicon::parse(text, Path::new("t.toml")).unwrap();
        let matcher = FrameMatcher::new(&lexicon, &analyzer);
        let doc = Document::analyze(
            "Garantien, nicht der Garantiefonds. Die Partei Einiges Russland ist sich einig."
                .to_owned(),
            &TextConfig::default(),
        );
        let found: Vec<&str> = matcher
            .find(&doc)
            .iter()
            .map(|h| h.span.of(&doc.text))
            .collect();
        assert_eq!(found, ["Garantien", "einig"]);
    }

    #[test]
    fn counts_per_frame() {
        let hits = vec![
            FrameHit {
                frame: 1,
                term: 0,
                tokens: 0..1,
                span: Span::new(0, 1),
            },
            FrameHit {
                frame: 1,
                term: 0,
                tokens: 2..3,
                span: Span::new(2, 3),
            },
        ];
        assert_eq!(hits_per_frame(&hits, 3), [0, 2, 0]);
    }
}
