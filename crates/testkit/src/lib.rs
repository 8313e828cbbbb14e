//! The one home of the helpers that the tests of several crates share: where `../shared`
//! is and what a test does when it is missing ([`shared`]), a minimal PDF writer for test
//! files ([`pdf`]), and hand-made inspection events ([`events`]).
//!
//! Dev-only: crates list it under `[dev-dependencies]`, and no non-test code depends on it.
//! A helper that only one crate's tests use stays in that crate's `tests/`.

pub mod events;
pub mod pdf;
pub mod shared;
