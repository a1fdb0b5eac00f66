//! `cargo xtask report`: `rahmen report` in release mode (the alias in
//! `.cargo/config.toml` builds xtask optimised), plus `--check`, which
//! regenerates into a temporary folder and fails when the committed report
//! differs.

use anyhow::{Context, bail};
use clap::Args;
use rahmen::args::{ReportArgs, workspace_root};
use rahmen::progress_bar::ProgressBars;
use report::compare_folders;

/// Options of `cargo xtask report`: those of `rahmen report`, and `--check`.
#[derive(Args)]
pub struct XtaskReportArgs {
    /// What `rahmen report` takes.
    #[command(flatten)]
    report: ReportArgs,
    /// Regenerate into a temporary folder and fail if the output folder differs.
    #[arg(long)]
    check: bool,
}

/// Writes the report, or checks the committed one.
pub fn run(args: &XtaskReportArgs) -> anyhow::Result<()> {
    if !args.check {
        return rahmen::commands::report(&args.report, &workspace_root());
    }
    let (input, lexicon) = args.report.input.resolve()?;
    let config = args.report.config();
    let name = input
        .corpus_name()
        .with_context(|| format!("cannot read the corpus {}", input.path.display()))?;
    let out = args
        .report
        .out
        .clone()
        .unwrap_or_else(|| workspace_root().join("reports").join(&name));
    let scratch = tempfile::tempdir().context("cannot create a temporary folder")?;
    let fresh = scratch.path().join(&name);
    report::generate(&input, &lexicon, &config, &fresh, &ProgressBars::new())
        .with_context(|| format!("cannot make a report for {}", input.path.display()))?;
    let differences = compare_folders(&fresh, &out)?;
    if differences.is_empty() {
        println!("{} is up to date", out.display());
        return Ok(());
    }
    for difference in &differences {
        eprintln!("{difference}");
    }
    bail!(
        "{} is stale ({} differences); run `cargo xtask report` and commit the result",
        out.display(),
        differences.len()
    )
}
