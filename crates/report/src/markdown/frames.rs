//! The report's frame sections: the lexicon's frames, how often each
//! article or group uses them, and the evidence lines behind the counts.

use std::fmt::Write;

use crate::markdown::table::{Align, Table, escape};
use crate::numbers::{count, fixed};
use analysis::Analysis;
use analysis::tallies::GroupFrames;

/// "Frames": definitions, chart, counts and the top frames per outlet.
pub fn frames_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Frames\n");
    let mut table = Table::new(
        out,
        &[
            ("Frame", Align::Left),
            ("Function (Entman)", Align::Left),
            ("Definition", Align::Left),
            ("Terms", Align::Left),
        ],
    );
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
        table.row(&[
            escape(&frame.label),
            frame.function.map_or("–", |f| f.name()).to_owned(),
            escape(&frame.definition),
            terms.join(", "),
        ]);
    }
    let _ = writeln!(
        out,
        "\nWhy each term is in the lexicon is written next to it in `{}`.\n",
        a.lexicon_file
    );
    if a.scale.per_article_charts {
        let _ = writeln!(out, "![Frame rates per article](charts/frames.svg)\n");
    } else {
        let _ = writeln!(out, "![Frame rates per group](charts/frames.svg)\n");
    }
    if a.scale.per_article_tables {
        let _ = writeln!(
            out,
            "Hits and, in brackets, hits per 1,000 counted tokens:\n"
        );
        let mut header = vec![("Frame".to_owned(), Align::Left)];
        header.extend(
            a.articles
                .iter()
                .map(|article| (escape(&article.label()), Align::Right)),
        );
        let mut table = Table::new(out, &header);
        for (f, frame) in a.lexicon.frames.iter().enumerate() {
            let mut row = vec![escape(&frame.label)];
            row.extend((0..a.articles.len()).map(|i| {
                format!(
                    "{} ({})",
                    a.frame_hits(i, f),
                    fixed(a.rate_per_1000(i, f), 1)
                )
            }));
            table.row(&row);
        }
    } else {
        let _ = writeln!(out, "Per-article hits and rates are in `data/frames.tsv`.");
    }
    let noun = a.group_noun();
    let _ = writeln!(out, "\n### Top frames per {}\n", noun.one);
    if a.config.display.lead_view == "own" {
        let _ = writeln!(
            out,
            "Rates pool the articles of {} on its own text (its hits outside passages another {} shares, per 1,000 of its counted tokens there; `--view all` for all text).\n",
            noun.an, noun.one
        );
    } else {
        let _ = writeln!(
            out,
            "Rates pool the articles of {} (all its hits per 1,000 of all its counted tokens).\n",
            noun.an
        );
    }
    let mut table = Table::new(
        out,
        &[
            (noun.title, Align::Left),
            ("Articles", Align::Right),
            ("1st", Align::Left),
            ("2nd", Align::Left),
            ("3rd", Align::Left),
        ],
    );
    for (g, GroupFrames { group, ranked }) in a.lead_group_frames().iter().enumerate() {
        let members = a.group_statistics.groups.members(g).len();
        let mut row = vec![escape(group), members.to_string()];
        row.extend(
            (0..3).map(|slot| match ranked.get(slot).filter(|r| r.rate > 0.0) {
                Some(r) => format!(
                    "{} ({}; {})",
                    escape(&a.lexicon.frames[r.frame].label),
                    fixed(r.rate, 1),
                    count(r.hits, "hit", "hits")
                ),
                None => "–".to_owned(),
            }),
        );
        table.row(&row);
    }
    let _ = writeln!(out);
}

/// "Evidence": the first context lines of every frame.
pub fn evidence_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Evidence: where the frames occur\n");
    let _ = writeln!(
        out,
        "Hits with {} characters of context from their paragraph, the first {} per frame in corpus order. All lines, with byte offsets and voices, are in `data/kwic.tsv`.\n",
        a.config.display.kwic_width, a.config.display.evidence_per_frame
    );
    for (f, frame) in a.lexicon.frames.iter().enumerate() {
        let total = a.totals.hits_per_frame[f];
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
        let mut table = Table::new(
            out,
            &[
                ("Article", Align::Left),
                ("Term", Align::Left),
                ("Voice", Align::Left),
                ("Context", Align::Left),
            ],
        );
        for line in &a.evidence[f] {
            table.row(&[
                escape(&a.articles[line.article].label()),
                format!("`{}`", frame.terms[line.hit.term].pattern),
                escape(&line.hit.voice.describe()),
                format!(
                    "…{}**{}**{}…",
                    escape(&line.line.left),
                    escape(&line.line.keyword),
                    escape(&line.line.right)
                ),
            ]);
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
