//! From a corpus to every number the report shows: the streamed first pass
//! (text → digests), then vocabulary → TF-IDF → similarity, clusters,
//! frames, voices, keyness, uncertainty and shared passages, and a second
//! pass for the few evidence lines that need the text again.

use std::collections::BTreeMap;

use core_text::Analyzer;
use corpus::{CorpusReader, InputWarning};
use features::{FrameMatcher, Lexicon, TermCounts, Tfidf, WordIndex};
use ndarray::Array2;
use rayon::prelude::*;

use crate::clusters::{Clustering, cluster_articles};
use crate::config::ReportConfig;
use crate::digest::{ArticleStats, Hit};
use crate::error::ReportError;
use crate::evidence::{Evidence as TextEvidence, gather_evidence};
use crate::layout::Layout;
use crate::output::ReportWriter;
use crate::passages::{Passages, find_passages};
use crate::pipeline::{Evidence, PatternTally, collect};
use crate::progress::{Progress, Unit};
use crate::statistics::{
    FramePrevalence, GroupStatistics, Groups, HeadToHead, frame_prevalence, group_statistics,
    named_pair,
};
use crate::voices::GroupVoices;

/// What the report needs to know about one article.
#[derive(Debug, Clone)]
pub struct ArticleInfo {
    /// Identifier.
    pub id: String,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// The group the article is compared in: its outlet, or
    /// `unknown (<id>)` so that unattributed articles are never pooled.
    pub group: String,
    /// Headline, when known.
    pub title: Option<String>,
    /// Date, when known.
    pub date: Option<String>,
    /// Where it was read from.
    pub origin: String,
    /// Encoding it was decoded from.
    pub encoding: &'static str,
    /// Other metadata (evidence notes).
    pub fields: BTreeMap<String, String>,
}

impl ArticleInfo {
    /// Short label for charts and tables: `000 RT DE`, `002 unknown`.
    pub fn label(&self) -> String {
        // Without an outlet, a `--group-by` value (a newsroom section) says
        // more than "unknown"; the default group of such an article is
        // `unknown (<id>)`.
        let source = match &self.outlet {
            Some(outlet) => outlet.as_str(),
            None if !self.group.starts_with("unknown") => self.group.as_str(),
            None => "unknown",
        };
        format!("{} {source}", self.id)
    }
}

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

/// Everything computed for a report.
pub struct Analysis {
    /// Corpus short name.
    pub corpus_name: String,
    /// Corpus title, when given.
    pub corpus_title: Option<String>,
    /// Corpus description, when given.
    pub corpus_description: Option<String>,
    /// Article metadata, in matrix row order.
    pub articles: Vec<ArticleInfo>,
    /// Per-article numbers (words, sentences, removed lines, quotes).
    pub stats: Vec<ArticleStats>,
    /// For an exact duplicate, the first article with the same text.
    pub duplicate_of: Vec<Option<usize>>,
    /// Which views the corpus size allows.
    pub layout: Layout,
    /// Vocabulary and counts.
    pub counts: TermCounts,
    /// Counted tokens per sentence, per article.
    pub sentence_tokens: Vec<Vec<u32>>,
    /// TF-IDF weights.
    pub tfidf: Tfidf,
    /// Cosine similarity of the articles' TF-IDF rows (small corpora only).
    pub similarity: Option<Array2<f64>>,
    /// Mean cosine similarity between and within groups (outlets).
    pub group_similarity: Array2<f64>,
    /// Clusters, when the corpus is large enough.
    pub clustering: Option<Clustering>,
    /// The framing lexicon.
    pub lexicon: Lexicon,
    /// Lexicon file name, for the record.
    pub lexicon_file: String,
    /// Frame hits per article, with their voice.
    pub hits: Vec<Vec<Hit>>,
    /// The first evidence lines per frame.
    pub evidence: Vec<Vec<Evidence>>,
    /// Per frame and pattern: hits, forms, exclusions, first lines.
    pub patterns: Vec<Vec<PatternTally>>,
    /// Who speaks, per outlet.
    pub group_voices: Vec<GroupVoices>,
    /// Shared passages and exact duplicates.
    pub passages: Passages,
    /// Frame hits dropped because they lie in a repeated passage (only with
    /// `exclude_repeated`), per article.
    pub repeated_hits: Vec<usize>,
    /// Keyness and label words per outlet.
    pub outlets: GroupStatistics,
    /// Keyness and label words per k-means cluster.
    pub cluster_statistics: Option<GroupStatistics>,
    /// Frame rates per outlet with intervals and tests.
    pub prevalence: Vec<FramePrevalence>,
    /// The first two named outlets compared frame by frame, when there are two.
    pub head_to_head: Option<((usize, usize), Vec<HeadToHead>)>,
    /// Text needed after the first pass (key-term contexts).
    pub text_evidence: TextEvidence,
    /// Articles that could not be read.
    pub skipped: Vec<InputWarning>,
    /// Every input skipped, repaired, renamed or cut (skips included, in
    /// input order), then remarks about the corpus as a whole: the rows of
    /// `warnings.tsv`.
    pub warnings: Vec<InputWarning>,
    /// The settings used.
    pub config: ReportConfig,
}

impl std::fmt::Debug for Analysis {
    /// A summary: the full analysis would print every token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analysis")
            .field("corpus", &self.corpus_name)
            .field("articles", &self.articles.len())
            .field("terms", &self.counts.terms.len())
            .field("k", &self.clustering.as_ref().map(|c| c.k))
            .finish_non_exhaustive()
    }
}

/// What the report calls the units it compares: outlets, or the groups of
/// `--group-by` (newsroom categories are not outlets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupNoun {
    /// `outlet` or `group`.
    pub one: &'static str,
    /// `outlets` or `groups`.
    pub many: &'static str,
    /// With its article: `an outlet` or `a group`.
    pub an: &'static str,
    /// Capitalised, for a table header: `Outlet` or `Group`.
    pub title: &'static str,
}

impl Analysis {
    /// The `--group-by` column, unless it is the outlet.
    pub fn group_column(&self) -> Option<&str> {
        self.config
            .group_by
            .as_deref()
            .filter(|column| *column != "outlet")
    }

    /// The word for the compared units: `outlet` unless the articles are
    /// grouped by another column.
    pub fn group_noun(&self) -> GroupNoun {
        match self.group_column() {
            None => GroupNoun {
                one: "outlet",
                many: "outlets",
                an: "an outlet",
                title: "Outlet",
            },
            Some(_) => GroupNoun {
                one: "group",
                many: "groups",
                an: "a group",
                title: "Group",
            },
        }
    }

    /// Frame hits per 1,000 counted tokens of article `doc` for frame
    /// `frame`; 0 for an article without counted tokens.
    pub fn rate_per_1000(&self, doc: usize, frame: usize) -> f64 {
        let tokens = self.counts.n_tokens(doc);
        if tokens == 0 {
            return 0.0;
        }
        self.frame_hits(doc, frame) as f64 * 1000.0 / tokens as f64
    }

    /// Hits of `frame` in article `doc`.
    pub fn frame_hits(&self, doc: usize, frame: usize) -> usize {
        self.hits[doc].iter().filter(|h| h.frame == frame).count()
    }

    /// Per outlet, in order of first appearance, the frames ranked by the
    /// outlet's pooled rate (all its hits per 1,000 of all its counted tokens).
    pub fn frames_by_group(&self) -> Vec<GroupFrames> {
        let groups = &self.outlets.groups;
        (0..groups.names.len())
            .map(|g| {
                let members = groups.members(g);
                let tokens: usize = members.iter().map(|&i| self.counts.n_tokens(i)).sum();
                let mut ranked: Vec<FrameRate> = (0..self.lexicon.frames.len())
                    .map(|frame| {
                        let hits: usize = members.iter().map(|&i| self.frame_hits(i, frame)).sum();
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
}

/// Where a corpus comes from, so the evidence pass can read it again.
pub trait Source {
    /// Opens the corpus from the start.
    fn open(&self) -> Result<CorpusReader, ReportError>;

    /// A name overriding the corpus's own, if any.
    fn name(&self) -> Option<String> {
        None
    }
}

/// Runs the whole analysis, streaming the large data files into `writer`.
pub fn analyze(
    source: &dyn Source,
    lexicon: Lexicon,
    lexicon_file: String,
    config: &ReportConfig,
    writer: &mut ReportWriter,
    progress: &dyn Progress,
) -> Result<Analysis, ReportError> {
    let reader = source.open()?;
    let info = reader.info().clone();
    let analyzer = Analyzer::new(&config.analyzer);
    let matcher = FrameMatcher::new(&lexicon, &analyzer);
    let index = WordIndex::new(&analyzer, Some(&matcher));
    let collected = collect(reader, &lexicon, &matcher, index, config, writer, progress)?;
    if collected.articles.is_empty() {
        return Err(ReportError::Corpus(corpus::CorpusError::Empty {
            path: info.path.clone(),
            skipped: collected.skipped,
        }));
    }
    let layout = Layout::for_articles(collected.articles.len());

    progress.start("counting terms", None, Unit::Steps);
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

    progress.start("comparing and clustering articles", None, Unit::Steps);
    let similarity = layout
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
            &layout,
            config,
        )?)
    } else {
        None
    };
    progress.finish();

    progress.start("statistics", None, Unit::Steps);
    let label_words = config.display.top_terms;
    // The frame tests and the keyness of groups and clusters need nothing
    // of each other: they run side by side.
    let frame_tests = || -> Result<_, ReportError> {
        let prevalence = frame_prevalence(
            &sentence_tokens,
            &hits,
            lexicon.frames.len(),
            &groups,
            &config.statistics,
        )?;
        let head_to_head = named_pair(&groups).map(|pair| {
            let tests = crate::statistics::head_to_head(
                &sentence_tokens,
                &hits,
                lexicon.frames.len(),
                &groups,
                pair,
                &config.statistics,
            );
            (pair, tests)
        });
        Ok((prevalence, head_to_head))
    };
    let keyness_of_groups = || -> Result<_, ReportError> {
        let outlets = group_statistics(&counts, groups.clone(), &config.statistics, label_words)?;
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
        Ok((outlets, cluster_statistics))
    };
    let (frame_results, keyness_results) = rayon::join(frame_tests, keyness_of_groups);
    let (prevalence, head_to_head) = frame_results?;
    let (outlets, cluster_statistics) = keyness_results?;
    progress.finish();

    let text_evidence = gather_evidence(
        source,
        &counts,
        crate::evidence::Findings {
            outlets: &outlets,
            clusters: cluster_statistics.as_ref(),
            passages: &passages,
        },
        &analyzer,
        config,
        progress,
    )?;
    Ok(Analysis {
        corpus_name: source.name().unwrap_or(info.name),
        corpus_title: info.title,
        corpus_description: info.description,
        articles: collected.articles,
        stats: collected.stats,
        duplicate_of: collected.duplicate_of,
        layout,
        counts,
        sentence_tokens,
        tfidf,
        similarity,
        group_similarity,
        clustering,
        lexicon,
        lexicon_file,
        hits,
        evidence: collected.evidence,
        patterns: collected.patterns,
        group_voices: collected.voices.into_iter().map(|v| v.finish()).collect(),
        passages,
        repeated_hits,
        outlets,
        cluster_statistics,
        prevalence,
        head_to_head,
        text_evidence,
        skipped: collected.skipped,
        warnings: collected.warnings,
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
