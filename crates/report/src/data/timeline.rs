//! `timeline.tsv`: every view × group × period × frame of the timeline
//! with its rate, interval and the q-value of the change into it.

use analysis::Analysis;
use analysis::timeline::Timeline;
use analysis::views::View;

use crate::data::tsv::tsv;
use crate::numbers::exact;

/// `view group period frame articles tokens hits rate low high q_change
/// insufficient`: every cell of the view `all`, then of `own` and `shared`
/// when groups share text; within a view by group, period and frame;
/// `rate`, `low` and `high` empty without counted tokens, `q_change` empty
/// where no change into the period was tested.
pub fn timeline_tsv(a: &Analysis, t: &Timeline) -> Vec<u8> {
    let optional = |value: Option<f64>| value.map_or_else(String::new, exact);
    let views = a
        .views
        .iter()
        .filter_map(|v| v.timeline.as_ref().map(|t| (v.view, t)));
    let rows = std::iter::once((View::All, t))
        .chain(views)
        .flat_map(|(view, t)| t.cells.iter().map(move |c| (view, t, c)))
        .map(|(view, t, c)| {
            vec![
                view.name().to_owned(),
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
            "view",
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
