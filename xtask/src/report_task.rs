//! `cargo xtask report`: regenerate `reports/<corpus>/` from a corpus and a
//! lexicon, or check that the committed report is up to date.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;
use report::{ReportConfig, compare_folders};

/// Where the corpus and the lexicon are.
#[derive(Args)]
pub struct InputArgs {
    /// Corpus folder (text files and an optional manifest.toml).
    #[arg(long, default_value = DEFAULT_CORPUS)]
    corpus: PathBuf,
    /// Framing lexicon (TOML).
    #[arg(long, default_value = DEFAULT_LEXICON)]
    lexicon: PathBuf,
}

const DEFAULT_CORPUS: &str = "corpus/security-talks-2021";
const DEFAULT_LEXICON: &str = "lexicons/security-de.toml";

impl InputArgs {
    /// The corpus and lexicon paths, defaults resolved against the workspace.
    fn paths(&self) -> (PathBuf, PathBuf) {
        (
            resolve(&self.corpus, self.corpus == Path::new(DEFAULT_CORPUS)),
            resolve(&self.lexicon, self.lexicon == Path::new(DEFAULT_LEXICON)),
        )
    }
}

/// What keyness counts.
#[derive(Clone, Copy, clap::ValueEnum)]
enum KeynessUnitArg {
    /// Occurrences of the term.
    Tokens,
    /// Articles containing the term.
    Documents,
}

/// Options of `cargo xtask report`.
#[derive(Args)]
pub struct ReportArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output folder [default: reports/<corpus name>].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Number of clusters [default: chosen by silhouette].
    #[arg(long)]
    clusters: Option<usize>,
    /// Seed of the clustering random number generator.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Keyness counts tokens or articles (for corpora where one long article would dominate).
    #[arg(long, value_enum, default_value_t = KeynessUnitArg::Tokens)]
    keyness_unit: KeynessUnitArg,
    /// Keyness scores a term only when it occurs at least this often (outlet + rest).
    #[arg(long, default_value_t = 5)]
    min_count: u64,
    /// Do not count frame hits inside passages an earlier article already contains.
    #[arg(long)]
    exclude_repeated: bool,
    /// Regenerate into a temporary folder and fail if the output folder differs.
    #[arg(long)]
    check: bool,
}

/// The workspace root, so the defaults work from any directory.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

/// A default path is relative to the workspace; a given one to the current
/// directory, as users expect from any command.
fn resolve(path: &Path, is_default: bool) -> PathBuf {
    if is_default && path.is_relative() {
        workspace_root().join(path)
    } else {
        path.to_path_buf()
    }
}

pub fn run(args: &ReportArgs) -> anyhow::Result<()> {
    let (corpus, lexicon) = args.input.paths();
    let mut config = ReportConfig::default();
    config.clustering.k = args.clusters;
    config.clustering.seed = args.seed;
    config.statistics.seed = args.seed;
    config.syndication.exclude_repeated = args.exclude_repeated;
    config.statistics.keyness =
        config
            .statistics
            .keyness
            .min_count(args.min_count)
            .unit(match args.keyness_unit {
                KeynessUnitArg::Tokens => features::keyness::KeynessUnit::Tokens,
                KeynessUnitArg::Documents => features::keyness::KeynessUnit::Documents,
            });

    let (analysis, files) = report::generate(&corpus, &lexicon, &config)
        .with_context(|| format!("cannot make a report for {}", corpus.display()))?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| workspace_root().join("reports").join(&analysis.corpus_name));

    for skipped in &analysis.skipped {
        eprintln!("warning: skipped {skipped}");
    }
    for warning in &analysis.warnings {
        eprintln!("warning: {warning}");
    }

    if args.check {
        let scratch = tempfile::tempdir().context("cannot create a temporary folder")?;
        files.write_into(scratch.path())?;
        let differences = compare_folders(scratch.path(), &out)?;
        if differences.is_empty() {
            println!(
                "{} is up to date ({} files)",
                out.display(),
                files.files.len()
            );
            return Ok(());
        }
        for difference in &differences {
            eprintln!("{difference}");
        }
        bail!(
            "{} is stale ({} differences); run `cargo xtask report` and commit the result",
            out.display(),
            differences.len()
        );
    }

    files
        .write(&out)
        .with_context(|| format!("the previous report in {} is unchanged", out.display()))?;
    println!(
        "read {} articles from {} ({} skipped)",
        analysis.articles.len(),
        corpus.display(),
        analysis.skipped.len()
    );
    if let Some(clustering) = &analysis.clustering {
        println!(
            "clusters: k = {}, mean silhouette {:.3}",
            clustering.k, clustering.silhouette
        );
    }
    println!("wrote {}:", out.display());
    for (path, bytes) in &files.files {
        println!("  {:<28} {:>9} bytes", path.display(), bytes.len());
    }
    println!("open {}", out.join("report.md").display());
    Ok(())
}

/// `cargo xtask lexicon-check`: prints the check as Markdown.
pub fn lexicon_check(args: &InputArgs) -> anyhow::Result<()> {
    let (corpus, lexicon) = args.paths();
    let (analysis, _) = report::generate(&corpus, &lexicon, &ReportConfig::default())
        .with_context(|| format!("cannot check {} on {}", lexicon.display(), corpus.display()))?;
    print!("{}", report::lexicon_check(&analysis));
    Ok(())
}
