//! Rates over time as small multiples (e.g. frame rates per outlet and
//! week): one panel per category, one line per series with its interval as
//! a translucent band, so a change in one series stands out against the
//! others in the same panel.

use plotters::style::RGBColor;

use super::axis::{Scale, Ticks, draw_x_desc};
use super::canvas::{Anchor, Canvas, Rect, draw_lines, render};
use super::error::{ChartError, check_finite, invalid};
use super::legend::{Legend, Swatch};
use super::style::{
    AXIS_INK, DESC_FONT, DESC_GAP, Font, GRID, INK, MARGIN, Marker, TICK_FONT, TITLE_FONT,
    WHITE_BG, darker, group_style, line_color, wrap,
};

const CHART: &str = "timeline chart";
/// Panel titles: the size of axis descriptions, bold.
const PANEL_FONT: Font = Font::bold(14.5);
/// Width and height of one panel's plot area.
const PLOT_W: i32 = 360;
const PLOT_H: i32 = 170;
/// Radius of the marker at an estimate.
const RADIUS: i32 = 4;
/// Opacity of an interval band: overlapping bands of several series stay
/// readable.
const BAND_OPACITY: f64 = 0.2;
/// Half the width of the band drawn around a point with no sufficient
/// neighbour.
const LONE_BAND: i32 = 6;
const TICK_LEN: i32 = 5;
const TICK_GAP: i32 = 4;
/// Space between two panels side by side, and below a row of panels.
const PANEL_GAP: i32 = 28;
const ROW_GAP: i32 = 18;
/// Space between the panels and the legend.
const LEGEND_GAP: i32 = 32;
/// The band's swatch in the legend: a neutral grey standing for every
/// series' tint.
const BAND_SWATCH: RGBColor = RGBColor(200, 200, 200);

/// A rate with its interval in one period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimelinePoint {
    /// The estimate, on the line; `low <= estimate <= high`.
    pub estimate: f64,
    /// Lower end of the interval.
    pub low: f64,
    /// Upper end of the interval.
    pub high: f64,
    /// False when the point rests on too little data: drawn as a hollow
    /// marker, without band or line.
    pub sufficient: bool,
}

/// One panel: every series over every period.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelinePanel<'a> {
    /// Title above the panel, e.g. "Threat and aggression".
    pub title: &'a str,
    /// `points[series][period]`; `None` draws nothing in that period.
    pub points: Vec<Vec<Option<TimelinePoint>>>,
}

/// Small multiples of series over periods.
#[derive(Debug, Clone, Copy)]
pub struct TimelineChart<'a> {
    /// Title above the chart.
    pub title: &'a str,
    /// Description of the time axis, below the panels.
    pub x_desc: &'a str,
    /// Description of the value axes, left of the panels.
    pub y_desc: &'a str,
    /// Period labels, in calendar order.
    pub periods: &'a [String],
    /// Calendar position of each period, strictly increasing: consecutive
    /// periods differ by 1, a gap by more (lines and bands break there).
    pub positions: &'a [i64],
    /// Series names, listed in the legend with their colour.
    pub series: &'a [String],
    /// The panels, in reading order (two per row).
    pub panels: &'a [TimelinePanel<'a>],
    /// Title of the series legend, e.g. "outlet".
    pub legend_title: &'a str,
    /// Legend text of the bands, e.g. "95 % interval".
    pub band_legend: &'a str,
    /// Legend text of hollow markers, e.g. "too few articles".
    pub hollow_legend: &'a str,
}

/// Where one panel is drawn and how it maps values to pixels.
struct PanelFrame {
    plot: Rect,
    x: Scale,
    y: Scale,
    ticks: Ticks,
}

/// Renders the chart as an SVG document: two panels per row, each 360 × 170
/// pixels with its own value axis from 0 (rates of different categories
/// differ by orders of magnitude), the legend on the right.
pub fn timeline(chart: &TimelineChart) -> Result<String, ChartError> {
    validate(chart)?;
    let n = chart.panels.len() as i32;
    let columns = n.min(2);
    let rows = (n + columns - 1) / columns;
    let ticks: Vec<Ticks> = chart
        .panels
        .iter()
        .map(|panel| {
            let top = panel
                .points
                .iter()
                .flatten()
                .flatten()
                .map(|p| if p.sufficient { p.high } else { p.estimate })
                .fold(0.0, f64::max);
            Ticks::covering(0.0, top, 4)
        })
        .collect();
    let tick_w = ticks
        .iter()
        .flat_map(Ticks::labels)
        .map(|l| TICK_FONT.width_px(&l))
        .max()
        .unwrap_or(0);
    let panel_left = TICK_LEN + TICK_GAP + tick_w;
    let panel_w = panel_left + PLOT_W;
    let desc_w = DESC_FONT.line_px() + DESC_GAP;

    let series_legend = Legend {
        title: chart.legend_title,
        entries: (chart.series.iter().enumerate())
            .map(|(j, name)| {
                let (color, marker) = group_style(j);
                (Swatch::Marker(marker, color), name.as_str())
            })
            .collect(),
    };
    let key_legend = Legend {
        title: "",
        entries: vec![
            (Swatch::Block(BAND_SWATCH), chart.band_legend),
            (
                Swatch::Marker(Marker::Circle, WHITE_BG),
                chart.hollow_legend,
            ),
        ],
    };
    let legend_w = series_legend.width().max(key_legend.width());
    let legend_h = series_legend.height() + 16 + key_legend.height();

    let grid_left = MARGIN + desc_w;
    let grid_right = grid_left + columns * panel_w + (columns - 1) * PANEL_GAP;
    let width = grid_right + LEGEND_GAP + legend_w + MARGIN;
    let title = wrap(chart.title, TITLE_FONT, width - 2 * MARGIN);
    let top = MARGIN + title.len() as i32 * TITLE_FONT.line_px() + 16;
    let panel_titles: Vec<Vec<String>> = chart
        .panels
        .iter()
        .map(|p| wrap(p.title, PANEL_FONT, PLOT_W))
        .collect();
    let title_lines = panel_titles.iter().map(Vec::len).max().unwrap_or(1) as i32;
    let title_h = title_lines * PANEL_FONT.line_px() + 6;
    let below_plot = TICK_LEN + TICK_GAP + TICK_FONT.line_px();
    let row_h = title_h + PLOT_H + below_plot + ROW_GAP;
    let grid_bottom = top + rows * row_h - ROW_GAP;
    let height =
        (grid_bottom + DESC_GAP + DESC_FONT.line_px() + MARGIN).max(top + legend_h + MARGIN);

    // Calendar positions to pixels: the first and last period sit far
    // enough inside the plot for their labels to stay centred under them.
    let (first, last) = (
        chart.positions[0],
        chart.positions[chart.positions.len() - 1],
    );
    let label_w = chart
        .periods
        .iter()
        .map(|l| TICK_FONT.width_px(l))
        .max()
        .unwrap_or(0);
    let inset = (label_w / 2).clamp(LONE_BAND + 4, PLOT_W / 4);
    let (lo, hi) = if first == last {
        (first as f64 - 1.0, first as f64 + 1.0)
    } else {
        (first as f64, last as f64)
    };
    let step_px = f64::from(PLOT_W - 2 * inset) / (hi - lo);
    // Every `label_every`-th calendar position gets a label.
    let label_every = ((f64::from(label_w + 10) / step_px).ceil() as i64).max(1);

    let frames: Vec<PanelFrame> = ticks
        .into_iter()
        .enumerate()
        .map(|(k, ticks)| {
            let (row, column) = (k as i32 / columns, k as i32 % columns);
            let left = grid_left + column * (panel_w + PANEL_GAP) + panel_left;
            let plot_top = top + row * row_h + title_h;
            let plot = Rect {
                left,
                top: plot_top,
                right: left + PLOT_W,
                bottom: plot_top + PLOT_H,
            };
            PanelFrame {
                plot,
                x: Scale::new(lo, hi, left + inset, left + PLOT_W - inset),
                y: Scale::new(ticks.lo(), ticks.hi(), plot.bottom, plot.top),
                ticks,
            }
        })
        .collect();

    render(chart.title, (width as u32, height as u32), |canvas| {
        draw_lines(canvas, &title, TITLE_FONT, width / 2, MARGIN)?;
        for ((panel, frame), lines) in chart.panels.iter().zip(&frames).zip(&panel_titles) {
            let title_top = frame.plot.top - title_h;
            draw_lines(canvas, lines, PANEL_FONT, frame.plot.center_x(), title_top)?;
            draw_panel(canvas, chart, panel, frame, first, label_every)?;
        }
        let grid_top = top;
        canvas.text(
            chart.y_desc,
            (
                MARGIN + DESC_FONT.line_px() / 2,
                (grid_top + grid_bottom) / 2,
            ),
            DESC_FONT,
            INK,
            Anchor::UP_CENTER,
        )?;
        draw_x_desc(
            canvas,
            chart.x_desc,
            (grid_left + grid_right) / 2,
            grid_bottom + DESC_GAP,
        )?;
        let legend_left = grid_right + LEGEND_GAP;
        series_legend.draw(canvas, legend_left, top)?;
        key_legend.draw(canvas, legend_left, top + series_legend.height() + 16)
    })
}

/// Points of one series in consecutive periods: (period, point).
type Run = Vec<(usize, TimelinePoint)>;

/// Draws one panel: grid, bands, lines, markers, then the axes on top.
fn draw_panel(
    canvas: &Canvas,
    chart: &TimelineChart,
    panel: &TimelinePanel,
    frame: &PanelFrame,
    first: i64,
    label_every: i64,
) -> Result<(), ChartError> {
    let PanelFrame { plot, x, y, ticks } = frame;
    for value in &ticks.values {
        let at = y.px(*value);
        canvas.line(&[(plot.left, at), (plot.right, at)], GRID, 1)?;
    }
    let px = |i: usize, value: f64| (x.px(chart.positions[i] as f64), y.px(value));
    // Runs of sufficient points in consecutive periods: each gets a band
    // and a line; a gap or an insufficient point breaks the run.
    let runs: Vec<Vec<Run>> = panel
        .points
        .iter()
        .map(|series| {
            let mut runs: Vec<Run> = Vec::new();
            for (i, point) in series.iter().enumerate() {
                let Some(point) = point.filter(|p| p.sufficient) else {
                    continue;
                };
                match runs.last_mut() {
                    Some(run)
                        if run.last().is_some_and(|&(before, _)| {
                            before + 1 == i && chart.positions[before] + 1 == chart.positions[i]
                        }) =>
                    {
                        run.push((i, point));
                    }
                    _ => runs.push(vec![(i, point)]),
                }
            }
            runs
        })
        .collect();
    for (j, series_runs) in runs.iter().enumerate() {
        let (color, _) = group_style(j);
        for run in series_runs {
            let band: Vec<(i32, i32)> = if let [(i, point)] = run.as_slice() {
                let (cx, _) = px(*i, point.estimate);
                let (high, low) = (y.px(point.high), y.px(point.low));
                vec![
                    (cx - LONE_BAND, high),
                    (cx + LONE_BAND, high),
                    (cx + LONE_BAND, low),
                    (cx - LONE_BAND, low),
                ]
            } else {
                let upper = run.iter().map(|&(i, p)| px(i, p.high));
                let lower = run.iter().rev().map(|&(i, p)| px(i, p.low));
                upper.chain(lower).collect()
            };
            canvas.fill_polygon(&band, color, BAND_OPACITY)?;
        }
    }
    for (j, series_runs) in runs.iter().enumerate() {
        let (color, _) = group_style(j);
        for run in series_runs.iter().filter(|run| run.len() > 1) {
            let line: Vec<(i32, i32)> = run.iter().map(|&(i, p)| px(i, p.estimate)).collect();
            canvas.line(&line, line_color(color), 2)?;
        }
    }
    for (j, series) in panel.points.iter().enumerate() {
        let (color, marker) = group_style(j);
        for (i, point) in series.iter().enumerate() {
            let Some(point) = point else { continue };
            let at = px(i, point.estimate);
            if point.sufficient {
                canvas.marker(marker, at, RADIUS, color, 1.0, Some(darker(color)))?;
            } else {
                // Two rings: a one-pixel outline is too faint to find.
                let ring = Some(line_color(color));
                canvas.marker(marker, at, RADIUS, WHITE_BG, 1.0, ring)?;
                canvas.marker(marker, at, RADIUS - 1, WHITE_BG, 1.0, ring)?;
            }
        }
    }
    canvas.line(
        &[
            (plot.left, plot.top),
            (plot.left, plot.bottom),
            (plot.right, plot.bottom),
        ],
        AXIS_INK,
        1,
    )?;
    for (value, label) in ticks.values.iter().zip(ticks.labels()) {
        let at = y.px(*value);
        canvas.line(&[(plot.left - TICK_LEN, at), (plot.left, at)], AXIS_INK, 1)?;
        let text_at = (plot.left - TICK_LEN - TICK_GAP, at);
        canvas.text(&label, text_at, TICK_FONT, INK, Anchor::RIGHT)?;
    }
    for (i, label) in chart.periods.iter().enumerate() {
        let cx = x.px(chart.positions[i] as f64);
        let labelled = (chart.positions[i] - first) % label_every == 0;
        let tick = if labelled { TICK_LEN } else { TICK_LEN / 2 };
        canvas.line(&[(cx, plot.bottom), (cx, plot.bottom + tick)], AXIS_INK, 1)?;
        if labelled {
            let at = (cx, plot.bottom + TICK_LEN + TICK_GAP);
            canvas.text(label, at, TICK_FONT, INK, Anchor::TOP_CENTER)?;
        }
    }
    Ok(())
}

fn validate(chart: &TimelineChart) -> Result<(), ChartError> {
    let empty = |what| ChartError::Empty { chart: CHART, what };
    if chart.periods.is_empty() {
        return Err(empty("periods"));
    }
    if chart.panels.is_empty() {
        return Err(empty("panels"));
    }
    if chart.series.is_empty() {
        return Err(empty("series"));
    }
    if chart.positions.len() != chart.periods.len() {
        let detail = format!(
            "has {} periods but {} positions",
            chart.periods.len(),
            chart.positions.len()
        );
        return Err(invalid(CHART, detail));
    }
    if let Some(pair) = chart.positions.windows(2).find(|p| p[0] >= p[1]) {
        let detail = format!(
            "has positions {} then {}, but they must increase",
            pair[0], pair[1]
        );
        return Err(invalid(CHART, detail));
    }
    for (k, panel) in chart.panels.iter().enumerate() {
        if panel.points.len() != chart.series.len() {
            let detail = format!(
                "has {} series but panel {k} ({:?}) has {}",
                chart.series.len(),
                panel.title,
                panel.points.len()
            );
            return Err(invalid(CHART, detail));
        }
        for (j, series) in panel.points.iter().enumerate() {
            if series.len() != chart.periods.len() {
                let detail = format!(
                    "has {} periods but panel {k}, series {j} has {} points",
                    chart.periods.len(),
                    series.len()
                );
                return Err(invalid(CHART, detail));
            }
            for (i, point) in series.iter().enumerate() {
                let Some(p) = point else { continue };
                let at = |what: &str| format!("panel {k}, series {j}, period {i} ({what})");
                check_finite(CHART, || at("estimate"), p.estimate)?;
                check_finite(CHART, || at("low"), p.low)?;
                check_finite(CHART, || at("high"), p.high)?;
                if !(p.low <= p.estimate && p.estimate <= p.high) {
                    let detail = format!(
                        "has panel {k}, series {j}, period {i} with low {}, estimate {} and \
                         high {}, but needs low <= estimate <= high",
                        p.low, p.estimate, p.high
                    );
                    return Err(invalid(CHART, detail));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{NASTY, assert_texts, check, strings};
    use super::*;

    fn point(estimate: f64, spread: f64, sufficient: bool) -> Option<TimelinePoint> {
        Some(TimelinePoint {
            estimate,
            low: (estimate - spread).max(0.0),
            high: estimate + spread,
            sufficient,
        })
    }

    /// `series` × `periods` points: a step up in series 0 halfway, the
    /// others flat, the first period of the last series insufficient.
    fn panel(title: &str, series: usize, periods: usize) -> TimelinePanel<'_> {
        TimelinePanel {
            title,
            points: (0..series)
                .map(|j| {
                    (0..periods)
                        .map(|i| {
                            let step = if j == 0 && i >= periods / 2 { 6.0 } else { 0.0 };
                            let sufficient = !(j + 1 == series && i == 0);
                            point(2.0 + step + j as f64 * 0.5, 1.2, sufficient)
                        })
                        .collect()
                })
                .collect(),
        }
    }

    fn render(
        periods: &[String],
        positions: &[i64],
        series: &[String],
        panels: &[TimelinePanel],
    ) -> Result<String, ChartError> {
        timeline(&TimelineChart {
            title: "Rahmen je Woche und Medium mit 95-%-Intervallen",
            x_desc: "Woche (Montag)",
            y_desc: "Treffer je 1.000 Wörter",
            periods,
            positions,
            series,
            panels,
            legend_title: "Medium (Größe)",
            band_legend: "95-%-Intervall",
            hollow_legend: "zu wenige Artikel",
        })
    }

    fn weeks(n: usize) -> (Vec<String>, Vec<i64>) {
        let labels = (0..n).map(|i| format!("2022-{:02}-{:02}", 1 + i / 4, 3 + (i % 4) * 7));
        (labels.collect(), (0..n as i64).collect())
    }

    #[test]
    fn shows_title_axes_panels_and_legend() {
        let (periods, positions) = weeks(8);
        let series = strings(&["RT DE", "SNA", "Süddeutsche"]);
        let panels = [
            panel("Bedrohung und Aggression", 3, 8),
            panel("Souveränität", 3, 8),
            panel("Dialog", 3, 8),
        ];
        let svg = render(&periods, &positions, &series, &panels).unwrap();
        let texts = check(&svg);
        assert_texts(
            &texts,
            &[
                "Rahmen je Woche und Medium mit 95-%-Intervallen",
                "Woche (Montag)",
                "Treffer je 1.000 Wörter",
            ],
        );
        assert_texts(
            &texts,
            &["Bedrohung und Aggression", "Souveränität", "Dialog"],
        );
        assert_texts(
            &texts,
            &[
                "Medium (Größe)",
                "Süddeutsche",
                "95-%-Intervall",
                "zu wenige Artikel",
            ],
        );
        assert_texts(&texts, &["2022-01-03", "0.0"]);
        assert!(svg.contains("opacity=\"0.2\""), "bands are translucent");
        assert_eq!(Ok(svg), render(&periods, &positions, &series, &panels));
    }

    #[test]
    fn many_periods_gaps_and_lone_points_fit() {
        let (mut periods, mut positions) = weeks(60);
        // A gap of three weeks.
        periods.truncate(40);
        positions.truncate(40);
        for i in 43..63 {
            periods.push(format!("2023-{:02}-01", i % 12 + 1));
            positions.push(i);
        }
        let series: Vec<String> = (0..9).map(|j| format!("unknown ({j:03})")).collect();
        let mut lone = panel("Lone", 9, 60);
        for (i, p) in lone.points[1].iter_mut().enumerate() {
            if i % 2 == 1 {
                *p = None;
            }
        }
        let panels = [panel("Sovereignty and the right to choose", 9, 60), lone];
        let texts = check(&render(&periods, &positions, &series, &panels).unwrap());
        assert_texts(&texts, &["unknown (008)", "2022-01-03"]);
        assert!(
            texts.iter().filter(|t| t.starts_with("202")).count() < 2 * 60,
            "period labels are thinned"
        );
    }

    #[test]
    fn one_panel_one_period_and_zero_rates_render() {
        let periods = strings(&["2021-12"]);
        let series = strings(&[NASTY]);
        let panels = [TimelinePanel {
            title: NASTY,
            points: vec![vec![point(0.0, 0.0, false)]],
        }];
        let svg = render(&periods, &[0], &series, &panels).unwrap();
        assert!(svg.contains("&lt;b&gt;&amp;&quot;x&quot;"));
        let texts = check(&svg);
        assert_texts(&texts, &["2021-12", "0", "1"]);
    }

    #[test]
    fn rejects_invalid_input() {
        let (periods, positions) = weeks(2);
        let series = strings(&["a"]);
        let good = [panel("p", 1, 2)];
        assert!(matches!(
            render(&[], &[], &series, &good),
            Err(ChartError::Empty { .. })
        ));
        assert!(matches!(
            render(&periods, &positions, &series, &[]),
            Err(ChartError::Empty { .. })
        ));
        let err = render(&periods, &[1, 1], &series, &good).unwrap_err();
        assert_eq!(
            err.to_string(),
            "timeline chart has positions 1 then 1, but they must increase"
        );
        let err = render(&periods, &positions, &strings(&["a", "b"]), &good).unwrap_err();
        assert_eq!(
            err.to_string(),
            "timeline chart has 2 series but panel 0 (\"p\") has 1"
        );
        let short = [panel("p", 1, 1)];
        assert!(render(&periods, &positions, &series, &short).is_err());
        let bad = TimelinePoint {
            estimate: 1.0,
            low: 2.0,
            high: 3.0,
            sufficient: true,
        };
        let inverted = [TimelinePanel {
            title: "p",
            points: vec![vec![Some(bad), None]],
        }];
        assert!(render(&periods, &positions, &series, &inverted).is_err());
        let nan = [TimelinePanel {
            title: "p",
            points: vec![vec![point(f64::NAN, 0.0, true), None]],
        }];
        assert!(matches!(
            render(&periods, &positions, &series, &nan),
            Err(ChartError::NotFinite { .. })
        ));
    }
}
