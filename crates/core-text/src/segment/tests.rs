//! Every character the fast path claims to know, in contexts that tell the
//! UAX #29 classes apart, segmented by the fast path and by
//! unicode-segmentation: any wrong class shows up as a different boundary.

use unicode_segmentation::UnicodeSegmentation;

use super::{WordBounds, classes, sentence_bounds};

fn reference_words(s: &str) -> Vec<(usize, &str)> {
    s.split_word_bound_indices().collect()
}

fn reference_sentences(s: &str) -> Vec<(usize, usize)> {
    s.split_sentence_bound_indices()
        .map(|(start, piece)| (start, start + piece.len()))
        .collect()
}

fn fast_sentences(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    sentence_bounds(s, &mut out);
    out
}

fn known_chars() -> impl Iterator<Item = char> {
    (0..0x2100u32)
        .chain([0xfeff, 0x3042, 0x5b57, 0x1f600, 0x0416])
        .filter_map(char::from_u32)
}

const WORD_CONTEXTS: &[&str] = &[
    "{}",
    "a{}",
    "{}a",
    "a{}b",
    "1{}2",
    "a{}1",
    "1{}a",
    "_{}",
    "{}_",
    " {}",
    "{} ",
    "{}{}",
    "a.{}",
    "1,{}",
    "a:{}b",
    "\u{200d}{}",
    "{}\u{300}",
    "{}\u{ad}a",
    "\r{}",
    "{}\n",
    "a{}{}b",
    "a{}.b",
    "1{}.2",
    " {} ",
    "  {}\u{ad} ",
    "x\u{200d}{}y",
    // Long ASCII letter runs, read eight bytes at a time, with the
    // character at every offset of an eight-byte read.
    "abcdefg{}hijklmnop",
    "abcdefgh{}ijklmnop",
    "Abcdefghijklmn{}opq",
    "abcdefghijklmnop{}",
    // The shortcuts for a letter run's end and a single space.
    "ab'{}",
    "ab:{}c",
    "Ab,{}",
    "ab {}",
    "a {}b",
];

const SENTENCE_CONTEXTS: &[&str] = &[
    "{}",
    "a{}",
    "a.{}",
    "a. {}",
    "A. {}b",
    "a.{} b",
    "a.{} B",
    "a.{}{} B",
    "a! {}",
    "a!{} B",
    "a.\"{} B",
    "{}. a",
    "{}. B",
    "1.{}",
    "a {}. b",
    "{}\n{}",
    "a.{}x",
    "a. {}x",
    "a.){} B",
    "Er sagte{} Dann",
    "U.{}S. Army",
    "a?{}) b",
    "Ende.{}\u{300} Neu",
    "x.{}\r\nY",
];

#[test]
fn every_known_character_segments_like_unicode_segmentation() {
    for c in known_chars() {
        let c = c.to_string();
        for context in WORD_CONTEXTS {
            let s = context.replace("{}", &c);
            let fast: Vec<(usize, &str)> = WordBounds::new(&s).collect();
            assert_eq!(fast, reference_words(&s), "words of {s:?}");
        }
        for context in SENTENCE_CONTEXTS {
            let s = context.replace("{}", &c);
            assert_eq!(
                fast_sentences(&s),
                reference_sentences(&s),
                "sentences of {s:?}"
            );
        }
    }
}

#[test]
fn letters_are_alphanumeric_but_the_cedilla() {
    // `Shape::Word` promises a letter or digit first.
    for c in known_chars() {
        if matches!(
            classes::word(c),
            Some(classes::Word::Letter | classes::Word::Numeric)
        ) {
            assert_eq!(c.is_alphanumeric(), c != '¸', "{c:?}");
        }
    }
}

#[test]
fn ascii_letter_runs_read_eight_bytes_at_a_time() {
    // Every byte value at every position of a 17-byte run of letters: the
    // run ends exactly where a byte-at-a-time scan ends it.
    for position in 0..17 {
        for byte in 0..=255u8 {
            let mut bytes = b"abcdefghiJKLMNOPq".to_vec();
            bytes[position] = byte;
            let expected = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            assert_eq!(
                super::words::ascii_letter_run(&bytes),
                expected,
                "byte {byte:#04x} at {position}"
            );
        }
    }
}

#[test]
fn the_repertoire_is_latin() {
    assert!(classes::word('ß').is_some());
    assert!(classes::word('\u{ad}').is_some());
    assert!(classes::word('Ж').is_none());
    assert!(classes::word('😀').is_none());
    assert!(classes::word('©').is_none());
    assert!(classes::sentence('字').is_none());
}

#[test]
fn german_samples() {
    for s in [
        "Die NATO-Osterweiterung ist eine „rote Linie“. Am 13. Januar 2022 um 14:35 Uhr…",
        "geht’s z.B. U.S.A. 1.000,50 Euro; 3,5 % – so Lehrer:innen_x fest.Wie?\r\n\nNeu",
        "Sicher\u{ad}heits\u{200b}garantien Gespra\u{308}che US\u{2011}Senatoren»ernst«",
        "Er sagte: »Warum?« (Quelle: dpa) Заголовок 😀 Ende.",
    ] {
        let fast: Vec<(usize, &str)> = WordBounds::new(s).collect();
        assert_eq!(fast, reference_words(s), "words of {s:?}");
        assert_eq!(
            fast_sentences(s),
            reference_sentences(s),
            "sentences of {s:?}"
        );
    }
}
