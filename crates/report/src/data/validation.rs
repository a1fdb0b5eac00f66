//! The validation files: the blinded sample coders fill in, and what their
//! codes gave (`validation.tsv`, `corrected-rates.tsv`).

use analysis::Analysis;
use analysis::validation::{PrecisionRow, SampledHit, Validation};

use crate::data::tsv::tsv;
use crate::numbers::exact;

/// The sample as CSV for coders: `hit_id left match right relevant`, and
/// with `unblind` also `doc_id group frame term` (the answers a blind
/// coder must not see).
pub fn sample_csv(a: &Analysis, sample: &[SampledHit], unblind: bool) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    let mut header = vec!["hit_id", "left", "match", "right", "relevant"];
    if unblind {
        header.extend(["doc_id", "group", "frame", "term", "stratum"]);
    }
    writer.write_record(&header).expect("writing to memory");
    for hit in sample {
        let mut row = vec![
            hit.id.clone(),
            hit.context.left.clone(),
            hit.context.keyword.clone(),
            hit.context.right.clone(),
            String::new(),
        ];
        if unblind {
            let found = &a.hits[hit.article][hit.hit];
            let frame = &a.lexicon.frames[found.frame];
            let groups = &a.group_statistics.groups;
            row.extend([
                a.articles[hit.article].id.clone(),
                groups.names[groups.of_article[hit.article]].clone(),
                frame.id.clone(),
                frame.terms[found.term].pattern.clone(),
                hit.stratum.clone(),
            ]);
        }
        writer.write_record(&row).expect("writing to memory");
    }
    writer.into_inner().expect("writing to memory")
}

/// `validation.tsv`: `frame group term coded relevant precision low high`,
/// one row per frame (group and term `all`), per frame and group, and per
/// term.
pub fn validation_tsv(a: &Analysis, v: &Validation) -> Vec<u8> {
    let groups = &a.group_statistics.groups;
    let row = |r: &PrecisionRow| {
        let frame = &a.lexicon.frames[r.frame];
        vec![
            frame.id.clone(),
            r.group
                .map_or_else(|| "all".to_owned(), |g| groups.names[g].clone()),
            r.term
                .map_or_else(|| "all".to_owned(), |t| frame.terms[t].pattern.clone()),
            r.coded.to_string(),
            r.relevant.to_string(),
            exact(r.precision),
            exact(r.low),
            exact(r.high),
        ]
    };
    tsv(
        &[
            "frame",
            "group",
            "term",
            "coded",
            "relevant",
            "precision",
            "low",
            "high",
        ],
        v.frames.iter().chain(&v.cells).chain(&v.terms).map(row),
    )
}

/// `corrected-rates.tsv`: `frame group raw precision precision_from
/// corrected low high`.
pub fn corrected_rates_tsv(a: &Analysis, v: &Validation) -> Vec<u8> {
    let rows = v.corrected.iter().map(|r| {
        vec![
            a.lexicon.frames[r.frame].id.clone(),
            a.group_statistics.groups.names[r.group].clone(),
            exact(r.raw),
            exact(r.precision),
            if r.from_frame { "frame" } else { "cell" }.to_owned(),
            exact(r.corrected),
            exact(r.low),
            exact(r.high),
        ]
    });
    tsv(
        &[
            "frame",
            "group",
            "raw",
            "precision",
            "precision_from",
            "corrected",
            "low",
            "high",
        ],
        rows,
    )
}
