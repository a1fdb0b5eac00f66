//! Surface forms counted per term, so each stemmed term gets a readable
//! label (`Sicherheitsgarantien`, not `sicherheitsgarantie`): a leaf that
//! the word index fills and the vocabulary reads.

use rustc_hash::FxHashMap;

/// Surface forms seen per provisional term id, for the readable labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelCounts {
    counts: FxHashMap<u32, FxHashMap<Box<str>, u64>>,
}

impl LabelCounts {
    /// Counts one occurrence of `surface` for term `id`.
    pub fn add(&mut self, id: u32, surface: &str) {
        self.add_count(id, surface, 1);
    }

    /// Counts `n` occurrences of `surface` for term `id`.
    pub fn add_count(&mut self, id: u32, surface: &str, n: u64) {
        let forms = self.counts.entry(id).or_default();
        match forms.get_mut(surface) {
            Some(count) => *count += n,
            None => {
                forms.insert(surface.into(), n);
            }
        }
    }

    /// Adds another tally (sums are order-independent, so merging in any
    /// order gives the same labels).
    pub fn merge(&mut self, other: LabelCounts) {
        for (id, forms) in other.counts {
            let mine = self.counts.entry(id).or_default();
            for (surface, n) in forms {
                *mine.entry(surface).or_insert(0) += n;
            }
        }
    }

    /// Every (id, surface form, count), sorted: for storing a tally (a
    /// shard's) and adding it to another with [`LabelCounts::add_count`].
    pub fn entries(&self) -> Vec<(u32, Box<str>, u64)> {
        let mut entries: Vec<(u32, Box<str>, u64)> = self
            .counts
            .iter()
            .flat_map(|(&id, forms)| forms.iter().map(move |(s, &n)| (id, s.clone(), n)))
            .collect();
        entries.sort_unstable();
        entries
    }

    /// The label of every provisional id below `n_ids`: its most frequent
    /// surface form; ties go to a form that starts in lowercase
    /// (`erwarten` over a sentence-initial `Erwarten`), then to the smallest
    /// in byte order (`NATO` over `Nato`), so the choice is stable.
    pub fn labels(&self, n_ids: usize) -> Vec<String> {
        let mut best: Vec<Option<(&str, u64)>> = vec![None; n_ids];
        for (id, surface, &n) in self
            .counts
            .iter()
            .flat_map(|(id, forms)| forms.iter().map(move |(s, n)| (id, s, n)))
        {
            let slot = &mut best[*id as usize];
            let better = match slot {
                None => true,
                Some((current, count)) => {
                    (n, starts_lowercase(surface), std::cmp::Reverse(&**surface))
                        > (
                            *count,
                            starts_lowercase(current),
                            std::cmp::Reverse(*current),
                        )
                }
            };
            if better {
                *slot = Some((surface, n));
            }
        }
        best.into_iter()
            .map(|b| b.map_or_else(String::new, |(s, _)| s.to_owned()))
            .collect()
    }
}

fn starts_lowercase(surface: &str) -> bool {
    surface.chars().next().is_some_and(char::is_lowercase)
}
