//! Web boilerplate removal with an audit trail: scraped news pages carry login
//! prompts, navigation, photo captions, teasers and embedded posts around the
//! article; each removed line keeps its byte span and the reason it went.
//!
//! The rules look at the shape and vocabulary of a line (length, interface
//! words, credit and date patterns, language), never at one site's literal
//! strings, so they carry over to other German news sites. A line is either
//! kept whole or removed whole: every sentence of the article body stays.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::language::{Verdict, line_language};
use crate::span::Span;

mod lines;
#[cfg(test)]
mod tests;

use lines::{
    NAVIGATION_MAX_WORDS, is_body, is_caption, is_dateline, is_headline, is_navigation,
    may_be_social_embed, patterns, word_count,
};

/// Why a line was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Reason {
    /// Site interface: login, subscription, comments, ads, widgets.
    Interface,
    /// Breadcrumbs and menus (`StartPolitikGesetzgebung…`).
    Navigation,
    /// A photo caption or credit (`© SNA / …`, `Reuters/AP/dpa`, `(Symbolbild)`).
    Caption,
    /// A related-article headline shown after an image, inside the article.
    Teaser,
    /// A line that is only a date or time (the page's, not the article's).
    Dateline,
    /// A source line (`Quelle: RT DE`); the outlet belongs in the manifest.
    SourceCredit,
    /// An embedded social-media post (tweet text, `— Name (@handle) date`).
    SocialEmbed,
    /// No letters at all (`0`, `***`).
    NoWords,
    /// A paragraph in another language; ISO 639-3 code.
    Language(&'static str),
}

/// [`Reason`] as it is read back (a stored digest): the language code
/// as a string, made static again by looking it up.
#[derive(Deserialize)]
enum ReasonName {
    Interface,
    Navigation,
    Caption,
    Teaser,
    Dateline,
    SourceCredit,
    SocialEmbed,
    NoWords,
    Language(String),
}

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: serde::Deserializer<'de>>(reader: D) -> Result<Reason, D::Error> {
        Ok(match ReasonName::deserialize(reader)? {
            ReasonName::Interface => Reason::Interface,
            ReasonName::Navigation => Reason::Navigation,
            ReasonName::Caption => Reason::Caption,
            ReasonName::Teaser => Reason::Teaser,
            ReasonName::Dateline => Reason::Dateline,
            ReasonName::SourceCredit => Reason::SourceCredit,
            ReasonName::SocialEmbed => Reason::SocialEmbed,
            ReasonName::NoWords => Reason::NoWords,
            ReasonName::Language(code) => {
                Reason::Language(crate::language::static_code(&code).ok_or_else(|| {
                    serde::de::Error::custom(format!("unknown language code `{code}`"))
                })?)
            }
        })
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Interface => f.write_str("interface"),
            Reason::Navigation => f.write_str("navigation"),
            Reason::Caption => f.write_str("caption"),
            Reason::Teaser => f.write_str("teaser"),
            Reason::Dateline => f.write_str("dateline"),
            Reason::SourceCredit => f.write_str("source-credit"),
            Reason::SocialEmbed => f.write_str("social-embed"),
            Reason::NoWords => f.write_str("no-words"),
            Reason::Language(code) => write!(f, "language:{code}"),
        }
    }
}

/// One removed line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Removal {
    /// The line including its line break, so that the kept text reads on.
    pub span: Span,
    /// Why it went.
    pub reason: Reason,
}

/// The result of [`strip_boilerplate`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cleaned {
    /// Kept paragraphs (non-blank lines), trimmed, in text order.
    pub paragraphs: Vec<Span>,
    /// Removed lines, in text order, never overlapping.
    pub removed: Vec<Removal>,
}

impl Cleaned {
    /// The text with every removed span cut out: together with
    /// [`Cleaned::removed`] it gives back the original exactly.
    pub fn kept_text(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for removal in &self.removed {
            out.push_str(&text[at..removal.span.start]);
            at = removal.span.end;
        }
        out.push_str(&text[at..]);
        out
    }
}

/// Longest line (in words) that interface vocabulary can remove; longer
/// lines are body text that happens to mention `teilen` or `live`.
const INTERFACE_MAX_WORDS: usize = 12;
/// Longest related-article headline after a caption.
const TEASER_MAX_WORDS: usize = 15;
/// Longer lines are article text even when they contain a credit or a post
/// link: a caption or an embedded post (at most 280 characters plus its
/// attribution, about 55 words) is shorter, and corpora exported one article per line
/// (10kGNAD) would otherwise lose whole articles to one `©` or `t.co/` link.
const MARKER_LINE_MAX_WORDS: usize = 60;

/// Finds the boilerplate lines of an article.
///
/// ```
/// use core_text::strip_boilerplate;
/// let text = "Abonnieren\nDie Nato sieht sich durch Russland bedroht, sagte ein Sprecher am Montag in Brüssel.\nQuelle: RT DE\n";
/// let cleaned = strip_boilerplate(text);
/// assert_eq!(cleaned.kept_text(text), "Die Nato sieht sich durch Russland bedroht, sagte ein Sprecher am Montag in Brüssel.\n");
/// let reasons: Vec<String> = cleaned.removed.iter().map(|r| r.reason.to_string()).collect();
/// assert_eq!(reasons, ["interface", "source-credit"]);
/// ```
pub fn strip_boilerplate(text: &str) -> Cleaned {
    let mut lines = split_lines(text);
    for line in &mut lines {
        line.reason = classify(line.content.of(text));
    }
    apply_context(text, &mut lines);
    let mut cleaned = Cleaned::default();
    for line in &lines {
        match line.reason {
            Some(reason) => cleaned.removed.push(Removal {
                span: line.full,
                reason,
            }),
            None => cleaned.paragraphs.push(line.content),
        }
    }
    cleaned
}

/// A non-blank line.
struct Line {
    /// Including the line break.
    full: Span,
    /// Trimmed content.
    content: Span,
    reason: Option<Reason>,
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        let full = Span::new(start, end);
        let content = full.trimmed(text);
        if !content.is_empty() {
            lines.push(Line {
                full,
                content,
                reason: None,
            });
        }
        start = end;
    }
    lines
}

/// Rules that look at one line alone, most specific first.
fn classify(line: &str) -> Option<Reason> {
    if !line.chars().any(char::is_alphabetic) {
        return Some(if is_dateline(line) {
            Reason::Dateline
        } else {
            Reason::NoWords
        });
    }
    if is_dateline(line) {
        return Some(Reason::Dateline);
    }
    let short = || word_count(line, MARKER_LINE_MAX_WORDS + 1) <= MARKER_LINE_MAX_WORDS;
    if may_be_social_embed(line) && patterns().social_embed.is_match(line) && short() {
        return Some(Reason::SocialEmbed);
    }
    if let Verdict::Other(code) = line_language(line) {
        return Some(Reason::Language(code));
    }
    if is_caption(line) && short() {
        return Some(Reason::Caption);
    }
    // Every rule below compares with at most `NAVIGATION_MAX_WORDS`.
    let words = word_count(line, NAVIGATION_MAX_WORDS + 1);
    if words <= 8 && patterns().source_credit.is_match(line) {
        return Some(Reason::SourceCredit);
    }
    if is_navigation(line, words) {
        return Some(Reason::Navigation);
    }
    if words <= INTERFACE_MAX_WORDS && patterns().interface.is_match(line) {
        return Some(Reason::Interface);
    }
    None
}

/// Rules that need the neighbouring lines; repeated until nothing changes.
fn apply_context(text: &str, lines: &mut [Line]) {
    loop {
        let mut changed = false;
        for i in 0..lines.len() {
            if lines[i].reason.is_some() && !matches!(lines[i].reason, Some(Reason::Language(_))) {
                continue;
            }
            let line = lines[i].content.of(text);
            let previous = i.checked_sub(1).map(|p| lines[p].reason);
            let next = lines.get(i + 1).map(|n| n.reason);
            let new_reason = if matches!(lines[i].reason, Some(Reason::Language(_))) {
                // The text of an embedded post sits next to its attribution line.
                let beside_embed = previous == Some(Some(Reason::SocialEmbed))
                    || next == Some(Some(Reason::SocialEmbed));
                beside_embed.then_some(Reason::SocialEmbed)
            } else if previous == Some(Some(Reason::Caption))
                && is_headline(line)
                && word_count(line, TEASER_MAX_WORDS + 1) <= TEASER_MAX_WORDS
                && lines[..i]
                    .iter()
                    .any(|l| l.reason.is_none() && is_body(l.content.of(text)))
            {
                Some(Reason::Teaser)
            } else if let Some(Some(next_reason)) = next {
                // A fragment continued on a removed line shares its fate
                // (`Um an der Diskussion teilzunehmen,` + `loggen Sie sich ein`);
                // so does a one- or two-word scrap between removed lines.
                let next_line = lines[i + 1].content.of(text);
                let continues = line.ends_with([',', ';'])
                    || (is_headline(line) && next_line.starts_with(char::is_lowercase));
                let scrap = is_headline(line)
                    && word_count(line, 3) <= 2
                    && matches!(previous, Some(Some(_)));
                (continues || scrap).then_some(next_reason)
            } else {
                None
            };
            if let Some(reason) = new_reason {
                if lines[i].reason != Some(reason) {
                    lines[i].reason = Some(reason);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}
