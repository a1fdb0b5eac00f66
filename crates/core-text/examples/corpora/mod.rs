//! The corpora the examples measure and compare (the 10kGNAD test split,
//! the seed articles), read straight from the repository.

use std::path::{Path, PathBuf};

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The 1,028 article texts of `corpus/10kgnad-test/test.csv` (no header,
/// `;` delimiter, `'` quote, columns label;text).
pub fn tenkgnad() -> Vec<String> {
    let path = workspace_root().join("corpus/10kgnad-test/test.csv");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(b';')
        .quote(b'\'')
        .from_path(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader
        .records()
        .map(|r| r.expect("csv record")[1].to_owned())
        .collect()
}
