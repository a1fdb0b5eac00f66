//! Unit tests of the k-means wrapper: hand-made blobs, sklearn inertia, determinism, errors.

use ndarray::{Array2, array};

use super::*;
use crate::canonical_labels;
use crate::distance::squared_distance;
use crate::samples::blobs;

fn fit(x: &Array2<f64>, params: KMeansParams) -> KMeansModel {
    params.fit(x.view()).unwrap()
}

#[test]
fn finds_the_three_blobs_with_canonical_labels() {
    let model = fit(&blobs(), KMeansParams::new(3));
    assert_eq!(model.labels, vec![0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
    let expected = array![[1.025, 1.1], [5.1, 5.025], [8.95, 0.975]];
    for (got, want) in model.centroids.iter().zip(expected.iter()) {
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }
    assert_eq!(model.k(), 3);
}

#[test]
fn inertia_matches_sklearn() {
    // python3 -c "import numpy as np; from sklearn.cluster import KMeans;
    //   X = <blobs()>; [print(k, repr(KMeans(k, n_init=10, random_state=0).fit(X).inertia_))
    //   for k in [1, 2, 3, 4]]"
    let cases = [
        (1, 168.66916666666665),
        (2, 63.04249999999999),
        (3, 0.5925),
        (4, 0.44000000000000017),
    ];
    for (k, want) in cases {
        let model = fit(&blobs(), KMeansParams::new(k));
        assert!(
            (model.inertia - want).abs() < 1e-9,
            "k = {k}: {} vs {want}",
            model.inertia
        );
    }
}

#[test]
fn inertia_is_the_sum_of_squared_distances_to_the_centroids() {
    let x = blobs();
    for k in 1..=6 {
        let model = fit(&x, KMeansParams::new(k).seed(7));
        let direct: f64 = x
            .rows()
            .into_iter()
            .zip(&model.labels)
            .map(|(row, &c)| squared_distance(row, model.centroids.row(c)))
            .sum();
        assert_eq!(model.inertia, direct, "k = {k}");
    }
}

#[test]
fn same_seed_gives_bit_identical_output() {
    let x = blobs();
    for seed in [0, 1, 42, u64::MAX] {
        let params = KMeansParams::new(4).seed(seed).n_init(3);
        let (a, b) = (fit(&x, params), fit(&x, params));
        assert_eq!(a.labels, b.labels);
        assert_eq!(a.inertia.to_bits(), b.inertia.to_bits());
        assert_eq!(a.centroids, b.centroids);
    }
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let x = blobs();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| fit(&x, KMeansParams::new(4).seed(3)))
    };
    let one = run(1);
    let two = run(2);
    assert_eq!(one.labels, two.labels);
    assert_eq!(one.inertia.to_bits(), two.inertia.to_bits());
    assert_eq!(one.centroids, two.centroids);
}

#[test]
fn large_inputs_do_not_depend_on_the_thread_count() {
    // More rows than one chunk, overlapping clusters, so that runs take many iterations.
    let n = 3 * crate::parallel::CHUNK_ROWS + 17;
    let x = Array2::from_shape_fn((n, 6), |(i, j)| {
        let h = (i * 7919 + j * 104729) % 1009;
        (h as f64 / 1009.0) + if j == i % 6 { 0.8 } else { 0.0 }
    });
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| fit(&x, KMeansParams::new(6).seed(5).n_init(4)))
    };
    let one = run(1);
    for threads in [2, 3] {
        let other = run(threads);
        assert_eq!(other.labels, one.labels, "{threads} threads");
        assert_eq!(other.inertia.to_bits(), one.inertia.to_bits());
        assert_eq!(other.centroids, one.centroids);
    }
}

#[test]
fn permuted_rows_give_the_same_partition() {
    let x = blobs();
    let base = fit(&x, KMeansParams::new(3));
    for perm in [
        vec![11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
        vec![2, 5, 8, 11, 0, 3, 6, 9, 1, 4, 7, 10],
        vec![4, 0, 8, 1, 9, 2, 10, 3, 11, 5, 6, 7],
    ] {
        let permuted = x.select(Axis(0), &perm);
        let model = fit(&permuted, KMeansParams::new(3));
        let mapped: Vec<usize> = perm.iter().map(|&i| base.labels[i]).collect();
        assert_eq!(model.labels, canonical_labels(&mapped), "perm {perm:?}");
        assert_eq!(model.labels[0], 0);
        assert!((model.inertia - base.inertia).abs() < 1e-12);
    }
}

#[test]
fn every_seed_finds_the_clear_partition() {
    let x = blobs();
    for seed in 0..5 {
        let model = fit(&x, KMeansParams::new(3).seed(seed).n_init(1));
        assert_eq!(model.labels, vec![0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
    }
}

#[test]
fn edge_values_of_k() {
    let x = blobs();
    let one = fit(&x, KMeansParams::new(1));
    assert_eq!(one.labels, vec![0; 12]);
    let mean = x.mean_axis(Axis(0)).unwrap();
    assert!(
        (one.centroids.row(0).to_owned() - mean)
            .iter()
            .all(|d| d.abs() < 1e-12)
    );

    let all = fit(&x, KMeansParams::new(12));
    assert_eq!(all.labels, (0..12).collect::<Vec<_>>());
    assert_eq!(all.inertia, 0.0);
    assert_eq!(all.centroids, x);
}

#[test]
fn duplicate_rows_still_fill_every_cluster() {
    let cases = [
        (array![[1.0, 1.0], [1.0, 1.0], [1.0, 1.0]], 2),
        (array![[1.0, 1.0], [1.0, 1.0], [1.0, 1.0]], 3),
        (array![[0.0], [0.0], [5.0], [5.0]], 3),
    ];
    for (x, k) in cases {
        let model = fit(&x, KMeansParams::new(k));
        let mut seen = model.labels.clone();
        seen.sort();
        seen.dedup();
        assert_eq!(seen, (0..k).collect::<Vec<_>>(), "x = {x}, k = {k}");
        assert_eq!(model.inertia, 0.0);
    }
}

#[test]
fn spherical_k_means_on_normalised_rows() {
    // Same directions, different lengths: only the direction should matter.
    let x = array![[1.0, 0.0], [10.0, 0.5], [0.0, 2.0], [0.3, 20.0], [5.0, 0.1]];
    let model = fit(&crate::l2_normalize_rows(x.view()), KMeansParams::new(2));
    assert_eq!(model.labels, vec![0, 0, 1, 1, 0]);
}

#[test]
fn parameter_errors_name_the_value() {
    let x = blobs();
    let cases = [
        (
            KMeansParams::new(0),
            "k = 0, but at least one cluster is needed",
        ),
        (
            KMeansParams::new(2).n_init(0),
            "n_init = 0, but at least one k-means run is needed",
        ),
        (
            KMeansParams::new(2).max_iter(0),
            "max_iter = 0, but at least one iteration is needed",
        ),
        (
            KMeansParams::new(2).tolerance(0.0),
            "tolerance = 0 must be positive and finite",
        ),
        (
            KMeansParams::new(2).tolerance(f64::NAN),
            "tolerance = NaN must be positive and finite",
        ),
        (
            KMeansParams::new(13),
            "k = 13 exceeds the number of rows (12)",
        ),
    ];
    for (params, message) in cases {
        let err = params.fit(x.view()).unwrap_err();
        assert_eq!(err.to_string(), message);
    }
}

#[test]
fn values_too_large_for_squared_distances_are_rejected() {
    let x = array![[0.0, 1.0], [1e160, 2.0], [3.0, 4.0]];
    let err = KMeansParams::new(2).fit(x.view()).unwrap_err();
    assert!(
        matches!(err, ClusterError::TooLarge { row: 1, col: 0, .. }),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "x[1, 0] = 1e160 is too large for k-means: |x| must not exceed 2.7368573331334457e153"
    );
    assert!(KMeansParams::new(2).fit((x / 1e10).view()).is_ok());
}

#[test]
fn data_errors() {
    let empty = Array2::<f64>::zeros((0, 2));
    assert!(matches!(
        KMeansParams::new(1).fit(empty.view()),
        Err(ClusterError::EmptyInput { rows: 0, cols: 2 })
    ));
    let nan = array![[0.0, 1.0], [f64::NAN, 2.0]];
    assert!(matches!(
        KMeansParams::new(1).fit(nan.view()),
        Err(ClusterError::NonFinite { row: 1, col: 0, .. })
    ));
}

#[test]
fn checked_params_expose_their_values() {
    let valid = KMeansParams::new(3)
        .seed(9)
        .n_init(2)
        .max_iter(50)
        .tolerance(1e-6)
        .check()
        .unwrap();
    assert_eq!(
        (valid.k(), valid.seed(), valid.n_init(), valid.max_iter()),
        (3, 9, 2, 50)
    );
    assert_eq!(valid.tolerance(), 1e-6);
    assert_eq!(KMeansParams::new(5).k(2), KMeansParams::new(2));
}

#[test]
fn predict_labels_rows_by_nearest_centroid() {
    let x = ndarray::array![[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [5.1, 5.0]];
    let model = KMeansParams::new(2).seed(1).fit(x.view()).unwrap();
    let (labels, inertia) = model.predict(x.view()).unwrap();
    assert_eq!(labels, model.labels);
    assert!((inertia - model.inertia).abs() < 1e-12);
    let others = ndarray::array![[4.0, 4.0], [0.5, -0.5]];
    let (labels, inertia) = model.predict(others.view()).unwrap();
    assert_eq!(labels, [1, 0]);
    let want = (4.0f64 - 5.05).powi(2) + 1.0 + (0.5f64 - 0.05).powi(2) + 0.25;
    assert!((inertia - want).abs() < 1e-12);
    assert!(
        model
            .predict(ndarray::array![[1.0, 2.0, 3.0]].view())
            .is_err()
    );
}
