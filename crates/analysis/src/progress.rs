//! Progress of the long stages, reported to whoever runs the report (a
//! terminal progress bar in the `rahmen` binary, nothing in tests): the library itself
//! never prints.

/// Receives progress; implementations must be cheap and thread-safe.
pub trait Progress: Sync {
    /// A stage starts; `total` is its size in `unit`s when known.
    fn start(&self, stage: &str, total: Option<u64>, unit: ProgressUnit);
    /// The current stage advanced by `n` units.
    fn advance(&self, n: u64);
    /// The current stage is done.
    fn finish(&self);
}

/// What a stage counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressUnit {
    /// Bytes of input.
    Bytes,
    /// Articles.
    Articles,
    /// Steps of a computation.
    Steps,
}

/// Reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: &str, _: Option<u64>, _: ProgressUnit) {}
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}
