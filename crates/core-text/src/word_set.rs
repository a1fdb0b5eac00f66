//! Sets of short words and lists of suffixes with cheap lookups: stop
//! words, function words and the quotation rules' vocabularies are asked
//! about every word of every article, where SipHash, lowercase copies and
//! linear scans of word lists showed up in profiles.

use std::sync::OnceLock;

use crate::normalize::normalize_into;

/// Words, looked up by their normalised form: an open-addressing table
/// hashed byte by byte, so that an ASCII word is looked up lowercased on
/// the fly, without a copy.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordSet {
    words: Vec<Box<str>>,
    /// Index + 1 into `words`, 0 for an empty slot; a power of two long.
    slots: Vec<u32>,
    /// Longest word in bytes: longer ASCII words cannot be members.
    max_len: usize,
    /// For each length in bytes, the ASCII first bytes of the members that
    /// long: most words are ruled out before hashing.
    starts: Vec<u128>,
}

impl WordSet {
    pub(crate) fn new<S: Into<Box<str>>>(words: impl IntoIterator<Item = S>) -> WordSet {
        let words: Vec<Box<str>> = words.into_iter().map(Into::into).collect();
        let mut set = WordSet {
            slots: vec![0; (words.len() * 4).next_power_of_two().max(8)],
            ..WordSet::default()
        };
        for word in words {
            set.insert(word);
        }
        set
    }

    /// Adds `word` unless present; whether it was added. Keeps the table at
    /// most a quarter full.
    pub(crate) fn insert(&mut self, word: impl Into<Box<str>>) -> bool {
        let word = word.into();
        if self.contains(&word) {
            return false;
        }
        if (self.words.len() + 1) * 4 > self.slots.len() {
            let words = std::mem::take(&mut self.words);
            self.slots = vec![0; (self.slots.len() * 2).max(8)];
            for old in words {
                self.push(old);
            }
        }
        self.push(word);
        true
    }

    fn push(&mut self, word: Box<str>) {
        self.max_len = self.max_len.max(word.len());
        if self.starts.len() <= word.len() {
            self.starts.resize(word.len() + 1, 0);
        }
        if let Some(&first) = word.as_bytes().first().filter(|b| b.is_ascii()) {
            self.starts[word.len()] |= 1 << first;
        }
        let slot = self.free_slot(hash(word.bytes()));
        self.words.push(word);
        self.slots[slot] = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
    }

    /// The insertion index of `word` (already normalised), if present.
    pub(crate) fn index_of(&self, word: &str) -> Option<usize> {
        let first = word.as_bytes().first().copied().unwrap_or(0x80);
        if word.len() > self.max_len || (first.is_ascii() && !self.may_start(word.len(), first)) {
            return None;
        }
        self.find(hash(word.bytes()), |w| w == word.as_bytes())
    }

    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether `word` (already normalised) is in the set.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.index_of(word).is_some()
    }

    /// Whether the [normalised](crate::normalize()) form of `surface` is in
    /// the set; `scratch` holds the normal form of non-ASCII words.
    pub(crate) fn contains_normalized(&self, surface: &str, scratch: &mut String) -> bool {
        if surface.is_ascii() {
            // ASCII normalises to its lowercase, of the same length.
            let lower = || surface.bytes().map(|b| b.to_ascii_lowercase());
            let first = surface.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
            return surface.len() <= self.max_len
                && self.may_start(surface.len(), first)
                && self
                    .find(hash(lower()), |w| w.iter().copied().eq(lower()))
                    .is_some();
        }
        scratch.clear();
        normalize_into(surface, scratch);
        self.contains(scratch)
    }

    /// Whether a member `len` bytes long may start with the ASCII byte `first`.
    fn may_start(&self, len: usize, first: u8) -> bool {
        len == 0 || self.starts.get(len).is_some_and(|s| s >> first & 1 == 1)
    }

    /// Probes from the slot of `hash` until `matches` accepts a word (its
    /// index) or an empty slot ends the search.
    fn find(&self, hash: u64, matches: impl Fn(&[u8]) -> bool) -> Option<usize> {
        if self.words.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            let index = (self.slots[slot] as usize).checked_sub(1)?;
            if matches(self.words[index].as_bytes()) {
                return Some(index);
            }
            slot = (slot + 1) & mask;
        }
    }

    fn free_slot(&self, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        while self.slots[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        slot
    }
}

/// FxHash (rustc's hasher) byte by byte, folded so the low bits used for
/// the slot depend on every byte; plenty for a few hundred fixed words.
fn hash(bytes: impl Iterator<Item = u8>) -> u64 {
    // Eight bytes per multiply: words are short, lookups many.
    let mut h = 0u64;
    let mut word = 0u64;
    let mut filled = 0;
    for b in bytes {
        word |= u64::from(b) << (8 * filled);
        filled += 1;
        if filled == 8 {
            h = mix64(h, word);
            (word, filled) = (0, 0);
        }
    }
    if filled > 0 {
        h = mix64(h, word);
    }
    h ^ (h >> 29)
}

fn mix64(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// A word list fixed at compile time, hashed on first use: the drop-in for
/// `LIST.contains(&word)` on lists asked about every token.
pub(crate) struct StaticWordSet {
    list: &'static [&'static str],
    set: OnceLock<WordSet>,
}

impl StaticWordSet {
    pub(crate) const fn new(list: &'static [&'static str]) -> StaticWordSet {
        StaticWordSet {
            list,
            set: OnceLock::new(),
        }
    }

    /// Whether `word` is on the list, exactly.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| WordSet::new(self.list.iter().copied()))
            .contains(word)
    }
}

/// Suffixes bucketed by their last byte and, within a bucket, ordered by
/// the byte before it, so that asking whether a word ends with one of them
/// compares only the few that end like the word in two bytes: German nouns
/// end in `-n` or `-r` so often that a bucket per last byte alone still
/// held a hundred suffixes to compare.
#[derive(Debug, Clone)]
pub(crate) struct SuffixList {
    /// By last byte.
    buckets: Vec<SuffixBucket>,
    has_empty: bool,
}

/// The suffixes of a [`SuffixList`] that end in one byte.
#[derive(Debug, Clone, Default)]
struct SuffixBucket {
    /// Whether that byte alone is a suffix.
    single: bool,
    /// The bytes before the last of the longer suffixes, as a bit set.
    before_last: [u64; 4],
    /// The longer suffixes, ordered by the byte before the last.
    suffixes: Vec<Box<str>>,
}

impl SuffixList {
    pub(crate) fn new<S: Into<Box<str>>>(suffixes: impl IntoIterator<Item = S>) -> SuffixList {
        let mut list = SuffixList {
            buckets: vec![SuffixBucket::default(); 256],
            has_empty: false,
        };
        for suffix in suffixes {
            let suffix: Box<str> = suffix.into();
            match *suffix.as_bytes() {
                [] => list.has_empty = true,
                [only] => list.buckets[usize::from(only)].single = true,
                [.., before, last] => {
                    let bucket = &mut list.buckets[usize::from(last)];
                    bucket.before_last[usize::from(before / 64)] |= 1 << (before % 64);
                    bucket.suffixes.push(suffix);
                }
            }
        }
        for bucket in &mut list.buckets {
            bucket.suffixes.sort_by_key(|s| before_last(s));
        }
        list
    }

    /// The suffixes of two bytes or more that end in `before`, `last`.
    #[inline]
    fn ending_in(&self, before: u8, last: u8) -> &[Box<str>] {
        let bucket = &self.buckets[usize::from(last)];
        if bucket.before_last[usize::from(before / 64)] >> (before % 64) & 1 == 0 {
            return &[];
        }
        let from = bucket.suffixes.partition_point(|s| before_last(s) < before);
        let to = bucket
            .suffixes
            .partition_point(|s| before_last(s) <= before);
        &bucket.suffixes[from..to]
    }

    /// Whether `word` ends with a suffix of the list and is at least
    /// `longer_by` bytes longer than it.
    pub(crate) fn matches(&self, word: &str, longer_by: usize) -> bool {
        let bytes = word.as_bytes();
        let fits = |len: usize| bytes.len() >= len + longer_by;
        if self.has_empty && fits(0) {
            return true;
        }
        let Some(&last) = bytes.last() else {
            return false;
        };
        if fits(1) && self.buckets[usize::from(last)].single {
            return true;
        }
        bytes.len() >= 2
            && self
                .ending_in(bytes[bytes.len() - 2], last)
                .iter()
                .any(|s| fits(s.len()) && word.ends_with(&**s))
    }

    /// Whether `word` (ASCII) ends with a suffix of the list once lowercased.
    pub(crate) fn matches_ascii_lowercase(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        if self.has_empty {
            return true;
        }
        let Some(last) = bytes.last().map(u8::to_ascii_lowercase) else {
            return false;
        };
        if self.buckets[usize::from(last)].single {
            return true;
        }
        let fits = |s: &str| {
            bytes.len() >= s.len()
                && bytes[bytes.len() - s.len()..]
                    .iter()
                    .zip(s.bytes())
                    .all(|(w, s)| w.to_ascii_lowercase() == s)
        };
        bytes.len() >= 2
            && self
                .ending_in(bytes[bytes.len() - 2].to_ascii_lowercase(), last)
                .iter()
                .any(|s| fits(s))
    }
}

/// The byte before the last of a suffix at least two bytes long.
fn before_last(suffix: &str) -> u8 {
    let bytes = suffix.as_bytes();
    bytes[bytes.len() - 2]
}

/// A [`SuffixList`] fixed at compile time, built on first use.
pub(crate) struct StaticSuffixList {
    build: fn() -> SuffixList,
    list: OnceLock<SuffixList>,
}

impl StaticSuffixList {
    /// Suffixes that `build` lists.
    pub(crate) const fn new(build: fn() -> SuffixList) -> StaticSuffixList {
        StaticSuffixList {
            build,
            list: OnceLock::new(),
        }
    }

    pub(crate) fn get(&self) -> &SuffixList {
        self.list.get_or_init(self.build)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_normalise_the_surface() {
        let set = WordSet::new(["und", "über", "daß"]);
        let mut scratch = String::new();
        assert!(set.contains("und"));
        assert!(set.contains_normalized("UND", &mut scratch));
        assert!(set.contains_normalized("Über", &mut scratch));
        assert!(set.contains_normalized("U\u{308}ber", &mut scratch));
        assert!(!set.contains_normalized("Undank", &mut scratch));
        assert!(!set.contains_normalized("", &mut scratch));
        assert!(!WordSet::default().contains_normalized("und", &mut scratch));
        let empty = WordSet::new(["", "x"]);
        assert!(empty.contains("") && empty.contains_normalized("", &mut scratch));
        assert!(!set.contains("") && !set.contains_normalized("", &mut scratch));
        assert_eq!(set.len(), 3);
        let many = WordSet::new((0..500).map(|i| format!("w{i}")));
        assert!((0..500).all(|i| many.contains(&format!("w{i}"))));
        assert!(!many.contains("w500"));
        assert_eq!(WordSet::new(["a", "a"]).len(), 1);
        let mut grown = WordSet::default();
        assert!((0..100).all(|i| grown.insert(format!("x{i}"))));
        assert!(!grown.insert("x7"));
        assert_eq!(grown.index_of("x7"), Some(7));
        assert_eq!(grown.index_of("x100"), None);
    }

    #[test]
    fn suffix_lists_agree_with_ends_with() {
        // Suffixes sharing their last two bytes (`ten`, `en`), one byte
        // long, and ending in a non-ASCII letter.
        let suffixes = ["ung", "heit", "ät", "s", "ten", "en"];
        let list = SuffixList::new(suffixes);
        for word in [
            "Präsidenten",
            "GARTEN",
            "Garten",
            "en",
            "n",
            "Zeitung",
            "zeitung",
            "ung",
            "Qualität",
            "QUALITÄT",
            "Hauses",
            "",
            "x",
        ] {
            for longer_by in 0..3 {
                let expected = suffixes
                    .iter()
                    .any(|s| word.len() >= s.len() + longer_by && word.ends_with(s));
                assert_eq!(list.matches(word, longer_by), expected, "{word:?}");
            }
            if word.is_ascii() {
                let lower = word.to_lowercase();
                let expected = suffixes.iter().any(|s| lower.ends_with(s));
                assert_eq!(list.matches_ascii_lowercase(word), expected, "{word:?}");
            }
        }
        assert!(SuffixList::new([""]).matches("x", 1));
        assert!(!SuffixList::new([""]).matches("x", 2));
    }
}
