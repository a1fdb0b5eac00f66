//! Which views a corpus of a given size gets: per-article tables and charts
//! where they stay readable, aggregates by group where they would not, and
//! no step quadratic in the number of articles on the large path. The
//! thresholds are settings (`scale` in `config.json`).

use crate::config::{DataFormat, ScaleConfig};

/// The views a corpus of one size gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
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
    /// The big data tables as text (TSV, Matrix Market, JSON lines).
    pub text_data: bool,
    /// The big data tables as Parquet.
    pub parquet_data: bool,
}

impl Scale {
    /// The views for `articles` articles under the thresholds of `config`.
    pub fn new(articles: usize, config: &ScaleConfig) -> Scale {
        Scale {
            articles,
            per_article_tables: articles <= config.table_articles,
            per_article_charts: articles <= config.chart_articles,
            similarity_matrix: articles <= config.matrix_articles,
            article_dendrogram: articles <= config.dendrogram_articles,
            label_points: articles <= config.labelled_points,
            lsa: articles > config.lsa_above_articles,
            exact_silhouette: articles <= config.exact_silhouette_articles,
            text_data: match config.data_format {
                DataFormat::Auto => articles <= config.parquet_above_articles,
                DataFormat::Text | DataFormat::Both => true,
                DataFormat::Parquet => false,
            },
            parquet_data: match config.data_format {
                DataFormat::Auto => articles > config.parquet_above_articles,
                DataFormat::Parquet | DataFormat::Both => true,
                DataFormat::Text => false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_and_large_corpora() {
        let config = ScaleConfig::default();
        let seeds = Scale::new(5, &config);
        assert!(seeds.per_article_charts && seeds.article_dendrogram && !seeds.lsa);
        let gnad = Scale::new(1028, &config);
        assert!(
            !gnad.per_article_tables
                && !gnad.similarity_matrix
                && gnad.lsa
                && gnad.exact_silhouette
        );
        assert!(!Scale::new(100, &config).lsa && Scale::new(101, &config).lsa);
        let large = Scale::new(102_800, &config);
        assert!(!large.exact_silhouette && !large.label_points);
        assert!(gnad.text_data && !gnad.parquet_data);
        assert!(!large.text_data && large.parquet_data);
        let both = ScaleConfig {
            data_format: DataFormat::Both,
            ..ScaleConfig::default()
        };
        let both = Scale::new(5, &both);
        assert!(both.text_data && both.parquet_data);
    }
}
