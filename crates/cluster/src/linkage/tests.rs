//! Unit tests of average linkage against SciPy, including tied distances, and validation.

use ndarray::{Array2, array};

use super::*;

/// Pairwise distances between points, Euclidean or city block (as SciPy's `pdist`).
fn pdist(points: &[&[f64]], cityblock: bool) -> Array2<f64> {
    let n = points.len();
    Array2::from_shape_fn((n, n), |(i, j)| {
        let diffs = points[i].iter().zip(points[j]).map(|(a, b)| a - b);
        if cityblock {
            diffs.map(f64::abs).sum()
        } else {
            diffs.map(|d| d * d).sum::<f64>().sqrt()
        }
    })
}

/// A SciPy reference: `Z` rows, `leaves_list(Z)` and canonical `fcluster` for k = 1..=n.
struct Reference {
    z: &'static [(usize, usize, f64, usize)],
    leaves: &'static [usize],
    cuts: &'static [&'static [usize]],
}

fn check(d: Array2<f64>, want: Reference) {
    let dendrogram = average_linkage(d.view()).unwrap();
    let n = d.nrows();
    assert_eq!(dendrogram.n_leaves, n);
    assert_eq!(dendrogram.merges.len(), want.z.len());
    for (i, (got, &(left, right, distance, size))) in
        dendrogram.merges.iter().zip(want.z).enumerate()
    {
        assert_eq!(
            (got.left, got.right, got.size),
            (left, right, size),
            "merge {i}"
        );
        assert!(
            (got.distance - distance).abs() <= 1e-12,
            "merge {i}: {got:?}"
        );
    }
    assert_eq!(dendrogram.leaf_order(), want.leaves);
    for (k, cut) in (1..=n).zip(want.cuts) {
        assert_eq!(dendrogram.cut(k), *cut, "k = {k}");
    }
}

// The references come from one-liners of the form
// python3 -c "import numpy as np; from scipy.cluster.hierarchy import linkage, leaves_list,
//   fcluster; from scipy.spatial.distance import pdist; y = pdist(np.array(<points>), <metric>);
//   Z = linkage(y, 'average'); print(Z.tolist(), leaves_list(Z).tolist(),
//   [fcluster(Z, k, 'maxclust').tolist() for k in range(1, n + 1)])"
// with the fcluster labels renumbered by first appearance.

#[test]
fn distinct_distances_match_scipy() {
    let points: [&[f64]; 7] = [
        &[0.0, 0.0],
        &[0.3, 4.1],
        &[2.2, 0.7],
        &[5.0, 5.5],
        &[0.9, 3.6],
        &[6.1, 4.2],
        &[2.9, 1.4],
    ];
    check(
        pdist(&points, false),
        Reference {
            z: &[
                (1, 4, 0.7810249675906652, 2),
                (2, 6, 0.9899494936611662, 2),
                (3, 5, 1.7029386365926398, 2),
                (0, 8, 2.7644638568719815, 3),
                (7, 10, 3.6027034781301635, 5),
                (9, 11, 5.4953187285593135, 7),
            ],
            leaves: &[3, 5, 1, 4, 0, 2, 6],
            cuts: &[
                &[0, 0, 0, 0, 0, 0, 0],
                &[0, 0, 0, 1, 0, 1, 0],
                &[0, 1, 0, 2, 1, 2, 0],
                &[0, 1, 2, 3, 1, 3, 2],
                &[0, 1, 2, 3, 1, 4, 2],
                &[0, 1, 2, 3, 1, 4, 5],
                &[0, 1, 2, 3, 4, 5, 6],
            ],
        },
    );
}

#[test]
fn tied_city_block_distances_match_scipy() {
    let points: [&[f64]; 8] = [
        &[0.0, 0.0],
        &[0.0, 1.0],
        &[1.0, 0.0],
        &[1.0, 1.0],
        &[3.0, 0.0],
        &[3.0, 1.0],
        &[5.0, 5.0],
        &[0.0, 2.0],
    ];
    check(
        pdist(&points, true),
        Reference {
            z: &[
                (0, 1, 1.0, 2),
                (2, 3, 1.0, 2),
                (4, 5, 1.0, 2),
                (8, 9, 1.5, 4),
                (7, 11, 2.0, 5),
                (10, 12, 3.3, 7),
                (6, 13, 8.142857142857142, 8),
            ],
            leaves: &[6, 4, 5, 7, 0, 1, 2, 3],
            // k = 5..=7 give 5 clusters: three merges tie at height 1.
            cuts: &[
                &[0, 0, 0, 0, 0, 0, 0, 0],
                &[0, 0, 0, 0, 0, 0, 1, 0],
                &[0, 0, 0, 0, 1, 1, 2, 0],
                &[0, 0, 0, 0, 1, 1, 2, 3],
                &[0, 0, 1, 1, 2, 2, 3, 4],
                &[0, 0, 1, 1, 2, 2, 3, 4],
                &[0, 0, 1, 1, 2, 2, 3, 4],
                &[0, 1, 2, 3, 4, 5, 6, 7],
            ],
        },
    );
}

#[test]
fn equally_spaced_points_match_scipy() {
    let points: [&[f64]; 5] = [&[0.0], &[1.0], &[2.0], &[3.0], &[4.0]];
    check(
        pdist(&points, false),
        Reference {
            z: &[
                (0, 1, 1.0, 2),
                (2, 3, 1.0, 2),
                (4, 6, 1.5, 3),
                (5, 7, 2.5, 5),
            ],
            leaves: &[0, 1, 4, 2, 3],
            cuts: &[
                &[0, 0, 0, 0, 0],
                &[0, 0, 1, 1, 1],
                &[0, 0, 1, 1, 2],
                &[0, 0, 1, 1, 2],
                &[0, 1, 2, 3, 4],
            ],
        },
    );
}

#[test]
fn tiny_inputs() {
    let one = average_linkage(array![[0.0]].view()).unwrap();
    assert!(one.merges.is_empty());
    assert_eq!(one.leaf_order(), vec![0]);
    assert_eq!(one.cut(0), vec![0]);
    assert_eq!(one.cut(3), vec![0]);

    let two = average_linkage(array![[0.0, 2.5], [2.5, 0.0]].view()).unwrap();
    assert_eq!(
        two.merges,
        vec![Merge {
            left: 0,
            right: 1,
            distance: 2.5,
            size: 2
        }]
    );
    assert_eq!(two.leaf_order(), vec![0, 1]);
    assert_eq!(two.cut(1), vec![0, 0]);
    assert_eq!(two.cut(2), vec![0, 1]);
}

#[test]
fn duplicates_merge_at_zero_but_k_n_separates_them() {
    // python3 -c "...; Z = linkage(pdist([[0.], [0.], [3.]]), 'average');
    //   print([fcluster(Z, k, 'maxclust').tolist() for k in range(1, 5)])"
    let d = pdist(&[&[0.0], &[0.0], &[3.0]], false);
    let dendrogram = average_linkage(d.view()).unwrap();
    let cuts: Vec<Vec<usize>> = (1..5).map(|k| dendrogram.cut(k)).collect();
    assert_eq!(
        cuts,
        vec![vec![0, 0, 0], vec![0, 0, 1], vec![0, 1, 2], vec![0, 1, 2]]
    );
    // SciPy's maxclust with 0 is degenerate; here it means one cluster.
    assert_eq!(dendrogram.cut(0), vec![0, 0, 0]);
}

#[test]
fn cosine_distances_are_accepted() {
    let x = array![
        [1.0, 0.0, 0.0],
        [0.9, 0.1, 0.0],
        [0.0, 0.0, 0.0],
        [0.0, 1.0, 1.0]
    ];
    // python3 -c "...; from sklearn.metrics.pairwise import cosine_distances;
    //   Z = linkage(squareform(cosine_distances(X), checks=False), 'average'); print(Z.tolist())"
    let dendrogram = average_linkage(crate::cosine_distance(x.view()).view()).unwrap();
    let want = [
        (0, 1, 0.006116265326381098, 2),
        (3, 4, 0.9609565595278484, 3),
        (2, 5, 1.0, 4),
    ];
    for (got, (left, right, distance, size)) in dendrogram.merges.iter().zip(want) {
        assert_eq!((got.left, got.right, got.size), (left, right, size));
        assert!((got.distance - distance).abs() <= 1e-12, "{got:?}");
    }
    assert_eq!(dendrogram.cut(2), vec![0, 0, 1, 0]);
}

#[test]
fn invalid_matrices_are_rejected() {
    let cases: [(Array2<f64>, &str); 6] = [
        (
            Array2::zeros((2, 3)),
            "distance matrix is not square (2 x 3)",
        ),
        (Array2::zeros((0, 0)), "input matrix is empty (0 x 0)"),
        (
            array![[0.0, f64::NAN], [f64::NAN, 0.0]],
            "x[0, 1] = NaN is not finite",
        ),
        (
            array![[0.0, 1.0], [1.0, 0.5]],
            "distance matrix diagonal d[1, 1] = 0.5 is not zero",
        ),
        (
            array![[0.0, 1.0], [1.1, 0.0]],
            "distance matrix is not symmetric: d[0, 1] = 1 but d[1, 0] = 1.1",
        ),
        (
            array![[0.0, -1.0], [-1.0, 0.0]],
            "distance d[0, 1] = -1 is negative",
        ),
    ];
    for (d, message) in cases {
        assert_eq!(average_linkage(d.view()).unwrap_err().to_string(), message);
    }
}

#[test]
fn rounding_level_asymmetry_is_tolerated() {
    let d = array![[0.0, 1.0], [1.0 + 1e-15, 0.0]];
    let dendrogram = average_linkage(d.view()).unwrap();
    assert_eq!(dendrogram.merges[0].distance, 1.0);
}
