//! The five seed articles: what five outlets' reports on the same talks
//! really share (checked by reading them): no copied sentence, only a
//! title phrase and a name of 7 and 8 tokens.

use core_text::decode;

use super::*;

/// The workspace's seed corpus, in file name order.
const SEEDS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../corpus/security-talks-2021"
);

fn seeds() -> Vec<Document> {
    let mut files: Vec<_> = std::fs::read_dir(SEEDS)
        .expect("seed corpus")
        .map(|entry| entry.expect("seed corpus entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    files
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).expect("seed article");
            Document::analyze(decode(&bytes).text, &TextConfig::default())
        })
        .collect()
}

#[test]
fn seeds_share_no_passage_of_default_length() {
    let docs = seeds();
    let found = shared_passages(&docs, &SyndicationParams::default().check().unwrap());
    assert_eq!(found.passages, []);
    assert_eq!(found.coverage, [0.0; 5]);
    assert_eq!(found.skipped_common_fingerprints, 0);

    // The longest shared runs at all (brute force): two of 8 and 7 tokens,
    // an institution's name and Peskow's title, nothing near 12.
    let norms: Vec<Vec<&str>> = docs
        .iter()
        .map(|d| d.tokens.iter().map(|t| t.norm.as_str()).collect())
        .collect();
    let mut long: Vec<(usize, usize, usize)> = Vec::new();
    for a in 0..docs.len() {
        for b in a + 1..docs.len() {
            for (_, _, len) in reference_runs(&norms[a], &norms[b], 7) {
                long.push((a, b, len));
            }
        }
    }
    assert_eq!(long, [(0, 3, 7), (2, 4, 8)]);
}

#[test]
fn seeds_share_a_name_and_a_title_at_seven_tokens() {
    let docs = seeds();
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let found = check_with(
        &texts,
        &params(4, 3, 6),
        &[
            // RT DE (000) and the unattributed 003 both introduce Peskow so.
            "0-3 46..53/20..27: Der Sprecher des russischen Präsidenten, Dmitri Peskow",
            // 002 and 004 both spell out the OSCE.
            "2-4 200..208/88..96: Organisation für Sicherheit und Zusammenarbeit in Europa (OSZE",
        ],
        &[0.015, 0.0, 0.017, 0.023, 0.017],
    );
    assert_eq!(found.skipped_common_fingerprints, 0);
}
