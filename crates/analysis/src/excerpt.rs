//! Short excerpts of text for tables: cut by characters, never inside one.

/// At most `max` characters, with `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortening_counts_characters() {
        assert_eq!(shorten("Äußerst", 10), "Äußerst");
        assert_eq!(shorten("Sicherheitsgarantien", 8), "Sicherh…");
    }
}
