//! How far two labelings of the same documents agree, as scikit-learn's clustering metrics.
//!
//! Labels are any `usize` ids; only the partition matters. Every function fails when the
//! labelings differ in length and follows scikit-learn's special cases (for example two
//! single-cluster labelings agree perfectly, and empty labelings score 1).

use std::collections::BTreeMap;

use crate::error::{ClusterError, Result};
use crate::labels::canonical_mapping;

/// Adjusted Rand index (`sklearn.metrics.adjusted_rand_score`): 1 for identical partitions,
/// about 0 for independent ones, negative for worse than chance.
pub fn adjusted_rand_index(a: &[usize], b: &[usize]) -> Result<f64> {
    let table = Contingency::new(a, b)?;
    let n = table.n as i128;
    let sum_squares: i128 = table.cells.values().map(|&c| (c as i128).pow(2)).sum();
    // Pair counts as sklearn's pair_confusion_matrix (ordered pairs).
    let pairs_b: i128 = table
        .cells
        .iter()
        .map(|(&(_, j), &c)| c as i128 * table.b_sizes[j] as i128)
        .sum();
    let pairs_a: i128 = table
        .cells
        .iter()
        .map(|(&(i, _), &c)| c as i128 * table.a_sizes[i] as i128)
        .sum();
    let tp = sum_squares - n;
    let fp = pairs_b - sum_squares;
    let fn_ = pairs_a - sum_squares;
    let tn = n * n - fp - fn_ - sum_squares;
    if fn_ == 0 && fp == 0 {
        return Ok(1.0);
    }
    let numerator = 2.0 * (tp * tn - fn_ * fp) as f64;
    let denominator = ((tp + fn_) * (fn_ + tn) + (tp + fp) * (fp + tn)) as f64;
    Ok(numerator / denominator)
}

/// Normalised mutual information with arithmetic-mean normalisation
/// (`sklearn.metrics.normalized_mutual_info_score`, its default).
pub fn normalized_mutual_info(a: &[usize], b: &[usize]) -> Result<f64> {
    let table = Contingency::new(a, b)?;
    let (n_a, n_b) = (table.a_sizes.len(), table.b_sizes.len());
    if (n_a == 1 && n_b == 1) || (n_a == 0 && n_b == 0) {
        return Ok(1.0);
    }
    let mi = table.mutual_info();
    if mi == 0.0 {
        return Ok(0.0);
    }
    let normaliser = (entropy(&table.a_sizes) + entropy(&table.b_sizes)) / 2.0;
    Ok(mi / normaliser)
}

/// Homogeneity, completeness and V-measure with `beta = 1`
/// (`sklearn.metrics.homogeneity_completeness_v_measure`), taking `a` as the reference
/// classes and `b` as the clusters.
pub fn homogeneity_completeness_v_measure(a: &[usize], b: &[usize]) -> Result<(f64, f64, f64)> {
    let table = Contingency::new(a, b)?;
    if table.n == 0 {
        return Ok((1.0, 1.0, 1.0));
    }
    let (entropy_a, entropy_b) = (entropy(&table.a_sizes), entropy(&table.b_sizes));
    let mi = table.mutual_info();
    let homogeneity = if entropy_a != 0.0 {
        mi / entropy_a
    } else {
        1.0
    };
    let completeness = if entropy_b != 0.0 {
        mi / entropy_b
    } else {
        1.0
    };
    let v_measure = if homogeneity + completeness == 0.0 {
        0.0
    } else {
        2.0 * homogeneity * completeness / (homogeneity + completeness)
    };
    Ok((homogeneity, completeness, v_measure))
}

/// Counts of documents per (class of `a`, cluster of `b`) pair, with canonical ids.
struct Contingency {
    n: usize,
    /// Non-zero cells keyed by (a id, b id), iterated row-major like a CSR matrix.
    cells: BTreeMap<(usize, usize), usize>,
    a_sizes: Vec<usize>,
    b_sizes: Vec<usize>,
}

impl Contingency {
    fn new(a: &[usize], b: &[usize]) -> Result<Self> {
        if a.len() != b.len() {
            return Err(ClusterError::LabelingsLength {
                a: a.len(),
                b: b.len(),
            });
        }
        // sklearn numbers classes in sorted order; sort the canonical ids the same way.
        let (a_ids, a_sizes) = sorted_ids(a);
        let (b_ids, b_sizes) = sorted_ids(b);
        let mut cells = BTreeMap::new();
        for (&i, &j) in a_ids.iter().zip(&b_ids) {
            *cells.entry((i, j)).or_insert(0) += 1;
        }
        Ok(Contingency {
            n: a.len(),
            cells,
            a_sizes,
            b_sizes,
        })
    }

    /// Mutual information in nats, computed term by term as sklearn's `mutual_info_score`.
    fn mutual_info(&self) -> f64 {
        if self.a_sizes.len() == 1 || self.b_sizes.len() == 1 {
            return 0.0;
        }
        let n = self.n as f64;
        let log_n = n.ln();
        let mut total = 0.0;
        for (&(i, j), &count) in &self.cells {
            let c = count as f64;
            let share = c / n;
            let outer = (self.a_sizes[i] as i64 * self.b_sizes[j] as i64) as f64;
            let log_outer = -outer.ln() + log_n + log_n;
            let term = share * (c.ln() - log_n) + share * log_outer;
            if term.abs() >= f64::EPSILON {
                total += term;
            }
        }
        total.max(0.0)
    }
}

/// Ids numbered in increasing order of the original label, and the size of each.
fn sorted_ids(labels: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let (canonical, originals) = canonical_mapping(labels);
    let mut order: Vec<usize> = (0..originals.len()).collect();
    order.sort_by_key(|&c| originals[c]);
    let mut rank = vec![0; originals.len()];
    for (r, &c) in order.iter().enumerate() {
        rank[c] = r;
    }
    let ids: Vec<usize> = canonical.iter().map(|&c| rank[c]).collect();
    let mut sizes = vec![0; originals.len()];
    for &id in &ids {
        sizes[id] += 1;
    }
    (ids, sizes)
}

/// Entropy in nats of a labeling given its cluster sizes (sklearn's `_entropy`).
fn entropy(sizes: &[usize]) -> f64 {
    if sizes.len() <= 1 {
        return 0.0;
    }
    let total = sizes.iter().sum::<usize>() as f64;
    let log_total = total.ln();
    -sizes
        .iter()
        .map(|&s| {
            let s = s as f64;
            (s / total) * (s.ln() - log_total)
        })
        .sum::<f64>()
}

#[cfg(test)]
mod tests;
