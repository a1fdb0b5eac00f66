//! `report.md`: the report a media researcher reads, section by section,
//! every number pointing to its chart, its evidence lines or its data file.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::analysis::{Analysis, GroupFrames, KChoice};
use crate::numbers::{count, fixed, percent, thousands};
use crate::output::GENERATED_MARKER;
use crate::{markdown_passages, markdown_statistics, markdown_voices};

/// Evidence lines shown per frame in the report (all are in `kwic.tsv`).
const KWIC_LINES_PER_FRAME: usize = 40;

/// Renders the whole report.
pub fn report_markdown(analysis: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{GENERATED_MARKER}\n");
    header(&mut out, analysis);
    how_to_read(&mut out, analysis);
    corpus_section(&mut out, analysis);
    frames_section(&mut out, analysis);
    markdown_statistics::prevalence_section(&mut out, analysis);
    markdown_voices::own_voice_section(&mut out, analysis);
    evidence_section(&mut out, analysis);
    markdown_voices::voices_section(&mut out, analysis);
    markdown_statistics::keyness_section(&mut out, analysis);
    distinctive_terms(&mut out, analysis);
    markdown_passages::passages_section(&mut out, analysis);
    similarity_section(&mut out, analysis);
    clusters_section(&mut out, analysis);
    settings_section(&mut out, analysis);
    data_section(&mut out, analysis);
    out
}

/// Escapes text for a Markdown table cell or paragraph.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn header(out: &mut String, a: &Analysis) {
    let title = a.corpus_title.as_deref().unwrap_or(&a.corpus_name);
    let _ = writeln!(out, "# How the outlets frame it: {}\n", escape(title));
    let tokens: usize = (0..a.docs.len()).map(|i| a.counts.n_tokens(i)).sum();
    let _ = writeln!(
        out,
        "Rahmen report on corpus `{}`: {} articles, {} counted tokens, {} terms; lexicon `{}` (version {}, {} frames).\n",
        a.corpus_name,
        a.articles.len(),
        thousands(tokens),
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
    let _ = writeln!(out, "**At a glance**\n");
    for GroupFrames { group, ranked } in a.frames_by_group() {
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
        let _ = writeln!(out, "- **{}**: {}", escape(&group), escape(&list));
    }
    let most_quoted: Vec<String> = a
        .outlets
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
        .outlets
        .groups
        .names
        .iter()
        .zip(&a.outlets.keyness)
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
        "- Shared passages of {}+ words: {}.",
        a.config.syndication.params.min_tokens,
        if a.syndication.passages.is_empty() {
            "none".to_owned()
        } else {
            a.syndication.passages.len().to_string()
        }
    );
    if let Some((i, j, value)) = extreme_pair(a, true) {
        let _ = writeln!(
            out,
            "- Most similar articles: {} and {} (cosine {}).",
            escape(&a.articles[i].label()),
            escape(&a.articles[j].label()),
            fixed(value, 2)
        );
    }
    if let Some(clustering) = &a.clustering {
        let groups = cluster_members(&clustering.labels, a);
        let _ = writeln!(
            out,
            "- Clusters: k = {} ({}), {}.",
            clustering.k,
            match clustering.choice {
                KChoice::Given => "given".to_owned(),
                KChoice::Silhouette =>
                    format!("chosen by silhouette, {}", fixed(clustering.silhouette, 3)),
            },
            groups
                .iter()
                .map(|members| format!("{{{}}}", members.join(", ")))
                .collect::<Vec<_>>()
                .join(" and ")
        );
    }
    let _ = writeln!(
        out,
        "\nFrame rates are hits per 1,000 counted tokens, top three per outlet; see [Frames](#frames) and the [evidence lines](#evidence-where-the-frames-occur).\n"
    );
}

fn how_to_read(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## How to read this report\n");
    let _ = writeln!(
        out,
        "- **Articles and outlets.** Each article is labelled with its id and outlet. Where the text names no outlet it says *unknown*; such articles are compared one by one and never pooled.\n\
         - **Frames** come from the lexicon `{}`: each frame is a list of terms, matched in every inflection and inside hyphenated compounds. A *hit* is one occurrence; the *rate* is hits per 1,000 counted tokens, so long and short articles compare. A rate built on two or three hits is fragile: read the evidence lines before you trust a difference, and check that each term means what the frame says in its context.\n\
         - **How sure** a difference is: bootstrap intervals show how much a rate would move with other articles (or sentences) from the same outlet; a permutation test asks whether an outlet differs from the rest more than a random split would; q corrects for testing many frames and outlets at once.\n\
         - **Voices**: each hit is the outlet's own voice, a direct quotation or reported speech, with the speaker the text names. A frame in a quotation tells you whom the outlet lets speak, not what it says itself.\n\
         - **Keyness** compares each outlet's words with all other articles (χ², G², log ratio); c-TF-IDF label words summarise a group in a few words.\n\
         - **Distinctive terms** are an article's highest TF-IDF weights: words it uses often that the other articles use rarely.\n\
         - **Similarity** is the cosine of two articles' TF-IDF vectors: 1 means the same words in the same proportions, 0 no word in common.\n\
         - **Clusters** group articles by vocabulary. With {} articles they describe this corpus; they are not a statistical finding about the outlets.\n\
         - **Counted tokens** are the words left after boilerplate removal, without stop words (NLTK's German list and adverbs such as *bereits* that the stemmer would merge with *bereit*), numbers and one-letter tokens; the words are reduced to Snowball stems for counting and shown as their most frequent spelling.\n\
         - Every number is in [`data/`](data/) (see the data contract in `docs/data-contract.md`); the settings are in [`data/config.json`](data/config.json).\n",
        a.lexicon.name,
        a.articles.len()
    );
}

fn corpus_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Corpus\n");
    let _ = writeln!(
        out,
        "| Article | Outlet | Date | Title | Counted tokens | Removed boilerplate |"
    );
    let _ = writeln!(out, "|---|---|---|---|---:|---|");
    for (i, (article, doc)) in a.articles.iter().zip(&a.docs).enumerate() {
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        for removal in &doc.removed {
            *reasons.entry(removal.reason.to_string()).or_insert(0) += 1;
        }
        let removed = if reasons.is_empty() {
            "nothing".to_owned()
        } else {
            let lines = doc.removed.len();
            let parts: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
            format!(
                "{lines} line{}: {}",
                if lines == 1 { "" } else { "s" },
                parts.join(", ")
            )
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            escape(&article.id),
            escape(article.outlet.as_deref().unwrap_or("unknown")),
            escape(article.date.as_deref().unwrap_or("–")),
            escape(article.title.as_deref().unwrap_or("–")),
            thousands(a.counts.n_tokens(i)),
            removed
        );
    }
    let _ = writeln!(out);
    let evidence: Vec<_> = a
        .articles
        .iter()
        .filter(|article| article.fields.keys().any(|k| k.ends_with("_evidence")))
        .collect();
    if !evidence.is_empty() {
        let _ = writeln!(out, "### Where the metadata comes from\n");
        for article in evidence {
            let _ = writeln!(out, "- **{}**", escape(&article.label()));
            for (key, value) in &article.fields {
                if let Some(field) = key.strip_suffix("_evidence") {
                    let _ = writeln!(out, "  - {field}: {}", escape(value));
                }
            }
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "### Removed boilerplate\n");
    let _ = writeln!(
        out,
        "Lines removed before counting, with the rule that removed them. Byte offsets are in `data/clean.jsonl`.\n"
    );
    for (article, doc) in a.articles.iter().zip(&a.docs) {
        if doc.removed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "- **{}**", escape(&article.label()));
        for removal in &doc.removed {
            let text = removal.span.of(&doc.text).trim();
            let _ = writeln!(
                out,
                "  - `{}`: {}",
                removal.reason,
                escape(&shorten(text, 100))
            );
        }
    }
    let _ = writeln!(out);
    if !a.skipped.is_empty() || !a.warnings.is_empty() {
        let _ = writeln!(out, "### Problems with the input\n");
        for skipped in &a.skipped {
            let _ = writeln!(out, "- skipped {}", escape(&skipped.to_string()));
        }
        for warning in &a.warnings {
            let _ = writeln!(out, "- {}", escape(warning));
        }
        let _ = writeln!(out);
    }
}

fn frames_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Frames\n");
    let _ = writeln!(out, "| Frame | Function (Entman) | Definition | Terms |");
    let _ = writeln!(out, "|---|---|---|---|");
    for frame in &a.lexicon.frames {
        let terms: Vec<String> = frame
            .terms
            .iter()
            .map(|t| {
                if t.exclude.is_empty() {
                    format!("`{}`", t.pattern)
                } else {
                    let excluded: Vec<String> =
                        t.exclude.iter().map(|e| format!("`{e}`")).collect();
                    format!("`{}` (not {})", t.pattern, excluded.join(", "))
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&frame.label),
            frame.function.map_or("–", |f| f.name()),
            escape(&frame.definition),
            terms.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "\nWhy each term is in the lexicon is written next to it in `{}`.\n",
        a.lexicon_file
    );
    let _ = writeln!(out, "![Frame rates per article](charts/frames.svg)\n");
    let _ = writeln!(
        out,
        "Hits and, in brackets, hits per 1,000 counted tokens:\n"
    );
    let mut header = "| Frame |".to_owned();
    let mut rule = "|---|".to_owned();
    for article in &a.articles {
        let _ = write!(header, " {} |", escape(&article.label()));
        rule.push_str("---:|");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    for (f, frame) in a.lexicon.frames.iter().enumerate() {
        let mut row = format!("| {} |", escape(&frame.label));
        for i in 0..a.articles.len() {
            let _ = write!(
                row,
                " {} ({}) |",
                a.frame_hits(i, f),
                fixed(a.rate_per_1000(i, f), 1)
            );
        }
        let _ = writeln!(out, "{row}");
    }
    let _ = writeln!(out, "\n### Top frames per outlet\n");
    let _ = writeln!(
        out,
        "Rates pool the articles of an outlet (all its hits per 1,000 of all its counted tokens).\n"
    );
    let _ = writeln!(out, "| Outlet | Articles | 1st | 2nd | 3rd |");
    let _ = writeln!(out, "|---|---:|---|---|---|");
    for GroupFrames { group, ranked } in a.frames_by_group() {
        let members = a.articles.iter().filter(|x| x.group == group).count();
        let mut row = format!("| {} | {members} |", escape(&group));
        for slot in 0..3 {
            match ranked.get(slot).filter(|r| r.rate > 0.0) {
                Some(r) => {
                    let _ = write!(
                        row,
                        " {} ({}; {}) |",
                        escape(&a.lexicon.frames[r.frame].label),
                        fixed(r.rate, 1),
                        count(r.hits, "hit", "hits")
                    );
                }
                None => row.push_str(" – |"),
            }
        }
        let _ = writeln!(out, "{row}");
    }
    let _ = writeln!(out);
}

fn evidence_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Evidence: where the frames occur\n");
    let _ = writeln!(
        out,
        "Every hit with {} characters of context from its paragraph. All lines, with byte offsets, are in `data/kwic.tsv`.\n",
        a.config.display.kwic_width
    );
    for (f, frame) in a.lexicon.frames.iter().enumerate() {
        let lines: Vec<(usize, &features::FrameHit, &crate::voices::Voice)> = a
            .hits
            .iter()
            .zip(&a.voices)
            .enumerate()
            .flat_map(|(i, (hits, voices))| {
                hits.iter()
                    .zip(voices)
                    .filter(move |(h, _)| h.frame == f)
                    .map(move |(h, v)| (i, h, v))
            })
            .collect();
        let _ = writeln!(
            out,
            "### {} ({})\n",
            escape(&frame.label),
            count(lines.len(), "hit", "hits")
        );
        if lines.is_empty() {
            let _ = writeln!(out, "No term of this frame occurs in the corpus.\n");
            continue;
        }
        let _ = writeln!(out, "| Article | Term | Voice | Context |");
        let _ = writeln!(out, "|---|---|---|---|");
        for (i, hit, voice) in lines.iter().take(KWIC_LINES_PER_FRAME) {
            let line = features::kwic(&a.docs[*i], hit.span, a.config.display.kwic_width);
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | …{}**{}**{}… |",
                escape(&a.articles[*i].label()),
                frame.terms[hit.term].pattern,
                escape(&voice.describe()),
                escape(&line.left),
                escape(&line.keyword),
                escape(&line.right)
            );
        }
        if lines.len() > KWIC_LINES_PER_FRAME {
            let _ = writeln!(
                out,
                "\n{} more lines in `data/kwic.tsv`.",
                lines.len() - KWIC_LINES_PER_FRAME
            );
        }
        let _ = writeln!(out);
    }
}

fn distinctive_terms(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Distinctive terms per article\n");
    let n = a.articles.len();
    let _ = writeln!(
        out,
        "The {} highest TF-IDF weights of each article (weights in brackets), leaving out terms that occur in every article: those cannot tell articles apart.\n",
        a.config.display.top_terms
    );
    let _ = writeln!(out, "| Article | Terms |");
    let _ = writeln!(out, "|---|---|");
    for (i, article) in a.articles.iter().enumerate() {
        let row = a.tfidf.matrix.outer_view(i);
        let mut weights: Vec<(usize, f64)> = row.map_or_else(Vec::new, |r| {
            r.iter()
                .filter(|(c, _)| n < 2 || a.counts.terms[*c].df < n)
                .map(|(c, v)| (c, *v))
                .collect()
        });
        weights.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        let terms: Vec<String> = weights
            .iter()
            .take(a.config.display.top_terms)
            .map(|(c, w)| format!("{} ({})", escape(&a.counts.terms[*c].label), fixed(*w, 3)))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} |",
            escape(&article.label()),
            terms.join(", ")
        );
    }
    let _ = writeln!(out);
}

fn similarity_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Similarity between articles\n");
    let _ = writeln!(
        out,
        "![Cosine similarity of the articles' TF-IDF vectors](charts/similarity.svg)\n"
    );
    if let (Some(high), Some(low)) = (extreme_pair(a, true), extreme_pair(a, false)) {
        let _ = writeln!(
            out,
            "The closest pair is {} and {} ({}); the most distant is {} and {} ({}). Values are in `data/similarity.tsv`.\n",
            escape(&a.articles[high.0].label()),
            escape(&a.articles[high.1].label()),
            fixed(high.2, 2),
            escape(&a.articles[low.0].label()),
            escape(&a.articles[low.1].label()),
            fixed(low.2, 2),
        );
    }
}

fn clusters_section(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "## Clusters\n");
    let Some(c) = &a.clustering else {
        let _ = writeln!(out, "Clustering needs at least three articles.\n");
        return;
    };
    let _ = writeln!(out, "### Choosing k\n");
    let _ = writeln!(
        out,
        "![Mean silhouette by number of clusters](charts/silhouette.svg)\n"
    );
    let _ = writeln!(
        out,
        "| k | Mean silhouette | Inertia | Agreement across {} seeds (mean / min ARI) | Stable |",
        c.stability.first().map_or(0, |s| s.seeds.len())
    );
    let _ = writeln!(out, "|---:|---:|---:|---:|---|");
    for (score, stability) in c.scores.iter().zip(&c.stability) {
        let mark = if score.k == c.k { " (used)" } else { "" };
        let _ = writeln!(
            out,
            "| {}{mark} | {} | {} | {} / {} | {} |",
            score.k,
            fixed(score.silhouette, 3),
            fixed(score.inertia, 3),
            fixed(stability.mean_ari, 2),
            fixed(stability.min_ari, 2),
            if stability.is_stable() {
                "yes"
            } else {
                "**no**"
            }
        );
    }
    let how = match c.choice {
        KChoice::Given => "k was given".to_owned(),
        KChoice::Silhouette => "k has the highest mean silhouette".to_owned(),
    };
    let _ = writeln!(
        out,
        "\n{how}. Silhouette runs from -1 to 1; values near 0 mean the clusters overlap, which is usual for a handful of articles on one story. k-means runs {} times from k-means++ starts with seed {} on L2-normalised TF-IDF rows (spherical k-means).\n",
        a.config.clustering.n_init, a.config.clustering.seed
    );
    let _ = writeln!(
        out,
        "Stability: k-means is run again with {} consecutive seeds and every pair of partitions is compared with the adjusted Rand index (1 = the same groups, 0 = chance). A k is flagged unstable when the mean falls below {}: its clusters depend on the random start, not on the articles.\n",
        c.stability.first().map_or(0, |s| s.seeds.len()),
        fixed(cluster::STABLE_ARI, 1)
    );
    if let Some(used) = c.stability.iter().find(|s| s.k == c.k) {
        if !used.is_stable() {
            let _ = writeln!(
                out,
                "**The k used here is unstable** (mean ARI {}): do not read its clusters as groups of outlets.\n",
                fixed(used.mean_ari, 2)
            );
        }
    }
    let _ = writeln!(out, "### Map of the articles\n");
    let _ = writeln!(
        out,
        "![Articles on the first two principal components, coloured by k-means cluster](charts/projection.svg)\n"
    );
    let ratio = c.projection.explained_variance_ratio;
    let _ = writeln!(
        out,
        "The two axes are the first principal components of the L2-normalised TF-IDF rows; they keep {} and {} of the variance, so distances on the map are only a rough picture.\n",
        percent(ratio[0]),
        percent(ratio[1])
    );
    let _ = writeln!(out, "### Dendrogram\n");
    let _ = writeln!(
        out,
        "![Average-linkage dendrogram on cosine distance](charts/dendrogram.svg)\n"
    );
    let _ = writeln!(out, "| Cluster | k-means | Average linkage cut at k |");
    let _ = writeln!(out, "|---:|---|---|");
    let kmeans = cluster_members(&c.labels, a);
    let linkage = cluster_members(&c.linkage_labels, a);
    for id in 0..kmeans.len().max(linkage.len()) {
        let list = |groups: &Vec<Vec<String>>| {
            groups
                .get(id)
                .map_or_else(|| "–".to_owned(), |m| m.join(", "))
        };
        let _ = writeln!(
            out,
            "| {id} | {} | {} |",
            escape(&list(&kmeans)),
            escape(&list(&linkage))
        );
    }
    let _ = writeln!(
        out,
        "\nAgreement between the two (adjusted Rand index): {}. Cluster ids are canonical: numbered in order of their first article.\n",
        fixed(c.agreement, 3)
    );
    markdown_statistics::cluster_keyness(out, a);
}

fn settings_section(out: &mut String, a: &Analysis) {
    let c = &a.config;
    let _ = writeln!(out, "## Settings\n");
    let _ = writeln!(out, "| Setting | Value |");
    let _ = writeln!(out, "|---|---|");
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
    for (name, value) in rows {
        let _ = writeln!(out, "| {name} | {value} |");
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
            "one row per article in matrix row order: id, outlet, title, date, counted tokens, k-means cluster",
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
    files.push((
        "config.json",
        "every setting, the stop list and the lexicon used",
    ));
    for (name, what) in files {
        let _ = writeln!(out, "- [`data/{name}`](data/{name}): {what}");
    }
}

/// The most (or least) similar pair of distinct articles.
fn extreme_pair(a: &Analysis, most: bool) -> Option<(usize, usize, f64)> {
    let n = a.articles.len();
    let mut best: Option<(usize, usize, f64)> = None;
    for i in 0..n {
        for j in i + 1..n {
            let value = a.similarity[[i, j]];
            let better = match best {
                None => true,
                Some((_, _, b)) => {
                    if most {
                        value > b
                    } else {
                        value < b
                    }
                }
            };
            if better {
                best = Some((i, j, value));
            }
        }
    }
    best
}

/// Article ids per cluster id.
fn cluster_members(labels: &[usize], a: &Analysis) -> Vec<Vec<String>> {
    let k = labels.iter().max().map_or(0, |m| m + 1);
    let mut groups = vec![Vec::new(); k];
    for (i, &label) in labels.iter().enumerate() {
        groups[label].push(a.articles[i].id.clone());
    }
    groups
}

/// At most `max` characters, with `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
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

    #[test]
    fn shortening_counts_characters() {
        assert_eq!(shorten("Äußerst", 10), "Äußerst");
        assert_eq!(shorten("Sicherheitsgarantien", 8), "Sicherh…");
    }
}
