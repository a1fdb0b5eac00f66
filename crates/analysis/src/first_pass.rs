//! The first pass over a corpus: articles are read in bounded batches,
//! analysed in parallel and reduced to digests, in input order; each
//! article's rows go to an [`ArticleSink`] as the pass goes (the report
//! streams them into its large data files), so memory stays bounded by the
//! batch size and the compact digests.

use std::collections::{BTreeMap, HashMap};

use corpus::{CorpusReader, Entry, InputWarning, SourceInfo};
use features::{FrameMatcher, LabelCounts, Lexicon, WordIndex};
use rayon::prelude::*;

use crate::article::ArticleInfo;
use crate::config::{AnalysisConfig, DisplayConfig};
use crate::digest::{ArticleDigest, ArticleStats, QuoteSummary, Shared, digest, text_hash};
use crate::error::AnalysisError;
use crate::hits::{ContextLine, Hit};
use crate::progress::{Progress, ProgressUnit};
use crate::sink::ArticleSink;
use crate::source::READ_BATCH;
use crate::statistics::Groups;
use crate::voices::{SpeakerStats, VoiceTally};
use features::ragged::Ragged;

/// An evidence line with the article it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceLine {
    /// Article index.
    pub article: usize,
    /// The hit.
    pub hit: Hit,
    /// Its context.
    pub line: ContextLine,
}

/// What the lexicon check needs to know about one pattern.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatternTally {
    /// Hits.
    pub hits: usize,
    /// Articles with a hit.
    pub articles: usize,
    /// The first articles with a hit, in corpus order (at most `display.articles_named_per_pattern`).
    pub first_articles: Vec<usize>,
    /// Matched surface forms and how often.
    pub forms: BTreeMap<String, usize>,
    /// Matches removed by the pattern's exclusions.
    pub excluded: usize,
    /// The first evidence lines.
    pub lines: Vec<EvidenceLine>,
}

/// Everything the first pass collects.
pub struct Collected {
    /// The corpus source.
    pub source: SourceInfo,
    /// Article metadata in input order.
    pub articles: Vec<ArticleInfo>,
    /// Per-article numbers.
    pub stats: Vec<ArticleStats>,
    /// Provisional term ids per article.
    pub terms: Ragged,
    /// The token index of each counted token, per article.
    pub term_tokens: Ragged,
    /// Sentence ends into `terms` per article.
    pub sentence_ends: Ragged,
    /// Surface forms of all terms.
    pub labels: LabelCounts,
    /// Frame hits per article.
    pub hits: Vec<Vec<Hit>>,
    /// Every token of an article as the id of its word hash in
    /// `word_table` (empty for exact duplicates): 4 bytes a token where the
    /// hash takes 8, for the shared-passage search.
    pub words: Ragged,
    /// The distinct word hashes, by id.
    pub word_table: Vec<u64>,
    /// For an exact duplicate, the first article with the same text.
    pub duplicate_of: Vec<Option<usize>>,
    /// Articles by group (outlet or `--group-by` value).
    pub groups: Groups,
    /// Voices per group.
    pub voices: Vec<VoiceTally>,
    /// The first evidence lines per frame.
    pub evidence: Vec<Vec<EvidenceLine>>,
    /// Per frame, per pattern: the lexicon check's numbers.
    pub patterns: Vec<Vec<PatternTally>>,
    /// Articles that could not be read.
    pub skipped: Vec<InputWarning>,
    /// Every input skipped, repaired, renamed or cut, in input order, then
    /// the reader's remarks about the whole corpus.
    pub warnings: Vec<InputWarning>,
    /// Term keys by provisional id.
    pub keys: Vec<Box<str>>,
    /// The labels of the lexicon's actors, per article.
    pub actor_labels: Vec<crate::labels::ArticleLabels>,
}

/// One corpus entry as the first pass leaves it: an article's digest and
/// the rows a sink prepared of it, or why it was skipped.
pub type Digested<R> = Result<(ArticleDigest, R), InputWarning>;

/// Runs the first pass, handing every article's rows to `sink`.
pub fn collect<S: ArticleSink + Send>(
    mut reader: CorpusReader,
    lexicon: &Lexicon,
    matcher: &FrameMatcher,
    index: WordIndex,
    config: &AnalysisConfig,
    sink: &mut S,
    progress: &dyn Progress,
) -> Result<Collected, AnalysisError> {
    let shared = Shared {
        index: &index,
        matcher,
        lexicon,
        config,
    };
    let mut merger = Merger::new(lexicon, reader.info().clone());
    read_digests::<S, _>(
        &mut reader,
        &shared,
        |_| true,
        |_, entry| merger.take(entry, sink, &config.display),
        progress,
    )?;
    sink.end_of_pass()
        .map_err(|e| AnalysisError::Sink(Box::new(e)))?;
    let warnings = reader.warnings().to_vec();
    let labels = index.labels();
    Ok(merger.finish(index.into_keys(), labels, warnings))
}

/// Reads the corpus in bounded batches, digests the entries `keep` selects
/// (by their number among all entries, skipped ones included) in parallel,
/// and hands each to `consume` with its number, in input order. Returns
/// the number of entries read.
pub(crate) fn read_digests<S, F>(
    reader: &mut CorpusReader,
    shared: &Shared,
    keep: impl Fn(usize) -> bool + Sync,
    mut consume: F,
    progress: &dyn Progress,
) -> Result<usize, AnalysisError>
where
    S: ArticleSink,
    F: FnMut(usize, Digested<S::Rows>) -> Result<(), AnalysisError> + Send,
{
    progress.start(
        "reading and analysing articles",
        reader.total_bytes(),
        ProgressUnit::Bytes,
    );
    let mut last_bytes = 0;
    let mut next_entry = 0usize;
    // Consuming is sequential (input order); it runs beside the parallel
    // analysis of the next batch instead of after it.
    let mut analysed: Vec<(usize, Digested<S::Rows>)> = Vec::new();
    reader.read_ahead(READ_BATCH, |batch, bytes| {
        let previous = std::mem::take(&mut analysed);
        let first = next_entry;
        next_entry += batch.len();
        let (entries, consumed) = rayon::join(
            || {
                batch
                    .into_par_iter()
                    .enumerate()
                    .filter(|(i, _)| keep(first + i))
                    .map(|(i, entry)| {
                        let digested = match entry {
                            Entry::Article(article) => Ok(digest::<S>(article, shared)),
                            Entry::Skipped(skipped) => Err(skipped),
                        };
                        (first + i, digested)
                    })
                    .collect()
            },
            || {
                previous
                    .into_iter()
                    .try_for_each(|(number, entry)| consume(number, entry))
            },
        );
        consumed?;
        analysed = entries;
        progress.advance(bytes - last_bytes);
        last_bytes = bytes;
        Ok::<(), AnalysisError>(())
    })?;
    analysed
        .into_iter()
        .try_for_each(|(number, entry)| consume(number, entry))?;
    progress.finish();
    Ok(next_entry)
}

/// Sequential merging of digests, in input order.
pub(crate) struct Merger {
    collected: Collected,
    skipped: Vec<InputWarning>,
    /// Hash of a whole token sequence → first article with it.
    first_with_hash: HashMap<u64, usize>,
    /// Word hash → its id in `collected.word_table`.
    word_ids: rustc_hash::FxHashMap<u64, u32>,
    /// Articles with hits, per frame and pattern (to count articles).
    last_article: Vec<Vec<usize>>,
}

impl Merger {
    pub(crate) fn new(lexicon: &Lexicon, source: SourceInfo) -> Merger {
        Merger {
            collected: Collected {
                source,
                articles: Vec::new(),
                stats: Vec::new(),
                terms: Ragged::spilling(),
                term_tokens: Ragged::spilling(),
                sentence_ends: Ragged::spilling(),
                labels: LabelCounts::default(),
                hits: Vec::new(),
                // Read at random by the passage search: kept in memory.
                words: Ragged::new(),
                word_table: Vec::new(),
                duplicate_of: Vec::new(),
                groups: Groups::default(),
                voices: Vec::new(),
                evidence: vec![Vec::new(); lexicon.frames.len()],
                patterns: lexicon
                    .frames
                    .iter()
                    .map(|f| vec![PatternTally::default(); f.terms.len()])
                    .collect(),
                skipped: Vec::new(),
                warnings: Vec::new(),
                keys: Vec::new(),
                actor_labels: Vec::new(),
            },
            skipped: Vec::new(),
            first_with_hash: HashMap::new(),
            word_ids: rustc_hash::FxHashMap::default(),
            last_article: lexicon
                .frames
                .iter()
                .map(|f| vec![usize::MAX; f.terms.len()])
                .collect(),
        }
    }

    /// Takes the next entry in input order: an article's rows go to `sink`
    /// and its digest is merged; a skipped entry is listed.
    pub(crate) fn take<S: ArticleSink>(
        &mut self,
        entry: Digested<S::Rows>,
        sink: &mut S,
        display: &DisplayConfig,
    ) -> Result<(), AnalysisError> {
        match entry {
            Ok((digest, rows)) => {
                sink.write(rows)
                    .map_err(|e| AnalysisError::Sink(Box::new(e)))?;
                self.add(digest, display)?;
            }
            Err(skipped) => {
                self.collected.warnings.push(skipped.clone());
                self.skipped.push(skipped);
            }
        }
        Ok(())
    }

    fn add(&mut self, digest: ArticleDigest, display: &DisplayConfig) -> Result<(), AnalysisError> {
        let c = &mut self.collected;
        let article = c.articles.len();
        for (hit, line) in digest.hits.iter().zip(&digest.contexts) {
            let evidence = EvidenceLine {
                article,
                hit: hit.clone(),
                line: line.clone(),
            };
            let tally = &mut c.patterns[hit.frame][hit.term];
            tally.hits += 1;
            *tally.forms.entry(line.keyword.clone()).or_insert(0) += 1;
            if self.last_article[hit.frame][hit.term] != article {
                self.last_article[hit.frame][hit.term] = article;
                tally.articles += 1;
                if tally.first_articles.len() < display.articles_named_per_pattern {
                    tally.first_articles.push(article);
                }
            }
            if tally.lines.len() < display.evidence_per_pattern {
                tally.lines.push(evidence.clone());
            }
            if c.evidence[hit.frame].len() < display.evidence_per_frame {
                c.evidence[hit.frame].push(evidence);
            }
        }
        for &(frame, term) in &digest.excluded {
            c.patterns[frame][term].excluded += 1;
        }

        let group = c.groups.add(&digest.info.group);
        if group == c.voices.len() {
            c.voices.push(VoiceTally::default());
        }
        add_voices(&mut c.voices[group], &digest.stats, &digest.quotes);

        let whole = text_hash(&digest.word_hashes);
        // Ids in order of first sight in input order: the same every run.
        let table = &mut c.word_table;
        let words: Vec<u32> = digest
            .word_hashes
            .iter()
            .map(|&hash| {
                *self.word_ids.entry(hash).or_insert_with(|| {
                    table.push(hash);
                    u32::try_from(table.len() - 1).expect("more than u32::MAX distinct words")
                })
            })
            .collect();
        let duplicate_of = match self.first_with_hash.get(&whole) {
            Some(&first) if !words.is_empty() && *c.words.get(first) == *words => Some(first),
            Some(_) => None,
            None => {
                self.first_with_hash.insert(whole, article);
                None
            }
        };
        c.duplicate_of.push(duplicate_of);
        let scratch = |source| AnalysisError::Scratch { source };
        c.words
            .push(if duplicate_of.is_some() { &[] } else { &words })
            .map_err(scratch)?;
        c.warnings.extend(digest.warnings);
        c.articles.push(digest.info);
        c.stats.push(digest.stats);
        c.terms.push(&digest.terms).map_err(scratch)?;
        c.term_tokens.push(&digest.term_tokens).map_err(scratch)?;
        c.sentence_ends
            .push(&digest.sentence_ends)
            .map_err(scratch)?;
        c.hits.push(digest.hits);
        c.actor_labels.push(digest.labels);
        Ok(())
    }

    pub(crate) fn finish(
        mut self,
        keys: Vec<Box<str>>,
        labels: LabelCounts,
        warnings: Vec<InputWarning>,
    ) -> Collected {
        self.collected.keys = keys;
        self.collected.labels = labels;
        self.collected.skipped = self.skipped;
        self.collected.warnings.extend(warnings);
        self.collected
    }
}

fn add_voices(tally: &mut VoiceTally, stats: &ArticleStats, quotes: &[QuoteSummary]) {
    tally.words += stats.n_words;
    tally.quoted_words += stats.quoted_words;
    tally.reported_words += stats.reported_words;
    for quote in quotes {
        let Some(speaker) = &quote.speaker else {
            if quote.kind == core_text::QuoteKind::Direct {
                tally.unattributed += 1;
            }
            continue;
        };
        let entry = tally
            .speakers
            .entry(speaker.key.clone())
            .or_insert_with(|| SpeakerStats {
                key: speaker.key.clone(),
                name: speaker.name.clone(),
                role: speaker.role.clone(),
                direct: 0,
                reported: 0,
                words: 0,
            });
        if speaker.name.len() > entry.name.len() {
            entry.name = speaker.name.clone();
        }
        match quote.kind {
            core_text::QuoteKind::Direct => {
                entry.direct += 1;
                entry.words += quote.words;
            }
            core_text::QuoteKind::Reported => entry.reported += 1,
        }
    }
}
