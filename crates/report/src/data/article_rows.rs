//! The first pass's per-article data files (`clean.jsonl`, `kwic.tsv`,
//! `quotes.tsv`, or their Parquet tables for large corpora): an
//! [`ArticleSink`] that formats each article's rows on the worker threads
//! and appends them in input order.
//!
//! Which encoding a large corpus gets is known only once the first pass has
//! counted its articles, while these files are written during it: with
//! `data_format = auto` they start as text, and when the article count
//! passes `scale.parquet_above_articles` the rows written so far are read
//! back into Parquet and the text files removed, so memory stays bounded
//! and the choice is the one the other tables get.

use std::io::BufRead;

use analysis::{ArticleSink, ArticleView, DataFormat, ScaleConfig};
use core_text::{Document, Quote, QuoteKind};

use crate::data::cells::{Cell, Kind, RowSink};
use crate::data::parquet_table::ParquetStream;
use crate::data::tsv::TsvStream;
use crate::error::ReportError;
use crate::output::{ReportWriter, StreamedFile};

/// The streamed files as text.
struct TextFiles {
    clean: StreamedFile,
    kwic: TsvStream,
    quotes: TsvStream,
}

/// The streamed files as Parquet.
struct ParquetFiles {
    clean: ParquetStream,
    kwic: ParquetStream,
    quotes: ParquetStream,
}

/// The streamed files of a report being written.
pub struct ArticleFiles {
    text: Option<TextFiles>,
    parquet: Option<ParquetFiles>,
    /// With `auto`: the article count above which the text turns into
    /// Parquet (the Parquet files are open from the start, unused until then).
    switch_above: Option<usize>,
    written: usize,
    /// Files to leave out of the report at the end.
    unwanted: Vec<&'static str>,
}

/// One article's rows, formatted (stored with a shard's digests).
#[derive(serde::Serialize, serde::Deserialize)]
pub struct ArticleRows {
    clean: CleanRow,
    kwic: Vec<[String; 10]>,
    quotes: Vec<Vec<String>>,
}

/// An article's cleaned text: its id, the removed lines as a JSON array,
/// and the kept text.
#[derive(serde::Serialize, serde::Deserialize)]
struct CleanRow {
    doc_id: String,
    removed: String,
    text: String,
}

/// Rows per row group of the streamed tables (articles for `clean`, a
/// sixteenth): their last, partial row group stays buffered until the whole
/// analysis is done, so it must be small (at the default size, the buffers
/// held 450 MB through the clustering of 100,000 articles).
const STREAMED_ROW_GROUP: usize = 1 << 14;

const CLEAN_COLUMNS: [(&str, Kind); 3] = [
    ("doc_id", Kind::Text),
    ("removed", Kind::Text),
    ("text", Kind::Text),
];

impl ArticleFiles {
    /// Opens the files in `writer`'s staging folder, in the encodings
    /// `scale` asks for.
    pub fn open(
        writer: &mut ReportWriter,
        scale: &ScaleConfig,
    ) -> Result<ArticleFiles, ReportError> {
        let (text, parquet, switch_above) = match scale.data_format {
            DataFormat::Text => (true, false, None),
            DataFormat::Parquet => (false, true, None),
            DataFormat::Both => (true, true, None),
            DataFormat::Auto => (true, true, Some(scale.parquet_above_articles)),
        };
        let text = if text {
            Some(TextFiles {
                clean: writer.stream("data/clean.jsonl")?,
                kwic: TsvStream::new(writer.stream("data/kwic.tsv")?, &kwic_header())?,
                quotes: TsvStream::new(writer.stream("data/quotes.tsv")?, &quotes_header())?,
            })
        } else {
            None
        };
        let parquet = if parquet {
            Some(ParquetFiles {
                clean: ParquetStream::new(
                    writer.stream("data/clean.parquet")?,
                    "clean",
                    &CLEAN_COLUMNS,
                )?
                .with_row_group(STREAMED_ROW_GROUP / 16),
                kwic: ParquetStream::new(
                    writer.stream("data/kwic.parquet")?,
                    "kwic",
                    &KWIC_COLUMNS,
                )?
                .with_row_group(STREAMED_ROW_GROUP),
                quotes: ParquetStream::new(
                    writer.stream("data/quotes.parquet")?,
                    "quotes",
                    &QUOTES_COLUMNS,
                )?
                .with_row_group(STREAMED_ROW_GROUP),
            })
        } else {
            None
        };
        Ok(ArticleFiles {
            text,
            parquet,
            switch_above,
            written: 0,
            unwanted: Vec::new(),
        })
    }

    /// Closes the files (if the pass has not), and removes those of the
    /// encoding not chosen.
    pub fn finish(mut self, writer: &mut ReportWriter) -> Result<(), ReportError> {
        self.close()?;
        for file in std::mem::take(&mut self.unwanted) {
            writer.remove(file)?;
        }
        Ok(())
    }

    /// Closes the files, noting those of the encoding not chosen.
    fn close(&mut self) -> Result<(), ReportError> {
        if let Some(text) = self.text.take() {
            text.finish()?;
        }
        if let Some(parquet) = self.parquet.take() {
            parquet.clean.finish()?;
            parquet.kwic.finish()?;
            parquet.quotes.finish()?;
            if self.switch_above.is_some() {
                // `auto` that never passed the limit: text only.
                self.unwanted.extend([
                    "data/clean.parquet",
                    "data/kwic.parquet",
                    "data/quotes.parquet",
                ]);
            }
        }
        Ok(())
    }

    /// Turns the text written so far into Parquet, and goes on in Parquet.
    fn switch_to_parquet(&mut self) -> Result<(), ReportError> {
        self.switch_above = None;
        let Some(text) = self.text.take() else {
            return Ok(());
        };
        let paths = [
            text.clean.path().to_path_buf(),
            text.kwic.path().to_path_buf(),
            text.quotes.path().to_path_buf(),
        ];
        text.finish()?;
        let parquet = self.parquet.as_mut().expect("auto opens the Parquet files");
        copy_clean(&paths[0], &mut parquet.clean)?;
        copy_tsv(&paths[1], &KWIC_COLUMNS, &mut parquet.kwic)?;
        copy_tsv(&paths[2], &QUOTES_COLUMNS, &mut parquet.quotes)?;
        self.unwanted
            .extend(["data/clean.jsonl", "data/kwic.tsv", "data/quotes.tsv"]);
        Ok(())
    }
}

impl TextFiles {
    fn write(&mut self, rows: &ArticleRows) -> Result<(), ReportError> {
        self.clean.append(clean_line(&rows.clean).as_bytes())?;
        for row in &rows.kwic {
            self.kwic.row(row)?;
        }
        for row in &rows.quotes {
            self.quotes.row(row)?;
        }
        Ok(())
    }

    fn finish(self) -> Result<(), ReportError> {
        self.clean.finish()?;
        self.kwic.finish()?;
        self.quotes.finish()
    }
}

impl ParquetFiles {
    fn write(&mut self, rows: &ArticleRows) -> Result<(), ReportError> {
        let clean = &rows.clean;
        self.clean.row(&[
            Cell::Text(&clean.doc_id),
            Cell::Text(&clean.removed),
            Cell::Text(&clean.text),
        ])?;
        for row in &rows.kwic {
            self.kwic.row(&typed(row, &KWIC_COLUMNS))?;
        }
        for row in &rows.quotes {
            self.quotes.row(&typed(row, &QUOTES_COLUMNS))?;
        }
        Ok(())
    }
}

/// A text row as the typed cells of `columns` (positions are integers,
/// formatted by this module, so they parse).
fn typed<'a, S: AsRef<str>>(row: &'a [S], columns: &[(&str, Kind)]) -> Vec<Cell<'a>> {
    row.iter()
        .zip(columns)
        .map(|(value, &(_, kind))| {
            let value = value.as_ref();
            match kind {
                Kind::Integer => {
                    Cell::Integer(value.parse().expect("a position this module wrote"))
                }
                _ => Cell::Text(value),
            }
        })
        .collect()
}

/// The rows of a streamed TSV file (header skipped) into a Parquet table.
fn copy_tsv(
    path: &std::path::Path,
    columns: &[(&str, Kind)],
    table: &mut ParquetStream,
) -> Result<(), ReportError> {
    let failed = |e: csv::Error| ReportError::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_path(path)
        .map_err(failed)?;
    for record in reader.records() {
        let record = record.map_err(failed)?;
        let fields: Vec<&str> = record.iter().collect();
        table.row(&typed(&fields, columns))?;
    }
    Ok(())
}

/// The lines of a streamed `clean.jsonl` into the Parquet table.
fn copy_clean(path: &std::path::Path, table: &mut ParquetStream) -> Result<(), ReportError> {
    let failed = |e: std::io::Error| ReportError::Write {
        path: path.to_path_buf(),
        source: e,
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    for line in std::io::BufReader::new(file).lines() {
        let line = line.map_err(failed)?;
        let row: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| failed(std::io::Error::other(e)))?;
        let text = |key: &str| row[key].as_str().unwrap_or_default().to_owned();
        table.row(&[
            Cell::Text(&text("doc_id")),
            Cell::Text(&row["removed"].to_string()),
            Cell::Text(&text("text")),
        ])?;
    }
    Ok(())
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
            clean: clean_row(id, article.doc),
            kwic,
            quotes: article
                .quotes
                .iter()
                .map(|q| quote_row(id, article.doc, q))
                .collect(),
        }
    }

    fn write(&mut self, rows: ArticleRows) -> Result<(), ReportError> {
        self.written += 1;
        if self.switch_above.is_some_and(|limit| self.written > limit) {
            self.switch_to_parquet()?;
        }
        if let Some(text) = &mut self.text {
            text.write(&rows)?;
        }
        if self.switch_above.is_none() {
            if let Some(parquet) = &mut self.parquet {
                parquet.write(&rows)?;
            }
        }
        Ok(())
    }

    fn end_of_pass(&mut self) -> Result<(), ReportError> {
        self.close()
    }
}

/// The columns of `kwic.parquet`, as `kwic.tsv`'s.
const KWIC_COLUMNS: [(&str, Kind); 10] = [
    ("doc_id", Kind::Text),
    ("frame", Kind::Text),
    ("term", Kind::Text),
    ("start", Kind::Integer),
    ("end", Kind::Integer),
    ("left", Kind::Text),
    ("match", Kind::Text),
    ("right", Kind::Text),
    ("voice", Kind::Text),
    ("speaker", Kind::Text),
];

/// The columns of `quotes.parquet`, as `quotes.tsv`'s.
const QUOTES_COLUMNS: [(&str, Kind); 9] = [
    ("doc_id", Kind::Text),
    ("start", Kind::Integer),
    ("end", Kind::Integer),
    ("speaker", Kind::Text),
    ("cue", Kind::Text),
    ("text", Kind::Text),
    ("kind", Kind::Text),
    ("speaker_name", Kind::Text),
    ("speaker_role", Kind::Text),
];

/// The columns of `kwic.tsv`.
fn kwic_header() -> Vec<&'static str> {
    crate::data::cells::names(&KWIC_COLUMNS)
}

/// The columns of `quotes.tsv`.
fn quotes_header() -> Vec<&'static str> {
    crate::data::cells::names(&QUOTES_COLUMNS)
}

/// The cleaned text of an article, with its removed lines as JSON.
fn clean_row(id: &str, doc: &Document) -> CleanRow {
    #[derive(serde::Serialize)]
    struct Removed {
        end: usize,
        reason: String,
        start: usize,
    }
    let removed: Vec<Removed> = doc
        .removed
        .iter()
        .map(|r| Removed {
            end: r.span.end,
            reason: r.reason.to_string(),
            start: r.span.start,
        })
        .collect();
    CleanRow {
        doc_id: id.to_owned(),
        removed: serde_json::to_string(&removed).expect("serialising removed lines"),
        text: doc.kept_text(),
    }
}

/// The `clean.jsonl` line of an article. Fields in key order, as the data
/// contract has always written them (serde_json's compact form).
fn clean_line(row: &CleanRow) -> String {
    let string = |s: &str| serde_json::to_string(s).expect("serialising a string");
    format!(
        "{{\"doc_id\":{},\"removed\":{},\"text\":{}}}\n",
        string(&row.doc_id),
        row.removed,
        string(&row.text)
    )
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
