//! Heatmaps of a labelled matrix (article similarities, frame rates per article)
//! with optional text in each cell and a viridis colour bar.

use super::axis::{CategoryAxis, draw_x_desc};
use super::canvas::{Anchor, Rect, draw_lines, render};
use super::error::{ChartError, check_finite, invalid};
use super::legend::ColorBar;
use super::style::{
    CELL_FONT, ColorScale, DESC_FONT, DESC_GAP, INK, LABEL_FONT, MARGIN, TITLE_FONT, text_color_on,
    wrap,
};

const CHART: &str = "heatmap";

/// A matrix drawn as coloured cells: rows top to bottom, columns left to right.
#[derive(Debug, Clone, Copy)]
pub struct Heatmap<'a> {
    /// Title above the chart.
    pub title: &'a str,
    /// Description of the x axis (the columns), e.g. "Article".
    pub x_desc: &'a str,
    /// Description of the y axis (the rows), e.g. "Frame".
    pub y_desc: &'a str,
    /// One label per column, printed under the columns.
    pub x_labels: &'a [String],
    /// One label per row, printed left of the rows.
    pub y_labels: &'a [String],
    /// `values[row][col]`; each row belongs to the y label of the same index.
    pub values: &'a [Vec<f64>],
    /// Text printed in each cell (e.g. "0.42" or "3 · 9.1"), same shape as `values`;
    /// `None` prints nothing.
    pub cell_text: Option<&'a [Vec<String>]>,
    /// Maps values to colours; values outside `min..=max` get the end colours.
    pub scale: ColorScale<'a>,
}

/// Renders a heatmap as an SVG document. The image grows with the number of rows
/// and columns (about 900 × 600 pixels for 5 × 5).
pub fn heatmap(chart: &Heatmap) -> Result<String, ChartError> {
    validate(chart)?;
    let n_rows = chart.values.len() as i32;
    let n_cols = chart.x_labels.len() as i32;

    let widest_text = chart
        .cell_text
        .into_iter()
        .flatten()
        .flatten()
        .map(|t| CELL_FONT.width_px(t))
        .max()
        .unwrap_or(0);
    let cell_w = (560 / n_cols).clamp(56, 110).max(widest_text + 14);
    let cell_h = (440 / n_rows).clamp(34, 80).max(CELL_FONT.line_px() + 10);
    let x_axis = CategoryAxis::new(chart.x_labels, cell_w);
    let widest_y = chart
        .y_labels
        .iter()
        .map(|l| LABEL_FONT.width_px(l))
        .max()
        .unwrap_or(0);
    let color_bar = ColorBar::new(&chart.scale);

    let plot_w = n_cols * cell_w;
    let plot_h = n_rows * cell_h;
    let y_axis_w = DESC_FONT.line_px() + DESC_GAP + widest_y + 10;
    let x_desc_w = DESC_FONT.width_px(chart.x_desc);
    let content_w =
        (y_axis_w + plot_w + 36 + color_bar.width()).max(y_axis_w + plot_w / 2 + x_desc_w / 2);
    let width = (content_w + 2 * MARGIN)
        .max(560)
        .max((TITLE_FONT.width_px(chart.title) + 2 * MARGIN).min(900));
    // Centre the content when the title made the image wider.
    let y_desc_x = (width - content_w) / 2 + DESC_FONT.line_px() / 2;
    let left = (width - content_w) / 2 + y_axis_w;
    let legend_left = left + plot_w + 36;
    let title = wrap(chart.title, TITLE_FONT, width - 2 * MARGIN);
    let top = MARGIN + title.len() as i32 * TITLE_FONT.line_px() + 20;
    let y_desc_h = DESC_FONT.width_px(chart.y_desc);
    let plot = Rect {
        left,
        top: top + ((y_desc_h - plot_h) / 2).max(0),
        right: left + plot_w,
        bottom: top + ((y_desc_h - plot_h) / 2).max(0) + plot_h,
    };
    let bar_h = (plot_h - color_bar.title_height()).clamp(120, 320);
    let content_bottom = (plot.bottom + x_axis.height() + DESC_GAP + DESC_FONT.line_px())
        .max(top + color_bar.height(bar_h))
        .max(top + y_desc_h);
    let height = content_bottom + MARGIN;

    render(chart.title, (width as u32, height as u32), |canvas| {
        draw_lines(canvas, &title, TITLE_FONT, width / 2, MARGIN)?;
        for (r, row) in chart.values.iter().enumerate() {
            let y = plot.top + r as i32 * cell_h;
            for (c, value) in row.iter().enumerate() {
                let x = plot.left + c as i32 * cell_w;
                let color = chart.scale.color(*value);
                let cell = Rect {
                    left: x,
                    top: y,
                    right: x + cell_w - 1,
                    bottom: y + cell_h - 1,
                };
                canvas.fill_rect(cell, color)?;
                if let Some(text) = chart.cell_text {
                    let at = (x + (cell_w - 1) / 2, y + (cell_h - 1) / 2);
                    let ink = text_color_on(color);
                    canvas.text(&text[r][c], at, CELL_FONT, ink, Anchor::CENTER)?;
                }
            }
            let at = (plot.left - 10, y + (cell_h - 1) / 2);
            canvas.text(&chart.y_labels[r], at, LABEL_FONT, INK, Anchor::RIGHT)?;
        }
        let centers: Vec<i32> = (0..n_cols)
            .map(|c| plot.left + c * cell_w + (cell_w - 1) / 2)
            .collect();
        x_axis.draw(canvas, &centers, plot.bottom)?;
        draw_x_desc(
            canvas,
            chart.x_desc,
            plot.center_x(),
            plot.bottom + x_axis.height() + DESC_GAP,
        )?;
        let y_desc_at = (y_desc_x, plot.center_y());
        canvas.text(chart.y_desc, y_desc_at, DESC_FONT, INK, Anchor::UP_CENTER)?;
        color_bar.draw(canvas, legend_left, top, bar_h, &chart.scale)
    })
}

fn validate(chart: &Heatmap) -> Result<(), ChartError> {
    if chart.values.is_empty() {
        return Err(ChartError::Empty {
            chart: CHART,
            what: "rows",
        });
    }
    if chart.x_labels.is_empty() {
        return Err(ChartError::Empty {
            chart: CHART,
            what: "columns",
        });
    }
    if chart.y_labels.len() != chart.values.len() {
        let detail = format!(
            "has {} y labels but {} rows",
            chart.y_labels.len(),
            chart.values.len()
        );
        return Err(invalid(CHART, detail));
    }
    for (r, row) in chart.values.iter().enumerate() {
        if row.len() != chart.x_labels.len() {
            let detail = format!(
                "has {} x labels but row {r} has length {}",
                chart.x_labels.len(),
                row.len()
            );
            return Err(invalid(CHART, detail));
        }
        for (c, value) in row.iter().enumerate() {
            check_finite(CHART, || format!("row {r}, column {c}"), *value)?;
        }
    }
    if let Some(text) = chart.cell_text {
        let same_shape = text.len() == chart.values.len()
            && text.iter().all(|row| row.len() == chart.x_labels.len());
        if !same_shape {
            let detail = format!(
                "has {} × {} values but cell text of another shape",
                chart.values.len(),
                chart.x_labels.len()
            );
            return Err(invalid(CHART, detail));
        }
    }
    chart.scale.validate(CHART)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{NASTY, assert_texts, check, strings};
    use super::*;

    fn render(
        x: &[String],
        y: &[String],
        values: &[Vec<f64>],
        text: Option<&[Vec<String>]>,
    ) -> Result<String, ChartError> {
        heatmap(&Heatmap {
            title: "Ähnlichkeit der Artikel",
            x_desc: "Artikel (Spalte)",
            y_desc: "Größe",
            x_labels: x,
            y_labels: y,
            values,
            cell_text: text,
            scale: ColorScale {
                min: 0.0,
                max: 1.0,
                legend_title: "Kosinus-Ähnlichkeit",
            },
        })
    }

    fn grid(rows: usize, cols: usize) -> (Vec<Vec<f64>>, Vec<Vec<String>>) {
        let values: Vec<Vec<f64>> = (0..rows)
            .map(|r| {
                (0..cols)
                    .map(|c| ((r * cols + c) % 11) as f64 / 10.0)
                    .collect()
            })
            .collect();
        let text = values
            .iter()
            .map(|row| row.iter().map(|v| format!("{v:.2}")).collect())
            .collect();
        (values, text)
    }

    #[test]
    fn shows_title_descriptions_labels_cells_and_colour_bar() {
        let x = strings(&["000 RT DE", "001 SNA", "002 unknown", "003 Größe"]);
        let y = strings(&[
            "Sicherheitsgarantien",
            "Souveränität",
            "Sovereignty and the right to choose",
        ]);
        let (values, text) = grid(3, 4);
        let svg = render(&x, &y, &values, Some(&text)).unwrap();
        let texts = check(&svg);
        assert_texts(
            &texts,
            &[
                "Ähnlichkeit der Artikel",
                "Artikel (Spalte)",
                "Größe",
                "Kosinus-Ähnlichkeit",
            ],
        );
        assert_texts(
            &texts,
            &[
                "000 RT DE",
                "003 Größe",
                "Souveränität",
                "Sovereignty and the right to choose",
            ],
        );
        assert_texts(&texts, &["0.00", "0.50", "0.0", "1.0"]);
    }

    #[test]
    fn ten_by_ten_with_long_labels_fits() {
        let names: Vec<String> = (0..10)
            .map(|i| format!("Sicherheitsgarantien für Staat {i}"))
            .collect();
        let (values, text) = grid(10, 10);
        check(&render(&names, &names, &values, Some(&text)).unwrap());
    }

    #[test]
    fn escapes_markup_in_labels() {
        let x = strings(&[NASTY, "b"]);
        let y = strings(&["a"]);
        let svg = render(&x, &y, &[vec![0.2, 0.8]], None).unwrap();
        assert!(svg.contains("&lt;b&gt;&amp;&quot;x&quot;"));
        assert_texts(&check(&svg), &[NASTY]);
    }

    #[test]
    fn same_input_gives_identical_output() {
        let x = strings(&["a", "b", "c"]);
        let (values, text) = grid(3, 3);
        assert_eq!(
            render(&x, &x, &values, Some(&text)),
            render(&x, &x, &values, Some(&text))
        );
    }

    #[test]
    fn rejects_invalid_input() {
        let x = strings(&["a", "b", "c"]);
        let y = strings(&["r"]);
        let err = render(&x, &y, &[vec![0.1; 4]], None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "heatmap has 3 x labels but row 0 has length 4"
        );
        assert!(matches!(
            render(&x, &[], &[], None),
            Err(ChartError::Empty { .. })
        ));
        assert!(matches!(
            render(&[], &y, &[vec![]], None),
            Err(ChartError::Empty { .. })
        ));
        assert!(matches!(
            render(&x, &x, &[vec![0.1; 3]], None),
            Err(ChartError::Invalid { .. })
        ));
        let nan = render(&x, &y, &[vec![0.1, f64::NAN, 0.3]], None);
        assert!(matches!(nan, Err(ChartError::NotFinite { .. })));
        let short_text = vec![strings(&["1", "2"])];
        let bad_text = render(&x, &y, &[vec![0.1; 3]], Some(&short_text));
        assert!(matches!(bad_text, Err(ChartError::Invalid { .. })));
        let mut chart = Heatmap {
            title: "t",
            x_desc: "x",
            y_desc: "y",
            x_labels: &x,
            y_labels: &y,
            values: &[vec![0.1; 3]],
            cell_text: None,
            scale: ColorScale {
                min: 1.0,
                max: 1.0,
                legend_title: "s",
            },
        };
        assert!(matches!(heatmap(&chart), Err(ChartError::Invalid { .. })));
        chart.scale.max = f64::NAN;
        assert!(matches!(heatmap(&chart), Err(ChartError::Invalid { .. })));
        chart.scale = ColorScale {
            min: -f64::MAX,
            max: f64::MAX,
            legend_title: "s",
        };
        roxmltree::Document::parse(&heatmap(&chart).unwrap()).unwrap();
    }
}
