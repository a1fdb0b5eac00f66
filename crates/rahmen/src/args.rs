//! The command line's arguments: where the corpus and the lexicon are, how
//! to read the corpus, and the settings a user may change, turned into an
//! [`Input`] and an [`AnalysisConfig`].

use std::path::{Path, PathBuf};

use analysis::{AnalysisConfig, Input};
use anyhow::Context;
use clap::Args;
use corpus::{FieldMapping, Format, InputOptions};

/// The default corpus, relative to the workspace.
pub const DEFAULT_CORPUS: &str = "corpus/security-talks-2021";
/// The default lexicon, relative to the workspace.
pub const DEFAULT_LEXICON: &str = "lexicons/security-de.toml";

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
    pub group_by: Option<String>,
    /// Name of the corpus (report title and default output folder) [default: manifest name, folder name or file stem].
    #[arg(long)]
    name: Option<String>,
}

impl InputArgs {
    /// The corpus input and the lexicon path, defaults resolved against the workspace.
    pub fn resolve(&self) -> anyhow::Result<(Input, PathBuf)> {
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

/// Options of `rahmen report`.
#[derive(Args)]
pub struct ReportArgs {
    /// The corpus and the lexicon.
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder (default: `reports/<corpus name>` in the current folder; for `cargo xtask report`, in the workspace).
    #[arg(long)]
    pub out: Option<PathBuf>,
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
    /// Period of the timeline: articles are binned by the day, ISO week (Monday first) or month of their date.
    #[arg(long, value_parser = ["day", "week", "month"], default_value = "week")]
    bin: String,
    /// Whose naming the report profiles: the lexicon's `[[actor]]`s, or also the 10 speakers the quotation finder names in the most articles (`auto`).
    #[arg(long, value_parser = ["lexicon", "auto"], default_value = "lexicon")]
    pub actors: String,
    /// Which text the report's prose and charts lead with: all text, or each outlet's own text (without passages another outlet shares); the data files carry both.
    #[arg(long, value_parser = ["all", "own"], default_value = "all")]
    pub view: String,
    /// Coders' files (CSV with `hit_id` and `relevant` columns, from `rahmen validate sample`): adds precision, agreement and corrected rates to the report.
    #[arg(long, num_args = 1.., value_parser = existing_path)]
    pub codes: Vec<PathBuf>,
    /// How the big data tables (counts, TF-IDF, tokens, frames, keyness) are written: `auto` is text up to 10,000 articles and Parquet above.
    #[arg(long, value_parser = ["auto", "text", "parquet", "both"], default_value = "auto")]
    pub data_format: String,
    /// Make the report from the shard digests of `rahmen digest` in this folder instead of a first pass over the corpus (the corpus is read again only for evidence lines); the report is the same.
    #[arg(long, value_parser = existing_path)]
    pub digests: Option<PathBuf>,
}

/// The options of the validation sample and scoring.
#[derive(Args)]
pub struct ValidationArgs {
    /// Hits in the sample.
    #[arg(long = "n", default_value_t = 300)]
    pub sample_size: usize,
    /// Stratify by any of outlet, frame, term (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "outlet,frame")]
    pub stratify: Vec<String>,
    /// Seed of the draw.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Characters of context on each side of a sampled hit.
    #[arg(long, default_value_t = 200)]
    pub context: usize,
}

impl ValidationArgs {
    /// These options in the analysis settings, beside `group_by`.
    pub fn config(&self, group_by: Option<String>) -> AnalysisConfig {
        let mut config = AnalysisConfig {
            group_by,
            ..AnalysisConfig::default()
        };
        config.validation.sample_size = self.sample_size;
        config.validation.stratify = self.stratify.clone();
        config.validation.seed = self.seed;
        config.validation.context_width = self.context;
        config
    }
}

impl ReportArgs {
    /// The analysis settings these options ask for.
    pub fn config(&self) -> AnalysisConfig {
        let mut config = AnalysisConfig {
            group_by: self.input.group_by.clone(),
            ..AnalysisConfig::default()
        };
        config.clustering.k = self.clusters;
        config.clustering.seed = self.seed;
        config.statistics.seed = self.seed;
        config.syndication.exclude_repeated = self.exclude_repeated;
        config.timeline.bin = self.bin.clone();
        config.display.lead_view = self.view.clone();
        config.scale.data_format = match self.data_format.as_str() {
            "text" => analysis::DataFormat::Text,
            "parquet" => analysis::DataFormat::Parquet,
            "both" => analysis::DataFormat::Both,
            _ => analysis::DataFormat::Auto,
        };
        if self.actors == "auto" {
            config.labels.auto_actors = 10;
        }
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
        .ancestors()
        .nth(2)
        .expect("crates/rahmen lives inside the workspace")
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

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::{Cli, Command};

    fn report_args(flags: &[&str]) -> Result<ReportArgs, clap::Error> {
        let cli = Cli::try_parse_from(["rahmen", "report"].iter().chain(flags))?;
        match cli.command {
            Command::Report(args) => Ok(args),
            _ => unreachable!("parsed `report`"),
        }
    }

    #[test]
    fn flags_become_settings() {
        let args = report_args(&[
            "--seed",
            "7",
            "--clusters",
            "3",
            "--keyness-unit",
            "documents",
            "--min-count",
            "3",
            "--exclude-repeated",
            "--group-by",
            "label",
            "--bin",
            "month",
        ])
        .unwrap();
        let config = args.config();
        assert_eq!(config.clustering.k, Some(3));
        assert_eq!((config.clustering.seed, config.statistics.seed), (7, 7));
        assert_eq!(config.group_by.as_deref(), Some("label"));
        assert!(config.syndication.exclude_repeated);
        assert_eq!(config.timeline.bin, "month");
        let expected = features::keyness::KeynessParams::default()
            .min_count(3)
            .unit(features::keyness::KeynessUnit::Documents);
        assert_eq!(config.statistics.keyness, expected);
        let defaults = report_args(&[]).unwrap().config();
        assert_eq!(defaults, AnalysisConfig::default());
    }

    #[test]
    fn usage_errors_are_caught_with_the_arguments() {
        for flags in [
            &["--clusters", "1"][..],
            &["--clusters", "zwei"],
            &["--corpus", "/no/such/corpus"],
            &["--lexicon", "/no/such/lexicon.toml"],
            &["--format", "xml"],
            &["--bin", "year"],
        ] {
            let error = report_args(flags).err().expect("a usage error");
            assert_eq!(error.exit_code(), 2, "{flags:?}");
        }
    }

    #[test]
    fn defaults_are_found_from_any_folder() {
        let (input, lexicon) = report_args(&[]).unwrap().input.resolve().unwrap();
        assert!(input.path.join("manifest.toml").is_file(), "{input:?}");
        assert!(lexicon.is_file(), "{}", lexicon.display());
        let (input, _) = report_args(&["--delimiter", ";", "--quote", "'"])
            .unwrap()
            .input
            .resolve()
            .unwrap();
        assert_eq!(
            (input.options.delimiter, input.options.quote),
            (Some(b';'), b'\'')
        );
        let wide = report_args(&["--delimiter", "§"]).unwrap().input.resolve();
        assert!(wide.unwrap_err().to_string().contains("--delimiter"));
    }
}
