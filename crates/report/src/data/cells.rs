//! A data table's rows as typed cells, so that one function lists a table's
//! rows and either encoding writes them: text (TSV) for small corpora,
//! Parquet for large ones.

use crate::error::ReportError;

/// The type of a column, for the Parquet schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text.
    Text,
    /// A 64-bit integer.
    Integer,
    /// A 64-bit float (in text, the shortest form that reads back exactly).
    Real,
    /// Bytes (in text, hexadecimal): a shard's stored digests.
    Bytes,
}

/// One value of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// Text.
    Text(&'a str),
    /// An integer.
    Integer(i64),
    /// A float.
    Real(f64),
    /// Bytes.
    Bytes(&'a [u8]),
}

/// Where a table's rows go.
pub trait RowSink {
    /// Appends one row, one cell per column in the table's column order.
    fn row(&mut self, cells: &[Cell]) -> Result<(), ReportError>;
}

/// The names of `columns`, for a TSV header.
pub fn names<'a>(columns: &[(&'a str, Kind)]) -> Vec<&'a str> {
    columns.iter().map(|(name, _)| *name).collect()
}
