//! Token normalisation: the one place that decides when two spellings are the
//! same word before stemming (case, Unicode composition, invisible characters).

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// Normalises a token's surface form for analysis.
///
/// - lowercase (full Unicode case mapping, so `ÄUSSERST` becomes `äusserst`);
/// - NFC composition, so a decomposed `a` + U+0308 equals `ä`;
/// - soft hyphens (U+00AD), zero-width spaces and joiners, and BOMs removed:
///   web text hides them inside words;
/// - typographic apostrophes (`’`, `ʼ`, `‘`) become `'`, and the Unicode
///   hyphens U+2010/U+2011 become `-`, so compounds split the same way.
///
/// `ß` is kept: the Snowball stemmer folds it, and labels should show it.
///
/// ```
/// assert_eq!(core_text::normalize("NATO\u{2011}Oster\u{ad}weiterung"), "nato-osterweiterung");
/// assert_eq!(core_text::normalize("Gespra\u{308}che"), "gespräche");
/// ```
pub fn normalize(surface: &str) -> String {
    let mut out = String::with_capacity(surface.len());
    for c in surface.chars() {
        match c {
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            '\u{2019}' | '\u{2bc}' | '\u{2018}' => out.push('\''),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    if out.is_ascii() || is_nfc_quick(out.chars()) == unicode_normalization::IsNormalized::Yes {
        out
    } else {
        out.nfc().collect()
    }
}

/// Whether `c` joins the parts of a hyphenated compound (`NATO-Osterweiterung`).
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(surface: &str, expected: &str) {
        assert_eq!(normalize(surface), expected, "normalising {surface:?}");
    }

    #[test]
    fn cases() {
        check("Kriegsbündnis", "kriegsbündnis");
        check("ÄUSSERST", "äusserst");
        check("Straße", "straße");
        check("Gespra\u{308}che", "gespräche");
        check("Sicher\u{ad}heits\u{200b}garantien", "sicherheitsgarantien");
        check("geht’s", "geht's");
        check("US\u{2010}Senatoren", "us-senatoren");
        check("", "");
    }
}
