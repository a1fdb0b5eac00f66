//! Character n-gram TF-IDF over the analysis terms, as scikit-learn's `analyzer="char_wb"`:
//! German compounds share their parts' n-grams, so "Flüchtlingskrise" lands near
//! "Flüchtlinge" and "Krise" without a compound splitter.
//!
//! An article's document is its terms in text order joined by spaces, so the n-grams of an
//! article are the sum of its terms' n-grams weighted by their counts: [`CharNgramTfidf::fit`]
//! cuts every term once and [`CharNgramTfidf::transform`] only adds. Rows equal
//! `TfidfVectorizer(analyzer="char_wb", ngram_range=(min_n, max_n), min_df=min_df,
//! sublinear_tf=True)` on those documents (smooth idf, L2 rows), with the same sorted columns.
//! [`CharNgramTfidf::project`] (`projection`) weights rows and multiplies them by an LSA
//! basis in one step, for corpora too large to hold their n-gram rows.
//!
//! ```
//! use features::char_ngrams::{CharNgramParams, CharNgramTfidf, char_wb_ngrams};
//!
//! assert_eq!(char_wb_ngrams("krise", 4, 4), [" kri", "kris", "rise", "ise "]);
//! let terms = ["flüchtlingskris", "kris"].map(String::from);
//! let counts = sprs::CsMat::new((2, 2), vec![0, 1, 3], vec![0, 0, 1], vec![1.0, 1.0, 2.0]);
//! let model = CharNgramTfidf::fit(&terms, &counts, &CharNgramParams::default()).unwrap();
//! let rows = model.transform(&counts);
//! assert_eq!(rows.rows(), 2);
//! assert!(model.n_features() > 0);
//! ```

use rayon::prelude::*;
use sprs::{CsMat, SpIndex};

use crate::error::FeatureError;
use crate::matrix::{AnyMatrix, MatrixValue};
pub use table::char_wb_ngrams;
use table::{NgramTable, TermNgrams, ngram_table};

mod projection;
mod table;

/// Settings of the n-gram representation, named as scikit-learn's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CharNgramParams {
    /// Shortest n-gram, in characters. Default 3.
    pub min_n: usize,
    /// Longest n-gram, in characters. Default 5.
    pub max_n: usize,
    /// Drop n-grams in fewer articles than this. Default 2.
    pub min_df: usize,
}

impl Default for CharNgramParams {
    fn default() -> Self {
        CharNgramParams {
            min_n: 3,
            max_n: 5,
            min_df: 2,
        }
    }
}

/// A fitted n-gram vocabulary with its idf, ready to weight any rows of term counts.
#[derive(Debug, Clone)]
pub struct CharNgramTfidf {
    /// Terms x kept n-grams: how often each n-gram occurs in each term.
    term_ngrams: TermNgrams,
    /// Smoothed idf per kept n-gram.
    idf: Vec<f64>,
    /// The kept n-grams, sorted (scikit-learn's column order).
    ngrams: Vec<String>,
}

impl CharNgramTfidf {
    /// Cuts every term into n-grams and counts in how many articles (rows of `counts`,
    /// articles x terms, CSR) each n-gram occurs.
    pub fn fit<N: MatrixValue, I: SpIndex>(
        terms: &[String],
        counts: &AnyMatrix<N, I>,
        params: &CharNgramParams,
    ) -> Result<CharNgramTfidf, FeatureError> {
        if params.min_n == 0 || params.min_n > params.max_n {
            return Err(FeatureError::Setting {
                name: "ngram_range",
                message: format!(
                    "need 1 <= min_n <= max_n, got ({}, {})",
                    params.min_n, params.max_n
                ),
            });
        }
        if !counts.is_csr() || counts.cols() != terms.len() {
            return Err(FeatureError::Setting {
                name: "counts",
                message: format!(
                    "need a CSR matrix with one column per term ({} terms, {} columns)",
                    terms.len(),
                    counts.cols()
                ),
            });
        }
        // Distinct n-grams in sorted order, and each term's (n-gram, count) list.
        let NgramTable {
            ngrams: all,
            terms: full,
        } = ngram_table(terms, params.min_n, params.max_n);

        // Article frequency of every n-gram: per-thread tallies, summed (integers: any order).
        let rows: Vec<_> = counts.outer_iterator().collect();
        let df = rows
            .par_chunks(512)
            .fold(
                // Per split: the tallies, which n-grams the current article has, and room
                // for their list (every n-gram, plus the slot a repeat writes).
                || {
                    (
                        vec![0u32; all.len()],
                        vec![false; all.len()],
                        vec![0usize; all.len() + 1],
                    )
                },
                |(mut df, mut seen, mut touched), chunk| {
                    // Without a branch on "first time", as in `accumulate` (with the list
                    // kept per split, 1.23-1.31 s became 0.89-0.90 s at ×100): every
                    // n-gram is written to the next slot, which only a new one keeps.
                    for row in chunk {
                        let mut len = 0;
                        for (term, _) in row.iter() {
                            for &(gram, _) in full.of(term) {
                                let gram = gram as usize;
                                touched[len] = gram;
                                len += usize::from(!seen[gram]);
                                seen[gram] = true;
                            }
                        }
                        for &gram in &touched[..len] {
                            df[gram] += 1;
                            seen[gram] = false;
                        }
                    }
                    (df, seen, touched)
                },
            )
            .map(|(df, _, _)| df)
            .reduce(
                || vec![0u32; all.len()],
                |mut a, b| {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                    a
                },
            );

        let n_docs = counts.rows() as f64;
        let mut kept_index = vec![u32::MAX; all.len()];
        let mut ngrams = Vec::new();
        let mut idf = Vec::new();
        for (i, gram) in all.into_iter().enumerate() {
            if df[i] as usize >= params.min_df {
                kept_index[i] = ngrams.len() as u32;
                ngrams.push(gram);
                idf.push(((1.0 + n_docs) / (1.0 + f64::from(df[i]))).ln() + 1.0);
            }
        }
        if ngrams.is_empty() {
            return Err(FeatureError::NoTermsLeft);
        }
        let mut term_ngrams = TermNgrams {
            starts: vec![0],
            entries: Vec::new(),
        };
        for term in 0..terms.len() {
            for &(gram, count) in full.of(term) {
                let kept = kept_index[gram as usize];
                if kept != u32::MAX {
                    term_ngrams.entries.push((kept, count));
                }
            }
            term_ngrams.starts.push(term_ngrams.entries.len());
        }
        Ok(CharNgramTfidf {
            term_ngrams,
            idf,
            ngrams,
        })
    }

    /// The number of kept n-grams (columns of [`transform`](Self::transform)).
    pub fn n_features(&self) -> usize {
        self.ngrams.len()
    }

    /// The kept n-grams in column order.
    pub fn ngrams(&self) -> &[String] {
        &self.ngrams
    }

    /// Weights rows of term counts (articles x terms, CSR, the fitted term columns):
    /// n-gram counts, `1 + ln(tf)`, times idf, L2-normalised. Rows without kept n-grams
    /// stay empty. Row order is kept; the result is the same whatever the thread count.
    pub fn transform<N: MatrixValue, I: SpIndex>(&self, counts: &AnyMatrix<N, I>) -> CsMat<f64> {
        let n_features = self.ngrams.len();
        let log_tf = LogTf::new();
        let rows: Vec<_> = counts.outer_iterator().collect();
        // One scratch row per chunk of rows (not per rayon split, which can be per row).
        let rows: Vec<Vec<(usize, f64)>> = rows
            .par_chunks(ROWS_PER_SCRATCH)
            .flat_map_iter(|chunk| {
                let mut scratch = vec![0.0f64; n_features];
                let mut touched = Vec::new();
                chunk
                    .iter()
                    .map(|row| {
                        let mut grams = self.accumulate(row, &mut scratch, &mut touched).to_vec();
                        grams.sort_unstable();
                        let mut entries: Vec<(usize, f64)> = grams
                            .iter()
                            .map(|&gram| {
                                let tf = std::mem::take(&mut scratch[gram]);
                                (gram, log_tf.one_plus_ln(tf) * self.idf[gram])
                            })
                            .collect();
                        let norm = entries.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
                        if norm > 0.0 {
                            entries.iter_mut().for_each(|(_, v)| *v /= norm);
                        }
                        entries
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut indptr = Vec::with_capacity(rows.len() + 1);
        indptr.push(0);
        let nnz = rows.iter().map(Vec::len).sum();
        let mut indices = Vec::with_capacity(nnz);
        let mut data = Vec::with_capacity(nnz);
        for row in rows {
            for (gram, value) in row {
                indices.push(gram);
                data.push(value);
            }
            indptr.push(indices.len());
        }
        CsMat::new((counts.rows(), n_features), indptr, indices, data)
    }
}

/// Rows that share one dense scratch vector (as long as the n-gram vocabulary).
const ROWS_PER_SCRATCH: usize = 256;

impl CharNgramTfidf {
    /// Adds the n-gram counts of one row of term counts into `scratch` and returns the
    /// n-grams in the order they were first met. `touched` is only room for that list.
    fn accumulate<'t, N: MatrixValue, I: SpIndex>(
        &self,
        row: &sprs::CsVecViewI<'_, N, I>,
        scratch: &mut [f64],
        touched: &'t mut Vec<usize>,
    ) -> &'t [usize] {
        // Written without a branch on "first time": whether an n-gram is new is close to a
        // coin toss, and each wrong guess of the processor dropped the loads of the next
        // terms' n-grams it had started (this loop took a fifth less time without it).
        // Every n-gram is written to the next slot, which only a new one keeps.
        touched.resize(scratch.len() + 1, 0);
        let mut len = 0;
        for (term, &count) in row.iter() {
            let count: f64 = count.into();
            for &(gram, times) in self.term_ngrams.of(term) {
                let gram = gram as usize;
                touched[len] = gram;
                len += usize::from(scratch[gram] == 0.0);
                scratch[gram] += count * f64::from(times);
            }
        }
        &touched[..len]
    }
}

/// `1 + ln(tf)` with the small whole counts looked up: n-gram counts are sums of whole
/// term counts, and `ln` took a few percent of projecting in a profile. The table holds
/// the values `ln` gives, so the weights are the same bits.
struct LogTf {
    table: Vec<f64>,
}

impl LogTf {
    /// Counts below this are looked up.
    const SIZE: usize = 256;

    fn new() -> Self {
        LogTf {
            table: (0..Self::SIZE).map(|k| 1.0 + (k as f64).ln()).collect(),
        }
    }

    fn one_plus_ln(&self, tf: f64) -> f64 {
        if tf >= 0.0 && tf < Self::SIZE as f64 && tf.fract() == 0.0 {
            self.table[tf as usize]
        } else {
            1.0 + tf.ln()
        }
    }
}

#[cfg(test)]
mod tests;
