//! SVG charts for the report: heatmaps, dendrograms, scatter plots, bar charts,
//! diverging bars (keyness), intervals (estimates with confidence intervals),
//! stacked bars and small multiples of rates over time (timeline).
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
mod error;
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
mod timeline;

pub use self::bars::{Bars, bars};
pub use self::dendrogram::{DendrogramChart, Merge, dendrogram};
pub use self::diverging::{DivergingBars, diverging_bars};
pub use self::error::ChartError;
pub use self::heatmap::{Heatmap, heatmap};
pub use self::intervals::{Interval, IntervalChart, IntervalSeries, intervals};
pub use self::scatter::{Point, Scatter, scatter};
pub use self::stacked::{Stack, StackedBars, stacked_bars};
pub use self::style::ColorScale;
pub use self::timeline::{TimelineChart, TimelinePanel, TimelinePoint, timeline};
