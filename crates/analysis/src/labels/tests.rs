//! The label patterns on German sentences, one relation at a time.

use super::*;

fn actors() -> Vec<Actor> {
    features::actors::check_actors(vec![
        (1, "NATO".into(), vec!["Nato".into(), "Allianz".into()]),
        (2, "Russland".into(), vec!["Moskau".into()]),
    ])
    .unwrap()
}

fn labels(text: &str) -> Vec<(String, &'static str, String, &'static str)> {
    let doc = Document::analyze(text.to_owned(), &core_text::TextConfig::default());
    let quotes = core_text::find_quotes(&doc);
    let actors = actors();
    find_labels(&doc, &quotes, &actors, 40)
        .hits
        .into_iter()
        .map(|h| {
            (
                actors[h.actor as usize].name.clone(),
                h.relation.name(),
                h.label.to_string(),
                h.voice.kind(),
            )
        })
        .collect()
}

fn one(
    actor: &str,
    relation: &'static str,
    label: &str,
) -> (String, &'static str, String, &'static str) {
    (actor.to_owned(), relation, label.to_owned(), "own")
}

#[test]
fn label_nouns_before_the_name_and_appositions() {
    assert_eq!(
        labels("Moskau warnt das Kriegsbündnis NATO vor einer Erweiterung."),
        [one("NATO", "noun", "Kriegsbündnis")]
    );
    assert_eq!(
        labels("Er sprach über das westliche Bündnis NATO und seine Pläne."),
        [one("NATO", "noun", "Bündnis")]
    );
    assert_eq!(
        labels("Die NATO, das westliche Militärbündnis, lehnt das ab."),
        [one("NATO", "noun", "Militärbündnis")]
    );
    // A relative clause is no apposition; a noun without determiner no label.
    assert!(labels("Die NATO, die Russland bedroht, tagt.").is_empty());
    assert!(labels("Das ist die NATO, das sind keine Revoluzzer.").is_empty());
    // A list is no apposition; after a genitive the apposition is the noun's.
    assert!(labels("Sie nannten Russland, den Iran, den Irak und andere.").is_empty());
    assert_eq!(
        labels("Er ist das Gesicht der NATO, ein Diplomat, und bleibt."),
        [one("NATO", "genitive", "Gesicht")]
    );
    assert!(labels("Gestern Nato und Russland im Gespräch.").is_empty());
    assert!(labels("Er lehrt an der George Nato University.").is_empty());
    // A capitalised adjective of a name, a noun of time: no label nouns.
    assert!(labels("Er sprach vor der Westeuropäischen Allianz.").is_empty());
    assert!(labels("Sie schlugen am Freitag Russland deutlich.").is_empty());
}

#[test]
fn attributive_adjectives_are_folded() {
    assert_eq!(
        labels("Sie kritisieren die aggressive NATO scharf."),
        [one("NATO", "adjective", "aggressiv")]
    );
    assert_eq!(
        labels("Er warnt vor der aggressiven, expansiven Nato."),
        [
            one("NATO", "adjective", "expansiv"),
            one("NATO", "adjective", "aggressiv")
        ]
    );
    // A preposition is no adjective.
    assert!(labels("Sie prüfen die von Russland formulierten Forderungen.").is_empty());
    assert_eq!(
        labels("Das gilt für die beiden und die westliche Allianz."),
        [one("NATO", "adjective", "westlich")]
    );
}

#[test]
fn predicates_after_a_copula() {
    assert_eq!(
        labels("Die NATO ist ein Relikt des Kalten Krieges."),
        [one("NATO", "predicative", "Relikt")]
    );
    assert_eq!(
        labels("Russland gilt als Bedrohung für Europa."),
        [one("Russland", "predicative", "Bedrohung")]
    );
    assert_eq!(
        labels("Die NATO sei aggressiv."),
        [one("NATO", "predicative", "aggressiv")]
    );
    assert!(labels("Die NATO ist nicht bereit.").is_empty());
    // A name after a preposition is no subject; `im` opens a place.
    assert!(labels("In Russland ist Putins Popularität hoch.").is_empty());
    assert!(labels("Russland war im Viertelfinale gescheitert.").is_empty());
    assert!(labels("Die NATO sei jedoch »vorbereitet«.").is_empty());
    assert!(labels("Die NATO ist in Brüssel.").is_empty());
}

#[test]
fn genitives_with_der_and_with_s() {
    assert_eq!(
        labels("Sie fürchten die Expansion der NATO nach Osten."),
        [one("NATO", "genitive", "Expansion")]
    );
    assert_eq!(
        labels("Die Politik Russlands bleibt hart."),
        [one("Russland", "genitive", "Politik")]
    );
    assert_eq!(
        labels("Er kritisiert Russlands Truppenaufmarsch."),
        [one("Russland", "genitive", "Truppenaufmarsch")]
    );
    // A preposition opening the sentence is no noun; a dative no genitive.
    assert!(labels("Laut der NATO ist alles ruhig.").is_empty());
    assert!(labels("Moskau droht mit der NATO nichts.").is_empty());
    // After a colon the sentence goes on: "In" is still a preposition.
    assert!(labels("Kein Wunder, denn: In der NATO gibt es Streit.").is_empty());
}

#[test]
fn a_label_inside_a_quotation_is_the_speakers() {
    let found = labels("Lawrow sagte: „Das Kriegsbündnis NATO rückt vor.“");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].3, "quoted");
}

#[test]
fn compounds_are_no_mentions_and_mentions_are_counted() {
    let doc = Document::analyze(
        "Die NATO-Osterweiterung und die NATO. Russland auch.".to_owned(),
        &core_text::TextConfig::default(),
    );
    let found = find_labels(&doc, &[], &actors(), 40);
    assert_eq!(found.mentions, [1, 1]);
    assert!(found.hits.is_empty());
}
