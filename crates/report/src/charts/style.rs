//! The shared look of every chart: fonts and text size estimates, sizes, colours
//! (Okabe–Ito and viridis) and the colour scale of heatmaps.

use plotters::prelude::*;
use plotters::style::{FontDesc, FontFamily, FontStyle};

use super::error::{ChartError, invalid};

/// Empty space around the whole chart.
pub(super) const MARGIN: i32 = 24;
/// Space between an axis description and the tick labels next to it.
pub(super) const DESC_GAP: i32 = 12;

// Plotters writes `font-size` as its size divided by 1.24 (see `Font::style`); these
// sizes survive the round trip exactly, so the SVG says e.g. `font-size="12.5"`
// (13 and 15 would print as 13.000000000000002).
/// Chart title.
pub(super) const TITLE_FONT: Font = Font::bold(20.0);
/// Axis descriptions.
pub(super) const DESC_FONT: Font = Font::regular(14.5);
/// Tick labels of numeric axes and the colour bar.
pub(super) const TICK_FONT: Font = Font::regular(12.5);
/// Category labels (heatmap rows and columns, bars, leaves) and bar values.
pub(super) const LABEL_FONT: Font = Font::regular(12.5);
/// Text inside heatmap cells.
pub(super) const CELL_FONT: Font = Font::regular(12.5);
/// Scatter point labels.
pub(super) const POINT_FONT: Font = Font::regular(12.0);
/// Legend entries.
pub(super) const LEGEND_FONT: Font = Font::regular(12.5);
/// Legend titles.
pub(super) const LEGEND_TITLE_FONT: Font = Font::bold(12.5);

/// Background of every chart.
pub(super) const WHITE_BG: RGBColor = RGBColor(255, 255, 255);
/// Colour of all text.
pub(super) const INK: RGBColor = RGBColor(34, 34, 34);
/// Colour of axis lines and tick marks.
pub(super) const AXIS_INK: RGBColor = RGBColor(80, 80, 80);
/// Colour of grid lines.
pub(super) const GRID: RGBColor = RGBColor(226, 226, 226);
/// Colour of the lines that tie a label to a point it does not sit next to.
pub(super) const LEADER: RGBColor = RGBColor(140, 140, 140);

/// Okabe & Ito (2008) colour-blind-safe palette, ordered so that the first colours
/// are the most distinct on white; yellow and black come last.
pub(super) const OKABE_ITO: [RGBColor; 8] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(240, 228, 66),  // yellow
    RGBColor(0, 0, 0),       // black
];
/// Colour of ordinary bars.
pub(super) const BAR: RGBColor = OKABE_ITO[5];
/// Colour of a highlighted bar.
pub(super) const ACCENT: RGBColor = OKABE_ITO[3];

/// The value range of a sequential colour scale (viridis) and the title of its legend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColorScale<'a> {
    /// Value drawn in the darkest colour; smaller values are drawn in it too.
    pub min: f64,
    /// Value drawn in the brightest colour; larger values are drawn in it too.
    pub max: f64,
    /// Title of the colour bar, e.g. "Cosine similarity".
    pub legend_title: &'a str,
}

impl ColorScale<'_> {
    /// Returns an error unless `min` and `max` are finite and `min < max`.
    pub(super) fn validate(&self, chart: &'static str) -> Result<(), ChartError> {
        if self.min.is_finite() && self.max.is_finite() && self.min < self.max {
            Ok(())
        } else {
            Err(invalid(
                chart,
                format!(
                    "has colour scale min {} and max {}, but they must be finite with min < max",
                    self.min, self.max
                ),
            ))
        }
    }

    /// Where `value` lies between min (0) and max (1), clamped to that range.
    pub(super) fn fraction(&self, value: f64) -> f64 {
        // Halves keep `max - min` finite even for scales spanning most of f64.
        let t = (value / 2.0 - self.min / 2.0) / (self.max / 2.0 - self.min / 2.0);
        if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) }
    }

    /// The viridis colour of `value`, clamped to the scale.
    pub(super) fn color(&self, value: f64) -> RGBColor {
        viridis(self.fraction(value))
    }
}

/// The viridis colour at `t` in `0..=1` (plotters panics on NaN, so callers clamp).
pub(super) fn viridis(t: f64) -> RGBColor {
    ViridisRGB::get_color(t)
}

/// A font size in SVG pixels, regular or bold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Font {
    /// Size in SVG pixels (the `font-size` attribute).
    pub px: f64,
    /// Bold or regular.
    pub bold: bool,
}

impl Font {
    /// A regular font of `px` pixels.
    pub const fn regular(px: f64) -> Self {
        Self { px, bold: false }
    }

    /// A bold font of `px` pixels.
    pub const fn bold(px: f64) -> Self {
        Self { px, bold: true }
    }

    /// Estimated advance width of `text`: DejaVu Sans metrics (the font most Linux
    /// renderers substitute for sans-serif, and wider than Arial or Helvetica) plus
    /// 4 %, so that the layout holds with whichever sans-serif font the viewer uses.
    pub fn width(&self, text: &str) -> f64 {
        let em: f64 = text.chars().map(char_em).sum();
        em * self.px * if self.bold { 1.18 } else { 1.04 }
    }

    /// Rounded-up [`Font::width`].
    pub fn width_px(&self, text: &str) -> i32 {
        self.width(text).ceil() as i32
    }

    /// Height of one line of text.
    pub fn line_px(&self) -> i32 {
        (self.px * 1.25).ceil() as i32
    }

    /// The plotters text style for this font. Plotters writes `font-size` as its own
    /// size divided by 1.24, so the size handed to it is `px * 1.24`.
    pub fn style(&self) -> TextStyle<'static> {
        let style = if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        TextStyle::from(FontDesc::new(FontFamily::SansSerif, self.px * 1.24, style))
    }
}

/// Advance widths of DejaVu Sans for ' ' to '~', in thousandths of an em.
const ASCII_EM: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, //
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, //
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, //
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, //
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, //
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/// Advance width of a character in em (DejaVu Sans; a generous guess outside
/// ASCII and German).
fn char_em(c: char) -> f64 {
    let base = match c {
        'ä' | 'à' | 'á' | 'â' => 'a',
        'ö' | 'ò' | 'ó' | 'ô' => 'o',
        'ü' | 'ù' | 'ú' | 'û' => 'u',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'Ä' => 'A',
        'Ö' => 'O',
        'Ü' => 'U',
        'ß' => 'b',
        '·' | '‘' | '’' | '‚' => '.',
        '–' | '„' | '“' | '”' => '_',
        '—' | '…' => '@',
        '−' | '×' | '«' | '»' => '+',
        '‰' => return 1.34,
        other => other,
    };
    match u32::from(base) {
        code @ 32..=126 => f64::from(ASCII_EM[(code - 32) as usize]) / 1000.0,
        _ if base.is_alphabetic() => 0.8,
        _ => 1.0,
    }
}

/// Splits `text` at spaces into lines no wider than `max_px` (a single word wider
/// than that gets a line of its own).
pub(super) fn wrap(text: &str, font: Font, max_px: i32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if font.width_px(&format!("{line} {word}")) <= max_px => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Relative luminance of `color` (WCAG): 0 for black, 1 for white.
fn luminance(color: RGBColor) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let RGBColor(r, g, b) = color;
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// Black or white, whichever contrasts more with `background` (WCAG contrast ratio).
pub(super) fn text_color_on(background: RGBColor) -> RGBColor {
    let luminance = luminance(background);
    let against_white = 1.05 / (luminance + 0.05);
    let against_black = (luminance + 0.05) / 0.05;
    if against_black >= against_white {
        RGBColor(0, 0, 0)
    } else {
        RGBColor(255, 255, 255)
    }
}

/// `color` for thin lines on white: light colours (the palette's yellow, which
/// barely shows on white) get a darker shade of the same hue.
pub(super) fn line_color(color: RGBColor) -> RGBColor {
    if luminance(color) > 0.6 {
        let d = |c: u8| (f64::from(c) * 0.75).round() as u8;
        RGBColor(d(color.0), d(color.1), d(color.2))
    } else {
        color
    }
}

/// A darker shade of `color`, for marker outlines.
pub(super) fn darker(color: RGBColor) -> RGBColor {
    let d = |c: u8| (f64::from(c) * 0.55).round() as u8;
    RGBColor(d(color.0), d(color.1), d(color.2))
}

/// Shape of a scatter marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marker {
    Circle,
    Triangle,
    Square,
    Diamond,
}

/// Colour and marker of group `index`: the eight palette colours with circles, then
/// again with triangles, squares and diamonds, so up to 32 groups stay distinct.
pub(super) fn group_style(index: usize) -> (RGBColor, Marker) {
    const SHAPES: [Marker; 4] = [
        Marker::Circle,
        Marker::Triangle,
        Marker::Square,
        Marker::Diamond,
    ];
    (
        OKABE_ITO[index % OKABE_ITO.len()],
        SHAPES[(index / OKABE_ITO.len()) % SHAPES.len()],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_text_contrasts_with_the_cell() {
        let scale = ColorScale {
            min: 0.0,
            max: 1.0,
            legend_title: "",
        };
        assert_eq!(text_color_on(scale.color(0.0)), RGBColor(255, 255, 255));
        assert_eq!(text_color_on(scale.color(1.0)), RGBColor(0, 0, 0));
        assert_eq!(scale.color(-5.0), scale.color(0.0));
    }

    #[test]
    fn only_light_colours_get_darker_lines() {
        assert_eq!(line_color(OKABE_ITO[0]), OKABE_ITO[0]);
        assert_eq!(line_color(OKABE_ITO[6]), RGBColor(180, 171, 50));
    }

    #[test]
    fn width_estimate_is_generous_for_german_labels() {
        // DejaVu Sans at 12.5 px draws "Sovereignty and the right to choose" 225 px wide.
        let w = LABEL_FONT.width("Sovereignty and the right to choose");
        assert!((225.0..245.0).contains(&w), "{w}");
        assert_eq!(LABEL_FONT.width("Größe"), LABEL_FONT.width("Grobe"));
    }

    #[test]
    fn font_sizes_print_plainly() {
        let fonts = [
            TITLE_FONT,
            DESC_FONT,
            TICK_FONT,
            LABEL_FONT,
            CELL_FONT,
            POINT_FONT,
            LEGEND_FONT,
        ];
        for font in fonts {
            assert_eq!(font.px * 1.24 / 1.24, font.px);
        }
    }

    #[test]
    fn wraps_at_spaces() {
        let lines = wrap("Rate per 1,000 tokens", LEGEND_TITLE_FONT, 120);
        assert_eq!(lines, ["Rate per 1,000", "tokens"]);
        assert_eq!(wrap("", LEGEND_TITLE_FONT, 120), [""]);
    }

    #[test]
    fn groups_beyond_eight_change_shape() {
        assert_eq!(group_style(0), (OKABE_ITO[0], Marker::Circle));
        assert_eq!(group_style(8), (OKABE_ITO[0], Marker::Triangle));
    }
}
