//! Finds module-import cycles inside a crate, so a test can keep each crate's module graph acyclic.
//!
//! The scan is lexical on purpose (std only, no `syn`): comments and literals are dropped, then
//! `use` trees and inline `crate::`/`super::`/`self::` paths become edges between file modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::{fs, io};

/// A module path without the leading `crate`; empty is the crate root.
type ModPath = Vec<String>;
type Modules = BTreeSet<ModPath>;
/// A token (identifier, `::` or one punctuation character) and its 1-based line.
type Token = (String, usize);

/// The tokens of `#[cfg(test)]` after the `#`.
const CFG_TEST: [&str; 6] = ["[", "cfg", "(", "test", ")", "]"];

/// Module graph of one crate: nodes come from file names, edges from paths in the code.
pub struct ModuleGraph {
    modules: Modules,
    /// (from, to, file as shown to the developer) -> lines the edge comes from.
    edges: BTreeMap<(ModPath, ModPath, String), BTreeSet<usize>>,
}

/// Every module cycle (strongly connected component of more than one module) of the crate
/// whose `src` directory is `src_dir`; each cycle is sorted, and so is the list.
pub fn crate_cycles(src_dir: &Path) -> io::Result<Vec<Vec<String>>> {
    Ok(ModuleGraph::build(src_dir)?.cycles())
}

/// One-line summary of a cycle, e.g. `report: a, b, c`.
pub fn describe(crate_name: &str, cycle: &[String]) -> String {
    format!("{crate_name}: {}", cycle.join(", "))
}

/// `a::b`, or `crate` for the root.
fn name(m: &ModPath) -> String {
    if m.is_empty() {
        return "crate".into();
    }
    m.join("::")
}

impl ModuleGraph {
    /// Reads every `.rs` file under `src_dir` (except `src/bin`) and builds the graph.
    pub fn build(src_dir: &Path) -> io::Result<Self> {
        let mut files = Vec::new();
        collect_rs(src_dir, src_dir, &mut files)?;
        let mut modules: Modules = files.iter().map(|f| f.1.clone()).collect();
        let (mut edges, mut test_only) = (BTreeMap::new(), Vec::new());
        let shown_root = src_dir.parent().and_then(Path::parent).unwrap_or(src_dir);
        for (file, from) in &files {
            let (targets, tests) = scan(&tokenize(&fs::read_to_string(file)?), from, &modules);
            test_only.extend(tests);
            let shown = file.strip_prefix(shown_root).unwrap_or(file);
            for (to, line) in targets.into_iter().filter(|(to, _)| to != from) {
                let key = (from.clone(), to, shown.display().to_string());
                edges.entry(key).or_insert_with(BTreeSet::new).insert(line);
            }
        }
        // Files behind `#[cfg(test)] mod x;` are tests as well: they may reach anywhere.
        let is_test = |m: &ModPath| test_only.iter().any(|t| m.starts_with(t));
        modules.retain(|m| !is_test(m));
        edges.retain(|(from, to, _), _| !is_test(from) && !is_test(to));
        Ok(ModuleGraph { modules, edges })
    }

    /// Strongly connected components of more than one module (Kosaraju), as sorted names.
    pub fn cycles(&self) -> Vec<Vec<String>> {
        let nodes: Vec<&ModPath> = self.modules.iter().collect();
        let (mut adj, mut radj) = (vec![Vec::new(); nodes.len()], vec![Vec::new(); nodes.len()]);
        for (from, to, _) in self.edges.keys() {
            if let (Ok(a), Ok(b)) = (nodes.binary_search(&from), nodes.binary_search(&to)) {
                adj[a].push(b);
                radj[b].push(a);
            }
        }
        let (mut seen, mut order) = (vec![false; nodes.len()], Vec::new());
        (0..nodes.len()).for_each(|v| dfs(v, &adj, &mut seen, &mut order));
        // In reverse finish order, what a node reaches backwards is exactly its component.
        let (mut seen, mut out) = (vec![false; nodes.len()], Vec::new());
        for &v in order.iter().rev() {
            let mut component = Vec::new();
            dfs(v, &radj, &mut seen, &mut component);
            if component.len() > 1 {
                let mut names: Vec<String> = component.iter().map(|&m| name(nodes[m])).collect();
                names.sort();
                out.push(names);
            }
        }
        out.sort();
        out
    }

    /// The edges between modules of `cycle`, one per line, e.g.
    /// `report/src/markdown.rs:8,12 markdown -> markdown_clusters`: the lines to cut.
    pub fn cycle_edges(&self, cycle: &[String]) -> Vec<String> {
        let inside = |m: &ModPath| cycle.contains(&name(m));
        (self.edges.iter())
            .filter(|((from, to, _), _)| inside(from) && inside(to))
            .map(|((from, to, file), lines)| {
                let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
                format!("{file}:{} {} -> {}", lines.join(","), name(from), name(to))
            })
            .collect()
    }
}

/// Depth-first search from `v` over unseen nodes, pushing each node when it is finished.
fn dfs(v: usize, adj: &[Vec<usize>], seen: &mut [bool], out: &mut Vec<usize>) {
    if !seen[v] {
        seen[v] = true;
        adj[v].iter().for_each(|&w| dfs(w, adj, seen, out));
        out.push(v);
    }
}

/// Collects `(file, module)` for every `.rs` file; `lib.rs`/`main.rs` are the root, `x/mod.rs` is `x`.
fn collect_rs(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, ModPath)>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() && !(dir == root && path.ends_with("bin")) {
            collect_rs(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap_or(&path).with_extension("");
            let mut m: ModPath = rel.iter().map(|c| c.to_string_lossy().into()).collect();
            if m == ["lib"] || m == ["main"] || m.last().is_some_and(|l| l == "mod") {
                m.pop();
            }
            out.push((path, m));
        }
    }
    Ok(())
}

/// Splits source into identifiers, `::` and single punctuation, dropping comments and literals.
fn tokenize(src: &str) -> Vec<Token> {
    let c: Vec<char> = src.chars().collect();
    let at = |k: usize| c.get(k).copied().unwrap_or('\0');
    let word = |ch: char| ch.is_alphanumeric() || ch == '_';
    let (mut toks, mut line, mut counted, mut i) = (Vec::new(), 1, 0, 0);
    let mut emit = |text: String, start: usize| {
        line += c[counted..start].iter().filter(|&&x| x == '\n').count();
        counted = start;
        toks.push((text, line));
    };
    while i < c.len() {
        let start = i;
        match (c[i], at(i + 1)) {
            ('/', '/') => i = (i..c.len()).find(|&k| c[k] == '\n').unwrap_or(c.len()),
            ('/', '*') => {
                let mut depth = 0; // block comments nest in Rust
                while i < c.len() {
                    match (c[i], at(i + 1)) {
                        ('/', '*') => (depth, i) = (depth + 1, i + 2),
                        ('*', '/') => (depth, i) = (depth - 1, i + 2),
                        _ => i += 1,
                    }
                    if depth == 0 {
                        break;
                    }
                }
            }
            ('"', _) => i = skip_str(&c, i + 1, None),
            // `'x'` and `'\n'` are chars; `'a` alone is a lifetime or a label.
            ('\'', '\\') => {
                i = (i + 3..c.len())
                    .find(|&k| c[k] == '\'')
                    .map_or(c.len(), |k| k + 1)
            }
            ('\'', _) => i += if at(i + 2) == '\'' { 3 } else { 1 },
            (ch, _) if word(ch) => {
                while i < c.len() && word(c[i]) {
                    i += 1;
                }
                let text: String = c[start..i].iter().collect();
                let hashes = c[i..].iter().take_while(|&&h| h == '#').count();
                if matches!(text.as_str(), "r" | "br" | "cr") && at(i + hashes) == '"' {
                    i = skip_str(&c, i + hashes + 1, Some(hashes));
                } else {
                    emit(text, start);
                }
            }
            (':', ':') => {
                emit("::".into(), start);
                i += 2;
            }
            (ch, _) => {
                i += 1;
                if !ch.is_whitespace() {
                    emit(ch.into(), start);
                }
            }
        }
    }
    toks
}

/// Index after the string body starting at `i`; `raw` is the `#` count of a raw string.
fn skip_str(c: &[char], mut i: usize, raw: Option<usize>) -> usize {
    while i < c.len() {
        match (c[i], raw) {
            ('\\', None) => i += 2,
            ('"', None) => return i + 1,
            ('"', Some(n)) if c[i + 1..].iter().take_while(|&&h| h == '#').count() >= n => {
                return i + 1 + n;
            }
            _ => i += 1,
        }
    }
    c.len()
}

/// Index of the `}` closing the `{` at `open`; tokens hold no literals, so counting is safe.
fn closing(t: &[Token], open: usize) -> usize {
    let depth = |d: &mut i32, x: &Token| {
        *d += i32::from(x.0 == "{") - i32::from(x.0 == "}");
        Some(*d)
    };
    let end = t[open..].iter().scan(0, depth).position(|d| d == 0);
    end.map_or(t.len(), |k| open + k)
}

/// Modules referred to (with lines), and test-only child modules (`#[cfg(test)] mod x;`).
type Scan = (Vec<(ModPath, usize)>, Vec<ModPath>);

/// Scans one file's tokens, skipping `#[cfg(test)]` items: tests may `use super::*` anything.
fn scan(t: &[Token], file: &ModPath, modules: &Modules) -> Scan {
    let is = |k: usize, s: &str| t.get(k).is_some_and(|x| x.0 == s);
    let ident = |k: usize| {
        let text = t.get(k).map(|x| x.0.as_str());
        text.filter(|s| s.starts_with(|ch: char| ch.is_alphanumeric() || ch == '_'))
    };
    // `super::` inside an inline `mod x { .. }` starts from `x`, so keep its name and the brace
    // depth of its body.
    let (mut inline, mut bodies): (ModPath, Vec<usize>) = (Vec::new(), Vec::new());
    let cur = |inline: &ModPath| [&file[..], inline].concat();
    let (mut found, mut tests) = (Vec::new(), Vec::new());
    let (mut depth, mut i) = (0, 0);
    while i < t.len() {
        let inner = is(i + 1, "!");
        let attr = i + 1 + usize::from(inner);
        let cfg_test = t
            .get(attr..attr + 6)
            .is_some_and(|w| w.iter().map(|x| &x.0).eq(CFG_TEST));
        if is(i, "#") && cfg_test {
            if inner {
                return (Vec::new(), Vec::new()); // `#![cfg(test)]`: the whole file is a test
            }
            // Skip the whole item: up to its `;`, or over its `{ .. }` body.
            let end = (attr + 6..t.len()).find(|&k| is(k, ";") || is(k, "{"));
            let end = end.unwrap_or(t.len());
            let decl = (attr + 6..end)
                .find(|&k| is(k, "mod"))
                .and_then(|k| ident(k + 1));
            if let (Some(m), true) = (decl, is(end, ";")) {
                tests.push([cur(&inline), vec![m.into()]].concat());
            }
            i = if is(end, "{") { closing(t, end) } else { end } + 1;
            continue;
        }
        let mut paths = Vec::new(); // (segments, line, written in a `use`)
        match t[i].0.as_str() {
            "{" => depth += 1,
            "}" => {
                if bodies.last() == Some(&depth) {
                    inline.pop();
                    bodies.pop();
                }
                depth = depth.saturating_sub(1);
            }
            "mod" if is(i + 2, "{") => {
                depth += 1;
                inline.push(ident(i + 1).unwrap_or_default().into());
                bodies.push(depth);
                i += 2;
            }
            "use" => {
                let mut leaves = Vec::new();
                i += 1;
                use_tree(t, &mut i, Vec::new(), &mut leaves);
                paths.extend(leaves.into_iter().map(|(p, line)| (p, line, true)));
                i -= 1; // like the other arms, end on the last token consumed
            }
            k @ ("crate" | "super" | "self") if is(i + 1, "::") && !(i > 0 && is(i - 1, "::")) => {
                let (mut path, line) = (vec![k.to_string()], t[i].1);
                while let (true, Some(seg)) = (is(i + 1, "::"), ident(i + 2)) {
                    path.push(seg.into());
                    i += 2;
                }
                paths.push((path, line, false));
            }
            _ => {}
        }
        for (path, line, in_use) in paths {
            found.extend(resolve(modules, &cur(&inline), &path, in_use).map(|m| (m, line)));
        }
        i += 1;
    }
    (found, tests)
}

/// Maps a crate-local path to the longest prefix that is an existing module.
fn resolve(modules: &Modules, cur: &ModPath, path: &[String], in_use: bool) -> Option<ModPath> {
    let (mut target, rest) = match path.first()?.as_str() {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (cur.clone(), &path[1..]),
        "super" => {
            let ups = path.iter().take_while(|s| *s == "super").count();
            (cur[..cur.len().checked_sub(ups)?].to_vec(), &path[ups..])
        }
        // 2018-edition relative `use child::Item;`, only for child modules of the current one.
        first if in_use && modules.contains(&[&cur[..], &[first.to_string()]].concat()) => {
            (cur.clone(), path)
        }
        _ => return None,
    };
    target.extend_from_slice(rest); // a trailing `self` (`a::{self}`) is popped below
    while !modules.contains(&target) {
        target.pop()?;
    }
    Some(target)
}

/// Expands one `use` tree (`a::{b, c::{d as e, *}}`) into leaf paths with their lines.
fn use_tree(t: &[Token], i: &mut usize, mut path: Vec<String>, out: &mut Vec<(ModPath, usize)>) {
    while let Some((tok, line)) = t.get(*i) {
        *i += 1;
        match tok.as_str() {
            "::" => path.push("::".into()), // leading `::`: an external crate, never resolved
            "*" => return out.push((path, *line)),
            "{" => {
                while let Some((next, _)) = t.get(*i) {
                    match next.as_str() {
                        "}" => return *i += 1,
                        "," => *i += 1,
                        _ => use_tree(t, i, path.clone(), out),
                    }
                }
                return;
            }
            s if s.starts_with(|ch: char| ch.is_alphanumeric() || ch == '_') => {
                path.push(s.into());
                if t.get(*i).is_some_and(|x| x.0 == "::") {
                    *i += 1;
                    continue;
                }
                if t.get(*i).is_some_and(|x| x.0 == "as") {
                    *i += 2;
                }
                return out.push((path, *line));
            }
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes a synthetic crate (`--- path` starts each file) under the temp dir and returns
    /// its described cycles and their edges.
    fn cycles(name: &str, files: &str) -> (Vec<String>, Vec<String>) {
        let root = std::env::temp_dir().join(format!("modcycles-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for (path, text) in files
            .split("--- ")
            .skip(1)
            .filter_map(|f| f.split_once('\n'))
        {
            let file = root.join("src").join(path);
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(file, text).unwrap();
        }
        let graph = ModuleGraph::build(&root.join("src"));
        fs::remove_dir_all(&root).unwrap();
        let graph = graph.unwrap();
        let found = graph.cycles();
        let edges = found.iter().flat_map(|c| graph.cycle_edges(c)).collect();
        (found.iter().map(|c| describe(name, c)).collect(), edges)
    }

    #[test]
    fn two_cycle_via_crate_paths() {
        let (found, edges) = cycles(
            "two",
            "--- lib.rs\nmod a;\nmod b;\n--- a.rs\nuse crate::b::B;\n\
             --- b.rs\npub struct B;\nfn f() { crate::a::A::new(); }\n",
        );
        assert_eq!(found, ["two: a, b"]);
        assert!(edges[0].ends_with("/src/a.rs:1 a -> b"), "{edges:?}");
        assert!(edges[1].ends_with("/src/b.rs:2 b -> a"), "{edges:?}");
    }

    #[test]
    fn cycle_via_super_paths() {
        // `super` in the inline `mod inner` is `top`, not the root (no `crate` in the cycle);
        // after it, `super` is the root again.
        let files = "--- lib.rs\npub mod charts;\npub mod top;\npub use top::T;\n\
                     --- charts/mod.rs\nmod bars;\nmod style;\n\
                     --- charts/bars.rs\nuse super::style::INK;\nfn f() -> super::super::top::T {}\n\
                     --- charts/style.rs\npub const INK: u8 = 0;\n\
                     --- top.rs\nmod inner { use super::T; }\nconst W: u8 = super::charts::bars::W;\n";
        assert_eq!(cycles("super", files).0, ["super: charts::bars, top"]);
    }

    #[test]
    fn grouped_use_expands_every_leaf() {
        let files = "--- lib.rs\nmod a;\nmod b;\nmod c;\n--- a.rs\n\
                     --- b.rs\nuse crate::{a::A as Alias, c::{self, Y, Z}};\n\
                     --- c.rs\npub use crate::b::*;\n";
        assert_eq!(cycles("grouped", files).0, ["grouped: b, c"]);
    }

    #[test]
    fn relative_child_use_is_an_edge() {
        let files = "--- lib.rs\nmod charts;\n\
                     --- charts/mod.rs\nmod bars;\npub use bars::bar_chart;\npub struct ChartError;\n\
                     --- charts/bars.rs\nuse super::ChartError;\npub fn bar_chart() {}\n";
        assert_eq!(
            cycles("relative", files).0,
            ["relative: charts, charts::bars"]
        );
    }

    #[test]
    fn cfg_test_modules_are_skipped() {
        // Braces in literals and comments must not end the skipped module early.
        let files = r##"--- lib.rs
mod a; mod b; mod c; mod e;
#[cfg(test)]
mod d;
--- a.rs
#[cfg(test)]
mod tests {
    use super::*;
    use crate::b::B;
    fn f() { let s = "}"; let c = '}'; let r = r#"}"#; /* } */ } // }
}
use crate::c::C;
--- b.rs
use crate::a::A;
--- c.rs
use crate::a::A;
use crate::d::D;
use crate::e::E;
--- d.rs
use crate::c::C;
--- e.rs
#![cfg(test)]
fn f() {}
use crate::c::C;
"##;
        assert_eq!(cycles("cfgtest", files).0, ["cfgtest: a, c"]);
    }

    #[test]
    fn paths_in_strings_and_comments_do_not_count() {
        let files = r##"--- lib.rs
mod a; mod b;
--- a.rs
// use crate::b;
/* crate::b::X /* nested */ crate::b */
/// [`crate::b`]
const S: &str = "crate::b::X \" crate::b";
const R: &str = r#""crate::b"#;
const C: char = '"'; fn f<'a>(x: &'a str) -> &'a str { "crate::b" }
--- b.rs
use crate::a::f;
"##;
        assert!(cycles("literals", files).0.is_empty());
    }

    #[test]
    fn acyclic_crate_has_no_cycles() {
        let files = "--- lib.rs\nmod a;\nmod b;\npub use a::A;\n--- a.rs\nuse crate::b::B;\n\
                     --- b.rs\npub struct B;\n--- bin/tool.rs\nuse crate::a::A;\n";
        assert!(cycles("acyclic", files).0.is_empty());
    }
}
