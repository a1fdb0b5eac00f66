//! Tests of the character n-gram TF-IDF and its projection: scikit-learn's `char_wb`
//! n-grams, weights worked by hand, and the projection against `transform · basis`.

use super::projection::PROJECTION_ROWS;
use super::*;

fn counts(rows: &[&[(usize, f64)]], n_terms: usize) -> CsMat<f64> {
    let mut indptr = vec![0];
    let mut indices = Vec::new();
    let mut data = Vec::new();
    for row in rows {
        for &(t, c) in *row {
            indices.push(t);
            data.push(c);
        }
        indptr.push(indices.len());
    }
    CsMat::new((rows.len(), n_terms), indptr, indices, data)
}

#[test]
fn ngrams_follow_scikit_learn_char_wb() {
    // sklearn: TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3)).build_analyzer()("ab")
    assert_eq!(char_wb_ngrams("ab", 2, 3), [" a", "ab", "b ", " ab", "ab "]);
    // A padded word shorter than n gives itself once and stops.
    assert_eq!(char_wb_ngrams("a", 3, 5), [" a "]);
    assert_eq!(char_wb_ngrams("ü", 2, 2), [" ü", "ü "]);
}

#[test]
fn weights_by_hand() {
    // Terms "ab" and "b"; article 0 = "ab ab", article 1 = "b", article 2 = "ab b".
    let terms = ["ab".to_owned(), "b".to_owned()];
    let m = counts(&[&[(0, 2.0)], &[(1, 1.0)], &[(0, 1.0), (1, 1.0)]], 2);
    let params = CharNgramParams {
        min_n: 2,
        max_n: 2,
        min_df: 1,
    };
    let model = CharNgramTfidf::fit(&terms, &m, &params).unwrap();
    assert_eq!(model.ngrams(), [" a", " b", "ab", "b "]);
    let x = model.transform(&m);
    // df: " a" 2, " b" 2, "ab" 2, "b " 3 of 3 articles; idf = ln(4 / (1 + df)) + 1.
    let idf2 = (4.0f64 / 3.0).ln() + 1.0;
    let idf3 = 1.0;
    // Article 0: " a" 2, "ab" 2, "b " 2 -> (1 + ln 2) * idf each.
    let tf = 1.0 + 2.0f64.ln();
    let raw = [tf * idf2, tf * idf2, tf * idf3];
    let norm = raw.iter().map(|v| v * v).sum::<f64>().sqrt();
    let row0: Vec<(usize, f64)> = x
        .outer_view(0)
        .unwrap()
        .iter()
        .map(|(i, &v)| (i, v))
        .collect();
    assert_eq!(row0.iter().map(|e| e.0).collect::<Vec<_>>(), [0, 2, 3]);
    for ((_, got), want) in row0.iter().zip(raw) {
        assert!((got - want / norm).abs() < 1e-15);
    }
    // Article 2: " a" 1, "ab" 1, "b " 2, " b" 1.
    let raw2 = [idf2, idf2, idf2, tf * idf3];
    let norm2 = raw2.iter().map(|v| v * v).sum::<f64>().sqrt();
    let row2: Vec<f64> = x.outer_view(2).unwrap().iter().map(|(_, &v)| v).collect();
    for (got, want) in row2.iter().zip(raw2) {
        assert!((got - want / norm2).abs() < 1e-15);
    }
}

#[test]
fn min_df_drops_rare_ngrams_and_rows_can_be_transformed_alone() {
    let terms = [
        "kris".to_owned(),
        "flüchtlingskris".to_owned(),
        "zug".to_owned(),
    ];
    let m = counts(&[&[(0, 1.0)], &[(1, 1.0)], &[(2, 1.0)]], 3);
    let model = CharNgramTfidf::fit(&terms, &m, &CharNgramParams::default()).unwrap();
    // Only the n-grams of "kris" occur in two articles.
    assert!(
        model
            .ngrams()
            .iter()
            .all(|g| char_wb_ngrams("kris", 3, 5).contains(g))
    );
    let whole = model.transform(&m);
    let alone = model.transform(&counts(&[&[(1, 1.0)]], 3));
    assert_eq!(
        whole.outer_view(1).unwrap().to_owned(),
        alone.outer_view(0).unwrap().to_owned()
    );
    // "zug" shares nothing kept: an empty row, not NaN.
    assert_eq!(whole.outer_view(2).unwrap().nnz(), 0);
}

#[test]
fn project_equals_transform_times_basis() {
    let terms = [
        "kris".to_owned(),
        "flüchtlingskris".to_owned(),
        "zug".to_owned(),
        "zugkris".to_owned(),
    ];
    let m = counts(
        &[
            &[(0, 1.0), (2, 3.0)],
            &[(1, 2.0)],
            &[(2, 1.0), (3, 1.0)],
            &[],
        ],
        4,
    );
    let model = CharNgramTfidf::fit(&terms, &m, &CharNgramParams::default()).unwrap();
    let g = model.n_features();
    let basis =
        ndarray::Array2::from_shape_fn((g, 3), |(i, j)| ((i * 7 + j * 3) % 11) as f64 - 5.0);
    let fused = model.project(&m, basis.view());
    let x = model.transform(&m);
    for i in 0..m.rows() {
        for j in 0..3 {
            let want: f64 = x
                .outer_view(i)
                .unwrap()
                .iter()
                .map(|(gram, &v)| v * basis[[gram, j]])
                .sum();
            assert!((fused[[i, j]] - want).abs() < 1e-12, "row {i} col {j}");
        }
    }
    assert!(fused.row(3).iter().all(|&v| v == 0.0));
}

#[test]
fn projecting_many_blocks_reuses_buffers_without_carrying_rows_over() {
    // Several blocks of PROJECTION_ROWS per thread, rows of different lengths (so that
    // a later block has fewer entries than an earlier one) and counts past the table.
    let terms: Vec<String> = ["kris", "flüchtlingskris", "zug", "zugkris", "bahn"]
        .map(String::from)
        .to_vec();
    let rows: Vec<Vec<(usize, f64)>> = (0..3 * PROJECTION_ROWS + 17)
        .map(|i| {
            (0..terms.len())
                .filter(|t| (i + t) % (1 + i % 4) == 0)
                .map(|t| (t, ((i * 31 + t * 7) % 300) as f64 + 1.0))
                .collect()
        })
        .collect();
    let views: Vec<&[(usize, f64)]> = rows.iter().map(Vec::as_slice).collect();
    let m = counts(&views, terms.len());
    let model = CharNgramTfidf::fit(&terms, &m, &CharNgramParams::default()).unwrap();
    let g = model.n_features();
    let basis = ndarray::Array2::from_shape_fn((g, 2), |(i, j)| ((i * 5 + j) % 7) as f64 - 3.0);
    let fused = model.project(&m, basis.view());
    let want = {
        let x = model.transform(&m);
        let dense = ndarray::Array2::from_shape_fn((m.rows(), g), |(i, gram)| {
            x.get(i, gram).copied().unwrap_or(0.0)
        });
        dense.dot(&basis)
    };
    for ((i, j), &v) in fused.indexed_iter() {
        assert!((v - want[[i, j]]).abs() < 1e-12, "row {i} col {j}");
    }
}

#[test]
fn looked_up_logarithms_are_the_computed_ones() {
    let log_tf = LogTf::new();
    for tf in (1..400).map(f64::from).chain([0.5, 2.5, 255.5, 1e9]) {
        assert_eq!(
            log_tf.one_plus_ln(tf).to_bits(),
            (1.0 + tf.ln()).to_bits(),
            "{tf}"
        );
    }
}

#[test]
fn bad_settings_are_named() {
    let terms = ["a".to_owned()];
    let m = counts(&[&[(0, 1.0)]], 1);
    let params = CharNgramParams {
        min_n: 4,
        max_n: 3,
        min_df: 1,
    };
    let err = CharNgramTfidf::fit(&terms, &m, &params)
        .unwrap_err()
        .to_string();
    assert!(err.contains("ngram_range"), "{err}");
    let err = CharNgramTfidf::fit(
        &terms,
        &counts(&[&[(0, 1.0)]], 2),
        &CharNgramParams::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("counts"), "{err}");
}
