//! Fingerprints of an article: hashed word shingles thinned out by
//! winnowing, so that every long enough shared run keeps a shared fingerprint
//! while only about `2 / (w + 1)` of the shingles are stored.

/// Multiplier of the shingle polynomial: ⌊2^64 / φ⌋, odd, so multiplying by
/// it loses no bits mod 2^64.
const BASE: u64 = 0x9e37_79b9_7f4a_7c15;

/// MurmurHash3's 64-bit finaliser (`fmix64`): a bijection on `u64` that lets
/// every input bit reach every output bit.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The polynomial `Σ words[i] · BASE^(n-1-i) mod 2^64`, `n = words.len()`.
fn polynomial(words: &[u64]) -> u64 {
    words
        .iter()
        .fold(0, |h: u64, &w| h.wrapping_mul(BASE).wrapping_add(w))
}

/// The hash of the shingle (or any sequence) made of the word hashes `words`:
///
/// `fmix64(Σ words[i] · BASE^(n-1-i) mod 2^64)`, with `n = words.len()`,
/// `BASE = 0x9e37_79b9_7f4a_7c15` and `fmix64` MurmurHash3's finaliser.
///
/// All wrapping `u64` arithmetic on the word hashes' values (not on their
/// bytes), so it is fixed and platform-independent: fingerprints, and with
/// them which fingerprints are skipped, are the same on every machine and
/// run. The polynomial form lets [`shingle_hashes`] roll from one shingle to
/// the next in constant time, whatever the shingle length. Nothing relies
/// on the hash being strong: equal shingles always hash equally, which is
/// all winnowing's guarantee needs, and every match is verified word by
/// word. A collision only costs a wasted candidate, or, if it falls on a
/// skipped common fingerprint, may skip one more run.
pub(super) fn shingle_hash(words: &[u64]) -> u64 {
    mix(polynomial(words))
}

/// [`shingle_hash`] of every shingle of `shingle` words, by start (empty
/// when there are fewer words).
pub(super) fn shingle_hashes(words: &[u64], shingle: usize) -> Vec<u64> {
    debug_assert!(shingle > 0);
    if words.len() < shingle {
        return Vec::new();
    }
    // BASE^(shingle - 1): the weight of the word that leaves the shingle.
    let top = (1..shingle).fold(1, |p: u64, _| p.wrapping_mul(BASE));
    let mut raw = polynomial(&words[..shingle]);
    let mut out = Vec::with_capacity(words.len() - shingle + 1);
    out.push(mix(raw));
    for (&leaving, &entering) in words.iter().zip(&words[shingle..]) {
        raw = raw
            .wrapping_sub(leaving.wrapping_mul(top))
            .wrapping_mul(BASE)
            .wrapping_add(entering);
        out.push(mix(raw));
    }
    out
}

/// One selected shingle: its hash and the index of its first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fingerprint {
    /// [`shingle_hash`] of the shingle.
    pub hash: u64,
    /// Index of the shingle's first word in the article.
    pub position: u32,
}

/// Calls `f` with each winnowed fingerprint of the word hashes `words`, in
/// text order, until it returns `false`.
///
/// Winnowing (Schleimer, Wilkerson & Aiken 2003): in every window of
/// `window` consecutive shingles the smallest hash is selected, the
/// rightmost one on ties, and each selected shingle is kept once. Two
/// articles sharing a run of `shingle + window - 1` words share a whole
/// window, and so select the same shingle in it: the run has a fingerprint
/// at the same place in both. An article with fewer than `window` shingles
/// is one short window. Position-for-position ties (rather than "robust"
/// winnowing) keep that guarantee also in repetitive text.
///
/// # Panics
///
/// With more than `u32::MAX` words.
pub(super) fn for_each_fingerprint(
    words: &[u64],
    shingle: usize,
    window: usize,
    f: impl FnMut(Fingerprint) -> bool,
) {
    debug_assert!(shingle > 0 && window > 0);
    winnow_with(&shingle_hashes(words, shingle), window, f);
}

/// All the fingerprints [`for_each_fingerprint`] passes on.
pub(super) fn fingerprints(words: &[u64], shingle: usize, window: usize) -> Vec<Fingerprint> {
    let mut out = Vec::new();
    for_each_fingerprint(words, shingle, window, |f| {
        out.push(f);
        true
    });
    out
}

/// Winnowing over precomputed shingle hashes, each selection passed to `f`
/// until it returns `false`.
fn winnow_with(hashes: &[u64], window: usize, mut f: impl FnMut(Fingerprint) -> bool) {
    let window = window.min(hashes.len());
    // Candidates for the minimum, hashes increasing from front to back: a
    // newer hash that is not larger makes every older one useless, and
    // dropping older equal ones is what picks the rightmost minimum.
    let mut queue = std::collections::VecDeque::with_capacity(window);
    let mut last = None;
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
            if last != Some(best) {
                last = Some(best);
                let position = u32::try_from(best).expect("article longer than u32::MAX tokens");
                let fingerprint = Fingerprint {
                    hash: hashes[best],
                    position,
                };
                if !f(fingerprint) {
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use core_text::{Document, TextConfig};

    use crate::syndication::token_hashes;

    fn words(text: &str) -> Vec<u64> {
        token_hashes(&Document::analyze(text.into(), &TextConfig::default()))
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

    fn winnow(hashes: &[u64], window: usize) -> Vec<Fingerprint> {
        let mut out = Vec::new();
        winnow_with(hashes, window, |f| {
            out.push(f);
            true
        });
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

    /// A fixed pseudo-random sequence (xorshift64).
    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
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
            let hashes: Vec<u64> = (0..200).map(|_| xorshift(&mut state) % 16).collect();
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
    fn hash_is_fixed_and_follows_the_normalised_words() {
        // fmix64 of the polynomial: fixed values on every platform.
        assert_eq!(mix(0), 0);
        assert_eq!(shingle_hash(&[1]), mix(1));
        assert_eq!(shingle_hash(&[1, 2]), mix(BASE.wrapping_add(2)));
        assert_eq!(shingle_hash(&[1, 2]), 0xf8f7_6353_b6d8_77c5);
        assert_eq!(shingle_hash(&words("a")), 0x82a2_a958_a9be_ce5b);
        assert_ne!(shingle_hash(&words("ab c")), shingle_hash(&words("a bc")));
        assert_ne!(shingle_hash(&words("a b")), shingle_hash(&words("b a")));
        assert_eq!(
            shingle_hash(&words("Der NATO-Rat.")),
            shingle_hash(&words("der nato-rat"))
        );
    }

    #[test]
    fn rolled_hashes_equal_direct_ones() {
        let mut state = 0x0123_4567_89ab_cdef_u64;
        let words: Vec<u64> = (0..100).map(|_| xorshift(&mut state)).collect();
        for shingle in [1, 2, 3, 8, 99, 100] {
            let direct: Vec<u64> = words.windows(shingle).map(shingle_hash).collect();
            assert_eq!(shingle_hashes(&words, shingle), direct, "shingle {shingle}");
        }
        assert_eq!(shingle_hashes(&words, 101), []);
        // Tiny word hashes (ids, say) work too.
        let ids = [0, 1, 0, 1, 2, 0, 1];
        let direct: Vec<u64> = ids.windows(3).map(shingle_hash).collect();
        assert_eq!(shingle_hashes(&ids, 3), direct);
    }

    #[test]
    fn short_articles_have_one_window_or_none() {
        let few = words("eins zwei drei vier");
        assert_eq!(fingerprints(&few, 8, 4), []);
        assert_eq!(fingerprints(&few, 2, 4).len(), 1);
        assert_eq!(fingerprints(&few, 4, 1).len(), 1);
    }

    #[test]
    fn fingerprints_can_be_stopped_early() {
        let words: Vec<u64> = (0..50).collect();
        let all = fingerprints(&words, 3, 2);
        let mut seen = Vec::new();
        for_each_fingerprint(&words, 3, 2, |f| {
            seen.push(f);
            seen.len() < 5
        });
        assert_eq!(seen, all[..5]);
    }
}
