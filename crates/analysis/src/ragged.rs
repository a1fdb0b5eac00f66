//! Many short lists kept end to end in large blocks instead of one
//! allocation each. A million articles' token lists are millions of small
//! allocations that live among others: once freed, the allocator can give
//! few of their pages back to the system, and the memory stays resident
//! through the rest of the run. Large blocks go back whole.

/// The largest block, in elements (64 MiB of `u32`): large enough that the
/// allocator maps each block on its own and unmaps it when it is freed.
const MAX_BLOCK: usize = 1 << 24;

/// The first block, in elements; each next one doubles, up to
/// [`MAX_BLOCK`], so a small corpus reserves little.
const FIRST_BLOCK: usize = 1 << 12;

/// Lists of `T`, by number, stored end to end in blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ragged<T> {
    blocks: Vec<Vec<T>>,
    /// Per list: its block, its start in the block, its length.
    lists: Vec<(u32, u32, u32)>,
}

impl<T> Default for Ragged<T> {
    fn default() -> Self {
        Ragged {
            blocks: Vec::new(),
            lists: Vec::new(),
        }
    }
}

impl<T: Copy> Ragged<T> {
    /// Adds `list` as the next list.
    ///
    /// # Panics
    ///
    /// With more than `u32::MAX` blocks, or a list of more than `u32::MAX`
    /// elements.
    pub fn push(&mut self, list: &[T]) {
        let fits = self
            .blocks
            .last()
            .is_some_and(|b| b.capacity() - b.len() >= list.len());
        if !fits {
            let next = self
                .blocks
                .last()
                .map_or(FIRST_BLOCK, |b| (b.capacity() * 2).min(MAX_BLOCK));
            self.blocks.push(Vec::with_capacity(next.max(list.len())));
        }
        let block = self.blocks.len() - 1;
        let stored = &mut self.blocks[block];
        let start = stored.len();
        stored.extend_from_slice(list);
        let number = |n: usize| u32::try_from(n).expect("a list or block count within u32");
        self.lists
            .push((number(block), number(start), number(list.len())));
    }

    /// List `i`.
    ///
    /// # Panics
    ///
    /// When there is no list `i`.
    pub fn get(&self, i: usize) -> &[T] {
        let (block, start, len) = self.lists[i];
        let start = start as usize;
        &self.blocks[block as usize][start..start + len as usize]
    }

    /// The number of lists.
    pub fn len(&self) -> usize {
        self.lists.len()
    }

    /// Whether there is no list.
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// Every list, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[T]> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_come_back_as_they_went_in_across_blocks() {
        let mut ragged = Ragged::default();
        let lists: Vec<Vec<u32>> = (0..3000u32)
            .map(|i| (0..i % 17).map(|k| i * 31 + k).collect())
            .chain([vec![7; FIRST_BLOCK * 3], vec![], vec![1, 2]])
            .collect();
        for list in &lists {
            ragged.push(list);
        }
        assert_eq!(ragged.len(), lists.len());
        assert!(ragged.blocks.len() > 2);
        for (i, list) in lists.iter().enumerate() {
            assert_eq!(ragged.get(i), list.as_slice());
        }
        assert!(ragged.iter().eq(lists.iter().map(Vec::as_slice)));
        // Blocks double up to the largest, and a longer list gets its own.
        assert!(
            ragged
                .blocks
                .iter()
                .all(|b| b.capacity() <= MAX_BLOCK.max(FIRST_BLOCK * 3))
        );
    }

    #[test]
    fn an_empty_store_has_no_lists() {
        let ragged: Ragged<u32> = Ragged::default();
        assert!(ragged.is_empty() && ragged.iter().next().is_none());
    }
}
