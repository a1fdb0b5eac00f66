//! Exact Lloyd iterations for all k-means runs at once, with Elkan's bounds (`elkan.rs`) to
//! skip distances that cannot matter.
//!
//! The `n_init` runs advance in lockstep: one pass over the rows updates each row in every run
//! that has not converged, so a large matrix is read once per iteration, not once per run.
//! Each run computes exactly what it would alone (its own centroids, bounds and stopping
//! rule). Centroid sums are kept up to date by moving only the rows that changed cluster (the
//! first pass sums every row); the final centroids are recomputed exactly as the means of the
//! final clusters.
//!
//! Work is parallel over fixed row chunks with sums added in chunk order (see `parallel.rs`),
//! so every run is bit-identical whatever the thread count. Memory: `n (k + 2)` numbers per
//! run for the labels and bounds.

use ndarray::Array2;
use rayon::prelude::*;

use super::elkan::{Geometry, elkan};
use super::rows::Rows;
use crate::distance::squared_distance;
use crate::parallel::{CHUNK_ROWS, map_chunks};

/// The outcome of one run.
pub(super) struct Run {
    /// Cluster of each row (not yet canonical).
    pub(super) labels: Vec<usize>,
    /// Mean of each cluster's members.
    pub(super) centroids: Array2<f64>,
    /// Sum of squared distances of the rows to their centroids.
    pub(super) inertia: f64,
}

/// Every run's centroid and bounds for every row (distances, not squared), row-major: entry
/// `i * runs + r` is row `i` in run `r`.
struct Batch {
    runs: usize,
    k: usize,
    labels: Vec<usize>,
    /// At least the distance from the row to its centroid.
    upper: Vec<f64>,
    /// `k` entries per row and run: at most the distance to each centroid.
    lower: Vec<f64>,
}

/// One run's result of a pass: how its centroid sums and counts change (on the first pass,
/// the sums and counts themselves), and whether any row changed cluster.
struct Delta {
    sums: Vec<f64>,
    counts: Vec<i64>,
    changed: bool,
}

/// Lloyd iterations for every start in `starts` (each `k x d`), until no row changes cluster,
/// the sum of squared centroid shifts of an iteration is at most `tolerance` (absolute), or
/// `max_iter` iterations; then the final centroids are the means of the final clusters.
pub(super) fn lloyd(x: &Rows, starts: Vec<Array2<f64>>, max_iter: u64, tolerance: f64) -> Vec<Run> {
    let (runs, k) = (starts.len(), starts[0].nrows());
    let mut batch = Batch {
        runs,
        k,
        labels: vec![0; x.n * runs],
        // Trivial bounds make the first pass a full scan of every row.
        upper: vec![f64::INFINITY; x.n * runs],
        lower: vec![0.0; x.n * runs * k],
    };
    let mut centroids = starts;
    let mut shifts = vec![vec![0.0; k]; runs];
    let mut total_shift = vec![f64::INFINITY; runs];
    let mut iterations = vec![0u64; runs];
    let mut done = vec![false; runs];
    let mut sums = vec![(vec![0.0; k * x.d], vec![0i64; k]); runs];
    let mut first = true;
    while done.iter().any(|d| !d) {
        let geometry: Vec<Option<Geometry>> = (0..runs)
            .map(|r| (!done[r]).then(|| Geometry::new(&centroids[r], &shifts[r])))
            .collect();
        let deltas = assign(x, &mut batch, &geometry, first);
        first = false;
        for (r, delta) in deltas.into_iter().enumerate() {
            let Some(mut delta) = delta else {
                continue;
            };
            let (run_sums, counts) = &mut sums[r];
            if fill_empty_clusters(x, &centroids[r], &mut batch, r) {
                delta.changed = true;
                (*run_sums, *counts) = cluster_sums(x, &batch, k)[r].clone();
            } else {
                run_sums
                    .iter_mut()
                    .zip(&delta.sums)
                    .for_each(|(s, d)| *s += d);
                counts
                    .iter_mut()
                    .zip(&delta.counts)
                    .for_each(|(c, d)| *c += d);
            }
            let moved = divide(run_sums.clone(), counts, &centroids[r]);
            let converged = iterations[r] > 0 && (!delta.changed || total_shift[r] <= tolerance);
            if converged || iterations[r] == max_iter {
                done[r] = true;
                continue;
            }
            let squared: Vec<f64> = moved
                .rows()
                .into_iter()
                .zip(centroids[r].rows())
                .map(|(a, b)| squared_distance(a.as_slice().unwrap(), b.as_slice().unwrap()))
                .collect();
            total_shift[r] = squared.iter().sum();
            shifts[r] = squared.into_iter().map(f64::sqrt).collect();
            centroids[r] = moved;
            iterations[r] += 1;
        }
    }
    let centroids: Vec<Array2<f64>> = cluster_sums(x, &batch, k)
        .into_iter()
        .zip(&centroids)
        .map(|((sums, counts), old)| divide(sums, &counts, old))
        .collect();
    let inertia = inertia(x, &batch, &centroids);
    centroids
        .into_iter()
        .zip(inertia)
        .enumerate()
        .map(|(r, (centroids, inertia))| Run {
            labels: batch.run_labels(r),
            centroids,
            inertia,
        })
        .collect()
}

impl Batch {
    /// The labels of run `r`, one per row.
    fn run_labels(&self, r: usize) -> Vec<usize> {
        self.labels
            .iter()
            .skip(r)
            .step_by(self.runs)
            .copied()
            .collect()
    }
}

/// One pass over the rows: every run with a geometry moves each row to its nearest centroid
/// (measuring only what the bounds cannot rule out) and records how its cluster sums change:
/// on the `first` pass every row is added, afterwards only rows that changed cluster move.
fn assign(
    x: &Rows,
    batch: &mut Batch,
    geometry: &[Option<Geometry>],
    first: bool,
) -> Vec<Option<Delta>> {
    let (runs, k, d) = (batch.runs, batch.k, x.d);
    let empty = || {
        geometry
            .iter()
            .map(|g| {
                g.as_ref().map(|_| Delta {
                    sums: vec![0.0; k * d],
                    counts: vec![0; k],
                    changed: false,
                })
            })
            .collect::<Vec<_>>()
    };
    let parts: Vec<Vec<Option<Delta>>> = batch
        .labels
        .par_chunks_mut(CHUNK_ROWS * runs)
        .zip(batch.upper.par_chunks_mut(CHUNK_ROWS * runs))
        .zip(batch.lower.par_chunks_mut(CHUNK_ROWS * runs * k))
        .enumerate()
        .map(|(chunk, ((labels, upper), lower))| {
            let mut part = empty();
            for local in 0..labels.len() / runs {
                let i = chunk * CHUNK_ROWS + local;
                for (r, (g, delta)) in geometry.iter().zip(part.iter_mut()).enumerate() {
                    let (Some(g), Some(delta)) = (g, delta) else {
                        continue;
                    };
                    let e = local * runs + r;
                    if first {
                        // The fresh zeroed labels and bounds written before they are read:
                        // a page read first is mapped to the shared zero page, and the write
                        // after it costs a second fault and a flush of every core's address
                        // cache (the bounds of 100 runs on 10,000 rows are 72 MB).
                        labels[e] = 0;
                        lower[e * k..(e + 1) * k].fill(0.0);
                    }
                    let before = labels[e];
                    let l = &mut lower[e * k..(e + 1) * k];
                    elkan(x, i, g, &mut labels[e], &mut upper[e], l);
                    let c = labels[e];
                    if first {
                        delta.add(c, x.row(i), 1.0);
                    } else if c != before {
                        delta.add(before, x.row(i), -1.0);
                        delta.add(c, x.row(i), 1.0);
                        delta.changed = true;
                    }
                }
            }
            part
        })
        .collect();
    let mut parts = parts.into_iter();
    let mut total = parts.next().unwrap_or_else(empty);
    for part in parts {
        for (t, p) in total.iter_mut().zip(part) {
            if let (Some(t), Some(p)) = (t, p) {
                t.sums.iter_mut().zip(&p.sums).for_each(|(s, v)| *s += v);
                t.counts
                    .iter_mut()
                    .zip(&p.counts)
                    .for_each(|(c, v)| *c += v);
                t.changed |= p.changed;
            }
        }
    }
    total
}

impl Delta {
    /// Adds `sign * row` to the sum of cluster `c` and `sign` to its count.
    fn add(&mut self, c: usize, row: &[f64], sign: f64) {
        let d = row.len();
        if sign > 0.0 {
            self.sums[c * d..(c + 1) * d]
                .iter_mut()
                .zip(row)
                .for_each(|(s, v)| *s += v);
            self.counts[c] += 1;
        } else {
            self.sums[c * d..(c + 1) * d]
                .iter_mut()
                .zip(row)
                .for_each(|(s, v)| *s -= v);
            self.counts[c] -= 1;
        }
    }
}

/// Exact cluster sums and counts of every run in one pass: per-chunk sums in row order, added
/// in chunk order.
fn cluster_sums(x: &Rows, batch: &Batch, k: usize) -> Vec<(Vec<f64>, Vec<i64>)> {
    let (runs, d) = (batch.runs, x.d);
    let parts = map_chunks(x.n, |rows| {
        let mut part = vec![(vec![0.0f64; k * d], vec![0i64; k]); runs];
        for i in rows {
            for (r, (sums, counts)) in part.iter_mut().enumerate() {
                let c = batch.labels[i * runs + r];
                sums[c * d..(c + 1) * d]
                    .iter_mut()
                    .zip(x.row(i))
                    .for_each(|(s, v)| *s += v);
                counts[c] += 1;
            }
        }
        part
    });
    let mut parts = parts.into_iter();
    let mut total = parts
        .next()
        .unwrap_or_else(|| vec![(vec![0.0; k * d], vec![0; k]); runs]);
    for part in parts {
        for ((ts, tc), (ps, pc)) in total.iter_mut().zip(part) {
            ts.iter_mut().zip(&ps).for_each(|(s, v)| *s += v);
            tc.iter_mut().zip(&pc).for_each(|(c, v)| *c += v);
        }
    }
    total
}

/// Sum of squared distances of the rows to their centroids, for every run: per-chunk sums in
/// row order, added in chunk order.
fn inertia(x: &Rows, batch: &Batch, centroids: &[Array2<f64>]) -> Vec<f64> {
    let runs = batch.runs;
    let parts = map_chunks(x.n, |rows| {
        let mut sums = vec![0.0f64; runs];
        for i in rows {
            for (r, sum) in sums.iter_mut().enumerate() {
                let centroid = centroids[r].row(batch.labels[i * runs + r]);
                *sum += squared_distance(x.row(i), centroid.as_slice().unwrap());
            }
        }
        sums
    });
    let mut parts = parts.into_iter();
    let mut total = parts.next().unwrap_or_else(|| vec![0.0; runs]);
    for part in parts {
        total.iter_mut().zip(&part).for_each(|(t, p)| *t += p);
    }
    total
}

/// Gives each empty cluster the row farthest from its own centroid, taken from a cluster
/// with at least two members (the first such row on ties). Possible because k <= n. A moved
/// row gets trivial bounds, so the next pass scans it fully. Works on run `r` of `batch`;
/// returns whether a row moved.
fn fill_empty_clusters(x: &Rows, centroids: &Array2<f64>, batch: &mut Batch, r: usize) -> bool {
    let (k, runs) = (batch.k, batch.runs);
    let mut counts = vec![0usize; k];
    for i in 0..x.n {
        counts[batch.labels[i * runs + r]] += 1;
    }
    let mut moved = false;
    for empty in 0..k {
        if counts[empty] > 0 {
            continue;
        }
        let mut donor: Option<(usize, f64)> = None;
        for i in 0..x.n {
            let label = batch.labels[i * runs + r];
            if counts[label] < 2 {
                continue;
            }
            let centroid = centroids.row(label);
            let d = squared_distance(x.row(i), centroid.as_slice().expect("standard layout"));
            if donor.is_none_or(|(_, best)| d > best) {
                donor = Some((i, d));
            }
        }
        let (i, _) = donor.expect("k <= n leaves a cluster with two members");
        let e = i * runs + r;
        counts[batch.labels[e]] -= 1;
        batch.labels[e] = empty;
        batch.upper[e] = f64::INFINITY;
        batch.lower[e * k..(e + 1) * k].fill(0.0);
        counts[empty] = 1;
        moved = true;
    }
    moved
}

/// Centroids from cluster sums (`k x d`, row-major) and counts; an empty cluster keeps its
/// old centroid.
fn divide(sums: Vec<f64>, counts: &[i64], old: &Array2<f64>) -> Array2<f64> {
    let mut centroids = Array2::from_shape_vec(old.dim(), sums).expect("k x d sums");
    for (c, &count) in counts.iter().enumerate() {
        if count == 0 {
            centroids.row_mut(c).assign(&old.row(c));
        } else {
            centroids.row_mut(c).mapv_inplace(|v| v / count as f64);
        }
    }
    centroids
}

#[cfg(test)]
mod tests;
