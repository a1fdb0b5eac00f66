//! Tests of c-TF-IDF against a numpy transcription of BERTopic's code.

use super::*;

fn csr(dense: &[[f64; 6]]) -> CsMat<f64> {
    let mut tri = TriMat::new((dense.len(), 6));
    for (r, row) in dense.iter().enumerate() {
        for (c, &v) in row.iter().enumerate() {
            if v != 0.0 {
                tri.add_triplet(r, c, v);
            }
        }
    }
    tri.to_csr()
}

/// Six articles, six terms (the last used by none).
fn articles() -> CsMat<f64> {
    csr(&[
        [2., 0., 1., 0., 0., 0.],
        [1., 1., 0., 2., 0., 0.],
        [0., 3., 0., 0., 1., 0.],
        [4., 0., 0., 1., 0., 0.],
        [0., 0., 2., 0., 2., 0.],
        [0., 1., 1., 0., 3., 0.],
    ])
}

const GROUPS: [usize; 6] = [0, 0, 1, 2, 2, 1];

fn check(n_groups: usize, average_words: u64, idf: &[f64], weights: &[[f64; 6]]) {
    let c = class_tfidf(&articles(), &GROUPS, n_groups).unwrap();
    assert_eq!(c.average_words, average_words);
    for (column, (&got, &want)) in c.idf.iter().zip(idf).enumerate() {
        let same = got == want || (got - want).abs() < 1e-12;
        assert!(same, "idf {column}: {got} != {want}");
    }
    let dense = c.matrix.to_dense();
    for (g, row) in weights.iter().enumerate() {
        for (t, &want) in row.iter().enumerate() {
            let got = dense[[g, t]];
            assert!((got - want).abs() < 1e-12, "w[{g}, {t}]: {got} != {want}");
        }
    }
}

// The reference values come from this transcription of
// bertopic/vectorizers/_ctfidf.py (ClassTfidfTransformer with defaults)
// with numpy 2.4, scipy 1.17, scikit-learn 1.9:
//
// def ctfidf(X):                       # X: classes x terms, int64
//     X = sp.csr_matrix(X)
//     df = np.squeeze(np.asarray(X.sum(axis=0)))
//     avg = int(X.sum(axis=1).mean())
//     idf = np.log((avg / df) + 1)
//     diag = sp.diags(idf, offsets=0, shape=(X.shape[1], X.shape[1]),
//                     format="csr", dtype=np.float64)
//     X = normalize(X, axis=1, norm="l1", copy=False)
//     return avg, idf, (X * diag).toarray()
//
// with X[g] = the sum of the rows of `articles()` in group g.

#[test]
fn three_groups_match_bertopic() {
    // X = [[3, 1, 1, 2, 0, 0], [0, 4, 1, 0, 4, 0], [4, 0, 2, 1, 2, 0]]:
    // row sums 7, 9, 9, mean 8.33 -> A = 8; df = [7, 5, 4, 3, 6, 0], so
    // idf[0] = ln(8/7 + 1) and the unused column gets ln(inf) = inf.
    check(
        3,
        8,
        &[
            0.7621400520468967,
            0.9555114450274363,
            1.0986122886681098,
            1.2992829841302609,
            0.8472978603872034,
            f64::INFINITY,
        ],
        &[
            [
                0.32663145087724144,
                0.13650163500391946,
                0.15694461266687282,
                0.3712237097515031,
                0.0,
                0.0,
            ],
            [
                0.0,
                0.42467175334552726,
                0.12206803207423442,
                0.0,
                0.3765768268387571,
                0.0,
            ],
            [
                0.338728912020843,
                0.0,
                0.24413606414846883,
                0.14436477601447342,
                0.18828841341937855,
                0.0,
            ],
        ],
    );
}

#[test]
#[expect(clippy::approx_constant, reason = "numpy's ln(6/6 + 1), as printed")]
fn an_empty_group_counts_in_the_average() {
    // A fourth, empty group: mean 25 / 4 = 6.25 -> A = 6.
    check(
        4,
        6,
        &[
            0.6190392084062235,
            0.7884573603642703,
            0.9162907318741551,
            1.0986122886681098,
            0.6931471805599453,
            f64::INFINITY,
        ],
        &[
            [
                0.2653025178883815,
                0.11263676576632432,
                0.13089867598202215,
                0.31388922533374564,
                0.0,
                0.0,
            ],
            [
                0.0,
                0.3504254934952312,
                0.10181008131935056,
                0.0,
                0.3080654135821979,
                0.0,
            ],
            [
                0.27512853706943263,
                0.0,
                0.2036201626387011,
                0.12206803207423442,
                0.15403270679109896,
                0.0,
            ],
            [0.0; 6],
        ],
    );
    let c = class_tfidf(&articles(), &GROUPS, 4).unwrap();
    assert_eq!(c.matrix.outer_view(3).unwrap().nnz(), 0);
    assert!(top_terms(&c.matrix, 3, 5).is_empty());
}

#[test]
fn top_terms_break_ties_by_column() {
    // Group 0 = [1, 1, 0, ...], group 1 = [2, 2, 1, ...]: row sums 2 and 5,
    // A = int(3.5) = 3, df = [3, 3, 1]: idf = [ln 2, ln 2, ln 4].
    // Group 0: 0.5 ln 2 for columns 0 and 1 (a tie). Group 1: 0.4 ln 2,
    // 0.4 ln 2, 0.2 ln 4 = 0.4 ln 2: a three-way tie.
    let counts = csr(&[[1., 1., 0., 0., 0., 0.], [2., 2., 1., 0., 0., 0.]]);
    let c = class_tfidf(&counts, &[0, 1], 2).unwrap();
    let ln2 = 2f64.ln();
    assert_eq!(top_terms(&c.matrix, 0, 5), [(0, 0.5 * ln2), (1, 0.5 * ln2)]);
    let top = top_terms(&c.matrix, 1, 2);
    assert_eq!(top.iter().map(|t| t.0).collect::<Vec<_>>(), [0, 1]);
    assert!((top[0].1 - 0.4 * ln2).abs() < 1e-15);
    let all = top_terms(&c.matrix, 1, 10);
    // 0.2 ln 4 and 0.4 ln 2 are the same double (scaling by 2 is exact).
    assert_eq!(all.iter().map(|t| t.0).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(all[2].1, all[0].1);
}

#[test]
fn errors_name_the_article() {
    let error = class_tfidf(&articles(), &[0, 0, 1, 3, 2, 1], 3).unwrap_err();
    assert_eq!(
        error.to_string(),
        "article 3 has group 3, but group ids must be below n_groups = 3"
    );
    assert_eq!(
        class_tfidf(&articles(), &GROUPS, 0).unwrap_err(),
        ClassTfidfError::NoGroups
    );
    assert_eq!(
        class_tfidf(&articles(), &[0], 1).unwrap_err().to_string(),
        "1 group ids for 6 articles"
    );
    assert_eq!(
        class_tfidf(&articles().to_csc(), &GROUPS, 3).unwrap_err(),
        ClassTfidfError::NotCsr
    );
}
