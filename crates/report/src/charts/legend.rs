//! Legends drawn beside the plot: the colour bar of a [`ColorScale`] and a list of
//! coloured swatches (scatter groups, highlighted bars).

use plotters::style::RGBColor;

use super::axis::Ticks;
use super::canvas::{Anchor, Canvas, Rect};
use super::error::ChartError;
use super::style::{
    AXIS_INK, ColorScale, INK, LEGEND_FONT, LEGEND_TITLE_FONT, Marker, TICK_FONT, darker, viridis,
    wrap,
};

const BAR_WIDTH: i32 = 18;
const TICK_LEN: i32 = 5;
const MAX_TITLE_PX: i32 = 150;

/// A vertical colour bar for a [`ColorScale`] with tick labels at min, max and
/// round values between, and the legend title above it.
pub(super) struct ColorBar {
    title: Vec<String>,
    ticks: Vec<(f64, String)>,
}

impl ColorBar {
    /// The colour bar of `scale`.
    pub fn new(scale: &ColorScale) -> Self {
        let nice = Ticks::new(scale.min, scale.max, 5);
        let mut ticks = vec![(scale.min, nice.format(scale.min))];
        let span = scale.max - scale.min;
        for (value, label) in nice.values.iter().zip(nice.labels()) {
            // Keep round ticks clear of the min and max labels.
            if (value - scale.min) > 0.12 * span && (scale.max - value) > 0.12 * span {
                ticks.push((*value, label));
            }
        }
        ticks.push((scale.max, nice.format(scale.max)));
        Self {
            title: wrap(scale.legend_title, LEGEND_TITLE_FONT, MAX_TITLE_PX),
            ticks,
        }
    }

    /// Height of the title above the bar.
    pub fn title_height(&self) -> i32 {
        self.title.len() as i32 * LEGEND_TITLE_FONT.line_px() + 8 + TICK_FONT.line_px() / 2
    }

    /// Width of the whole legend.
    pub fn width(&self) -> i32 {
        let labels = self
            .ticks
            .iter()
            .map(|(_, l)| TICK_FONT.width_px(l))
            .max()
            .unwrap_or(0);
        let title = self
            .title
            .iter()
            .map(|l| LEGEND_TITLE_FONT.width_px(l))
            .max()
            .unwrap_or(0);
        (BAR_WIDTH + TICK_LEN + 4 + labels).max(title)
    }

    /// Height of the whole legend for a bar `bar_height` pixels tall.
    pub fn height(&self, bar_height: i32) -> i32 {
        self.title_height() + bar_height + TICK_FONT.line_px() / 2
    }

    /// Draws the legend with its top-left corner at `(left, top)`.
    pub fn draw(
        &self,
        canvas: &Canvas,
        left: i32,
        top: i32,
        bar_height: i32,
        scale: &ColorScale,
    ) -> Result<(), ChartError> {
        let mut y = top;
        for line in &self.title {
            canvas.text(line, (left, y), LEGEND_TITLE_FONT, INK, Anchor::TOP_LEFT)?;
            y += LEGEND_TITLE_FONT.line_px();
        }
        let bar = Rect {
            left,
            top: top + self.title_height(),
            right: left + BAR_WIDTH,
            bottom: top + self.title_height() + bar_height,
        };
        // Up to 100 bands of 2 to 4 pixels, brightest (max) at the top.
        let bands = bar_height.min(100);
        for band in 0..bands {
            let t = 1.0 - (f64::from(band) + 0.5) / f64::from(bands);
            let color = viridis(t);
            let top = bar.top + band * bar_height / bands;
            let bottom = bar.top + (band + 1) * bar_height / bands;
            canvas.fill_rect(Rect { top, bottom, ..bar }, color)?;
        }
        canvas.stroke_rect(bar, AXIS_INK)?;
        for (value, label) in &self.ticks {
            let t = scale.fraction(*value);
            let y = bar.bottom - (t * f64::from(bar_height)).round() as i32;
            canvas.line(&[(bar.right, y), (bar.right + TICK_LEN, y)], AXIS_INK, 1)?;
            let at = (bar.right + TICK_LEN + 4, y);
            canvas.text(label, at, TICK_FONT, INK, Anchor::LEFT)?;
        }
        Ok(())
    }
}

/// What stands before a legend entry's text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Swatch {
    /// A scatter marker.
    Marker(Marker, RGBColor),
    /// A filled square, as for bars.
    Block(RGBColor),
}

const SWATCH_WIDTH: i32 = 16;
const ENTRY_GAP: i32 = 8;

/// A legend of coloured swatches with a title, drawn outside the plot area.
pub(super) struct Legend<'a> {
    /// Bold title above the entries; empty for none.
    pub title: &'a str,
    /// One swatch and text per entry, top to bottom.
    pub entries: Vec<(Swatch, &'a str)>,
}

impl Legend<'_> {
    fn row_height() -> i32 {
        LEGEND_FONT.line_px() + 6
    }

    /// Width of the whole legend.
    pub fn width(&self) -> i32 {
        let entries = self
            .entries
            .iter()
            .map(|(_, text)| SWATCH_WIDTH + ENTRY_GAP + LEGEND_FONT.width_px(text))
            .max()
            .unwrap_or(0);
        entries.max(LEGEND_TITLE_FONT.width_px(self.title))
    }

    /// Height of the whole legend.
    pub fn height(&self) -> i32 {
        let title = if self.title.is_empty() {
            0
        } else {
            LEGEND_TITLE_FONT.line_px() + 6
        };
        title + self.entries.len() as i32 * Self::row_height()
    }

    /// Draws the legend with its top-left corner at `(left, top)`.
    pub fn draw(&self, canvas: &Canvas, left: i32, top: i32) -> Result<(), ChartError> {
        let mut y = top;
        if !self.title.is_empty() {
            canvas.text(
                self.title,
                (left, y),
                LEGEND_TITLE_FONT,
                INK,
                Anchor::TOP_LEFT,
            )?;
            y += LEGEND_TITLE_FONT.line_px() + 6;
        }
        for (swatch, text) in &self.entries {
            let center = (left + SWATCH_WIDTH / 2, y + Self::row_height() / 2);
            match *swatch {
                Swatch::Marker(shape, color) => {
                    canvas.marker(shape, center, 6, color, 1.0, Some(darker(color)))?;
                }
                Swatch::Block(color) => {
                    let half = SWATCH_WIDTH / 2 - 1;
                    let rect = Rect {
                        left: center.0 - half,
                        top: center.1 - half,
                        right: center.0 + half,
                        bottom: center.1 + half,
                    };
                    canvas.fill_rect(rect, color)?;
                }
            }
            let at = (left + SWATCH_WIDTH + ENTRY_GAP, center.1);
            canvas.text(text, at, LEGEND_FONT, INK, Anchor::LEFT)?;
            y += Self::row_height();
        }
        Ok(())
    }
}
