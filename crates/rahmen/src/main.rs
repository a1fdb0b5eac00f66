//! The `rahmen` binary: parses the command line and runs it.

use clap::Parser;

/// mimalloc instead of the system allocator: the analysis makes many small,
/// short-lived allocations from both threads at once, where glibc's malloc
/// spent a fifth of a large report's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    rahmen::run(&rahmen::Cli::parse())
}
