//! Visit letters: their first page confirms what the link text says (a focused visit or a
//! monitoring visit). Reading a PDF can hang, overflow the stack or exhaust memory, so the
//! page is read in a worker process bounded like ingest's (`lacs __read-letter FILE`) when the
//! caller gives one; else in-process (the PDF library's panics are caught there).

use lacs_domain::KindHint;
use lacs_ingest::{Limits, WorkerCommand};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use wait_timeout::ChildExt;

/// How much of page 1 a letter worker prints.
const PAGE_ONE_CHARS: usize = 4000;

/// What a letter worker prints.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub enum LetterOutput {
    /// The start of page 1's text.
    PageOne(String),
    /// Not a readable PDF; the reason in words.
    Unreadable(String),
}

/// Run as a letter worker: bound this process's memory, read page 1 of `path`, print a
/// [`LetterOutput`] as JSON. Returns the process exit code. `lacs __read-letter` calls this.
pub fn run_letter_worker(path: &Path, max_memory_mb: u64) -> i32 {
    limit_memory(max_memory_mb);
    let output = read_page_one(path);
    match serde_json::to_writer(std::io::stdout().lock(), &output) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("letter worker: cannot write result: {e}");
            3
        }
    }
}

fn read_page_one(path: &Path) -> LetterOutput {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return LetterOutput::Unreadable(format!("cannot read: {e}")),
    };
    match lacs_pdftext::read(&bytes) {
        Ok(doc) => {
            let text = doc.pages.first().map(|p| p.text()).unwrap_or_default();
            LetterOutput::PageOne(text.chars().take(PAGE_ONE_CHARS).collect())
        }
        Err(e) => LetterOutput::Unreadable(e.to_string()),
    }
}

/// Whether page 1 names the visit the link text promised: `Ok(true)` when it does, `Ok(false)`
/// when it reads but does not, `Err` when it cannot be read.
pub(crate) fn confirm(path: &Path, kind: KindHint, worker: Option<&WorkerCommand>, limits: &Limits) -> Result<bool, String> {
    let output = match worker {
        Some(w) => run(w, path, limits)?,
        None => read_page_one(path),
    };
    match output {
        LetterOutput::PageOne(text) => Ok(mentions(&text, kind)),
        LetterOutput::Unreadable(reason) => Err(reason),
    }
}

/// Whether `text` uses the words of the visit `kind` names.
pub(crate) fn mentions(text: &str, kind: KindHint) -> bool {
    // A letter names itself as its event's label does ("focused visit").
    kind.visit().is_some_and(|v| crate::site::normalise(text).contains(&v.label().to_lowercase()))
}

fn run(worker: &WorkerCommand, path: &Path, limits: &Limits) -> Result<LetterOutput, String> {
    let mut command = Command::new(&worker.program);
    // Its own process group, so that a Ctrl-C meant to stop the run cleanly does not kill it.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command
        .args(&worker.args)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start a letter reader ({}): {e}", worker.program.display()))?;
    let mut stdout = child.stdout.take().ok_or("letter reader has no stdout")?;
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).map(|_| buf)
    });
    let status = match child.wait_timeout(limits.timeout) {
        Ok(Some(status)) => status,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("took longer than {} s to read; stopped", limits.timeout.as_secs_f64()));
        }
        Err(e) => return Err(format!("lost the letter reader: {e}")),
    };
    let out = reader.join().ok().and_then(Result::ok).unwrap_or_default();
    if !status.success() {
        return Err(format!("letter reader failed ({status})"));
    }
    serde_json::from_slice(&out).map_err(|e| format!("letter reader gave an unreadable answer: {e}"))
}

#[cfg(unix)]
fn limit_memory(mb: u64) {
    let bytes = mb.saturating_mul(1024 * 1024) as libc::rlim_t;
    let limit = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
    // SAFETY: setrlimit only reads the struct we pass; failure leaves the limit unset, and the
    // supervisor's timeout still bounds the worker.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

#[cfg(not(unix))]
fn limit_memory(_mb: u64) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_confirmed_by_their_words() {
        let page = "Ofsted\nFocused  visit to Barnsley local authority children\u{2019}s services\nDear Mel";
        assert!(mentions(page, KindHint::FocusedVisit));
        assert!(!mentions(page, KindHint::MonitoringVisit));
        assert!(mentions("This letter summarises the MONITORING VISIT", KindHint::MonitoringVisit));
        assert!(!mentions("Monitoring visit", KindHint::Report));
    }
}
