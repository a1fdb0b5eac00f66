//! SVG charts for the report: heatmaps, dendrograms, scatter plots, bar charts,
//! diverging bars (keyness), intervals (estimates with confidence intervals) and
//! stacked bars.
//!
//! Every chart is a plain input struct and a function that returns a complete SVG
//! document as a `String`. Rendering goes through plotters' SVG backend without
//! system fonts, so the output depends only on the input: the same input gives a
//! byte-identical document. Text is written with `font-family="sans-serif"`; its
//! width is estimated conservatively (for a wide font such as DejaVu Sans) when
//! the layout is computed, so labels keep clear of each other with narrower fonts too.

mod axis;
mod bars;
mod canvas;
mod dendrogram;
mod diverging;
mod heatmap;
mod intervals;
mod legend;
mod placement;
mod rows;
mod scatter;
mod stacked;
mod style;
#[cfg(test)]
mod test_support;

pub use self::bars::{Bars, bars};
pub use self::dendrogram::{DendrogramChart, Merge, dendrogram};
pub use self::diverging::{DivergingBars, diverging_bars};
pub use self::heatmap::{Heatmap, heatmap};
pub use self::intervals::{Interval, IntervalChart, IntervalSeries, intervals};
pub use self::scatter::{Point, Scatter, scatter};
pub use self::stacked::{Stack, StackedBars, stacked_bars};
pub use self::style::ColorScale;

/// Why a chart could not be rendered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartError {
    /// The drawing backend failed while writing the document.
    #[error("cannot draw chart {title:?}: {message}")]
    Draw {
        /// Title of the chart that failed.
        title: String,
        /// The backend's own description of the failure.
        message: String,
    },
    /// A chart was given nothing to draw.
    #[error("{chart} has no {what}")]
    Empty {
        /// Kind of chart, e.g. "heatmap".
        chart: &'static str,
        /// What is missing, e.g. "rows".
        what: &'static str,
    },
    /// A value that must be a finite number is NaN or infinite.
    #[error("{chart} has a non-finite value {value} at {location}")]
    NotFinite {
        /// Kind of chart, e.g. "scatter".
        chart: &'static str,
        /// Where the value was found, e.g. "point 3 (x)".
        location: String,
        /// The offending value.
        value: f64,
    },
    /// The input is inconsistent: shapes that do not match, indices out of range.
    #[error("{chart} {detail}")]
    Invalid {
        /// Kind of chart, e.g. "heatmap".
        chart: &'static str,
        /// What is wrong, phrased to follow the chart kind, e.g.
        /// "has 3 x labels but rows of length 4".
        detail: String,
    },
}

/// Returns an error unless `value` is finite.
fn check_finite(
    chart: &'static str,
    location: impl Fn() -> String,
    value: f64,
) -> Result<(), ChartError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(ChartError::NotFinite {
            chart,
            location: location(),
            value,
        })
    }
}

/// Builds a [`ChartError::Invalid`].
fn invalid(chart: &'static str, detail: String) -> ChartError {
    ChartError::Invalid { chart, detail }
}
