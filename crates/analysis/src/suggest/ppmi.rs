//! Distributional neighbours for lexicon suggestions: positive pointwise
//! mutual information over sentence co-occurrence, compared by cosine.
//! Words used in the same kind of sentence as a frame's words are
//! candidates even when they never share a sentence with them.

/// A sparse vector: (dimension, value), ascending by dimension.
pub type SparseVector = Vec<(u32, f64)>;

/// Exponent of the context distribution smoothing (Levy, Goldberg & Dagan
/// 2015): raising context counts to 0.75 keeps rare contexts from getting
/// the largest PMI.
pub const CONTEXT_SMOOTHING: f64 = 0.75;

/// Sentence co-occurrence of terms, kept as each sentence's distinct terms
/// and, per target term, the sentences it is in: a term's PPMI vector is
/// made on demand from its sentences alone, so the work is `Σ |sentence|²`
/// once over all targets and no pair table is held (a large corpus has
/// tens of millions of distinct pairs).
pub struct Cooccurrence {
    /// Distinct terms of every sentence, end to end.
    terms: Vec<u32>,
    /// Where each sentence starts in `terms` (one more entry at the end).
    starts: Vec<usize>,
    /// Per term, the sentences it is in (empty unless targeted).
    postings: Vec<Vec<u32>>,
    contexts: Vec<bool>,
    /// Pairs with each target as the target.
    row_total: Vec<f64>,
    /// Smoothed count of pairs with each context as the context.
    smoothed: Vec<f64>,
    smoothed_sum: f64,
}

impl Cooccurrence {
    /// Counts the sentences (term ids below `targets.len()`). A pair is a
    /// target and a context, two distinct terms in one sentence, counted
    /// once per sentence.
    pub fn new<'s>(
        sentences: impl Iterator<Item = &'s [u32]>,
        targets: &[bool],
        contexts: &[bool],
    ) -> Cooccurrence {
        Cooccurrence::from_feed(|add| sentences.for_each(add), targets, contexts)
    }

    /// [`new`](Self::new) from a `feed` that hands each sentence to the
    /// function it is given, in order: for sentences read a run at a time.
    pub fn from_feed(
        feed: impl FnOnce(&mut dyn FnMut(&[u32])),
        targets: &[bool],
        contexts: &[bool],
    ) -> Cooccurrence {
        let n_terms = targets.len();
        let mut terms = Vec::new();
        let mut starts = vec![0];
        let mut postings = vec![Vec::new(); n_terms];
        let mut row_total = vec![0.0f64; n_terms];
        let mut context_total = vec![0.0f64; n_terms];
        feed(&mut |sentence| {
            let from = terms.len();
            terms.extend_from_slice(sentence);
            terms[from..].sort_unstable();
            let mut kept = from;
            for i in from..terms.len() {
                if i == from || terms[i] != terms[kept - 1] {
                    terms[kept] = terms[i];
                    kept += 1;
                }
            }
            terms.truncate(kept);
            let distinct = &terms[from..];
            let n_targets = distinct.iter().filter(|&&t| targets[t as usize]).count() as f64;
            let n_contexts = distinct.iter().filter(|&&c| contexts[c as usize]).count() as f64;
            let id = (starts.len() - 1) as u32;
            for &term in distinct {
                let (is_target, is_context) = (targets[term as usize], contexts[term as usize]);
                if is_target {
                    postings[term as usize].push(id);
                    row_total[term as usize] += n_contexts - f64::from(u8::from(is_context));
                }
                if is_context {
                    context_total[term as usize] += n_targets - f64::from(u8::from(is_target));
                }
            }
            starts.push(terms.len());
        });
        let smoothed: Vec<f64> = context_total
            .iter()
            .map(|&n| n.powf(CONTEXT_SMOOTHING))
            .collect();
        let smoothed_sum = smoothed.iter().sum();
        Cooccurrence {
            terms,
            starts,
            postings,
            contexts: contexts.to_vec(),
            row_total,
            smoothed,
            smoothed_sum,
        }
    }

    /// The L2-normalised PPMI vector of `target` (empty for a term not
    /// targeted or never beside a context):
    /// `PPMI(t, c) = max(0, ln(n(t,c) · Σ n^α / (n(t) · n(c)^α)))`, with
    /// `n(t)` and `n(c)` the marginals of the pair counts and `α` =
    /// [`CONTEXT_SMOOTHING`]. Sums run in id order, so the vector is the
    /// same on every run and thread.
    pub fn vector(&self, target: u32) -> SparseVector {
        let mut counts: std::collections::BTreeMap<u32, u32> = std::collections::BTreeMap::new();
        for &s in &self.postings[target as usize] {
            let sentence = &self.terms[self.starts[s as usize]..self.starts[s as usize + 1]];
            for &c in sentence {
                if c != target && self.contexts[c as usize] {
                    *counts.entry(c).or_insert(0) += 1;
                }
            }
        }
        let row = self.row_total[target as usize];
        let mut vector: SparseVector = counts
            .into_iter()
            .filter_map(|(c, n)| {
                let pmi =
                    (f64::from(n) * self.smoothed_sum / (row * self.smoothed[c as usize])).ln();
                (pmi > 0.0).then_some((c, pmi))
            })
            .collect();
        normalize(&mut vector);
        vector
    }
}

/// Scales `vector` to unit length (an empty or zero vector stays as it is).
pub fn normalize(vector: &mut SparseVector) {
    let norm = vector.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, v) in vector.iter_mut() {
            *v /= norm;
        }
    }
}

/// Dot product of two sparse vectors (their cosine when both are unit).
pub fn dot(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    features::similarity::sparse_dot(a, b)
}

/// The unit mean direction of `vectors` (summed in the order given).
pub fn centroid<'v>(vectors: impl Iterator<Item = &'v SparseVector>) -> SparseVector {
    let mut sum: std::collections::BTreeMap<u32, f64> = std::collections::BTreeMap::new();
    for vector in vectors {
        for &(d, v) in vector {
            *sum.entry(d).or_insert(0.0) += v;
        }
    }
    let mut out: SparseVector = sum.into_iter().collect();
    normalize(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ppmi_matches_a_hand_computation() {
        // Sentences: {0,1}, {0,2}, {1,2}. Pair counts: (0,1)=1, (0,2)=1,
        // (1,0)=1, (1,2)=1, (2,0)=1, (2,1)=1; every marginal is 2, the
        // smoothed context sum 3·2^0.75, so PMI = ln(3·2^0.75 / (2·2^0.75))
        // = ln 1.5 for every pair.
        let sentences: Vec<Vec<u32>> = vec![vec![0, 1, 1], vec![2, 0], vec![1, 2]];
        let all = vec![true; 3];
        let pairs = Cooccurrence::new(sentences.iter().map(Vec::as_slice), &all, &all);
        let vectors: Vec<SparseVector> = (0..3).map(|t| pairs.vector(t)).collect();
        let half = 0.5f64.sqrt();
        assert_eq!(vectors[0].len(), 2);
        for (d, v) in &vectors[0] {
            assert!([1, 2].contains(d));
            assert!((v - half).abs() < 1e-12);
        }
        assert!((dot(&vectors[1], &vectors[2]) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn words_in_the_same_contexts_are_neighbours() {
        // 0 and 1 are used with 2 and 3, never together; 4 with 5 and 6.
        let sentences: Vec<Vec<u32>> = vec![
            vec![0, 2, 3],
            vec![1, 2, 3],
            vec![0, 2, 3],
            vec![1, 3, 2],
            vec![4, 5, 6],
            vec![4, 6],
            vec![5, 6],
        ];
        let all = vec![true; 7];
        let pairs = Cooccurrence::new(sentences.iter().map(Vec::as_slice), &all, &all);
        let v: Vec<SparseVector> = (0..7).map(|t| pairs.vector(t)).collect();
        let near = dot(&v[0], &v[1]);
        let far = dot(&v[0], &v[4]);
        assert!(near > 0.9, "{near}");
        assert!(far.abs() < 1e-12, "{far}");
        let mean = centroid([&v[0], &v[1]].into_iter());
        assert!(dot(&mean, &v[0]) > 0.9);
        // Untargeted terms get no vector; contexts can be restricted.
        let mut targets = all.clone();
        targets[4] = false;
        let mut contexts = all;
        contexts[2] = false;
        let pairs = Cooccurrence::new(sentences.iter().map(Vec::as_slice), &targets, &contexts);
        let v: Vec<SparseVector> = (0..7).map(|t| pairs.vector(t)).collect();
        assert!(v[4].is_empty());
        assert!(v[0].iter().all(|(d, _)| *d != 2));
    }
}
