//! Parquet tables for large corpora: typed columns, Snappy-compressed, read
//! unchanged by pandas, polars, DuckDB and R's arrow. Formatting a hundred
//! million floats as text is the slow part of a large report's data files;
//! Parquet stores the f64 bits, so the numbers are the exact ones as well.
//!
//! Rows are buffered column by column and written as a row group every
//! [`ROW_GROUP`] rows, so memory stays bounded whatever the table's length.
//! The bytes depend only on the rows: no timestamp enters the file.

use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::{EnabledStatistics, WriterProperties, WriterVersion};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::ColumnPath;
use parquet::schema::types::Type;

use super::cells::{Cell, Kind, RowSink};
use crate::error::ReportError;
use crate::output::StreamedFile;

/// Rows per row group: at most about 40 MB of buffered cells per table (a
/// few tables are written at once), and large enough that readers scan
/// efficiently.
pub const ROW_GROUP: usize = 1 << 18;

/// One buffered column.
enum Values {
    /// Texts, with the last one kept to be shared by the next row when it
    /// is the same (an article's id repeats down its rows), and the
    /// [`Cell::Repeated`] texts by their index: a refcount instead of an
    /// allocation.
    Text(Vec<ByteArray>, Option<ByteArray>, Vec<Option<ByteArray>>),
    Integer(Vec<i64>),
    Real(Vec<f64>),
}

/// A Parquet table written row group by row group.
pub struct ParquetStream {
    path: std::path::PathBuf,
    writer: SerializedFileWriter<StreamedFile>,
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
        let fields = columns
            .iter()
            .map(|&(column, kind)| {
                let (physical, logical) = match kind {
                    Kind::Text => (
                        parquet::basic::Type::BYTE_ARRAY,
                        Some(parquet::basic::LogicalType::String),
                    ),
                    Kind::Integer => (parquet::basic::Type::INT64, None),
                    Kind::Real => (parquet::basic::Type::DOUBLE, None),
                    Kind::Bytes => (parquet::basic::Type::BYTE_ARRAY, None),
                };
                Type::primitive_type_builder(column, physical)
                    .with_repetition(parquet::basic::Repetition::REQUIRED)
                    .with_logical_type(logical)
                    .build()
                    .map(Arc::new)
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(&failed)?;
        let schema = Type::group_type_builder(name)
            .with_fields(fields)
            .build()
            .map_err(&failed)?;
        let mut properties = WriterProperties::builder()
            .set_writer_version(WriterVersion::PARQUET_1_0)
            .set_compression(Compression::SNAPPY)
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
        let properties = properties.build();
        let writer = SerializedFileWriter::new(file, Arc::new(schema), Arc::new(properties))
            .map_err(failed)?;
        let columns = columns
            .iter()
            .map(|&(_, kind)| match kind {
                Kind::Text | Kind::Bytes => Values::Text(Vec::new(), None, Vec::new()),
                Kind::Integer => Values::Integer(Vec::new()),
                Kind::Real => Values::Real(Vec::new()),
            })
            .collect();
        Ok(ParquetStream {
            path,
            writer,
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
    /// When the column is not a text column (a bug in the caller's table).
    pub fn text(&mut self, column: usize, value: &str) {
        self.bytes(column, value.as_bytes());
    }

    /// Sets column `column` of the current row to bytes (a text or a bytes
    /// column).
    ///
    /// # Panics
    /// When the column is a number column.
    pub fn bytes(&mut self, column: usize, value: &[u8]) {
        match &mut self.columns[column] {
            Values::Text(values, last, _) => {
                let bytes = match last {
                    Some(previous) if previous.data() == value => previous.clone(),
                    _ => {
                        let fresh = ByteArray::from(value.to_vec());
                        *last = Some(fresh.clone());
                        fresh
                    }
                };
                values.push(bytes);
            }
            _ => panic!("column {column} is not text or bytes"),
        }
    }

    /// Sets column `column` of the current row to the text named `index`
    /// (the caller's promise: the same index, the same text).
    ///
    /// # Panics
    /// When the column is a number column.
    pub fn repeated(&mut self, column: usize, value: &str, index: u32) {
        match &mut self.columns[column] {
            Values::Text(values, _, shared) => {
                let index = index as usize;
                if shared.len() <= index {
                    shared.resize(index + 1, None);
                }
                let bytes = shared[index]
                    .get_or_insert_with(|| ByteArray::from(value.as_bytes().to_vec()))
                    .clone();
                debug_assert_eq!(bytes.data(), value.as_bytes());
                values.push(bytes);
            }
            _ => panic!("column {column} is not text"),
        }
    }

    /// Sets column `column` of the current row to an integer.
    ///
    /// # Panics
    /// When the column is not an integer column.
    pub fn integer(&mut self, column: usize, value: i64) {
        match &mut self.columns[column] {
            Values::Integer(values) => values.push(value),
            _ => panic!("column {column} is not an integer"),
        }
    }

    /// Sets column `column` of the current row to a float.
    ///
    /// # Panics
    /// When the column is not a float column.
    pub fn real(&mut self, column: usize, value: f64) {
        match &mut self.columns[column] {
            Values::Real(values) => values.push(value),
            _ => panic!("column {column} is not a float"),
        }
    }

    /// Ends the current row (every column set once); writes a row group
    /// when enough rows are buffered.
    pub fn end_row(&mut self) -> Result<(), ReportError> {
        self.rows += 1;
        debug_assert!(self.columns.iter().all(|c| c.len() == self.rows));
        if self.rows >= self.row_group {
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
        let mut group = self.writer.next_row_group().map_err(&failed)?;
        for values in &mut self.columns {
            let mut column = group
                .next_column()
                .map_err(&failed)?
                .expect("one column writer per schema column");
            match values {
                Values::Text(v, _, _) => write_batch::<ByteArrayType>(&mut column, v),
                Values::Integer(v) => write_batch::<Int64Type>(&mut column, v),
                Values::Real(v) => write_batch::<DoubleType>(&mut column, v),
            }
            .map_err(&failed)?;
            column.close().map_err(&failed)?;
        }
        group.close().map_err(&failed)?;
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
                Cell::Repeated(value, index) => self.repeated(column, value, index),
            }
        }
        self.end_row()
    }
}

impl Values {
    fn len(&self) -> usize {
        match self {
            Values::Text(v, _, _) => v.len(),
            Values::Integer(v) => v.len(),
            Values::Real(v) => v.len(),
        }
    }
}

/// Writes one column's buffered values and empties the buffer.
fn write_batch<T: parquet::data_type::DataType>(
    column: &mut parquet::file::writer::SerializedColumnWriter<'_>,
    values: &mut Vec<T::T>,
) -> Result<(), ParquetError> {
    column.typed::<T>().write_batch(values, None, None)?;
    values.clear();
    Ok(())
}

fn parquet_error(path: &std::path::Path) -> impl Fn(ParquetError) -> ReportError + '_ {
    move |error| ReportError::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(error),
    }
}
