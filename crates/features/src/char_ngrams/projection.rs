//! Projecting every article of a large corpus onto an LSA basis through its n-gram
//! weights, without building the sparse TF-IDF rows: the clustering step that reads every
//! article's n-grams.

use rayon::prelude::*;
use sprs::SpIndex;

use super::{CharNgramTfidf, LogTf};
use crate::matrix::{AnyMatrix, MatrixValue};

impl CharNgramTfidf {
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
pub(super) const PROJECTION_ROWS: usize = 512;

/// What one thread of [`CharNgramTfidf::project`] keeps from block to block, so that the
/// scratch is not zeroed and the vectors not grown again for every block.
struct ProjectionBuffers {
    /// Dense n-gram counts of the current row, zero again after each row.
    scratch: Vec<f64>,
    /// Room for the list of a row's n-grams that `accumulate` returns.
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
