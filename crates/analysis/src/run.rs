//! The analysis from start to end: the streamed first pass (text →
//! digests), then vocabulary → TF-IDF → similarity, clusters, frames,
//! voices, keyness, uncertainty and shared passages, and a second pass for
//! the few evidence lines that need the text again.

use core_text::Analyzer;
use features::{FrameMatcher, Lexicon, TermCounts, WordIndex};
use rayon::prelude::*;

use crate::clusters::cluster_articles;
use crate::config::AnalysisConfig;
use crate::error::AnalysisError;
use crate::findings::Analysis;
use crate::first_pass::collect;
use crate::passages::find_passages;
use crate::progress::{Progress, ProgressUnit};
use crate::scale::Scale;
use crate::second_pass::gather_evidence;
use crate::sink::ArticleSink;
use crate::source::Source;
use crate::statistics::{Groups, frame_prevalence, group_keyness, group_statistics, named_pair};
use crate::tallies;
use crate::views::{KeynessVariant, SharedText, View, ViewFindings};
use features::keyness::KeynessUnit;
use features::ragged::{Chunk, LISTS_PER_CHUNK, Ragged};

/// Runs the whole analysis, handing each article's rows to `sink` during
/// the first pass.
pub fn analyze<S: ArticleSink + Send>(
    source: &dyn Source,
    lexicon: Lexicon,
    lexicon_file: String,
    config: &AnalysisConfig,
    sink: &mut S,
    progress: &dyn Progress,
) -> Result<Analysis, AnalysisError> {
    let mut lexicon = lexicon;
    if config.labels.auto_actors > 0 {
        let found = crate::auto_actors::frequent_speakers(source, &lexicon, config, progress)?;
        lexicon.actors.extend(found);
    }
    let reader = source.open()?;
    let analyzer = Analyzer::new(&config.analyzer);
    let matcher = FrameMatcher::new(&lexicon, &analyzer);
    let index = WordIndex::new(&analyzer, Some(&matcher));
    let collected = collect(reader, &lexicon, &matcher, index, config, sink, progress)?;
    drop(matcher);
    analyze_collected(source, collected, lexicon, lexicon_file, config, progress)
}

/// The analysis after the first pass: from the digests `collected` holds
/// (read from the corpus, or merged from shards) to the [`Analysis`].
pub(crate) fn analyze_collected(
    source: &dyn Source,
    collected: crate::first_pass::Collected,
    lexicon: Lexicon,
    lexicon_file: String,
    config: &AnalysisConfig,
    progress: &dyn Progress,
) -> Result<Analysis, AnalysisError> {
    let analyzer = Analyzer::new(&config.analyzer);
    let info = collected.source.clone();
    if collected.articles.is_empty() {
        return Err(AnalysisError::Corpus(corpus::CorpusError::Empty {
            path: info.path.clone(),
            skipped: collected.skipped,
        }));
    }
    let scale = Scale::new(collected.articles.len(), &config.scale);

    let groups = collected.groups;
    progress.start("finding shared passages", None, ProgressUnit::Steps);
    let passages = find_passages(
        &collected.words,
        &collected.word_table,
        &collected.duplicate_of,
        &collected.articles,
        config,
    )?;
    let shared_text = SharedText::new(&passages, &groups);
    // Every word's id (4 bytes a word) served the passage search only.
    drop(collected.words);
    drop(collected.word_table);
    progress.finish();

    progress.start("counting terms", None, ProgressUnit::Steps);
    let n_articles = collected.terms.len();
    let mut frequencies = features::KeyFrequencies::new(collected.keys.len());
    for chunk in collected.terms.chunks(LISTS_PER_CHUNK) {
        frequencies.count(&chunk.iter().collect::<Vec<_>>());
    }
    let vocabulary = features::vocabulary_from_frequencies(
        &collected.keys,
        &frequencies,
        &collected.labels,
        config.tfidf.min_df,
        config.tfidf.max_df,
    )?;
    drop(frequencies);
    // Counted tokens per sentence, in all text and (when another group
    // shares any text) in the article's own text. The per-token lists are
    // read a run of articles at a time: past a size they are on disk.
    let any_shared = shared_text.any();
    let mut sequences = Ragged::spilling();
    let mut sentence_tokens = Vec::with_capacity(n_articles);
    let mut own_sentence_tokens = Vec::with_capacity(n_articles);
    let mut view_counts = any_shared.then(|| ViewCounts::new(&groups, &vocabulary, config));
    for range in features::ragged::chunk_ranges(n_articles, LISTS_PER_CHUNK) {
        let terms = collected.terms.chunk(range.clone());
        let tokens = collected.term_tokens.chunk(range.clone());
        let ends = collected.sentence_ends.chunk(range.clone());
        type Counted = (Vec<u32>, Vec<u32>, Vec<u32>);
        let counted: Vec<Counted> = range
            .clone()
            .into_par_iter()
            .map(|article| {
                let terms = terms.get(article);
                let tokens = tokens.get(article);
                let ends = ends.get(article);
                let mut per_sentence = Vec::with_capacity(ends.len());
                let mut own_per_sentence = Vec::new();
                let mut start = 0usize;
                for &end in ends {
                    let range = start..end as usize;
                    let kept = |&(&id, _): &(&u32, &u32)| vocabulary.remap[id as usize].is_some();
                    let in_sentence = || terms[range.clone()].iter().zip(&tokens[range.clone()]);
                    per_sentence.push(in_sentence().filter(kept).count() as u32);
                    if any_shared {
                        let own = in_sentence()
                            .filter(kept)
                            .filter(|&(_, &token)| !shared_text.is_shared(article, token as usize))
                            .count();
                        own_per_sentence.push(own as u32);
                    }
                    start = end as usize;
                }
                (vocabulary.columns(terms), per_sentence, own_per_sentence)
            })
            .collect();
        for (sequence, all, own) in counted {
            sequences
                .push(&sequence)
                .map_err(|source| AnalysisError::Scratch { source })?;
            sentence_tokens.push(all);
            own_sentence_tokens.push(own);
        }
        if let Some(views) = &mut view_counts {
            views.add((&terms, &tokens), &shared_text, &groups, &vocabulary);
        }
    }
    drop(collected.terms);
    drop(collected.term_tokens);
    drop(collected.sentence_ends);
    let windows: Vec<Vec<(u16, u32)>> = collected
        .actor_labels
        .iter()
        .map(|l| crate::collocates::to_columns(&l.window, &vocabulary.remap))
        .collect();
    let counts = TermCounts::new(vocabulary, sequences);
    // Large corpora cluster LSA coordinates made from the counts and keep
    // no TF-IDF matrix (a row is weighted again when written): it would be
    // as large as the counts.
    let keep_tfidf = scale.similarity_matrix || scale.per_article_tables || !scale.lsa;
    let (tfidf, idf) = if keep_tfidf {
        let features::Tfidf { matrix, idf } = features::tfidf(&counts.counts, &config.tfidf)?;
        (Some(matrix), idf)
    } else {
        (None, features::idf(&counts.counts, &config.tfidf)?)
    };
    progress.finish();

    let mut hits = collected.hits;
    let mut repeated_hits = vec![0; hits.len()];
    if config.syndication.exclude_repeated {
        let token_counts: Vec<usize> = collected.stats.iter().map(|s| s.n_tokens).collect();
        let mask = passages.repeated_mask(&token_counts, &collected.articles);
        for (i, doc_hits) in hits.iter_mut().enumerate() {
            let before = doc_hits.len();
            doc_hits.retain(|h| !mask.is_repeated(i, h.token as usize));
            repeated_hits[i] = before - doc_hits.len();
        }
    }
    let n_frames = lexicon.frames.len();

    progress.start(
        "comparing and clustering articles",
        None,
        ProgressUnit::Steps,
    );
    let similarity = match &tfidf {
        Some(matrix) if scale.similarity_matrix => Some(features::cosine_similarity(matrix)),
        _ => None,
    };
    let unit_rows = config.tfidf.norm == Some(features::Norm::L2);
    let (group_similarity, small_rows) = match &tfidf {
        Some(matrix) => {
            // With the default `l2` norm the TF-IDF rows are unit length
            // already: a copy would cost as much memory as the matrix.
            let normalized = if unit_rows {
                std::borrow::Cow::Borrowed(matrix)
            } else {
                std::borrow::Cow::Owned(normalize_rows(matrix))
            };
            let group_similarity =
                cluster::centroid_similarity_sparse(&normalized, &groups.of_article)?;
            // Small corpora cluster the TF-IDF rows themselves.
            let small_rows = (!scale.lsa).then(|| normalized.into_owned());
            (group_similarity, small_rows)
        }
        None => {
            // Each row weighted from its counts, summed into its group and
            // dropped: the same sums, in the same order, as from the matrix.
            let matrix = &counts.counts;
            let rows = (0..matrix.rows()).map(|row| {
                let range = matrix.indptr().outer_inds_sz(row);
                let columns = &matrix.indices()[range.clone()];
                let mut values: Vec<f64> = matrix.data()[range].iter().map(|&v| v.into()).collect();
                features::weight_row(columns, &mut values, &idf, &config.tfidf);
                if !unit_rows {
                    to_unit_length(&mut values);
                }
                columns.iter().map(|&c| c as usize).zip(values)
            });
            let group_similarity = cluster::centroid_similarity_of_rows(
                counts.counts.cols(),
                &groups.of_article,
                rows,
            )?;
            (group_similarity, None)
        }
    };
    let clustering = if collected.articles.len() >= 3 {
        Some(cluster_articles(
            &counts,
            small_rows.as_ref(),
            &group_similarity.centroid_cosine,
            similarity.as_ref(),
            &groups,
            &scale,
            config,
            progress,
        )?)
    } else {
        None
    };
    drop(small_rows);
    let group_similarity = group_similarity.similarity;
    progress.finish();

    progress.start("statistics", None, ProgressUnit::Steps);
    let label_words = config.display.top_terms;
    // The frame tests and the keyness of groups and clusters need nothing
    // of each other: they run side by side.
    let frame_tests = || -> Result<_, AnalysisError> {
        let prevalence = frame_prevalence(
            &sentence_tokens,
            &hits,
            lexicon.frames.len(),
            &groups,
            &config.statistics,
        )?;
        let head_to_head = named_pair(&groups).map(|pair| {
            crate::statistics::head_to_head(
                &sentence_tokens,
                &hits,
                lexicon.frames.len(),
                &groups,
                pair,
                &config.statistics,
            )
            .map(|tests| (pair, tests))
        });
        let head_to_head = head_to_head.transpose()?;
        let views = view_findings(
            &shared_text,
            &own_sentence_tokens,
            &sentence_tokens,
            &hits,
            &groups,
            (&collected.articles, n_frames),
            config,
        )?;
        Ok((prevalence, head_to_head, views))
    };
    let keyness_of_groups = || -> Result<_, AnalysisError> {
        let by_group = group_statistics(
            &counts.counts,
            groups.clone(),
            &config.statistics,
            label_words,
        )?;
        let variants = keyness_variants(&counts, view_counts.as_ref(), &groups, config)?;
        let cluster_statistics = match &clustering {
            Some(c) => {
                let names: Vec<String> = c.labels.iter().map(|l| format!("cluster {l}")).collect();
                let groups = Groups::from_names(names.iter().map(String::as_str));
                Some(group_statistics(
                    &counts.counts,
                    groups,
                    &config.statistics,
                    label_words,
                )?)
            }
            None => None,
        };
        Ok((by_group, cluster_statistics, variants))
    };
    let (frame_results, keyness_results) = rayon::join(frame_tests, keyness_of_groups);
    let (prevalence, head_to_head, views) = frame_results?;
    let (by_group, cluster_statistics, keyness_variants) = keyness_results?;
    progress.finish();

    let text_evidence = gather_evidence(
        source,
        &counts,
        crate::second_pass::Findings {
            groups: &by_group,
            clusters: cluster_statistics.as_ref(),
            passages: &passages,
        },
        &analyzer,
        config,
        progress,
    )?;
    let group_frames = tallies::group_frames(&groups, &hits, |i| counts.n_tokens(i), n_frames);
    let frame_voices = tallies::frame_voices(&groups, &hits, n_frames);
    let similar_pairs = similarity.as_ref().and_then(tallies::similar_pairs);
    // Per-article tables come with small corpora, which keep the matrix.
    let distinctive_terms = tfidf
        .as_ref()
        .filter(|_| scale.per_article_tables)
        .map(|matrix| {
            let df: Vec<usize> = counts.terms.iter().map(|t| t.df).collect();
            tallies::distinctive_terms(matrix, &df, config.display.top_terms)
        });
    let stats = &collected.stats;
    let group_totals = tallies::group_totals(
        &groups,
        |i| counts.n_tokens(i),
        |i| stats[i].removed_total,
        |i| collected.duplicate_of[i].is_some(),
    );
    let mut hits_per_frame = vec![0; n_frames];
    for hit in hits.iter().flatten() {
        hits_per_frame[hit.frame] += 1;
    }
    let totals = tallies::CorpusTotals {
        tokens: (0..collected.articles.len())
            .map(|i| counts.n_tokens(i))
            .sum(),
        removed_lines: stats.iter().map(|s| s.removed_total).sum(),
        removed: tallies::removed_lines(stats, config.display.removed_lines_shown),
        hits_per_frame,
        repeated_hits: repeated_hits.iter().sum(),
    };
    progress.start("frame rates over time", None, ProgressUnit::Steps);
    let timeline = crate::timeline::timeline(
        &crate::timeline::TimelineInput {
            articles: &collected.articles,
            groups: &groups,
            hits: &hits,
            sentence_tokens: &sentence_tokens,
            n_tokens: &|i| counts.n_tokens(i),
            n_frames,
        },
        &timeline_share(config, any_shared),
        &config.statistics,
    )?;
    let label_profiles = crate::label_profiles::label_profiles(
        collected.actor_labels,
        &windows,
        &counts.counts,
        &groups,
        lexicon.actors.len(),
        any_shared.then_some(&shared_text),
        &config.statistics,
        &config.labels,
    );
    progress.finish();
    Ok(Analysis {
        corpus_name: source.name().unwrap_or(info.name),
        corpus_title: info.title,
        corpus_description: info.description,
        articles: collected.articles,
        stats: collected.stats,
        duplicate_of: collected.duplicate_of,
        scale,
        counts,
        sentence_tokens,
        idf,
        tfidf,
        similarity,
        similar_pairs,
        distinctive_terms,
        group_similarity,
        clustering,
        lexicon,
        lexicon_file,
        hits,
        evidence: collected.evidence,
        patterns: collected.patterns,
        group_voices: collected.voices.into_iter().map(|v| v.finish()).collect(),
        frame_voices,
        passages,
        repeated_hits,
        group_statistics: by_group,
        group_frames,
        group_totals,
        totals,
        cluster_statistics,
        prevalence,
        head_to_head,
        text_evidence,
        skipped: collected.skipped,
        warnings: collected.warnings,
        validation: None,
        timeline,
        views,
        keyness_variants,
        label_profiles,
        config: config.clone(),
    })
}

/// The counted tokens of the views `own` and `shared`, as their keyness
/// needs them: summed by group (keyness in tokens, label words), and per
/// article only when keyness counts documents. Held from counting to the
/// statistics, so a few rows per group instead of a column per token.
struct ViewCounts {
    /// `own` and `shared`, one row per group.
    by_group: [sprs::CsMat<f64>; 2],
    /// `own` and `shared`, the columns of every article's counted tokens.
    per_article: Option<[Vec<Vec<u32>>; 2]>,
}

impl ViewCounts {
    /// No article added yet.
    fn new(groups: &Groups, vocabulary: &features::Vocabulary, config: &AnalysisConfig) -> Self {
        let empty = || sprs::CsMat::zero((groups.names.len(), vocabulary.terms.len()));
        let documents = config.statistics.keyness.unit == KeynessUnit::Documents;
        ViewCounts {
            by_group: [empty(), empty()],
            per_article: documents.then(|| [Vec::new(), Vec::new()]),
        }
    }

    /// Adds a run of articles from their provisional term ids and their
    /// token indices. Group sums are whole numbers, so adding them a run
    /// at a time gives the same matrix as adding them all at once.
    fn add(
        &mut self,
        (terms, tokens): (&Chunk, &Chunk),
        shared_text: &SharedText,
        groups: &Groups,
        vocabulary: &features::Vocabulary,
    ) {
        let range = terms.range();
        let n_terms = vocabulary.terms.len();
        // The columns of article `article`'s own (`shared` false) or shared text.
        let columns = |shared: bool, article: usize| {
            terms
                .get(article)
                .iter()
                .zip(tokens.get(article))
                .filter_map(move |(&id, &token)| {
                    let column = vocabulary.remap[id as usize]?;
                    (shared_text.is_shared(article, token as usize) == shared).then_some(column)
                })
        };
        for (i, shared) in [false, true].into_iter().enumerate() {
            let run = features::group_count_matrix(
                &groups.of_article[range.clone()],
                groups.names.len(),
                n_terms,
                |local| columns(shared, range.start + local),
            );
            self.by_group[i] = &self.by_group[i] + &run;
            if let Some(per_article) = &mut self.per_article {
                per_article[i].par_extend(
                    range
                        .clone()
                        .into_par_iter()
                        .map(|article| columns(shared, article).collect::<Vec<u32>>()),
                );
            }
        }
    }
}

/// Keyness beyond the main one (all text, the configured unit): all text
/// in the other unit (documents next to tokens), and, when groups share
/// text, the own and the shared text in the configured unit, with their
/// label words.
fn keyness_variants(
    counts: &TermCounts,
    views: Option<&ViewCounts>,
    groups: &Groups,
    config: &AnalysisConfig,
) -> Result<Vec<KeynessVariant>, AnalysisError> {
    let params = config.statistics.keyness;
    let other = match params.unit {
        KeynessUnit::Tokens => KeynessUnit::Documents,
        KeynessUnit::Documents => KeynessUnit::Tokens,
    };
    let mut out = vec![KeynessVariant {
        view: View::All,
        unit: other,
        keyness: group_keyness(&counts.counts, groups, &params.unit(other))?,
        label_words: None,
    }];
    let Some(views) = views else {
        return Ok(out);
    };
    let label_words_n = config.display.top_terms;
    // Keyness in tokens and c-TF-IDF read only the sums by group: with one
    // row per group as its only article, they are the same integers, and
    // so the same numbers.
    let one_row_per_group = Groups::from_names(groups.names.iter().map(String::as_str));
    for (i, view) in [View::Own, View::Shared].into_iter().enumerate() {
        let by_group = &views.by_group[i];
        let keyness = match &views.per_article {
            Some(columns) => {
                let matrix = features::count_matrix(&columns[i], counts.terms.len());
                group_keyness(&matrix, groups, &params)?
            }
            None => group_keyness(by_group, &one_row_per_group, &params)?,
        };
        out.push(KeynessVariant {
            view,
            unit: params.unit,
            keyness,
            label_words: Some(crate::statistics::label_words(
                by_group,
                &one_row_per_group,
                label_words_n,
            )?),
        });
    }
    Ok(out)
}

/// The frame tables and timelines of the views `own` and `shared`.
/// Without text shared between groups, `own` is `all` and `shared` is
/// empty: nothing is computed.
#[allow(clippy::too_many_arguments)]
fn view_findings(
    shared_text: &SharedText,
    own_sentence_tokens: &[Vec<u32>],
    sentence_tokens: &[Vec<u32>],
    hits: &[Vec<crate::hits::Hit>],
    groups: &Groups,
    (articles, n_frames): (&[crate::article::ArticleInfo], usize),
    config: &AnalysisConfig,
) -> Result<Vec<ViewFindings>, AnalysisError> {
    let any_shared = shared_text.any();
    let mut out = Vec::new();
    if !any_shared {
        // `own` is `all` and `shared` is empty: nothing to add.
        return Ok(out);
    }
    for view in [View::Own, View::Shared] {
        let keep = |article: usize, hit: &crate::hits::Hit| {
            (view == View::Shared) == shared_text.is_shared(article, hit.token as usize)
        };
        let view_hits: Vec<Vec<crate::hits::Hit>> = hits
            .iter()
            .enumerate()
            .map(|(i, h)| h.iter().filter(|hit| keep(i, hit)).cloned().collect())
            .collect();
        // The own view's counts are `own_sentence_tokens` as they are:
        // borrowed, as a copy is a vector per article (90 MB at a million).
        let view_sentences: std::borrow::Cow<[Vec<u32>]> = match view {
            View::Own => std::borrow::Cow::Borrowed(own_sentence_tokens),
            _ => sentence_tokens
                .iter()
                .zip(own_sentence_tokens)
                .map(|(all, own)| all.iter().zip(own).map(|(a, o)| a - o).collect())
                .collect(),
        };
        let tokens: Vec<usize> = view_sentences
            .iter()
            .map(|s| s.iter().map(|&n| n as usize).sum())
            .collect();
        let view_prevalence = frame_prevalence(
            &view_sentences,
            &view_hits,
            n_frames,
            groups,
            &config.statistics,
        )?;
        let timeline = crate::timeline::timeline(
            &crate::timeline::TimelineInput {
                articles,
                groups,
                hits: &view_hits,
                sentence_tokens: &view_sentences,
                n_tokens: &|i| tokens[i],
                n_frames,
            },
            &timeline_share(config, any_shared),
            &config.statistics,
        )?;
        out.push(ViewFindings {
            view,
            timeline,
            group_frames: tallies::group_frames(groups, &view_hits, |i| tokens[i], n_frames),
            frame_voices: tallies::frame_voices(groups, &view_hits, n_frames),
            prevalence: view_prevalence,
            hits: view_hits,
            tokens,
        });
    }
    Ok(out)
}

/// The timeline settings of one view: with the views `own` and `shared`
/// beside `all`, each of the three timelines gets a third of
/// `timeline.draw_budget`, so the views do not triple its cost.
fn timeline_share(config: &AnalysisConfig, views: bool) -> crate::config::TimelineConfig {
    let mut timeline = config.timeline.clone();
    if views {
        timeline.draw_budget /= 3;
    }
    timeline
}

/// The rows of a sparse matrix scaled to unit length (zero rows stay zero).
pub fn normalize_rows(matrix: &sprs::CsMat<f64>) -> sprs::CsMat<f64> {
    let mut out = matrix.clone();
    let indptr = out.indptr().to_owned();
    for row in 0..out.rows() {
        to_unit_length(&mut out.data_mut()[indptr.outer_inds_sz(row)]);
    }
    out
}

/// Scales one row's values to unit Euclidean length (a zero row stays
/// zero).
fn to_unit_length(values: &mut [f64]) {
    let length = values.iter().map(|v| v * v).sum::<f64>().sqrt();
    if length > 0.0 {
        values.iter_mut().for_each(|v| *v /= length);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_scaled_to_unit_length_and_zero_rows_stay_zero() {
        let matrix = sprs::CsMat::new((3, 3), vec![0, 2, 2, 3], vec![0, 2, 1], vec![3.0, 4.0, 0.5]);
        let unit = normalize_rows(&matrix);
        assert_eq!(unit.indptr().raw_storage(), matrix.indptr().raw_storage());
        assert_eq!(unit.data(), &[0.6, 0.8, 1.0]);
        // The row weighted on its own gives the same bits.
        let mut row = vec![3.0, 4.0];
        to_unit_length(&mut row);
        assert_eq!(row, [0.6, 0.8]);
        let mut zero = vec![0.0, 0.0];
        to_unit_length(&mut zero);
        assert_eq!(zero, [0.0, 0.0]);
    }
}
