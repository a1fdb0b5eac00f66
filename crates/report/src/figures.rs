//! From analysis results to chart inputs: which numbers each figure shows,
//! with which labels and legend. Per-article charts are drawn only while
//! they stay readable; larger corpora get the same charts per group.

use ndarray::Array2;

mod labels;
mod timeline;

use crate::charts::{
    self, Bars, ColorScale, DendrogramChart, DivergingBars, Heatmap, Interval, IntervalChart,
    IntervalSeries, Merge, Point, Scatter, Stack, StackedBars,
};
use crate::error::ReportError;
use crate::numbers::{fixed, percent, slug, thousands};
use crate::output::ReportWriter;
use analysis::Analysis;

/// Draws every chart into `charts/`.
pub fn add_charts(a: &Analysis, writer: &mut ReportWriter) -> Result<(), ReportError> {
    let labels: Vec<String> = a.articles.iter().map(|x| x.label()).collect();
    let groups = &a.group_statistics.groups.names;
    if a.scale.per_article_charts {
        if let Some(similarity) = &a.similarity {
            writer.add(
                "charts/similarity.svg",
                similarity_chart(
                    "Cosine similarity of the articles (TF-IDF)",
                    "article",
                    &labels,
                    similarity,
                    "cosine similarity",
                )?,
            )?;
        }
        let rates: Vec<Vec<(usize, f64)>> = (0..a.lexicon.frames.len())
            .map(|f| {
                (0..a.articles.len())
                    .map(|i| (a.frame_hits(i, f), a.rate_per_1000(i, f)))
                    .collect()
            })
            .collect();
        writer.add(
            "charts/frames.svg",
            frames_chart(a, "Frames per article", "article", &labels, &rates)?,
        )?;
    } else {
        if groups.len() >= 2 {
            writer.add(
                "charts/group-similarity.svg",
                similarity_chart(
                    "Mean cosine similarity between groups (TF-IDF)",
                    "group",
                    groups,
                    &a.group_similarity,
                    "mean cosine similarity",
                )?,
            )?;
        }
        let rates: Vec<Vec<(usize, f64)>> = (0..a.lexicon.frames.len())
            .map(|f| {
                a.lead_group_frames()
                    .iter()
                    .map(|g| {
                        g.ranked
                            .iter()
                            .find(|r| r.frame == f)
                            .map_or((0, 0.0), |r| (r.hits, r.rate))
                    })
                    .collect()
            })
            .collect();
        writer.add(
            "charts/frames.svg",
            frames_chart(a, "Frames per group", "group", groups, &rates)?,
        )?;
    }
    writer.add("charts/prevalence.svg", prevalence(a)?)?;
    writer.add("charts/voices.svg", voices(a)?)?;
    if let Some(t) = a.lead_timeline() {
        writer.add("charts/timeline.svg", timeline::timeline_chart(a, t)?)?;
    }
    for (g, name) in groups
        .iter()
        .enumerate()
        .take(a.config.display.keyness_charts)
    {
        if let Some(svg) = keyness(a, g, name)? {
            writer.add(format!("charts/keyness-{}.svg", slug(name)), svg)?;
        }
    }
    labels::add_label_charts(a, writer)?;
    if let Some(c) = &a.clustering {
        let categories: Vec<String> = c.scores.iter().map(|s| format!("k = {}", s.k)).collect();
        let values: Vec<f64> = c.scores.iter().map(|s| s.silhouette).collect();
        let highlight = c.scores.iter().position(|s| s.k == c.k);
        writer.add(
            "charts/silhouette.svg",
            charts::bars(&Bars {
                title: "Mean silhouette by number of clusters (k-means)",
                x_desc: "number of clusters k",
                y_desc: "mean silhouette (-1 to 1)",
                categories: &categories,
                values: &values,
                highlight,
                highlight_legend: Some("k used in this report"),
                value_labels: true,
            })?,
        )?;
        let shown = &c.map_points;
        let points: Vec<Point> = shown
            .iter()
            .map(|&i| Point {
                x: c.projection.coords[[i, 0]],
                y: c.projection.coords[[i, 1]],
                label: if a.scale.label_points {
                    labels[i].clone()
                } else {
                    String::new()
                },
                group: c.labels[i],
            })
            .collect();
        let group_names: Vec<String> = (0..c.k).map(|k| format!("cluster {k}")).collect();
        let ratio = c.projection.explained_variance_ratio;
        let title = if shown.len() < a.articles.len() {
            format!(
                "Articles by vocabulary: first two principal components (sample of {} articles)",
                thousands(shown.len())
            )
        } else {
            "Articles by vocabulary: first two principal components".to_owned()
        };
        writer.add(
            "charts/projection.svg",
            charts::scatter(&Scatter {
                title: &title,
                x_desc: &format!("PC1 ({} of variance)", percent(ratio[0])),
                y_desc: &format!("PC2 ({} of variance)", percent(ratio[1])),
                points: &points,
                group_names: &group_names,
                legend_title: "k-means cluster",
            })?,
        )?;
        if let Some(tree) = &c.dendrogram {
            writer.add(
                "charts/dendrogram.svg",
                dendrogram(
                    "Average-linkage clustering of the articles",
                    "article",
                    &labels,
                    tree,
                )?,
            )?;
        }
        if let Some(tree) = &c.group_dendrogram {
            writer.add(
                "charts/group-dendrogram.svg",
                dendrogram(
                    "Average-linkage clustering of the groups",
                    "group",
                    groups,
                    tree,
                )?,
            )?;
        }
    }
    Ok(())
}

fn dendrogram(
    title: &str,
    x_desc: &str,
    labels: &[String],
    tree: &cluster::Dendrogram,
) -> Result<String, ReportError> {
    let merges: Vec<Merge> = tree
        .merges
        .iter()
        .map(|m| Merge {
            left: m.left,
            right: m.right,
            distance: m.distance,
        })
        .collect();
    Ok(charts::dendrogram(&DendrogramChart {
        title,
        y_desc: "cosine distance (1 - similarity)",
        x_desc,
        leaf_labels: labels,
        merges: &merges,
    })?)
}

fn similarity_chart(
    title: &str,
    axis: &str,
    labels: &[String],
    similarity: &Array2<f64>,
    legend: &str,
) -> Result<String, ReportError> {
    // A group of one article has no within-group pair: NaN, shown as "–".
    let text: Vec<Vec<String>> = similarity
        .rows()
        .into_iter()
        .map(|row| {
            row.iter()
                .map(|v| {
                    if v.is_nan() {
                        "–".to_owned()
                    } else {
                        fixed(*v, 2)
                    }
                })
                .collect()
        })
        .collect();
    let values: Vec<Vec<f64>> = similarity
        .rows()
        .into_iter()
        .map(|r| {
            r.iter()
                .map(|v| if v.is_nan() { 0.0 } else { *v })
                .collect()
        })
        .collect();
    // Mean similarities between large groups are small (0.01 to 0.05); a scale
    // up to 1 would paint them all the same dark colour.
    let largest = values.iter().flatten().fold(0.0f64, |m, v| m.max(*v));
    let top = if largest >= 0.5 {
        1.0
    } else {
        ((largest * 100.0).ceil() / 100.0).max(0.01)
    };
    Ok(charts::heatmap(&Heatmap {
        title,
        x_desc: axis,
        y_desc: axis,
        x_labels: labels,
        y_labels: labels,
        values: &values,
        cell_text: Some(&text),
        scale: ColorScale {
            min: 0.0,
            max: top,
            legend_title: legend,
        },
    })?)
}

/// Frames (rows) by articles or groups (columns): `rates[frame][column]` is
/// (hits, rate per 1,000).
fn frames_chart(
    a: &Analysis,
    title: &str,
    axis: &str,
    columns: &[String],
    rates: &[Vec<(usize, f64)>],
) -> Result<String, ReportError> {
    let frame_labels: Vec<String> = a.lexicon.frames.iter().map(|f| f.label.clone()).collect();
    let values: Vec<Vec<f64>> = rates
        .iter()
        .map(|row| row.iter().map(|(_, r)| *r).collect())
        .collect();
    let text: Vec<Vec<String>> = rates
        .iter()
        .map(|row| {
            row.iter()
                .map(|(h, r)| format!("{h} · {}", fixed(*r, 1)))
                .collect()
        })
        .collect();
    let max = values.iter().flatten().copied().fold(1.0, f64::max);
    Ok(charts::heatmap(&Heatmap {
        title: &format!("{title}: hits · rate per 1,000 tokens"),
        x_desc: axis,
        y_desc: "frame",
        x_labels: columns,
        y_labels: &frame_labels,
        values: &values,
        cell_text: Some(&text),
        scale: ColorScale {
            min: 0.0,
            max,
            legend_title: "hits per 1,000 tokens",
        },
    })?)
}

/// Diverging bars of one outlet's key terms: over-represented (signed χ² > 0)
/// on the right, under-represented on the left; `None` when nothing passes
/// the minimum count.
fn keyness(a: &Analysis, group: usize, name: &str) -> Result<Option<String>, ReportError> {
    let Some(terms) = &a.group_statistics.keyness[group] else {
        return Ok(None);
    };
    let over = terms
        .iter()
        .filter(|t| t.chi2 > 0.0)
        .take(a.config.display.keyness_bars_per_side);
    let mut under: Vec<_> = terms
        .iter()
        .rev()
        .filter(|t| t.chi2 < 0.0)
        .take(a.config.display.keyness_bars_per_side)
        .collect();
    under.reverse();
    let shown: Vec<_> = over.chain(under).collect();
    if shown.is_empty() {
        return Ok(None);
    }
    let labels: Vec<String> = shown
        .iter()
        .map(|t| a.counts.terms[t.term].label.clone())
        .collect();
    let values: Vec<f64> = shown.iter().map(|t| t.chi2).collect();
    let text: Vec<String> = shown.iter().map(|t| format!("{} : {}", t.a, t.b)).collect();
    let title = format!("Key terms of {name} against all other articles");
    let positive = format!("more frequent in {name}");
    let negative = format!("less frequent in {name}");
    let x_desc = format!(
        "signed chi-square (bar text: count in {} : count elsewhere)",
        a.group_noun().one
    );
    Ok(Some(charts::diverging_bars(&DivergingBars {
        title: &title,
        x_desc: &x_desc,
        y_desc: "term",
        labels: &labels,
        values: &values,
        value_text: Some(&text),
        positive_legend: &positive,
        negative_legend: &negative,
    })?))
}

/// Frame rates per outlet with their bootstrap intervals.
fn prevalence(a: &Analysis) -> Result<String, ReportError> {
    let categories: Vec<String> = a.lexicon.frames.iter().map(|f| f.label.clone()).collect();
    let points: Vec<Vec<Option<Interval>>> = (0..a.group_statistics.groups.names.len())
        .map(|g| {
            (0..a.lexicon.frames.len())
                .map(|f| {
                    a.lead_prevalence()
                        .iter()
                        .find(|p| p.frame == f && p.group == g)
                        .and_then(|p| p.interval)
                        .map(|i| Interval {
                            estimate: i.estimate,
                            low: i.low,
                            high: i.high,
                        })
                })
                .collect()
        })
        .collect();
    let series: Vec<IntervalSeries> = a
        .group_statistics
        .groups
        .names
        .iter()
        .zip(&points)
        .map(|(name, points)| IntervalSeries { name, points })
        .collect();
    let noun = a.group_noun();
    let title = format!("Frame rates per {} with 95 % bootstrap intervals", noun.one);
    Ok(charts::intervals(&IntervalChart {
        title: &title,
        x_desc: "hits per 1,000 counted tokens",
        y_desc: "frame",
        categories: &categories,
        series: &series,
        legend_title: noun.one,
    })?)
}

/// Frame hits per outlet split into own voice, quoted and reported.
fn voices(a: &Analysis) -> Result<String, ReportError> {
    let groups = &a.group_statistics.groups;
    let mut values = [
        vec![0.0; groups.names.len()],
        vec![0.0; groups.names.len()],
        vec![0.0; groups.names.len()],
    ];
    for frame in a.lead_frame_voices() {
        for (g, cell) in frame.iter().enumerate() {
            values[0][g] += cell.own as f64;
            values[1][g] += cell.quoted as f64;
            values[2][g] += cell.reported as f64;
        }
    }
    let stacks = [
        Stack {
            name: "own voice",
            values: &values[0],
        },
        Stack {
            name: "direct quote",
            values: &values[1],
        },
        Stack {
            name: "reported speech",
            values: &values[2],
        },
    ];
    let noun = a.group_noun();
    let title = format!("Frame hits by voice per {}", noun.one);
    Ok(charts::stacked_bars(&StackedBars {
        title: &title,
        x_desc: "frame hits (all frames)",
        y_desc: noun.one,
        categories: &groups.names,
        stacks: &stacks,
        legend_title: "voice",
        show_totals: true,
    })?)
}
