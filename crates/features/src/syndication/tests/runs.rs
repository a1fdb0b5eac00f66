//! The search from bare word hashes, as a streaming caller runs it: the
//! same runs as from documents, the mask without documents, and exact
//! copies set aside before the search.

use super::*;

/// Word hashes of analysed texts, as vectors and as the slices
/// [`shared_runs`] takes.
fn hashes(docs: &[Document]) -> Vec<Vec<u64>> {
    docs.iter().map(token_hashes).collect()
}

fn slices(words: &[Vec<u64>]) -> Vec<&[u64]> {
    words.iter().map(Vec::as_slice).collect()
}

/// A mixed corpus: copies of the wire story with new beginnings, endings
/// or cuts, and unrelated texts.
fn mixed(n: usize) -> Vec<Document> {
    (0..n)
        .map(|i| match i % 4 {
            0 => format!("Meldung {i}. {WIRE}"),
            1 => format!("{WIRE} Nachtrag {i}."),
            2 => format!("Text {i} ohne Übernahme, nur eigene Worte."),
            _ => format!("Kurz {i}: {}", first_words(WIRE, 20)),
        })
        .map(|t| Document::analyze(t, &TextConfig::default()))
        .collect()
}

#[test]
fn runs_are_the_passages_without_spans() {
    let docs = mixed(12);
    let params = SyndicationParams::default().check().unwrap();
    let found = shared_passages(&docs, &params);
    let words = hashes(&docs);
    let runs = shared_runs(&slices(&words), &params);
    let expected: Vec<SharedRun> = found
        .passages
        .iter()
        .map(|p| SharedRun {
            a: p.a,
            b: p.b,
            a_tokens: p.a_tokens.clone(),
            b_tokens: p.b_tokens.clone(),
            tokens: p.tokens,
        })
        .collect();
    assert_eq!(runs.passages, expected);
    assert_eq!(runs.coverage, found.coverage);
    assert_eq!(
        runs.skipped_common_fingerprints,
        found.skipped_common_fingerprints
    );
    assert!(runs.passages.len() > 20);
}

#[test]
fn word_hashes_are_the_index_hashes_of_the_normalised_tokens() {
    let doc = Document::analyze("Der NATO-Rat tagte.".into(), &TextConfig::default());
    let expected: Vec<u64> = ["der", "nato-rat", "tagte"]
        .iter()
        .map(|w| crate::index::fnv1a(w))
        .collect();
    assert_eq!(token_hashes(&doc), expected);
}

#[test]
fn any_word_hashes_will_do() {
    // Word ids instead of FNV-1a hashes, zeros included: the search only
    // needs equal words to have equal hashes.
    let shared: Vec<u64> = (0..12).map(|i| i % 3).collect();
    let words = [
        [&[7, 8][..], &shared, &[9]].concat(),
        [&[5][..], &shared].concat(),
        vec![],
        shared[..11].to_vec(),
    ];
    let runs = shared_runs(
        &slices(&words),
        &SyndicationParams::default().check().unwrap(),
    );
    assert_eq!(
        runs.passages,
        [SharedRun {
            a: 0,
            b: 1,
            a_tokens: 2..14,
            b_tokens: 1..13,
            tokens: 12
        }]
    );
    assert_eq!(runs.coverage, [12.0 / 15.0, 12.0 / 13.0, 0.0, 0.0]);
    assert_eq!(shared_runs(&[], &params(8, 4, 12)).passages, []);
}

#[test]
fn the_mask_from_runs_equals_the_mask_from_passages() {
    let docs = mixed(12);
    let params = SyndicationParams::default().check().unwrap();
    let found = shared_passages(&docs, &params);
    let words = hashes(&docs);
    let runs = shared_runs(&slices(&words), &params);
    let lengths: Vec<usize> = words.iter().map(Vec::len).collect();
    for order in [vec![], vec![3, 2, 1, 0], vec![11, 5, 5, 99, 0]] {
        let from_runs = repeated_token_mask_runs(&lengths, &runs.passages, &order);
        assert_eq!(
            from_runs,
            repeated_token_mask(&docs, &found.passages, &order)
        );
        assert!(from_runs.iter().flatten().any(|&m| m), "{order:?}");
    }
}

#[test]
fn copies_are_set_aside_before_the_search() {
    // 60 verbatim copies of each of two stories that share one sentence.
    let sentence = "Moskau verlangt unter anderem, dass sich das westliche Militärbündnis \
        nicht weiter nach Osten ausdehnt.";
    let stories = [
        format!("Erstens: {sentence}"),
        format!("{sentence} Zweitens."),
    ];
    let docs: Vec<Document> = (0..120)
        .map(|i| Document::analyze(stories[i % 2].clone(), &TextConfig::default()))
        .collect();
    let words = hashes(&docs);
    let params = SyndicationParams::default().check().unwrap();

    let duplicate_of = exact_duplicates(&slices(&words));
    let expected: Vec<Option<usize>> = (0..120).map(|i| (i >= 2).then_some(i % 2)).collect();
    assert_eq!(duplicate_of, expected);
    let originals: Vec<&[u64]> = (0..120)
        .filter(|&i| duplicate_of[i].is_none())
        .map(|i| words[i].as_slice())
        .collect();
    let runs = shared_runs(&originals, &params);
    assert_eq!(
        runs.passages,
        [SharedRun {
            a: 0,
            b: 1,
            a_tokens: 1..15,
            b_tokens: 0..14,
            tokens: 14
        }]
    );

    // Searching all copies: more than `max_postings` articles have every
    // fingerprint, so the copies hide even what the stories share.
    let all = shared_runs(&slices(&words), &params);
    assert_eq!(all.passages, []);
    assert!(all.skipped_common_fingerprints > 0);
}

#[test]
fn runs_do_not_depend_on_thread_count() {
    let docs = mixed(40);
    let words = hashes(&docs);
    let params = SyndicationParams::default().check().unwrap();
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| {
                (
                    shared_runs(&slices(&words), &params),
                    exact_duplicates(&slices(&words)),
                )
            })
    };
    let one = run(1);
    assert_eq!(one, run(3));
    assert!(one.0.passages.len() > 300);
}
