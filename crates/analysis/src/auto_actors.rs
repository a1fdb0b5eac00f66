//! Actors found in the corpus instead of listed in the lexicon
//! (`--actors auto`): the speakers the quotation finder names in the most
//! articles, read from the first articles of the corpus before the first
//! pass, so their labels can be collected in it.

use std::collections::BTreeMap;

use core_text::Document;
use features::Lexicon;
use features::actors::Actor;
use rayon::prelude::*;

use crate::config::AnalysisConfig;
use crate::error::AnalysisError;
use crate::progress::{Progress, ProgressUnit};
use crate::source::{READ_BATCH, Source};

/// The `labels.auto_actors` speakers named in the most of the first
/// `labels.auto_sample` articles (ties by name), leaving out one the
/// lexicon's actors already cover and names of more than one word (an
/// actor's names match single tokens).
pub fn frequent_speakers(
    source: &dyn Source,
    lexicon: &Lexicon,
    config: &AnalysisConfig,
    progress: &dyn Progress,
) -> Result<Vec<Actor>, AnalysisError> {
    let wanted = config.labels.auto_actors;
    let sample = config.labels.auto_sample;
    let taken: std::collections::BTreeSet<&str> = lexicon
        .actors
        .iter()
        .flat_map(|a| a.aliases.iter().map(String::as_str))
        .collect();
    let mut reader = source.open()?;
    progress.start("finding frequent speakers", None, ProgressUnit::Steps);
    // Articles naming each speaker key.
    let mut articles: BTreeMap<String, usize> = BTreeMap::new();
    let mut read = 0usize;
    while read < sample {
        let Some(batch) = reader.next_batch(READ_BATCH.min(sample - read)) else {
            break;
        };
        read += batch.len();
        let keys: Vec<Vec<String>> = batch
            .into_par_iter()
            .filter_map(|entry| match entry {
                corpus::Entry::Article(article) => Some(article.text),
                corpus::Entry::Skipped(_) => None,
            })
            .map(|text| {
                let doc = Document::analyze(text, &config.text);
                let mut keys: Vec<String> = core_text::find_quotes(&doc)
                    .into_iter()
                    .filter_map(|q| q.speaker.map(|s| s.key))
                    .collect();
                keys.sort();
                keys.dedup();
                keys
            })
            .collect();
        for key in keys.into_iter().flatten() {
            *articles.entry(key).or_insert(0) += 1;
        }
    }
    progress.finish();
    let mut ranked: Vec<(String, usize)> = articles
        .into_iter()
        .filter(|(key, n)| {
            *n >= 2
                && !key.contains(char::is_whitespace)
                && key.chars().any(char::is_alphabetic)
                && !taken.contains(key.as_str())
        })
        .collect();
    ranked.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    Ok(ranked
        .into_iter()
        .take(wanted)
        .map(|(key, _)| Actor {
            name: key.clone(),
            aliases: vec![key],
            line: 0,
        })
        .collect())
}
