//! The report sections on statistics: keyness and label words per outlet
//! and cluster, and how sure the frame rates are.

use std::fmt::Write;

use features::keyness::KeyTerm;
use features::uncertainty::SamplingUnit;

use crate::markdown::table::{Align, Table, escape};
use crate::numbers::{fixed, slug, thousands};
use analysis::Analysis;
use analysis::statistics::GroupStatistics;
use analysis::views::{KeynessVariant, View};

/// "What sets each outlet (or group) apart": keyness and c-TF-IDF per group.
pub fn keyness_section(out: &mut String, a: &Analysis) {
    let noun = a.group_noun();
    let _ = writeln!(out, "## What sets each {} apart\n", noun.one);
    let params = &a.config.statistics.keyness;
    let _ = writeln!(
        out,
        "Each {one}'s articles against all other articles. *a* and *b* count the term in the {one} and elsewhere ({}); terms with *a* + *b* below {} are left out. χ² uses quanteda's conditional Yates correction, G² is the full log-likelihood (scipy's `chi2_contingency` with `lambda_=\"log-likelihood\"`), the log ratio is Hardie's (log₂ of the ratio of relative frequencies; +1 means twice as frequent). p-values are not corrected for the many terms tested: read them as a ranking. With one article per {one}, keyness describes that article. The columns after *p* count the other way ({}): one long article, or one copied story, must not dominate a term's score, and a term key in both ways is key in many articles. All scores are in `data/keyness.tsv`.\n",
        match params.unit {
            features::keyness::KeynessUnit::Tokens => "articles containing the term",
            features::keyness::KeynessUnit::Documents => "counted tokens",
        },
        match params.unit {
            features::keyness::KeynessUnit::Tokens => "counted tokens",
            features::keyness::KeynessUnit::Documents => "articles containing it",
        },
        params.min_count,
        one = noun.one,
    );
    group_tables(out, a, &a.group_statistics, "keyness", true);
}

/// The keyness variants of the groups: the other unit, and own text.
fn variant(a: &Analysis, view: View, other_unit: bool) -> Option<&KeynessVariant> {
    let unit = a.config.statistics.keyness.unit;
    a.keyness_variants
        .iter()
        .find(|v| v.view == view && (v.unit != unit) == other_unit)
}

/// Key terms and label words per k-means cluster.
pub fn cluster_keyness(out: &mut String, a: &Analysis) {
    let Some(stats) = &a.cluster_statistics else {
        return;
    };
    let _ = writeln!(out, "### What sets each cluster apart\n");
    group_tables(out, a, stats, "keyness-clusters", false);
}

/// The `Articles: …` line of a group or cluster, its first `listed` ids
/// (a cluster of 10,000 ids is not for reading).
fn members_line(members: &[&str], listed: usize) -> String {
    let shown: Vec<String> = members.iter().take(listed).map(|id| escape(id)).collect();
    if members.len() <= listed {
        format!("Articles: {}.", shown.join(", "))
    } else {
        format!(
            "Articles ({}): {} and {} more; `data/docs.tsv` gives every article's group and cluster.",
            thousands(members.len()),
            shown.join(", "),
            thousands(members.len() - listed)
        )
    }
}

fn group_tables(
    out: &mut String,
    a: &Analysis,
    stats: &GroupStatistics,
    chart_prefix: &str,
    for_groups: bool,
) {
    for (g, name) in stats.groups.names.iter().enumerate() {
        let members: Vec<&str> = stats
            .groups
            .members(g)
            .iter()
            .map(|&i| a.articles[i].id.as_str())
            .collect();
        let _ = writeln!(out, "#### {}\n", escape(name));
        if !(members.len() == 1 && name.contains(members[0])) {
            let _ = writeln!(
                out,
                "{}\n",
                members_line(&members, a.config.display.members_listed)
            );
        }
        let labels: Vec<String> = stats.label_words[g]
            .iter()
            .map(|(c, w)| format!("{} ({})", escape(&a.counts.terms[*c].label), fixed(*w, 3)))
            .collect();
        if !labels.is_empty() {
            let _ = writeln!(out, "Label words (c-TF-IDF): {}.\n", labels.join(", "));
        }
        let Some(_) = &stats.keyness[g] else {
            let _ = writeln!(
                out,
                "No keyness: this group or the rest has no counted tokens.\n"
            );
            continue;
        };
        let over: Vec<&KeyTerm> = stats
            .shown_key_terms(g, a.config.display.key_terms)
            .collect();
        if over.is_empty() {
            let _ = writeln!(out, "No term passes the minimum count.\n");
            continue;
        }
        if for_groups && g < a.config.display.keyness_charts {
            let _ = writeln!(
                out,
                "![Key terms of {}](charts/{chart_prefix}-{}.svg)\n",
                escape(name),
                slug(name)
            );
        }
        // The groups' keyness counted the other way, beside the main one
        // (clusters have none). `for_groups`: the groups' tables get charts and variants.
        let other = for_groups
            .then(|| variant(a, View::All, true))
            .flatten()
            .and_then(|v| v.keyness[g].as_ref());
        let other_name = match a.config.statistics.keyness.unit {
            features::keyness::KeynessUnit::Tokens => "articles",
            features::keyness::KeynessUnit::Documents => "tokens",
        };
        let mut header = vec![
            ("Term".to_owned(), Align::Left),
            ("a".to_owned(), Align::Right),
            ("b".to_owned(), Align::Right),
            ("Log ratio".to_owned(), Align::Right),
            ("χ²".to_owned(), Align::Right),
            ("G²".to_owned(), Align::Right),
            ("p".to_owned(), Align::Right),
        ];
        if for_groups {
            header.push((format!("a / b ({other_name})"), Align::Right));
            header.push((format!("χ² ({other_name})"), Align::Right));
        }
        header.push(("In context".to_owned(), Align::Left));
        let mut table = Table::new(out, &header);
        for term in over {
            let context = first_context(a, &stats.groups.members(g), term.term);
            let mut row = vec![
                escape(&a.counts.terms[term.term].label),
                // Counts of tokens or articles: whole numbers.
                thousands(term.a as usize),
                thousands(term.b as usize),
                fixed(term.log_ratio, 2),
                fixed(term.chi2, 2),
                fixed(term.g2, 2),
                p_value(term.p),
            ];
            if for_groups {
                match other.and_then(|terms| terms.iter().find(|t| t.term == term.term)) {
                    Some(t) => {
                        row.push(format!(
                            "{} / {}",
                            thousands(t.a as usize),
                            thousands(t.b as usize)
                        ));
                        row.push(fixed(t.chi2, 2));
                    }
                    None => row.extend(["–".to_owned(), "–".to_owned()]),
                }
            }
            row.push(context);
            table.row(&row);
        }
        let _ = writeln!(out);
        if let Some(own) = for_groups.then(|| variant(a, View::Own, false)).flatten() {
            let terms: Vec<String> = own.keyness[g]
                .iter()
                .flatten()
                .filter(|t| t.chi2 > 0.0)
                .take(a.config.display.key_terms)
                .map(|t| escape(&a.counts.terms[t.term].label))
                .collect();
            let labels: Vec<String> = own
                .label_words
                .as_ref()
                .map(|words| {
                    words[g]
                        .iter()
                        .map(|(c, w)| {
                            format!("{} ({})", escape(&a.counts.terms[*c].label), fixed(*w, 3))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "On its own text only (passages another {} shares left out): key terms {}; label words {}.\n",
                a.group_noun().one,
                if terms.is_empty() {
                    "none".to_owned()
                } else {
                    terms.join(", ")
                },
                if labels.is_empty() {
                    "none".to_owned()
                } else {
                    labels.join(", ")
                }
            );
        }
    }
}

/// The first occurrence of a term in the group's articles, as a short KWIC
/// (gathered in the second pass).
fn first_context(a: &Analysis, members: &[usize], column: usize) -> String {
    let column = column as u32;
    let Some(&article) = members
        .iter()
        .find(|&&i| a.counts.sequences.get(i).contains(&column))
    else {
        return "–".to_owned();
    };
    match a.text_evidence.key_contexts.get(&(article, column)) {
        Some(line) => format!(
            "{}: …{}**{}**{}…",
            escape(&a.articles[article].id),
            escape(&line.left),
            escape(&line.keyword),
            escape(&line.right)
        ),
        None => "–".to_owned(),
    }
}

/// A p-value for tables: `< 0.001` below that, three decimals above.
pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".to_owned()
    } else {
        fixed(p, 3)
    }
}

/// "How sure can we be": frame rates with intervals and tests.
pub fn prevalence_section(out: &mut String, a: &Analysis) {
    let stats = &a.config.statistics;
    let noun = a.group_noun();
    let _ = writeln!(out, "## How sure can we be about frame differences?\n");
    let _ = writeln!(
        out,
        "![Frame rates per {} with 95 % bootstrap intervals](charts/prevalence.svg)\n",
        noun.one
    );
    let sentence_groups: Vec<&str> = a
        .group_statistics
        .groups
        .names
        .iter()
        .enumerate()
        .filter(|(g, _)| {
            a.lead_prevalence().iter().any(|p| {
                p.group == *g
                    && p.interval
                        .is_some_and(|i| i.resampled == SamplingUnit::Sentences)
            })
        })
        .map(|(_, n)| n.as_str())
        .collect();
    if a.lead_view().is_some() {
        let _ = writeln!(
            out,
            "On each {one}'s own text: passages another {one} shares are left out (`--view all` for all text; every view is in `data/prevalence.tsv`).\n",
            one = noun.one
        );
    }
    let _ = writeln!(
        out,
        "Rates are hits per 1,000 counted tokens of all {an}'s articles, with {} % percentile bootstrap intervals ({} resamples of the {one}'s articles; seed {}).{} Each {one} is compared with the rest of the corpus by a permutation test ({} permutations, two-sided); q is the p-value adjusted for all {} tests with Benjamini–Hochberg. Numbers are in `data/prevalence.tsv`.\n",
        fixed(stats.level * 100.0, 0),
        range_text(a.lead_prevalence().iter().map(|p| p.resamples)),
        stats.seed,
        if sentence_groups.is_empty() {
            String::new()
        } else {
            format!(
                " **{} have a single article, so their sentences were resampled and permuted instead**: that treats sentences as independent, so these intervals are too narrow and these p-values too small when sentences of one article are alike.",
                sentence_groups
                    .iter()
                    .map(|n| escape(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
        range_text(
            a.lead_prevalence()
                .iter()
                .filter_map(|p| p.versus_rest.map(|t| t.permutations))
        ),
        a.lead_prevalence().iter().filter(|p| p.q.is_some()).count(),
        an = noun.an,
        one = noun.one,
    );
    let mut header = vec![("Frame".to_owned(), Align::Left)];
    header.extend(
        a.group_statistics
            .groups
            .names
            .iter()
            .map(|name| (escape(name), Align::Left)),
    );
    let mut table = Table::new(out, &header);
    for (f, frame) in a.lexicon.frames.iter().enumerate() {
        let mut row = vec![escape(&frame.label)];
        for g in 0..a.group_statistics.groups.names.len() {
            let cell = a
                .lead_prevalence()
                .iter()
                .find(|p| p.frame == f && p.group == g);
            row.push(match cell.and_then(|p| p.interval.map(|i| (i, p))) {
                Some((interval, p)) => {
                    let test = match (p.versus_rest, p.q) {
                        (Some(t), Some(q)) => {
                            let mark = if q < 0.05 { "**" } else { "" };
                            format!(
                                "; {mark}{} vs rest, q {}{mark}",
                                fixed_signed(t.difference),
                                p_value(q)
                            )
                        }
                        _ => String::new(),
                    };
                    format!(
                        "{} [{}–{}]{test}",
                        fixed(interval.estimate, 1),
                        fixed(interval.low, 1),
                        fixed(interval.high, 1)
                    )
                }
                None => "–".to_owned(),
            });
        }
        table.row(&row);
    }
    let significant = a
        .prevalence
        .iter()
        .filter(|p| p.q.is_some_and(|q| q < 0.05))
        .count();
    let _ = writeln!(
        out,
        "\nCells show rate [interval] and the difference to the rest of the corpus with its q-value; {} of the differences hold at q < 0.05 (in bold). A wide interval that includes the rest's rate means the corpus cannot tell. The hits behind every rate are listed under [Evidence](#evidence-where-the-frames-occur).\n",
        significant
    );
    head_to_head_section(out, a);
}

/// The first two named outlets compared frame by frame.
pub fn head_to_head_section(out: &mut String, a: &Analysis) {
    let Some(((ga, gb), tests)) = &a.head_to_head else {
        return;
    };
    let names = &a.group_statistics.groups.names;
    let noun = a.group_noun();
    let _ = writeln!(
        out,
        "### {} against {}\n",
        escape(&names[*ga]),
        escape(&names[*gb])
    );
    let unit = tests.iter().find_map(|t| t.test.map(|t| t.unit));
    let _ = writeln!(
        out,
        "The two named {} side by side: rate difference ({} minus {}) per frame with a two-sided permutation test of {}; q adjusted over the frames.\n",
        noun.many,
        escape(&names[*ga]),
        escape(&names[*gb]),
        match unit {
            Some(SamplingUnit::Sentences) => format!(
                "sentences (each {} has a single article here, so sentences are treated as independent)",
                noun.one
            ),
            _ => "articles".to_owned(),
        }
    );
    let mut table = Table::new(
        out,
        &[
            ("Frame", Align::Left),
            ("Difference", Align::Right),
            ("p", Align::Right),
            ("q", Align::Right),
        ],
    );
    for t in tests {
        let frame = escape(&a.lexicon.frames[t.frame].label);
        match (t.test, t.q) {
            (Some(test), Some(q)) => table.row(&[
                frame,
                fixed_signed(test.difference),
                p_value(test.p_value),
                p_value(q),
            ]),
            _ => table.row(&[frame.as_str(), "–", "–", "–"]),
        }
    }
    let _ = writeln!(out);
}

/// `2000`, or `200 to 2000` when large groups drew fewer (see
/// `statistics::scaled`).
fn range_text(values: impl Iterator<Item = usize>) -> String {
    let values: Vec<usize> = values.collect();
    match (values.iter().min(), values.iter().max()) {
        (Some(low), Some(high)) if low != high => format!("{low} to {high}"),
        (Some(one), _) => one.to_string(),
        _ => "no".to_owned(),
    }
}

/// A signed number with one decimal, `+0.0` folded to `0.0`.
fn fixed_signed(value: f64) -> String {
    let text = fixed(value, 1);
    if text.starts_with('-') || text == "0.0" {
        text
    } else {
        format!("+{text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_member_lists_are_cut_with_a_pointer_to_the_data() {
        assert_eq!(members_line(&["a_1", "b"], 20), "Articles: a\\_1, b.");
        let ids: Vec<String> = (1..=1234).map(|i| format!("row-{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let line = members_line(&ids, 20);
        assert!(
            line.starts_with("Articles (1,234): row-1, row-2,"),
            "{line}"
        );
        assert!(line.contains("row-20 and 1,214 more;"), "{line}");
        assert!(!line.contains("row-21,"), "{line}");
    }

    #[test]
    fn small_numbers() {
        assert_eq!(p_value(0.0004), "< 0.001");
        assert_eq!(p_value(0.0312), "0.031");
        assert_eq!(fixed_signed(2.04), "+2.0");
        assert_eq!(fixed_signed(-0.01), "0.0");
        assert_eq!(fixed_signed(-1.25), "-1.2");
    }
}
