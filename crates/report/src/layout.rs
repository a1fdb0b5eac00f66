//! Which views a corpus of a given size gets: per-article tables and charts
//! where they stay readable, aggregates by group where they would not, and
//! no step quadratic in the number of articles on the large path.

/// The views of one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Number of articles.
    pub articles: usize,
    /// Per-article corpus table, frame table and distinctive terms.
    pub per_article_tables: bool,
    /// Per-article heatmaps (similarity, frames).
    pub per_article_charts: bool,
    /// The articles x articles similarity matrix (`similarity.tsv`).
    pub similarity_matrix: bool,
    /// An average-linkage dendrogram of the articles.
    pub article_dendrogram: bool,
    /// Labels next to the points of the article map.
    pub label_points: bool,
    /// Cluster on LSA coordinates (large corpora) instead of the TF-IDF rows.
    pub lsa: bool,
    /// Exact silhouettes (otherwise on a seeded sample).
    pub exact_silhouette: bool,
}

/// Per-article tables up to this many articles.
const TABLE_ARTICLES: usize = 100;
/// Per-article heatmaps up to this many articles.
const CHART_ARTICLES: usize = 30;
/// The full similarity matrix up to this many articles.
const MATRIX_ARTICLES: usize = 300;
/// An article dendrogram up to this many articles.
const DENDROGRAM_ARTICLES: usize = 60;
/// Labelled points up to this many articles.
const LABELLED_POINTS: usize = 40;
/// Above this many articles, clustering runs on LSA coordinates. On samples
/// of 10kGNAD with k = 9 the two paths tie at 100 articles (NMI 0.37 each,
/// mean of two samples); at 120 and 150 LSA is ahead (0.39 and 0.44 against
/// 0.33 and 0.30, three samples), at 200 far ahead (0.45 against 0.28).
const LSA_ARTICLES: usize = 100;
/// Exact silhouettes up to this many articles.
const EXACT_SILHOUETTE: usize = 3000;

impl Layout {
    /// The views for `articles` articles.
    pub fn for_articles(articles: usize) -> Layout {
        Layout {
            articles,
            per_article_tables: articles <= TABLE_ARTICLES,
            per_article_charts: articles <= CHART_ARTICLES,
            similarity_matrix: articles <= MATRIX_ARTICLES,
            article_dendrogram: articles <= DENDROGRAM_ARTICLES,
            label_points: articles <= LABELLED_POINTS,
            lsa: articles > LSA_ARTICLES,
            exact_silhouette: articles <= EXACT_SILHOUETTE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_and_large_corpora() {
        let seeds = Layout::for_articles(5);
        assert!(seeds.per_article_charts && seeds.article_dendrogram && !seeds.lsa);
        let gnad = Layout::for_articles(1028);
        assert!(
            !gnad.per_article_tables
                && !gnad.similarity_matrix
                && gnad.lsa
                && gnad.exact_silhouette
        );
        assert!(!Layout::for_articles(100).lsa && Layout::for_articles(101).lsa);
        let large = Layout::for_articles(102_800);
        assert!(!large.exact_silhouette && !large.label_points);
    }
}
