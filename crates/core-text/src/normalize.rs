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
    if surface.is_ascii() {
        return surface.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(surface.len());
    normalize_into(surface, &mut out);
    out
}

/// [`normalize`], appending to `out` (reuses a buffer across many words).
///
/// ```
/// let mut buffer = String::new();
/// core_text::normalize::normalize_into("Straße", &mut buffer);
/// assert_eq!(buffer, "straße");
/// ```
pub fn normalize_into(surface: &str, out: &mut String) {
    let from = out.len();
    // Every character below U+0300 is NFC-stable with combining class 0, so
    // a word made only of them needs no composition check.
    let mut below_marks = true;
    for c in surface.chars() {
        match c {
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            '\u{2019}' | '\u{2bc}' | '\u{2018}' => out.push('\''),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            // Latin-1 capitals map one to one (`×` sits among them).
            'À'..='Þ' if c != '×' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            c if (c as u32) < 0x100 => out.push(c),
            c => {
                for lower in c.to_lowercase() {
                    below_marks &= (lower as u32) < 0x300;
                    out.push(lower);
                }
            }
        }
    }
    if below_marks || is_nfc_quick(out[from..].chars()) == unicode_normalization::IsNormalized::Yes
    {
        return;
    }
    let composed: String = out[from..].nfc().collect();
    out.truncate(from);
    out.push_str(&composed);
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
