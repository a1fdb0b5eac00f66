//! The statistics behind "which terms set each outlet apart" and "how sure
//! can we be": keyness and label words per outlet and per cluster, and frame
//! rates with bootstrap intervals and permutation tests. No I/O here.

use features::{AnyMatrix, MatrixValue};
use sprs::SpIndex;

use crate::hits::Hit;
use features::keyness::{KeyTerm, KeynessError, keyness};
use features::uncertainty::{
    BootstrapParams, Interval, PermutationParams, PermutationResult, UncertaintyError, Unit,
    UnitTable, benjamini_hochberg, bootstrap_rate_in, permutation_test_in,
};
use rayon::prelude::*;

use crate::config::StatisticsConfig;
use crate::error::AnalysisError;

/// Articles sorted into groups (outlets, or clusters), numbered by first
/// appearance.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Groups {
    /// Group names, by id.
    pub names: Vec<String>,
    /// Group id of every article.
    pub of_article: Vec<usize>,
    ids: std::collections::HashMap<String, usize>,
}

impl Groups {
    /// Groups from one name per article.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Groups {
        let mut groups = Groups::default();
        for name in names {
            groups.add(name);
        }
        groups
    }

    /// Adds the next article, in group `name`; returns the group id.
    pub fn add(&mut self, name: &str) -> usize {
        let id = match self.ids.get(name) {
            Some(&id) => id,
            None => {
                self.names.push(name.to_owned());
                self.ids.insert(name.to_owned(), self.names.len() - 1);
                self.names.len() - 1
            }
        };
        self.of_article.push(id);
        id
    }

    /// The articles of group `id`.
    pub fn members(&self, id: usize) -> Vec<usize> {
        (0..self.of_article.len())
            .filter(|&i| self.of_article[i] == id)
            .collect()
    }
}

/// A frame's rate in one group, with its interval and its test against the
/// rest of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct FramePrevalence {
    /// Frame index.
    pub frame: usize,
    /// Group id.
    pub group: usize,
    /// Rate per 1,000 counted tokens with its bootstrap interval; `None`
    /// when the group has no counted tokens.
    pub interval: Option<Interval>,
    /// Permutation test of this group's rate minus the rest's; `None` when
    /// there is no rest or either side has no tokens.
    pub versus_rest: Option<PermutationResult>,
    /// Benjamini–Hochberg adjusted p-value over all tests of the report.
    pub q: Option<f64>,
    /// Bootstrap resamples drawn (fewer for very large groups).
    pub resamples: usize,
}

/// Keyness, label words and frame uncertainty for one grouping.
#[derive(Debug, Clone)]
pub struct GroupStatistics {
    /// The groups.
    pub groups: Groups,
    /// Key terms per group (each against all other articles), sorted by
    /// signed chi-square, highest first; `None` when the group or the rest
    /// has no counted tokens.
    pub keyness: Vec<Option<Vec<KeyTerm>>>,
    /// c-TF-IDF label words per group: (column, weight), highest first.
    pub label_words: Vec<Vec<(usize, f64)>>,
}

impl GroupStatistics {
    /// The first `shown` over-represented key terms of group `g`, highest
    /// signed chi-square first.
    pub fn shown_key_terms(&self, g: usize, shown: usize) -> impl Iterator<Item = &KeyTerm> {
        self.keyness[g]
            .iter()
            .flatten()
            .filter(|t| t.chi2 > 0.0)
            .take(shown)
    }
}

/// Keyness and c-TF-IDF label words for a grouping of the articles.
pub fn group_statistics<N: MatrixValue, I: SpIndex>(
    counts: &AnyMatrix<N, I>,
    groups: Groups,
    config: &StatisticsConfig,
    n_label_words: usize,
) -> Result<GroupStatistics, AnalysisError> {
    Ok(GroupStatistics {
        keyness: group_keyness(counts, &groups, &config.keyness)?,
        label_words: label_words(counts, &groups, n_label_words)?,
        groups,
    })
}

/// c-TF-IDF label words per group: (column, weight), highest first.
pub fn label_words<N: MatrixValue, I: SpIndex>(
    counts: &AnyMatrix<N, I>,
    groups: &Groups,
    n_label_words: usize,
) -> Result<Vec<Vec<(usize, f64)>>, AnalysisError> {
    let class = features::class_tfidf::class_tfidf(counts, &groups.of_article, groups.names.len())?;
    Ok((0..groups.names.len())
        .map(|g| features::class_tfidf::top_terms(&class.matrix, g, n_label_words))
        .collect())
}

/// Key terms of every group against the rest (`None` where the group or
/// the rest has no counted tokens).
pub fn group_keyness<N: MatrixValue, I: SpIndex>(
    counts: &AnyMatrix<N, I>,
    groups: &Groups,
    params: &features::keyness::KeynessParams,
) -> Result<Vec<Option<Vec<KeyTerm>>>, AnalysisError> {
    let params = params
        .check()
        .map_err(features::keyness::KeynessError::from)?;
    let keyness_per_group = (0..groups.names.len())
        .into_par_iter()
        .map(|g| match keyness(counts, &groups.of_article, g, &params) {
            Ok(terms) => Ok(Some(terms)),
            // A group without counted tokens, or one that is the whole
            // corpus, has no keyness; anything else is a fault.
            Err(KeynessError::EmptyGroup { .. } | KeynessError::EmptyReference { .. }) => Ok(None),
            Err(other) => Err(other),
        })
        .collect::<Result<_, _>>()?;
    Ok(keyness_per_group)
}

/// The [`UnitTable`] of one frame's [`sentence_units`], made article by
/// article: at a million articles the units are hundreds of megabytes per
/// frame. Two buffers serve every article: a table is built for every
/// frame of every view, one at a time.
pub fn sentence_table(
    sentence_tokens: &[Vec<u32>],
    hits: &[Vec<Hit>],
    frame: usize,
) -> Result<UnitTable, UncertaintyError> {
    let sentences = sentence_tokens.iter().flatten().filter(|&&n| n > 0).count();
    UnitTable::from_ordered_units(frame_units(sentence_tokens, hits, frame), sentences)
}

/// Per-sentence units of one frame: its hits and the counted tokens of each
/// sentence (`sentence_tokens[article][sentence]`). A sentence with hits but
/// no counted token (every word a stop word or pruned) joins the sentence
/// before it, so no rate divides by zero.
pub fn sentence_units(sentence_tokens: &[Vec<u32>], hits: &[Vec<Hit>], frame: usize) -> Vec<Unit> {
    frame_units(sentence_tokens, hits, frame).collect()
}

/// The [`sentence_units`], made one article at a time in two buffers that
/// serve every article.
fn frame_units<'a>(
    sentence_tokens: &'a [Vec<u32>],
    hits: &'a [Vec<Hit>],
    frame: usize,
) -> impl Iterator<Item = Unit> + 'a {
    let mut article = 0;
    let (mut frame_hits, mut units) = (Vec::new(), Vec::new());
    let mut next = 0;
    std::iter::from_fn(move || {
        while next == units.len() {
            let tokens = sentence_tokens.get(article)?;
            article_units_into(
                article,
                tokens,
                &hits[article],
                frame,
                &mut frame_hits,
                &mut units,
            );
            article += 1;
            next = 0;
        }
        next += 1;
        Some(units[next - 1])
    })
}

/// The [`sentence_units`] of one article, in `units` (cleared first);
/// `frame_hits` is scratch.
fn article_units_into(
    article: usize,
    tokens: &[u32],
    hits: &[Hit],
    frame: usize,
    frame_hits: &mut Vec<f64>,
    units: &mut Vec<Unit>,
) {
    frame_hits.clear();
    frame_hits.resize(tokens.len(), 0.0);
    for hit in hits.iter().filter(|h| h.frame == frame) {
        frame_hits[hit.sentence as usize] += 1.0;
    }
    units.clear();
    let mut pending = 0.0;
    for (s, &n) in tokens.iter().enumerate() {
        if n > 0 {
            units.push(Unit {
                article,
                hits: frame_hits[s] + pending,
                tokens: f64::from(n),
            });
            pending = 0.0;
        } else if let Some(last) = units.last_mut() {
            last.hits += frame_hits[s];
        } else {
            pending += frame_hits[s];
        }
    }
}

/// Every frame's rate per group with intervals and tests against the rest,
/// q-values adjusted over all tests.
pub fn frame_prevalence(
    sentence_tokens: &[Vec<u32>],
    hits: &[Vec<Hit>],
    n_frames: usize,
    groups: &Groups,
    config: &StatisticsConfig,
) -> Result<Vec<FramePrevalence>, AnalysisError> {
    let n = sentence_tokens.len();
    let members: Vec<Vec<usize>> = (0..groups.names.len()).map(|g| groups.members(g)).collect();
    // One frame at a time, its groups in parallel, each test with its own
    // seeded stream: the results do not depend on the thread count or the
    // order of work. A frame's table is 140 MB at a million articles: two
    // at once made this step the report's peak. One at a time, the step
    // took as long at ×100 and up to a tenth longer at ×1000.
    let per_frame: Vec<Vec<FramePrevalence>> = (0..n_frames)
        .map(|frame| {
            let table = sentence_table(sentence_tokens, hits, frame)?;
            (0..members.len())
                .into_par_iter()
                .map(|group| {
                    let seed = config.seed ^ ((frame as u64) << 32) ^ group as u64;
                    let bootstrap = bootstrap_params(&table, &members[group], config, seed);
                    let resamples = bootstrap.resamples;
                    let interval =
                        unless_empty(bootstrap_rate_in(&table, &members[group], &bootstrap))?;
                    // Made per test, not kept for every group: the rests of nine
                    // groups of a million articles are 64 MB.
                    let rest: Vec<usize> =
                        (0..n).filter(|&i| groups.of_article[i] != group).collect();
                    let versus_rest = match &table {
                        table if !rest.is_empty() => {
                            let draws = table.permutation_draws(&members[group], &rest).max(n);
                            let permutation = PermutationParams {
                                permutations: scaled(
                                    config.permutations,
                                    draws,
                                    config.min_permutations,
                                    config.draw_budget,
                                ),
                                seed,
                            };
                            unless_empty(permutation_test_in(
                                table,
                                &members[group],
                                &rest,
                                &permutation,
                            ))?
                        }
                        _ => None,
                    };
                    Ok(FramePrevalence {
                        frame,
                        group,
                        interval,
                        versus_rest,
                        q: None,
                        resamples,
                    })
                })
                .collect::<Result<Vec<_>, UncertaintyError>>()
        })
        .collect::<Result<_, _>>()?;
    let mut out: Vec<FramePrevalence> = per_frame.into_iter().flatten().collect();
    let tested: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].versus_rest.is_some())
        .collect();
    let p_values: Vec<f64> = tested
        .iter()
        .map(|&i| out[i].versus_rest.map_or(1.0, |t| t.p_value))
        .collect();
    for (&i, q) in tested.iter().zip(benjamini_hochberg(&p_values)) {
        out[i].q = Some(q);
    }
    Ok(out)
}

/// The bootstrap of a group's rate: as many resamples as the draw budget
/// allows, counting the units drawn each time (a one-article group draws
/// its sentences: a book-length article has hundreds of thousands).
pub fn bootstrap_params(
    table: &UnitTable,
    members: &[usize],
    config: &StatisticsConfig,
    seed: u64,
) -> BootstrapParams {
    let draws = table.bootstrap_draws(members).max(members.len());
    BootstrapParams {
        resamples: scaled(
            config.bootstrap_resamples,
            draws,
            config.min_resamples,
            config.draw_budget,
        ),
        level: config.level,
        seed,
    }
}

/// A result, or `None` where a group has no counted tokens to resample;
/// every other failure is a fault and stays an error.
pub fn unless_empty<T>(result: Result<T, UncertaintyError>) -> Result<Option<T>, UncertaintyError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(UncertaintyError::EmptyGroup { .. }) => Ok(None),
        Err(other) => Err(other),
    }
}

/// `wanted` repetitions, fewer when each draws `size` items and the total
/// would pass `budget`, never fewer than `floor`.
pub fn scaled(wanted: usize, size: usize, floor: usize, budget: usize) -> usize {
    let affordable = budget / size.max(1);
    wanted.min(affordable.max(floor))
}

/// One frame compared between two groups.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadToHead {
    /// Frame index.
    pub frame: usize,
    /// The permutation test of group a's rate minus group b's.
    pub test: Option<PermutationResult>,
    /// Benjamini–Hochberg adjusted over the frames.
    pub q: Option<f64>,
}

/// The first two groups that name an outlet (not `unknown (…)`), if any.
pub fn named_pair(groups: &Groups) -> Option<(usize, usize)> {
    let mut named = (0..groups.names.len()).filter(|&g| !groups.names[g].starts_with("unknown ("));
    Some((named.next()?, named.next()?))
}

/// Every frame's rate difference between groups `a` and `b` with a
/// permutation test; q-values adjusted over the frames.
pub fn head_to_head(
    sentence_tokens: &[Vec<u32>],
    hits: &[Vec<Hit>],
    n_frames: usize,
    groups: &Groups,
    (a, b): (usize, usize),
    config: &StatisticsConfig,
) -> Result<Vec<HeadToHead>, AnalysisError> {
    let (members_a, members_b) = (groups.members(a), groups.members(b));
    let mut out: Vec<HeadToHead> = (0..n_frames)
        .into_par_iter()
        .map(|frame| {
            let table = sentence_table(sentence_tokens, hits, frame)?;
            let pooled = members_a.len() + members_b.len();
            let draws = table.permutation_draws(&members_a, &members_b).max(pooled);
            let params = PermutationParams {
                permutations: scaled(
                    config.permutations,
                    draws,
                    config.min_permutations,
                    config.draw_budget,
                ),
                seed: config.seed ^ ((frame as u64) << 32) ^ 0xffff,
            };
            Ok(HeadToHead {
                frame,
                test: unless_empty(permutation_test_in(&table, &members_a, &members_b, &params))?,
                q: None,
            })
        })
        .collect::<Result<_, UncertaintyError>>()?;
    let tested: Vec<usize> = (0..out.len()).filter(|&i| out[i].test.is_some()).collect();
    let p_values: Vec<f64> = tested
        .iter()
        .map(|&i| out[i].test.map_or(1.0, |t| t.p_value))
        .collect();
    for (&i, q) in tested.iter().zip(benjamini_hochberg(&p_values)) {
        out[i].q = Some(q);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_numbered_by_first_appearance() {
        let groups = Groups::from_names(["SNA", "RT DE", "SNA", "unknown (4)"]);
        assert_eq!(groups.names, ["SNA", "RT DE", "unknown (4)"]);
        assert_eq!(groups.of_article, [0, 1, 0, 2]);
        assert_eq!(groups.members(0), [0, 2]);
        assert_eq!(named_pair(&groups), Some((0, 1)));
        assert_eq!(
            named_pair(&Groups::from_names(["unknown (1)", "SNA"])),
            None
        );
    }

    #[test]
    fn repetitions_shrink_only_for_large_draws() {
        assert_eq!(scaled(9999, 5, 199, 4_000_000), 9999);
        assert_eq!(scaled(9999, 400, 199, 4_000_000), 9999);
        assert_eq!(scaled(9999, 1028, 199, 4_000_000), 3891);
        assert_eq!(scaled(9999, 10_000, 199, 4_000_000), 400);
        assert_eq!(scaled(9999, 102_800, 199, 4_000_000), 199);
        assert_eq!(scaled(2000, 11_000, 200, 4_000_000), 363);
    }

    #[test]
    fn sentences_without_counted_tokens_join_the_one_before() {
        let hit = |sentence| Hit::in_sentence(0, sentence, crate::voices::Voice::Own);
        // Article 0: sentences with 2, 0 and 1 counted tokens, a hit in the
        // empty one; article 1: a hit before any counted token.
        let tokens = vec![vec![2, 0, 1], vec![0, 3]];
        let hits = vec![vec![hit(1)], vec![hit(0)]];
        let units = sentence_units(&tokens, &hits, 0);
        let summary: Vec<(usize, f64, f64)> = units
            .iter()
            .map(|u| (u.article, u.hits, u.tokens))
            .collect();
        assert_eq!(summary, [(0, 1.0, 2.0), (0, 0.0, 1.0), (1, 1.0, 3.0)]);
        assert!(
            sentence_units(&tokens, &hits, 1)
                .iter()
                .all(|u| u.hits == 0.0)
        );
    }
}
