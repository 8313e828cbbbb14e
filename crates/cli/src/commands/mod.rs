//! One module per subcommand: arguments, a call into a library crate, printing.

pub mod analysis;
pub mod check;
pub mod claims;
pub mod due;
pub mod export;
pub mod findings;
pub mod healthcheck;
pub mod ingest;
pub mod official;
pub mod reread;
pub mod review;
pub mod serve;
pub mod sync;
pub mod visits;

use anyhow::{Context, Result};
use std::path::Path;

/// Open the register, creating its folder if need be.
pub fn open_store(db: &Path) -> Result<lacs_store::Store> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("--db {}: cannot create {}", db.display(), dir.display()))?;
    }
    Ok(lacs_store::Store::open(db)?)
}

/// Open a register that must already exist (read-only commands).
pub fn open_existing(db: &Path) -> Result<lacs_store::Store> {
    if !db.exists() {
        anyhow::bail!("--db {}: no register there yet; run `lacs ingest PATH...` first", db.display());
    }
    Ok(lacs_store::Store::open(db)?)
}
