//! Framing over time: a step in one outlet's frame rate is found between the
//! right two weeks and nowhere else, and on corpora without any change the
//! tests stay quiet (Benjamini–Hochberg keeps the share of runs with a false
//! flag under 5 %).

use std::path::Path;

use analysis::timeline::Timeline;
use analysis::{Analysis, AnalysisConfig, Input, NullSink, Silent};

/// A SplitMix64 stream: the test corpora are random but fixed by a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A whole number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() % (high - low + 1) as u64) as usize
    }
}

/// Parts of sentences without any word of the default lexicon, combined
/// at random (8⁴ sentences), so that articles share no long passage.
const WHEN: [&str; 8] = [
    "Am Dienstag",
    "Im Sommer",
    "Zum Monatsende",
    "Seit Januar",
    "Am Wochenende",
    "Nach langer Pause",
    "Noch in diesem Jahr",
    "Überraschend",
];
const WHO: [&str; 8] = [
    "der Stadtrat",
    "die Feuerwehr",
    "die Schulleitung",
    "der Sportverein",
    "eine Bürgerinitiative",
    "das Gesundheitsamt",
    "die Handwerkskammer",
    "das Stadtmuseum",
];
const WHERE: [&str; 8] = [
    "in der Innenstadt",
    "am Marktplatz",
    "im Rathaus",
    "am Ufer des Flusses",
    "im Neubaugebiet",
    "in der alten Schule",
    "auf dem Messegelände",
    "im Stadtpark",
];
/// Verb, and what follows the place.
const WHAT: [(&str, &str); 8] = [
    ("plant", "neue Radwege"),
    ("eröffnet", "eine Ausstellung"),
    ("stellt", "den Haushalt vor"),
    ("sucht", "Auszubildende"),
    ("verlängert", "die Öffnungszeiten"),
    ("kündigt", "Bauarbeiten an"),
    ("feiert", "ein Jubiläum"),
    ("lädt", "zu einem Konzert ein"),
];

/// A sentence of filler: `Am Dienstag kündigt der Stadtrat in der
/// Innenstadt Bauarbeiten an.`
fn filler(rng: &mut Rng) -> String {
    let (verb, rest) = WHAT[rng.between(0, 7)];
    format!(
        "{} {verb} {} {} {rest}.",
        WHEN[rng.between(0, 7)],
        WHO[rng.between(0, 7)],
        WHERE[rng.between(0, 7)]
    )
}

/// One hit of frame `threat` each.
const THREAT: [&str; 4] = [
    "Die Regierung fühlt sich durch die Lage bedroht.",
    "Beobachter warnen vor einer weiteren Eskalation.",
    "Kommentatoren sprechen von einer gefährlichen Konfrontation.",
    "Der Minister nannte das Vorgehen eine Provokation.",
];

/// One hit of frame `dialogue` each: a second frame, flat everywhere.
const DIALOGUE: [&str; 2] = [
    "Beide Seiten setzen weiter auf den Dialog.",
    "Die Diplomatie soll nun eine Annäherung bringen.",
];

const OUTLETS: [&str; 3] = ["Märkische Post", "Bürgerblatt", "Ostsee-Kurier"];

/// A CSV corpus `id,outlet,date,text`: every outlet has `per_week`
/// articles in each of `weeks` weeks from Monday 2022-01-03. An article
/// holds 5 to 9 filler sentences, 0 to 2 threat sentences (3 to 5 in
/// the first outlet from week `step_from` on, counted from 0) and 0 or 1
/// dialogue sentence, in random order.
fn corpus(seed: u64, weeks: usize, per_week: usize, step_from: Option<usize>) -> String {
    let mut rng = Rng(seed);
    let mut csv = String::from("id,outlet,date,text\n");
    for (o, outlet) in OUTLETS.iter().enumerate() {
        for week in 0..weeks {
            for n in 0..per_week {
                let stepped = o == 0 && step_from.is_some_and(|from| week >= from);
                let threat = if stepped {
                    rng.between(3, 5)
                } else {
                    rng.between(0, 2)
                };
                let mut sentences: Vec<String> =
                    (0..rng.between(5, 9)).map(|_| filler(&mut rng)).collect();
                let mut framed: Vec<String> = (0..threat)
                    .map(|_| THREAT[rng.between(0, THREAT.len() - 1)].to_owned())
                    .collect();
                if rng.between(0, 1) == 1 {
                    framed.push(DIALOGUE[rng.between(0, DIALOGUE.len() - 1)].to_owned());
                }
                for sentence in framed {
                    let at = rng.between(0, sentences.len());
                    sentences.insert(at, sentence);
                }
                // Day of the year 2022: the week's Monday plus 0 to 6 days
                // (January and February only).
                let day = 3 + 7 * week + rng.between(0, 6);
                let (month, day) = if day <= 31 { (1, day) } else { (2, day - 31) };
                let time = if n % 3 == 0 { "T09:30:00" } else { "" };
                csv.push_str(&format!(
                    "{o}-{week}-{n},{outlet},2022-{month:02}-{day:02}{time},\"{}\"\n",
                    sentences.join(" ")
                ));
            }
        }
    }
    csv
}

/// The analysis of a CSV corpus, without writing a report.
fn analyse(path: &Path, csv: &str, config: &AnalysisConfig) -> Analysis {
    std::fs::write(path, csv).expect("corpus written");
    let lexicon = features::Lexicon::load(&rahmen_tests::default_lexicon()).expect("lexicon");
    analysis::analyze(
        &Input::folder(path),
        lexicon,
        "security-de.toml".to_owned(),
        config,
        &mut NullSink,
        &Silent,
    )
    .expect("the corpus is analysed")
}

fn frame(a: &Analysis, id: &str) -> usize {
    a.lexicon
        .frames
        .iter()
        .position(|f| f.id == id)
        .expect("frame in the lexicon")
}

fn outlet(a: &Analysis, name: &str) -> usize {
    a.group_statistics
        .groups
        .names
        .iter()
        .position(|n| n == name)
        .expect("outlet")
}

/// Settings for many small corpora: the timeline's thresholds as by
/// default, 200 resamples and 999 permutations, clusters as cheap as they
/// go.
fn quick() -> AnalysisConfig {
    let mut config = AnalysisConfig::default();
    config.clustering.k = Some(2);
    config.clustering.n_init = 1;
    config.clustering.scan_n_init = 1;
    config.clustering.stability_seeds = 2;
    config.statistics.bootstrap_resamples = 200;
    config.statistics.permutations = 999;
    config
}

#[test]
fn a_step_in_one_outlet_is_flagged_between_the_right_weeks_only() {
    let dir = tempfile::tempdir().unwrap();
    // Eight articles a week: two weeks of six can be split only 924 ways,
    // so no permutation p-value falls below 2/924, too large to survive
    // Benjamini–Hochberg over the 42 tests.
    let csv = corpus(2022, 8, 8, Some(4));
    let a = analyse(
        &dir.path().join("weeks.csv"),
        &csv,
        &AnalysisConfig::default(),
    );
    let t: &Timeline = a.timeline.as_ref().expect("eight weeks make a timeline");
    let labels: Vec<&str> = t.periods.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "2022-01-03",
            "2022-01-10",
            "2022-01-17",
            "2022-01-24",
            "2022-01-31",
            "2022-02-07",
            "2022-02-14",
            "2022-02-21"
        ]
    );
    assert_eq!((t.dated, t.undated), (3 * 8 * 8, 0));
    assert!(t.cells.iter().all(|c| !c.insufficient));
    let (threat, step) = (frame(&a, "threat"), outlet(&a, OUTLETS[0]));
    let change = t
        .change_into(step, 4, threat)
        .expect("week 4 → 5 is tested");
    assert_eq!(change.from, 3);
    assert!(change.test.difference < 0.0, "the rate rose: {change:?}");
    eprintln!(
        "step of {} into {}: p = {}, q = {}",
        OUTLETS[0], t.periods[4].label, change.test.p_value, change.q
    );
    assert!(change.q < 0.05, "{change:?}");
    let flagged: Vec<_> = t.flagged(a.config.timeline.flag_below).collect();
    eprintln!(
        "{} tests, flagged: {:?}",
        t.changes.len(),
        flagged
            .iter()
            .map(|c| (c.group, c.frame, c.to, c.q))
            .collect::<Vec<_>>()
    );
    for c in &flagged {
        assert_eq!((c.group, c.frame, c.to), (step, threat, 4), "{c:?}");
    }
    // Same input, same numbers, whatever the thread count.
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let again = one_thread.install(|| {
        analyse(
            &dir.path().join("again.csv"),
            &csv,
            &AnalysisConfig::default(),
        )
    });
    assert_eq!(again.timeline.as_ref(), Some(t));
}

/// The timeline of `a` with the dates of each outlet's articles shuffled
/// among them (so nothing changes over time) and its own seed.
fn shuffled_timeline(a: &Analysis, rng: &mut Rng, config: &AnalysisConfig) -> Timeline {
    let groups = &a.group_statistics.groups;
    let mut articles = a.articles.clone();
    for g in 0..groups.names.len() {
        let members = groups.members(g);
        for k in (1..members.len()).rev() {
            let other = members[rng.between(0, k)];
            let date = articles[members[k]].date.take();
            articles[members[k]].date = std::mem::replace(&mut articles[other].date, date);
        }
    }
    let statistics = analysis::StatisticsConfig {
        seed: rng.next(),
        ..config.statistics.clone()
    };
    let n_tokens = |i: usize| a.counts.n_tokens(i);
    let input = analysis::timeline::TimelineInput {
        articles: &articles,
        groups,
        hits: &a.hits,
        sentence_tokens: &a.sentence_tokens,
        n_tokens: &n_tokens,
        n_frames: a.lexicon.frames.len(),
    };
    analysis::timeline::timeline(&input, &config.timeline, &statistics)
        .expect("timeline")
        .expect("four weeks make a timeline")
}

#[test]
fn without_a_change_fewer_than_one_run_in_twenty_flags_anything() {
    use rayon::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let config = quick();
    // `RAHMEN_NULL_CORPORA` measures the share on more corpora (the
    // closing note of issue 20 used 1,000); CI runs 100.
    let corpora: u64 = std::env::var("RAHMEN_NULL_CORPORA")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let shuffles = 10;
    // Per corpus: its own timeline, then the timelines of its articles
    // with the dates shuffled within each outlet (a cheap way to many more
    // runs without a change, for a share that is not a coin toss at 5 %).
    let timelines: Vec<Vec<Timeline>> = (0..corpora)
        .into_par_iter()
        .map(|seed| {
            let path = dir.path().join(format!("flat-{seed}.csv"));
            let a = analyse(&path, &corpus(seed, 4, 6, None), &config);
            let mut rng = Rng(!seed);
            let mut out = vec![a.timeline.clone().expect("four weeks make a timeline")];
            out.extend((0..shuffles).map(|_| shuffled_timeline(&a, &mut rng, &config)));
            out
        })
        .collect();
    let below = config.timeline.flag_below;
    let flags = |t: &Timeline| t.flagged(below).next().is_some();
    let corpora_flagged = timelines.iter().filter(|t| flags(&t[0])).count();
    let runs = timelines.iter().flatten().count();
    let runs_flagged = timelines.iter().flatten().filter(|t| flags(t)).count();
    let tests: Vec<f64> = timelines
        .iter()
        .flatten()
        .flat_map(|t| t.changes.iter().map(|c| c.test.p_value))
        .collect();
    let share_small = tests.iter().filter(|&&p| p < 0.05).count() as f64 / tests.len() as f64;
    eprintln!(
        "{corpora_flagged} of {corpora} corpora and {runs_flagged} of {runs} runs flag a change; \
         {share_small:.4} of {} tests have p < 0.05",
        tests.len()
    );
    assert!(tests.len() >= 10 * runs, "{} tests", tests.len());
    assert!(runs_flagged * 20 < runs, "{runs_flagged} of {runs} runs");
    // A share of 5 % is an expected value: 10 or more of 100 would be
    // unlikely (p = 0.03) for a procedure that holds it.
    assert!(
        corpora_flagged * 10 < corpora as usize,
        "{corpora_flagged} of {corpora} corpora"
    );
    // The tests themselves hold their level: about 5 % of p-values below
    // 0.05 under no change, not more.
    assert!(share_small < 0.07, "{share_small}");
}
