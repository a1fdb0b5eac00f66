//! What the coders' codes say: precision per frame, per frame and group and
//! per term with Wilson intervals, agreement between coders (Krippendorff's
//! α, nominal), and each group's frame rate corrected by its precision,
//! with an interval that carries the uncertainty of both.
//!
//! A hit's code is the majority of its coders' codes (a tie leaves it
//! undecided and out of the precision). The sample is stratified, so a hit
//! stands for `N_s / n_s` hits of its stratum (`N_s` hits in the stratum,
//! `n_s` of them decided): precision over several strata is the weighted
//! share, and its Wilson interval uses Kish's effective sample size
//! `(Σw)² / Σw²`, which is the plain count where weights are equal (inside
//! one frame × group cell, when the sample was stratified by them).

use std::collections::{BTreeMap, HashMap};

use rand::{Rng, SeedableRng};
use rand_distr::{Beta, Distribution};
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::config::AnalysisConfig;
use crate::error::AnalysisError;
use crate::findings::Analysis;
use crate::validation::codes::Codes;
use crate::validation::hit_id::hit_hash;
use crate::validation::outcome::{CorrectedRate, PrecisionRow, Validation};

/// One decided hit.
struct Decided {
    article: usize,
    frame: usize,
    term: usize,
    group: usize,
    relevant: bool,
    weight: f64,
}

/// Scores the codes against the analysis's hits.
pub fn score(
    a: &Analysis,
    codes: &Codes,
    config: &AnalysisConfig,
) -> Result<Validation, AnalysisError> {
    let level = config.statistics.level;
    let groups = &a.group_statistics.groups;
    let n_frames = a.lexicon.frames.len();
    let wanted: HashMap<u64, &str> = codes
        .by_hit
        .keys()
        .filter_map(|id| {
            let hex = id.strip_prefix('h')?;
            Some((u64::from_str_radix(hex, 16).ok()?, id.as_str()))
        })
        .collect();
    // Stratum of every hit as the sample drew it, and its size.
    let stratum_of = |article: usize, frame: usize, term: usize| -> Vec<usize> {
        config
            .validation
            .stratify
            .iter()
            .map(|s| match s.as_str() {
                "outlet" | "group" => groups.of_article[article],
                "frame" => frame,
                _ => frame << 16 | term,
            })
            .collect()
    };
    let mut sizes: BTreeMap<Vec<usize>, usize> = BTreeMap::new();
    let mut found: Vec<(&str, usize, usize)> = Vec::new();
    for (article, hits) in a.hits.iter().enumerate() {
        for (index, hit) in hits.iter().enumerate() {
            *sizes
                .entry(stratum_of(article, hit.frame, hit.term))
                .or_insert(0) += 1;
            let frame_id = &a.lexicon.frames[hit.frame].id;
            if let Some(id) = wanted.get(&hit_hash(&a.articles[article].id, hit.span, frame_id)) {
                found.push((id, article, index));
            }
        }
    }
    let matched: std::collections::HashSet<&str> = found.iter().map(|f| f.0).collect();
    let unmatched: Vec<String> = codes
        .by_hit
        .keys()
        .filter(|id| !matched.contains(id.as_str()))
        .cloned()
        .collect();
    if found.is_empty() {
        return Err(AnalysisError::Setting {
            name: "codes",
            message: format!(
                "none of the {} coded hit ids is a hit of this corpus and lexicon (were they sampled from another corpus, lexicon or settings?)",
                codes.by_hit.len()
            ),
        });
    }
    found.sort_by_key(|&(_, article, index)| (article, index));

    let mut decided = Vec::new();
    let mut undecided = 0;
    let mut alpha_units: Vec<Vec<Option<u32>>> = Vec::new();
    let mut alpha_units_per_frame: Vec<Vec<Vec<Option<u32>>>> = vec![Vec::new(); n_frames];
    let mut in_stratum: BTreeMap<Vec<usize>, usize> = BTreeMap::new();
    for &(id, article, index) in &found {
        let hit = &a.hits[article][index];
        let row = &codes.by_hit[id];
        let unit: Vec<Option<u32>> = row.iter().map(|c| c.map(u32::from)).collect();
        if unit.iter().flatten().count() >= 2 {
            alpha_units.push(unit.clone());
            alpha_units_per_frame[hit.frame].push(unit);
        }
        let yes = row.iter().filter(|c| **c == Some(true)).count();
        let no = row.iter().filter(|c| **c == Some(false)).count();
        if yes + no == 0 {
            continue;
        }
        if yes == no {
            undecided += 1;
            continue;
        }
        *in_stratum
            .entry(stratum_of(article, hit.frame, hit.term))
            .or_insert(0) += 1;
        decided.push(Decided {
            article,
            frame: hit.frame,
            term: hit.term,
            group: groups.of_article[article],
            relevant: yes > no,
            weight: 0.0,
        });
    }
    for d in &mut decided {
        let stratum = stratum_of(d.article, d.frame, d.term);
        d.weight = sizes[&stratum] as f64 / in_stratum[&stratum] as f64;
    }

    let row = |frame: usize, group: Option<usize>, term: Option<usize>| -> Option<PrecisionRow> {
        let members: Vec<&Decided> = decided
            .iter()
            .filter(|d| d.frame == frame)
            .filter(|d| group.is_none_or(|g| d.group == g))
            .filter(|d| term.is_none_or(|t| d.term == t))
            .collect();
        if members.is_empty() {
            return None;
        }
        let total: f64 = members.iter().map(|d| d.weight).sum();
        let squares: f64 = members.iter().map(|d| d.weight * d.weight).sum();
        let yes: f64 = members
            .iter()
            .filter(|d| d.relevant)
            .map(|d| d.weight)
            .sum();
        let precision = yes / total;
        let effective = total * total / squares;
        let (low, high) = features::validation::wilson_bounds(precision, effective, level)?;
        Some(PrecisionRow {
            frame,
            group,
            term,
            coded: members.len(),
            relevant: members.iter().filter(|d| d.relevant).count(),
            precision,
            low,
            high,
        })
    };
    let frames: Vec<PrecisionRow> = (0..n_frames).filter_map(|f| row(f, None, None)).collect();
    let cells: Vec<PrecisionRow> = (0..n_frames)
        .flat_map(|f| (0..groups.names.len()).map(move |g| (f, g)))
        .filter_map(|(f, g)| row(f, Some(g), None))
        .collect();
    let terms: Vec<PrecisionRow> = a
        .lexicon
        .frames
        .iter()
        .enumerate()
        .flat_map(|(f, frame)| (0..frame.terms.len()).map(move |t| (f, t)))
        .filter_map(|(f, t)| row(f, None, Some(t)))
        .collect();
    let flagged_terms = terms
        .iter()
        .filter(|r| r.high < config.validation.flag_below)
        .map(|r| (r.frame, r.term.unwrap_or_default()))
        .collect();

    let corrected = corrected_rates(a, &decided, &frames, &cells, config);
    Ok(Validation {
        coders: codes.coders.clone(),
        decided: decided.len(),
        undecided,
        unmatched,
        alpha: features::validation::krippendorff_alpha_nominal(&alpha_units),
        alpha_units: alpha_units.len(),
        alpha_per_frame: alpha_units_per_frame
            .iter()
            .map(|units| features::validation::krippendorff_alpha_nominal(units))
            .collect(),
        frames,
        cells,
        terms,
        flagged_terms,
        corrected,
    })
}

/// Each group's frame rate times its precision, with a percentile
/// bootstrap interval. Every replicate draws the group's articles with
/// replacement (a one-article group: its sentences, as the frame-rate
/// intervals do) and, independently, a precision from the Jeffreys
/// posterior `Beta(relevant + ½, not relevant + ½)` of the coded hits
/// behind it (effective counts where weights differ), and multiplies the
/// two. The Beta draw, unlike resampling the coded hits, keeps its spread
/// when every coded hit agrees: three of three relevant is not certainty.
fn corrected_rates(
    a: &Analysis,
    decided: &[Decided],
    frames: &[PrecisionRow],
    cells: &[PrecisionRow],
    config: &AnalysisConfig,
) -> Vec<CorrectedRate> {
    let groups = &a.group_statistics.groups;
    let stats = &config.statistics;
    let tail = (1.0 - stats.level) / 2.0;
    let mut out = Vec::new();
    for frame_row in frames {
        let f = frame_row.frame;
        for g in 0..groups.names.len() {
            let members = groups.members(g);
            let mut items: Vec<(f64, f64)> = members
                .iter()
                .map(|&i| {
                    let hits = a.hits[i].iter().filter(|h| h.frame == f).count();
                    (hits as f64, a.counts.n_tokens(i) as f64)
                })
                .collect();
            let tokens: f64 = items.iter().map(|x| x.1).sum();
            if tokens == 0.0 {
                continue;
            }
            let raw = items.iter().map(|x| x.0).sum::<f64>() * 1000.0 / tokens;
            if let [article] = members[..] {
                let mut sentences: Vec<(f64, f64)> = a.sentence_tokens[article]
                    .iter()
                    .map(|&n| (0.0, f64::from(n)))
                    .collect();
                for hit in a.hits[article].iter().filter(|h| h.frame == f) {
                    if let Some(sentence) = sentences.get_mut(hit.sentence as usize) {
                        sentence.0 += 1.0;
                    }
                }
                items = sentences;
            }
            let cell = cells.iter().find(|c| c.frame == f && c.group == Some(g));
            let from_frame = cell.is_none();
            let precision = cell.map_or(frame_row.precision, |c| c.precision);
            let behind: Vec<&Decided> = decided
                .iter()
                .filter(|d| d.frame == f && (from_frame || d.group == g))
                .collect();
            let total: f64 = behind.iter().map(|d| d.weight).sum();
            let squares: f64 = behind.iter().map(|d| d.weight * d.weight).sum();
            let effective = total * total / squares;
            let posterior = Beta::new(
                precision * effective + 0.5,
                (1.0 - precision) * effective + 0.5,
            )
            .expect("both shapes are at least one half");
            let seed = stats.seed ^ 0x7661_6c69_6400_0000 ^ ((f as u64) << 32) ^ g as u64;
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
            let n = items.len() as u64;
            let mut replicates: Vec<f64> = (0..stats.bootstrap_resamples)
                .map(|_| {
                    let (mut hits, mut tokens) = (0.0, 0.0);
                    for _ in 0..n {
                        let (h, t) = items[rng.gen_range(0..n) as usize];
                        hits += h;
                        tokens += t;
                    }
                    let rate = if tokens > 0.0 {
                        hits * 1000.0 / tokens
                    } else {
                        0.0
                    };
                    rate * posterior.sample(&mut rng)
                })
                .collect();
            replicates.sort_by(f64::total_cmp);
            out.push(CorrectedRate {
                frame: f,
                group: g,
                raw,
                precision,
                from_frame,
                corrected: raw * precision,
                low: features::uncertainty::quantile(&replicates, tail),
                high: features::uncertainty::quantile(&replicates, 1.0 - tail),
            });
        }
    }
    out
}
