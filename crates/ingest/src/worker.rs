//! The worker side: read one file, print what was read as JSON on stdout.

use lacs_domain::ReadReport;
use lacs_extract::Hints;
use std::path::Path;

/// What a worker prints.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub enum WorkerOutput {
    Read(ReadReport),
    /// A readable file that is not a readable PDF; the reason in words.
    Unreadable(String),
}

/// Run as a worker: bound this process's memory, read `path`, print the result. The hints a
/// path's name gives (folder URN, date in the file name) come from `named` where given (a
/// document read from the register's copy of its bytes). Returns the process exit code.
pub fn run_worker(path: &Path, named: Option<&Path>, max_memory_mb: u64) -> i32 {
    limit_memory(max_memory_mb);
    let output = match std::fs::read(path) {
        Ok(bytes) => match lacs_extract::extract(&bytes, &Hints::from_path(named.unwrap_or(path))) {
            Ok(report) => WorkerOutput::Read(report),
            Err(e) => WorkerOutput::Unreadable(e.to_string()),
        },
        Err(e) => WorkerOutput::Unreadable(format!("cannot read: {e}")),
    };
    match serde_json::to_writer(std::io::stdout().lock(), &output) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("worker: cannot write result: {e}");
            3
        }
    }
}

/// Cap the address space, so a decompression bomb fails an allocation (and aborts this
/// worker) instead of exhausting the machine.
#[cfg(unix)]
fn limit_memory(mb: u64) {
    let bytes = mb.saturating_mul(1024 * 1024) as libc::rlim_t;
    let limit = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
    // SAFETY: setrlimit only reads the struct we pass; failure leaves the limit unset, and
    // the supervisor's timeout still bounds the worker.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

#[cfg(not(unix))]
fn limit_memory(_mb: u64) {}
