//! One job: plausible variations of read report documents (positioned words, after the PDF is
//! read and before the extractor), and the extractor scored against truth under them.

pub mod corpus;
pub mod edit;
pub mod locate;
pub mod score;
pub mod trusts;
pub mod vary;
