//! The first pass's per-article data files (`clean.jsonl`, `kwic.tsv`,
//! `quotes.tsv`): an [`ArticleSink`] that formats each article's rows on
//! the worker threads and appends them in input order.

use analysis::{ArticleSink, ArticleView};
use core_text::{Document, Quote, QuoteKind};

use crate::data::tsv::TsvStream;
use crate::error::ReportError;
use crate::output::{ReportWriter, StreamedFile};

/// The three streamed files of a report being written.
pub struct ArticleFiles {
    clean: StreamedFile,
    kwic: TsvStream,
    quotes: TsvStream,
}

/// One article's rows, formatted (stored with a shard's digests).
#[derive(serde::Serialize, serde::Deserialize)]
pub struct ArticleRows {
    clean: String,
    kwic: Vec<[String; 10]>,
    quotes: Vec<Vec<String>>,
}

impl ArticleFiles {
    /// Opens the files in `writer`'s staging folder.
    pub fn open(writer: &mut ReportWriter) -> Result<ArticleFiles, ReportError> {
        Ok(ArticleFiles {
            clean: writer.stream("data/clean.jsonl")?,
            kwic: TsvStream::new(writer.stream("data/kwic.tsv")?, &kwic_header())?,
            quotes: TsvStream::new(writer.stream("data/quotes.tsv")?, &quotes_header())?,
        })
    }

    /// Closes the files.
    pub fn finish(self) -> Result<(), ReportError> {
        self.clean.finish()?;
        self.kwic.finish()?;
        self.quotes.finish()
    }
}

impl ArticleSink for ArticleFiles {
    type Rows = ArticleRows;
    type Error = ReportError;

    fn prepare(article: &ArticleView<'_>) -> ArticleRows {
        let id = &article.info.id;
        let kwic = article
            .hits
            .iter()
            .zip(article.contexts)
            .map(|(hit, line)| {
                let frame = &article.lexicon.frames[hit.frame];
                [
                    id.clone(),
                    frame.id.clone(),
                    frame.terms[hit.term].pattern.clone(),
                    hit.span.start.to_string(),
                    hit.span.end.to_string(),
                    line.left.clone(),
                    line.keyword.clone(),
                    line.right.clone(),
                    hit.voice.kind().to_owned(),
                    hit.voice.speaker().unwrap_or_default().to_owned(),
                ]
            })
            .collect();
        ArticleRows {
            clean: clean_line(id, article.doc),
            kwic,
            quotes: article
                .quotes
                .iter()
                .map(|q| quote_row(id, article.doc, q))
                .collect(),
        }
    }

    fn write(&mut self, rows: ArticleRows) -> Result<(), ReportError> {
        self.clean.append(rows.clean.as_bytes())?;
        for row in &rows.kwic {
            self.kwic.row(row)?;
        }
        for row in &rows.quotes {
            self.quotes.row(row)?;
        }
        Ok(())
    }
}

/// The columns of `kwic.tsv`.
fn kwic_header() -> Vec<&'static str> {
    vec![
        "doc_id", "frame", "term", "start", "end", "left", "match", "right", "voice", "speaker",
    ]
}

/// The columns of `quotes.tsv`.
fn quotes_header() -> Vec<&'static str> {
    vec![
        "doc_id",
        "start",
        "end",
        "speaker",
        "cue",
        "text",
        "kind",
        "speaker_name",
        "speaker_role",
    ]
}

/// The `clean.jsonl` line of an article. Fields in key order, as the data
/// contract has always written them.
fn clean_line(id: &str, doc: &Document) -> String {
    #[derive(serde::Serialize)]
    struct Removed {
        end: usize,
        reason: String,
        start: usize,
    }
    #[derive(serde::Serialize)]
    struct Line<'a> {
        doc_id: &'a str,
        removed: Vec<Removed>,
        text: String,
    }
    let line = Line {
        doc_id: id,
        removed: doc
            .removed
            .iter()
            .map(|r| Removed {
                end: r.span.end,
                reason: r.reason.to_string(),
                start: r.span.start,
            })
            .collect(),
        text: doc.kept_text(),
    };
    let mut out = serde_json::to_string(&line).expect("serialising a clean line");
    out.push('\n');
    out
}

/// The `quotes.tsv` row of a quotation.
fn quote_row(id: &str, doc: &Document, quote: &Quote) -> Vec<String> {
    let speaker = quote.speaker.as_ref();
    vec![
        id.to_owned(),
        quote.span.start.to_string(),
        quote.span.end.to_string(),
        speaker.map_or_else(String::new, |s| s.key.clone()),
        quote.cue.clone().unwrap_or_default(),
        quote
            .content
            .of(&doc.text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        match quote.kind {
            QuoteKind::Direct => "direct".to_owned(),
            QuoteKind::Reported => "reported".to_owned(),
        },
        speaker.map_or_else(String::new, |s| s.name.clone()),
        speaker.and_then(|s| s.role.clone()).unwrap_or_default(),
    ]
}
