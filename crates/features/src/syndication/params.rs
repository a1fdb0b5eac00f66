//! Settings of the copy finder, checked once before a run (params → checked
//! params → run), so the search itself cannot fail.

use serde::{Deserialize, Serialize};

/// Settings of [`shared_runs`](super::shared_runs) and
/// [`shared_passages`](super::shared_passages).
///
/// The defaults report every exact shared run of 12 tokens or more, about
/// one short sentence of German news prose: long enough that a stock phrase
/// or an official's full title (7 to 8 tokens in the seed corpus) does not
/// qualify, short enough to catch a single copied sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyndicationParams {
    /// Tokens per shingle (`n`, default 8): shorter shingles make more
    /// chance matches of common phrases, longer ones miss shorter copies.
    pub shingle: usize,
    /// Winnowing window in shingles (`w`, default 4): a larger window keeps
    /// fewer fingerprints (about `2 / (w + 1)` of the shingles) but only
    /// guarantees runs of `shingle + window - 1` tokens or more.
    pub window: usize,
    /// Shortest shared run reported, in tokens (default 12). At least
    /// `shingle + window - 1` (11 by default), the shortest run winnowing is
    /// sure to see, so that no run of this length is missed.
    pub min_tokens: usize,
    /// A fingerprint found in more articles than this (default 50) is taken
    /// as a common phrase or boilerplate and skipped; so is one found more
    /// often than this in a single article, which only degenerate repetitive
    /// text does. This bounds the work per fingerprint on large corpora.
    pub max_postings: usize,
}

impl Default for SyndicationParams {
    fn default() -> Self {
        SyndicationParams {
            shingle: 8,
            window: 4,
            min_tokens: 12,
            max_postings: 50,
        }
    }
}

/// Why [`SyndicationParams`] cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyndicationError {
    /// `shingle` is 0.
    #[error("invalid setting `shingle`: must be at least 1 token")]
    ZeroShingle,
    /// `window` is 0.
    #[error("invalid setting `window`: must be at least 1 shingle")]
    ZeroWindow,
    /// `min_tokens` is below what winnowing guarantees to find.
    #[error(
        "invalid setting `min_tokens`: {min_tokens} is below shingle + window - 1 = {guaranteed}; \
         winnowing only guarantees to see shared runs of {guaranteed} tokens or more, so shorter \
         passages would be found by chance or missed; raise min_tokens or lower shingle or window"
    )]
    MinTokensBelowGuarantee {
        /// The `min_tokens` given.
        min_tokens: usize,
        /// `shingle + window - 1`.
        guaranteed: usize,
    },
    /// `max_postings` is below 2.
    #[error(
        "invalid setting `max_postings`: {0} would skip every fingerprint shared by two articles; \
         use at least 2"
    )]
    MaxPostingsBelowTwo(usize),
}

/// [`SyndicationParams`] that passed [`SyndicationParams::check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidSyndicationParams(SyndicationParams);

impl SyndicationParams {
    /// Checks the settings.
    ///
    /// ```
    /// use features::syndication::SyndicationParams;
    /// let params = SyndicationParams { min_tokens: 10, ..SyndicationParams::default() };
    /// // 8 + 4 - 1 = 11 is the shortest run winnowing guarantees to see.
    /// assert!(params.check().unwrap_err().to_string().starts_with("invalid setting `min_tokens`"));
    /// ```
    pub fn check(self) -> Result<ValidSyndicationParams, SyndicationError> {
        if self.shingle == 0 {
            return Err(SyndicationError::ZeroShingle);
        }
        if self.window == 0 {
            return Err(SyndicationError::ZeroWindow);
        }
        let guaranteed = self.shingle.saturating_add(self.window - 1);
        if self.min_tokens < guaranteed {
            return Err(SyndicationError::MinTokensBelowGuarantee {
                min_tokens: self.min_tokens,
                guaranteed,
            });
        }
        if self.max_postings < 2 {
            return Err(SyndicationError::MaxPostingsBelowTwo(self.max_postings));
        }
        Ok(ValidSyndicationParams(self))
    }
}

impl ValidSyndicationParams {
    /// Tokens per shingle.
    pub fn shingle(&self) -> usize {
        self.0.shingle
    }

    /// Winnowing window in shingles.
    pub fn window(&self) -> usize {
        self.0.window
    }

    /// Shortest shared run reported, in tokens.
    pub fn min_tokens(&self) -> usize {
        self.0.min_tokens
    }

    /// Most articles a fingerprint may occur in before it is skipped.
    pub fn max_postings(&self) -> usize {
        self.0.max_postings
    }

    /// The settings as given.
    pub fn params(&self) -> &SyndicationParams {
        &self.0
    }
}

/// Short shingles and few postings before a fingerprint is common, so that
/// a few dozen made-up words give shared and common fingerprints: the
/// settings of the index's tests.
#[cfg(test)]
pub(super) fn short_test_params() -> ValidSyndicationParams {
    SyndicationParams {
        shingle: 3,
        window: 2,
        min_tokens: 4,
        max_postings: 6,
    }
    .check()
    .expect("valid settings")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(params: SyndicationParams, expected: Result<(), &str>) {
        let got = params.check().map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(got, expected.map_err(str::to_string), "{params:?}");
    }

    #[test]
    fn settings_are_checked() {
        let default = SyndicationParams::default();
        check(default, Ok(()));
        check(
            SyndicationParams {
                min_tokens: 11,
                ..default
            },
            Ok(()),
        );
        check(
            SyndicationParams {
                shingle: 1,
                window: 1,
                min_tokens: 1,
                max_postings: 2,
            },
            Ok(()),
        );
        check(
            SyndicationParams {
                shingle: 0,
                ..default
            },
            Err("invalid setting `shingle`: must be at least 1 token"),
        );
        check(
            SyndicationParams {
                window: 0,
                ..default
            },
            Err("invalid setting `window`: must be at least 1 shingle"),
        );
        check(
            SyndicationParams {
                min_tokens: 10,
                ..default
            },
            Err(
                "invalid setting `min_tokens`: 10 is below shingle + window - 1 = 11; winnowing \
                 only guarantees to see shared runs of 11 tokens or more, so shorter passages \
                 would be found by chance or missed; raise min_tokens or lower shingle or window",
            ),
        );
        check(
            SyndicationParams {
                max_postings: 1,
                ..default
            },
            Err(
                "invalid setting `max_postings`: 1 would skip every fingerprint shared by two \
                 articles; use at least 2",
            ),
        );
    }
}
