//! Single-threaded throughput of the counting path on 10kGNAD, in MB/s of
//! article text: `cargo run --release -p features --example counting_throughput --
//! [repeats] [step]` (steps: spans, scan, terms, warm, counts; all by
//! default).
//! Each step runs three times and the best run counts, in CPU time of this
//! thread (the machine may be shared). Timings live here, never in tests;
//! `cargo xtask bench` measures the whole parallel stage.
//!
//! - spans: token boundaries only;
//! - scan: tokens and their norms, nothing looked up;
//! - terms: [`WordIndex::text_terms`] with a fresh index, so every distinct
//!   word is analysed once, as in a real run;
//! - warm: the same with every word already known (the lookups alone);
//! - counts: [`count_matrix`] of the terms (its parallel passes run on
//!   rayon's threads: set `RAYON_NUM_THREADS=1` to compare).

#[path = "../../core-text/examples/corpora/mod.rs"]
mod corpora;
#[path = "../../core-text/examples/timing/mod.rs"]
mod timing;

use std::hint::black_box;

use core_text::{Analyzer, AnalyzerConfig, Span, scan_token_spans, scan_tokens};
use features::{DocFrequency, LabelCounts, WordIndex, build_vocabulary, count_matrix};

fn main() {
    let mut args = std::env::args().skip(1);
    let repeats: usize = args.next().map_or(5, |a| a.parse().expect("repeats"));
    let only = args.next();
    let run = |step: &str| only.as_deref().is_none_or(|o| o == step);
    let base = corpora::tenkgnad();
    let texts: Vec<String> = (0..repeats).flat_map(|_| base.iter().cloned()).collect();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!(
        "{} articles, {mb:.1} MB (10kGNAD test split x{repeats}), best of {}",
        texts.len(),
        timing::ROUNDS
    );
    let measure = |step: &str, f: &mut dyn FnMut()| timing::best_of_rounds(step, mb, f);
    let analyzer = Analyzer::new(&AnalyzerConfig::default());
    if run("spans") {
        measure("spans", &mut || {
            let mut total = 0usize;
            for text in &texts {
                scan_token_spans(text, Span::new(0, text.len()), |span, parts| {
                    total += span.end - span.start + parts.len()
                });
            }
            black_box(total);
        });
    }
    if run("scan") {
        measure("scan", &mut || {
            let mut total = 0usize;
            for text in &texts {
                scan_tokens(text, Span::new(0, text.len()), |t| total += t.norm.len());
            }
            black_box(total);
        });
    }
    let mut sequences = Vec::new();
    let mut keys = Vec::new();
    if run("terms") || run("counts") {
        measure("terms", &mut || {
            let index = WordIndex::new(&analyzer, None);
            sequences = texts.iter().map(|text| index.text_terms(text)).collect();
            keys = index.into_keys();
        });
    }
    if run("warm") {
        let index = WordIndex::new(&analyzer, None);
        for text in &texts {
            black_box(index.text_terms(text));
        }
        measure("warm", &mut || {
            for text in &texts {
                black_box(index.text_terms(text));
            }
        });
    }
    if run("counts") {
        let vocabulary = build_vocabulary(
            &keys,
            sequences.iter().map(Vec::as_slice),
            &LabelCounts::default(),
            DocFrequency::Count(1),
            DocFrequency::Share(1.0),
        )
        .expect("vocabulary");
        for ids in &mut sequences {
            vocabulary.to_columns(ids);
        }
        measure("counts", &mut || {
            black_box(count_matrix(&sequences, vocabulary.terms.len()));
        });
    }
}
