//! `timeline.tsv`: every group × period × frame of the timeline with its
//! rate, interval and the q-value of the change into it.

use analysis::Analysis;
use analysis::timeline::Timeline;

use crate::data::tsv::tsv;
use crate::numbers::exact;

/// `group period frame articles tokens hits rate low high q_change
/// insufficient`, by group, period and frame; `rate`, `low` and `high`
/// empty without counted tokens, `q_change` empty where no change into the
/// period was tested.
pub fn timeline_tsv(a: &Analysis, t: &Timeline) -> Vec<u8> {
    let optional = |value: Option<f64>| value.map_or_else(String::new, exact);
    let rows = t.cells.iter().map(|c| {
        vec![
            a.group_statistics.groups.names[c.group].clone(),
            t.periods[c.period].label.clone(),
            a.lexicon.frames[c.frame].id.clone(),
            c.articles.to_string(),
            c.tokens.to_string(),
            c.hits.to_string(),
            optional(c.rate),
            optional(c.interval.map(|i| i.low)),
            optional(c.interval.map(|i| i.high)),
            optional(t.change_into(c.group, c.period, c.frame).map(|ch| ch.q)),
            c.insufficient.to_string(),
        ]
    });
    tsv(
        &[
            "group",
            "period",
            "frame",
            "articles",
            "tokens",
            "hits",
            "rate",
            "low",
            "high",
            "q_change",
            "insufficient",
        ],
        rows,
    )
}
