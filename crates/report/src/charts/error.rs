//! Why a chart could not be rendered, and the input checks every chart shares.
//! A leaf of its own so chart modules import it directly, not through the facade.

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
pub(super) fn check_finite(
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
pub(super) fn invalid(chart: &'static str, detail: String) -> ChartError {
    ChartError::Invalid { chart, detail }
}
