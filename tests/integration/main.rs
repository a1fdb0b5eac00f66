//! Rahmen's integration tests, one binary (faster to build and link than
//! one binary per file): each module checks one promise of the README.

mod actors;
mod data_formats;
mod determinism;
mod grouping;
mod hostile_input;
mod input_problems;
mod module_cycles;
mod own_text;
mod seed_cleaning;
mod settings;
mod shards;
mod snapshots;
mod stale_reports;
mod suggest;
mod tenkgnad_input;
mod timeline;
mod validation;
mod voices;
mod well_formed;
