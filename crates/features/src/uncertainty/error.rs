//! Why an interval or test could not be computed: a leaf, so that the unit
//! table and the tests both name the same errors.

/// Why an interval or test could not be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UncertaintyError {
    /// A setting is out of range.
    #[error("invalid setting `{name}`: {message}")]
    Setting {
        /// The setting.
        name: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A unit's count is not a whole number from 0 to 2^24.
    #[error(
        "unit {index} (article {article}): hits and tokens must be whole numbers from 0 to 16,777,216"
    )]
    BadUnit {
        /// Position in the unit slice.
        index: usize,
        /// Its article.
        article: usize,
    },
    /// A sentence has hits but no tokens, so no rate can include it.
    #[error("unit {index} (article {article}): frame hits in a sentence without counted tokens")]
    HitsWithoutTokens {
        /// Position in the unit slice.
        index: usize,
        /// Its article.
        article: usize,
    },
    /// Units said to be in article order are not.
    #[error("unit {index} (article {article}) comes after a unit of a later article")]
    UnitsOutOfOrder {
        /// Position in the units.
        index: usize,
        /// Its article.
        article: usize,
    },
    /// An article is listed twice in a group.
    #[error("article {article} is listed twice in {group}")]
    DuplicateArticle {
        /// The article.
        article: usize,
        /// `"the group"`, `"group a"` or `"group b"`.
        group: &'static str,
    },
    /// An article is in both groups of a test.
    #[error("article {article} is in both groups")]
    SharedArticle {
        /// The article.
        article: usize,
    },
    /// A group has no counted tokens.
    #[error("{group} has no counted tokens")]
    EmptyGroup {
        /// `"the group"`, `"group a"` or `"group b"`.
        group: &'static str,
    },
}
