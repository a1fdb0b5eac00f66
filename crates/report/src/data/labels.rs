//! `labels.tsv`, `label_kwic.tsv` and `collocates.tsv`: every label of
//! every actor per group with its statistics, every use of a label with its
//! context line, and the actors' window collocates.

use analysis::Analysis;
use analysis::views::View;

use crate::data::tsv::{TsvStream, tsv};
use crate::error::ReportError;
use crate::numbers::exact;
use crate::output::StreamedFile;

/// `view actor group relation label voice count rest_count log_ratio low
/// high q`: per view, actor, group and label one row with voice `all` and
/// its statistics (`low`, `high` and `q` empty when the label was not
/// tested), then one row per voice it was used in (`own`, `quoted`,
/// `reported`) with the counts in that voice and the rest empty. Every row
/// of the view `all` first, then `own` and `shared` when groups share
/// text; within a view by actor, group, then most distinctive first.
pub fn labels_tsv(a: &Analysis) -> Vec<u8> {
    let mut rows = Vec::new();
    let all = std::iter::once((View::All, a.label_profiles.actors.as_slice()));
    let views = a
        .label_profiles
        .views
        .iter()
        .map(|v| (v.view, v.actors.as_slice()));
    for (view, profiles) in all.chain(views) {
        for profile in profiles {
            let actor = &a.lexicon.actors[profile.actor].name;
            for row in &profile.rows {
                let head = |voice: &str, count: usize, rest: usize| {
                    vec![
                        view.name().to_owned(),
                        actor.clone(),
                        a.group_statistics.groups.names[row.group].clone(),
                        row.relation.name().to_owned(),
                        row.label.clone(),
                        voice.to_owned(),
                        count.to_string(),
                        rest.to_string(),
                    ]
                };
                let mut all = head("all", row.count, row.rest_count);
                all.push(exact(row.log_ratio));
                match row.test {
                    Some(t) => all.extend([exact(t.low), exact(t.high), exact(t.q)]),
                    None => all.extend([String::new(), String::new(), String::new()]),
                }
                rows.push(all);
                for (v, voice) in ["own", "quoted", "reported"].into_iter().enumerate() {
                    if row.voices[v] > 0 {
                        let mut by_voice = head(voice, row.voices[v], row.rest_voices[v]);
                        by_voice.extend([
                            String::new(),
                            String::new(),
                            String::new(),
                            String::new(),
                        ]);
                        rows.push(by_voice);
                    }
                }
            }
        }
    }
    tsv(
        &[
            "view",
            "actor",
            "group",
            "relation",
            "label",
            "voice",
            "count",
            "rest_count",
            "log_ratio",
            "low",
            "high",
            "q",
        ],
        rows,
    )
}

/// `doc_id actor relation label voice start end left match right`: every
/// use of a label in article order; `start` and `end` are byte offsets of
/// label and name together in the decoded text.
pub fn label_kwic_tsv(a: &Analysis, file: StreamedFile) -> Result<(), ReportError> {
    let mut stream = TsvStream::new(
        file,
        &[
            "doc_id", "actor", "relation", "label", "voice", "start", "end", "left", "match",
            "right",
        ],
    )?;
    for (i, labels) in a.label_profiles.articles.iter().enumerate() {
        for hit in &labels.hits {
            stream.row(&[
                a.articles[i].id.clone(),
                a.lexicon.actors[hit.actor as usize].name.clone(),
                hit.relation.name().to_owned(),
                hit.label.to_string(),
                hit.voice.kind().to_owned(),
                hit.span.start.to_string(),
                hit.span.end.to_string(),
                hit.context.left.clone(),
                hit.context.keyword.clone(),
                hit.context.right.clone(),
            ])?;
        }
    }
    stream.finish()
}

/// `actor group term label f_xy f_x f_y log_dice`: per actor and group its
/// kept window collocates, highest logDice first; `term` is the counted
/// term's key, `label` its most frequent form.
pub fn collocates_tsv(a: &Analysis) -> Vec<u8> {
    let mut rows = Vec::new();
    for found in &a.label_profiles.collocates {
        let actor = &a.lexicon.actors[found.actor].name;
        for (g, kept) in found.by_group.iter().enumerate() {
            for c in kept {
                let term = &a.counts.terms[c.column];
                rows.push(vec![
                    actor.clone(),
                    a.group_statistics.groups.names[g].clone(),
                    term.key.clone(),
                    term.label.clone(),
                    c.f_xy.to_string(),
                    c.f_x.to_string(),
                    c.f_y.to_string(),
                    exact(c.log_dice),
                ]);
            }
        }
    }
    tsv(
        &[
            "actor", "group", "term", "label", "f_xy", "f_x", "f_y", "log_dice",
        ],
        rows,
    )
}
