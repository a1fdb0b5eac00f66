//! `cargo xtask report`: regenerate `reports/<corpus>/` from a corpus and a
//! lexicon, or check that the committed report is up to date; and
//! `cargo xtask lexicon-check`, which lists each pattern's hits.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;
use corpus::{FieldMapping, Format, InputOptions};
use report::{Input, ReportConfig, ReportWriter, compare_folders};

use crate::progress_bar::Bars;

const DEFAULT_CORPUS: &str = "corpus/security-talks-2021";
const DEFAULT_LEXICON: &str = "lexicons/security-de.toml";

/// Where the corpus and the lexicon are, and how to read the corpus.
#[derive(Args)]
pub struct InputArgs {
    /// Corpus: a folder of .txt files (optional manifest.toml/manifest.csv), a CSV/TSV or a JSONL file.
    #[arg(long, default_value = DEFAULT_CORPUS, value_parser = existing_path)]
    corpus: PathBuf,
    /// Framing lexicon (TOML).
    #[arg(long, default_value = DEFAULT_LEXICON, value_parser = existing_path)]
    lexicon: PathBuf,
    /// Input format [default: from the path: folder, .csv/.tsv, .jsonl/.ndjson].
    #[arg(long, value_parser = ["folder", "csv", "tsv", "jsonl"])]
    format: Option<String>,
    /// CSV field delimiter [default: ',' for .csv, tab for .tsv].
    #[arg(long)]
    delimiter: Option<char>,
    /// CSV quote character.
    #[arg(long, default_value_t = '"')]
    quote: char,
    /// The CSV file has no header row (name the columns with --columns).
    #[arg(long)]
    no_header: bool,
    /// Column names of a headerless CSV, comma-separated (e.g. label,text).
    #[arg(long, value_delimiter = ',')]
    columns: Option<Vec<String>>,
    /// Column or JSON field holding the article text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// Column or field holding the article id [default: `id` if present, else the row number].
    #[arg(long)]
    id_field: Option<String>,
    /// Column or field holding the outlet [default: `outlet` if present].
    #[arg(long)]
    outlet_field: Option<String>,
    /// Column or field holding the title [default: `title` if present].
    #[arg(long)]
    title_field: Option<String>,
    /// Column or field holding the date [default: `date` if present].
    #[arg(long)]
    date_field: Option<String>,
    /// Compare groups by this column or field [default: the outlet].
    #[arg(long)]
    group_by: Option<String>,
    /// Name of the corpus (report title and default output folder) [default: manifest name, folder name or file stem].
    #[arg(long)]
    name: Option<String>,
}

impl InputArgs {
    /// The corpus input and the lexicon path, defaults resolved against the workspace.
    fn resolve(&self) -> anyhow::Result<(Input, PathBuf)> {
        let path = resolve(&self.corpus, self.corpus == Path::new(DEFAULT_CORPUS));
        let lexicon = resolve(&self.lexicon, self.lexicon == Path::new(DEFAULT_LEXICON));
        let ascii = |c: char, what: &str| -> anyhow::Result<u8> {
            u8::try_from(c)
                .ok()
                .filter(u8::is_ascii)
                .with_context(|| format!("--{what} must be one ASCII character, got {c:?}"))
        };
        let format = match self.format.as_deref() {
            None => None,
            Some(name) => Some(
                name.parse::<Format>()
                    .map_err(|e| anyhow::anyhow!("--format: {e}"))?,
            ),
        };
        let options = InputOptions {
            format,
            delimiter: self.delimiter.map(|c| ascii(c, "delimiter")).transpose()?,
            quote: ascii(self.quote, "quote")?,
            has_header: !self.no_header,
            columns: self.columns.clone(),
            fields: FieldMapping {
                text: self.text_field.clone(),
                id: self.id_field.clone(),
                outlet: self.outlet_field.clone(),
                title: self.title_field.clone(),
                date: self.date_field.clone(),
            },
            group_by: self.group_by.clone(),
        };
        Ok((
            Input {
                path,
                options,
                name: self.name.clone(),
            },
            lexicon,
        ))
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
    /// Output folder (default: the corpus name under reports/).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Number of clusters [default: chosen by silhouette].
    #[arg(long, value_parser = at_least_two)]
    clusters: Option<usize>,
    /// Seed of the clustering and resampling random number generators.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Keyness counts tokens or articles (for corpora where one long article would dominate).
    #[arg(long, value_enum, default_value_t = KeynessUnitArg::Tokens)]
    keyness_unit: KeynessUnitArg,
    /// Keyness scores a term only when it occurs at least this often (group + rest).
    #[arg(long, default_value_t = 5)]
    min_count: u64,
    /// Do not count frame hits inside passages an earlier article already contains.
    #[arg(long)]
    exclude_repeated: bool,
    /// Regenerate into a temporary folder and fail if the output folder differs.
    #[arg(long)]
    check: bool,
}

impl ReportArgs {
    fn config(&self) -> ReportConfig {
        let mut config = ReportConfig {
            group_by: self.input.group_by.clone(),
            ..ReportConfig::default()
        };
        config.clustering.k = self.clusters;
        config.clustering.seed = self.seed;
        config.statistics.seed = self.seed;
        config.syndication.exclude_repeated = self.exclude_repeated;
        config.statistics.keyness =
            config
                .statistics
                .keyness
                .min_count(self.min_count)
                .unit(match self.keyness_unit {
                    KeynessUnitArg::Tokens => features::keyness::KeynessUnit::Tokens,
                    KeynessUnitArg::Documents => features::keyness::KeynessUnit::Documents,
                });
        config
    }
}

/// A path that exists (a default path is looked up in the workspace later):
/// a missing corpus or lexicon is a usage error, caught with the arguments.
fn existing_path(value: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(value);
    let is_default = value == DEFAULT_CORPUS || value == DEFAULT_LEXICON;
    if path.exists() || is_default {
        Ok(path)
    } else {
        Err(format!("no file or folder at `{value}`"))
    }
}

/// A number of clusters: two or more.
fn at_least_two(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(k) if k >= 2 => Ok(k),
        Ok(k) => Err(format!("{k} clusters: a partition needs at least 2")),
        Err(e) => Err(format!("not a whole number ({e})")),
    }
}

/// The workspace root, so the defaults work from any directory.
pub fn workspace_root() -> PathBuf {
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
    let (input, lexicon) = args.input.resolve()?;
    let config = args.config();
    let name = input
        .corpus_name()
        .with_context(|| format!("cannot read the corpus {}", input.path.display()))?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| workspace_root().join("reports").join(&name));
    let bars = Bars::new();

    if args.check {
        let scratch = tempfile::tempdir().context("cannot create a temporary folder")?;
        let fresh = scratch.path().join(&name);
        report::generate(&input, &lexicon, &config, &fresh, &bars)
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
        );
    }

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

/// `cargo xtask lexicon-check`: prints the check as Markdown.
pub fn lexicon_check(args: &InputArgs) -> anyhow::Result<()> {
    let (input, lexicon_path) = args.resolve()?;
    let lexicon = features::Lexicon::load(&lexicon_path)?;
    let scratch = tempfile::tempdir().context("cannot create a temporary folder")?;
    let mut writer = ReportWriter::new(&scratch.path().join("check"))?;
    let config = ReportConfig {
        group_by: args.group_by.clone(),
        ..ReportConfig::default()
    };
    let analysis = report::analyze(
        &input,
        lexicon,
        String::new(),
        &config,
        &mut writer,
        &Bars::new(),
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
