//! Single-threaded throughput of the text pipeline on 10kGNAD, in MB/s of
//! article text: `cargo run --release -p core-text --example throughput --
//! [repeats] [stage]` (stages: analyze, tokenize, sentences, boilerplate,
//! quotes, keys; all by default). Each stage runs three times and the best
//! run counts, in CPU time of this thread (the machine may be shared) and
//! in wall time. Timings live here, never in tests.

mod corpora;

use std::hint::black_box;
use std::time::Instant;

use core_text::{
    Analyzer, AnalyzerConfig, Document, Span, TextConfig, find_quotes, sentences,
    strip_boilerplate, tokenize,
};

const ROUNDS: usize = 3;

fn main() {
    let mut args = std::env::args().skip(1);
    let repeats: usize = args.next().map_or(5, |a| a.parse().expect("repeats"));
    let only = args.next();
    let base = corpora::tenkgnad();
    let texts: Vec<String> = (0..repeats).flat_map(|_| base.iter().cloned()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} articles, {:.1} MB (10kGNAD test split x{repeats}), best of {ROUNDS}",
        texts.len(),
        bytes as f64 / 1e6
    );
    let run = |stage: &str| only.as_deref().is_none_or(|o| o == stage);
    let measure = |stage: &str, f: &dyn Fn()| {
        let (mut cpu, mut wall) = (f64::MAX, f64::MAX);
        for _ in 0..ROUNDS {
            let (start, start_cpu) = (Instant::now(), cpu_seconds());
            f();
            cpu = cpu.min(cpu_seconds() - start_cpu);
            wall = wall.min(start.elapsed().as_secs_f64());
        }
        let mb = bytes as f64 / 1e6;
        println!(
            "{stage:<12} {:>7.1} MB/s CPU  {:>7.1} MB/s wall  ({cpu:.3} s CPU)",
            mb / cpu,
            mb / wall
        );
    };
    let config = TextConfig::default();
    if run("analyze") {
        measure("analyze", &|| {
            for text in &texts {
                black_box(Document::analyze(text.clone(), &config));
            }
        });
    }
    if run("tokenize") {
        measure("tokenize", &|| {
            for text in &texts {
                black_box(tokenize(text, Span::new(0, text.len())));
            }
        });
    }
    if run("sentences") {
        measure("sentences", &|| {
            for text in &texts {
                black_box(sentences(text, Span::new(0, text.len())));
            }
        });
    }
    if run("boilerplate") {
        measure("boilerplate", &|| {
            for text in &texts {
                black_box(strip_boilerplate(text));
            }
        });
    }
    if run("quotes") || run("keys") {
        let docs: Vec<Document> = texts
            .iter()
            .map(|t| Document::analyze(t.clone(), &config))
            .collect();
        if run("quotes") {
            measure("quotes", &|| {
                for doc in &docs {
                    black_box(find_quotes(doc));
                }
            });
        }
        if run("keys") {
            let analyzer = Analyzer::new(&AnalyzerConfig::default());
            measure("keys", &|| {
                for doc in &docs {
                    for token in &doc.tokens {
                        black_box(analyzer.key(token));
                    }
                }
            });
        }
    }
}

/// CPU time of the current thread (Linux `schedstat`; 0 elsewhere).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}
