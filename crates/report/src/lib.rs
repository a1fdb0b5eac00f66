//! Reports: the Markdown, SVG and data files a reader opens.
//!
//! `report` is the last stage of Rahmen and, with `xtask`, the only one that
//! writes files. [`analyze`] runs the pipeline on a loaded corpus (text →
//! terms → TF-IDF → similarity, clusters, frames) into an [`Analysis`];
//! [`render`] turns it into [`ReportFiles`] in memory (`report.md`,
//! `charts/*.svg`, the `data/` contract); [`ReportFiles::write`] swaps them
//! into the output folder only once everything has succeeded, so a failed
//! run never destroys the last good report.
//!
//! # Example
//!
//! ```
//! use std::path::Path;
//! let dir = tempfile::tempdir().unwrap();
//! for (name, text) in [
//!     ("a.txt", "Russland fordert Sicherheitsgarantien und warnt vor der NATO-Osterweiterung."),
//!     ("b.txt", "Die NATO bietet Russland Dialog an und lehnt ein Ende der Osterweiterung ab."),
//!     ("c.txt", "In Genf beginnen die Gespräche über Sicherheitsgarantien zwischen Russland und den USA."),
//! ] {
//!     std::fs::write(dir.path().join(name), text).unwrap();
//! }
//! let lexicon = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lexicons/security-de.toml");
//! let (analysis, files) = report::generate(dir.path(), &lexicon, &report::ReportConfig::default()).unwrap();
//! assert_eq!(analysis.articles.len(), 3);
//! assert!(files.files.contains_key(Path::new("report.md")));
//! assert!(files.files.contains_key(Path::new("data/tfidf.mtx")));
//! ```

pub mod analysis;
pub mod charts;
pub mod config;
pub mod data;
mod error;
mod figures;
pub mod lexicon_check;
pub mod markdown;
mod markdown_passages;
mod markdown_statistics;
mod markdown_voices;
pub mod numbers;
pub mod output;
pub mod statistics;
pub mod voices;

use std::path::Path;

pub use analysis::{Analysis, ArticleInfo, Clustering, FrameRate, GroupFrames, KChoice, analyze};
pub use config::{ClusteringConfig, DisplayConfig, ReportConfig};
pub use error::ReportError;
pub use lexicon_check::lexicon_check;
pub use output::{Difference, GENERATED_MARKER, ReportFiles, compare_folders};

/// Renders an analysis into report files, in memory.
pub fn render(analysis: &Analysis) -> Result<ReportFiles, ReportError> {
    let mut files = ReportFiles::default();
    files.add("report.md", markdown::report_markdown(analysis));
    figures::add_charts(analysis, &mut files)?;
    data::add_data_files(analysis, &mut files);
    Ok(files)
}

/// Loads the corpus folder and the lexicon, analyses and renders.
pub fn generate(
    corpus_dir: &Path,
    lexicon_path: &Path,
    config: &ReportConfig,
) -> Result<(Analysis, ReportFiles), ReportError> {
    let corpus = corpus::load(corpus_dir)?;
    let lexicon = features::Lexicon::load(lexicon_path)?;
    let lexicon_file = lexicon_path.file_name().map_or_else(
        || lexicon_path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let analysis = analyze(corpus, lexicon, lexicon_file, config)?;
    let files = render(&analysis)?;
    Ok((analysis, files))
}
