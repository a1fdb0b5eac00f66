//! `cargo xtask dated-corpus`: the dated demonstration corpus for framing
//! over time. No real dated German news corpus with a licence that allows
//! committing it is at hand, so it is made from 10kGNAD's test split (DER
//! STANDARD, CC BY-NC-SA 4.0): three newsroom sections stand in for the
//! compared groups, and each article gets a date in a ten-week window,
//! spread evenly over the weeks in file order, the weekday from a hash of
//! its text. The dates are invented, so no framing change is expected:
//! the report shows what the timeline says when nothing happens.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use rahmen::args::workspace_root;

/// Sections kept, as groups.
const SECTIONS: [&str; 3] = ["Inland", "International", "Wirtschaft"];
/// Weeks the dates span, from Monday 7 September 2015.
const WEEKS: usize = 10;

/// Options of `cargo xtask dated-corpus`.
#[derive(Args)]
pub struct DatedCorpusArgs {
    /// The 10kGNAD test split.
    #[arg(long, default_value = "corpus/10kgnad-test/test.csv")]
    source: PathBuf,
    /// The CSV to write (`id,section,date,text`).
    #[arg(long, default_value = "corpus/10kgnad-dated/articles.csv")]
    out: PathBuf,
}

/// The date of day `day` after Monday 7 September 2015, as `YYYY-MM-DD`.
fn date_after_start(day: usize) -> String {
    let months = [(9, 30), (10, 31), (11, 30), (12, 31)];
    let mut left = day + 6; // 7 September is day 6 of September (0-based).
    for (month, length) in months {
        if left < length {
            return format!("2015-{month:02}-{:02}", left + 1);
        }
        left -= length;
    }
    unreachable!("ten weeks from 7 September end in November")
}

fn in_workspace(path: &Path) -> PathBuf {
    if path.is_relative() {
        workspace_root().join(path)
    } else {
        path.to_path_buf()
    }
}

/// Writes the dated corpus.
pub fn run(args: &DatedCorpusArgs) -> anyhow::Result<()> {
    let source = in_workspace(&args.source);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .quote(b'\'')
        .has_headers(false)
        .from_path(&source)
        .with_context(|| format!("cannot read {}", source.display()))?;
    let mut by_section: BTreeMap<&str, Vec<(usize, String)>> = BTreeMap::new();
    for (line, record) in reader.records().enumerate() {
        let record = record.with_context(|| format!("{}:{}", source.display(), line + 1))?;
        let (Some(label), Some(text)) = (record.get(0), record.get(1)) else {
            continue;
        };
        if let Some(section) = SECTIONS.iter().find(|s| **s == label) {
            by_section
                .entry(section)
                .or_default()
                .push((line + 1, text.to_owned()));
        }
    }
    let mut rows: Vec<(String, String, &str, String)> = Vec::new();
    for (section, articles) in &by_section {
        let n = articles.len();
        for (k, (line, text)) in articles.iter().enumerate() {
            let week = k * WEEKS / n;
            let weekday = (features::index::fnv1a(text) % 5) as usize;
            let date = date_after_start(week * 7 + weekday);
            rows.push((date, format!("gnad-{line:04}"), section, text.clone()));
        }
    }
    rows.sort();
    let out = in_workspace(&args.out);
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut writer =
        csv::Writer::from_path(&out).with_context(|| format!("cannot write {}", out.display()))?;
    writer.write_record(["id", "section", "date", "text"])?;
    for (date, id, section, text) in &rows {
        writer.write_record([id.as_str(), section, date.as_str(), text.as_str()])?;
    }
    writer.flush()?;
    println!("wrote {} articles to {}", rows.len(), out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_run_through_the_months() {
        assert_eq!(date_after_start(0), "2015-09-07");
        assert_eq!(date_after_start(23), "2015-09-30");
        assert_eq!(date_after_start(24), "2015-10-01");
        assert_eq!(date_after_start(69), "2015-11-15");
    }
}
