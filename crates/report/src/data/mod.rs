//! The data contract: every number of the report as plain files under
//! `data/` that scipy, pandas or R can read and check
//! (documented in `docs/data-contract.md`). Large files are streamed to
//! disk line by line; `clean.jsonl`, `kwic.tsv` and `quotes.tsv` are written
//! during the first pass, by the sink in [`article_rows`].

use analysis::{Analysis, KChoice};
use serde_json::json;

pub mod article_rows;
pub mod cells;
pub mod labels;
mod matrices;
pub mod parquet_table;
pub mod timeline;
pub mod tsv;
pub mod validation;

use crate::error::ReportError;
use crate::numbers::exact;
use crate::output::{ReportWriter, StreamedFile};
use cells::{Cell, Kind, RowSink};
use matrices::{
    MATRIX_COLUMNS, MatrixKind, TOKENS_COLUMNS, count_rows, matrix_market, tfidf_rows,
    tokens_jsonl, tokens_rows,
};
use parquet_table::ParquetStream;
use tsv::tsv;

/// Writes every data file not already streamed by the first pass.
pub fn add_data_files(analysis: &Analysis, writer: &mut ReportWriter) -> Result<(), ReportError> {
    // The tables built in memory (keyness alone is over 100 MB at 100,000
    // articles) are made in parallel, beside the streamed files.
    let (tables, streamed) = rayon::join(
        || memory_tables(analysis),
        || streamed_files(analysis, writer),
    );
    streamed?;
    for (name, bytes) in tables {
        writer.add(name, bytes)?;
    }
    Ok(())
}

/// The data files written as they are formatted: the big tables as text,
/// as Parquet or both, as the corpus size and `scale.data_format` say.
fn streamed_files(analysis: &Analysis, writer: &mut ReportWriter) -> Result<(), ReportError> {
    let scale = &analysis.scale;
    if scale.text_data {
        matrix_market(
            analysis,
            MatrixKind::Integer,
            writer.stream("data/counts.mtx")?,
        )?;
        matrix_market(analysis, MatrixKind::Real, writer.stream("data/tfidf.mtx")?)?;
        tokens_jsonl(analysis, writer.stream("data/tokens.jsonl")?)?;
        let file = writer.stream("data/frames.tsv")?;
        let mut frames = tsv::TsvStream::new(file, &cells::names(FRAMES_COLUMNS))?;
        frames_rows(analysis, &mut frames)?;
        frames.finish()?;
    }
    if scale.parquet_data {
        parquet_tables(analysis, writer)?;
    }
    shared_tsv(analysis, writer.stream("data/shared.tsv")?)?;
    labels::label_kwic_tsv(analysis, writer.stream("data/label_kwic.tsv")?)
}

/// The big tables as Parquet, each its own file, written side by side.
fn parquet_tables(analysis: &Analysis, writer: &mut ReportWriter) -> Result<(), ReportError> {
    use rayon::prelude::*;
    type Rows<'a> = Box<dyn Fn(&mut dyn RowSink) -> Result<(), ReportError> + Send + Sync + 'a>;
    type Table<'a> = (&'a str, &'a [(&'a str, Kind)], Rows<'a>);
    let mut tables: Vec<Table> = vec![
        (
            "counts",
            MATRIX_COLUMNS[0],
            Box::new(|sink| count_rows(analysis, sink)),
        ),
        (
            "tfidf",
            MATRIX_COLUMNS[1],
            Box::new(|sink| tfidf_rows(analysis, sink)),
        ),
        (
            "tokens",
            TOKENS_COLUMNS,
            Box::new(|sink| tokens_rows(analysis, sink)),
        ),
        (
            "frames",
            FRAMES_COLUMNS,
            Box::new(|sink| frames_rows(analysis, sink)),
        ),
        (
            "keyness",
            KEYNESS_COLUMNS,
            Box::new(|sink| {
                keyness_rows(
                    analysis,
                    &analysis.group_statistics,
                    &analysis.keyness_variants,
                    sink,
                )
            }),
        ),
    ];
    if let Some(stats) = &analysis.cluster_statistics {
        tables.push((
            "keyness-clusters",
            KEYNESS_COLUMNS,
            Box::new(move |sink| keyness_rows(analysis, stats, &[], sink)),
        ));
    }
    // Files are opened in order (the writer is not shared), then filled in
    // parallel: each is independent, so the bytes do not depend on it.
    let mut jobs = Vec::with_capacity(tables.len());
    for (name, columns, rows) in tables {
        let file = writer.stream(format!("data/{name}.parquet"))?;
        jobs.push((ParquetStream::new(file, name, columns)?, rows));
    }
    jobs.into_par_iter()
        .map(|(mut stream, rows)| {
            rows(&mut stream)?;
            stream.finish()
        })
        .collect::<Result<Vec<()>, ReportError>>()?;
    Ok(())
}

/// The data files built whole in memory, by name, in a fixed order.
fn memory_tables(analysis: &Analysis) -> Vec<(&'static str, Vec<u8>)> {
    use rayon::prelude::*;
    type Table<'a> = (&'static str, Box<dyn Fn() -> Vec<u8> + Sync + 'a>);
    let mut tables: Vec<Table> = vec![
        ("data/docs.tsv", Box::new(|| docs_tsv(analysis))),
        ("data/terms.tsv", Box::new(|| terms_tsv(analysis))),
    ];
    if let Some(similarity) = &analysis.similarity {
        tables.push((
            "data/similarity.tsv",
            Box::new(move || {
                let ids: Vec<&str> = analysis.articles.iter().map(|a| a.id.as_str()).collect();
                square_tsv("doc_id", &ids, similarity)
            }),
        ));
    }
    tables.push((
        "data/group-similarity.tsv",
        Box::new(|| {
            let groups: Vec<&str> = analysis
                .group_statistics
                .groups
                .names
                .iter()
                .map(String::as_str)
                .collect();
            square_tsv("group", &groups, &analysis.group_similarity)
        }),
    ));
    if analysis.scale.text_data {
        tables.push((
            "data/keyness.tsv",
            Box::new(|| {
                keyness_tsv(
                    analysis,
                    &analysis.group_statistics,
                    &analysis.keyness_variants,
                )
            }),
        ));
        if let Some(stats) = &analysis.cluster_statistics {
            tables.push((
                "data/keyness-clusters.tsv",
                Box::new(move || keyness_tsv(analysis, stats, &[])),
            ));
        }
    }
    tables.push(("data/prevalence.tsv", Box::new(|| prevalence_tsv(analysis))));
    tables.push(("data/duplicates.tsv", Box::new(|| duplicates_tsv(analysis))));
    tables.push(("data/warnings.tsv", Box::new(|| warnings_tsv(analysis))));
    if let Some(clustering) = &analysis.clustering {
        tables.push(("data/clusters.tsv", Box::new(|| clusters_tsv(analysis))));
        if let Some(tree) = &clustering.dendrogram {
            tables.push(("data/linkage.tsv", Box::new(move || linkage_tsv(tree))));
        }
        if let Some(tree) = &clustering.group_dendrogram {
            tables.push((
                "data/group-linkage.tsv",
                Box::new(move || linkage_tsv(tree)),
            ));
        }
        tables.push(("data/projection.tsv", Box::new(|| projection_tsv(analysis))));
    }
    if let Some(v) = &analysis.validation {
        tables.push((
            "data/validation.tsv",
            Box::new(move || validation::validation_tsv(analysis, v)),
        ));
        tables.push((
            "data/corrected-rates.tsv",
            Box::new(move || validation::corrected_rates_tsv(analysis, v)),
        ));
    }
    if let Some(t) = &analysis.timeline {
        tables.push((
            "data/timeline.tsv",
            Box::new(move || timeline::timeline_tsv(analysis, t)),
        ));
    }
    tables.push(("data/labels.tsv", Box::new(|| labels::labels_tsv(analysis))));
    tables.push((
        "data/collocates.tsv",
        Box::new(|| labels::collocates_tsv(analysis)),
    ));
    tables.push(("data/config.json", Box::new(|| config_json(analysis))));
    tables
        .par_iter()
        .map(|(name, make)| (*name, make()))
        .collect()
}

/// Every input skipped, repaired, renamed or cut: `source line kind
/// detail` (line empty for a whole file); only the header when nothing went
/// wrong.
fn warnings_tsv(analysis: &Analysis) -> Vec<u8> {
    let rows = analysis.warnings.iter().map(|w| {
        vec![
            w.origin.file.clone(),
            w.origin.line.map_or_else(String::new, |l| l.to_string()),
            w.kind.name().to_owned(),
            w.detail.clone(),
        ]
    });
    tsv(&["source", "line", "kind", "detail"], rows)
}

fn docs_tsv(analysis: &Analysis) -> Vec<u8> {
    let rows = analysis.articles.iter().enumerate().map(|(i, a)| {
        vec![
            a.id.clone(),
            a.outlet.clone().unwrap_or_default(),
            a.title.clone().unwrap_or_default(),
            a.date.clone().unwrap_or_default(),
            analysis.counts.n_tokens(i).to_string(),
            analysis
                .clustering
                .as_ref()
                .map_or_else(String::new, |c| c.labels[i].to_string()),
            a.group.clone(),
        ]
    });
    tsv(
        &[
            "doc_id", "outlet", "title", "date", "n_tokens", "cluster", "group",
        ],
        rows,
    )
}

fn terms_tsv(analysis: &Analysis) -> Vec<u8> {
    let rows = analysis
        .counts
        .terms
        .iter()
        .map(|t| vec![t.key.clone(), t.label.clone()]);
    tsv(&["term", "label"], rows)
}

/// A square matrix with a name column and one column per label.
fn square_tsv(corner: &str, labels: &[&str], values: &ndarray::Array2<f64>) -> Vec<u8> {
    let mut header = vec![corner];
    header.extend(labels.iter().copied());
    let rows = labels.iter().enumerate().map(|(i, label)| {
        let mut row = vec![(*label).to_owned()];
        row.extend(values.row(i).iter().map(|v| exact(*v)));
        row
    });
    tsv(&header, rows)
}

/// The columns of the frames table: hits per article, frame and view.
const FRAMES_COLUMNS: &[(&str, Kind)] = &[
    ("doc_id", Kind::Text),
    ("frame", Kind::Text),
    ("view", Kind::Text),
    ("hits", Kind::Integer),
    ("rate_per_1000", Kind::Real),
    ("own", Kind::Integer),
    ("quoted", Kind::Integer),
    ("reported", Kind::Integer),
];

fn frames_rows(analysis: &Analysis, sink: &mut dyn RowSink) -> Result<(), ReportError> {
    for (i, a) in analysis.articles.iter().enumerate() {
        for (f, frame) in analysis.lexicon.frames.iter().enumerate() {
            let all = (
                "all",
                &analysis.hits[i],
                analysis.frame_hits(i, f),
                analysis.rate_per_1000(i, f),
            );
            let views = analysis.views.iter().map(|v| {
                (
                    v.view.name(),
                    &v.hits[i],
                    v.frame_hits(i, f),
                    v.rate_per_1000(i, f),
                )
            });
            for (view, hits, n, rate) in std::iter::once(all).chain(views) {
                let by_voice = |kind: &str| {
                    Cell::Integer(
                        hits.iter()
                            .filter(|h| h.frame == f && h.voice.kind() == kind)
                            .count() as i64,
                    )
                };
                sink.row(&[
                    Cell::Text(&a.id),
                    Cell::Text(&frame.id),
                    Cell::Text(view),
                    Cell::Integer(n as i64),
                    Cell::Real(rate),
                    by_voice("own"),
                    by_voice("quoted"),
                    by_voice("reported"),
                ])?;
            }
        }
    }
    Ok(())
}

/// The columns of the keyness tables.
const KEYNESS_COLUMNS: &[(&str, Kind)] = &[
    ("group", Kind::Text),
    ("view", Kind::Text),
    ("unit", Kind::Text),
    ("term", Kind::Text),
    ("label", Kind::Text),
    ("a", Kind::Real),
    ("b", Kind::Real),
    ("chi2", Kind::Real),
    ("g2", Kind::Real),
    ("log_ratio", Kind::Real),
    ("p", Kind::Real),
    ("total_a", Kind::Real),
    ("total_b", Kind::Real),
    ("p_g2", Kind::Real),
];

fn keyness_tsv(
    analysis: &Analysis,
    stats: &analysis::statistics::GroupStatistics,
    variants: &[analysis::views::KeynessVariant],
) -> Vec<u8> {
    let mut table = tsv::TsvBuffer::new(&cells::names(KEYNESS_COLUMNS));
    keyness_rows(analysis, stats, variants, &mut table).expect("writing to memory");
    table.into_bytes()
}

/// Every scored term of every group: `group view unit term label a b chi2
/// g2 log_ratio p` (plus the totals and G²'s p), groups in order, terms by
/// signed chi2; the main keyness (all text, the configured unit) and, for
/// the groups, its variants (the other unit; own and shared text).
fn keyness_rows(
    analysis: &Analysis,
    stats: &analysis::statistics::GroupStatistics,
    variants: &[analysis::views::KeynessVariant],
    sink: &mut dyn RowSink,
) -> Result<(), ReportError> {
    let unit_name = |unit: features::keyness::KeynessUnit| match unit {
        features::keyness::KeynessUnit::Tokens => "tokens",
        features::keyness::KeynessUnit::Documents => "documents",
    };
    let main = (
        "all",
        unit_name(analysis.config.statistics.keyness.unit),
        &stats.keyness,
    );
    let others = variants
        .iter()
        .map(|v| (v.view.name(), unit_name(v.unit), &v.keyness));
    for (view, unit, keyness) in std::iter::once(main).chain(others) {
        for (g, name) in stats.groups.names.iter().enumerate() {
            for t in keyness[g].iter().flatten() {
                let term = &analysis.counts.terms[t.term];
                sink.row(&[
                    Cell::Text(name),
                    Cell::Text(view),
                    Cell::Text(unit),
                    Cell::Text(&term.key),
                    Cell::Text(&term.label),
                    Cell::Real(t.a),
                    Cell::Real(t.b),
                    Cell::Real(t.chi2),
                    Cell::Real(t.g2),
                    Cell::Real(t.log_ratio),
                    Cell::Real(t.p),
                    Cell::Real(t.total_a),
                    Cell::Real(t.total_b),
                    Cell::Real(t.p_g2),
                ])?;
            }
        }
    }
    Ok(())
}

/// Frame rate per outlet with its interval and its test against the rest.
fn prevalence_tsv(analysis: &Analysis) -> Vec<u8> {
    let optional = |value: Option<f64>| value.map_or_else(String::new, exact);
    let all = analysis.prevalence.iter().map(|p| ("all", p));
    let views = analysis
        .views
        .iter()
        .flat_map(|v| v.prevalence.iter().map(move |p| (v.view.name(), p)));
    let rows = all.chain(views).map(|(view, p)| {
        let unit = |u: features::uncertainty::SamplingUnit| match u {
            features::uncertainty::SamplingUnit::Articles => "articles".to_owned(),
            features::uncertainty::SamplingUnit::Sentences => "sentences".to_owned(),
        };
        vec![
            analysis.group_statistics.groups.names[p.group].clone(),
            analysis.lexicon.frames[p.frame].id.clone(),
            view.to_owned(),
            optional(p.interval.map(|i| i.estimate)),
            optional(p.interval.map(|i| i.low)),
            optional(p.interval.map(|i| i.high)),
            p.interval.map_or_else(String::new, |i| unit(i.resampled)),
            optional(p.versus_rest.map(|t| t.difference)),
            optional(p.versus_rest.map(|t| t.p_value)),
            optional(p.q),
            p.versus_rest.map_or_else(String::new, |t| unit(t.unit)),
        ]
    });
    tsv(
        &[
            "group",
            "frame",
            "view",
            "rate_per_1000",
            "low",
            "high",
            "resampled",
            "difference_vs_rest",
            "p",
            "q",
            "permuted",
        ],
        rows,
    )
}

/// Every shared passage: both articles, byte spans, length in words, text.
/// Streamed: a heavily syndicated corpus has millions of passages.
fn shared_tsv(analysis: &Analysis, file: StreamedFile) -> Result<(), ReportError> {
    let mut stream = tsv::TsvStream::new(
        file,
        &[
            "doc_a", "doc_b", "a_start", "a_end", "b_start", "b_end", "words", "text",
        ],
    )?;
    for (i, p) in analysis.passages.shared.iter().enumerate() {
        let [a, b] = analysis.text_evidence.shared_passage(i);
        let bounds = |s: Option<&analysis::second_pass::Stretch>| {
            s.map_or_else(Default::default, |s| {
                (s.span.start.to_string(), s.span.end.to_string())
            })
        };
        let ((a_start, a_end), (b_start, b_end)) = (bounds(a), bounds(b));
        stream.row(&[
            analysis.articles[p.a].id.as_str(),
            analysis.articles[p.b].id.as_str(),
            &a_start,
            &a_end,
            &b_start,
            &b_end,
            &p.tokens.to_string(),
            a.map_or("", |s| s.text.as_str()),
        ])?;
    }
    stream.finish()
}

/// Exact duplicates: an article and the first article with the same text.
fn duplicates_tsv(analysis: &Analysis) -> Vec<u8> {
    let rows = analysis.passages.duplicates.iter().map(|&(d, first)| {
        vec![
            analysis.articles[d].id.clone(),
            analysis.articles[first].id.clone(),
        ]
    });
    tsv(&["doc_id", "duplicate_of"], rows)
}

fn clusters_tsv(analysis: &Analysis) -> Vec<u8> {
    let clustering = analysis.clustering.as_ref().expect("checked by caller");
    let rows = clustering
        .scores
        .iter()
        .zip(&clustering.stability)
        .map(|(s, stability)| {
            vec![
                s.k.to_string(),
                exact(s.silhouette),
                exact(s.inertia),
                exact(stability.mean_ari),
                exact(stability.min_ari),
                stability.is_stable().to_string(),
                (s.k == clustering.k).to_string(),
            ]
        });
    tsv(
        &[
            "k",
            "silhouette",
            "inertia",
            "seed_mean_ari",
            "seed_min_ari",
            "stable",
            "chosen",
        ],
        rows,
    )
}

/// scipy's linkage matrix `Z`: left, right, distance, size per merge.
fn linkage_tsv(tree: &cluster::Dendrogram) -> Vec<u8> {
    let rows = tree.merges.iter().map(|m| {
        vec![
            m.left.to_string(),
            m.right.to_string(),
            exact(m.distance),
            m.size.to_string(),
        ]
    });
    tsv(&["left", "right", "distance", "size"], rows)
}

fn projection_tsv(analysis: &Analysis) -> Vec<u8> {
    let clustering = analysis.clustering.as_ref().expect("checked by caller");
    let rows = analysis.articles.iter().enumerate().map(|(i, a)| {
        vec![
            a.id.clone(),
            exact(clustering.projection.coords[[i, 0]]),
            exact(clustering.projection.coords[[i, 1]]),
            clustering.labels[i].to_string(),
            clustering
                .linkage_labels
                .as_ref()
                .map_or_else(String::new, |l| l[i].to_string()),
        ]
    });
    tsv(
        &["doc_id", "pc1", "pc2", "kmeans_cluster", "linkage_cluster"],
        rows,
    )
}

fn config_json(analysis: &Analysis) -> Vec<u8> {
    let config = &analysis.config;
    let clustering = analysis.clustering.as_ref();
    let value = json!({
        "rahmen_version": env!("CARGO_PKG_VERSION"),
        "group_by": config.group_by,
        "corpus": {
            "name": analysis.corpus_name,
            "articles": analysis.articles.len(),
            "skipped": analysis.skipped.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        },
        "text": config.text,
        "analyzer": {
            "stop_words": match &config.analyzer.stop_words {
                core_text::StopWords::NltkGerman => "nltk-german",
                core_text::StopWords::NltkGermanNews => "nltk-german+s-adverbs",
                core_text::StopWords::None => "none",
                core_text::StopWords::Custom(_) => "custom",
            },
            "stop_list": core_text::stop_word_list(&config.analyzer.stop_words),
            "stemmer": config.analyzer.stemming,
            "min_chars": config.analyzer.min_chars,
            "numbers": "dropped",
            "compounds": "hyphenated compounds kept whole; key = parts' stems joined by '-'",
        },
        "tfidf": config.tfidf,
        "vocabulary": {
            "terms": analysis.counts.terms.len(),
            "pruned_by_df": analysis.counts.pruned,
        },
        "clustering": {
            "seed": config.clustering.seed,
            "k": clustering.map(|c| c.k),
            "k_chosen_by": clustering.map(|c| match c.choice {
                KChoice::Given => "user",
                KChoice::Silhouette => "silhouette",
            }),
            "k_candidates": clustering.map(|c| c.scores.iter().map(|s| s.k).collect::<Vec<_>>()),
            "k_max": config.clustering.k_max,
            "kmeans": {
                "init": "k-means++",
                "n_init": config.clustering.n_init,
                "max_iter": config.clustering.max_iter,
                "tolerance": config.clustering.tolerance,
                "rows": "l2-normalised tf-idf (spherical k-means)",
            },
            "linkage": { "method": "average", "distance": "cosine" },
            "silhouette_metric": "euclidean on l2-normalised rows",
            "stability": {
                "seeds": clustering.map(|c| c.stability.first().map(|s| s.seeds.clone())),
                "measure": "mean pairwise adjusted rand index of k-means partitions",
                "stable_if_at_least": cluster::STABLE_ARI,
            },
            "projection": "pca, 2 components, on l2-normalised tf-idf rows",
            "scan_n_init": config.clustering.scan_n_init,
            "silhouette_sample": config.clustering.silhouette_sample,
            "stability_seeds": config.clustering.stability_seeds,
            "stability_sample": config.clustering.stability_sample,
            "lsa_dims": config.clustering.lsa_dims,
            "lsa_n_iter": config.clustering.lsa_n_iter,
            "lsa_fit_sample": config.clustering.lsa_fit_sample,
            "char_ngrams": config.clustering.char_ngrams,
            "kmeans_fit_sample": config.clustering.kmeans_fit_sample,
        },
        "frames": {
            "lexicon_file": analysis.lexicon_file,
            "lexicon": analysis.lexicon,
            "rate_basis": "hits per 1,000 counted tokens (n_tokens in docs.tsv)",
        },
        "statistics": config.statistics,
        "syndication": config.syndication,
        "display": config.display,
        "input": config.input,
        "scale": config.scale,
        "validation": config.validation,
        "timeline": config.timeline,
        "labels": config.labels,
    });
    let mut out = serde_json::to_vec_pretty(&value).expect("serialising settings");
    out.push(b'\n');
    out
}
