//! The report section on shared passages: copied wire text, republished
//! articles and exact duplicates, which articles share what, and how much.

use std::fmt::Write;

use crate::analysis::Analysis;
use crate::markdown::{escape, shorten};
use crate::numbers::{count, percent, thousands};
use crate::passages::Passage;

/// Passages listed in the report (all are in `data/shared.tsv`).
const PASSAGES_SHOWN: usize = 30;

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
        passage_table(out, a, &found.shared);
        if a.layout.per_article_tables {
            let _ = writeln!(
                out,
                "Share of each article's words inside a shared passage:\n"
            );
            let _ = writeln!(out, "| Article | Shared |");
            let _ = writeln!(out, "|---|---:|");
            for (article, coverage) in a.articles.iter().zip(&found.coverage) {
                let _ = writeln!(
                    out,
                    "| {} | {} |",
                    escape(&article.label()),
                    percent(*coverage)
                );
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
            passage_table(out, a, near);
        }
    }
    if a.config.syndication.exclude_repeated {
        let dropped: usize = a.repeated_hits.iter().sum();
        let _ = writeln!(
            out,
            "Frame hits inside a passage that an earlier article (by date, then corpus order) already contains are not counted: {} dropped.\n",
            count(dropped, "hit", "hits")
        );
    }
}

fn passage_table(out: &mut String, a: &Analysis, passages: &[Passage]) {
    let _ = writeln!(out, "| Articles | Words | Passage |");
    let _ = writeln!(out, "|---|---:|---|");
    for passage in passages.iter().take(PASSAGES_SHOWN) {
        let text = a
            .text_evidence
            .stretch(passage.a, &passage.a_tokens)
            .map_or_else(String::new, |s| s.text.clone());
        let _ = writeln!(
            out,
            "| {} and {} | {} | {} |",
            escape(&a.articles[passage.a].label()),
            escape(&a.articles[passage.b].label()),
            passage.tokens,
            escape(&shorten(&text, 160))
        );
    }
    if passages.len() > PASSAGES_SHOWN {
        let _ = writeln!(
            out,
            "\n{} more in `data/shared.tsv`.",
            passages.len() - PASSAGES_SHOWN
        );
    }
    let _ = writeln!(out);
}
