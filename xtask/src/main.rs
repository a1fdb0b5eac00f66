//! `cargo xtask`: the project's automation (regenerating and checking the
//! committed reports, benchmarks, the house checks), written in Rust so it
//! runs wherever cargo does. The user's tool is the `rahmen` binary.

mod bench;
mod dated_corpus;
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
    about = "Rahmen's tasks: regenerate and check reports, benchmarks"
)]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// `rahmen report` in release mode: analyse a corpus and write its report; `--check` compares instead.
    Report(Box<report_task::XtaskReportArgs>),
    /// Measure throughput and peak memory on 10kGNAD x1, x20, x100 and one long article (release build).
    Bench(bench::BenchArgs),
    /// Write the dated demonstration corpus (10kGNAD sections with invented dates) for framing over time.
    DatedCorpus(dated_corpus::DatedCorpusArgs),
    /// One measurement in a fresh process (used by `bench`).
    #[command(hide = true)]
    BenchRun(bench::BenchRunArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.task {
        Task::Report(args) => report_task::run(&args),
        Task::Bench(args) => bench::run(&args),
        Task::DatedCorpus(args) => dated_corpus::run(&args),
        Task::BenchRun(args) => bench::run_one(&args),
    }
}
