//! Measures the large-corpus path (LSA, k-means, sampled silhouette) on a synthetic matrix the
//! size of 10kGNAD repeated 100 times, with 1 and 2 rayon threads, and checks that both thread
//! counts give bit-identical results.
//!
//! Run with `cargo run --release -p cluster --example scale`. The matrix is 100,000 x 40,000
//! with 150 stored entries per row (15 M), seeded: each row leans on one of 9 topics (a block
//! of columns drawn with a skew towards its start) and otherwise draws skewed "common words"
//! from all columns; rows are L2-normalised like TF-IDF rows. Printed per thread count: the
//! wall and CPU time of each step (CPU time from `/proc/self/stat`: on a busy machine it shows
//! the work done where wall time shows the wait) and the peak resident memory (`VmHWM`, reset
//! before each run).

use std::time::Instant;

use cluster::{KMeansParams, LsaParams, l2_normalize_rows, silhouette_score_sample};
use ndarray::Array2;
use rand_xoshiro::Xoshiro256Plus;
use rand_xoshiro::rand_core::{RngCore, SeedableRng};
use sprs::CsMat;

const ROWS: usize = 100_000;
const COLS: usize = 40_000;
const PER_ROW: usize = 150;
const TOPICS: usize = 9;

fn main() {
    let start = Instant::now();
    let x = synthetic_matrix(7);
    println!(
        "matrix {} x {}, {} stored entries, built in {:.2?}",
        x.rows(),
        x.cols(),
        x.nnz(),
        start.elapsed()
    );
    let one = run(&x, 1);
    let two = run(&x, 2);
    assert!(one == two, "1 and 2 threads disagree");
    println!("1 and 2 threads: bit-identical components, projections, labels and scores");
}

/// Everything a run produces, compared bit for bit across thread counts.
#[derive(PartialEq)]
struct Outcome {
    components: Array2<f64>,
    singular_values: Vec<f64>,
    projected: Array2<f64>,
    labels: Vec<usize>,
    inertia: f64,
    silhouette: f64,
}

fn run(x: &CsMat<f64>, threads: usize) -> Outcome {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    // Writing 5 resets VmHWM to the current resident size (Linux >= 4.0).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = peak_memory_mib();
    pool.install(|| {
        println!("--- {threads} thread(s)");
        let total = Clock::start();
        let t = Clock::start();
        let lsa = LsaParams::new(100)
            .fit_sample(Some(20_000))
            .fit(x)
            .expect("lsa fit");
        println!("lsa fit (20,000-row sample):      {}", t.report());
        let t = Clock::start();
        let projected = l2_normalize_rows(lsa.transform(x).expect("transform").view());
        println!("transform + normalise all rows:   {}", t.report());
        let t = Clock::start();
        let model = KMeansParams::new(TOPICS)
            .n_init(10)
            .fit(projected.view())
            .expect("k-means");
        println!("k-means k = 9, n_init = 10:       {}", t.report());
        let t = Clock::start();
        let silhouette =
            silhouette_score_sample(projected.view(), &model.labels, 2000, 42).expect("silhouette");
        println!("sampled silhouette (2,000 rows):  {}", t.report());
        println!("total:                            {}", total.report());
        println!(
            "inertia {:.3}, sampled silhouette {silhouette:.4}, explained variance {:.3}",
            model.inertia,
            lsa.explained_variance_ratio.iter().sum::<f64>()
        );
        println!(
            "peak memory: {} MiB (resident before the run: {before} MiB)",
            peak_memory_mib()
        );
        Outcome {
            components: lsa.components,
            singular_values: lsa.singular_values,
            projected,
            labels: model.labels,
            inertia: model.inertia,
            silhouette,
        }
    })
}

/// The seeded synthetic TF-IDF-like matrix described in the module documentation.
fn synthetic_matrix(seed: u64) -> CsMat<f64> {
    let mut rng = Xoshiro256Plus::seed_from_u64(seed);
    let mut uniform = move || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let block = COLS / TOPICS;
    let mut indptr = Vec::with_capacity(ROWS + 1);
    let mut indices = Vec::with_capacity(ROWS * PER_ROW);
    let mut data = Vec::with_capacity(ROWS * PER_ROW);
    indptr.push(0);
    let mut row: Vec<usize> = Vec::with_capacity(2 * PER_ROW);
    for _ in 0..ROWS {
        let topic = (uniform() * TOPICS as f64) as usize;
        row.clear();
        while row.len() < PER_ROW {
            while row.len() < PER_ROW {
                let u = uniform();
                let col = if uniform() < 0.4 {
                    topic * block + (u * u * block as f64) as usize
                } else {
                    (u * u * u * COLS as f64) as usize
                };
                row.push(col);
            }
            row.sort_unstable();
            row.dedup();
        }
        let values: Vec<f64> = row.iter().map(|_| 1.0 + uniform()).collect();
        let norm = values.iter().map(|v| v * v).sum::<f64>().sqrt();
        indices.extend_from_slice(&row);
        data.extend(values.iter().map(|v| v / norm));
        indptr.push(indices.len());
    }
    CsMat::new((ROWS, COLS), indptr, indices, data)
}

/// Wall time and process CPU time since a start.
struct Clock {
    wall: Instant,
    cpu: f64,
}

impl Clock {
    fn start() -> Self {
        Clock {
            wall: Instant::now(),
            cpu: cpu_seconds(),
        }
    }

    fn report(&self) -> String {
        format!(
            "wall {:6.2} s, cpu {:6.2} s",
            self.wall.elapsed().as_secs_f64(),
            cpu_seconds() - self.cpu
        )
    }
}

/// User plus system CPU time of this process (all threads) in seconds, from fields 14 and 15
/// of `/proc/self/stat` (in clock ticks, 100 per second on Linux); 0 where unavailable.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The command name (field 2) may contain spaces; fields after it are plain numbers.
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // Fields 14 and 15 are the 12th and 13th after the name (which is field 2).
    (ticks(11) + ticks(12)) / 100.0
}

/// Peak resident set size of this process in MiB (`VmHWM` of `/proc/self/status`), 0 where
/// unavailable.
fn peak_memory_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map_or(0, |kib| kib / 1024)
}
