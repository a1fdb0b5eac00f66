//! Progress bars for long stages, drawn on stderr only when it is a
//! terminal (indicatif hides them otherwise, so logs and CI stay quiet).
//! With `RAHMEN_TIMINGS=1` every stage's wall time and the process's
//! resident memory at its end are printed on stderr.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use analysis::{Progress, ProgressUnit};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// One bar per stage, replaced when the next stage starts.
pub struct ProgressBars {
    current: Mutex<Option<ProgressBar>>,
    /// The running stage and its start, when timings are asked for.
    timed: Option<Mutex<Option<(String, Instant)>>>,
}

impl Default for ProgressBars {
    fn default() -> Self {
        ProgressBars::new()
    }
}

impl ProgressBars {
    /// No bar yet.
    pub fn new() -> ProgressBars {
        ProgressBars {
            current: Mutex::new(None),
            timed: std::env::var_os("RAHMEN_TIMINGS").map(|_| Mutex::new(None)),
        }
    }

    /// Prints the time of the stage that just ended and starts timing `next`.
    fn time_stage(&self, next: Option<&str>) {
        if let Some(timed) = &self.timed {
            let mut timed = timed.lock().expect("timing lock");
            if let Some((stage, start)) = timed.take() {
                eprintln!(
                    "{:>8.2} s  {stage} ({})",
                    start.elapsed().as_secs_f64(),
                    resident_memory()
                );
            }
            *timed = next.map(|stage| (stage.to_owned(), Instant::now()));
        }
    }
}

/// Resident memory now and at its peak so far (Linux), e.g.
/// `resident 412 MB, peak 530 MB`.
fn resident_memory() -> String {
    let megabytes = |field| {
        crate::process_memory::status_kb(field)
            .map_or_else(|| "n/a".to_owned(), |kb| format!("{} MB", kb / 1024))
    };
    format!(
        "resident {}, peak {}",
        megabytes("VmRSS"),
        megabytes("VmHWM")
    )
}

impl Progress for ProgressBars {
    fn start(&self, stage: &str, total: Option<u64>, unit: ProgressUnit) {
        crate::allocator::give_back_freed_memory();
        self.time_stage(Some(stage));
        let bar = match total {
            Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
        };
        let template = match (total, unit) {
            (Some(_), ProgressUnit::Bytes) => {
                "{msg:38} [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} eta {eta}"
            }
            (Some(_), _) => "{msg:38} [{bar:30}] {pos}/{len} eta {eta}",
            (None, _) => "{msg:38} {spinner} {elapsed}",
        };
        bar.set_style(
            ProgressStyle::with_template(template)
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar.set_message(stage.to_owned());
        bar.enable_steady_tick(Duration::from_millis(200));
        if let Some(previous) = self.current.lock().expect("progress lock").replace(bar) {
            previous.finish_and_clear();
        }
    }

    fn advance(&self, n: u64) {
        if let Some(bar) = &*self.current.lock().expect("progress lock") {
            bar.inc(n);
        }
    }

    fn finish(&self) {
        crate::allocator::give_back_freed_memory();
        self.time_stage(None);
        if let Some(bar) = self.current.lock().expect("progress lock").take() {
            bar.finish_and_clear();
        }
    }
}
