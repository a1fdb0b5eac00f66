//! What validation against hand coding found, as plain values: the leaf
//! that the analysis result holds and the scoring fills.

/// Precision of one frame, one frame in one group, or one term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrecisionRow {
    /// The frame.
    pub frame: usize,
    /// The group, or `None` for all groups.
    pub group: Option<usize>,
    /// The term (pattern index within the frame), or `None` for all terms.
    pub term: Option<usize>,
    /// Decided hits.
    pub coded: usize,
    /// Decided hits coded as carrying the frame.
    pub relevant: usize,
    /// The (weighted) share of hits that carry the frame.
    pub precision: f64,
    /// Lower end of the Wilson interval.
    pub low: f64,
    /// Upper end of the Wilson interval.
    pub high: f64,
}

/// A group's frame rate with and without the false hits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CorrectedRate {
    /// The frame.
    pub frame: usize,
    /// The group.
    pub group: usize,
    /// Hits per 1,000 counted tokens, as counted.
    pub raw: f64,
    /// The precision applied: the frame × group cell's, or the frame's
    /// when no hit of the cell was coded (`from_frame`).
    pub precision: f64,
    /// Whether the frame's precision stood in for the cell's.
    pub from_frame: bool,
    /// `raw × precision`.
    pub corrected: f64,
    /// Lower end of the percentile bootstrap interval.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// Everything the codes say.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// Coder names.
    pub coders: Vec<String>,
    /// Hits with a majority code.
    pub decided: usize,
    /// Hits whose coders split evenly.
    pub undecided: usize,
    /// Coded ids that are no hit of this corpus and lexicon.
    pub unmatched: Vec<String>,
    /// Krippendorff's α over every hit two or more coders coded.
    pub alpha: Option<f64>,
    /// Hits coded by two coders or more.
    pub alpha_units: usize,
    /// α per frame.
    pub alpha_per_frame: Vec<Option<f64>>,
    /// Precision per frame (all groups).
    pub frames: Vec<PrecisionRow>,
    /// Precision per frame and group.
    pub cells: Vec<PrecisionRow>,
    /// Precision per frame and term.
    pub terms: Vec<PrecisionRow>,
    /// Terms whose whole precision interval lies below
    /// `validation.flag_below`: (frame, term).
    pub flagged_terms: Vec<(usize, usize)>,
    /// Corrected rates per frame and group, frame by frame.
    pub corrected: Vec<CorrectedRate>,
}
