//! The commands: `rahmen report` and `rahmen lexicon-check`, each a thin
//! call into the library crates plus what it prints.

use std::path::{Path, PathBuf};

use analysis::{AnalysisConfig, NullSink};
use anyhow::Context;

use crate::args::{InputArgs, ReportArgs};
use crate::progress_bar::ProgressBars;

/// `rahmen report`: analyses the corpus, writes the report (by default to
/// `reports/<corpus name>` under `reports_root`) and prints a summary of
/// what was read and written.
pub fn report(args: &ReportArgs, reports_root: &Path) -> anyhow::Result<()> {
    let (input, lexicon) = args.input.resolve()?;
    let config = args.config();
    let name = input
        .corpus_name()
        .with_context(|| format!("cannot read the corpus {}", input.path.display()))?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| reports_root.join("reports").join(&name));
    let bars = ProgressBars::new();

    let analysis = report::generate(&input, &lexicon, &config, &out, &bars).with_context(|| {
        format!(
            "cannot make a report for {}; the previous report in {} is unchanged",
            input.path.display(),
            out.display()
        )
    })?;
    for skipped in analysis.skipped.iter().take(20) {
        eprintln!("warning: skipped {skipped}");
    }
    if analysis.skipped.len() > 20 {
        eprintln!(
            "warning: … {} more skipped articles (listed in report.md)",
            analysis.skipped.len() - 20
        );
    }
    let other: Vec<_> = analysis
        .warnings
        .iter()
        .filter(|w| !w.kind.is_skip())
        .collect();
    for warning in other.iter().take(20) {
        eprintln!("warning: {warning} ({})", warning.kind);
    }
    if other.len() > 20 {
        eprintln!(
            "warning: … {} more (all in data/warnings.tsv)",
            other.len() - 20
        );
    }
    println!(
        "read {} articles from {} ({} skipped)",
        analysis.articles.len(),
        input.path.display(),
        analysis.skipped.len()
    );
    if let Some(clustering) = &analysis.clustering {
        print!(
            "clusters: k = {}, mean silhouette {:.3}",
            clustering.k, clustering.silhouette
        );
        if let Some(g) = &clustering.group_agreement {
            print!(
                "; against the groups: NMI {:.3}, ARI {:.3}, V-measure {:.3}",
                g.nmi, g.ari, g.v_measure
            );
        }
        println!();
    }
    println!("wrote {}:", out.display());
    let mut files = Vec::new();
    collect_files(&out, &out, &mut files)?;
    for (path, bytes) in files {
        println!("  {:<32} {:>12} bytes", path.display(), bytes);
    }
    println!("open {}", out.join("report.md").display());
    Ok(())
}

/// Files under `dir` with their sizes, sorted.
fn collect_files(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, u64)>) -> anyhow::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect_files(root, &path, out)?;
        } else {
            out.push((
                path.strip_prefix(root)?.to_path_buf(),
                entry.metadata()?.len(),
            ));
        }
    }
    Ok(())
}

/// `rahmen lexicon-check`: prints the check as Markdown. Nothing is
/// written: the per-article rows go to a [`NullSink`].
pub fn lexicon_check(args: &InputArgs) -> anyhow::Result<()> {
    let (input, lexicon_path) = args.resolve()?;
    let lexicon = features::Lexicon::load(&lexicon_path)?;
    let config = AnalysisConfig {
        group_by: args.group_by.clone(),
        ..AnalysisConfig::default()
    };
    let analysis = analysis::analyze(
        &input,
        lexicon,
        report::lexicon_file_name(&lexicon_path),
        &config,
        &mut NullSink,
        &ProgressBars::new(),
    )
    .with_context(|| {
        format!(
            "cannot check {} on {}",
            lexicon_path.display(),
            input.path.display()
        )
    })?;
    print!("{}", report::lexicon_check(&analysis));
    Ok(())
}
