//! core-text
