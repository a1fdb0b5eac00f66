//! One measurement in a fresh process (the hidden `bench-run`), so that
//! each figure's peak memory is its own: the features stage alone or the
//! whole report, printed as `articles seconds peak_rss`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use analysis::{AnalysisConfig, Input, Silent};
use anyhow::bail;
use clap::Args;
use corpus::{Entry, FieldMapping, InputOptions};
use rahmen::args::workspace_root;

/// Options of the hidden `bench-run` (one measurement in a fresh process).
#[derive(Args)]
pub struct BenchRunArgs {
    /// The 10kGNAD CSV to read, or a folder of .txt articles.
    #[arg(long)]
    corpus: PathBuf,
    /// `features` (tokenize + count + TF-IDF) or `report` (everything).
    #[arg(long)]
    stage: String,
    /// Output folder for the report stage.
    #[arg(long)]
    out: PathBuf,
}

/// The 10kGNAD input options (no header, `;`, `'`, grouped by label).
fn tenkgnad(path: &Path) -> Input {
    Input {
        path: path.to_path_buf(),
        options: InputOptions {
            delimiter: Some(b';'),
            quote: b'\'',
            has_header: false,
            columns: Some(vec!["label".into(), "text".into()]),
            fields: FieldMapping::default(),
            group_by: Some("label".into()),
            ..InputOptions::default()
        },
        name: Some("10kgnad-test".into()),
    }
}

/// One measurement; prints `articles seconds peak_rss`.
pub fn run_one(args: &BenchRunArgs) -> anyhow::Result<()> {
    // A folder is the long-article corpus: read with the defaults, as
    // `cargo xtask report` reads a folder.
    let folder = args.corpus.is_dir();
    let input = if folder {
        Input {
            path: args.corpus.clone(),
            options: InputOptions::default(),
            name: None,
        }
    } else {
        tenkgnad(&args.corpus)
    };
    let start = Instant::now();
    let articles = match args.stage.as_str() {
        "features" => features_stage(&input)?,
        "report" => {
            let mut config = AnalysisConfig::default();
            if !folder {
                config.group_by = Some("label".into());
                config.clustering.k = Some(9);
            }
            let analysis = report::generate(
                &input,
                &workspace_root().join("lexicons/security-de.toml"),
                &config,
                &args.out,
                &Silent,
            )?;
            analysis.articles.len()
        }
        other => bail!("unknown stage {other}"),
    };
    let seconds = start.elapsed().as_secs_f64();
    println!("{articles} {seconds:.3} {}", peak_rss());
    Ok(())
}

/// Articles per read-ahead batch in the features stage: small, so the
/// workers wait little for the first batch (4,096 kept both cores idle for
/// about 70 ms at the start).
const FEATURES_BATCH: usize = 1024;

/// Read, tokenize, count and weight: what scikit-learn's TfidfVectorizer
/// does, with Rahmen's German tokenizer, stop words and stemmer.
fn features_stage(input: &Input) -> anyhow::Result<usize> {
    use rayon::prelude::*;
    let mut reader = corpus::open(&input.path, &input.options)?;
    let analyzer = core_text::Analyzer::new(&core_text::AnalyzerConfig::default());
    let index = features::WordIndex::new(&analyzer, None);
    let mut provisional: Vec<Vec<u32>> = Vec::new();
    reader.read_ahead(FEATURES_BATCH, |batch, _| {
        let terms: Vec<Vec<u32>> = batch
            .into_par_iter()
            .filter_map(|entry| match entry {
                Entry::Article(article) => Some(index.text_terms(&article.text)),
                Entry::Skipped(_) => None,
            })
            .collect();
        provisional.extend(terms);
        Ok::<(), anyhow::Error>(())
    })?;
    let keys = index.into_keys();
    let vocabulary = features::build_vocabulary(
        &keys,
        provisional.iter().map(Vec::as_slice),
        &features::LabelCounts::default(),
        features::DocFrequency::Count(1),
        features::DocFrequency::Share(1.0),
    )?;
    let mut sequences = provisional;
    sequences
        .par_iter_mut()
        .for_each(|ids| vocabulary.to_columns(ids));
    let counts = features::count_matrix(&sequences, vocabulary.terms.len());
    let articles = sequences.len();
    drop(sequences);
    let weights = features::tfidf(&counts, &features::TfidfConfig::default())?;
    drop(counts);
    std::hint::black_box(weights.matrix.nnz());
    Ok(articles)
}

/// Peak resident memory of this process (Linux), e.g. `412MB`.
fn peak_rss() -> String {
    rahmen::process_memory::status_kb("VmHWM")
        .map_or_else(|| "n/a".to_owned(), |kb| format!("{}MB", kb / 1024))
}
