//! Window collocates of the actors: the content words near a mention, with
//! or without a grammatical tie, scored per group with logDice (Rychlý
//! 2008), which, unlike MI, does not favour rare words and does not depend
//! on the corpus size.
//!
//! The window is the `labels.window` counted tokens (the vocabulary's terms:
//! stop words left out) on each side of a mention, inside its sentence.
//! Per actor and group, `f_x` is the actor's mentions, `f_y` the term's
//! count in the group's articles and `f_xy` the term's uses in the
//! windows, each token once per actor however many windows overlap it
//! (so `f_xy ≤ f_y`): `logDice = 14 + log2(2 f_xy / (f_x + f_y))`, 14 when
//! the term and the actor always occur together.
//! Terms in fewer than `labels.min_cooccurrence` windows are left out;
//! `labels.collocates_kept` are kept per actor and group.

use std::collections::BTreeMap;

use features::{AnyMatrix, MatrixValue};
use sprs::SpIndex;

use crate::config::LabelsConfig;
use crate::statistics::Groups;

/// A term near an actor's mentions in one group.
#[derive(Debug, Clone, PartialEq)]
pub struct Collocate {
    /// Column of the term in the counts.
    pub column: usize,
    /// Uses in the windows of the group's mentions.
    pub f_xy: usize,
    /// The actor's mentions in the group.
    pub f_x: usize,
    /// The term's count in the group's articles.
    pub f_y: usize,
    /// `14 + log2(2 f_xy / (f_x + f_y))`.
    pub log_dice: f64,
}

/// One actor's collocates, per group, highest logDice first.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorCollocates {
    /// Index into the lexicon's actors.
    pub actor: usize,
    /// Per group id, at most `labels.collocates_kept`.
    pub by_group: Vec<Vec<Collocate>>,
}

/// The provisional term ids within `window` counted tokens of each
/// mention in its sentence, as (actor, id): `terms` and `term_tokens` are
/// the article's counted tokens in text order, `sentence_of_token` the
/// sentence of every token. A binary search per mention; a token in two
/// windows of one actor is listed once.
pub fn window_terms(
    mentions: &[(u16, u32)],
    terms: &[u32],
    term_tokens: &[u32],
    sentence_of_token: &[u32],
    window: usize,
) -> Vec<(u16, u32)> {
    let mut out = Vec::new();
    for &(actor, token) in mentions {
        let sentence = sentence_of_token[token as usize];
        let same = |i: usize| sentence_of_token[term_tokens[i] as usize] == sentence;
        let at = term_tokens.partition_point(|&t| t < token);
        for i in (at.saturating_sub(window)..at).rev() {
            if !same(i) {
                break;
            }
            out.push((actor, i));
        }
        // The name itself may be a counted token: it is no collocate.
        let after = if term_tokens.get(at) == Some(&token) {
            at + 1
        } else {
            at
        };
        for i in after..(after + window).min(term_tokens.len()) {
            if !same(i) {
                break;
            }
            out.push((actor, i));
        }
    }
    out.sort_unstable();
    out.dedup();
    out.into_iter()
        .map(|(actor, i)| (actor, terms[i]))
        .collect()
}

/// The windows with provisional ids turned into count columns (pruned
/// terms dropped).
pub fn to_columns(windows: &[(u16, u32)], remap: &[Option<u32>]) -> Vec<(u16, u32)> {
    windows
        .iter()
        .filter_map(|&(actor, id)| remap[id as usize].map(|column| (actor, column)))
        .collect()
}

/// Every actor's collocates per group: `windows` and `mentions` per article
/// (mentions per actor, empty for none), `counts` articles × terms.
pub fn collocates<N: MatrixValue, I: SpIndex>(
    windows: &[Vec<(u16, u32)>],
    mentions: &[&[u32]],
    counts: &AnyMatrix<N, I>,
    groups: &Groups,
    n_actors: usize,
    settings: &LabelsConfig,
) -> Vec<ActorCollocates> {
    let n_groups = groups.names.len();
    // (actor, group) → column → f_xy, and the mentions f_x.
    let mut f_xy: Vec<Vec<BTreeMap<u32, usize>>> = vec![vec![BTreeMap::new(); n_groups]; n_actors];
    let mut f_x = vec![vec![0usize; n_groups]; n_actors];
    for (i, window) in windows.iter().enumerate() {
        let g = groups.of_article[i];
        for &(actor, column) in window {
            *f_xy[actor as usize][g].entry(column).or_insert(0) += 1;
        }
        for (actor, &m) in mentions[i].iter().enumerate() {
            f_x[actor][g] += m as usize;
        }
    }
    // f_y per group, only for the columns that can be kept: one sweep of the counts.
    let mut slot: BTreeMap<u32, usize> = BTreeMap::new();
    for per_group in &f_xy {
        for map in per_group {
            for (&column, &n) in map {
                if n >= settings.min_cooccurrence {
                    let next = slot.len();
                    slot.entry(column).or_insert(next);
                }
            }
        }
    }
    let mut f_y = vec![vec![0.0f64; slot.len()]; n_groups];
    if !slot.is_empty() {
        let mut dense = vec![usize::MAX; counts.cols()];
        for (&column, &s) in &slot {
            dense[column as usize] = s;
        }
        for (i, row) in counts.outer_iterator().enumerate() {
            let g = groups.of_article[i];
            for (column, &value) in row.iter() {
                if dense[column] != usize::MAX {
                    f_y[g][dense[column]] += value.into();
                }
            }
        }
    }
    (0..n_actors)
        .map(|actor| ActorCollocates {
            actor,
            by_group: (0..n_groups)
                .map(|g| {
                    let fx = f_x[actor][g];
                    let mut kept: Vec<Collocate> = f_xy[actor][g]
                        .iter()
                        .filter(|&(_, &n)| n >= settings.min_cooccurrence)
                        .map(|(&column, &n)| {
                            let fy = f_y[g][slot[&column]] as usize;
                            Collocate {
                                column: column as usize,
                                f_xy: n,
                                f_x: fx,
                                f_y: fy,
                                log_dice: log_dice(n, fx, fy),
                            }
                        })
                        .collect();
                    kept.sort_by(|a, b| {
                        b.log_dice
                            .total_cmp(&a.log_dice)
                            .then(b.f_xy.cmp(&a.f_xy))
                            .then(a.column.cmp(&b.column))
                    });
                    kept.truncate(settings.collocates_kept);
                    kept
                })
                .collect(),
        })
        .collect()
}

/// Rychlý's logDice: `14 + log2(2 f_xy / (f_x + f_y))`.
///
/// ```
/// // A term that occurs only next to the actor, as often as the actor: 14.
/// assert_eq!(analysis::collocates::log_dice(5, 5, 5), 14.0);
/// ```
pub fn log_dice(f_xy: usize, f_x: usize, f_y: usize) -> f64 {
    14.0 + (2.0 * f_xy as f64 / (f_x + f_y) as f64).log2()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_stay_in_the_sentence_and_skip_the_name() {
        // Tokens 0..8; counted tokens at 0, 2, 3 (the name), 5, 7; sentence
        // break before token 7.
        let terms = [10, 11, 12, 13, 14];
        let term_tokens = [0, 2, 3, 5, 7];
        let sentence_of_token = [0, 0, 0, 0, 0, 0, 0, 1];
        let window = window_terms(&[(0, 3)], &terms, &term_tokens, &sentence_of_token, 5);
        assert_eq!(window, [(0, 10), (0, 11), (0, 13)]);
        // Overlapping windows of two mentions list a token once.
        let both = window_terms(
            &[(0, 2), (0, 3)],
            &terms,
            &term_tokens,
            &sentence_of_token,
            5,
        );
        assert_eq!(both, [(0, 10), (0, 11), (0, 12), (0, 13)]);
    }
}
