//! Fingerprints of an article: hashed word shingles thinned out by
//! winnowing, so that every long enough shared run keeps a shared fingerprint
//! while only about `2 / (w + 1)` of the shingles are stored.

use core_text::Token;

/// FNV-1a 64-bit offset basis.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a 64-bit prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
/// Ends every token in a shingle's hash input: the byte never occurs in
/// UTF-8, so `["ab", "c"]` and `["a", "bc"]` hash differently.
const TOKEN_END: u8 = 0xff;

/// The hash of the shingle made of `tokens`: 64-bit FNV-1a over the UTF-8
/// bytes of each token's normalised form, each followed by the byte `0xff`.
///
/// Fixed and platform-independent (no random keys), so fingerprints, and
/// with them which fingerprints are skipped, are the same on every run.
pub(super) fn shingle_hash(tokens: &[Token]) -> u64 {
    let mut hash = FNV_OFFSET;
    for token in tokens {
        for &byte in token.norm.as_bytes().iter().chain([&TOKEN_END]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(FNV_PRIME);
        }
    }
    hash
}

/// One selected shingle: its hash and the index of its first token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Fingerprint {
    /// [`shingle_hash`] of the shingle.
    pub hash: u64,
    /// Index of the shingle's first token in the article.
    pub position: u32,
}

/// The winnowed fingerprints of `tokens`, in token order.
///
/// Winnowing (Schleimer, Wilkerson & Aiken 2003): in every window of
/// `window` consecutive shingles the smallest hash is selected, the
/// rightmost one on ties, and each selected shingle is kept once. Two
/// articles sharing a run of `shingle + window - 1` tokens share a whole
/// window, and so select the same shingle in it: the run has a fingerprint
/// at the same place in both. An article with fewer than `window` shingles
/// is one short window. Position-for-position ties (rather than "robust"
/// winnowing) keep that guarantee also in repetitive text.
pub(super) fn fingerprints(tokens: &[Token], shingle: usize, window: usize) -> Vec<Fingerprint> {
    debug_assert!(shingle > 0 && window > 0);
    if tokens.len() < shingle {
        return Vec::new();
    }
    let hashes: Vec<u64> = tokens.windows(shingle).map(shingle_hash).collect();
    winnow(&hashes, window)
}

/// Winnowing over precomputed shingle hashes.
fn winnow(hashes: &[u64], window: usize) -> Vec<Fingerprint> {
    let window = window.min(hashes.len());
    let mut selected: Vec<Fingerprint> = Vec::with_capacity(2 * hashes.len() / (window + 1) + 1);
    // Candidates for the minimum, hashes increasing from front to back: a
    // newer hash that is not larger makes every older one useless, and
    // dropping older equal ones is what picks the rightmost minimum.
    let mut queue = std::collections::VecDeque::with_capacity(window);
    for (i, &hash) in hashes.iter().enumerate() {
        while queue.back().is_some_and(|&j| hashes[j] >= hash) {
            queue.pop_back();
        }
        queue.push_back(i);
        if queue.front().is_some_and(|&j| j + window <= i) {
            queue.pop_front();
        }
        if i + 1 >= window {
            let best = queue[0];
            let position = u32::try_from(best).expect("article longer than u32::MAX tokens");
            if selected.last().is_none_or(|last| last.position != position) {
                selected.push(Fingerprint {
                    hash: hashes[best],
                    position,
                });
            }
        }
    }
    selected
}

#[cfg(test)]
mod tests {
    use super::*;

    use core_text::{Document, TextConfig};

    fn tokens(text: &str) -> Vec<Token> {
        Document::analyze(text.into(), &TextConfig::default()).tokens
    }

    /// Reference winnowing straight from the definition.
    fn naive(hashes: &[u64], window: usize) -> Vec<(u64, u32)> {
        if hashes.is_empty() {
            return Vec::new();
        }
        let window = window.min(hashes.len());
        let mut out: Vec<(u64, u32)> = Vec::new();
        for start in 0..hashes.len().saturating_sub(window - 1) {
            let slice = &hashes[start..start + window];
            let min = *slice.iter().min().unwrap();
            let at = start + slice.iter().rposition(|&h| h == min).unwrap();
            if out.last().is_none_or(|&(_, p)| p as usize != at) {
                out.push((min, at as u32));
            }
        }
        out
    }

    fn check_winnow(hashes: &[u64], window: usize, expected: &[u32]) {
        let got: Vec<(u64, u32)> = winnow(hashes, window)
            .iter()
            .map(|f| (f.hash, f.position))
            .collect();
        assert_eq!(got, naive(hashes, window), "{hashes:?} w={window}");
        let positions: Vec<u32> = got.iter().map(|&(_, p)| p).collect();
        assert_eq!(positions, expected, "{hashes:?} w={window}");
    }

    #[test]
    fn winnowing_selects_rightmost_minimum_per_window() {
        // The example of Schleimer et al. (2003), figure 2 (e) and (f).
        let paper = [
            77, 74, 42, 17, 98, 50, 17, 98, 8, 88, 67, 39, 77, 74, 42, 17, 98,
        ];
        check_winnow(&paper, 4, &[3, 6, 8, 11, 15]);
        check_winnow(&[5, 5, 5, 5, 5], 2, &[1, 2, 3, 4]);
        check_winnow(&[3, 2, 1], 1, &[0, 1, 2]);
        check_winnow(&[3, 1, 2], 8, &[1]);
        check_winnow(&[], 4, &[]);
    }

    #[test]
    fn winnowing_matches_the_definition_on_pseudo_random_hashes() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for window in 1..7 {
            let hashes: Vec<u64> = (0..200)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state % 16
                })
                .collect();
            assert_eq!(
                winnow(&hashes, window)
                    .iter()
                    .map(|f| (f.hash, f.position))
                    .collect::<Vec<_>>(),
                naive(&hashes, window)
            );
        }
    }

    #[test]
    fn hash_is_fnv1a_and_separates_tokens() {
        // FNV-1a 64 of the bytes "a\xff": a fixed value on every platform.
        let expected = [b'a', 0xff].iter().fold(FNV_OFFSET, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
        });
        assert_eq!(shingle_hash(&tokens("a")), expected);
        assert_eq!(shingle_hash(&tokens("a")), 0x089b_c907_b544_c769);
        assert_ne!(shingle_hash(&tokens("ab c")), shingle_hash(&tokens("a bc")));
        assert_eq!(
            shingle_hash(&tokens("Der NATO-Rat.")),
            shingle_hash(&tokens("der nato-rat"))
        );
    }

    #[test]
    fn short_articles_have_one_window_or_none() {
        let few = tokens("eins zwei drei vier");
        assert_eq!(fingerprints(&few, 8, 4), []);
        assert_eq!(fingerprints(&few, 2, 4).len(), 1);
        assert_eq!(fingerprints(&few, 4, 1).len(), 1);
    }
}
