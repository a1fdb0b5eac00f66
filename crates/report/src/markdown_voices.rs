//! The report sections on voices: who is quoted in each outlet, and which
//! frame hits are the outlet's own words and which are someone else's.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::analysis::Analysis;
use crate::markdown::escape;
use crate::numbers::{count, percent};
use crate::voices::Voice;

/// Speakers listed per outlet.
const SPEAKERS_SHOWN: usize = 12;

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
    let _ = writeln!(
        out,
        "| {} | Words in direct quotes | Words in reported speech | Direct quotes without a named speaker |",
        a.group_noun().title
    );
    let _ = writeln!(out, "|---|---:|---:|---:|");
    for (g, name) in a.outlets.groups.names.iter().enumerate() {
        let v = &a.group_voices[g];
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(name),
            percent(v.quoted_share),
            percent(v.reported_share),
            v.unattributed
        );
    }
    let _ = writeln!(out);
    for (g, name) in a.outlets.groups.names.iter().enumerate() {
        let v = &a.group_voices[g];
        let _ = writeln!(out, "#### Speakers in {}\n", escape(name));
        if v.speakers.is_empty() {
            let _ = writeln!(out, "No attributed quotation.\n");
            continue;
        }
        let _ = writeln!(
            out,
            "| Speaker | Role | Direct quotes | Reported statements | Words quoted |"
        );
        let _ = writeln!(out, "|---|---|---:|---:|---:|");
        for s in v.speakers.iter().take(SPEAKERS_SHOWN) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                escape(&s.name),
                escape(s.role.as_deref().unwrap_or("–")),
                s.direct,
                s.reported,
                s.words
            );
        }
        if v.speakers.len() > SPEAKERS_SHOWN {
            let _ = writeln!(
                out,
                "\n{} more in `data/quotes.tsv`.",
                v.speakers.len() - SPEAKERS_SHOWN
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
    let _ = writeln!(
        out,
        "| Frame | {} | Own | Quoted | Reported | Whose words |",
        a.group_noun().title
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---|");
    for (f, frame) in a.lexicon.frames.iter().enumerate() {
        for (g, name) in a.outlets.groups.names.iter().enumerate() {
            let mut counts = [0usize; 3];
            let mut speakers: BTreeMap<String, usize> = BTreeMap::new();
            for i in a.outlets.groups.members(g) {
                for hit in &a.hits[i] {
                    let voice = &hit.voice;
                    if hit.frame != f {
                        continue;
                    }
                    match voice {
                        Voice::Own => counts[0] += 1,
                        Voice::Quoted(_) => counts[1] += 1,
                        Voice::Reported(_) => counts[2] += 1,
                    }
                    if !matches!(voice, Voice::Own) {
                        let who = voice.speaker().unwrap_or("not named").to_owned();
                        *speakers.entry(who).or_insert(0) += 1;
                    }
                }
            }
            if counts.iter().sum::<usize>() == 0 {
                continue;
            }
            let whose: Vec<String> = speakers
                .iter()
                .map(|(who, n)| format!("{} ×{n}", escape(who)))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                escape(&frame.label),
                escape(name),
                counts[0],
                counts[1],
                counts[2],
                if whose.is_empty() {
                    "–".to_owned()
                } else {
                    whose.join(", ")
                }
            );
        }
    }
    let own: usize = a
        .hits
        .iter()
        .flatten()
        .filter(|h| matches!(h.voice, Voice::Own))
        .count();
    let all: usize = a.hits.iter().map(Vec::len).sum();
    let _ = writeln!(
        out,
        "\nOf {}, {} in the outlets' own voice.\n",
        count(all, "frame hit", "frame hits"),
        count(own, "stands", "stand")
    );
}
