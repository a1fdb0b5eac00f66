//! Is this paragraph German? Web pages embed tweets and widgets in other
//! languages; they must not reach the German term counts.

use std::collections::HashSet;
use std::sync::OnceLock;

use whatlang::{Detector, Lang, Script};

/// The language decision for one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// German, or too short to tell (kept).
    German,
    /// Another language; the ISO 639-3 code (`spa`, `rus`, ...).
    Other(&'static str),
}

/// Fewest words for a statistical decision; shorter Latin-script lines are
/// kept, because single words and short headlines are unreliable to classify.
const MIN_WORDS: usize = 5;

/// Share of German function words above which a line is German whatever
/// the detector says. German running text has 30-50 %; Spanish or English
/// lines have next to none.
const GERMAN_FUNCTION_WORD_SHARE: f64 = 0.12;

/// Decides whether `line` is German.
///
/// A line mostly in a non-Latin script (Cyrillic, Arabic, ...) is not German
/// however short it is. A Latin-script line of at least five words is German
/// when German function words make up at least 12 % of it; otherwise
/// `whatlang`, restricted to the languages European news pages mix in, decides.
///
/// ```
/// use core_text::language::{line_language, Verdict};
/// assert_eq!(line_language("Заголовок открываемого материала"), Verdict::Other("rus"));
/// assert_eq!(
///     line_language("El mandatario de Rusia declaró sentirse preocupado frente al incremento"),
///     Verdict::Other("spa"),
/// );
/// assert_eq!(line_language("Russland fordert von der Nato Sicherheitsgarantien"), Verdict::German);
/// ```
pub fn line_language(line: &str) -> Verdict {
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return Verdict::German;
    }
    let latin = line
        .chars()
        .filter(|c| c.is_alphabetic() && is_latin(*c))
        .count();
    if latin * 2 < letters {
        let script = whatlang::detect_script(line);
        let code = match (whatlang::detect_lang(line), script) {
            (Some(lang), _) => lang.code(),
            (None, Some(Script::Cyrillic)) => "rus",
            _ => "und",
        };
        return Verdict::Other(code);
    }
    let words: Vec<String> = line
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(crate::normalize)
        .collect();
    if words.len() < MIN_WORDS {
        return Verdict::German;
    }
    let function_words = german_function_words();
    let german = words
        .iter()
        .filter(|w| function_words.contains(w.as_str()))
        .count();
    if german as f64 / words.len() as f64 >= GERMAN_FUNCTION_WORD_SHARE {
        return Verdict::German;
    }
    match detector().detect_lang(line) {
        Some(Lang::Deu) | None => Verdict::German,
        Some(lang) => Verdict::Other(lang.code()),
    }
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{c0}'..='\u{24f}').contains(&c)
        || ('\u{1e00}'..='\u{1eff}').contains(&c)
}

fn german_function_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| stop_words::get("de").iter().copied().collect())
}

fn detector() -> &'static Detector {
    static DETECTOR: OnceLock<Detector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        Detector::with_allowlist(vec![
            Lang::Deu,
            Lang::Eng,
            Lang::Spa,
            Lang::Fra,
            Lang::Ita,
            Lang::Por,
            Lang::Nld,
            Lang::Pol,
            Lang::Tur,
            Lang::Rus,
            Lang::Ukr,
        ])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expected: Verdict) {
        assert_eq!(line_language(line), expected, "language of {line:?}");
    }

    #[test]
    fn german_lines() {
        check(
            "Künftige Verhandlungen zwischen USA und Russland",
            Verdict::German,
        );
        check(
            "Der Kreml zeigt sich nach den Sicherheitsverhandlungen enttäuscht.",
            Verdict::German,
        );
        // Too short to judge: kept.
        check("Abonnieren", Verdict::German);
        check("Sonntag, April 28, 2024", Verdict::German);
        check("", Verdict::German);
    }

    #[test]
    fn other_languages() {
        check("Заголовок открываемого материала", Verdict::Other("rus"));
        check(
            "El mandatario de #Rusia declaró sentirse preocupado frente al incremento de la presencia militar",
            Verdict::Other("spa"),
        );
        check(
            "The talks between Russia and the United States ended without any agreement on Monday.",
            Verdict::Other("eng"),
        );
    }
}
