//! Terms and counts: which analysis keys the corpus has, how they read to a
//! person (their most frequent surface form), and how often each article
//! uses them, as a sparse articles x terms matrix in sorted-key column order.

use std::collections::HashMap;

use core_text::{Analyzer, Document};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sprs::CsMat;

use crate::error::FeatureError;

/// A document-frequency limit, as scikit-learn's `min_df` / `max_df`: an
/// integer is a number of articles, a float in `[0, 1]` a share of them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DocFrequency {
    /// At least / at most this many articles.
    Count(usize),
    /// At least / at most this share of the articles.
    Share(f64),
}

impl DocFrequency {
    /// The limit in articles for a corpus of `n_docs` (not rounded, as in
    /// scikit-learn: `max_df = 0.95` with 5 articles allows `df <= 4.75`).
    pub fn in_docs(self, n_docs: usize) -> f64 {
        match self {
            DocFrequency::Count(count) => count as f64,
            DocFrequency::Share(share) => share * n_docs as f64,
        }
    }

    fn check(self, name: &'static str) -> Result<(), FeatureError> {
        match self {
            DocFrequency::Share(share) if !(0.0..=1.0).contains(&share) => {
                Err(FeatureError::Setting {
                    name,
                    message: format!("a share must lie in [0.0, 1.0], got {share}"),
                })
            }
            _ => Ok(()),
        }
    }
}

/// One column of the term matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The analysis key (a stem; for compounds, stems joined by `-`).
    pub key: String,
    /// The most frequent surface form: what readers see.
    pub label: String,
    /// Number of articles that use it.
    pub df: usize,
    /// Number of occurrences in the corpus.
    pub total: usize,
}

/// One counted occurrence of a term in an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// Column of the term.
    pub term: u32,
    /// Index of the token in [`Document::tokens`].
    pub token: u32,
}

/// Terms, their occurrences and counts for a corpus.
#[derive(Debug, Clone)]
pub struct TermCounts {
    /// Columns in sorted key order (byte order, which is scikit-learn's).
    pub terms: Vec<Term>,
    /// Per article, the counted occurrences in text order.
    pub occurrences: Vec<Vec<Occurrence>>,
    /// Articles x terms counts.
    pub counts: CsMat<f64>,
    /// Distinct keys dropped by `min_df` / `max_df`.
    pub pruned: usize,
    index: HashMap<String, u32>,
}

impl TermCounts {
    /// The column of a key, if the key survived pruning.
    pub fn column(&self, key: &str) -> Option<u32> {
        self.index.get(key).copied()
    }

    /// Number of counted tokens of article `doc` (a row sum of the counts).
    pub fn n_tokens(&self, doc: usize) -> usize {
        self.occurrences[doc].len()
    }
}

/// Counts the analysis terms of `docs`, keeping the keys whose document
/// frequency lies within `min_df..=max_df` as scikit-learn's
/// `CountVectorizer` does.
///
/// Work is spread over articles with rayon; each distinct word is stemmed
/// once per worker. The result does not depend on the thread count.
pub fn count_terms(
    docs: &[Document],
    analyzer: &Analyzer,
    min_df: DocFrequency,
    max_df: DocFrequency,
) -> Result<TermCounts, FeatureError> {
    min_df.check("min_df")?;
    max_df.check("max_df")?;
    let n_docs = docs.len();
    let low = min_df.in_docs(n_docs);
    let high = max_df.in_docs(n_docs);
    if high < low {
        return Err(FeatureError::Setting {
            name: "max_df",
            message: "max_df corresponds to fewer documents than min_df".to_owned(),
        });
    }

    let keyed: Vec<Vec<(String, u32)>> = docs
        .par_iter()
        .map_init(HashMap::<String, Option<String>>::new, |cache, doc| {
            let mut out = Vec::new();
            for (position, token) in doc.tokens.iter().enumerate() {
                let key = match cache.get(&token.norm) {
                    Some(key) => key.clone(),
                    None => {
                        let key = analyzer.key(token);
                        cache.insert(token.norm.clone(), key.clone());
                        key
                    }
                };
                if let Some(key) = key {
                    out.push((key, position as u32));
                }
            }
            out
        })
        .collect();

    // Document frequency and total count per key.
    let mut stats: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    for (doc, keys) in keyed.iter().enumerate() {
        for (key, _) in keys {
            let entry = stats.entry(key.as_str()).or_insert((0, 0, usize::MAX));
            entry.1 += 1;
            if entry.2 != doc {
                entry.0 += 1;
                entry.2 = doc;
            }
        }
    }
    let mut kept: Vec<(&str, usize, usize)> = stats
        .iter()
        .filter(|(_, (df, _, _))| (*df as f64) >= low && (*df as f64) <= high)
        .map(|(key, (df, total, _))| (*key, *df, *total))
        .collect();
    let pruned = stats.len() - kept.len();
    if kept.is_empty() && !stats.is_empty() {
        return Err(FeatureError::NoTermsLeft);
    }
    kept.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let index: HashMap<String, u32> = kept
        .iter()
        .enumerate()
        .map(|(column, (key, _, _))| ((*key).to_owned(), column as u32))
        .collect();

    let occurrences: Vec<Vec<Occurrence>> = keyed
        .par_iter()
        .map(|keys| {
            keys.iter()
                .filter_map(|(key, token)| {
                    index.get(key).map(|&term| Occurrence {
                        term,
                        token: *token,
                    })
                })
                .collect()
        })
        .collect();

    let labels = most_frequent_surfaces(docs, &occurrences, kept.len());
    let terms = kept
        .iter()
        .zip(labels)
        .map(|((key, df, total), label)| Term {
            key: (*key).to_owned(),
            label,
            df: *df,
            total: *total,
        })
        .collect();
    let counts = count_matrix(&occurrences, kept.len());
    Ok(TermCounts {
        terms,
        occurrences,
        counts,
        pruned,
        index,
    })
}

/// For each column, its most frequent surface form. Ties go to a form that
/// starts in lowercase (`erwarten` over a sentence-initial `Erwarten`), then
/// to the smallest in byte order (`NATO` over `Nato`), so the choice is stable.
fn most_frequent_surfaces(
    docs: &[Document],
    occurrences: &[Vec<Occurrence>],
    n_terms: usize,
) -> Vec<String> {
    let mut forms: Vec<HashMap<&str, usize>> = vec![HashMap::new(); n_terms];
    for (doc, occurrences) in docs.iter().zip(occurrences) {
        for occurrence in occurrences {
            let surface = doc.tokens[occurrence.token as usize].span.of(&doc.text);
            *forms[occurrence.term as usize].entry(surface).or_insert(0) += 1;
        }
    }
    forms
        .into_iter()
        .map(|counts| {
            counts
                .into_iter()
                .max_by(|a, b| {
                    a.1.cmp(&b.1)
                        .then_with(|| starts_lowercase(a.0).cmp(&starts_lowercase(b.0)))
                        .then_with(|| b.0.cmp(a.0))
                })
                .map(|(surface, _)| surface.to_owned())
                .unwrap_or_default()
        })
        .collect()
}

fn starts_lowercase(surface: &str) -> bool {
    surface.chars().next().is_some_and(char::is_lowercase)
}

/// The CSR count matrix, columns sorted within each row.
fn count_matrix(occurrences: &[Vec<Occurrence>], n_terms: usize) -> CsMat<f64> {
    let mut indptr = Vec::with_capacity(occurrences.len() + 1);
    let mut indices = Vec::new();
    let mut data = Vec::new();
    indptr.push(0);
    for row in occurrences {
        let mut terms: Vec<u32> = row.iter().map(|o| o.term).collect();
        terms.sort_unstable();
        let mut i = 0;
        while i < terms.len() {
            let mut j = i;
            while j < terms.len() && terms[j] == terms[i] {
                j += 1;
            }
            indices.push(terms[i] as usize);
            data.push((j - i) as f64);
            i = j;
        }
        indptr.push(indices.len());
    }
    CsMat::new((occurrences.len(), n_terms), indptr, indices, data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use core_text::{AnalyzerConfig, TextConfig};

    fn docs(texts: &[&str]) -> Vec<Document> {
        texts
            .iter()
            .map(|t| Document::analyze((*t).to_owned(), &TextConfig::default()))
            .collect()
    }

    fn count(
        texts: &[&str],
        min_df: DocFrequency,
        max_df: DocFrequency,
    ) -> Result<TermCounts, FeatureError> {
        count_terms(
            &docs(texts),
            &Analyzer::new(&AnalyzerConfig::default()),
            min_df,
            max_df,
        )
    }

    #[test]
    fn columns_are_sorted_keys_with_readable_labels() {
        let counts = count(
            &[
                "Die Gespräche und das Gespräch.",
                "Gespräche über Sicherheitsgarantien.",
            ],
            DocFrequency::Count(1),
            DocFrequency::Share(1.0),
        )
        .unwrap();
        let columns: Vec<(&str, &str, usize, usize)> = counts
            .terms
            .iter()
            .map(|t| (t.key.as_str(), t.label.as_str(), t.df, t.total))
            .collect();
        assert_eq!(
            columns,
            [
                ("gesprach", "Gespräche", 2, 3),
                ("sicherheitsgaranti", "Sicherheitsgarantien", 1, 1)
            ]
        );
        assert_eq!(
            counts.counts.to_dense().into_raw_vec_and_offset().0,
            [2.0, 0.0, 1.0, 1.0]
        );
        assert_eq!(counts.n_tokens(0), 2);
    }

    #[test]
    fn df_limits_follow_scikit_learn() {
        let texts = [
            "Krieg Dialog",
            "Krieg Dialog",
            "Krieg Garantie",
            "Krieg Sanktion",
            "Krieg",
        ];
        let keys = |c: &TermCounts| c.terms.iter().map(|t| t.key.clone()).collect::<Vec<_>>();
        // 0.95 * 5 = 4.75: a term in all five articles goes.
        let counts = count(&texts, DocFrequency::Count(1), DocFrequency::Share(0.95)).unwrap();
        assert_eq!(keys(&counts), ["dialog", "garanti", "sanktion"]);
        assert_eq!(counts.pruned, 1);
        let counts = count(&texts, DocFrequency::Count(2), DocFrequency::Count(5)).unwrap();
        assert_eq!(keys(&counts), ["dialog", "krieg"]);
        let counts = count(&texts, DocFrequency::Share(0.5), DocFrequency::Share(1.0)).unwrap();
        assert_eq!(keys(&counts), ["krieg"]);
    }

    #[test]
    fn occurrences_point_at_tokens_in_text_order() {
        let corpus = docs(&["Die NATO und die Nato."]);
        let counts = count_terms(
            &corpus,
            &Analyzer::new(&AnalyzerConfig::default()),
            DocFrequency::Count(1),
            DocFrequency::Share(1.0),
        )
        .unwrap();
        let tokens: Vec<u32> = counts.occurrences[0].iter().map(|o| o.token).collect();
        assert_eq!(tokens, [1, 4]);
        // Tie between `NATO` and `Nato`: the smaller in byte order wins.
        assert_eq!(counts.terms[0].label, "NATO");
        let corpus = docs(&["Erwarten wir nichts. Wir erwarten nichts."]);
        let counts = count_terms(
            &corpus,
            &Analyzer::new(&AnalyzerConfig::default()),
            DocFrequency::Count(1),
            DocFrequency::Share(1.0),
        )
        .unwrap();
        assert_eq!(
            counts.terms[0].label, "erwarten",
            "ties prefer the lowercase form"
        );
    }

    #[test]
    fn bad_settings_are_named() {
        let error = count(&["a"], DocFrequency::Share(1.5), DocFrequency::Share(1.0)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid setting `min_df`: a share must lie in [0.0, 1.0], got 1.5"
        );
        let error = count(&["a"], DocFrequency::Count(3), DocFrequency::Count(2)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid setting `max_df`: max_df corresponds to fewer documents than min_df"
        );
        let error = count(
            &["Krieg", "Dialog"],
            DocFrequency::Count(2),
            DocFrequency::Share(1.0),
        )
        .unwrap_err();
        assert!(matches!(error, FeatureError::NoTermsLeft));
    }

    #[test]
    fn empty_articles_give_empty_rows() {
        let counts = count(
            &["Krieg", "", "und die"],
            DocFrequency::Count(1),
            DocFrequency::Share(1.0),
        )
        .unwrap();
        assert_eq!(counts.counts.rows(), 3);
        assert_eq!(counts.n_tokens(1), 0);
        assert_eq!(counts.n_tokens(2), 0);
    }
}
