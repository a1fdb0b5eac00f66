//! Canonical cluster numbering, so that equal partitions always print the same labels.

use std::collections::HashMap;

/// Renumbers cluster ids by first appearance: the cluster of row 0 becomes 0, the next new
/// cluster met scanning the rows becomes 1, and so on.
///
/// Two labelings describe the same partition exactly when their canonical forms are equal.
///
/// ```
/// assert_eq!(cluster::canonical_labels(&[7, 7, 3, 9, 3]), vec![0, 0, 1, 2, 1]);
/// ```
pub fn canonical_labels(labels: &[usize]) -> Vec<usize> {
    canonical_mapping(labels).0
}

/// The canonical labels and, for each canonical id, the original id it replaced.
pub(crate) fn canonical_mapping(labels: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut ids: HashMap<usize, usize> = HashMap::new();
    let mut originals: Vec<usize> = Vec::new();
    let canonical = labels
        .iter()
        .map(|&label| {
            *ids.entry(label).or_insert_with(|| {
                originals.push(label);
                originals.len() - 1
            })
        })
        .collect();
    (canonical, originals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &[usize], expected: &[usize]) {
        assert_eq!(canonical_labels(input), expected, "input {input:?}");
    }

    #[test]
    fn renumbers_by_first_appearance() {
        check(&[], &[]);
        check(&[5], &[0]);
        check(&[0, 1, 2], &[0, 1, 2]);
        check(&[2, 1, 0], &[0, 1, 2]);
        check(&[1, 1, 0, 0], &[0, 0, 1, 1]);
        check(&[3, 9, 3, 4, 9], &[0, 1, 0, 2, 1]);
    }

    #[test]
    fn mapping_remembers_original_ids() {
        let (canonical, originals) = canonical_mapping(&[4, 2, 4, 0]);
        assert_eq!(canonical, vec![0, 1, 0, 2]);
        assert_eq!(originals, vec![4, 2, 0]);
    }
}
