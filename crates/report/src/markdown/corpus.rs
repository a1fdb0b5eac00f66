//! The report's corpus section: what was read, from which outlet and date,
//! what boilerplate was removed and why, and what could not be read. Small
//! corpora get a row per article, large ones a row per group.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::markdown::table::{Align, Table, escape};
use crate::numbers::{count, thousands};
use analysis::Analysis;

/// "Corpus".
pub fn corpus_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Corpus\n");
    if a.scale.per_article_tables {
        article_table(out, a);
        metadata_evidence(out, a);
        removed_per_article(out, a);
    } else {
        group_table(out, a);
        removed_overall(out, a);
    }
    problems(out, a);
}

fn removed_summary(reasons: &BTreeMap<String, usize>, lines: usize) -> String {
    if reasons.is_empty() {
        return "nothing".to_owned();
    }
    let parts: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
    format!("{}: {}", count(lines, "line", "lines"), parts.join(", "))
}

fn article_table(out: &mut String, a: &Analysis) {
    let mut table = Table::new(
        out,
        &[
            ("Article", Align::Left),
            ("Outlet", Align::Left),
            ("Date", Align::Left),
            ("Title", Align::Left),
            ("Counted tokens", Align::Right),
            ("Removed boilerplate", Align::Left),
        ],
    );
    for (i, article) in a.articles.iter().enumerate() {
        let stats = &a.stats[i];
        table.row(&[
            escape(&article.id),
            escape(article.outlet.as_deref().unwrap_or("unknown")),
            escape(article.date.as_deref().unwrap_or("–")),
            escape(article.title.as_deref().unwrap_or("–")),
            thousands(a.counts.n_tokens(i)),
            removed_summary(&stats.removed_by_reason, stats.removed_total),
        ]);
    }
    let _ = writeln!(out);
}

fn group_table(out: &mut String, a: &Analysis) {
    let groups = &a.group_statistics.groups;
    let _ = writeln!(
        out,
        "{} articles in {} groups. One row per group (the per-article numbers are in `data/docs.tsv`):\n",
        thousands(a.articles.len()),
        groups.names.len()
    );
    let mut table = Table::new(
        out,
        &[
            ("Group", Align::Left),
            ("Articles", Align::Right),
            ("Counted tokens", Align::Right),
            ("Tokens per article", Align::Right),
            ("Removed lines", Align::Right),
            ("Exact duplicates", Align::Right),
        ],
    );
    for (name, totals) in groups.names.iter().zip(&a.group_totals) {
        table.row(&[
            escape(name),
            thousands(totals.articles),
            thousands(totals.tokens),
            thousands(totals.tokens_per_article),
            thousands(totals.removed_lines),
            thousands(totals.duplicates),
        ]);
    }
    let _ = writeln!(out);
}

fn metadata_evidence(out: &mut String, a: &Analysis) {
    let evidence: Vec<_> = a
        .articles
        .iter()
        .filter(|article| article.fields.keys().any(|k| k.ends_with("_evidence")))
        .collect();
    if evidence.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Where the metadata comes from\n");
    for article in evidence {
        let _ = writeln!(out, "- **{}**", escape(&article.label()));
        for (key, value) in &article.fields {
            if let Some(field) = key.strip_suffix("_evidence") {
                let _ = writeln!(out, "  - {field}: {}", escape(value));
            }
        }
    }
    let _ = writeln!(out);
}

fn removed_per_article(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "### Removed boilerplate\n");
    let _ = writeln!(
        out,
        "Lines removed before counting, with the rule that removed them. Byte offsets are in `data/clean.jsonl`.\n"
    );
    for (article, stats) in a.articles.iter().zip(&a.stats) {
        if stats.removed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "- **{}**", escape(&article.label()));
        for removal in &stats.removed {
            let _ = writeln!(out, "  - `{}`: {}", removal.reason, escape(&removal.text));
        }
        if stats.removed_total > stats.removed.len() {
            let _ = writeln!(
                out,
                "  - … {} more in `data/clean.jsonl`",
                stats.removed_total - stats.removed.len()
            );
        }
    }
    let _ = writeln!(out);
}

/// For large corpora: removed lines by reason, with the most frequent lines.
fn removed_overall(out: &mut String, a: &Analysis) {
    let removed = &a.totals.removed;
    let _ = writeln!(out, "### Removed boilerplate\n");
    if removed.by_reason.is_empty() {
        let _ = writeln!(out, "No line was removed.\n");
        return;
    }
    let summary: Vec<String> = removed
        .by_reason
        .iter()
        .map(|(r, n)| format!("{n} `{r}`"))
        .collect();
    let _ = writeln!(
        out,
        "{} removed: {}. The most frequent:\n",
        count(a.totals.removed_lines, "line", "lines"),
        summary.join(", ")
    );
    let mut table = Table::new(
        out,
        &[
            ("Reason", Align::Left),
            ("Line", Align::Left),
            ("Times", Align::Right),
        ],
    );
    for (reason, text, n) in &removed.frequent {
        table.row(&[format!("`{reason}`"), escape(text), n.to_string()]);
    }
    let _ = writeln!(
        out,
        "\nEvery removed line, with byte offsets, is in `data/clean.jsonl`.\n"
    );
}

fn problems(out: &mut String, a: &Analysis) {
    if a.skipped.is_empty() && a.warnings.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Problems with the input\n");
    for skipped in a.skipped.iter().take(a.config.display.problems_shown) {
        let _ = writeln!(out, "- skipped {}", escape(&skipped.to_string()));
    }
    if a.skipped.len() > a.config.display.problems_shown {
        let _ = writeln!(
            out,
            "- … {} more skipped",
            a.skipped.len() - a.config.display.problems_shown
        );
    }
    let other: Vec<&corpus::InputWarning> =
        a.warnings.iter().filter(|w| !w.kind.is_skip()).collect();
    for warning in other.iter().take(a.config.display.problems_shown) {
        let _ = writeln!(out, "- {} ({})", escape(&warning.to_string()), warning.kind);
    }
    if other.len() > a.config.display.problems_shown {
        let _ = writeln!(
            out,
            "- … {} more warnings",
            other.len() - a.config.display.problems_shown
        );
    }
    let _ = writeln!(
        out,
        "\nEvery skipped, repaired, renamed or cut input is in `data/warnings.tsv`.\n"
    );
}
