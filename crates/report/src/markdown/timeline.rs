//! The report's section "How the framing changed over time": each group's
//! frame rates per period of the articles' dates, and the changes between
//! consecutive periods that hold after correction for testing many.

use std::fmt::Write;

use analysis::Analysis;
use analysis::timeline::{Bin, TimelineCell};

use crate::markdown::table::{Align, Table, escape};
use crate::numbers::{count, fixed, thousands};

/// `day`, `week` or `month`, and its plural.
fn period_words(bin: Bin) -> (&'static str, &'static str) {
    match bin {
        Bin::Day => ("day", "days"),
        Bin::Week => ("week", "weeks"),
        Bin::Month => ("month", "months"),
    }
}

/// A rate with its interval: `4.2 [2.0, 6.9]`.
fn rate(cell: Option<&TimelineCell>) -> String {
    match cell.and_then(|c| c.interval) {
        Some(i) => format!(
            "{} [{}, {}]",
            fixed(i.estimate, 1),
            fixed(i.low, 1),
            fixed(i.high, 1)
        ),
        None => "–".to_owned(),
    }
}

fn q_text(q: f64) -> String {
    if q < 0.001 {
        "< 0.001".to_owned()
    } else {
        fixed(q, 3)
    }
}

/// `200` or `199 to 9,999`.
fn range(values: impl Iterator<Item = usize>) -> String {
    let values: Vec<usize> = values.collect();
    match (values.iter().min(), values.iter().max()) {
        (Some(low), Some(high)) if low != high => {
            format!("{} to {}", thousands(*low), thousands(*high))
        }
        (Some(one), _) => thousands(*one),
        _ => "no".to_owned(),
    }
}

/// "How the framing changed over time".
pub fn timeline_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## How the framing changed over time\n");
    let settings = &a.config.timeline;
    let noun = a.group_noun();
    let Some(t) = a.lead_timeline() else {
        let _ = writeln!(
            out,
            "No timeline: the articles' dates (a `date` column or field, `--date-field`, or `date` in the manifest) place them in fewer than two {}s (`--bin day|week|month`). With dates over several periods, this section shows each {}'s frame rates period by period and tests the changes between consecutive periods.\n",
            settings.bin, noun.one
        );
        return;
    };
    if let Some(note) = super::views::lead_view_note(a, "timeline.tsv") {
        let _ = writeln!(out, "{note}");
    }
    let (one, many) = period_words(t.bin);
    let in_that = if t.bin == Bin::Day {
        "on that"
    } else {
        "in that"
    };
    let level = fixed(a.config.statistics.level * 100.0, 0);
    let _ = writeln!(
        out,
        "![Frame rates per {one} and {} with {level} % bootstrap intervals](charts/timeline.svg)\n",
        noun.one
    );
    let binning = match t.bin {
        Bin::Week => "the ISO week of their date (Monday to Sunday, labelled by its Monday)",
        Bin::Day => "the day of their date",
        Bin::Month => "the month of their date",
    };
    let (first, last) = (&t.periods[0].label, &t.periods[t.periods.len() - 1].label);
    let left_out = if t.undated == 0 {
        "every article has a usable date".to_owned()
    } else {
        format!(
            "{} without a date precise enough for {many} {} left out",
            count(t.undated, "article", "articles"),
            if t.undated == 1 { "is" } else { "are" }
        )
    };
    let _ = writeln!(
        out,
        "Articles are binned by {binning}: {} fall into {} {many} from {first} to {last}; {left_out}. Each point is a frame's hits per 1,000 counted tokens of {an}'s articles {in_that} {one}, with a {level} % percentile bootstrap interval (up to {} resamples of the {one}'s articles, fewer where the timeline's draw budget, `timeline.draw_budget`, shared by all its intervals and tests, runs out; a single article: its sentences); each panel has its own scale. A {one} of {an} with fewer than {} or fewer than {} counted tokens is *insufficient*: drawn hollow, without band or line, and not tested.\n",
        count(t.dated, "article", "articles"),
        thousands(t.periods.len()),
        range(t.cells.iter().map(|c| c.resamples)),
        count(settings.min_articles, "article", "articles"),
        thousands(settings.min_tokens),
        an = noun.an,
    );
    let flagged: Vec<_> = t.flagged(settings.flag_below).collect();
    let below = fixed(settings.flag_below, 2);
    if t.changes.is_empty() {
        let _ = writeln!(
            out,
            "No {} has two consecutive {many} that are both sufficient and hold a hit of the same frame, so no change was tested. Every cell is in `data/timeline.tsv`.\n",
            noun.one
        );
        return;
    }
    let _ = writeln!(
        out,
        "For each {one_group} and frame, the change between two consecutive {many} that are both sufficient (and where either has a hit of the frame) is tested by permutation (up to {} permutations of the two {many}' articles, fewer where the draw budget runs out, two-sided); q adjusts the p-values of all {} with Benjamini–Hochberg. Every cell, with the q of the change into it, is in `data/timeline.tsv`.\n",
        range(t.changes.iter().map(|c| c.test.permutations)),
        count(t.changes.len(), "test", "tests"),
        one_group = noun.one,
    );
    if flagged.is_empty() {
        let _ = writeln!(
            out,
            "No change between consecutive {many} holds at q < {below}.\n"
        );
        return;
    }
    let _ = writeln!(
        out,
        "{} between consecutive {many} {} at q < {below}:\n",
        count(flagged.len(), "change", "changes"),
        if flagged.len() == 1 { "holds" } else { "hold" }
    );
    let mut table = Table::new(
        out,
        &[
            (noun.title, Align::Left),
            ("Frame", Align::Left),
            ("From → to", Align::Left),
            ("Rate before", Align::Right),
            ("Rate after", Align::Right),
            ("Change", Align::Right),
            ("q", Align::Right),
        ],
    );
    for change in flagged {
        let before = t.cell(change.group, change.from, change.frame);
        let after = t.cell(change.group, change.to, change.frame);
        // The test's difference is before minus after.
        let rise = -change.test.difference;
        let sign = if rise > 0.0 { "+" } else { "" };
        table.row(&[
            escape(&a.group_statistics.groups.names[change.group]),
            escape(&a.lexicon.frames[change.frame].label),
            format!(
                "{} → {}",
                t.periods[change.from].label, t.periods[change.to].label
            ),
            rate(before),
            rate(after),
            format!("{sign}{}", fixed(rise, 1)),
            q_text(change.q),
        ]);
    }
    let _ = writeln!(
        out,
        "\nRates are hits per 1,000 counted tokens [{level} % interval]; the change is the later rate minus the earlier one. A flagged change says the rate moved more than a random split of the two {many}' articles would move it; read the evidence lines of those {many} before you explain it.\n"
    );
}
