//! Helpers shared by the chart tests: parse a rendered document and check what a
//! reader would see (texts present, inside the image, not overlapping each other).

use super::canvas::Rect;
use super::style::Font;

/// A label that must come through escaped and intact.
pub const NASTY: &str = "<b>&\"x\"";

/// One `<text>` element of a rendered chart.
#[derive(Debug)]
pub struct TextBox {
    /// The text as a reader sees it (unescaped).
    pub text: String,
    /// Its estimated extent in pixels.
    pub rect: Rect,
}

/// Parses `svg`, checks the basics every chart must satisfy and returns its texts:
/// it is well-formed XML, font sizes print plainly, and every text lies inside the
/// image without overlapping another text.
pub fn check(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("chart is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let number = |node: roxmltree::Node, name: &str| -> f64 {
        node.attribute(name)
            .unwrap_or_else(|| panic!("attribute {name} missing"))
            .parse()
            .unwrap_or_else(|_| panic!("attribute {name} is not a number"))
    };
    let image = Rect {
        left: 0,
        top: 0,
        right: number(root, "width") as i32,
        bottom: number(root, "height") as i32,
    };
    let mut boxes = Vec::new();
    for node in doc.descendants().filter(|n| n.tag_name().name() == "text") {
        let size_attr = node.attribute("font-size").expect("font-size");
        assert!(
            size_attr.len() <= 4,
            "font-size {size_attr:?} should print plainly"
        );
        let text = node.text().unwrap_or("").trim().to_owned();
        let font = Font {
            px: number(node, "font-size"),
            bold: node.attribute("font-weight") == Some("bold"),
        };
        let rect = text_box(node, &text, font, number(node, "x"), number(node, "y"));
        assert!(
            image.contains(&rect),
            "text {text:?} at {rect:?} leaves the image {image:?}"
        );
        boxes.push(TextBox { text, rect });
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(
                !overlaps(&a.rect, &b.rect),
                "texts {:?} and {:?} overlap: {:?} {:?}",
                a.text,
                b.text,
                a.rect,
                b.rect
            );
        }
    }
    boxes.into_iter().map(|b| b.text).collect()
}

/// Estimated extent of a text element, from its anchor attributes.
fn text_box(node: roxmltree::Node, text: &str, font: Font, x: f64, y: f64) -> Rect {
    let width = font.width(text);
    let (start, end) = match node.attribute("text-anchor") {
        Some("end") => (-width, 0.0),
        Some("middle") => (-width / 2.0, width / 2.0),
        _ => (0.0, width),
    };
    // Extent across the line, relative to the anchor, for plotters' `dy` values.
    let (above, below) = match node.attribute("dy") {
        Some("0.76em") => (0.0, 1.0),
        Some("-0.5ex") => (-1.0, 0.0),
        _ => (-0.5, 0.5),
    };
    let (above, below) = (above * font.px, below * font.px);
    let rotated = node
        .attribute("transform")
        .is_some_and(|t| t.starts_with("rotate(270"));
    let (left, top, right, bottom) = if rotated {
        (x + above, y - end, x + below, y - start)
    } else {
        (x + start, y + above, x + end, y + below)
    };
    Rect {
        left: left.floor() as i32,
        top: top.floor() as i32,
        right: right.ceil() as i32,
        bottom: bottom.ceil() as i32,
    }
}

/// Overlap by more than a pixel in both directions.
fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.left + 1 < b.right && b.left + 1 < a.right && a.top + 1 < b.bottom && b.top + 1 < a.bottom
}

/// Asserts that every expected text appears as a whole text element.
pub fn assert_texts(texts: &[String], expected: &[&str]) {
    for want in expected {
        assert!(
            texts.iter().any(|t| t == want),
            "text {want:?} missing from {texts:?}"
        );
    }
}

/// Strings from string slices.
pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
#[should_panic(expected = "overlap")]
fn check_detects_overlapping_texts() {
    let svg = r#"<svg width="200" height="100" xmlns="http://www.w3.org/2000/svg">
<text x="10" y="50" dy="0.5ex" text-anchor="start" font-size="12.5">Sicherheitsgarantien</text>
<text x="60" y="52" dy="0.5ex" text-anchor="start" font-size="12.5">Souveränität</text>
</svg>"#;
    check(svg);
}

#[test]
#[should_panic(expected = "leaves the image")]
fn check_detects_clipped_texts() {
    let svg = r#"<svg width="200" height="100" xmlns="http://www.w3.org/2000/svg">
<text x="150" y="50" dy="0.5ex" text-anchor="start" font-size="12.5">Sicherheitsgarantien</text>
</svg>"#;
    check(svg);
}
