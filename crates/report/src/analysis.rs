//! The pipeline from a loaded corpus to every number the report shows:
//! text → terms → TF-IDF → similarity, clusters and frames. No I/O here.

use std::collections::BTreeMap;

use core_text::{Analyzer, Document, Quote};
use corpus::{Corpus, Skipped};
use features::syndication::{Syndication, repeated_token_mask, shared_passages};
use features::{FrameHit, FrameMatcher, Lexicon, TermCounts, Tfidf};
use ndarray::Array2;
use rayon::prelude::*;

use crate::config::ReportConfig;
use crate::error::ReportError;
use crate::statistics::{
    FramePrevalence, GroupStatistics, Groups, HeadToHead, frame_prevalence, group_statistics,
    named_pair,
};
use crate::voices::{GroupVoices, Voice, group_voices, hit_voice};

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
        format!(
            "{} {}",
            self.id,
            self.outlet.as_deref().unwrap_or("unknown")
        )
    }
}

/// How k was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KChoice {
    /// Given by the user.
    Given,
    /// Highest mean silhouette among the candidates.
    Silhouette,
}

/// Clustering results (present when there are at least three articles).
#[derive(Debug, Clone)]
pub struct Clustering {
    /// Silhouette and inertia for every candidate k.
    pub scores: Vec<cluster::KScore>,
    /// Agreement of k-means across seeds, per candidate k (same order).
    pub stability: Vec<cluster::Stability>,
    /// The k used.
    pub k: usize,
    /// How it was decided.
    pub choice: KChoice,
    /// k-means label per article (canonical ids).
    pub labels: Vec<usize>,
    /// k-means inertia.
    pub inertia: f64,
    /// Mean silhouette of the k-means labels.
    pub silhouette: f64,
    /// Average-linkage tree on cosine distance.
    pub dendrogram: cluster::Dendrogram,
    /// The tree cut into k clusters.
    pub linkage_labels: Vec<usize>,
    /// Adjusted Rand index between k-means and the linkage cut.
    pub agreement: f64,
    /// 2-D PCA of the L2-normalised TF-IDF rows.
    pub projection: cluster::Projection,
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
    /// Analysed texts, in the same order.
    pub docs: Vec<Document>,
    /// Vocabulary and counts.
    pub counts: TermCounts,
    /// TF-IDF weights.
    pub tfidf: Tfidf,
    /// Cosine similarity of the TF-IDF rows.
    pub similarity: Array2<f64>,
    /// Clusters, when the corpus is large enough.
    pub clustering: Option<Clustering>,
    /// The framing lexicon.
    pub lexicon: Lexicon,
    /// Lexicon file name, for the record.
    pub lexicon_file: String,
    /// Quotations and reported speech per article.
    pub quotes: Vec<Vec<Quote>>,
    /// Frame hits per article.
    pub hits: Vec<Vec<FrameHit>>,
    /// The voice of every frame hit, parallel to `hits`.
    pub voices: Vec<Vec<Voice>>,
    /// Who speaks, per outlet.
    pub group_voices: Vec<GroupVoices>,
    /// Matches per article that a term's exclusions removed.
    pub excluded: Vec<Vec<FrameHit>>,
    /// Articles that could not be read.
    pub skipped: Vec<Skipped>,
    /// Remarks about the corpus.
    pub warnings: Vec<String>,
    /// Passages shared between articles.
    pub syndication: Syndication,
    /// For small corpora, shared runs at a looser setting (6+ tokens), to
    /// show what little is shared when nothing reaches the threshold.
    pub near_matches: Option<Syndication>,
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

impl Analysis {
    /// Frame hits per 1,000 counted tokens of article `doc` for frame
    /// `frame`; 0 for an article without counted tokens.
    pub fn rate_per_1000(&self, doc: usize, frame: usize) -> f64 {
        let tokens = self.counts.n_tokens(doc);
        if tokens == 0 {
            return 0.0;
        }
        let hits = self.hits[doc].iter().filter(|h| h.frame == frame).count();
        hits as f64 * 1000.0 / tokens as f64
    }

    /// Per group, in order of first appearance, the frames ranked by the
    /// group's pooled rate (all its hits per 1,000 of all its counted tokens).
    pub fn frames_by_group(&self) -> Vec<GroupFrames> {
        let mut groups: Vec<&str> = Vec::new();
        for article in &self.articles {
            if !groups.contains(&article.group.as_str()) {
                groups.push(&article.group);
            }
        }
        groups
            .into_iter()
            .map(|group| {
                let members: Vec<usize> = (0..self.articles.len())
                    .filter(|&i| self.articles[i].group == group)
                    .collect();
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
                    group: group.to_owned(),
                    ranked,
                }
            })
            .collect()
    }

    /// Hits of `frame` in article `doc`.
    pub fn frame_hits(&self, doc: usize, frame: usize) -> usize {
        self.hits[doc].iter().filter(|h| h.frame == frame).count()
    }
}

/// Runs the whole analysis on a loaded corpus.
pub fn analyze(
    corpus: Corpus,
    lexicon: Lexicon,
    lexicon_file: String,
    config: &ReportConfig,
) -> Result<Analysis, ReportError> {
    let articles: Vec<ArticleInfo> = corpus
        .articles
        .iter()
        .map(|a| ArticleInfo {
            id: a.id.clone(),
            group: a.group.clone(),
            outlet: a.outlet.clone(),
            title: a.title.clone(),
            date: a.date.clone(),
            origin: a.origin.clone(),
            encoding: a.encoding,
            fields: a.fields.clone(),
        })
        .collect();
    let docs: Vec<Document> = corpus
        .articles
        .into_par_iter()
        .map(|a| Document::analyze(a.text, &config.text))
        .collect();

    let quotes: Vec<Vec<Quote>> = docs.par_iter().map(core_text::find_quotes).collect();
    let analyzer = Analyzer::new(&config.analyzer);
    let counts = features::count_terms(&docs, &analyzer, config.tfidf.min_df, config.tfidf.max_df)?;
    let tfidf = features::tfidf(&counts.counts, &config.tfidf)?;
    let similarity = features::cosine_similarity(&tfidf.matrix);

    let matcher = FrameMatcher::new(&lexicon, &analyzer);
    let (hits, excluded): (Vec<Vec<FrameHit>>, Vec<Vec<FrameHit>>) = docs
        .par_iter()
        .map(|doc| {
            let matches = matcher.find_all(doc);
            (matches.hits, matches.excluded)
        })
        .unzip();

    let syndication_params = config.syndication.params.check()?;
    let syndication = shared_passages(&docs, &syndication_params);
    let near_matches = if docs.len() <= NEAR_MATCH_MAX_ARTICLES {
        let loose = features::syndication::SyndicationParams {
            shingle: 4,
            window: 3,
            min_tokens: 6,
            ..config.syndication.params
        }
        .check()?;
        Some(shared_passages(&docs, &loose))
    } else {
        None
    };
    let mut hits = hits;
    let mut repeated_hits = vec![0; docs.len()];
    if config.syndication.exclude_repeated {
        let mask = repeated_token_mask(&docs, &syndication.passages, &publication_order(&articles));
        for (i, doc_hits) in hits.iter_mut().enumerate() {
            let before = doc_hits.len();
            doc_hits.retain(|h| !mask[i][h.tokens.start]);
            repeated_hits[i] = before - doc_hits.len();
        }
    }

    let clustering = if docs.len() >= 3 {
        Some(cluster_articles(&tfidf, &similarity, config)?)
    } else {
        None
    };

    let voices: Vec<Vec<Voice>> = hits
        .iter()
        .zip(&quotes)
        .map(|(doc_hits, doc_quotes)| doc_hits.iter().map(|h| hit_voice(doc_quotes, h)).collect())
        .collect();
    let label_words = config.display.top_terms;
    let outlet_groups = Groups::from_names(articles.iter().map(|a| a.group.as_str()));
    let group_voices = group_voices(&docs, &quotes, &outlet_groups);
    let prevalence = frame_prevalence(
        &docs,
        &counts,
        &hits,
        lexicon.frames.len(),
        &outlet_groups,
        &config.statistics,
    )?;
    let head_to_head = named_pair(&outlet_groups).map(|pair| {
        let tests = crate::statistics::head_to_head(
            &docs,
            &counts,
            &hits,
            lexicon.frames.len(),
            &outlet_groups,
            pair,
            &config.statistics,
        );
        (pair, tests)
    });
    let outlets = group_statistics(&counts, outlet_groups, &config.statistics, label_words)?;
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

    Ok(Analysis {
        corpus_name: corpus.name,
        corpus_title: corpus.title,
        corpus_description: corpus.description,
        articles,
        docs,
        counts,
        tfidf,
        similarity,
        clustering,
        lexicon,
        lexicon_file,
        quotes,
        hits,
        voices,
        group_voices,
        excluded,
        skipped: corpus.skipped,
        warnings: corpus.warnings,
        syndication,
        near_matches,
        repeated_hits,
        outlets,
        cluster_statistics,
        prevalence,
        head_to_head,
        config: config.clone(),
    })
}

/// Corpora up to this size also get the looser near-match search.
const NEAR_MATCH_MAX_ARTICLES: usize = 100;

/// Article indices by date (undated last), then corpus order: who was first
/// with a shared passage.
fn publication_order(articles: &[ArticleInfo]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| (articles[i].date.is_none(), articles[i].date.clone(), i));
    order
}

/// Number of seeds whose k-means partitions are compared for stability.
pub const STABILITY_SEEDS: u64 = 10;

/// Spherical k-means (L2-normalised rows), average linkage on cosine
/// distance and a 2-D PCA, all on the TF-IDF rows.
fn cluster_articles(
    tfidf: &Tfidf,
    similarity: &Array2<f64>,
    config: &ReportConfig,
) -> Result<Clustering, ReportError> {
    let settings = &config.clustering;
    let rows = cluster::l2_normalize_rows(tfidf.matrix.to_dense().view());
    let n = rows.nrows();
    let params = cluster::KMeansParams::new(2)
        .seed(settings.seed)
        .n_init(settings.n_init)
        .max_iter(settings.max_iter)
        .tolerance(settings.tolerance);
    let k_max = settings.k_max.min(n - 1).max(2);
    let selection = cluster::select_k(rows.view(), 2..=k_max, &params)?;
    let seeds: Vec<u64> = (0..STABILITY_SEEDS)
        .map(|i| settings.seed.wrapping_add(i))
        .collect();
    let stability = selection
        .scores
        .iter()
        .map(|score| cluster::seed_stability(rows.view(), &params.k(score.k), &seeds))
        .collect::<Result<Vec<_>, _>>()?;
    let (k, choice) = match settings.k {
        Some(k) => (k, KChoice::Given),
        None => (selection.chosen, KChoice::Silhouette),
    };
    let model = cluster::KMeansParams::new(k)
        .seed(settings.seed)
        .n_init(settings.n_init)
        .max_iter(settings.max_iter)
        .tolerance(settings.tolerance)
        .fit(rows.view())?;
    let silhouette = if k >= 2 && k < n {
        cluster::silhouette_score(rows.view(), &model.labels)?
    } else {
        0.0
    };
    let mut distance = similarity.mapv(|s| (1.0 - s).max(0.0));
    distance.diag_mut().fill(0.0);
    let dendrogram = cluster::average_linkage(distance.view())?;
    let linkage_labels = dendrogram.cut(k);
    let agreement = cluster::adjusted_rand_index(&model.labels, &linkage_labels)?;
    let projection = cluster::pca_2d(rows.view())?;
    Ok(Clustering {
        scores: selection.scores,
        stability,
        k,
        choice,
        labels: model.labels,
        inertia: model.inertia,
        silhouette,
        dendrogram,
        linkage_labels,
        agreement,
        projection,
    })
}
