//! Is this paragraph German? Web pages embed tweets and widgets in other
//! languages; they must not reach the German term counts.

use std::sync::OnceLock;

use whatlang::{Detector, Lang, Script};

use crate::word_set::WordSet;

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
    // One pass: letters, Latin letters, and the words between non-letters
    // with how many of them are German function words.
    let function_words = german_function_words();
    let mut scratch = String::new();
    let (mut letters, mut latin, mut words, mut german) = (0usize, 0usize, 0usize, 0usize);
    let mut word_start = None;
    for (i, c) in line.char_indices() {
        // ASCII and Latin-1 letters (German's) without the Unicode tables.
        let latin1_letter =
            c.is_ascii_alphabetic() || (('À'..='ÿ').contains(&c) && c != '×' && c != '÷');
        if latin1_letter || c.is_alphabetic() {
            letters += 1;
            latin += usize::from(latin1_letter || is_latin(c));
            word_start.get_or_insert(i);
        } else if let Some(start) = word_start.take() {
            words += 1;
            german +=
                usize::from(function_words.contains_normalized(&line[start..i], &mut scratch));
        }
    }
    if let Some(start) = word_start {
        words += 1;
        german += usize::from(function_words.contains_normalized(&line[start..], &mut scratch));
    }
    if letters == 0 {
        return Verdict::German;
    }
    if latin * 2 < letters {
        let script = whatlang::detect_script(line);
        let code = match (whatlang::detect_lang(line), script) {
            (Some(lang), _) => lang.code(),
            (None, Some(Script::Cyrillic)) => "rus",
            _ => "und",
        };
        return Verdict::Other(code);
    }
    if words < MIN_WORDS {
        return Verdict::German;
    }
    if german as f64 / words as f64 >= GERMAN_FUNCTION_WORD_SHARE {
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

fn german_function_words() -> &'static WordSet {
    static WORDS: OnceLock<WordSet> = OnceLock::new();
    WORDS.get_or_init(|| WordSet::new(stop_words::get("de").iter().copied()))
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

/// The static form of a language code [`line_language`] gives, for reading
/// one back: whatlang's ISO 639-3 codes, and `und`.
pub(crate) fn static_code(code: &str) -> Option<&'static str> {
    match code {
        "und" => Some("und"),
        "rus" => Some("rus"),
        _ => Lang::from_code(code).map(|lang| lang.code()),
    }
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
