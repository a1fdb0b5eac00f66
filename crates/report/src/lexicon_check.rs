//! The lexicon check: every pattern with its hits, the forms it matched,
//! what its exclusions removed, and the patterns that match nothing, so a
//! researcher can judge a lexicon's precision from its evidence lines.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::analysis::Analysis;
use crate::markdown::escape;
use crate::numbers::count;

/// Evidence lines shown per pattern.
const LINES_PER_PATTERN: usize = 5;

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
        let _ = writeln!(
            sections,
            "| Pattern | Hits | Articles | Forms matched | Removed by exclusions |"
        );
        let _ = writeln!(sections, "|---|---:|---|---|---:|");
        let mut evidence = String::new();
        for (t, term) in frame.terms.iter().enumerate() {
            let mut hits = 0;
            let mut articles: Vec<&str> = Vec::new();
            let mut forms: BTreeMap<String, usize> = BTreeMap::new();
            let mut lines = Vec::new();
            for (i, doc_hits) in a.hits.iter().enumerate() {
                for hit in doc_hits.iter().filter(|h| h.frame == f && h.term == t) {
                    hits += 1;
                    if !articles.contains(&a.articles[i].id.as_str()) {
                        articles.push(&a.articles[i].id);
                    }
                    *forms
                        .entry(hit.span.of(&a.docs[i].text).to_owned())
                        .or_insert(0) += 1;
                    if lines.len() < LINES_PER_PATTERN {
                        let line =
                            features::kwic(&a.docs[i], hit.span, a.config.display.kwic_width);
                        lines.push(format!(
                            "  - {}: …{}**{}**{}…",
                            escape(&a.articles[i].label()),
                            escape(&line.left),
                            escape(&line.keyword),
                            escape(&line.right)
                        ));
                    }
                }
            }
            let removed: usize = a
                .excluded
                .iter()
                .map(|e| e.iter().filter(|h| h.frame == f && h.term == t).count())
                .sum();
            if hits == 0 {
                silent.push(format!("`{}` ({})", term.pattern, frame.id));
            }
            let forms_text: Vec<String> = forms
                .iter()
                .map(|(form, n)| format!("{} ×{n}", escape(form)))
                .collect();
            let _ = writeln!(
                sections,
                "| `{}` | {hits} | {} | {} | {removed} |",
                term.pattern,
                if articles.is_empty() {
                    "–".to_owned()
                } else {
                    articles.join(", ")
                },
                if forms_text.is_empty() {
                    "–".to_owned()
                } else {
                    forms_text.join(", ")
                },
            );
            if !lines.is_empty() {
                let _ = writeln!(
                    evidence,
                    "- `{}` ({})",
                    term.pattern,
                    count(hits, "hit", "hits")
                );
                for line in lines {
                    let _ = writeln!(evidence, "{line}");
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
        a.articles.len()
    );
    if !silent.is_empty() {
        let _ = writeln!(out, "Patterns without hits: {}.\n", silent.join(", "));
    }
    out.push_str(&sections);
    out
}
