//! `rahmen lexicon suggest|accept`: candidate terms for a frame from the
//! corpus into a review file, and the reviewed entries into the lexicon.
//! Only entries a person marked `accept = true` are ever merged.

use std::path::{Path, PathBuf};

use analysis::AnalysisConfig;
use analysis::suggest::SuggestParams;
use anyhow::Context;
use clap::Subcommand;

use crate::args::{DEFAULT_LEXICON, InputArgs, workspace_root};
use crate::commands::{analyse_quietly, write_whole};
use crate::progress_bar::ProgressBars;

/// `rahmen lexicon …`.
#[derive(Subcommand)]
pub enum LexiconCommand {
    /// Candidate terms for one frame from the corpus, written as a review file.
    Suggest(Box<SuggestArgs>),
    /// Merge the entries marked `accept = true` in a review file into the lexicon.
    Accept(AcceptArgs),
}

/// Options of `rahmen lexicon suggest`.
#[derive(clap::Args)]
pub struct SuggestArgs {
    /// The corpus and the lexicon.
    #[command(flatten)]
    pub input: InputArgs,
    /// The frame (its id in the lexicon) to find terms for.
    #[arg(long)]
    pub frame: String,
    /// Candidates to list.
    #[arg(long, default_value_t = 30)]
    pub top: usize,
    /// A term is a candidate only when it occurs at least this often.
    #[arg(long, default_value_t = 3)]
    pub min_count: usize,
    /// The review file to write (TOML).
    #[arg(long)]
    pub out: PathBuf,
}

/// Options of `rahmen lexicon accept`.
#[derive(clap::Args)]
pub struct AcceptArgs {
    /// The review file from `rahmen lexicon suggest`, with `accept = true` on the entries to add.
    pub review: PathBuf,
    /// The lexicon to add to [default: the default lexicon, when the review was made for it].
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
    /// Where to write the merged lexicon [default: the lexicon itself, replaced whole].
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs one `rahmen lexicon` command.
pub fn run(command: &LexiconCommand) -> anyhow::Result<()> {
    match command {
        LexiconCommand::Suggest(args) => suggest(args),
        LexiconCommand::Accept(args) => accept(args),
    }
}

/// `rahmen lexicon suggest`: analyses the corpus, ranks candidates for the
/// frame and writes the review file (replaced only once complete).
pub fn suggest(args: &SuggestArgs) -> anyhow::Result<()> {
    anyhow::ensure!(args.top > 0, "--top must be at least 1");
    let (input, lexicon_path) = args.input.resolve()?;
    let config = AnalysisConfig {
        group_by: args.input.group_by.clone(),
        ..AnalysisConfig::default()
    };
    let analysis = analyse_quietly(&input, &lexicon_path, &config)?;
    let Some(frame) = analysis
        .lexicon
        .frames
        .iter()
        .position(|f| f.id == args.frame)
    else {
        let ids: Vec<&str> = analysis
            .lexicon
            .frames
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        anyhow::bail!(
            "{} has no frame `{}`; its frames are {}",
            lexicon_path.display(),
            args.frame,
            ids.join(", ")
        );
    };
    let params = SuggestParams {
        top: args.top,
        min_count: args.min_count,
        ..SuggestParams::default()
    };
    let suggestions =
        analysis::suggest::suggest(&input, &analysis, frame, &params, &ProgressBars::new())
            .with_context(|| format!("cannot make suggestions for frame `{}`", args.frame))?;
    let text = report::suggestions::review_toml(&analysis, &suggestions, &params);
    write_whole(&args.out, text.as_bytes())?;
    for (rank, c) in suggestions.candidates.iter().enumerate().take(10) {
        println!(
            "{:>3}. {:<32} {:>6} occurrences",
            rank + 1,
            c.label,
            c.count
        );
    }
    println!(
        "wrote {} candidates for frame `{}` to {}; set `accept = true` on those that belong, then `rahmen lexicon accept {} --lexicon {}`",
        suggestions.candidates.len(),
        args.frame,
        args.out.display(),
        args.out.display(),
        lexicon_path.display()
    );
    Ok(())
}

/// `rahmen lexicon accept`: adds the marked entries to their frame with
/// provenance, keeping the rest of the lexicon file byte for byte.
pub fn accept(args: &AcceptArgs) -> anyhow::Result<()> {
    let review = report::suggestions::read_review(&args.review)?;
    let lexicon_path = match &args.lexicon {
        Some(path) => path.clone(),
        None => {
            let default = workspace_root().join(DEFAULT_LEXICON);
            let name = report::lexicon_file_name(&default);
            anyhow::ensure!(
                name == review.lexicon,
                "{} was made for `{}`; name that lexicon with --lexicon",
                args.review.display(),
                review.lexicon
            );
            default
        }
    };
    if report::lexicon_file_name(&lexicon_path) != review.lexicon {
        eprintln!(
            "warning: {} was made for `{}`, merging into {}",
            args.review.display(),
            review.lexicon,
            lexicon_path.display()
        );
    }
    let text = std::fs::read_to_string(&lexicon_path)
        .with_context(|| format!("cannot read {}", lexicon_path.display()))?;
    let date = today_utc();
    let terms: Vec<features::lexicon_merge::NewTerm> = review
        .accepted
        .iter()
        .map(|a| features::lexicon_merge::NewTerm {
            pattern: a.pattern.clone(),
            why: a.why.clone(),
            added_by: "suggest".to_owned(),
            seed: a.seed.clone(),
            date: date.clone(),
        })
        .collect();
    let merged = features::lexicon_merge::add_terms(&text, &lexicon_path, &review.frame, &terms)
        .with_context(|| format!("{} is unchanged", lexicon_path.display()))?;
    let out = args.out.clone().unwrap_or_else(|| lexicon_path.clone());
    if !merged.added.is_empty() || out != lexicon_path {
        write_beside(&out, merged.text.as_bytes())?;
    }
    for pattern in &merged.already_listed {
        eprintln!("note: `{pattern}` is already in frame `{}`", review.frame);
    }
    println!(
        "{} of {} entries accepted; added {} to frame `{}` in {}",
        review.accepted.len(),
        review.entries,
        if merged.added.is_empty() {
            "nothing".to_owned()
        } else {
            merged.added.join(", ")
        },
        review.frame,
        out.display()
    );
    Ok(())
}

/// Writes `bytes` to a hidden file beside `path`, then renames it into place.
fn write_beside(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))?;
    let mut partial_name = std::ffi::OsString::from(".");
    partial_name.push(name);
    partial_name.push(".partial");
    let partial = path.with_file_name(partial_name);
    std::fs::write(&partial, bytes)
        .with_context(|| format!("cannot write {}", partial.display()))?;
    std::fs::rename(&partial, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Today's date in UTC, `YYYY-MM-DD`.
fn today_utc() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date(seconds / 86_400)
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Hinnant's
/// `civil_from_days`).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::{Cli, Command};

    #[test]
    fn dates_are_civil() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_793), "2026-12-06");
        assert_eq!(today_utc().len(), 10);
    }

    #[test]
    fn lexicon_commands_parse() {
        let cli = Cli::try_parse_from([
            "rahmen", "lexicon", "suggest", "--frame", "threat", "--top", "20", "--out", "r.toml",
        ])
        .unwrap();
        match cli.command {
            Command::Lexicon(LexiconCommand::Suggest(args)) => {
                assert_eq!((args.frame.as_str(), args.top), ("threat", 20));
            }
            _ => panic!("parsed `lexicon suggest`"),
        }
        let cli =
            Cli::try_parse_from(["rahmen", "lexicon", "accept", "r.toml", "--out", "l2.toml"])
                .unwrap();
        assert!(matches!(
            cli.command,
            Command::Lexicon(LexiconCommand::Accept(_))
        ));
        // --frame and --out are required.
        assert!(Cli::try_parse_from(["rahmen", "lexicon", "suggest", "--out", "r.toml"]).is_err());
        assert!(Cli::try_parse_from(["rahmen", "lexicon-check"]).is_ok());
    }
}
