//! Framing over time: each group's frame rates per day, week or month of the
//! articles' dates, with bootstrap intervals, and permutation tests of the
//! change between consecutive periods, so a report can say when a group's
//! framing moved and whether the move is more than chance.
//!
//! A leaf beside `statistics`: it reads the per-article values (dates, hits,
//! sentence sizes, groups), never the finished `Analysis`, so `findings` can
//! hold its result without a cycle.

use std::collections::BTreeMap;

use features::uncertainty::{
    Interval, PermutationParams, PermutationResult, UncertaintyError, UnitTable,
    benjamini_hochberg, bootstrap_rate_in, permutation_test_in,
};
use rayon::prelude::*;

use crate::article::ArticleInfo;
use crate::config::{StatisticsConfig, TimelineConfig};
use crate::error::AnalysisError;
use crate::hits::Hit;
use crate::seeds::splitmix64;
use crate::statistics::{Groups, bootstrap_params, scaled, sentence_table, unless_empty};

/// The length of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bin {
    /// One calendar day, labelled `2021-12-22`.
    Day,
    /// One ISO week, Monday to Sunday, labelled by its Monday (`2021-12-20`).
    Week,
    /// One calendar month, labelled `2021-12`.
    Month,
}

impl Bin {
    /// The bin of a setting value: `day`, `week` or `month`.
    pub fn from_name(name: &str) -> Option<Bin> {
        match name {
            "day" => Some(Bin::Day),
            "week" => Some(Bin::Week),
            "month" => Some(Bin::Month),
            _ => None,
        }
    }

    /// The setting value: `day`, `week` or `month`.
    pub fn name(self) -> &'static str {
        match self {
            Bin::Day => "day",
            Bin::Week => "week",
            Bin::Month => "month",
        }
    }

    /// The period a date falls in, as a calendar position (days, weeks or
    /// months from a fixed start, so consecutive periods differ by 1);
    /// `None` when the date is not precise enough for the bin or not a date.
    pub fn period_of(self, date: &str) -> Option<i64> {
        let (year, month, day) = parse_date(date)?;
        match self {
            Bin::Month => Some(i64::from(year) * 12 + i64::from(month) - 1),
            Bin::Day => days_from_civil(year, month, day?),
            // Day 0 (1970-01-01) is a Thursday: weeks counted from the
            // Monday three days before it.
            Bin::Week => Some((days_from_civil(year, month, day?)? + 3).div_euclid(7)),
        }
    }

    /// The label of the period at calendar position `index`.
    pub fn label(self, index: i64) -> String {
        match self {
            Bin::Month => {
                let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
                format!("{year:04}-{month:02}")
            }
            Bin::Day => day_label(index),
            Bin::Week => day_label(index * 7 - 3),
        }
    }
}

fn day_label(days: i64) -> String {
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Year, month and (when given) day of `YYYY-MM-DD`, `YYYY-MM-DD` followed
/// by a time (`T10:00:00`, ` 10:00`), or `YYYY-MM`; `None` for anything
/// else, including impossible days such as `2022-02-30`.
fn parse_date(raw: &str) -> Option<(i32, u32, Option<u32>)> {
    let raw = raw.trim();
    let number = |s: Option<&str>, width: usize| -> Option<u32> {
        let s = s?;
        (s.len() == width && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = number(raw.get(..4), 4)? as i32;
    if raw.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    let month = number(raw.get(5..7), 2).filter(|m| (1..=12).contains(m))?;
    match raw.as_bytes().get(7) {
        None => return Some((year, month, None)),
        Some(b'-') => {}
        Some(_) => return None,
    }
    let day = number(raw.get(8..10), 2)?;
    date(year, month, day)?;
    match raw.as_bytes().get(10) {
        None | Some(b'T' | b' ') => Some((year, month, Some(day))),
        Some(_) => None,
    }
}

/// Julian day number of 1970-01-01: day counts here start there, so day 0
/// is a Thursday.
const EPOCH_JULIAN_DAY: i64 = 2_440_588;

/// The calendar date, when the day exists (no 30 February).
fn date(year: i32, month: u32, day: u32) -> Option<time::Date> {
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    time::Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
}

/// Days since 1970-01-01 of a valid date.
fn days_from_civil(year: i32, month: u32, day: u32) -> Option<i64> {
    Some(i64::from(date(year, month, day)?.to_julian_day()) - EPOCH_JULIAN_DAY)
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let julian = i32::try_from(days + EPOCH_JULIAN_DAY).unwrap_or(i32::MAX);
    match time::Date::from_julian_day(julian) {
        Ok(date) => (
            i64::from(date.year()),
            u32::from(u8::from(date.month())),
            u32::from(date.day()),
        ),
        // Only positions of parsed four-digit years reach here.
        Err(_) => (0, 1, 1),
    }
}

/// One period that holds dated articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// Calendar position: consecutive periods differ by 1, so a gap between
    /// two listed periods shows as a difference above 1.
    pub index: i64,
    /// `2021-12-22` (day), `2021-12-20` (the week's Monday) or `2021-12`.
    pub label: String,
}

/// One frame in one group and period.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineCell {
    /// Group id.
    pub group: usize,
    /// Index into [`Timeline::periods`].
    pub period: usize,
    /// Frame index.
    pub frame: usize,
    /// The group's dated articles in the period.
    pub articles: usize,
    /// Their counted tokens.
    pub tokens: usize,
    /// Their hits of the frame.
    pub hits: usize,
    /// Hits per 1,000 counted tokens; `None` without counted tokens.
    pub rate: Option<f64>,
    /// The rate's percentile bootstrap interval (articles resampled, or the
    /// sentences of a single article); `None` without counted tokens.
    pub interval: Option<Interval>,
    /// Bootstrap resamples drawn.
    pub resamples: usize,
    /// Fewer articles or counted tokens than the settings ask for: shown,
    /// never tested.
    pub insufficient: bool,
}

/// The change of one group's frame rate from one period to the next.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimelineChange {
    /// Group id.
    pub group: usize,
    /// Frame index.
    pub frame: usize,
    /// The earlier period (index into [`Timeline::periods`]).
    pub from: usize,
    /// The later period, the next one in the calendar.
    pub to: usize,
    /// Permutation test of the earlier rate minus the later one
    /// (`difference` < 0: the rate rose).
    pub test: PermutationResult,
    /// Benjamini–Hochberg adjusted over every change of the timeline.
    pub q: f64,
}

/// Frame rates per group and period, and the tested changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The period length.
    pub bin: Bin,
    /// The periods that hold dated articles, in calendar order.
    pub periods: Vec<Period>,
    /// Articles whose date places them in a period.
    pub dated: usize,
    /// Articles left out: no date, or one not precise enough for the bin.
    pub undated: usize,
    /// Every group × period with dated articles × frame, in that order.
    pub cells: Vec<TimelineCell>,
    /// Tests between consecutive periods that are both sufficient and
    /// where either has a hit of the frame, by group, frame and period.
    pub changes: Vec<TimelineChange>,
}

impl Timeline {
    /// The cell of `group`, `period` and `frame`, if the group has dated
    /// articles in that period.
    pub fn cell(&self, group: usize, period: usize, frame: usize) -> Option<&TimelineCell> {
        self.cells
            .binary_search_by_key(&(group, period, frame), |c| (c.group, c.period, c.frame))
            .ok()
            .map(|i| &self.cells[i])
    }

    /// The tested change into `period` (from the one before it), if any.
    pub fn change_into(
        &self,
        group: usize,
        period: usize,
        frame: usize,
    ) -> Option<&TimelineChange> {
        self.changes
            .binary_search_by_key(&(group, frame, period), |c| (c.group, c.frame, c.to))
            .ok()
            .map(|i| &self.changes[i])
    }

    /// The changes whose q-value lies below `below`, by group, frame and
    /// period.
    pub fn flagged(&self, below: f64) -> impl Iterator<Item = &TimelineChange> {
        self.changes.iter().filter(move |c| c.q < below)
    }
}

/// The per-article values a timeline is computed from.
pub struct TimelineInput<'a> {
    /// Article metadata (the dates), in row order.
    pub articles: &'a [ArticleInfo],
    /// The group of every article.
    pub groups: &'a Groups,
    /// Frame hits per article.
    pub hits: &'a [Vec<Hit>],
    /// Counted tokens per sentence, per article.
    pub sentence_tokens: &'a [Vec<u32>],
    /// Counted tokens of article `i`.
    pub n_tokens: &'a (dyn Fn(usize) -> usize + Sync),
    /// Frames in the lexicon.
    pub n_frames: usize,
}

/// The articles of one group in one period.
struct Cell {
    group: usize,
    period: usize,
    members: Vec<usize>,
    tokens: usize,
    /// Hits per frame.
    hits: Vec<usize>,
    sufficient: bool,
}

/// Frame rates per group and period with intervals, and permutation tests
/// of each change between consecutive sufficient periods, q-values adjusted
/// over all of them. `None` when fewer than two periods hold dated articles.
///
/// Every interval and test has its own seed, derived from
/// `statistics.seed` and what it is about (group, frame, period), so the
/// result does not depend on the thread count.
pub fn timeline(
    input: &TimelineInput,
    config: &TimelineConfig,
    statistics: &StatisticsConfig,
) -> Result<Option<Timeline>, AnalysisError> {
    let bin = Bin::from_name(&config.bin).ok_or_else(|| AnalysisError::Setting {
        name: "timeline.bin",
        message: format!("must be day, week or month, got `{}`", config.bin),
    })?;
    let keys: Vec<Option<i64>> = input
        .articles
        .iter()
        .map(|a| a.date.as_deref().and_then(|d| bin.period_of(d)))
        .collect();
    let mut indices: Vec<i64> = keys.iter().flatten().copied().collect();
    indices.sort_unstable();
    indices.dedup();
    if indices.len() < 2 {
        return Ok(None);
    }
    let dated = keys.iter().flatten().count();
    let mut members: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (article, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            let period = indices.binary_search(key).expect("every key is listed");
            let group = input.groups.of_article[article];
            members.entry((group, period)).or_default().push(article);
        }
    }
    let cells: Vec<Cell> = members
        .into_iter()
        .map(|((group, period), members)| {
            let tokens = members.iter().map(|&i| (input.n_tokens)(i)).sum();
            let mut hits = vec![0; input.n_frames];
            for hit in members.iter().flat_map(|&i| &input.hits[i]) {
                hits[hit.frame] += 1;
            }
            let sufficient = members.len() >= config.min_articles && tokens >= config.min_tokens;
            Cell {
                group,
                period,
                members,
                tokens,
                hits,
                sufficient,
            }
        })
        .collect();
    // Cells are sorted by group, then period: a group's consecutive
    // periods are neighbours in the list.
    let pairs: Vec<(usize, usize)> = (1..cells.len())
        .filter(|&c| {
            let (a, b) = (&cells[c - 1], &cells[c]);
            a.group == b.group
                && indices[b.period] == indices[a.period] + 1
                && a.sufficient
                && b.sufficient
        })
        .map(|c| (c - 1, c))
        .collect();
    // One share of the timeline's draw budget per interval and test.
    let tests = (cells.len() + pairs.len()) * input.n_frames;
    let mut statistics = statistics.clone();
    statistics.draw_budget = (config.draw_budget / tests.max(1)).min(statistics.draw_budget);
    let statistics = &statistics;

    let per_frame: Vec<(Vec<TimelineCell>, Vec<TimelineChange>)> = (0..input.n_frames)
        .into_par_iter()
        .map(|frame| {
            let table = sentence_table(input.sentence_tokens, input.hits, frame)?;
            let rates = cells
                .iter()
                .map(|cell| rate_cell(&table, cell, frame, indices[cell.period], statistics))
                .collect::<Result<Vec<_>, _>>()?;
            let changes = pairs
                .iter()
                // No hit on either side: nothing can have changed (p = 1
                // whatever the labels), so no test is spent on it.
                .filter(|(a, b)| cells[*a].hits[frame] + cells[*b].hits[frame] > 0)
                .map(|&(a, b)| {
                    let (a, b) = (&cells[a], &cells[b]);
                    let pooled = a.members.len() + b.members.len();
                    let draws = table.permutation_draws(&a.members, &b.members).max(pooled);
                    let params = PermutationParams {
                        permutations: scaled(
                            statistics.permutations,
                            draws,
                            statistics.min_permutations,
                            statistics.draw_budget,
                        ),
                        seed: stream_seed(statistics.seed, 1, a.group, frame, indices[b.period]),
                    };
                    let test =
                        unless_empty(permutation_test_in(&table, &a.members, &b.members, &params))?;
                    Ok(test.map(|test| TimelineChange {
                        group: a.group,
                        frame,
                        from: a.period,
                        to: b.period,
                        test,
                        q: 1.0,
                    }))
                })
                .filter_map(Result::transpose)
                .collect::<Result<Vec<_>, UncertaintyError>>()?;
            Ok((rates, changes))
        })
        .collect::<Result<_, UncertaintyError>>()?;

    let n_cells = cells.len();
    let mut by_frame: Vec<std::vec::IntoIter<TimelineCell>> = Vec::new();
    let mut changes = Vec::new();
    for (rates, frame_changes) in per_frame {
        by_frame.push(rates.into_iter());
        changes.extend(frame_changes);
    }
    let mut out_cells = Vec::with_capacity(n_cells * input.n_frames);
    for _ in 0..n_cells {
        for frame in &mut by_frame {
            out_cells.push(frame.next().expect("one rate per cell and frame"));
        }
    }
    changes.sort_by_key(|c| (c.group, c.frame, c.to));
    let p_values: Vec<f64> = changes.iter().map(|c| c.test.p_value).collect();
    for (change, q) in changes.iter_mut().zip(benjamini_hochberg(&p_values)) {
        change.q = q;
    }
    Ok(Some(Timeline {
        bin,
        periods: indices
            .iter()
            .map(|&index| Period {
                index,
                label: bin.label(index),
            })
            .collect(),
        dated,
        undated: input.articles.len() - dated,
        cells: out_cells,
        changes,
    }))
}

/// One frame's rate in one cell with its bootstrap interval.
fn rate_cell(
    table: &UnitTable,
    cell: &Cell,
    frame: usize,
    period_index: i64,
    statistics: &StatisticsConfig,
) -> Result<TimelineCell, UncertaintyError> {
    let params = bootstrap_params(
        table,
        &cell.members,
        statistics,
        stream_seed(statistics.seed, 0, cell.group, frame, period_index),
    );
    let interval = unless_empty(bootstrap_rate_in(table, &cell.members, &params))?;
    let hits = cell.hits[frame];
    Ok(TimelineCell {
        group: cell.group,
        period: cell.period,
        frame,
        articles: cell.members.len(),
        tokens: cell.tokens,
        hits,
        rate: (cell.tokens > 0).then(|| hits as f64 * 1000.0 / cell.tokens as f64),
        interval,
        resamples: params.resamples,
        insufficient: !cell.sufficient,
    })
}

/// The seed of one interval (`kind` 0) or test (`kind` 1): the statistics
/// seed mixed with what it is about by SplitMix64 steps, so no two streams
/// of a timeline (nor the frame-rate tests' `seed ^ …` streams) coincide.
fn stream_seed(seed: u64, kind: u64, group: usize, frame: usize, period: i64) -> u64 {
    [kind, group as u64, frame as u64, period as u64]
        .iter()
        .fold(splitmix64(seed ^ 0x7469_6d65_6c69_6e65), |state, &part| {
            splitmix64(state ^ part)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(date: &str, bin: Bin) -> Option<String> {
        bin.period_of(date).map(|index| bin.label(index))
    }

    #[test]
    fn dates_with_and_without_time() {
        assert_eq!(parse_date("2021-12-22"), Some((2021, 12, Some(22))));
        assert_eq!(
            parse_date("2021-12-22T10:00:00"),
            Some((2021, 12, Some(22)))
        );
        assert_eq!(parse_date("2021-12-22 10:00"), Some((2021, 12, Some(22))));
        assert_eq!(parse_date(" 2021-12-22\n"), Some((2021, 12, Some(22))));
        assert_eq!(parse_date("2021-12"), Some((2021, 12, None)));
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, Some(29))));
        for bad in [
            "",
            "2021",
            "2021-13",
            "2021-12-32",
            "2022-02-29",
            "2021-1-5",
            "22.12.2021",
            "2021-12-22X",
            "2021/12/22",
            "ä021-12-22",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn iso_weeks_start_on_monday_across_the_new_year() {
        for (date, monday) in [
            ("2021-12-22", "2021-12-20"),
            ("2021-12-20", "2021-12-20"),
            ("2021-12-26", "2021-12-20"),
            ("2021-12-27", "2021-12-27"),
            ("2021-12-31", "2021-12-27"),
            ("2022-01-02", "2021-12-27"),
            ("2022-01-03", "2022-01-03"),
        ] {
            assert_eq!(label(date, Bin::Week).as_deref(), Some(monday), "{date}");
        }
        let (last, next) = (
            Bin::Week.period_of("2021-12-31").unwrap(),
            Bin::Week.period_of("2022-01-03").unwrap(),
        );
        assert_eq!(next, last + 1, "consecutive weeks are one apart");
        // Before 1970 too: 1969-12-31 was a Wednesday.
        assert_eq!(
            label("1969-12-31", Bin::Week).as_deref(),
            Some("1969-12-29")
        );
        // A month alone says nothing about the week.
        assert_eq!(label("2021-12", Bin::Week), None);
    }

    #[test]
    fn days_and_months() {
        assert_eq!(
            label("2021-12-22T10:00:00", Bin::Day).as_deref(),
            Some("2021-12-22")
        );
        assert_eq!(label("2021-12-22", Bin::Month).as_deref(), Some("2021-12"));
        assert_eq!(label("2021-12", Bin::Month).as_deref(), Some("2021-12"));
        let (december, january) = (
            Bin::Month.period_of("2021-12-31").unwrap(),
            Bin::Month.period_of("2022-01-01").unwrap(),
        );
        assert_eq!(january, december + 1);
        assert_eq!(Bin::Day.period_of("1970-01-01"), Some(0));
        assert_eq!(
            Bin::Day.period_of("2000-03-01").unwrap() - Bin::Day.period_of("2000-02-28").unwrap(),
            2,
            "2000 is a leap year"
        );
        for days in [-700_000, -1, 0, 59, 10_957, 19_000, 2_932_896] {
            let label = day_label(days);
            assert_eq!(Bin::Day.period_of(&label), Some(days), "{label}");
        }
    }

    #[test]
    fn bins_by_name() {
        for bin in [Bin::Day, Bin::Week, Bin::Month] {
            assert_eq!(Bin::from_name(bin.name()), Some(bin));
        }
        assert_eq!(Bin::from_name("year"), None);
    }

    fn article(id: usize, date: Option<&str>) -> ArticleInfo {
        ArticleInfo {
            id: id.to_string(),
            outlet: None,
            group: "g".into(),
            title: None,
            date: date.map(str::to_owned),
            origin: String::new(),
            encoding: "UTF-8",
            fields: Default::default(),
        }
    }

    fn hit(sentence: u32) -> Hit {
        Hit::in_sentence(0, sentence, crate::voices::Voice::Own)
    }

    #[test]
    fn cells_thresholds_and_consecutive_tests() {
        // Group a: two articles in each of weeks 1 and 2, one in week 4
        // (a gap); group b: one undated article and one in week 2.
        let dates = [
            Some("2022-01-03"),
            Some("2022-01-04"),
            Some("2022-01-10"),
            Some("2022-01-11"),
            Some("2022-01-24"),
            None,
            Some("2022-01-12"),
        ];
        let articles: Vec<ArticleInfo> = dates
            .iter()
            .enumerate()
            .map(|(i, d)| article(i, *d))
            .collect();
        let groups = Groups::from_names(["a", "a", "a", "a", "a", "b", "b"]);
        let sentence_tokens = vec![vec![100, 50]; 7];
        let hits: Vec<Vec<Hit>> = (0..7)
            .map(|i| if i >= 2 { vec![hit(0), hit(1)] } else { vec![] })
            .collect();
        let n_tokens = |i: usize| sentence_tokens[i].iter().sum::<u32>() as usize;
        let input = TimelineInput {
            articles: &articles,
            groups: &groups,
            hits: &hits,
            sentence_tokens: &sentence_tokens,
            n_tokens: &n_tokens,
            n_frames: 2,
        };
        let statistics = StatisticsConfig {
            bootstrap_resamples: 50,
            permutations: 99,
            ..StatisticsConfig::default()
        };
        let t = timeline(&input, &TimelineConfig::default(), &statistics)
            .unwrap()
            .unwrap();
        let labels: Vec<&str> = t.periods.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["2022-01-03", "2022-01-10", "2022-01-24"]);
        assert_eq!((t.dated, t.undated), (6, 1));
        // a × 3 periods + b × 1 period, 2 frames each.
        assert_eq!(t.cells.len(), 8);
        let week2 = t.cell(0, 1, 0).unwrap();
        assert_eq!((week2.articles, week2.tokens, week2.hits), (2, 300, 4));
        assert_eq!(week2.rate, Some(4.0 * 1000.0 / 300.0));
        assert!(!week2.insufficient);
        assert!(t.cell(0, 2, 0).unwrap().insufficient, "one article");
        assert!(t.cell(1, 1, 0).unwrap().insufficient);
        assert!(t.cell(1, 0, 0).is_none());
        // Only a's weeks 1 → 2 are consecutive and sufficient; frame 1 has
        // no hits there, so it is not tested.
        assert_eq!(t.changes.len(), 1);
        let change = t.change_into(0, 1, 0).unwrap();
        assert_eq!((change.from, change.to), (0, 1));
        assert!(change.test.difference < 0.0, "the rate rose");
        assert_eq!(change.q, change.test.p_value);
        let again = timeline(&input, &TimelineConfig::default(), &statistics).unwrap();
        assert_eq!(again.as_ref(), Some(&t));
    }

    #[test]
    fn one_period_gives_no_timeline_and_bad_bins_are_errors() {
        let articles = vec![
            article(0, Some("2022-01-03")),
            article(1, Some("2022-01-04")),
        ];
        let groups = Groups::from_names(["a", "a"]);
        let sentence_tokens = vec![vec![10], vec![10]];
        let hits = vec![vec![], vec![]];
        let n_tokens = |_: usize| 10;
        let input = TimelineInput {
            articles: &articles,
            groups: &groups,
            hits: &hits,
            sentence_tokens: &sentence_tokens,
            n_tokens: &n_tokens,
            n_frames: 1,
        };
        let statistics = StatisticsConfig::default();
        let week = TimelineConfig::default();
        assert_eq!(timeline(&input, &week, &statistics).unwrap(), None);
        let day = TimelineConfig {
            bin: "day".into(),
            ..TimelineConfig::default()
        };
        assert_eq!(
            timeline(&input, &day, &statistics)
                .unwrap()
                .map(|t| t.periods.len()),
            Some(2)
        );
        let year = TimelineConfig {
            bin: "year".into(),
            ..TimelineConfig::default()
        };
        let error = timeline(&input, &year, &statistics).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid setting `timeline.bin`: must be day, week or month, got `year`"
        );
    }
}
