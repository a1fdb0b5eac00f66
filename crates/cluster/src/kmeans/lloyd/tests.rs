//! Unit tests of the bounded, lockstep Lloyd iterations against a plain full-scan Lloyd.

use super::super::rows::Points;
use super::super::seeding::greedy_plus_plus;
use super::*;
use crate::parallel::CHUNK_ROWS;
use crate::random::gaussian_matrix;
use rand_xoshiro::Xoshiro256Plus;
use rand_xoshiro::rand_core::SeedableRng;

/// Means of the clusters `labels` (one run), an empty cluster keeping its `old` centroid.
fn means(x: &Rows, labels: &[usize], old: &Array2<f64>) -> Array2<f64> {
    let batch = Batch {
        runs: 1,
        k: old.nrows(),
        labels: labels.to_vec(),
        upper: Vec::new(),
        lower: Vec::new(),
    };
    let (sums, counts) = cluster_sums(x, &batch, old.nrows()).remove(0);
    divide(sums, &counts, old)
}

/// Plain Lloyd: a full scan of every row in every iteration (the lowest index on ties),
/// stopping when no row moves.
fn full_scan_lloyd(x: &Rows, mut centroids: Array2<f64>, max_iter: u64) -> Vec<usize> {
    let k = centroids.nrows();
    let scan = |centroids: &Array2<f64>| -> Vec<usize> {
        let points = Points::new(centroids.view());
        let mut distances = vec![0.0; k];
        (0..x.n)
            .map(|i| {
                for (c, d) in distances.iter_mut().enumerate() {
                    *d = x.distance_to(i, &points, c);
                }
                let mut best = 0;
                for c in 1..k {
                    if distances[c] < distances[best] {
                        best = c;
                    }
                }
                best
            })
            .collect()
    };
    let mut labels = scan(&centroids);
    for _ in 0..max_iter {
        centroids = means(x, &labels, &centroids);
        let next = scan(&centroids);
        if next == labels {
            break;
        }
        labels = next;
    }
    labels
}

#[test]
fn bounds_skip_rows_without_changing_the_result() {
    // Overlapping Gaussian blobs, so that rows keep changing cluster for a while.
    let n = 2 * CHUNK_ROWS + 300;
    let mut rng = Xoshiro256Plus::seed_from_u64(11);
    let mut data = gaussian_matrix(n, 5, &mut rng);
    for (i, mut row) in data.rows_mut().into_iter().enumerate() {
        row[i % 3] += 2.5;
    }
    let x = Rows::new(data.as_slice().unwrap(), n, 5);
    for k in [2, 3, 5, 9] {
        let rngs = (0..3).map(|s| Xoshiro256Plus::seed_from_u64(s + 10 * k as u64));
        let starts = greedy_plus_plus(&x, k, rngs.collect());
        let together = lloyd(&x, starts.clone(), 300, 0.0);
        for (run, start) in together.iter().zip(starts) {
            let alone = lloyd(&x, vec![start.clone()], 300, 0.0).remove(0);
            assert_eq!(run.labels, alone.labels, "k = {k}");
            assert_eq!(run.centroids, alone.centroids, "k = {k}");
            assert_eq!(run.inertia.to_bits(), alone.inertia.to_bits(), "k = {k}");
            assert_eq!(run.labels, full_scan_lloyd(&x, start, 300), "k = {k}");
        }
    }
}

#[test]
fn means_over_many_chunks_equal_plain_means() {
    let n = 3 * CHUNK_ROWS + 11;
    let values: Vec<f64> = (0..n * 2).map(|i| (i % 13) as f64 * 0.25).collect();
    let x = Rows::new(&values, n, 2);
    let labels: Vec<usize> = (0..n).map(|i| i % 3).collect();
    let got = means(&x, &labels, &Array2::zeros((4, 2)));
    for c in 0..3 {
        let members: Vec<usize> = (0..n).filter(|i| i % 3 == c).collect();
        for j in 0..2 {
            let want = members.iter().map(|&i| x.row(i)[j]).sum::<f64>() / members.len() as f64;
            assert!((got[[c, j]] - want).abs() < 1e-12);
        }
    }
    assert_eq!(
        got.row(3).to_vec(),
        vec![0.0, 0.0],
        "empty cluster keeps its centroid"
    );
}
