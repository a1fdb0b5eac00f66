//! The report section on shared passages: copied wire text, republished
//! articles and exact duplicates, which articles share what, and how much.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

use crate::markdown::table::{Align, Table, escape};
use crate::numbers::{count, percent, thousands};
use analysis::Analysis;
use analysis::excerpt::shorten;
use features::syndication::SharedRun;

/// "Shared passages".
pub fn passages_section(out: &mut String, a: &Analysis) {
    let params = &a.config.syndication.params;
    let found = &a.passages;
    let _ = writeln!(out, "## Shared passages\n");
    let _ = writeln!(
        out,
        "Exact runs of at least {} normalised words that two articles share, found by winnowed {}-word shingles (as MOSS does) and checked word by word; phrases in more than {} articles are skipped as stock phrases. Articles whose whole text equals an earlier article's are listed as exact duplicates instead, and passages are searched among the originals. Copied wire text and republished articles show up here. All passages are in `data/shared.tsv`, duplicates in `data/duplicates.tsv`.\n",
        params.min_tokens, params.shingle, params.max_postings
    );
    if !found.duplicates.is_empty() {
        let _ = writeln!(
            out,
            "**{} repeat the text of an earlier article exactly.**{}\n",
            count(found.duplicates.len(), "article", "articles"),
            if found.duplicates.len() <= 10 {
                let pairs: Vec<String> = found
                    .duplicates
                    .iter()
                    .map(|&(d, first)| {
                        format!(
                            "{} = {}",
                            escape(&a.articles[d].id),
                            escape(&a.articles[first].id)
                        )
                    })
                    .collect();
                format!(" {}.", pairs.join(", "))
            } else {
                String::new()
            }
        );
    }
    if found.shared.is_empty() {
        let _ = writeln!(
            out,
            "No two articles share a passage of {} words or more.\n",
            params.min_tokens
        );
    } else {
        passage_table(out, a, &found.shared, |i| {
            a.text_evidence.shared_passage(i)[0].map_or("", |s| s.text.as_str())
        });
        if a.scale.per_article_tables {
            let _ = writeln!(
                out,
                "Share of each article's words inside a shared passage:\n"
            );
            let mut table = Table::new(out, &[("Article", Align::Left), ("Shared", Align::Right)]);
            for (article, coverage) in a.articles.iter().zip(&found.coverage) {
                table.row(&[escape(&article.label()), percent(*coverage)]);
            }
            let _ = writeln!(out);
        } else {
            let with = found.coverage.iter().filter(|c| **c > 0.0).count();
            let _ = writeln!(
                out,
                "{} of {} articles share at least one passage (or are duplicates).\n",
                thousands(with),
                thousands(a.articles.len())
            );
        }
    }
    if found.candidate_pairs > 0 {
        let _ = writeln!(
            out,
            "{} shared at least one fingerprint and {} checked word by word.\n",
            count(
                found.candidate_pairs,
                "pair of articles",
                "pairs of articles"
            ),
            if found.candidate_pairs == 1 {
                "was"
            } else {
                "were"
            }
        );
    }
    if found.skipped_common > 0 {
        let _ = writeln!(
            out,
            "{} skipped as stock phrases.\n",
            count(found.skipped_common, "fingerprint was", "fingerprints were")
        );
    }
    if let Some(near) = &found.near {
        if found.shared.is_empty() && !near.is_empty() {
            let _ = writeln!(
                out,
                "Shorter shared runs (6 words or more), for a sense of what the articles do have in common:\n"
            );
            passage_table(out, a, near, |i| {
                a.text_evidence.near_passage(i)[0].map_or("", |s| s.text.as_str())
            });
        }
    }
    if a.config.syndication.exclude_repeated {
        let dropped = a.totals.repeated_hits;
        let _ = writeln!(
            out,
            "Frame hits inside a passage that an earlier article (by date, then corpus order) already contains are not counted: {} dropped.\n",
            count(dropped, "hit", "hits")
        );
    }
}

/// One row per distinct passage: a wire sentence copied into twelve articles
/// is one finding, not 66 pairs.
fn passage_table<'a>(
    out: &mut String,
    a: &'a Analysis,
    passages: &[SharedRun],
    text_of: impl Fn(usize) -> &'a str,
) {
    struct Row<'t> {
        text: &'t str,
        words: usize,
        articles: BTreeSet<usize>,
        first: usize,
    }
    let mut rows: Vec<Row<'a>> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, passage) in passages.iter().enumerate() {
        let text = text_of(i);
        let new_row = |rows: &mut Vec<Row<'a>>| {
            rows.push(Row {
                text,
                words: 0,
                articles: BTreeSet::new(),
                first: i,
            });
            rows.len() - 1
        };
        // Without its text a passage cannot be matched with others.
        let row = if text.is_empty() {
            new_row(&mut rows)
        } else {
            *index.entry(text).or_insert_with(|| new_row(&mut rows))
        };
        let row = &mut rows[row];
        row.words = row.words.max(passage.tokens);
        row.articles.insert(passage.a);
        row.articles.insert(passage.b);
    }
    rows.sort_by(|x, y| {
        y.articles
            .len()
            .cmp(&x.articles.len())
            .then(y.words.cmp(&x.words))
            .then(x.first.cmp(&y.first))
    });
    let mut table = Table::new(
        out,
        &[
            ("Articles", Align::Left),
            ("Words", Align::Right),
            ("Passage", Align::Left),
        ],
    );
    for row in rows.iter().take(a.config.display.passages_shown) {
        let labels: Vec<String> = row
            .articles
            .iter()
            .map(|&i| escape(&a.articles[i].label()))
            .collect();
        let articles = if labels.len() <= 4 {
            labels.join(", ")
        } else {
            format!(
                "{}, … ({} articles)",
                labels[..3].join(", "),
                thousands(labels.len())
            )
        };
        table.row(&[
            articles,
            row.words.to_string(),
            escape(&shorten(row.text, 160)),
        ]);
    }
    if rows.len() > a.config.display.passages_shown {
        let _ = writeln!(
            out,
            "\n{} more passages; every pair is in `data/shared.tsv`.",
            rows.len() - a.config.display.passages_shown
        );
    }
    let _ = writeln!(out);
}
