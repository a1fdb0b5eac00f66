//! Deriving seeds and random keys from a seed and what they are for: one
//! SplitMix64 step, shared so that every stream is made the same way.

/// One step of SplitMix64 (Steele, Lea and Flood 2014): spreads `state`
/// over all 64 bits, so nearby inputs give unrelated outputs.
pub fn splitmix64(state: u64) -> u64 {
    let mut z = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
