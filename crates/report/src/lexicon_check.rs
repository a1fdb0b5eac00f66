//! The lexicon check: every pattern with its hits, the forms it matched,
//! what its exclusions removed, and the patterns that match nothing, so a
//! researcher can judge a lexicon's precision from its evidence lines.

use std::fmt::Write;

use crate::markdown::table::{Align, Table, escape};
use crate::numbers::{count, thousands};
use analysis::Analysis;
use analysis::first_pass::PatternTally;

/// The check as Markdown.
pub fn lexicon_check(a: &Analysis) -> String {
    let mut out = String::new();
    let n_patterns: usize = a.lexicon.frames.iter().map(|f| f.terms.len()).sum();
    let mut silent = Vec::new();
    let _ = writeln!(
        out,
        "# Lexicon check: `{}` (version {}) on `{}`\n",
        a.lexicon.name,
        if a.lexicon.version.is_empty() {
            "–"
        } else {
            &a.lexicon.version
        },
        a.corpus_name
    );
    let mut sections = String::new();
    for (f, frame) in a.lexicon.frames.iter().enumerate() {
        let function = frame
            .function
            .map_or_else(String::new, |x| format!(" ({})", x.name()));
        let _ = writeln!(sections, "## {}{function}\n", escape(&frame.label));
        let mut table = Table::new(
            &mut sections,
            &[
                ("Pattern", Align::Left),
                ("Hits", Align::Right),
                ("Articles", Align::Left),
                ("Forms matched", Align::Left),
                ("Removed by exclusions", Align::Right),
            ],
        );
        let mut evidence = String::new();
        for (t, term) in frame.terms.iter().enumerate() {
            let tally = &a.patterns[f][t];
            if tally.hits == 0 {
                silent.push(format!("`{}` ({})", term.pattern, frame.id));
            }
            let mut forms: Vec<(&String, &usize)> = tally.forms.iter().collect();
            forms.sort_by(|x, y| y.1.cmp(x.1).then_with(|| x.0.cmp(y.0)));
            let shown: Vec<String> = forms
                .iter()
                .take(a.config.display.forms_shown)
                .map(|(form, n)| format!("{} ×{n}", escape(form)))
                .collect();
            let more = if forms.len() > a.config.display.forms_shown {
                format!(", … {} more", forms.len() - a.config.display.forms_shown)
            } else {
                String::new()
            };
            let forms = if shown.is_empty() {
                "–".to_owned()
            } else {
                shown.join(", ")
            };
            table.row(&[
                format!("`{}`", term.pattern),
                thousands(tally.hits),
                articles_with_hits(a, tally),
                format!("{forms}{more}"),
                thousands(tally.excluded),
            ]);
            if !tally.lines.is_empty() {
                let _ = writeln!(
                    evidence,
                    "- `{}` ({})",
                    term.pattern,
                    count(tally.hits, "hit", "hits")
                );
                for line in &tally.lines {
                    let _ = writeln!(
                        evidence,
                        "  - {}: …{}**{}**{}…",
                        escape(&a.articles[line.article].label()),
                        escape(&line.line.left),
                        escape(&line.line.keyword),
                        escape(&line.line.right)
                    );
                }
            }
        }
        let _ = writeln!(sections);
        if !evidence.is_empty() {
            let _ = writeln!(sections, "{evidence}");
        }
    }
    let _ = writeln!(
        out,
        "{} frames, {n_patterns} patterns: {} match, {} match nothing in {} articles.\n",
        a.lexicon.frames.len(),
        n_patterns - silent.len(),
        silent.len(),
        thousands(a.articles.len())
    );
    if !silent.is_empty() {
        let _ = writeln!(out, "Patterns without hits: {}.\n", silent.join(", "));
    }
    if let Some(v) = &a.validation {
        flagged_by_coders(&mut out, a, v);
    }
    out.push_str(&sections);
    out
}

/// Patterns whose coded hits mostly miss the frame (the whole precision
/// interval below `validation.flag_below`).
fn flagged_by_coders(out: &mut String, a: &Analysis, v: &analysis::validation::Validation) {
    if v.flagged_terms.is_empty() {
        let _ = writeln!(
            out,
            "No pattern's precision interval lies wholly below {} ({} coded hits).\n",
            a.config.validation.flag_below, v.decided
        );
        return;
    }
    let _ = writeln!(
        out,
        "**Flagged by the coders** (precision interval wholly below {}):\n",
        a.config.validation.flag_below
    );
    for &(f, t) in &v.flagged_terms {
        let frame = &a.lexicon.frames[f];
        if let Some(row) = v.terms.iter().find(|r| r.frame == f && r.term == Some(t)) {
            let _ = writeln!(
                out,
                "- `{}` ({}): {} of {} coded hits relevant, precision {:.2} [{:.2}, {:.2}]",
                frame.terms[t].pattern,
                frame.id,
                row.relevant,
                row.coded,
                row.precision,
                row.low,
                row.high
            );
        }
    }
    let _ = writeln!(out);
}

/// The articles with hits: their ids while there are few, else the count and the first ids.
fn articles_with_hits(a: &Analysis, tally: &PatternTally) -> String {
    let ids: Vec<String> = tally
        .first_articles
        .iter()
        .map(|&i| escape(&a.articles[i].id))
        .collect();
    match tally.articles {
        0 => "–".to_owned(),
        n if n <= a.config.display.articles_named_per_pattern => ids.join(", "),
        n => format!("{} (first: {}, …)", thousands(n), ids.join(", ")),
    }
}
