//! Data-driven tests of the whole search: small articles in, passages
//! (shown as text) and coverage out.

use core_text::{Document, TextConfig};

use super::*;

mod properties;
mod runs;
mod seeds;

/// The wire story most cases copy from: three sentences, 36 tokens.
const WIRE: &str = "Russland hat von den USA und der NATO schriftliche Sicherheitsgarantien \
    gefordert. Moskau verlangt unter anderem, dass sich das westliche Militärbündnis nicht \
    weiter nach Osten ausdehnt. Die Gespräche sollen im Januar in Genf, Brüssel und Wien \
    stattfinden.";

fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every maximal exact shared run of at least `min_tokens` tokens between
/// two token lists, straight from the definition: `(a_start, b_start, len)`.
fn reference_runs(a: &[&str], b: &[&str], min_tokens: usize) -> Vec<(usize, usize, usize)> {
    let mut runs = Vec::new();
    for i in 0..a.len() {
        for j in 0..b.len() {
            let starts = i == 0 || j == 0 || a[i - 1] != b[j - 1];
            let len = a[i..]
                .iter()
                .zip(&b[j..])
                .take_while(|(x, y)| x == y)
                .count();
            if starts && len >= min_tokens {
                runs.push((i, j, len));
            }
        }
    }
    runs
}

fn analyze(texts: &[&str]) -> Vec<Document> {
    texts
        .iter()
        .map(|t| Document::analyze(t.to_string(), &TextConfig::default()))
        .collect()
}

fn params(shingle: usize, window: usize, min_tokens: usize) -> ValidSyndicationParams {
    SyndicationParams {
        shingle,
        window,
        min_tokens,
        max_postings: 50,
    }
    .check()
    .unwrap()
}

/// A passage as `a-b a_tokens/b_tokens: text in a`, after checking that
/// its spans and token ranges agree.
fn render(docs: &[Document], p: &SharedPassage) -> String {
    let (a, b) = (&docs[p.a], &docs[p.b]);
    assert!(p.a < p.b);
    assert_eq!(p.a_span.start, a.tokens[p.a_tokens.start].span.start);
    assert_eq!(p.a_span.end, a.tokens[p.a_tokens.end - 1].span.end);
    assert_eq!(p.b_span.start, b.tokens[p.b_tokens.start].span.start);
    assert_eq!(p.b_span.end, b.tokens[p.b_tokens.end - 1].span.end);
    assert_eq!(p.tokens, p.a_tokens.len().min(p.b_tokens.len()));
    format!(
        "{}-{} {:?}/{:?}: {}",
        p.a,
        p.b,
        p.a_tokens,
        p.b_tokens,
        p.a_span.of(&a.text)
    )
}

fn check_with(
    texts: &[&str],
    params: &ValidSyndicationParams,
    expected: &[&str],
    coverage: &[f64],
) -> Syndication {
    let docs = analyze(texts);
    let found = shared_passages(&docs, params);
    let got: Vec<String> = found.passages.iter().map(|p| render(&docs, p)).collect();
    assert_eq!(got, expected, "passages of {texts:#?}");
    let rounded: Vec<f64> = found
        .coverage
        .iter()
        .map(|c| (c * 1000.0).round() / 1000.0)
        .collect();
    assert_eq!(rounded, coverage, "coverage of {texts:#?}");
    found
}

fn check(texts: &[&str], expected: &[&str], coverage: &[f64]) -> Syndication {
    check_with(
        texts,
        &SyndicationParams::default().check().unwrap(),
        expected,
        coverage,
    )
}

#[test]
fn identical_articles_share_everything() {
    check(
        &[WIRE, WIRE],
        &[&format!("0-1 0..36/0..36: {}", WIRE.trim_end_matches('.'))],
        &[1.0, 1.0],
    );
}

#[test]
fn wire_copy_with_a_new_first_sentence() {
    let original = format!(
        "Neue Runde im Streit um die Sicherheit in Europa.\n\n{WIRE}\n\nDer Kreml zeigte sich \
         zuletzt enttäuscht."
    );
    let copy = "Der Kreml stellt Forderungen an den Westen. Moskau verlangt unter anderem, dass \
        sich das westliche Militärbündnis nicht weiter nach Osten ausdehnt. Die Gespräche sollen \
        im Januar in Genf, Brüssel und Wien stattfinden.\n\nDie Bundesregierung äußerte sich bislang nicht dazu.";
    check(
        &[&original, copy],
        &[
            "0-1 20..45/7..32: Moskau verlangt unter anderem, dass sich das westliche \
           Militärbündnis nicht weiter nach Osten ausdehnt. Die Gespräche sollen im Januar in \
           Genf, Brüssel und Wien stattfinden",
        ],
        &[0.49, 0.641],
    );
}

#[test]
fn runs_shorter_than_min_tokens_are_not_reported() {
    // 11 shared tokens, then 12: the default finds only the second.
    let eleven = "eins zwei drei vier fünf sechs sieben acht neun zehn elf";
    let twelve = "eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf";
    check(
        &[
            &format!("Anfang {eleven} Ende"),
            &format!("Start {eleven} Schluss"),
        ],
        &[],
        &[0.0, 0.0],
    );
    check(
        &[
            &format!("Anfang {twelve} Ende"),
            &format!("Start {twelve} Schluss"),
        ],
        &[&format!("0-1 1..13/1..13: {twelve}")],
        &[0.857, 0.857],
    );
    // A shorter minimum (with shingles to match) reports the eleven.
    check_with(
        &[
            &format!("Anfang {eleven} Ende"),
            &format!("Start {eleven} Schluss"),
        ],
        &params(4, 4, 7),
        &[&format!("0-1 1..12/1..12: {eleven}")],
        &[0.846, 0.846],
    );
}

#[test]
fn three_articles_sharing_one_passage_give_every_pair() {
    let sentence = "Moskau verlangt unter anderem, dass sich das westliche Militärbündnis nicht \
        weiter nach Osten ausdehnt.";
    let text = "Moskau verlangt unter anderem, dass sich das westliche Militärbündnis nicht \
        weiter nach Osten ausdehnt";
    check(
        &[
            &format!("Erstens: {sentence}"),
            &format!("Zweitens, heißt es: {sentence} Mehr nicht."),
            &format!("{sentence} Drittens."),
        ],
        &[
            &format!("0-1 1..15/3..17: {text}"),
            &format!("0-2 1..15/0..14: {text}"),
            &format!("1-2 3..17/0..14: {text}"),
        ],
        &[0.933, 0.737, 0.933],
    );
}

#[test]
fn case_punctuation_and_unicode_form_do_not_matter() {
    check(
        &[
            "Putin sagte: „Die NATO-Osterweiterung ist für uns eine rote Linie, und das wissen \
             die Präsidenten in Washington.“",
            // Lowercase, other quotes, no comma, and "ä" decomposed (NFD).
            "putin sagte die nato-osterweiterung ist für uns eine »rote linie« und das wissen \
             die Pra\u{308}sidenten in washington",
        ],
        &[
            "0-1 0..17/0..17: Putin sagte: „Die NATO-Osterweiterung ist für uns eine rote Linie, \
           und das wissen die Präsidenten in Washington",
        ],
        &[1.0, 1.0],
    );
}

#[test]
fn text_repeated_inside_one_article_is_not_shared() {
    let repeated = format!("{WIRE} Zwischentext ohne Bezug. {WIRE}");
    check(&[&repeated], &[], &[0.0]);
    check(&[&repeated, "Ein ganz anderer Text."], &[], &[0.0, 0.0]);
    // Shared with another article, each copy is its own passage.
    let found = check(
        &[&repeated, &format!("Vorspann. {WIRE}")],
        &[
            &format!("0-1 0..36/1..37: {}", WIRE.trim_end_matches('.')),
            &format!("0-1 39..75/1..37: {}", WIRE.trim_end_matches('.')),
        ],
        &[0.96, 0.973],
    );
    assert!(found.passages.iter().all(|p| p.tokens == 36));
}

#[test]
fn empty_articles_share_nothing() {
    check(&[], &[], &[]);
    check(&["", ""], &[], &[0.0, 0.0]);
    check(
        &["", WIRE, "\n\n", WIRE],
        &[&format!("1-3 0..36/0..36: {}", WIRE.trim_end_matches('.'))],
        &[0.0, 1.0, 0.0, 1.0],
    );
}

#[test]
fn repetitive_text_is_one_passage() {
    // Every diagonal matches: the runs overlap in both articles and merge.
    let no = ["nein"; 20].join(" ");
    check(
        &[
            &format!("Sie riefen {no} vor dem Kreml."),
            &format!("Die Menge rief {no} und ging."),
        ],
        &[&format!("0-1 2..22/3..23: {no}")],
        &[0.8, 0.8],
    );
}

#[test]
fn degenerate_repetition_is_skipped_not_quadratic() {
    // 2,000 equal tokens: every shingle is the same fingerprint, picked at
    // every position, which would pair 2,000 x 2,000 candidates.
    let zeros = ["0"; 2000].join(" ");
    let texts = [
        format!("Tabelle: {zeros} Ende."),
        format!("Liste: {zeros} Schluss."),
    ];
    let docs: Vec<Document> = texts
        .iter()
        .map(|t| Document::analyze(t.clone(), &TextConfig::default()))
        .collect();
    let found = shared_passages(&docs, &SyndicationParams::default().check().unwrap());
    assert_eq!(found.passages, []);
    assert_eq!(found.skipped_common_fingerprints, 1);
}

#[test]
fn one_passage_used_twice_by_the_other_article() {
    check(
        &[
            &format!("Vorspann. {WIRE}"),
            &format!("{WIRE} Dazwischen etwas. {WIRE}"),
        ],
        &[
            &format!("0-1 1..37/0..36: {}", WIRE.trim_end_matches('.')),
            &format!("0-1 1..37/38..74: {}", WIRE.trim_end_matches('.')),
        ],
        &[0.973, 0.973],
    );
}

#[test]
fn common_fingerprints_are_skipped_and_counted() {
    let docs = analyze(&[WIRE, WIRE, WIRE]);
    let strict = SyndicationParams {
        max_postings: 2,
        ..SyndicationParams::default()
    };
    let found = shared_passages(&docs, &strict.check().unwrap());
    assert_eq!(found.passages, []);
    let fingerprints = super::fingerprint::fingerprints(&token_hashes(&docs[0]), 8, 4).len();
    assert_eq!(found.skipped_common_fingerprints, fingerprints);
    assert!(fingerprints > 0);
    let found = shared_passages(&docs, &SyndicationParams::default().check().unwrap());
    assert_eq!(
        (found.passages.len(), found.skipped_common_fingerprints),
        (3, 0)
    );
}

#[test]
fn repeated_tokens_are_marked_after_the_first_occurrence() {
    let sentence = "Moskau verlangt unter anderem, dass sich das westliche Militärbündnis nicht \
        weiter nach Osten ausdehnt.";
    let texts = [
        format!("Erstens: {sentence}"),
        format!("Zweitens: {sentence}"),
        format!("{sentence} Drittens."),
    ];
    let docs: Vec<Document> = texts
        .iter()
        .map(|t| Document::analyze(t.clone(), &TextConfig::default()))
        .collect();
    let found = shared_passages(&docs, &SyndicationParams::default().check().unwrap());
    let marked = |order: &[usize]| -> Vec<String> {
        repeated_token_mask(&docs, &found.passages, order)
            .iter()
            .map(|m| m.iter().map(|&r| if r { 'x' } else { '.' }).collect())
            .collect()
    };
    // Article 2 first (say, the earliest date): the others repeat it.
    let expected = [".xxxxxxxxxxxxxx", ".xxxxxxxxxxxxxx", "..............."];
    assert_eq!(marked(&[2, 0, 1]), expected);
    // Unlisted and repeated entries: 2 first, then 0 and 1 by index.
    assert_eq!(marked(&[2, 2, 7]), expected);
    assert_eq!(
        marked(&[0, 1, 2]),
        ["...............", ".xxxxxxxxxxxxxx", "xxxxxxxxxxxxxx."]
    );
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let texts: Vec<String> = (0..24)
        .map(|i| match i % 4 {
            0 => format!("Meldung {i}. {WIRE}"),
            1 => format!("{WIRE} Nachtrag {i}."),
            2 => format!("Text {i} ohne Übernahme, nur eigene Worte."),
            _ => format!("Kurz {i}: {}", first_words(WIRE, 20)),
        })
        .collect();
    let docs: Vec<Document> = texts
        .into_iter()
        .map(|t| Document::analyze(t, &TextConfig::default()))
        .collect();
    let params = SyndicationParams::default().check().unwrap();
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| shared_passages(&docs, &params))
    };
    let one = run(1);
    assert_eq!(one, run(3));
    assert!(one.passages.len() > 100);
}
