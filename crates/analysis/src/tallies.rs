//! Counts and sums the report shows, computed once here so that renderers
//! compute nothing: totals per group and for the corpus, frame rates per
//! group, frame hits by voice, the most and least similar pair of articles.

use std::collections::BTreeMap;

use ndarray::Array2;

use crate::digest::ArticleStats;
use crate::hits::Hit;
use crate::statistics::Groups;
use crate::voices::Voice;

/// One frame's pooled rate in a group of articles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrameRate {
    /// Index of the frame in the lexicon.
    pub frame: usize,
    /// Hits per 1,000 counted tokens of the group.
    pub rate: f64,
    /// Hits in the group.
    pub hits: usize,
}

/// The frames of one group (outlet), highest pooled rate first.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupFrames {
    /// The group: an outlet, or `unknown (<id>)`.
    pub group: String,
    /// Every frame, highest rate first; ties keep lexicon order.
    pub ranked: Vec<FrameRate>,
}

/// Per group, in order of first appearance, the frames ranked by the
/// group's pooled rate (all its hits per 1,000 of all its counted tokens).
pub fn group_frames(
    groups: &Groups,
    hits: &[Vec<Hit>],
    n_tokens: impl Fn(usize) -> usize,
    n_frames: usize,
) -> Vec<GroupFrames> {
    (0..groups.names.len())
        .map(|g| {
            let members = groups.members(g);
            let tokens: usize = members.iter().map(|&i| n_tokens(i)).sum();
            let mut frame_hits = vec![0usize; n_frames];
            for &i in &members {
                for hit in &hits[i] {
                    frame_hits[hit.frame] += 1;
                }
            }
            let mut ranked: Vec<FrameRate> = frame_hits
                .iter()
                .enumerate()
                .map(|(frame, &hits)| {
                    let rate = if tokens == 0 {
                        0.0
                    } else {
                        hits as f64 * 1000.0 / tokens as f64
                    };
                    FrameRate { frame, rate, hits }
                })
                .collect();
            ranked.sort_by(|x, y| y.rate.total_cmp(&x.rate).then(x.frame.cmp(&y.frame)));
            GroupFrames {
                group: groups.names[g].clone(),
                ranked,
            }
        })
        .collect()
}

/// What one group (outlet) holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GroupTotals {
    /// Articles.
    pub articles: usize,
    /// Counted tokens.
    pub tokens: usize,
    /// Counted tokens per article, rounded down.
    pub tokens_per_article: usize,
    /// Removed boilerplate lines.
    pub removed_lines: usize,
    /// Exact duplicates of an earlier article.
    pub duplicates: usize,
}

/// Totals per group, from per-article counted tokens, removed lines and
/// duplicate marks.
pub fn group_totals(
    groups: &Groups,
    n_tokens: impl Fn(usize) -> usize,
    removed_lines: impl Fn(usize) -> usize,
    is_duplicate: impl Fn(usize) -> bool,
) -> Vec<GroupTotals> {
    (0..groups.names.len())
        .map(|g| {
            let members = groups.members(g);
            let tokens = members.iter().map(|&i| n_tokens(i)).sum();
            GroupTotals {
                articles: members.len(),
                tokens,
                tokens_per_article: tokens / members.len().max(1),
                removed_lines: members.iter().map(|&i| removed_lines(i)).sum(),
                duplicates: members.iter().filter(|&&i| is_duplicate(i)).count(),
            }
        })
        .collect()
}

/// Removed boilerplate across the corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemovedLines {
    /// All removed lines by the name of the rule that removed them.
    pub by_reason: BTreeMap<String, usize>,
    /// The most frequent removed lines (rule, shortened line, times), most
    /// frequent first, ties in rule and text order; counted among the lines
    /// each article keeps (`display.removed_lines_kept`).
    pub frequent: Vec<(String, String, usize)>,
}

/// Sums the per-article rule counts and ranks the kept lines.
pub fn removed_lines(stats: &[ArticleStats], shown: usize) -> RemovedLines {
    let mut by_reason: BTreeMap<String, usize> = BTreeMap::new();
    let mut lines: BTreeMap<(String, String), usize> = BTreeMap::new();
    for article in stats {
        for (reason, n) in &article.removed_by_reason {
            *by_reason.entry(reason.clone()).or_insert(0) += n;
        }
        for removal in &article.removed {
            *lines
                .entry((removal.reason.to_string(), removal.text.clone()))
                .or_insert(0) += 1;
        }
    }
    let mut frequent: Vec<((String, String), usize)> = lines.into_iter().collect();
    frequent.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    RemovedLines {
        by_reason,
        frequent: frequent
            .into_iter()
            .take(shown)
            .map(|((reason, text), n)| (reason, text, n))
            .collect(),
    }
}

/// What the whole corpus holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusTotals {
    /// Counted tokens.
    pub tokens: usize,
    /// Removed boilerplate lines.
    pub removed_lines: usize,
    /// Removed lines by rule, and the most frequent ones.
    pub removed: RemovedLines,
    /// Frame hits per frame.
    pub hits_per_frame: Vec<usize>,
    /// Frame hits dropped as repeated (with `exclude_repeated`).
    pub repeated_hits: usize,
}

/// One frame's hits in one group, by voice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameVoices {
    /// Hits in the outlet's own voice.
    pub own: usize,
    /// Hits inside direct quotations.
    pub quoted: usize,
    /// Hits inside reported speech.
    pub reported: usize,
    /// Quoted and reported hits per speaker (`not named` when unknown).
    pub speakers: BTreeMap<String, usize>,
}

impl FrameVoices {
    /// All hits.
    pub fn total(&self) -> usize {
        self.own + self.quoted + self.reported
    }
}

/// Frame hits by voice, `[frame][group]`.
pub fn frame_voices(groups: &Groups, hits: &[Vec<Hit>], n_frames: usize) -> Vec<Vec<FrameVoices>> {
    let mut out = vec![vec![FrameVoices::default(); groups.names.len()]; n_frames];
    for (i, article_hits) in hits.iter().enumerate() {
        let group = groups.of_article[i];
        for hit in article_hits {
            let cell = &mut out[hit.frame][group];
            match &hit.voice {
                Voice::Own => cell.own += 1,
                Voice::Quoted(_) => cell.quoted += 1,
                Voice::Reported(_) => cell.reported += 1,
            }
            if !matches!(hit.voice, Voice::Own) {
                let who = hit.voice.speaker().unwrap_or("not named").to_owned();
                *cell.speakers.entry(who).or_insert(0) += 1;
            }
        }
    }
    out
}

/// Per article, its `top` highest TF-IDF weights as (column, weight),
/// highest first (ties by column), leaving out terms that occur in every
/// article (they cannot tell articles apart) unless there is only one.
pub fn distinctive_terms(
    tfidf: &sprs::CsMat<f64>,
    df: &[usize],
    top: usize,
) -> Vec<Vec<(usize, f64)>> {
    let n = tfidf.rows();
    (0..n)
        .map(|i| {
            let mut weights: Vec<(usize, f64)> = tfidf.outer_view(i).map_or_else(Vec::new, |row| {
                row.iter()
                    .filter(|(c, _)| n < 2 || df[*c] < n)
                    .map(|(c, v)| (c, *v))
                    .collect()
            });
            weights.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            weights.truncate(top);
            weights
        })
        .collect()
}

/// The most and the least similar pair of distinct articles: (first,
/// second, cosine), the first such pair in row order on ties.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimilarPairs {
    /// The most similar pair.
    pub most: (usize, usize, f64),
    /// The least similar pair.
    pub least: (usize, usize, f64),
}

/// The extreme pairs of a similarity matrix; `None` below two articles.
pub fn similar_pairs(similarity: &Array2<f64>) -> Option<SimilarPairs> {
    let n = similarity.nrows();
    let mut pairs: Option<SimilarPairs> = None;
    for i in 0..n {
        for j in i + 1..n {
            let value = similarity[[i, j]];
            let pair = (i, j, value);
            match &mut pairs {
                None => {
                    pairs = Some(SimilarPairs {
                        most: pair,
                        least: pair,
                    })
                }
                Some(p) => {
                    if value > p.most.2 {
                        p.most = pair;
                    }
                    if value < p.least.2 {
                        p.least = pair;
                    }
                }
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_lines_count_every_line_by_rule_and_rank_the_kept_ones() {
        use crate::digest::RemovedLine;
        use core_text::Reason;
        let article = |kept: &[(&str, Reason)], by_reason: &[(&str, usize)]| ArticleStats {
            removed: kept
                .iter()
                .map(|&(text, reason)| RemovedLine {
                    reason,
                    text: text.to_owned(),
                })
                .collect(),
            removed_total: by_reason.iter().map(|(_, n)| n).sum(),
            removed_by_reason: by_reason.iter().map(|&(r, n)| (r.to_owned(), n)).collect(),
            ..ArticleStats::default()
        };
        // The first article removed 45 lines but keeps only two of them.
        let stats = [
            article(
                &[
                    ("Anmelden", Reason::Navigation),
                    ("Foto: dpa", Reason::Caption),
                ],
                &[("navigation", 44), ("caption", 1)],
            ),
            article(&[("Anmelden", Reason::Navigation)], &[("navigation", 1)]),
        ];
        let removed = removed_lines(&stats, 1);
        let by_reason: Vec<(&str, usize)> = removed
            .by_reason
            .iter()
            .map(|(r, n)| (r.as_str(), *n))
            .collect();
        assert_eq!(by_reason, [("caption", 1), ("navigation", 45)]);
        assert_eq!(
            removed.frequent,
            [("navigation".to_owned(), "Anmelden".to_owned(), 2)]
        );
    }

    #[test]
    fn voices_are_counted_per_frame_and_group() {
        let groups = Groups::from_names(["RT DE", "SNA", "RT DE"]);
        let hit = |frame, voice| Hit::in_sentence(frame, 0, voice);
        let hits = vec![
            vec![
                hit(0, Voice::Own),
                hit(1, Voice::Quoted(Some("Lawrow".into()))),
            ],
            vec![hit(0, Voice::Reported(None))],
            vec![hit(0, Voice::Own)],
        ];
        let cells = frame_voices(&groups, &hits, 2);
        assert_eq!((cells[0][0].own, cells[0][0].total()), (2, 2));
        assert_eq!(cells[0][1].reported, 1);
        assert_eq!(cells[0][1].speakers["not named"], 1);
        assert_eq!(cells[1][0].speakers["Lawrow"], 1);
        assert_eq!(cells[1][1], FrameVoices::default());
    }

    #[test]
    fn extreme_pairs_keep_the_first_on_ties() {
        let s = ndarray::array![[1.0, 0.5, 0.2], [0.5, 1.0, 0.5], [0.2, 0.5, 1.0]];
        let pairs = similar_pairs(&s).unwrap();
        assert_eq!(pairs.most, (0, 1, 0.5));
        assert_eq!(pairs.least, (0, 2, 0.2));
        assert!(similar_pairs(&ndarray::array![[1.0]]).is_none());
    }
}
