//! `report.md`: the report a media researcher reads, section by section,
//! every number pointing to its chart, its evidence lines or its data file.

use std::fmt::Write;

use analysis::tallies::GroupFrames;
use analysis::{Analysis, KChoice};

use crate::numbers::{fixed, thousands};
use crate::output::GENERATED_MARKER;

mod actors;
mod clusters;
mod corpus;
mod frames;
mod passages;
mod statistics;
pub mod table;
mod timeline;
pub mod validation;
mod views;
mod voices;

use table::{Align, Table, escape};

/// Renders the whole report.
pub fn report_markdown(analysis: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{GENERATED_MARKER}\n");
    header(&mut out, analysis);
    how_to_read(&mut out, analysis);
    corpus::corpus_section(&mut out, analysis);
    frames::frames_section(&mut out, analysis);
    statistics::prevalence_section(&mut out, analysis);
    views::own_text_section(&mut out, analysis);
    timeline::timeline_section(&mut out, analysis);
    validation::validation_section(&mut out, analysis);
    voices::own_voice_section(&mut out, analysis);
    frames::evidence_section(&mut out, analysis);
    voices::voices_section(&mut out, analysis);
    statistics::keyness_section(&mut out, analysis);
    actors::actors_section(&mut out, analysis);
    clusters::distinctive_terms(&mut out, analysis);
    passages::passages_section(&mut out, analysis);
    clusters::similarity_section(&mut out, analysis);
    clusters::clusters_section(&mut out, analysis);
    settings_section(&mut out, analysis);
    data_section(&mut out, analysis);
    out
}

fn header(out: &mut String, a: &Analysis) {
    let title = a.corpus_title.as_deref().unwrap_or(&a.corpus_name);
    let _ = writeln!(
        out,
        "# How the {} frame it: {}\n",
        a.group_noun().many,
        escape(title)
    );
    let _ = writeln!(
        out,
        "Rahmen report on corpus `{}`: {} articles, {} counted tokens, {} terms; lexicon `{}` (version {}, {} frames).\n",
        a.corpus_name,
        thousands(a.articles.len()),
        thousands(a.totals.tokens),
        thousands(a.counts.terms.len()),
        a.lexicon.name,
        if a.lexicon.version.is_empty() {
            "unversioned"
        } else {
            &a.lexicon.version
        },
        a.lexicon.frames.len(),
    );
    if let Some(description) = &a.corpus_description {
        let _ = writeln!(out, "{}\n", escape(description.trim()).replace('\n', " "));
    }
    if a.config.display.lead_view == "own" {
        let _ = writeln!(
            out,
            "**At a glance** (each {}'s own text: passages another {} shares are left out)\n",
            a.group_noun().one,
            a.group_noun().one
        );
    } else {
        let _ = writeln!(out, "**At a glance**\n");
    }
    for GroupFrames { group, ranked } in a.lead_group_frames() {
        let top: Vec<String> = ranked
            .iter()
            .take(3)
            .filter(|r| r.rate > 0.0)
            .map(|r| format!("{} ({})", a.lexicon.frames[r.frame].label, fixed(r.rate, 1)))
            .collect();
        let list = if top.is_empty() {
            "no frame hits".to_owned()
        } else {
            top.join(", ")
        };
        let _ = writeln!(out, "- **{}**: {}", escape(group), escape(&list));
    }
    let most_quoted: Vec<String> = a
        .group_statistics
        .groups
        .names
        .iter()
        .zip(&a.group_voices)
        .filter_map(|(name, v)| {
            v.speakers
                .first()
                .map(|s| format!("{} → {} ({} words)", escape(name), escape(&s.name), s.words))
        })
        .collect();
    if !most_quoted.is_empty() {
        let _ = writeln!(out, "- Most quoted: {}.", most_quoted.join("; "));
    }
    let key_terms: Vec<String> = a
        .group_statistics
        .groups
        .names
        .iter()
        .zip(&a.group_statistics.keyness)
        .filter_map(|(name, terms)| {
            let top: Vec<String> = terms
                .iter()
                .flatten()
                .filter(|t| t.chi2 > 0.0)
                .take(3)
                .map(|t| escape(&a.counts.terms[t.term].label))
                .collect();
            (!top.is_empty()).then(|| format!("{} → {}", escape(name), top.join(", ")))
        })
        .collect();
    if !key_terms.is_empty() {
        let _ = writeln!(out, "- Key terms: {}.", key_terms.join("; "));
    }
    let _ = writeln!(
        out,
        "- Shared passages of {}+ words: {}{}.",
        a.config.syndication.params.min_tokens,
        if a.passages.shared.is_empty() {
            "none".to_owned()
        } else {
            thousands(a.passages.shared.len())
        },
        if a.passages.duplicates.is_empty() {
            String::new()
        } else {
            format!(
                "; exact duplicates of an earlier article: {}",
                thousands(a.passages.duplicates.len())
            )
        }
    );
    if let Some((i, j, value)) = a.similar_pairs.map(|pairs| pairs.most) {
        let _ = writeln!(
            out,
            "- Most similar articles: {} and {} (cosine {}).",
            escape(&a.articles[i].label()),
            escape(&a.articles[j].label()),
            fixed(value, 2)
        );
    }
    if let Some(clustering) = &a.clustering {
        let how = match clustering.choice {
            KChoice::Given => "given".to_owned(),
            KChoice::Silhouette => {
                format!("chosen by silhouette, {}", fixed(clustering.silhouette, 3))
            }
        };
        if a.scale.per_article_tables {
            let k = clustering.k;
            let mut members = vec![Vec::new(); k];
            for (i, &label) in clustering.labels.iter().enumerate() {
                members[label].push(escape(&a.articles[i].id));
            }
            let listed: Vec<String> = members
                .iter()
                .map(|m| format!("{{{}}}", m.join(", ")))
                .collect();
            let _ = writeln!(
                out,
                "- Clusters: k = {k} ({how}), {}.",
                listed.join(" and ")
            );
        } else {
            let agreement = clustering.group_agreement.map_or_else(String::new, |g| {
                format!(
                    "; agreement with the groups: NMI {}, ARI {}",
                    fixed(g.nmi, 3),
                    fixed(g.ari, 3)
                )
            });
            let _ = writeln!(out, "- Clusters: k = {} ({how}){agreement}.", clustering.k);
        }
    }
    let _ = writeln!(
        out,
        "\nFrame rates are hits per 1,000 counted tokens, top three per {}; see [Frames](#frames) and the [evidence lines](#evidence-where-the-frames-occur).\n",
        a.group_noun().one
    );
}

fn how_to_read(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## How to read this report\n");
    let noun = a.group_noun();
    match a.group_column() {
        Some(column) => {
            let _ = writeln!(
                out,
                "- **Articles and groups.** The articles are compared in groups: one group per value of the `{}` column (`--group-by`); wherever this report says *group*, it means such a value. Each article is labelled with its id and group; an article without a value is compared on its own and never pooled.",
                escape(column)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "- **Articles and outlets.** Each article is labelled with its id and outlet. Where the text names no outlet it says *unknown*; such articles are compared one by one and never pooled."
            );
        }
    }
    let _ = writeln!(
        out,
        "\
         - **Frames** come from the lexicon `{}`: each frame is a list of terms, matched in every inflection and inside hyphenated compounds. A *hit* is one occurrence; the *rate* is hits per 1,000 counted tokens, so long and short articles compare. A rate built on two or three hits is fragile: read the evidence lines before you trust a difference, and check that each term means what the frame says in its context.\n\
         - **How sure** a difference is: bootstrap intervals show how much a rate would move with other articles (or sentences) from the same {one}; a permutation test asks whether {an} differs from the rest more than a random split would; q corrects for testing many frames and {many} at once.\n\
         - **Voices**: each hit is the outlet's own voice, a direct quotation or reported speech, with the speaker the text names. A frame in a quotation tells you whom the outlet lets speak, not what it says itself.\n\
         - **Keyness** compares each {one}'s words with all other articles (χ², G², log ratio); c-TF-IDF label words summarise a group in a few words.\n\
         - **Distinctive terms** are an article's highest TF-IDF weights: words it uses often that the other articles use rarely.\n\
         - **Similarity** is the cosine of two articles' TF-IDF vectors: 1 means the same words in the same proportions, 0 no word in common.\n\
         - **Clusters** group articles by vocabulary. With {} articles they describe this corpus; they are not a statistical finding about the {many}.\n\
         - **Counted tokens** are the words left after boilerplate removal, without stop words (NLTK's German list and adverbs such as *bereits* that the stemmer would merge with *bereit*), numbers and one-letter tokens; the words are reduced to Snowball stems for counting and shown as their most frequent spelling.\n\
         - Every number is in [`data/`](data/) (see the data contract in `docs/data-contract.md`); the settings are in [`data/config.json`](data/config.json).\n",
        a.lexicon.name,
        thousands(a.articles.len()),
        one = noun.one,
        an = noun.an,
        many = noun.many,
    );
}

fn settings_section(out: &mut String, a: &Analysis) {
    let c = &a.config;
    let _ = writeln!(out, "## Settings\n");
    let df = |d: features::DocFrequency| match d {
        features::DocFrequency::Count(n) => n.to_string(),
        features::DocFrequency::Share(s) => format!("{s:?}"),
    };
    let rows = [
        (
            "Boilerplate removal",
            if c.text.strip_boilerplate {
                "on"
            } else {
                "off"
            }
            .to_owned(),
        ),
        (
            "Stop words",
            match &c.analyzer.stop_words {
                core_text::StopWords::NltkGerman => "NLTK German (232 words)".to_owned(),
                core_text::StopWords::NltkGermanNews => format!(
                    "NLTK German (232 words) and {} adverbs in -s that Snowball merges with nouns (bereits, falls, rechts, ...)",
                    core_text::analyzer::S_ADVERBS.len()
                ),
                core_text::StopWords::None => "none".to_owned(),
                core_text::StopWords::Custom(words) => format!("custom ({} words)", words.len()),
            },
        ),
        (
            "Stemmer",
            match c.analyzer.stemming {
                core_text::Stemming::SnowballGerman => "Snowball German".to_owned(),
                core_text::Stemming::None => "none".to_owned(),
            },
        ),
        (
            "Shortest token",
            format!("{} characters", c.analyzer.min_chars),
        ),
        ("TF-IDF smooth_idf", c.tfidf.smooth_idf.to_string()),
        ("TF-IDF sublinear_tf", c.tfidf.sublinear_tf.to_string()),
        (
            "TF-IDF norm",
            c.tfidf
                .norm
                .map_or_else(|| "none".to_owned(), |n| format!("{n:?}").to_lowercase()),
        ),
        (
            "min_df / max_df",
            format!("{} / {}", df(c.tfidf.min_df), df(c.tfidf.max_df)),
        ),
        (
            "Terms kept / pruned by df",
            format!("{} / {}", a.counts.terms.len(), a.counts.pruned),
        ),
        (
            "k",
            a.clustering
                .as_ref()
                .map_or_else(|| "–".to_owned(), |cl| cl.k.to_string()),
        ),
        ("Seed", c.clustering.seed.to_string()),
        (
            "Lexicon",
            format!("`{}` ({})", a.lexicon.name, a.lexicon_file),
        ),
        (
            "KWIC context",
            format!("{} characters", c.display.kwic_width),
        ),
    ];
    let mut table = Table::new(out, &[("Setting", Align::Left), ("Value", Align::Left)]);
    for (name, value) in rows {
        table.row(&[name, value.as_str()]);
    }
    let _ = writeln!(
        out,
        "\nTF-IDF follows scikit-learn's `TfidfVectorizer` (same formula, parameter names and defaults).\n"
    );
}

fn data_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Data files\n");
    let mut files = vec![
        (
            "docs.tsv",
            "one row per article in matrix row order: id, outlet, title, date, counted tokens, k-means cluster, group",
        ),
        (
            "terms.tsv",
            "one row per matrix column: analysis key (stem) and label",
        ),
        ("counts.mtx", "articles x terms counts, Matrix Market"),
        (
            "tfidf.mtx",
            "articles x terms TF-IDF weights, Matrix Market, 17 significant digits",
        ),
        (
            "tokens.jsonl",
            "per article, the counted terms in text order",
        ),
        (
            "clean.jsonl",
            "per article, the text after boilerplate removal and the removed byte spans with reasons",
        ),
        ("similarity.tsv", "cosine similarity matrix"),
        (
            "frames.tsv",
            "hits and rate per 1,000 counted tokens per article and frame",
        ),
        ("kwic.tsv", "every frame hit with byte offsets and context"),
    ];
    if a.clustering.is_some() {
        files.extend([
            ("clusters.tsv", "silhouette and inertia per candidate k"),
            (
                "linkage.tsv",
                "average-linkage merges in scipy's linkage-matrix layout",
            ),
            (
                "projection.tsv",
                "PCA coordinates and cluster labels per article",
            ),
        ]);
    }
    if a.validation.is_some() {
        files.extend([
            (
                "validation.tsv",
                "precision of the hits per frame, per frame and group, per term, with Wilson intervals",
            ),
            (
                "corrected-rates.tsv",
                "frame rates per group as counted and corrected by precision, with bootstrap intervals",
            ),
        ]);
    }
    if a.timeline.is_some() {
        files.push((
            "timeline.tsv",
            "frame rates per group and period with bootstrap intervals and the q of each tested change",
        ));
    }
    if !a.lexicon.actors.is_empty() {
        files.extend(actors::DATA_FILES);
    }
    files.push((
        "config.json",
        "every setting, the stop list and the lexicon used",
    ));
    for (name, what) in files {
        let _ = writeln!(out, "- [`data/{name}`](data/{name}): {what}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_tables_intact() {
        assert_eq!(
            escape("a|b *c* <d> [e](f)"),
            "a\\|b \\*c\\* \\<d\\> \\[e\\](f)"
        );
        assert_eq!(escape("Zeile\nzwei"), "Zeile zwei");
        assert_eq!(
            escape("Gespräche über „rote Linien“"),
            "Gespräche über „rote Linien“"
        );
    }
}
