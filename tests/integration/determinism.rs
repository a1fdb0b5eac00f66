//! Same input, same bytes: whatever the number of threads, two runs give
//! identical files.

use analysis::{AnalysisConfig, Input};
use rahmen_tests::{generate, seed_corpus, seed_report};

#[test]
fn runs_are_byte_identical_across_thread_counts() {
    let reference = seed_report();
    for threads in [1, 3] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let again = pool
            .install(|| generate(&Input::folder(&seed_corpus()), &AnalysisConfig::default()))
            .unwrap();
        let differences = report::compare_folders(&reference.path, &again.path).unwrap();
        assert!(
            differences.is_empty(),
            "with {threads} threads: {differences:?}"
        );
    }
}

/// The large-corpus path (character n-grams, LSA, sampled k-means, resampling
/// budgets) with 3 threads gives the committed report, made with the
/// machine's default thread count. Its per-token lists go to the scratch
/// file in blocks of 4,096 numbers, as a million articles' do in blocks of
/// 16 M: the spilled lists give the same report.
#[test]
fn large_path_is_byte_identical_with_another_thread_count_and_spilled_lists() {
    // Other tests of this binary may spill too from now on: by design, with
    // the same results.
    features::ragged::set_spill_block(4096);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(3)
        .build()
        .unwrap();
    let again = pool
        .install(|| {
            generate(
                &rahmen_tests::tenkgnad_input(),
                &rahmen_tests::tenkgnad_config(),
            )
        })
        .unwrap();
    let differences =
        report::compare_folders(&again.path, &rahmen_tests::committed_tenkgnad_report()).unwrap();
    assert!(differences.is_empty(), "with 3 threads: {differences:?}");
}
