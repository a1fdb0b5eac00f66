//! Properties of TF-IDF weights and cosine similarity on random small corpora:
//! the invariants the report's similarity and clustering sections rely on.

use core_text::{Analyzer, AnalyzerConfig, Document, TextConfig};
use proptest::prelude::*;
use sprs::{CsMat, TriMat};

use crate::{DocFrequency, FeatureError, Norm, TfidfConfig, cosine_similarity, count_terms, tfidf};

const WORDS: &[&str] = &[
    "Russland",
    "NATO",
    "Sicherheitsgarantien",
    "fordert",
    "Kreml",
    "hofft",
    "Dialog",
    "die",
    "und",
    "Osterweiterung",
    "NATO-Osterweiterung",
    "Völkerrecht",
    "Souveränität",
    "Größe",
    "Bedrohung",
    "2022",
    "rote",
    "Linien",
    ".",
    ",",
];

const TOLERANCE: f64 = 1e-9;

/// Up to eight articles of up to forty words each (empty articles included).
fn articles() -> impl Strategy<Value = Vec<String>> {
    let article =
        prop::collection::vec(prop::sample::select(WORDS), 0..40).prop_map(|words| words.join(" "));
    prop::collection::vec(article, 1..8)
}

/// The TF-IDF settings whose rows the report uses, and their variants.
fn config() -> impl Strategy<Value = TfidfConfig> {
    (
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec![
            DocFrequency::Count(1),
            DocFrequency::Count(2),
            DocFrequency::Share(0.2),
        ]),
        prop::sample::select(vec![DocFrequency::Share(1.0), DocFrequency::Share(0.8)]),
    )
        .prop_map(|(smooth_idf, sublinear_tf, min_df, max_df)| TfidfConfig {
            smooth_idf,
            sublinear_tf,
            norm: Some(Norm::L2),
            min_df,
            max_df,
        })
}

/// A sparse matrix with signed values, for similarity beyond TF-IDF rows.
fn signed_rows() -> impl Strategy<Value = CsMat<f64>> {
    (1usize..8, 1usize..12).prop_flat_map(|(rows, cols)| {
        prop::collection::vec((0..rows, 0..cols, -1e3f64..1e3), 0..40).prop_map(move |entries| {
            let mut tri = TriMat::new((rows, cols));
            for (r, c, v) in entries {
                tri.add_triplet(r, c, v);
            }
            tri.to_csr()
        })
    })
}

fn check_similarity(rows: &CsMat<f64>) -> Result<(), TestCaseError> {
    let similarity = cosine_similarity(rows);
    let n = rows.rows();
    prop_assert_eq!(similarity.dim(), (n, n));
    for i in 0..n {
        for j in 0..n {
            let value = similarity[[i, j]];
            prop_assert!(value.is_finite());
            prop_assert!(
                value.abs() <= 1.0 + TOLERANCE,
                "similarity {} of rows {} and {}",
                value,
                i,
                j
            );
            prop_assert_eq!(value, similarity[[j, i]], "asymmetric at {}, {}", i, j);
        }
        // A row is fully like itself, unless it is all zero (then 0: documented).
        let nonzero = rows
            .outer_view(i)
            .is_some_and(|r| r.iter().any(|(_, v)| *v != 0.0));
        let expected = if nonzero { 1.0 } else { 0.0 };
        prop_assert!((similarity[[i, i]] - expected).abs() <= TOLERANCE);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn tfidf_rows_have_unit_length_and_similarity_is_bounded(
        texts in articles(),
        config in config(),
    ) {
        let docs: Vec<Document> = texts
            .into_iter()
            .map(|t| Document::analyze(t, &TextConfig::default()))
            .collect();
        let analyzer = Analyzer::new(&AnalyzerConfig::default());
        let counts = match count_terms(&docs, &analyzer, config.min_df, config.max_df) {
            Ok(counts) => counts,
            // Pruning may leave nothing or contradict itself on tiny corpora.
            Err(FeatureError::NoTermsLeft | FeatureError::Setting { .. }) => return Ok(()),
            Err(other) => return Err(TestCaseError::fail(other.to_string())),
        };
        let weights = tfidf(&counts.counts, &config).expect("counts are CSR");
        prop_assert_eq!(weights.matrix.shape(), counts.counts.shape());
        for (i, row) in weights.matrix.outer_iterator().enumerate() {
            let length = row.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
            prop_assert!(
                row.nnz() == 0 || (length - 1.0).abs() <= TOLERANCE,
                "row {} has length {}",
                i,
                length
            );
            prop_assert!(row.iter().all(|(_, v)| v.is_finite() && *v > 0.0));
        }
        check_similarity(&weights.matrix)?;
        check_similarity(&counts.counts.to_other_types::<usize, f64, usize>())?;
    }

    #[test]
    fn similarity_of_signed_rows_is_symmetric_and_bounded(rows in signed_rows()) {
        check_similarity(&rows)?;
    }
}
