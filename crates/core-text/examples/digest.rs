//! Differential harness: dumps everything core-text computes for the sample
//! corpora (documents, quotes, keys, plus tokenize and sentences over whole
//! texts) so that an optimisation can be checked to change nothing:
//! `cargo run --release -p core-text --example digest -- /tmp/before.txt`.

mod corpora;

use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hash, Hasher};

use core_text::{
    Analyzer, AnalyzerConfig, Document, Span, TextConfig, find_quotes, sentences, tokenize,
};

fn main() {
    let out_path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/digest.txt".into());
    let mut texts = corpora::tenkgnad();
    texts.extend(seeds());
    let analyzer = Analyzer::new(&AnalyzerConfig::default());
    let plain = TextConfig {
        strip_boilerplate: false,
    };
    let mut out = String::new();
    let mut tokens = 0usize;
    for (i, text) in texts.iter().enumerate() {
        let mut one = String::new();
        let doc = Document::analyze(text.clone(), &TextConfig::default());
        tokens += doc.tokens.len();
        writeln!(one, "## {i}\n{:?}\n{:?}", doc.removed, doc.paragraphs).unwrap();
        for s in &doc.sentences {
            writeln!(one, "S {:?} {:?}", s.span, s.tokens).unwrap();
        }
        for t in &doc.tokens {
            writeln!(
                one,
                "T {:?} {:?} {:?} {:?} {:?}",
                t.span,
                t.norm,
                t.kind,
                t.parts,
                analyzer.key(t)
            )
            .unwrap();
        }
        writeln!(one, "Q {:?}", find_quotes(&doc)).unwrap();
        let doc = Document::analyze(text.clone(), &plain);
        writeln!(one, "P {:?} {:?}", doc.sentences, doc.tokens.len()).unwrap();
        let whole = Span::new(0, text.len());
        let all = tokenize(text, whole);
        tokens += all.len();
        writeln!(one, "W {:?}", all).unwrap();
        writeln!(one, "X {:?}", sentences(text, whole)).unwrap();
        let mut h = DefaultHasher::new();
        one.hash(&mut h);
        writeln!(out, "{i} {:016x}", h.finish()).unwrap();
        out.push_str(&one);
    }
    std::fs::write(&out_path, &out).expect("write digest");
    let mut h = DefaultHasher::new();
    out.hash(&mut h);
    println!(
        "{} texts, {tokens} tokens, digest {:016x} -> {out_path}",
        texts.len(),
        h.finish()
    );
}

/// The seed articles (`corpus/security-talks-2021/*.txt`), decoded.
fn seeds() -> Vec<String> {
    let dir = corpora::workspace_root().join("corpus/security-talks-2021");
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .expect("seed folder")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| core_text::decode(&std::fs::read(p).expect("seed file")).text)
        .collect()
}
