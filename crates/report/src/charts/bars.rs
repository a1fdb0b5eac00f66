//! Vertical bar charts of one value per category (e.g. silhouette score by k), with
//! one bar optionally highlighted in an accent colour.

use super::axis::{
    CategoryAxis, NumericAxis, Scale, Ticks, draw_x_desc, format_fixed, value_decimals,
};
use super::canvas::{Anchor, Rect, draw_lines, render};
use super::error::{ChartError, check_finite, invalid};
use super::legend::{Legend, Swatch};
use super::style::{
    ACCENT, AXIS_INK, BAR, DESC_FONT, DESC_GAP, INK, LABEL_FONT, MARGIN, TITLE_FONT, wrap,
};

const CHART: &str = "bar chart";

/// A vertical bar chart.
#[derive(Debug, Clone, Copy)]
pub struct Bars<'a> {
    /// Title above the chart.
    pub title: &'a str,
    /// Description of the x axis (the categories), e.g. "Number of clusters k".
    pub x_desc: &'a str,
    /// Description of the y axis (the values), e.g. "Silhouette score".
    pub y_desc: &'a str,
    /// One label per bar, printed under it.
    pub categories: &'a [String],
    /// One value per bar; may be negative.
    pub values: &'a [f64],
    /// Index of a bar to draw in the accent colour.
    pub highlight: Option<usize>,
    /// Legend text for the accent colour, e.g. "chosen k"; required with `highlight`.
    pub highlight_legend: Option<&'a str>,
    /// Whether to print each value at the end of its bar.
    pub value_labels: bool,
}

/// Renders a bar chart as an SVG document of about 900 × 600 pixels. The y axis
/// always includes 0 and the smallest value, so negative bars hang below 0.
pub fn bars(chart: &Bars) -> Result<String, ChartError> {
    validate(chart)?;
    let n = chart.values.len() as i32;
    let min = chart.values.iter().copied().fold(0.0, f64::min);
    let max = chart.values.iter().copied().fold(0.0, f64::max);
    let span = if max - min > 0.0 { max - min } else { 1.0 };
    let room = if chart.value_labels { 0.08 } else { 0.04 };
    let lo = if min < 0.0 { min - room * span } else { 0.0 };
    let hi = if max > 0.0 || min == 0.0 {
        max + room * span
    } else {
        0.0
    };
    let legend = match (chart.highlight, chart.highlight_legend) {
        (Some(_), Some(text)) => Some(Legend {
            title: "",
            entries: vec![(Swatch::Block(ACCENT), text)],
        }),
        _ => None,
    };
    let legend_w = legend.as_ref().map_or(0, |l| 32 + l.width());

    let mut width = 900;
    let title = wrap(chart.title, TITLE_FONT, width - 2 * MARGIN);
    let top = MARGIN + title.len() as i32 * TITLE_FONT.line_px() + 20;
    let plot_h = 400;
    let y_axis = NumericAxis::new(chart.y_desc, Ticks::covering(lo, hi, 6));
    let plot_h = plot_h.max(y_axis.desc_length());
    let left = MARGIN + y_axis.y_width();
    let plot_w = (width - left - legend_w - MARGIN).max(n * 44);
    width = left + plot_w + legend_w + MARGIN;
    let slot = plot_w / n;
    let x_axis = CategoryAxis::new(chart.categories, slot);
    let plot = Rect {
        left,
        top,
        right: left + plot_w,
        bottom: top + plot_h,
    };
    let height = plot.bottom + x_axis.height() + DESC_GAP + DESC_FONT.line_px() + MARGIN;
    let scale = Scale::new(
        y_axis.ticks().lo(),
        y_axis.ticks().hi(),
        plot.bottom,
        plot.top,
    );
    let bar_w = (slot * 3 / 5).min(90);
    let centers: Vec<i32> = (0..n).map(|i| plot.left + i * slot + slot / 2).collect();
    let decimals = value_decimals(chart.values);

    render(chart.title, (width as u32, height as u32), |canvas| {
        draw_lines(canvas, &title, TITLE_FONT, width / 2, MARGIN)?;
        y_axis.draw_y_grid(canvas, plot, &scale)?;
        let zero = scale.px(0.0);
        for (i, value) in chart.values.iter().enumerate() {
            let end = scale.px(*value);
            let x = centers[i] - bar_w / 2;
            let rect = Rect {
                left: x,
                top: zero.min(end),
                right: x + bar_w,
                bottom: zero.max(end),
            };
            let color = if chart.highlight == Some(i) {
                ACCENT
            } else {
                BAR
            };
            canvas.fill_rect(rect, color)?;
            if chart.value_labels {
                let text = format_fixed(*value, decimals);
                let (at, anchor) = if *value < 0.0 {
                    ((centers[i], end + 4), Anchor::TOP_CENTER)
                } else {
                    ((centers[i], end - 4), Anchor::BOTTOM_CENTER)
                };
                canvas.text(&text, at, LABEL_FONT, INK, anchor)?;
            }
        }
        canvas.line(&[(plot.left, zero), (plot.right, zero)], AXIS_INK, 1)?;
        y_axis.draw_y(canvas, plot, &scale)?;
        x_axis.draw(canvas, &centers, plot.bottom)?;
        draw_x_desc(
            canvas,
            chart.x_desc,
            plot.center_x(),
            plot.bottom + x_axis.height() + DESC_GAP,
        )?;
        match &legend {
            Some(legend) => legend.draw(canvas, plot.right + 32, plot.top),
            None => Ok(()),
        }
    })
}

fn validate(chart: &Bars) -> Result<(), ChartError> {
    if chart.values.is_empty() {
        return Err(ChartError::Empty {
            chart: CHART,
            what: "bars",
        });
    }
    if chart.categories.len() != chart.values.len() {
        let detail = format!(
            "has {} categories but {} values",
            chart.categories.len(),
            chart.values.len()
        );
        return Err(invalid(CHART, detail));
    }
    for (i, value) in chart.values.iter().enumerate() {
        check_finite(CHART, || format!("bar {i}"), *value)?;
    }
    if let Some(i) = chart.highlight {
        if i >= chart.values.len() {
            let detail = format!(
                "highlights bar {i} but has only {} bars",
                chart.values.len()
            );
            return Err(invalid(CHART, detail));
        }
        if chart.highlight_legend.is_none() {
            return Err(invalid(
                CHART,
                "highlights a bar but has no highlight legend".to_owned(),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{NASTY, assert_texts, check, strings};
    use super::*;

    fn render(
        categories: &[String],
        values: &[f64],
        highlight: Option<usize>,
    ) -> Result<String, ChartError> {
        bars(&Bars {
            title: "Silhouettenwert nach Clusterzahl",
            x_desc: "Anzahl der Cluster k",
            y_desc: "Mittlerer Silhouettenwert",
            categories,
            values,
            highlight,
            highlight_legend: Some("gewähltes k"),
            value_labels: true,
        })
    }

    #[test]
    fn shows_negative_values_highlight_and_labels() {
        let k = strings(&["k = 2", "k = 3", "k = 4 (Größe)"]);
        let svg = render(&k, &[0.05, 0.08, -0.01], Some(1)).unwrap();
        assert!(
            svg.contains("#D55E00"),
            "highlighted bar uses the accent colour"
        );
        let texts = check(&svg);
        assert_texts(
            &texts,
            &["Silhouettenwert nach Clusterzahl", "Anzahl der Cluster k"],
        );
        assert_texts(
            &texts,
            &["Mittlerer Silhouettenwert", "gewähltes k", "k = 4 (Größe)"],
        );
        assert_texts(&texts, &["0.05", "0.08", "-0.01", "0.00"]);
        let lowest = texts
            .iter()
            .filter_map(|t| t.parse::<f64>().ok())
            .fold(0.0, f64::min);
        assert!(
            lowest < -0.01,
            "the y axis reaches below the smallest value"
        );
    }

    #[test]
    fn many_long_categories_fit() {
        let k: Vec<String> = (0..20)
            .map(|i| format!("Sicherheitsgarantien {i}"))
            .collect();
        let values: Vec<f64> = (0..20).map(|i| f64::from(i) - 8.5).collect();
        check(&render(&k, &values, None).unwrap());
    }

    #[test]
    fn escapes_and_is_deterministic() {
        let k = strings(&[NASTY, "b"]);
        let svg = render(&k, &[1.0, 2.0], None).unwrap();
        assert!(svg.contains("&lt;b&gt;&amp;&quot;x&quot;"));
        assert_texts(&check(&svg), &[NASTY]);
        assert_eq!(Ok(svg), render(&k, &[1.0, 2.0], None));
        check(&render(&k, &[0.0, 0.0], None).unwrap());
        let extreme = render(&k, &[f64::MAX, -f64::MAX], None).unwrap();
        roxmltree::Document::parse(&extreme).unwrap();
    }

    #[test]
    fn rejects_invalid_input() {
        let k = strings(&["a", "b"]);
        assert!(matches!(
            render(&[], &[], None),
            Err(ChartError::Empty { .. })
        ));
        let err = render(&k, &[1.0], None).unwrap_err();
        assert_eq!(err.to_string(), "bar chart has 2 categories but 1 values");
        assert!(matches!(
            render(&k, &[1.0, f64::NAN], None),
            Err(ChartError::NotFinite { .. })
        ));
        assert!(matches!(
            render(&k, &[1.0, 2.0], Some(2)),
            Err(ChartError::Invalid { .. })
        ));
        let no_legend = bars(&Bars {
            title: "t",
            x_desc: "x",
            y_desc: "y",
            categories: &k,
            values: &[1.0, 2.0],
            highlight: Some(0),
            highlight_legend: None,
            value_labels: false,
        });
        assert!(matches!(no_legend, Err(ChartError::Invalid { .. })));
    }
}
