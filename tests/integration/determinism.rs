//! Same input, same bytes: whatever the number of threads, two runs give
//! identical files.

use rahmen_tests::{default_lexicon, seed_corpus, seed_report};
use report::ReportConfig;

#[test]
fn runs_are_byte_identical_across_thread_counts() {
    let (_, reference) = seed_report();
    for threads in [1, 3] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let (_, files) = pool
            .install(|| {
                report::generate(&seed_corpus(), &default_lexicon(), &ReportConfig::default())
            })
            .unwrap();
        assert_eq!(files.files.len(), reference.files.len());
        for (path, bytes) in &files.files {
            assert!(
                reference.files[path] == *bytes,
                "{} differs with {threads} threads",
                path.display()
            );
        }
    }
}
