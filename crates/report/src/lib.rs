//! Reports: the Markdown, SVG and data files a reader opens.
//!
//! `report` renders an [`Analysis`] (made by the `analysis` crate) and
//! computes no statistic of its own: [`render`] writes `report.md`
//! ([`markdown`]), `charts/*.svg` ([`charts`], chosen by `figures`) and the
//! `data/` contract ([`data`]) through a [`ReportWriter`], which swaps the
//! finished folder in only once everything has succeeded: a failed run
//! never destroys the last good report. [`generate`] runs the analysis with
//! the report's own [`ArticleSink`](analysis::ArticleSink), which streams
//! the large per-article files as the first pass goes, then renders;
//! [`generate_from_shards`] does the same from the shard digests that
//! [`shards::write_shard`] stores (`rahmen digest`, `rahmen report --digests`).
//!
//! # Example
//!
//! ```
//! use std::path::Path;
//! let dir = tempfile::tempdir().unwrap();
//! let corpus = dir.path().join("corpus");
//! std::fs::create_dir(&corpus).unwrap();
//! for (name, text) in [
//!     ("a.txt", "Russland fordert Sicherheitsgarantien und warnt vor der NATO-Osterweiterung."),
//!     ("b.txt", "Die NATO bietet Russland Dialog an und lehnt ein Ende der Osterweiterung ab."),
//!     ("c.txt", "In Genf beginnen die Gespräche über Sicherheitsgarantien zwischen Russland und den USA."),
//! ] {
//!     std::fs::write(corpus.join(name), text).unwrap();
//! }
//! let lexicon = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lexicons/security-de.toml");
//! let input = analysis::Input::folder(&corpus);
//! let out = dir.path().join("report");
//! let config = analysis::AnalysisConfig::default();
//! let analysis = report::generate(&input, &lexicon, &config, &out, &analysis::Silent).unwrap();
//! assert_eq!(analysis.articles.len(), 3);
//! assert!(out.join("report.md").is_file());
//! assert!(out.join("data/tfidf.mtx").is_file());
//! ```

pub mod charts;
pub mod data;
mod error;
mod figures;
pub mod lexicon_check;
pub mod markdown;
pub mod numbers;
pub mod output;
#[cfg(test)]
mod properties;
pub mod shards;
pub mod suggestions;

use std::path::Path;

use analysis::{Analysis, AnalysisConfig, Progress, ProgressUnit, Source};

pub use error::ReportError;
pub use lexicon_check::lexicon_check;
pub use output::{Difference, GENERATED_MARKER, ReportWriter, compare_folders};

/// Writes report.md, the charts and the data files of an analysis.
pub fn render(analysis: &Analysis, writer: &mut ReportWriter) -> Result<(), ReportError> {
    writer.add("report.md", markdown::report_markdown(analysis))?;
    figures::add_charts(analysis, writer)?;
    data::add_data_files(analysis, writer)
}

/// The file name a lexicon is recorded under in `config.json`.
pub fn lexicon_file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads the corpus and the lexicon, analyses, and writes the report to
/// `out`, replacing what was there only when everything has succeeded.
pub fn generate(
    source: &dyn Source,
    lexicon_path: &Path,
    config: &AnalysisConfig,
    out: &Path,
    progress: &dyn Progress,
) -> Result<Analysis, ReportError> {
    generate_validated(source, lexicon_path, config, None, out, progress)
}

/// [`generate`], with the coders' codes scored against the hits (the
/// section "How valid are the hits?", `validation.tsv`, corrected rates).
pub fn generate_validated(
    source: &dyn Source,
    lexicon_path: &Path,
    config: &AnalysisConfig,
    codes: Option<&analysis::validation::Codes>,
    out: &Path,
    progress: &dyn Progress,
) -> Result<Analysis, ReportError> {
    generate_with(
        lexicon_path,
        config,
        codes,
        out,
        progress,
        |lexicon, files| {
            analysis::analyze(
                source,
                lexicon,
                lexicon_file_name(lexicon_path),
                config,
                files,
                progress,
            )
        },
    )
}

/// [`generate_validated`] from the digests of `rahmen digest` in `digests`
/// (one folder per shard) instead of a first pass over the corpus; the
/// corpus is read again only for the second pass's evidence lines. The
/// report is the same, byte for byte.
pub fn generate_from_shards(
    source: &dyn Source,
    lexicon_path: &Path,
    config: &AnalysisConfig,
    digests: &Path,
    codes: Option<&analysis::validation::Codes>,
    out: &Path,
    progress: &dyn Progress,
) -> Result<Analysis, ReportError> {
    let shards = shards::Shards::open(digests, lexicon_path, config)?;
    generate_with(
        lexicon_path,
        config,
        codes,
        out,
        progress,
        |lexicon, files| {
            shards.analyze(
                source,
                lexicon,
                lexicon_file_name(lexicon_path),
                config,
                files,
                progress,
            )
        },
    )
}

/// Runs `analyze` with the report's streamed files as its sink, scores
/// the codes, renders, and swaps the report in.
fn generate_with(
    lexicon_path: &Path,
    config: &AnalysisConfig,
    codes: Option<&analysis::validation::Codes>,
    out: &Path,
    progress: &dyn Progress,
    analyze: impl FnOnce(
        features::Lexicon,
        &mut data::article_rows::ArticleFiles,
    ) -> Result<Analysis, analysis::AnalysisError>,
) -> Result<Analysis, ReportError> {
    let lexicon = features::Lexicon::load(lexicon_path)?;
    let mut writer = ReportWriter::new(out)?;
    let mut article_files = data::article_rows::ArticleFiles::open(&mut writer, &config.scale)?;
    let analysis = analyze(lexicon, &mut article_files).map_err(unwrap_sink_error)?;
    article_files.finish(&mut writer)?;
    let mut analysis = analysis;
    if let Some(codes) = codes {
        analysis.validation = Some(analysis::validation::score(&analysis, codes, config)?);
    }
    progress.start("writing the report", None, ProgressUnit::Steps);
    render(&analysis, &mut writer)?;
    writer.commit()?;
    progress.finish();
    Ok(analysis)
}

/// A failed data file stays a write error naming its path, not an
/// analysis error.
pub(crate) fn unwrap_sink_error(error: analysis::AnalysisError) -> ReportError {
    match error {
        analysis::AnalysisError::Sink(inner) => match inner.downcast::<ReportError>() {
            Ok(report_error) => *report_error,
            Err(other) => ReportError::Analysis(analysis::AnalysisError::Sink(other)),
        },
        other => ReportError::Analysis(other),
    }
}
