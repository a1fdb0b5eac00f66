//! The settings of the actors' label profiles and collocates: a leaf, so
//! the config, the first pass and the statistics share it without cycles.

use serde::{Deserialize, Serialize};

/// How labels are tested and collocates counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LabelsConfig {
    /// Fewest uses of a label by a group before it is tested.
    pub min_count: usize,
    /// A label is distinctive below this q (with its interval above 0).
    pub alpha: f64,
    /// Counted tokens on each side of a mention in the collocate window.
    pub window: usize,
    /// Fewest co-occurrences of a collocate.
    pub min_cooccurrence: usize,
    /// Collocates kept per actor and group.
    pub collocates_kept: usize,
    /// Labels shown per actor and group in the report.
    pub shown: usize,
    /// Besides the lexicon's actors, profile this many of the speakers the
    /// quotation finder names most often (people by surname, institutions
    /// by name; one-word names only); 0 for the lexicon's actors alone.
    pub auto_actors: usize,
    /// Articles read, from the start of the corpus, to find those speakers.
    pub auto_sample: usize,
}

impl Default for LabelsConfig {
    fn default() -> Self {
        LabelsConfig {
            min_count: 2,
            alpha: 0.05,
            window: 5,
            min_cooccurrence: 2,
            collocates_kept: 10,
            shown: 8,
            auto_actors: 0,
            auto_sample: 5_000,
        }
    }
}
