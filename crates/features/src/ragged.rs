//! Many short lists of numbers kept end to end in large blocks instead of
//! one allocation each, and past a size spilled to a scratch file.
//!
//! A million articles' token lists are millions of small allocations that
//! live among others: once freed, the allocator can give few of their pages
//! back to the system. Large blocks go back whole. A store made with
//! [`Ragged::spilling`] also writes each full block of the largest size to
//! an anonymous scratch file (in the system's temporary folder, `TMPDIR`;
//! it has no name and vanishes when the store is dropped or the process
//! ends), so a corpus of any size holds at most one block of it in memory.
//! Reading goes through the operating system's page cache, which the
//! system can reclaim, not through the process's own memory.
//!
//! ```
//! use features::ragged::Ragged;
//!
//! let mut lists = Ragged::spilling();
//! lists.push(&[3, 1, 4]).unwrap();
//! lists.push(&[]).unwrap();
//! lists.push(&[1, 5]).unwrap();
//! assert_eq!(&*lists.get(2), &[1, 5]);
//! let chunk = lists.chunk(0..2);
//! assert_eq!(chunk.get(0), &[3, 1, 4]);
//! ```

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// The largest block, in elements (64 MiB): large enough that the allocator
/// maps each block on its own and unmaps it when it is freed, and the unit
/// of spilling.
const MAX_BLOCK: usize = 1 << 24;

/// The first block, in elements; each next one doubles, up to
/// [`MAX_BLOCK`], so a small corpus reserves little and never spills
/// (spilling starts past about 64 M elements held).
const FIRST_BLOCK: usize = 1 << 12;

/// The largest block of the stores [`Ragged::spilling`] makes from now on.
static SPILL_BLOCK: AtomicUsize = AtomicUsize::new(MAX_BLOCK);

/// Makes the stores that [`Ragged::spilling`] creates from now on spill
/// blocks of `elements` (at least 1): tests run a whole analysis of a small
/// corpus through the scratch file with it. The lists, and so every
/// result, are the same at any block size.
#[doc(hidden)]
pub fn set_spill_block(elements: usize) {
    SPILL_BLOCK.store(elements.max(1), Ordering::SeqCst);
}

/// Lists read together by the callers that walk a whole store (counting,
/// the tokens table, lexicon suggestions): a few tens of megabytes of a
/// million articles' lists at a time, and enough of them to share among
/// threads.
pub const LISTS_PER_CHUNK: usize = 16_384;

/// The scratch file, shared by clones of a store: blocks once written are
/// never changed, and each new one is written past the end it reserves.
#[derive(Debug)]
struct Scratch {
    file: File,
    end: AtomicU64,
}

#[derive(Debug, Clone)]
enum Block {
    /// In memory, with room to grow while it is the last block.
    Held(Vec<u32>),
    /// In the scratch file: `len` elements from byte `offset`.
    Spilled { offset: u64, len: usize },
}

/// Lists of `u32`, by number, stored end to end in blocks.
#[derive(Debug, Clone)]
pub struct Ragged {
    blocks: Vec<Block>,
    /// Per list: its block, its start in the block, its length.
    lists: Vec<(u32, u32, u32)>,
    /// Whether full blocks go to the scratch file.
    spill: bool,
    scratch: Option<Arc<Scratch>>,
    /// [`MAX_BLOCK`], but smaller in tests so that they spill quickly.
    max_block: usize,
}

impl Default for Ragged {
    fn default() -> Ragged {
        Ragged {
            blocks: Vec::new(),
            lists: Vec::new(),
            spill: false,
            scratch: None,
            max_block: MAX_BLOCK,
        }
    }
}

impl PartialEq for Ragged {
    /// The same lists, wherever they are stored.
    fn eq(&self, other: &Ragged) -> bool {
        self.len() == other.len() && (0..self.len()).all(|i| self.get(i) == other.get(i))
    }
}

impl Ragged {
    /// A store that keeps every block in memory.
    pub fn new() -> Ragged {
        Ragged::default()
    }

    /// A store that writes each full block of the largest size to a scratch
    /// file and keeps only the last, growing one in memory.
    pub fn spilling() -> Ragged {
        Ragged {
            spill: true,
            max_block: SPILL_BLOCK.load(Ordering::SeqCst),
            ..Ragged::default()
        }
    }

    /// Adds `list` as the next list.
    ///
    /// # Errors
    ///
    /// When a full block cannot be written to the scratch file (the
    /// temporary folder is full or not writable).
    ///
    /// # Panics
    ///
    /// With more than `u32::MAX` blocks, or a list of more than `u32::MAX`
    /// elements.
    pub fn push(&mut self, list: &[u32]) -> io::Result<()> {
        let fits = matches!(
            self.blocks.last(),
            Some(Block::Held(b)) if b.capacity() - b.len() >= list.len()
        );
        if !fits {
            let next = match self.blocks.last() {
                Some(Block::Held(b)) => (b.capacity() * 2).min(self.max_block),
                Some(Block::Spilled { .. }) => self.max_block,
                None => FIRST_BLOCK.min(self.max_block),
            };
            self.spill_last()?;
            self.blocks
                .push(Block::Held(Vec::with_capacity(next.max(list.len()))));
        }
        let block = self.blocks.len() - 1;
        let Some(Block::Held(stored)) = self.blocks.last_mut() else {
            unreachable!("the last block is held")
        };
        let start = stored.len();
        stored.extend_from_slice(list);
        let number = |n: usize| u32::try_from(n).expect("a list or block count within u32");
        self.lists
            .push((number(block), number(start), number(list.len())));
        Ok(())
    }

    /// Writes the last block to the scratch file when the store spills and
    /// the block is of the largest size (or a single longer list).
    fn spill_last(&mut self) -> io::Result<()> {
        let Some(Block::Held(block)) = self.blocks.last() else {
            return Ok(());
        };
        if !self.spill || block.capacity() < self.max_block {
            return Ok(());
        }
        let scratch = match &self.scratch {
            Some(scratch) => scratch,
            None => self.scratch.insert(Arc::new(Scratch {
                file: tempfile::tempfile()?,
                end: AtomicU64::new(0),
            })),
        };
        let bytes = (block.len() * 4) as u64;
        let offset = scratch.end.fetch_add(bytes, Ordering::SeqCst);
        // Written a piece at a time: the block in bytes would be another
        // 64 MiB at once.
        let mut buffer = Vec::with_capacity(1 << 20);
        let mut at = offset;
        for piece in block.chunks(1 << 18) {
            buffer.clear();
            buffer.extend(piece.iter().flat_map(|v| v.to_le_bytes()));
            write_all_at(&scratch.file, &buffer, at)?;
            at += buffer.len() as u64;
        }
        let len = block.len();
        *self.blocks.last_mut().expect("a last block") = Block::Spilled { offset, len };
        Ok(())
    }

    /// Elements `range` of block `block`, borrowed when held, read when
    /// spilled.
    ///
    /// # Panics
    ///
    /// When the scratch file this store wrote can no longer be read.
    fn elements(&self, block: usize, range: Range<usize>) -> Cow<'_, [u32]> {
        match &self.blocks[block] {
            Block::Held(held) => Cow::Borrowed(&held[range]),
            Block::Spilled { offset, len } => {
                debug_assert!(range.end <= *len);
                let scratch = self.scratch.as_ref().expect("a spilled block has a file");
                let mut bytes = vec![0u8; range.len() * 4];
                read_exact_at(&scratch.file, &mut bytes, offset + range.start as u64 * 4)
                    .expect("the scratch file written by this run can be read back");
                Cow::Owned(
                    bytes
                        .chunks_exact(4)
                        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                        .collect(),
                )
            }
        }
    }

    /// List `i`: borrowed when its block is in memory, read from the
    /// scratch file when not.
    ///
    /// # Panics
    ///
    /// When there is no list `i`, or the scratch file can no longer be read.
    pub fn get(&self, i: usize) -> Cow<'_, [u32]> {
        let (block, start, len) = self.lists[i];
        let start = start as usize;
        self.elements(block as usize, start..start + len as usize)
    }

    /// The length of list `i`, without reading it.
    pub fn list_len(&self, i: usize) -> usize {
        self.lists[i].2 as usize
    }

    /// Lists `range`, read from the scratch file a block's stretch at a
    /// time rather than a list at a time.
    ///
    /// # Panics
    ///
    /// When `range` reaches past the last list, or the scratch file can no
    /// longer be read.
    pub fn chunk(&self, range: Range<usize>) -> Chunk<'_> {
        let lists = &self.lists[range.clone()];
        let mut parts = Vec::new();
        let mut at = 0;
        while at < lists.len() {
            let block = lists[at].0;
            let same = lists[at..].partition_point(|l| l.0 == block);
            let (first, last) = (lists[at], lists[at + same - 1]);
            let stretch = first.1 as usize..(last.1 + last.2) as usize;
            parts.push(Part {
                first_list: range.start + at,
                first_element: first.1,
                elements: self.elements(block as usize, stretch),
            });
            at += same;
        }
        Chunk {
            lists: &self.lists,
            range,
            parts,
        }
    }

    /// Every list in runs of at most `per_chunk` lists, in order.
    pub fn chunks(&self, per_chunk: usize) -> impl Iterator<Item = Chunk<'_>> + '_ {
        chunk_ranges(self.len(), per_chunk).map(|range| self.chunk(range))
    }

    /// The number of lists.
    pub fn len(&self) -> usize {
        self.lists.len()
    }

    /// Whether there is no list.
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// How many elements are in memory and how many in the scratch file.
    pub fn held_and_spilled(&self) -> (usize, usize) {
        self.blocks
            .iter()
            .fold((0, 0), |(held, spilled), block| match block {
                Block::Held(b) => (held + b.len(), spilled),
                Block::Spilled { len, .. } => (held, spilled + len),
            })
    }
}

/// Lists by number, however they are stored: what counting reads.
pub trait ListSource: Sync {
    /// The number of lists.
    fn n_lists(&self) -> usize;

    /// Calls `each` with lists `range`, in order.
    fn each_in(&self, range: Range<usize>, each: &mut dyn FnMut(&[u32]));
}

impl ListSource for Ragged {
    fn n_lists(&self) -> usize {
        self.len()
    }

    fn each_in(&self, range: Range<usize>, each: &mut dyn FnMut(&[u32])) {
        self.chunk(range).iter().for_each(each);
    }
}

impl ListSource for [Vec<u32>] {
    fn n_lists(&self) -> usize {
        self.len()
    }

    fn each_in(&self, range: Range<usize>, each: &mut dyn FnMut(&[u32])) {
        self[range].iter().for_each(|list| each(list));
    }
}

impl ListSource for Vec<Vec<u32>> {
    fn n_lists(&self) -> usize {
        self.len()
    }

    fn each_in(&self, range: Range<usize>, each: &mut dyn FnMut(&[u32])) {
        self.as_slice().each_in(range, each);
    }
}

/// `0..n` in consecutive ranges of at most `per_chunk` (at least one).
pub fn chunk_ranges(n: usize, per_chunk: usize) -> impl Iterator<Item = Range<usize>> {
    let per_chunk = per_chunk.max(1);
    (0..n)
        .step_by(per_chunk)
        .map(move |start| start..(start + per_chunk).min(n))
}

/// One block's stretch of a [`Chunk`].
#[derive(Debug)]
struct Part<'a> {
    first_list: usize,
    first_element: u32,
    elements: Cow<'a, [u32]>,
}

/// Consecutive lists of a [`Ragged`], in memory together.
#[derive(Debug)]
pub struct Chunk<'a> {
    lists: &'a [(u32, u32, u32)],
    range: Range<usize>,
    parts: Vec<Part<'a>>,
}

impl Chunk<'_> {
    /// List `i`, numbered as in the store.
    ///
    /// # Panics
    ///
    /// When list `i` is not in the chunk.
    pub fn get(&self, i: usize) -> &[u32] {
        assert!(self.range.contains(&i), "list {i} is not in the chunk");
        let part = &self.parts[self.parts.partition_point(|p| p.first_list <= i) - 1];
        let (_, start, len) = self.lists[i];
        let start = (start - part.first_element) as usize;
        &part.elements[start..start + len as usize]
    }

    /// The lists it holds, numbered as in the store.
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    /// Its lists, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[u32]> + '_ {
        self.range().map(|i| self.get(i))
    }
}

#[cfg(unix)]
fn write_all_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(unix)]
fn read_exact_at(file: &File, bytes: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(windows)]
fn write_all_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    let mut done = 0;
    while done < bytes.len() {
        match file.seek_write(&bytes[done..], offset + done as u64)? {
            0 => return Err(io::ErrorKind::WriteZero.into()),
            n => done += n,
        }
    }
    Ok(())
}

#[cfg(windows)]
fn read_exact_at(file: &File, bytes: &mut [u8], offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    let mut done = 0;
    while done < bytes.len() {
        match file.seek_read(&mut bytes[done..], offset + done as u64)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => done += n,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Vec<Vec<u32>> {
        (0..3000u32)
            .map(|i| (0..i % 17).map(|k| i * 31 + k).collect())
            .chain([vec![7; FIRST_BLOCK * 3], vec![], vec![1, 2]])
            .collect()
    }

    #[test]
    fn lists_come_back_as_they_went_in_across_blocks() {
        let lists = lists();
        let mut ragged = Ragged::new();
        for list in &lists {
            ragged.push(list).unwrap();
        }
        assert_eq!(ragged.len(), lists.len());
        assert!(ragged.blocks.len() > 2);
        for (i, list) in lists.iter().enumerate() {
            assert_eq!(&*ragged.get(i), list.as_slice());
            assert_eq!(ragged.list_len(i), list.len());
        }
        // Blocks double up to the largest, and a longer list gets its own.
        assert!(ragged.blocks.iter().all(
            |b| matches!(b, Block::Held(b) if b.capacity() <= MAX_BLOCK.max(FIRST_BLOCK * 3))
        ));
        assert_eq!(ragged.held_and_spilled().1, 0);
    }

    #[test]
    fn spilled_lists_read_back_the_same_by_list_and_by_chunk() {
        // Blocks of at most 1,000 elements, so that many of them spill.
        const SMALL: usize = 1000;
        let lists: Vec<Vec<u32>> = (0..700u32)
            .map(|i| {
                let len = if i % 7 == 3 {
                    SMALL / 3
                } else {
                    (i as usize) % 41
                };
                (0..len as u32)
                    .map(|k| k.wrapping_mul(2_654_435_761) ^ i)
                    .collect()
            })
            .chain([vec![9; SMALL + 5], vec![], vec![4, 2]])
            .collect();
        let mut spilled = Ragged {
            max_block: SMALL,
            ..Ragged::spilling()
        };
        let mut held = Ragged::new();
        for list in &lists {
            spilled.push(list).unwrap();
            held.push(list).unwrap();
        }
        let (in_memory, on_disk) = spilled.held_and_spilled();
        assert!(on_disk >= 20 * SMALL, "{on_disk} elements spilled");
        assert!(in_memory <= SMALL, "{in_memory} elements held");
        assert_eq!(held.held_and_spilled().1, 0);
        for (i, list) in lists.iter().enumerate() {
            assert_eq!(&*spilled.get(i), list.as_slice(), "list {i}");
        }
        for per_chunk in [1, 5, 23, 1000] {
            let mut seen = 0;
            for chunk in spilled.chunks(per_chunk) {
                assert!(chunk.range().len() <= per_chunk);
                for (i, list) in chunk.range().zip(chunk.iter()) {
                    assert_eq!(
                        list,
                        lists[i].as_slice(),
                        "list {i} in chunks of {per_chunk}"
                    );
                    seen += 1;
                }
            }
            assert_eq!(seen, lists.len());
        }
        assert_eq!(spilled, held);
        // A clone shares the file and can keep spilling past it.
        let mut copy = spilled.clone();
        for _ in 0..3 {
            copy.push(&[1; SMALL]).unwrap();
        }
        assert_eq!(&*spilled.get(lists.len() - 1), &[4, 2]);
        assert!(copy.get(lists.len() + 2).iter().all(|&v| v == 1));
        assert_eq!(spilled, held);
    }

    #[test]
    fn an_empty_store_has_no_lists() {
        let ragged = Ragged::spilling();
        assert!(ragged.is_empty() && ragged.chunks(10).next().is_none());
        assert_eq!(chunk_ranges(5, 2).collect::<Vec<_>>(), [0..2, 2..4, 4..5]);
    }
}
