//! A reader worker with the `lacs` binary's hidden subcommands, for embedding sync (and its
//! tests) without the `lacs` binary:
//!
//! ```text
//! lacs-sync-worker __read-pdf [--max-memory-mb N] FILE     (lacs_ingest::run_worker)
//! lacs-sync-worker __read-letter [--max-memory-mb N] FILE  (lacs_sync::run_letter_worker)
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || {
        eprintln!("usage: lacs-sync-worker __read-pdf|__read-letter [--max-memory-mb N] FILE");
        ExitCode::from(2)
    };
    let Some((mode, rest)) = args.split_first() else { return usage() };
    let (max_memory_mb, file) = match rest {
        [flag, n, file] if flag == "--max-memory-mb" => match n.parse() {
            Ok(n) => (n, file),
            Err(_) => return usage(),
        },
        [file] => (1024, file),
        _ => return usage(),
    };
    let file = PathBuf::from(file);
    let code = match mode.as_str() {
        "__read-pdf" => lacs_ingest::run_worker(&file, None, max_memory_mb),
        "__read-letter" => lacs_sync::run_letter_worker(&file, max_memory_mb),
        _ => return usage(),
    };
    ExitCode::from(code as u8)
}
