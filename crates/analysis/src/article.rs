//! What the analysis keeps of one article's metadata: a leaf that every
//! pass shares.

use std::collections::BTreeMap;

/// What the analysis keeps about one article.
#[derive(Debug, Clone, serde::Serialize)]
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

/// [`ArticleInfo`] as it is read back (a stored digest): the encoding's
/// name as a string, made static again by looking it up.
#[derive(serde::Deserialize)]
struct StoredInfo {
    id: String,
    outlet: Option<String>,
    group: String,
    title: Option<String>,
    date: Option<String>,
    origin: String,
    encoding: String,
    fields: BTreeMap<String, String>,
}

impl<'de> serde::Deserialize<'de> for ArticleInfo {
    fn deserialize<D: serde::Deserializer<'de>>(reader: D) -> Result<ArticleInfo, D::Error> {
        let stored = StoredInfo::deserialize(reader)?;
        let encoding = core_text::encoding_name(&stored.encoding).ok_or_else(|| {
            serde::de::Error::custom(format!("unknown encoding `{}`", stored.encoding))
        })?;
        Ok(ArticleInfo {
            id: stored.id,
            outlet: stored.outlet,
            group: stored.group,
            title: stored.title,
            date: stored.date,
            origin: stored.origin,
            encoding,
            fields: stored.fields,
        })
    }
}
