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

pub mod allocator;
pub mod args;
pub mod commands;
pub mod lexicon_commands;
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
    LexiconCheck(LexiconCheckArgs),
    /// Grow a lexicon from the corpus: suggest candidate terms for a frame, accept the reviewed ones.
    #[command(subcommand)]
    Lexicon(lexicon_commands::LexiconCommand),
    /// Validate the hits against hand coding: draw a sample for coders, score their codes.
    #[command(subcommand)]
    Validate(ValidateCommand),
    /// Digest one shard of the corpus (the map step past one machine); `rahmen report --digests` makes the report from all shards.
    Digest(DigestArgs),
}

/// Options of `rahmen digest`.
#[derive(clap::Args)]
pub struct DigestArgs {
    /// The corpus, the lexicon and the settings, as for `rahmen report` (`--out` is the folder of the shard folders).
    #[command(flatten)]
    pub report: args::ReportArgs,
    /// Which shard: `I/N` digests every N-th entry of the corpus, starting with the I-th.
    #[arg(long)]
    pub shard: analysis::Shard,
}

/// Options of `rahmen lexicon-check`.
#[derive(clap::Args)]
pub struct LexiconCheckArgs {
    /// The corpus and the lexicon.
    #[command(flatten)]
    pub input: args::InputArgs,
    /// Coders' files: patterns whose hits mostly miss are flagged.
    #[arg(long, num_args = 1..)]
    pub codes: Vec<std::path::PathBuf>,
}

/// `rahmen validate …`.
#[derive(Subcommand)]
pub enum ValidateCommand {
    /// Write a blinded, stratified random sample of frame hits for coders (CSV).
    Sample {
        /// The corpus and the lexicon.
        #[command(flatten)]
        input: args::InputArgs,
        /// Sample size, strata, seed, context.
        #[command(flatten)]
        options: args::ValidationArgs,
        /// The sample file to write.
        #[arg(long)]
        out: std::path::PathBuf,
        /// Also show each hit's article, group, frame and term (not for blind coding).
        #[arg(long)]
        unblind: bool,
    },
    /// Precision, agreement and corrected rates from the coders' files.
    Score {
        /// The corpus and the lexicon (as for the sample).
        #[command(flatten)]
        input: args::InputArgs,
        /// Strata and seed of the sample (as for the sample).
        #[command(flatten)]
        options: args::ValidationArgs,
        /// Coders' files: one per coder, or one with a `relevant_<coder>` column per coder.
        #[arg(long, num_args = 1.., required = true)]
        codes: Vec<std::path::PathBuf>,
        /// Also write `validation.tsv` here.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
}

/// Runs one command.
pub fn run(cli: &Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Report(args) => commands::report(args, Path::new(".")),
        Command::Digest(args) => commands::digest(args),
        Command::LexiconCheck(args) => commands::lexicon_check(&args.input, &args.codes),
        Command::Lexicon(command) => lexicon_commands::run(command),
        Command::Validate(ValidateCommand::Sample {
            input,
            options,
            out,
            unblind,
        }) => commands::validate_sample(input, options, out, *unblind),
        Command::Validate(ValidateCommand::Score {
            input,
            options,
            codes,
            out,
        }) => commands::validate_score(input, options, codes, out.as_deref()),
    }
}
