//! `rahmen`: the command-line tool, thin over the library crates.
//!
//! As ripgrep's binary is over its searcher and printer, this crate only
//! parses arguments, calls [`analysis`] and [`report`], and prints what a
//! user needs to see (progress on stderr, a summary on stdout). Install it
//! with `cargo install --path crates/rahmen`; `cargo xtask report` runs the
//! same code in release mode.
//!
//! # Example
//!
//! ```
//! use clap::Parser;
//! let cli = rahmen::Cli::try_parse_from(["rahmen", "report", "--clusters", "3"]).unwrap();
//! assert!(matches!(cli.command, rahmen::Command::Report(_)));
//! // A partition needs two clusters at least: a usage error, before any work.
//! assert!(rahmen::Cli::try_parse_from(["rahmen", "report", "--clusters", "1"]).is_err());
//! ```

pub mod args;
pub mod commands;
pub mod process_memory;
pub mod progress_bar;

use std::path::Path;

use clap::{Parser, Subcommand};

/// Compare how news outlets frame the same story.
#[derive(Parser)]
#[command(
    name = "rahmen",
    version,
    about = "Compare how news outlets frame the same story: frames, voices, keyness, shared passages and clusters, with the evidence"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Subcommand)]
pub enum Command {
    /// Analyse a corpus and write its report (Markdown, SVG charts, data files).
    Report(args::ReportArgs),
    /// List every lexicon pattern with its hits, matched forms and evidence lines.
    LexiconCheck(args::InputArgs),
}

/// Runs one command.
pub fn run(cli: &Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Report(args) => commands::report(args, Path::new(".")),
        Command::LexiconCheck(args) => commands::lexicon_check(args),
    }
}
