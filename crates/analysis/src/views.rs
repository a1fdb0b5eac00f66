//! The outlet's own text apart from text it shares with another outlet:
//! a wire story printed by three outlets is framing by the agency, not by
//! each of them. A token is *shared* when it lies in a passage that an
//! article of another group also has (the shared-passage search), or in an
//! article whose whole text another group's article repeats; the rest is
//! the article's *own* text. Every per-group frame table exists for the
//! views `all`, `own` and `shared`, and so do the timeline and the label
//! profiles.

use std::ops::Range;

use crate::hits::Hit;
use crate::passages::Passages;
use crate::statistics::{FramePrevalence, Groups};
use crate::tallies::{FrameVoices, GroupFrames};
use crate::timeline::Timeline;

/// Which text a table counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum View {
    /// Every counted token.
    All,
    /// Tokens no article of another group shares.
    Own,
    /// Tokens an article of another group shares.
    Shared,
}

impl View {
    /// The name in data files and settings: `all`, `own`, `shared`.
    pub fn name(self) -> &'static str {
        match self {
            View::All => "all",
            View::Own => "own",
            View::Shared => "shared",
        }
    }

    /// What the view counts, for prose and chart titles: `all text`,
    /// `own text`, `shared text`.
    pub fn text(self) -> &'static str {
        match self {
            View::All => "all text",
            View::Own => "own text",
            View::Shared => "shared text",
        }
    }

    /// A view by its name.
    pub fn from_name(name: &str) -> Option<View> {
        match name {
            "all" => Some(View::All),
            "own" => Some(View::Own),
            "shared" => Some(View::Shared),
            _ => None,
        }
    }
}

/// Per article, the token ranges another group's article shares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SharedText {
    /// Sorted, disjoint token ranges per article.
    ranges: Vec<Vec<Range<usize>>>,
    /// Articles whose whole text another group's article repeats.
    whole: Vec<bool>,
}

impl SharedText {
    /// The shared text of every article, from the passages and exact
    /// duplicates between articles of different groups.
    pub fn new(passages: &Passages, groups: &Groups) -> SharedText {
        let n = groups.of_article.len();
        let mut ranges: Vec<Vec<Range<usize>>> = vec![Vec::new(); n];
        for run in &passages.shared {
            if groups.of_article[run.a] != groups.of_article[run.b] {
                ranges[run.a].push(run.a_tokens.clone());
                ranges[run.b].push(run.b_tokens.clone());
            }
        }
        for article in &mut ranges {
            article.sort_by_key(|r| (r.start, r.end));
            let mut merged: Vec<Range<usize>> = Vec::with_capacity(article.len());
            for range in article.drain(..) {
                match merged.last_mut() {
                    Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                    _ => merged.push(range),
                }
            }
            *article = merged;
        }
        let mut whole = vec![false; n];
        for &(copy, first) in &passages.duplicates {
            if groups.of_article[copy] != groups.of_article[first] {
                whole[copy] = true;
                whole[first] = true;
            }
        }
        SharedText { ranges, whole }
    }

    /// Whether any article shares text with another group's.
    pub fn any(&self) -> bool {
        self.whole.iter().any(|&w| w) || self.ranges.iter().any(|r| !r.is_empty())
    }

    /// Whether token `token` of `article` is shared text.
    pub fn is_shared(&self, article: usize, token: usize) -> bool {
        if self.whole[article] {
            return true;
        }
        let ranges = &self.ranges[article];
        let next = ranges.partition_point(|r| r.start <= token);
        next > 0 && token < ranges[next - 1].end
    }

    /// Whether token `token` of `article` lies in `view`'s text.
    pub fn in_view(&self, view: View, article: usize, token: usize) -> bool {
        match view {
            View::All => true,
            View::Own => !self.is_shared(article, token),
            View::Shared => self.is_shared(article, token),
        }
    }
}

/// Keyness of the groups in one view and unit, beside the main one.
#[derive(Debug, Clone, PartialEq)]
pub struct KeynessVariant {
    /// Which text.
    pub view: View,
    /// Tokens or documents.
    pub unit: features::keyness::KeynessUnit,
    /// Key terms per group, as [`crate::statistics::GroupStatistics::keyness`].
    pub keyness: Vec<Option<Vec<features::keyness::KeyTerm>>>,
    /// c-TF-IDF label words per group on this view's text (views `own` and
    /// `shared` only).
    pub label_words: Option<Vec<Vec<(usize, f64)>>>,
}

/// The per-group frame tables of one view.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewFindings {
    /// Which view.
    pub view: View,
    /// Frame hits per article that lie in this view's text.
    pub hits: Vec<Vec<Hit>>,
    /// Counted tokens per article in this view's text.
    pub tokens: Vec<usize>,
    /// Frames ranked per group on this view's text.
    pub group_frames: Vec<GroupFrames>,
    /// Frame rates per group with intervals and tests, on this view's text.
    pub prevalence: Vec<FramePrevalence>,
    /// Frame hits by voice per frame and group, in this view's text.
    pub frame_voices: Vec<Vec<FrameVoices>>,
    /// Frame rates per group and period on this view's text, when the
    /// articles' dates span two periods.
    pub timeline: Option<Timeline>,
}

impl ViewFindings {
    /// Frame hits per 1,000 counted tokens of `article` in this view.
    pub fn rate_per_1000(&self, article: usize, frame: usize) -> f64 {
        let tokens = self.tokens[article];
        if tokens == 0 {
            return 0.0;
        }
        self.frame_hits(article, frame) as f64 * 1000.0 / tokens as f64
    }

    /// Hits of `frame` in `article` in this view.
    pub fn frame_hits(&self, article: usize, frame: usize) -> usize {
        self.hits[article]
            .iter()
            .filter(|h| h.frame == frame)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use features::syndication::SharedRun;

    #[test]
    fn only_text_shared_with_another_group_counts_as_shared() {
        let groups = Groups::from_names(["A", "B", "A", "C"]);
        let run = |a, b, a_tokens: Range<usize>, b_tokens: Range<usize>| SharedRun {
            a,
            b,
            tokens: a_tokens.len(),
            a_tokens,
            b_tokens,
        };
        let passages = Passages {
            shared: vec![
                run(0, 1, 10..30, 0..20),
                run(0, 2, 50..70, 5..25),
                run(0, 1, 25..40, 30..45),
            ],
            duplicates: vec![(3, 2)],
            ..Passages::default()
        };
        let shared = SharedText::new(&passages, &groups);
        assert!(shared.any());
        assert!(!shared.is_shared(0, 9) && shared.is_shared(0, 10) && shared.is_shared(0, 39));
        assert!(!shared.is_shared(0, 40));
        // Article 2 is A's like article 0: that passage is A's own text...
        assert!(!shared.is_shared(0, 55));
        // ...but article 2's whole text is repeated by C's article 3.
        assert!(shared.is_shared(2, 0) && shared.is_shared(3, 1000));
        assert!(shared.is_shared(1, 0) && !shared.is_shared(1, 25) && shared.is_shared(1, 44));
        // A label mention or hit at a token goes to `shared` or `own`, and always to `all`.
        for token in [9, 10, 39, 40] {
            let shared_here = shared.is_shared(0, token);
            assert!(shared.in_view(View::All, 0, token));
            assert_eq!(shared.in_view(View::Shared, 0, token), shared_here);
            assert_eq!(shared.in_view(View::Own, 0, token), !shared_here);
        }
        assert_eq!(View::from_name("own"), Some(View::Own));
        assert_eq!(View::Shared.name(), "shared");
    }
}
