//! Reading stored documents again under newer rules: which readings are stale, and what a new
//! reading changed, field by field, with the changes for the worse named as such.
//!
//! **Architecture Invariant:** a new reading replaces the machine's values only; people's
//! answers are kept by content in their own table and apply to the new reading as to the old.

use crate::review::{apply, Reading, ReviewedDocument};
use crate::{write_reading, NewDocument, Result, Store, StoreError};
use lacs_domain::{Doubt, Field, Status};
use rusqlite::params;

/// A stored document read under other rules than the current ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleDocument {
    pub sha256: String,
    pub size: u64,
    /// Every path it was ingested from, in order (the first gives the reader its hints).
    pub sources: Vec<String>,
    /// The folder URN recorded with the first path.
    pub folder_urn: Option<u32>,
    /// The rules that made its reading (`None`: before readings recorded them).
    pub reading_rules: Option<String>,
}

/// One value that a new reading changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldChange {
    /// A field of the export record, or `findings`, `pages`, `status`.
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// A value lost, fewer findings, or a status that now needs review.
    pub worse: bool,
}

/// What reading one document again changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ReadingChange {
    pub sha256: String,
    pub source_file: String,
    pub rules_before: Option<String>,
    pub rules_after: String,
    /// Values of the machine's reading that changed (people's answers aside), and the status
    /// the document has with its answers.
    pub changes: Vec<FieldChange>,
    /// Doubts the new reading has that the old did not.
    pub doubts_added: Vec<Doubt>,
    /// Doubts the old reading had that the new does not.
    pub doubts_removed: Vec<Doubt>,
    /// How many answers of people the document has (they stand, applied to the new reading).
    pub answers: usize,
    /// True when anything was lost or a new doubt came.
    pub worse: bool,
}

impl ReadingChange {
    pub fn is_unchanged(&self) -> bool {
        self.changes.is_empty() && self.doubts_added.is_empty() && self.doubts_removed.is_empty()
    }
}

impl Store {
    /// The sha256 of every stored document.
    pub fn document_hashes(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT sha256 FROM documents")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Stored reports (refused files aside) whose reading was made under rules other than
    /// `current`, oldest first.
    pub fn stale_documents(&self, current: &str) -> Result<Vec<StaleDocument>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.sha256, d.size, d.reading_rules, s.source_file, s.folder_urn
             FROM documents d LEFT JOIN sources s ON s.document_id = d.id
             WHERE d.status != 'refused' AND (d.reading_rules IS NULL OR d.reading_rules != ?1)
             ORDER BY d.id, s.first_seen, s.source_file",
        )?;
        let mut rows = stmt.query([current])?;
        let mut out: Vec<StaleDocument> = Vec::new();
        while let Some(r) = rows.next()? {
            let sha256: String = r.get(0)?;
            let source: Option<String> = r.get(3)?;
            match out.last_mut() {
                Some(last) if last.sha256 == sha256 => last.sources.extend(source),
                _ => out.push(StaleDocument {
                    sha256,
                    size: r.get::<_, i64>(1)? as u64,
                    reading_rules: r.get(2)?,
                    sources: source.into_iter().collect(),
                    folder_urn: r.get(4)?,
                }),
            }
        }
        Ok(out)
    }

    /// Replace a stored document's reading with a new one, in one transaction, and say what
    /// changed. The document's paths and people's answers stay.
    pub fn replace_reading(&mut self, doc: &NewDocument) -> Result<ReadingChange> {
        let before = self.reviewed_document(&doc.sha256)?;
        let tx = self.conn.transaction()?;
        let (id, rules_before): (i64, Option<String>) = tx
            .query_row(
                "SELECT id, reading_rules FROM documents WHERE sha256 = ?1 AND status != 'refused'",
                [&doc.sha256],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => {
                    StoreError::Corrupt(format!("document {} is not stored as a report", doc.sha256))
                }
                e => e.into(),
            })?;
        let counts = |tx: &rusqlite::Connection| -> Result<(i64, i64)> {
            Ok((
                tx.query_row("SELECT COUNT(*) FROM findings WHERE document_id = ?1", [id], |r| r.get(0))?,
                tx.query_row("SELECT COUNT(*) FROM pages WHERE document_id = ?1", [id], |r| r.get(0))?,
            ))
        };
        let (findings_before, pages_before) = counts(&tx)?;
        write_reading(&tx, id, doc)?;
        let (findings_after, pages_after) = counts(&tx)?;
        tx.execute("UPDATE documents SET size = ?2 WHERE id = ?1", params![id, doc.size as i64])?;
        crate::touch(&tx)?;
        tx.commit()?;
        let after = self.reviewed_document(&doc.sha256)?;
        let (Some(before), Some(after)) = (before, after) else {
            return Err(StoreError::Corrupt(format!("document {} vanished while read again", doc.sha256)));
        };
        let mut changes = value_changes(&before.read, &after.read);
        for (field, b, a) in [("findings", findings_before, findings_after), ("pages", pages_before, pages_after)] {
            if b != a {
                changes.push(FieldChange { field: field.into(), before: Some(b.to_string()), after: Some(a.to_string()), worse: a < b });
            }
        }
        let (status_before, status_after) = (before.reviewed.status, after.reviewed.status);
        if status_before != status_after {
            changes.push(FieldChange {
                field: "status".into(),
                before: Some(status_before.to_string()),
                after: Some(status_after.to_string()),
                worse: status_after == Status::NeedsReview,
            });
        }
        let doubts_added: Vec<Doubt> =
            after.read.doubts.iter().filter(|d| !before.read.doubts.iter().any(|b| b.same_as(d))).cloned().collect();
        let doubts_removed: Vec<Doubt> =
            before.read.doubts.iter().filter(|d| !after.read.doubts.iter().any(|a| a.same_as(d))).cloned().collect();
        let worse = changes.iter().any(|c| c.worse) || doubts_added.iter().any(|d| !d.kind.is_warning());
        Ok(ReadingChange {
            sha256: doc.sha256.clone(),
            source_file: doc.source.source_file.clone(),
            rules_before,
            rules_after: doc.reading_rules.clone(),
            changes,
            doubts_added,
            doubts_removed,
            answers: after.answers.len(),
            worse,
        })
    }

    /// One stored report as read and as answered; `None` when not stored or refused.
    pub fn reviewed_document(&self, sha256: &str) -> Result<Option<ReviewedDocument>> {
        let Some(read) = self.reading(sha256)? else { return Ok(None) };
        let answers = self.answers_of(sha256)?;
        let id: i64 = self.conn.query_row("SELECT id FROM documents WHERE sha256 = ?1", [sha256], |r| r.get(0))?;
        let reviewed = apply(&read, &answers.iter().collect::<Vec<_>>());
        Ok(Some(ReviewedDocument { id, sha256: sha256.to_string(), read, reviewed, answers }))
    }
}

/// Every field of the record whose read value differs; a value lost is worse.
fn value_changes(before: &Reading, after: &Reading) -> Vec<FieldChange> {
    Field::all()
        .filter_map(|f| {
            let (b, a) = (before.value(f), after.value(f));
            (b != a).then(|| FieldChange { field: f.name().to_string(), worse: b.is_some() && a.is_none(), before: b, after: a })
        })
        .collect()
}
