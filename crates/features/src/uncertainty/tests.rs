//! Tests of the bootstrap, the permutation test and Benjamini–Hochberg,
//! against numpy, scipy and exact enumerations of small cases.

use super::*;
use rand::Rng;

fn unit(article: usize, hits: f64, tokens: f64) -> Unit {
    Unit {
        article,
        hits,
        tokens,
    }
}

fn close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 1e-12, "{what}: {got} != {want}");
}

#[test]
fn quantile_matches_numpy() {
    // x = np.sort([3.5, -1.0, 2.25, 10.0, 0.125, 7.75, 4.0])
    // np.quantile(x, [0.0, 0.025, 0.1, (1 - 0.95) / 2, 0.5, 0.6,
    //                 1 - (1 - 0.95) / 2, 0.999, 1.0])    # numpy 2.4.6
    let mut x = [3.5, -1.0, 2.25, 10.0, 0.125, 7.75, 4.0];
    x.sort_by(f64::total_cmp);
    let cases = [
        (0.0, -1.0),
        (0.025, -0.83125),
        (0.1, -0.3249999999999999),
        ((1.0 - 0.95) / 2.0, -0.8312499999999998),
        (0.5, 3.5),
        (0.6, 3.8),
        (1.0 - (1.0 - 0.95) / 2.0, 9.6625),
        (0.999, 9.9865),
        (1.0, 10.0),
    ];
    for (q, want) in cases {
        assert_eq!(quantile(&x, q), want, "q = {q}");
    }
    // By hand: q = 0.5, h = 6 * 0.5 = 3, x[3] = 3.5; q = 0.6, h = 3.6,
    // g = 0.6 >= 0.5: 4.0 - (4.0 - 3.5) * 0.4 = 3.8.
    assert_eq!(quantile(&[5.0], 0.025), 5.0);
}

/// Three articles: rates 20, 0 and 42.857 per 1,000 tokens.
fn three_articles() -> Vec<Unit> {
    vec![
        unit(1, 2.0, 100.0),
        unit(1, 1.0, 50.0),
        unit(2, 0.0, 80.0),
        unit(3, 3.0, 70.0),
        unit(9, 5.0, 10.0), // not in the group
        unit(4, 0.0, 0.0),  // an empty article: left out
    ]
}

#[test]
fn bootstrap_of_articles() {
    let params = BootstrapParams::new(7);
    let interval = bootstrap_rate(&three_articles(), &[3, 1, 2, 4], &params).unwrap();
    // (2 + 1 + 0 + 3) / (100 + 50 + 80 + 70) * 1000 = 6 / 300 * 1000 = 20.
    close(interval.estimate, 20.0, "estimate");
    assert_eq!(interval.resampled, SamplingUnit::Articles);
    assert_eq!(interval.level, 0.95);
    // The exact bootstrap distribution has 27 equally likely resamples
    // (itertools.product(range(3), repeat=3)); the lowest rate, 0 (article 2
    // three times), and the highest, 9 / 210 * 1000 = 42.857 (article 3
    // three times), have mass 1/27 = 3.7 % > 2.5 % each, so the 2.5 % and
    // 97.5 % points are these two rates; with B = 2000 each is drawn about
    // 74 times, enough for the sample quantiles to land on them.
    close(interval.low, 0.0, "low");
    close(interval.high, 3.0 / 70.0 * 1000.0, "high");
    // Same seed, same bits; another seed, another stream.
    let again = bootstrap_rate(&three_articles(), &[1, 2, 3], &params).unwrap();
    assert_eq!(again, interval);
    let narrow = BootstrapParams {
        level: 0.5,
        ..params
    };
    let a = bootstrap_rate(&three_articles(), &[1, 2, 3], &narrow).unwrap();
    let b = bootstrap_rate(
        &three_articles(),
        &[1, 2, 3],
        &BootstrapParams { seed: 8, ..narrow },
    )
    .unwrap();
    assert!(a.low > 0.0 && a.high < 42.0, "{a:?}");
    assert_ne!(
        (a.low.to_bits(), a.high.to_bits()),
        (b.low.to_bits(), b.high.to_bits())
    );
}

#[test]
fn bootstrap_of_one_article_draws_sentences() {
    let interval = bootstrap_rate(&three_articles(), &[1, 4], &BootstrapParams::new(1)).unwrap();
    // 3 / 150 * 1000 = 20; the sentences have rates 20 and 20.
    assert_eq!(interval.resampled, SamplingUnit::Sentences);
    close(interval.estimate, 20.0, "estimate");
    close(interval.low, 20.0, "low");
    close(interval.high, 20.0, "high");
}

/// Group a: articles 0..3 (rates 50, 44.4, 54.5); group b: 3..6 (10, 16.7, 0).
fn two_groups() -> (Vec<Unit>, [usize; 3], [usize; 3]) {
    let units = vec![
        unit(0, 5.0, 100.0),
        unit(1, 4.0, 90.0),
        unit(2, 6.0, 110.0),
        unit(3, 1.0, 100.0),
        unit(4, 2.0, 120.0),
        unit(5, 0.0, 80.0),
    ];
    (units, [0, 1, 2], [3, 4, 5])
}

#[test]
fn permutation_of_articles_matches_the_exact_test() {
    let (units, a, b) = two_groups();
    let result = permutation_test(&units, &a, &b, &PermutationParams::new(42)).unwrap();
    // 15 / 300 * 1000 - 3 / 300 * 1000 = 50 - 10 = 40.
    close(result.difference, 40.0, "difference");
    assert_eq!(result.unit, SamplingUnit::Articles);
    assert_eq!(result.permutations, 9999);
    // All C(6, 3) = 20 splits (itertools.combinations(range(6), 3)): only the
    // observed split and its mirror reach |d| = 40, so the exact p is 0.1;
    // R = 9999 random splits estimate it to about ±0.003.
    assert!((result.p_value - 0.1).abs() < 0.01, "{result:?}");
    let again = permutation_test(&units, &a, &b, &PermutationParams::new(42)).unwrap();
    assert_eq!(again, result);
    // With R = 9 the p-value is a multiple of 1/10 and at least 1/10.
    let few = PermutationParams {
        permutations: 9,
        seed: 1,
    };
    let p = permutation_test(&units, &a, &b, &few).unwrap().p_value;
    assert!(p >= 0.1 && (p * 10.0 - (p * 10.0).round()).abs() < 1e-12);
}

#[test]
fn permutation_falls_back_to_sentences() {
    // Group a is one article (3 sentences), group b two (4 sentences).
    let units = vec![
        unit(0, 2.0, 20.0),
        unit(0, 1.0, 15.0),
        unit(0, 3.0, 25.0),
        unit(1, 0.0, 30.0),
        unit(1, 1.0, 20.0),
        unit(2, 0.0, 10.0),
        unit(2, 1.0, 40.0),
    ];
    let result = permutation_test(&units, &[0], &[1, 2], &PermutationParams::new(3)).unwrap();
    // 6 / 60 * 1000 - 2 / 100 * 1000 = 100 - 20 = 80.
    close(result.difference, 80.0, "difference");
    assert_eq!(result.unit, SamplingUnit::Sentences);
    // Exact: of the C(7, 3) = 35 splits only the observed one reaches 80,
    // p = 1/35 = 0.0286.
    assert!((result.p_value - 1.0 / 35.0).abs() < 0.01, "{result:?}");
}

#[test]
fn errors_name_the_problem() {
    let (units, a, b) = two_groups();
    let message = |e: UncertaintyError| e.to_string();
    let p = PermutationParams::new(0);
    assert_eq!(
        message(permutation_test(&units, &a, &[2, 3], &p).unwrap_err()),
        "article 2 is in both groups"
    );
    assert_eq!(
        message(permutation_test(&units, &a, &[8], &p).unwrap_err()),
        "group b has no counted tokens"
    );
    let zero = PermutationParams {
        permutations: 0,
        seed: 0,
    };
    assert_eq!(
        message(permutation_test(&units, &a, &b, &zero).unwrap_err()),
        "invalid setting `permutations`: must be at least 1, got 0"
    );
    let params = BootstrapParams::new(0);
    assert_eq!(
        message(bootstrap_rate(&units, &[1, 1], &params).unwrap_err()),
        "article 1 is listed twice in the group"
    );
    let bad = [unit(0, 1.0, 0.0)];
    assert_eq!(
        message(bootstrap_rate(&bad, &[0], &params).unwrap_err()),
        "unit 0 (article 0): frame hits in a sentence without counted tokens"
    );
    for wrong in [f64::NAN, -1.0, 0.5, 2f64.powi(24) + 1.0] {
        let bad = [unit(0, 1.0, 10.0), unit(5, 1.0, wrong)];
        assert_eq!(
            message(bootstrap_rate(&bad, &[0], &params).unwrap_err()),
            "unit 1 (article 5): hits and tokens must be whole numbers from 0 to 16,777,216",
            "{wrong} tokens"
        );
    }
    let level = BootstrapParams {
        level: 1.0,
        ..params
    };
    assert_eq!(
        message(bootstrap_rate(&units, &a, &level).unwrap_err()),
        "invalid setting `level`: must lie in (0, 1), got 1"
    );
}

#[test]
fn benjamini_hochberg_matches_scipy() {
    // By hand: sorted 0.01, 0.03, 0.04, 0.2 times 4/1, 4/2, 4/3, 4/4 =
    // 0.04, 0.06, 0.0533, 0.2; running minimum from the top: 0.2, 0.0533,
    // 0.0533, 0.04. scipy.stats.false_discovery_control([0.01, 0.04, 0.03, 0.2]):
    assert_eq!(
        benjamini_hochberg(&[0.01, 0.04, 0.03, 0.2]),
        [0.04, 0.05333333333333333, 0.05333333333333333, 0.2]
    );
    // scipy.stats.false_discovery_control(ps) (scipy 1.17.1) with ties, 0 and 1:
    let ps = [0.5, 0.0, 0.012, 0.049, 0.012, 1.0, 0.3, 0.0004, 0.049, 0.9];
    let want = [
        0.625,
        0.0,
        0.03,
        0.08166666666666668,
        0.03,
        1.0,
        0.42857142857142855,
        0.002,
        0.08166666666666668,
        1.0,
    ];
    assert_eq!(benjamini_hochberg(&ps), want);
    assert!(benjamini_hochberg(&[]).is_empty());
}

#[test]
fn a_shared_table_gives_the_same_bits() {
    let (units, a, b) = two_groups();
    let table = UnitTable::new(&units).unwrap();
    let params = PermutationParams::new(9);
    assert_eq!(
        permutation_test_in(&table, &a, &b, &params),
        permutation_test(&units, &a, &b, &params)
    );
    let units = three_articles();
    let table = UnitTable::new(&units).unwrap();
    for group in [&[1, 2, 3][..], &[3, 1], &[2], &[9]] {
        let params = BootstrapParams::new(4);
        assert_eq!(
            bootstrap_rate_in(&table, group, &params),
            bootstrap_rate(&units, group, &params)
        );
    }
    let bad = [unit(0, 1.0, 10.0), unit(5, -1.0, 1.0)];
    assert_eq!(
        UnitTable::new(&bad).unwrap_err(),
        UncertaintyError::BadUnit {
            index: 1,
            article: 5
        }
    );
}

#[test]
fn a_table_from_ordered_units_is_the_table_from_the_slice() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(11);
    for _ in 0..50 {
        // Articles in order, with gaps, empty sentences and none at all.
        let mut units = Vec::new();
        let mut article = rng.gen_range(0..3);
        for _ in 0..rng.gen_range(0..40) {
            article += rng.gen_range(0..3);
            let tokens = f64::from(rng.gen_range(0..4u32));
            let hits = if tokens > 0.0 {
                f64::from(rng.gen_range(0..3u32))
            } else {
                0.0
            };
            units.push(unit(article, hits, tokens));
        }
        let with_tokens = units.iter().filter(|u| u.tokens > 0.0).count();
        assert_eq!(
            UnitTable::from_ordered_units(units.iter().copied(), with_tokens),
            UnitTable::new(&units)
        );
    }
    let bad = [unit(0, 1.0, 10.0), unit(5, -1.0, 1.0)];
    assert_eq!(UnitTable::from_ordered_units(bad, 0), UnitTable::new(&bad));
    let unordered = [unit(3, 1.0, 10.0), unit(1, 0.0, 1.0)];
    assert_eq!(
        UnitTable::from_ordered_units(unordered, 2).unwrap_err(),
        UncertaintyError::UnitsOutOfOrder {
            index: 1,
            article: 1
        }
    );
}

#[test]
fn replicates_summed_side_by_side_equal_one_at_a_time() {
    let mut make = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(3);
    for (n, resamples) in [(1, 5), (2, 4), (7, 9), (40, 203), (300, 2)] {
        let items: Vec<Counts> = (0..n)
            .map(|_| {
                (
                    f64::from(make.gen_range(0u32..5)),
                    f64::from(make.gen_range(1u32..400)),
                )
            })
            .collect();
        let params = BootstrapParams {
            resamples,
            level: 0.95,
            seed: 11,
        };
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(params.seed);
        let one_at_a_time: Vec<f64> = (0..resamples)
            .map(|_| pooled_rate((0..n).map(|_| &items[draw(&mut rng, 0, n)])))
            .collect();
        let got = resampled_rates(&items, &params);
        assert_eq!(
            got.iter().map(|r| r.to_bits()).collect::<Vec<_>>(),
            one_at_a_time
                .iter()
                .map(|r| r.to_bits())
                .collect::<Vec<_>>(),
            "{n} items, {resamples} resamples"
        );
    }
}

#[test]
fn permutations_drawn_ahead_equal_one_swap_at_a_time() {
    // Both sides longer than the positions drawn ahead: a permutation spans
    // several chunks. Rates near each other, so that about half the
    // permutations are extreme and other draws would change the count.
    // Article totals that f32 holds exactly are shuffled as f32 pairs; one
    // past it (two sentences of 2^24 and 2^24 - 1 tokens) makes it f64.
    let mut make = Xoshiro256PlusPlus::seed_from_u64(8);
    let n = 3 * POSITIONS_AHEAD + 500;
    let small: Vec<Unit> = (0..n)
        .map(|i| {
            let hits = f64::from(make.gen_range(0u32..4));
            unit(i, hits, f64::from(make.gen_range(50u32..300)))
        })
        .collect();
    let mut large = small.clone();
    large[0].tokens = 16_777_216.0;
    large.insert(1, unit(0, 1.0, 16_777_215.0));
    let thirds: Vec<usize> = (0..n).filter(|i| i % 3 == 0).collect();
    let rest: Vec<usize> = (0..n).filter(|i| i % 3 != 0).collect();
    // The smaller side drawn as group a, then as group b.
    for (units, (a, b)) in [&small, &large]
        .into_iter()
        .flat_map(|units| [(units, (&thirds, &rest)), (units, (&rest, &thirds))])
    {
        let params = PermutationParams {
            permutations: 301,
            seed: 5,
        };
        let got = permutation_test(units, a, b, &params).unwrap();
        // The documented test, shuffling an index one swap at a time.
        let mut totals = vec![(0.0, 0.0); n];
        for u in units.iter() {
            totals[u.article].0 += u.hits;
            totals[u.article].1 += u.tokens;
        }
        let pool: Vec<Counts> = a.iter().chain(b.iter()).map(|&i| totals[i]).collect();
        let n_a = a.len();
        let observed = pooled_rate(&pool[..n_a]) - pooled_rate(&pool[n_a..]);
        let threshold = observed.abs() * (1.0 - 100.0 * f64::EPSILON);
        let (all_hits, all_tokens) = pool
            .iter()
            .fold((0.0, 0.0), |(h, t), (hits, tokens)| (h + hits, t + tokens));
        let drawn = n_a.min(n - n_a);
        let mut index: Vec<usize> = (0..n).collect();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(params.seed);
        let mut extreme = 0;
        for _ in 0..params.permutations {
            let (mut hits, mut tokens) = (0.0, 0.0);
            for i in 0..drawn {
                let j = draw(&mut rng, i, n);
                index.swap(i, j);
                hits += pool[index[i]].0;
                tokens += pool[index[i]].1;
            }
            let difference = rate(hits, tokens) - rate(all_hits - hits, all_tokens - tokens);
            let permuted = if drawn == n_a {
                difference
            } else {
                -difference
            };
            extreme += usize::from(permuted.abs() >= threshold);
        }
        assert!((50..250).contains(&extreme), "{extreme} of 301 extreme");
        assert_eq!(got.difference.to_bits(), observed.to_bits());
        let want = (1 + extreme) as f64 / (1 + params.permutations) as f64;
        assert_eq!(got.p_value.to_bits(), want.to_bits(), "{extreme} extreme");
    }
}
