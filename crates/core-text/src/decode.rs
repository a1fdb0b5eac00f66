//! Bytes to text: news exports arrive as UTF-8 (with or without BOM) or as
//! legacy Windows-1252/Latin-1, and the encoding is detected, never assumed.

use encoding_rs::{Encoding, UTF_8};

/// Text decoded from an article's bytes.
///
/// All byte offsets elsewhere in Rahmen point into [`Decoded::text`], the
/// decoded original (BOM removed, broken UTF-8 sequences repaired as
/// [`repair_utf8`] says, nothing else changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text.
    pub text: String,
    /// Name of the encoding used, as the WHATWG Encoding Standard spells it
    /// (`UTF-8`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// Whether a byte-order mark was found and removed.
    pub had_bom: bool,
    /// Whether U+FFFD was written anywhere, by the decoder or by a repair.
    pub had_replacements: bool,
    /// Invalid sequences repaired in a mostly-UTF-8 text (see
    /// [`repair_utf8`]); 0 for valid UTF-8, UTF-16 and legacy encodings.
    pub repaired: usize,
}

/// Decodes article bytes.
///
/// A BOM decides first (UTF-8, UTF-16LE/BE). Valid UTF-8 is taken as is.
/// Otherwise the bytes decide between "UTF-8 with some bad sequences" and a
/// legacy encoding: the text is UTF-8 if its valid multi-byte sequences
/// outnumber its invalid ones (and there is at least one), or if the only
/// invalid sequence is a sequence cut off at the very end. Such text keeps
/// encoding `UTF-8` and is repaired sequence by sequence with
/// [`repair_utf8`], so a few stray bytes cannot turn every `ü` into `Ã¼`.
/// Everything else goes to `chardetng`, which tells Windows-1252 (the
/// superset of Latin-1 that browsers use for `ISO-8859-1`) from the other
/// legacy encodings by byte statistics. Decoding never fails: bytes that fit
/// no encoding become U+FFFD and [`Decoded::had_replacements`] says so.
///
/// ```
/// let latin1 = b"Gespr\xe4che \xfcber Sicherheitsgarantien";
/// let decoded = core_text::decode(latin1);
/// assert_eq!(decoded.text, "Gespräche über Sicherheitsgarantien");
/// assert_eq!(decoded.encoding, "windows-1252");
///
/// let broken = b"Gespr\xc3\xa4che \xc3\xbcber Sicherheitsgarantien \xff";
/// let decoded = core_text::decode(broken);
/// assert_eq!(decoded.text, "Gespräche über Sicherheitsgarantien \u{fffd}");
/// assert_eq!((decoded.encoding, decoded.repaired), ("UTF-8", 1));
/// ```
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        // A UTF-8 BOM declares UTF-8: repair like any known-UTF-8 stream.
        let (text, had_replacements, repaired) = if encoding == UTF_8 {
            let repair = repair(body);
            (repair.text, repair.replaced, repair.repaired)
        } else {
            let (text, had_replacements) = encoding.decode_without_bom_handling(body);
            (text.into_owned(), had_replacements, 0)
        };
        return Decoded {
            text,
            encoding: encoding.name(),
            had_bom: true,
            had_replacements,
            repaired,
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            had_bom: false,
            had_replacements: false,
            repaired: 0,
        };
    }
    if mostly_utf8(bytes) {
        let repair = repair(bytes);
        return Decoded {
            text: repair.text,
            encoding: UTF_8.name(),
            had_bom: false,
            had_replacements: repair.replaced,
            repaired: repair.repaired,
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
        repaired: 0,
    }
}

/// Repairs text that is UTF-8 except for some invalid sequences, and returns
/// it with the number of sequences repaired.
///
/// Each invalid sequence, as [`std::str::Utf8Error::error_len`] delimits it
/// (a sequence cut off at the end counts as one), is replaced: a lone byte
/// whose Windows-1252 meaning is a German letter (`ä ö ü Ä Ö Ü ß`, bytes
/// `E4 F6 FC C4 D6 DC DF`) becomes that letter, since that is the usual way
/// a legacy fragment lands in UTF-8 text; anything else becomes one U+FFFD,
/// as [`String::from_utf8_lossy`] does. Valid text is copied unchanged.
///
/// ```
/// let (text, repaired) = core_text::repair_utf8(b"Gespr\xe4che \xc3\xbcber \x80Garantien\xc3");
/// assert_eq!(text, "Gespräche über \u{fffd}Garantien\u{fffd}");
/// assert_eq!(repaired, 3);
/// ```
pub fn repair_utf8(bytes: &[u8]) -> (String, usize) {
    let repair = repair(bytes);
    (repair.text, repair.repaired)
}

/// [`repair_utf8`]'s result plus whether U+FFFD was written.
struct Repair {
    text: String,
    repaired: usize,
    replaced: bool,
}

fn repair(bytes: &[u8]) -> Repair {
    let mut text = String::with_capacity(bytes.len());
    let mut repaired = 0;
    let mut replaced = false;
    // `utf8_chunks` splits exactly where `from_utf8` reports `valid_up_to`
    // and `error_len`, without validating the valid runs twice.
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        let invalid = chunk.invalid();
        if invalid.is_empty() {
            continue;
        }
        repaired += 1;
        match german_letter(invalid) {
            Some(letter) => text.push(letter),
            None => {
                text.push(char::REPLACEMENT_CHARACTER);
                replaced = true;
            }
        }
    }
    Repair {
        text,
        repaired,
        replaced,
    }
}

/// The German letter a lone Windows-1252 byte stands for, if any.
fn german_letter(invalid: &[u8]) -> Option<char> {
    match invalid {
        [0xe4] => Some('ä'),
        [0xf6] => Some('ö'),
        [0xfc] => Some('ü'),
        [0xc4] => Some('Ä'),
        [0xd6] => Some('Ö'),
        [0xdc] => Some('Ü'),
        [0xdf] => Some('ß'),
        _ => None,
    }
}

/// Whether invalid UTF-8 is UTF-8 with some bad sequences rather than a
/// legacy encoding: valid multi-byte sequences outnumber invalid ones, or the
/// only invalid sequence is cut off at the end.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    // The last chunk's invalid part, if any, is the end of the input.
    let mut tail: &[u8] = &[];
    for chunk in bytes.utf8_chunks() {
        // Lead bytes (0xC0 and up) start exactly one multi-byte character.
        multibyte += chunk.valid().bytes().filter(|&b| b >= 0xc0).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
        tail = chunk.invalid();
    }
    let truncated_tail =
        invalid == 1 && std::str::from_utf8(tail).is_err_and(|e| e.error_len().is_none());
    (multibyte > 0 && multibyte > invalid) || truncated_tail
}

/// Whether bytes look like a binary file rather than text (a NUL byte in the
/// first 8 KiB, as `git` and `grep` decide). Callers use it to reject, with a
/// clear error, files that are not articles at all.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    // UTF-16 text has NULs but announces itself with a BOM.
    Encoding::for_bom(head).is_none() && head.contains(&0)
}

/// The static name of an encoding [`decode`] reports, for reading one back
/// (a stored digest): `None` for a name the Encoding Standard does not know.
pub fn encoding_name(name: &str) -> Option<&'static str> {
    Encoding::for_label(name.as_bytes()).map(Encoding::name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], text: &str, encoding: &str, had_bom: bool, repaired: usize) {
        let decoded = decode(bytes);
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, encoding);
        assert_eq!(decoded.had_bom, had_bom);
        assert_eq!(decoded.repaired, repaired);
        assert_eq!(decoded.had_replacements, text.contains('\u{fffd}'));
    }

    fn check_repair(bytes: &[u8], text: &str, repaired: usize) {
        assert_eq!(repair_utf8(bytes), (text.to_owned(), repaired));
    }

    #[test]
    fn utf8_plain_and_with_bom() {
        check(
            "Kriegsbündnis".as_bytes(),
            "Kriegsbündnis",
            "UTF-8",
            false,
            0,
        );
        check(
            b"\xef\xbb\xbfKriegsb\xc3\xbcndnis",
            "Kriegsbündnis",
            "UTF-8",
            true,
            0,
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
            0,
        );
        check(
            b"Gespr\xe4che \xfcber Garantien",
            "Gespräche über Garantien",
            "windows-1252",
            false,
            0,
        );
        // `ß“` is by chance valid UTF-8 (U+07D3): one valid multi-byte
        // sequence against one invalid is a tie, and ties stay legacy.
        check(
            b"Er sprach vom \x84Gru\xdf\x93 der Nachbarn.",
            "Er sprach vom „Gruß“ der Nachbarn.",
            "windows-1252",
            false,
            0,
        );
        // No multi-byte evidence for UTF-8: chardetng decides.
        check(
            b"NATO \xff Dialog",
            "NATO ÿ Dialog",
            "windows-1252",
            false,
            0,
        );
    }

    #[test]
    fn mostly_utf8_keeps_its_umlauts() {
        // The seed case: `\xff`, `\xfe` and `\xc3` (a lead byte before `(`)
        // are three invalid sequences; five valid umlauts outnumber them.
        check(
            b"Das B\xc3\xbcndnis \xff\xfe\xc3\x28k\xc3\xbcndigte f\xc3\xbcr Gespr\xc3\xa4che \xc3\xbcber Garantien an.",
            "Das Bündnis \u{fffd}\u{fffd}\u{fffd}(kündigte für Gespräche über Garantien an.",
            "UTF-8",
            false,
            3,
        );
        // A Windows-1252 fragment inside UTF-8 text.
        check(
            b"Gespr\xe4che \xc3\xbcber Sicherheitsgarantien f\xc3\xbcr die Ukraine",
            "Gespräche über Sicherheitsgarantien für die Ukraine",
            "UTF-8",
            false,
            1,
        );
        check(
            b"Preis: 5 \x80 f\xc3\xbcr Gespr\xc3\xa4che",
            "Preis: 5 \u{fffd} für Gespräche",
            "UTF-8",
            false,
            1,
        );
        // A UTF-8 BOM declares UTF-8, so the same repair applies.
        check(b"\xef\xbb\xbfGespr\xe4che", "Gespräche", "UTF-8", true, 1);
    }

    #[test]
    fn truncated_tail_is_utf8() {
        check(
            b"Kriegsb\xc3\xbcndnis mit Gespr\xc3",
            "Kriegsbündnis mit Gespr\u{fffd}",
            "UTF-8",
            false,
            1,
        );
        check(
            b"Osterweiterung \xe2\x80",
            "Osterweiterung \u{fffd}",
            "UTF-8",
            false,
            1,
        );
        check(b"Gru\xdf", "Gruß", "UTF-8", false, 1);
    }

    #[test]
    fn repair_rule() {
        check_repair(b"", "", 0);
        check_repair("Bündnis".as_bytes(), "Bündnis", 0);
        check_repair(
            b"\xc4rger \xd6l \xdcbel Stra\xdfe h\xf6ren \xfcber G\xe4ste",
            "Ärger Öl Übel Straße hören über Gäste",
            7,
        );
        // One U+FFFD per invalid sequence, as `from_utf8_lossy` does.
        for bytes in [
            &b"\x80\xbf"[..],
            b"a\xe2\x82b",
            b"\xed\xa0\x80",
            b"\xf0\x90\x80",
            b"\xc3\x28\xff\xfe",
            b"\xe4\x80",
        ] {
            let lossy = String::from_utf8_lossy(bytes);
            let expected = lossy.matches('\u{fffd}').count();
            assert_eq!(
                repair_utf8(bytes),
                (lossy.into_owned(), expected),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for unit in "Gespräch".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        check(&le, "Gespräch", "UTF-16LE", true, 0);
        check(&be, "Gespräch", "UTF-16BE", true, 0);
        assert!(!looks_binary(&le));
    }

    #[test]
    fn binary_is_recognised() {
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        assert!(!looks_binary("Sicherheitsgarantien".as_bytes()));
    }

    #[test]
    fn empty_input_is_empty_utf8() {
        check(b"", "", "UTF-8", false, 0);
    }
}
