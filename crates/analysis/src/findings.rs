//! The plain value an analysis produces: every number, hit and evidence
//! line a renderer needs, computed once, so renderers compute nothing.

use features::{Lexicon, TermCounts};
use ndarray::Array2;

use crate::article::ArticleInfo;
use crate::clusters::Clustering;
use crate::config::AnalysisConfig;
use crate::digest::ArticleStats;
use crate::first_pass::{EvidenceLine, PatternTally};
use crate::hits::Hit;
use crate::label_profiles::LabelProfiles;
use crate::passages::Passages;
use crate::scale::Scale;
use crate::second_pass::TextEvidence;
use crate::statistics::{FramePrevalence, GroupStatistics, HeadToHead};
use crate::tallies::{CorpusTotals, FrameVoices, GroupFrames, GroupTotals, SimilarPairs};
use crate::timeline::Timeline;
use crate::validation::outcome::Validation;
use crate::views::{KeynessVariant, View, ViewFindings};
use crate::voices::GroupVoices;
use corpus::InputWarning;

/// Everything an analysis found: the one value renderers read.
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
    pub scale: Scale,
    /// Vocabulary and counts.
    pub counts: TermCounts,
    /// Counted tokens per sentence, per article.
    pub sentence_tokens: Vec<Vec<u32>>,
    /// Inverse document frequency per term column, for the TF-IDF weights.
    pub idf: Vec<f64>,
    /// The TF-IDF matrix, kept for small corpora (up to
    /// `scale.matrix_articles`); large ones make a row when it is needed
    /// ([`Analysis::tfidf_row`]) instead of holding a second matrix as large
    /// as the counts.
    pub tfidf: Option<sprs::CsMat<f64>>,
    /// Cosine similarity of the articles' TF-IDF rows (small corpora only).
    pub similarity: Option<Array2<f64>>,
    /// The most and the least similar pair of articles (small corpora only).
    pub similar_pairs: Option<SimilarPairs>,
    /// Per article, its highest TF-IDF weights as (column, weight), terms in
    /// every article left out (only where the scale has per-article tables).
    pub distinctive_terms: Option<Vec<Vec<(usize, f64)>>>,
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
    pub evidence: Vec<Vec<EvidenceLine>>,
    /// Per frame and pattern: hits, forms, exclusions, first lines.
    pub patterns: Vec<Vec<PatternTally>>,
    /// Who speaks, per outlet.
    pub group_voices: Vec<GroupVoices>,
    /// Frame hits by voice, per frame and group: `[frame][group]`.
    pub frame_voices: Vec<Vec<FrameVoices>>,
    /// Shared passages and exact duplicates.
    pub passages: Passages,
    /// Frame hits dropped because they lie in a repeated passage (only with
    /// `exclude_repeated`), per article.
    pub repeated_hits: Vec<usize>,
    /// The groups (outlets, or `--group-by` values) with their keyness and
    /// label words.
    pub group_statistics: GroupStatistics,
    /// Per group, in order of first appearance, the frames ranked by the
    /// group's pooled rate.
    pub group_frames: Vec<GroupFrames>,
    /// Articles, tokens, removed lines and duplicates per group.
    pub group_totals: Vec<GroupTotals>,
    /// Tokens, removed lines and hits of the whole corpus.
    pub totals: CorpusTotals,
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
    /// What the coders' codes say about the hits, when codes were given
    /// ([`crate::validation::score()`]).
    pub validation: Option<Validation>,
    /// Frame rates per group and period of the articles' dates, with the
    /// tested changes; `None` when fewer than two periods hold dated
    /// articles.
    pub timeline: Option<Timeline>,
    /// The frame tables of the views `own` (text no other group's article
    /// shares) and `shared` (the rest); the fields above are the view `all`.
    pub views: Vec<ViewFindings>,
    /// Keyness of the groups in the other unit (documents next to tokens)
    /// and, when groups share text, on the own and the shared text.
    pub keyness_variants: Vec<KeynessVariant>,
    /// How each group names the lexicon's actors.
    pub label_profiles: LabelProfiles,
    /// The settings used.
    pub config: AnalysisConfig,
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
    /// The TF-IDF weights of `article`'s row: its term columns, increasing,
    /// and their weights, bit for bit those of the whole matrix.
    pub fn tfidf_row(&self, article: usize) -> (Vec<usize>, Vec<f64>) {
        if let Some(row) = self.tfidf.as_ref().and_then(|m| m.outer_view(article)) {
            return (row.indices().to_vec(), row.data().to_vec());
        }
        match self.counts.counts.outer_view(article) {
            Some(row) => {
                let mut values: Vec<f64> = row.data().iter().map(|&v| f64::from(v)).collect();
                features::weight_row(row.indices(), &mut values, &self.idf, &self.config.tfidf);
                (row.indices().iter().map(|&c| c as usize).collect(), values)
            }
            None => (Vec::new(), Vec::new()),
        }
    }

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

    /// The tables of `view` (`None` for `all`: the fields themselves).
    pub fn view(&self, view: View) -> Option<&ViewFindings> {
        self.views.iter().find(|v| v.view == view)
    }

    /// The view the report leads with (`display.lead_view`), when it is
    /// not `all` and groups share text (otherwise `own` is `all`).
    pub fn lead_view(&self) -> Option<&ViewFindings> {
        View::from_name(&self.config.display.lead_view)
            .filter(|&view| view != View::All)
            .and_then(|view| self.view(view))
    }

    /// The frames per group the report leads with: `display.lead_view`'s.
    pub fn lead_group_frames(&self) -> &[GroupFrames] {
        self.lead_view()
            .map_or(&self.group_frames, |v| &v.group_frames)
    }

    /// The frame rates with intervals and tests the report leads with.
    pub fn lead_prevalence(&self) -> &[FramePrevalence] {
        self.lead_view().map_or(&self.prevalence, |v| &v.prevalence)
    }

    /// The view the report's tables lead with: `display.lead_view`, or
    /// `all` when that view was not computed.
    pub fn lead_view_kind(&self) -> View {
        self.lead_view().map_or(View::All, |v| v.view)
    }

    /// The timeline the report leads with: `display.lead_view`'s.
    pub fn lead_timeline(&self) -> Option<&Timeline> {
        self.lead_view()
            .map_or(self.timeline.as_ref(), |v| v.timeline.as_ref())
    }

    /// The label profiles the report leads with: `display.lead_view`'s.
    pub fn lead_label_profiles(&self) -> &[crate::label_profiles::ActorProfile] {
        self.label_profiles
            .of_view(self.lead_view_kind())
            .unwrap_or(&self.label_profiles.actors)
    }

    /// The frame hits by voice the report leads with.
    pub fn lead_frame_voices(&self) -> &[Vec<FrameVoices>] {
        self.lead_view()
            .map_or(&self.frame_voices, |v| &v.frame_voices)
    }

    /// Hits of `frame` in article `doc`.
    pub fn frame_hits(&self, doc: usize, frame: usize) -> usize {
        self.hits[doc].iter().filter(|h| h.frame == frame).count()
    }
}
