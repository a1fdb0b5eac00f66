//! Indexing words at corpus scale: everything the analysis needs to know
//! about a word depends on its normalised form alone, so it is computed once
//! per distinct word and thread (its term key, its hash for shared-passage
//! detection, the lexicon pattern words it satisfies), and term keys get
//! provisional ids from one shared interner. Final column ids come later, in
//! sorted key order, so nothing depends on which thread saw a word first.

use std::sync::Mutex;

use core_text::{Analyzer, Document, Span, Token, TokenKind, normalize_token, scan_token_spans};
use rustc_hash::FxHashMap;

use crate::frames::{FrameMatcher, WordId};
use crate::labels::LabelCounts;

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

/// One thread's words, built for a lookup per token: a hash table of small
/// entries that hold all a counting caller needs (where the word is stored,
/// its slot, its term), over the words stored end to end, rather than a map
/// of owned strings. A lookup touches the table and the word's bytes only.
#[derive(Default)]
struct WordCache {
    table: hashbrown::HashTable<CachedWord>,
    /// Each slot's word, end to end.
    words: String,
    /// Each slot's hash (to grow the table) and analysis.
    hashes: Vec<u64>,
    infos: Vec<WordInfo>,
    /// Each slot's surface forms with their counts, for the labels (only
    /// for counted words; a word has one to three forms, so a short list).
    forms: Vec<Vec<(Box<str>, u64)>>,
    /// Surfaces met by [`WordIndex::text_terms`], with their terms: a
    /// token's term depends on its surface alone, so a surface seen before
    /// needs no normalising (most tokens of a corpus).
    surfaces: hashbrown::HashTable<CachedSurface>,
    /// The surfaces longer than [`INLINE_SURFACE`] bytes, end to end.
    surface_text: String,
    /// Scratch space for the norm of a new surface.
    norm: String,
}

/// A surface in a [`WordCache`]'s surface table.
#[derive(Debug, Clone, Copy)]
struct CachedSurface {
    /// A short surface's bytes, zero-padded ([`SurfaceKey::Short`]); for a
    /// longer one, the first four bytes say where it is in
    /// [`WordCache::surface_text`].
    bytes: [u8; INLINE_SURFACE],
    len: u32,
    /// Its token's term, [`NOT_COUNTED`] for none.
    term: u32,
}

/// Surfaces up to this many bytes live in their table entry, so looking one
/// up reads the entry and nothing else (no second cache miss, no `memcmp`):
/// 98 % of the tokens of 10kGNAD.
const INLINE_SURFACE: usize = 16;

/// What a surface is looked up by.
#[derive(Clone, Copy)]
enum SurfaceKey<'t> {
    /// Up to [`INLINE_SURFACE`] bytes, zero-padded.
    Short([u8; INLINE_SURFACE]),
    Long(&'t str),
}

impl<'t> SurfaceKey<'t> {
    /// The key of the token at `span` of `text`.
    #[inline]
    fn of(text: &'t str, span: Span) -> SurfaceKey<'t> {
        let bytes = text.as_bytes();
        let len = span.end - span.start;
        if len > INLINE_SURFACE {
            return SurfaceKey::Long(span.of(text));
        }
        // One 16-byte load and a mask where the text goes on long enough.
        let packed = match bytes.get(span.start..span.start + INLINE_SURFACE) {
            Some(window) => {
                let word = u128::from_le_bytes(window.try_into().expect("16 bytes"));
                let mask = u128::MAX
                    .checked_shr(8 * (INLINE_SURFACE - len) as u32)
                    .unwrap_or(0);
                (word & mask).to_le_bytes()
            }
            None => {
                let mut packed = [0; INLINE_SURFACE];
                packed[..len].copy_from_slice(&bytes[span.start..span.end]);
                packed
            }
        };
        SurfaceKey::Short(packed)
    }

    /// The hash the surface is stored under: of the padded bytes as one
    /// number when short, of the string when long.
    #[inline]
    fn hash(&self) -> u64 {
        match self {
            SurfaceKey::Short(packed) => short_surface_hash(packed),
            SurfaceKey::Long(surface) => word_hash(surface),
        }
    }
}

/// The hash of a short surface's padded bytes.
#[inline]
fn short_surface_hash(packed: &[u8; INLINE_SURFACE]) -> u64 {
    use std::hash::BuildHasher as _;
    rustc_hash::FxBuildHasher.hash_one(u128::from_le_bytes(*packed))
}

impl CachedSurface {
    /// Whether this entry holds the surface `key` of `len` bytes.
    #[inline]
    fn holds(&self, key: &SurfaceKey<'_>, len: usize, stored: &str) -> bool {
        self.len as usize == len
            && match key {
                SurfaceKey::Short(packed) => self.bytes == *packed,
                SurfaceKey::Long(surface) => self.long_surface(stored) == *surface,
            }
    }

    /// A long surface's place in `stored`.
    fn long_surface<'s>(&self, stored: &'s str) -> &'s str {
        let start = u32::from_le_bytes(self.bytes[..4].try_into().expect("4 bytes"));
        stored_str(stored, start, self.len)
    }

    /// The hash it was stored under (to grow the table).
    fn hash(&self, stored: &str) -> u64 {
        if self.len as usize <= INLINE_SURFACE {
            short_surface_hash(&self.bytes)
        } else {
            word_hash(self.long_surface(stored))
        }
    }
}

/// A word in a [`WordCache`]'s table.
#[derive(Debug, Clone, Copy)]
struct CachedWord {
    /// Where its normalised form is in [`WordCache::words`].
    start: u32,
    len: u32,
    /// Index into the cache's per-slot vectors.
    slot: u32,
    /// [`WordInfo::term`], [`NOT_COUNTED`] for `None`.
    term: u32,
}

/// [`CachedWord::term`] of a word that is not counted.
const NOT_COUNTED: u32 = u32::MAX;

impl WordCache {
    fn count_form(&mut self, slot: u32, surface: &str) {
        let slot = slot as usize;
        if self.forms.len() <= slot {
            self.forms.resize_with(self.infos.len(), Vec::new);
        }
        let forms = &mut self.forms[slot];
        match forms.iter_mut().find(|(form, _)| &**form == surface) {
            Some((_, n)) => *n += 1,
            None => forms.push((surface.into(), 1)),
        }
    }

    /// Whether `entry` holds the word `norm`.
    #[inline]
    fn holds(&self, entry: &CachedWord, norm: &str) -> bool {
        let start = entry.start as usize;
        entry.len as usize == norm.len()
            && &self.words.as_bytes()[start..start + norm.len()] == norm.as_bytes()
    }
}

/// The hash of a word or surface in a thread's cache tables.
#[inline]
fn word_hash(word: &str) -> u64 {
    use std::hash::BuildHasher as _;
    rustc_hash::FxBuildHasher.hash_one(word)
}

/// The stored string at `start..start + len` of `text`.
#[inline]
fn stored_str(text: &str, start: u32, len: u32) -> &str {
    &text[start as usize..(start + len) as usize]
}

/// Per-thread caches from normalised word to [`WordInfo`], and the shared
/// key interner.
pub struct WordIndex<'a> {
    analyzer: &'a Analyzer,
    matcher: Option<&'a FrameMatcher<'a>>,
    interner: Mutex<Interner>,
    caches: Vec<Mutex<WordCache>>,
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
                .map(|_| Mutex::new(WordCache::default()))
                .collect(),
        }
    }

    /// Calls `f` with the [`WordInfo`] of every token of `doc`, in order.
    ///
    /// Uses the calling rayon thread's cache (a lock no other thread takes),
    /// so documents can be indexed in parallel.
    pub fn with_words<R>(&self, doc: &Document, f: impl FnOnce(&[&WordInfo]) -> R) -> R {
        self.index_document(doc, false, f)
    }

    /// The provisional term ids of `text`'s counted words, in text order:
    /// [`with_words`](Self::with_words) and [`DocTerms::from_words`] for a
    /// caller that needs only the counts, without building a [`Document`]
    /// or a `String` per token.
    ///
    /// ```
    /// use core_text::{Analyzer, AnalyzerConfig};
    /// let analyzer = Analyzer::new(&AnalyzerConfig::default());
    /// let index = features::WordIndex::new(&analyzer, None);
    /// let terms = index.text_terms("Die Gespräche, die Gespräche und ein Gespräch.");
    /// assert_eq!(terms, [0, 0, 0]);
    /// assert_eq!(index.key(0), "gesprach");
    /// ```
    pub fn text_terms(&self, text: &str) -> Vec<u32> {
        let mut guard = self.thread_cache();
        let cache = &mut *guard;
        let mut terms = Vec::with_capacity(text.len() / 12);
        scan_token_spans(text, Span::new(0, text.len()), |span, parts| {
            let term = self.surface_term(cache, text, span, parts);
            if term != NOT_COUNTED {
                terms.push(term);
            }
        });
        terms
    }

    /// The term of the token at `span` (with compound `parts`) of `text`,
    /// from the surface table, or normalised and looked up by its norm if
    /// the surface is new.
    #[inline]
    fn surface_term(&self, cache: &mut WordCache, text: &str, span: Span, parts: &[Span]) -> u32 {
        let key = SurfaceKey::of(text, span);
        let len = span.end - span.start;
        let hash = key.hash();
        let stored = &cache.surface_text;
        if let Some(found) = cache.surfaces.find(hash, |e| e.holds(&key, len, stored)) {
            return found.term;
        }
        let surface = span.of(text);
        let mut norm = std::mem::take(&mut cache.norm);
        let kind = normalize_token(surface, &mut norm);
        let term = self
            .entry(cache, &norm, || Token {
                span,
                norm: norm.clone(),
                kind,
                parts: parts.to_vec(),
            })
            .term;
        cache.norm = norm;
        let bytes = match key {
            SurfaceKey::Short(packed) => packed,
            SurfaceKey::Long(_) => {
                let start =
                    u32::try_from(cache.surface_text.len()).expect("surface cache under 4 GiB");
                cache.surface_text.push_str(surface);
                let mut bytes = [0; INLINE_SURFACE];
                bytes[..4].copy_from_slice(&start.to_le_bytes());
                bytes
            }
        };
        let entry = CachedSurface {
            bytes,
            len: len as u32,
            term,
        };
        let stored = &cache.surface_text;
        cache
            .surfaces
            .insert_unique(hash, entry, |e| e.hash(stored));
        term
    }

    /// [`with_words`](Self::with_words), also counting the surface form of
    /// every counted token for the term labels, in the calling thread's
    /// tally (a short list of forms per distinct word: no tally per article,
    /// no hashing of surfaces). [`labels`](Self::labels) adds them up.
    pub fn with_words_counting_labels<R>(
        &self,
        doc: &Document,
        f: impl FnOnce(&[&WordInfo]) -> R,
    ) -> R {
        self.index_document(doc, true, f)
    }

    /// The words of `doc` from the thread's cache, their surface forms
    /// counted when `count_labels`, handed to `f`.
    fn index_document<R>(
        &self,
        doc: &Document,
        count_labels: bool,
        f: impl FnOnce(&[&WordInfo]) -> R,
    ) -> R {
        let mut cache = self.thread_cache();
        let slots: Vec<u32> = doc
            .tokens
            .iter()
            .map(|token| {
                self.entry(&mut cache, token.norm.as_str(), || token.clone())
                    .slot
            })
            .collect();
        if count_labels {
            for (token, &slot) in doc.tokens.iter().zip(&slots) {
                if cache.infos[slot as usize].term.is_some() {
                    cache.count_form(slot, token.span.of(&doc.text));
                }
            }
        }
        let words: Vec<&WordInfo> = slots.iter().map(|&s| &cache.infos[s as usize]).collect();
        f(&words)
    }

    /// The surface forms counted by
    /// [`with_words_counting_labels`](Self::with_words_counting_labels) on
    /// every thread (sums, so the same whatever the thread count). Takes the
    /// tallies: a second call starts from empty ones.
    pub fn labels(&self) -> LabelCounts {
        let mut all = LabelCounts::default();
        for cache in &self.caches {
            let mut cache = cache.lock().expect("word cache lock");
            let forms = std::mem::take(&mut cache.forms);
            for (slot, forms) in forms.into_iter().enumerate() {
                let Some(term) = cache.infos[slot].term else {
                    continue;
                };
                for (surface, n) in forms {
                    all.add_count(term, &surface, n);
                }
            }
        }
        all
    }

    /// The calling rayon thread's cache.
    fn thread_cache(&self) -> std::sync::MutexGuard<'_, WordCache> {
        let slot = rayon::current_thread_index().map_or(self.caches.len() - 1, |i| {
            i % (self.caches.len() - 1).max(1)
        });
        self.caches[slot].lock().expect("word cache lock")
    }

    /// The cache entry of the word `norm`, analysed (from `token()`) if new.
    #[inline]
    fn entry(
        &self,
        cache: &mut WordCache,
        norm: &str,
        token: impl FnOnce() -> Token,
    ) -> CachedWord {
        let hash = word_hash(norm);
        if let Some(&entry) = cache.table.find(hash, |entry| cache.holds(entry, norm)) {
            return entry;
        }
        let info = self.word_info(&token());
        let entry = CachedWord {
            start: u32::try_from(cache.words.len()).expect("word cache under 4 GiB"),
            len: norm.len() as u32,
            slot: cache.infos.len() as u32,
            term: info.term.unwrap_or(NOT_COUNTED),
        };
        cache.infos.push(info);
        cache.words.push_str(norm);
        cache.hashes.push(hash);
        let hashes = &cache.hashes;
        cache
            .table
            .insert_unique(hash, entry, |e| hashes[e.slot as usize]);
        entry
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
        // Sized exactly: a corpus keeps these lists of every article until
        // counting, and growth by doubling would leave a third unused.
        let counted = words.iter().filter(|w| w.term.is_some()).count();
        let mut out = DocTerms {
            terms: Vec::with_capacity(counted),
            tokens: Vec::with_capacity(counted),
        };
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
    fn text_terms_equal_the_document_path() {
        let analyzer = Analyzer::new(&AnalyzerConfig::default());
        let text = "Die NATO-Osterweiterung ist für Moskau eine „rote Linie“, sagte Lawrow \
                    am 13.01.2022. Die Sicherheitsgarantien, die Garantien: Dialog statt Krieg.";
        let by_text = WordIndex::new(&analyzer, None);
        let by_doc = WordIndex::new(&analyzer, None);
        let doc = Document::analyze(text.into(), &TextConfig::default());
        let terms = by_text.text_terms(text);
        assert_eq!(terms, by_doc.with_words(&doc, DocTerms::from_words).terms);
        assert_eq!(by_text.into_keys(), by_doc.into_keys());
    }

    #[test]
    fn surfaces_give_the_terms_of_their_norms() {
        // Case and spelling variants of one word, compounds joined by
        // different hyphens, soft hyphens, numbers, stop words at a
        // sentence start: on the first pass each surface is normalised, on
        // the second every one comes from the surface table.
        let analyzer = Analyzer::new(&AnalyzerConfig::default());
        let text = "Die Gespräche. GESPRÄCHE, gespräche und Gespra\u{308}che! \
                    NATO-Osterweiterung, NATO\u{2011}Osterweiterung, nato-osterweiterung; \
                    Sicher\u{ad}heits\u{200b}garantien 2021 13.01.2022 Kurz- und \
                    Mittelstreckenraketen. Die die DIE fest.Wie Straße STRASSE ÄUSSERST";
        let doc = Document::analyze(text.into(), &TextConfig::default());
        let by_doc = WordIndex::new(&analyzer, None);
        let expected = by_doc.with_words(&doc, DocTerms::from_words).terms;
        let by_text = WordIndex::new(&analyzer, None);
        assert_eq!(by_text.text_terms(text), expected);
        assert_eq!(by_text.text_terms(text), expected);
        assert_eq!(by_text.into_keys(), by_doc.into_keys());
        // Same surfaces after different first sightings: the term follows.
        let index = WordIndex::new(&analyzer, None);
        let once = index.text_terms("GESPRÄCHE Gespräche");
        assert_eq!(once[0], once[1]);
    }

    #[test]
    fn short_and_long_surfaces_are_told_apart() {
        // Surfaces on both sides of the 16 bytes a table entry holds: three
        // that share their first 16 bytes, umlauts across the limit, and a
        // last word with no 16-byte window after it.
        let analyzer = Analyzer::new(&AnalyzerConfig::default());
        let text = "Bundesverfassung Bundesverfassungsgericht Bundesverfassungsschutz \
                    Abrüstungsgespräch Abrüstungsgespräche Kurs, Kurz Kurs. Bündnisse Bündnis";
        let doc = Document::analyze(text.into(), &TextConfig::default());
        let expected = WordIndex::new(&analyzer, None)
            .with_words(&doc, DocTerms::from_words)
            .terms;
        let index = WordIndex::new(&analyzer, None);
        // First from the norms, then from the surface table.
        assert_eq!(index.text_terms(text), expected);
        assert_eq!(index.text_terms(text), expected);
        let keys: Vec<String> = expected[..3].iter().map(|&t| index.key(t)).collect();
        assert_eq!(
            keys,
            [
                "bundesverfass",
                "bundesverfassungsgericht",
                "bundesverfassungsschutz"
            ]
        );
        assert_ne!(expected[5], expected[6], "Kurs and Kurz");
        // A surface is one entry wherever it stands (only its own bytes
        // are kept): nine distinct surfaces in ten tokens.
        let cache = index.caches.last().unwrap().lock().unwrap();
        assert_eq!(cache.surfaces.len(), 9);
    }

    #[test]
    fn words_keep_their_slots_as_the_table_grows() {
        let analyzer = Analyzer::new(&AnalyzerConfig::default());
        let index = WordIndex::new(&analyzer, None);
        // Enough distinct words to make the table grow many times.
        let text: String = (0..5_000).map(|i| format!("wort{i}x ")).collect();
        let first = index.text_terms(&text);
        assert_eq!(first.len(), 5_000);
        assert_eq!(index.text_terms(&text), first);
        assert_eq!(index.n_keys(), 5_000);
        assert_eq!(index.key(first[4_321]), analyzer.stem("wort4321x"));
    }

    #[test]
    fn labels_add_up_over_documents_and_threads() {
        let analyzer = Analyzer::new(&AnalyzerConfig::default());
        let index = WordIndex::new(&analyzer, None);
        let docs = [
            "Gespräche über Gespräche.",
            "Die Gespräche, das Gespräch.",
            "Gespräch!",
        ]
        .map(|t| Document::analyze(t.into(), &TextConfig::default()));
        // One document on the calling thread, two on rayon's.
        index.with_words_counting_labels(&docs[0], DocTerms::from_words);
        rayon::scope(|scope| {
            for doc in &docs[1..] {
                let index = &index;
                scope.spawn(move |_| {
                    index.with_words_counting_labels(doc, DocTerms::from_words);
                });
            }
        });
        // "Gespräche" 3 times, "Gespräch" twice: the label is the former.
        assert_eq!(index.labels().labels(1), ["Gespräche"]);
        // Counted once: a second call finds the tallies empty.
        assert_eq!(index.labels().labels(1), [""]);
    }

    #[test]
    fn fnv_is_fixed() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
