//! The statistics behind "which terms set each outlet apart" and "how sure
//! can we be": keyness and label words per outlet and per cluster, and frame
//! rates with bootstrap intervals and permutation tests. No I/O here.

use core_text::Document;
use features::FrameHit;
use features::TermCounts;
use features::keyness::{KeyTerm, keyness};
use features::uncertainty::{
    BootstrapParams, Interval, PermutationParams, PermutationResult, Unit, benjamini_hochberg,
    bootstrap_rate, permutation_test,
};
use serde::{Deserialize, Serialize};

use crate::error::ReportError;

/// Settings of the statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatisticsConfig {
    /// Keyness: minimum count and unit (tokens or articles).
    pub keyness: features::keyness::KeynessParams,
    /// Bootstrap resamples for the frame-rate intervals.
    pub bootstrap_resamples: usize,
    /// Random permutations per test.
    pub permutations: usize,
    /// Confidence level of the intervals.
    pub level: f64,
    /// Seed of the resampling generators.
    pub seed: u64,
}

impl Default for StatisticsConfig {
    fn default() -> Self {
        StatisticsConfig {
            keyness: features::keyness::KeynessParams::default(),
            bootstrap_resamples: 2000,
            permutations: 9999,
            level: 0.95,
            seed: 42,
        }
    }
}

/// Articles sorted into groups (outlets, or clusters), numbered by first
/// appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Groups {
    /// Group names, by id.
    pub names: Vec<String>,
    /// Group id of every article.
    pub of_article: Vec<usize>,
}

impl Groups {
    /// Groups from one name per article.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Groups {
        let mut groups = Groups {
            names: Vec::new(),
            of_article: Vec::new(),
        };
        for name in names {
            let id = match groups.names.iter().position(|n| n == name) {
                Some(id) => id,
                None => {
                    groups.names.push(name.to_owned());
                    groups.names.len() - 1
                }
            };
            groups.of_article.push(id);
        }
        groups
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

/// Keyness and c-TF-IDF label words for a grouping of the articles.
pub fn group_statistics(
    counts: &TermCounts,
    groups: Groups,
    config: &StatisticsConfig,
    n_label_words: usize,
) -> Result<GroupStatistics, ReportError> {
    let params = config
        .keyness
        .check()
        .map_err(features::keyness::KeynessError::from)?;
    let keyness_per_group = (0..groups.names.len())
        .map(|g| keyness(&counts.counts, &groups.of_article, g, &params).ok())
        .collect();
    let class =
        features::class_tfidf::class_tfidf(&counts.counts, &groups.of_article, groups.names.len())?;
    let label_words = (0..groups.names.len())
        .map(|g| features::class_tfidf::top_terms(&class.matrix, g, n_label_words))
        .collect();
    Ok(GroupStatistics {
        groups,
        keyness: keyness_per_group,
        label_words,
    })
}

/// Per-sentence units of one frame: its hits and the counted tokens of each
/// sentence. A sentence with hits but no counted token (every word a stop
/// word or pruned) joins the sentence before it, so no rate divides by zero.
pub fn sentence_units(
    docs: &[Document],
    counts: &TermCounts,
    hits: &[Vec<FrameHit>],
    frame: usize,
) -> Vec<Unit> {
    let mut units = Vec::new();
    for (article, doc) in docs.iter().enumerate() {
        let mut sentence_of_token = vec![0usize; doc.tokens.len()];
        for (s, sentence) in doc.sentences.iter().enumerate() {
            for token in sentence.tokens.clone() {
                sentence_of_token[token] = s;
            }
        }
        let mut tokens = vec![0.0; doc.sentences.len()];
        for occurrence in &counts.occurrences[article] {
            tokens[sentence_of_token[occurrence.token as usize]] += 1.0;
        }
        let mut frame_hits = vec![0.0; doc.sentences.len()];
        for hit in hits[article].iter().filter(|h| h.frame == frame) {
            frame_hits[sentence_of_token[hit.tokens.start]] += 1.0;
        }
        let first = units.len();
        let mut pending = 0.0;
        for (s, &n) in tokens.iter().enumerate() {
            if n > 0.0 {
                units.push(Unit {
                    article,
                    hits: frame_hits[s] + pending,
                    tokens: n,
                });
                pending = 0.0;
            } else if let Some(last) = units[first..].last_mut() {
                last.hits += frame_hits[s];
            } else {
                pending += frame_hits[s];
            }
        }
    }
    units
}

/// Every frame's rate per group with intervals and tests against the rest,
/// q-values adjusted over all tests.
pub fn frame_prevalence(
    docs: &[Document],
    counts: &TermCounts,
    hits: &[Vec<FrameHit>],
    n_frames: usize,
    groups: &Groups,
    config: &StatisticsConfig,
) -> Result<Vec<FramePrevalence>, ReportError> {
    let mut out = Vec::new();
    for frame in 0..n_frames {
        let units = sentence_units(docs, counts, hits, frame);
        for group in 0..groups.names.len() {
            let members = groups.members(group);
            let rest: Vec<usize> = (0..docs.len())
                .filter(|i| groups.of_article[*i] != group)
                .collect();
            // One stream per (frame, group): results do not depend on order.
            let seed = config.seed ^ ((frame as u64) << 32) ^ group as u64;
            let bootstrap = BootstrapParams {
                resamples: config.bootstrap_resamples,
                level: config.level,
                seed,
            };
            let interval = bootstrap_rate(&units, &members, &bootstrap).ok();
            let versus_rest = if rest.is_empty() {
                None
            } else {
                let permutation = PermutationParams {
                    permutations: config.permutations,
                    seed,
                };
                permutation_test(&units, &members, &rest, &permutation).ok()
            };
            out.push(FramePrevalence {
                frame,
                group,
                interval,
                versus_rest,
                q: None,
            });
        }
    }
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
    docs: &[Document],
    counts: &TermCounts,
    hits: &[Vec<FrameHit>],
    n_frames: usize,
    groups: &Groups,
    (a, b): (usize, usize),
    config: &StatisticsConfig,
) -> Vec<HeadToHead> {
    let mut out: Vec<HeadToHead> = (0..n_frames)
        .map(|frame| {
            let units = sentence_units(docs, counts, hits, frame);
            let params = PermutationParams {
                permutations: config.permutations,
                seed: config.seed ^ ((frame as u64) << 32) ^ 0xffff,
            };
            HeadToHead {
                frame,
                test: permutation_test(&units, &groups.members(a), &groups.members(b), &params)
                    .ok(),
                q: None,
            }
        })
        .collect();
    let tested: Vec<usize> = (0..out.len()).filter(|&i| out[i].test.is_some()).collect();
    let p_values: Vec<f64> = tested
        .iter()
        .map(|&i| out[i].test.map_or(1.0, |t| t.p_value))
        .collect();
    for (&i, q) in tested.iter().zip(benjamini_hochberg(&p_values)) {
        out[i].q = Some(q);
    }
    out
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
    fn sentences_without_counted_tokens_join_the_one_before() {
        use core_text::{Analyzer, AnalyzerConfig, TextConfig};
        let docs = vec![Document::analyze(
            "Krieg droht. Und nun? Der Krieg.".to_owned(),
            &TextConfig::default(),
        )];
        let analyzer = Analyzer::new(&AnalyzerConfig::default());
        let counts = features::count_terms(
            &docs,
            &analyzer,
            features::DocFrequency::Count(1),
            features::DocFrequency::Share(1.0),
        )
        .unwrap();
        // Pretend a hit sits in "Und nun?", which has no counted token.
        let second = docs[0].sentences[1].tokens.start;
        let hits = vec![vec![FrameHit {
            frame: 0,
            term: 0,
            tokens: second..second + 1,
            span: docs[0].tokens[second].span,
        }]];
        let units = sentence_units(&docs, &counts, &hits, 0);
        let summary: Vec<(f64, f64)> = units.iter().map(|u| (u.hits, u.tokens)).collect();
        assert_eq!(summary, [(1.0, 2.0), (0.0, 1.0)]);
    }
}
