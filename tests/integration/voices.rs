//! Who speaks in the seeds, and in whose voice the frame hits stand.

use analysis::voices::Voice;
use rahmen_tests::{seed_report, seed_text};

/// The voice of the first hit of `term_text` in article `id`.
fn voice_of(id: &str, term_text: &str) -> Voice {
    let analysis = &seed_report().analysis;
    let i = analysis.articles.iter().position(|a| a.id == id).unwrap();
    let text = seed_text(id);
    let hit = analysis.hits[i]
        .iter()
        .find(|h| h.span.of(&text) == term_text)
        .unwrap_or_else(|| panic!("{id} has a hit `{term_text}`"));
    hit.voice.clone()
}

#[test]
fn frame_hits_are_split_by_voice() {
    // Putin's words in quotation marks.
    assert_eq!(
        voice_of("004", "aggressive"),
        Voice::Quoted(None),
        "a scare quote in the lead"
    );
    assert_eq!(
        voice_of("002", "rote Linien"),
        Voice::Quoted(Some("Putin".into()))
    );
    // The outlet's own sentence.
    assert_eq!(voice_of("001", "bedroht"), Voice::Own);
    // Reported speech: Peskow's view in the outlet's words.
    assert_eq!(
        voice_of("003", "Kriegsbündnis"),
        Voice::Reported(Some("Peskow".into()))
    );
}

#[test]
fn speakers_per_outlet() {
    let analysis = &seed_report().analysis;
    let speakers = |outlet: &str| -> Vec<String> {
        let g = analysis
            .group_statistics
            .groups
            .names
            .iter()
            .position(|n| n == outlet)
            .unwrap();
        analysis.group_voices[g]
            .speakers
            .iter()
            .map(|s| s.key.clone())
            .collect()
    };
    assert_eq!(speakers("RT DE"), ["Peskow", "RT DE"]);
    assert_eq!(speakers("SNA"), ["Gawrilow", "US-Außenministerium"]);
    assert_eq!(
        speakers("unknown (002)"),
        ["Rjabkow", "Lawrow", "Putin", "Weißes Haus"]
    );
    assert_eq!(
        speakers("unknown (004)"),
        ["Putin", "Donfried", "Stoltenberg", "Kreml"]
    );
}
