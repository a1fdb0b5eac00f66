//! Properties of what the report writes from untrusted strings (article titles,
//! outlet names, lexicon labels): every SVG chart stays well-formed XML with the
//! label intact, and an escaped Markdown cell reads back as the plain input.

use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::charts::{
    Bars, ColorScale, DendrogramChart, DivergingBars, Heatmap, Interval, IntervalChart,
    IntervalSeries, Merge, Point, Scatter, Stack, StackedBars, bars, dendrogram, diverging_bars,
    heatmap, intervals, scatter, stacked_bars,
};
use crate::markdown::table::escape;

/// Markup, entities, quotes, umlauts, white space, XML-forbidden and odd
/// characters: what breaks naive escaping.
const PIECES: &[&str] = &[
    "<script>alert(1)</script>",
    "<b>",
    "</svg>",
    "&",
    "&amp;",
    "&lt;",
    "&#60;",
    "&#x3c;",
    "&nbsp;",
    "]]>",
    "<![CDATA[",
    "<!--",
    "-->",
    "\"",
    "'",
    "ä",
    "ö",
    "ü",
    "ß",
    "Ä",
    "Größe",
    "RT DE",
    "„Zitat“",
    "»",
    " ",
    "  ",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\u{feff}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{202e}",
    "😀",
    "*",
    "_",
    "`",
    "|",
    "\\",
    "[x](y)",
    "#",
    "~",
    "-",
    "!",
];

/// Strings made of `PIECES` and now and then any character.
fn label() -> BoxedStrategy<String> {
    let piece = prop_oneof![
        6 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..8)
        .prop_map(|pieces| pieces.concat())
        .boxed()
}

/// Every string a chart shows, drawn from one label strategy.
#[derive(Debug, Clone)]
struct ChartText {
    title: String,
    legend_title: String,
    /// Axis descriptions and legend entries.
    descs: Vec<String>,
    /// Rows, columns, categories, leaves or points: 2 to 5.
    items: Vec<String>,
    /// Series, groups, stacks or heatmap rows: 1 to 3.
    series: Vec<String>,
    /// Cell and value texts, one per item and series.
    cells: Vec<String>,
}

fn chart_text(label: BoxedStrategy<String>) -> impl Strategy<Value = ChartText> {
    let list = |n: std::ops::Range<usize>| prop::collection::vec(label.clone(), n);
    (
        label.clone(),
        label.clone(),
        list(4..5),
        list(2..6),
        list(1..4),
        list(15..16),
    )
        .prop_map(
            |(title, legend_title, descs, items, series, cells)| ChartText {
                title,
                legend_title,
                descs,
                items,
                series,
                cells,
            },
        )
}

/// What an XML reader gets back for a label drawn verbatim: the chart puts
/// U+FFFD for characters XML 1.0 cannot carry.
fn as_read(label: &str) -> String {
    let replaced: String = label
        .chars()
        .map(|c| {
            if (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || matches!(c, '\u{FFFE}' | '\u{FFFF}')
            {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    replaced
}

fn fold_line_ends(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The texts of a chart that must parse as SVG, with no element its input
/// could have smuggled in.
fn texts_of(svg: &str) -> Result<Vec<String>, TestCaseError> {
    let doc = roxmltree::Document::parse(svg)
        .map_err(|e| TestCaseError::fail(format!("chart is not well-formed XML: {e}")))?;
    prop_assert_eq!(doc.root_element().tag_name().name(), "svg");
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        prop_assert!(
            matches!(
                name,
                "svg" | "rect" | "text" | "line" | "polyline" | "polygon" | "circle" | "path"
            ),
            "unexpected element <{}>",
            name
        );
    }
    Ok(doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| fold_line_ends(n.text().unwrap_or("")))
        .collect())
}

/// Every label drawn verbatim is one whole text element (plotters writes the
/// text between two line breaks). Line ends are compared folded: XML readers
/// fold `\r\n` (and may fold `\r`) to `\n`.
fn assert_verbatim(texts: &[String], wanted: &[&str]) -> Result<(), TestCaseError> {
    for label in wanted {
        let expected = fold_line_ends(&format!("\n{}\n", as_read(label)));
        prop_assert!(
            texts.contains(&expected),
            "label {:?} missing: expected text {:?} among {:?}",
            label,
            expected,
            texts
        );
    }
    Ok(())
}

/// A wrapped text (titles) keeps every word, though lines may break between.
fn assert_wrapped(texts: &[String], wanted: &str) -> Result<(), TestCaseError> {
    for word in wanted.split_whitespace() {
        let expected = as_read(word);
        prop_assert!(
            texts.iter().any(|t| t.contains(&expected)),
            "word {:?} of {:?} missing from {:?}",
            word,
            wanted,
            texts
        );
    }
    Ok(())
}

fn strs(items: &[String]) -> Vec<&str> {
    items.iter().map(String::as_str).collect()
}

/// The text of the one body cell of a one-column table holding `cell`, or a
/// failure if the cell turned into anything but plain text.
fn cell_text(cell: &str) -> Result<String, TestCaseError> {
    let table = format!("| h |\n| --- |\n| {cell} |\n");
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut in_body = false;
    let mut cells = 0;
    let mut text = String::new();
    for event in Parser::new_ext(&table, options) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                return Err(TestCaseError::fail(format!(
                    "raw HTML {html:?} in {table:?}"
                )));
            }
            Event::End(TagEnd::TableHead) => in_body = true,
            Event::Start(Tag::TableCell) if in_body => cells += 1,
            Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell) => {}
            Event::End(_) => {}
            Event::Text(t) if in_body => text.push_str(&t),
            Event::Text(_) => {}
            other => {
                return Err(TestCaseError::fail(format!("{other:?} in {table:?}")));
            }
        }
    }
    prop_assert_eq!(cells, 1, "cell split or lost in {:?}", table);
    Ok(text)
}

/// The cell text a reader should see: line breaks and tabs become spaces
/// (`escape` folds them) and the table trims Markdown white space (space,
/// vertical tab, form feed) off the cell's ends.
fn expected_cell(input: &str) -> String {
    input
        .replace(['\n', '\r', '\t'], " ")
        .trim_matches([' ', '\u{b}', '\u{c}'])
        .to_owned()
}

fn check_bars(t: &ChartText) -> Result<(), TestCaseError> {
    let values: Vec<f64> = (0..t.items.len()).map(|i| i as f64 - 1.5).collect();
    let svg = bars(&Bars {
        title: &t.title,
        x_desc: &t.descs[0],
        y_desc: &t.descs[1],
        categories: &t.items,
        values: &values,
        highlight: Some(0),
        highlight_legend: Some(t.descs[2].as_str()),
        value_labels: true,
    })
    .expect("valid bar chart");
    let texts = texts_of(&svg)?;
    assert_verbatim(&texts, &strs(&t.items))?;
    assert_verbatim(&texts, &strs(&t.descs[..3]))?;
    assert_wrapped(&texts, &t.title)
}

fn check_dendrogram(t: &ChartText) -> Result<(), TestCaseError> {
    // A chain: each merge joins the newest node with the next leaf.
    let n = t.items.len();
    let merges: Vec<Merge> = (0..n - 1)
        .map(|i| Merge {
            left: if i == 0 { 0 } else { n + i - 1 },
            right: i + 1,
            distance: 0.1 * (i + 1) as f64,
        })
        .collect();
    let svg = dendrogram(&DendrogramChart {
        title: &t.title,
        y_desc: &t.descs[0],
        x_desc: &t.descs[1],
        leaf_labels: &t.items,
        merges: &merges,
    })
    .expect("valid dendrogram");
    let texts = texts_of(&svg)?;
    assert_verbatim(&texts, &strs(&t.items))?;
    assert_verbatim(&texts, &strs(&t.descs[..2]))?;
    assert_wrapped(&texts, &t.title)
}

fn check_diverging(t: &ChartText) -> Result<(), TestCaseError> {
    let values: Vec<f64> = (0..t.items.len()).map(|i| i as f64 - 2.5).collect();
    let value_text = &t.cells[..t.items.len()];
    let svg = diverging_bars(&DivergingBars {
        title: &t.title,
        x_desc: &t.descs[0],
        y_desc: &t.descs[1],
        labels: &t.items,
        values: &values,
        value_text: Some(value_text),
        positive_legend: &t.descs[2],
        negative_legend: &t.descs[3],
    })
    .expect("valid diverging bars");
    let texts = texts_of(&svg)?;
    assert_verbatim(&texts, &strs(&t.items))?;
    assert_verbatim(&texts, &strs(value_text))?;
    assert_verbatim(&texts, &strs(&t.descs))?;
    assert_wrapped(&texts, &t.title)
}

fn check_heatmap(t: &ChartText) -> Result<(), TestCaseError> {
    let (rows, cols) = (t.series.len(), t.items.len());
    let values: Vec<Vec<f64>> = (0..rows)
        .map(|r| {
            (0..cols)
                .map(|c| ((r * cols + c) % 5) as f64 / 4.0)
                .collect()
        })
        .collect();
    let cell_text: Vec<Vec<String>> = (0..rows)
        .map(|r| t.cells[r * cols..(r + 1) * cols].to_vec())
        .collect();
    let svg = heatmap(&Heatmap {
        title: &t.title,
        x_desc: &t.descs[0],
        y_desc: &t.descs[1],
        x_labels: &t.items,
        y_labels: &t.series,
        values: &values,
        cell_text: Some(&cell_text),
        scale: ColorScale {
            min: 0.0,
            max: 1.0,
            legend_title: &t.legend_title,
        },
    })
    .expect("valid heatmap");
    let texts = texts_of(&svg)?;
    assert_verbatim(&texts, &strs(&t.items))?;
    assert_verbatim(&texts, &strs(&t.series))?;
    assert_verbatim(&texts, &strs(&t.cells[..rows * cols]))?;
    assert_verbatim(&texts, &strs(&t.descs[..2]))?;
    assert_wrapped(&texts, &t.title)?;
    assert_wrapped(&texts, &t.legend_title)
}

/// The legend title is drawn only when there is one.
fn check_legend_title(texts: &[String], title: &str) -> Result<(), TestCaseError> {
    if title.is_empty() {
        return Ok(());
    }
    assert_verbatim(texts, &[title])
}

fn check_intervals(t: &ChartText) -> Result<(), TestCaseError> {
    let points: Vec<Vec<Option<Interval>>> = (0..t.series.len())
        .map(|j| {
            (0..t.items.len())
                .map(|i| {
                    let e = ((i + j) % 4) as f64 / 4.0;
                    Some(Interval {
                        estimate: e,
                        low: e - 0.1,
                        high: e + 0.1,
                    })
                })
                .collect()
        })
        .collect();
    let series: Vec<IntervalSeries> = (t.series.iter().zip(&points))
        .map(|(name, points)| IntervalSeries { name, points })
        .collect();
    let svg = intervals(&IntervalChart {
        title: &t.title,
        x_desc: &t.descs[0],
        y_desc: &t.descs[1],
        categories: &t.items,
        series: &series,
        legend_title: &t.legend_title,
    })
    .expect("valid interval chart");
    let texts = texts_of(&svg)?;
    assert_verbatim(&texts, &strs(&t.items))?;
    assert_verbatim(&texts, &strs(&t.series))?;
    assert_verbatim(&texts, &strs(&t.descs[..2]))?;
    check_legend_title(&texts, &t.legend_title)?;
    assert_wrapped(&texts, &t.title)
}

fn check_scatter(t: &ChartText) -> Result<(), TestCaseError> {
    let points: Vec<Point> = (t.items.iter().enumerate())
        .map(|(i, label)| Point {
            x: (i % 3) as f64 - 1.0,
            y: (i % 4) as f64 * 0.5,
            label: label.clone(),
            group: i % t.series.len(),
        })
        .collect();
    let svg = scatter(&Scatter {
        title: &t.title,
        x_desc: &t.descs[0],
        y_desc: &t.descs[1],
        points: &points,
        group_names: &t.series,
        legend_title: &t.legend_title,
    })
    .expect("valid scatter plot");
    let texts = texts_of(&svg)?;
    assert_verbatim(&texts, &strs(&t.items))?;
    assert_verbatim(&texts, &strs(&t.series))?;
    assert_verbatim(&texts, &strs(&t.descs[..2]))?;
    check_legend_title(&texts, &t.legend_title)?;
    assert_wrapped(&texts, &t.title)
}

fn check_stacked(t: &ChartText) -> Result<(), TestCaseError> {
    let values: Vec<Vec<f64>> = (0..t.series.len())
        .map(|k| {
            (0..t.items.len())
                .map(|i| ((i + k) % 3) as f64 + 0.5)
                .collect()
        })
        .collect();
    let stacks: Vec<Stack> = (t.series.iter().zip(&values))
        .map(|(name, values)| Stack { name, values })
        .collect();
    let svg = stacked_bars(&StackedBars {
        title: &t.title,
        x_desc: &t.descs[0],
        y_desc: &t.descs[1],
        categories: &t.items,
        stacks: &stacks,
        legend_title: &t.legend_title,
        show_totals: true,
    })
    .expect("valid stacked bars");
    let texts = texts_of(&svg)?;
    assert_verbatim(&texts, &strs(&t.items))?;
    assert_verbatim(&texts, &strs(&t.series))?;
    assert_verbatim(&texts, &strs(&t.descs[..2]))?;
    check_legend_title(&texts, &t.legend_title)?;
    assert_wrapped(&texts, &t.title)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn bar_chart_labels_survive(t in chart_text(label())) {
        check_bars(&t)?;
    }

    #[test]
    fn dendrogram_labels_survive(t in chart_text(label())) {
        check_dendrogram(&t)?;
    }

    #[test]
    fn diverging_bar_labels_survive(t in chart_text(label())) {
        check_diverging(&t)?;
    }

    #[test]
    fn heatmap_labels_survive(t in chart_text(label())) {
        check_heatmap(&t)?;
    }

    #[test]
    fn interval_chart_labels_survive(t in chart_text(label())) {
        check_intervals(&t)?;
    }

    #[test]
    fn scatter_labels_survive(t in chart_text(label())) {
        check_scatter(&t)?;
    }

    /// Each chart once failed on a label "\u{fffe}" (or "\u{ffff}").
    #[test]
    fn stacked_bar_labels_survive(t in chart_text(label())) {
        check_stacked(&t)?;
    }

    /// Once failed on "&amp;" (read back as "&"): entity references must
    /// stay text.
    #[test]
    fn escaped_markdown_cell_reads_as_its_input(input in label()) {
        let text = cell_text(&escape(&input))?;
        prop_assert_eq!(text, expected_cell(&input));
    }
}
