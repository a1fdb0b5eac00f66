//! Terms and counts: which analysis keys the corpus has, how they read to a
//! person (their most frequent surface form), and how often each article
//! uses them, as a sparse articles x terms matrix in sorted-key column order.

use std::collections::HashMap;

use core_text::{Analyzer, Document};
use rayon::prelude::*;

use crate::index::{DocTerms, WordIndex};
use crate::labels::LabelCounts;
use crate::matrix::CountMatrix;
use crate::ragged::{ListSource, Ragged, chunk_ranges};
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

/// Terms and counts for a corpus.
#[derive(Debug, Clone)]
pub struct TermCounts {
    /// Columns in sorted key order (byte order, which is scikit-learn's).
    pub terms: Vec<Term>,
    /// Per article, the columns of its counted tokens in text order (what
    /// `tokens.jsonl` lists and the counts matrix counts). Spilled to a
    /// scratch file past a size: read runs of articles with
    /// [`Ragged::chunks`].
    pub sequences: Ragged,
    /// Articles x terms counts.
    pub counts: CountMatrix,
    /// Distinct keys dropped by `min_df` / `max_df`.
    pub pruned: usize,
    index: HashMap<String, u32>,
}

impl TermCounts {
    /// Assembles counts from a finished vocabulary and the articles' column
    /// sequences.
    pub fn new(vocabulary: Vocabulary, sequences: Ragged) -> TermCounts {
        let counts = count_matrix(&sequences, vocabulary.terms.len());
        let index = vocabulary
            .terms
            .iter()
            .enumerate()
            .map(|(column, term)| (term.key.clone(), column as u32))
            .collect();
        TermCounts {
            terms: vocabulary.terms,
            sequences,
            counts,
            pruned: vocabulary.pruned,
            index,
        }
    }

    /// The column of a key, if the key survived pruning.
    pub fn column(&self, key: &str) -> Option<u32> {
        self.index.get(key).copied()
    }

    /// Number of counted tokens of article `doc` (a row sum of the counts).
    pub fn n_tokens(&self, doc: usize) -> usize {
        self.sequences.list_len(doc)
    }
}

/// The columns of a corpus: keys sorted, pruned by document frequency, with
/// the map from provisional ids to columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vocabulary {
    /// Columns in sorted key order.
    pub terms: Vec<Term>,
    /// Column of each provisional id, `None` when pruned.
    pub remap: Vec<Option<u32>>,
    /// Distinct keys dropped by `min_df` / `max_df`.
    pub pruned: usize,
}

impl Vocabulary {
    /// The column sequence of an article from its provisional ids (pruned
    /// terms left out).
    pub fn columns(&self, provisional: &[u32]) -> Vec<u32> {
        provisional
            .iter()
            .filter_map(|&id| self.remap[id as usize])
            .collect()
    }

    /// [`columns`](Self::columns) in place: turns provisional ids into
    /// columns and drops the pruned ones, without a new `Vec`.
    pub fn to_columns(&self, ids: &mut Vec<u32>) {
        ids.retain_mut(|id| match self.remap[*id as usize] {
            Some(column) => {
                *id = column;
                true
            }
            None => false,
        });
    }
}

/// Builds the vocabulary from the keys (by provisional id), every article's
/// provisional id sequence and the surface-form tally, keeping the keys whose
/// document frequency lies within `min_df..=max_df` as scikit-learn's
/// `CountVectorizer` does.
pub fn build_vocabulary<'s>(
    keys: &[Box<str>],
    articles: impl IntoIterator<Item = &'s [u32]>,
    labels: &LabelCounts,
    min_df: DocFrequency,
    max_df: DocFrequency,
) -> Result<Vocabulary, FeatureError> {
    let articles: Vec<&[u32]> = articles.into_iter().collect();
    let mut frequencies = KeyFrequencies::new(keys.len());
    frequencies.count(&articles);
    vocabulary_from_frequencies(keys, &frequencies, labels, min_df, max_df)
}

/// Document and total frequencies of the provisional ids, counted a run of
/// articles at a time (so a corpus need not be in memory at once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFrequencies {
    df: Vec<usize>,
    total: Vec<usize>,
    n_docs: usize,
}

impl KeyFrequencies {
    /// No article counted yet, for `n_keys` provisional ids.
    pub fn new(n_keys: usize) -> KeyFrequencies {
        KeyFrequencies {
            df: vec![0; n_keys],
            total: vec![0; n_keys],
            n_docs: 0,
        }
    }

    /// Adds the articles' provisional id sequences.
    ///
    /// # Panics
    ///
    /// When an id is `n_keys` or more.
    pub fn count(&mut self, articles: &[&[u32]]) {
        let n_keys = self.df.len();
        // Counted over fixed runs of articles in parallel and summed
        // (integers: the same in any order).
        let (df, total) = articles
            .par_chunks(4096)
            .map(|chunk| {
                let mut df = vec![0usize; n_keys];
                let mut total = vec![0usize; n_keys];
                let mut last_article = vec![usize::MAX; n_keys];
                for (article, ids) in chunk.iter().enumerate() {
                    for &id in *ids {
                        let id = id as usize;
                        total[id] += 1;
                        if last_article[id] != article {
                            last_article[id] = article;
                            df[id] += 1;
                        }
                    }
                }
                (df, total)
            })
            .reduce(
                || (vec![0usize; n_keys], vec![0usize; n_keys]),
                |(mut df, mut total), (other_df, other_total)| {
                    df.iter_mut().zip(other_df).for_each(|(a, b)| *a += b);
                    total.iter_mut().zip(other_total).for_each(|(a, b)| *a += b);
                    (df, total)
                },
            );
        self.df.iter_mut().zip(df).for_each(|(a, b)| *a += b);
        self.total.iter_mut().zip(total).for_each(|(a, b)| *a += b);
        self.n_docs += articles.len();
    }
}

/// [`build_vocabulary`] from frequencies counted beforehand.
pub fn vocabulary_from_frequencies(
    keys: &[Box<str>],
    frequencies: &KeyFrequencies,
    labels: &LabelCounts,
    min_df: DocFrequency,
    max_df: DocFrequency,
) -> Result<Vocabulary, FeatureError> {
    min_df.check("min_df")?;
    max_df.check("max_df")?;
    let KeyFrequencies { df, total, n_docs } = frequencies;
    let n_docs = *n_docs;
    let low = min_df.in_docs(n_docs);
    let high = max_df.in_docs(n_docs);
    if high < low {
        return Err(FeatureError::Setting {
            name: "max_df",
            message: "max_df corresponds to fewer documents than min_df".to_owned(),
        });
    }
    let seen: Vec<usize> = (0..keys.len()).filter(|&id| df[id] > 0).collect();
    let kept: Vec<usize> = seen
        .iter()
        .copied()
        .filter(|&id| (df[id] as f64) >= low && (df[id] as f64) <= high)
        .collect();
    if kept.is_empty() && !seen.is_empty() {
        return Err(FeatureError::NoTermsLeft);
    }
    // Sorting the keys beside their ids reads each key in place, not
    // through the id (keys are distinct, so the ids never decide).
    let mut sorted: Vec<(&str, usize)> = kept.iter().map(|&id| (&*keys[id], id)).collect();
    sorted.par_sort_unstable();
    let mut names = labels.labels(keys.len());
    let mut remap = vec![None; keys.len()];
    let terms = sorted
        .iter()
        .enumerate()
        .map(|(column, &(key, id))| {
            remap[id] = Some(column as u32);
            Term {
                key: key.to_owned(),
                label: std::mem::take(&mut names[id]),
                df: df[id],
                total: total[id],
            }
        })
        .collect();
    Ok(Vocabulary {
        terms,
        remap,
        pruned: seen.len() - kept.len(),
    })
}

/// Counts the analysis terms of `docs`, keeping the keys whose document
/// frequency lies within `min_df..=max_df` as scikit-learn's
/// `CountVectorizer` does.
///
/// Work is spread over articles with rayon; each distinct word is analysed
/// once per thread. The result does not depend on the thread count.
pub fn count_terms(
    docs: &[Document],
    analyzer: &Analyzer,
    min_df: DocFrequency,
    max_df: DocFrequency,
) -> Result<TermCounts, FeatureError> {
    let index = WordIndex::new(analyzer, None);
    let provisional: Vec<Vec<u32>> = docs
        .par_iter()
        .map(|doc| {
            index
                .with_words_counting_labels(doc, DocTerms::from_words)
                .terms
        })
        .collect();
    let labels = index.labels();
    let keys = index.into_keys();
    let vocabulary = build_vocabulary(
        &keys,
        provisional.iter().map(Vec::as_slice),
        &labels,
        min_df,
        max_df,
    )?;
    let mut sequences = Ragged::new();
    for ids in &provisional {
        sequences
            .push(&vocabulary.columns(ids))
            .expect("a store that never spills cannot fail to write");
    }
    Ok(TermCounts::new(vocabulary, sequences))
}

/// Rows per parallel task when counting: large enough to pay for a task,
/// small enough to share the rows out evenly.
const COUNT_CHUNK_ROWS: usize = 1024;

/// The CSR count matrix, columns sorted within each row.
///
/// Two passes over the rows, both parallel: the first counts each row's
/// distinct columns (so every row's place in the matrix is known), the
/// second sorts each row and writes its counts straight into place. At
/// corpus scale the matrix is hundreds of megabytes, and no copy of it is
/// ever made.
pub fn count_matrix<L: ListSource + ?Sized>(sequences: &L, n_terms: usize) -> CountMatrix {
    use rayon::prelude::*;
    let n_rows = sequences.n_lists();
    let chunks: Vec<std::ops::Range<usize>> = chunk_ranges(n_rows, COUNT_CHUNK_ROWS).collect();
    let lengths: Vec<usize> = chunks
        .par_iter()
        .map_init(
            || vec![usize::MAX; n_terms],
            |last_row, rows| {
                // `last_row[column]` is the last row that had `column`: a
                // first sighting in a row is one more distinct column. Rows
                // are numbered across the matrix, so the marks never need
                // clearing.
                let mut row = rows.start;
                let mut lengths = Vec::with_capacity(rows.len());
                sequences.each_in(rows.clone(), &mut |columns| {
                    let mut distinct = 0;
                    for &column in columns {
                        let seen = &mut last_row[column as usize];
                        if *seen != row {
                            *seen = row;
                            distinct += 1;
                        }
                    }
                    lengths.push(distinct);
                    row += 1;
                });
                lengths
            },
        )
        .flatten_iter()
        .collect();
    let mut indptr = Vec::with_capacity(n_rows + 1);
    indptr.push(0);
    for length in &lengths {
        indptr.push(indptr[indptr.len() - 1] + length);
    }
    let nnz = indptr[indptr.len() - 1];
    let mut indices = vec![0u32; nnz];
    let mut data = vec![0u32; nnz];
    // Each chunk of rows gets its own stretch of the matrix to write.
    let mut targets = Vec::with_capacity(chunks.len());
    let (mut rest_indices, mut rest_data) = (indices.as_mut_slice(), data.as_mut_slice());
    for rows in &chunks {
        let length = indptr[rows.end] - indptr[rows.start];
        let (head_indices, tail_indices) = rest_indices.split_at_mut(length);
        let (head_data, tail_data) = rest_data.split_at_mut(length);
        targets.push((head_indices, head_data));
        (rest_indices, rest_data) = (tail_indices, tail_data);
    }
    targets
        .into_par_iter()
        .zip(chunks.par_iter())
        .for_each_init(Vec::new, |sorted, ((to_indices, to_data), rows)| {
            let mut at = 0;
            sequences.each_in(rows.clone(), &mut |columns| {
                sorted.clear();
                sorted.extend_from_slice(columns);
                sorted.sort_unstable();
                for run in sorted.chunk_by(|a, b| a == b) {
                    to_indices[at] = run[0];
                    to_data[at] = u32::try_from(run.len()).expect("a count within u32");
                    at += 1;
                }
            });
            debug_assert_eq!(at, to_indices.len());
        });
    CountMatrix::new((n_rows, n_terms), indptr, indices, data)
}

/// Counts summed by group, as a CSR matrix with one row per group: row
/// `g` holds how often each column occurs in the articles of group `g`
/// (`groups[article]`), columns sorted, each article's columns coming from
/// `columns(article)`. The row sums of [`count_matrix`] by group, without
/// the matrix or a list per article: what keyness in tokens and c-TF-IDF
/// read of a corpus, a few rows instead of one per article.
///
/// # Panics
///
/// When `groups` holds an id of `n_groups` or more, or `columns` a column
/// of `n_terms` or more.
pub fn group_count_matrix<F, I>(
    groups: &[usize],
    n_groups: usize,
    n_terms: usize,
    columns: F,
) -> CsMat<f64>
where
    F: Fn(usize) -> I + Sync,
    I: IntoIterator<Item = u32>,
{
    use rayon::prelude::*;
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_groups];
    for (article, &group) in groups.iter().enumerate() {
        members[group].push(article);
    }
    let rows: Vec<Vec<(usize, f64)>> = members
        .par_iter()
        .map_init(
            || vec![0u64; n_terms],
            |dense, articles| {
                let mut touched = Vec::new();
                for &article in articles {
                    for column in columns(article) {
                        let count = &mut dense[column as usize];
                        if *count == 0 {
                            touched.push(column as usize);
                        }
                        *count += 1;
                    }
                }
                touched.sort_unstable();
                touched
                    .into_iter()
                    .map(|column| (column, std::mem::take(&mut dense[column]) as f64))
                    .collect()
            },
        )
        .collect();
    let mut indptr = Vec::with_capacity(n_groups + 1);
    indptr.push(0);
    let (mut indices, mut data) = (Vec::new(), Vec::new());
    for row in rows {
        for (column, count) in row {
            indices.push(column);
            data.push(count);
        }
        indptr.push(indices.len());
    }
    CsMat::new((n_groups, n_terms), indptr, indices, data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_counts_are_the_count_matrix_summed_by_group() {
        let sequences = vec![vec![2, 0, 2], vec![], vec![1, 2], vec![0, 0], vec![3]];
        let groups = [1, 0, 1, 2, 1];
        let by_group =
            group_count_matrix(&groups, 4, 5, |article| sequences[article].iter().copied());
        let articles = count_matrix(&sequences, 5);
        let mut expected = vec![vec![0.0; 5]; 4];
        for (row, &group) in articles.outer_iterator().zip(&groups) {
            for (column, &count) in row.iter() {
                expected[group][column] += f64::from(count);
            }
        }
        assert_eq!(
            by_group.to_dense(),
            ndarray::Array2::from_shape_fn((4, 5), |(g, c)| expected[g][c])
        );
        // Only what occurs is stored; the empty group has an empty row.
        assert_eq!(by_group.nnz(), 5);
        assert_eq!(by_group.outer_view(3).unwrap().nnz(), 0);
    }

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
    fn count_matrix_rows_across_chunk_boundaries() {
        // More rows than one parallel chunk, with empty rows among them.
        let sequences: Vec<Vec<u32>> = (0..2_500u32)
            .map(|row| (0..row % 7).map(|i| (row * 3 + i * i) % 11).collect())
            .collect();
        let counts = count_matrix(&sequences, 11);
        assert_eq!(counts.rows(), 2_500);
        for (row, sequence) in sequences.iter().enumerate() {
            let mut expected = [0.0; 11];
            for &column in sequence {
                expected[column as usize] += 1.0;
            }
            let mut got = [0.0; 11];
            for (column, &value) in counts.outer_view(row).unwrap().iter() {
                got[column] = f64::from(value);
            }
            assert_eq!(got, expected, "row {row}");
        }
        // The same matrix from the lists stored in blocks, and as `f64`.
        let mut stored = Ragged::new();
        for sequence in &sequences {
            stored.push(sequence).unwrap();
        }
        assert_eq!(count_matrix(&stored, 11), counts);
        let wide = counts.to_other_types::<usize, f64, usize>();
        assert_eq!(wide.indptr(), counts.indptr());
        assert!(
            wide.iter()
                .zip(counts.iter())
                .all(|((v, (r, c)), (&n, (r2, c2)))| {
                    *v == f64::from(n) && (r, c) == (r2 as usize, c2 as usize)
                })
        );
    }

    #[test]
    fn frequencies_counted_in_runs_are_the_whole_corpus_ones() {
        let articles: Vec<Vec<u32>> = (0..9_000u32)
            .map(|a| (0..a % 13).map(|i| (a * 7 + i * i) % 19).collect())
            .collect();
        let slices: Vec<&[u32]> = articles.iter().map(Vec::as_slice).collect();
        let mut whole = KeyFrequencies::new(19);
        whole.count(&slices);
        let mut in_runs = KeyFrequencies::new(19);
        for run in slices.chunks(1_000) {
            in_runs.count(run);
        }
        assert_eq!(in_runs, whole);
        assert_eq!(whole.n_docs, 9_000);
        let keys: Vec<Box<str>> = (0..19).map(|k| format!("k{k:02}").into()).collect();
        let labels = LabelCounts::default();
        let (low, high) = (DocFrequency::Count(2), DocFrequency::Share(0.9));
        assert_eq!(
            vocabulary_from_frequencies(&keys, &in_runs, &labels, low, high).unwrap(),
            build_vocabulary(&keys, slices.iter().copied(), &labels, low, high).unwrap()
        );
    }

    #[test]
    fn to_columns_maps_and_drops_pruned_ids() {
        let vocabulary = Vocabulary {
            terms: Vec::new(),
            remap: vec![Some(1), None, Some(0)],
            pruned: 1,
        };
        let mut ids = vec![0, 1, 2, 1, 0];
        vocabulary.to_columns(&mut ids);
        assert_eq!(ids, [1, 0, 1]);
        assert_eq!(vocabulary.columns(&[0, 1, 2, 1, 0]), ids);
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
            [2, 0, 1, 1]
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
    fn sequences_follow_the_text() {
        let corpus = docs(&["Die NATO und die Nato."]);
        let counts = count_terms(
            &corpus,
            &Analyzer::new(&AnalyzerConfig::default()),
            DocFrequency::Count(1),
            DocFrequency::Share(1.0),
        )
        .unwrap();
        assert_eq!(*counts.sequences.get(0), [0, 0]);
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
