//! Where the first pass streams its per-article rows, as ripgrep's searcher
//! streams matches to a `Sink` the printer implements: the analysis never
//! writes a file, and memory stays bounded however large the corpus.

use core_text::{Document, Quote};
use features::Lexicon;

use crate::article::ArticleInfo;
use crate::hits::{ContextLine, Hit};

/// One analysed article, as a sink sees it while its document is at hand.
#[derive(Debug, Clone, Copy)]
pub struct ArticleView<'a> {
    /// Its metadata.
    pub info: &'a ArticleInfo,
    /// The analysed document (text, removed lines, tokens, sentences).
    pub doc: &'a Document,
    /// Its quotations and reported speech.
    pub quotes: &'a [Quote],
    /// Its frame hits, with their voice.
    pub hits: &'a [Hit],
    /// The context line of every hit (parallel to `hits`).
    pub contexts: &'a [ContextLine],
    /// The lexicon the hits refer to.
    pub lexicon: &'a Lexicon,
}

/// Receives every article of the first pass.
///
/// [`prepare`](ArticleSink::prepare) runs on the worker threads, once per
/// article, while its document is in memory (it needs no sink state, so
/// it runs beside the writing of the batch before); [`write`](ArticleSink::write)
/// then receives the prepared rows one article at a time, in input order.
pub trait ArticleSink {
    /// What `prepare` makes of one article (formatted rows, say).
    type Rows: Send;
    /// Why writing failed.
    type Error: std::error::Error + Send + Sync + 'static;

    /// Prepares the rows of one article; called in parallel.
    fn prepare(article: &ArticleView<'_>) -> Self::Rows;

    /// Takes the rows of the next article in input order.
    fn write(&mut self, rows: Self::Rows) -> Result<(), Self::Error>;

    /// Called once after the last article: a sink closes its files here,
    /// so that their buffers are not held through the rest of the analysis.
    fn end_of_pass(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// A sink that keeps nothing: for tests and the lexicon check.
#[derive(Debug, Clone, Copy, Default)]
pub struct NullSink;

impl ArticleSink for NullSink {
    type Rows = ();
    type Error = std::convert::Infallible;

    fn prepare(_: &ArticleView<'_>) {}

    fn write(&mut self, (): ()) -> Result<(), Self::Error> {
        Ok(())
    }
}
