//! The process's memory as Linux reports it in `/proc/self/status`, for the
//! benchmark's peak figures and the stage timings.

/// A `/proc/self/status` field in kB: `VmRSS` (resident now) or `VmHWM`
/// (resident at the peak so far). `None` where there is no such file or
/// field (not Linux).
pub fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    field_kb(&status, field)
}

/// One field of a status text already read, so that two fields compared
/// come from the same moment (other threads allocate between two reads).
fn field_kb(status: &str, field: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kb| kb.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn the_peak_is_at_least_the_resident_memory() {
        let status = std::fs::read_to_string("/proc/self/status").expect("status on Linux");
        let now = field_kb(&status, "VmRSS").expect("VmRSS on Linux");
        let peak = field_kb(&status, "VmHWM").expect("VmHWM on Linux");
        assert!(now > 0 && peak >= now, "{now} kB now, {peak} kB peak");
        assert!(status_kb("VmHWM").is_some());
        assert_eq!(status_kb("NoSuchField"), None);
    }
}
