//! How each group names each actor: every label's count per group against
//! the other groups, with an interval and a test, so a label all groups use
//! at similar rates is not called distinctive.
//!
//! A label's rate is its count per mention of the actor. Its log ratio is
//! Hardie's (2014), as in keyness: `log2((a / A) / (b / B))` with `a`, `b`
//! the label's count in the group and in the rest, `A`, `B` their mentions
//! of the actor, and `0.5` put in for a zero count. The interval is the
//! percentile bootstrap over articles (the group's and the rest's articles
//! that mention the actor, each resampled within its side); `p` is a
//! two-sided permutation test that shuffles those articles' groups
//! (`(1 + #{|lr*| >= |lr|}) / (1 + R)`); `q` is Benjamini–Hochberg over all
//! labels tested for the actor. Only labels used at least
//! `labels.min_count` times by the group are tested. Every resample draws all of
//! a side's articles once for all its labels, and the number of draws
//! shrinks with the articles drawn (`statistics.draw_budget`, as the frame
//! rates), so the cost stays bounded at any corpus size. Each actor and
//! group has its own seed, derived from `statistics.seed`.
//!
//! When groups share text, the profiles exist for the views `own` and
//! `shared` too: a mention (for the denominator) or a label counts in the
//! view its mention's token lies in. The three views then split
//! `statistics.draw_budget` in equal thirds, so on a large corpus they
//! cost about what `all` alone cost.

use std::collections::BTreeMap;

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use features::{AnyMatrix, MatrixValue};
use sprs::SpIndex;

use crate::collocates::ActorCollocates;
use crate::config::LabelsConfig;
use crate::config::StatisticsConfig;
use crate::hits::ContextLine;
use crate::labels::{ArticleLabels, Relation};
use crate::statistics::{Groups, scaled};
use crate::views::{SharedText, View};
use crate::voices::Voice;

/// Every actor's label profile.
#[derive(Debug, Clone, Default)]
pub struct LabelProfiles {
    /// One per lexicon actor, in lexicon order.
    pub actors: Vec<ActorProfile>,
    /// Every article's labels (for `label_kwic.tsv`), in article order.
    pub articles: Vec<ArticleLabels>,
    /// Every actor's window collocates per group, in lexicon order.
    pub collocates: Vec<ActorCollocates>,
    /// The profiles on the text of the views `own` and `shared`, when
    /// groups share text (`actors` is the view `all`).
    pub views: Vec<ViewProfiles>,
}

/// Every actor's label profile on one view's text.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewProfiles {
    /// Which text.
    pub view: View,
    /// One per lexicon actor, in lexicon order.
    pub actors: Vec<ActorProfile>,
}

impl LabelProfiles {
    /// The actors' profiles on `view`'s text; `None` when the view was
    /// not computed (no text shared between groups).
    pub fn of_view(&self, view: View) -> Option<&[ActorProfile]> {
        match view {
            View::All => Some(&self.actors),
            _ => self
                .views
                .iter()
                .find(|v| v.view == view)
                .map(|v| v.actors.as_slice()),
        }
    }
}

/// Which mentions and labels one profile counts.
#[derive(Clone, Copy)]
struct Side<'a> {
    view: View,
    /// The shared text, for the views `own` and `shared`.
    shared: Option<&'a SharedText>,
}

impl Side<'_> {
    /// Whether the mention at `token` of article `i` lies in the view.
    fn keeps(&self, i: usize, token: u32) -> bool {
        self.shared
            .is_none_or(|s| s.in_view(self.view, i, token as usize))
    }

    /// The article's mentions of `actor` in the view.
    fn mentions(&self, i: usize, a: &ArticleLabels, actor: usize) -> usize {
        match self.shared {
            None => a.mentions.get(actor).copied().unwrap_or(0) as usize,
            Some(_) => a
                .mention_tokens
                .iter()
                .filter(|&&(m, token)| m as usize == actor && self.keeps(i, token))
                .count(),
        }
    }
}

/// One actor's labels in every group.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorProfile {
    /// Index into the lexicon's actors.
    pub actor: usize,
    /// Mentions of the actor per group.
    pub mentions: Vec<usize>,
    /// Every label a group used, by group, then most distinctive first.
    pub rows: Vec<LabelRow>,
    /// Bootstrap resamples per group (0 when nothing was tested).
    pub resamples: usize,
    /// Permutations (0 when nothing was tested).
    pub permutations: usize,
}

/// One label of one actor in one group.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRow {
    /// Group id.
    pub group: usize,
    /// How it is attached.
    pub relation: Relation,
    /// The label.
    pub label: String,
    /// Uses in the group.
    pub count: usize,
    /// Uses in the other groups.
    pub rest_count: usize,
    /// The group's uses by voice: own, quoted, reported.
    pub voices: [usize; 3],
    /// The other groups' uses by voice.
    pub rest_voices: [usize; 3],
    /// Log ratio of the rates per mention, group against rest.
    pub log_ratio: f64,
    /// Interval and test, when the label was tested.
    pub test: Option<LabelTest>,
    /// Used more by the group than by the rest beyond chance: `q` below
    /// `labels.alpha` and the interval above 0.
    pub distinctive: bool,
    /// The group's first use: article and evidence line.
    pub evidence: (usize, ContextLine, Voice),
}

/// The uncertainty of a label's log ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelTest {
    /// Lower end of the bootstrap interval.
    pub low: f64,
    /// Upper end.
    pub high: f64,
    /// Permutation p.
    pub p: f64,
    /// Benjamini–Hochberg q over the actor's tested labels.
    pub q: f64,
}

/// The index of a voice in `[own, quoted, reported]`.
pub fn voice_slot(voice: &Voice) -> usize {
    match voice {
        Voice::Own => 0,
        Voice::Quoted(_) => 1,
        Voice::Reported(_) => 2,
    }
}

/// Hardie's log ratio of `a / total_a` to `b / total_b`, `0.5` for a zero count.
pub fn log_ratio(a: f64, b: f64, total_a: f64, total_b: f64) -> f64 {
    let (a, b) = (
        if a == 0.0 { 0.5 } else { a },
        if b == 0.0 { 0.5 } else { b },
    );
    ((a / total_a) / (b / total_b)).log2()
}

/// One article that mentions the actor: its group, mentions and label uses
/// by key.
struct PoolArticle {
    group: usize,
    mentions: f64,
    uses: Vec<(usize, f64)>,
}

/// The profiles of every actor from the articles' labels.
/// `windows` are the articles' collocate windows as count columns,
/// `counts` the articles × terms counts; with `shared` (when groups share
/// text) the views `own` and `shared` are profiled too.
#[allow(clippy::too_many_arguments)]
pub fn label_profiles<N: MatrixValue, I: SpIndex>(
    mut articles: Vec<ArticleLabels>,
    windows: &[Vec<(u16, u32)>],
    counts: &AnyMatrix<N, I>,
    groups: &Groups,
    n_actors: usize,
    shared: Option<&SharedText>,
    config: &StatisticsConfig,
    settings: &LabelsConfig,
) -> LabelProfiles {
    let mut config = config.clone();
    if shared.is_some() {
        config.draw_budget /= 3;
    }
    let profiles = |side: Side| -> Vec<ActorProfile> {
        (0..n_actors)
            .map(|actor| actor_profile(actor, &articles, groups, side, &config, settings))
            .collect()
    };
    let actors = profiles(Side {
        view: View::All,
        shared: None,
    });
    let views = shared.map_or_else(Vec::new, |shared| {
        [View::Own, View::Shared]
            .into_iter()
            .map(|view| ViewProfiles {
                view,
                actors: profiles(Side {
                    view,
                    shared: Some(shared),
                }),
            })
            .collect()
    });
    let mentions: Vec<&[u32]> = articles.iter().map(|a| a.mentions.as_slice()).collect();
    let collocates =
        crate::collocates::collocates(windows, &mentions, counts, groups, n_actors, settings);
    // Only the labels are needed from here on.
    for a in &mut articles {
        a.mention_tokens = Vec::new();
        a.window = Vec::new();
    }
    LabelProfiles {
        actors,
        articles,
        collocates,
        views,
    }
}

fn actor_profile(
    actor: usize,
    articles: &[ArticleLabels],
    groups: &Groups,
    side: Side,
    config: &StatisticsConfig,
    settings: &LabelsConfig,
) -> ActorProfile {
    let n_groups = groups.names.len();
    let mut mentions = vec![0usize; n_groups];
    let mut keys: BTreeMap<(Relation, &str), usize> = BTreeMap::new();
    let of_actor = |i: usize| {
        articles[i]
            .hits
            .iter()
            .filter(move |h| h.actor as usize == actor && side.keeps(i, h.token))
    };
    for i in 0..articles.len() {
        for h in of_actor(i) {
            let next = keys.len();
            keys.entry((h.relation, &h.label)).or_insert(next);
        }
    }
    // Key ids in sorted order, so nothing depends on the order of first use.
    let sorted: Vec<(Relation, &str)> = keys.keys().copied().collect();
    for (id, key) in sorted.iter().enumerate() {
        keys.insert(*key, id);
    }
    let n_keys = sorted.len();
    let mut counts = vec![vec![0usize; n_keys]; n_groups];
    let mut voices = vec![vec![[0usize; 3]; n_keys]; n_groups];
    let mut evidence: Vec<Vec<Option<(usize, ContextLine, Voice)>>> =
        vec![vec![None; n_keys]; n_groups];
    let mut pool = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        let m = side.mentions(i, a, actor);
        if m == 0 {
            continue;
        }
        let g = groups.of_article[i];
        mentions[g] += m;
        let mut uses: BTreeMap<usize, f64> = BTreeMap::new();
        for h in of_actor(i) {
            let k = keys[&(h.relation, &*h.label)];
            counts[g][k] += 1;
            voices[g][k][voice_slot(&h.voice)] += 1;
            if evidence[g][k].is_none() {
                evidence[g][k] = Some((i, h.context.clone(), h.voice.clone()));
            }
            *uses.entry(k).or_insert(0.0) += 1.0;
        }
        pool.push(PoolArticle {
            group: g,
            mentions: m as f64,
            uses: uses.into_iter().collect(),
        });
    }
    let total_mentions: usize = mentions.iter().sum();
    let key_totals: Vec<usize> = (0..n_keys)
        .map(|k| counts.iter().map(|c| c[k]).sum())
        .collect();
    // Tests: (group, key) with enough uses and a rest that mentions the actor.
    let tests: Vec<(usize, usize)> = (0..n_groups)
        .filter(|&g| mentions[g] > 0 && total_mentions > mentions[g])
        .flat_map(|g| (0..n_keys).map(move |k| (g, k)))
        .filter(|&(g, k)| counts[g][k] >= settings.min_count)
        .collect();
    let size = pool.len() + pool.iter().map(|p| p.uses.len()).sum::<usize>();
    let resamples = if tests.is_empty() {
        0
    } else {
        scaled(
            config.bootstrap_resamples,
            size,
            config.min_resamples,
            config.draw_budget,
        )
    };
    let permutations = if tests.is_empty() {
        0
    } else {
        scaled(
            config.permutations,
            size,
            config.min_permutations,
            config.draw_budget,
        )
    };
    let observed = |g: usize, k: usize| {
        log_ratio(
            counts[g][k] as f64,
            (key_totals[k] - counts[g][k]) as f64,
            mentions[g] as f64,
            (total_mentions - mentions[g]) as f64,
        )
    };
    // The view `all` keeps the seeds it had before views existed.
    let seed = |g: usize| {
        config.seed
            ^ ((actor as u64 + 1) << 40)
            ^ ((g as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15))
            ^ ((side.view as u64) << 58)
    };
    // Intervals per group, in parallel; every group has its own seed.
    let intervals: Vec<Vec<(f64, f64)>> = (0..n_groups)
        .into_par_iter()
        .map(|g| {
            let group_keys: Vec<usize> = tests.iter().filter(|t| t.0 == g).map(|t| t.1).collect();
            if group_keys.is_empty() {
                return Vec::new();
            }
            bootstrap(
                &pool,
                g,
                &group_keys,
                n_keys,
                resamples,
                config.level,
                seed(g),
            )
        })
        .collect();
    let exceed = permute(
        &pool,
        n_groups,
        &tests,
        n_keys,
        permutations,
        &|g, k| observed(g, k).abs(),
        seed(n_groups),
    );
    let p: Vec<f64> = exceed
        .iter()
        .map(|&e| (1.0 + e as f64) / (1.0 + permutations as f64))
        .collect();
    let q = features::uncertainty::benjamini_hochberg(&p);
    let mut tested: BTreeMap<(usize, usize), LabelTest> = BTreeMap::new();
    let mut next_in_group = vec![0usize; n_groups];
    for (t, &(g, k)) in tests.iter().enumerate() {
        let (low, high) = intervals[g][next_in_group[g]];
        next_in_group[g] += 1;
        tested.insert(
            (g, k),
            LabelTest {
                low,
                high,
                p: p[t],
                q: q[t],
            },
        );
    }
    let mut rows = Vec::new();
    for g in 0..n_groups {
        let start = rows.len();
        for k in 0..n_keys {
            if counts[g][k] == 0 {
                continue;
            }
            let rest_voices = std::array::from_fn(|v| {
                (0..n_groups)
                    .filter(|&o| o != g)
                    .map(|o| voices[o][k][v])
                    .sum()
            });
            rows.push(LabelRow {
                group: g,
                relation: sorted[k].0,
                label: sorted[k].1.to_owned(),
                count: counts[g][k],
                rest_count: key_totals[k] - counts[g][k],
                voices: voices[g][k],
                rest_voices,
                log_ratio: observed(g, k),
                test: tested.get(&(g, k)).copied(),
                distinctive: tested
                    .get(&(g, k))
                    .is_some_and(|t| t.q < settings.alpha && t.low > 0.0),
                evidence: evidence[g][k]
                    .take()
                    .expect("a used label has its first use"),
            });
        }
        rows[start..].sort_by(|x, y| {
            y.distinctive
                .cmp(&x.distinctive)
                .then(y.log_ratio.total_cmp(&x.log_ratio))
                .then(y.count.cmp(&x.count))
                .then(x.relation.cmp(&y.relation))
                .then(x.label.cmp(&y.label))
        });
    }
    ActorProfile {
        actor,
        mentions,
        rows,
        resamples,
        permutations,
    }
}

/// Percentile intervals of the log ratio of `keys` for group `g`: each
/// resample draws the group's and the rest's articles with replacement.
fn bootstrap(
    pool: &[PoolArticle],
    g: usize,
    keys: &[usize],
    n_keys: usize,
    resamples: usize,
    level: f64,
    seed: u64,
) -> Vec<(f64, f64)> {
    let inside: Vec<&PoolArticle> = pool.iter().filter(|p| p.group == g).collect();
    let rest: Vec<&PoolArticle> = pool.iter().filter(|p| p.group != g).collect();
    let mut slot = vec![usize::MAX; n_keys];
    for (i, &k) in keys.iter().enumerate() {
        slot[k] = i;
    }
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut draws = vec![Vec::with_capacity(resamples); keys.len()];
    let mut sums = [vec![0.0; keys.len()], vec![0.0; keys.len()]];
    // The draws of a side are taken together (the same stream, in order).
    let mut picks = vec![0usize; inside.len().max(rest.len())];
    for _ in 0..resamples {
        let mut totals = [0.0, 0.0];
        for (side, articles) in [&inside, &rest].into_iter().enumerate() {
            sums[side].iter_mut().for_each(|s| *s = 0.0);
            let picks = &mut picks[..articles.len()];
            features::uncertainty::uniform_indices(&mut rng, articles.len(), picks);
            for &pick in picks.iter() {
                let a = articles[pick];
                totals[side] += a.mentions;
                for &(k, n) in &a.uses {
                    if slot[k] != usize::MAX {
                        sums[side][slot[k]] += n;
                    }
                }
            }
        }
        for (i, draw) in draws.iter_mut().enumerate() {
            draw.push(log_ratio(sums[0][i], sums[1][i], totals[0], totals[1]));
        }
    }
    let tail = (1.0 - level) / 2.0;
    draws
        .into_iter()
        .map(|mut d| {
            d.sort_by(f64::total_cmp);
            (
                features::uncertainty::quantile(&d, tail),
                features::uncertainty::quantile(&d, 1.0 - tail),
            )
        })
        .collect()
}

/// For every test (group, key), how many of `permutations` shuffles of the
/// articles' groups give a log ratio at least as far from 0 as observed.
fn permute(
    pool: &[PoolArticle],
    n_groups: usize,
    tests: &[(usize, usize)],
    n_keys: usize,
    permutations: usize,
    observed: &(dyn Fn(usize, usize) -> f64 + Sync),
    seed: u64,
) -> Vec<usize> {
    let mut exceed = vec![0usize; tests.len()];
    if tests.is_empty() {
        return exceed;
    }
    let thresholds: Vec<f64> = tests.iter().map(|&(g, k)| observed(g, k) - 1e-12).collect();
    let mut tested_key = vec![false; n_keys];
    for &(_, k) in tests {
        tested_key[k] = true;
    }
    let total: f64 = pool.iter().map(|p| p.mentions).sum();
    let mut key_total = vec![0.0; n_keys];
    for p in pool {
        for &(k, n) in &p.uses {
            key_total[k] += n;
        }
    }
    let mut labels: Vec<usize> = pool.iter().map(|p| p.group).collect();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut uses = vec![vec![0.0; n_keys]; n_groups];
    let mut mentions = vec![0.0; n_groups];
    for _ in 0..permutations {
        for i in (1..labels.len()).rev() {
            labels.swap(i, rng.gen_range(0..=i as u64) as usize);
        }
        mentions.iter_mut().for_each(|m| *m = 0.0);
        for row in &mut uses {
            row.iter_mut().for_each(|u| *u = 0.0);
        }
        for (p, &g) in pool.iter().zip(&labels) {
            mentions[g] += p.mentions;
            for &(k, n) in &p.uses {
                if tested_key[k] {
                    uses[g][k] += n;
                }
            }
        }
        for (t, &(g, k)) in tests.iter().enumerate() {
            let lr = log_ratio(
                uses[g][k],
                key_total[k] - uses[g][k],
                mentions[g],
                total - mentions[g],
            );
            if lr.abs() >= thresholds[t] {
                exceed[t] += 1;
            }
        }
    }
    exceed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_ratio_is_hardies_with_half_for_zero() {
        assert_eq!(log_ratio(4.0, 2.0, 10.0, 10.0), 1.0);
        assert_eq!(log_ratio(0.0, 1.0, 10.0, 10.0), -1.0);
    }
}
