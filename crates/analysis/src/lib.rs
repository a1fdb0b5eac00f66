//! Analysis: a corpus, a lexicon and settings in, one plain [`Analysis`]
//! value out.
//!
//! [`analyze`] reads a corpus in bounded batches (a [`Source`], usually an
//! [`Input`]: folder, CSV or JSONL) and computes every number a report
//! shows: text → terms → TF-IDF → similarity, clusters, frames, voices,
//! keyness, uncertainty, shared passages. It writes no file and renders
//! nothing: the per-article rows of the first pass stream to an
//! [`ArticleSink`] that the caller implements (the `report` crate writes
//! them into its data files; [`NullSink`] drops them), and every setting
//! that changes a number is in the one [`AnalysisConfig`]. For corpora
//! past one machine, [`digest_shard`] runs the first pass on one shard and
//! [`analyze_shards`] finishes the analysis from all shards' digests, with
//! the same result (`docs/scale-out.md`).
//!
//! # Example
//!
//! ```
//! use std::path::Path;
//! let dir = tempfile::tempdir().unwrap();
//! for (name, text) in [
//!     ("a.txt", "Russland fordert Sicherheitsgarantien und warnt vor der NATO-Osterweiterung."),
//!     ("b.txt", "Die NATO bietet Russland Dialog an und lehnt ein Ende der Osterweiterung ab."),
//!     ("c.txt", "In Genf beginnen die Gespräche über Sicherheitsgarantien zwischen Russland und den USA."),
//! ] {
//!     std::fs::write(dir.path().join(name), text).unwrap();
//! }
//! let lexicon_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lexicons/security-de.toml");
//! let lexicon = features::Lexicon::load(&lexicon_path).unwrap();
//! let analysis = analysis::analyze(
//!     &analysis::Input::folder(dir.path()),
//!     lexicon,
//!     "security-de.toml".to_owned(),
//!     &analysis::AnalysisConfig::default(),
//!     &mut analysis::NullSink,
//!     &analysis::Silent,
//! )
//! .unwrap();
//! assert_eq!(analysis.articles.len(), 3);
//! let guarantees = analysis.lexicon.frames.iter().position(|f| f.id == "guarantees").unwrap();
//! assert_eq!(analysis.frame_hits(0, guarantees), 1);
//! ```

pub mod article;
pub mod auto_actors;
pub mod clusters;
pub mod collocates;
pub mod config;
pub mod digest;
mod error;
pub mod excerpt;
pub mod findings;
pub mod first_pass;
pub mod hits;
pub mod label_profiles;
pub mod labels;
pub mod passages;
pub mod progress;
pub mod revisit;
mod run;
pub mod scale;
pub mod second_pass;
pub mod seeds;
pub mod shards;
pub mod sink;
pub mod source;
pub mod statistics;
pub mod suggest;
pub mod tallies;
pub mod timeline;
pub mod validation;
pub mod views;
pub mod voices;

pub use article::ArticleInfo;
pub use clusters::{Clustering, KChoice};
pub use config::{
    AnalysisConfig, ClusteringConfig, DataFormat, DisplayConfig, InputConfig, LabelsConfig,
    ScaleConfig, StatisticsConfig, SyndicationConfig, TimelineConfig, ValidationConfig,
};
pub use error::AnalysisError;
pub use findings::{Analysis, GroupNoun};
pub use progress::{Progress, ProgressUnit, Silent};
pub use run::analyze;
pub use shards::{Shard, ShardEntry, ShardSummary, ShardWords, analyze_shards, digest_shard};
pub use sink::{ArticleSink, ArticleView, NullSink};
pub use source::{Input, Source};
