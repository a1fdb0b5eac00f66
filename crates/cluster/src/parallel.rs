//! Deterministic parallel loops over rows: fixed chunk boundaries, partial results combined in
//! chunk order, so sums are bit-identical whatever the number of rayon threads.
//!
//! rayon only decides which thread runs which chunk, never where a chunk starts: every chunk
//! holds [`CHUNK_ROWS`] rows (the last one may hold fewer) for any thread count, each chunk is
//! processed sequentially in row order, and per-chunk values come back in chunk order. Inputs
//! of at most [`CHUNK_ROWS`] rows therefore run as one sequential chunk, exactly as a plain
//! loop would.

use std::ops::Range;

use ndarray::Array2;
use rayon::prelude::*;

/// Rows per chunk. Large enough that scheduling costs little, small enough that 100,000 rows
/// give about a hundred chunks to balance over the threads.
pub(crate) const CHUNK_ROWS: usize = 1024;

/// `f` applied to every chunk of [`CHUNK_ROWS`] rows of `0..n` in parallel; the values in
/// chunk order.
pub(crate) fn map_chunks<T, F>(n: usize, f: F) -> Vec<T>
where
    T: Send,
    F: Fn(Range<usize>) -> T + Sync + Send,
{
    map_chunks_of(n, CHUNK_ROWS, f)
}

/// [`map_chunks`] with chunks of `size` rows (a constant of the caller, never derived from the
/// thread count).
pub(crate) fn map_chunks_of<T, F>(n: usize, size: usize, f: F) -> Vec<T>
where
    T: Send,
    F: Fn(Range<usize>) -> T + Sync + Send,
{
    (0..n.div_ceil(size))
        .into_par_iter()
        .map(move |c| c * size..((c + 1) * size).min(n))
        .map(f)
        .collect()
}

/// Sum over `0..n` of `f(chunk)`, added chunk by chunk in chunk order.
pub(crate) fn sum_chunks<F>(n: usize, f: F) -> f64
where
    F: Fn(Range<usize>) -> f64 + Sync + Send,
{
    map_chunks(n, f).into_iter().sum()
}

/// Fills `out` (standard layout) chunk by chunk in parallel: `f(rows, block)` writes the rows
/// `rows`, given as one row-major slice.
pub(crate) fn fill_row_chunks<F>(out: &mut Array2<f64>, f: F)
where
    F: Fn(Range<usize>, &mut [f64]) + Sync + Send,
{
    let width = out.ncols();
    if width == 0 {
        return;
    }
    let data = out
        .as_slice_mut()
        .expect("filling rows needs a standard-layout array");
    data.par_chunks_mut(width * CHUNK_ROWS)
        .enumerate()
        .for_each(|(c, block)| {
            let start = c * CHUNK_ROWS;
            f(start..start + block.len() / width, block);
        });
}

/// Updates `out` chunk by chunk in parallel: `f(rows, values)` gets `out[rows]` as `values`.
/// Returns the values of `f` in chunk order.
pub(crate) fn update_chunks<T, R, F>(out: &mut [T], f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(Range<usize>, &mut [T]) -> R + Sync + Send,
{
    out.par_chunks_mut(CHUNK_ROWS)
        .enumerate()
        .map(|(c, block)| {
            let start = c * CHUNK_ROWS;
            f(start..start + block.len(), block)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(f)
    }

    #[test]
    fn chunks_cover_every_row_once_in_order() {
        for n in [
            0,
            1,
            CHUNK_ROWS - 1,
            CHUNK_ROWS,
            CHUNK_ROWS + 1,
            5 * CHUNK_ROWS + 7,
        ] {
            let ranges = map_chunks(n, |r| r);
            let rows: Vec<usize> = ranges.iter().flat_map(|r| r.clone()).collect();
            assert_eq!(rows, (0..n).collect::<Vec<_>>(), "n = {n}");
            assert!(
                ranges
                    .iter()
                    .all(|r| r.len() <= CHUNK_ROWS && !r.is_empty())
            );
        }
    }

    #[test]
    fn sums_do_not_depend_on_the_thread_count() {
        // Terms of very different magnitude, so that the order of additions shows.
        let values: Vec<f64> = (0..10_000)
            .map(|i| ((i * 7919) % 1000) as f64 * 1e-3 + if i % 97 == 0 { 1e12 } else { 0.0 })
            .collect();
        let sum = || sum_chunks(values.len(), |r| values[r].iter().sum());
        let one = in_pool(1, sum);
        for threads in [2, 3, 8] {
            assert_eq!(in_pool(threads, sum).to_bits(), one.to_bits());
        }
    }

    #[test]
    fn fills_rows_and_chunks_by_index() {
        let n = 2 * CHUNK_ROWS + 3;
        let mut out = Array2::<f64>::zeros((n, 3));
        fill_row_chunks(&mut out, |rows, block| {
            for (i, row) in rows.zip(block.chunks_mut(3)) {
                row.iter_mut().for_each(|v| *v = i as f64);
            }
        });
        assert!(
            out.rows()
                .into_iter()
                .enumerate()
                .all(|(i, r)| r.iter().all(|&v| v == i as f64))
        );
        let mut labels = vec![0usize; n];
        update_chunks(&mut labels, |rows, out| {
            rows.zip(out).for_each(|(i, o)| *o = i * 2);
        });
        assert_eq!(labels, (0..n).map(|i| i * 2).collect::<Vec<_>>());
        fill_row_chunks(&mut Array2::<f64>::zeros((4, 0)), |_, _| unreachable!());
    }
}
