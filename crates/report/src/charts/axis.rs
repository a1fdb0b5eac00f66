//! Axes: round tick values and their formatting, linear value-to-pixel scales, and
//! drawing of numeric and categorical axes with their descriptions.

use super::canvas::{Anchor, Canvas, Rect};
use super::error::ChartError;
use super::style::{AXIS_INK, DESC_FONT, DESC_GAP, GRID, INK, LABEL_FONT, TICK_FONT};

/// Length of a tick mark; tick labels start 4 pixels beyond it.
const TICK_LEN: i32 = 5;
const TICK_GAP: i32 = 4;

/// Round tick values (multiples of 1, 2, 2.5 or 5 times a power of ten).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Ticks {
    /// The tick values, ascending.
    pub values: Vec<f64>,
    step: f64,
    decimals: usize,
}

impl Ticks {
    /// About `target` round values within `lo..=hi`.
    pub fn new(lo: f64, hi: f64, target: usize) -> Self {
        let step = nice_step((hi - lo) / target.max(1) as f64);
        let first = (lo / step - 1e-9).ceil() as i64;
        let last = (hi / step + 1e-9).floor() as i64;
        Self::from_range(first, last, step)
    }

    /// About `target` round values whose first is at or below `lo` and whose last
    /// is at or above `hi`, so that an axis from first to last covers the data.
    pub fn covering(lo: f64, hi: f64, target: usize) -> Self {
        let step = nice_step((hi - lo) / target.max(1) as f64);
        let first = (lo / step + 1e-9).floor() as i64;
        let last = (hi / step - 1e-9).ceil() as i64;
        Self::from_range(first, last.max(first + 1), step)
    }

    fn from_range(first: i64, last: i64, step: f64) -> Self {
        // Only a range near the limits of f64 could ask for more; never hang on it.
        let last = last.min(first.saturating_add(100));
        let values = (first..=last).map(|k| k as f64 * step + 0.0).collect();
        let mut decimals = 0;
        while decimals < 12 {
            let scaled = step * 10f64.powi(decimals as i32);
            if (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0) {
                break;
            }
            decimals += 1;
        }
        Self {
            values,
            step,
            decimals,
        }
    }

    /// Smallest tick value.
    pub fn lo(&self) -> f64 {
        self.values.first().copied().unwrap_or(0.0)
    }

    /// Largest tick value.
    pub fn hi(&self) -> f64 {
        self.values.last().copied().unwrap_or(self.step)
    }

    /// The tick values printed with as many decimals as the step needs.
    pub fn labels(&self) -> Vec<String> {
        self.values
            .iter()
            .map(|v| format_fixed(*v, self.decimals))
            .collect()
    }

    /// `value` printed like the tick labels when it is a multiple of the step,
    /// otherwise with about three significant digits.
    pub fn format(&self, value: f64) -> String {
        let multiple = value / self.step;
        if (multiple - multiple.round()).abs() < 1e-9 * multiple.abs().max(1.0) {
            format_fixed(value, self.decimals)
        } else {
            format_compact(value)
        }
    }
}

/// The round number (1, 2, 2.5 or 5 times a power of ten) at or above `raw`.
fn nice_step(raw: f64) -> f64 {
    let raw = if raw.is_finite() && raw > 0.0 {
        raw
    } else {
        1.0
    };
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|n| fraction <= n * (1.0 + 1e-9))
        .unwrap_or(10.0);
    nice * magnitude
}

/// `value` with `decimals` decimals and never a minus sign on zero.
pub(super) fn format_fixed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
        text[1..].to_owned()
    } else {
        text
    }
}

/// `value` with about three significant digits and no trailing zeros.
pub(super) fn format_compact(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return format_fixed(value, 0);
    }
    let digits = value.abs().log10().floor() as i32;
    let decimals = (2 - digits).clamp(0, 8) as usize;
    let text = format_fixed(value, decimals);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// The fewest decimals that print every value exactly, but no more than give the
/// largest absolute value three significant digits.
pub(super) fn value_decimals(values: &[f64]) -> usize {
    let largest = values.iter().map(|v| v.abs()).fold(0.0, f64::max);
    if largest == 0.0 {
        return 0;
    }
    let most = (2 - largest.log10().floor() as i32).clamp(0, 6) as usize;
    (0..most)
        .find(|&d| {
            let factor = 10f64.powi(d as i32);
            values
                .iter()
                .all(|v| ((v * factor).round() - v * factor).abs() < 1e-6)
        })
        .unwrap_or(most)
}

/// Maps values linearly onto pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Scale {
    lo: f64,
    hi: f64,
    from: i32,
    to: i32,
}

impl Scale {
    /// `lo` maps to pixel `from`, `hi` to pixel `to`; `lo` must be below `hi`.
    pub fn new(lo: f64, hi: f64, from: i32, to: i32) -> Self {
        Self { lo, hi, from, to }
    }

    /// The pixel of `value`.
    pub fn px(&self, value: f64) -> i32 {
        let t = (value - self.lo) / (self.hi - self.lo);
        // Far-off values (only possible near the limits of f64) stay far off without
        // overflowing.
        let offset = (t * f64::from(self.to - self.from)).clamp(-1e6, 1e6);
        self.from + offset.round() as i32
    }
}

/// A numeric axis with tick labels and a description, left of or below the plot.
pub(super) struct NumericAxis<'a> {
    desc: &'a str,
    ticks: Ticks,
    labels: Vec<String>,
}

impl<'a> NumericAxis<'a> {
    /// An axis described by `desc` with labels at `ticks`.
    pub fn new(desc: &'a str, ticks: Ticks) -> Self {
        let labels = ticks.labels();
        Self {
            desc,
            ticks,
            labels,
        }
    }

    /// The tick values of this axis.
    pub fn ticks(&self) -> &Ticks {
        &self.ticks
    }

    /// Space needed left of the plot when used as the y axis.
    pub fn y_width(&self) -> i32 {
        let labels = self
            .labels
            .iter()
            .map(|l| TICK_FONT.width_px(l))
            .max()
            .unwrap_or(0);
        TICK_LEN + TICK_GAP + labels + DESC_GAP + DESC_FONT.line_px()
    }

    /// Space needed below the plot when used as the x axis.
    pub fn x_height(&self) -> i32 {
        TICK_LEN + TICK_GAP + TICK_FONT.line_px() + DESC_GAP + DESC_FONT.line_px()
    }

    /// Length along the axis that the description needs.
    pub fn desc_length(&self) -> i32 {
        DESC_FONT.width_px(self.desc) + 2 * DESC_GAP
    }

    /// Draws horizontal grid lines at the ticks of this (y) axis.
    pub fn draw_y_grid(
        &self,
        canvas: &Canvas,
        plot: Rect,
        scale: &Scale,
    ) -> Result<(), ChartError> {
        for value in &self.ticks.values {
            let y = scale.px(*value);
            canvas.line(&[(plot.left, y), (plot.right, y)], GRID, 1)?;
        }
        Ok(())
    }

    /// Draws vertical grid lines at the ticks of this (x) axis.
    pub fn draw_x_grid(
        &self,
        canvas: &Canvas,
        plot: Rect,
        scale: &Scale,
    ) -> Result<(), ChartError> {
        for value in &self.ticks.values {
            let x = scale.px(*value);
            canvas.line(&[(x, plot.top), (x, plot.bottom)], GRID, 1)?;
        }
        Ok(())
    }

    /// Draws the axis line, ticks, labels and description left of `plot`.
    pub fn draw_y(&self, canvas: &Canvas, plot: Rect, scale: &Scale) -> Result<(), ChartError> {
        canvas.line(
            &[(plot.left, plot.top), (plot.left, plot.bottom)],
            AXIS_INK,
            1,
        )?;
        for (value, label) in self.ticks.values.iter().zip(&self.labels) {
            let y = scale.px(*value);
            canvas.line(&[(plot.left - TICK_LEN, y), (plot.left, y)], AXIS_INK, 1)?;
            let at = (plot.left - TICK_LEN - TICK_GAP, y);
            canvas.text(label, at, TICK_FONT, INK, Anchor::RIGHT)?;
        }
        let x = plot.left - self.y_width() + DESC_FONT.line_px() / 2;
        canvas.text(
            self.desc,
            (x, plot.center_y()),
            DESC_FONT,
            INK,
            Anchor::UP_CENTER,
        )
    }

    /// Draws the axis line, ticks, labels and description below `plot`.
    pub fn draw_x(&self, canvas: &Canvas, plot: Rect, scale: &Scale) -> Result<(), ChartError> {
        canvas.line(
            &[(plot.left, plot.bottom), (plot.right, plot.bottom)],
            AXIS_INK,
            1,
        )?;
        for (value, label) in self.ticks.values.iter().zip(&self.labels) {
            let x = scale.px(*value);
            canvas.line(
                &[(x, plot.bottom), (x, plot.bottom + TICK_LEN)],
                AXIS_INK,
                1,
            )?;
            let at = (x, plot.bottom + TICK_LEN + TICK_GAP);
            canvas.text(label, at, TICK_FONT, INK, Anchor::TOP_CENTER)?;
        }
        let y = plot.bottom + TICK_LEN + TICK_GAP + TICK_FONT.line_px() + DESC_GAP;
        draw_x_desc(canvas, self.desc, plot.center_x(), y)
    }
}

/// Draws an x axis description centred on `center_x` with its top at `top`.
pub(super) fn draw_x_desc(
    canvas: &Canvas,
    desc: &str,
    center_x: i32,
    top: i32,
) -> Result<(), ChartError> {
    canvas.text(desc, (center_x, top), DESC_FONT, INK, Anchor::TOP_CENTER)
}

/// Category labels under a row of slots (bars, leaves, heatmap columns): horizontal
/// when every label fits its slot, otherwise turned to read from bottom to top.
pub(super) struct CategoryAxis<'a> {
    labels: &'a [String],
    rotated: bool,
    extent: i32,
}

/// Space between the plot and category labels.
const CATEGORY_GAP: i32 = 8;

impl<'a> CategoryAxis<'a> {
    /// Labels for slots `slot_px` pixels wide.
    pub fn new(labels: &'a [String], slot_px: i32) -> Self {
        let widest = labels
            .iter()
            .map(|l| LABEL_FONT.width_px(l))
            .max()
            .unwrap_or(0);
        let rotated = widest > slot_px - 10;
        let extent = if rotated {
            widest
        } else {
            LABEL_FONT.line_px()
        };
        Self {
            labels,
            rotated,
            extent,
        }
    }

    /// Height taken below the plot by the labels.
    pub fn height(&self) -> i32 {
        CATEGORY_GAP + self.extent
    }

    /// Draws label `i` centred on `centers[i]`, below `top`.
    pub fn draw(&self, canvas: &Canvas, centers: &[i32], top: i32) -> Result<(), ChartError> {
        for (label, x) in self.labels.iter().zip(centers) {
            let at = (*x, top + CATEGORY_GAP);
            if self.rotated {
                canvas.text(label, at, LABEL_FONT, INK, Anchor::UP_END)?;
            } else {
                canvas.text(label, at, LABEL_FONT, INK, Anchor::TOP_CENTER)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_labelled_with_the_step_decimals() {
        let ticks = Ticks::new(0.0, 1.0, 5);
        assert_eq!(ticks.labels(), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        assert_eq!(ticks.format(1.0), "1.0");
        assert_eq!(ticks.format(0.93), "0.93");
        let covering = Ticks::covering(-0.018, 0.087, 6);
        assert_eq!(
            covering.labels(),
            ["-0.02", "0.00", "0.02", "0.04", "0.06", "0.08", "0.10"]
        );
        assert_eq!(Ticks::new(0.0, 36.5, 5).labels(), ["0", "10", "20", "30"]);
        assert_eq!(Ticks::covering(0.0, 0.0, 5).labels(), ["0", "1"]);
        assert!(Ticks::new(-f64::MAX, f64::MAX, 5).values.len() <= 101);
    }

    #[test]
    fn numbers_print_without_negative_zero() {
        assert_eq!(format_fixed(-0.0001, 2), "0.00");
        assert_eq!(format_fixed(-0.01, 2), "-0.01");
        assert_eq!(format_compact(37.6), "37.6");
        assert_eq!(format_compact(0.95), "0.95");
        assert_eq!(format_compact(1.0), "1");
        assert_eq!(format_compact(0.0004), "0.0004");
    }

    #[test]
    fn scale_maps_ends_to_pixels() {
        let scale = Scale::new(-1.0, 1.0, 500, 100);
        assert_eq!(
            (scale.px(-1.0), scale.px(0.0), scale.px(1.0)),
            (500, 300, 100)
        );
    }
}
