//! Character n-gram TF-IDF over the analysis terms, as scikit-learn's `analyzer="char_wb"`:
//! German compounds share their parts' n-grams, so "Flüchtlingskrise" lands near
//! "Flüchtlinge" and "Krise" without a compound splitter.
//!
//! An article's document is its terms in text order joined by spaces, so the n-grams of an
//! article are the sum of its terms' n-grams weighted by their counts: [`CharNgramTfidf::fit`]
//! cuts every term once and [`CharNgramTfidf::transform`] only adds. Rows equal
//! `TfidfVectorizer(analyzer="char_wb", ngram_range=(min_n, max_n), min_df=min_df,
//! sublinear_tf=True)` on those documents (smooth idf, L2 rows), with the same sorted columns.
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
use rustc_hash::FxHashMap;
use sprs::{CsMat, SpIndex};

use crate::error::FeatureError;
use crate::matrix::{AnyMatrix, MatrixValue};

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

/// The n-grams of one word padded with a space on each side, shortest first, as
/// scikit-learn's `_char_wb_ngrams` (once a window covers the whole padded word, it is given once and longer n are skipped).
pub fn char_wb_ngrams(word: &str, min_n: usize, max_n: usize) -> Vec<String> {
    let padded: Vec<char> = std::iter::once(' ')
        .chain(word.chars())
        .chain(std::iter::once(' '))
        .collect();
    let mut out = Vec::new();
    for n in min_n..=max_n {
        if padded.len() <= n {
            // scikit-learn stops once a window covers the whole padded word.
            out.push(padded.iter().collect());
            break;
        }
        out.extend(padded.windows(n).map(|w| w.iter().collect::<String>()));
    }
    out
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
        let per_term: Vec<FxHashMap<String, f64>> = terms
            .par_iter()
            .map(|term| {
                let mut grams = FxHashMap::default();
                for gram in char_wb_ngrams(term, params.min_n, params.max_n) {
                    *grams.entry(gram).or_insert(0.0) += 1.0;
                }
                grams
            })
            .collect();
        let mut all: Vec<&str> = per_term
            .iter()
            .flat_map(|g| g.keys().map(String::as_str))
            .collect();
        all.par_sort_unstable();
        all.dedup();
        let column: FxHashMap<&str, u32> = all
            .iter()
            .enumerate()
            .map(|(i, g)| (*g, i as u32))
            .collect();
        let full = term_matrix(&per_term, &column, all.len());

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
                            let Some(grams) = full.outer_view(term) else {
                                continue;
                            };
                            for &gram in grams.indices() {
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
        for (i, gram) in all.iter().enumerate() {
            if df[i] as usize >= params.min_df {
                kept_index[i] = ngrams.len() as u32;
                ngrams.push((*gram).to_owned());
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
        for row in full.outer_iterator() {
            for (gram, &count) in row.iter() {
                if kept_index[gram] != u32::MAX {
                    // A count within one term is below its length: exact in f32.
                    term_ngrams.entries.push((kept_index[gram], count as f32));
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

/// Each term's n-grams with how often they occur in it, terms one after the other: plain
/// slices, read for every term of every article when weighting.
#[derive(Debug, Clone)]
struct TermNgrams {
    /// Where each term's entries start; one more than there are terms.
    starts: Vec<usize>,
    /// (kept n-gram, count in the term).
    entries: Vec<(u32, f32)>,
}

impl TermNgrams {
    /// The n-grams of `term`; none for a term past the fitted ones.
    fn of(&self, term: usize) -> &[(u32, f32)] {
        match (self.starts.get(term), self.starts.get(term + 1)) {
            (Some(&from), Some(&to)) => &self.entries[from..to],
            _ => &[],
        }
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

    /// [`transform`](Self::transform) followed by a product with `basis` (`n_features x
    /// dims`, e.g. the transposed LSA components), without building the sparse rows. Equal
    /// to `transform(counts) · basis` up to the order of the additions (fixed: each row's
    /// n-grams in index order), so the same on every run and thread count.
    ///
    /// Rows go in blocks of `PROJECTION_ROWS`: the block's n-gram weights are sorted by
    /// n-gram (a counting sort), then each basis row is read once for the whole block, in
    /// order. Reading one basis row per n-gram of every article, at random, made this the
    /// slowest step of a large report: the basis is larger than the processor's cache.
    pub fn project<N: MatrixValue, I: SpIndex>(
        &self,
        counts: &AnyMatrix<N, I>,
        basis: ndarray::ArrayView2<f64>,
    ) -> ndarray::Array2<f64> {
        let n_features = self.ngrams.len();
        assert_eq!(basis.nrows(), n_features, "basis needs one row per n-gram");
        let dims = basis.ncols();
        let basis = basis.as_standard_layout();
        let basis = basis.as_slice().expect("standard layout");
        let rows: Vec<_> = counts.outer_iterator().collect();
        let mut out = ndarray::Array2::<f64>::zeros((rows.len(), dims));
        let log_tf = LogTf::new();
        out.as_slice_mut()
            .expect("standard layout")
            .par_chunks_mut((dims * PROJECTION_ROWS).max(1))
            .zip(rows.par_chunks(PROJECTION_ROWS))
            .for_each_init(
                || ProjectionBuffers::new(n_features),
                |buffers, (block, chunk)| {
                    let ProjectionBuffers {
                        scratch,
                        touched,
                        grams,
                        weights,
                        row_ends,
                        norms,
                        starts,
                        next,
                        by_gram,
                    } = buffers;
                    grams.clear();
                    weights.clear();
                    row_ends.clear();
                    norms.clear();
                    for row in chunk {
                        let mut squared = 0.0;
                        for &gram in self.accumulate(row, scratch, touched) {
                            let tf = std::mem::take(&mut scratch[gram]);
                            let weight = log_tf.one_plus_ln(tf) * self.idf[gram];
                            squared += weight * weight;
                            grams.push(gram as u32);
                            weights.push(weight);
                        }
                        row_ends.push(grams.len());
                        norms.push(squared.sqrt());
                    }
                    // Counting sort by n-gram; rows stay in order within an n-gram.
                    starts.fill(0);
                    for &gram in grams.iter() {
                        starts[gram as usize + 1] += 1;
                    }
                    for i in 0..n_features {
                        starts[i + 1] += starts[i];
                    }
                    next.clone_from(starts);
                    by_gram.resize(grams.len(), (0, 0.0));
                    let mut row = 0;
                    for (entry, (&gram, &weight)) in grams.iter().zip(weights.iter()).enumerate() {
                        while entry >= row_ends[row] {
                            row += 1;
                        }
                        let slot = &mut next[gram as usize];
                        by_gram[*slot as usize] = (row as u32, weight);
                        *slot += 1;
                    }
                    for gram in 0..n_features {
                        let (from, to) = (starts[gram] as usize, starts[gram + 1] as usize);
                        if from == to {
                            continue;
                        }
                        let basis_row = &basis[gram * dims..(gram + 1) * dims];
                        for &(row, weight) in &by_gram[from..to] {
                            let coords = &mut block[row as usize * dims..(row as usize + 1) * dims];
                            for (c, b) in coords.iter_mut().zip(basis_row) {
                                *c += weight * b;
                            }
                        }
                    }
                    for (coords, &norm) in block.chunks_mut(dims.max(1)).zip(norms.iter()) {
                        if norm > 0.0 {
                            coords.iter_mut().for_each(|c| *c /= norm);
                        }
                    }
                },
            );
        out
    }
}

/// Rows projected together (see [`CharNgramTfidf::project`]): their n-gram entries (a
/// few thousand per article) and coordinates stay in memory while the basis is swept.
const PROJECTION_ROWS: usize = 512;

/// What one thread of [`CharNgramTfidf::project`] keeps from block to block, so that the
/// scratch is not zeroed and the vectors not grown again for every block.
struct ProjectionBuffers {
    /// Dense n-gram counts of the current row, zero again after each row.
    scratch: Vec<f64>,
    touched: Vec<usize>,
    /// The block's (n-gram, weight) entries, rows one after the other.
    grams: Vec<u32>,
    weights: Vec<f64>,
    row_ends: Vec<usize>,
    norms: Vec<f64>,
    /// Counting sort by n-gram: where each n-gram's entries start, and the next free slot.
    starts: Vec<u32>,
    next: Vec<u32>,
    /// The entries sorted by n-gram: (row in block, weight).
    by_gram: Vec<(u32, f64)>,
}

impl ProjectionBuffers {
    fn new(n_features: usize) -> Self {
        ProjectionBuffers {
            scratch: vec![0.0; n_features],
            touched: Vec::new(),
            grams: Vec::new(),
            weights: Vec::new(),
            row_ends: Vec::new(),
            norms: Vec::new(),
            starts: vec![0; n_features + 1],
            next: Vec::new(),
            by_gram: Vec::new(),
        }
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

/// Terms x n-grams counts from each term's n-gram tally.
fn term_matrix(
    per_term: &[FxHashMap<String, f64>],
    column: &FxHashMap<&str, u32>,
    n_columns: usize,
) -> CsMat<f64> {
    let mut indptr = vec![0];
    let mut indices = Vec::new();
    let mut data = Vec::new();
    for grams in per_term {
        let mut row: Vec<(usize, f64)> = grams
            .iter()
            .map(|(g, &c)| (column[g.as_str()] as usize, c))
            .collect();
        row.sort_unstable_by_key(|&(g, _)| g);
        for (g, c) in row {
            indices.push(g);
            data.push(c);
        }
        indptr.push(indices.len());
    }
    CsMat::new((per_term.len(), n_columns), indptr, indices, data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(rows: &[&[(usize, f64)]], n_terms: usize) -> CsMat<f64> {
        let mut indptr = vec![0];
        let mut indices = Vec::new();
        let mut data = Vec::new();
        for row in rows {
            for &(t, c) in *row {
                indices.push(t);
                data.push(c);
            }
            indptr.push(indices.len());
        }
        CsMat::new((rows.len(), n_terms), indptr, indices, data)
    }

    #[test]
    fn ngrams_follow_scikit_learn_char_wb() {
        // sklearn: TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3)).build_analyzer()("ab")
        assert_eq!(char_wb_ngrams("ab", 2, 3), [" a", "ab", "b ", " ab", "ab "]);
        // A padded word shorter than n gives itself once and stops.
        assert_eq!(char_wb_ngrams("a", 3, 5), [" a "]);
        assert_eq!(char_wb_ngrams("ü", 2, 2), [" ü", "ü "]);
    }

    #[test]
    fn weights_by_hand() {
        // Terms "ab" and "b"; article 0 = "ab ab", article 1 = "b", article 2 = "ab b".
        let terms = ["ab".to_owned(), "b".to_owned()];
        let m = counts(&[&[(0, 2.0)], &[(1, 1.0)], &[(0, 1.0), (1, 1.0)]], 2);
        let params = CharNgramParams {
            min_n: 2,
            max_n: 2,
            min_df: 1,
        };
        let model = CharNgramTfidf::fit(&terms, &m, &params).unwrap();
        assert_eq!(model.ngrams(), [" a", " b", "ab", "b "]);
        let x = model.transform(&m);
        // df: " a" 2, " b" 2, "ab" 2, "b " 3 of 3 articles; idf = ln(4 / (1 + df)) + 1.
        let idf2 = (4.0f64 / 3.0).ln() + 1.0;
        let idf3 = 1.0;
        // Article 0: " a" 2, "ab" 2, "b " 2 -> (1 + ln 2) * idf each.
        let tf = 1.0 + 2.0f64.ln();
        let raw = [tf * idf2, tf * idf2, tf * idf3];
        let norm = raw.iter().map(|v| v * v).sum::<f64>().sqrt();
        let row0: Vec<(usize, f64)> = x
            .outer_view(0)
            .unwrap()
            .iter()
            .map(|(i, &v)| (i, v))
            .collect();
        assert_eq!(row0.iter().map(|e| e.0).collect::<Vec<_>>(), [0, 2, 3]);
        for ((_, got), want) in row0.iter().zip(raw) {
            assert!((got - want / norm).abs() < 1e-15);
        }
        // Article 2: " a" 1, "ab" 1, "b " 2, " b" 1.
        let raw2 = [idf2, idf2, idf2, tf * idf3];
        let norm2 = raw2.iter().map(|v| v * v).sum::<f64>().sqrt();
        let row2: Vec<f64> = x.outer_view(2).unwrap().iter().map(|(_, &v)| v).collect();
        for (got, want) in row2.iter().zip(raw2) {
            assert!((got - want / norm2).abs() < 1e-15);
        }
    }

    #[test]
    fn min_df_drops_rare_ngrams_and_rows_can_be_transformed_alone() {
        let terms = [
            "kris".to_owned(),
            "flüchtlingskris".to_owned(),
            "zug".to_owned(),
        ];
        let m = counts(&[&[(0, 1.0)], &[(1, 1.0)], &[(2, 1.0)]], 3);
        let model = CharNgramTfidf::fit(&terms, &m, &CharNgramParams::default()).unwrap();
        // Only the n-grams of "kris" occur in two articles.
        assert!(
            model
                .ngrams()
                .iter()
                .all(|g| char_wb_ngrams("kris", 3, 5).contains(g))
        );
        let whole = model.transform(&m);
        let alone = model.transform(&counts(&[&[(1, 1.0)]], 3));
        assert_eq!(
            whole.outer_view(1).unwrap().to_owned(),
            alone.outer_view(0).unwrap().to_owned()
        );
        // "zug" shares nothing kept: an empty row, not NaN.
        assert_eq!(whole.outer_view(2).unwrap().nnz(), 0);
    }

    #[test]
    fn project_equals_transform_times_basis() {
        let terms = [
            "kris".to_owned(),
            "flüchtlingskris".to_owned(),
            "zug".to_owned(),
            "zugkris".to_owned(),
        ];
        let m = counts(
            &[
                &[(0, 1.0), (2, 3.0)],
                &[(1, 2.0)],
                &[(2, 1.0), (3, 1.0)],
                &[],
            ],
            4,
        );
        let model = CharNgramTfidf::fit(&terms, &m, &CharNgramParams::default()).unwrap();
        let g = model.n_features();
        let basis =
            ndarray::Array2::from_shape_fn((g, 3), |(i, j)| ((i * 7 + j * 3) % 11) as f64 - 5.0);
        let fused = model.project(&m, basis.view());
        let x = model.transform(&m);
        for i in 0..m.rows() {
            for j in 0..3 {
                let want: f64 = x
                    .outer_view(i)
                    .unwrap()
                    .iter()
                    .map(|(gram, &v)| v * basis[[gram, j]])
                    .sum();
                assert!((fused[[i, j]] - want).abs() < 1e-12, "row {i} col {j}");
            }
        }
        assert!(fused.row(3).iter().all(|&v| v == 0.0));
    }

    #[test]
    fn projecting_many_blocks_reuses_buffers_without_carrying_rows_over() {
        // Several blocks of PROJECTION_ROWS per thread, rows of different lengths (so that
        // a later block has fewer entries than an earlier one) and counts past the table.
        let terms: Vec<String> = ["kris", "flüchtlingskris", "zug", "zugkris", "bahn"]
            .map(String::from)
            .to_vec();
        let rows: Vec<Vec<(usize, f64)>> = (0..3 * PROJECTION_ROWS + 17)
            .map(|i| {
                (0..terms.len())
                    .filter(|t| (i + t) % (1 + i % 4) == 0)
                    .map(|t| (t, ((i * 31 + t * 7) % 300) as f64 + 1.0))
                    .collect()
            })
            .collect();
        let views: Vec<&[(usize, f64)]> = rows.iter().map(Vec::as_slice).collect();
        let m = counts(&views, terms.len());
        let model = CharNgramTfidf::fit(&terms, &m, &CharNgramParams::default()).unwrap();
        let g = model.n_features();
        let basis = ndarray::Array2::from_shape_fn((g, 2), |(i, j)| ((i * 5 + j) % 7) as f64 - 3.0);
        let fused = model.project(&m, basis.view());
        let want = {
            let x = model.transform(&m);
            let dense = ndarray::Array2::from_shape_fn((m.rows(), g), |(i, gram)| {
                x.get(i, gram).copied().unwrap_or(0.0)
            });
            dense.dot(&basis)
        };
        for ((i, j), &v) in fused.indexed_iter() {
            assert!((v - want[[i, j]]).abs() < 1e-12, "row {i} col {j}");
        }
    }

    #[test]
    fn looked_up_logarithms_are_the_computed_ones() {
        let log_tf = LogTf::new();
        for tf in (1..400).map(f64::from).chain([0.5, 2.5, 255.5, 1e9]) {
            assert_eq!(
                log_tf.one_plus_ln(tf).to_bits(),
                (1.0 + tf.ln()).to_bits(),
                "{tf}"
            );
        }
    }

    #[test]
    fn bad_settings_are_named() {
        let terms = ["a".to_owned()];
        let m = counts(&[&[(0, 1.0)]], 1);
        let params = CharNgramParams {
            min_n: 4,
            max_n: 3,
            min_df: 1,
        };
        let err = CharNgramTfidf::fit(&terms, &m, &params)
            .unwrap_err()
            .to_string();
        assert!(err.contains("ngram_range"), "{err}");
        let err = CharNgramTfidf::fit(
            &terms,
            &counts(&[&[(0, 1.0)]], 2),
            &CharNgramParams::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("counts"), "{err}");
    }
}
