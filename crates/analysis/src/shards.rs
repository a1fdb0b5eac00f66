//! Past one machine: the first pass as a map step over shards of the corpus
//! and the rest of the analysis as a reduce over their digests.
//!
//! Shard `I/N` digests every entry whose number (among all entries of the
//! corpus, skipped ones included) is `I - 1` modulo `N`, so shards are
//! independent, balanced, and can run anywhere. [`analyze_shards`] merges
//! them in entry order and finishes the analysis as [`crate::analyze`]
//! would: the [`Analysis`] is the same value, so the report is the same
//! bytes. The one thing a shard cannot carry is term ids: each shard
//! numbers its words as it meets them, so the merge renumbers every shard's
//! words through one table of keys (the vocabulary sorts keys, never ids).

use std::collections::HashMap;

use core_text::Analyzer;
use corpus::InputWarning;
use features::{FrameMatcher, LabelCounts, Lexicon, WordIndex};
use serde::{Deserialize, Serialize};

use crate::config::AnalysisConfig;
use crate::digest::{ArticleDigest, Shared};
use crate::error::AnalysisError;
use crate::findings::Analysis;
use crate::first_pass::{Merger, read_digests};
use crate::progress::{Progress, ProgressUnit};
use crate::run::analyze_collected;
use crate::sink::ArticleSink;
use crate::source::Source;

/// One of `count` shards of a corpus, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Shard {
    /// Which shard, 1 to `count`.
    pub number: usize,
    /// How many shards the corpus is split into.
    pub count: usize,
}

impl Shard {
    /// Shard `number` of `count`.
    pub fn new(number: usize, count: usize) -> Result<Shard, AnalysisError> {
        if count == 0 || number == 0 || number > count {
            return Err(AnalysisError::Shards(format!(
                "`{number}/{count}` is not a shard: the number runs from 1 to the count"
            )));
        }
        Ok(Shard { number, count })
    }

    /// Whether entry `entry` (0-based, in input order) belongs to it.
    pub fn holds(&self, entry: usize) -> bool {
        entry % self.count == self.number - 1
    }
}

impl std::str::FromStr for Shard {
    type Err = AnalysisError;

    /// Reads `I/N`, as `3/8`.
    fn from_str(text: &str) -> Result<Shard, AnalysisError> {
        let parse = |part: Option<&str>| part.and_then(|p| p.trim().parse::<usize>().ok());
        let mut parts = text.splitn(2, '/');
        match (parse(parts.next()), parse(parts.next())) {
            (Some(number), Some(count)) => Shard::new(number, count),
            _ => Err(AnalysisError::Shards(format!(
                "`{text}` is not a shard: write `I/N`, as `3/8`"
            ))),
        }
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.number, self.count)
    }
}

/// One entry of a shard: an article's digest and its prepared rows, or why
/// it was skipped.
// Entries pass one at a time from the reader to the merge: the size of the
// rare skipped variant does not matter, a box per article would.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Serialize, Deserialize)]
pub enum ShardEntry<R> {
    /// An article.
    Article(ArticleDigest, R),
    /// An entry that could not be read.
    Skipped(InputWarning),
}

/// The words a shard met: its term keys by shard-local id, and how often
/// each surface form of a term was written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardWords {
    /// Keys by shard-local id.
    pub keys: Vec<Box<str>>,
    /// (shard-local id, surface form, count), sorted.
    pub forms: Vec<(u32, Box<str>, u64)>,
}

/// What a shard knows beyond its entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardSummary {
    /// Which shard.
    pub shard: Shard,
    /// Entries in the whole corpus (every shard reads them all).
    pub entries: usize,
    /// Its words.
    pub words: ShardWords,
    /// The reader's remarks about the whole corpus (the same in every shard).
    pub reader_warnings: Vec<InputWarning>,
}

/// The map step: digests the entries of `shard`, handing each with its
/// entry number to `consume` in input order.
pub fn digest_shard<S, F>(
    source: &dyn Source,
    lexicon: &Lexicon,
    config: &AnalysisConfig,
    shard: Shard,
    mut consume: F,
    progress: &dyn Progress,
) -> Result<ShardSummary, AnalysisError>
where
    S: ArticleSink,
    F: FnMut(usize, ShardEntry<S::Rows>) -> Result<(), AnalysisError> + Send,
{
    refuse_auto_actors(config)?;
    let mut reader = source.open()?;
    let analyzer = Analyzer::new(&config.analyzer);
    let matcher = FrameMatcher::new(lexicon, &analyzer);
    let index = WordIndex::new(&analyzer, Some(&matcher));
    let shared = Shared {
        index: &index,
        matcher: &matcher,
        lexicon,
        config,
    };
    let entries = read_digests::<S, _>(
        &mut reader,
        &shared,
        |entry| shard.holds(entry),
        |number, entry| {
            consume(
                number,
                match entry {
                    Ok((digest, rows)) => ShardEntry::Article(digest, rows),
                    Err(skipped) => ShardEntry::Skipped(skipped),
                },
            )
        },
        progress,
    )?;
    let forms = index.labels().entries();
    Ok(ShardSummary {
        shard,
        entries,
        words: ShardWords {
            keys: index.into_keys(),
            forms,
        },
        reader_warnings: reader.warnings().to_vec(),
    })
}

/// The reduce step: the analysis of the corpus from the digests of all its
/// shards. `entries` yields (index into `summaries`, entry number, entry)
/// in entry order; `source` is read again only for the second pass's
/// evidence lines.
#[allow(clippy::too_many_arguments)]
pub fn analyze_shards<S: ArticleSink + Send>(
    source: &dyn Source,
    lexicon: Lexicon,
    lexicon_file: String,
    config: &AnalysisConfig,
    summaries: Vec<ShardSummary>,
    entries: impl Iterator<Item = Result<(usize, usize, ShardEntry<S::Rows>), AnalysisError>>,
    sink: &mut S,
    progress: &dyn Progress,
) -> Result<Analysis, AnalysisError> {
    refuse_auto_actors(config)?;
    let total = check_complete(&summaries)?;
    progress.start(
        "merging shard digests",
        Some(total as u64),
        ProgressUnit::Steps,
    );
    // One table of keys; each shard's ids renumbered into it.
    let mut keys: Vec<Box<str>> = Vec::new();
    let mut by_key: HashMap<Box<str>, u32> = HashMap::new();
    let mut labels = LabelCounts::default();
    let mut renumber: Vec<Vec<u32>> = Vec::with_capacity(summaries.len());
    for summary in &summaries {
        let ids: Vec<u32> = summary
            .words
            .keys
            .iter()
            .map(|key| {
                *by_key.entry(key.clone()).or_insert_with(|| {
                    keys.push(key.clone());
                    (keys.len() - 1) as u32
                })
            })
            .collect();
        for (id, form, n) in &summary.words.forms {
            labels.add_count(ids[*id as usize], form, *n);
        }
        renumber.push(ids);
    }
    drop(by_key);

    let mut merger = Merger::new(&lexicon, source.open()?.info().clone());
    let mut expected = 0usize;
    for item in entries {
        let (from, number, entry) = item?;
        let shard = summaries[from].shard;
        if number != expected || !shard.holds(number) {
            return Err(AnalysisError::Shards(format!(
                "shard {shard} holds entry {} where entry {} was due: the shard files do not belong together",
                number + 1,
                expected + 1
            )));
        }
        expected += 1;
        let entry = match entry {
            ShardEntry::Article(mut digest, rows) => {
                let ids = &renumber[from];
                let local = |id: &mut u32| *id = ids[*id as usize];
                digest.terms.iter_mut().for_each(local);
                digest
                    .labels
                    .window
                    .iter_mut()
                    .for_each(|(_, id)| *id = ids[*id as usize]);
                Ok((digest, rows))
            }
            ShardEntry::Skipped(skipped) => Err(skipped),
        };
        merger.take(entry, sink, &config.display)?;
        progress.advance(1);
    }
    sink.end_of_pass()
        .map_err(|e| AnalysisError::Sink(Box::new(e)))?;
    if expected != total {
        return Err(AnalysisError::Shards(format!(
            "the shards hold {expected} of the corpus's {total} entries"
        )));
    }
    progress.finish();
    let reader_warnings = summaries[0].reader_warnings.clone();
    let collected = merger.finish(keys, labels, reader_warnings);
    analyze_collected(source, collected, lexicon, lexicon_file, config, progress)
}

/// Each shard of one split exactly once, all from the same corpus; returns
/// the number of entries.
fn check_complete(summaries: &[ShardSummary]) -> Result<usize, AnalysisError> {
    let Some(first) = summaries.first() else {
        return Err(AnalysisError::Shards("no shard digests found".to_owned()));
    };
    let count = first.shard.count;
    let mut seen = vec![false; count];
    for summary in summaries {
        let shard = summary.shard;
        if shard.count != count {
            return Err(AnalysisError::Shards(format!(
                "shard {shard} belongs to a split in {} shards, shard {} to one in {count}",
                shard.count, first.shard
            )));
        }
        if std::mem::replace(&mut seen[shard.number - 1], true) {
            return Err(AnalysisError::Shards(format!(
                "shard {shard} appears twice"
            )));
        }
        if summary.entries != first.entries || summary.reader_warnings != first.reader_warnings {
            return Err(AnalysisError::Shards(format!(
                "shard {shard} read another corpus than shard {} ({} entries against {})",
                first.shard, summary.entries, first.entries
            )));
        }
    }
    if let Some(missing) = seen.iter().position(|&s| !s) {
        return Err(AnalysisError::Shards(format!(
            "shard {}/{count} is missing",
            missing + 1
        )));
    }
    Ok(first.entries)
}

/// `--actors auto` chooses actors from the whole corpus before the first
/// pass, which no single shard sees.
fn refuse_auto_actors(config: &AnalysisConfig) -> Result<(), AnalysisError> {
    if config.labels.auto_actors > 0 {
        return Err(AnalysisError::Setting {
            name: "labels.auto_actors",
            message: "automatic actors need the whole corpus before the first pass; name the actors in the lexicon to work in shards".to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_read_and_hold_every_nth_entry() {
        let shard: Shard = "3/8".parse().unwrap();
        assert_eq!(shard, Shard::new(3, 8).unwrap());
        assert_eq!(shard.to_string(), "3/8");
        let held: Vec<usize> = (0..20).filter(|&e| shard.holds(e)).collect();
        assert_eq!(held, [2, 10, 18]);
        for bad in ["0/8", "9/8", "3", "a/b", "1/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn an_incomplete_split_is_refused() {
        let summary = |number| ShardSummary {
            shard: Shard::new(number, 3).unwrap(),
            entries: 10,
            words: ShardWords::default(),
            reader_warnings: Vec::new(),
        };
        let message = |s: &[ShardSummary]| check_complete(s).unwrap_err().to_string();
        assert!(message(&[summary(1), summary(3)]).contains("shard 2/3 is missing"));
        assert!(message(&[summary(1), summary(1)]).contains("appears twice"));
        assert!(message(&[]).contains("no shard"));
        assert_eq!(
            check_complete(&[summary(2), summary(1), summary(3)]).unwrap(),
            10
        );
    }
}
