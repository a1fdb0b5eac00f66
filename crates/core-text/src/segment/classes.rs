//! The UAX #29 word and sentence classes of the characters the fast scanners
//! know (Latin script and its punctuation), as unicode-segmentation 1.13
//! (Unicode 17) assigns them; `None` sends a character to the reference.

/// Word-break class, with the classes that behave alike outside Hebrew,
/// Katakana and emoji merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    /// ALetter.
    Letter,
    /// Numeric.
    Numeric,
    /// ExtendNumLet (`_`).
    ExtendNumLet,
    /// MidLetter (`:`, `·`).
    MidLetter,
    /// MidNum (`,`, `;`).
    MidNum,
    /// MidNumLet and Single_Quote (`.`, `'`, `‘`, `’`).
    MidNumLet,
    /// Extend, Format and ZWJ (combining marks, soft hyphen, joiners):
    /// rule WB4 treats them alike when no emoji follows.
    Extend,
    /// WSegSpace.
    Space,
    /// CR.
    Cr,
    /// LF.
    Lf,
    /// Newline (vertical tab, form feed, NEL, line and paragraph separators).
    Newline,
    /// Everything else, Double_Quote included (it only matters after Hebrew).
    Other,
}

/// Sentence-break class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sentence {
    Cr,
    Lf,
    Sep,
    Sp,
    Lower,
    Upper,
    OLetter,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    /// Extend and Format.
    Extend,
    Other,
}

const fn ascii_word(b: u8) -> Word {
    match b {
        b'\n' => Word::Lf,
        b'\r' => Word::Cr,
        0x0b | 0x0c => Word::Newline,
        b' ' => Word::Space,
        b'a'..=b'z' | b'A'..=b'Z' => Word::Letter,
        b'0'..=b'9' => Word::Numeric,
        b'_' => Word::ExtendNumLet,
        b':' => Word::MidLetter,
        b',' | b';' => Word::MidNum,
        b'.' | b'\'' => Word::MidNumLet,
        _ => Word::Other,
    }
}

const fn ascii_sentence(b: u8) -> Sentence {
    match b {
        b'\n' => Sentence::Lf,
        b'\r' => Sentence::Cr,
        b'\t' | 0x0b | 0x0c | b' ' => Sentence::Sp,
        b'a'..=b'z' => Sentence::Lower,
        b'A'..=b'Z' => Sentence::Upper,
        b'0'..=b'9' => Sentence::Numeric,
        b'.' => Sentence::ATerm,
        b'!' | b'?' => Sentence::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Sentence::Close,
        b',' | b'-' | b':' | b';' => Sentence::SContinue,
        _ => Sentence::Other,
    }
}

/// Word classes of the ASCII bytes, for the byte loop.
pub(crate) static ASCII_WORD: [Word; 128] = {
    let mut table = [Word::Other; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = ascii_word(b as u8);
        b += 1;
    }
    table
};

/// Sentence classes of the ASCII bytes.
pub(crate) static ASCII_SENTENCE: [Sentence; 128] = {
    let mut table = [Sentence::Other; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = ascii_sentence(b as u8);
        b += 1;
    }
    table
};

/// The word class of `c`, or `None` outside the fast path's repertoire
/// (other scripts, emoji, `©`, `®`, symbols beyond Latin-1).
pub(crate) fn word(c: char) -> Option<Word> {
    let u = c as u32;
    Some(match u {
        0..=0x7f => ASCII_WORD[u as usize],
        0x85 => Word::Newline,
        0x80..=0x9f => Word::Other,
        0xa9 | 0xae => return None, // Extended_Pictographic: WB3c after a ZWJ
        0xaa | 0xb5 | 0xb8 | 0xba => Word::Letter,
        0xad => Word::Extend,
        0xb7 => Word::MidLetter,
        0xa0..=0xbf | 0xd7 | 0xf7 => Word::Other,
        0xc0..=0x24f | 0x1e00..=0x1eff => Word::Letter,
        0x300..=0x36f => Word::Extend,
        0x2000..=0x2006 | 0x2008..=0x200a | 0x205f => Word::Space,
        0x200c..=0x200f | 0x202a..=0x202e | 0x2060..=0x2064 | 0x2066..=0x206f | 0xfeff => {
            Word::Extend
        }
        0x2018 | 0x2019 | 0x2024 => Word::MidNumLet,
        0x2027 => Word::MidLetter,
        0x2044 => Word::MidNum,
        0x2028 | 0x2029 => Word::Newline,
        0x202f | 0x203f | 0x2040 | 0x2054 => Word::ExtendNumLet,
        0x203c | 0x2049 => return None, // Extended_Pictographic
        0x2007 | 0x200b | 0x2010..=0x206f | 0x20ac => Word::Other,
        _ => return None,
    })
}

/// The sentence class of `c`, or `None` outside the fast path's repertoire
/// (the same characters as [`word`]).
pub(crate) fn sentence(c: char) -> Option<Sentence> {
    let u = c as u32;
    Some(match u {
        0..=0x7f => ASCII_SENTENCE[u as usize],
        0x85 => Sentence::Sep,
        0x80..=0x9f => Sentence::Other,
        0xa9 | 0xae => return None,
        0xa0 => Sentence::Sp,
        0xaa | 0xb5 | 0xba => Sentence::Lower,
        0xab | 0xbb => Sentence::Close,
        0xad => Sentence::Extend,
        0xa1..=0xbf | 0xd7 | 0xf7 => Sentence::Other,
        // Titlecase digraphs count as upper case for UAX #29.
        0x1c5 | 0x1c8 | 0x1cb | 0x1f2 => Sentence::Upper,
        0xc0..=0x24f | 0x1e00..=0x1eff => {
            if c.is_uppercase() {
                Sentence::Upper
            } else if c.is_lowercase() {
                Sentence::Lower
            } else {
                Sentence::OLetter
            }
        }
        0x300..=0x36f | 0x200c | 0x200d => Sentence::Extend,
        0x200b | 0x200e | 0x200f | 0x202a..=0x202e | 0x2060..=0x2064 | 0x2066..=0x206f | 0xfeff => {
            Sentence::Extend
        }
        0x2000..=0x200a | 0x202f | 0x205f => Sentence::Sp,
        0x2013 | 0x2014 => Sentence::SContinue,
        0x2018..=0x201f | 0x2039 | 0x203a | 0x2045 | 0x2046 => Sentence::Close,
        0x2024 => Sentence::ATerm,
        0x2028 | 0x2029 => Sentence::Sep,
        0x203c | 0x2049 => return None,
        0x203d | 0x2047 | 0x2048 => Sentence::STerm,
        0x2010..=0x206f | 0x20ac => Sentence::Other,
        _ => return None,
    })
}
