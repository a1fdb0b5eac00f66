//! How the throughput examples time a step: the best of a few rounds, in CPU
//! time of the calling thread (the machine may be shared) and in wall time,
//! printed as MB/s of article text.

use std::time::Instant;

/// Rounds per step; the best counts.
pub const ROUNDS: usize = 3;

/// Runs `step` [`ROUNDS`] times over `mb` megabytes of text and prints its
/// best throughput under `name`.
pub fn best_of_rounds(name: &str, mb: f64, step: &mut dyn FnMut()) {
    let (mut cpu, mut wall) = (f64::MAX, f64::MAX);
    for _ in 0..ROUNDS {
        let (start, start_cpu) = (Instant::now(), cpu_seconds());
        step();
        cpu = cpu.min(cpu_seconds() - start_cpu);
        wall = wall.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{name:<12} {:>7.1} MB/s CPU  {:>7.1} MB/s wall  ({cpu:.3} s CPU)",
        mb / cpu,
        mb / wall
    );
}

/// CPU time of the current thread (Linux `schedstat`; 0 elsewhere).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}
