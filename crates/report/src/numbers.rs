//! Stable number formatting: the same value always prints the same way, so
//! reports and data files are byte-identical across runs and machines.

/// `value` with `decimals` digits after the point; `-0.00` prints as `0.00`.
pub fn fixed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
        text[1..].to_owned()
    } else {
        text
    }
}

/// The shortest text that reads back as exactly `value` (for data files).
pub fn exact(value: f64) -> String {
    if value == 0.0 {
        // Also folds -0.0.
        return "0".to_owned();
    }
    format!("{value}")
}

/// 17 significant digits in scientific notation, as the data contract asks
/// for TF-IDF values (`6.8762359798369377e-1`), appended to `buffer`: the
/// matrix files hold millions of them, so no `String` is made per number.
pub fn push_significant17(buffer: &mut Vec<u8>, value: f64) {
    use std::io::Write as _;
    let _ = write!(buffer, "{value:.16e}");
}

/// `value` in decimal digits, appended to `buffer`: the matrix files hold
/// tens of millions of row and column numbers, where `write!` costs more
/// than the digits.
pub fn push_integer(buffer: &mut Vec<u8>, value: u64) {
    buffer.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// A percentage with one decimal (`38.2 %`).
pub fn percent(share: f64) -> String {
    format!("{} %", fixed(share * 100.0, 1))
}

/// An integer with commas between thousands (`102,800`), for prose.
pub fn thousands(value: usize) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 hit`, `3 hits`, `1,654 hits`: a count with its noun in the right number.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!(
        "{} {}",
        thousands(n),
        if n == 1 { singular } else { plural }
    )
}

/// A file-name-safe form of a name: `RT DE` → `rt-de`,
/// `unknown (002)` → `unknown-002`, `Wissenschaft & Ökonomie` → `wissenschaft-oekonomie`.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            _ => {}
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "group".to_owned()
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(fixed(0.125, 2), "0.12");
        assert_eq!(fixed(-0.0001, 2), "0.00");
        assert_eq!(fixed(-1.5, 1), "-1.5");
        assert_eq!(exact(0.1), "0.1");
        assert_eq!(exact(-0.0), "0");
        assert_eq!(exact(1.0), "1");
        let significant17 = |value: f64| {
            let mut buffer = Vec::new();
            push_significant17(&mut buffer, value);
            String::from_utf8(buffer).unwrap()
        };
        assert_eq!(significant17(0.6876235979836938), "6.8762359798369377e-1");
        assert_eq!(significant17(1.0), "1.0000000000000000e0");
        assert_eq!(percent(0.38249), "38.2 %");
        assert_eq!(thousands(102800), "102,800");
        assert_eq!(thousands(5), "5");
        assert_eq!(count(1, "hit", "hits"), "1 hit");
        assert_eq!(slug("RT DE"), "rt-de");
        assert_eq!(slug("unknown (002)"), "unknown-002");
        assert_eq!(slug("Wissenschaft & Ökonomie"), "wissenschaft-oekonomie");
        assert_eq!(slug("!!"), "group");
        assert_eq!(count(0, "hit", "hits"), "0 hits");
        assert_eq!(count(101_772, "hit", "hits"), "101,772 hits");
    }
}
