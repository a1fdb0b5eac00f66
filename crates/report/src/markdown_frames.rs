//! The report's frame sections: the lexicon's frames, how often each
//! article or group uses them, and the evidence lines behind the counts.

use std::fmt::Write;

use crate::analysis::{Analysis, GroupFrames};
use crate::markdown::escape;
use crate::numbers::{count, fixed};

/// "Frames": definitions, chart, counts and the top frames per outlet.
pub fn frames_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Frames\n");
    let _ = writeln!(out, "| Frame | Function (Entman) | Definition | Terms |");
    let _ = writeln!(out, "|---|---|---|---|");
    for frame in &a.lexicon.frames {
        let terms: Vec<String> = frame
            .terms
            .iter()
            .map(|t| {
                if t.exclude.is_empty() {
                    format!("`{}`", t.pattern)
                } else {
                    let excluded: Vec<String> =
                        t.exclude.iter().map(|e| format!("`{e}`")).collect();
                    format!("`{}` (not {})", t.pattern, excluded.join(", "))
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&frame.label),
            frame.function.map_or("–", |f| f.name()),
            escape(&frame.definition),
            terms.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "\nWhy each term is in the lexicon is written next to it in `{}`.\n",
        a.lexicon_file
    );
    if a.layout.per_article_charts {
        let _ = writeln!(out, "![Frame rates per article](charts/frames.svg)\n");
    } else {
        let _ = writeln!(out, "![Frame rates per group](charts/frames.svg)\n");
    }
    if a.layout.per_article_tables {
        let _ = writeln!(
            out,
            "Hits and, in brackets, hits per 1,000 counted tokens:\n"
        );
        let mut header = "| Frame |".to_owned();
        let mut rule = "|---|".to_owned();
        for article in &a.articles {
            let _ = write!(header, " {} |", escape(&article.label()));
            rule.push_str("---:|");
        }
        let _ = writeln!(out, "{header}\n{rule}");
        for (f, frame) in a.lexicon.frames.iter().enumerate() {
            let mut row = format!("| {} |", escape(&frame.label));
            for i in 0..a.articles.len() {
                let _ = write!(
                    row,
                    " {} ({}) |",
                    a.frame_hits(i, f),
                    fixed(a.rate_per_1000(i, f), 1)
                );
            }
            let _ = writeln!(out, "{row}");
        }
    } else {
        let _ = writeln!(out, "Per-article hits and rates are in `data/frames.tsv`.");
    }
    let noun = a.group_noun();
    let _ = writeln!(out, "\n### Top frames per {}\n", noun.one);
    let _ = writeln!(
        out,
        "Rates pool the articles of {} (all its hits per 1,000 of all its counted tokens).\n",
        noun.an
    );
    let _ = writeln!(out, "| {} | Articles | 1st | 2nd | 3rd |", noun.title);
    let _ = writeln!(out, "|---|---:|---|---|---|");
    for (g, GroupFrames { group, ranked }) in a.frames_by_group().into_iter().enumerate() {
        let members = a.outlets.groups.members(g).len();
        let mut row = format!("| {} | {members} |", escape(&group));
        for slot in 0..3 {
            match ranked.get(slot).filter(|r| r.rate > 0.0) {
                Some(r) => {
                    let _ = write!(
                        row,
                        " {} ({}; {}) |",
                        escape(&a.lexicon.frames[r.frame].label),
                        fixed(r.rate, 1),
                        count(r.hits, "hit", "hits")
                    );
                }
                None => row.push_str(" – |"),
            }
        }
        let _ = writeln!(out, "{row}");
    }
    let _ = writeln!(out);
}

/// "Evidence": the first context lines of every frame.
pub fn evidence_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Evidence: where the frames occur\n");
    let _ = writeln!(
        out,
        "Hits with {} characters of context from their paragraph, the first {} per frame in corpus order. All lines, with byte offsets and voices, are in `data/kwic.tsv`.\n",
        a.config.display.kwic_width,
        crate::pipeline::EVIDENCE_PER_FRAME
    );
    for (f, frame) in a.lexicon.frames.iter().enumerate() {
        let total: usize = a
            .hits
            .iter()
            .map(|h| h.iter().filter(|h| h.frame == f).count())
            .sum();
        let _ = writeln!(
            out,
            "### {} ({})\n",
            escape(&frame.label),
            count(total, "hit", "hits")
        );
        if a.evidence[f].is_empty() {
            let _ = writeln!(out, "No term of this frame occurs in the corpus.\n");
            continue;
        }
        let _ = writeln!(out, "| Article | Term | Voice | Context |");
        let _ = writeln!(out, "|---|---|---|---|");
        for line in &a.evidence[f] {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | …{}**{}**{}… |",
                escape(&a.articles[line.article].label()),
                frame.terms[line.hit.term].pattern,
                escape(&line.hit.voice.describe()),
                escape(&line.line.left),
                escape(&line.line.keyword),
                escape(&line.line.right)
            );
        }
        if total > a.evidence[f].len() {
            let _ = writeln!(
                out,
                "\n{} more lines in `data/kwic.tsv`.",
                total - a.evidence[f].len()
            );
        }
        let _ = writeln!(out);
    }
}
