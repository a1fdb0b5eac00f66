//! `config.json` records every setting: each one the analysis has (every
//! leaf of the serialised [`AnalysisConfig`]) appears in it with its value,
//! so a setting added to the config but not to the record fails here.

use analysis::AnalysisConfig;
use serde_json::Value;

/// Settings that `config.json` records under another path or in words:
/// (path in the config, path in `config.json`, compare values).
const RECORDED_ELSEWHERE: &[(&str, &str, bool)] = &[
    ("clustering.n_init", "clustering.kmeans.n_init", true),
    ("clustering.max_iter", "clustering.kmeans.max_iter", true),
    ("clustering.tolerance", "clustering.kmeans.tolerance", true),
    ("analyzer.stemming", "analyzer.stemmer", true),
    // Recorded as the k used, with `k_chosen_by` "user" or "silhouette".
    ("clustering.k", "clustering.k_chosen_by", false),
    // Recorded by name ("nltk-german+s-adverbs") and as the full list.
    ("analyzer.stop_words", "analyzer.stop_words", false),
];

fn leaves(value: &Value, path: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, inner) in map {
                let next = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                leaves(inner, next, out);
            }
        }
        other => out.push((path, other.clone())),
    }
}

fn at<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

#[test]
fn config_json_records_every_setting() {
    let report = rahmen_tests::seed_report();
    let recorded: Value =
        serde_json::from_str(&report.file("data/config.json")).expect("config.json is JSON");
    let config = serde_json::to_value(&report.analysis.config).expect("the config serialises");
    assert_eq!(report.analysis.config, AnalysisConfig::default());
    let mut settings = Vec::new();
    leaves(&config, String::new(), &mut settings);
    assert!(settings.len() > 40, "{} settings", settings.len());
    let mut missing = Vec::new();
    for (path, value) in &settings {
        let (recorded_path, compare) = RECORDED_ELSEWHERE
            .iter()
            .find(|(from, _, _)| from == path || path.starts_with(&format!("{from}.")))
            .map_or((path.as_str(), true), |(_, to, compare)| (*to, *compare));
        match at(&recorded, recorded_path) {
            Some(found) if !compare || found == value => {}
            Some(found) => missing.push(format!(
                "{path}: {value} in the config, {found} in config.json"
            )),
            None => missing.push(format!("{path} ({value}) is not in config.json")),
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
