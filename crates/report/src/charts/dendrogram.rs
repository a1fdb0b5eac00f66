//! Dendrograms of a hierarchical clustering given as a scipy-style linkage
//! (which articles merge at which distance).

use super::axis::{CategoryAxis, NumericAxis, Scale, Ticks, draw_x_desc};
use super::canvas::{Rect, draw_lines, render};
use super::error::{ChartError, check_finite, invalid};
use super::style::{DESC_FONT, DESC_GAP, INK, MARGIN, TITLE_FONT, wrap};

const CHART: &str = "dendrogram";

/// One step of an agglomerative clustering, numbered as in scipy's linkage matrix:
/// leaves are nodes `0..n`, and merge `i` creates node `n + i`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Merge {
    /// Node drawn on the left of the link.
    pub left: usize,
    /// Node drawn on the right of the link.
    pub right: usize,
    /// Height of the link: the distance at which the two nodes merge.
    pub distance: f64,
}

/// A dendrogram: leaves along the x axis, merge distances on the y axis.
#[derive(Debug, Clone, Copy)]
pub struct DendrogramChart<'a> {
    /// Title above the chart.
    pub title: &'a str,
    /// Description of the y axis, e.g. "Cosine distance".
    pub y_desc: &'a str,
    /// Description of the x axis, e.g. "Article".
    pub x_desc: &'a str,
    /// One label per leaf, indexed by leaf number.
    pub leaf_labels: &'a [String],
    /// The `leaf_labels.len() - 1` merges in the order they happened.
    pub merges: &'a [Merge],
}

/// Renders a dendrogram as an SVG document. Leaves are ordered as scipy's
/// `dendrogram` orders them (from the last merge down, left child before right
/// child), links are U-shaped at the merge distance, and the y axis starts at 0.
pub fn dendrogram(chart: &DendrogramChart) -> Result<String, ChartError> {
    validate(chart)?;
    let n = chart.leaf_labels.len();
    let order = leaf_order(n, chart.merges);
    let ordered: Vec<String> = order
        .iter()
        .map(|&leaf| chart.leaf_labels[leaf].clone())
        .collect();

    let slot = (600 / n as i32).clamp(28, 130);
    let x_axis = CategoryAxis::new(&ordered, slot);
    let max_distance = chart.merges.iter().map(|m| m.distance).fold(0.0, f64::max);
    let y_axis = NumericAxis::new(chart.y_desc, Ticks::covering(0.0, max_distance * 1.04, 5));

    let plot_w = n as i32 * slot;
    let x_desc_w = DESC_FONT.width_px(chart.x_desc);
    let content_w =
        (y_axis.y_width() + plot_w + 12).max(y_axis.y_width() + plot_w / 2 + x_desc_w / 2);
    let width = (content_w + 2 * MARGIN)
        .max(560)
        .max((TITLE_FONT.width_px(chart.title) + 2 * MARGIN).min(900));
    // Centre the content when the title made the image wider.
    let left = (width - content_w) / 2 + y_axis.y_width();
    let title = wrap(chart.title, TITLE_FONT, width - 2 * MARGIN);
    let top = MARGIN + title.len() as i32 * TITLE_FONT.line_px() + 20;
    let plot_h = 400.max(y_axis.desc_length());
    let plot = Rect {
        left,
        top,
        right: left + plot_w,
        bottom: top + plot_h,
    };
    let height = plot.bottom + x_axis.height() + DESC_GAP + DESC_FONT.line_px() + MARGIN;

    // Pixel position and height of every node, leaves first.
    let mut x: Vec<i32> = vec![0; 2 * n - 1];
    for (position, &leaf) in order.iter().enumerate() {
        x[leaf] = plot.left + position as i32 * slot + slot / 2;
    }
    let mut heights = vec![0.0; 2 * n - 1];
    for (i, merge) in chart.merges.iter().enumerate() {
        x[n + i] = (x[merge.left] + x[merge.right]) / 2;
        heights[n + i] = merge.distance;
    }
    let scale = Scale::new(0.0, y_axis.ticks().hi(), plot.bottom, plot.top);

    render(chart.title, (width as u32, height as u32), |canvas| {
        draw_lines(canvas, &title, TITLE_FONT, width / 2, MARGIN)?;
        y_axis.draw_y_grid(canvas, plot, &scale)?;
        for merge in chart.merges {
            let y = scale.px(merge.distance);
            let link = [
                (x[merge.left], scale.px(heights[merge.left])),
                (x[merge.left], y),
                (x[merge.right], y),
                (x[merge.right], scale.px(heights[merge.right])),
            ];
            canvas.line(&link, INK, 2)?;
        }
        y_axis.draw_y(canvas, plot, &scale)?;
        let centers: Vec<i32> = order.iter().map(|&leaf| x[leaf]).collect();
        x_axis.draw(canvas, &centers, plot.bottom)?;
        draw_x_desc(
            canvas,
            chart.x_desc,
            plot.center_x(),
            plot.bottom + x_axis.height() + DESC_GAP,
        )
    })
}

/// Leaves in drawing order: depth first from the root, left child before right.
fn leaf_order(n: usize, merges: &[Merge]) -> Vec<usize> {
    let mut order = Vec::with_capacity(n);
    let mut stack = vec![n + merges.len() - 1];
    while let Some(node) = stack.pop() {
        if node < n {
            order.push(node);
        } else {
            let merge = merges[node - n];
            stack.push(merge.right);
            stack.push(merge.left);
        }
    }
    order
}

fn validate(chart: &DendrogramChart) -> Result<(), ChartError> {
    let n = chart.leaf_labels.len();
    if n == 0 {
        return Err(ChartError::Empty {
            chart: CHART,
            what: "leaves",
        });
    }
    if n == 1 {
        return Err(invalid(CHART, "has 1 leaf but needs at least 2".to_owned()));
    }
    if chart.merges.len() != n - 1 {
        let detail = format!(
            "has {n} leaves but {} merges instead of {}",
            chart.merges.len(),
            n - 1
        );
        return Err(invalid(CHART, detail));
    }
    let mut used = vec![false; 2 * n - 1];
    for (i, merge) in chart.merges.iter().enumerate() {
        check_finite(CHART, || format!("merge {i} (distance)"), merge.distance)?;
        if merge.distance < 0.0 {
            return Err(invalid(
                CHART,
                format!("has merge {i} at negative distance {}", merge.distance),
            ));
        }
        for node in [merge.left, merge.right] {
            if node >= n + i {
                let detail =
                    format!("has merge {i} joining node {node}, which does not exist before it");
                return Err(invalid(CHART, detail));
            }
            if used[node] {
                return Err(invalid(
                    CHART,
                    format!("has node {node} merged twice (again in merge {i})"),
                ));
            }
            used[node] = true;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{NASTY, assert_texts, check, strings};
    use super::*;

    const MERGES: [Merge; 4] = [
        Merge {
            left: 2,
            right: 3,
            distance: 0.49,
        },
        Merge {
            left: 0,
            right: 1,
            distance: 0.58,
        },
        Merge {
            left: 4,
            right: 6,
            distance: 0.71,
        },
        Merge {
            left: 5,
            right: 7,
            distance: 0.93,
        },
    ];

    fn render(labels: &[String], merges: &[Merge]) -> Result<String, ChartError> {
        dendrogram(&DendrogramChart {
            title: "Clustering der Artikel",
            y_desc: "Kosinus-Abstand",
            x_desc: "Artikel",
            leaf_labels: labels,
            merges,
        })
    }

    fn labels() -> Vec<String> {
        strings(&[
            "000 RT DE",
            "001 SNA",
            "002 Größe",
            "003 unknown",
            "004 Übersee",
        ])
    }

    #[test]
    fn orders_leaves_like_scipy() {
        assert_eq!(leaf_order(5, &MERGES), vec![2, 3, 4, 0, 1]);
        let texts = check(&render(&labels(), &MERGES).unwrap());
        let leaves: Vec<&String> = texts.iter().filter(|t| t.starts_with("00")).collect();
        assert_eq!(
            leaves,
            [
                "002 Größe",
                "003 unknown",
                "004 Übersee",
                "000 RT DE",
                "001 SNA"
            ]
        );
        assert_texts(
            &texts,
            &[
                "Clustering der Artikel",
                "Kosinus-Abstand",
                "Artikel",
                "0.0",
                "1.0",
            ],
        );
    }

    #[test]
    fn long_labels_are_turned_and_fit() {
        let labels: Vec<String> = (0..12)
            .map(|i| format!("{i:03} Süddeutsche Zeitung"))
            .collect();
        let merges: Vec<Merge> = (0..11)
            .map(|i| Merge {
                left: if i == 0 { 0 } else { 11 + i },
                right: i + 1,
                distance: 0.1 * i as f64,
            })
            .collect();
        let svg = render(&labels, &merges).unwrap();
        assert!(svg.contains("rotate(270"));
        check(&svg);
    }

    #[test]
    fn escapes_and_is_deterministic() {
        let labels = strings(&[NASTY, "b"]);
        let merges = [Merge {
            left: 0,
            right: 1,
            distance: 0.0,
        }];
        let svg = render(&labels, &merges).unwrap();
        assert!(svg.contains("&lt;b&gt;&amp;&quot;x&quot;"));
        assert_texts(&check(&svg), &[NASTY]);
        assert_eq!(Ok(svg), render(&labels, &merges));
    }

    #[test]
    fn rejects_invalid_input() {
        let labels = labels();
        assert!(matches!(render(&[], &[]), Err(ChartError::Empty { .. })));
        assert!(matches!(
            render(&labels[..1], &[]),
            Err(ChartError::Invalid { .. })
        ));
        assert!(matches!(
            render(&labels, &MERGES[..3]),
            Err(ChartError::Invalid { .. })
        ));
        let mut merges = MERGES;
        merges[0].right = 6;
        let err = render(&labels, &merges).unwrap_err();
        assert_eq!(
            err.to_string(),
            "dendrogram has merge 0 joining node 6, which does not exist before it"
        );
        let mut merges = MERGES;
        merges[1].left = 2;
        assert!(matches!(
            render(&labels, &merges),
            Err(ChartError::Invalid { .. })
        ));
        let mut merges = MERGES;
        merges[2].distance = f64::NAN;
        assert!(matches!(
            render(&labels, &merges),
            Err(ChartError::NotFinite { .. })
        ));
        merges[2].distance = -0.1;
        assert!(matches!(
            render(&labels, &merges),
            Err(ChartError::Invalid { .. })
        ));
    }
}
