//! The project's shared material, `../shared` beside the checkout (the corpus of reports,
//! Ofsted's official files, reference data), and the rule for when it is missing: the test
//! says SKIPPED loudly and passes, or, where a caller asks for it, fails under `CI=true`.

use std::path::{Path, PathBuf};

/// What a test does when the shared material it wants is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Say SKIPPED loudly and go on without it.
    Skip,
    /// Fail under `CI=true`; elsewhere, as [`Missing::Skip`].
    FailUnderCi,
}

/// `../shared` beside the checkout (whether or not it is there).
pub fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// Whether the tests run under CI (`CI=true`), where missing material is a failure, not a skip.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// `../shared/<rel>` when it exists; else `None` after a loud `SKIPPED` naming the missing
/// path (or, with [`Missing::FailUnderCi`] under `CI=true`, a panic).
pub fn shared(rel: &str, missing: Missing) -> Option<PathBuf> {
    let p = shared_dir().join(rel);
    if p.exists() {
        Some(p)
    } else if missing == Missing::FailUnderCi && under_ci() {
        panic!("CI=true but ../shared is missing ({})", p.display());
    } else {
        eprintln!("SKIPPED: ../shared not found ({} is missing)", p.display());
        None
    }
}

/// `../shared/corpus` beside the checkout (canonical), when its `truth.csv` is there; else
/// `None` with a loud message. It does not fail under CI: a test that needs the corpus there
/// asserts `!under_ci()` itself.
pub fn corpus() -> Option<PathBuf> {
    let dir = shared_dir().join("corpus");
    if dir.join("truth.csv").exists() {
        Some(dir.canonicalize().expect("corpus path"))
    } else {
        eprintln!("\n*** SKIPPED: ../shared/corpus not found beside the checkout; this test did not run ***\n");
        None
    }
}

/// The value of an `Option` of shared material, or a return from the test after a loud
/// `SKIPPED: ../shared not found`.
#[macro_export]
macro_rules! shared_or_skip {
    ($e:expr) => {
        match $e {
            Some(v) => v,
            None => {
                eprintln!("SKIPPED: ../shared not found");
                return;
            }
        }
    };
}
