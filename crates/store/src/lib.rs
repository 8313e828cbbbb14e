//! The register: an embedded SQLite database of stored documents, the judgements read from
//! them, and where each was read; people's answers to its doubts; and, beside it, the bytes
//! of every document by content.
//!
//! **Architecture Invariant:** every document is written in one transaction, together with
//! everything derived from it (its judgements, and the re-inspection status of its LA's other
//! SIFs). A killed process leaves the register as it was before that document.
//!
//! **Architecture Invariant:** the store decides a document's status from the extractor's
//! doubts ([`decide_status`]) and people's answers ([`review::apply`]); the extractor never
//! does.

use lacs_domain::{
    Date, Doubt, DoubtKind, Grade, Judgement, JudgementReading, JudgementSet, Kind, PublishedSource,
    ReadReport, Status,
};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;

mod blobs;
mod findings;
mod official;
mod record;
mod reread;
pub mod review;
mod runs;
mod search_terms;
mod site;
pub use blobs::{BlobError, Blobs};
pub use findings::{FindingRow, PageHit, SearchFilter, SearchHit, SearchPage};
pub use record::InspectionRecord;
pub use runs::SyncRun;
pub use reread::{FieldChange, ReadingChange, StaleDocument};
pub use search_terms::match_expression;
pub use review::{Answer, AnswerAction, AnswerError, Reading, Reviewed};
pub use site::{ListedPublication, SiteFetch, SitePage};

/// Schema version stored in `PRAGMA user_version`. Every change only adds (`CREATE … IF NOT
/// EXISTS` in `schema.sql`, and columns by [`migrate`]), so opening an older register
/// upgrades it in one transaction. 2: `official_doubts`. 3: `pages` and `pages_fts` (every
/// page's text; documents stored before have none), `findings.number`. 4: `answers` (people's
/// answers to doubts), `documents.reading_rules`. 5: `site_publications` and `site_pages`
/// (what the reports site listed; an older `lacs sync` made the same tables outside the
/// schema version, and a register that has them keeps them and their rows). 6: the
/// publication status `gone` with `site_publications.checked_at` (the table rebuilt with its
/// rows, as SQLite cannot alter a CHECK constraint), and `sync_runs`. 7:
/// `official_rows.visit_theme` (rows imported before have none until imported again). 8: the
/// site kind `jtai` (joint targeted area inspection letters; the table rebuilt as in 6).
const SCHEMA_VERSION: i64 = 8;

/// The first schema version with `pages` and `findings.number`.
const PAGES_VERSION: i64 = 3;

/// The first schema version with the publication status `gone`, `checked_at` and `sync_runs`.
const GONE_VERSION: i64 = 6;

/// The first schema version with `answers` and `documents.reading_rules`.
const ANSWERS_VERSION: i64 = 4;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("register {path}: {source}")]
    Open { path: String, source: rusqlite::Error },
    #[error("register {path} has schema version {found}; this lacs knows version {SCHEMA_VERSION} (upgrade lacs)")]
    NewerSchema { path: String, found: i64 },
    #[error("register: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("register holds a value it cannot read: {0}")]
    Corrupt(String),
    /// A snapshot's destination: it exists, or cannot be written or moved into place.
    #[error("snapshot {path}: {message}")]
    Snapshot { path: String, message: String },
    /// FTS5 refused a search. Searches go through [`match_expression`], which writes only
    /// valid expressions, so this is a defence, not something a user's typing can cause.
    #[error("search query {query:?} is not valid: {message} (use words, \"quoted phrases\", AND, OR, NOT, and parentheses)")]
    BadSearch { query: String, message: String },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A status word the export shows for a refused document (not a report at all).
pub const REFUSED: &str = "refused";

/// A document read by the extractor, ready to store.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub sha256: String,
    pub source: Source,
    pub size: u64,
    pub report: ReadReport,
    /// Publication date and where it came from (the report's own, else the file name's).
    pub published: Option<(Date, PublishedSource)>,
    /// The reading rules that read it (`lacs_extract::READING_RULES`).
    pub reading_rules: String,
}

/// A file refused as not a report (an HTML page saved as .pdf, say): kept so that the
/// register accounts for every file it was given.
#[derive(Debug, Clone)]
pub struct RefusedDocument {
    pub sha256: String,
    pub source: Source,
    pub size: u64,
    pub reason: String,
}

/// A path a document was ingested from.
#[derive(Debug, Clone)]
pub struct Source {
    pub source_file: String,
    /// The URN in the folder's name, a hint only.
    pub folder_urn: Option<u32>,
}

/// What storing one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stored(Status),
    /// The same content is already in the register.
    Unchanged,
    Refused,
}

/// The status a document gets, and why: any doubt that is not a warning sends it to review.
pub fn decide_status(doubts: &[Doubt]) -> (Status, Option<String>) {
    let reasons: Vec<String> = doubts
        .iter()
        .filter(|d| !d.kind.is_warning())
        .map(|d| format!("{}: {}", d.kind, d.message))
        .collect();
    if reasons.is_empty() {
        (Status::Ok, None)
    } else {
        (Status::NeedsReview, Some(reasons.join("; ")))
    }
}

/// The register.
pub struct Store {
    conn: Connection,
    /// The file's schema version: [`SCHEMA_VERSION`], except for an older register opened
    /// read-only (not upgraded), whose missing tables and columns read as empty.
    version: i64,
    /// The bytes of the documents, beside the register file (none for one in memory).
    blobs: Option<Blobs>,
}

impl Store {
    /// Open (creating if need be) the register at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let open_err = |source| StoreError::Open { path: path.display().to_string(), source };
        let conn = Connection::open(path).map_err(open_err)?;
        let store = Self::init(conn, &path.display().to_string())?;
        Ok(Store { blobs: Some(Blobs::beside(path)), ..store })
    }

    /// Open an existing register for reading only (the web server): nothing is created or
    /// written, and a newer schema is refused as in [`Store::open`].
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let open_err = |source| StoreError::Open { path: path.display().to_string(), source };
        let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(open_err)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(open_err)?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { path: path.display().to_string(), found: version });
        }
        Ok(Store { conn, version, blobs: Some(Blobs::beside(path)) })
    }

    /// Writes a consistent copy of the register to `dest` (SQLite's `VACUUM INTO`: one read
    /// transaction, so a sync writing meanwhile is either wholly in it or not at all), in
    /// rollback-journal mode so that it can be served from a read-only folder. The copy is
    /// made beside `dest` and renamed into place: `dest` is whole or absent. An existing
    /// `dest` is refused. Report files (`cache/`) are not copied: serving does not read them.
    pub fn snapshot_to(&self, dest: &Path) -> Result<()> {
        let err = |message: String| StoreError::Snapshot { path: dest.display().to_string(), message };
        if dest.exists() {
            return Err(err("the file exists; give a new name (a snapshot never overwrites)".into()));
        }
        let name = dest.file_name().ok_or_else(|| err("give a file name".into()))?.to_string_lossy().into_owned();
        let partial = dest.with_file_name(format!(".{name}.partial-{}", std::process::id()));
        let _ = std::fs::remove_file(&partial);
        let made = (|| -> Result<()> {
            let target = partial.to_str().ok_or_else(|| err("the path is not UTF-8".into()))?;
            self.conn.execute("VACUUM INTO ?1", [target])?;
            let copy = Connection::open(&partial)?;
            copy.pragma_update(None, "journal_mode", "DELETE")?;
            let check: String = copy.pragma_query_value(None, "quick_check", |r| r.get(0))?;
            if check != "ok" {
                return Err(err(format!("the copy failed its check: {check}")));
            }
            drop(copy);
            std::fs::rename(&partial, dest).map_err(|e| err(e.to_string()))
        })();
        if made.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        made
    }

    /// A register in memory (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, ":memory:")
    }

    fn init(mut conn: Connection, path: &str) -> Result<Store> {
        let open_err = |source| StoreError::Open { path: path.to_string(), source };
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(open_err)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", true).map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(open_err)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(open_err)?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { path: path.to_string(), found: version });
        }
        if version < SCHEMA_VERSION {
            // One transaction, taking the write lock at once (two processes may open a new
            // register together): a register is upgraded whole or not at all.
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(open_err)?;
            tx.execute_batch(include_str!("schema.sql")).map_err(open_err)?;
            migrate(&tx).map_err(open_err)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION).map_err(open_err)?;
            tx.commit().map_err(open_err)?;
        }
        Ok(Store { conn, version: SCHEMA_VERSION, blobs: None })
    }

    /// Where the register keeps the bytes of its documents: `cache/` beside the register
    /// file; `None` for a register in memory.
    pub fn blobs(&self) -> Option<&Blobs> {
        self.blobs.as_ref()
    }

    /// True when the register keeps pages and paragraph numbers (schema 3 on): false only
    /// for an older register opened read-only.
    pub(crate) fn has_pages(&self) -> bool {
        self.version >= PAGES_VERSION
    }

    /// True when the register keeps answers and reading rules (schema 4 on): false only for
    /// an older register opened read-only, which has no answers.
    pub(crate) fn has_answers(&self) -> bool {
        self.version >= ANSWERS_VERSION
    }

    /// True when a document with this content is stored.
    pub fn contains(&self, sha256: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM documents WHERE sha256 = ?1", [sha256], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Record another path for content already stored. Returns false when the content is
    /// not stored. A path already recorded is a no-op.
    pub fn add_source(&mut self, sha256: &str, source: &Source) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let Some(id) = document_id(&tx, sha256)? else { return Ok(false) };
        if insert_source(&tx, id, source)? {
            touch(&tx)?;
        }
        tx.commit()?;
        Ok(true)
    }

    /// Store one read document, in one transaction. Storing content already present only
    /// records the path.
    pub fn store(&mut self, doc: &NewDocument) -> Result<Outcome> {
        if self.add_source(&doc.sha256, &doc.source)? {
            return Ok(Outcome::Unchanged);
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO documents (sha256, size, page_count, kind, status, ingested_at) VALUES (?1, ?2, 0, ?3, ?4, ?5)",
            params![doc.sha256, doc.size as i64, Kind::Unknown.as_str(), Status::NeedsReview.as_str(), now()],
        )?;
        let id = tx.last_insert_rowid();
        insert_source(&tx, id, &doc.source)?;
        let status = write_reading(&tx, id, doc)?;
        touch(&tx)?;
        tx.commit()?;
        Ok(Outcome::Stored(status))
    }

    /// Record a refused file.
    pub fn store_refused(&mut self, doc: &RefusedDocument) -> Result<Outcome> {
        if self.add_source(&doc.sha256, &doc.source)? {
            return Ok(Outcome::Unchanged);
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO documents (sha256, size, page_count, kind, status, review_reason, ingested_at)
             VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6)",
            params![doc.sha256, doc.size as i64, Kind::NotAReport.as_str(), REFUSED, doc.reason, now()],
        )?;
        insert_source(&tx, tx.last_insert_rowid(), &doc.source)?;
        touch(&tx)?;
        tx.commit()?;
        Ok(Outcome::Refused)
    }

    /// Every stored document as an export record, one per path it was ingested from, ordered
    /// by path: the values as answered (a person's where they gave one), the status they give
    /// and the doubts still unanswered. A refused file's LA is its folder's (it has no text to
    /// read one from).
    pub fn inspection_records(&self) -> Result<Vec<InspectionRecord>> {
        self.inspection_records_of(&self.reviewed_documents()?)
    }

    /// [`Store::inspection_records`] from the reports already loaded by
    /// [`Store::reviewed_documents`] (a reader that needs both loads them once).
    pub fn inspection_records_of(&self, reviewed: &[review::ReviewedDocument]) -> Result<Vec<InspectionRecord>> {
        let reviewed: std::collections::HashMap<i64, &review::ReviewedDocument> = reviewed.iter().map(|d| (d.id, d)).collect();
        let mut stmt = self.conn.prepare(
            "SELECT d.id, s.source_file, d.sha256, d.kind, s.folder_urn, d.status, d.review_reason
             FROM documents d JOIN sources s ON s.document_id = d.id
             ORDER BY s.source_file",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                InspectionRecord {
                    source_file: r.get(1)?,
                    sha256: r.get(2)?,
                    kind: r.get(3)?,
                    urn: r.get(4)?,
                    status: r.get(5)?,
                    review_reason: r.get(6)?,
                    ..Default::default()
                },
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, mut rec) = row?;
            if let Some(doc) = reviewed.get(&id) {
                rec.set_reviewed(&doc.reviewed);
            }
            rec.fill_authority();
            out.push(rec);
        }
        Ok(out)
    }

    /// Records of the documents awaiting review (a doubt no answer covers), with their reasons.
    pub fn review_list(&self) -> Result<Vec<InspectionRecord>> {
        Ok(self.inspection_records()?.into_iter().filter(|r| r.status == Status::NeedsReview.as_str()).collect())
    }

    /// Grades of every document (or of the one with this sha256), by document id.
    pub(crate) fn grades_by_document(&self, sha256: Option<&str>) -> Result<std::collections::HashMap<i64, JudgementSet>> {
        let mut stmt = self.conn.prepare(
            "SELECT j.document_id, j.judgement, j.grade FROM judgements j JOIN documents d ON d.id = j.document_id
             WHERE ?1 IS NULL OR d.sha256 = ?1",
        )?;
        let mut map: std::collections::HashMap<i64, JudgementSet> = Default::default();
        let mut rows = stmt.query([sha256])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let j: Judgement = parse_word(&r.get::<_, String>(1)?)?;
            let g: Grade = parse_word(&r.get::<_, String>(2)?)?;
            map.entry(id).or_default().set(j, Some(g));
        }
        Ok(map)
    }

    /// The judgements of one document with their provenance.
    pub fn readings(&self, sha256: &str) -> Result<Vec<JudgementReading>> {
        let mut stmt = self.conn.prepare(
            "SELECT j.judgement, j.grade, j.page, j.text FROM judgements j JOIN documents d ON d.id = j.document_id
             WHERE d.sha256 = ?1 ORDER BY j.judgement",
        )?;
        let rows = stmt.query_map([sha256], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, u32>(2)?, r.get::<_, String>(3)?))
        })?;
        rows.map(|row| {
            let (j, g, page, text) = row?;
            Ok(JudgementReading { judgement: parse_word(&j)?, grade: parse_word(&g)?, page, text })
        })
        .collect()
    }

    /// When the register last changed (RFC 3339), if ever.
    pub fn last_updated(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'last_updated'", [], |r| r.get(0))
            .optional()?)
    }

    /// Counts by status.
    pub fn counts(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare("SELECT status, COUNT(*) FROM documents GROUP BY status ORDER BY status")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// Write what was read of document `id` (its row's read values, judgements, findings and
/// pages), replacing any earlier reading, and the re-inspection status of its LA's SIFs.
/// Returns the status the doubts give it (before any person's answer).
pub(crate) fn write_reading(tx: &Connection, id: i64, doc: &NewDocument) -> Result<Status> {
    let mut doubts = doc.report.doubts.clone();
    if doc.published.is_none() {
        doubts.push(Doubt::new(DoubtKind::Published, "no publication date in the report or the file name"));
    }
    let (status, reason) = decide_status(&doubts);
    let kind = doc.report.kind.unwrap_or(Kind::Unknown);
    let old_urn: Option<u32> = tx.query_row("SELECT urn FROM documents WHERE id = ?1", [id], |r| r.get(0))?;
    tx.execute(
        "UPDATE documents SET page_count = ?2, kind = ?3, titled_reinspection = ?4, title = ?5, urn = ?6,
            inspection_start = ?7, inspection_end = ?8, on_site_days = ?9, published = ?10, published_source = ?11,
            lead_inspector = ?12, status = ?13, review_reason = ?14, doubts = ?15, reading_rules = ?16
         WHERE id = ?1",
        params![
            id,
            doc.report.page_count,
            kind.as_str(),
            doc.report.titled_reinspection,
            doc.report.title,
            doc.report.urn,
            doc.report.inspection_start.map(|d| d.to_string()),
            doc.report.inspection_end.map(|d| d.to_string()),
            doc.report.on_site_days,
            doc.published.map(|(d, _)| d.to_string()),
            doc.published.map(|(_, s)| s.as_str()),
            (!doc.report.lead_inspectors.is_empty()).then(|| doc.report.lead_inspectors.join("; ")),
            status.as_str(),
            reason,
            serde_json::to_string(&doubts).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            doc.reading_rules,
        ],
    )?;
    for table in ["judgements", "findings", "pages"] {
        tx.execute(&format!("DELETE FROM {table} WHERE document_id = ?1"), [id])?;
    }
    let mut insert =
        tx.prepare("INSERT INTO judgements (document_id, judgement, grade, page, text) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for r in &doc.report.judgements {
        insert.execute(params![id, r.judgement.as_str(), r.grade.as_str(), r.page, r.text])?;
    }
    // In the order the report prints them: `id` keeps report order.
    let mut insert = tx.prepare(
        "INSERT INTO findings (document_id, section, judgement, position, page, text, number)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for f in &doc.report.findings {
        let judgement = f.judgement.map_or("", |j| j.as_str());
        insert.execute(params![id, f.section.as_str(), judgement, f.position, f.page, f.text, f.number])?;
    }
    let mut insert = tx.prepare("INSERT INTO pages (document_id, page, text) VALUES (?1, ?2, ?3)")?;
    for (i, text) in doc.report.pages.iter().enumerate() {
        insert.execute(params![id, i as i64 + 1, text])?;
    }
    for urn in [old_urn, doc.report.urn].into_iter().flatten() {
        reclassify_sifs(tx, urn)?;
    }
    Ok(status)
}

/// What `CREATE … IF NOT EXISTS` cannot do: columns added to existing tables.
fn migrate(tx: &Connection) -> rusqlite::Result<()> {
    let has_number: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('findings') WHERE name = 'number')",
        [],
        |r| r.get(0),
    )?;
    if !has_number {
        tx.execute_batch("ALTER TABLE findings ADD COLUMN number INTEGER")?;
    }
    let has_rules: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('documents') WHERE name = 'reading_rules')",
        [],
        |r| r.get(0),
    )?;
    if !has_rules {
        tx.execute_batch("ALTER TABLE documents ADD COLUMN reading_rules TEXT")?;
    }
    if !column_exists(tx, "official_rows", "visit_theme")? {
        tx.execute_batch("ALTER TABLE official_rows ADD COLUMN visit_theme TEXT")?;
    }
    site::migrate_publications(tx)?;
    Ok(())
}

/// Whether `table` has `column` (an older register opened read-only may lack a newer one).
pub(crate) fn column_exists(conn: &Connection, table: &str, column: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2)",
        [table, column],
        |r| r.get(0),
    )
}

fn document_id(tx: &Connection, sha256: &str) -> Result<Option<i64>> {
    Ok(tx.query_row("SELECT id FROM documents WHERE sha256 = ?1", [sha256], |r| r.get(0)).optional()?)
}

/// Record a path for a document; false when it was already recorded.
fn insert_source(tx: &Connection, document_id: i64, source: &Source) -> Result<bool> {
    let folder_urn = source.folder_urn.filter(|u| lacs_authorities::by_urn(*u).is_some());
    let n = tx.execute(
        "INSERT INTO sources (source_file, document_id, folder_urn, first_seen) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (source_file) DO NOTHING",
        params![source.source_file, document_id, folder_urn, now()],
    )?;
    Ok(n > 0)
}

pub(crate) fn parse_word<T: std::str::FromStr<Err = lacs_domain::UnknownWord>>(s: &str) -> Result<T> {
    s.parse().map_err(|e: lacs_domain::UnknownWord| StoreError::Corrupt(e.to_string()))
}

pub(crate) fn now() -> String {
    jiff::Timestamp::now().to_string()
}

pub(crate) fn touch(tx: &Connection) -> Result<()> {
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('last_updated', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [now()],
    )?;
    Ok(())
}

/// A SIF whose title does not say "re-inspection" is one when the LA already had an earlier
/// SIF. Recomputed for the whole LA on every store, so the result never depends on the order
/// reports arrive in.
fn reclassify_sifs(tx: &Connection, urn: u32) -> Result<()> {
    let mut stmt = tx.prepare(
        "SELECT id, titled_reinspection, inspection_start FROM documents
         WHERE urn = ?1 AND kind IN ('sif', 'sif_reinspection') ORDER BY inspection_start, id",
    )?;
    let sifs: Vec<(i64, bool, Option<String>)> =
        stmt.query_map([urn], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<std::result::Result<_, _>>()?;
    let mut earliest_start: Option<&str> = None;
    for (id, titled, start) in &sifs {
        let later = match (earliest_start, start.as_deref()) {
            (Some(first), Some(this)) => this > first,
            _ => false,
        };
        let kind = if *titled || later { Kind::SifReinspection } else { Kind::Sif };
        tx.execute("UPDATE documents SET kind = ?1 WHERE id = ?2", params![kind.as_str(), id])?;
        if earliest_start.is_none() {
            earliest_start = start.as_deref();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
