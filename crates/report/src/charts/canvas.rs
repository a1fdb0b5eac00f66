//! A pixel-coordinate drawing surface over plotters' SVG backend that turns backend
//! failures into [`ChartError`] and returns the finished document as a `String`.

use std::borrow::Cow;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::error::ChartError;
use super::style::{Font, INK, Marker, WHITE_BG};

/// A rectangle in pixels; `right` and `bottom` are exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rect {
    /// First column inside.
    pub left: i32,
    /// First row inside.
    pub top: i32,
    /// First column outside, right of the rectangle.
    pub right: i32,
    /// First row outside, below the rectangle.
    pub bottom: i32,
}

impl Rect {
    /// The middle column.
    pub fn center_x(&self) -> i32 {
        (self.left + self.right) / 2
    }

    /// The middle row.
    pub fn center_y(&self) -> i32 {
        (self.top + self.bottom) / 2
    }

    /// True when `other` lies completely inside `self`.
    pub fn contains(&self, other: &Rect) -> bool {
        other.left >= self.left
            && other.right <= self.right
            && other.top >= self.top
            && other.bottom <= self.bottom
    }
}

/// Which point of a text its position refers to, and whether the text is turned a
/// quarter counter-clockwise (read from bottom to top).
#[derive(Clone, Copy)] // plotters' HPos and VPos implement neither Debug nor PartialEq.
pub(super) struct Anchor {
    h: HPos,
    v: VPos,
    up: bool,
}

impl Anchor {
    const fn flat(h: HPos, v: VPos) -> Self {
        Self { h, v, up: false }
    }

    /// The position is the top centre of the text.
    pub const TOP_CENTER: Self = Self::flat(HPos::Center, VPos::Top);
    /// The position is the top left corner of the text.
    pub const TOP_LEFT: Self = Self::flat(HPos::Left, VPos::Top);
    /// The position is the bottom centre of the text.
    pub const BOTTOM_CENTER: Self = Self::flat(HPos::Center, VPos::Bottom);
    /// The position is the middle of the text's left edge.
    pub const LEFT: Self = Self::flat(HPos::Left, VPos::Center);
    /// The position is the middle of the text's right edge.
    pub const RIGHT: Self = Self::flat(HPos::Right, VPos::Center);
    /// The position is the centre of the text.
    pub const CENTER: Self = Self::flat(HPos::Center, VPos::Center);
    /// Turned text centred on the position.
    pub const UP_CENTER: Self = Self {
        h: HPos::Center,
        v: VPos::Center,
        up: true,
    };
    /// Turned text that ends at the position and runs down from it.
    pub const UP_END: Self = Self {
        h: HPos::Right,
        v: VPos::Center,
        up: true,
    };
}

/// Characters XML 1.0 forbids: control characters other than tab, line
/// feed and carriage return, and the noncharacters U+FFFE and U+FFFF.
fn is_forbidden_in_xml(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// The drawing surface of one chart.
pub(super) struct Canvas<'a, 't> {
    area: DrawingArea<SVGBackend<'a>, Shift>,
    title: &'t str,
}

/// Renders one chart of `size` pixels: fills the background white, lets `draw` paint
/// and returns the SVG document.
pub(super) fn render(
    title: &str,
    size: (u32, u32),
    draw: impl FnOnce(&Canvas) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        let canvas = Canvas {
            area: SVGBackend::with_string(&mut svg, size).into_drawing_area(),
            title,
        };
        canvas.area.fill(&WHITE_BG).map_err(|e| canvas.error(e))?;
        draw(&canvas)?;
        canvas.area.present().map_err(|e| canvas.error(e))?;
    }
    Ok(svg)
}

impl Canvas<'_, '_> {
    fn error(&self, error: impl std::fmt::Display) -> ChartError {
        ChartError::Draw {
            title: self.title.to_owned(),
            message: error.to_string(),
        }
    }

    /// Writes `text` at `at`, placed as `anchor` says.
    pub fn text(
        &self,
        text: &str,
        at: (i32, i32),
        font: Font,
        color: RGBColor,
        anchor: Anchor,
    ) -> Result<(), ChartError> {
        let mut style = font.style().color(&color).pos(Pos::new(anchor.h, anchor.v));
        if anchor.up {
            style = style.transform(FontTransform::Rotate270);
        }
        // XML 1.0 cannot carry most control characters, even escaped; plotters
        // escapes markup but passes them through.
        let text: Cow<str> = if text.chars().any(is_forbidden_in_xml) {
            text.chars()
                .map(|c| {
                    if is_forbidden_in_xml(c) {
                        '\u{FFFD}'
                    } else {
                        c
                    }
                })
                .collect()
        } else {
            Cow::Borrowed(text)
        };
        self.area
            .draw_text(&text, &style, at)
            .map_err(|e| self.error(e))
    }

    /// Fills a rectangle.
    pub fn fill_rect(&self, rect: Rect, color: RGBColor) -> Result<(), ChartError> {
        let style = ShapeStyle::from(color).filled();
        self.area
            .draw(&Rectangle::new(
                [(rect.left, rect.top), (rect.right, rect.bottom)],
                style,
            ))
            .map_err(|e| self.error(e))
    }

    /// Draws the outline of a rectangle with a 1 pixel line.
    pub fn stroke_rect(&self, rect: Rect, color: RGBColor) -> Result<(), ChartError> {
        self.area
            .draw(&Rectangle::new(
                [(rect.left, rect.top), (rect.right, rect.bottom)],
                ShapeStyle::from(color),
            ))
            .map_err(|e| self.error(e))
    }

    /// Fills a polygon with `color` at `opacity` (a translucent band lets
    /// the lines and bands beneath it show through).
    pub fn fill_polygon(
        &self,
        points: &[(i32, i32)],
        color: RGBColor,
        opacity: f64,
    ) -> Result<(), ChartError> {
        let style = ShapeStyle::from(color.mix(opacity)).filled();
        self.area
            .draw(&Polygon::new(points.to_vec(), style))
            .map_err(|e| self.error(e))
    }

    /// Draws an open polyline.
    pub fn line(
        &self,
        points: &[(i32, i32)],
        color: RGBColor,
        width: u32,
    ) -> Result<(), ChartError> {
        let style = ShapeStyle::from(color).stroke_width(width);
        self.area
            .draw(&PathElement::new(points.to_vec(), style))
            .map_err(|e| self.error(e))
    }

    /// Draws a scatter marker of the given shape centred on `at`, with `radius`
    /// roughly half its width, filled with `fill` at `opacity` and optionally outlined.
    pub fn marker(
        &self,
        shape: Marker,
        at: (i32, i32),
        radius: i32,
        fill: RGBColor,
        opacity: f64,
        outline: Option<RGBColor>,
    ) -> Result<(), ChartError> {
        let fill_style = ShapeStyle::from(fill.mix(opacity)).filled();
        let (x, y) = at;
        let r = radius;
        let polygon: Vec<(i32, i32)> = match shape {
            Marker::Circle => {
                self.area
                    .draw(&Circle::new(at, r, fill_style))
                    .map_err(|e| self.error(e))?;
                if let Some(color) = outline {
                    self.area
                        .draw(&Circle::new(at, r, ShapeStyle::from(color)))
                        .map_err(|e| self.error(e))?;
                }
                return Ok(());
            }
            Marker::Square => {
                let s = r * 9 / 10;
                vec![
                    (x - s, y - s),
                    (x + s, y - s),
                    (x + s, y + s),
                    (x - s, y + s),
                ]
            }
            Marker::Triangle => {
                let s = r * 6 / 5;
                vec![(x, y - s), (x + s, y + s * 3 / 4), (x - s, y + s * 3 / 4)]
            }
            Marker::Diamond => {
                let s = r * 6 / 5;
                vec![(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
            }
        };
        self.area
            .draw(&Polygon::new(polygon.clone(), fill_style))
            .map_err(|e| self.error(e))?;
        if let Some(color) = outline {
            let mut closed = polygon;
            closed.push(closed[0]);
            self.line(&closed, color, 1)?;
        }
        Ok(())
    }
}

/// Draws wrapped lines of `font` starting at `top`, centred on `center_x`; returns
/// the y below the last line. (Here, not in `style`, so that `style` needs no canvas.)
pub(super) fn draw_lines(
    canvas: &Canvas,
    lines: &[String],
    font: Font,
    center_x: i32,
    top: i32,
) -> Result<i32, ChartError> {
    let mut y = top;
    for line in lines {
        canvas.text(line, (center_x, y), font, INK, Anchor::TOP_CENTER)?;
        y += font.line_px();
    }
    Ok(y)
}
