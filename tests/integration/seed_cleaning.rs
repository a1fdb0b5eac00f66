//! What the cleaner does to the five seed articles: the boilerplate it must
//! remove, and body sentences it must keep (every one of them, counted).

use core_text::{Document, TextConfig};
use rahmen_tests::seed_text;

/// `(article, reason, start of the removed line)`, in text order.
const REMOVED: &[(&str, &str, &str)] = &[
    ("000", "source-credit", "Quelle: RT DE"),
    (
        "001",
        "interface",
        "Registrierung erfolgreich abgeschlossen!",
    ),
    ("001", "interface", "Klicken Sie bitte den Link"),
    ("001", "caption", "© SNA / Wladimir Trefilow"),
    (
        "001",
        "caption",
        "Dialog zwischen Russland und den USA (Symbolbild) - SNA",
    ),
    ("001", "interface", "Abonnieren"),
    ("001", "caption", "Nato-Soldaten bei einer Übung"),
    (
        "001",
        "teaser",
        "Forderung nach Sicherheitsgarantien: Moskau drängt",
    ),
    ("001", "interface", "Newsticker"),
    ("001", "no-words", "0"),
    ("001", "interface", "Neueste obenÄlteste oben"),
    ("001", "interface", "loader"),
    ("001", "interface", "Live"),
    ("001", "language:rus", "Заголовок открываемого материала"),
    ("001", "interface", "Um an der Diskussion teilzunehmen,"),
    ("001", "interface", "loggen Sie sich ein"),
    ("001", "interface", "loader"),
    ("001", "interface", "Chats"),
    ("001", "language:rus", "Заголовок открываемого материала"),
    ("002", "dateline", "Sonntag, April 28, 2024"),
    ("002", "navigation", "StartPolitikGesetzgebungLawrow"),
    ("002", "source-credit", "Quelle!:"),
    ("002", "interface", "Empfohlene Artikel"),
    ("002", "interface", "- Advertisment -"),
    ("002", "interface", "Translate »"),
    ("003", "caption", "Yves Herman/Pool Reuters/AP/dpa"),
    ("004", "social-embed", "#Putin, “preocupado”"),
    ("004", "social-embed", "— DW Español (@dw_espanol)"),
    ("004", "social-embed", "El mandatario de #Rusia"),
];

/// Body text the cleaner must keep, one per kind of line it could mistake.
const KEPT: &[(&str, &str)] = &[
    ("000", "Dies berichtet das Magazin \"RT DE\"."),
    ("000", "Weiter berichtet RT DE:"),
    (
        "001",
        "Russischer Diplomat: Sicherheitsgespräche mit USA laufen an",
    ),
    (
        "001",
        "„Die Verhandlungen laufen allmählich an“, sagte Gawrilow",
    ),
    (
        "001",
        "Beide Entwürfe wurden russischen Angaben zufolge bereits nach Washington",
    ),
    (
        "002",
        "Lawrow: Für Russland kommen einseitige Zugeständnisse bei Verhandlungen mit USA nicht in Frage",
    ),
    ("002", "Künftige Verhandlungen zwischen USA und Russland"),
    ("002", "Russland fordert von Nato Sicherheitsgarantien"),
    (
        "003",
        "Russland sieht seine Sicherheitsbedenken von den USA und dem Kriegsbündnis NATO",
    ),
    (
        "004",
        "Der russische Präsident Wladimir Putin hat heute jedoch",
    ),
    (
        "004",
        "„Dies ist eine ernsthafte Herausforderung für die Sicherheit Russlands“, warnte er.",
    ),
];

const IDS: [&str; 5] = ["000", "001", "002", "003", "004"];

fn doc(id: &str) -> Document {
    Document::analyze(seed_text(id), &TextConfig::default())
}

#[test]
fn boilerplate_is_removed_with_its_reason() {
    let mut found = Vec::new();
    for id in IDS {
        let doc = doc(id);
        for removal in &doc.removed {
            found.push((
                id.to_owned(),
                removal.reason.to_string(),
                removal.span.of(&doc.text).trim().to_owned(),
            ));
        }
    }
    assert_eq!(found.len(), REMOVED.len(), "{found:#?}");
    for ((id, reason, text), (want_id, want_reason, start)) in found.iter().zip(REMOVED) {
        assert!(
            id == want_id && reason == want_reason && text.starts_with(start),
            "expected {want_id}: `{start}` removed as {want_reason}, found {id}: `{text}` as {reason}"
        );
    }
}

#[test]
fn body_text_stays() {
    for (id, text) in KEPT {
        assert!(
            doc(id).kept_text().contains(text),
            "{id}: `{text}` was removed"
        );
    }
}

#[test]
fn every_body_sentence_survives() {
    // Sentences of the article bodies, counted by hand from the files; 004
    // includes the stray fragment `2021).` that the source itself contains.
    let expected = [
        ("000", 31),
        ("001", 17),
        ("002", 22),
        ("003", 16),
        ("004", 20),
    ];
    for (id, sentences) in expected {
        assert_eq!(doc(id).sentences.len(), sentences, "sentences of {id}");
    }
}
