//! Exact duplicates: articles whose word sequence equals an earlier one's,
//! found by hashing whole articles, so that copies can be reported once and
//! left out of the passage search.

use rayon::prelude::*;

use super::fingerprint::shingle_hash;

/// For each article (`words[i]` is article `i`'s word hashes in text order),
/// the index of the first earlier article with exactly the same word hash
/// sequence; `None` for an original (no earlier equal article) and for an
/// article without words.
///
/// Articles are grouped by a hash of their whole sequence (the one that
/// hashes shingles, taken over all their words), and a match is only taken
/// after comparing the two sequences word hash by word hash. A duplicate
/// always points to the first article of its kind, never to another
/// duplicate. Work is linear in the number of words; the result does not
/// depend on the thread count.
///
/// Run [`shared_runs`](super::shared_runs) on the originals only and report
/// duplicates separately: a corpus of 100 copies of each article would
/// otherwise yield every pair of copies (4,950 times each passage), and
/// with more copies than `max_postings` their fingerprints would all be
/// skipped as common, hiding what they share with other articles.
///
/// ```
/// use features::syndication::exact_duplicates;
///
/// let words: Vec<&[u64]> = vec![&[1, 2, 3], &[], &[1, 2], &[1, 2, 3], &[], &[1, 2, 3]];
/// assert_eq!(exact_duplicates(&words), [None, None, None, Some(0), None, Some(0)]);
/// ```
pub fn exact_duplicates(words: &[&[u64]]) -> Vec<Option<usize>> {
    let mut keyed: Vec<(u64, usize)> = words
        .par_iter()
        .enumerate()
        .filter(|(_, w)| !w.is_empty())
        .map(|(i, w)| (shingle_hash(w), i))
        .collect();
    // Distinct pairs: one sorted order, by hash, then article.
    keyed.par_sort_unstable();
    let mut out = vec![None; words.len()];
    let mut originals: Vec<usize> = Vec::new();
    for group in keyed.chunk_by(|x, y| x.0 == y.0) {
        if group.len() == 1 {
            continue;
        }
        // Almost always one original per hash; more only on a collision.
        originals.clear();
        for &(_, i) in group {
            match originals.iter().find(|&&o| words[o] == words[i]) {
                Some(&o) => out[i] = Some(o),
                None => originals.push(i),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duplicates(words: &[Vec<u64>]) -> Vec<Option<usize>> {
        let slices: Vec<&[u64]> = words.iter().map(Vec::as_slice).collect();
        exact_duplicates(&slices)
    }

    #[test]
    fn each_copy_points_to_the_first_original() {
        let a = vec![7, 8, 9];
        let b = vec![7, 8];
        let words = [
            a.clone(),
            b.clone(),
            a.clone(),
            vec![],
            b.clone(),
            a.clone(),
            vec![9, 8, 7],
            vec![],
        ];
        assert_eq!(
            duplicates(&words),
            [None, None, Some(0), None, Some(1), Some(0), None, None]
        );
        assert_eq!(duplicates(&[]), []);
        assert_eq!(duplicates(&[vec![], vec![]]), [None, None]);
    }

    #[test]
    fn prefixes_and_near_copies_are_not_duplicates() {
        let words = [
            vec![1, 2, 3, 4],
            vec![1, 2, 3],
            vec![1, 2, 3, 5],
            vec![0, 1, 2, 3, 4],
        ];
        assert_eq!(duplicates(&words), [None; 4]);
    }

    #[test]
    fn equal_hashes_are_checked_word_by_word() {
        // Two different sequences with the same whole-sequence hash: the
        // polynomial of [x, y] is x·BASE + y, so [0, BASE] and [1, 0] collide.
        let base = 0x9e37_79b9_7f4a_7c15_u64;
        assert_eq!(shingle_hash(&[0, base]), shingle_hash(&[1, 0]));
        let words = [vec![0, base], vec![1, 0], vec![1, 0], vec![0, base]];
        assert_eq!(duplicates(&words), [None, None, Some(1), Some(0)]);
    }

    #[test]
    fn output_does_not_depend_on_thread_count() {
        let words: Vec<Vec<u64>> = (0..500u64).map(|i| vec![i % 37, i % 11, 5]).collect();
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| duplicates(&words))
        };
        let one = run(1);
        assert_eq!(one, run(3));
        // 37 · 11 = 407 distinct sequences, then copies of the first 93.
        assert_eq!(one.iter().filter(|d| d.is_none()).count(), 407);
        assert_eq!(one[407..], (0..93).map(Some).collect::<Vec<_>>());
    }
}
