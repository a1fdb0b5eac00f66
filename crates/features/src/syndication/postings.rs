//! The postings the index is made of: every fingerprint of every article
//! with where it occurs, made for one range of fingerprint values in
//! memory, or for all ranges in one pass with each range spilled to its own
//! scratch file.
//!
//! A large corpus is indexed range by range so that at most one range's
//! postings are held at once. Fingerprinting the whole corpus again for
//! every range made the search's cost grow with the square of the corpus
//! (16 ranges, each two passes of fingerprinting, at a million articles);
//! one pass that writes each posting to its range's file grows linearly and
//! reads each file back once.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use rayon::prelude::*;

use super::fingerprint::for_each_fingerprint;
use super::params::ValidSyndicationParams;
use super::word_kind::WordKind;

/// One occurrence of a fingerprint. Fields are ordered so that sorting
/// postings sorts by fingerprint, then article, then position.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Posting {
    pub hash: u64,
    pub article: u32,
    pub position: u32,
}

/// Bytes of a posting in a range's file: the hash, the article and the
/// position, little-endian.
const RECORD: usize = 16;

impl Posting {
    fn to_bytes(self) -> [u8; RECORD] {
        let mut bytes = [0; RECORD];
        bytes[..8].copy_from_slice(&self.hash.to_le_bytes());
        bytes[8..12].copy_from_slice(&self.article.to_le_bytes());
        bytes[12..].copy_from_slice(&self.position.to_le_bytes());
        bytes
    }

    fn from_bytes(bytes: &[u8; RECORD]) -> Posting {
        let word = |range: std::ops::Range<usize>| -> u32 {
            u32::from_le_bytes(bytes[range].try_into().expect("four bytes"))
        };
        Posting {
            hash: u64::from_le_bytes(bytes[..8].try_into().expect("eight bytes")),
            article: word(8..12),
            position: word(12..16),
        }
    }
}

/// Every article's fingerprints whose hash `keep` accepts, as postings, in
/// article then position order: counted first, then written into one exact
/// allocation, so the largest structure of the search is never held twice.
pub(super) fn all_postings<K: WordKind>(
    words: &[&[K::Word]],
    kind: &K,
    params: &ValidSyndicationParams,
    keep: impl Fn(u64) -> bool + Sync,
) -> Vec<Posting> {
    let counts: Vec<usize> = words
        .par_iter()
        .enumerate()
        .map(|(article, w)| {
            let mut count = 0;
            for_each_posting(w, article, kind, params, |p| {
                count += usize::from(keep(p.hash));
            });
            count
        })
        .collect();
    let mut postings = vec![Posting::default(); counts.iter().sum()];
    let mut slots: Vec<&mut [Posting]> = Vec::with_capacity(words.len());
    let mut rest = postings.as_mut_slice();
    for &count in &counts {
        let (slot, tail) = std::mem::take(&mut rest).split_at_mut(count);
        slots.push(slot);
        rest = tail;
    }
    slots
        .into_par_iter()
        .zip(words.par_iter())
        .enumerate()
        .for_each(|(article, (slot, w))| {
            let mut slot = slot.iter_mut();
            for_each_posting(w, article, kind, params, |p| {
                if keep(p.hash) {
                    *slot.next().expect("as many fingerprints as counted") = p;
                }
            });
        });
    postings
}

/// Each fingerprint of article `article` (its `words`) as a posting, in
/// position order.
///
/// # Panics
///
/// With an article number above `u32::MAX`.
fn for_each_posting<K: WordKind>(
    words: &[K::Word],
    article: usize,
    kind: &K,
    params: &ValidSyndicationParams,
    mut f: impl FnMut(Posting),
) {
    let article = u32::try_from(article).expect("more than u32::MAX articles");
    let (shingle, window) = (params.shingle(), params.window());
    for_each_fingerprint(&kind.hashes(words), shingle, window, |fingerprint| {
        f(Posting {
            hash: fingerprint.hash,
            article,
            position: fingerprint.position,
        });
        true
    });
}

/// Which of `2^bits` ranges a fingerprint value falls in: its leading bits.
pub(super) fn range_of(hash: u64, bits: u32) -> u64 {
    if bits == 0 { 0 } else { hash >> (64 - bits) }
}

/// One range's postings on disk, in article then position order.
pub(super) struct RangeFile {
    file: File,
    postings: usize,
}

impl RangeFile {
    /// Reads the range's postings into `out`, replacing what it held: one
    /// buffer serves every range, where an allocation per range left the
    /// last one's memory to the allocator while the next was read.
    pub(super) fn read_into(mut self, out: &mut Vec<Posting>) -> io::Result<()> {
        self.file.seek(SeekFrom::Start(0))?;
        let mut reader = BufReader::with_capacity(BUFFER, self.file);
        out.clear();
        out.reserve_exact(self.postings);
        let mut record = [0; RECORD];
        for _ in 0..self.postings {
            reader.read_exact(&mut record)?;
            out.push(Posting::from_bytes(&record));
        }
        Ok(())
    }
}

/// Buffer of each range's file, for writing and reading.
const BUFFER: usize = 1 << 20;

/// Articles fingerprinted together before their postings are written: a
/// few megabytes of postings.
const ARTICLES_PER_BATCH: usize = 4096;

/// Every article's fingerprints in one pass, each written to the scratch
/// file of its range (`2^bits` ranges, by [`range_of`]).
///
/// # Panics
///
/// With more than `u32::MAX` articles.
pub(super) fn spill_by_range<K: WordKind>(
    words: &[&[K::Word]],
    kind: &K,
    params: &ValidSyndicationParams,
    bits: u32,
) -> io::Result<Vec<RangeFile>> {
    let mut files = (0..1u64 << bits)
        .map(|_| Ok((BufWriter::with_capacity(BUFFER, tempfile::tempfile()?), 0)))
        .collect::<io::Result<Vec<(BufWriter<File>, usize)>>>()?;
    for start in (0..words.len()).step_by(ARTICLES_PER_BATCH) {
        let end = (start + ARTICLES_PER_BATCH).min(words.len());
        let batch: Vec<Vec<Posting>> = (start..end)
            .into_par_iter()
            .map(|article| {
                let mut postings = Vec::new();
                for_each_posting(words[article], article, kind, params, |p| postings.push(p));
                postings
            })
            .collect();
        for posting in batch.iter().flatten() {
            let (file, count) = &mut files[range_of(posting.hash, bits) as usize];
            file.write_all(&posting.to_bytes())?;
            *count += 1;
        }
    }
    files
        .into_iter()
        .map(|(file, postings)| {
            let file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
            Ok(RangeFile { file, postings })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syndication::params::short_test_params;
    use crate::syndication::word_kind::Hashed;

    #[test]
    fn a_posting_reads_back_as_written() {
        let posting = Posting {
            hash: 0x0123_4567_89ab_cdef,
            article: 4_000_000_000,
            position: 7,
        };
        assert_eq!(Posting::from_bytes(&posting.to_bytes()), posting);
    }

    #[test]
    fn spilled_ranges_hold_the_postings_of_each_range() {
        let words: Vec<Vec<u64>> = (0..9u64)
            .map(|a| (0..50).map(|i| (a * 7 + i * 13) % 23).collect())
            .collect();
        let slices: Vec<&[u64]> = words.iter().map(Vec::as_slice).collect();
        let params = short_test_params();
        for bits in 1..=3 {
            let files = spill_by_range(&slices, &Hashed, &params, bits).unwrap();
            assert_eq!(files.len(), 1 << bits);
            let mut read = vec![Posting::default(); 3];
            for (range, file) in files.into_iter().enumerate() {
                let want = all_postings(&slices, &Hashed, &params, |h| {
                    range_of(h, bits) == range as u64
                });
                file.read_into(&mut read).unwrap();
                assert_eq!(read, want, "{bits} bits, range {range}");
            }
        }
    }
}
