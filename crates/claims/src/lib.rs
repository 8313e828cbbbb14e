//! Checks a news story against the register: this crate's one job is to read a story about
//! Ofsted inspections of local authority children's services (a council's press release, a
//! trade paper's report) and give every claim it can find a verdict, with the register's
//! evidence.
//!
//! Claims found and how each is checked:
//! - **grade**: an LA's grade, overall or in a named judgement ("rated good with outstanding
//!   adoption services"), against the inspection the story is about;
//! - **rank**: "the third council in the region to be graded outstanding for leadership",
//!   against the order in which LAs first reached the grade ([`lacs_analysis::Index::firsts_in`]);
//! - **share**: "six in ten of the authorities inspected so far require improvement or are
//!   inadequate", "42 per cent", "x of the y authorities", against the national or regional
//!   picture at the story's date, counted by Ofsted's rule;
//! - **earlier_inspection**: "up from inadequate at the previous inspection", "rated
//!   inadequate in 2016", "for the first time since 2014", "moved up two grades", against the
//!   LA's earlier graded inspections;
//! - **timing**: the month inspectors visited, how long they stayed, when the report came out
//!   (a month, or "on Tuesday" in the week before the story's date),
//!   short or standard;
//! - **quotation**: words attributed to the inspectors or the report, found in the report's
//!   text (typographic quotes, ellipses and small edits allowed) with the page.
//!
//! **Architecture Invariant:** the reader never fails and never guesses. Any text gives a
//! list of claims; each is `supported` or `contradicted` only with the register's evidence,
//! else `unverifiable` with why (outside the register, an ambiguous LA, no date). The only
//! errors ([`ClaimsError`]) are a story that cannot be read at all. Nothing here touches the
//! network or writes anything.
//!
//! The words stories use (judgements, grades, ordinals, numbers, months, regions) are tables
//! in one module, `words.rs`; the readers look them up and spell no phrase of their own.

mod check;
mod find;
mod las;
mod quotes;
pub mod text;
pub mod words;

use lacs_domain::{Date, Judgement};
use lacs_query::Register;
use lacs_store::Store;
use serde::Serialize;

pub use find::{Found, FoundClaim, RegionScope, When};

/// The largest story read, in bytes (about 30 pages of text).
pub const MAX_STORY_BYTES: usize = 100_000;

/// A story that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ClaimsError {
    #[error("cannot read {what}: {source}")]
    Read { what: String, source: std::io::Error },
    #[error("{what} is not text (UTF-8)")]
    NotText { what: String },
    #[error("{what} is {size} bytes; a story may be at most {max} bytes")]
    TooLong { what: String, size: usize, max: usize },
}

/// Reads a story from a file, or standard input for `-`.
pub fn read_story(path: &std::path::Path) -> Result<String, ClaimsError> {
    use std::io::Read;
    let what = if path.as_os_str() == "-" { "standard input".to_string() } else { path.display().to_string() };
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        std::io::stdin().lock().take(MAX_STORY_BYTES as u64 + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_STORY_BYTES as u64 + 1).read_to_end(&mut bytes))
    };
    result.map_err(|source| ClaimsError::Read { what: what.clone(), source })?;
    story_from_bytes(&what, bytes)
}

/// A story's bytes as text: UTF-8 (a byte-order mark dropped), at most [`MAX_STORY_BYTES`].
pub fn story_from_bytes(what: &str, bytes: Vec<u8>) -> Result<String, ClaimsError> {
    if bytes.len() > MAX_STORY_BYTES {
        return Err(ClaimsError::TooLong { what: what.to_string(), size: bytes.len(), max: MAX_STORY_BYTES });
    }
    let text = String::from_utf8(bytes).map_err(|_| ClaimsError::NotText { what: what.to_string() })?;
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

/// What kind of claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimType {
    Grade,
    Rank,
    Share,
    EarlierInspection,
    Timing,
    Quotation,
}

impl ClaimType {
    pub const fn as_str(self) -> &'static str {
        match self {
            ClaimType::Grade => "grade",
            ClaimType::Rank => "rank",
            ClaimType::Share => "share",
            ClaimType::EarlierInspection => "earlier_inspection",
            ClaimType::Timing => "timing",
            ClaimType::Quotation => "quotation",
        }
    }

    /// In words, for people.
    pub const fn label(self) -> &'static str {
        match self {
            ClaimType::Grade => "Grade",
            ClaimType::Rank => "Rank or first",
            ClaimType::Share => "Share or count",
            ClaimType::EarlierInspection => "Earlier inspection",
            ClaimType::Timing => "Timing",
            ClaimType::Quotation => "Quotation",
        }
    }
}

/// The verdict on one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Supported,
    Contradicted,
    Unverifiable,
}

impl Verdict {
    pub const fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::Unverifiable => "unverifiable",
        }
    }
}

/// Where the register's answer comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// "report" (the report's text, with its page), "official" (Ofsted's statistics),
    /// "register" (the register's answer to a question: firsts, the picture at a date).
    pub source: &'static str,
    /// 1-based page of the report, for "report".
    pub page: Option<u32>,
    pub text: String,
    /// The inspection (its id, `/inspection/{id}`), where one.
    pub event_id: Option<i64>,
}

/// One claim with its verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub sentence: String,
    pub claim_type: ClaimType,
    /// The LA the claim is about (none for a national share; several for a body serving
    /// several LAs: "A or B").
    pub la: Option<String>,
    pub urn: Option<u32>,
    pub judgement: Option<Judgement>,
    /// What the story says, in the register's words ("overall good", "3rd", "60%").
    pub claimed: String,
    /// What the register says, where it says anything.
    pub register: Option<String>,
    pub verdict: Verdict,
    /// Why a claim is unverifiable (or a note on the verdict).
    pub why: Option<String>,
    pub evidence: Vec<Evidence>,
}

/// Options for checking.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The day the story was written: "last year", "in July", the picture "so far".
    pub as_of: Option<Date>,
}

/// Every claim of a story, and what was assumed.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    pub as_of: Option<Date>,
    /// What the checker assumed (without a date: which inspection each LA's claims were
    /// checked against).
    pub notes: Vec<String>,
    pub claims: Vec<Claim>,
}

/// Checks every claim of `story` it can read against the register. `store` gives the
/// reports' text (for quotations); without it, quotations are unverifiable.
pub fn check_story(story: &str, register: &Register, store: Option<&Store>, options: Options) -> Checked {
    let found = find::find_claims(story, options.as_of);
    check::check_all(found, register, store, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_is_text_of_bounded_size() {
        assert_eq!(story_from_bytes("x", b"\xef\xbb\xbfHello".to_vec()).unwrap(), "Hello");
        assert!(matches!(story_from_bytes("x", vec![0xff, 0xfe]), Err(ClaimsError::NotText { .. })));
        assert!(matches!(story_from_bytes("x", vec![b'a'; MAX_STORY_BYTES + 1]), Err(ClaimsError::TooLong { .. })));
    }
}
