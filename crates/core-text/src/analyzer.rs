//! From tokens to analysis terms: which tokens count (stop words, numbers,
//! single letters) and what key they count under (Snowball German stems,
//! compound parts stemmed one by one).

use serde::{Deserialize, Serialize};

use crate::token::{Token, TokenKind};
use crate::word_set::WordSet;
use rust_stemmers::{Algorithm, Stemmer};

/// Which stop words to drop before counting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "name", content = "words")]
pub enum StopWords {
    /// [`StopWords::NltkGerman`] plus German adverbs in `-s` that the Snowball
    /// stemmer merges with a content word (`bereits` → `bereit`, `falls` →
    /// `fall`, `rechts` → `recht`): without them a report would show
    /// `bereit` (ready) as a key term of an outlet that only wrote `bereits`
    /// (already). The default. See [`S_ADVERBS`].
    NltkGermanNews,
    /// NLTK's German list (232 words: articles, pronouns, auxiliaries,
    /// prepositions, conjunctions). Chosen on purpose over the ISO list
    /// (620 words), which also drops reporting verbs such as `sagte`, and
    /// those matter when reading who says what.
    NltkGerman,
    /// Keep every word.
    None,
    /// A list of your own (matched after normalisation).
    Custom(Vec<String>),
}

/// How terms are reduced to keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stemming {
    /// The Snowball German stemmer (folds umlauts and `ß`).
    SnowballGerman,
    /// Keys are the normalised surface forms.
    None,
}

/// Settings of the [`Analyzer`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyzerConfig {
    /// Stop words dropped before counting.
    pub stop_words: StopWords,
    /// How keys are formed.
    pub stemming: Stemming,
    /// Shortest token (in characters) that counts; scikit-learn's default
    /// token pattern also needs two.
    pub min_chars: usize,
}

impl Default for AnalyzerConfig {
    fn default() -> Self {
        AnalyzerConfig {
            stop_words: StopWords::NltkGermanNews,
            stemming: Stemming::SnowballGerman,
            min_chars: 2,
        }
    }
}

/// Turns tokens into analysis keys.
///
/// ```
/// use core_text::{Analyzer, AnalyzerConfig, tokenize, Span};
/// let analyzer = Analyzer::new(&AnalyzerConfig::default());
/// let text = "Die roten Linien der NATO-Osterweiterung";
/// let keys: Vec<String> = tokenize(text, Span::new(0, text.len()))
///     .iter()
///     .filter_map(|t| analyzer.key(t))
///     .collect();
/// assert_eq!(keys, ["rot", "lini", "nato-osterweiter"]);
/// ```
pub struct Analyzer {
    stemmer: Option<Stemmer>,
    stop_words: WordSet,
    min_chars: usize,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("stemming", &self.stemmer.is_some())
            .field("stop_words", &self.stop_words.len())
            .field("min_chars", &self.min_chars)
            .finish()
    }
}

impl Analyzer {
    /// Builds an analyzer from its settings.
    pub fn new(config: &AnalyzerConfig) -> Analyzer {
        let stop_words = WordSet::new(
            stop_word_list(&config.stop_words)
                .iter()
                .map(|w| crate::normalize(w)),
        );
        let stemmer = match config.stemming {
            Stemming::SnowballGerman => Some(Stemmer::create(Algorithm::German)),
            Stemming::None => None,
        };
        Analyzer {
            stemmer,
            stop_words,
            min_chars: config.min_chars,
        }
    }

    /// The analysis key of a token, or `None` when the token does not count
    /// (a number, shorter than `min_chars`, or a stop word). A compound's key
    /// is its parts' stems joined by `-` (`nato-osterweiter`); compounds never
    /// count as stop words.
    ///
    /// Allocates only the returned `String`.
    pub fn key(&self, token: &Token) -> Option<String> {
        if token.kind == TokenKind::Number || token.norm.chars().count() < self.min_chars {
            return None;
        }
        if token.is_compound() {
            let mut key = String::with_capacity(token.norm.len());
            for (i, part) in token.part_norms().enumerate() {
                if i > 0 {
                    key.push('-');
                }
                let from = key.len();
                key.push_str(part);
                self.stem_tail(&mut key, from);
            }
            return Some(key);
        }
        if self.is_stop_word(&token.norm) {
            return None;
        }
        Some(self.stem(&token.norm))
    }

    /// The stem of one normalised word. Allocates only the returned `String`.
    pub fn stem(&self, norm: &str) -> String {
        let mut stem = String::with_capacity(norm.len());
        stem.push_str(norm);
        self.stem_tail(&mut stem, 0);
        stem
    }

    /// Stems `buffer[from..]` in place, for callers that build keys in a
    /// buffer of their own.
    pub fn stem_tail(&self, buffer: &mut String, from: usize) {
        if let Some(stemmer) = &self.stemmer {
            let stemmed = stemmer.stem(&buffer[from..]).into_owned();
            buffer.truncate(from);
            buffer.push_str(&stemmed);
        }
    }

    /// Whether a normalised word is on the stop list.
    pub fn is_stop_word(&self, norm: &str) -> bool {
        self.stop_words.contains(norm)
    }
}

/// Adverbs in `-s` that Snowball German stems to a content word's stem
/// (checked with rust-stemmers: `bereits`/`bereit`, `falls`/`Fall`,
/// `teils`/`Teil`, `anfangs`/`Anfang`, `abends`/`Abend`, `morgens`/`morgen`,
/// `nachts`/`Nacht`, `mittags`/`Mittag`, `rechts`/`Recht`, `links`/`Link`,
/// `eigens`/`eigen`, `seitens`/`Seite`, `vergebens`/`vergeben`, `stets`/`stet`).
pub const S_ADVERBS: &[&str] = &[
    "bereits",
    "falls",
    "teils",
    "anfangs",
    "abends",
    "morgens",
    "nachts",
    "mittags",
    "rechts",
    "links",
    "eigens",
    "seitens",
    "vergebens",
    "stets",
];

/// The words of a stop list, in the list's own order.
pub fn stop_word_list(stop_words: &StopWords) -> Vec<String> {
    match stop_words {
        StopWords::NltkGerman => stop_words::get("de")
            .iter()
            .map(|w| (*w).to_owned())
            .collect(),
        StopWords::NltkGermanNews => stop_words::get("de")
            .iter()
            .chain(S_ADVERBS)
            .map(|w| (*w).to_owned())
            .collect(),
        StopWords::None => Vec::new(),
        StopWords::Custom(words) => words.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Span, tokenize};

    fn keys(config: &AnalyzerConfig, text: &str) -> Vec<String> {
        let analyzer = Analyzer::new(config);
        tokenize(text, Span::new(0, text.len()))
            .iter()
            .filter_map(|t| analyzer.key(t))
            .collect()
    }

    #[test]
    fn inflections_share_a_key() {
        let config = AnalyzerConfig::default();
        assert_eq!(
            keys(&config, "Kriegsbündnis Kriegsbündnisse Kriegsbündnisses"),
            ["kriegsbundnis"; 3]
        );
        assert_eq!(
            keys(&config, "rote Linie roten Linien"),
            ["rot", "lini", "rot", "lini"]
        );
    }

    #[test]
    fn stop_words_numbers_and_single_letters_do_not_count() {
        let config = AnalyzerConfig::default();
        assert_eq!(
            keys(&config, "Die NATO und die USA am 13. Januar 2022 a b"),
            ["nato", "usa", "januar"]
        );
    }

    #[test]
    fn nltk_list_keeps_reporting_verbs() {
        let config = AnalyzerConfig::default();
        assert_eq!(keys(&config, "sagte seine erklärte"), ["sagt", "erklart"]);
        assert_eq!(stop_word_list(&StopWords::NltkGerman).len(), 232);
        assert_eq!(
            stop_word_list(&StopWords::NltkGermanNews).len(),
            232 + S_ADVERBS.len()
        );
        assert_eq!(
            keys(&config, "bereits bereit rechts Recht"),
            ["bereit", "recht"]
        );
    }

    #[test]
    fn no_stemming_and_no_stop_words() {
        let config = AnalyzerConfig {
            stop_words: StopWords::None,
            stemming: Stemming::None,
            min_chars: 1,
        };
        assert_eq!(
            keys(&config, "Die roten Linien"),
            ["die", "roten", "linien"]
        );
    }

    #[test]
    fn custom_stop_words_are_normalised() {
        let config = AnalyzerConfig {
            stop_words: StopWords::Custom(vec!["NATO".into()]),
            ..AnalyzerConfig::default()
        };
        assert_eq!(keys(&config, "die NATO"), ["die"]);
    }
}
