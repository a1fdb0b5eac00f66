//! Pairs quotation marks into direct quotations, paragraph by paragraph.
//!
//! Styles: `„…“` (also closed by `”` or `"`), English `“…”`, straight `"…"`,
//! `»…«` and `«…»`, single `‚…‘`, `‘…’`, `›…‹`, `‹…›`. Straight quotes and
//! guillemets point both ways, so their direction comes from the space
//! around them. Quotes nested inside an open quote are part of the outer one.
//!
//! Unbalanced marks, as German web text has them:
//! - a closing mark with no open quote (a paragraph that starts mid-quote):
//!   the quote runs from the paragraph start, or from the first sentence
//!   after the paragraph's previous quote, to the mark;
//! - an opening mark never closed: the quote runs to the end of its paragraph;
//! - except that a quote open at a paragraph end continues into the next
//!   paragraph when that one starts with the same opening mark (the German
//!   convention for quotes over several paragraphs) and the paragraph does not
//!   end with a colon (a colon announces a new quote), or when the paragraph
//!   is a hard-wrapped line without final punctuation.

use super::clause::{QUOTE_MARKS, is_quote_mark, slice};
use crate::span::Span;

/// A direct quotation found from its marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Marked {
    /// From the opening to the closing mark, both included.
    pub span: Span,
    /// Inside the marks.
    pub content: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Low,
    English,
    Straight,
    Guillemet,
    ReverseGuillemet,
    LowSingle,
    EnglishSingle,
    SingleGuillemet,
    ReverseSingleGuillemet,
}

impl Style {
    fn opener(self) -> char {
        match self {
            Style::Low => '„',
            Style::English => '“',
            Style::Straight => '"',
            Style::Guillemet => '»',
            Style::ReverseGuillemet => '«',
            Style::LowSingle => '‚',
            Style::EnglishSingle => '‘',
            Style::SingleGuillemet => '›',
            Style::ReverseSingleGuillemet => '‹',
        }
    }

    fn closers(self) -> &'static [char] {
        match self {
            Style::Low => &['“', '”', '"'],
            Style::English => &['”', '“'],
            Style::Straight => &['"'],
            Style::Guillemet => &['«'],
            Style::ReverseGuillemet => &['»'],
            Style::LowSingle => &['‘', '’'],
            Style::EnglishSingle => &['’'],
            Style::SingleGuillemet => &['‹'],
            Style::ReverseSingleGuillemet => &['›'],
        }
    }
}

enum Event {
    Open(Style),
    Close(char),
}

/// Closing marks that may end a quote whose opening mark is missing.
const LONE_CLOSERS: &[char] = &['“', '”', '"', '»', '«'];

fn opening_context(prev: Option<char>, next: Option<char>) -> bool {
    let before =
        prev.is_none_or(|c| c.is_whitespace() || "([{/–—-:".contains(c) || is_quote_mark(c));
    before && next.is_some_and(|c| !c.is_whitespace())
}

fn closing_context(prev: Option<char>, next: Option<char>) -> bool {
    let after = next.is_none_or(|c| {
        c.is_whitespace() || c.is_ascii_punctuation() || "–—…".contains(c) || is_quote_mark(c)
    });
    prev.is_some_and(|c| !c.is_whitespace()) && after
}

fn classify(
    c: char,
    prev: Option<char>,
    next: Option<char>,
    stack: &[(Style, usize)],
) -> Option<Event> {
    let open = opening_context(prev, next);
    let close = closing_context(prev, next);
    let accepts = |c: char| stack.iter().any(|(s, _)| s.closers().contains(&c));
    let two_way = |opening: Style| {
        if close && accepts(c) {
            Some(Event::Close(c))
        } else if open {
            Some(Event::Open(opening))
        } else if close {
            Some(Event::Close(c))
        } else {
            None
        }
    };
    match c {
        '„' => Some(Event::Open(Style::Low)),
        '‚' => Some(Event::Open(Style::LowSingle)),
        '"' => two_way(Style::Straight),
        '»' => two_way(Style::Guillemet),
        '«' => two_way(Style::ReverseGuillemet),
        '“' if accepts('“') => Some(Event::Close('“')),
        '“' => two_way(Style::English),
        '”' => Some(Event::Close('”')),
        '‘' if accepts('‘') => Some(Event::Close('‘')),
        '‘' if open => Some(Event::Open(Style::EnglishSingle)),
        '’' if close && accepts('’') => Some(Event::Close('’')),
        '›' if close && accepts('›') => Some(Event::Close('›')),
        '›' if open => Some(Event::Open(Style::SingleGuillemet)),
        '‹' if close && accepts('‹') => Some(Event::Close('‹')),
        '‹' if open => Some(Event::Open(Style::ReverseSingleGuillemet)),
        _ => None,
    }
}

/// Whether a quote still open at the end of `block` goes on in `next`.
fn continues(text: &str, block: Span, next: Span, style: Style) -> (bool, bool) {
    let own = slice(text, block).trim_end();
    let convention =
        slice(text, next).trim_start().starts_with(style.opener()) && !own.ends_with(':');
    let between = text.get(block.end..next.start).unwrap_or("\n\n");
    let hard_wrap = between.matches('\n').count() <= 1
        && !own.ends_with(['.', '!', '?', ':', '…'])
        && !own.ends_with(QUOTE_MARKS);
    (convention || hard_wrap, convention)
}

fn mark_len(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .map_or(0, char::len_utf8)
}

/// Where a quote that lacks its opening mark starts.
fn lone_start(
    text: &str,
    block: Span,
    last_end: Option<usize>,
    sentence_starts: &[usize],
    mark: usize,
) -> usize {
    let Some(end) = last_end else {
        return block.start;
    };
    let from = sentence_starts
        .iter()
        .copied()
        .find(|&s| s >= end && s < mark)
        .unwrap_or(end);
    let rest = text.get(from..mark).unwrap_or("");
    from + (rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || c == ',')
            .len())
}

/// All outermost direct quotations in `blocks` (paragraphs, in text order).
/// `sentence_starts` are the sorted start offsets of the sentences.
pub(super) fn find_marked(text: &str, blocks: &[Span], sentence_starts: &[usize]) -> Vec<Marked> {
    let mut out = Vec::new();
    let mut stack: Vec<(Style, usize)> = Vec::new();
    let mut skip_opener: Option<Style> = None;
    for (b, &block) in blocks.iter().enumerate() {
        let body = slice(text, block);
        let mut chars = body.char_indices().peekable();
        let mut last: Option<char> = None;
        let mut last_end: Option<usize> = None;
        let mut skip = skip_opener.take();
        while let Some((offset, c)) = chars.next() {
            let prev = last.replace(c);
            if !is_quote_mark(c) {
                if !c.is_whitespace() {
                    skip = None;
                }
                continue;
            }
            if skip.take().is_some_and(|style| style.opener() == c) {
                continue;
            }
            let at = block.start + offset;
            let next = chars.peek().map(|&(_, n)| n);
            match classify(c, prev, next, &stack) {
                Some(Event::Open(style)) => stack.push((style, at)),
                Some(Event::Close(closer)) => {
                    let end = at + c.len_utf8();
                    if let Some(index) = stack
                        .iter()
                        .rposition(|(s, _)| s.closers().contains(&closer))
                    {
                        let start = stack[0].1;
                        stack.truncate(index);
                        if stack.is_empty() {
                            let inner = start + mark_len(text, start);
                            out.push(Marked {
                                span: Span::new(start, end),
                                content: Span::new(inner.min(at), at),
                            });
                            last_end = Some(end);
                        }
                    } else if stack.is_empty() && LONE_CLOSERS.contains(&closer) {
                        let start = lone_start(text, block, last_end, sentence_starts, at);
                        out.push(Marked {
                            span: Span::new(start, end),
                            content: Span::new(start, at),
                        });
                        last_end = Some(end);
                    }
                }
                None => {}
            }
        }
        let Some(&(style, start)) = stack.first() else {
            continue;
        };
        let (goes_on, convention) = match blocks.get(b + 1) {
            Some(&next) => continues(text, block, next, style),
            None => (false, false),
        };
        if goes_on {
            skip_opener = convention.then_some(style);
        } else {
            let inner = (start + mark_len(text, start)).min(block.end);
            out.push(Marked {
                span: Span::new(start, block.end.max(start)),
                content: Span::new(inner, block.end.max(inner)),
            });
            stack.clear();
        }
    }
    out
}

/// The quotations of `marked` (as [`find_marked`] returns them: sorted and
/// disjoint) whose `part` (`span` or `content`) overlaps `span`: two binary
/// searches, since a long article holds thousands of quotations.
pub(super) fn overlapping(marked: &[Marked], part: fn(&Marked) -> Span, span: Span) -> &[Marked] {
    let end = marked.partition_point(|m| part(m).start < span.end);
    let start = marked[..end].partition_point(|m| part(m).end <= span.start);
    &marked[start..end]
}

/// Whether a quotation of `marked` (sorted and disjoint) contains `span`:
/// only the last one starting at or before it can.
pub(super) fn inside_any(marked: &[Marked], span: Span) -> bool {
    let after = marked.partition_point(|m| m.span.start <= span.start);
    after > 0 && marked[after - 1].span.contains(span)
}

/// The first quotation of `marked` (sorted) that starts in `from..to`.
pub(super) fn first_starting_in(marked: &[Marked], from: usize, to: usize) -> Option<&Marked> {
    let first = marked.partition_point(|m| m.span.start < from);
    marked.get(first).filter(|m| m.span.start < to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_marks_are_told_apart_without_the_list() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_quote_mark(c), QUOTE_MARKS.contains(&c), "{c:?}");
        }
    }

    /// Paragraphs are the text's non-blank lines.
    fn check(text: &str, expected: &[&str]) {
        let mut blocks = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let span = Span::new(at, at + line.len()).trimmed(text);
            if !span.is_empty() {
                blocks.push(span);
            }
            at += line.len();
        }
        // Naive sentence starts: paragraph starts and after ". ".
        let mut starts: Vec<usize> = blocks.iter().map(|b| b.start).collect();
        starts.extend(text.match_indices(". ").map(|(i, _)| i + 2));
        starts.sort_unstable();
        let found: Vec<&str> = find_marked(text, &blocks, &starts)
            .iter()
            .map(|m| {
                assert!(m.span.contains(m.content), "{m:?} in {text:?}");
                m.content.of(text)
            })
            .collect();
        assert_eq!(found, expected, "quotes in {text:?}");
    }

    #[test]
    fn each_style() {
        check("Er sagte: „Wir gehen.“ Dann ging er.", &["Wir gehen."]);
        check("„Ja”, sagte sie.", &["Ja"]);
        check("„Ja\", sagte sie.", &["Ja"]);
        check("Er sagte “yes” dazu.", &["yes"]);
        check("Sie sagte \"nein\" und \"ja\".", &["nein", "ja"]);
        check(
            "ein »ernsthaftes Gespräch« mit «Bern»",
            &["ernsthaftes Gespräch", "Bern"],
        );
        check("ein ‚kleines‘ Wort", &["kleines"]);
        check("ein ›kleines‹ Wort", &["kleines"]);
    }

    #[test]
    fn nested_quotes_are_part_of_the_outer_one() {
        check(
            "„Er nannte es ‚Krieg‘, sagte sie.“ Ende.",
            &["Er nannte es ‚Krieg‘, sagte sie."],
        );
        check("»Das ›Ziel‹ ist klar«, sagte er.", &["Das ›Ziel‹ ist klar"]);
        check(
            "„Wir stehen zu ‚Russland’ und mehr“, so er.",
            &["Wir stehen zu ‚Russland’ und mehr"],
        );
    }

    #[test]
    fn apostrophes_are_not_marks() {
        check("Wie geht’s? „Gut“, sagte er.", &["Gut"]);
        check("Putins’ Sprecher", &[]);
    }

    #[test]
    fn unbalanced_closing_mark_starts_at_the_paragraph() {
        check("Ende der Rede“, sagte er.\nNeu.", &["Ende der Rede"]);
        check("„A“, sagte er. Dann B“, sagte sie.", &["A", "Dann B"]);
    }

    #[test]
    fn unclosed_opening_mark_ends_with_the_paragraph() {
        check("Er sagte: „Wir gehen.\nNeuer Absatz.", &["Wir gehen."]);
        check("„", &[""]);
    }

    #[test]
    fn quotes_over_several_paragraphs() {
        check(
            "„Erster Absatz.\n\n„Zweiter Absatz.“\n\nDanach.",
            &["Erster Absatz.\n\n„Zweiter Absatz."],
        );
        // A colon announces a new quote: the open one ends with its paragraph.
        check(
            "Er berichtet: \"Peskow sagte:\n\n\"Wir gehen.\"\n\nEnde.\"",
            &["Peskow sagte:", "Wir gehen.", "Ende."],
        );
        // A hard-wrapped line keeps the quote open.
        check(
            "„Die Verhandlungen\nlaufen an“, sagte er.",
            &["Die Verhandlungen\nlaufen an"],
        );
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "„",
            "“",
            "\"",
            "»«",
            "«»",
            "„“»«‚‘",
            "😀„😀“",
            "a\u{308}„b“",
            "x\r\n„y\r\n“z",
            "’‘‚›‹",
        ] {
            let block = Span::new(0, text.len());
            let found = find_marked(text, &[block], &[0]);
            for m in found {
                assert!(text.get(m.span.start..m.span.end).is_some());
                assert!(text.get(m.content.start..m.content.end).is_some());
            }
        }
    }
}
