//! The report section on shared passages: copied wire text or republished
//! articles, which articles share what, and how much of each.

use std::fmt::Write;

use features::syndication::{SharedPassage, Syndication};

use crate::analysis::Analysis;
use crate::markdown::{escape, shorten};
use crate::numbers::{count, percent};

/// Passages listed in the report (all are in `data/shared.tsv`).
const PASSAGES_SHOWN: usize = 30;

/// "Shared passages".
pub fn passages_section(out: &mut String, a: &Analysis) {
    let params = &a.config.syndication.params;
    let _ = writeln!(out, "## Shared passages\n");
    let _ = writeln!(
        out,
        "Exact runs of at least {} normalised words that two articles share, found by winnowed {}-word shingles (as MOSS does) and checked word by word; phrases in more than {} articles are skipped as stock phrases. Copied wire text and republished articles show up here. All passages are in `data/shared.tsv`.\n",
        params.min_tokens, params.shingle, params.max_postings
    );
    let found = &a.syndication;
    if found.passages.is_empty() {
        let _ = writeln!(
            out,
            "No two articles share a passage of {} words or more.\n",
            params.min_tokens
        );
    } else {
        passage_table(out, a, found);
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
    }
    if found.skipped_common_fingerprints > 0 {
        let _ = writeln!(
            out,
            "{} skipped as stock phrases.\n",
            count(
                found.skipped_common_fingerprints,
                "fingerprint was",
                "fingerprints were"
            )
        );
    }
    if let Some(near) = &a.near_matches {
        if found.passages.is_empty() && !near.passages.is_empty() {
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

fn passage_table(out: &mut String, a: &Analysis, found: &Syndication) {
    let _ = writeln!(out, "| Articles | Words | Passage |");
    let _ = writeln!(out, "|---|---:|---|");
    for passage in found.passages.iter().take(PASSAGES_SHOWN) {
        let _ = writeln!(
            out,
            "| {} and {} | {} | {} |",
            escape(&a.articles[passage.a].label()),
            escape(&a.articles[passage.b].label()),
            passage.tokens,
            escape(&shorten(&passage_text(a, passage), 160))
        );
    }
    if found.passages.len() > PASSAGES_SHOWN {
        let _ = writeln!(
            out,
            "\n{} more in `data/shared.tsv`.",
            found.passages.len() - PASSAGES_SHOWN
        );
    }
    let _ = writeln!(out);
}

/// The passage as it reads in the first article, white space folded.
pub fn passage_text(a: &Analysis, passage: &SharedPassage) -> String {
    passage
        .a_span
        .of(&a.docs[passage.a].text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
