//! Every SVG is well-formed XML with a title and readable text, and the
//! Markdown parses with every image and link pointing at a generated file.

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};
use rahmen_tests::{seed_file, seed_report};

#[test]
fn every_svg_parses_and_carries_its_text() {
    let report = seed_report();
    let analysis = &report.analysis;
    let svgs: Vec<_> = report
        .files()
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "svg"))
        .map(|path| {
            let bytes = std::fs::read(report.path.join(&path)).unwrap();
            (path, bytes)
        })
        .collect();
    // similarity, frames, prevalence, voices, silhouette, projection, dendrogram,
    // timeline (the seed corpus has dates), one keyness chart per outlet and
    // one label chart per actor with a tested label.
    assert!(analysis.timeline.is_some());
    let label_charts = analysis
        .label_profiles
        .actors
        .iter()
        .filter(|p| p.rows.iter().any(|r| r.test.is_some()))
        .count();
    assert_eq!(
        svgs.len(),
        8 + analysis.group_statistics.groups.names.len() + label_charts
    );
    for (path, bytes) in &svgs {
        let text = std::str::from_utf8(bytes).unwrap();
        let document = roxmltree::Document::parse(text)
            .unwrap_or_else(|e| panic!("{} is not well-formed XML: {e}", path.display()));
        let texts: Vec<&str> = document
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .map(str::trim)
            .collect();
        assert!(
            texts.len() >= 4,
            "{} has a title and axis labels",
            path.display()
        );
        // Umlauts come through as characters, not mangled bytes.
        assert!(!text.contains('\u{fffd}'), "{}", path.display());
    }
    let frames = seed_file("charts/frames.svg");
    for frame in &analysis.lexicon.frames {
        assert!(
            frames.contains(&frame.label),
            "frames chart names {}",
            frame.label
        );
    }
}

#[test]
fn markdown_parses_and_links_resolve() {
    let report = seed_report();
    let files = report.files();
    let markdown = seed_file("report.md");
    let mut images = 0;
    let mut headings = 0;
    for event in Parser::new_ext(&markdown, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                images += 1;
                assert!(
                    files.iter().any(|p| p == Path::new(dest_url.as_ref())),
                    "image {dest_url} exists"
                );
            }
            Event::Start(Tag::Link { dest_url, .. }) if !dest_url.starts_with('#') => {
                let target = dest_url.trim_end_matches('/');
                let exists = files.iter().any(|p| p.starts_with(target));
                assert!(exists, "link {dest_url} points at a generated file");
            }
            Event::Start(Tag::Heading { .. }) => headings += 1,
            _ => {}
        }
    }
    let svgs = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "svg"))
        .count();
    assert_eq!(images, svgs, "every chart is shown in the report");
    assert!(headings >= 10);
}
