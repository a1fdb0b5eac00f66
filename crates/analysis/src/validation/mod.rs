//! Validating frame hits against hand coding, so a reviewer can see how
//! many hits really carry their frame: a blinded, stratified random sample
//! of hits for coders (`sample`), the coders' files (`codes`), and what the
//! codes say (`score`): precision per frame, group and term with Wilson
//! intervals, agreement between coders (Krippendorff's α) and frame rates
//! corrected by precision.

pub mod codes;
pub mod hit_id;
pub mod outcome;
pub mod sample;
pub mod score;

pub use codes::{Codes, read_codes};
pub use hit_id::hit_id;
pub use outcome::{CorrectedRate, PrecisionRow, Validation};
pub use sample::{SampledHit, draw_sample, sample_contexts};
pub use score::score;
