//! Where a corpus comes from, so that each pass can read it from the start.

use std::path::{Path, PathBuf};

use corpus::CorpusReader;

use crate::error::AnalysisError;

/// Articles read and analysed at a time, in both passes.
pub const READ_BATCH: usize = 2048;

/// Where a corpus comes from, so the evidence pass can read it again.
pub trait Source {
    /// Opens the corpus from the start.
    fn open(&self) -> Result<CorpusReader, AnalysisError>;

    /// A name overriding the corpus's own, if any.
    fn name(&self) -> Option<String> {
        None
    }
}

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
    pub fn corpus_name(&self) -> Result<String, AnalysisError> {
        match &self.name {
            Some(name) => Ok(name.clone()),
            None => Ok(self.open()?.info().name.clone()),
        }
    }
}

impl Source for Input {
    fn open(&self) -> Result<CorpusReader, AnalysisError> {
        Ok(corpus::open(&self.path, &self.options)?)
    }

    fn name(&self) -> Option<String> {
        self.name.clone()
    }
}
