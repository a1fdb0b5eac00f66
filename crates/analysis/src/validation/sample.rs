//! The sample coders get: frame hits drawn at random within strata (by
//! outlet, frame and/or term), each with enough context to judge, in a
//! random order and without the outlet or the frame, so coders are blind to
//! what they should find. The same corpus, lexicon and seed give the same
//! sample, byte for byte.

use std::collections::{BTreeMap, BinaryHeap};

use crate::config::{AnalysisConfig, ValidationConfig};
use crate::error::AnalysisError;
use crate::findings::Analysis;
use crate::hits::ContextLine;
use crate::progress::Progress;
use crate::revisit::revisit;
use crate::seeds::splitmix64;
use crate::source::Source;
use crate::validation::hit_id::hit_hash;

/// One sampled hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampledHit {
    /// The id coders see (`h` and 16 hex digits).
    pub id: String,
    /// The article.
    pub article: usize,
    /// The hit, an index into `Analysis::hits[article]`.
    pub hit: usize,
    /// Its stratum, e.g. `RT DE / threat` (for the unblinded sample).
    pub stratum: String,
    /// The hit in its paragraph (filled by [`sample_contexts`]).
    pub context: ContextLine,
}

/// What a sample may be stratified by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stratum {
    Group,
    Frame,
    Term,
}

fn strata(config: &ValidationConfig) -> Result<Vec<Stratum>, AnalysisError> {
    config
        .stratify
        .iter()
        .map(|name| match name.as_str() {
            "outlet" | "group" => Ok(Stratum::Group),
            "frame" => Ok(Stratum::Frame),
            "term" => Ok(Stratum::Term),
            other => Err(AnalysisError::Setting {
                name: "validation.stratify",
                message: format!("`{other}` is not one of outlet, frame, term"),
            }),
        })
        .collect()
}

/// Equal shares of `n` for every stratum; a stratum smaller than its share
/// takes all its hits and its rest goes to the others; what cannot be
/// split evenly goes one by one to the first strata in order.
pub fn allocate(sizes: &[usize], n: usize) -> Vec<usize> {
    let mut quota = vec![0; sizes.len()];
    let mut open: Vec<usize> = (0..sizes.len()).filter(|&s| sizes[s] > 0).collect();
    let mut left = n;
    while left > 0 && !open.is_empty() {
        let share = left / open.len();
        if share == 0 {
            for &s in open.iter().take(left) {
                quota[s] += 1;
            }
            break;
        }
        let mut still_open = Vec::new();
        for &s in &open {
            let give = share.min(sizes[s] - quota[s]);
            quota[s] += give;
            left -= give;
            if quota[s] < sizes[s] {
                still_open.push(s);
            }
        }
        open = still_open;
    }
    quota
}

/// Draws the sample (without context lines): in every stratum the hits
/// with the smallest seeded keys, as many as [`allocate`] gives it; the
/// sample is ordered by key, which mixes the strata.
pub fn draw_sample(
    a: &Analysis,
    config: &ValidationConfig,
) -> Result<Vec<SampledHit>, AnalysisError> {
    let by = strata(config)?;
    let groups = &a.group_statistics.groups;
    let salt = splitmix64(config.seed);
    // Per stratum, the `sample_size` smallest keys seen (no stratum gets
    // more), and how many hits it has: memory stays bounded.
    let mut kept: BTreeMap<Vec<usize>, BinaryHeap<(u64, usize, usize)>> = BTreeMap::new();
    let mut sizes: BTreeMap<Vec<usize>, usize> = BTreeMap::new();
    for (article, hits) in a.hits.iter().enumerate() {
        let doc_id = &a.articles[article].id;
        for (index, hit) in hits.iter().enumerate() {
            let stratum: Vec<usize> = by
                .iter()
                .map(|s| match s {
                    Stratum::Group => groups.of_article[article],
                    Stratum::Frame => hit.frame,
                    Stratum::Term => hit.frame << 16 | hit.term,
                })
                .collect();
            let frame_id = &a.lexicon.frames[hit.frame].id;
            let key = splitmix64(hit_hash(doc_id, hit.span, frame_id) ^ salt);
            *sizes.entry(stratum.clone()).or_insert(0) += 1;
            let heap = kept.entry(stratum).or_default();
            heap.push((key, article, index));
            if heap.len() > config.sample_size {
                heap.pop();
            }
        }
    }
    let size_list: Vec<usize> = sizes.values().copied().collect();
    let quotas = allocate(&size_list, config.sample_size);
    let mut sample: Vec<(u64, SampledHit)> = Vec::new();
    for ((stratum, heap), quota) in kept.into_iter().zip(quotas) {
        let mut smallest = heap.into_sorted_vec();
        smallest.truncate(quota);
        for (key, article, index) in smallest {
            let hit = &a.hits[article][index];
            let frame = &a.lexicon.frames[hit.frame];
            let name: Vec<String> = by
                .iter()
                .zip(&stratum)
                .map(|(s, &value)| match s {
                    Stratum::Group => groups.names[value].clone(),
                    Stratum::Frame => frame.id.clone(),
                    Stratum::Term => format!("{} {}", frame.id, frame.terms[hit.term].pattern),
                })
                .collect();
            sample.push((
                key,
                SampledHit {
                    id: super::hit_id(&a.articles[article].id, hit.span, &frame.id),
                    article,
                    hit: index,
                    stratum: name.join(" / "),
                    context: ContextLine {
                        left: String::new(),
                        keyword: String::new(),
                        right: String::new(),
                    },
                },
            ));
        }
    }
    sample.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.id.cmp(&y.1.id)));
    Ok(sample.into_iter().map(|(_, hit)| hit).collect())
}

/// Reads the corpus again and cuts each sampled hit's context line
/// (`validation.context_width` characters each side, within its paragraph).
pub fn sample_contexts(
    source: &dyn Source,
    a: &Analysis,
    sample: &mut [SampledHit],
    config: &AnalysisConfig,
    progress: &dyn Progress,
) -> Result<(), AnalysisError> {
    let mut wanted: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, hit) in sample.iter().enumerate() {
        wanted.entry(hit.article).or_default().push(i);
    }
    if wanted.is_empty() {
        return Ok(());
    }
    let width = config.validation.context_width;
    let sample_ref = &*sample;
    let lines = revisit(
        source,
        |article| wanted.contains_key(&article),
        &config.text,
        "cutting the sample's context lines",
        progress,
        |index, doc| {
            wanted[&index]
                .iter()
                .map(|&i| {
                    let span = a.hits[index][sample_ref[i].hit].span;
                    (i, ContextLine::from(features::kwic(doc, span, width)))
                })
                .collect()
        },
    )?;
    for (i, context) in lines {
        sample[i].context = context;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_strata_take_all_and_leave_the_rest_to_others() {
        assert_eq!(allocate(&[100, 100, 100], 30), [10, 10, 10]);
        assert_eq!(allocate(&[2, 100, 100], 30), [2, 14, 14]);
        assert_eq!(allocate(&[2, 3, 100], 30), [2, 3, 25]);
        assert_eq!(allocate(&[5, 5], 30), [5, 5]);
        assert_eq!(allocate(&[10, 10, 10], 4), [2, 1, 1]);
        assert_eq!(allocate(&[0, 7], 3), [0, 3]);
        assert_eq!(allocate(&[], 3), Vec::<usize>::new());
    }
}
