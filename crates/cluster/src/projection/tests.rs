//! Unit tests of the 2-D PCA against scikit-learn, and of its degenerate cases.

use ndarray::{Array2, array};

use super::*;

/// 5 x 300 rows of a fixed pattern (exact in both Rust and Python).
fn wide() -> Array2<f64> {
    Array2::from_shape_fn((5, 300), |(i, j)| {
        ((i * i * 7 + j * 13 + i * j * 5) % 29) as f64 / 29.0 - 0.5
    })
}

fn tall() -> Array2<f64> {
    array![
        [2.5, 2.4, 0.5],
        [0.5, 0.7, 1.5],
        [2.2, 2.9, 0.1],
        [1.9, 2.2, 0.8],
        [3.1, 3.0, -0.2],
        [2.3, 2.7, 0.4],
        [2.0, 1.6, 1.1],
        [1.0, 1.1, 1.9],
    ]
}

fn check(x: Array2<f64>, want_coords: &[[f64; 2]], want_ratio: [f64; 2]) {
    let projection = pca_2d(x.view()).unwrap();
    assert_eq!(projection.coords.dim(), (want_coords.len(), 2));
    for (i, want) in want_coords.iter().enumerate() {
        for (k, want) in want.iter().enumerate() {
            let got = projection.coords[[i, k]];
            assert!((got - want).abs() <= 1e-12, "[{i}, {k}]: {got} vs {want}");
        }
    }
    let ratios = projection.explained_variance_ratio.iter().zip(want_ratio);
    for (k, (got, want)) in ratios.enumerate() {
        assert!((got - want).abs() <= 1e-12, "ratio {k}: {got} vs {want}");
    }
}

// References: python3 -c "import numpy as np; from sklearn.decomposition import PCA;
//   p = PCA(2); print(p.fit_transform(X).tolist(), p.explained_variance_ratio_.tolist())"
// with X as built by the function named in each test.

#[test]
fn wide_matrix_matches_sklearn() {
    // X = np.array([[((i*i*7 + j*13 + i*j*5) % 29)/29.0 - 0.5 for j in range(300)]
    //   for i in range(5)])
    check(
        wide(),
        &[
            [-0.9013817772934821, -3.0722431899254152],
            [0.8528632821131659, -2.3726128877694346],
            [-3.7785189810752917, 1.6195472688546388],
            [3.3618861708810934, 1.2408429714636446],
            [0.46515130537451344, 2.5844658373765705],
        ],
        [0.2910484664026759, 0.27586923510844075],
    );
}

#[test]
fn tall_matrix_matches_sklearn() {
    check(
        tall(),
        &[
            [0.6702299389142226, 0.2025815877645692],
            [-2.0859678305079488, -0.2855244549793157],
            [1.007026234059637, -0.41219369655336896],
            [0.03653247329649096, -0.05783611977867453],
            [1.7566473233715585, 0.12395812525888714],
            [0.7892078749608663, -0.11502763887112419],
            [-0.4305270022008855, 0.3864085117359291],
            [-1.7431490118939394, 0.15763368542309797],
        ],
        [0.9476667745415428, 0.03706144326822829],
    );
}

#[test]
fn rank_one_data_has_a_zero_second_component() {
    // sklearn gives about 1e-17 for the second scores and 1e-35 for its ratio.
    let line = array![[0.0, 0.0], [1.0, 2.0], [2.0, 4.0], [3.0, 6.0]];
    check(
        line,
        &[
            [-3.3541019662496847, 0.0],
            [-1.118033988749895, 0.0],
            [1.118033988749895, 0.0],
            [3.3541019662496847, 0.0],
        ],
        [1.0, 0.0],
    );
    let two = array![[1.0, 2.0, 3.0], [3.0, 2.0, 0.0]];
    check(
        two,
        &[[1.802775637731995, 0.0], [-1.8027756377319946, 0.0]],
        [1.0, 0.0],
    );
}

#[test]
fn degenerate_inputs_give_zeros_not_nan() {
    let cases = [
        array![[1.0, 2.0, 3.0]],
        array![[1.0, 2.0], [1.0, 2.0], [1.0, 2.0]],
        array![[5.0], [5.0]],
    ];
    for x in cases {
        let projection = pca_2d(x.view()).unwrap();
        assert_eq!(projection.coords, Array2::zeros((x.nrows(), 2)), "x = {x}");
        assert_eq!(projection.explained_variance_ratio, [0.0, 0.0]);
    }
    let one_column = pca_2d(array![[1.0], [2.0], [4.0]].view()).unwrap();
    let [first, second] = one_column.explained_variance_ratio;
    assert!((first - 1.0).abs() < 1e-15 && first <= 1.0 && second == 0.0);
    assert!(one_column.coords.column(1).iter().all(|&v| v == 0.0));
}

#[test]
fn largest_loading_is_positive() {
    for x in [wide(), tall()] {
        let projection = pca_2d(x.view()).unwrap();
        let centred = &x - &x.mean_axis(Axis(0)).unwrap();
        for k in 0..2 {
            // Loadings are proportional to X_c^T scores.
            let loading = centred.t().dot(&projection.coords.column(k));
            assert!(loading[largest_magnitude(loading.view())] > 0.0);
        }
    }
}

#[test]
fn tied_loadings_use_the_first_feature() {
    // Loadings (0.555, 0.555, -0.555, -0.277) up to rounding: feature 0 decides the sign.
    let x = array![
        [2.0, 2.0, 0.0, 0.0],
        [0.0, 0.0, 2.0, 1.0],
        [2.0, 2.0, 0.0, 0.0]
    ];
    let projection = pca_2d(x.view()).unwrap();
    let first = projection.coords.column(0);
    assert!(first[0] > 0.0 && first[1] < 0.0, "{first}");
    assert!((first[1] + 2.4037008503093253).abs() < 1e-12);
}

#[test]
fn same_input_gives_bit_identical_output() {
    let (a, b) = (
        pca_2d(wide().view()).unwrap(),
        pca_2d(wide().view()).unwrap(),
    );
    assert_eq!(a, b);
    // Centring in place gives the same bits as centring a copy, tall or wide.
    let tall = wide().t().to_owned();
    assert_eq!(pca_2d_owned(wide()).unwrap(), a);
    assert_eq!(
        pca_2d_owned(tall.clone()).unwrap(),
        pca_2d(tall.view()).unwrap()
    );
}

#[test]
fn invalid_input_is_rejected() {
    assert!(pca_2d(Array2::<f64>::zeros((0, 3)).view()).is_err());
    assert!(pca_2d(array![[f64::INFINITY]].view()).is_err());
}

#[test]
fn argmax_takes_the_first_of_ties() {
    assert_eq!(largest_magnitude(array![0.5, -0.5, 0.2].view()), 0);
    assert_eq!(largest_magnitude(array![0.1, -0.7, 0.7].view()), 1);
    // Rounding-level differences are ties too: the first index wins.
    assert_eq!(
        largest_magnitude(array![-0.3922091266650811, 0.39220912666508123].view()),
        0
    );
    assert_eq!(largest_magnitude(array![0.0, 0.0].view()), 0);
}
