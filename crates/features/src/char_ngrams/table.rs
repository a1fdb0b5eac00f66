//! The n-gram table of a vocabulary: its distinct n-grams in sorted order and each term's
//! n-grams with their counts. Cut into one string per n-gram, a vocabulary of 38,000
//! terms (1.1 million n-grams, 147,000 distinct) took 0.30 s, a third of counting the
//! n-grams of 100,000 articles; n-grams of up to [`PACKED_CHARS`] characters (the default
//! range is 3 to 5) are packed into one integer each instead, ordered as their strings
//! (0.11 s). A leaf:
//! the model (`char_ngrams`) and its projection read the table, not the other way round.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// The n-grams of one word padded with a space on each side, shortest first, as
/// scikit-learn's `_char_wb_ngrams` (once a window covers the whole padded word, it is given once and longer n are skipped).
pub fn char_wb_ngrams(word: &str, min_n: usize, max_n: usize) -> Vec<String> {
    let mut out = Vec::new();
    for_each_window(word, min_n, max_n, |window| {
        out.push(window.iter().collect())
    });
    out
}

/// Calls `each` with every n-gram of [`char_wb_ngrams`], as characters, in its order.
fn for_each_window(word: &str, min_n: usize, max_n: usize, mut each: impl FnMut(&[char])) {
    let padded: Vec<char> = std::iter::once(' ')
        .chain(word.chars())
        .chain(std::iter::once(' '))
        .collect();
    for n in min_n..=max_n {
        if padded.len() <= n {
            // scikit-learn stops once a window covers the whole padded word.
            each(&padded);
            break;
        }
        padded.windows(n).for_each(&mut each);
    }
}

/// Each term's n-grams with how often they occur in it, terms one after the other: plain
/// slices, read for every term of every article when counting document frequencies (all
/// n-grams) and when weighting (the kept ones).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TermNgrams {
    /// Where each term's entries start; one more than there are terms.
    pub(super) starts: Vec<usize>,
    /// (n-gram column, count in the term): columns of all n-grams in the fit's table,
    /// of the kept ones in the model's.
    pub(super) entries: Vec<(u32, f32)>,
}

impl TermNgrams {
    /// The n-grams of `term`; none for a term past the fitted ones.
    pub(super) fn of(&self, term: usize) -> &[(u32, f32)] {
        match (self.starts.get(term), self.starts.get(term + 1)) {
            (Some(&from), Some(&to)) => &self.entries[from..to],
            _ => &[],
        }
    }
}

/// Characters one packed n-gram holds: six fields of 21 bits (a code point plus one, so
/// that an empty field, 0, sorts before every character) fill 126 of 128 bits.
pub(super) const PACKED_CHARS: usize = 6;

const FIELD_BITS: u32 = 21;
const FIELD_MASK: u128 = (1 << FIELD_BITS) - 1;

/// The distinct n-grams of a vocabulary and each term's n-grams.
#[derive(Debug, PartialEq)]
pub(super) struct NgramTable {
    /// Distinct n-grams, sorted as strings (byte order, which is code point order).
    pub ngrams: Vec<String>,
    /// Each term's (column in `ngrams`, count in the term), columns increasing.
    pub terms: TermNgrams,
}

/// The table of `terms` for n-grams of `min_n..=max_n` characters, as
/// [`char_wb_ngrams`] cuts them.
pub(super) fn ngram_table(terms: &[String], min_n: usize, max_n: usize) -> NgramTable {
    if max_n <= PACKED_CHARS {
        packed(terms, min_n, max_n)
    } else {
        by_string(terms, min_n, max_n)
    }
}

/// Packs up to [`PACKED_CHARS`] characters, first character in the highest field: the
/// integers sort as the strings do (a prefix first).
fn pack(chars: &[char]) -> u128 {
    debug_assert!(chars.len() <= PACKED_CHARS);
    chars.iter().enumerate().fold(0, |key, (i, &c)| {
        let shift = FIELD_BITS * (PACKED_CHARS - 1 - i) as u32;
        key | (u128::from(c) + 1) << shift
    })
}

fn unpack(key: u128) -> String {
    (0..PACKED_CHARS)
        .map(|i| (key >> (FIELD_BITS * (PACKED_CHARS - 1 - i) as u32)) & FIELD_MASK)
        .take_while(|&field| field != 0)
        .filter_map(|field| char::from_u32(field as u32 - 1))
        .collect()
}

/// [`char_wb_ngrams`] of one term, packed, sorted and counted.
fn packed_term(term: &str, min_n: usize, max_n: usize) -> Vec<(u128, f32)> {
    let mut keys = Vec::new();
    for_each_window(term, min_n, max_n, |window| keys.push(pack(window)));
    keys.sort_unstable();
    let mut counted: Vec<(u128, f32)> = Vec::with_capacity(keys.len());
    for key in keys {
        match counted.last_mut() {
            // A count within one term is below its length: exact in f32.
            Some((last, count)) if *last == key => *count += 1.0,
            _ => counted.push((key, 1.0)),
        }
    }
    counted
}

fn packed(terms: &[String], min_n: usize, max_n: usize) -> NgramTable {
    let per_term: Vec<Vec<(u128, f32)>> = terms
        .par_iter()
        .map(|term| packed_term(term, min_n, max_n))
        .collect();
    let mut all: Vec<u128> = per_term.iter().flatten().map(|&(key, _)| key).collect();
    all.par_sort_unstable();
    all.dedup();
    let columns: Vec<Vec<(u32, f32)>> = per_term
        .par_iter()
        .map(|grams| {
            grams
                .iter()
                .map(|&(key, count)| {
                    let column = all.binary_search(&key).expect("every key is in the table");
                    (column as u32, count)
                })
                .collect()
        })
        .collect();
    drop(per_term);
    let mut table = TermNgrams {
        starts: Vec::with_capacity(terms.len() + 1),
        entries: Vec::with_capacity(columns.iter().map(Vec::len).sum()),
    };
    table.starts.push(0);
    for grams in columns {
        table.entries.extend(grams);
        table.starts.push(table.entries.len());
    }
    NgramTable {
        ngrams: all.par_iter().map(|&key| unpack(key)).collect(),
        terms: table,
    }
}

/// The table with one string per n-gram, for n-grams longer than a packed key holds.
fn by_string(terms: &[String], min_n: usize, max_n: usize) -> NgramTable {
    let per_term: Vec<FxHashMap<String, f64>> = terms
        .par_iter()
        .map(|term| {
            let mut grams = FxHashMap::default();
            for gram in char_wb_ngrams(term, min_n, max_n) {
                *grams.entry(gram).or_insert(0.0) += 1.0;
            }
            grams
        })
        .collect();
    let mut all: Vec<&str> = per_term
        .iter()
        .flat_map(|g| g.keys().map(String::as_str))
        .collect();
    all.par_sort_unstable();
    all.dedup();
    let column: FxHashMap<&str, u32> = all
        .iter()
        .enumerate()
        .map(|(i, g)| (*g, i as u32))
        .collect();
    let mut table = TermNgrams {
        starts: vec![0],
        entries: Vec::new(),
    };
    for grams in &per_term {
        let mut row: Vec<(u32, f32)> = grams
            .iter()
            // A count within one term is below its length: exact in f32.
            .map(|(g, &c)| (column[g.as_str()], c as f32))
            .collect();
        row.sort_unstable_by_key(|&(g, _)| g);
        table.entries.extend(row);
        table.starts.push(table.entries.len());
    }
    NgramTable {
        ngrams: all.iter().map(|&g| g.to_owned()).collect(),
        terms: table,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_keys_sort_as_their_strings() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "b",
            "z",
            "ä",
            "ß",
            "ü ",
            " a",
            "日本",
            "😀",
            "\u{10FFFF}",
        ];
        let mut by_key: Vec<&str> = words.to_vec();
        by_key.sort_by_key(|w| pack(&w.chars().collect::<Vec<_>>()));
        let mut by_string = words.to_vec();
        by_string.sort();
        assert_eq!(by_key, by_string);
        for word in words {
            assert_eq!(unpack(pack(&word.chars().collect::<Vec<_>>())), word);
        }
    }

    #[test]
    fn packed_and_string_tables_agree() {
        let terms: Vec<String> = [
            "a",
            "ab",
            "kris",
            "krise",
            "flüchtlingskris",
            "straße",
            "ü",
            "日本語",
            "😀x",
            "aaaaaaaa",
            "abab",
            "",
            "nato-gipfel",
        ]
        .map(String::from)
        .to_vec();
        for (min_n, max_n) in [(3, 5), (1, 6), (2, 2), (6, 6), (1, 1)] {
            let packed = packed(&terms, min_n, max_n);
            assert_eq!(
                packed,
                by_string(&terms, min_n, max_n),
                "({min_n}, {max_n})"
            );
            assert!(!packed.ngrams.is_empty());
        }
        // Longer n-grams take the string path.
        let long = ngram_table(&terms, 3, 7);
        assert!(long.ngrams.iter().any(|g| g.chars().count() == 7));
    }
}
