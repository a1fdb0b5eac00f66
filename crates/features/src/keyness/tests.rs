//! Tests of keyness: single tables against scipy, whole matrices by hand.

use super::*;
use sprs::CsMat;

fn close(got: f64, want: f64, what: &str) {
    let tolerance = 1e-9 * want.abs().max(1.0);
    assert!((got - want).abs() <= tolerance, "{what}: {got} != {want}");
}

fn relative(got: f64, want: f64, what: &str) {
    let tolerance = 1e-9 * want.abs();
    assert!((got - want).abs() <= tolerance, "{what}: {got} != {want}");
}

// (a, b, A, B, chi2, g2, log_ratio, p, p_g2), produced by:
//
// from scipy.stats import chi2_contingency, chi2   # scipy 1.17.1
// for a, b, A, B in tables:
//     t = np.array([[a, b], [A - a, B - b]], float); N = A + B
//     E = np.outer(t.sum(1), t.sum(0)) / N
//     yates = abs(a * (B - b) - b * (A - a)) >= N / 2 and (E < 5).any()
//     x = chi2_contingency(t, correction=bool(yates)).statistic
//     g = chi2_contingency(t, correction=False, lambda_="log-likelihood").statistic
//     s = 1 if a / A > b / B else (-1 if a / A < b / B else 0)
//     lr = np.log2(((a or .5) / A) / ((b or .5) / B))
//     print(a, b, A, B, s * x, s * g, lr, chi2.sf(x, 1), chi2.sf(g, 1))
#[rustfmt::skip]
const SCIPY_TABLES: [[f64; 9]; 8] = [
    // No correction: the smallest expected cell is 15 * 100 / 300 = 5.
    [10.0, 5.0, 100.0, 200.0, 7.894736842105264, 7.329811674221491, 2.0, 0.004957885081270756, 0.006782015951830022],
    // Yates applies: expected 4 * 50 / 450 < 5, |ad - bc| = 1150 >= 225.
    [3.0, 1.0, 50.0, 400.0, 10.791234585201792, 9.07078513873759, 4.584962500721156, 0.0010198184358702548, 0.0025972552895466602],
    // No correction although expected 0.9 < 5: |ad - bc| = 10 < N/2 = 50.
    [1.0, 2.0, 30.0, 70.0, 0.01636393388970708, 0.016051614719546276, 0.22239242133644802, 0.8982110228955289, 0.8991818293133761],
    // a = 0: negative, log ratio with 0.5 for a; Yates applies.
    [0.0, 12.0, 40.0, 160.0, -2.0002216312056738, -5.543980754507215, -2.584962500721156, 0.15727620876795245, 0.01854435331780509],
    // b = 0.
    [7.0, 0.0, 20.0, 80.0, 24.971198156682025, 24.82992382295297, 5.807354922057604, 5.819316503191567e-07, 6.261781200219519e-07],
    [120.0, 40.0, 5000.0, 9000.0, 108.79897238278743, 103.75381879735997, 2.4329594072761065, 1.7960858616599906e-25, 2.2908311353829697e-24],
    // Far tail: 1 - cdf would be 0 here.
    [300.0, 20.0, 2000.0, 8000.0, 1123.7732438016528, 862.0965007869318, 5.906890595608519, 2.2488255450525668e-246, 1.7052310323067387e-189],
    // Equal shares.
    [5.0, 5.0, 10.0, 10.0, 0.0, 0.0, 0.0, 1.0, 1.0],
];

#[test]
fn tables_match_scipy() {
    for [a, b, total_a, total_b, chi2, g2, log_ratio, p, p_g2] in SCIPY_TABLES {
        let t = KeyTerm::new(7, a, b, total_a, total_b);
        let what = format!("table {a} {b} {total_a} {total_b}");
        assert_eq!(
            (t.term, t.a, t.b, t.total_a, t.total_b),
            (7, a, b, total_a, total_b)
        );
        close(t.chi2, chi2, &format!("{what} chi2"));
        close(t.g2, g2, &format!("{what} g2"));
        close(t.log_ratio, log_ratio, &format!("{what} log ratio"));
        relative(t.p, p, &format!("{what} p"));
        relative(t.p_g2, p_g2, &format!("{what} p_g2"));
    }
}

#[test]
fn yates_by_hand() {
    // [[3, 1], [47, 399]]: N = 450, ad - bc = 3 * 399 - 1 * 47 = 1150 >= 225,
    // smallest expected 4 * 50 / 450 = 0.44 < 5, so subtract N/2 = 225:
    // chi2 = 450 * 925² / (4 * 446 * 50 * 400) = 385_031_250 / 35_680_000.
    let t = KeyTerm::new(0, 3.0, 1.0, 50.0, 400.0);
    close(t.chi2, 385_031_250.0 / 35_680_000.0, "chi2");
    // log2((3/50) / (1/400)) = log2(24).
    close(t.log_ratio, 24f64.log2(), "log ratio");
}

#[test]
fn survival_matches_scipy() {
    // scipy.stats.chi2.sf(x, 1)
    let cases = [
        (0.0, 1.0),
        (1e-10, 0.9999920211543921),
        (0.5, 0.47950012218695337),
        (3.841458820694124, 0.04999999999999989),
        (10.0, 0.001565402258002549),
        (50.0, 1.537459794428033e-12),
        (100.0, 1.5239706048320995e-23),
        (700.0, 2.990226975124623e-154),
        (1400.0, 2.1010145162644003e-306),
    ];
    for (x, want) in cases {
        relative(chi2_survival_1df(x), want, &format!("sf({x})"));
    }
}

#[test]
fn a_term_that_is_every_token_scores_zero() {
    // [[4, 6], [0, 0]]: the second row is empty, so no statistic is defined.
    let t = KeyTerm::new(0, 4.0, 6.0, 4.0, 6.0);
    assert_eq!((t.chi2, t.g2, t.p, t.p_g2), (0.0, 0.0, 1.0, 1.0));
}

/// Six articles in groups [0, 0, 1, 1, 2, 2], four terms.
fn matrix() -> CsMat<f64> {
    let dense = [
        [4., 0., 1., 0.],
        [3., 1., 0., 2.],
        [0., 2., 1., 0.],
        [1., 3., 0., 0.],
        [0., 0., 2., 1.],
        [1., 1., 0., 0.],
    ];
    let mut tri = sprs::TriMat::new((6, 4));
    for (r, row) in dense.iter().enumerate() {
        for (c, &v) in row.iter().enumerate() {
            if v != 0.0 {
                tri.add_triplet(r, c, v);
            }
        }
    }
    tri.to_csr()
}

const GROUPS: [usize; 6] = [0, 0, 1, 1, 2, 2];

fn tables(terms: &[KeyTerm]) -> Vec<(usize, f64, f64, f64, f64)> {
    terms
        .iter()
        .map(|t| (t.term, t.a, t.b, t.total_a, t.total_b))
        .collect()
}

fn params(min_count: u64, unit: KeynessUnit) -> ValidKeynessParams {
    KeynessParams::default()
        .min_count(min_count)
        .unit(unit)
        .check()
        .unwrap()
}

#[test]
fn tokens_are_summed_per_side_and_sorted_by_signed_chi2() {
    // Group 0: A = 5 + 6 = 11, a = [7, 1, 1, 2]; the rest: B = 12,
    // b = [2, 6, 3, 1]. Signed chi2 (scipy as above): term 0 3.5267,
    // term 3 0.0065, term 2 -0.2069, term 1 -2.8100.
    let terms = keyness(&matrix(), &GROUPS, 0, &params(1, KeynessUnit::Tokens)).unwrap();
    assert_eq!(
        tables(&terms),
        [
            (0, 7.0, 2.0, 11.0, 12.0),
            (3, 2.0, 1.0, 11.0, 12.0),
            (2, 1.0, 3.0, 11.0, 12.0),
            (1, 1.0, 6.0, 11.0, 12.0)
        ]
    );
    close(terms[0].chi2, 3.5266804954304964, "term 0");
    close(terms[3].chi2, -2.8100480248917754, "term 1");
    // min_count 5 keeps a + b = 9 and 7, drops 4 and 3.
    let terms = keyness(&matrix(), &GROUPS, 0, &params(5, KeynessUnit::Tokens)).unwrap();
    assert_eq!(terms.iter().map(|t| t.term).collect::<Vec<_>>(), [0, 1]);
}

#[test]
fn documents_count_articles() {
    // Group 0 has A = 2 articles, the rest B = 4, N = 6; every table below
    // has row sums 2 and 4 (or 4 and 2), so the denominator is 2 * 4 * 2 * 4 = 64.
    // Term 3: [[1, 1], [1, 3]], ad - bc = 2 < N/2 = 3, no correction:
    //   chi2 = 6 * 2² / 64 = 0.375.
    // Term 0: [[2, 2], [0, 2]], ad - bc = 4 >= 3, expected 2 * 2 / 6 < 5, Yates:
    //   chi2 = 6 * (4 - 3)² / 64 = 0.09375.
    // Term 2: 1/2 = 2/4, chi2 = 0.
    // Term 1: [[1, 3], [1, 1]], ad - bc = -2, no correction: chi2 = -0.375.
    let terms = keyness(&matrix(), &GROUPS, 0, &params(1, KeynessUnit::Documents)).unwrap();
    assert_eq!(
        tables(&terms),
        [
            (3, 1.0, 1.0, 2.0, 4.0),
            (0, 2.0, 2.0, 2.0, 4.0),
            (2, 1.0, 2.0, 2.0, 4.0),
            (1, 1.0, 3.0, 2.0, 4.0)
        ]
    );
    let chi2: Vec<f64> = terms.iter().map(|t| t.chi2).collect();
    for (got, want) in chi2.iter().zip([0.375, 0.09375, 0.0, -0.375]) {
        close(*got, want, "documents chi2");
    }
}

#[test]
fn all_groups_in_id_order_whatever_the_thread_count() {
    let params = params(1, KeynessUnit::Tokens);
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| keyness_all(&matrix(), &GROUPS, &params).unwrap())
    };
    let one = run(1);
    assert_eq!(one.iter().map(|(g, _)| *g).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(one[1].1, keyness(&matrix(), &GROUPS, 1, &params).unwrap());
    let bits = |all: &[(usize, Vec<KeyTerm>)]| -> Vec<u64> {
        all.iter()
            .flat_map(|(_, terms)| terms.iter().flat_map(|t| [t.chi2, t.g2, t.p]))
            .map(f64::to_bits)
            .collect()
    };
    assert_eq!(bits(&one), bits(&run(2)));
}

#[test]
fn errors_name_the_group() {
    let p = params(1, KeynessUnit::Tokens);
    let message = |r: Result<Vec<KeyTerm>, KeynessError>| r.unwrap_err().to_string();
    assert_eq!(
        message(keyness(&matrix(), &GROUPS, 3, &p)),
        "group 3 does not exist: the largest group id is 2"
    );
    assert_eq!(
        message(keyness(&matrix(), &[0, 0, 2, 2, 2, 2], 1, &p)),
        "group 1 has no counted tokens"
    );
    assert_eq!(
        message(keyness(&matrix(), &[0; 6], 0, &p)),
        "group 0 has no reference: the other articles have no counted tokens"
    );
    assert_eq!(
        message(keyness(&matrix(), &[0, 1], 0, &p)),
        "2 group ids for 6 articles"
    );
    assert_eq!(
        message(keyness(&matrix().to_csc(), &GROUPS, 0, &p)),
        "the count matrix must be in CSR (row) order"
    );
    assert_eq!(
        keyness_all(&matrix(), &[0, 0, 2, 2, 2, 2], &p).unwrap_err(),
        KeynessError::EmptyGroup { group: 1 }
    );
    let error = KeynessParams::default().min_count(0).check().unwrap_err();
    assert_eq!(
        KeynessError::from(error).to_string(),
        "invalid setting `min_count`: must be at least 1, got 0"
    );
}
