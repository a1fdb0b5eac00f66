//! Fuzzes the text pipeline (decode → analyze → find_quotes): every span it
//! hands out must slice the decoded text, whatever bytes come in.
#![no_main]

use core_text::{Document, Span, TextConfig, decode, find_quotes};
use libfuzzer_sys::fuzz_target;

/// Panics unless `span` is ordered and cuts `text` at char boundaries.
fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what} {span:?} is reversed");
    assert!(
        span.end <= text.len(),
        "{what} {span:?} ends past {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} splits a character"
    );
}

fn check(doc: &Document) {
    let text = doc.text.as_str();
    for removal in &doc.removed {
        check_span(text, removal.span, "removal");
    }
    for paragraph in &doc.paragraphs {
        check_span(text, *paragraph, "paragraph");
    }
    for sentence in &doc.sentences {
        check_span(text, sentence.span, "sentence");
        assert!(
            sentence.tokens.start <= sentence.tokens.end && sentence.tokens.end <= doc.tokens.len(),
            "sentence token range {:?} outside {} tokens",
            sentence.tokens,
            doc.tokens.len()
        );
    }
    let mut previous_end = 0;
    for token in &doc.tokens {
        check_span(text, token.span, "token");
        // Tokens come in text order and never share bytes.
        assert!(
            previous_end <= token.span.start,
            "token {:?} overlaps or precedes the one ending at {previous_end}",
            token.span
        );
        previous_end = token.span.end;
        for part in &token.parts {
            check_span(text, *part, "compound part");
        }
    }
    for quote in find_quotes(doc) {
        check_span(text, quote.span, "quote");
        check_span(text, quote.content, "quote content");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = decode(data).text;
    // Both pipelines: boilerplate stripping changes which paragraphs exist.
    check(&Document::analyze(text.clone(), &TextConfig::default()));
    check(&Document::analyze(
        text,
        &TextConfig {
            strip_boilerplate: false,
        },
    ));
});
