//! Property tests: winnowing's guarantee holds for any settings, and the
//! passages equal a brute-force search on random texts, from documents and
//! from bare word hashes alike.

use std::ops::Range;

use proptest::prelude::*;

use super::*;

/// Articles made of the words `w0`, `w1`, ... (one token each), without
/// boilerplate stripping, so token `i` is word `i`.
fn articles(words: &[Vec<usize>]) -> Vec<Document> {
    let config = TextConfig {
        strip_boilerplate: false,
    };
    words
        .iter()
        .map(|ws| {
            let text: Vec<String> = ws.iter().map(|w| format!("w{w}")).collect();
            Document::analyze(text.join(" "), &config)
        })
        .collect()
}

/// The same articles as bare word hashes: word `w{i}` is the hash `i`
/// (tiny values, the opposite of FNV-1a's, which must work as well).
fn ids(words: &[Vec<usize>]) -> Vec<Vec<u64>> {
    words
        .iter()
        .map(|ws| ws.iter().map(|&w| w as u64).collect())
        .collect()
}

/// [`shared_runs`] on word hash sequences held as vectors.
fn runs_of(words: &[Vec<u64>], params: &ValidSyndicationParams) -> SharedRuns {
    let slices: Vec<&[u64]> = words.iter().map(Vec::as_slice).collect();
    shared_runs(&slices, params)
}

/// Joins stretches that overlap or touch in both articles until none do,
/// in whatever order: written apart from `verify::merge` to check it.
fn reference_merge(runs: &[(usize, usize, usize)]) -> Vec<(Range<usize>, Range<usize>)> {
    let touch = |x: &Range<usize>, y: &Range<usize>| x.start <= y.end && y.start <= x.end;
    let mut stretches: Vec<(Range<usize>, Range<usize>)> = runs
        .iter()
        .map(|&(i, j, len)| (i..i + len, j..j + len))
        .collect();
    'again: loop {
        for x in 0..stretches.len() {
            for y in x + 1..stretches.len() {
                if touch(&stretches[x].0, &stretches[y].0)
                    && touch(&stretches[x].1, &stretches[y].1)
                {
                    let (a, b) = stretches.remove(y);
                    let kept = &mut stretches[x];
                    kept.0 = kept.0.start.min(a.start)..kept.0.end.max(a.end);
                    kept.1 = kept.1.start.min(b.start)..kept.1.end.max(b.end);
                    continue 'again;
                }
            }
        }
        break;
    }
    stretches.sort_by_key(|(a, b)| (a.start, b.start));
    stretches
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any run of `shingle + window - 1` tokens or more inserted into two
    /// random articles is found, inside one passage.
    #[test]
    fn inserted_runs_are_found(
        shingle in 1usize..=8,
        window in 1usize..=6,
        extra in 0usize..=10,
        run_seed in prop::collection::vec(0usize..20, 25),
        before in prop::collection::vec(prop::collection::vec(0usize..20, 0..30), 2),
        after in prop::collection::vec(prop::collection::vec(0usize..20, 0..30), 2),
    ) {
        let len = shingle + window - 1 + extra;
        let run: Vec<usize> = run_seed.iter().cycle().take(len).copied().collect();
        let words: Vec<Vec<usize>> = (0..2)
            .map(|k| [&before[k][..], &run, &after[k][..]].concat())
            .collect();
        let docs = articles(&words);
        let params = SyndicationParams {
            shingle,
            window,
            min_tokens: shingle + window - 1,
            max_postings: 50,
        };
        let params = params.check().unwrap();
        let found = shared_passages(&docs, &params);
        let (a, b) = (before[0].len(), before[1].len());
        let contains = |a_tokens: &Range<usize>, b_tokens: &Range<usize>| {
            a_tokens.start <= a && a + len <= a_tokens.end
                && b_tokens.start <= b && b + len <= b_tokens.end
        };
        prop_assert!(
            found.passages.iter().any(|p| contains(&p.a_tokens, &p.b_tokens)),
            "run {a}+{len} / {b}+{len} not in {:?}",
            found.passages
        );
        // From bare word hashes, without documents.
        let runs = runs_of(&ids(&words), &params);
        prop_assert!(
            runs.passages.iter().any(|r| contains(&r.a_tokens, &r.b_tokens)),
            "run {a}+{len} / {b}+{len} not in {:?}",
            runs.passages
        );
    }

    /// A phrase in more articles than `max_postings` is left out for every
    /// pair, even where winnowing at its edges picked a rarer fingerprint.
    #[test]
    fn common_phrases_are_left_out_for_every_pair(
        phrase in prop::collection::vec(0usize..1000, 12..=16),
        around in prop::collection::vec(
            (prop::collection::vec(0usize..1000, 0..20), prop::collection::vec(0usize..1000, 0..20)),
            3..=6,
        ),
    ) {
        let words: Vec<Vec<usize>> = around
            .iter()
            .map(|(before, after)| [&before[..], &phrase, &after[..]].concat())
            .collect();
        let docs = articles(&words);
        let params = SyndicationParams { max_postings: 2, ..SyndicationParams::default() };
        let found = shared_passages(&docs, &params.check().unwrap());
        // Random neighbours may lengthen the run for some pair: then it is
        // no longer only the common phrase, and may be reported.
        let lengthened = |p: &SharedPassage| p.tokens > phrase.len();
        prop_assert!(found.passages.iter().all(lengthened), "{:?}", found.passages);
        prop_assert!(found.skipped_common_fingerprints > 0);
    }

    /// A join of every article's [`fingerprints`] on their hash, as a
    /// distributed engine does it (`bench/spark_reduce.py`), skipping the
    /// fingerprints in more than `max_postings` articles or more often than
    /// that in one, pairs up exactly the articles the index checks.
    #[test]
    fn a_join_of_the_fingerprints_finds_the_candidate_pairs(
        shingle in 1usize..=4,
        window in 1usize..=4,
        max_postings in 2usize..=3,
        words in prop::collection::vec(prop::collection::vec(0u64..3, 0..40), 1..=6),
    ) {
        let params = SyndicationParams { shingle, window, min_tokens: shingle + window - 1, max_postings };
        let params = params.check().unwrap();
        let found = runs_of(&words, &params);
        // The words as ids into the table of their hashes (here 0, 1, 2).
        let by_id: Vec<Vec<u32>> = words
            .iter()
            .map(|ws| ws.iter().map(|&w| w as u32).collect())
            .collect();
        let by_id_slices: Vec<&[u32]> = by_id.iter().map(Vec::as_slice).collect();
        prop_assert_eq!(&shared_runs_by_id(&by_id_slices, &[0, 1, 2], &params), &found);
        // fingerprint → (article → occurrences)
        let mut postings: std::collections::BTreeMap<u64, std::collections::BTreeMap<usize, usize>> =
            Default::default();
        for (article, w) in words.iter().enumerate() {
            for f in fingerprints(w, &params) {
                *postings.entry(f.hash).or_default().entry(article).or_default() += 1;
            }
        }
        let mut pairs = std::collections::BTreeSet::new();
        let mut common = 0;
        for in_articles in postings.values() {
            if in_articles.len() > max_postings || in_articles.values().any(|&n| n > max_postings) {
                common += 1;
                continue;
            }
            let articles: Vec<usize> = in_articles.keys().copied().collect();
            for (i, &a) in articles.iter().enumerate() {
                for &b in &articles[i + 1..] {
                    pairs.insert((a, b));
                }
            }
        }
        prop_assert_eq!(found.candidate_pairs, pairs.len());
        prop_assert_eq!(found.skipped_common_fingerprints, common);
        for run in &found.passages {
            prop_assert!(pairs.contains(&(run.a, run.b)));
        }
    }

    /// On random texts over a tiny vocabulary (many chance runs, repeats
    /// and overlaps), the passages are exactly the merged maximal runs of
    /// `min_tokens` or more, and coverage follows from them.
    #[test]
    fn passages_equal_brute_force(
        shingle in 1usize..=4,
        window in 1usize..=4,
        extra in 0usize..=3,
        vocabulary in 2usize..=4,
        words in prop::collection::vec(prop::collection::vec(0usize..4, 0..50), 1..=4),
    ) {
        let words: Vec<Vec<usize>> = words
            .into_iter()
            .map(|ws| ws.into_iter().map(|w| w % vocabulary).collect())
            .collect();
        let docs = articles(&words);
        let min_tokens = shingle + window - 1 + extra;
        let params = SyndicationParams { shingle, window, min_tokens, max_postings: 50 };
        let params = params.check().unwrap();
        let found = shared_passages(&docs, &params);
        // Bare word ids give the same runs and coverage.
        let runs = runs_of(&ids(&words), &params);
        prop_assert_eq!(runs.coverage.clone(), found.coverage.clone());
        // So do 32-bit ids into a table of the words' hashes.
        let table: Vec<u64> = (0..4u64).map(|w| (w + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)).collect();
        let by_id: Vec<Vec<u32>> = words
            .iter()
            .map(|ws| ws.iter().map(|&w| w as u32).collect())
            .collect();
        let by_id_slices: Vec<&[u32]> = by_id.iter().map(Vec::as_slice).collect();
        let hashed: Vec<Vec<u64>> = by_id
            .iter()
            .map(|ws| ws.iter().map(|&w| table[w as usize]).collect())
            .collect();
        prop_assert_eq!(shared_runs_by_id(&by_id_slices, &table, &params), runs_of(&hashed, &params));
        let from_ids: Vec<_> = runs
            .passages
            .iter()
            .map(|r| (r.a, r.b, r.a_tokens.clone(), r.b_tokens.clone()))
            .collect();

        let norms: Vec<Vec<&str>> = docs
            .iter()
            .map(|d| d.tokens.iter().map(|t| t.norm.as_str()).collect())
            .collect();
        let mut expected = Vec::new();
        let mut covered: Vec<Vec<bool>> = docs.iter().map(|d| vec![false; d.tokens.len()]).collect();
        for a in 0..docs.len() {
            for b in a + 1..docs.len() {
                for (x, y) in reference_merge(&reference_runs(&norms[a], &norms[b], min_tokens)) {
                    covered[a][x.clone()].fill(true);
                    covered[b][y.clone()].fill(true);
                    expected.push((a, b, x, y));
                }
            }
        }
        let got: Vec<_> = found
            .passages
            .iter()
            .map(|p| (p.a, p.b, p.a_tokens.clone(), p.b_tokens.clone()))
            .collect();
        prop_assert_eq!(&got, &expected);
        prop_assert_eq!(from_ids, expected);
        for (k, mask) in covered.iter().enumerate() {
            let share = if mask.is_empty() {
                0.0
            } else {
                mask.iter().filter(|&&c| c).count() as f64 / mask.len() as f64
            };
            prop_assert!((found.coverage[k] - share).abs() < 1e-12);
        }
    }
}
