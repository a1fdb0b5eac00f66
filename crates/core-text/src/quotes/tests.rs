//! Data-driven tests of the quotation rules, one short text per case: marks,
//! scare quotes, shares, and odd input.

use super::*;

pub(super) const D: QuoteKind = QuoteKind::Direct;
pub(super) const R: QuoteKind = QuoteKind::Reported;

pub(super) type Expected<'a> = (QuoteKind, &'a str, Option<&'a str>, Option<&'a str>);

pub(super) fn analyze(text: &str) -> Document {
    let config = TextConfig {
        strip_boilerplate: false,
    };
    Document::analyze(text.to_string(), &config)
}

/// Kind, content, speaker key and cue of every quote in `text`.
pub(super) fn check(text: &str, expected: &[Expected]) {
    let doc = analyze(text);
    let quotes = find_quotes(&doc);
    let found: Vec<Expected> = quotes
        .iter()
        .map(|q| {
            let key = q.speaker.as_ref().map(|s| s.key.as_str());
            (q.kind, q.content.of(&doc.text), key, q.cue.as_deref())
        })
        .collect();
    assert_eq!(found, expected, "quotes in {text:?}");
}

#[test]
fn each_mark_style() {
    let said = |content| [(D, content, Some("Muster"), Some("sagte"))];
    check(
        "„Wir sind bereit“, sagte Botschafter Hans Muster.",
        &said("Wir sind bereit"),
    );
    check(
        "„Wir sind bereit”, sagte Botschafter Hans Muster.",
        &said("Wir sind bereit"),
    );
    check(
        "„Wir sind bereit\", sagte Botschafter Hans Muster.",
        &said("Wir sind bereit"),
    );
    check(
        "»Wir sind bereit«, sagte Botschafter Hans Muster.",
        &said("Wir sind bereit"),
    );
    check(
        "«Wir sind bereit», sagte Botschafter Hans Muster.",
        &said("Wir sind bereit"),
    );
    check(
        "\"Wir sind bereit\", sagte Botschafter Hans Muster.",
        &said("Wir sind bereit"),
    );
    check(
        "“Wir sind bereit”, sagte Botschafter Hans Muster.",
        &said("Wir sind bereit"),
    );
    check(
        "Botschafter Hans Muster sagte: „Wir sind bereit.“",
        &said("Wir sind bereit."),
    );
}

#[test]
fn nested_quotes_belong_to_the_outer_one() {
    check(
        "„Er nannte es ‚Krieg‘, das ist falsch“, sagte Botschafter Hans Muster.",
        &[(
            D,
            "Er nannte es ‚Krieg‘, das ist falsch",
            Some("Muster"),
            Some("sagte"),
        )],
    );
}

#[test]
fn unbalanced_marks() {
    // A paragraph that starts mid-quote.
    check(
        "Wir werden im Januar verhandeln“, kündigte die Staatssekretärin für Europa, Karen Muster, an.",
        &[(
            D,
            "Wir werden im Januar verhandeln",
            Some("Muster"),
            Some("kündigte an"),
        )],
    );
    // An opening mark never closed ends with its paragraph.
    check(
        "Botschafter Hans Muster sagte: „Wir gehen nicht weg.\n\nDas ist ein neuer Absatz.",
        &[(D, "Wir gehen nicht weg.", Some("Muster"), Some("sagte"))],
    );
    // Several paragraphs: the next one opens again, the last one closes.
    check(
        "Botschafter Hans Muster sagte: „Wir gehen nicht weg.\n\n„Wir bleiben hier.“\n\nEnde.",
        &[(
            D,
            "Wir gehen nicht weg.\n\n„Wir bleiben hier.",
            Some("Muster"),
            Some("sagte"),
        )],
    );
}

#[test]
fn short_quotes_are_attributed_only_within_their_sentence() {
    check(
        "Die NATO will das Recht nicht „kompromittieren“.",
        &[(D, "kompromittieren", None, None)],
    );
    check(
        "Wie Präsident Wladimir Putin betont hat, sind das „rote Linien“ für Moskau.",
        &[
            (
                R,
                "sind das „rote Linien“ für Moskau",
                Some("Putin"),
                Some("betont hat"),
            ),
            (D, "rote Linien", Some("Putin"), Some("betont hat")),
        ],
    );
    check(
        "Lawrow sprach vor der Partei „Einiges Russland“.",
        &[(D, "Einiges Russland", None, None)],
    );
    check(
        "„Wir sind bereit“, sagte Botschafter Hans Muster. Man habe einen »ernsthaften Pfad« gefunden.",
        &[
            (D, "Wir sind bereit", Some("Muster"), Some("sagte")),
            (D, "ernsthaften Pfad", None, None),
        ],
    );
}

#[test]
fn share_and_voice() {
    let doc = analyze("„Wir sind bereit“, sagte Botschafter Hans Muster.");
    let quotes = find_quotes(&doc);
    assert!((quoted_share(&doc, &quotes) - 3.0 / 7.0).abs() < 1e-12);
    let at = |word: &str| {
        let start = doc.text.find(word).unwrap_or(0);
        Span::new(start, start + word.len())
    };
    assert_eq!(voice_at(&quotes, at("bereit")).map(|q| q.kind), Some(D));
    assert_eq!(voice_at(&quotes, at("Botschafter")), None);
    assert_eq!(quoted_share(&analyze(""), &[]), 0.0);
    let doc = analyze(
        "Kremlsprecher Dmitri Peskow sagte, es gebe »keine positive Reaktion auf das Thema«.",
    );
    let quotes = find_quotes(&doc);
    assert_eq!(
        voice_at(&quotes, at_in(&doc, "positive")).map(|q| q.kind),
        Some(D)
    );
    assert_eq!(
        voice_at(&quotes, at_in(&doc, "gebe")).map(|q| q.kind),
        Some(R)
    );
}

fn at_in(doc: &Document, word: &str) -> Span {
    let start = doc.text.find(word).unwrap_or(0);
    Span::new(start, start + word.len())
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        "„",
        "“",
        "\"",
        "»«",
        "„“»«‚‘",
        "„„„ “ “",
        "„Ein ‚Zitat ohne Ende",
        "Ende“ “ ” \" « »",
        "😀 „😀“, sagte 😀.",
        "„Gespra\u{308}che“, sagte Botschafter Hans Mu\u{308}ller.",
        "„Wir gehen.\r\n\r\n„Wir bleiben.“\r\n",
        "so so so, so zufolge laut wie, wie nach seiner Ansicht",
        "Das sagte. Dies erklärte er. , sagte , so",
        "Der Sprecher des, der Außenminister, , Hans",
        "\u{feff}\u{200b}„\u{ad}“",
    ] {
        for strip in [false, true] {
            let doc = Document::analyze(
                text.to_string(),
                &TextConfig {
                    strip_boilerplate: strip,
                },
            );
            let quotes = find_quotes(&doc);
            let mut last = 0;
            for q in &quotes {
                assert!(q.span.start >= last, "sorted in {text:?}");
                last = q.span.start;
                assert!(
                    doc.text.get(q.span.start..q.span.end).is_some(),
                    "{q:?} in {text:?}"
                );
                assert!(
                    doc.text.get(q.content.start..q.content.end).is_some(),
                    "{q:?} in {text:?}"
                );
            }
            let share = quoted_share(&doc, &quotes);
            assert!((0.0..=1.0).contains(&share));
        }
    }
}

/// Deterministic random texts built from the pieces the rules react to.
#[test]
fn random_texts_never_panic() {
    const PIECES: &[&str] = &[
        "„",
        "“",
        "”",
        "\"",
        "»",
        "«",
        "‚",
        "‘",
        "’",
        "›",
        "‹",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        ",",
        ".",
        ":",
        "–",
        "(",
        ")",
        "sagte",
        "so",
        "wie",
        "zufolge",
        "laut",
        "nach",
        "seiner",
        "Ansicht",
        "unter",
        "Berufung",
        "auf",
        "dass",
        "sei",
        "habe",
        "hatte",
        "erklärt",
        "hat",
        "fügte",
        "hinzu",
        "Das",
        "Dies",
        "er",
        "Sie",
        "der",
        "des",
        "Sprecher",
        "Präsidenten",
        "Kremlsprecher",
        "Hans",
        "Muster",
        "Kreml",
        "NATO",
        "Partei",
        "stellvertretenden",
        "Außenminister",
        "rechne",
        "😀",
        "a\u{308}",
        "Weißen",
        "Hauses",
        "ein",
        "Vertreter",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..1500 {
        let length = (next() % 40) as usize;
        let mut text = String::new();
        for _ in 0..length {
            let piece = PIECES[(next() % PIECES.len() as u64) as usize];
            text.push_str(piece);
            if next() % 3 == 0 {
                text.push(' ');
            }
        }
        let doc = analyze(&text);
        let quotes = find_quotes(&doc);
        for q in &quotes {
            assert!(
                doc.text.get(q.span.start..q.span.end).is_some(),
                "{q:?} in {text:?}"
            );
            assert!(
                doc.text.get(q.content.start..q.content.end).is_some(),
                "{q:?} in {text:?}"
            );
            let _ = voice_at(&quotes, q.content);
        }
        let _ = quoted_share(&doc, &quotes);
    }
}
