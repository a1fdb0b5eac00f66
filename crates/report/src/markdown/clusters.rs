//! The report's similarity and cluster sections: how alike the articles
//! (or groups) are, which clusters k-means finds, how stable they are and
//! how well they match the groups.

use std::fmt::Write;

use crate::markdown::statistics;
use crate::markdown::table::{Align, Table, escape};
use crate::numbers::{fixed, percent, thousands};
use analysis::Analysis;
use analysis::KChoice;
use analysis::tallies::SimilarPairs;

/// "Distinctive terms per article" (small corpora).
pub fn distinctive_terms(out: &mut String, a: &Analysis) {
    let Some(per_article) = &a.distinctive_terms else {
        return;
    };
    let _ = writeln!(out, "## Distinctive terms per article\n");
    let _ = writeln!(
        out,
        "The {} highest TF-IDF weights of each article (weights in brackets), leaving out terms that occur in every article: those cannot tell articles apart.\n",
        a.config.display.top_terms
    );
    let mut table = Table::new(out, &[("Article", Align::Left), ("Terms", Align::Left)]);
    for (article, weights) in a.articles.iter().zip(per_article) {
        let terms: Vec<String> = weights
            .iter()
            .map(|(c, w)| format!("{} ({})", escape(&a.counts.terms[*c].label), fixed(*w, 3)))
            .collect();
        table.row(&[escape(&article.label()), terms.join(", ")]);
    }
    let _ = writeln!(out);
}

/// "Similarity": articles (small corpora) and groups.
pub fn similarity_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Similarity\n");
    if a.similarity.is_some() {
        if a.scale.per_article_charts {
            let _ = writeln!(
                out,
                "![Cosine similarity of the articles' TF-IDF vectors](charts/similarity.svg)\n"
            );
        }
        if let Some(SimilarPairs {
            most: high,
            least: low,
        }) = a.similar_pairs
        {
            let _ = writeln!(
                out,
                "The closest pair of articles is {} and {} ({}); the most distant is {} and {} ({}). Values are in `data/similarity.tsv`.\n",
                escape(&a.articles[high.0].label()),
                escape(&a.articles[high.1].label()),
                fixed(high.2, 2),
                escape(&a.articles[low.0].label()),
                escape(&a.articles[low.1].label()),
                fixed(low.2, 2),
            );
        }
    }
    let groups = &a.group_statistics.groups.names;
    if groups.len() >= 2 && !a.scale.per_article_charts {
        let _ = writeln!(
            out,
            "![Mean cosine similarity between groups](charts/group-similarity.svg)\n"
        );
        let _ = writeln!(
            out,
            "Each cell is the mean cosine similarity of every article of one group with every article of the other (on the diagonal: within the group, without self-pairs), computed exactly from the groups' mean vectors. Values are in `data/group-similarity.tsv`.\n"
        );
    }
}

/// "Clusters".
pub fn clusters_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Clusters\n");
    let Some(c) = &a.clustering else {
        let _ = writeln!(out, "Clustering needs at least three articles.\n");
        return;
    };
    let _ = writeln!(out, "### Choosing k\n");
    let _ = writeln!(
        out,
        "![Mean silhouette by number of clusters](charts/silhouette.svg)\n"
    );
    let agreement = format!(
        "Agreement across {} seeds (mean / min ARI)",
        c.stability.first().map_or(0, |s| s.seeds.len())
    );
    let mut table = Table::new(
        out,
        &[
            ("k", Align::Right),
            ("Mean silhouette", Align::Right),
            ("Inertia", Align::Right),
            (agreement.as_str(), Align::Right),
            ("Stable", Align::Left),
        ],
    );
    for (score, stability) in c.scores.iter().zip(&c.stability) {
        let mark = if score.k == c.k { " (used)" } else { "" };
        table.row(&[
            format!("{}{mark}", score.k),
            fixed(score.silhouette, 3),
            fixed(score.inertia, 3),
            format!(
                "{} / {}",
                fixed(stability.mean_ari, 2),
                fixed(stability.min_ari, 2)
            ),
            if stability.is_stable() {
                "yes"
            } else {
                "**no**"
            }
            .to_owned(),
        ]);
    }
    let how = match c.choice {
        KChoice::Given => "k was given".to_owned(),
        KChoice::Silhouette => "k has the highest mean silhouette".to_owned(),
    };
    let _ = writeln!(
        out,
        "\n{how}{}. Silhouette runs from -1 to 1; values near 0 mean the clusters overlap, which is usual for news articles: they share much of their vocabulary. k-means runs {} times from k-means++ starts with seed {} on {}{}; on unit-length rows it groups by cosine (spherical k-means).\n",
        c.silhouette_sample.map_or_else(String::new, |n| format!(
            " (silhouettes on a seeded sample of {} articles)",
            thousands(n)
        )),
        a.config.clustering.n_init,
        a.config.clustering.seed,
        match &c.lsa {
            None => "L2-normalised TF-IDF rows".to_owned(),
            Some(lsa) => format!(
                "{} LSA dimensions, rows L2-normalised. The LSA is a truncated SVD{} of a TF-IDF of the terms' character {}- to {}-grams ({} n-grams in at least {} articles, log-scaled tf; scikit-learn's `char_wb`), so that compounds such as *Flüchtlingskrise* meet their parts; the dimensions keep {} of its variance",
                lsa.dims,
                if lsa.fitted_rows < a.articles.len() {
                    format!(
                        " (fitted on {} articles, one drawn from each equal stretch of the corpus)",
                        thousands(lsa.fitted_rows)
                    )
                } else {
                    String::new()
                },
                a.config.clustering.char_ngrams.min_n,
                a.config.clustering.char_ngrams.max_n,
                thousands(lsa.ngrams),
                a.config.clustering.char_ngrams.min_df,
                percent(lsa.explained_variance)
            ),
        },
        if a.articles.len() > a.config.clustering.kmeans_fit_sample {
            format!(
                "; it is fitted on {} articles drawn the same way and every article joins its nearest centroid",
                thousands(a.config.clustering.kmeans_fit_sample)
            )
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        out,
        "Stability: k-means is run again with {} consecutive seeds ({} restarts each{}) and every pair of partitions is compared with the adjusted Rand index (1 = the same groups, 0 = chance). A k is flagged unstable when the mean falls below {}: its clusters depend on the random start, not on the articles.\n",
        c.stability.first().map_or(0, |s| s.seeds.len()),
        a.config
            .clustering
            .n_init
            .min(a.config.clustering.scan_n_init),
        if a.articles.len() > a.config.clustering.stability_sample {
            format!(
                ", on {} articles, one drawn from each equal stretch of the corpus",
                thousands(a.config.clustering.stability_sample)
            )
        } else {
            String::new()
        },
        fixed(cluster::STABLE_ARI, 1)
    );
    if let Some(used) = c.stability.iter().find(|s| s.k == c.k) {
        if !used.is_stable() {
            let _ = writeln!(
                out,
                "**The k used here is unstable** (mean ARI {}): do not read its clusters as lasting groups of articles.\n",
                fixed(used.mean_ari, 2)
            );
        }
    }
    if let Some(agreement) = &c.group_agreement {
        let _ = writeln!(out, "### Clusters and groups\n");
        let _ = writeln!(
            out,
            "How well the {} k-means clusters match the {} groups (`{}`): normalised mutual information {}, adjusted Rand index {}, homogeneity {}, completeness {}, V-measure {} (scikit-learn's definitions; 1 = the same partition, 0 = independent).\n",
            c.k,
            a.group_statistics.groups.names.len(),
            a.config.group_by.as_deref().unwrap_or("outlet"),
            fixed(agreement.nmi, 3),
            fixed(agreement.ari, 3),
            fixed(agreement.homogeneity, 3),
            fixed(agreement.completeness, 3),
            fixed(agreement.v_measure, 3)
        );
        confusion_table(out, a, &c.labels, c.k);
    }
    let _ = writeln!(out, "### Map of the articles\n");
    let _ = writeln!(
        out,
        "![Articles on the first two principal components, coloured by k-means cluster](charts/projection.svg)\n"
    );
    let ratio = c.projection.explained_variance_ratio;
    let _ = writeln!(
        out,
        "The two axes are the first principal components of the clustered rows; they keep {} and {} of the variance, so distances on the map are only a rough picture.{}\n",
        percent(ratio[0]),
        percent(ratio[1]),
        if a.articles.len() > a.config.scale.map_points {
            format!(
                " The map shows a seeded sample of {} articles, one from each equal stretch of the corpus; every coordinate is in `data/projection.tsv`.",
                thousands(a.config.scale.map_points)
            )
        } else if a.scale.label_points {
            String::new()
        } else {
            " Points are not labelled at this size; every coordinate is in `data/projection.tsv`."
                .to_owned()
        }
    );
    if let (Some(_), Some(linkage)) = (&c.dendrogram, &c.linkage_labels) {
        let _ = writeln!(out, "### Dendrogram\n");
        let _ = writeln!(
            out,
            "![Average-linkage dendrogram on cosine distance](charts/dendrogram.svg)\n"
        );
        let mut table = Table::new(
            out,
            &[
                ("Cluster", Align::Right),
                ("k-means", Align::Left),
                ("Average linkage cut at k", Align::Left),
            ],
        );
        let kmeans = cluster_members(&c.labels, a);
        let linkage = cluster_members(linkage, a);
        for id in 0..kmeans.len().max(linkage.len()) {
            let list = |groups: &Vec<Vec<String>>| {
                groups
                    .get(id)
                    .map_or_else(|| "–".to_owned(), |m| m.join(", "))
            };
            table.row(&[
                id.to_string(),
                escape(&list(&kmeans)),
                escape(&list(&linkage)),
            ]);
        }
        let _ = writeln!(
            out,
            "\nAgreement between the two (adjusted Rand index): {}. Cluster ids are canonical: numbered in order of their first article.\n",
            c.agreement.map_or_else(|| "–".to_owned(), |x| fixed(x, 3))
        );
    }
    if c.group_dendrogram.is_some() {
        let _ = writeln!(out, "### Which groups are close\n");
        let _ = writeln!(
            out,
            "![Average-linkage dendrogram of the groups](charts/group-dendrogram.svg)\n\nGroups joined low in the tree use similar vocabulary (distance = 1 − cosine similarity of the groups' mean TF-IDF rows; merges in `data/group-linkage.tsv`).\n"
        );
    }
    statistics::cluster_keyness(out, a);
}

/// Articles per cluster and group.
fn confusion_table(out: &mut String, a: &Analysis, labels: &[usize], k: usize) {
    let groups = &a.group_statistics.groups;
    if groups.names.len() > 30 {
        return;
    }
    let _ = writeln!(out, "Articles per group (rows) and cluster (columns):\n");
    let mut header = vec![("Group".to_owned(), Align::Left)];
    header.extend((0..k).map(|cluster| (cluster.to_string(), Align::Right)));
    let mut table = Table::new(out, &header);
    for (g, name) in groups.names.iter().enumerate() {
        let mut cells = vec![0usize; k];
        for i in groups.members(g) {
            cells[labels[i]] += 1;
        }
        let mut row = vec![escape(name)];
        row.extend(cells.iter().map(|n| thousands(*n)));
        table.row(&row);
    }
    let _ = writeln!(out);
}

/// Article ids per cluster id.
fn cluster_members(labels: &[usize], a: &Analysis) -> Vec<Vec<String>> {
    let k = labels.iter().max().map_or(0, |m| m + 1);
    let mut groups = vec![Vec::new(); k];
    for (i, &label) in labels.iter().enumerate() {
        groups[label].push(a.articles[i].id.clone());
    }
    groups
}
