//! Past one machine: the report made from shard digests (`rahmen digest
//! --shard I/N`, then `rahmen report --digests`) is the single-process
//! report byte for byte, whatever the number of shards; shards that do not
//! fit together are refused with the reason.

use std::path::Path;

use analysis::{AnalysisConfig, Input, Shard, Silent};
use rahmen_tests::{assert_same_folders, default_lexicon, seed_corpus};

/// Digests `input` in `count` shards and makes the report from them.
fn report_from_shards(input: &Input, config: &AnalysisConfig, count: usize, dir: &Path) {
    let digests = dir.join(format!("digests-{count}"));
    for number in 1..=count {
        let shard = Shard::new(number, count).unwrap();
        report::shards::write_shard(input, &default_lexicon(), config, shard, &digests, &Silent)
            .unwrap_or_else(|e| panic!("shard {shard}: {e}"));
    }
    let out = dir.join(format!("report-{count}"));
    report::generate_from_shards(
        input,
        &default_lexicon(),
        config,
        &digests,
        None,
        &out,
        &Silent,
    )
    .unwrap_or_else(|e| panic!("the report from {count} shards: {e}"));
}

#[test]
fn the_seed_report_from_one_two_and_seven_shards_is_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let input = Input::folder(&seed_corpus());
    let config = AnalysisConfig::default();
    // Seven shards of five articles: two are empty.
    for count in [1, 2, 7] {
        report_from_shards(&input, &config, count, dir.path());
        assert_same_folders(
            &rahmen_tests::seed_report().path,
            &dir.path().join(format!("report-{count}")),
            &format!("the seed report from {count} shards differs from the single-process one"),
        );
    }
}

/// The large-corpus path (LSA, no kept TF-IDF matrix, groups) on the
/// 10kGNAD test split, against its committed report.
#[test]
fn the_10kgnad_report_from_seven_shards_is_the_committed_one() {
    let dir = tempfile::tempdir().unwrap();
    report_from_shards(
        &rahmen_tests::tenkgnad_input(),
        &rahmen_tests::tenkgnad_config(),
        7,
        dir.path(),
    );
    assert_same_folders(
        &rahmen_tests::committed_tenkgnad_report(),
        &dir.path().join("report-7"),
        "the 10kGNAD report from 7 shards differs from the committed one",
    );
    let (pairs, skipped) = shingle_join(&dir.path().join("digests-7"), 7, 50);
    let report = std::fs::read_to_string(dir.path().join("report-7/report.md")).unwrap();
    // The number that starts the sentence with `words` (0 when the report
    // leaves the sentence out).
    let stated = |words: &str| {
        report
            .lines()
            .filter(|l| l.contains(words))
            .find_map(|l| l.split(' ').next()?.replace(',', "").parse::<usize>().ok())
            .unwrap_or(0)
    };
    assert!(pairs > 0);
    assert_eq!(
        (pairs, skipped),
        (
            stated("shared at least one fingerprint"),
            stated("skipped as stock phrases.")
        ),
        "the shingle join over the shards' tables against the report's search"
    );
}

/// What an engine's shingle join over every shard's `shingles.parquet`
/// finds (as `bench/spark_reduce.py` does it): the pairs of originals that
/// share a fingerprint found in at most `max_postings` articles and at most
/// that often in each, and how many fingerprints are skipped.
fn shingle_join(digests: &Path, count: usize, max_postings: usize) -> (usize, usize) {
    use parquet::record::RowAccessor;
    use std::collections::{BTreeMap, BTreeSet};
    let mut first_of_text = BTreeSet::new();
    let mut originals = BTreeSet::new();
    let mut postings: BTreeMap<i64, BTreeMap<i64, usize>> = BTreeMap::new();
    let mut digest_rows = Vec::new();
    for number in 1..=count {
        let folder = report::shards::shard_folder(digests, Shard::new(number, count).unwrap());
        digest_rows.extend(rahmen_tests::parquet_rows(&folder.join("digests.parquet")));
        for row in rahmen_tests::parquet_rows(&folder.join("shingles.parquet")) {
            let (entry, fingerprint) = (row.get_long(0).unwrap(), row.get_long(2).unwrap());
            *postings
                .entry(fingerprint)
                .or_default()
                .entry(entry)
                .or_default() += 1;
        }
    }
    // Exact duplicates (the same text hash as an earlier entry) are left out.
    digest_rows.sort_by_key(|row| row.get_long(0).unwrap());
    for row in &digest_rows {
        let (entry, tokens, hash) = (
            row.get_long(0).unwrap(),
            row.get_long(4).unwrap(),
            row.get_long(5).unwrap(),
        );
        if tokens == 0 || first_of_text.insert(hash) {
            originals.insert(entry);
        }
    }
    let mut pairs = BTreeSet::new();
    let mut skipped = 0;
    for in_articles in postings.values() {
        let articles: Vec<i64> = in_articles
            .keys()
            .copied()
            .filter(|a| originals.contains(a))
            .collect();
        let most = articles.iter().map(|a| in_articles[a]).max().unwrap_or(0);
        if articles.len() > max_postings || most > max_postings {
            skipped += 1;
            continue;
        }
        for (i, &a) in articles.iter().enumerate() {
            for &b in &articles[i + 1..] {
                pairs.insert((a, b));
            }
        }
    }
    (pairs.len(), skipped)
}

#[test]
fn shards_that_do_not_fit_together_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = Input::folder(&seed_corpus());
    let config = AnalysisConfig::default();
    let digests = dir.path().join("digests");
    let write = |number, count, config: &AnalysisConfig| {
        report::shards::write_shard(
            &input,
            &default_lexicon(),
            config,
            Shard::new(number, count).unwrap(),
            &digests,
            &Silent,
        )
        .unwrap();
    };
    let reduce = |config: &AnalysisConfig| {
        report::generate_from_shards(
            &input,
            &default_lexicon(),
            config,
            &digests,
            None,
            &dir.path().join("report"),
            &Silent,
        )
        .unwrap_err()
        .to_string()
    };
    write(1, 2, &config);
    assert!(reduce(&config).contains("shard 2/2 is missing"));
    write(2, 2, &config);
    // Grouping decides each article's group in the first pass.
    let grouped = AnalysisConfig {
        group_by: Some("outlet".into()),
        ..AnalysisConfig::default()
    };
    let message = reduce(&grouped);
    assert!(
        message.contains("made with other settings (`group_by` differs)"),
        "{message}"
    );
    // The number of clusters is the reduce's own business.
    let mut three = AnalysisConfig::default();
    three.clustering.k = Some(3);
    report::generate_from_shards(
        &input,
        &default_lexicon(),
        &three,
        &digests,
        None,
        &dir.path().join("report"),
        &Silent,
    )
    .expect("a report with another k from the same digests");
    write(1, 3, &config);
    assert!(reduce(&config).contains("belongs to a split in"));
}
