//! Shard digests on disk, for corpora past one machine: `rahmen digest
//! --shard I/N` writes one shard's digests as Parquet into a folder of its
//! own, and `rahmen report --digests DIR` reads every shard of `DIR` back, in
//! entry order, into the analysis's reduce step
//! ([`analysis::analyze_shards`]).
//!
//! A shard folder `shard-0003-of-0008/` holds:
//! - `digests.parquet`: `entry doc_id group date tokens text_hash digest`, one row per
//!   entry of the shard; `digest` is the article's whole digest and its
//!   prepared data-file rows, encoded with postcard (Rahmen's own, read back
//!   by the reduce);
//! - `counts.parquet`: `entry doc_id group term count`, the counted terms of
//!   every article, for a distributed engine's reduce (`docs/scale-out.md`);
//! - `shingles.parquet`: `entry position fingerprint`, every article's
//!   winnowed shingle fingerprints ([`features::syndication::fingerprints`]),
//!   for the same engine's shingle join, which finds the pairs of articles
//!   the shared-passage search checks;
//! - `terms.parquet` (`id key`) and `forms.parquet` (`id form count`): the
//!   shard's words by its own ids;
//! - `shard.json`: which shard, the corpus's entry count, the reader's
//!   remarks, and the first pass's settings and the lexicon it was made
//!   with (the reduce refuses shards made otherwise). It is written with the rest and the
//!   folder is swapped in whole, so a shard is there complete or not at all.

use std::fs::File;
use std::path::{Path, PathBuf};

use analysis::{
    Analysis, AnalysisConfig, AnalysisError, Progress, Shard, ShardEntry, ShardSummary, ShardWords,
    Source,
};
use parquet::file::reader::SerializedFileReader;
use parquet::record::{Row, RowAccessor};
use serde::{Deserialize, Serialize};

use crate::data::article_rows::{ArticleFiles, ArticleRows};
use crate::data::cells::{Cell, Kind, RowSink};
use crate::data::parquet_table::ParquetStream;
use crate::error::ReportError;
use crate::output::ReportWriter;

/// Digests per row group: a digest carries its article's clean text, so a
/// row group of the default size could buffer gigabytes.
const DIGESTS_PER_ROW_GROUP: usize = 1024;

/// The version of the shard files; the reduce refuses another.
const FORMAT: u32 = 2;

/// `shard.json`.
#[derive(Serialize, Deserialize)]
struct ShardFile {
    format: u32,
    shard: Shard,
    entries: usize,
    reader_warnings: Vec<corpus::InputWarning>,
    /// The first pass's settings the digests were made with.
    settings: serde_json::Value,
    /// The shingle settings `shingles.parquet` was made with
    /// (`syndication.params`); Rahmen's own reduce does not read the table.
    shingles: features::syndication::SyndicationParams,
    /// The lexicon's file name and text.
    lexicon_file: String,
    lexicon: String,
}

/// The folder of shard `shard` in `dir`.
pub fn shard_folder(dir: &Path, shard: Shard) -> PathBuf {
    dir.join(format!("shard-{:04}-of-{:04}", shard.number, shard.count))
}

/// The map step: digests shard `shard` of `source` into its folder in
/// `dir`, replacing an earlier run of the same shard.
pub fn write_shard(
    source: &dyn Source,
    lexicon_path: &Path,
    config: &AnalysisConfig,
    shard: Shard,
    dir: &Path,
    progress: &dyn Progress,
) -> Result<ShardSummary, ReportError> {
    let lexicon_text = read_lexicon(lexicon_path)?;
    let lexicon = features::Lexicon::load(lexicon_path)?;
    let mut writer = ReportWriter::new(&shard_folder(dir, shard))?;
    let mut digests = ParquetStream::new(
        writer.stream("digests.parquet")?,
        "digests",
        &[
            ("entry", Kind::Integer),
            ("doc_id", Kind::Text),
            ("group", Kind::Text),
            ("date", Kind::Text),
            ("tokens", Kind::Integer),
            ("text_hash", Kind::Integer),
            ("digest", Kind::Bytes),
        ],
    )?
    .with_row_group(DIGESTS_PER_ROW_GROUP);
    let mut counts = ParquetStream::new(
        writer.stream("counts.parquet")?,
        "counts",
        &[
            ("entry", Kind::Integer),
            ("doc_id", Kind::Text),
            ("group", Kind::Text),
            ("term_id", Kind::Integer),
            ("count", Kind::Integer),
        ],
    )?;
    let mut shingles = ParquetStream::new(
        writer.stream("shingles.parquet")?,
        "shingles",
        &[
            ("entry", Kind::Integer),
            ("position", Kind::Integer),
            ("fingerprint", Kind::Integer),
        ],
    )?;
    let syndication = config
        .syndication
        .params
        .check()
        .map_err(AnalysisError::from)?;
    let summary = analysis::digest_shard::<ArticleFiles, _>(
        source,
        &lexicon,
        config,
        shard,
        |entry, digested: ShardEntry<ArticleRows>| {
            let tables = EntryTables {
                digests: &mut digests,
                counts: &mut counts,
                shingles: &mut shingles,
            };
            write_entry(entry, &digested, tables, &syndication)
                .map_err(|e| AnalysisError::Sink(Box::new(e)))
        },
        progress,
    )
    .map_err(crate::unwrap_sink_error)?;
    digests.finish()?;
    counts.finish()?;
    shingles.finish()?;
    write_words(&summary.words, &mut writer)?;
    let file = ShardFile {
        format: FORMAT,
        shard,
        entries: summary.entries,
        reader_warnings: summary.reader_warnings.clone(),
        settings: settings_json(config),
        shingles: config.syndication.params,
        lexicon_file: crate::lexicon_file_name(lexicon_path),
        lexicon: lexicon_text,
    };
    let json = serde_json::to_string_pretty(&file).expect("a shard summary serialises");
    writer.add("shard.json", json + "\n")?;
    writer.commit()?;
    Ok(summary)
}

/// The tables an entry adds rows to.
struct EntryTables<'a> {
    digests: &'a mut ParquetStream,
    counts: &'a mut ParquetStream,
    shingles: &'a mut ParquetStream,
}

/// One entry's rows: its digest, its counted terms by shard-local id, and
/// its shingle fingerprints.
fn write_entry(
    entry: usize,
    digested: &ShardEntry<ArticleRows>,
    tables: EntryTables,
    syndication: &features::syndication::ValidSyndicationParams,
) -> Result<(), ReportError> {
    let EntryTables {
        digests,
        counts,
        shingles,
    } = tables;
    let bytes = postcard::to_stdvec(digested).expect("a digest serialises");
    let entry = entry as i64;
    let (id, group, date, tokens, text_hash) = match digested {
        ShardEntry::Article(digest, _) => (
            digest.info.id.as_str(),
            digest.info.group.as_str(),
            digest.info.date.as_deref().unwrap_or(""),
            digest.stats.n_tokens as i64,
            // The bits of the u64, as Parquet has no unsigned 64-bit type.
            analysis::digest::text_hash(&digest.word_hashes) as i64,
        ),
        ShardEntry::Skipped(_) => ("", "", "", 0, 0),
    };
    digests.row(&[
        Cell::Integer(entry),
        Cell::Text(id),
        Cell::Text(group),
        Cell::Text(date),
        Cell::Integer(tokens),
        Cell::Integer(text_hash),
        Cell::Bytes(&bytes),
    ])?;
    if let ShardEntry::Article(digest, _) = digested {
        let mut terms = digest.terms.clone();
        terms.sort_unstable();
        for run in terms.chunk_by(|a, b| a == b) {
            counts.row(&[
                Cell::Integer(entry),
                Cell::Text(id),
                Cell::Text(group),
                Cell::Integer(i64::from(run[0])),
                Cell::Integer(run.len() as i64),
            ])?;
        }
        for f in features::syndication::fingerprints(&digest.word_hashes, syndication) {
            shingles.row(&[
                Cell::Integer(entry),
                Cell::Integer(i64::from(f.position)),
                // The bits of the u64, as for `text_hash`.
                Cell::Integer(f.hash as i64),
            ])?;
        }
    }
    Ok(())
}

/// `terms.parquet` and `forms.parquet`.
fn write_words(words: &ShardWords, writer: &mut ReportWriter) -> Result<(), ReportError> {
    let mut terms = ParquetStream::new(
        writer.stream("terms.parquet")?,
        "terms",
        &[("id", Kind::Integer), ("key", Kind::Text)],
    )?;
    for (id, key) in words.keys.iter().enumerate() {
        terms.row(&[Cell::Integer(id as i64), Cell::Text(key)])?;
    }
    terms.finish()?;
    let mut forms = ParquetStream::new(
        writer.stream("forms.parquet")?,
        "forms",
        &[
            ("id", Kind::Integer),
            ("form", Kind::Text),
            ("count", Kind::Integer),
        ],
    )?;
    for (id, form, count) in &words.forms {
        forms.row(&[
            Cell::Integer(i64::from(*id)),
            Cell::Text(form),
            Cell::Integer(*count as i64),
        ])?;
    }
    forms.finish()
}

/// The shards of a folder, checked to fit together and to the settings
/// and lexicon of the report being made.
pub struct Shards {
    folders: Vec<PathBuf>,
    summaries: Vec<ShardSummary>,
}

impl Shards {
    /// Reads the summaries and words of every shard folder in `dir`.
    pub fn open(
        dir: &Path,
        lexicon_path: &Path,
        config: &AnalysisConfig,
    ) -> Result<Shards, ReportError> {
        let failed = |message: String| ReportError::Shard {
            path: dir.to_path_buf(),
            message,
        };
        let listing = std::fs::read_dir(dir).map_err(|e| failed(e.to_string()))?;
        let mut folders: Vec<PathBuf> = listing
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            // Hidden folders are shards still being written (staging).
            .filter(|path| {
                path.file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
            })
            .filter(|path| path.join("shard.json").is_file())
            .collect();
        folders.sort();
        if folders.is_empty() {
            return Err(failed(
                "no shard folders (with a shard.json) here; make them with `rahmen digest --shard I/N`".to_owned(),
            ));
        }
        let settings = settings_json(config);
        let lexicon = read_lexicon(lexicon_path)?;
        let mut summaries = Vec::with_capacity(folders.len());
        for folder in &folders {
            let path = folder.join("shard.json");
            let shard_failed = |message: String| ReportError::Shard {
                path: path.clone(),
                message,
            };
            let text = std::fs::read_to_string(&path).map_err(|e| shard_failed(e.to_string()))?;
            let file: ShardFile =
                serde_json::from_str(&text).map_err(|e| shard_failed(e.to_string()))?;
            if file.format != FORMAT {
                return Err(shard_failed(format!(
                    "shard files of format {} (this Rahmen reads format {FORMAT}): make the digests again",
                    file.format
                )));
            }
            if let Some(setting) = first_difference(&file.settings, &settings) {
                return Err(shard_failed(format!(
                    "made with other settings (`{setting}` differs): make the digests again with the report's flags"
                )));
            }
            if file.lexicon != lexicon {
                return Err(shard_failed(format!(
                    "made with another lexicon ({}) than {}",
                    file.lexicon_file,
                    lexicon_path.display()
                )));
            }
            summaries.push(ShardSummary {
                shard: file.shard,
                entries: file.entries,
                words: read_words(folder)?,
                reader_warnings: file.reader_warnings,
            });
        }
        Ok(Shards { folders, summaries })
    }

    /// The reduce step: the analysis of the corpus from its shards; the
    /// rows of the streamed data files go to `sink`.
    pub fn analyze(
        self,
        source: &dyn Source,
        lexicon: features::Lexicon,
        lexicon_file: String,
        config: &AnalysisConfig,
        sink: &mut ArticleFiles,
        progress: &dyn Progress,
    ) -> Result<Analysis, AnalysisError> {
        // Shard n % N holds entry n: each shard's rows are read in order,
        // one at a time, taking turns.
        let mut readers = Vec::with_capacity(self.folders.len());
        for folder in &self.folders {
            let path = folder.join("digests.parquet");
            let rows = open_rows(&path).map_err(|e| AnalysisError::Sink(Box::new(e)))?;
            readers.push((path, rows));
        }
        let mut order: Vec<usize> = (0..self.summaries.len()).collect();
        order.sort_by_key(|&i| self.summaries[i].shard.number);
        let total = self.summaries.first().map_or(0, |s| s.entries);
        let entries = (0..total).map(move |entry| {
            let from = order[entry % order.len()];
            let (path, rows) = &mut readers[from];
            read_entry(path, rows.next())
                .map(|(number, digested)| (from, number, digested))
                .map_err(|e| AnalysisError::Sink(Box::new(e)))
        });
        analysis::analyze_shards::<ArticleFiles>(
            source,
            lexicon,
            lexicon_file,
            config,
            self.summaries,
            entries,
            sink,
            progress,
        )
    }
}

type Rows = Box<dyn Iterator<Item = Result<Row, parquet::errors::ParquetError>>>;

fn open_rows(path: &Path) -> Result<Rows, ReportError> {
    let file = File::open(path).map_err(|e| shard_error(path, e))?;
    let reader = SerializedFileReader::new(file).map_err(|e| shard_error(path, e))?;
    Ok(Box::new(reader.into_iter()))
}

/// The next digest of a shard: its entry number and the entry.
fn read_entry(
    path: &Path,
    row: Option<Result<Row, parquet::errors::ParquetError>>,
) -> Result<(usize, ShardEntry<ArticleRows>), ReportError> {
    let row = row
        .ok_or_else(|| shard_error(path, "ends before the corpus's last entry of this shard"))?
        .map_err(|e| shard_error(path, e))?;
    let number = row.get_long(0).map_err(|e| shard_error(path, e))?;
    let bytes = row.get_bytes(6).map_err(|e| shard_error(path, e))?;
    let digested = postcard::from_bytes(bytes.data())
        .map_err(|e| shard_error(path, format!("entry {}: {e}", number + 1)))?;
    Ok((number as usize, digested))
}

/// A shard's words from `terms.parquet` and `forms.parquet`.
fn read_words(folder: &Path) -> Result<ShardWords, ReportError> {
    let mut words = ShardWords::default();
    let path = folder.join("terms.parquet");
    for (expected, row) in open_rows(&path)?.enumerate() {
        let row = row.map_err(|e| shard_error(&path, e))?;
        let id = row.get_long(0).map_err(|e| shard_error(&path, e))?;
        if id != expected as i64 {
            return Err(shard_error(
                &path,
                format!("term id {id} where {expected} was due"),
            ));
        }
        let key = row.get_string(1).map_err(|e| shard_error(&path, e))?;
        words.keys.push(key.as_str().into());
    }
    let path = folder.join("forms.parquet");
    for row in open_rows(&path)? {
        let row = row.map_err(|e| shard_error(&path, e))?;
        let id = row.get_long(0).map_err(|e| shard_error(&path, e))?;
        let form = row.get_string(1).map_err(|e| shard_error(&path, e))?;
        let count = row.get_long(2).map_err(|e| shard_error(&path, e))?;
        if id < 0 || id as usize >= words.keys.len() || count < 0 {
            return Err(shard_error(&path, format!("no term {id} (count {count})")));
        }
        words
            .forms
            .push((id as u32, form.as_str().into(), count as u64));
    }
    Ok(words)
}

fn read_lexicon(path: &Path) -> Result<String, ReportError> {
    std::fs::read_to_string(path).map_err(|e| shard_error(path, e))
}

/// The settings the first pass reads (as `config.json` prints them): the
/// digests must have been made with these; the rest (clusters, statistics,
/// display) may change between the digests and the report.
fn settings_json(config: &AnalysisConfig) -> serde_json::Value {
    let all = serde_json::to_value(config).expect("the settings serialise");
    serde_json::json!({
        "analyzer": all["analyzer"],
        "group_by": all["group_by"],
        "input": all["input"],
        "text": all["text"],
        "display": {
            "kwic_width": all["display"]["kwic_width"],
            "removed_lines_kept": all["display"]["removed_lines_kept"],
        },
        "labels": { "window": all["labels"]["window"] },
    })
}

/// The first setting (a dotted path) where two settings differ.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value) -> Option<String> {
    match (a, b) {
        (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            keys.into_iter()
                .find_map(|key| match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => {
                        first_difference(x, y).map(|inner| format!("{key}{}", dotted(&inner)))
                    }
                    _ => Some(key.clone()),
                })
        }
        _ if a == b => None,
        _ => Some(String::new()),
    }
}

fn dotted(inner: &str) -> String {
    if inner.is_empty() {
        String::new()
    } else {
        format!(".{inner}")
    }
}

fn shard_error(path: &Path, error: impl std::fmt::Display) -> ReportError {
    ReportError::Shard {
        path: path.to_path_buf(),
        message: error.to_string(),
    }
}
