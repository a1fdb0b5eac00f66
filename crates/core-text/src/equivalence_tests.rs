//! The fast tokenizer and sentence splitter against the pre-change
//! implementation (`reference`, unicode-segmentation all the way): random
//! German-ish text, including characters the fast path leaves to
//! unicode-segmentation, must give identical tokens and sentences.

use proptest::prelude::*;

use crate::word_set::WordSet;
use crate::{Span, normalize, reference, sentences, tokenize};

/// Letters weigh more so that words, compounds and glued sentences form.
const ALPHABET: &[char] = &[
    'a', 'e', 'i', 'n', 's', 't', 'r', 'd', 'u', 'x', 'A', 'B', 'D', 'N', 'W', 'Z', 'ä', 'ö', 'ü',
    'Ä', 'Ö', 'Ü', 'ß', 'é', 'č', 'ğ', '0', '1', '3', '9', ' ', ' ', ' ', '.', '.', ',', ';', ':',
    '!', '?', '-', '-', '\'', '’', '‘', '„', '“', '»', '«', '(', ')', '/', '"', '\n', '\r', '\t',
    '_', '…', '–', '\u{ad}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2011}', '\u{308}', '\u{a0}',
    'Ж', 'д', 'я', '😀', '©', '²', '¸', 'ª', 'µ', '·', '×', '§', '°', '\u{2024}', '\u{2027}',
    '\u{202f}',
];

fn german_ish(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..max)
        .prop_map(|chars| chars.into_iter().collect())
}

/// A span of `text` between two char boundaries picked by `a` and `b`.
fn window(text: &str, a: usize, b: usize) -> Span {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let (x, y) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
    Span::new(x.min(y), x.max(y))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn tokens_match_the_reference(text in german_ish(120), a: usize, b: usize) {
        let whole = Span::new(0, text.len());
        prop_assert_eq!(tokenize(&text, whole), reference::tokenize(&text, whole));
        let part = window(&text, a, b);
        prop_assert_eq!(tokenize(&text, part), reference::tokenize(&text, part));
    }

    #[test]
    fn sentences_match_the_reference(text in german_ish(160), a: usize, b: usize) {
        let whole = Span::new(0, text.len());
        prop_assert_eq!(sentences(&text, whole), reference::sentences(&text, whole));
        let part = window(&text, a, b);
        prop_assert_eq!(sentences(&text, part), reference::sentences(&text, part));
    }

    #[test]
    fn normalize_matches_the_reference(text in german_ish(24)) {
        prop_assert_eq!(normalize(&text), reference::normalize(&text));
    }

    #[test]
    fn stop_word_lookup_matches_normalize(text in german_ish(12)) {
        let words = stop_words::get("de");
        let set = WordSet::new(words.iter().copied());
        let mut scratch = String::new();
        prop_assert_eq!(
            set.contains_normalized(&text, &mut scratch),
            words.contains(&normalize(&text).as_str())
        );
    }
}

/// Every character up to U+2FFF alone and between letters: the Latin-1
/// shortcut and the composition check of `normalize` against the reference.
#[test]
fn normalize_every_character() {
    for c in (0..0x3000).filter_map(char::from_u32) {
        for text in [c.to_string(), format!("A{c}\u{308}b"), format!("{c}{c}")] {
            assert_eq!(normalize(&text), reference::normalize(&text), "{text:?}");
        }
    }
}

/// Every character of the fast path's range (and a few beyond) in contexts
/// where it starts, joins, ends or glues a word.
#[test]
fn every_character_in_context() {
    let contexts = [
        "{}", "a{}", "{}a", "a{}b", "1{}2", "x-{}-y", "ab.{}c", "ab{}.Cd", " {} ", "{}{}", "_{}",
    ];
    for c in (0..0x2100)
        .chain([0xfeff, 0x3042, 0x1f600])
        .filter_map(char::from_u32)
    {
        let c = c.to_string();
        for context in contexts {
            let text = context.replace("{}", &c);
            let whole = Span::new(0, text.len());
            assert_eq!(
                tokenize(&text, whole),
                reference::tokenize(&text, whole),
                "{text:?}"
            );
            assert_eq!(
                sentences(&text, whole),
                reference::sentences(&text, whole),
                "{text:?}"
            );
        }
    }
}

/// Cases the random search found or that sit on a rule's edge.
#[test]
fn pinned_cases() {
    for text in [
        "fest.Wie.Was ab.Cd",
        "a--b a-\u{ad}b a-😀 -a- x²-y MK-41-Shuttles",
        "Lehrer:innen geht’s 1.000,50;3 U.S.A. z.B. x_1",
        "  \u{ad} \u{200d}a \u{300}b\r\n\u{308}",
        "Sie sagte.„Ich“ Ende.»Neu« 9. Jan. 2022 inkl. Dr. in\u{212a}l. Ende",
        "Заголовок.Wie ab.Жx ab.Ж ab😀.Cd",
        "aa.Aa 0.0 1,5;2 a:b: _a_ 1_a ¸a a¸ ¸",
    ] {
        let whole = Span::new(0, text.len());
        assert_eq!(
            tokenize(text, whole),
            reference::tokenize(text, whole),
            "{text:?}"
        );
        assert_eq!(
            sentences(text, whole),
            reference::sentences(text, whole),
            "{text:?}"
        );
    }
}
