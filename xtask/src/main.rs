//! `cargo xtask`: the project's automation, written in Rust so it runs
//! wherever cargo does. A thin layer: the work lives in the library crates.

mod bench;
mod process_memory;
mod progress_bar;
mod report_task;

use clap::{Parser, Subcommand};

/// mimalloc instead of the system allocator: the analysis makes many small,
/// short-lived allocations from both threads at once, where glibc's malloc
/// spent a fifth of a large report's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Rahmen's tasks.
#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Rahmen's tasks: regenerate reports, check them"
)]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Analyse a corpus and write its report (Markdown, SVG charts, data files).
    Report(report_task::ReportArgs),
    /// List every lexicon pattern with its hits, matched forms and evidence lines.
    LexiconCheck(report_task::InputArgs),
    /// Measure throughput and peak memory on 10kGNAD x1, x20, x100 and one long article (release build).
    Bench(bench::BenchArgs),
    /// One measurement in a fresh process (used by `bench`).
    #[command(hide = true)]
    BenchRun(bench::BenchRunArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.task {
        Task::Report(args) => report_task::run(&args),
        Task::LexiconCheck(args) => report_task::lexicon_check(&args),
        Task::Bench(args) => bench::run(&args),
        Task::BenchRun(args) => bench::run_one(&args),
    }
}
