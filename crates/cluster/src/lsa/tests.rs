//! Unit tests of the randomized truncated SVD: singular values and explained variance against
//! scikit-learn's exact `TruncatedSVD(algorithm="arpack")`, determinism, sampling, errors.
//!
//! The two test matrices are built by formulas that the Python below repeats exactly:
//!
//! ```python
//! import numpy as np, scipy.sparse as sp
//! from sklearn.decomposition import TruncatedSVD
//! def random_sparse(n=60, d=40):
//!     x = np.zeros((n, d))
//!     for i in range(n):
//!         for j in range(d):
//!             h = (i * 7919 + j * 104729) % 1009
//!             if h % 6 == 0:
//!                 x[i, j] = (h % 97 + 1) / 97
//!     return sp.csr_matrix(x)
//! def tfidf_like(n=100, d=80):
//!     c = np.zeros((n, d))
//!     for i in range(n):
//!         for j in range(d):
//!             h = (i * 131 + j * 71 + i * j) % 101
//!             weight = 12.0 / (j + 1) + (6.0 if j % 4 == i % 4 else 0.0)
//!             c[i, j] = int(weight * h / 101.0)
//!     df = (c > 0).sum(axis=0)
//!     idf = np.log((1 + n) / (1 + df)) + 1
//!     x = np.where(c > 0, 1 + np.log(np.where(c > 0, c, 1)), 0) * idf
//!     norms = np.linalg.norm(x, axis=1, keepdims=True)
//!     return sp.csr_matrix(x / np.where(norms == 0, 1, norms))
//! for x in [random_sparse(), tfidf_like()]:
//!     a = TruncatedSVD(n_components=20, algorithm="arpack", random_state=0).fit(x)
//!     print(a.singular_values_.tolist(), a.explained_variance_ratio_.tolist())
//! ```

use ndarray::Array2;
use sprs::CsMat;

use super::*;

/// Dense matrix to CSR, keeping only non-zero entries.
fn csr(dense: &Array2<f64>) -> CsMat<f64> {
    let mut tri = sprs::TriMat::new(dense.dim());
    for ((i, j), &v) in dense.indexed_iter() {
        if v != 0.0 {
            tri.add_triplet(i, j, v);
        }
    }
    tri.to_csr()
}

fn random_sparse() -> CsMat<f64> {
    let dense = Array2::from_shape_fn((60, 40), |(i, j)| {
        let h = (i * 7919 + j * 104729) % 1009;
        if h % 6 == 0 {
            (h % 97 + 1) as f64 / 97.0
        } else {
            0.0
        }
    });
    csr(&dense)
}

fn tfidf_like() -> CsMat<f64> {
    let (n, d) = (100, 80);
    let counts = Array2::from_shape_fn((n, d), |(i, j)| {
        let h = (i * 131 + j * 71 + i * j) % 101;
        let topic = if j % 4 == i % 4 { 6.0 } else { 0.0 };
        let weight = 12.0 / (j + 1) as f64 + topic;
        (weight * h as f64 / 101.0).floor()
    });
    let mut x = counts.clone();
    for (j, mut column) in x.columns_mut().into_iter().enumerate() {
        let df = counts.column(j).iter().filter(|&&c| c > 0.0).count();
        let idf = ((1 + n) as f64 / (1 + df) as f64).ln() + 1.0;
        column.mapv_inplace(|c| if c > 0.0 { (1.0 + c.ln()) * idf } else { 0.0 });
    }
    csr(&crate::l2_normalize_rows(x.view()))
}

const RANDOM_SPARSE_SV: [f64; 20] = [
    4.462939153677069,
    4.0351454019697135,
    3.9393110703650462,
    3.6088485180242027,
    3.3544032401286468,
    2.875782576203269,
    2.7288710902620203,
    2.1101762523907266,
    2.0447174962441257,
    1.6897062868687658,
    1.5677363804506197,
    1.5492835240029221,
    1.5133973733808253,
    1.475518765856445,
    1.355913044721296,
    1.3250250511492128,
    1.277317463742117,
    1.2046288889531056,
    1.2019058241423162,
    1.1504723369944974,
];

const RANDOM_SPARSE_EVR: [f64; 5] = [
    0.08830489287482592,
    0.13638170310379955,
    0.0827501007502429,
    0.11340155906587618,
    0.09522894290965929,
];

const TFIDF_LIKE_SV: [f64; 20] = [
    4.852693468822248,
    4.300223961933151,
    4.270718024177528,
    4.24161825853437,
    0.9351683554218816,
    0.9267703954298491,
    0.9005875125038476,
    0.8698268694492799,
    0.8628303959231283,
    0.8443181467666383,
    0.8338596621674791,
    0.8276499949612093,
    0.8172482673257723,
    0.7957975643812142,
    0.7795676153724836,
    0.7741107349124804,
    0.7705631882335389,
    0.759373752088603,
    0.7306629090979617,
    0.7070186691311895,
];

const TFIDF_LIKE_EVR: [f64; 5] = [
    0.0007734387057607458,
    0.24167410075330892,
    0.23840498508038777,
    0.23511385942006435,
    0.011431747291470047,
];

/// Largest relative difference between `got` and the first `got.len()` of `want`.
fn relative_error(got: &[f64], want: &[f64]) -> f64 {
    got.iter()
        .zip(want)
        .map(|(g, w)| (g - w).abs() / w.abs())
        .fold(0.0, f64::max)
}

/// The first six loadings of the first component (`components_[0, :6]`, same script).
const RANDOM_SPARSE_FIRST: [f64; 6] = [
    0.1878722839546016,
    0.012057203399963516,
    0.273486914675926,
    0.0079134214025638,
    0.2732498044116537,
    0.010436768437826172,
];

const TFIDF_LIKE_FIRST: [f64; 6] = [
    0.25835777099072965,
    0.2019935838335246,
    0.1714471039385445,
    0.15039480476460704,
    0.13657267039536186,
    0.12526746647518627,
];

#[test]
fn singular_values_match_arpack() {
    // (matrix, dims, n_iter, tolerance on the relative error)
    let cases = [
        (random_sparse(), &RANDOM_SPARSE_SV, 5, 4, 1e-7),
        (random_sparse(), &RANDOM_SPARSE_SV, 20, 4, 1e-5),
        (random_sparse(), &RANDOM_SPARSE_SV, 20, 10, 1e-12),
        (tfidf_like(), &TFIDF_LIKE_SV, 5, 30, 1e-10),
        (tfidf_like(), &TFIDF_LIKE_SV, 20, 30, 1e-8),
    ];
    for (x, want, dims, n_iter, tol) in cases {
        let lsa = LsaParams::new(dims).n_iter(n_iter).fit(&x).unwrap();
        assert_eq!(lsa.singular_values.len(), dims);
        let error = relative_error(&lsa.singular_values, want);
        assert!(error < tol, "dims {dims}, n_iter {n_iter}: {error:e}");
    }
}

#[test]
fn flat_spectra_need_more_power_iterations() {
    // The tf-idf-like matrix has four strong topics and then a flat tail (0.94, 0.93, ...):
    // with the default 4 iterations the topics are exact, the tail is within 1% (scikit-learn's
    // randomized TruncatedSVD(n_iter=4): 0.6% for 5 components, 0.5% for 20).
    let lsa = LsaParams::new(20).fit(&tfidf_like()).unwrap();
    assert!(relative_error(&lsa.singular_values[..4], &TFIDF_LIKE_SV) < 1e-6);
    assert!(relative_error(&lsa.singular_values, &TFIDF_LIKE_SV) < 1e-2);
}

#[test]
fn components_and_explained_variance_match_arpack() {
    let cases = [
        (random_sparse(), &RANDOM_SPARSE_EVR, &RANDOM_SPARSE_FIRST),
        (tfidf_like(), &TFIDF_LIKE_EVR, &TFIDF_LIKE_FIRST),
    ];
    for (x, evr, first) in cases {
        let lsa = LsaParams::new(5).n_iter(30).fit(&x).unwrap();
        assert!(relative_error(&lsa.explained_variance_ratio, evr) < 1e-8);
        let loadings = lsa.components.row(0);
        assert!(relative_error(&loadings.to_vec()[..6], first) < 1e-8);
        let gram = lsa.components.dot(&lsa.components.t());
        let identity = Array2::<f64>::eye(5);
        assert!((gram - identity).iter().all(|d| d.abs() < 1e-12));
        for row in lsa.components.rows() {
            assert!(row[largest_magnitude(row)] > 0.0);
        }
    }
}

#[test]
fn transform_of_the_fitted_rows_is_u_sigma() {
    let x = tfidf_like();
    let lsa = LsaParams::new(6).n_iter(30).fit(&x).unwrap();
    let projected = lsa.transform(&x).unwrap();
    assert_eq!(projected.dim(), (100, 6));
    assert_eq!(lsa.dims(), 6);
    // Columns of U Σ are orthogonal with norms σ.
    let gram = projected.t().dot(&projected);
    for i in 0..6 {
        for j in 0..6 {
            let want = if i == j {
                lsa.singular_values[i].powi(2)
            } else {
                0.0
            };
            assert!((gram[[i, j]] - want).abs() < 1e-9, "{i} {j}");
        }
    }
    let dense = x.to_dense().dot(&lsa.components.t());
    assert!((dense - &projected).iter().all(|d| d.abs() < 1e-12));
}

/// A 3000 x 500 matrix with about 20 entries per row, to cross chunk boundaries.
fn larger() -> CsMat<f64> {
    let mut tri = sprs::TriMat::new((3000, 500));
    for i in 0..3000 {
        for t in 0..20 {
            let j = (i * 37 + t * t * 101 + (i % 7) * 13) % 500;
            tri.add_triplet(i, j, 1.0 + ((i + j) % 5) as f64);
        }
    }
    tri.to_csr()
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let x = larger();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let lsa = LsaParams::new(10).fit_sample(Some(2500)).fit(&x).unwrap();
            let projected = lsa.transform(&x).unwrap();
            (lsa, projected)
        })
    };
    let one = run(1);
    for threads in [2, 3] {
        assert_eq!(run(threads), one, "{threads} threads");
    }
}

#[test]
fn seeds_change_the_draws_not_the_result() {
    let x = random_sparse();
    let a = LsaParams::new(5).n_iter(10).seed(1).fit(&x).unwrap();
    let b = LsaParams::new(5).n_iter(10).seed(2).fit(&x).unwrap();
    assert_ne!(a, b);
    assert!(relative_error(&a.singular_values, &b.singular_values) < 1e-12);
    assert_eq!(a, LsaParams::new(5).n_iter(10).seed(1).fit(&x).unwrap());
}

#[test]
fn fitting_on_a_sample() {
    // Ten copies of the tf-idf-like rows: a 300-row sample finds the same topic subspace
    // (the squared overlap of two 4-dimensional subspaces is at most 4).
    let x = tfidf_like();
    let mut stacked = sprs::TriMat::new((1000, 80));
    for copy in 0..10 {
        for (value, (i, j)) in x.iter() {
            stacked.add_triplet(copy * 100 + i, j, *value);
        }
    }
    let stacked: CsMat<f64> = stacked.to_csr();
    let full = LsaParams::new(4).n_iter(10).fit(&stacked).unwrap();
    let sampled = LsaParams::new(4)
        .n_iter(10)
        .fit_sample(Some(300))
        .fit(&stacked)
        .unwrap();
    let overlap = full.components.dot(&sampled.components.t());
    let captured: f64 = overlap.iter().map(|v| v * v).sum();
    assert!(captured > 3.95, "{captured}");
    assert_eq!(sampled.transform(&stacked).unwrap().dim(), (1000, 4));
    // A sample as large as the input is no sample.
    let all = LsaParams::new(4)
        .n_iter(10)
        .fit_sample(Some(1000))
        .fit(&stacked)
        .unwrap();
    assert_eq!(all, full);
}

#[test]
fn csc_input_and_rank_deficient_input() {
    let x = random_sparse();
    let params = LsaParams::new(5);
    assert_eq!(params.fit(&x.to_csc()).unwrap(), params.fit(&x).unwrap());
    // Rank 2: the sketch (width 8) is wider than the rank, Householder QR takes over.
    let dense = Array2::from_shape_fn((10, 8), |(i, j)| {
        (i + 1) as f64 * (j % 3) as f64 + if i % 2 == 0 { j as f64 } else { 0.0 }
    });
    // python3 -c "import numpy as np; d = np.array([[(i + 1) * (j % 3) + (j if i % 2 == 0
    //   else 0) for j in range(8)] for i in range(10)], float); print(np.linalg.svd(d)[1][:2])"
    let want = [77.77741597571055, 13.626208722212047];
    let lsa = LsaParams::new(2).fit(&csr(&dense)).unwrap();
    assert!(relative_error(&lsa.singular_values, &want) < 1e-12);
}

#[test]
fn errors_name_the_value() {
    let x = random_sparse();
    let cases = [
        (
            LsaParams::new(0),
            "dims = 0, but at least one component is needed",
        ),
        (
            LsaParams::new(2).fit_sample(Some(0)),
            "fit_sample = 0, but at least one row is needed",
        ),
        (
            LsaParams::new(41),
            "dims = 41 exceeds min(rows, cols) of the fitted 60 x 40 matrix",
        ),
        (
            LsaParams::new(12).fit_sample(Some(10)),
            "dims = 12 exceeds min(rows, cols) of the fitted 10 x 40 matrix",
        ),
    ];
    for (params, message) in cases {
        assert_eq!(params.fit(&x).unwrap_err().to_string(), message);
    }
    let lsa = LsaParams::new(2).fit(&x).unwrap();
    let narrow = CsMat::new((1, 3), vec![0, 1], vec![0], vec![1.0]);
    assert_eq!(
        lsa.transform(&narrow).unwrap_err().to_string(),
        "x has 3 columns but the model was fitted on 40"
    );
    let empty = CsMat::<f64>::zero((0, 40));
    assert!(matches!(
        LsaParams::new(2).fit(&empty),
        Err(ClusterError::EmptyInput { rows: 0, cols: 40 })
    ));
    let valid = LsaParams::new(3)
        .seed(7)
        .n_iter(2)
        .oversamples(5)
        .fit_sample(Some(9));
    let valid = valid.check().unwrap();
    assert_eq!(
        (
            valid.dims(),
            valid.seed(),
            valid.n_iter(),
            valid.oversamples()
        ),
        (3, 7, 2, 5)
    );
    assert_eq!(valid.fit_sample(), Some(9));
    assert_eq!(LsaParams::new(5).dims(3), LsaParams::new(3));
}

#[test]
fn empty_columns_get_zero_loadings_and_change_nothing_else() {
    // random_sparse with five empty columns spliced in: the same singular values, and the
    // empty columns load nothing.
    let dense = random_sparse().to_dense();
    let mut wide = Array2::<f64>::zeros((dense.nrows(), dense.ncols() + 5));
    let empty = [0, 7, 13, 30, 44];
    let mut source = 0;
    for column in 0..wide.ncols() {
        if !empty.contains(&column) {
            wide.column_mut(column).assign(&dense.column(source));
            source += 1;
        }
    }
    let lsa = LsaParams::new(5).n_iter(10).fit(&csr(&wide)).unwrap();
    assert!(relative_error(&lsa.singular_values, &RANDOM_SPARSE_SV[..5]) < 1e-10);
    for &column in &empty {
        assert!(lsa.components.column(column).iter().all(|&v| v == 0.0));
    }
    let projected = lsa.transform(&csr(&wide)).unwrap();
    assert_eq!(projected.dim(), (wide.nrows(), 5));
}
