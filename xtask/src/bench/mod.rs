//! `cargo xtask bench`: throughput and peak memory of Rahmen on 10kGNAD and
//! on 10kGNAD repeated x20 and x100 (exact copies, or with `--distinct`
//! copies whose words are shuffled), beside scikit-learn's TfidfVectorizer
//! on the same text when Python with scikit-learn is installed; and of the
//! whole report on one long article of 1, 4 and 16 MiB, so that growth with
//! an article's length shows. Measures, never asserts: speed is checked by
//! reading these numbers, not by tests.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Args;

use rahmen::args::workspace_root;

mod corpora;
mod measure;

use corpora::{LONG_SOURCE, SHORT_SOURCE, copies_suffix, long_text, repeated};
pub use measure::{BenchRunArgs, run_one};

/// Options of `cargo xtask bench`.
#[derive(Args)]
pub struct BenchArgs {
    /// Repetitions of 10kGNAD to measure ('' for none).
    #[arg(long, default_value = "1,20,100", value_parser = sizes)]
    scales: Sizes,
    /// Sizes in MiB of the one long article to run the whole report on
    /// ('' for none).
    #[arg(long, default_value = "1,4,16", value_parser = sizes)]
    long_mb: Sizes,
    /// Skip the long article.
    #[arg(long, conflicts_with = "only_long")]
    no_long: bool,
    /// Measure only the long article (no 10kGNAD, no scikit-learn).
    #[arg(long)]
    only_long: bool,
    /// Skip the scikit-learn comparison.
    #[arg(long)]
    no_sklearn: bool,
    /// Runs of the features stage and of scikit-learn per scale; the
    /// median is printed (the whole report runs once).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// 10kGNAD repetitions on which the README's command (`cargo xtask
    /// report`) is timed beside the release binary (`rahmen report`); 0
    /// for none.
    #[arg(long, default_value_t = 20)]
    commands_scale: usize,
    /// Also time the dev-profile binary (`target/debug/rahmen`, built
    /// first) on that corpus: what the README's command ran before it was
    /// built optimised.
    #[arg(long)]
    with_dev: bool,
    /// Make every copy after the first distinct: its words are shuffled
    /// within each sentence (seeded), so no article equals another. Exact
    /// copies are set aside as duplicates before the shared-passage search;
    /// distinct ones go through it, as a real corpus of that size would.
    #[arg(long)]
    distinct: bool,
}

/// A comma-separated list of whole numbers, where '' is the empty list
/// (clap would parse '' as one bad number).
#[derive(Clone)]
pub struct Sizes(Vec<usize>);

fn sizes(value: &str) -> Result<Sizes, String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().map_err(|e| format!("`{s}`: {e}")))
        .collect::<Result<_, _>>()
        .map(Sizes)
}

pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    let root = workspace_root();
    let source = root.join("corpus/10kgnad-test/test.csv");
    let work = root.join("target/bench");
    fs::create_dir_all(&work)?;
    println!("building the release binary ...");
    let status = Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "xtask",
            "-p",
            "rahmen",
        ])
        .current_dir(&root)
        .status()?;
    if !status.success() {
        bail!("cargo build --release failed");
    }
    let binary = root.join("target/release/xtask");
    let scales: &[usize] = if args.only_long { &[] } else { &args.scales.0 };
    if !scales.is_empty() {
        run_scales(args, scales, &root, &binary, &work, &source)?;
    }
    if args.commands_scale > 0 && !args.only_long {
        run_commands(args, &root, &work, &source)?;
    }
    let long: &[usize] = if args.no_long { &[] } else { &args.long_mb.0 };
    if !long.is_empty() {
        run_long(&root, &binary, long)?;
    }
    Ok(())
}

/// The options that read 10kGNAD's CSV, as the README gives them.
const TENKGNAD_FLAGS: [&str; 13] = [
    "--delimiter",
    ";",
    "--quote",
    "'",
    "--no-header",
    "--columns",
    "label,text",
    "--group-by",
    "label",
    "--clusters",
    "9",
    "--name",
    "10kgnad-test",
];

/// The whole report through the README's command, `cargo xtask report`
/// (cargo's freshness check and all), beside the release binary `rahmen
/// report` on the same corpus, in turn, wall time of the whole process.
fn run_commands(args: &BenchArgs, root: &Path, work: &Path, source: &Path) -> anyhow::Result<()> {
    let scale = args.commands_scale;
    let input = repeated(source, scale, args.distinct, work)?;
    let release = root.join("target/release/rahmen");
    let debug = root.join("target/debug/rahmen");
    if args.with_dev {
        println!("\nbuilding the dev-profile binary ...");
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "-p", "rahmen"])
            .current_dir(root)
            .status()?;
        if !status.success() {
            bail!("cargo build -p rahmen failed");
        }
    }
    let timed = |program: &Path, leading: &[&str], out: &Path| -> anyhow::Result<f64> {
        let start = Instant::now();
        let output = Command::new(program)
            .args(leading)
            .args(["report", "--corpus"])
            .arg(&input)
            .args(TENKGNAD_FLAGS)
            .arg("--out")
            .arg(out)
            .current_dir(root)
            .output()?;
        let seconds = start.elapsed().as_secs_f64();
        if !output.status.success() {
            bail!(
                "{} failed: {}",
                program.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(seconds)
    };
    let runs = args.runs.max(1);
    let cargo = PathBuf::from(env!("CARGO"));
    let (mut binary, mut readme, mut dev) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        binary.push(timed(&release, &[], &work.join("commands-rahmen"))?);
        readme.push(timed(&cargo, &["xtask"], &work.join("commands-xtask"))?);
        if args.with_dev {
            dev.push(timed(&debug, &[], &work.join("commands-dev"))?);
        }
    }
    let reference = median(&binary);
    println!(
        "\nthe whole report on 10kGNAD x{scale}{} (median of {runs} runs, wall time of the process):",
        copies_suffix(args.distinct)
    );
    let runs_of = |times: &[f64]| {
        let each: Vec<String> = times.iter().map(|t| format!("{t:.2}")).collect();
        each.join(", ")
    };
    println!(
        "  {:<42} {:>8.2} s  1.00x  (runs: {})",
        "target/release/rahmen report",
        reference,
        runs_of(&binary)
    );
    let line = |name: &str, times: &[f64]| {
        let seconds = median(times);
        println!(
            "  {name:<42} {seconds:>8.2} s  {:.2}x  (runs: {})",
            seconds / reference,
            runs_of(times)
        );
    };
    line("cargo xtask report (the README's command)", &readme);
    if args.with_dev {
        line("target/debug/rahmen report (dev profile)", &dev);
    }
    Ok(())
}

/// The 10kGNAD tables: the features stage and the whole report at each
/// scale, and scikit-learn beside them.
fn run_scales(
    args: &BenchArgs,
    scales: &[usize],
    root: &Path,
    binary: &Path,
    work: &Path,
    source: &Path,
) -> anyhow::Result<()> {
    let python = !args.no_sklearn && has_sklearn();
    let runs = args.runs.max(1);
    println!(
        "features stage: median of {runs} runs{}; whole report: one run",
        if python {
            ", each followed by a scikit-learn run on the same file"
        } else {
            ""
        }
    );
    println!(
        "\n{:<23} {:>9} {:>8} {:<9} {:>8} {:>8} {:>11} {:>10}",
        "corpus", "articles", "MB", "stage", "seconds", "MB/s", "articles/s", "peak RSS"
    );
    let mut comparisons = Vec::new();
    let mut wholes = Vec::new();
    for &scale in scales {
        let input = repeated(source, scale, args.distinct, work)?;
        let bytes = fs::metadata(&input)?.len() as f64;
        let copies = copies_suffix(args.distinct);
        let out = work.join(format!("report-x{scale}{copies}"));
        let row = |stage: &str, (articles, seconds, rss): &Measured| {
            println!(
                "{:<23} {:>9} {:>8.1} {:<9} {:>8.2} {:>8.1} {:>11.0} {:>10}",
                format!("10kGNAD x{scale}{copies}"),
                articles,
                bytes / 1e6,
                stage,
                seconds,
                bytes / 1e6 / seconds,
                articles / seconds,
                rss
            );
        };
        // Ours and scikit-learn's in turn, so that both see the same
        // machine: a shared machine's speed drifts by a fifth over minutes.
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for _ in 0..runs {
            ours.push(bench_run(binary, "features", &input, &out)?);
            if python {
                match sklearn_seconds(root, &input) {
                    Ok(seconds) => theirs.push(seconds),
                    Err(error) => println!("  scikit-learn x{scale} failed: {error}"),
                }
            }
        }
        let ratios: Vec<f64> = ours.iter().zip(&theirs).map(|(o, t)| t / o.1).collect();
        row("features", &median_by_seconds(ours.clone()));
        let report = bench_run(binary, "report", &input, &out)?;
        row("report", &report);
        print_quality(&out)?;
        let sklearn = if theirs.is_empty() {
            f64::NAN
        } else {
            median(&theirs)
        };
        wholes.push((scale, report, sklearn));
        if !theirs.is_empty() {
            comparisons.push((scale, bytes, median(&theirs), ratios));
        }
    }
    // The yardstick: the whole report (every section and data
    // file) against scikit-learn's vectorizer alone on the same text.
    println!(
        "\nthe whole report against scikit-learn's TfidfVectorizer alone (ratio = scikit-learn / report; 1.0 or more: the report is as fast):"
    );
    println!(
        "  {:<23} {:>9} {:>10} {:>10} {:>14} {:>7}",
        "corpus", "articles", "report s", "peak RSS", "scikit-learn s", "ratio"
    );
    for (scale, (articles, seconds, rss), sklearn) in &wholes {
        let (sklearn_cell, ratio_cell) = if sklearn.is_nan() {
            ("n/a".to_owned(), "n/a".to_owned())
        } else {
            (format!("{sklearn:.2}"), format!("{:.2}", sklearn / seconds))
        };
        println!(
            "  {:<23} {:>9} {:>10.2} {:>10} {:>14} {:>7}",
            format!("10kGNAD x{scale}{}", copies_suffix(args.distinct)),
            articles,
            seconds,
            rss,
            sklearn_cell,
            ratio_cell
        );
    }
    if python {
        println!("\nscikit-learn TfidfVectorizer on the same text (median of {runs} runs):");
        for (scale, bytes, seconds, ratios) in &comparisons {
            let (low, high) = ratios
                .iter()
                .fold((f64::MAX, 0.0f64), |(l, h), &r| (l.min(r), h.max(r)));
            println!(
                "  x{scale}: {seconds:.2} s, {:.1} MB/s; Rahmen's features stage is {:.1}x faster \
                 (median of the run pairs; {low:.1}x to {high:.1}x)",
                bytes / 1e6 / seconds,
                median(ratios),
            );
        }
    } else if args.no_sklearn {
        println!("\n(scikit-learn comparison skipped: --no-sklearn)");
    } else {
        println!("\n(scikit-learn not found: `pip install scikit-learn` to compare)");
    }
    Ok(())
}

const MIB: f64 = 1024.0 * 1024.0;

/// The whole report on one long article of each size (MiB), one fresh
/// process each, and how its time per MiB grows with the size.
fn run_long(root: &Path, binary: &Path, sizes: &[usize]) -> anyhow::Result<()> {
    let text = fs::read_to_string(root.join(LONG_SOURCE))
        .with_context(|| format!("reading {LONG_SOURCE}"))?;
    let temp = tempfile::tempdir().context("cannot create a temporary folder")?;
    println!(
        "\nwhole report on one long article ({LONG_SOURCE} repeated) beside one short one, \
         one run each:"
    );
    println!(
        "{:>8} {:>8} {:>9} {:>13} {:>11}",
        "MiB", "seconds", "s per MiB", "peak RSS MiB", "RSS/input"
    );
    let mut per_mib = Vec::new();
    for &size in sizes {
        let folder = temp.path().join(format!("long-{size}mib"));
        fs::create_dir_all(&folder)?;
        fs::write(folder.join("long.txt"), long_text(&text, size << 20))?;
        fs::copy(root.join(SHORT_SOURCE), folder.join("short.txt"))
            .with_context(|| format!("copying {SHORT_SOURCE}"))?;
        // Both files: the input the report reads.
        let input_mib = (fs::metadata(folder.join("long.txt"))?.len()
            + fs::metadata(folder.join("short.txt"))?.len()) as f64
            / MIB;
        let out = temp.path().join(format!("report-{size}mib"));
        let (_, seconds, rss) = bench_run(binary, "report", &folder, &out)?;
        // `bench-run` prints VmHWM in MiB with an `MB` suffix.
        let rss_mib = rss.strip_suffix("MB").and_then(|n| n.parse::<f64>().ok());
        let (rss_cell, ratio_cell) = rss_mib.map_or_else(
            || ("n/a".to_owned(), "n/a".to_owned()),
            |r| (format!("{r:.0}"), format!("{:.1}x", r / input_mib)),
        );
        println!(
            "{:>8} {:>8.2} {:>9.3} {:>13} {:>11}",
            size,
            seconds,
            seconds / input_mib,
            rss_cell,
            ratio_cell,
        );
        per_mib.push((size, seconds / input_mib));
    }
    let smallest = per_mib.iter().min_by_key(|(size, _)| *size);
    let largest = per_mib.iter().max_by_key(|(size, _)| *size);
    // No let chain: the workspace's MSRV (1.85) predates them.
    if let (Some(&(small, low)), Some(&(large, high))) = (smallest, largest) {
        if small == large {
            return Ok(());
        }
        println!(
            "per-MiB growth {small}→{large} MiB: {:.2}x ({low:.3} s per MiB at {small} MiB, \
             {high:.3} s per MiB at {large} MiB)",
            high / low
        );
    }
    Ok(())
}

/// What one `bench-run` reports: articles, seconds, peak RSS.
type Measured = (f64, f64, String);

/// One measurement of `stage` in a fresh process.
fn bench_run(binary: &Path, stage: &str, input: &Path, out: &Path) -> anyhow::Result<Measured> {
    let output = Command::new(binary)
        .args(["bench-run", "--stage", stage, "--corpus"])
        .arg(input)
        .arg("--out")
        .arg(out)
        .output()?;
    if !output.status.success() {
        bail!(
            "bench-run failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let line = String::from_utf8(output.stdout)?;
    let fields: Vec<&str> = line.split_whitespace().collect();
    Ok((
        fields[0].parse::<f64>()?,
        fields[1].parse::<f64>()?,
        fields[2].to_owned(),
    ))
}

/// Seconds scikit-learn's TfidfVectorizer takes on `input` (read included).
fn sklearn_seconds(root: &Path, input: &Path) -> anyhow::Result<f64> {
    let output = Command::new("python3")
        .arg(root.join("bench/sklearn_tfidf.py"))
        .arg(input)
        .output()?;
    if !output.status.success() {
        bail!("{}", String::from_utf8_lossy(&output.stderr));
    }
    let text = String::from_utf8(output.stdout)?;
    Ok(text
        .split_whitespace()
        .nth(1)
        .context("sklearn output")?
        .parse()?)
}

/// The median of `values` (the upper one of an even count).
fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

/// The measurement with the median time: one slow run on a machine with
/// neighbours should not decide a figure.
fn median_by_seconds(mut results: Vec<Measured>) -> Measured {
    results.sort_by(|a, b| a.1.total_cmp(&b.1));
    results.swap_remove(results.len() / 2)
}

fn print_quality(out: &Path) -> anyhow::Result<()> {
    let report = fs::read_to_string(out.join("report.md"))?;
    if let Some(line) = report
        .lines()
        .find(|l| l.contains("normalised mutual information"))
    {
        println!(
            "               clustering at k = 9 against the newsroom categories: {}",
            line.trim()
        );
    }
    Ok(())
}

fn has_sklearn() -> bool {
    Command::new("python3")
        .args(["-c", "import sklearn"])
        .output()
        .is_ok_and(|o| o.status.success())
}
