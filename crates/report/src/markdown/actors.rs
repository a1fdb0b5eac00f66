//! "How each outlet names the actors": per lexicon actor, the labels each
//! group attaches to it (label nouns, adjectives, predicates, genitives)
//! with their log ratio against the other groups, interval, q, voices and
//! one evidence line.

use std::fmt::Write;

use analysis::Analysis;
use analysis::label_profiles::LabelRow;

use super::table::{Align, Table, escape};
use crate::numbers::{count, fixed, slug, thousands};

/// The section's data files, for the list at the end of the report.
pub const DATA_FILES: [(&str, &str); 3] = [
    (
        "labels.tsv",
        "every label of every actor per group: relation, count, rest count, log ratio with bootstrap interval, q, by voice",
    ),
    (
        "label_kwic.tsv",
        "every use of a label with byte offsets and context",
    ),
    (
        "collocates.tsv",
        "window collocates of every actor per group with logDice",
    ),
];

/// The section, when the lexicon names actors.
pub fn actors_section(out: &mut String, a: &Analysis) {
    if a.lexicon.actors.is_empty() {
        return;
    }
    let noun = a.group_noun();
    let _ = writeln!(out, "## How each {} names the actors\n", noun.one);
    let _ = writeln!(
        out,
        "The words attached to each actor of the lexicon (`[[actor]]`, with its other names), by relation: a label noun before the name or an apposition after it (*noun*: \"das Kriegsbündnis NATO\"), an attributive adjective, folded to one form (*adjective*: \"die aggressive NATO\" → `aggressiv`), a predicate (*predicative*: \"die NATO ist ein Relikt\", \"gilt als\"), a noun the actor is the genitive of (*genitive*: \"die Expansion der NATO\"). The patterns read capitalisation and word order, no tagger (`crates/analysis/src/labels.rs`). A label's rate is its count per mention of the actor; the log ratio compares the {one}'s rate with the other {many}' (Hardie's, +1 = twice as often), with a 95 % bootstrap interval over articles; *q* is the Benjamini–Hochberg adjusted permutation p over the actor's labels. Only labels used at least {min_count} times by the {one} are tested; a label is **distinctive** (bold) when q < {alpha} and the interval lies above 0, so a label all {many} use at similar rates is not. Voice: own / quoted / reported uses. Every label and use: `data/labels.tsv`, `data/label_kwic.tsv`.\n",
        one = noun.one,
        many = noun.many,
        min_count = a.config.labels.min_count,
        alpha = a.config.labels.alpha,
    );
    if let Some(note) = super::views::lead_view_note(a, "labels.tsv") {
        let _ = writeln!(out, "{note}");
    }
    for profile in a.lead_label_profiles() {
        let actor = &a.lexicon.actors[profile.actor];
        let _ = writeln!(out, "### {}\n", escape(&actor.name));
        let total: usize = profile.mentions.iter().sum();
        if total == 0 {
            let _ = writeln!(
                out,
                "No article mentions {} ({}).\n",
                escape(&actor.name),
                escape(&actor.aliases.join(", "))
            );
            continue;
        }
        let mentions: Vec<String> = profile
            .mentions
            .iter()
            .enumerate()
            .filter(|&(_, &m)| m > 0)
            .map(|(g, &m)| {
                format!(
                    "{} {}",
                    escape(&a.group_statistics.groups.names[g]),
                    thousands(m)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "Mentions ({}): {}; {}.\n",
            escape(&actor.aliases.join(", ")),
            mentions.join(", "),
            if profile.permutations == 0 {
                format!(
                    "no label is used {} times by one {}",
                    a.config.labels.min_count, noun.one
                )
            } else {
                format!(
                    "{} bootstrap resamples, {} permutations",
                    thousands(profile.resamples),
                    thousands(profile.permutations)
                )
            },
        );
        if profile.rows.iter().any(|r| r.test.is_some()) {
            let _ = writeln!(
                out,
                "![Labels of {} per {}](charts/labels-{}.svg)\n",
                escape(&actor.name),
                noun.one,
                slug(&actor.name)
            );
        }
        for (g, name) in a.group_statistics.groups.names.iter().enumerate() {
            let rows: Vec<&LabelRow> = profile.rows.iter().filter(|r| r.group == g).collect();
            if rows.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "**{}** ({}, {} shown):\n",
                escape(name),
                count(rows.len(), "label", "labels"),
                rows.len().min(a.config.labels.shown)
            );
            let mut table = Table::new(
                out,
                &[
                    ("Label", Align::Left),
                    ("Relation", Align::Left),
                    ("Count", Align::Right),
                    ("Rest", Align::Right),
                    ("Log ratio [95 % interval]", Align::Right),
                    ("q", Align::Right),
                    ("Voice", Align::Left),
                    ("Evidence", Align::Left),
                ],
            );
            for row in rows.iter().take(a.config.labels.shown) {
                let label = if row.distinctive {
                    format!("**{}**", escape(&row.label))
                } else {
                    escape(&row.label)
                };
                let (ratio, q) = match row.test {
                    Some(t) => (
                        format!(
                            "{} [{}, {}]",
                            fixed(row.log_ratio, 2),
                            fixed(t.low, 2),
                            fixed(t.high, 2)
                        ),
                        fixed(t.q, 3),
                    ),
                    None => (
                        format!("{} (not tested)", fixed(row.log_ratio, 2)),
                        "–".to_owned(),
                    ),
                };
                let (article, line, voice) = &row.evidence;
                table.row(&[
                    label,
                    row.relation.name().to_owned(),
                    row.count.to_string(),
                    row.rest_count.to_string(),
                    ratio,
                    q,
                    format!("{} / {} / {}", row.voices[0], row.voices[1], row.voices[2]),
                    format!(
                        "{}, {}: …{}**{}**{}…",
                        escape(&a.articles[*article].label()),
                        escape(&voice.describe()),
                        escape(&line.left),
                        escape(&line.keyword),
                        escape(&line.right)
                    ),
                ]);
            }
            let _ = writeln!(out);
        }
        collocates(out, a, profile.actor);
    }
}

/// The actor's window collocates per group, whatever their grammar.
fn collocates(out: &mut String, a: &Analysis, actor: usize) {
    let Some(found) = a
        .label_profiles
        .collocates
        .iter()
        .find(|c| c.actor == actor)
    else {
        return;
    };
    if found.by_group.iter().all(Vec::is_empty) {
        return;
    }
    let _ = writeln!(
        out,
        "Window collocates of {} (content words within {} counted tokens of a mention, in its sentence, at least {} times; logDice = 14 + log₂(2 f_xy / (f_x + f_y)), Rychlý 2008; f_xy in brackets; all in `data/collocates.tsv`){}:\n",
        escape(&a.lexicon.actors[actor].name),
        a.config.labels.window,
        a.config.labels.min_cooccurrence,
        // Collocates are counted on all text only.
        if a.lead_view().is_some() {
            ", on all text"
        } else {
            ""
        },
    );
    let noun = a.group_noun();
    let mut table = Table::new(
        out,
        &[(noun.title, Align::Left), ("Collocates", Align::Left)],
    );
    for (g, kept) in found.by_group.iter().enumerate() {
        if kept.is_empty() {
            continue;
        }
        let cells: Vec<String> = kept
            .iter()
            .map(|c| {
                format!(
                    "{} {} ({})",
                    escape(&a.counts.terms[c.column].label),
                    fixed(c.log_dice, 1),
                    c.f_xy
                )
            })
            .collect();
        table.row(&[
            escape(&a.group_statistics.groups.names[g]),
            cells.join(", "),
        ]);
    }
    let _ = writeln!(out);
}
