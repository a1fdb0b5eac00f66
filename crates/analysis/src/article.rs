//! What the analysis keeps of one article's metadata: a leaf that every
//! pass shares.

use std::collections::BTreeMap;

/// What the analysis keeps about one article.
#[derive(Debug, Clone)]
pub struct ArticleInfo {
    /// Identifier.
    pub id: String,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// The group the article is compared in: its outlet, or
    /// `unknown (<id>)` so that unattributed articles are never pooled.
    pub group: String,
    /// Headline, when known.
    pub title: Option<String>,
    /// Date, when known.
    pub date: Option<String>,
    /// Where it was read from.
    pub origin: String,
    /// Encoding it was decoded from.
    pub encoding: &'static str,
    /// Other metadata (evidence notes).
    pub fields: BTreeMap<String, String>,
}

impl ArticleInfo {
    /// Short label for charts and tables: `000 RT DE`, `002 unknown`.
    pub fn label(&self) -> String {
        // Without an outlet, a `--group-by` value (a newsroom section) says
        // more than "unknown"; the default group of such an article is
        // `unknown (<id>)`.
        let source = match &self.outlet {
            Some(outlet) => outlet.as_str(),
            None if !self.group.starts_with("unknown") => self.group.as_str(),
            None => "unknown",
        };
        format!("{} {source}", self.id)
    }
}
