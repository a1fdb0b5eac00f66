//! The streaming reader all formats share: batches in input order, ids made
//! unique, progress in bytes, and [`CorpusReader::read_all`] for small corpora.

use std::collections::hash_map::Entry as Slot;
use std::path::Path;

use crate::article::{Corpus, Entry};
use crate::error::CorpusError;
use crate::format::{Format, InputOptions};
use crate::source::{EntrySource, SourceInfo};
use crate::warning::{InputWarning, Origin, WarningKind};
use crate::{csv_file, folder, jsonl_file};

/// Entries in the first batch of [`CorpusReader::read_ahead`].
pub const FIRST_BATCH: usize = 64;

/// Reads a corpus batch by batch, holding only the current batch in memory.
///
/// Made by [`open`]. Per-record problems come out as [`Entry::Skipped`] in
/// their place; a later article with an id already used is skipped too, with
/// a reason naming the first one.
pub struct CorpusReader {
    info: SourceInfo,
    source: Box<dyn EntrySource>,
    warnings: Vec<InputWarning>,
    first_use: rustc_hash::FxHashMap<String, Origin>,
    finished: bool,
}

impl std::fmt::Debug for CorpusReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusReader")
            .field("info", &self.info)
            .field("bytes_read", &self.bytes_read())
            .field("finished", &self.finished)
            .finish_non_exhaustive()
    }
}

/// Opens the corpus at `path` for reading in batches.
///
/// Checks everything that concerns the corpus as a whole before any article
/// is read: that the path exists and has a known format, the manifest, the
/// CSV header (the text column and the group-by column must be in it), the
/// first JSONL object. Those problems are errors; problems of single records
/// come later, as [`Entry::Skipped`].
pub fn open(path: &Path, options: &InputOptions) -> Result<CorpusReader, CorpusError> {
    let format = match options.format {
        None => Format::detect(path)?,
        Some(_) if !path.exists() => {
            return Err(CorpusError::NotFound {
                path: path.to_path_buf(),
            });
        }
        Some(format) => format,
    };
    let mismatch = match format {
        Format::Folder => (!path.is_dir()).then_some("is not a folder"),
        Format::Csv | Format::Jsonl => path.is_dir().then_some("is a folder, not a file"),
    };
    if let Some(message) = mismatch {
        return Err(CorpusError::Input {
            path: path.to_path_buf(),
            message: format!("{message} (format {format})"),
        });
    }
    let opened = match format {
        Format::Folder => folder::open(path, options)?,
        Format::Csv => csv_file::open(path, options)?,
        Format::Jsonl => jsonl_file::open(path, options)?,
    };
    Ok(CorpusReader {
        info: opened.info,
        source: opened.source,
        warnings: opened.warnings,
        first_use: rustc_hash::FxHashMap::default(),
        finished: false,
    })
}

impl CorpusReader {
    /// The corpus name, title and description, format and columns.
    pub fn info(&self) -> &SourceInfo {
        &self.info
    }

    /// The next entries in input order, at most `max_entries` of them
    /// (articles and skipped records together; 0 counts as 1), or `None`
    /// when the input is used up. Reads only as much input as the batch
    /// needs.
    pub fn next_batch(&mut self, max_entries: usize) -> Option<Vec<Entry>> {
        if self.finished {
            return None;
        }
        let max = max_entries.max(1);
        let mut batch = Vec::with_capacity(max.min(1024));
        while batch.len() < max {
            let Some(entry) = self.source.next_entry() else {
                self.finished = true;
                let last = self.source.final_warnings();
                self.warnings.extend(last);
                break;
            };
            batch.push(self.admit(entry));
        }
        (!batch.is_empty()).then_some(batch)
    }

    /// Calls `f` with every batch of at most `max_entries` entries (as
    /// [`next_batch`](Self::next_batch) gives them; the first ones smaller,
    /// doubling from [`FIRST_BATCH`]) and the input bytes read
    /// up to its end, while a second thread already reads the next batch:
    /// reading and parsing overlap with the caller's work. At most three
    /// batches are in memory at once. Stops at the first error of `f`.
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// # let path = dir.path().join("c.jsonl");
    /// # std::fs::write(&path, "{\"text\": \"Eins.\"}\n{\"text\": \"Zwei.\"}\n").unwrap();
    /// let mut reader = corpus::open(&path, &corpus::InputOptions::default())?;
    /// let mut seen = 0;
    /// reader.read_ahead(1, |batch, _bytes| {
    ///     seen += batch.len();
    ///     Ok::<(), corpus::CorpusError>(())
    /// })?;
    /// assert_eq!(seen, 2);
    /// # Ok::<(), corpus::CorpusError>(())
    /// ```
    pub fn read_ahead<E>(
        &mut self,
        max_entries: usize,
        mut f: impl FnMut(Vec<Entry>, u64) -> Result<(), E>,
    ) -> Result<(), E> {
        std::thread::scope(|scope| {
            let (sender, batches) = std::sync::mpsc::sync_channel(1);
            let reader = &mut *self;
            scope.spawn(move || {
                // Small first batches, doubling: the caller's threads start
                // work after a few articles are read, not a full batch.
                let mut size = FIRST_BATCH.min(max_entries).max(1);
                while let Some(batch) = reader.next_batch(size) {
                    size = (size * 2).min(max_entries);
                    let bytes = reader.bytes_read();
                    // A closed channel means `f` failed: stop reading.
                    if sender.send((batch, bytes)).is_err() {
                        break;
                    }
                }
            });
            for (batch, bytes) in batches {
                f(batch, bytes)?;
            }
            Ok(())
        })
    }

    /// Input bytes read so far (file bytes, before decoding).
    pub fn bytes_read(&self) -> u64 {
        self.source.bytes_read()
    }

    /// Input bytes in all, when known: the file size, or the sum of the
    /// article files' sizes for a folder.
    pub fn total_bytes(&self) -> Option<u64> {
        self.source.total_bytes()
    }

    /// Remarks about the corpus as a whole (files a manifest does not list,
    /// dates that could not be read); complete once the input is used up.
    pub fn warnings(&self) -> &[InputWarning] {
        &self.warnings
    }

    /// Reads everything into a [`Corpus`]: the way for corpora that fit in
    /// memory. A corpus without a single readable article is
    /// [`CorpusError::Empty`].
    pub fn read_all(mut self) -> Result<Corpus, CorpusError> {
        let mut articles = Vec::new();
        let mut skipped = Vec::new();
        while let Some(batch) = self.next_batch(1024) {
            for entry in batch {
                match entry {
                    Entry::Article(article) => articles.push(article),
                    Entry::Skipped(skip) => skipped.push(skip),
                }
            }
        }
        if articles.is_empty() {
            return Err(CorpusError::Empty {
                path: self.info.path,
                skipped,
            });
        }
        Ok(Corpus {
            name: self.info.name,
            title: self.info.title,
            description: self.info.description,
            articles,
            skipped,
            warnings: self.warnings,
        })
    }

    /// Renames an article whose id an earlier article already has to the
    /// first free `<id>-2`, `<id>-3`, ...: nothing is lost, and the warning
    /// names both records.
    fn admit(&mut self, entry: Entry) -> Entry {
        let Entry::Article(mut article) = entry else {
            return entry;
        };
        let Some(first) = self.first_use.get(&article.id).cloned() else {
            self.first_use
                .insert(article.id.clone(), article.origin.clone());
            return Entry::Article(article);
        };
        let renamed = (2..)
            .map(|n| format!("{}-{n}", article.id))
            .find(|id| !self.first_use.contains_key(id))
            .expect("an unused suffix exists");
        article.warnings.push(InputWarning::new(
            article.origin.clone(),
            WarningKind::DuplicateId,
            format!(
                "id `{}` is already used by {first}: kept as `{renamed}`",
                article.id
            ),
        ));
        // Unattributed articles are never pooled, renamed ones neither.
        if article.group == format!("unknown ({})", article.id) {
            article.group = format!("unknown ({renamed})");
        }
        article.id = renamed;
        if let Slot::Vacant(slot) = self.first_use.entry(article.id.clone()) {
            slot.insert(article.origin.clone());
        }
        Entry::Article(article)
    }
}

/// Writes `bytes` to `name` in a fresh folder and reads it with `options` in
/// batches of `batch`: one line per entry, `origin id [group] text` or
/// `origin skipped: reason`, then the warnings; or the error.
#[cfg(test)]
pub(crate) fn read_file(
    name: &str,
    bytes: &[u8],
    options: &InputOptions,
    batch: usize,
) -> Result<Vec<String>, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let mut reader = open(&path, options).map_err(|e| {
        let prefix = format!("{}/", dir.path().display());
        e.to_string().replace(&prefix, "")
    })?;
    let mut lines = Vec::new();
    while let Some(entries) = reader.next_batch(batch) {
        assert!(entries.len() <= batch.max(1));
        for entry in entries {
            lines.push(match entry {
                Entry::Article(a) => format!("{} {} [{}] {}", a.origin, a.id, a.group, a.text),
                Entry::Skipped(s) => format!("{} skipped: {}", s.origin, s.detail),
            });
        }
    }
    assert_eq!(reader.bytes_read(), bytes.len() as u64);
    assert_eq!(reader.total_bytes(), Some(bytes.len() as u64));
    lines.extend(reader.warnings().iter().map(|w| format!("warning: {w}")));
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_can_move_to_another_thread() {
        fn send<T: Send>() {}
        send::<CorpusReader>();
    }

    #[test]
    fn batch_size_does_not_change_the_entries() {
        let csv = b"id,text\na,Eins.\nb,\nc,Drei.\na,Vier.\nd,F\xc3\xbcnf.\n";
        let options = InputOptions::default();
        let one = read_file("a.csv", csv, &options, 1).unwrap();
        for batch in [0, 2, 3, 5, 1000] {
            assert_eq!(read_file("a.csv", csv, &options, batch).unwrap(), one);
        }
        assert_eq!(
            one,
            [
                "a.csv:2 a [unknown (a)] Eins.",
                "a.csv:3 skipped: field `text` is empty",
                "a.csv:4 c [unknown (c)] Drei.",
                "a.csv:5 a-2 [unknown (a-2)] Vier.",
                "a.csv:6 d [unknown (d)] Fünf.",
            ]
        );
    }

    #[test]
    fn read_ahead_gives_every_batch_in_order_and_stops_at_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("many.jsonl");
        let lines: String = (0..50)
            .map(|i| format!("{{\"text\": \"Artikel {i}.\"}}\n"))
            .collect();
        std::fs::write(&path, &lines).unwrap();
        let mut reader = open(&path, &InputOptions::default()).unwrap();
        let mut texts = Vec::new();
        let mut last_bytes = 0;
        reader
            .read_ahead(7, |batch, bytes| {
                assert!(bytes >= last_bytes);
                last_bytes = bytes;
                for entry in batch {
                    if let Entry::Article(article) = entry {
                        texts.push(article.text);
                    }
                }
                Ok::<(), CorpusError>(())
            })
            .unwrap();
        let expected: Vec<String> = (0..50).map(|i| format!("Artikel {i}.")).collect();
        assert_eq!(texts, expected);
        assert_eq!(last_bytes, lines.len() as u64);

        let mut reader = open(&path, &InputOptions::default()).unwrap();
        let mut calls = 0;
        let result = reader.read_ahead(7, |_, _| {
            calls += 1;
            if calls == 2 { Err("stop") } else { Ok(()) }
        });
        assert_eq!(result, Err("stop"));
        assert_eq!(calls, 2);
    }

    #[test]
    fn read_ahead_batches_start_small_and_double_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("many.jsonl");
        let total = FIRST_BATCH * 7 + 5;
        let lines: String = (0..total)
            .map(|i| format!("{{\"text\": \"Artikel {i}.\"}}\n"))
            .collect();
        std::fs::write(&path, &lines).unwrap();
        let mut reader = open(&path, &InputOptions::default()).unwrap();
        let mut sizes = Vec::new();
        reader
            .read_ahead(FIRST_BATCH * 3, |batch, _| {
                sizes.push(batch.len());
                Ok::<(), CorpusError>(())
            })
            .unwrap();
        let f = FIRST_BATCH;
        assert_eq!(sizes, [f, 2 * f, 3 * f, f + 5]);
    }

    #[test]
    fn read_all_and_the_end_of_input() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("talks.jsonl");
        std::fs::write(&path, "{\"text\": \"Dialog.\", \"outlet\": \"SNA\"}\n").unwrap();
        let mut reader = open(&path, &InputOptions::default()).unwrap();
        assert_eq!(reader.info().name, "talks");
        assert_eq!(reader.info().encoding, Some("UTF-8"));
        assert_eq!(reader.next_batch(10).map(|b| b.len()), Some(1));
        assert_eq!(reader.next_batch(10), None);
        assert_eq!(reader.next_batch(10), None);
        let corpus = open(&path, &InputOptions::default())
            .unwrap()
            .read_all()
            .unwrap();
        assert_eq!(corpus.name, "talks");
        assert_eq!(corpus.articles[0].group, "SNA");
        std::fs::write(&path, "{\"text\": \"\"}\n").unwrap();
        let empty = open(&path, &InputOptions::default()).unwrap().read_all();
        let message = empty.unwrap_err().to_string();
        assert!(
            message.ends_with(
                "holds no readable article (1 skipped; first: talks.jsonl:1: field `text` is empty)"
            ),
            "{message}"
        );
    }

    #[test]
    fn format_overrides() {
        let options = |format| InputOptions {
            format: Some(format),
            ..InputOptions::default()
        };
        let lines = read_file("export.txt", b"text\nDialog.\n", &options(Format::Csv), 10);
        assert_eq!(
            lines.unwrap(),
            ["export.txt:2 row-1 [unknown (row-1)] Dialog."]
        );
        let folder = read_file("a.csv", b"text\n", &options(Format::Folder), 10);
        assert_eq!(
            folder.unwrap_err(),
            "a.csv: is not a folder (format folder)"
        );
        let dir = tempfile::tempdir().unwrap();
        let error = open(dir.path(), &options(Format::Jsonl)).unwrap_err();
        assert!(
            error
                .to_string()
                .ends_with(": is a folder, not a file (format jsonl)")
        );
    }
}
