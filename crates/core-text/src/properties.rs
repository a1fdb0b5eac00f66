//! Properties of the whole text pipeline (decode → analyze → find_quotes) on
//! messy input: it never panics and every span it hands out slices the text.

use proptest::prelude::*;

use crate::{Document, Span, TextConfig, decode, find_quotes};

/// Pieces that make German news text with quotations, speech cues, odd marks
/// and line structure more likely than random characters would.
const PIECES: &[&str] = &[
    "Peskow",
    "sagte",
    "Kreml",
    "der",
    "die",
    "NATO-Osterweiterung",
    "zufolge",
    "laut",
    "erklärte",
    "dass",
    "Russland",
    "Lawrow",
    "Kremlsprecher",
    "Außenminister",
    "Größe",
    "Übersee",
    "so",
    "fügte",
    "hinzu",
    "nach",
    "Ansicht",
    "unter",
    "Berufung",
    "auf",
    "Dmitri",
    "USA",
    "2022",
    "3,5",
    "Abonnieren",
    "Teilen",
    "„",
    "“",
    "”",
    "»",
    "«",
    "\"",
    "'",
    "‚",
    "‘",
    "’",
    ".",
    ",",
    ":",
    ";",
    "!",
    "?",
    "…",
    "-",
    "–",
    "(",
    ")",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u{a0}",
    "\u{ad}",
    "\u{200b}",
    "\u{308}",
    "😀",
];

/// German-ish text: mostly `PIECES`, now and then any character.
fn news_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..300).prop_map(|pieces| pieces.concat())
}

/// Fails unless `span` is ordered and cuts `text` at char boundaries.
fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end, "{} {:?} is reversed", what, span);
    prop_assert!(
        span.end <= text.len(),
        "{} {:?} ends past the text",
        what,
        span
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{} {:?} splits a character",
        what,
        span
    );
    Ok(())
}

/// Runs the pipeline on `text` with both settings and checks every span.
fn check_pipeline(text: String) -> Result<(), TestCaseError> {
    for strip_boilerplate in [true, false] {
        let doc = Document::analyze(text.clone(), &TextConfig { strip_boilerplate });
        check_document(&doc)?;
    }
    Ok(())
}

fn check_document(doc: &Document) -> Result<(), TestCaseError> {
    let text = doc.text.as_str();
    for sentence in &doc.sentences {
        check_span(text, sentence.span, "sentence")?;
        prop_assert!(sentence.tokens.end <= doc.tokens.len());
    }
    let mut previous_end = 0;
    for token in &doc.tokens {
        check_span(text, token.span, "token")?;
        prop_assert!(
            previous_end <= token.span.start,
            "token {:?} overlaps or precedes the one ending at {}",
            token.span,
            previous_end
        );
        previous_end = token.span.end;
        for part in &token.parts {
            check_span(text, *part, "compound part")?;
            prop_assert!(
                token.span.contains(*part),
                "part {:?} outside its token",
                part
            );
        }
    }
    let quotes = find_quotes(doc);
    for quote in &quotes {
        check_span(text, quote.span, "quote")?;
        check_span(text, quote.content, "quote content")?;
    }
    // Documented order of `find_quotes`.
    prop_assert!(
        quotes
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_give_valid_spans(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        check_pipeline(decode(&bytes).text)?;
    }

    #[test]
    fn german_news_text_gives_valid_spans(text in news_text()) {
        check_pipeline(decode(text.as_bytes()).text)?;
        // And straight, without the decoder's say on the encoding.
        check_pipeline(text)?;
    }
}
