//! Which numbers go into the label charts: per actor, each group's most
//! distinctive tested labels as diverging bars of their log ratio, on the
//! text of the view the report leads with.

use analysis::Analysis;
use analysis::label_profiles::ActorProfile;

use crate::charts::{self, DivergingBars};
use crate::error::ReportError;
use crate::numbers::slug;
use crate::output::ReportWriter;

/// Tested labels shown per group.
const PER_GROUP: usize = 4;

/// One chart per actor with a tested label: `charts/labels-<actor>.svg`.
pub fn add_label_charts(a: &Analysis, writer: &mut ReportWriter) -> Result<(), ReportError> {
    for profile in a.lead_label_profiles() {
        if let Some(svg) = label_chart(a, profile)? {
            let name = &a.lexicon.actors[profile.actor].name;
            writer.add(format!("charts/labels-{}.svg", slug(name)), svg)?;
        }
    }
    Ok(())
}

fn label_chart(a: &Analysis, profile: &ActorProfile) -> Result<Option<String>, ReportError> {
    let groups = &a.group_statistics.groups.names;
    let mut labels = Vec::new();
    let mut values = Vec::new();
    let mut text = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        // Rows come most distinctive first within the group.
        for row in profile
            .rows
            .iter()
            .filter(|r| r.group == g && r.test.is_some())
            .take(PER_GROUP)
        {
            labels.push(format!("{group} · {} ({})", row.label, row.relation.name()));
            values.push(row.log_ratio);
            let q = row.test.map_or(1.0, |t| t.q);
            text.push(format!(
                "{} : {}{}",
                row.count,
                row.rest_count,
                if row.distinctive {
                    format!(", q {q:.3}")
                } else {
                    String::new()
                }
            ));
        }
    }
    if labels.is_empty() {
        return Ok(None);
    }
    let name = &a.lexicon.actors[profile.actor].name;
    let noun = a.group_noun();
    let view = a
        .lead_view()
        .map_or(String::new(), |v| format!(" ({})", v.view.text()));
    let title = format!("How each {} names {name}{view}", noun.one);
    let x_desc = format!(
        "log ratio of the label's rate per mention, {} against the rest (bar text: count : count elsewhere, q when distinctive)",
        noun.one
    );
    let positive = format!("more often in the {} than elsewhere", noun.one);
    let negative = format!("less often in the {} than elsewhere", noun.one);
    Ok(Some(charts::diverging_bars(&DivergingBars {
        title: &title,
        x_desc: &x_desc,
        y_desc: "group · label (relation)",
        labels: &labels,
        values: &values,
        value_text: Some(&text),
        positive_legend: &positive,
        negative_legend: &negative,
    })?))
}
