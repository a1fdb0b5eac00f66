//! Uniform indices from a seeded Xoshiro256++ stream, exactly as rand 0.8's
//! `gen_range` for `u64` draws them: the resampling's numbers then depend
//! on the seed alone, not on how they are drawn.

use rand::RngCore;
use rand_xoshiro::Xoshiro256PlusPlus;

/// rand 0.8's conservative zone for a range: a widening product whose low
/// half lies above it is rejected and the next raw number tried.
fn zone(range: u64) -> u64 {
    (range << range.leading_zeros()).wrapping_sub(1)
}

/// A uniform index in `from..to`, drawn as a `u64` so the stream is the
/// same on 32- and 64-bit targets: rand 0.8's `gen_range(from..to)` for
/// u64 spelled out, bit for bit (widening multiply, rejecting below its
/// conservative zone). One draw at a time, with a branch on each random
/// number: the reference the branchless draws below are tested against.
#[cfg(test)]
pub(super) fn draw(rng: &mut Xoshiro256PlusPlus, from: usize, to: usize) -> usize {
    debug_assert!(from < to);
    let range = (to - from) as u64;
    let zone = zone(range);
    loop {
        let product = u128::from(rng.next_u64()) * u128::from(range);
        if (product as u64) <= zone {
            return from + (product >> 64) as usize;
        }
    }
}

/// `out.len()` uniform indices in `0..n`, the same as that many `draw`s
/// in a row (and so as rand 0.8's `gen_range(0..n as u64)`), bit for bit,
/// and leaving `rng` where they would. Every raw number is tried in turn
/// and kept when it falls in the zone: the write always happens and only
/// the count moves, so no branch depends on the random number. For a group
/// of 2,300 articles rand's conservative zone rejects 44 % of raw numbers,
/// and the mispredicted branch of `draw` on them cost more than the
/// generator itself (2.5x the draws per second, measured).
///
/// # Panics
/// When `n` is 0 and `out` is not empty (there is no index to draw).
pub fn uniform_indices(rng: &mut Xoshiro256PlusPlus, n: usize, out: &mut [usize]) {
    if out.is_empty() {
        return;
    }
    assert!(n > 0, "no index below 0 to draw");
    let range = n as u64;
    let zone = zone(range);
    let mut kept = 0;
    while kept < out.len() {
        let product = u128::from(rng.next_u64()) * u128::from(range);
        out[kept] = (product >> 64) as usize;
        kept += usize::from((product as u64) <= zone);
    }
}

/// The positions `from, from + 1, ...` of a partial Fisher–Yates shuffle of
/// `len` items: `out[k]` is `draw(rng, from + k, len)`, the same numbers
/// leaving `rng` where those draws would, but without a branch on the
/// random number (as [`uniform_indices`]; here the range shrinks by one
/// with every kept number).
///
/// # Panics
/// When `from + out.len()` exceeds `len` (a position past the items).
pub(super) fn shuffle_positions(
    rng: &mut Xoshiro256PlusPlus,
    from: usize,
    len: usize,
    out: &mut [usize],
) {
    assert!(from + out.len() <= len, "positions past the items");
    let mut kept = 0;
    while kept < out.len() {
        let position = from + kept;
        let range = (len - position) as u64;
        let product = u128::from(rng.next_u64()) * u128::from(range);
        out[kept] = position + (product >> 64) as usize;
        kept += usize::from((product as u64) <= zone(range));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    #[test]
    fn draw_equals_rands_gen_range() {
        let mut ours = Xoshiro256PlusPlus::seed_from_u64(5);
        let mut theirs = ours.clone();
        for to in [
            1usize,
            2,
            3,
            7,
            1000,
            1 << 33,
            (1 << 63) + 12345,
            usize::MAX,
        ] {
            for from in [0usize, 1] {
                if from >= to {
                    continue;
                }
                for _ in 0..200 {
                    let want = theirs.gen_range(from as u64..to as u64) as usize;
                    assert_eq!(draw(&mut ours, from, to), want, "{from}..{to}");
                }
            }
        }
    }

    #[test]
    fn uniform_indices_are_rands_gen_range() {
        for n in [1usize, 2, 3, 7, 1000, 2300, 20_560, 1 << 40] {
            let mut ours = Xoshiro256PlusPlus::seed_from_u64(n as u64);
            let mut theirs = ours.clone();
            let mut got = vec![0; 257];
            uniform_indices(&mut ours, n, &mut got);
            let want: Vec<usize> = (0..257)
                .map(|_| theirs.gen_range(0..n as u64) as usize)
                .collect();
            assert_eq!(got, want, "n = {n}");
            assert_eq!(
                ours.next_u64(),
                theirs.next_u64(),
                "n = {n}: the stream goes on alike"
            );
        }
    }

    #[test]
    fn shuffle_positions_are_successive_draws() {
        for (from, count, len) in [(0, 5, 5), (0, 300, 1000), (7, 40, 50), (0, 1, 1), (3, 0, 3)] {
            for seed in 0..4u64 {
                let mut ours = Xoshiro256PlusPlus::seed_from_u64(seed);
                let mut theirs = ours.clone();
                let mut got = vec![0; count];
                shuffle_positions(&mut ours, from, len, &mut got);
                let want: Vec<usize> = (from..from + count)
                    .map(|i| draw(&mut theirs, i, len))
                    .collect();
                assert_eq!(got, want, "{from}, {count} of {len}");
                assert_eq!(
                    ours.next_u64(),
                    theirs.next_u64(),
                    "the stream goes on alike"
                );
            }
        }
    }
}
