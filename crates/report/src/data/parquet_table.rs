//! Parquet tables for large corpora: typed columns, Snappy-compressed, read
//! unchanged by pandas, polars, DuckDB and R's arrow. Formatting a hundred
//! million floats as text is the slow part of a large report's data files;
//! Parquet stores the f64 bits, so the numbers are the exact ones as well.
//!
//! Rows are buffered column by column, in Arrow arrays (every text of a
//! column in one buffer), and written by Parquet's Arrow writer as a row
//! group every [`ROW_GROUP`] rows, so memory stays bounded whatever the
//! table's length. The bytes depend only on the rows: no timestamp enters
//! the file.

use std::sync::Arc;

use arrow_array::builder::{BinaryBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_writer::ArrowWriterOptions;
use parquet::basic::Compression;
use parquet::errors::ParquetError;
use parquet::file::properties::{EnabledStatistics, WriterProperties, WriterVersion};
use parquet::schema::types::ColumnPath;

use super::cells::{Cell, Kind, RowSink};
use crate::error::ReportError;
use crate::output::StreamedFile;

/// Rows per row group: at most about 40 MB of buffered cells per table (a
/// few tables are written at once), and large enough that readers scan
/// efficiently.
pub const ROW_GROUP: usize = 1 << 18;

/// Bytes of text one column buffers before its row group is written
/// whatever the number of rows: an Arrow text array holds at most 2 GiB.
const TEXT_BYTES: usize = 1 << 30;

/// One buffered column. Each value is copied into its column's buffer:
/// a Parquet value of its own per row (an allocation and a reference
/// count each) took a third of a large report's writing time.
enum Values {
    Text(StringBuilder),
    Bytes(BinaryBuilder),
    Integer(Int64Builder),
    Real(Float64Builder),
}

/// A Parquet table written row group by row group.
pub struct ParquetStream {
    path: std::path::PathBuf,
    writer: ArrowWriter<StreamedFile>,
    schema: SchemaRef,
    columns: Vec<Values>,
    rows: usize,
    row_group: usize,
}

impl ParquetStream {
    /// Starts a table named `name` with the given columns, all required.
    pub fn new(
        file: StreamedFile,
        name: &str,
        columns: &[(&str, Kind)],
    ) -> Result<ParquetStream, ReportError> {
        let path = file.path().to_path_buf();
        let failed = parquet_error(&path);
        let fields: Vec<Field> = columns
            .iter()
            .map(|&(column, kind)| {
                let data_type = match kind {
                    Kind::Text => DataType::Utf8,
                    Kind::Integer => DataType::Int64,
                    Kind::Real => DataType::Float64,
                    Kind::Bytes => DataType::Binary,
                };
                Field::new(column, data_type, false)
            })
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let mut properties = WriterProperties::builder()
            .set_writer_version(WriterVersion::PARQUET_1_0)
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(None)
            .set_created_by(concat!("rahmen ", env!("CARGO_PKG_VERSION")).to_owned());
        // Min/max statistics of text columns cost a comparison per value
        // and help no reader of these tables: numbers keep theirs.
        for &(column, kind) in columns {
            if matches!(kind, Kind::Text | Kind::Bytes) {
                properties = properties.set_column_statistics_enabled(
                    ColumnPath::from(column),
                    EnabledStatistics::None,
                );
            }
        }
        // The Parquet schema alone says what a reader needs (text, bytes,
        // 64-bit numbers): no Arrow schema is stored beside it.
        let options = ArrowWriterOptions::new()
            .with_properties(properties.build())
            .with_skip_arrow_metadata(true)
            .with_schema_root(name.to_owned());
        let writer = ArrowWriter::try_new_with_options(file, Arc::clone(&schema), options)
            .map_err(failed)?;
        let columns = columns
            .iter()
            .map(|&(_, kind)| match kind {
                Kind::Text => Values::Text(StringBuilder::new()),
                Kind::Bytes => Values::Bytes(BinaryBuilder::new()),
                Kind::Integer => Values::Integer(Int64Builder::new()),
                Kind::Real => Values::Real(Float64Builder::new()),
            })
            .collect();
        Ok(ParquetStream {
            path,
            writer,
            schema,
            columns,
            rows: 0,
            row_group: ROW_GROUP,
        })
    }

    /// Writes a row group every `rows` rows instead of every [`ROW_GROUP`]:
    /// for tables of large cells (a shard's digests), to bound the buffer.
    pub fn with_row_group(mut self, rows: usize) -> ParquetStream {
        self.row_group = rows.max(1);
        self
    }

    /// Sets column `column` of the current row to a text.
    ///
    /// # Panics
    /// When the column is a number column.
    pub fn text(&mut self, column: usize, value: &str) {
        match &mut self.columns[column] {
            Values::Text(values) => values.append_value(value),
            Values::Bytes(values) => values.append_value(value),
            _ => panic!("column {column} is not text or bytes"),
        }
    }

    /// Sets column `column` of the current row to bytes.
    ///
    /// # Panics
    /// When the column is not a bytes column.
    pub fn bytes(&mut self, column: usize, value: &[u8]) {
        match &mut self.columns[column] {
            Values::Bytes(values) => values.append_value(value),
            _ => panic!("column {column} is not bytes"),
        }
    }

    /// Sets column `column` of the current row to an integer.
    ///
    /// # Panics
    /// When the column is not an integer column.
    pub fn integer(&mut self, column: usize, value: i64) {
        match &mut self.columns[column] {
            Values::Integer(values) => values.append_value(value),
            _ => panic!("column {column} is not an integer"),
        }
    }

    /// Sets column `column` of the current row to a float.
    ///
    /// # Panics
    /// When the column is not a float column.
    pub fn real(&mut self, column: usize, value: f64) {
        match &mut self.columns[column] {
            Values::Real(values) => values.append_value(value),
            _ => panic!("column {column} is not a float"),
        }
    }

    /// Ends the current row (every column set once); writes a row group
    /// when enough rows (or text) are buffered.
    pub fn end_row(&mut self) -> Result<(), ReportError> {
        self.rows += 1;
        debug_assert!(self.columns.iter().all(|c| c.len() == self.rows));
        if self.rows >= self.row_group || self.columns.iter().any(|c| c.bytes() >= TEXT_BYTES) {
            self.flush_rows()?;
        }
        Ok(())
    }

    /// Writes the buffered rows as one row group.
    fn flush_rows(&mut self) -> Result<(), ReportError> {
        if self.rows == 0 {
            return Ok(());
        }
        let failed = parquet_error(&self.path);
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Values::finish).collect();
        let batch = RecordBatch::try_new(Arc::clone(&self.schema), arrays)
            .map_err(|error| failed(ParquetError::from(error)))?;
        self.writer.write(&batch).map_err(&failed)?;
        self.writer.flush().map_err(&failed)?;
        self.rows = 0;
        Ok(())
    }

    /// Writes the last rows and the footer, and closes the file.
    pub fn finish(mut self) -> Result<(), ReportError> {
        self.flush_rows()?;
        let failed = parquet_error(&self.path);
        let file = self.writer.into_inner().map_err(failed)?;
        file.finish()
    }
}

impl RowSink for ParquetStream {
    fn row(&mut self, cells: &[Cell]) -> Result<(), ReportError> {
        debug_assert_eq!(cells.len(), self.columns.len());
        for (column, cell) in cells.iter().enumerate() {
            match *cell {
                Cell::Text(value) => self.text(column, value),
                Cell::Integer(value) => self.integer(column, value),
                Cell::Real(value) => self.real(column, value),
                Cell::Bytes(value) => self.bytes(column, value),
            }
        }
        self.end_row()
    }
}

impl Values {
    fn len(&self) -> usize {
        use arrow_array::builder::ArrayBuilder;
        match self {
            Values::Text(v) => v.len(),
            Values::Bytes(v) => v.len(),
            Values::Integer(v) => v.len(),
            Values::Real(v) => v.len(),
        }
    }

    /// Bytes of text buffered.
    fn bytes(&self) -> usize {
        match self {
            Values::Text(v) => v.values_slice().len(),
            Values::Bytes(v) => v.values_slice().len(),
            Values::Integer(_) | Values::Real(_) => 0,
        }
    }

    /// The buffered values as an array, the buffer emptied.
    fn finish(&mut self) -> ArrayRef {
        match self {
            Values::Text(v) => Arc::new(v.finish()),
            Values::Bytes(v) => Arc::new(v.finish()),
            Values::Integer(v) => Arc::new(v.finish()),
            Values::Real(v) => Arc::new(v.finish()),
        }
    }
}

fn parquet_error(path: &std::path::Path) -> impl Fn(ParquetError) -> ReportError + '_ {
    move |error| ReportError::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(error),
    }
}
