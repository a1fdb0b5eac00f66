//! Scatter plots of articles in two dimensions (e.g. the first principal components),
//! coloured by group, with point labels while there are few points.

use super::axis::{NumericAxis, Scale, Ticks};
use super::canvas::{Rect, draw_lines, render};
use super::error::{ChartError, check_finite, invalid};
use super::legend::{Legend, Swatch};
use super::placement::{LABEL_GAP, draw_point_labels};
use super::style::{MARGIN, POINT_FONT, TITLE_FONT, darker, group_style, wrap};

const CHART: &str = "scatter";
/// Above this many points, points are small and unlabelled.
const MAX_LABELLED: usize = 40;

/// One point of a scatter plot.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Horizontal position in data units.
    pub x: f64,
    /// Vertical position in data units.
    pub y: f64,
    /// Text printed next to the point (only when there are at most 40 points).
    pub label: String,
    /// Index into [`Scatter::group_names`]; decides colour and marker.
    pub group: usize,
}

/// A scatter plot with one colour (and, beyond eight groups, marker shape) per group.
#[derive(Debug, Clone, Copy)]
pub struct Scatter<'a> {
    /// Title above the chart.
    pub title: &'a str,
    /// Description of the x axis, e.g. "PC1 (38.2 % of variance)".
    pub x_desc: &'a str,
    /// Description of the y axis.
    pub y_desc: &'a str,
    /// The points, drawn in this order.
    pub points: &'a [Point],
    /// Names of the groups, listed in the legend with their colour.
    pub group_names: &'a [String],
    /// Title of the legend, e.g. "Cluster".
    pub legend_title: &'a str,
}

/// Renders a scatter plot as an SVG document of about 900 × 600 pixels. Up to 40
/// points are drawn large and labelled; more points are drawn small without labels.
/// Axis ranges are padded so that markers and labels stay inside the plot.
pub fn scatter(chart: &Scatter) -> Result<String, ChartError> {
    validate(chart)?;
    let labelled = chart.points.len() <= MAX_LABELLED;
    let radius = if labelled { 6 } else { 3 };
    let legend = Legend {
        title: chart.legend_title,
        entries: (0..chart.group_names.len())
            .map(|g| {
                let (color, marker) = group_style(g);
                (Swatch::Marker(marker, color), chart.group_names[g].as_str())
            })
            .collect(),
    };

    let mut width = 900;
    let title = wrap(chart.title, TITLE_FONT, width - 2 * MARGIN);
    let top = MARGIN + title.len() as i32 * TITLE_FONT.line_px() + 20;
    let probe = NumericAxis::new(chart.x_desc, Ticks::new(0.0, 1.0, 5));
    let plot_h = (600 - MARGIN - top - probe.x_height()).max(360);
    let height = top + plot_h.max(legend.height()) + probe.x_height() + MARGIN;

    let line = POINT_FONT.line_px();
    let label_w: Vec<i32> = chart
        .points
        .iter()
        .map(|p| {
            if labelled {
                POINT_FONT.width_px(&p.label)
            } else {
                0
            }
        })
        .collect();
    let y_pad = f64::from(radius.max(line / 2) + 8).max(0.06 * f64::from(plot_h));
    let (y_lo, y_hi) = padded_range(
        chart.points.iter().map(|p| (p.y, y_pad)),
        y_pad,
        f64::from(plot_h),
    );
    let y_axis = NumericAxis::new(chart.y_desc, Ticks::new(y_lo, y_hi, (plot_h / 70) as usize));
    let left = MARGIN + y_axis.y_width();
    let legend_w = legend.width();
    width = width.max(left + 480 + 32 + legend_w + MARGIN);
    let plot_w = width - left - 32 - legend_w - MARGIN;
    let plot = Rect {
        left,
        top,
        right: left + plot_w,
        bottom: top + plot_h,
    };

    let before = f64::from(radius + 10).max(0.06 * f64::from(plot_w));
    let after = |w: i32| {
        let label = f64::from(radius + LABEL_GAP + w + 8).min(0.6 * f64::from(plot_w));
        label.max(before)
    };
    let (x_lo, x_hi) = padded_range(
        chart
            .points
            .iter()
            .zip(&label_w)
            .map(|(p, w)| (p.x, after(*w))),
        before,
        f64::from(plot_w),
    );
    let x_axis = NumericAxis::new(chart.x_desc, Ticks::new(x_lo, x_hi, (plot_w / 90) as usize));
    let x_scale = Scale::new(x_lo, x_hi, plot.left, plot.right);
    let y_scale = Scale::new(y_lo, y_hi, plot.bottom, plot.top);
    let at: Vec<(i32, i32)> = chart
        .points
        .iter()
        .map(|p| (x_scale.px(p.x), y_scale.px(p.y)))
        .collect();

    render(chart.title, (width as u32, height as u32), |canvas| {
        draw_lines(canvas, &title, TITLE_FONT, width / 2, MARGIN)?;
        x_axis.draw_x_grid(canvas, plot, &x_scale)?;
        y_axis.draw_y_grid(canvas, plot, &y_scale)?;
        for (point, center) in chart.points.iter().zip(&at) {
            let (color, marker) = group_style(point.group);
            if labelled {
                canvas.marker(marker, *center, radius, color, 1.0, Some(darker(color)))?;
            } else {
                canvas.marker(marker, *center, radius, color, 0.85, Some(darker(color)))?;
            }
        }
        if labelled {
            let labels: Vec<&str> = chart.points.iter().map(|p| p.label.as_str()).collect();
            draw_point_labels(canvas, &labels, &at, &label_w, radius, plot)?;
        }
        x_axis.draw_x(canvas, plot, &x_scale)?;
        y_axis.draw_y(canvas, plot, &y_scale)?;
        legend.draw(canvas, plot.right + 32, plot.top)
    })
}

/// A data range for `values` (each with the pixels it needs after it) such that
/// each value has `before` pixels before it and its own space after it within
/// `length` pixels.
fn padded_range(values: impl Iterator<Item = (f64, f64)>, before: f64, length: f64) -> (f64, f64) {
    let values: Vec<(f64, f64)> = values.collect();
    let lo = values.iter().map(|v| v.0).fold(f64::INFINITY, f64::min);
    let hi = values.iter().map(|v| v.0).fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if hi - lo > 1e-12 * hi.abs().max(1.0) {
        (lo, hi)
    } else {
        let half = if hi == 0.0 { 1.0 } else { 0.1 * hi.abs() };
        (lo - half, hi + half)
    };
    let mut span = (hi - lo) / (1.0 - 2.0 * before / length);
    for (value, after) in values {
        span = span.max((value - lo) / (1.0 - (before + after) / length));
    }
    span *= 1.02;
    let start = lo - before / length * span;
    (start, start + span)
}

fn validate(chart: &Scatter) -> Result<(), ChartError> {
    if chart.points.is_empty() {
        return Err(ChartError::Empty {
            chart: CHART,
            what: "points",
        });
    }
    for (i, point) in chart.points.iter().enumerate() {
        check_finite(CHART, || format!("point {i} (x)"), point.x)?;
        check_finite(CHART, || format!("point {i} (y)"), point.y)?;
        if point.group >= chart.group_names.len() {
            let detail = format!(
                "has point {i} in group {} but only {} group names",
                point.group,
                chart.group_names.len()
            );
            return Err(invalid(CHART, detail));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{NASTY, assert_texts, check, strings};
    use super::*;

    fn point(x: f64, y: f64, label: &str, group: usize) -> Point {
        Point {
            x,
            y,
            label: label.to_owned(),
            group,
        }
    }

    fn render(points: &[Point], groups: &[String]) -> Result<String, ChartError> {
        scatter(&Scatter {
            title: "Artikel in den ersten zwei Hauptkomponenten",
            x_desc: "PC1 (38.2 % of variance)",
            y_desc: "PC2 (21.7 % der Varianz)",
            points,
            group_names: groups,
            legend_title: "Gruppe",
        })
    }

    fn five() -> Vec<Point> {
        vec![
            point(-2.1, 0.8, "000 RT DE", 0),
            point(-2.0, 0.85, "001 SNA", 0),
            point(1.9, 0.4, "002 Größe", 1),
            point(2.3, -0.2, NASTY, 1),
            point(0.1, -1.9, "004 Übersee", 2),
        ]
    }

    #[test]
    fn labels_points_and_lists_groups() {
        let groups = strings(&["Cluster 1 (RT DE, SNA)", "Sicherheitsgarantien", "Ölpreise"]);
        let svg = render(&five(), &groups).unwrap();
        assert!(svg.contains("&lt;b&gt;&amp;&quot;x&quot;"));
        let texts = check(&svg);
        assert_texts(
            &texts,
            &[
                "Artikel in den ersten zwei Hauptkomponenten",
                "PC1 (38.2 % of variance)",
            ],
        );
        assert_texts(
            &texts,
            &[
                "PC2 (21.7 % der Varianz)",
                "Gruppe",
                "Sicherheitsgarantien",
                "Ölpreise",
            ],
        );
        assert_texts(
            &texts,
            &["000 RT DE", "001 SNA", "002 Größe", NASTY, "004 Übersee"],
        );
        assert_eq!(Ok(svg), render(&five(), &groups));
    }

    #[test]
    fn many_points_are_small_and_unlabelled() {
        let groups: Vec<String> = (0..9).map(|g| format!("Gruppe {g}")).collect();
        let points: Vec<Point> = (0..1028)
            .map(|i| {
                let t = f64::from(i) * 0.37;
                point(
                    t.sin() * 3.0 + f64::from(i % 9),
                    t.cos() * 2.0,
                    &format!("Punkt {i}"),
                    i as usize % 9,
                )
            })
            .collect();
        let svg = render(&points, &groups).unwrap();
        let texts = check(&svg);
        assert!(!texts.iter().any(|t| t.starts_with("Punkt ")));
        assert_texts(&texts, &["Gruppe 0", "Gruppe 8"]);
        assert!(
            svg.contains("<polygon"),
            "groups beyond eight use another marker shape"
        );
    }

    #[test]
    fn crowded_labels_do_not_overlap() {
        // Eleven points within a few pixels of each other and three far away.
        let points: Vec<Point> = (0..14)
            .map(|i| {
                let t = f64::from(i);
                let (x, y) = if i < 11 {
                    ((t * 1.7).sin() * 0.15, (t * 2.3).cos() * 0.15)
                } else {
                    (3.0 + t.sin(), t.cos())
                };
                let name = ["RT DE", "SNA", "Tagesschau", "Süddeutsche"][i as usize % 4];
                point(x, y, &format!("{i:03} {name}"), i as usize % 3)
            })
            .collect();
        let texts = check(&render(&points, &strings(&["a", "b", "c"])).unwrap());
        assert_texts(&texts, &["000 RT DE", "010 Tagesschau", "013 SNA"]);
    }

    #[test]
    fn identical_extreme_and_odd_points_still_render() {
        let points = vec![point(1.0, 1.0, "a", 0), point(1.0, 1.0, "b\u{7}c", 0)];
        let texts = check(&render(&points, &strings(&["g"])).unwrap());
        assert_texts(&texts, &["b\u{FFFD}c"]);
        let extreme = vec![
            point(-f64::MAX, 0.0, "a", 0),
            point(f64::MAX, 1e-300, "b", 0),
        ];
        roxmltree::Document::parse(&render(&extreme, &strings(&["g"])).unwrap()).unwrap();
    }

    #[test]
    fn rejects_invalid_input() {
        let groups = strings(&["g"]);
        assert!(matches!(
            render(&[], &groups),
            Err(ChartError::Empty { .. })
        ));
        let err = render(&[point(0.0, 0.0, "a", 1)], &groups).unwrap_err();
        assert_eq!(
            err.to_string(),
            "scatter has point 0 in group 1 but only 1 group names"
        );
        let nan = render(&[point(0.0, f64::NAN, "a", 0)], &groups);
        assert!(matches!(nan, Err(ChartError::NotFinite { .. })));
        let inf = render(&[point(f64::INFINITY, 0.0, "a", 0)], &groups);
        assert!(matches!(inf, Err(ChartError::NotFinite { .. })));
    }
}
