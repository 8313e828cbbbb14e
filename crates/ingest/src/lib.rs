//! Ingests files into the register.
//!
//! Finds the PDFs under the paths given, reads each in a worker process bounded in time and
//! memory (the PDF library can overflow its stack on nested objects, loop on cyclic ones, or
//! inflate a decompression bomb: none of that can be contained in-process), and stores each
//! result in its own transaction.
//!
//! **Architecture Invariant:** only the supervising process writes to the register; workers
//! only read one file and print a [`WorkerOutput`] as JSON. A worker that dies, hangs or runs
//! out of memory costs one file, never the batch.

mod files;
mod reread;
mod supervise;
mod worker;

pub use files::{collect_files, FilesError};
pub use reread::{reread, RereadOutcome, RereadSummary};
pub use supervise::{ingest, FileOutcome, FileResult, Summary};
pub use worker::{run_worker, WorkerOutput};
/// The reading rules the workers read under (what `lacs reread` brings every reading to).
pub use lacs_extract::READING_RULES;

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

/// Bounds on the work done for one document.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Wall-clock time a worker may take.
    pub timeout: Duration,
    /// Address space a worker may use, in MiB.
    pub max_memory_mb: u64,
    /// Largest file accepted, in MiB.
    pub max_file_mb: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { timeout: Duration::from_secs(60), max_memory_mb: 1024, max_file_mb: 200 }
    }
}

/// How to start a worker: `program args... FILE`. The CLI points this at its own binary.
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<OsString>,
}
