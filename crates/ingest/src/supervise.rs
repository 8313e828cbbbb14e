//! The supervising side: dispatch files to worker processes, bound them, store results.

use crate::{Limits, WorkerCommand, WorkerOutput};
use lacs_domain::Status;
use lacs_extract::Hints;
use lacs_store::{Blobs, NewDocument, Outcome, ReadingChange, RefusedDocument, Source, Store};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use wait_timeout::ChildExt;

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "outcome", content = "detail", rename_all = "snake_case")]
pub enum FileOutcome {
    Stored(Status),
    Unchanged,
    /// Stored before under older reading rules, and read again now.
    Reread(Status),
    /// Kept as `not_a_report` (a web page saved as .pdf, say), with the reason.
    Refused(String),
    /// Not stored, with the reason.
    Failed(String),
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FileResult {
    pub path: PathBuf,
    #[serde(flatten)]
    pub outcome: FileOutcome,
    pub millis: u64,
}

/// The closing summary of a run.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub stored: usize,
    pub needs_review: usize,
    pub unchanged: usize,
    /// Files stored before under older reading rules and read again.
    pub reread: usize,
    pub refused: usize,
    pub failed: usize,
    pub elapsed_seconds: f64,
    /// Every refused or failed file with its reason.
    pub problems: Vec<FileResult>,
    /// What reading again changed, for each file read again whose reading changed.
    pub changes: Vec<ReadingChange>,
}

impl Summary {
    /// True when every file was stored or already present.
    pub fn all_ok(&self) -> bool {
        self.failed == 0 && self.refused == 0
    }

    fn count(&mut self, r: &FileResult) {
        match &r.outcome {
            FileOutcome::Stored(Status::Ok) => self.stored += 1,
            FileOutcome::Stored(Status::NeedsReview) => {
                self.stored += 1;
                self.needs_review += 1
            }
            FileOutcome::Unchanged => self.unchanged += 1,
            FileOutcome::Reread(_) => self.reread += 1,
            FileOutcome::Refused(_) => self.refused += 1,
            FileOutcome::Failed(_) => self.failed += 1,
        }
        if matches!(r.outcome, FileOutcome::Refused(_) | FileOutcome::Failed(_)) {
            self.problems.push(r.clone());
        }
    }
}

/// What a worker thread hands the storing thread.
enum Work {
    Known { path: PathBuf, sha256: String, started: Instant },
    /// `stale`: the content is stored, read under older rules; this reading replaces it.
    Read { path: PathBuf, sha256: String, size: u64, output: WorkerOutput, stale: bool, started: Instant },
    Refused { path: PathBuf, sha256: String, size: u64, reason: String, started: Instant },
    Done(FileResult),
}

/// Ingest `files` into `store` with `jobs` workers at a time, calling `on_file` as each file
/// is finished. The register keeps each file's bytes ([`Store::blobs`]). Files already in the
/// register (same content) are not read again, unless older reading rules read them: then
/// they are, and what changed is in [`Summary::changes`].
pub fn ingest(
    store: &mut Store,
    files: &[PathBuf],
    worker: &WorkerCommand,
    limits: &Limits,
    jobs: usize,
    mut on_file: impl FnMut(&FileResult),
) -> Result<Summary, lacs_store::StoreError> {
    let started = Instant::now();
    let known = files_known(store)?;
    let blobs = store.blobs().cloned();
    let next = AtomicUsize::new(0);
    let mut summary = Summary { files: files.len(), ..Default::default() };
    let (tx, rx) = mpsc::sync_channel::<Work>(jobs * 2);
    std::thread::scope(|scope| -> Result<(), lacs_store::StoreError> {
        for _ in 0..jobs.max(1) {
            let tx = tx.clone();
            let (next, known, blobs) = (&next, &known, blobs.as_ref());
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                if tx.send(prepare(path, known, blobs, worker, limits)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for work in rx {
            let result = match work {
                Work::Done(r) => r,
                Work::Known { path, sha256, started } => {
                    store.add_source(&sha256, &source(&path))?;
                    FileResult { path, outcome: FileOutcome::Unchanged, millis: started.elapsed().as_millis() as u64 }
                }
                Work::Read { path, sha256, size, output, stale, started } => {
                    let outcome = match output {
                        WorkerOutput::Read(report) => {
                            let doc = new_document(&path, sha256, size, report);
                            if stale {
                                store.add_source(&doc.sha256, &doc.source)?;
                                let change = store.replace_reading(&doc)?;
                                let status = store_status(store, &doc.sha256)?;
                                if !change.is_unchanged() {
                                    summary.changes.push(change);
                                }
                                FileOutcome::Reread(status)
                            } else {
                                match store.store(&doc)? {
                                    Outcome::Stored(s) => FileOutcome::Stored(s),
                                    Outcome::Unchanged | Outcome::Refused => FileOutcome::Unchanged,
                                }
                            }
                        }
                        WorkerOutput::Unreadable(reason) => FileOutcome::Failed(reason),
                    };
                    FileResult { path, outcome, millis: started.elapsed().as_millis() as u64 }
                }
                Work::Refused { path, sha256, size, reason, started } => {
                    let doc = RefusedDocument { sha256, source: source(&path), size, reason: reason.clone() };
                    store.store_refused(&doc)?;
                    FileResult { path, outcome: FileOutcome::Refused(reason), millis: started.elapsed().as_millis() as u64 }
                }
            };
            summary.count(&result);
            on_file(&result);
        }
        Ok(())
    })?;
    summary.elapsed_seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

fn source(path: &Path) -> Source {
    Source { source_file: path.display().to_string(), folder_urn: Hints::from_path(path).folder_urn }
}

/// A reading ready to store: `named` is the path whose name gives the hints (folder URN,
/// date in the file name).
pub(crate) fn new_document(named: &Path, sha256: String, size: u64, report: lacs_domain::ReadReport) -> NewDocument {
    let published = lacs_extract::publication_date(&report, &Hints::from_path(named));
    NewDocument {
        sha256,
        source: source(named),
        size,
        report,
        published,
        reading_rules: lacs_extract::READING_RULES.to_string(),
    }
}

/// The status a document has now, its answers applied.
pub(crate) fn store_status(store: &Store, sha256: &str) -> Result<Status, lacs_store::StoreError> {
    Ok(store.reviewed_document(sha256)?.map_or(Status::NeedsReview, |d| d.reviewed.status))
}

/// Content already stored: true where its reading was made under the current rules.
fn files_known(store: &Store) -> Result<HashMap<String, bool>, lacs_store::StoreError> {
    let stale: HashSet<String> =
        store.stale_documents(lacs_extract::READING_RULES)?.into_iter().map(|d| d.sha256).collect();
    Ok(store.document_hashes()?.into_iter().map(|sha| (sha.clone(), !stale.contains(&sha))).collect())
}

/// Read, hash, keep and (unless known under the current rules) extract one file, in a worker
/// thread.
fn prepare(path: &Path, known: &HashMap<String, bool>, blobs: Option<&Blobs>, worker: &WorkerCommand, limits: &Limits) -> Work {
    let started = Instant::now();
    let done = |outcome| Work::Done(FileResult { path: path.to_path_buf(), outcome, millis: started.elapsed().as_millis() as u64 });
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => return done(FileOutcome::Failed(format!("cannot read: {e}"))),
    };
    if size > limits.max_file_mb * 1024 * 1024 {
        return done(FileOutcome::Failed(format!(
            "file is {} MiB, over the {} MiB limit",
            size / (1024 * 1024),
            limits.max_file_mb
        )));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return done(FileOutcome::Failed(format!("cannot read: {e}"))),
    };
    let sha256 = hex(&Sha256::digest(&bytes));
    // The register keeps every document's bytes, so nothing depends on this path later.
    if let Some(blobs) = blobs {
        if let Err(e) = blobs.put(&sha256, &bytes) {
            return done(FileOutcome::Failed(format!("cannot keep a copy: {e}")));
        }
    }
    let stale = match known.get(&sha256) {
        Some(true) => return Work::Known { path: path.to_path_buf(), sha256, started },
        Some(false) => true,
        None => false,
    };
    match lacs_pdftext::check_complete(&bytes) {
        Ok(()) => {}
        Err(e @ lacs_pdftext::PdfError::Html) => {
            return Work::Refused { path: path.to_path_buf(), sha256, size, reason: e.to_string(), started }
        }
        Err(e) => return done(FileOutcome::Failed(e.to_string())),
    }
    drop(bytes);
    match run(worker, path, None, limits) {
        Ok(output) => Work::Read { path: path.to_path_buf(), sha256, size, output, stale, started },
        Err(reason) => done(FileOutcome::Failed(reason)),
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Run one worker on one file within the limits; `named` is the path whose name gives the
/// reader its hints, where that is not the file's own (a document read from the register's
/// copy).
pub(crate) fn run(worker: &WorkerCommand, path: &Path, named: Option<&Path>, limits: &Limits) -> Result<WorkerOutput, String> {
    let mut command = Command::new(&worker.program);
    command.args(&worker.args);
    if let Some(named) = named {
        command.arg("--name-as").arg(named);
    }
    let mut child = command
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start a reader process ({}): {e}", worker.program.display()))?;
    // Drain both pipes while waiting, so a chatty worker never blocks on a full pipe.
    let mut stdout = child.stdout.take().ok_or("reader process has no stdout")?;
    let mut stderr = child.stderr.take().ok_or("reader process has no stderr")?;
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).map(|_| buf)
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let status = match child.wait_timeout(limits.timeout) {
        Ok(Some(status)) => status,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("took longer than {} to read; stopped", human(limits.timeout)));
        }
        Err(e) => return Err(format!("lost the reader process: {e}")),
    };
    let out = out_reader.join().ok().and_then(Result::ok).unwrap_or_default();
    let err = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    if !status.success() {
        return Err(explain_failure(status, &err, limits));
    }
    serde_json::from_slice(&out).map_err(|e| format!("reader process gave an unreadable answer: {e}"))
}

fn human(d: Duration) -> String {
    format!("{} s", d.as_secs_f64())
}

/// Words for a worker that died.
fn explain_failure(status: std::process::ExitStatus, stderr: &str, limits: &Limits) -> String {
    if stderr.contains("memory allocation of") || stderr.contains("capacity overflow") {
        return format!("needs more than the {} MiB memory limit to read (a decompression bomb?)", limits.max_memory_mb);
    }
    if stderr.contains("has overflowed its stack") {
        return "objects nested too deeply, or in a cycle, to read (stack overflow)".to_string();
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return format!("reader process crashed (signal {sig})");
        }
    }
    let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    format!("reader process failed ({status}){}", if last.is_empty() { String::new() } else { format!(": {last}") })
}
