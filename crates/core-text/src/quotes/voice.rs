//! Whose voice a span stands in, for many spans at once: a long article has
//! thousands of hits and quotations, and testing every pair was quadratic.

use super::quote::{Quote, QuoteKind};
use crate::span::Span;

/// The quotation that `span` (a frame hit, a term) belongs to: the
/// smallest direct quotation containing it, else the smallest reported
/// one; `None` for the outlet's own voice.
pub fn voice_at(quotes: &[Quote], span: Span) -> Option<&Quote> {
    voices_at(quotes, &[span])[0]
}

/// The quotation each of `spans` belongs to, as [`voice_at`] decides it:
/// the smallest direct quotation containing the span, else the smallest
/// reported one (ties: the earlier start).
///
/// A sweep over the spans by start with a Fenwick tree of the quotations
/// begun so far, keyed by their end: `O((q + s) log q)` for `q` quotations
/// and `s` spans, whatever the nesting.
pub fn voices_at<'q>(quotes: &'q [Quote], spans: &[Span]) -> Vec<Option<&'q Quote>> {
    let direct = smallest_containing(quotes, QuoteKind::Direct, spans);
    let reported = smallest_containing(quotes, QuoteKind::Reported, spans);
    direct
        .into_iter()
        .zip(reported)
        .map(|(d, r)| d.or(r).map(|i| &quotes[i]))
        .collect()
}

/// For every span, the index of the smallest quotation of `kind` whose
/// `span` contains it.
fn smallest_containing(quotes: &[Quote], kind: QuoteKind, spans: &[Span]) -> Vec<Option<usize>> {
    let mut found = vec![None; spans.len()];
    let mut of_kind: Vec<usize> = (0..quotes.len())
        .filter(|&i| quotes[i].kind == kind)
        .collect();
    if of_kind.is_empty() {
        return found;
    }
    of_kind.sort_by_key(|&i| quotes[i].span.start);
    let mut ends: Vec<usize> = of_kind.iter().map(|&i| quotes[i].span.end).collect();
    ends.sort_unstable();
    ends.dedup();
    // Position `p` holds quotations ending at the `p`-th largest end, so a
    // prefix is every quotation ending at or after some point.
    let position = |end: usize| ends.len() - 1 - ends.partition_point(|&e| e < end);
    let mut tree = MinTree::new(ends.len());
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&s| spans[s].start);
    let mut next = 0;
    for s in order {
        let span = spans[s];
        while next < of_kind.len() && quotes[of_kind[next]].span.start <= span.start {
            let q = &quotes[of_kind[next]];
            tree.lower(
                position(q.span.end),
                (q.span.len(), q.span.start, of_kind[next]),
            );
            next += 1;
        }
        let first_end_at_or_after = ends.partition_point(|&e| e < span.end);
        if first_end_at_or_after < ends.len() {
            found[s] = tree
                .min_up_to(ends.len() - 1 - first_end_at_or_after)
                .map(|m| m.2);
        }
    }
    found
}

/// A Fenwick tree of prefix minima over values that only ever decrease.
struct MinTree {
    nodes: Vec<Option<(usize, usize, usize)>>,
}

impl MinTree {
    fn new(len: usize) -> MinTree {
        MinTree {
            nodes: vec![None; len + 1],
        }
    }

    fn lower(&mut self, position: usize, value: (usize, usize, usize)) {
        let mut i = position + 1;
        while i < self.nodes.len() {
            if self.nodes[i].is_none_or(|old| value < old) {
                self.nodes[i] = Some(value);
            }
            i += i & i.wrapping_neg();
        }
    }

    fn min_up_to(&self, position: usize) -> Option<(usize, usize, usize)> {
        let mut i = position + 1;
        let mut best: Option<(usize, usize, usize)> = None;
        while i > 0 {
            if let Some(value) = self.nodes[i] {
                if best.is_none_or(|b| value < b) {
                    best = Some(value);
                }
            }
            i -= i & i.wrapping_neg();
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(kind: QuoteKind, start: usize, end: usize) -> Quote {
        Quote {
            kind,
            span: Span::new(start, end),
            content: Span::new(start, end),
            speaker: None,
            cue: None,
        }
    }

    /// The pairwise definition the sweep replaces.
    fn naive(quotes: &[Quote], span: Span) -> Option<usize> {
        let smallest = |kind: QuoteKind| {
            (0..quotes.len())
                .filter(|&i| quotes[i].kind == kind && quotes[i].span.contains(span))
                .min_by_key(|&i| (quotes[i].span.len(), quotes[i].span.start, i))
        };
        smallest(QuoteKind::Direct).or_else(|| smallest(QuoteKind::Reported))
    }

    #[test]
    fn sweep_agrees_with_the_pairwise_definition() {
        use QuoteKind::{Direct as D, Reported as R};
        let quotes = [
            quote(R, 0, 100),
            quote(D, 10, 40),
            quote(D, 12, 20),
            quote(D, 30, 60),
            quote(R, 50, 70),
            quote(D, 80, 90),
            quote(D, 80, 90),
        ];
        let mut spans = Vec::new();
        for start in 0..105 {
            for len in [0, 1, 3, 8, 25] {
                spans.push(Span::new(start, start + len));
            }
        }
        let got = voices_at(&quotes, &spans);
        for (span, got) in spans.iter().zip(got) {
            let got = got.map(|q| q as *const Quote);
            let expected = naive(&quotes, *span).map(|i| &quotes[i] as *const Quote);
            assert_eq!(got, expected, "{span:?}");
        }
    }

    #[test]
    fn no_quotations_no_voices() {
        assert_eq!(voices_at(&[], &[Span::new(0, 3)]), vec![None]);
    }
}
