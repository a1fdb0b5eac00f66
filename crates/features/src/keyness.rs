//! Keyness: which terms set one group of articles (an outlet, a cluster)
//! apart from all other articles, scored as quanteda's `textstat_keyness`
//! does, with G² and Hardie's log ratio beside it.
//!
//! For a term, `a` and `b` are its counts in the target group and in the
//! reference (every other article), `A` and `B` the totals of the two sides,
//! and the 2x2 table is `[[a, b], [c, d]]` with `c = A - a`, `d = B - b`,
//! `N = A + B`. [`KeyTerm::new`] scores one such table; [`keyness`] and
//! [`keyness_all`] build the tables from a count matrix.
//!
//! R and quanteda are not used here: the formulas below are implemented from
//! quanteda's documentation and source of `textstat_keyness`
//! (`keyness_chi2_dt`) and checked against scipy's `chi2_contingency`.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sprs::SpIndex;

use crate::matrix::{AnyMatrix, MatrixValue};

/// What `a`, `b`, `A` and `B` count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeynessUnit {
    /// Occurrences: `a` is the term's count in the target articles (the sum
    /// of their matrix entries), `A` the sum of all their entries.
    #[default]
    Tokens,
    /// Articles: `a` is the number of target articles whose entry for the
    /// term is positive, `A` the number of target articles (including any
    /// without counted tokens). One long article then weighs as much as a
    /// short one.
    Documents,
}

/// Keyness settings as given; [`KeynessParams::check`] turns them into the
/// [`ValidKeynessParams`] that [`keyness`] takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KeynessParams {
    /// A term is scored only when `a + b >= min_count` (in the chosen unit).
    /// Default `5`; must be at least 1.
    pub min_count: u64,
    /// What is counted. Default [`KeynessUnit::Tokens`].
    pub unit: KeynessUnit,
}

impl Default for KeynessParams {
    fn default() -> Self {
        KeynessParams {
            min_count: 5,
            unit: KeynessUnit::Tokens,
        }
    }
}

impl KeynessParams {
    /// Sets [`KeynessParams::min_count`].
    pub fn min_count(mut self, min_count: u64) -> Self {
        self.min_count = min_count;
        self
    }

    /// Sets [`KeynessParams::unit`].
    pub fn unit(mut self, unit: KeynessUnit) -> Self {
        self.unit = unit;
        self
    }

    /// Checks the settings.
    pub fn check(&self) -> Result<ValidKeynessParams, KeynessParamsError> {
        if self.min_count == 0 {
            return Err(KeynessParamsError::ZeroMinCount);
        }
        Ok(ValidKeynessParams {
            min_count: self.min_count,
            unit: self.unit,
        })
    }
}

/// Checked keyness settings, made by [`KeynessParams::check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidKeynessParams {
    min_count: u64,
    unit: KeynessUnit,
}

impl ValidKeynessParams {
    /// The smallest `a + b` a term needs to be scored.
    pub fn min_count(&self) -> u64 {
        self.min_count
    }

    /// What is counted.
    pub fn unit(&self) -> KeynessUnit {
        self.unit
    }
}

/// Why keyness settings are invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeynessParamsError {
    /// `min_count` is 0: terms in no article would be scored (0/0 tables).
    #[error("invalid setting `min_count`: must be at least 1, got 0")]
    ZeroMinCount,
}

/// Why keyness could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeynessError {
    /// The settings are invalid.
    #[error(transparent)]
    Params(#[from] KeynessParamsError),
    /// The count matrix is in CSC order.
    #[error("the count matrix must be in CSR (row) order")]
    NotCsr,
    /// `groups` does not have one entry per article.
    #[error("{groups} group ids for {rows} articles")]
    GroupsLength {
        /// Length of `groups`.
        groups: usize,
        /// Rows of the count matrix.
        rows: usize,
    },
    /// The target group id is larger than every id in `groups`.
    #[error("group {group} does not exist: the largest group id is {max}")]
    UnknownGroup {
        /// The requested target.
        group: usize,
        /// The largest id in `groups`.
        max: usize,
    },
    /// The target group has no articles or only articles without tokens.
    #[error("group {group} has no counted tokens")]
    EmptyGroup {
        /// The target group.
        group: usize,
    },
    /// All articles with counted tokens belong to the target group.
    #[error("group {group} has no reference: the other articles have no counted tokens")]
    EmptyReference {
        /// The target group.
        group: usize,
    },
}

/// One scored term: its 2x2 table and the statistics on it.
///
/// Counts are `f64` as in the count matrix (whole numbers for counts from
/// `count_terms`; in [`KeynessUnit::Documents`] they are article counts).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct KeyTerm {
    /// Column of the term in the count matrix.
    pub term: usize,
    /// `a`: count in the target group.
    pub a: f64,
    /// `b`: count in the reference (all other articles).
    pub b: f64,
    /// `A`: total of the target group.
    pub total_a: f64,
    /// `B`: total of the reference.
    pub total_b: f64,
    /// Signed chi-square with quanteda's conditional Yates correction.
    pub chi2: f64,
    /// Signed log-likelihood G², without any correction.
    pub g2: f64,
    /// Hardie's log ratio (binary log of the ratio of relative frequencies).
    pub log_ratio: f64,
    /// Chi-square (1 df) survival probability of `|chi2|`. Every scored
    /// term is a test: adjust for their number with
    /// [`benjamini_hochberg`](super::uncertainty::benjamini_hochberg).
    pub p: f64,
    /// Chi-square (1 df) survival probability of `|g2|`.
    pub p_g2: f64,
}

impl KeyTerm {
    /// Scores the table `[[a, b], [A - a, B - b]]` of term `term`.
    ///
    /// With `c = A - a`, `d = B - b`, `N = A + B`:
    ///
    /// - `chi2 = N (|ad - bc| - δN)² / ((a+b)(c+d)(a+c)(b+d))` where `δ = 0.5`
    ///   when `|ad - bc| >= N/2` and some expected cell (row sum x column sum
    ///   / N) is below 5, else `δ = 0`: quanteda's `measure = "chi2"` with
    ///   `correction = "default"`. It equals scipy's
    ///   `chi2_contingency(table, correction=True).statistic` when the
    ///   correction applies and `correction=False` otherwise.
    /// - `g2 = 2 Σ O ln(O / E)` over the four cells (`0 ln 0 = 0`), scipy's
    ///   `chi2_contingency(table, correction=False,
    ///   lambda_="log-likelihood")`. quanteda's `measure = "lr"` is documented
    ///   to apply Williams' correction by default (and adds `1e-9` inside the
    ///   logarithms); this G² applies no correction.
    /// - Both are signed: negative when `a/A < b/B` (the term is relatively
    ///   rarer in the target), zero when the shares are equal.
    /// - `log_ratio = log2((a/A) / (b/B))` (Hardie 2014), with `0.5` put in
    ///   for a zero `a` or `b`.
    /// - `p` and `p_g2`: the chi-square (1 df) survival function of `|chi2|`
    ///   and `|g2|`, computed as `erfc(sqrt(x / 2))` (exact for 1 df, and
    ///   accurate far into the tail where `1 - cdf` would round to 0).
    ///
    /// A table with an empty row (the term makes up every token of both
    /// sides, or every article has it) has no defined statistic; it scores
    /// `chi2 = g2 = 0`, `p = p_g2 = 1`: the shares are equal.
    ///
    /// ```
    /// use features::keyness::KeyTerm;
    /// // 1 of 30 target tokens, 2 of 70 reference tokens: |ad - bc| = 10 < N/2,
    /// // so no correction: chi2 = 100 * 10² / (3 * 97 * 30 * 70).
    /// let t = KeyTerm::new(0, 1.0, 2.0, 30.0, 70.0);
    /// assert!((t.chi2 - 10_000.0 / 611_100.0).abs() < 1e-15);
    /// ```
    pub fn new(term: usize, a: f64, b: f64, total_a: f64, total_b: f64) -> KeyTerm {
        let (c, d) = (total_a - a, total_b - b);
        let n = total_a + total_b;
        let cross = a * d - b * c;
        let sign = if cross > 0.0 {
            1.0
        } else if cross < 0.0 {
            -1.0
        } else {
            0.0
        };
        let rows = [a + b, c + d];
        let columns = [total_a, total_b];
        let denominator = rows[0] * rows[1] * columns[0] * columns[1];
        let (chi2, g2) = if denominator > 0.0 && sign != 0.0 {
            let min_expected = rows[0].min(rows[1]) * columns[0].min(columns[1]) / n;
            let delta = if cross.abs() >= n / 2.0 && min_expected < 5.0 {
                0.5
            } else {
                0.0
            };
            let chi2 = n * (cross.abs() - delta * n).powi(2) / denominator;
            let observed = [a, b, c, d];
            let expected = [
                rows[0] * columns[0] / n,
                rows[0] * columns[1] / n,
                rows[1] * columns[0] / n,
                rows[1] * columns[1] / n,
            ];
            let g2: f64 = observed
                .iter()
                .zip(expected)
                .filter(|(o, _)| **o > 0.0)
                .map(|(o, e)| 2.0 * (o * (o / e).ln()))
                .sum();
            (sign * chi2, sign * g2.max(0.0))
        } else {
            (0.0, 0.0)
        };
        let or_half = |x: f64| if x == 0.0 { 0.5 } else { x };
        KeyTerm {
            term,
            a,
            b,
            total_a,
            total_b,
            chi2,
            g2,
            log_ratio: ((or_half(a) / total_a) / (or_half(b) / total_b)).log2(),
            p: chi2_survival_1df(chi2.abs()),
            p_g2: chi2_survival_1df(g2.abs()),
        }
    }
}

/// Survival function of the chi-square distribution with 1 degree of
/// freedom: `Q(1/2, x/2) = erfc(sqrt(x/2))`, with puruspe's `erfc`
/// (a Chebyshev fit, accurate relative to the value far into the tail).
/// quanteda's `1 - pchisq(x, 1)` has no digits left past x ≈ 70 and
/// puruspe's `gammq(0.5, x / 2)` returns exactly 0 past x ≈ 69, so neither
/// is used: large keyness scores keep distinct p-values.
fn chi2_survival_1df(x: f64) -> f64 {
    puruspe::erfc((x / 2.0).sqrt())
}

/// The terms that set group `target` apart from all other articles, sorted
/// by signed `chi2` descending, then by column.
///
/// `counts` is articles x terms in CSR order, `groups[row]` the group id of
/// each article. Each term with `a + b >= min_count` is scored with
/// [`KeyTerm::new`]. Only two sides are summed (memory `2 x terms`), so
/// group ids need not be contiguous or few; for whole-number counts the
/// sums are exact and the numbers equal those of [`keyness_all`].
///
/// ```
/// use sprs::CsMat;
/// use features::keyness::{keyness, KeynessParams};
/// // Two articles per group; term 0 is group 0's, term 1 group 1's.
/// let counts = CsMat::new((4, 2), vec![0, 2, 4, 6, 8], vec![0, 1, 0, 1, 0, 1, 0, 1],
///     vec![9.0, 1.0, 8.0, 2.0, 1.0, 9.0, 2.0, 8.0]);
/// let params = KeynessParams::default().check().unwrap();
/// let terms = keyness(&counts, &[0, 0, 1, 1], 0, &params).unwrap();
/// assert_eq!(terms.iter().map(|t| t.term).collect::<Vec<_>>(), [0, 1]);
/// assert!(terms[0].chi2 > 0.0 && terms[1].chi2 < 0.0);
/// ```
pub fn keyness<N: MatrixValue, I: SpIndex>(
    counts: &AnyMatrix<N, I>,
    groups: &[usize],
    target: usize,
    params: &ValidKeynessParams,
) -> Result<Vec<KeyTerm>, KeynessError> {
    check_shape(counts, groups)?;
    match groups.iter().max() {
        None => return Err(KeynessError::EmptyGroup { group: target }),
        Some(&max) if target > max => {
            return Err(KeynessError::UnknownGroup { group: target, max });
        }
        Some(_) => {}
    }
    // Two sides only: the target (0) and everything else (1).
    let sides: Vec<usize> = groups.iter().map(|&g| usize::from(g != target)).collect();
    GroupTable::new(counts, &sides, 2, params.unit).score(0, target, params)
}

/// [`keyness`] for every group id from 0 to the largest id in `groups`, in
/// id order (each group against all others).
///
/// Groups are scored in parallel with rayon; results are collected in id
/// order and each group's computation is sequential, so the output does not
/// depend on the thread count. A missing id, or a group whose articles have
/// no counted tokens, is an error ([`KeynessError::EmptyGroup`]), the one of
/// the smallest such id.
pub fn keyness_all<N: MatrixValue, I: SpIndex>(
    counts: &AnyMatrix<N, I>,
    groups: &[usize],
    params: &ValidKeynessParams,
) -> Result<Vec<(usize, Vec<KeyTerm>)>, KeynessError> {
    check_shape(counts, groups)?;
    let n_groups = groups.iter().max().map_or(0, |max| max + 1);
    let table = GroupTable::new(counts, groups, n_groups, params.unit);
    let results: Vec<Result<Vec<KeyTerm>, KeynessError>> = (0..n_groups)
        .into_par_iter()
        .map(|group| table.score(group, group, params))
        .collect();
    results
        .into_iter()
        .enumerate()
        .map(|(group, terms)| terms.map(|terms| (group, terms)))
        .collect()
}

/// Per group: the term counts and totals in the chosen unit, and the tokens.
struct GroupTable {
    n_groups: usize,
    n_terms: usize,
    /// Group-major, `n_groups x n_terms`.
    counts: Vec<f64>,
    totals: Vec<f64>,
    tokens: Vec<f64>,
}

fn check_shape<N, I: SpIndex>(
    counts: &AnyMatrix<N, I>,
    groups: &[usize],
) -> Result<(), KeynessError> {
    if !counts.is_csr() {
        return Err(KeynessError::NotCsr);
    }
    if groups.len() != counts.rows() {
        return Err(KeynessError::GroupsLength {
            groups: groups.len(),
            rows: counts.rows(),
        });
    }
    Ok(())
}

impl GroupTable {
    /// Sums a checked CSR matrix by group; every id is below `n_groups`.
    fn new<N: MatrixValue, I: SpIndex>(
        counts: &AnyMatrix<N, I>,
        groups: &[usize],
        n_groups: usize,
        unit: KeynessUnit,
    ) -> GroupTable {
        let n_terms = counts.cols();
        let mut table = GroupTable {
            n_groups,
            n_terms,
            counts: vec![0.0; n_groups * n_terms],
            totals: vec![0.0; n_groups],
            tokens: vec![0.0; n_groups],
        };
        for (row, &group) in counts.outer_iterator().zip(groups) {
            let cells = &mut table.counts[group * n_terms..(group + 1) * n_terms];
            for (column, &value) in row.iter() {
                let value: f64 = value.into();
                table.tokens[group] += value;
                match unit {
                    KeynessUnit::Tokens => {
                        cells[column] += value;
                        table.totals[group] += value;
                    }
                    KeynessUnit::Documents if value > 0.0 => cells[column] += 1.0,
                    KeynessUnit::Documents => {}
                }
            }
            if unit == KeynessUnit::Documents {
                table.totals[group] += 1.0;
            }
        }
        table
    }

    /// Sum over every group but `target`, in id order.
    fn others(&self, target: usize, value: impl Fn(usize) -> f64) -> f64 {
        (0..self.n_groups).filter(|&g| g != target).map(value).sum()
    }

    /// Scores group `target` of the table; `label` is its id for errors.
    fn score(
        &self,
        target: usize,
        label: usize,
        params: &ValidKeynessParams,
    ) -> Result<Vec<KeyTerm>, KeynessError> {
        if self.tokens[target] <= 0.0 {
            return Err(KeynessError::EmptyGroup { group: label });
        }
        if self.others(target, |g| self.tokens[g]) <= 0.0 {
            return Err(KeynessError::EmptyReference { group: label });
        }
        let total_a = self.totals[target];
        let total_b = self.others(target, |g| self.totals[g]);
        let min_count = params.min_count as f64;
        let mut terms: Vec<KeyTerm> = (0..self.n_terms)
            .filter_map(|term| {
                let a = self.counts[target * self.n_terms + term];
                let b = self.others(target, |g| self.counts[g * self.n_terms + term]);
                (a + b >= min_count).then(|| KeyTerm::new(term, a, b, total_a, total_b))
            })
            .collect();
        terms.sort_by(|x, y| y.chi2.total_cmp(&x.chi2).then(x.term.cmp(&y.term)));
        Ok(terms)
    }
}

#[cfg(test)]
mod tests;
