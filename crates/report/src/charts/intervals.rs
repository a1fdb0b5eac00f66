//! Point estimates with intervals (e.g. frame prevalence per outlet with bootstrap
//! 95 % confidence intervals): categories as rows, one dot and whisker per series
//! in each row, series told apart by colour.

use super::canvas::Canvas;
use super::error::{ChartError, check_finite, invalid};
use super::legend::{Legend, Swatch};
use super::rows::{RowFrame, RowSpec};
use super::style::{darker, group_style, line_color};

const CHART: &str = "interval chart";
/// Radius of the dot at an estimate.
const RADIUS: i32 = 4;
/// Half the height of the caps at the ends of a whisker: taller than the dot, so a
/// whisker narrower than the dot still shows.
const CAP: i32 = RADIUS + 2;
/// Empty space at the top and bottom of each category row.
const ROW_PAD: i32 = 6;

/// A point estimate with an interval around it, e.g. a bootstrap 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The point estimate, drawn as a dot; `low <= estimate <= high`.
    pub estimate: f64,
    /// Lower end of the interval.
    pub low: f64,
    /// Upper end of the interval.
    pub high: f64,
}

/// One series of intervals (e.g. one outlet), drawn in one colour.
#[derive(Debug, Clone, Copy)]
pub struct IntervalSeries<'a> {
    /// Name of the series, listed in the legend, e.g. "RT DE".
    pub name: &'a str,
    /// One entry per category; `None` draws nothing in that row.
    pub points: &'a [Option<Interval>],
}

/// Intervals of several series per category: categories are rows, and the series
/// sit one below the other within each row, in the order given.
#[derive(Debug, Clone, Copy)]
pub struct IntervalChart<'a> {
    /// Title above the chart.
    pub title: &'a str,
    /// Description of the value axis below the plot, e.g. "Share of paragraphs".
    pub x_desc: &'a str,
    /// Description of the rows, e.g. "Frame".
    pub y_desc: &'a str,
    /// One label per row, e.g. "Threat and aggression".
    pub categories: &'a [String],
    /// The series; up to about nine stay easy to tell apart (beyond eight the
    /// marker shape changes too).
    pub series: &'a [IntervalSeries<'a>],
    /// Title of the legend, e.g. "Outlet".
    pub legend_title: &'a str,
}

/// Renders an interval chart as an SVG document about 900 pixels wide that grows
/// in height with categories × series (8 × 5 is about 850 pixels tall). Each
/// interval is a whisker with end caps and a dot at the estimate. The value axis
/// always includes 0, so it starts at 0 when no value is negative.
pub fn intervals(chart: &IntervalChart) -> Result<String, ChartError> {
    validate(chart)?;
    let n_series = chart.series.len() as i32;
    let sub_h = if n_series > 6 { 13 } else { 15 };
    let row_h = (n_series * sub_h + 2 * ROW_PAD).max(30);
    let extents: Vec<(f64, i32)> = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().flatten())
        .flat_map(|p| [(p.low, RADIUS + 2), (p.high, RADIUS + 2)])
        .collect();
    let legend = Legend {
        title: chart.legend_title,
        entries: (chart.series.iter().enumerate())
            .map(|(j, s)| {
                let (color, marker) = group_style(j);
                (Swatch::Marker(marker, color), s.name)
            })
            .collect(),
    };
    let spec = RowSpec {
        title: chart.title,
        x_desc: chart.x_desc,
        y_desc: chart.y_desc,
        labels: chart.categories,
        row_h,
        bands: true,
        data_over_zero: true,
        legend,
    };
    let frame = RowFrame::new(spec, &extents);
    // Centre the block of series within the row.
    let first = (row_h - n_series * sub_h) / 2 + sub_h / 2;

    frame.render(|canvas| {
        for (j, series) in chart.series.iter().enumerate() {
            for (i, point) in series.points.iter().enumerate() {
                if let Some(point) = point {
                    let y = frame.row_top(i) + first + j as i32 * sub_h;
                    draw_interval(canvas, &frame, j, point, y)?;
                }
            }
        }
        Ok(())
    })
}

/// Draws the whisker, caps and dot of one interval of series `j` at pixel row `y`.
fn draw_interval(
    canvas: &Canvas,
    frame: &RowFrame,
    j: usize,
    point: &Interval,
    y: i32,
) -> Result<(), ChartError> {
    let (color, marker) = group_style(j);
    let (low, high) = (frame.scale.px(point.low), frame.scale.px(point.high));
    let whisker = line_color(color);
    canvas.line(&[(low, y), (high, y)], whisker, 2)?;
    for x in [low, high] {
        canvas.line(&[(x, y - CAP), (x, y + CAP)], whisker, 2)?;
    }
    let at = (frame.scale.px(point.estimate), y);
    canvas.marker(marker, at, RADIUS, color, 1.0, Some(darker(color)))
}

fn validate(chart: &IntervalChart) -> Result<(), ChartError> {
    if chart.categories.is_empty() {
        return Err(ChartError::Empty {
            chart: CHART,
            what: "categories",
        });
    }
    if chart.series.is_empty() {
        return Err(ChartError::Empty {
            chart: CHART,
            what: "series",
        });
    }
    for (j, series) in chart.series.iter().enumerate() {
        if series.points.len() != chart.categories.len() {
            let detail = format!(
                "has {} categories but series {j} ({:?}) has {} points",
                chart.categories.len(),
                series.name,
                series.points.len()
            );
            return Err(invalid(CHART, detail));
        }
        for (i, point) in series.points.iter().enumerate() {
            let Some(p) = point else { continue };
            let at = |what: &str| format!("series {j}, category {i} ({what})");
            check_finite(CHART, || at("estimate"), p.estimate)?;
            check_finite(CHART, || at("low"), p.low)?;
            check_finite(CHART, || at("high"), p.high)?;
            if !(p.low <= p.estimate && p.estimate <= p.high) {
                let detail = format!(
                    "has series {j}, category {i} with low {}, estimate {} and high {}, \
                     but needs low <= estimate <= high",
                    p.low, p.estimate, p.high
                );
                return Err(invalid(CHART, detail));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{NASTY, assert_texts, check, strings};
    use super::*;

    fn iv(estimate: f64, low: f64, high: f64) -> Option<Interval> {
        Some(Interval {
            estimate,
            low,
            high,
        })
    }

    fn render(categories: &[String], series: &[IntervalSeries]) -> Result<String, ChartError> {
        intervals(&IntervalChart {
            title: "Anteil der Absätze mit Rahmen (95-%-Intervalle)",
            x_desc: "Anteil der Absätze",
            y_desc: "Rahmen",
            categories,
            series,
            legend_title: "Quelle (Größe)",
        })
    }

    /// `n` series over `categories.len()` categories, some points missing.
    fn points(n: usize, categories: usize) -> Vec<Vec<Option<Interval>>> {
        (0..n)
            .map(|j| {
                (0..categories)
                    .map(|i| {
                        let e = ((i * 7 + j * 3) % 10) as f64 / 20.0;
                        if (i + j) % 7 == 6 {
                            None
                        } else {
                            iv(e, (e - 0.08).max(0.0), e + 0.05 + 0.01 * j as f64)
                        }
                    })
                    .collect()
            })
            .collect()
    }

    fn series<'a>(
        names: &'a [String],
        points: &'a [Vec<Option<Interval>>],
    ) -> Vec<IntervalSeries<'a>> {
        names
            .iter()
            .zip(points)
            .map(|(name, points)| IntervalSeries { name, points })
            .collect()
    }

    #[test]
    fn shows_title_descriptions_categories_and_legend() {
        let categories = strings(&["Bedrohung und Aggression", "Souveränität", "Größe"]);
        let names = strings(&["RT DE", "SNA", "Süddeutsche"]);
        let points = points(3, 3);
        let svg = render(&categories, &series(&names, &points)).unwrap();
        let texts = check(&svg);
        assert_texts(
            &texts,
            &[
                "Anteil der Absätze mit Rahmen (95-%-Intervalle)",
                "Anteil der Absätze",
            ],
        );
        assert_texts(
            &texts,
            &["Rahmen", "Quelle (Größe)", "Süddeutsche", "RT DE"],
        );
        assert_texts(&texts, &["Souveränität", "Bedrohung und Aggression", "0.0"]);
        assert!(
            !texts.iter().any(|t| t.starts_with('-')),
            "the axis starts at 0"
        );
    }

    #[test]
    fn nine_series_over_eight_long_categories_fit() {
        let categories: Vec<String> = (0..8)
            .map(|i| format!("Sovereignty and the right to choose {i}"))
            .collect();
        let names: Vec<String> = (0..9).map(|j| format!("unknown ({j:03})")).collect();
        let points = points(9, 8);
        let svg = render(&categories, &series(&names, &points)).unwrap();
        assert_texts(&check(&svg), &["unknown (008)"]);
        assert!(
            svg.contains("<polygon"),
            "the ninth series has its own shape"
        );
    }

    #[test]
    fn negative_values_and_missing_points_render() {
        let categories = strings(&["a", "b"]);
        let names = strings(&["x", "y"]);
        let points = vec![vec![iv(-0.2, -0.5, 0.1), None], vec![None, None]];
        let texts = check(&render(&categories, &series(&names, &points)).unwrap());
        assert_texts(&texts, &["-0.5", "0.0"]);
        let empty = vec![vec![None, None]];
        check(&render(&categories, &series(&names[..1], &empty)).unwrap());
    }

    #[test]
    fn escapes_and_is_deterministic() {
        let categories = strings(&[NASTY]);
        let names = strings(&[NASTY]);
        let points = vec![vec![iv(0.3, 0.3, 0.3)]];
        let svg = render(&categories, &series(&names, &points)).unwrap();
        assert!(svg.contains("&lt;b&gt;&amp;&quot;x&quot;"));
        assert_eq!(
            check(&svg).iter().filter(|t| *t == NASTY).count(),
            2,
            "category and legend entry"
        );
        assert_eq!(Ok(svg), render(&categories, &series(&names, &points)));
        let extreme = vec![vec![iv(0.0, -f64::MAX, f64::MAX)]];
        let svg = render(&categories, &series(&names, &extreme)).unwrap();
        roxmltree::Document::parse(&svg).unwrap();
    }

    #[test]
    fn rejects_invalid_input() {
        let categories = strings(&["a", "b"]);
        let names = strings(&["x"]);
        assert!(matches!(render(&[], &[]), Err(ChartError::Empty { .. })));
        assert!(matches!(
            render(&categories, &[]),
            Err(ChartError::Empty { .. })
        ));
        let short = vec![vec![iv(0.1, 0.0, 0.2)]];
        let err = render(&categories, &series(&names, &short)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "interval chart has 2 categories but series 0 (\"x\") has 1 points"
        );
        let bad = [
            iv(f64::NAN, 0.0, 1.0),
            iv(0.5, 0.0, f64::INFINITY),
            iv(0.5, 0.6, 1.0),
            iv(0.5, 0.0, 0.4),
        ];
        for point in bad {
            let points = vec![vec![None, point]];
            let result = render(&categories, &series(&names, &points));
            assert!(result.is_err(), "{point:?}");
        }
    }
}
