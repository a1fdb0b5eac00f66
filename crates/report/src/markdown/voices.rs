//! The report sections on voices: who is quoted in each outlet, and which
//! frame hits are the outlet's own words and which are someone else's.

use std::fmt::Write;

use crate::markdown::table::{Align, Table, escape};
use crate::numbers::{count, percent};
use analysis::Analysis;

/// "Voices: who speaks in each outlet" (or group).
pub fn voices_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(
        out,
        "## Voices: who speaks in each {}\n",
        a.group_noun().one
    );
    let _ = writeln!(
        out,
        "Direct quotations („…“, »…«, \"…\", ‚…‘) and reported speech (`X zufolge`, `laut X`, `sagte, dass …`, `…, so X`) with the speaker the text names, found by rules on German quotation marks, speech verbs and role nouns (`der Kremlsprecher` resolves to the last person named with that role). Which side a speaker belongs to is not the tool's call: the tables only make visible who gets the word. Every quotation is in `data/quotes.tsv`.\n"
    );
    let mut table = Table::new(
        out,
        &[
            (a.group_noun().title, Align::Left),
            ("Words in direct quotes", Align::Right),
            ("Words in reported speech", Align::Right),
            ("Direct quotes without a named speaker", Align::Right),
        ],
    );
    for (g, name) in a.group_statistics.groups.names.iter().enumerate() {
        let v = &a.group_voices[g];
        table.row(&[
            escape(name),
            percent(v.quoted_share),
            percent(v.reported_share),
            v.unattributed.to_string(),
        ]);
    }
    let _ = writeln!(out);
    for (g, name) in a.group_statistics.groups.names.iter().enumerate() {
        let v = &a.group_voices[g];
        let _ = writeln!(out, "#### Speakers in {}\n", escape(name));
        if v.speakers.is_empty() {
            let _ = writeln!(out, "No attributed quotation.\n");
            continue;
        }
        let mut table = Table::new(
            out,
            &[
                ("Speaker", Align::Left),
                ("Role", Align::Left),
                ("Direct quotes", Align::Right),
                ("Reported statements", Align::Right),
                ("Words quoted", Align::Right),
            ],
        );
        for s in v.speakers.iter().take(a.config.display.speakers_shown) {
            table.row(&[
                escape(&s.name),
                escape(s.role.as_deref().unwrap_or("–")),
                s.direct.to_string(),
                s.reported.to_string(),
                s.words.to_string(),
            ]);
        }
        if v.speakers.len() > a.config.display.speakers_shown {
            let _ = writeln!(
                out,
                "\n{} more in `data/quotes.tsv`.",
                v.speakers.len() - a.config.display.speakers_shown
            );
        }
        let _ = writeln!(out);
    }
}

/// "Own voice or quoted?": each frame's hits split by voice, per outlet.
pub fn own_voice_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Own voice or quoted?\n");
    let _ = writeln!(
        out,
        "`Kriegsbündnis` in an outlet's own sentence is a different finding from `Kriegsbündnis` inside a minister's quotation. Each frame hit is counted as the outlet's *own* voice, *quoted* (inside quotation marks: the speaker's words) or *reported* (inside reported speech: the view is the speaker's, the wording the outlet's paraphrase), with the speaker; the evidence lines below say which. The voice of every hit is in `data/kwic.tsv`.\n"
    );
    let _ = writeln!(
        out,
        "![Frame hits by voice per {}](charts/voices.svg)\n",
        a.group_noun().one
    );
    let mut table = Table::new(
        out,
        &[
            ("Frame", Align::Left),
            (a.group_noun().title, Align::Left),
            ("Own", Align::Right),
            ("Quoted", Align::Right),
            ("Reported", Align::Right),
            ("Whose words", Align::Left),
        ],
    );
    for (f, frame) in a.lexicon.frames.iter().enumerate() {
        for (name, cell) in a
            .group_statistics
            .groups
            .names
            .iter()
            .zip(&a.lead_frame_voices()[f])
        {
            if cell.total() == 0 {
                continue;
            }
            let whose: Vec<String> = cell
                .speakers
                .iter()
                .map(|(who, n)| format!("{} ×{n}", escape(who)))
                .collect();
            table.row(&[
                escape(&frame.label),
                escape(name),
                cell.own.to_string(),
                cell.quoted.to_string(),
                cell.reported.to_string(),
                if whose.is_empty() {
                    "–".to_owned()
                } else {
                    whose.join(", ")
                },
            ]);
        }
    }
    let own: usize = a.lead_frame_voices().iter().flatten().map(|c| c.own).sum();
    let all: usize = a
        .lead_frame_voices()
        .iter()
        .flatten()
        .map(|c| c.total())
        .sum();
    let _ = writeln!(
        out,
        "\nOf {}, {} in the outlets' own voice.\n",
        count(all, "frame hit", "frame hits"),
        count(own, "stands", "stand")
    );
}
