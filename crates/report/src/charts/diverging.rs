//! Horizontal diverging bars of one signed value per term, for keyness ("which
//! words set this outlet apart"): positive bars go right of a zero line, negative
//! ones left, each in its own colour.

use super::canvas::{Anchor, Rect};
use super::error::{ChartError, check_finite, invalid};
use super::legend::{Legend, Swatch};
use super::rows::{RowFrame, RowSpec};
use super::style::{INK, LABEL_FONT, OKABE_ITO};
use plotters::style::RGBColor;

const CHART: &str = "diverging bar chart";
/// Colour of bars with a positive value (vermillion).
const POSITIVE: RGBColor = OKABE_ITO[3];
/// Colour of bars with a negative value (blue).
const NEGATIVE: RGBColor = OKABE_ITO[0];
/// Space between a bar's end and its value text.
const TEXT_GAP: i32 = 5;

/// Horizontal bars that diverge from 0: one row per term, top to bottom.
#[derive(Debug, Clone, Copy)]
pub struct DivergingBars<'a> {
    /// Title above the chart.
    pub title: &'a str,
    /// Description of the value axis below the bars, e.g. "Signed chi-square".
    pub x_desc: &'a str,
    /// Description of the rows, e.g. "Term".
    pub y_desc: &'a str,
    /// One label per row, printed left of the plot, e.g. "Sicherheitsgarantien".
    pub labels: &'a [String],
    /// One signed value per row (e.g. signed chi-square or log ratio): positive bars
    /// go right of the zero line, negative bars left.
    pub values: &'a [f64],
    /// Text printed beyond the end of each bar, e.g. "12.4"; `None` prints none.
    pub value_text: Option<&'a [String]>,
    /// Legend text for the colour of positive bars, e.g. "more frequent in RT DE".
    pub positive_legend: &'a str,
    /// Legend text for the colour of negative bars, e.g. "less frequent in RT DE".
    pub negative_legend: &'a str,
}

/// Renders diverging bars as an SVG document about 900 pixels wide; it grows in
/// height with the rows (about 30 rows fit comfortably). The value axis always
/// includes 0 and is fitted to the data: all-positive values get no room left of 0.
pub fn diverging_bars(chart: &DivergingBars) -> Result<String, ChartError> {
    validate(chart)?;
    let n = chart.values.len();
    let row_h = (480 / n as i32).clamp(22, 40);
    let text_w = |i: usize| chart.value_text.map_or(0, |t| LABEL_FONT.width_px(&t[i]));
    let extents: Vec<(f64, i32)> = (0..n)
        .map(|i| (chart.values[i], TEXT_GAP + text_w(i) + 2))
        .collect();
    let legend = Legend {
        title: "",
        entries: vec![
            (Swatch::Block(POSITIVE), chart.positive_legend),
            (Swatch::Block(NEGATIVE), chart.negative_legend),
        ],
    };
    let spec = RowSpec {
        title: chart.title,
        x_desc: chart.x_desc,
        y_desc: chart.y_desc,
        labels: chart.labels,
        row_h,
        bands: false,
        data_over_zero: false,
        legend,
    };
    let frame = RowFrame::new(spec, &extents);
    let bar_h = row_h * 7 / 10;

    frame.render(|canvas| {
        let zero = frame.scale.px(0.0);
        for (i, value) in chart.values.iter().enumerate() {
            let end = frame.scale.px(*value);
            let top = frame.row_top(i) + (row_h - bar_h) / 2;
            let rect = Rect {
                left: zero.min(end),
                top,
                right: zero.max(end),
                bottom: top + bar_h,
            };
            let color = if *value < 0.0 { NEGATIVE } else { POSITIVE };
            canvas.fill_rect(rect, color)?;
            if let Some(text) = chart.value_text {
                let y = top + bar_h / 2;
                let (at, anchor) = if *value < 0.0 {
                    ((end - TEXT_GAP, y), Anchor::RIGHT)
                } else {
                    ((end + TEXT_GAP, y), Anchor::LEFT)
                };
                canvas.text(&text[i], at, LABEL_FONT, INK, anchor)?;
            }
        }
        Ok(())
    })
}

fn validate(chart: &DivergingBars) -> Result<(), ChartError> {
    if chart.values.is_empty() {
        return Err(ChartError::Empty {
            chart: CHART,
            what: "bars",
        });
    }
    if chart.labels.len() != chart.values.len() {
        let detail = format!(
            "has {} labels but {} values",
            chart.labels.len(),
            chart.values.len()
        );
        return Err(invalid(CHART, detail));
    }
    let texts = chart.value_text.map_or(chart.values.len(), <[String]>::len);
    if texts != chart.values.len() {
        let detail = format!("has {} values but {texts} value texts", chart.values.len());
        return Err(invalid(CHART, detail));
    }
    for (i, value) in chart.values.iter().enumerate() {
        check_finite(CHART, || format!("bar {i}"), *value)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{NASTY, assert_texts, check, strings};
    use super::*;

    fn render(
        labels: &[String],
        values: &[f64],
        text: Option<&[String]>,
    ) -> Result<String, ChartError> {
        diverging_bars(&DivergingBars {
            title: "Schlüsselwörter von RT DE",
            x_desc: "Signiertes Chi-Quadrat",
            y_desc: "Wort (Größe)",
            labels,
            values,
            value_text: text,
            positive_legend: "häufiger in RT DE",
            negative_legend: "seltener in RT DE",
        })
    }

    fn texts_of(values: &[f64]) -> Vec<String> {
        values.iter().map(|v| format!("{v:.1}")).collect()
    }

    #[test]
    fn shows_title_descriptions_labels_values_and_legend() {
        let labels = strings(&["Sicherheitsgarantien", "Kremlsprecher", "Völkerrecht"]);
        let values = [12.4, 3.0, -7.25];
        let text = texts_of(&values);
        let svg = render(&labels, &values, Some(&text)).unwrap();
        assert!(svg.contains("#D55E00") && svg.contains("#0072B2"));
        let texts = check(&svg);
        assert_texts(
            &texts,
            &["Schlüsselwörter von RT DE", "Signiertes Chi-Quadrat"],
        );
        assert_texts(&texts, &["Wort (Größe)", "häufiger in RT DE"]);
        assert_texts(
            &texts,
            &["seltener in RT DE", "Völkerrecht", "Kremlsprecher"],
        );
        assert_texts(&texts, &["12.4", "3.0", "-7.2", "0"]);
    }

    #[test]
    fn thirty_rows_of_one_sign_fit() {
        let labels: Vec<String> = (0..30)
            .map(|i| format!("Sicherheitsgarantien {i}"))
            .collect();
        let positive: Vec<f64> = (0..30).map(|i| 40.0 - f64::from(i) * 1.3).collect();
        let texts = check(&render(&labels, &positive, Some(&texts_of(&positive))).unwrap());
        assert!(!texts.iter().any(|t| t.starts_with('-')), "no room below 0");
        let negative: Vec<f64> = positive.iter().map(|v| -v).collect();
        let texts = check(&render(&labels, &negative, Some(&texts_of(&negative))).unwrap());
        assert_texts(&texts, &["-40.0", "0"]);
        check(&render(&labels[..1], &[0.0], None).unwrap());
    }

    #[test]
    fn escapes_and_is_deterministic() {
        let labels = strings(&[NASTY, "b"]);
        let text = strings(&["<1>", "2"]);
        let svg = render(&labels, &[1.0, -2.0], Some(&text)).unwrap();
        assert!(svg.contains("&lt;b&gt;&amp;&quot;x&quot;"));
        assert_texts(&check(&svg), &[NASTY, "<1>"]);
        assert_eq!(Ok(svg), render(&labels, &[1.0, -2.0], Some(&text)));
        let extreme = render(&labels, &[f64::MAX, -f64::MAX], None).unwrap();
        roxmltree::Document::parse(&extreme).unwrap();
    }

    #[test]
    fn rejects_invalid_input() {
        let labels = strings(&["a", "b"]);
        assert!(matches!(
            render(&[], &[], None),
            Err(ChartError::Empty { .. })
        ));
        let err = render(&labels, &[1.0], None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "diverging bar chart has 2 labels but 1 values"
        );
        let short = strings(&["1"]);
        let err = render(&labels, &[1.0, 2.0], Some(&short)).unwrap_err();
        assert!(matches!(err, ChartError::Invalid { .. }));
        assert!(matches!(
            render(&labels, &[1.0, f64::NEG_INFINITY], None),
            Err(ChartError::NotFinite { .. })
        ));
    }
}
