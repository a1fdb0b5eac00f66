//! Horizontal stacked bars: one bar per category split into parts (e.g. frame hits
//! per outlet split by voice: own voice, direct quote, reported speech).

use super::axis::{format_fixed, value_decimals};
use super::canvas::{Anchor, Rect};
use super::error::{ChartError, check_finite, invalid};
use super::legend::{Legend, Swatch};
use super::rows::{RowFrame, RowSpec};
use super::style::{INK, LABEL_FONT, OKABE_ITO};

const CHART: &str = "stacked bar chart";
/// Space between a bar's end and its total.
const TEXT_GAP: i32 = 5;

/// One part of every bar (e.g. "direct quote"), drawn in one colour.
#[derive(Debug, Clone, Copy)]
pub struct Stack<'a> {
    /// Name of the part, listed in the legend.
    pub name: &'a str,
    /// One value per category, at least 0.
    pub values: &'a [f64],
}

/// Horizontal bars, one per category (row), each made of the stacks' values laid
/// end to end from 0: the first stack on the left.
#[derive(Debug, Clone, Copy)]
pub struct StackedBars<'a> {
    /// Title above the chart.
    pub title: &'a str,
    /// Description of the value axis below the bars, e.g. "Frame hits".
    pub x_desc: &'a str,
    /// Description of the rows, e.g. "Outlet".
    pub y_desc: &'a str,
    /// One label per bar, printed left of the plot, top to bottom.
    pub categories: &'a [String],
    /// The parts of every bar, at most eight (one palette colour each).
    pub stacks: &'a [Stack<'a>],
    /// Title of the legend, e.g. "Voice".
    pub legend_title: &'a str,
    /// Whether to print each bar's total beyond its end.
    pub show_totals: bool,
}

/// Renders stacked bars as an SVG document about 900 pixels wide that grows in
/// height with the categories. The value axis starts at 0. Adjacent parts are
/// separated by a thin white line; parts of value 0 are not drawn.
pub fn stacked_bars(chart: &StackedBars) -> Result<String, ChartError> {
    validate(chart)?;
    let n = chart.categories.len();
    let totals: Vec<f64> = (0..n)
        .map(|i| chart.stacks.iter().map(|s| s.values[i]).sum())
        .collect();
    for (i, total) in totals.iter().enumerate() {
        check_finite(CHART, || format!("total of category {i}"), *total)?;
    }
    let decimals = value_decimals(&totals);
    let total_text: Vec<String> = totals.iter().map(|t| format_fixed(*t, decimals)).collect();
    let row_h = (480 / n as i32).clamp(24, 48);
    let extents: Vec<(f64, i32)> = totals
        .iter()
        .zip(&total_text)
        .map(|(total, text)| {
            let room = if chart.show_totals {
                TEXT_GAP + LABEL_FONT.width_px(text) + 2
            } else {
                0
            };
            (*total, room)
        })
        .collect();
    let legend = Legend {
        title: chart.legend_title,
        entries: (chart.stacks.iter().enumerate())
            .map(|(k, s)| (Swatch::Block(OKABE_ITO[k]), s.name))
            .collect(),
    };
    let spec = RowSpec {
        title: chart.title,
        x_desc: chart.x_desc,
        y_desc: chart.y_desc,
        labels: chart.categories,
        row_h,
        bands: false,
        data_over_zero: false,
        legend,
    };
    let frame = RowFrame::new(spec, &extents);
    let bar_h = row_h * 7 / 10;

    frame.render(|canvas| {
        for i in 0..n {
            let top = frame.row_top(i) + (row_h - bar_h) / 2;
            let mut sum = 0.0;
            let mut drawn = false;
            for (k, stack) in chart.stacks.iter().enumerate() {
                let value = stack.values[i];
                if value <= 0.0 {
                    continue;
                }
                let start = frame.scale.px(sum);
                sum += value;
                // A white pixel between this part and the one before it.
                let left = if drawn { start + 1 } else { start };
                let rect = Rect {
                    left,
                    top,
                    right: frame.scale.px(sum).max(left),
                    bottom: top + bar_h,
                };
                canvas.fill_rect(rect, OKABE_ITO[k])?;
                drawn = true;
            }
            if chart.show_totals {
                let at = (frame.scale.px(totals[i]) + TEXT_GAP, top + bar_h / 2);
                canvas.text(&total_text[i], at, LABEL_FONT, INK, Anchor::LEFT)?;
            }
        }
        Ok(())
    })
}

fn validate(chart: &StackedBars) -> Result<(), ChartError> {
    if chart.categories.is_empty() {
        return Err(ChartError::Empty {
            chart: CHART,
            what: "categories",
        });
    }
    if chart.stacks.is_empty() {
        return Err(ChartError::Empty {
            chart: CHART,
            what: "stacks",
        });
    }
    if chart.stacks.len() > OKABE_ITO.len() {
        let detail = format!(
            "has {} stacks but at most {} can be told apart",
            chart.stacks.len(),
            OKABE_ITO.len()
        );
        return Err(invalid(CHART, detail));
    }
    for (k, stack) in chart.stacks.iter().enumerate() {
        if stack.values.len() != chart.categories.len() {
            let detail = format!(
                "has {} categories but stack {k} ({:?}) has {} values",
                chart.categories.len(),
                stack.name,
                stack.values.len()
            );
            return Err(invalid(CHART, detail));
        }
        for (i, value) in stack.values.iter().enumerate() {
            check_finite(CHART, || format!("stack {k}, category {i}"), *value)?;
            if *value < 0.0 {
                let detail = format!("has negative value {value} in stack {k}, category {i}");
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

    fn render(categories: &[String], stacks: &[Stack]) -> Result<String, ChartError> {
        stacked_bars(&StackedBars {
            title: "Rahmentreffer nach Stimme",
            x_desc: "Treffer (Anzahl)",
            y_desc: "Quelle",
            categories,
            stacks,
            legend_title: "Stimme (Größe)",
            show_totals: true,
        })
    }

    #[test]
    fn shows_title_descriptions_categories_totals_and_legend() {
        let outlets = strings(&["RT DE", "SNA", "Süddeutsche Zeitung"]);
        let stacks = [
            Stack {
                name: "eigene Stimme",
                values: &[12.0, 7.0, 0.0],
            },
            Stack {
                name: "direktes Zitat",
                values: &[3.0, 0.0, 0.0],
            },
            Stack {
                name: "indirekte Rede (Äußerung)",
                values: &[5.0, 2.0, 0.0],
            },
        ];
        let svg = render(&outlets, &stacks).unwrap();
        let texts = check(&svg);
        assert_texts(
            &texts,
            &["Rahmentreffer nach Stimme", "Treffer (Anzahl)", "Quelle"],
        );
        assert_texts(
            &texts,
            &["Stimme (Größe)", "eigene Stimme", "direktes Zitat"],
        );
        assert_texts(
            &texts,
            &["indirekte Rede (Äußerung)", "Süddeutsche Zeitung"],
        );
        assert_texts(&texts, &["20", "9", "0"]);
        assert!(
            !texts.iter().any(|t| t.starts_with('-')),
            "axis starts at 0"
        );
    }

    #[test]
    fn many_categories_and_eight_stacks_fit() {
        let outlets: Vec<String> = (0..25)
            .map(|i| format!("Sicherheitsgarantien {i}"))
            .collect();
        let values: Vec<Vec<f64>> = (0..8)
            .map(|k| {
                (0..25)
                    .map(|i| ((i * 3 + k * 5) % 9) as f64 * 0.25)
                    .collect()
            })
            .collect();
        let names: Vec<String> = (0..8).map(|k| format!("Stimme {k}")).collect();
        let stacks: Vec<Stack> = names
            .iter()
            .zip(&values)
            .map(|(name, values)| Stack { name, values })
            .collect();
        assert_texts(&check(&render(&outlets, &stacks).unwrap()), &["Stimme 7"]);
    }

    #[test]
    fn escapes_and_is_deterministic() {
        let categories = strings(&[NASTY]);
        let stacks = [Stack {
            name: NASTY,
            values: &[1.5],
        }];
        let svg = render(&categories, &stacks).unwrap();
        assert!(svg.contains("&lt;b&gt;&amp;&quot;x&quot;"));
        let texts = check(&svg);
        assert_eq!(texts.iter().filter(|t| *t == NASTY).count(), 2);
        assert_texts(&texts, &["1.5"]);
        assert_eq!(Ok(svg), render(&categories, &stacks));
        let zero = [Stack {
            name: "a",
            values: &[0.0],
        }];
        check(&render(&categories, &zero).unwrap());
    }

    #[test]
    fn rejects_invalid_input() {
        let categories = strings(&["a", "b"]);
        let stack = |values| Stack { name: "s", values };
        assert!(matches!(render(&[], &[]), Err(ChartError::Empty { .. })));
        assert!(matches!(
            render(&categories, &[]),
            Err(ChartError::Empty { .. })
        ));
        let err = render(&categories, &[stack(&[1.0])]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "stacked bar chart has 2 categories but stack 0 (\"s\") has 1 values"
        );
        assert!(matches!(
            render(&categories, &[stack(&[1.0, f64::NAN])]),
            Err(ChartError::NotFinite { .. })
        ));
        assert!(matches!(
            render(&categories, &[stack(&[1.0, -1.0])]),
            Err(ChartError::Invalid { .. })
        ));
        let overflow = [stack(&[f64::MAX, 0.0]), stack(&[f64::MAX, 0.0])];
        assert!(matches!(
            render(&categories, &overflow),
            Err(ChartError::NotFinite { .. })
        ));
        let nine = vec![stack(&[1.0, 1.0]); 9];
        assert!(matches!(
            render(&categories, &nine),
            Err(ChartError::Invalid { .. })
        ));
    }
}
