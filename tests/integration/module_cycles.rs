//! Dependencies point one way inside every crate: no module imports one
//! that imports it back (directly or around a longer circle). A `use
//! crate::…`, `use super::…` or `pub use child::…` edge that closes a
//! circle fails this test, with the lines that make the circle.

use rahmen_tests::module_graph::{ModuleGraph, describe};

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let root = rahmen_tests::workspace_root();
    let mut sources: Vec<(String, std::path::PathBuf)> = std::fs::read_dir(root.join("crates"))
        .expect("crates/")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, path.join("src"))
        })
        .collect();
    sources.push(("xtask".into(), root.join("xtask/src")));
    sources.sort();
    assert!(sources.len() >= 8, "{sources:?}");
    let mut found = Vec::new();
    for (name, src) in &sources {
        let graph = ModuleGraph::build(src).expect("readable sources");
        for cycle in graph.cycles() {
            found.push(describe(name, &cycle));
            found.extend(
                graph
                    .cycle_edges(&cycle)
                    .into_iter()
                    .map(|e| format!("  {e}")),
            );
        }
    }
    assert!(found.is_empty(), "module cycles:\n{}", found.join("\n"));
}
