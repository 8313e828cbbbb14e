//! Reading again every stored document that older reading rules read: from the register's
//! copy of its bytes (else from a path it came from that still holds the same content), in
//! the same bounded worker processes as ingest, each new reading stored in its own
//! transaction with what it changed.

use crate::supervise::{hex, new_document, run, store_status};
use crate::{Limits, WorkerCommand, WorkerOutput};
use lacs_domain::Status;
use lacs_store::{ReadingChange, StaleDocument, Store, StoreError};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

/// What happened to one document.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RereadOutcome {
    /// Read again; `change` says what changed (nothing, possibly).
    Read { status: Status, change: ReadingChange },
    /// Not read again; its reading stays as it was.
    Failed { sha256: String, source_file: Option<String>, reason: String },
}

/// The closing summary of `lacs reread`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct RereadSummary {
    /// The rules the documents were read under now.
    pub reading_rules: String,
    /// Documents read under older rules.
    pub documents: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Changed for the worse: a value lost, fewer findings, a new doubt.
    pub worse: usize,
    pub failed: usize,
    pub elapsed_seconds: f64,
    /// Every document whose reading changed, with its changes field by field.
    pub changes: Vec<ReadingChange>,
    /// Every document that could not be read again, with the reason.
    pub problems: Vec<RereadOutcome>,
}

enum Work {
    Read { doc: StaleDocument, path: PathBuf, output: Box<WorkerOutput> },
    Failed { doc: StaleDocument, reason: String },
}

/// Read again, `jobs` at a time, every document of `store` that rules other than the current
/// ones read, calling `on_document` as each is done. People's answers are untouched.
pub fn reread(
    store: &mut Store,
    worker: &WorkerCommand,
    limits: &Limits,
    jobs: usize,
    mut on_document: impl FnMut(&RereadOutcome),
) -> Result<RereadSummary, StoreError> {
    let started = Instant::now();
    let stale = store.stale_documents(lacs_extract::READING_RULES)?;
    let blobs = store.blobs().cloned();
    let mut summary = RereadSummary {
        reading_rules: lacs_extract::READING_RULES.to_string(),
        documents: stale.len(),
        ..Default::default()
    };
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<Work>(jobs * 2);
    std::thread::scope(|scope| -> Result<(), StoreError> {
        for _ in 0..jobs.max(1) {
            let tx = tx.clone();
            let (next, stale, blobs) = (&next, &stale, blobs.as_ref());
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(doc) = stale.get(i) else { break };
                let work = match bytes_of(doc, blobs) {
                    Err(reason) => Work::Failed { doc: doc.clone(), reason },
                    Ok(path) => {
                        let named = doc.sources.first().map(PathBuf::from);
                        match run(worker, &path, named.as_deref(), limits) {
                            Ok(output) => Work::Read { doc: doc.clone(), path, output: Box::new(output) },
                            Err(reason) => Work::Failed { doc: doc.clone(), reason },
                        }
                    }
                };
                if tx.send(work).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for work in rx {
            let outcome = match work {
                Work::Read { doc, path, output } => match *output {
                    WorkerOutput::Read(report) => {
                        let named = doc.sources.first().map_or(path, PathBuf::from);
                        let new = new_document(&named, doc.sha256.clone(), doc.size, report);
                        let change = store.replace_reading(&new)?;
                        RereadOutcome::Read { status: store_status(store, &doc.sha256)?, change }
                    }
                    WorkerOutput::Unreadable(reason) => failed(doc, reason),
                },
                Work::Failed { doc, reason } => failed(doc, reason),
            };
            match &outcome {
                RereadOutcome::Read { change, .. } if change.is_unchanged() => summary.unchanged += 1,
                RereadOutcome::Read { change, .. } => {
                    summary.changed += 1;
                    summary.worse += usize::from(change.worse);
                    summary.changes.push(change.clone());
                }
                RereadOutcome::Failed { .. } => {
                    summary.failed += 1;
                    summary.problems.push(outcome.clone());
                }
            }
            on_document(&outcome);
        }
        Ok(())
    })?;
    summary.elapsed_seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

fn failed(doc: StaleDocument, reason: String) -> RereadOutcome {
    RereadOutcome::Failed { source_file: doc.sources.first().cloned(), sha256: doc.sha256, reason }
}

/// Where the document's bytes are: the register's copy, else a path it came from that still
/// holds the same content (then copied into the register, so the next time needs no path).
fn bytes_of(doc: &StaleDocument, blobs: Option<&lacs_store::Blobs>) -> Result<PathBuf, String> {
    if let Some(blobs) = blobs {
        if blobs.has(&doc.sha256, doc.size) {
            return blobs.path(&doc.sha256).map_err(|e| e.to_string());
        }
    }
    for source in &doc.sources {
        let Ok(bytes) = std::fs::read(Path::new(source)) else { continue };
        if hex(&Sha256::digest(&bytes)) != doc.sha256 {
            continue;
        }
        return match blobs {
            Some(blobs) => blobs.put(&doc.sha256, &bytes).map_err(|e| format!("cannot keep a copy: {e}")),
            None => Ok(PathBuf::from(source)),
        };
    }
    Err(format!(
        "its bytes are not kept beside the register and no path it came from still holds them ({}): ingest the file again",
        if doc.sources.is_empty() { "no path recorded".to_string() } else { doc.sources.join(", ") }
    ))
}
