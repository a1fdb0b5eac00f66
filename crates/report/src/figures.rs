//! From analysis results to chart inputs: which numbers each figure shows,
//! with which labels and legend.

use crate::analysis::Analysis;
use crate::charts::{
    self, Bars, ColorScale, DendrogramChart, DivergingBars, Heatmap, Interval, IntervalChart,
    IntervalSeries, Merge, Point, Scatter, Stack, StackedBars,
};
use crate::error::ReportError;
use crate::numbers::{fixed, percent, slug};
use crate::output::ReportFiles;

/// Draws every chart into `files` under `charts/`.
pub fn add_charts(a: &Analysis, files: &mut ReportFiles) -> Result<(), ReportError> {
    let labels: Vec<String> = a.articles.iter().map(|x| x.label()).collect();
    files.add("charts/similarity.svg", similarity(a, &labels)?);
    files.add("charts/frames.svg", frames(a, &labels)?);
    files.add("charts/prevalence.svg", prevalence(a)?);
    files.add("charts/voices.svg", voices(a)?);
    for (g, name) in a.outlets.groups.names.iter().enumerate() {
        if let Some(svg) = keyness(a, g, name)? {
            files.add(format!("charts/keyness-{}.svg", slug(name)), svg);
        }
    }
    if let Some(c) = &a.clustering {
        let categories: Vec<String> = c.scores.iter().map(|s| format!("k = {}", s.k)).collect();
        let values: Vec<f64> = c.scores.iter().map(|s| s.silhouette).collect();
        let highlight = c.scores.iter().position(|s| s.k == c.k);
        files.add(
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
        );
        let points: Vec<Point> = (0..a.articles.len())
            .map(|i| Point {
                x: c.projection.coords[[i, 0]],
                y: c.projection.coords[[i, 1]],
                label: labels[i].clone(),
                group: c.labels[i],
            })
            .collect();
        let group_names: Vec<String> = (0..c.k).map(|k| format!("cluster {k}")).collect();
        let ratio = c.projection.explained_variance_ratio;
        files.add(
            "charts/projection.svg",
            charts::scatter(&Scatter {
                title: "Articles by vocabulary: first two principal components",
                x_desc: &format!("PC1 ({} of variance)", percent(ratio[0])),
                y_desc: &format!("PC2 ({} of variance)", percent(ratio[1])),
                points: &points,
                group_names: &group_names,
                legend_title: "k-means cluster",
            })?,
        );
        let merges: Vec<Merge> = c
            .dendrogram
            .merges
            .iter()
            .map(|m| Merge {
                left: m.left,
                right: m.right,
                distance: m.distance,
            })
            .collect();
        files.add(
            "charts/dendrogram.svg",
            charts::dendrogram(&DendrogramChart {
                title: "Average-linkage clustering of the articles",
                y_desc: "cosine distance (1 - similarity)",
                x_desc: "article",
                leaf_labels: &labels,
                merges: &merges,
            })?,
        );
    }
    Ok(())
}

fn similarity(a: &Analysis, labels: &[String]) -> Result<String, ReportError> {
    let values: Vec<Vec<f64>> = a
        .similarity
        .rows()
        .into_iter()
        .map(|r| r.to_vec())
        .collect();
    let text: Vec<Vec<String>> = values
        .iter()
        .map(|row| row.iter().map(|v| fixed(*v, 2)).collect())
        .collect();
    Ok(charts::heatmap(&Heatmap {
        title: "Cosine similarity of the articles (TF-IDF)",
        x_desc: "article",
        y_desc: "article",
        x_labels: labels,
        y_labels: labels,
        values: &values,
        cell_text: Some(&text),
        scale: ColorScale {
            min: 0.0,
            max: 1.0,
            legend_title: "cosine similarity",
        },
    })?)
}

fn frames(a: &Analysis, labels: &[String]) -> Result<String, ReportError> {
    let frame_labels: Vec<String> = a.lexicon.frames.iter().map(|f| f.label.clone()).collect();
    let mut values = Vec::new();
    let mut text = Vec::new();
    for f in 0..a.lexicon.frames.len() {
        values.push(
            (0..a.articles.len())
                .map(|i| a.rate_per_1000(i, f))
                .collect::<Vec<_>>(),
        );
        text.push(
            (0..a.articles.len())
                .map(|i| {
                    format!(
                        "{} · {}",
                        a.frame_hits(i, f),
                        fixed(a.rate_per_1000(i, f), 1)
                    )
                })
                .collect::<Vec<_>>(),
        );
    }
    let max = values.iter().flatten().copied().fold(1.0, f64::max);
    Ok(charts::heatmap(&Heatmap {
        title: "Frames per article: hits · rate per 1,000 tokens",
        x_desc: "article",
        y_desc: "frame",
        x_labels: labels,
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

/// Terms shown on each side of a keyness chart.
const KEYNESS_BARS_PER_SIDE: usize = 10;

/// Diverging bars of one outlet's key terms: over-represented (signed χ² > 0)
/// on the right, under-represented on the left; `None` when nothing passes
/// the minimum count.
fn keyness(a: &Analysis, group: usize, name: &str) -> Result<Option<String>, ReportError> {
    let Some(terms) = &a.outlets.keyness[group] else {
        return Ok(None);
    };
    let over = terms
        .iter()
        .filter(|t| t.chi2 > 0.0)
        .take(KEYNESS_BARS_PER_SIDE);
    let mut under: Vec<_> = terms
        .iter()
        .rev()
        .filter(|t| t.chi2 < 0.0)
        .take(KEYNESS_BARS_PER_SIDE)
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
    Ok(Some(charts::diverging_bars(&DivergingBars {
        title: &title,
        x_desc: "signed chi-square (bar text: count in outlet : count elsewhere)",
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
    let points: Vec<Vec<Option<Interval>>> = (0..a.outlets.groups.names.len())
        .map(|g| {
            (0..a.lexicon.frames.len())
                .map(|f| {
                    a.prevalence
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
        .outlets
        .groups
        .names
        .iter()
        .zip(&points)
        .map(|(name, points)| IntervalSeries { name, points })
        .collect();
    Ok(charts::intervals(&IntervalChart {
        title: "Frame rates per outlet with 95 % bootstrap intervals",
        x_desc: "hits per 1,000 counted tokens",
        y_desc: "frame",
        categories: &categories,
        series: &series,
        legend_title: "outlet",
    })?)
}

/// Frame hits per outlet split into own voice, quoted and reported.
fn voices(a: &Analysis) -> Result<String, ReportError> {
    let groups = &a.outlets.groups;
    let mut values = [
        vec![0.0; groups.names.len()],
        vec![0.0; groups.names.len()],
        vec![0.0; groups.names.len()],
    ];
    for (i, voices) in a.voices.iter().enumerate() {
        for voice in voices {
            let stack = match voice {
                crate::voices::Voice::Own => 0,
                crate::voices::Voice::Quoted(_) => 1,
                crate::voices::Voice::Reported(_) => 2,
            };
            values[stack][groups.of_article[i]] += 1.0;
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
    Ok(charts::stacked_bars(&StackedBars {
        title: "Frame hits by voice per outlet",
        x_desc: "frame hits (all frames)",
        y_desc: "outlet",
        categories: &groups.names,
        stacks: &stacks,
        legend_title: "voice",
        show_totals: true,
    })?)
}
