//! Greedy k-means++ seeding, as scikit-learn's `_kmeans_plusplus` (Arthur & Vassilvitskii,
//! 2007, with the greedy local trials of scikit-learn), for all k-means runs at once.
//!
//! The first centroid is a uniformly drawn row. Each further centroid is chosen among
//! `2 + floor(ln k)` candidate rows, each drawn with probability proportional to its squared
//! distance to the nearest centroid so far (`searchsorted` on the running sums): the candidate
//! that leaves the smallest total squared distance wins (the first on ties).
//!
//! Every run draws from its own generator, so runs are independent; they share the passes
//! over the rows: one pass per centroid measures every run's candidates with one matrix
//! product per chunk of rows ([`Rows::block_distances`]).

use ndarray::Array2;
use rand_xoshiro::Xoshiro256Plus;

use super::rows::{Points, Rows};
use crate::parallel::{fill_row_chunks, map_chunks};
use crate::random::{below, uniform};

/// `k` initial centroids (rows of `x`) for each generator in `rngs`. Distances are
/// scikit-learn's expanded squared distances ([`Rows::block_distances`]).
pub(super) fn greedy_plus_plus(
    x: &Rows,
    k: usize,
    mut rngs: Vec<Xoshiro256Plus>,
) -> Vec<Array2<f64>> {
    let (n, runs) = (x.n, rngs.len());
    let trials = 2 + (k as f64).ln().floor() as usize;
    let mut centroids = vec![Array2::<f64>::zeros((k, x.d)); runs];
    let firsts: Vec<usize> = rngs.iter_mut().map(|rng| below(rng, n)).collect();
    for (c, &first) in centroids.iter_mut().zip(&firsts) {
        copy_row(c, 0, x.row(first));
    }
    // closest[i * runs + r]: squared distance from row i to its nearest centroid in run r.
    let mut closest = Array2::<f64>::zeros((n, runs));
    let first_points = Points::new(x.select(&firsts).view());
    fill_row_chunks(&mut closest, |rows, block| {
        x.block_distances(rows, &first_points, block);
    });
    let mut running = vec![0.0f64; n];
    // Row i, run r, trial t: the squared distance to the nearest centroid with candidate t.
    let mut with_candidate = Array2::<f64>::zeros((n, runs * trials));
    for c in 1..k {
        let mut candidates = Vec::with_capacity(runs * trials);
        for (r, rng) in rngs.iter_mut().enumerate() {
            let mut total = 0.0;
            for (sum, d) in running.iter_mut().zip(closest.column(r)) {
                total += d;
                *sum = total;
            }
            for _ in 0..trials {
                let target = uniform(rng) * total;
                candidates.push(running.partition_point(|&s| s < target).min(n - 1));
            }
        }
        let points = Points::new(x.select(&candidates).view());
        fill_row_chunks(&mut with_candidate, |rows, block| {
            x.block_distances(rows.clone(), &points, block);
            for (i, out) in rows.zip(block.chunks_mut(runs * trials)) {
                for (r, run) in out.chunks_mut(trials).enumerate() {
                    let current = closest[[i, r]];
                    run.iter_mut().for_each(|d| *d = d.min(current));
                }
            }
        });
        let potentials = map_chunks(n, |rows| {
            let mut sums = vec![0.0f64; runs * trials];
            for i in rows {
                let row = with_candidate.row(i);
                sums.iter_mut().zip(row).for_each(|(s, d)| *s += d);
            }
            sums
        })
        .into_iter()
        .reduce(|mut a, b| {
            a.iter_mut().zip(&b).for_each(|(s, v)| *s += v);
            a
        })
        .expect("n >= 1");
        for (r, run_centroids) in centroids.iter_mut().enumerate() {
            let potentials = &potentials[r * trials..(r + 1) * trials];
            let mut best = 0;
            for t in 1..trials {
                if potentials[t] < potentials[best] {
                    best = t;
                }
            }
            let chosen = r * trials + best;
            closest
                .column_mut(r)
                .iter_mut()
                .zip(with_candidate.column(chosen))
                .for_each(|(c, d)| *c = *d);
            copy_row(run_centroids, c, x.row(candidates[chosen]));
        }
    }
    centroids
}

/// Writes `values` into row `i` of `matrix`.
fn copy_row(matrix: &mut Array2<f64>, i: usize, values: &[f64]) {
    matrix
        .row_mut(i)
        .iter_mut()
        .zip(values)
        .for_each(|(m, v)| *m = *v);
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_xoshiro::rand_core::SeedableRng;

    fn rngs(seeds: std::ops::Range<u64>) -> Vec<Xoshiro256Plus> {
        seeds.map(Xoshiro256Plus::seed_from_u64).collect()
    }

    #[test]
    fn seeds_are_distinct_rows_spread_over_the_blobs() {
        let blobs = crate::samples::blobs();
        let x = Rows::new(blobs.as_slice().unwrap(), 12, 2);
        for seeds in greedy_plus_plus(&x, 3, rngs(0..20)) {
            // Rows are interleaved by blob (row i is in blob i % 3): one seed per blob.
            let mut blob_of: Vec<usize> = seeds
                .rows()
                .into_iter()
                .map(|s| {
                    (0..12)
                        .find(|&i| x.row(i) == s.as_slice().unwrap())
                        .unwrap()
                        % 3
                })
                .collect();
            blob_of.sort();
            assert_eq!(blob_of, vec![0, 1, 2]);
        }
    }

    #[test]
    fn runs_seeded_together_equal_runs_seeded_alone() {
        let values: Vec<f64> = (0..600)
            .map(|i| ((i * 7919) % 1009) as f64 / 1009.0)
            .collect();
        let x = Rows::new(&values, 200, 3);
        let together = greedy_plus_plus(&x, 5, rngs(0..4));
        for (seed, seeds) in (0..4).zip(&together) {
            let alone = greedy_plus_plus(&x, 5, rngs(seed..seed + 1)).remove(0);
            assert_eq!(&alone, seeds, "seed {seed}");
        }
    }

    #[test]
    fn duplicate_rows_still_give_k_seeds() {
        let values = vec![1.0; 8];
        let x = Rows::new(&values, 4, 2);
        let seeds = greedy_plus_plus(&x, 3, rngs(1..2)).remove(0);
        assert_eq!(seeds.dim(), (3, 2));
        assert!(seeds.iter().all(|&v| v == 1.0));
    }
}
