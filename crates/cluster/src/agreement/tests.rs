//! Unit tests of the agreement scores against scikit-learn, special cases included.

use super::*;

/// Expected (ARI, NMI, homogeneity, completeness, V-measure).
type Scores = (f64, f64, f64, f64, f64);

fn check(a: &[usize], b: &[usize], want: Scores) {
    let ari = adjusted_rand_index(a, b).unwrap();
    let nmi = normalized_mutual_info(a, b).unwrap();
    let (h, c, v) = homogeneity_completeness_v_measure(a, b).unwrap();
    let got = [ari, nmi, h, c, v];
    let want = [want.0, want.1, want.2, want.3, want.4];
    for (name, (g, w)) in ["ari", "nmi", "h", "c", "v"]
        .iter()
        .zip(got.iter().zip(want))
    {
        assert!(
            (g - w).abs() <= 1e-12,
            "{name} for {a:?} / {b:?}: {g} vs {w}"
        );
    }
}

// References: python3 -c "from sklearn.metrics import adjusted_rand_score as ari,
//   normalized_mutual_info_score as nmi, homogeneity_completeness_v_measure as hcv;
//   a, b = <a>, <b>; print(ari(a, b), nmi(a, b), hcv(a, b))"

#[test]
fn small_cases_match_sklearn() {
    let cases: [(&[usize], &[usize], Scores); 9] = [
        (&[0, 0, 1, 1], &[0, 0, 1, 1], (1.0, 1.0, 1.0, 1.0, 1.0)),
        (&[0, 0, 1, 1], &[1, 1, 0, 0], (1.0, 1.0, 1.0, 1.0, 1.0)),
        (&[0, 0, 1, 1], &[0, 1, 0, 1], (-0.5, 0.0, 0.0, 0.0, 0.0)),
        (&[0, 0, 0, 0], &[0, 1, 2, 3], (0.0, 0.0, 1.0, 0.0, 0.0)),
        (&[0, 1, 2, 3], &[0, 1, 2, 3], (1.0, 1.0, 1.0, 1.0, 1.0)),
        (
            &[0, 0, 1, 2],
            &[0, 0, 1, 1],
            (
                0.5714285714285714,
                0.7999999999999999,
                0.6666666666666666,
                0.9999999999999999,
                0.7999999999999999,
            ),
        ),
        (
            &[0, 0, 0, 1, 1, 1, 2, 2, 2, 2],
            &[0, 0, 1, 1, 1, 2, 2, 2, 0, 0],
            (
                0.09090909090909091,
                0.3946483716358942,
                0.3946483716358942,
                0.3946483716358942,
                0.3946483716358943,
            ),
        ),
        // Non-contiguous ids: only the partition matters.
        (
            &[5, 5, 9, 9, 9, 7, 7, 1],
            &[2, 2, 2, 0, 0, 3, 3, 3],
            (
                0.3684210526315789,
                0.7020168761809934,
                0.6385874485931906,
                0.7794365191085162,
                0.7020168761809934,
            ),
        ),
        (&[0, 0, 0, 1, 1, 1], &[0; 6], (0.0, 0.0, 0.0, 1.0, 0.0)),
    ];
    for (a, b, want) in cases {
        check(a, b, want);
    }
}

#[test]
fn special_cases_match_sklearn() {
    // Both single-cluster, empty, and a single document: perfect agreement.
    check(&[0, 0, 0, 0], &[0, 0, 0, 0], (1.0, 1.0, 1.0, 1.0, 1.0));
    check(&[], &[], (1.0, 1.0, 1.0, 1.0, 1.0));
    check(&[3], &[8], (1.0, 1.0, 1.0, 1.0, 1.0));
}

#[test]
fn generated_labelings_match_sklearn() {
    // a = [(i*7) % 4 for i in range(40)]; b = [(i*i+3) % 5 for i in range(40)]
    let a: Vec<usize> = (0..40).map(|i| (i * 7) % 4).collect();
    let b: Vec<usize> = (0..40).map(|i| (i * i + 3) % 5).collect();
    check(&a, &b, (-0.06072106261859583, 0.0, 0.0, 0.0, 0.0));
    // a = [(i*i) % 6 for i in range(1000)]; b = [(i//3) % 4 + (i % 7 == 0) for i in range(1000)]
    let a: Vec<usize> = (0..1000).map(|i| (i * i) % 6).collect();
    let b: Vec<usize> = (0..1000)
        .map(|i| (i / 3) % 4 + usize::from(i % 7 == 0))
        .collect();
    check(
        &a,
        &b,
        (
            0.038813068119895315,
            0.09112818725717314,
            0.09659199158791235,
            0.08624941893533247,
            0.09112818725717316,
        ),
    );
}

#[test]
fn scores_are_symmetric_where_sklearn_is() {
    let a = [0, 0, 1, 1, 2, 2, 2];
    let b = [1, 0, 0, 1, 1, 2, 2];
    assert_eq!(
        adjusted_rand_index(&a, &b).unwrap(),
        adjusted_rand_index(&b, &a).unwrap()
    );
    let nmi = normalized_mutual_info(&a, &b).unwrap();
    assert!((nmi - normalized_mutual_info(&b, &a).unwrap()).abs() < 1e-15);
    let (h, c, _) = homogeneity_completeness_v_measure(&a, &b).unwrap();
    let (h2, c2, _) = homogeneity_completeness_v_measure(&b, &a).unwrap();
    assert!((h - c2).abs() < 1e-15 && (c - h2).abs() < 1e-15);
}

#[test]
fn length_mismatch_is_an_error() {
    let message = "labelings differ in length: a has 3 entries, b has 2";
    let (a, b) = (&[0, 1, 1][..], &[0, 1][..]);
    assert_eq!(adjusted_rand_index(a, b).unwrap_err().to_string(), message);
    assert_eq!(
        normalized_mutual_info(a, b).unwrap_err().to_string(),
        message
    );
    assert_eq!(
        homogeneity_completeness_v_measure(a, b)
            .unwrap_err()
            .to_string(),
        message
    );
}

#[test]
fn sorted_ids_follow_label_order() {
    assert_eq!(sorted_ids(&[9, 2, 9, 5]), (vec![2, 0, 2, 1], vec![1, 1, 2]));
    assert_eq!(entropy(&[4]), 0.0);
    assert!((entropy(&[1, 1]) - std::f64::consts::LN_2).abs() < 1e-15);
}
