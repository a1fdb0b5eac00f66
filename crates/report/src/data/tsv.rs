//! Tab-separated tables, whole or streamed, quoted the same way: the leaf
//! every data file shares.

use super::cells::{Cell, RowSink};
use crate::error::ReportError;
use crate::numbers::exact;
use crate::output::StreamedFile;

/// A tab-separated table; fields are quoted (RFC 4180) only when they hold
/// a tab, a quote or a line break, which pandas and R read as is.
pub fn tsv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    writer.write_record(header).expect("writing to memory");
    for row in rows {
        writer.write_record(&row).expect("writing to memory");
    }
    writer.into_inner().expect("writing to memory")
}

/// A TSV file written row by row, with the same quoting as [`tsv`].
pub struct TsvStream {
    path: std::path::PathBuf,
    writer: csv::Writer<StreamedFile>,
}

impl TsvStream {
    /// Starts the file with its header.
    pub fn new(file: StreamedFile, header: &[&str]) -> Result<TsvStream, ReportError> {
        let path = file.path().to_path_buf();
        let mut stream = TsvStream {
            path,
            writer: csv::WriterBuilder::new()
                .delimiter(b'\t')
                .quote_style(csv::QuoteStyle::Necessary)
                .from_writer(file),
        };
        stream.row(header)?;
        Ok(stream)
    }

    /// Appends a row.
    pub fn row<S: AsRef<[u8]>>(&mut self, fields: &[S]) -> Result<(), ReportError> {
        self.writer
            .write_record(fields)
            .map_err(|e| ReportError::Write {
                path: self.path.clone(),
                source: e.into(),
            })
    }

    /// The file's path.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Closes the file.
    pub fn finish(self) -> Result<(), ReportError> {
        let path = self.path;
        let file = self.writer.into_inner().map_err(|e| ReportError::Write {
            path,
            source: e.into_error(),
        })?;
        file.finish()
    }
}

impl RowSink for TsvStream {
    fn row(&mut self, cells: &[Cell]) -> Result<(), ReportError> {
        let fields = text_fields(cells);
        TsvStream::row(self, &fields)
    }
}

/// A TSV table built in memory, row by row.
pub struct TsvBuffer {
    writer: csv::Writer<Vec<u8>>,
}

impl TsvBuffer {
    /// Starts the table with its header.
    pub fn new(header: &[&str]) -> TsvBuffer {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b'\t')
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(Vec::new());
        writer.write_record(header).expect("writing to memory");
        TsvBuffer { writer }
    }

    /// The table's bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.writer.into_inner().expect("writing to memory")
    }
}

impl RowSink for TsvBuffer {
    fn row(&mut self, cells: &[Cell]) -> Result<(), ReportError> {
        self.writer
            .write_record(text_fields(cells))
            .expect("writing to memory");
        Ok(())
    }
}

/// Cells as TSV fields: floats in their shortest exact form.
fn text_fields(cells: &[Cell]) -> Vec<String> {
    cells
        .iter()
        .map(|cell| match *cell {
            Cell::Text(value) => value.to_owned(),
            Cell::Integer(value) => itoa::Buffer::new().format(value).to_owned(),
            Cell::Real(value) => exact(value),
            Cell::Bytes(value) => value.iter().map(|b| format!("{b:02x}")).collect(),
        })
        .collect()
}
