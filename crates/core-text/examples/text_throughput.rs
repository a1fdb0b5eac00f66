//! Single-threaded throughput of the text pipeline on 10kGNAD, in MB/s of
//! article text: `cargo run --release -p core-text --example text_throughput --
//! [repeats] [stage]` (stages: analyze, tokenize, sentences, boilerplate,
//! quotes, keys; all by default). Each stage runs three times and the best
//! run counts, in CPU time of this thread (the machine may be shared) and
//! in wall time. Timings live here, never in tests.

mod corpora;
mod timing;

use std::hint::black_box;

use core_text::{
    Analyzer, AnalyzerConfig, Document, Span, TextConfig, find_quotes, sentences,
    strip_boilerplate, tokenize,
};

fn main() {
    let mut args = std::env::args().skip(1);
    let repeats: usize = args.next().map_or(5, |a| a.parse().expect("repeats"));
    let only = args.next();
    let base = corpora::tenkgnad();
    let texts: Vec<String> = (0..repeats).flat_map(|_| base.iter().cloned()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} articles, {:.1} MB (10kGNAD test split x{repeats}), best of {}",
        texts.len(),
        bytes as f64 / 1e6,
        timing::ROUNDS
    );
    let measure = |stage: &str, step: &mut dyn FnMut()| {
        timing::best_of_rounds(stage, bytes as f64 / 1e6, step);
    };
    let run = |stage: &str| only.as_deref().is_none_or(|o| o == stage);
    let config = TextConfig::default();
    if run("analyze") {
        measure("analyze", &mut || {
            for text in &texts {
                black_box(Document::analyze(text.clone(), &config));
            }
        });
    }
    if run("tokenize") {
        measure("tokenize", &mut || {
            for text in &texts {
                black_box(tokenize(text, Span::new(0, text.len())));
            }
        });
    }
    if run("sentences") {
        measure("sentences", &mut || {
            for text in &texts {
                black_box(sentences(text, Span::new(0, text.len())));
            }
        });
    }
    if run("boilerplate") {
        measure("boilerplate", &mut || {
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
            measure("quotes", &mut || {
                for doc in &docs {
                    black_box(find_quotes(doc));
                }
            });
        }
        if run("keys") {
            let analyzer = Analyzer::new(&AnalyzerConfig::default());
            measure("keys", &mut || {
                for doc in &docs {
                    for token in &doc.tokens {
                        black_box(analyzer.key(token));
                    }
                }
            });
        }
    }
}
