//! Sentence units checked once and grouped by article, so that each of the
//! many tests over them costs its draws, not a pass over the corpus.

use serde::{Deserialize, Serialize};

use super::error::UncertaintyError;

/// One sentence: which article it belongs to, its hits of one frame and its
/// number of counted tokens.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// Article id (any numbering, as in the group lists).
    pub article: usize,
    /// Frame hits in the sentence.
    pub hits: f64,
    /// Counted tokens in the sentence.
    pub tokens: f64,
}

/// `(hits, tokens)` of a sentence or an article.
pub(super) type Counts = (f64, f64);

/// A sentence as a [`UnitTable`] keeps it: its hits and tokens, whole
/// numbers, as `f32` (exact up to 2^24). Half the memory of two `f64`: a
/// million articles' table is then 140 MB, and a caller may test several
/// frames at once.
pub(super) type Stored = (f32, f32);

/// A stored sentence's counts for arithmetic, exactly as they went in.
pub(super) fn widen(&(hits, tokens): &Stored) -> Counts {
    (f64::from(hits), f64::from(tokens))
}

/// Whether `x` is a count a [`UnitTable`] can store exactly.
fn storable(x: f64) -> bool {
    (0.0..=16_777_216.0).contains(&x) && x.fract() == 0.0
}

/// Units checked and grouped by article once, for many tests over the same
/// units (every group against the rest, for every frame): the per-call cost
/// of a test is then its draws, not a pass over every unit of the corpus.
///
/// ```
/// use features::uncertainty::{bootstrap_rate_in, BootstrapParams, Unit, UnitTable};
/// let units = [(0, 2.0, 100.0), (1, 0.0, 80.0), (1, 1.0, 20.0), (2, 3.0, 70.0)]
///     .map(|(article, hits, tokens)| Unit { article, hits, tokens });
/// let table = UnitTable::new(&units).unwrap();
/// let rate = bootstrap_rate_in(&table, &[0, 1, 2], &BootstrapParams::new(7)).unwrap();
/// assert_eq!(rate.estimate, 6.0 / 270.0 * 1000.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct UnitTable {
    /// Where each article id's sentences start in `sentences`; one more
    /// entry than ids.
    starts: Vec<usize>,
    /// The sentences with counted tokens, by article id, in unit order.
    sentences: Vec<Stored>,
}

impl UnitTable {
    /// Checks every unit (errors name the first bad one in unit order) and
    /// groups the sentences with counted tokens by article.
    pub fn new(units: &[Unit]) -> Result<UnitTable, UncertaintyError> {
        let valid = storable;
        let mut per_article: Vec<usize> = Vec::new();
        for (index, unit) in units.iter().enumerate() {
            let Unit {
                article,
                hits,
                tokens,
            } = *unit;
            if !valid(hits) || !valid(tokens) {
                return Err(UncertaintyError::BadUnit { index, article });
            }
            if tokens == 0.0 && hits > 0.0 {
                return Err(UncertaintyError::HitsWithoutTokens { index, article });
            }
            if per_article.len() <= article {
                per_article.resize(article + 1, 0);
            }
            if tokens > 0.0 {
                per_article[article] += 1;
            }
        }
        let mut starts = Vec::with_capacity(per_article.len() + 1);
        starts.push(0);
        for n in &per_article {
            starts.push(starts[starts.len() - 1] + n);
        }
        let mut next = starts.clone();
        let mut sentences = vec![(0.0, 0.0); starts[starts.len() - 1]];
        for unit in units.iter().filter(|u| u.tokens > 0.0) {
            sentences[next[unit.article]] = (unit.hits as f32, unit.tokens as f32);
            next[unit.article] += 1;
        }
        Ok(UnitTable { starts, sentences })
    }

    /// [`UnitTable::new`] from units handed over one at a time in article
    /// order, for callers that make them article by article and keep no
    /// list of them (a million articles' sentences are hundreds of
    /// megabytes as units): the same table and the same errors, and
    /// [`UncertaintyError::UnitsOutOfOrder`] when an article comes after a
    /// later one. `sentences` is the number of units with tokens, when
    /// known, so the table is sized once.
    pub fn from_ordered_units(
        units: impl IntoIterator<Item = Unit>,
        sentences: usize,
    ) -> Result<UnitTable, UncertaintyError> {
        let valid = storable;
        let mut starts = vec![0];
        let mut table = Vec::with_capacity(sentences);
        for (index, unit) in units.into_iter().enumerate() {
            let Unit {
                article,
                hits,
                tokens,
            } = unit;
            if !valid(hits) || !valid(tokens) {
                return Err(UncertaintyError::BadUnit { index, article });
            }
            if tokens == 0.0 && hits > 0.0 {
                return Err(UncertaintyError::HitsWithoutTokens { index, article });
            }
            if article + 1 < starts.len() {
                return Err(UncertaintyError::UnitsOutOfOrder { index, article });
            }
            // Articles up to this one start where the table ends now.
            while starts.len() <= article {
                starts.push(table.len());
            }
            if tokens > 0.0 {
                table.push((hits as f32, tokens as f32));
            }
        }
        if starts.len() > 1 || !table.is_empty() {
            starts.push(table.len());
        }
        Ok(UnitTable {
            starts,
            sentences: table,
        })
    }

    /// The sentences of article `id` (empty for an unknown id).
    fn of(&self, id: usize) -> &[Stored] {
        match (self.starts.get(id), self.starts.get(id + 1)) {
            (Some(&start), Some(&end)) => &self.sentences[start..end],
            _ => &[],
        }
    }

    /// Items one bootstrap resample of `group` draws: its articles with
    /// counted tokens, or the sentences of its only such article (0 for an
    /// empty or invalid group). Callers size the number of resamples by it,
    /// since one book-length article has hundreds of thousands of sentences.
    pub fn bootstrap_draws(&self, group: &[usize]) -> usize {
        match self.group(group, "the group") {
            Ok(sentences) if sentences.len() >= 2 => sentences.len(),
            Ok(sentences) => sentences[0].len(),
            Err(_) => 0,
        }
    }

    /// Items one permutation of `a` against `b` draws: the smaller side's
    /// articles, or its sentences when either side has fewer than two
    /// articles with counted tokens (as [`permutation_test_in`](super::permutation_test_in) decides).
    pub fn permutation_draws(&self, a: &[usize], b: &[usize]) -> usize {
        let (Ok(a), Ok(b)) = (self.group(a, "group a"), self.group(b, "group b")) else {
            return 0;
        };
        if a.len() >= 2 && b.len() >= 2 {
            a.len().min(b.len())
        } else {
            let sentences = |g: &[&[Stored]]| g.iter().map(|s| s.len()).sum::<usize>();
            sentences(&a).min(sentences(&b))
        }
    }

    /// The sentences of each listed article that has any, in article-id
    /// order.
    pub(super) fn group(
        &self,
        articles: &[usize],
        group: &'static str,
    ) -> Result<Vec<&[Stored]>, UncertaintyError> {
        let ids = sorted_without_repeats(articles, group)?;
        let sentences: Vec<&[Stored]> = ids
            .iter()
            .map(|&id| self.of(id))
            .filter(|s| !s.is_empty())
            .collect();
        if sentences.is_empty() {
            return Err(UncertaintyError::EmptyGroup { group });
        }
        Ok(sentences)
    }
}

/// `articles` in ascending order; an article listed twice is an error.
pub(super) fn sorted_without_repeats(
    articles: &[usize],
    group: &'static str,
) -> Result<Vec<usize>, UncertaintyError> {
    let mut ids = articles.to_vec();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(UncertaintyError::DuplicateArticle {
            article: pair[0],
            group,
        });
    }
    Ok(ids)
}

pub(super) fn article_totals(sentences: &[&[Stored]]) -> Vec<Counts> {
    sentences
        .iter()
        .map(|s| {
            s.iter()
                .map(widen)
                .fold((0.0, 0.0), |(h, t), (hits, tokens)| (h + hits, t + tokens))
        })
        .collect()
}
