//! Reading the corpus again for a few articles: the analysis keeps no text,
//! so evidence lines for a sample or for suggested terms are cut from a
//! fresh read, analysing only the articles asked for.

use core_text::{Document, TextConfig};
use corpus::Entry;
use rayon::prelude::*;

use crate::error::AnalysisError;
use crate::progress::{Progress, ProgressUnit};
use crate::source::{READ_BATCH, Source};

/// Reads the corpus from the start and, for every article `wanted` names
/// (by its index among the articles read), analyses its text and hands the
/// document to `each` on the worker threads; returns what `each` made, in
/// input order.
pub fn revisit<T: Send>(
    source: &dyn Source,
    wanted: impl Fn(usize) -> bool,
    text_config: &TextConfig,
    stage: &str,
    progress: &dyn Progress,
    each: impl Fn(usize, &Document) -> Vec<T> + Sync,
) -> Result<Vec<T>, AnalysisError> {
    let mut reader = source.open()?;
    progress.start(stage, reader.total_bytes(), ProgressUnit::Bytes);
    let (mut article, mut last_bytes) = (0usize, 0);
    let mut out = Vec::new();
    reader.read_ahead(READ_BATCH, |batch, bytes| {
        let mut texts = Vec::new();
        for entry in batch {
            if let Entry::Article(found) = entry {
                if wanted(article) {
                    texts.push((article, found.text));
                }
                article += 1;
            }
        }
        let made: Vec<Vec<T>> = texts
            .into_par_iter()
            .map(|(index, body)| each(index, &Document::analyze(body, text_config)))
            .collect();
        out.extend(made.into_iter().flatten());
        progress.advance(bytes - last_bytes);
        last_bytes = bytes;
        Ok::<(), AnalysisError>(())
    })?;
    progress.finish();
    Ok(out)
}
