//! The commands: `rahmen report` and `rahmen lexicon-check`, each a thin
//! call into the library crates plus what it prints.

use std::path::{Path, PathBuf};

use analysis::validation::{Codes, read_codes};
use analysis::{Analysis, AnalysisConfig, NullSink};
use anyhow::Context;

use crate::args::{InputArgs, ReportArgs, ValidationArgs};
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

    let codes = if args.codes.is_empty() {
        None
    } else {
        Some(read_codes(&args.codes)?)
    };
    let analysis = match &args.digests {
        Some(digests) => report::generate_from_shards(
            &input,
            &lexicon,
            &config,
            digests,
            codes.as_ref(),
            &out,
            &bars,
        ),
        None => report::generate_validated(&input, &lexicon, &config, codes.as_ref(), &out, &bars),
    }
    .with_context(|| {
        let from = match &args.digests {
            Some(digests) => format!(
                "the digests in {} (corpus {})",
                digests.display(),
                input.path.display()
            ),
            None => input.path.display().to_string(),
        };
        format!(
            "cannot make a report for {from}; the previous report in {} is unchanged",
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

/// `rahmen digest`: one shard's digests into `--out`.
pub fn digest(args: &crate::DigestArgs) -> anyhow::Result<()> {
    let (input, lexicon) = args.report.input.resolve()?;
    let config = args.report.config();
    let Some(dir) = &args.report.out else {
        anyhow::bail!(
            "`rahmen digest` needs `--out DIR`, the folder that collects the shard folders"
        );
    };
    if args.report.digests.is_some() {
        anyhow::bail!(
            "`--digests` belongs to `rahmen report`, which reads the shards `rahmen digest` writes"
        );
    }
    let bars = ProgressBars::new();
    let summary = report::shards::write_shard(&input, &lexicon, &config, args.shard, dir, &bars)
        .with_context(|| {
            format!(
                "cannot digest shard {} of {}",
                args.shard,
                input.path.display()
            )
        })?;
    println!(
        "shard {}: {} of {} entries, {} distinct terms, in {}",
        summary.shard,
        (0..summary.entries)
            .filter(|&e| summary.shard.holds(e))
            .count(),
        summary.entries,
        summary.words.keys.len(),
        report::shards::shard_folder(dir, summary.shard).display()
    );
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

/// Analyses without writing anything (the rows go to a [`NullSink`]).
pub(crate) fn analyse_quietly(
    input: &analysis::Input,
    lexicon_path: &Path,
    config: &AnalysisConfig,
) -> anyhow::Result<Analysis> {
    let lexicon = features::Lexicon::load(lexicon_path)?;
    analysis::analyze(
        input,
        lexicon,
        report::lexicon_file_name(lexicon_path),
        config,
        &mut NullSink,
        &ProgressBars::new(),
    )
    .with_context(|| {
        format!(
            "cannot analyse {} with {}",
            input.path.display(),
            lexicon_path.display()
        )
    })
}

/// Codes read from the files given, if any.
fn codes_of(paths: &[PathBuf]) -> anyhow::Result<Option<Codes>> {
    Ok(if paths.is_empty() {
        None
    } else {
        Some(read_codes(paths)?)
    })
}

/// `rahmen validate sample`: the blinded, stratified sample of hits for
/// coders, written to `out` (replaced only once complete).
pub fn validate_sample(
    input: &InputArgs,
    options: &ValidationArgs,
    out: &Path,
    unblind: bool,
) -> anyhow::Result<()> {
    let (corpus, lexicon_path) = input.resolve()?;
    let config = options.config(input.group_by.clone());
    let analysis = analyse_quietly(&corpus, &lexicon_path, &config)?;
    let mut sample = analysis::validation::draw_sample(&analysis, &config.validation)?;
    analysis::validation::sample_contexts(
        &corpus,
        &analysis,
        &mut sample,
        &config,
        &ProgressBars::new(),
    )?;
    let bytes = report::data::validation::sample_csv(&analysis, &sample, unblind);
    write_whole(out, &bytes)?;
    let hits: usize = analysis.hits.iter().map(Vec::len).sum();
    println!(
        "sampled {} of {} hits into {}; coders fill the `relevant` column (1 or 0), then `rahmen validate score --codes {}`",
        sample.len(),
        hits,
        out.display(),
        out.display()
    );
    Ok(())
}

/// `rahmen validate score`: precision, agreement and corrected rates from
/// the coders' files, printed as Markdown; `out` also gets `validation.tsv`.
pub fn validate_score(
    input: &InputArgs,
    options: &ValidationArgs,
    codes: &[PathBuf],
    out: Option<&Path>,
) -> anyhow::Result<()> {
    let (corpus, lexicon_path) = input.resolve()?;
    let config = options.config(input.group_by.clone());
    let codes = codes_of(codes)?.context("no --codes given")?;
    let mut analysis = analyse_quietly(&corpus, &lexicon_path, &config)?;
    let validation = analysis::validation::score(&analysis, &codes, &config)?;
    if let Some(out) = out {
        write_whole(
            out,
            &report::data::validation::validation_tsv(&analysis, &validation),
        )?;
    }
    analysis.validation = Some(validation);
    print!("{}", report::markdown::validation::section(&analysis));
    Ok(())
}

/// Writes `bytes` beside `path` and renames it into place, so a failed
/// write never leaves half a file where a good one was.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let partial = path.with_extension("partial");
    std::fs::write(&partial, bytes)
        .with_context(|| format!("cannot write {}", partial.display()))?;
    std::fs::rename(&partial, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// `rahmen lexicon-check`: prints the check as Markdown. Nothing is
/// written: the per-article rows go to a [`NullSink`].
pub fn lexicon_check(args: &InputArgs, codes: &[PathBuf]) -> anyhow::Result<()> {
    let (input, lexicon_path) = args.resolve()?;
    let config = AnalysisConfig {
        group_by: args.group_by.clone(),
        ..AnalysisConfig::default()
    };
    let mut analysis = analyse_quietly(&input, &lexicon_path, &config)?;
    if let Some(codes) = codes_of(codes)? {
        analysis.validation = Some(analysis::validation::score(&analysis, &codes, &config)?);
    }
    print!("{}", report::lexicon_check(&analysis));
    Ok(())
}
