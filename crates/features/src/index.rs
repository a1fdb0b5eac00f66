//! Indexing words at corpus scale: everything the analysis needs to know
//! about a word depends on its normalised form alone, so it is computed once
//! per distinct word and thread (its term key, its hash for shared-passage
//! detection, the lexicon pattern words it satisfies), and term keys get
//! provisional ids from one shared interner. Final column ids come later, in
//! sorted key order, so nothing depends on which thread saw a word first.

use std::sync::Mutex;

use core_text::{Analyzer, Document, Token, TokenKind};
use rustc_hash::FxHashMap;

use crate::frames::{FrameMatcher, WordId};

/// What a distinct normalised word is to the analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordInfo {
    /// Provisional id of its term key, `None` when it is not counted (stop
    /// word, number, too short).
    pub term: Option<u32>,
    /// 64-bit FNV-1a hash of the normalised form (shared-passage detection).
    pub hash: u64,
    /// The lexicon pattern words it satisfies (empty without a lexicon).
    pub frame_words: Box<[WordId]>,
}

/// Term keys to provisional ids, shared by all threads.
#[derive(Debug, Default)]
struct Interner {
    ids: FxHashMap<Box<str>, u32>,
    keys: Vec<Box<str>>,
}

/// Per-thread caches from normalised word to [`WordInfo`], and the shared
/// key interner.
pub struct WordIndex<'a> {
    analyzer: &'a Analyzer,
    matcher: Option<&'a FrameMatcher<'a>>,
    interner: Mutex<Interner>,
    caches: Vec<Mutex<FxHashMap<Box<str>, WordInfo>>>,
}

impl<'a> WordIndex<'a> {
    /// An empty index for `analyzer` (and `matcher`, to find frames).
    pub fn new(analyzer: &'a Analyzer, matcher: Option<&'a FrameMatcher<'a>>) -> WordIndex<'a> {
        let threads = rayon::current_num_threads().max(1) + 1;
        WordIndex {
            analyzer,
            matcher,
            interner: Mutex::new(Interner::default()),
            caches: (0..threads)
                .map(|_| Mutex::new(FxHashMap::default()))
                .collect(),
        }
    }

    /// Calls `f` with the [`WordInfo`] of every token of `doc`, in order.
    ///
    /// Uses the calling rayon thread's cache (a lock no other thread takes),
    /// so documents can be indexed in parallel.
    pub fn with_words<R>(&self, doc: &Document, f: impl FnOnce(&[&WordInfo]) -> R) -> R {
        let slot = rayon::current_thread_index().map_or(self.caches.len() - 1, |i| {
            i % (self.caches.len() - 1).max(1)
        });
        let mut cache = self.caches[slot].lock().expect("word cache lock");
        for token in &doc.tokens {
            if !cache.contains_key(token.norm.as_str()) {
                let info = self.word_info(token);
                cache.insert(token.norm.as_str().into(), info);
            }
        }
        let words: Vec<&WordInfo> = doc.tokens.iter().map(|t| &cache[t.norm.as_str()]).collect();
        f(&words)
    }

    fn word_info(&self, token: &Token) -> WordInfo {
        let term = self.analyzer.key(token).map(|key| {
            let mut interner = self.interner.lock().expect("interner lock");
            if let Some(&id) = interner.ids.get(key.as_str()) {
                return id;
            }
            let id = interner.keys.len() as u32;
            interner.keys.push(key.as_str().into());
            interner.ids.insert(key.into_boxed_str(), id);
            id
        });
        WordInfo {
            term,
            hash: fnv1a(&token.norm),
            frame_words: self
                .matcher
                .map_or_else(Vec::new, |m| m.word_matches(&token.norm))
                .into_boxed_slice(),
        }
    }

    /// The key of provisional id `id`.
    pub fn key(&self, id: u32) -> String {
        self.interner.lock().expect("interner lock").keys[id as usize].to_string()
    }

    /// All keys by provisional id.
    pub fn into_keys(self) -> Vec<Box<str>> {
        self.interner.into_inner().expect("interner lock").keys
    }

    /// Number of distinct keys so far.
    pub fn n_keys(&self) -> usize {
        self.interner.lock().expect("interner lock").keys.len()
    }
}

/// 64-bit FNV-1a: small, fixed and platform-independent, so hashes (and
/// what is found with them) are the same on every machine.
pub fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The counted terms of one article: provisional ids in text order and the
/// token each comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTerms {
    /// Provisional term ids, in text order.
    pub terms: Vec<u32>,
    /// Index into [`Document::tokens`] of each.
    pub tokens: Vec<u32>,
}

impl DocTerms {
    /// The counted terms among `words` (one [`WordInfo`] per token).
    pub fn from_words(words: &[&WordInfo]) -> DocTerms {
        let mut out = DocTerms::default();
        for (i, w) in words.iter().enumerate() {
            if let Some(term) = w.term {
                out.terms.push(term);
                out.tokens.push(i as u32);
            }
        }
        out
    }
}

/// Whether a token is a word the surface-form labels should count (every
/// counted term's token is).
pub fn is_word(token: &Token) -> bool {
    token.kind == TokenKind::Word
}

#[cfg(test)]
mod tests {
    use super::*;
    use core_text::{AnalyzerConfig, TextConfig};

    #[test]
    fn each_distinct_word_is_analysed_once_and_ids_are_shared() {
        let analyzer = Analyzer::new(&AnalyzerConfig::default());
        let index = WordIndex::new(&analyzer, None);
        let a = Document::analyze(
            "Die Gespräche und die Gespräche.".into(),
            &TextConfig::default(),
        );
        let b = Document::analyze("Gespräch über Garantien.".into(), &TextConfig::default());
        let terms_a = index.with_words(&a, DocTerms::from_words);
        let terms_b = index.with_words(&b, DocTerms::from_words);
        assert_eq!(terms_a.terms, [0, 0]);
        assert_eq!(terms_a.tokens, [1, 4]);
        assert_eq!(terms_b.terms, [0, 1]);
        assert_eq!(index.key(1), "garanti");
        assert_eq!(index.n_keys(), 2);
    }

    #[test]
    fn fnv_is_fixed() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
