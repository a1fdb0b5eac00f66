//! Same input, same bytes: whatever the number of threads, two runs give
//! identical files.

use rahmen_tests::{generate, seed_corpus, seed_report};
use report::{Input, ReportConfig};

#[test]
fn runs_are_byte_identical_across_thread_counts() {
    let reference = seed_report();
    for threads in [1, 3] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let again = pool
            .install(|| generate(&Input::folder(&seed_corpus()), &ReportConfig::default()))
            .unwrap();
        let differences = report::compare_folders(&reference.path, &again.path).unwrap();
        assert!(
            differences.is_empty(),
            "with {threads} threads: {differences:?}"
        );
    }
}
