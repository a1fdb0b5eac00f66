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
use crate::statistics::{Groups, frame_prevalence, group_statistics, named_pair};
use crate::tallies;

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
    let reader = source.open()?;
    let info = reader.info().clone();
    let analyzer = Analyzer::new(&config.analyzer);
    let matcher = FrameMatcher::new(&lexicon, &analyzer);
    let index = WordIndex::new(&analyzer, Some(&matcher));
    let collected = collect(reader, &lexicon, &matcher, index, config, sink, progress)?;
    if collected.articles.is_empty() {
        return Err(AnalysisError::Corpus(corpus::CorpusError::Empty {
            path: info.path.clone(),
            skipped: collected.skipped,
        }));
    }
    let scale = Scale::new(collected.articles.len(), &config.scale);

    progress.start("counting terms", None, ProgressUnit::Steps);
    let vocabulary = features::build_vocabulary(
        &collected.keys,
        collected.terms.iter().map(Vec::as_slice),
        &collected.labels,
        config.tfidf.min_df,
        config.tfidf.max_df,
    )?;
    let (sequences, sentence_tokens): (Vec<Vec<u32>>, Vec<Vec<u32>>) = collected
        .terms
        .par_iter()
        .zip(&collected.sentence_ends)
        .map(|(terms, ends)| {
            let mut per_sentence = Vec::with_capacity(ends.len());
            let mut start = 0usize;
            for &end in ends {
                let kept = terms[start..end as usize]
                    .iter()
                    .filter(|&&id| vocabulary.remap[id as usize].is_some())
                    .count();
                per_sentence.push(kept as u32);
                start = end as usize;
            }
            (vocabulary.columns(terms), per_sentence)
        })
        .unzip();
    drop(collected.terms);
    let counts = TermCounts::new(vocabulary, sequences);
    let tfidf = features::tfidf(&counts.counts, &config.tfidf)?;
    progress.finish();

    let groups = collected.groups;
    let passages = find_passages(
        &collected.word_hashes,
        &collected.duplicate_of,
        &collected.articles,
        config,
    )?;
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
    drop(collected.word_hashes);

    progress.start(
        "comparing and clustering articles",
        None,
        ProgressUnit::Steps,
    );
    let similarity = scale
        .similarity_matrix
        .then(|| features::cosine_similarity(&tfidf.matrix));
    // With the default `l2` norm the TF-IDF rows are unit length already: a
    // copy would cost as much memory as the matrix (200 MB at 100,000 articles).
    let normalized = if config.tfidf.norm == Some(features::Norm::L2) {
        std::borrow::Cow::Borrowed(&tfidf.matrix)
    } else {
        std::borrow::Cow::Owned(normalize_rows(&tfidf.matrix))
    };
    let group_similarity =
        cluster::centroid_similarity_sparse(&normalized, &groups.of_article)?.similarity;
    let clustering = if collected.articles.len() >= 3 {
        Some(cluster_articles(
            &counts,
            &tfidf,
            &normalized,
            similarity.as_ref(),
            &groups,
            &scale,
            config,
        )?)
    } else {
        None
    };
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
        Ok((prevalence, head_to_head))
    };
    let keyness_of_groups = || -> Result<_, AnalysisError> {
        let by_group = group_statistics(&counts, groups.clone(), &config.statistics, label_words)?;
        let cluster_statistics = match &clustering {
            Some(c) => {
                let names: Vec<String> = c.labels.iter().map(|l| format!("cluster {l}")).collect();
                let groups = Groups::from_names(names.iter().map(String::as_str));
                Some(group_statistics(
                    &counts,
                    groups,
                    &config.statistics,
                    label_words,
                )?)
            }
            None => None,
        };
        Ok((by_group, cluster_statistics))
    };
    let (frame_results, keyness_results) = rayon::join(frame_tests, keyness_of_groups);
    let (prevalence, head_to_head) = frame_results?;
    let (by_group, cluster_statistics) = keyness_results?;
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
    let n_frames = lexicon.frames.len();
    let group_frames = tallies::group_frames(&groups, &hits, |i| counts.n_tokens(i), n_frames);
    let frame_voices = tallies::frame_voices(&groups, &hits, n_frames);
    let similar_pairs = similarity.as_ref().and_then(tallies::similar_pairs);
    let distinctive_terms = scale.per_article_tables.then(|| {
        let df: Vec<usize> = counts.terms.iter().map(|t| t.df).collect();
        tallies::distinctive_terms(&tfidf.matrix, &df, config.display.top_terms)
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
        config: config.clone(),
    })
}

/// The rows of a sparse matrix scaled to unit length (zero rows stay zero).
pub fn normalize_rows(matrix: &sprs::CsMat<f64>) -> sprs::CsMat<f64> {
    let mut out = matrix.clone();
    for mut row in out.outer_iterator_mut() {
        let length = row.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
        if length > 0.0 {
            row.map_inplace(|v| v / length);
        }
    }
    out
}
