//! Which numbers go into the timeline chart: one panel per frame, one line
//! per group that has dated articles, each point a group's rate in a period
//! with its interval.

use analysis::Analysis;
use analysis::timeline::{Bin, Timeline};

use crate::charts::{self, TimelineChart, TimelinePanel, TimelinePoint};
use crate::error::ReportError;
use crate::numbers::{fixed, thousands};

/// What a period is called on the time axis.
pub fn period_noun(bin: Bin) -> &'static str {
    match bin {
        Bin::Day => "day",
        Bin::Week => "week",
        Bin::Month => "month",
    }
}

/// The small multiples of `charts/timeline.svg`.
pub fn timeline_chart(a: &Analysis, t: &Timeline) -> Result<String, ReportError> {
    let names = &a.group_statistics.groups.names;
    // Groups without a dated article would only fill the legend.
    let shown: Vec<usize> = (0..names.len())
        .filter(|&g| t.cells.iter().any(|c| c.group == g))
        .collect();
    let series: Vec<String> = shown.iter().map(|&g| names[g].clone()).collect();
    let periods: Vec<String> = t.periods.iter().map(|p| p.label.clone()).collect();
    let positions: Vec<i64> = t.periods.iter().map(|p| p.index).collect();
    let panels: Vec<TimelinePanel> = a
        .lexicon
        .frames
        .iter()
        .enumerate()
        .map(|(f, frame)| TimelinePanel {
            title: &frame.label,
            points: shown
                .iter()
                .map(|&g| {
                    (0..periods.len())
                        .map(|p| {
                            let cell = t.cell(g, p, f)?;
                            let interval = cell.interval?;
                            // A percentile interval need not hold the
                            // estimate; the chart draws it as a band around it.
                            Some(TimelinePoint {
                                estimate: interval.estimate,
                                low: interval.low.min(interval.estimate),
                                high: interval.high.max(interval.estimate),
                                sufficient: !cell.insufficient,
                            })
                        })
                        .collect()
                })
                .collect(),
        })
        .collect();
    let noun = a.group_noun();
    let period = period_noun(t.bin);
    let level = fixed(a.config.statistics.level * 100.0, 0);
    let view = a
        .lead_view()
        .map_or(String::new(), |v| format!(" ({})", v.view.text()));
    let title = format!(
        "Frame rates per {period} and {} with {level} % bootstrap intervals{view}",
        noun.one
    );
    let x_desc = match t.bin {
        Bin::Week => "week (ISO, labelled by its Monday)".to_owned(),
        other => period_noun(other).to_owned(),
    };
    let settings = &a.config.timeline;
    let hollow = format!(
        "fewer than {} articles or {} tokens",
        thousands(settings.min_articles),
        thousands(settings.min_tokens)
    );
    Ok(charts::timeline(&TimelineChart {
        title: &title,
        x_desc: &x_desc,
        y_desc: "hits per 1,000 counted tokens",
        periods: &periods,
        positions: &positions,
        series: &series,
        panels: &panels,
        legend_title: noun.one,
        band_legend: &format!("{level} % interval"),
        hollow_legend: &hollow,
    })?)
}
