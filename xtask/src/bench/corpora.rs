//! The corpora the benchmark measures: 10kGNAD repeated (exact copies, or
//! copies with each sentence's words shuffled, so nothing is a duplicate)
//! and one long article made of a seed article repeated.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// The article repeated into the long one, and the short one beside it
/// (two articles, so two groups: without a manifest each is its own).
pub(super) const LONG_SOURCE: &str = "corpus/security-talks-2021/003_c7f51b5bd6edf0e0.txt";
pub(super) const SHORT_SOURCE: &str = "corpus/security-talks-2021/000_a14304979644f1e8.txt";

/// `text` repeated, copies separated by a blank line, cut to `bytes` or
/// the last character boundary before it.
pub(super) fn long_text(text: &str, bytes: usize) -> String {
    let text = text.trim_end();
    let mut long = String::with_capacity(bytes + text.len() + 2);
    while long.len() < bytes {
        if !long.is_empty() {
            long.push_str("\n\n");
        }
        long.push_str(text);
    }
    let mut end = bytes;
    while !long.is_char_boundary(end) {
        end -= 1;
    }
    long.truncate(end);
    long
}

/// `source` repeated `times` times (a new file, made once); with
/// `distinct`, every copy after the first has the words of each sentence
/// shuffled.
pub(super) fn repeated(
    source: &Path,
    times: usize,
    distinct: bool,
    work: &Path,
) -> anyhow::Result<PathBuf> {
    if times == 1 {
        return Ok(source.to_path_buf());
    }
    let path = work.join(format!("10kgnad-x{times}{}.csv", copies_suffix(distinct)));
    if path.exists() {
        return Ok(path);
    }
    // Written beside the target and renamed when complete, so an
    // interrupted run never leaves a truncated corpus to be measured.
    let partial = path.with_extension("csv.partial");
    let bytes = fs::read(source)?;
    let mut file = std::io::BufWriter::new(fs::File::create(&partial)?);
    if distinct {
        write_shuffled_copies(&bytes, times, &mut file)
            .with_context(|| format!("writing {}", partial.display()))?;
    } else {
        for _ in 0..times {
            file.write_all(&bytes)?;
            if !bytes.ends_with(b"\n") {
                file.write_all(b"\n")?;
            }
        }
    }
    file.flush()?;
    drop(file);
    fs::rename(&partial, &path)?;
    Ok(path)
}

/// What names a corpus of distinct copies (its file, report and row).
pub(super) fn copies_suffix(distinct: bool) -> &'static str {
    if distinct { "-distinct" } else { "" }
}

/// Writes `times` copies of the 10kGNAD CSV `source` (`;`, `'`, no
/// header): the first as it is, each later one with the words of every
/// sentence (split at `. `; all but the last) in a seeded random order, so
/// that the copies keep their vocabulary and length but share no long run
/// of words.
fn write_shuffled_copies(
    source: &[u8],
    times: usize,
    out: impl std::io::Write,
) -> anyhow::Result<()> {
    use rand::SeedableRng as _;
    use rand::seq::SliceRandom as _;
    let records: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .delimiter(b';')
        .quote(b'\'')
        .has_headers(false)
        .from_reader(source)
        .records()
        .collect::<Result<_, _>>()?;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .quote(b'\'')
        .from_writer(out);
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(42);
    for copy in 0..times {
        for record in &records {
            let (Some(label), Some(text)) = (record.get(0), record.get(1)) else {
                bail!("a 10kGNAD record needs a label and a text: {record:?}");
            };
            if copy == 0 {
                writer.write_record([label, text])?;
                continue;
            }
            let sentences: Vec<String> = text
                .split(". ")
                .map(|sentence| {
                    let mut words: Vec<&str> = sentence.split(' ').collect();
                    // The last word stays last: it may carry the text's
                    // closing full stop, which elsewhere would split the
                    // sentence in two.
                    let last = words.len().saturating_sub(1);
                    words[..last].shuffle(&mut rng);
                    words.join(" ")
                })
                .collect();
            writer.write_record([label, sentences.join(". ").as_str()])?;
        }
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(csv_bytes: &[u8]) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .delimiter(b';')
            .quote(b'\'')
            .has_headers(false)
            .from_reader(csv_bytes)
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    fn sorted_words(text: &str) -> Vec<Vec<&str>> {
        text.split(". ")
            .map(|s| {
                let mut words: Vec<&str> = s.split(' ').collect();
                words.sort_unstable();
                words
            })
            .collect()
    }

    #[test]
    fn the_long_text_is_cut_to_the_size_at_a_character_boundary() {
        // The source's trailing newline is dropped: copies are separated
        // by exactly one blank line.
        let long = long_text("Grüße.\n", 21);
        assert_eq!(long, "Grüße.\n\nGrüße.\n\nG");
        assert_eq!(long.len(), 21);
        // Byte 23 falls inside `ü`: the cut moves back before it.
        assert_eq!(long_text("Grüße.", 23), "Grüße.\n\nGrüße.\n\nGr");
    }

    #[test]
    fn distinct_copies_keep_each_sentences_words_in_a_new_order() {
        let source = "Inland;'Die Regierung sagt: Wir halten uns an die Regeln; vorerst. \
                      Der Kanzler sprach von einem ''guten'' Tag für alle hier.'\n\
                      Sport;Ein Tor in der letzten Minute entschied das Spiel gegen Rapid Wien.\n";
        let mut out = Vec::new();
        write_shuffled_copies(source.as_bytes(), 3, &mut out).unwrap();
        let original = records(source.as_bytes());
        let copies = records(&out);
        assert_eq!(copies.len(), 6);
        assert_eq!(copies[..2], original[..]);
        for (i, copy) in copies[2..].iter().enumerate() {
            let from = &original[i % 2];
            assert_eq!(copy[0], from[0]);
            assert_ne!(copy[1], from[1]);
            assert_eq!(sorted_words(&copy[1]), sorted_words(&from[1]));
        }
        assert_ne!(copies[2], copies[4]);
    }
}
