//! How the search sees an article's words: values it compares for equality
//! (the word hashes themselves, or ids into one table of them, half the
//! size) and the 64-bit hashes its fingerprints are made of.

use std::borrow::Cow;

/// A kind of word value, and how to get a word's hash from it.
pub(super) trait WordKind: Sync {
    /// One word: equal words have equal values, and only they.
    type Word: Copy + Eq + Send + Sync;
    /// The 64-bit hashes of `words`, in order.
    fn hashes<'a>(&self, words: &'a [Self::Word]) -> Cow<'a, [u64]>;
}

/// Words given as their hashes.
pub(super) struct Hashed;

impl WordKind for Hashed {
    type Word = u64;

    fn hashes<'a>(&self, words: &'a [u64]) -> Cow<'a, [u64]> {
        Cow::Borrowed(words)
    }
}

/// Words given as ids into a table of distinct hashes: word `i` hashes to
/// `table[i]`.
pub(super) struct HashTable<'t>(pub &'t [u64]);

impl WordKind for HashTable<'_> {
    type Word = u32;

    fn hashes<'a>(&self, words: &'a [u32]) -> Cow<'a, [u64]> {
        Cow::Owned(words.iter().map(|&id| self.0[id as usize]).collect())
    }
}
