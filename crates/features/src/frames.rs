//! Finding a lexicon's frames in articles: every hit keeps its token range
//! and byte span, so it can be counted, and shown in context as evidence.
//!
//! Matching is two-staged for speed: which pattern words a token satisfies
//! depends only on its normalised form, so [`FrameMatcher::word_matches`] is
//! computed once per distinct word (callers cache it), and finding hits in
//! an article is then a walk over small integer lists.

use std::collections::HashMap;
use std::ops::Range;

use core_text::{Analyzer, Document, Span};

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

/// The id of a distinct pattern word (an index into the matcher's words).
pub type WordId = u16;

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

/// The forms of one normalised word that patterns look at.
struct WordForms<'n> {
    norm: &'n str,
    /// Stem of a simple word; the joined part stems of a compound.
    key: String,
    /// Normalised parts and their stems (compounds only).
    parts: Vec<(&'n str, String)>,
}

impl WordMatch {
    fn matches(&self, forms: &WordForms) -> bool {
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
    words: Vec<WordId>,
    /// Exclusion patterns: a hit overlapped by one of them is dropped.
    exclude: Vec<Vec<WordId>>,
}

/// Whether the pattern `words` matches the tokens starting at `start`.
fn matches_at(words: &[WordId], tokens: &[&[WordId]], start: usize) -> bool {
    let end = start + words.len();
    end <= tokens.len()
        && words
            .iter()
            .zip(&tokens[start..end])
            .all(|(w, t)| t.contains(w))
}

/// Whether an exclusion matches tokens that overlap `hit`.
fn excluded(exclusions: &[Vec<WordId>], tokens: &[&[WordId]], hit: &Range<usize>) -> bool {
    exclusions.iter().any(|words| {
        let first = (hit.start + 1).saturating_sub(words.len());
        (first..hit.end).any(|s| matches_at(words, tokens, s))
    })
}

/// A lexicon compiled for one analyzer (the stems must be the same as the
/// articles' stems).
pub struct FrameMatcher<'a> {
    analyzer: &'a Analyzer,
    /// Every distinct pattern word, by id.
    words: Vec<WordMatch>,
    terms: Vec<CompiledTerm>,
    /// Terms by the id of their first word.
    by_first_word: Vec<Vec<usize>>,
}

impl<'a> FrameMatcher<'a> {
    /// Compiles the patterns of `lexicon` with `analyzer`'s stemmer.
    pub fn new(lexicon: &Lexicon, analyzer: &'a Analyzer) -> FrameMatcher<'a> {
        let mut words: Vec<WordMatch> = Vec::new();
        let mut intern = |word: &str| -> WordId {
            let compiled = compile_word(word, analyzer);
            match words.iter().position(|w| *w == compiled) {
                Some(id) => id as WordId,
                None => {
                    words.push(compiled);
                    (words.len() - 1) as WordId
                }
            }
        };
        let mut terms = Vec::new();
        for (f, frame) in lexicon.frames.iter().enumerate() {
            for (t, term) in frame.terms.iter().enumerate() {
                let pattern: Vec<WordId> = term.pattern.split(' ').map(&mut intern).collect();
                let exclude = term
                    .exclude
                    .iter()
                    .map(|e| e.split(' ').map(&mut intern).collect())
                    .collect();
                terms.push(CompiledTerm {
                    frame: f,
                    term: t,
                    words: pattern,
                    exclude,
                });
            }
        }
        let mut by_first_word = vec![Vec::new(); words.len()];
        for (index, term) in terms.iter().enumerate() {
            by_first_word[term.words[0] as usize].push(index);
        }
        FrameMatcher {
            analyzer,
            words,
            terms,
            by_first_word,
        }
    }

    /// The ids of the pattern words that a token with normalised form `norm`
    /// satisfies, ascending. It depends on `norm` alone, so callers compute
    /// it once per distinct word and reuse it.
    pub fn word_matches(&self, norm: &str) -> Vec<WordId> {
        let parts: Vec<&str> = if norm.contains('-') {
            norm.split('-').filter(|p| !p.is_empty()).collect()
        } else {
            Vec::new()
        };
        let forms = if parts.len() > 1 {
            let parts: Vec<(&str, String)> =
                parts.iter().map(|p| (*p, self.analyzer.stem(p))).collect();
            let key = parts
                .iter()
                .map(|(_, s)| s.as_str())
                .collect::<Vec<_>>()
                .join("-");
            WordForms { norm, key, parts }
        } else {
            WordForms {
                norm,
                key: self.analyzer.stem(norm),
                parts: Vec::new(),
            }
        };
        (0..self.words.len())
            .filter(|&id| self.words[id].matches(&forms))
            .map(|id| id as WordId)
            .collect()
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
        let mut cache: HashMap<&str, Vec<WordId>> = HashMap::new();
        for token in &doc.tokens {
            cache
                .entry(token.norm.as_str())
                .or_insert_with(|| self.word_matches(&token.norm));
        }
        let per_token: Vec<&[WordId]> = doc
            .tokens
            .iter()
            .map(|t| cache[t.norm.as_str()].as_slice())
            .collect();
        self.find_with(doc, &per_token)
    }

    /// Frame hits given each token's [`FrameMatcher::word_matches`] (one
    /// slice per token of `doc`, in order).
    pub fn find_with(&self, doc: &Document, per_token: &[&[WordId]]) -> Matches {
        debug_assert_eq!(per_token.len(), doc.tokens.len());
        let mut excluded_hits = Vec::new();
        let mut candidates: Vec<FrameHit> = Vec::new();
        let mut tried: Vec<usize> = Vec::new();
        for start in 0..per_token.len() {
            if per_token[start].is_empty() {
                continue;
            }
            tried.clear();
            for &word in per_token[start] {
                tried.extend(&self.by_first_word[word as usize]);
            }
            tried.sort_unstable();
            tried.dedup();
            for &index in &tried {
                let term = &self.terms[index];
                let end = start + term.words.len();
                if matches_at(&term.words, per_token, start) && within_one_sentence(doc, start, end)
                {
                    let hit = FrameHit {
                        frame: term.frame,
                        term: term.term,
                        tokens: start..end,
                        span: Span::new(doc.tokens[start].span.start, doc.tokens[end - 1].span.end),
                    };
                    if excluded(&term.exclude, per_token, &(start..end)) {
                        excluded_hits.push(hit);
                    } else {
                        candidates.push(hit);
                    }
                }
            }
        }
        // Longest first within a frame, then the earliest-listed pattern.
        candidates.sort_by_key(|h| {
            (
                h.frame,
                h.tokens.start,
                std::cmp::Reverse(h.tokens.len()),
                h.term,
            )
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
