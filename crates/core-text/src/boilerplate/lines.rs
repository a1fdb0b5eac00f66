//! The shape and vocabulary tests the boilerplate rules apply to one line:
//! word counts, headline and date shapes, credits, glued menus, and the
//! regular expressions, each with a cheap check in front where profiles
//! showed the line tests cost.

use std::sync::OnceLock;

use regex::Regex;

/// White-space separated words with a letter or digit, counted up to
/// `limit`: the rules compare with small numbers, and a line can be a whole
/// article.
pub(super) fn word_count(line: &str, limit: usize) -> usize {
    let bytes = line.as_bytes();
    let mut count = 0;
    let mut counted = false;
    let mut i = 0;
    while i < bytes.len() && count < limit {
        let b = bytes[i];
        let (space, alphanumeric, len) = if b.is_ascii() {
            (
                matches!(b, b'\t'..=b'\r' | b' '),
                b.is_ascii_alphanumeric(),
                1,
            )
        } else {
            let c = line[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.is_alphanumeric(), c.len_utf8())
        };
        if space {
            counted = false;
        } else if !counted && alphanumeric {
            count += 1;
            counted = true;
        }
        i += len;
    }
    count
}

/// No sentence-final punctuation at the end (quotes and brackets aside).
pub(super) fn is_headline(line: &str) -> bool {
    let end = line.trim_end_matches(['"', '“', '”', '«', '»', '\'', ')', ' ']);
    !end.ends_with(['.', '!', '?', '…', ':'])
}

/// Shortest line that counts as article body for the teaser rule.
const BODY_MIN_WORDS: usize = 12;

pub(super) fn is_body(line: &str) -> bool {
    word_count(line, BODY_MIN_WORDS) >= BODY_MIN_WORDS && line.contains(['.', '!', '?'])
}

pub(super) fn is_dateline(line: &str) -> bool {
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
                if w.is_ascii() {
                    DATE_WORDS.iter().any(|d| d.eq_ignore_ascii_case(w))
                } else {
                    DATE_WORDS.contains(&w.to_lowercase().as_str())
                }
            }
        });
    // A lone number (`0`) is not a date.
    all_date_words && numbers >= 1 && numbers + date_words >= 2
}

pub(super) fn is_caption(line: &str) -> bool {
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

/// Longest line (in words) that can be a menu.
pub(super) const NAVIGATION_MAX_WORDS: usize = 20;

pub(super) fn is_navigation(line: &str, words: usize) -> bool {
    if words > NAVIGATION_MAX_WORDS {
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

/// What every match of the social-embed pattern contains: `.com`, `.co/`
/// or `.be/` (any case; these letters have no other case variants) or a
/// leading dash. Checking it first spares the regex on most lines.
pub(super) fn may_be_social_embed(line: &str) -> bool {
    line.starts_with(['—', '–', '-'])
        || line.match_indices('.').any(|(i, _)| {
            let next = line.as_bytes().get(i + 1..i + 4).unwrap_or_default();
            [b"com", b"co/", b"be/"]
                .iter()
                .any(|want| next.eq_ignore_ascii_case(*want))
        })
}

pub(super) struct Patterns {
    pub(super) interface: Regex,
    pub(super) caption_marker: Regex,
    pub(super) image_metadata: Regex,
    pub(super) source_credit: Regex,
    pub(super) social_embed: Regex,
}

pub(super) fn patterns() -> &'static Patterns {
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
