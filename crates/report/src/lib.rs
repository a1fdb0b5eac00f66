//! Reports: the Markdown, SVG and data files a reader opens.
//!
//! `report` is the last stage of Rahmen and, with `xtask`, the only one that
//! writes files. [`generate`] reads a corpus in bounded batches (an
//! [`Input`]: folder, CSV or JSONL), analyses it ([`analyze`] → [`Analysis`]:
//! text → terms → TF-IDF → similarity, clusters, frames, voices, keyness,
//! uncertainty, shared passages) and writes `report.md`, `charts/*.svg` and
//! the `data/` contract through a [`ReportWriter`], which swaps the finished
//! folder in only once everything has succeeded: a failed run never destroys
//! the last good report.
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
//! let input = report::Input::folder(&corpus);
//! let out = dir.path().join("report");
//! let analysis = report::generate(&input, &lexicon, &report::ReportConfig::default(), &out, &report::Silent).unwrap();
//! assert_eq!(analysis.articles.len(), 3);
//! assert!(out.join("report.md").is_file());
//! assert!(out.join("data/tfidf.mtx").is_file());
//! ```

pub mod analysis;
pub mod charts;
pub mod clusters;
pub mod config;
pub mod data;
pub mod digest;
mod error;
pub mod evidence;
mod figures;
pub mod layout;
pub mod lexicon_check;
pub mod markdown;
mod markdown_clusters;
mod markdown_corpus;
mod markdown_frames;
mod markdown_passages;
mod markdown_statistics;
mod markdown_voices;
pub mod numbers;
pub mod output;
pub mod passages;
pub mod pipeline;
pub mod progress;
#[cfg(test)]
mod properties;
pub mod statistics;
pub mod voices;

use std::path::{Path, PathBuf};

pub use analysis::{Analysis, ArticleInfo, FrameRate, GroupFrames, Source, analyze};
pub use clusters::{Clustering, KChoice};
pub use config::{ClusteringConfig, DisplayConfig, ReportConfig, SyndicationConfig};
pub use error::ReportError;
pub use lexicon_check::lexicon_check;
pub use output::{Difference, GENERATED_MARKER, ReportWriter, compare_folders};
pub use progress::{Progress, Silent, Unit};

/// A corpus on disk and how to read it.
#[derive(Debug, Clone)]
pub struct Input {
    /// Folder, CSV/TSV or JSONL file.
    pub path: PathBuf,
    /// Format, CSV dialect, field mapping, grouping.
    pub options: corpus::InputOptions,
    /// A name for the corpus instead of its manifest name, folder name or file stem.
    pub name: Option<String>,
}

impl Input {
    /// A folder of text files (or any path, format detected) with default options.
    pub fn folder(path: &Path) -> Input {
        Input {
            path: path.to_path_buf(),
            options: corpus::InputOptions::default(),
            name: None,
        }
    }

    /// The corpus name: the one given, else the manifest name, folder name
    /// or file stem.
    pub fn corpus_name(&self) -> Result<String, ReportError> {
        match &self.name {
            Some(name) => Ok(name.clone()),
            None => Ok(self.open()?.info().name.clone()),
        }
    }
}

impl Source for Input {
    fn open(&self) -> Result<corpus::CorpusReader, ReportError> {
        Ok(corpus::open(&self.path, &self.options)?)
    }

    fn name(&self) -> Option<String> {
        self.name.clone()
    }
}

/// Writes report.md, the charts and the data files of an analysis.
pub fn render(analysis: &Analysis, writer: &mut ReportWriter) -> Result<(), ReportError> {
    writer.add("report.md", markdown::report_markdown(analysis))?;
    figures::add_charts(analysis, writer)?;
    data::add_data_files(analysis, writer)
}

/// Reads the corpus and the lexicon, analyses, and writes the report to
/// `out`, replacing what was there only when everything has succeeded.
pub fn generate(
    input: &Input,
    lexicon_path: &Path,
    config: &ReportConfig,
    out: &Path,
    progress: &dyn Progress,
) -> Result<Analysis, ReportError> {
    let lexicon = features::Lexicon::load(lexicon_path)?;
    let lexicon_file = lexicon_path.file_name().map_or_else(
        || lexicon_path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut writer = ReportWriter::new(out)?;
    let analysis = analyze(input, lexicon, lexicon_file, config, &mut writer, progress)?;
    progress.start("writing the report", None, Unit::Steps);
    render(&analysis, &mut writer)?;
    writer.commit()?;
    progress.finish();
    Ok(analysis)
}
