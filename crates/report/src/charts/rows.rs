//! The frame shared by horizontal charts whose rows are categories (diverging bars,
//! intervals, stacked bars): title, row labels left of the plot, a numeric value
//! axis below it that always includes 0, and a legend on the right.

use super::axis::{NumericAxis, Scale, Ticks};
use super::canvas::{Anchor, Canvas, Rect, draw_lines, render};
use super::error::ChartError;
use super::legend::Legend;
use super::style::{AXIS_INK, DESC_FONT, DESC_GAP, INK, LABEL_FONT, MARGIN, TITLE_FONT, wrap};
use plotters::style::RGBColor;

/// Space between row labels and the plot.
const LABEL_GAP: i32 = 8;
/// Space between the plot and the legend.
const LEGEND_GAP: i32 = 32;
/// Width of the image when labels and legend leave the plot at least `MIN_PLOT_W`.
const WIDTH: i32 = 900;
/// Narrowest plot area.
const MIN_PLOT_W: i32 = 400;
/// Background of every other row in a banded chart.
const BAND: RGBColor = RGBColor(245, 245, 245);

/// What a horizontal chart tells [`RowFrame::new`] about itself.
pub(super) struct RowSpec<'a> {
    /// Title above the chart.
    pub title: &'a str,
    /// Description of the value axis below the plot.
    pub x_desc: &'a str,
    /// Description of the rows, turned, left of the row labels.
    pub y_desc: &'a str,
    /// One label per row, top to bottom.
    pub labels: &'a [String],
    /// Height of one row in pixels.
    pub row_h: i32,
    /// Whether every other row gets a light grey background.
    pub bands: bool,
    /// Whether the data are drawn over the vertical line at 0 (for markers) rather
    /// than under it (for bars that start at it).
    pub data_over_zero: bool,
    /// Legend right of the plot.
    pub legend: Legend<'a>,
}

/// The computed layout of a horizontal chart; draws everything but the data.
pub(super) struct RowFrame<'a> {
    spec: RowSpec<'a>,
    title: Vec<String>,
    x_axis: NumericAxis<'a>,
    width: i32,
    height: i32,
    y_desc_x: i32,
    /// The plot area; row `i` spans `row_h` pixels from `plot.top + i * row_h`.
    pub plot: Rect,
    /// Maps values onto columns of the plot.
    pub scale: Scale,
}

impl<'a> RowFrame<'a> {
    /// Lays out a chart whose data reach the values in `extents`, each of which also
    /// needs the given number of pixels beyond it, on the side away from 0 (for text
    /// at a bar's end or half a marker). The value axis covers 0 and all of them.
    pub fn new(spec: RowSpec<'a>, extents: &[(f64, i32)]) -> Self {
        let widest = spec
            .labels
            .iter()
            .map(|l| LABEL_FONT.width_px(l))
            .max()
            .unwrap_or(0);
        let rows_w = DESC_FONT.line_px() + DESC_GAP + widest + LABEL_GAP;
        let legend_w = LEGEND_GAP + spec.legend.width();
        let x_desc_w = DESC_FONT.width_px(spec.x_desc) + 2 * DESC_GAP;
        let plot_w = (WIDTH - 2 * MARGIN - rows_w - legend_w)
            .max(MIN_PLOT_W)
            .max(x_desc_w);
        let width = 2 * MARGIN + rows_w + plot_w + legend_w;
        let title = wrap(spec.title, TITLE_FONT, width - 2 * MARGIN);
        let top = MARGIN + title.len() as i32 * TITLE_FONT.line_px() + 20;
        let plot_h = spec.labels.len() as i32 * spec.row_h;
        let y_desc_h = DESC_FONT.width_px(spec.y_desc);
        let plot_top = top + ((y_desc_h - plot_h) / 2).max(0);
        let plot = Rect {
            left: MARGIN + rows_w,
            top: plot_top,
            right: MARGIN + rows_w + plot_w,
            bottom: plot_top + plot_h,
        };
        let (lo, hi, ticks) = round_ends(fit_range(extents, plot_w), (plot_w / 90) as usize);
        let x_axis = NumericAxis::new(spec.x_desc, ticks);
        let scale = Scale::new(lo, hi, plot.left, plot.right);
        let height = (plot.bottom + x_axis.x_height())
            .max(plot.top + spec.legend.height())
            .max(top + y_desc_h)
            + MARGIN;
        Self {
            spec,
            title,
            x_axis,
            width,
            height,
            y_desc_x: MARGIN + DESC_FONT.line_px() / 2,
            plot,
            scale,
        }
    }

    /// Top pixel row of row `i`.
    pub fn row_top(&self, i: usize) -> i32 {
        self.plot.top + i as i32 * self.spec.row_h
    }

    /// Renders the chart: title, bands and grid, then `draw_data` and the line at 0
    /// in the order [`RowSpec::data_over_zero`] asks for, then the value axis, row
    /// labels, descriptions and the legend on top.
    pub fn render(
        &self,
        draw_data: impl FnOnce(&Canvas) -> Result<(), ChartError>,
    ) -> Result<String, ChartError> {
        let size = (self.width as u32, self.height as u32);
        render(self.spec.title, size, |canvas| {
            draw_lines(canvas, &self.title, TITLE_FONT, self.width / 2, MARGIN)?;
            if self.spec.bands {
                for i in (1..self.spec.labels.len()).step_by(2) {
                    let top = self.row_top(i);
                    let band = Rect {
                        top,
                        bottom: top + self.spec.row_h,
                        ..self.plot
                    };
                    canvas.fill_rect(band, BAND)?;
                }
            }
            self.x_axis.draw_x_grid(canvas, self.plot, &self.scale)?;
            let zero = self.scale.px(0.0);
            let zero_line = [(zero, self.plot.top), (zero, self.plot.bottom)];
            if self.spec.data_over_zero {
                canvas.line(&zero_line, AXIS_INK, 1)?;
                draw_data(canvas)?;
            } else {
                draw_data(canvas)?;
                canvas.line(&zero_line, AXIS_INK, 1)?;
            }
            self.x_axis.draw_x(canvas, self.plot, &self.scale)?;
            for (i, label) in self.spec.labels.iter().enumerate() {
                let at = (
                    self.plot.left - LABEL_GAP,
                    self.row_top(i) + self.spec.row_h / 2,
                );
                canvas.text(label, at, LABEL_FONT, INK, Anchor::RIGHT)?;
            }
            let at = (self.y_desc_x, self.plot.center_y());
            canvas.text(self.spec.y_desc, at, DESC_FONT, INK, Anchor::UP_CENTER)?;
            let legend_left = self.plot.right + LEGEND_GAP;
            self.spec.legend.draw(canvas, legend_left, self.plot.top)
        })
    }
}

/// The range `lo..hi` widened to the next tick at either end where that adds less
/// than an eighth, so that the axis ends on a label; and about `target` ticks in it.
fn round_ends((lo, hi): (f64, f64), target: usize) -> (f64, f64, Ticks) {
    let span = hi - lo;
    let covering = Ticks::covering(lo, hi, target);
    let (round_lo, round_hi) = (covering.lo(), covering.hi());
    let lo_near = lo != 0.0 && lo - round_lo < span / 8.0;
    let hi_near = hi != 0.0 && round_hi - hi < span / 8.0;
    let wider = (
        if lo_near { round_lo } else { lo },
        if hi_near { round_hi } else { hi },
    );
    let ticks = Ticks::new(wider.0, wider.1, target);
    // A wider range may take a coarser step whose ticks miss the new ends.
    if (!lo_near || ticks.lo() == wider.0) && (!hi_near || ticks.hi() == wider.1) {
        (wider.0, wider.1, ticks)
    } else {
        (lo, hi, Ticks::new(lo, hi, target))
    }
}

/// Pixels kept free beyond every value, so that no bar touches the axis end.
const MIN_ROOM: i32 = 8;

/// The shortest value range for an axis `plot_w` pixels long that covers 0 and every
/// value of `extents` plus the pixels it needs beyond it (at least `MIN_ROOM`, at
/// most 40 % of the axis each); `0..1` when every value is 0.
fn fit_range(extents: &[(f64, i32)], plot_w: i32) -> (f64, f64) {
    let share = |px: i32| (f64::from(px.max(MIN_ROOM)) / f64::from(plot_w)).clamp(0.0, 0.4);
    let lo = extents.iter().map(|e| e.0).fold(0.0, f64::min);
    let hi = extents.iter().map(|e| e.0).fold(0.0, f64::max);
    if lo == hi {
        return (0.0, 1.0);
    }
    let range = |span: f64| {
        let (mut lo, mut hi) = (lo, hi);
        for &(value, px) in extents {
            if value >= 0.0 {
                hi = hi.max(value + share(px) * span);
            } else {
                lo = lo.min(value - share(px) * span);
            }
        }
        (lo, hi)
    };
    // Widening the range shrinks the data but not the text: grow the span until it
    // holds both (it converges, since each side needs at most 40 % of it).
    let mut span = hi - lo;
    for _ in 0..200 {
        let (lo, hi) = range(span);
        if hi - lo <= span * (1.0 + 1e-9) {
            break;
        }
        span = hi - lo;
    }
    range(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_covers_zero_values_and_room_for_text() {
        // Every value keeps 8 pixels of room: 7.5 ends 8 pixels before the end.
        let (lo, hi) = fit_range(&[(3.0, 0), (7.5, 0)], 600);
        assert_eq!(lo, 0.0);
        assert!((hi - 7.5 * 600.0 / 592.0).abs() < 1e-9, "{hi}");
        let (lo, hi) = fit_range(&[(-3.0, 0), (-7.5, 0)], 600);
        assert!((lo + 7.5 * 600.0 / 592.0).abs() < 1e-9 && hi == 0.0, "{lo}");
        // 60 of 600 pixels beyond 9.9 need a tenth of the axis.
        let (lo, hi) = fit_range(&[(9.9, 60), (-2.0, -1)], 600);
        assert!(lo < -2.0);
        assert!((hi - 9.9 - 0.1 * (hi - lo)).abs() < 1e-6, "{hi}");
        assert_eq!(fit_range(&[], 600), (0.0, 1.0));
        assert_eq!(fit_range(&[(0.0, 50)], 600), (0.0, 1.0));
        let (lo, hi) = fit_range(&[(f64::MAX, 30), (-f64::MAX, 30)], 600);
        assert!(lo < 0.0 && hi > 0.0);
    }

    #[test]
    fn axis_ends_on_a_tick_when_that_costs_little() {
        let (lo, hi, ticks) = round_ends((0.0, 28.9), 5);
        assert_eq!((lo, hi), (0.0, 30.0));
        assert_eq!(ticks.labels(), ["0", "10", "20", "30"]);
        let (lo, hi, _) = round_ends((-33.0, 44.0), 5);
        assert_eq!((lo, hi), (-40.0, 44.0));
        let (lo, hi, _) = round_ends((0.0, 21.0), 5);
        assert_eq!((lo, hi), (0.0, 21.0));
    }
}
