//! Shared passages and exact duplicates at corpus scale: exact copies are
//! found in the first pass by whole-text hash and reported as duplicates;
//! passage detection then runs on the originals only (a corpus of a hundred
//! copies of each article would otherwise pair every copy with every other).

use features::syndication::{
    SharedRun, SyndicationParams, repeated_token_mask_runs, shared_runs_by_id,
};

use crate::article::ArticleInfo;
use crate::config::AnalysisConfig;
use crate::error::AnalysisError;
use features::ragged::Ragged;

/// Everything the report says about copied text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Passages {
    /// Shared passages of at least `min_tokens` words between originals,
    /// `a` and `b` being article indices of the corpus.
    pub shared: Vec<SharedRun>,
    /// Per article, the share of its tokens in a shared passage (1.0 for an
    /// exact duplicate).
    pub coverage: Vec<f64>,
    /// Fingerprints skipped as stock phrases.
    pub skipped_common: usize,
    /// Pairs of originals that share a fingerprint and were checked word by
    /// word.
    pub candidate_pairs: usize,
    /// For small corpora, shared runs at a looser setting (6+ words).
    pub near: Option<Vec<SharedRun>>,
    /// Exact duplicates: (duplicate, first article with the same text).
    pub duplicates: Vec<(usize, usize)>,
}

/// Finds shared passages among the originals and lists exact duplicates.
/// `words[i]` is article `i`'s tokens as ids into `word_table`, the
/// table of distinct word hashes.
pub fn find_passages(
    words: &Ragged,
    word_table: &[u64],
    duplicate_of: &[Option<usize>],
    articles: &[ArticleInfo],
    config: &AnalysisConfig,
) -> Result<Passages, AnalysisError> {
    let n_articles = words.len();
    let originals: Vec<usize> = (0..n_articles)
        .filter(|&i| duplicate_of[i].is_none())
        .collect();
    // The words are held in memory (never spilled): one chunk borrows them.
    let all = words.chunk(0..n_articles);
    let words: Vec<&[u32]> = originals.iter().map(|&i| all.get(i)).collect();
    let params = config.syndication.params.check()?;
    let runs = shared_runs_by_id(&words, word_table, &params);
    // The search numbers the originals only; the report numbers articles.
    let global = |run: SharedRun| SharedRun {
        a: originals[run.a],
        b: originals[run.b],
        ..run
    };
    let mut coverage = vec![0.0; n_articles];
    for (local, &article) in originals.iter().enumerate() {
        coverage[article] = runs.coverage[local];
    }
    let duplicates: Vec<(usize, usize)> = duplicate_of
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.map(|first| (i, first)))
        .collect();
    for &(duplicate, _) in &duplicates {
        coverage[duplicate] = 1.0;
    }
    let near = if articles.len() <= config.syndication.near_match_max_articles {
        let loose = SyndicationParams {
            shingle: 4,
            window: 3,
            min_tokens: 6,
            ..config.syndication.params
        }
        .check()?;
        Some(
            shared_runs_by_id(&words, word_table, &loose)
                .passages
                .into_iter()
                .map(global)
                .collect(),
        )
    } else {
        None
    };
    Ok(Passages {
        shared: runs.passages.into_iter().map(global).collect(),
        coverage,
        skipped_common: runs.skipped_common_fingerprints,
        candidate_pairs: runs.candidate_pairs,
        near,
        duplicates,
    })
}

/// Which tokens repeat text an earlier article already has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedMask {
    masks: Vec<Vec<bool>>,
}

impl RepeatedMask {
    /// Whether token `token` of article `article` is repeated text.
    pub fn is_repeated(&self, article: usize, token: usize) -> bool {
        self.masks[article].get(token).copied().unwrap_or(false)
    }
}

impl Passages {
    /// The repeated tokens of every article, given each article's token
    /// count: "earlier" means by date (undated last), then corpus order; of
    /// a set of exact duplicates only the earliest keeps its text.
    pub fn repeated_mask(&self, token_counts: &[usize], articles: &[ArticleInfo]) -> RepeatedMask {
        let n = token_counts.len();
        let order = publication_order(articles);
        let mut rank = vec![0usize; n];
        for (position, &article) in order.iter().enumerate() {
            rank[article] = position;
        }
        let mut root_of: Vec<Option<usize>> = vec![None; n];
        for &(duplicate, first) in &self.duplicates {
            root_of[duplicate] = Some(first);
        }
        let originals: Vec<usize> = (0..n).filter(|&i| root_of[i].is_none()).collect();
        let mut local = vec![usize::MAX; n];
        for (l, &article) in originals.iter().enumerate() {
            local[article] = l;
        }
        let runs: Vec<SharedRun> = self
            .shared
            .iter()
            .map(|p| SharedRun {
                a: local[p.a],
                b: local[p.b],
                a_tokens: p.a_tokens.clone(),
                b_tokens: p.b_tokens.clone(),
                tokens: p.tokens,
            })
            .collect();
        let lengths: Vec<usize> = originals.iter().map(|&i| token_counts[i]).collect();
        let local_order: Vec<usize> = order
            .iter()
            .filter(|&&i| local[i] != usize::MAX)
            .map(|&i| local[i])
            .collect();
        let mut masks: Vec<Vec<bool>> = vec![Vec::new(); n];
        for (l, mask) in repeated_token_mask_runs(&lengths, &runs, &local_order)
            .into_iter()
            .enumerate()
        {
            masks[originals[l]] = mask;
        }
        // Of a set of exact copies, the one published first keeps the
        // original's mask; every other copy is repeated text throughout.
        let mut members: std::collections::BTreeMap<usize, Vec<usize>> =
            std::collections::BTreeMap::new();
        for &(duplicate, root) in &self.duplicates {
            members
                .entry(root)
                .or_insert_with(|| vec![root])
                .push(duplicate);
        }
        for (root, set) in members {
            let keeper = *set
                .iter()
                .min_by_key(|&&m| rank[m])
                .expect("a set has its root");
            let base = std::mem::take(&mut masks[root]);
            for &member in &set {
                masks[member] = if member == keeper {
                    base.clone()
                } else {
                    vec![true; token_counts[member]]
                };
            }
        }
        RepeatedMask { masks }
    }
}

/// Article indices by date (undated last), then corpus order: who was first
/// with a shared passage.
pub fn publication_order(articles: &[ArticleInfo]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| (articles[i].date.is_none(), articles[i].date.clone(), i));
    order
}
