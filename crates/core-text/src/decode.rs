//! Bytes to text: news exports arrive as UTF-8 (with or without BOM) or as
//! legacy Windows-1252/Latin-1, and the encoding is detected, never assumed.

use encoding_rs::{Encoding, UTF_8};

/// Text decoded from an article's bytes.
///
/// All byte offsets elsewhere in Rahmen point into [`Decoded::text`], the
/// decoded original (BOM removed, nothing else changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text.
    pub text: String,
    /// Name of the encoding used, as the WHATWG Encoding Standard spells it
    /// (`UTF-8`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// Whether a byte-order mark was found and removed.
    pub had_bom: bool,
    /// Whether malformed sequences were replaced by U+FFFD.
    pub had_replacements: bool,
}

/// Decodes article bytes.
///
/// Valid UTF-8 (with or without BOM) is taken as UTF-8, a UTF-16 BOM as
/// UTF-16; anything else goes to `chardetng`, which tells Windows-1252
/// (the superset of Latin-1 that browsers use for `ISO-8859-1`) from the
/// other legacy encodings by byte statistics. Decoding never fails: bytes that
/// fit no encoding become U+FFFD and [`Decoded::had_replacements`] says so.
///
/// ```
/// let latin1 = b"Gespr\xe4che \xfcber Sicherheitsgarantien";
/// let decoded = core_text::decode(latin1);
/// assert_eq!(decoded.text, "Gespräche über Sicherheitsgarantien");
/// assert_eq!(decoded.encoding, "windows-1252");
/// ```
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_replacements) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            had_bom: true,
            had_replacements,
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            had_bom: false,
            had_replacements: false,
        };
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_replacements) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        had_bom: false,
        had_replacements,
    }
}

/// Whether bytes look like a binary file rather than text (a NUL byte in the
/// first 8 KiB, as `git` and `grep` decide). Callers use it to reject, with a
/// clear error, files that are not articles at all.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    // UTF-16 text has NULs but announces itself with a BOM.
    Encoding::for_bom(head).is_none() && head.contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], text: &str, encoding: &str, had_bom: bool) {
        let decoded = decode(bytes);
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, encoding);
        assert_eq!(decoded.had_bom, had_bom);
    }

    #[test]
    fn utf8_plain_and_with_bom() {
        check("Kriegsbündnis".as_bytes(), "Kriegsbündnis", "UTF-8", false);
        check(
            b"\xef\xbb\xbfKriegsb\xc3\xbcndnis",
            "Kriegsbündnis",
            "UTF-8",
            true,
        );
    }

    #[test]
    fn windows_1252_is_detected_not_assumed() {
        // „Dialog“ with Windows-1252 quotes (0x84, 0x93) and umlauts.
        check(
            b"\x84Dialog\x93 \xfcber die Osterweiterung, sagte Au\xdfenminister Lawrow.",
            "„Dialog“ über die Osterweiterung, sagte Außenminister Lawrow.",
            "windows-1252",
            false,
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Gespräch".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        check(&bytes, "Gespräch", "UTF-16LE", true);
        assert!(!looks_binary(&bytes));
    }

    #[test]
    fn binary_is_recognised() {
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        assert!(!looks_binary("Sicherheitsgarantien".as_bytes()));
    }

    #[test]
    fn empty_input_is_empty_utf8() {
        check(b"", "", "UTF-8", false);
    }
}
