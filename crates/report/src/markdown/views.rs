//! The report's section on each outlet's own text: how much of what it
//! prints another outlet also prints, and its frame rates on all text, on
//! its own text and on the shared text, so copied wire text does not pass
//! for an outlet's framing.

use std::fmt::Write;

use analysis::Analysis;
use analysis::views::View;

use crate::markdown::table::{Align, Table, escape};
use crate::numbers::{fixed, percent, thousands};

/// "Own text and shared text".
pub fn own_text_section(out: &mut String, a: &Analysis) {
    let noun = a.group_noun();
    let _ = writeln!(out, "## Own text and shared text\n");
    let (Some(own), Some(shared)) = (a.view(View::Own), a.view(View::Shared)) else {
        return;
    };
    let shared_tokens: usize = shared.tokens.iter().sum();
    if shared_tokens == 0 && shared.hits.iter().all(Vec::is_empty) {
        let _ = writeln!(
            out,
            "No passage of {} words or more appears in articles of two different {}, and no article repeats another {}'s: each {}'s text is its own, so the views `own` and `all` are the same.\n",
            a.config.syndication.params.min_tokens, noun.many, noun.one, noun.one
        );
        return;
    }
    let _ = writeln!(
        out,
        "A token is *shared* when an article of another {} has it too: inside a passage of {} words or more that the shared-passage search finds between the two, or in an article another {}'s article repeats whole. The rest is the {}'s *own* text. {} of {} counted tokens ({}) are shared. Rates are hits per 1,000 counted tokens of that text; the data files carry every view (`view` in `frames.tsv`, `prevalence.tsv`, `labels.tsv` and `timeline.tsv`), and `--view own` makes the report lead with the own text.\n",
        noun.one,
        a.config.syndication.params.min_tokens,
        noun.one,
        noun.one,
        thousands(shared_tokens),
        thousands(a.totals.tokens),
        percent(shared_tokens as f64 / a.totals.tokens.max(1) as f64)
    );
    let mut table = Table::new(
        out,
        &[
            (noun.title, Align::Left),
            ("Frame", Align::Left),
            ("All text", Align::Right),
            ("Own text", Align::Right),
            ("Shared text", Align::Right),
            ("Hits in shared text", Align::Right),
        ],
    );
    for (g, name) in a.group_statistics.groups.names.iter().enumerate() {
        for (f, frame) in a.lexicon.frames.iter().enumerate() {
            let rate = |frames: &[analysis::tallies::GroupFrames]| {
                frames[g]
                    .ranked
                    .iter()
                    .find(|r| r.frame == f)
                    .map_or((0, 0.0), |r| (r.hits, r.rate))
            };
            let (all_hits, all_rate) = rate(&a.group_frames);
            if all_hits == 0 {
                continue;
            }
            let (_, own_rate) = rate(&own.group_frames);
            let (shared_hits, shared_rate) = rate(&shared.group_frames);
            table.row(&[
                escape(name),
                escape(&frame.label),
                fixed(all_rate, 1),
                fixed(own_rate, 1),
                fixed(shared_rate, 1),
                format!("{shared_hits} of {all_hits}"),
            ]);
        }
    }
    let _ = writeln!(out);
}

/// The sentence that says a section shows `display.lead_view`'s text,
/// naming the data file that holds every view; `None` when the section
/// shows all text.
pub fn lead_view_note(a: &Analysis, file: &str) -> Option<String> {
    let one = a.group_noun().one;
    let text = match a.lead_view_kind() {
        View::All => return None,
        View::Own => {
            format!("On each {one}'s own text: passages another {one} shares are left out")
        }
        View::Shared => format!("On the text each {one} shares with another {one}'s articles only"),
    };
    Some(format!(
        "{text} (`--view all` for all text; every view is in `data/{file}`).\n"
    ))
}
