//! Validation against hand coding with planted truth: one outlet's hits of
//! a frame are half false, and the codes must say so (precision near 0.5
//! with the truth inside its interval, the corrected rate near half the
//! raw one, the false term flagged), from a blinded, stratified sample
//! that is the same on every run.

use std::fmt::Write as _;
use std::fs;

use analysis::validation::{Codes, draw_sample, read_codes, sample_contexts};
use analysis::{AnalysisConfig, Input, NullSink, Silent};

/// Outlet A: 40 threat hits, every second one a false `Provokation` (a
/// comedian's jokes); outlet B: 40 true threat hits.
fn planted_corpus(dir: &std::path::Path) -> std::path::PathBuf {
    let mut csv = String::from("id,outlet,text\n");
    for i in 0..40 {
        let text = if i % 2 == 0 {
            "Die Regierung sieht das Land bedroht durch die Manöver an der Grenze im Osten."
        } else {
            "Die Provokationen des Komikers im Fernsehen sorgten am Abend für viele Lacher im Saal."
        };
        let _ = writeln!(
            csv,
            "a{i:02},Outlet A,\"{text} Am Montag beginnt die Woche in der Hauptstadt mit Regen.\""
        );
        let _ = writeln!(
            csv,
            "b{i:02},Outlet B,\"Die Nachbarn fühlen sich bedroht von den Truppen am Fluss. Am Dienstag scheint in der Stadt die Sonne.\""
        );
    }
    let path = dir.join("planted.csv");
    fs::write(&path, csv).unwrap();
    path
}

#[test]
fn half_false_hits_give_half_precision_and_half_the_rate() {
    let dir = tempfile::tempdir().unwrap();
    let input = Input::folder(&planted_corpus(dir.path()));
    let mut config = AnalysisConfig::default();
    config.validation.sample_size = 80;
    let lexicon = features::Lexicon::load(&rahmen_tests::default_lexicon()).unwrap();
    let a = analysis::analyze(
        &input,
        lexicon,
        "security-de.toml".into(),
        &config,
        &mut NullSink,
        &Silent,
    )
    .unwrap();
    let threat = a
        .lexicon
        .frames
        .iter()
        .position(|f| f.id == "threat")
        .unwrap();

    // The sample: four strata (outlets A and B × frames threat and force,
    // `Manöver` and `Truppen` being force), 20 hits each; blind; the same
    // on a second draw.
    let mut sample = draw_sample(&a, &config.validation).unwrap();
    assert_eq!(sample.len(), 80);
    assert_eq!(sample, draw_sample(&a, &config.validation).unwrap());
    let from_a = sample
        .iter()
        .filter(|h| h.stratum.starts_with("Outlet A"))
        .count();
    assert_eq!(from_a, 40);
    sample_contexts(&input, &a, &mut sample, &config, &Silent).unwrap();
    assert!(sample.iter().all(|h| !h.context.keyword.is_empty()));
    let blind =
        String::from_utf8(report::data::validation::sample_csv(&a, &sample, false)).unwrap();
    assert!(blind.starts_with("hit_id,left,match,right,relevant\n"));
    assert!(!blind.contains("Outlet") && !blind.contains("threat"));
    let mut other_seed = config.validation.clone();
    other_seed.seed = 7;
    assert_ne!(
        sample.iter().map(|h| &h.id).collect::<Vec<_>>(),
        draw_sample(&a, &other_seed)
            .unwrap()
            .iter()
            .map(|h| &h.id)
            .collect::<Vec<_>>()
    );

    // Two coders: the truth, and a second coder who errs on three hits.
    let (mut first, mut second) = (
        String::from("hit_id,relevant\n"),
        String::from("hit_id,relevant\n"),
    );
    for (i, hit) in sample.iter().enumerate() {
        let truth = u8::from(!hit.context.keyword.starts_with("Provokation"));
        let _ = writeln!(first, "{},{truth}", hit.id);
        let _ = writeln!(
            second,
            "{},{}",
            hit.id,
            if i < 3 { 1 - truth } else { truth }
        );
    }
    let (one, two) = (dir.path().join("anna.csv"), dir.path().join("ben.csv"));
    fs::write(&one, first).unwrap();
    fs::write(&two, second).unwrap();
    let codes: Codes = read_codes(&[one, two]).unwrap();

    let out = dir.path().join("report");
    let a = report::generate_validated(
        &input,
        &rahmen_tests::default_lexicon(),
        &config,
        Some(&codes),
        &out,
        &Silent,
    )
    .unwrap();
    let v = a.validation.as_ref().unwrap();
    assert!(v.unmatched.is_empty());
    let group_a = a
        .group_statistics
        .groups
        .names
        .iter()
        .position(|g| g == "Outlet A")
        .unwrap();
    let cell = v
        .cells
        .iter()
        .find(|r| r.frame == threat && r.group == Some(group_a))
        .unwrap();
    // Hits where the two coders split are undecided; the rest are the truth.
    assert!((cell.precision - 0.5).abs() < 0.15, "{cell:?}");
    assert!(cell.low < 0.5 && 0.5 < cell.high, "{cell:?}");
    let corrected = v
        .corrected
        .iter()
        .find(|r| r.frame == threat && r.group == group_a)
        .unwrap();
    assert!(
        (corrected.corrected / corrected.raw - 0.5).abs() < 0.15,
        "{corrected:?}"
    );
    assert!(
        corrected.low < corrected.raw * 0.5 && corrected.raw * 0.5 < corrected.high,
        "{corrected:?}"
    );
    eprintln!(
        "outlet A threat: precision {:.3} [{:.3}, {:.3}] on {} coded; raw {:.2}, corrected {:.2} [{:.2}, {:.2}]; alpha {:?}",
        cell.precision,
        cell.low,
        cell.high,
        cell.coded,
        corrected.raw,
        corrected.corrected,
        corrected.low,
        corrected.high,
        v.alpha
    );
    let group_b = 1 - group_a;
    let b = v
        .corrected
        .iter()
        .find(|r| r.frame == threat && r.group == group_b)
        .unwrap();
    assert_eq!(b.precision, 1.0);
    // The false term is flagged, the true one is not.
    let provokation = a.lexicon.frames[threat]
        .terms
        .iter()
        .position(|t| t.pattern == "Provokation*")
        .unwrap();
    assert_eq!(v.flagged_terms, [(threat, provokation)]);
    let alpha = v.alpha.unwrap();
    assert!(alpha > 0.6 && alpha < 1.0, "{alpha}");

    let markdown = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(markdown.contains("## How valid are the hits?"));
    assert!(markdown.contains("Krippendorff's α"));
    assert!(markdown.contains("`Provokation*`"));
    let tsv = fs::read_to_string(out.join("data/validation.tsv")).unwrap();
    assert!(tsv.starts_with("frame\tgroup\tterm\tcoded\trelevant\tprecision\tlow\thigh\n"));
    assert!(tsv.contains("threat\tOutlet A\tall\t"));
    assert!(out.join("data/corrected-rates.tsv").is_file());
    let check = report::lexicon_check(&a);
    assert!(check.contains("**Flagged by the coders**"), "{check}");
}

#[test]
fn codes_from_another_corpus_are_an_error_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = Input::folder(&planted_corpus(dir.path()));
    let path = dir.path().join("codes.csv");
    fs::write(&path, "hit_id,relevant\nh0123456789abcdef,1\n").unwrap();
    let codes = read_codes(&[path]).unwrap();
    let error = report::generate_validated(
        &input,
        &rahmen_tests::default_lexicon(),
        &AnalysisConfig::default(),
        Some(&codes),
        &dir.path().join("r"),
        &Silent,
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("none of the 1 coded hit ids"),
        "{error}"
    );
}
