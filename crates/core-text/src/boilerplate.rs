//! Web boilerplate removal with an audit trail: scraped news pages carry login
//! prompts, navigation, photo captions, teasers and embedded posts around the
//! article; each removed line keeps its byte span and the reason it went.
//!
//! The rules look at the shape and vocabulary of a line (length, interface
//! words, credit and date patterns, language), never at one site's literal
//! strings, so they carry over to other German news sites. A line is either
//! kept whole or removed whole: every sentence of the article body stays.

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::language::{Verdict, line_language};
use crate::span::Span;

/// Why a line was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
/// Shortest line that counts as article body for the teaser rule.
const BODY_MIN_WORDS: usize = 12;

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
    if patterns().social_embed.is_match(line) {
        return Some(Reason::SocialEmbed);
    }
    if let Verdict::Other(code) = line_language(line) {
        return Some(Reason::Language(code));
    }
    if is_caption(line) {
        return Some(Reason::Caption);
    }
    let words = word_count(line);
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
                && word_count(line) <= TEASER_MAX_WORDS
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
                let scrap =
                    is_headline(line) && word_count(line) <= 2 && matches!(previous, Some(Some(_)));
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

fn word_count(line: &str) -> usize {
    line.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// No sentence-final punctuation at the end (quotes and brackets aside).
fn is_headline(line: &str) -> bool {
    let end = line.trim_end_matches(['"', '“', '”', '«', '»', '\'', ')', ' ']);
    !end.ends_with(['.', '!', '?', '…', ':'])
}

fn is_body(line: &str) -> bool {
    word_count(line) >= BODY_MIN_WORDS && line.contains(['.', '!', '?'])
}

fn is_dateline(line: &str) -> bool {
    const DATE_WORDS: &[&str] = &[
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "may",
        "june",
        "july",
        "october",
        "december",
        "uhr",
        "stand",
        "aktualisiert",
        "veröffentlicht",
        "am",
        "um",
        "mez",
        "mesz",
    ];
    let mut numbers = 0;
    let mut date_words = 0;
    let all_date_words = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            if w.chars().all(|c| c.is_ascii_digit()) {
                numbers += 1;
                true
            } else {
                date_words += 1;
                DATE_WORDS.contains(&w.to_lowercase().as_str())
            }
        });
    // A lone number (`0`) is not a date.
    all_date_words && numbers >= 1 && numbers + date_words >= 2
}

fn is_caption(line: &str) -> bool {
    let p = patterns();
    if p.caption_marker.is_match(line) || p.image_metadata.is_match(line) {
        return true;
    }
    // A slash-joined credit (`Herman/Pool`, `Reuters/AP/dpa`) near the start.
    line.split_whitespace().take(12).any(|word| {
        word.contains('/')
            && word
                .split('/')
                .map(|piece| piece.trim_matches(|c: char| !c.is_alphanumeric()))
                .any(|piece| AGENCIES.contains(&piece))
    })
}

/// Photo and news agencies that appear in credits; matched case-sensitively
/// as whole pieces of a slash-joined credit.
const AGENCIES: &[&str] = &[
    "AA",
    "AFP",
    "ANP",
    "AP",
    "APA",
    "Anadolu",
    "Belga",
    "DPA",
    "EPA",
    "Getty",
    "Imago",
    "KNA",
    "Keystone",
    "Pool",
    "RIA",
    "Reuters",
    "SNA",
    "Shutterstock",
    "Sputnik",
    "TASS",
    "Xinhua",
    "ddp",
    "dpa",
    "epa",
    "epd",
    "iStock",
    "imago",
    "picture-alliance",
    "ullstein",
];

fn is_navigation(line: &str, words: usize) -> bool {
    if words > 20 {
        return false;
    }
    let transitions: usize = line.split_whitespace().map(glued_transitions).sum();
    let truncated = line.ends_with("...") || line.ends_with('…');
    let separators = [" > ", " » ", " › ", " | "]
        .iter()
        .map(|s| line.matches(s).count())
        .sum::<usize>();
    transitions >= 2 || (transitions >= 1 && truncated) || (separators >= 2 && words <= 15)
}

/// Places inside a word where a lowercase run of three or more letters meets
/// an uppercase letter followed by lowercase (`PolitikGesetzgebung`): menu
/// items run together. `iPhone` or `McDonald` do not qualify.
fn glued_transitions(word: &str) -> usize {
    let chars: Vec<char> = word.chars().collect();
    let mut count = 0;
    let mut lower_run = 0;
    for i in 0..chars.len() {
        let c = chars[i];
        if c.is_uppercase() && lower_run >= 3 && chars.get(i + 1).is_some_and(|n| n.is_lowercase())
        {
            count += 1;
        }
        lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
    }
    count
}

struct Patterns {
    interface: Regex,
    caption_marker: Regex,
    image_metadata: Regex,
    source_credit: Regex,
    social_embed: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns {
        interface: Regex::new(
            r"(?ix)\b(
              abonnier\w* | registrier\w* | anmelden | einloggen | loggen | log-?in | logout
            | newsletter | passwort | klicken\s+sie | hier\s+klicken | e-mail-adresse
            | cookies? | datenschutz\w* | impressum | nutzungsbedingungen
            | werbung | anzeige | advert\w* | sponsored
            | translate | übersetzen | teilen | share | drucken | merken
            | kommentare? | kommentieren | leserkommentare?
            | newsticker | liveticker | live-?blog | loader | loading | live | chats?
            | (empfohlene|weitere|ähnliche)\s+artikel | mehr\s+zum\s+thema | lesen\s+sie\s+(auch|mehr)
            | weiterlesen | zum\s+artikel | neueste | älteste | meistgelesen\w*
            | folgen\s+sie\s+uns | startseite | nach\s+oben | menü
            )\b",
        )
        .expect("interface pattern"),
        caption_marker: Regex::new(
            r"(?i)©|^\(c\)\s|\b(foto|fotos|bild|grafik)\s*:|\((symbolbild|archivbild|archivfoto|foto|bild|illustration)\)",
        )
        .expect("caption pattern"),
        // `… - SNA, 1920, 21.12.2021`: outlet, image width, date.
        image_metadata: Regex::new(r"\s[-–]\s[^,]{1,40},\s\d{3,4},\s\d{1,2}\.\d{1,2}\.\d{4}\s*$")
            .expect("image metadata pattern"),
        source_credit: Regex::new(r"(?i)^(quelle|quellen|source|mit\s+material\s+von)\s*[!:]")
            .expect("source credit pattern"),
        social_embed: Regex::new(
            r"(?i)pic\.twitter\.com|twitter\.com/|x\.com/\w+/status|\bt\.co/|instagram\.com/|facebook\.com/|youtu\.be/|^[—–-]\s.*\(@\w+\)",
        )
        .expect("social embed pattern"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(text: &str) -> Vec<(String, String)> {
        strip_boilerplate(text)
            .removed
            .iter()
            .map(|r| (r.span.of(text).trim().to_owned(), r.reason.to_string()))
            .collect()
    }

    fn check_removed(line: &str, reason: &str) {
        let text = format!(
            "{line}\nDie Regierung in Moskau habe schon immer genug politischen Willen dafür aufgewiesen, sagte er.\n"
        );
        assert_eq!(
            reasons(&text),
            [(line.to_owned(), reason.to_owned())],
            "line {line:?}"
        );
    }

    fn check_kept(line: &str) {
        let text = format!(
            "{line}\nDie Regierung in Moskau habe schon immer genug politischen Willen dafür aufgewiesen, sagte er.\n"
        );
        assert_eq!(reasons(&text), [], "line {line:?}");
    }

    #[test]
    fn interface_lines() {
        check_removed("Abonnieren", "interface");
        check_removed("Registrierung erfolgreich abgeschlossen!", "interface");
        check_removed(
            "Klicken Sie bitte den Link aus der E-Mail, die an geschickt wurde",
            "interface",
        );
        check_removed("- Advertisment -", "interface");
        check_removed("Translate »", "interface");
        check_removed("Empfohlene Artikel", "interface");
        check_removed("Neueste obenÄlteste oben", "interface");
        check_removed("Lesen Sie auch", "interface");
    }

    #[test]
    fn captions_credits_and_dates() {
        check_removed(
            "© SNA / Wladimir TrefilowDialog zwischen Russland und den USA (Symbolbild)",
            "caption",
        );
        check_removed(
            "Dialog zwischen Russland und den USA (Symbolbild) - SNA, 1920, 21.12.2021",
            "caption",
        );
        check_removed(
            "Yves Herman/Pool Reuters/AP/dpa Hand in Hand gegen Russland: US-Außenminister Antony Blinken (Brüssel, 23.3.2021)",
            "caption",
        );
        check_removed("Foto: Michael Kappeler", "caption");
        check_removed("Sonntag, April 28, 2024", "dateline");
        check_removed("13.01.2022, 14:35 Uhr", "dateline");
        check_removed("Quelle: RT DE", "source-credit");
        check_removed("Quelle!:", "source-credit");
        check_removed("0", "no-words");
    }

    #[test]
    fn navigation() {
        check_removed(
            "StartPolitikGesetzgebungLawrow: Für Russland kommen einseitige Zugeständnisse bei Verhandlungen mit USA nicht in...",
            "navigation",
        );
        check_removed("Startseite > Politik > Ausland", "navigation");
    }

    #[test]
    fn other_languages_and_embeds() {
        check_removed("Заголовок открываемого материала", "language:rus");
        check_removed(
            "— DW Español (@dw_espanol) December 21, 2021",
            "social-embed",
        );
        let text = "Er warnte vor einer Eskalation und sagte, Russland sei zu einer Antwort bereit.\n\
                    #Putin, “preocupado” ante presencia militar de #EEUU y #OTAN\n\
                    — DW Español (@dw_espanol) December 21, 2021\n";
        let found: Vec<String> = reasons(text).into_iter().map(|(_, r)| r).collect();
        assert_eq!(found, ["social-embed", "social-embed"]);
    }

    #[test]
    fn body_headlines_and_long_lines_stay() {
        check_kept("Künftige Verhandlungen zwischen USA und Russland");
        check_kept(
            "Lawrow: Für Russland kommen einseitige Zugeständnisse bei Verhandlungen mit USA nicht in Frage",
        );
        check_kept(
            "Der Kreml will den Dialog live im Fernsehen übertragen lassen und die Ergebnisse später mit allen Partnern teilen, sagte Peskow.",
        );
        check_kept("Dies berichtet das Magazin \"RT DE\".");
        check_kept("Russland sieht sich durch das Heranrücken der Nato an seine Grenzen bedroht.");
    }

    #[test]
    fn teaser_after_caption_inside_the_article() {
        let text = "Vor dem Hintergrund der Gerüchte hatte Moskau in der vergangenen Woche Garantien verlangt, sagte er.\n\
                    Nato-Soldaten bei einer Übung in der Ukraine (Archivfoto) - SNA, 1920, 20.12.2021\n\
                    Forderung nach Sicherheitsgarantien: Moskau drängt auf Antwort von USA\n\
                    „Ich denke, das war nur die erste Reaktion“, sagte Gawrilow.\n";
        let found: Vec<String> = reasons(text).into_iter().map(|(_, r)| r).collect();
        assert_eq!(found, ["caption", "teaser"]);
    }

    #[test]
    fn fragments_follow_the_line_they_continue() {
        let text = "Die Verhandlungen laufen allmählich an, sagte Gawrilow in einem Interview am Montag.\n\
                    Um an der Diskussion teilzunehmen,\nloggen Sie sich ein oder registrieren Sie sich\nloader\nChats\n";
        let found: Vec<String> = reasons(text).into_iter().map(|(_, r)| r).collect();
        assert_eq!(found, ["interface"; 4]);
    }

    #[test]
    fn kept_text_plus_removed_gives_back_the_original() {
        let text = "Abonnieren\r\nDie Nato sieht sich bedroht, sagte der Sprecher in einer langen Erklärung am Montag.\n\nQuelle: RT DE";
        let cleaned = strip_boilerplate(text);
        assert_eq!(
            cleaned.kept_text(text),
            "Die Nato sieht sich bedroht, sagte der Sprecher in einer langen Erklärung am Montag.\n\n"
        );
        let removed: usize = cleaned.removed.iter().map(|r| r.span.len()).sum();
        assert_eq!(removed + cleaned.kept_text(text).len(), text.len());
        assert_eq!(cleaned.paragraphs.len(), 1);
    }

    #[test]
    fn empty_text() {
        assert_eq!(strip_boilerplate(""), Cleaned::default());
    }
}
