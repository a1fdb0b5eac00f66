//! Lexicon suggestions: candidate terms for one frame found in the corpus
//! itself, so a lexicon can grow from what the outlets actually write
//! rather than from what its author thought of. Nothing here changes a
//! lexicon: the candidates go to a review file, and only the ones a person
//! accepts are merged (`rahmen lexicon accept`).
//!
//! Three kinds of evidence, each a ranked list of the eligible terms:
//!
//! 1. **keyness**: G² of a term's count in the sentences with a hit of the
//!    frame against its count in all other sentences (positive only);
//! 2. **neighbours**: cosine of the term's PPMI vector (sentence
//!    co-occurrence, [`ppmi`]) with the unit mean of the frame words'
//!    vectors;
//! 3. **compound family**: the term shares a head or a modifier with a
//!    frame word ([`compounds`]); longer shared parts rank first.
//!
//! The lists are fused by reciprocal rank fusion (Cormack, Clarke &
//! Büttcher 2009): `score = Σ 1 / (k + rank)` over the lists a term is in,
//! `k` = [`SuggestParams::fusion_k`], every list weighted alike, so a term
//! that two kinds of evidence agree on beats one that tops a single list.
//! Terms the frame's patterns already match, numbers, words shorter than
//! three letters and rare terms (fewer than `min_count` occurrences) are
//! never candidates; stop words are not counted in the first place.

pub mod compounds;
pub mod ppmi;

use std::collections::{BTreeMap, BTreeSet};

use core_text::{Analyzer, Document};
use features::keyness::KeyTerm;
use features::{FrameMatcher, Lexicon};
use rayon::prelude::*;

use crate::error::AnalysisError;
use crate::findings::Analysis;
use crate::hits::ContextLine;
use crate::progress::{Progress, ProgressUnit};
use crate::revisit::revisit;
use crate::source::Source;
use compounds::{Link, Parts};

/// Settings of the suggestions.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestParams {
    /// Candidates kept.
    pub top: usize,
    /// A term is a candidate only with at least this many occurrences.
    pub min_count: usize,
    /// PPMI contexts: the most frequent terms, at most this many (bounds
    /// the work on large corpora).
    pub max_contexts: usize,
    /// The `k` of reciprocal rank fusion.
    pub fusion_k: f64,
    /// Evidence lines per candidate.
    pub evidence_lines: usize,
    /// Characters of context on each side of an evidence line's word.
    pub context_width: usize,
}

impl Default for SuggestParams {
    fn default() -> Self {
        SuggestParams {
            top: 30,
            min_count: 3,
            max_contexts: 5000,
            fusion_k: 60.0,
            evidence_lines: 3,
            context_width: 60,
        }
    }
}

/// Candidate terms for one frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestions {
    /// The frame (index in the lexicon).
    pub frame: usize,
    /// Columns the frame's one-word patterns already match (the seeds).
    pub seeds: Vec<u32>,
    /// Sentences with a hit of the frame.
    pub hit_sentences: usize,
    /// The candidates, best first.
    pub candidates: Vec<Candidate>,
}

/// One candidate term and its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Its column in the counts.
    pub column: u32,
    /// Its most frequent surface form: the pattern proposed.
    pub label: String,
    /// The fused score.
    pub score: f64,
    /// Keyness of hit sentences against the rest (`a`: count in hit
    /// sentences), when the term is relatively more frequent there.
    pub keyness: Option<KeyTerm>,
    /// Count in sentences with a hit of the frame.
    pub in_hit_sentences: usize,
    /// Cosine of its PPMI vector with the frame words' mean.
    pub cosine: f64,
    /// The shared compound part, when it has one.
    pub compound: Option<Link>,
    /// 1-based ranks in the keyness, neighbour and compound lists.
    pub ranks: [Option<usize>; 3],
    /// The frame word it is closest to: the compound partner, else the
    /// seed with the highest cosine (the provenance an accept records).
    pub seed: Option<String>,
    /// Occurrences in the corpus.
    pub count: usize,
    /// Occurrences per group (outlet or `--group-by` value).
    pub per_group: BTreeMap<String, usize>,
    /// Up to [`SuggestParams::evidence_lines`] lines, those in hit sentences
    /// first, each from another article.
    pub evidence: Vec<ContextLine>,
}

/// Finds candidate terms for frame `frame` of `a`'s lexicon and reads the
/// corpus once more for their evidence lines. Writes nothing.
pub fn suggest(
    source: &dyn Source,
    a: &Analysis,
    frame: usize,
    params: &SuggestParams,
    progress: &dyn Progress,
) -> Result<Suggestions, AnalysisError> {
    if params.top == 0 || params.fusion_k <= 0.0 {
        return Err(AnalysisError::Setting {
            name: "suggest",
            message: "top must be at least 1 and fusion_k positive".to_owned(),
        });
    }
    progress.start("ranking candidate terms", None, ProgressUnit::Steps);
    let analyzer = Analyzer::new(&a.config.analyzer);
    let terms = &a.counts.terms;
    let n_terms = terms.len();
    let labels: Vec<String> = terms
        .iter()
        .map(|t| core_text::normalize(&t.label))
        .collect();

    // Seeds: the columns the frame's one-word patterns match.
    let (seed_lexicon, open_cores) = one_word_patterns(&a.lexicon, frame);
    let mut is_seed = vec![false; n_terms];
    if let Some(lexicon) = &seed_lexicon {
        let matcher = FrameMatcher::new(lexicon, &analyzer);
        for (column, label) in labels.iter().enumerate() {
            is_seed[column] = !matcher.word_matches(label).is_empty();
        }
    }
    let seeds: Vec<u32> = (0..n_terms as u32)
        .filter(|&c| is_seed[c as usize])
        .collect();
    let eligible: Vec<bool> = (0..n_terms)
        .map(|c| {
            let label = &labels[c];
            !is_seed[c]
                && terms[c].total >= params.min_count
                && label.chars().count() >= 3
                && label.chars().any(char::is_alphabetic)
                && !label.chars().any(|ch| ch.is_ascii_digit())
        })
        .collect();

    // (a) Keyness of the hit sentences against the rest.
    let mut in_hits = vec![0usize; n_terms];
    let mut elsewhere = vec![0usize; n_terms];
    let mut hit_sentences = 0usize;
    each_article_sentences(a, |article, sentences| {
        let with_hit = hit_sentences_of(a, article, frame);
        hit_sentences += with_hit.len();
        for (s, columns) in sentences.enumerate() {
            let target = if with_hit.contains(&(s as u32)) {
                &mut in_hits
            } else {
                &mut elsewhere
            };
            for &c in columns {
                target[c as usize] += 1;
            }
        }
    });
    let total_in: usize = in_hits.iter().sum();
    let total_out: usize = elsewhere.iter().sum();
    let mut keyness: Vec<Option<KeyTerm>> = vec![None; n_terms];
    for c in (0..n_terms).filter(|&c| eligible[c] && in_hits[c] > 0) {
        let term = KeyTerm::new(
            c,
            in_hits[c] as f64,
            elsewhere[c] as f64,
            total_in as f64,
            total_out as f64,
        );
        if term.g2 > 0.0 {
            keyness[c] = Some(term);
        }
    }

    // (b) PPMI neighbours of the seeds.
    let contexts = most_frequent(a, params.max_contexts);
    let targets: Vec<bool> = (0..n_terms).map(|c| eligible[c] || is_seed[c]).collect();
    let pairs = ppmi::Cooccurrence::from_feed(
        |add| each_article_sentences(a, |_, sentences| sentences.for_each(&mut *add)),
        &targets,
        &contexts,
    );
    let seed_vectors: Vec<ppmi::SparseVector> =
        seeds.par_iter().map(|&s| pairs.vector(s)).collect();
    let mean = ppmi::centroid(seed_vectors.iter());
    // Each term's vector is made and dropped on its own thread; the
    // cosines are collected in column order.
    let cosine: Vec<f64> = (0..n_terms)
        .into_par_iter()
        .map(|c| {
            if eligible[c] && !mean.is_empty() {
                ppmi::dot(&pairs.vector(c as u32), &mean)
            } else {
                0.0
            }
        })
        .collect();

    // (c) Compound families of the seeds' surface forms and the patterns.
    let known_words: BTreeSet<&str> = labels.iter().map(String::as_str).collect();
    let known = |w: &str| known_words.contains(w);
    let mut parts: Vec<(String, Parts)> = Vec::new();
    for &s in &seeds {
        let label = &labels[s as usize];
        parts.push((
            terms[s as usize].label.clone(),
            Parts::of(label, false, &known),
        ));
    }
    for (pattern, core, open_end) in &open_cores {
        parts.push((pattern.clone(), Parts::of(core, *open_end, &known)));
    }
    let mut links: Vec<Option<(Link, String)>> = vec![None; n_terms];
    for c in (0..n_terms).filter(|&c| eligible[c]) {
        for (seed, p) in &parts {
            if let Some(link) = p.link(&labels[c]) {
                let longer = links[c]
                    .as_ref()
                    .is_none_or(|(l, _)| link.part.chars().count() > l.part.chars().count());
                if longer {
                    links[c] = Some((link, seed.clone()));
                }
            }
        }
    }

    // Rank each list, then fuse.
    let by = |value: &dyn Fn(usize) -> Option<f64>| -> Vec<Option<usize>> {
        let mut listed: Vec<(usize, f64)> = (0..n_terms)
            .filter_map(|c| value(c).map(|v| (c, v)))
            .collect();
        listed.sort_by(|x, y| {
            y.1.total_cmp(&x.1)
                .then(terms[y.0].total.cmp(&terms[x.0].total))
                .then(x.0.cmp(&y.0))
        });
        let mut rank = vec![None; n_terms];
        for (r, (c, _)) in listed.into_iter().enumerate() {
            rank[c] = Some(r + 1);
        }
        rank
    };
    let key_rank = by(&|c| keyness[c].map(|k| k.g2));
    let near_rank = by(&|c| (cosine[c] > 0.0).then_some(cosine[c]));
    let family_rank = by(&|c| {
        links[c]
            .as_ref()
            .map(|(l, _)| l.part.chars().count() as f64)
    });
    let mut scored: Vec<(u32, f64)> = (0..n_terms)
        .filter(|&c| eligible[c])
        .filter_map(|c| {
            let score: f64 = [key_rank[c], near_rank[c], family_rank[c]]
                .iter()
                .flatten()
                .map(|&r| 1.0 / (params.fusion_k + r as f64))
                .sum();
            (score > 0.0).then_some((c as u32, score))
        })
        .collect();
    scored.sort_by(|x, y| {
        y.1.total_cmp(&x.1)
            .then(terms[y.0 as usize].total.cmp(&terms[x.0 as usize].total))
            .then(x.0.cmp(&y.0))
    });
    scored.truncate(params.top);

    let nearest_seed = |c: usize| -> Option<String> {
        let vector = pairs.vector(c as u32);
        seeds
            .iter()
            .zip(&seed_vectors)
            .map(|(&s, seed)| (s, ppmi::dot(&vector, seed)))
            .filter(|(_, v)| *v > 0.0)
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
            .map(|(s, _)| terms[s as usize].label.clone())
    };
    let mut candidates: Vec<Candidate> = scored
        .iter()
        .map(|&(column, score)| {
            let c = column as usize;
            let link = links[c].clone();
            Candidate {
                column,
                label: terms[c].label.clone(),
                score,
                keyness: keyness[c],
                in_hit_sentences: in_hits[c],
                cosine: cosine[c],
                seed: link
                    .as_ref()
                    .map(|(_, seed)| seed.clone())
                    .or_else(|| nearest_seed(c)),
                compound: link.map(|(l, _)| l),
                ranks: [key_rank[c], near_rank[c], family_rank[c]],
                count: terms[c].total,
                per_group: BTreeMap::new(),
                evidence: Vec::new(),
            }
        })
        .collect();
    count_per_group(a, &mut candidates);
    progress.finish();
    gather_evidence(
        source,
        a,
        frame,
        &analyzer,
        &mut candidates,
        params,
        progress,
    )?;
    Ok(Suggestions {
        frame,
        seeds,
        hit_sentences,
        candidates,
    })
}

/// The frame's one-word patterns as a one-frame lexicon (for matching the
/// vocabulary), and each pattern's core for the compound families:
/// (pattern, lowercase core without `*`, whether it ends open).
#[allow(clippy::type_complexity)]
fn one_word_patterns(
    lexicon: &Lexicon,
    frame: usize,
) -> (Option<Lexicon>, Vec<(String, String, bool)>) {
    let Some(f) = lexicon.frames.get(frame) else {
        return (None, Vec::new());
    };
    let mut only = f.clone();
    only.terms.retain(|t| !t.pattern.contains(' '));
    let cores = only
        .terms
        .iter()
        .map(|t| {
            let core = t.pattern.trim_matches('*');
            (
                t.pattern.clone(),
                core_text::normalize(core),
                t.pattern.ends_with('*'),
            )
        })
        .collect();
    if only.terms.is_empty() {
        return (None, cores);
    }
    let mut one = lexicon.clone();
    one.frames = vec![only];
    (Some(one), cores)
}

/// Calls `each` with every article's number and its sentences as slices
/// of its counted columns, in order; the columns are read a run of
/// articles at a time.
fn each_article_sentences(
    a: &Analysis,
    mut each: impl FnMut(usize, &mut dyn Iterator<Item = &[u32]>),
) {
    for chunk in a.counts.sequences.chunks(features::ragged::LISTS_PER_CHUNK) {
        for article in chunk.range() {
            let sequence = chunk.get(article);
            let mut start = 0usize;
            let mut sentences = a.sentence_tokens[article].iter().map(|&n| {
                let from = start.min(sequence.len());
                start += n as usize;
                &sequence[from..start.min(sequence.len())]
            });
            each(article, &mut sentences);
        }
    }
}

/// The `max` most frequent terms (ties: lower column) as a mask.
fn most_frequent(a: &Analysis, max: usize) -> Vec<bool> {
    let terms = &a.counts.terms;
    let mut order: Vec<usize> = (0..terms.len()).collect();
    order.sort_by(|&x, &y| terms[y].total.cmp(&terms[x].total).then(x.cmp(&y)));
    let mut mask = vec![false; terms.len()];
    for c in order.into_iter().take(max) {
        mask[c] = true;
    }
    mask
}

/// Each candidate's occurrences per group, from the counted sequences.
fn count_per_group(a: &Analysis, candidates: &mut [Candidate]) {
    let mut slot: BTreeMap<u32, usize> = BTreeMap::new();
    for (i, c) in candidates.iter().enumerate() {
        slot.insert(c.column, i);
    }
    for chunk in a.counts.sequences.chunks(features::ragged::LISTS_PER_CHUNK) {
        for (article, sequence) in chunk.range().zip(chunk.iter()) {
            for column in sequence {
                if let Some(&i) = slot.get(column) {
                    *candidates[i]
                        .per_group
                        .entry(a.articles[article].group.clone())
                        .or_insert(0) += 1;
                }
            }
        }
    }
}

/// Picks each candidate's evidence occurrences (in hit sentences first, one
/// per article, corpus order) and cuts their lines in a read of the corpus.
fn gather_evidence(
    source: &dyn Source,
    a: &Analysis,
    frame: usize,
    analyzer: &Analyzer,
    candidates: &mut [Candidate],
    params: &SuggestParams,
    progress: &dyn Progress,
) -> Result<(), AnalysisError> {
    let want = params.evidence_lines;
    if want == 0 || candidates.is_empty() {
        return Ok(());
    }
    let slot: BTreeMap<u32, usize> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (c.column, i))
        .collect();
    // Per candidate: (article, position in its sequence) in and out of hit sentences.
    let mut picked: Vec<[Vec<(usize, usize)>; 2]> =
        vec![[Vec::new(), Vec::new()]; candidates.len()];
    each_article_sentences(a, |article, sentences| {
        let with_hit = hit_sentences_of(a, article, frame);
        let mut position = 0usize;
        for (s, columns) in sentences.enumerate() {
            let side = usize::from(!with_hit.contains(&(s as u32)));
            for &column in columns {
                if let Some(&i) = slot.get(&column) {
                    let list = &mut picked[i][side];
                    let new_article = list.last().is_none_or(|&(last, _)| last != article);
                    if list.len() < want && new_article {
                        list.push((article, position));
                    }
                }
                position += 1;
            }
        }
    });
    // Wanted per article: (position, column, candidate, order).
    let mut wanted: BTreeMap<usize, Vec<(usize, u32, usize, usize)>> = BTreeMap::new();
    for (i, [inside, outside]) in picked.iter().enumerate() {
        for (order, &(article, position)) in inside.iter().chain(outside).take(want).enumerate() {
            wanted
                .entry(article)
                .or_default()
                .push((position, candidates[i].column, i, order));
        }
    }
    let lines = revisit(
        source,
        |article| wanted.contains_key(&article),
        &a.config.text,
        "cutting the candidates' evidence lines",
        progress,
        |index, doc| {
            let wants = &wanted[&index];
            let mut lines = Vec::new();
            let mut first_of: BTreeMap<u32, core_text::Span> = BTreeMap::new();
            let mut position = 0usize;
            for token in &doc.tokens {
                let Some(column) = analyzer.key(token).and_then(|k| a.counts.column(&k)) else {
                    continue;
                };
                first_of.entry(column).or_insert(token.span);
                for &(p, c, i, order) in wants {
                    if p == position && c == column {
                        lines.push(((i, order), line(doc, token.span, params.context_width)));
                    }
                }
                position += 1;
            }
            // Should the token order differ from the counts', the
            // article's first occurrence still gives a line.
            for &(_, c, i, order) in wants {
                if !lines.iter().any(|(key, _)| *key == (i, order)) {
                    if let Some(&span) = first_of.get(&c) {
                        lines.push(((i, order), line(doc, span, params.context_width)));
                    }
                }
            }
            lines
        },
    )?;
    let found: BTreeMap<(usize, usize), ContextLine> = lines.into_iter().collect();
    for ((i, _), context) in found {
        candidates[i].evidence.push(context);
    }
    Ok(())
}

/// The sentences of `article` with a hit of `frame`.
fn hit_sentences_of(a: &Analysis, article: usize, frame: usize) -> BTreeSet<u32> {
    a.hits[article]
        .iter()
        .filter(|h| h.frame == frame)
        .map(|h| h.sentence)
        .collect()
}

/// The KWIC line around `span` as the analysis keeps it.
fn line(doc: &Document, span: core_text::Span, width: usize) -> ContextLine {
    ContextLine::from(features::kwic(doc, span, width))
}
