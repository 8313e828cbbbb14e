//! One job: plausible variations of read report documents (positioned words, after the PDF is
//! read and before the extractor), and the extractor scored against truth under them.
//!
//! [`vary::VARIATIONS`] is the table of classes; [`locate`] finds what a class varies by the
//! suite's own simple means (never the extractor's tables: the instrument stays independent of
//! what it measures); [`score`] reads each variant and counts per class what is read right,
//! flagged, or wrong (a value that differs from truth with no doubt raised). [`corpus`] reads
//! every corpus report once and caches the documents under the build directory.

pub mod corpus;
pub mod edit;
pub mod locate;
pub mod parallel;
pub mod score;
pub mod synthetic;
pub mod trusts;
pub mod vary;
