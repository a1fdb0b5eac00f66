//! Compound families for lexicon suggestions: German writes new names for
//! a thing by changing one half of a compound ("Kriegsbündnis" →
//! "Angriffsbündnis", "Kriegsgefahr"), so words sharing a head or a
//! modifier with a frame's words are candidates for the frame.

/// Shortest head or modifier that counts as a shared part: shorter ones
/// ("ung", "kei") are suffixes, not words.
const MIN_PART: usize = 4;
/// Shortest rest of a compound beside its shared part.
const MIN_REST: usize = 3;
/// Longest inflection allowed after a shared head ("bündnis" in
/// "Verteidigungsbündnisses").
const MAX_TAIL: usize = 3;

/// How a candidate is related to a frame word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    /// Same last part ("-bündnis").
    Head,
    /// Same first part ("Sicherheits-").
    Modifier,
}

impl Relation {
    /// The name used in review files.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Head => "head",
            Relation::Modifier => "modifier",
        }
    }
}

/// The parts of a frame word a candidate may share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// The frame word (lowercase).
    pub word: String,
    /// Heads: the word's last part when it is a compound, and the word
    /// itself (a simple word is the head of its compounds).
    pub heads: Vec<String>,
    /// The word's first part (with its linking `s`), when it is a compound.
    pub modifier: Option<String>,
    /// A head may be followed by anything (a prefix pattern's stem, `bedroh*`).
    pub open_end: bool,
}

/// A candidate's link to a frame word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Which half is shared.
    pub relation: Relation,
    /// The shared part (lowercase).
    pub part: String,
}

/// Splits `word` (lowercase) into modifier and head where the head is the
/// longest proper suffix (of at least four letters, possibly followed by
/// an inflection) that `known` accepts as a word, and the modifier keeps at
/// least three letters.
///
/// ```
/// use analysis::suggest::compounds::split;
/// let known = |w: &str| ["bündnis", "garantie"].contains(&w);
/// assert_eq!(split("kriegsbündnis", &known), Some(("kriegs".to_owned(), "bündnis".to_owned())));
/// assert_eq!(split("sicherheitsgarantien", &known), Some(("sicherheits".to_owned(), "garantie".to_owned())));
/// assert_eq!(split("bündnis", &known), None);
/// ```
pub fn split(word: &str, known: &dyn Fn(&str) -> bool) -> Option<(String, String)> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    for start in MIN_REST..chars.len() {
        let at = chars[start].0;
        for tail in 0..=MAX_TAIL.min(chars.len() - start) {
            let head_len = chars.len() - start - tail;
            if head_len < MIN_PART {
                continue;
            }
            let end = chars.get(start + head_len).map_or(word.len(), |c| c.0);
            let head = &word[at..end];
            let tail_text = &word[end..];
            if is_inflection(tail_text) && known(head) {
                return Some((word[..at].to_owned(), head.to_owned()));
            }
        }
    }
    None
}

/// German noun and adjective endings that may follow a head.
fn is_inflection(tail: &str) -> bool {
    matches!(
        tail,
        "" | "e" | "n" | "s" | "en" | "es" | "er" | "ern" | "em" | "ses" | "se"
    )
}

impl Parts {
    /// The parts of frame word `word` (lowercase), split with `known`.
    /// `open_end` for a prefix pattern's stem.
    pub fn of(word: &str, open_end: bool, known: &dyn Fn(&str) -> bool) -> Parts {
        let mut heads = Vec::new();
        let mut modifier = None;
        if !open_end {
            if let Some((m, h)) = split(word, known) {
                heads.push(h);
                if m.chars().count() >= MIN_PART {
                    modifier = Some(m);
                }
            }
        }
        if word.chars().count() >= MIN_PART {
            heads.push(word.to_owned());
        }
        Parts {
            word: word.to_owned(),
            heads,
            modifier,
            open_end,
        }
    }

    /// How `candidate` (lowercase) shares a part with this word, if it
    /// does: the longest shared part wins, a head before a modifier.
    ///
    /// ```
    /// use analysis::suggest::compounds::{Parts, Relation};
    /// let known = |w: &str| w == "bündnis";
    /// let parts = Parts::of("kriegsbündnis", false, &known);
    /// let link = parts.link("verteidigungsbündnisses").unwrap();
    /// assert_eq!((link.relation, link.part.as_str()), (Relation::Head, "bündnis"));
    /// let link = parts.link("kriegsgefahr").unwrap();
    /// assert_eq!((link.relation, link.part.as_str()), (Relation::Modifier, "kriegs"));
    /// assert!(parts.link("bündnisse").is_none());
    /// ```
    pub fn link(&self, candidate: &str) -> Option<Link> {
        // The word itself, inflected, is the pattern's business.
        let inflected = candidate
            .strip_prefix(self.word.as_str())
            .is_some_and(is_inflection);
        if inflected {
            return None;
        }
        let n = candidate.chars().count();
        let mut best: Option<Link> = None;
        let mut consider = |relation: Relation, part: &str| {
            let longer = best
                .as_ref()
                .is_none_or(|b| part.chars().count() > b.part.chars().count());
            if longer {
                best = Some(Link {
                    relation,
                    part: part.to_owned(),
                });
            }
        };
        for head in &self.heads {
            let head_len = head.chars().count();
            // The head's last occurrence, after a modifier of MIN_REST letters.
            if let Some(at) = candidate.rfind(head.as_str()) {
                let before = candidate[..at].chars().count();
                let tail = &candidate[at + head.len()..];
                let tail_ok = self.open_end || is_inflection(tail);
                if before >= MIN_REST && tail_ok && n > head_len {
                    consider(Relation::Head, head);
                }
            }
        }
        if let Some(modifier) = &self.modifier {
            if let Some(rest) = candidate.strip_prefix(modifier.as_str()) {
                if rest.chars().count() >= MIN_PART {
                    consider(Relation::Modifier, modifier);
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(word: &str) -> bool {
        ["bündnis", "garantie", "garantien", "waffen", "gefahr"].contains(&word)
    }

    #[test]
    fn families_share_a_head_or_a_modifier() {
        let war = Parts::of("kriegsbündnis", false, &known);
        assert_eq!(war.heads, ["bündnis", "kriegsbündnis"]);
        assert_eq!(war.modifier.as_deref(), Some("kriegs"));
        let cases = [
            ("angriffsbündnis", Some((Relation::Head, "bündnis"))),
            ("verteidigungsbündnisse", Some((Relation::Head, "bündnis"))),
            ("kriegstreiber", Some((Relation::Modifier, "kriegs"))),
            // An inflection of the word itself is the pattern's business.
            ("kriegsbündnisse", None),
            ("bündnis", None),
            ("krieg", None),
            ("bündnispartner", None),
        ];
        for (candidate, expected) in cases {
            let found = war.link(candidate).map(|l| (l.relation, l.part));
            let expected = expected.map(|(r, p)| (r, p.to_owned()));
            assert_eq!(found, expected, "{candidate}");
        }
    }

    #[test]
    fn a_suffix_pattern_is_a_head_and_a_prefix_stem_any_compound_part() {
        let guarantees = Parts::of("sicherheitsgarantien", false, &known);
        assert_eq!(guarantees.modifier.as_deref(), Some("sicherheits"));
        let link = guarantees.link("sicherheitsinteressen").unwrap();
        assert_eq!(link.relation, Relation::Modifier);
        let threat = Parts::of("bedroh", true, &known);
        assert_eq!(threat.modifier, None);
        let link = threat.link("kriegsbedrohungen").unwrap();
        assert_eq!(
            (link.relation, link.part.as_str()),
            (Relation::Head, "bedroh")
        );
        assert!(threat.link("bedrohung").is_none());
        assert_eq!(
            split("atomwaffen", &known),
            Some(("atom".into(), "waffen".into()))
        );
        assert_eq!(split("waffen", &known), None);
    }
}
