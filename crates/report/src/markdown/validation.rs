//! The report's section "How valid are the hits?": how many hits carry
//! their frame according to the coders, how far the coders agree, which
//! terms mostly miss, and each group's frame rates corrected by precision.

use std::fmt::Write;

use analysis::Analysis;
use analysis::validation::PrecisionRow;

use crate::markdown::table::{Align, Table, escape};
use crate::numbers::{count, fixed, thousands};

fn interval(row: &PrecisionRow) -> String {
    format!(
        "{} [{}, {}]",
        fixed(row.precision, 2),
        fixed(row.low, 2),
        fixed(row.high, 2)
    )
}

/// The section alone, for `rahmen validate score`.
pub fn section(a: &Analysis) -> String {
    let mut out = String::new();
    validation_section(&mut out, a);
    out
}

/// "How valid are the hits?"
pub fn validation_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## How valid are the hits?\n");
    let Some(v) = &a.validation else {
        let _ = writeln!(
            out,
            "A dictionary count is only as good as its hits. No hand coding was given for this report, so every hit counts as a hit of its frame. To check: `rahmen validate sample --n {} --stratify {}` writes a blinded, stratified random sample of hits with their context (same corpus and lexicon options as `report`); coders fill its `relevant` column (1 the hit carries the frame, 0 it does not); `rahmen validate score --codes coder1.csv coder2.csv` or `report --codes …` then gives precision per frame, group and term, agreement between coders and frame rates corrected by precision, here and in `data/validation.tsv`.\n",
            a.config.validation.sample_size,
            a.config.validation.stratify.join(",")
        );
        return;
    };
    let noun = a.group_noun();
    let level = fixed(a.config.statistics.level * 100.0, 0);
    let _ = writeln!(
        out,
        "{} by {}. A hit counts as relevant when most of its coders say it carries its frame ({} with split codes are left out). Precision is the share of relevant hits, weighted by how many hits each sampled hit stands for in its stratum (`{}`), with a {level} % Wilson interval (on Kish's effective sample size where the weights differ).\n",
        count(v.decided, "hit was coded", "hits were coded"),
        count(v.coders.len(), "coder", "coders"),
        thousands(v.undecided),
        a.config.validation.stratify.join(", ")
    );
    match v.alpha {
        Some(alpha) => {
            let _ = writeln!(
                out,
                "Agreement between coders: Krippendorff's α = {} (nominal) over {} coded by two coders or more; α ≥ 0.8 is commonly required, 0.667 the lowest acceptable for tentative conclusions.\n",
                fixed(alpha, 3),
                count(v.alpha_units, "hit", "hits")
            );
        }
        None if v.coders.len() > 1 => {
            let _ = writeln!(
                out,
                "Agreement between coders cannot be computed: no hit has two codes, or all codes are the same.\n"
            );
        }
        None => {
            let _ = writeln!(out, "One coder: agreement cannot be measured.\n");
        }
    }
    if !v.unmatched.is_empty() {
        let _ = writeln!(
            out,
            "{} in the codes match no hit of this corpus and lexicon and are left out.\n",
            count(v.unmatched.len(), "id", "ids")
        );
    }
    let mut table = Table::new(
        out,
        &[
            ("Frame", Align::Left),
            ("Coded", Align::Right),
            ("Relevant", Align::Right),
            ("Precision [interval]", Align::Left),
            ("α", Align::Right),
        ],
    );
    for row in &v.frames {
        table.row(&[
            escape(&a.lexicon.frames[row.frame].label),
            row.coded.to_string(),
            row.relevant.to_string(),
            interval(row),
            v.alpha_per_frame[row.frame].map_or_else(|| "–".to_owned(), |x| fixed(x, 3)),
        ]);
    }
    let _ = writeln!(out);
    if !v.flagged_terms.is_empty() {
        let _ = writeln!(
            out,
            "**Terms whose precision interval lies wholly below {}** (most of their hits do not carry the frame; revise or exclude them):\n",
            fixed(a.config.validation.flag_below, 2)
        );
        for &(f, t) in &v.flagged_terms {
            let frame = &a.lexicon.frames[f];
            if let Some(row) = v.terms.iter().find(|r| r.frame == f && r.term == Some(t)) {
                let _ = writeln!(
                    out,
                    "- `{}` ({}): {} of {} relevant, precision {}",
                    frame.terms[t].pattern,
                    escape(&frame.label),
                    row.relevant,
                    row.coded,
                    interval(row)
                );
            }
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "Frame rates per {} corrected by precision (hits per 1,000 counted tokens × the share of relevant hits). The interval is a percentile bootstrap: each replicate draws the {}'s articles (one article: its sentences) and, independently, a precision from the Jeffreys posterior of the coded hits, so it carries the uncertainty of both; where no hit of {} was coded for a frame, the frame's precision stands in (marked *).\n",
        noun.one, noun.one, noun.an
    );
    let mut table = Table::new(
        out,
        &[
            ("Frame", Align::Left),
            (noun.title, Align::Left),
            ("Raw rate", Align::Right),
            ("Precision", Align::Right),
            ("Corrected rate [interval]", Align::Left),
        ],
    );
    for rate in &v.corrected {
        table.row(&[
            escape(&a.lexicon.frames[rate.frame].label),
            escape(&a.group_statistics.groups.names[rate.group]),
            fixed(rate.raw, 2),
            format!(
                "{}{}",
                fixed(rate.precision, 2),
                if rate.from_frame { "*" } else { "" }
            ),
            format!(
                "{} [{}, {}]",
                fixed(rate.corrected, 2),
                fixed(rate.low, 2),
                fixed(rate.high, 2)
            ),
        ]);
    }
    let _ = writeln!(
        out,
        "\nPrecision per frame and {}, and per term, is in `data/validation.tsv`; corrected rates are in `data/corrected-rates.tsv`.\n",
        noun.one
    );
}
