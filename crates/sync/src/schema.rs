//! This crate's tables in the register: what the reports site told us, kept with the reports.
//!
//! - `site_publications`: one row per (provider URN, file id) seen on a provider page, with
//!   the link text, the file's address, what the link text says it is, the date in the link
//!   text, and once fetched its sha256 (the key of `documents`) and where it sits in the cache.
//!   The read side turns ungraded visit letters into events of the LA and links a stored report
//!   to Ofsted's copy by sha256.
//! - `site_pages`: each listing or provider page's validators (ETag, Last-Modified) and what
//!   was read from it, so that a 304 answer needs no new parse.

use crate::KindHint;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS site_publications (
    urn           INTEGER NOT NULL,   -- the provider page's URN (a hint; the report's text names its LA)
    file_id       TEXT NOT NULL,      -- last segment of the file's address
    link_text     TEXT NOT NULL,      -- span.nonvisual, whitespace collapsed
    url           TEXT NOT NULL,      -- the file's address as the site gave it
    kind_hint     TEXT NOT NULL CHECK (kind_hint IN ('report', 'focused_visit', 'monitoring_visit', 'other')),
    published     TEXT,               -- yyyy-mm-dd, the date in the link text
    la_name       TEXT,               -- the LA's name in the listing
    provider_url  TEXT,               -- the provider page
    sha256        TEXT,               -- NULL until fetched
    size          INTEGER,
    cache_path    TEXT,               -- cache/<sha256[0..2]>/<sha256>.pdf
    ingested_as   TEXT,               -- reports: the path given to ingest (sources.source_file)
    etag          TEXT,
    last_modified TEXT,
    fetched_at    TEXT,
    confirmed     INTEGER,            -- visit letters: 1 when page 1 names the visit, 0 when not
    status        TEXT NOT NULL DEFAULT 'listed'
                  CHECK (status IN ('listed', 'cached', 'stored', 'recorded', 'failed', 'unreadable', 'skipped')),
    error         TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    first_seen    TEXT NOT NULL,
    last_seen     TEXT NOT NULL,
    PRIMARY KEY (urn, file_id)
);
CREATE INDEX IF NOT EXISTS site_publications_sha256 ON site_publications (sha256);
CREATE INDEX IF NOT EXISTS site_publications_file ON site_publications (file_id);

CREATE TABLE IF NOT EXISTS site_pages (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    fetched_at    TEXT NOT NULL,
    links         TEXT NOT NULL       -- what was read from the page, JSON
);
";

/// Create this crate's tables if they are missing.
pub fn ensure_schema(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(SCHEMA)
}

/// Where a publication stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicationStatus {
    /// Seen on the site, not fetched yet.
    Listed,
    /// Downloaded, checked and in the cache; not yet read into the register (an interrupted run).
    Cached,
    /// A report whose content is in the register.
    Stored,
    /// A visit letter in the cache, its first page checked: an ungraded event of the LA.
    Recorded,
    /// The download failed (`error` says why); tried again next run.
    Failed,
    /// In the cache but could not be read (`error` says why); read again next run, not fetched.
    Unreadable,
    /// Neither a report nor a visit letter: recorded, not fetched.
    Skipped,
}

impl PublicationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PublicationStatus::Listed => "listed",
            PublicationStatus::Cached => "cached",
            PublicationStatus::Stored => "stored",
            PublicationStatus::Recorded => "recorded",
            PublicationStatus::Failed => "failed",
            PublicationStatus::Unreadable => "unreadable",
            PublicationStatus::Skipped => "skipped",
        }
    }

    fn parse(s: &str) -> PublicationStatus {
        [
            PublicationStatus::Listed,
            PublicationStatus::Cached,
            PublicationStatus::Stored,
            PublicationStatus::Recorded,
            PublicationStatus::Failed,
            PublicationStatus::Unreadable,
            PublicationStatus::Skipped,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .unwrap_or(PublicationStatus::Listed)
    }
}

/// One publication as the site listed it, and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SitePublication {
    pub urn: u32,
    pub file_id: String,
    pub link_text: String,
    /// Ofsted's copy.
    pub url: String,
    pub kind_hint: KindHint,
    /// The date in the link text (`yyyy-mm-dd`).
    pub published: Option<String>,
    pub la_name: Option<String>,
    pub provider_url: Option<String>,
    pub sha256: Option<String>,
    pub size: Option<u64>,
    pub cache_path: Option<String>,
    pub ingested_as: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub fetched_at: Option<String>,
    /// Visit letters: whether page 1 names the visit (None: not checked yet).
    pub confirmed: Option<bool>,
    pub status: PublicationStatus,
    pub error: Option<String>,
    pub attempts: u32,
    pub first_seen: String,
    pub last_seen: String,
}

impl SitePublication {
    /// An ungraded event of the LA (a focused or monitoring visit letter we hold).
    pub fn is_visit_event(&self) -> bool {
        self.kind_hint.is_visit() && self.status == PublicationStatus::Recorded
    }
}

const COLUMNS: &str = "urn, file_id, link_text, url, kind_hint, published, la_name, provider_url, sha256, size,
    cache_path, ingested_as, etag, last_modified, fetched_at, confirmed, status, error, attempts, first_seen, last_seen";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<SitePublication> {
    let kind: String = r.get(4)?;
    let status: String = r.get(16)?;
    Ok(SitePublication {
        urn: r.get(0)?,
        file_id: r.get(1)?,
        link_text: r.get(2)?,
        url: r.get(3)?,
        kind_hint: KindHint::parse(&kind).unwrap_or(KindHint::Other),
        published: r.get(5)?,
        la_name: r.get(6)?,
        provider_url: r.get(7)?,
        sha256: r.get(8)?,
        size: r.get::<_, Option<i64>>(9)?.map(|n| n as u64),
        cache_path: r.get(10)?,
        ingested_as: r.get(11)?,
        etag: r.get(12)?,
        last_modified: r.get(13)?,
        fetched_at: r.get(14)?,
        confirmed: r.get(15)?,
        status: PublicationStatus::parse(&status),
        error: r.get(17)?,
        attempts: r.get(18)?,
        first_seen: r.get(19)?,
        last_seen: r.get(20)?,
    })
}

/// Every publication the site has listed, by URN, date and file id. Empty when `lacs sync`
/// never ran on this register (the table may not exist; this never creates it).
pub fn site_publications(conn: &Connection) -> rusqlite::Result<Vec<SitePublication>> {
    if !table_exists(conn, "site_publications")? {
        return Ok(Vec::new());
    }
    let mut stmt =
        conn.prepare(&format!("SELECT {COLUMNS} FROM site_publications ORDER BY urn, published, file_id"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.collect()
}

fn table_exists(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", [name], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(crate) fn now() -> String {
    jiff::Timestamp::now().round(jiff::Unit::Second).unwrap_or_else(|_| jiff::Timestamp::now()).to_string()
}

/// One publication's row, if any.
pub(crate) fn get(conn: &Connection, urn: u32, file_id: &str) -> rusqlite::Result<Option<SitePublication>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM site_publications WHERE urn = ?1 AND file_id = ?2"),
        params![urn, file_id],
        from_row,
    )
    .optional()
}

/// A row of the same file (by id, under any URN) whose content we already know.
pub(crate) fn known_file(conn: &Connection, file_id: &str) -> rusqlite::Result<Option<SitePublication>> {
    conn.query_row(
        &format!(
            "SELECT {COLUMNS} FROM site_publications WHERE file_id = ?1 AND sha256 IS NOT NULL
             ORDER BY fetched_at LIMIT 1"
        ),
        [file_id],
        from_row,
    )
    .optional()
}

/// What a provider page says about one publication.
pub(crate) struct Listed<'a> {
    pub urn: u32,
    pub file_id: &'a str,
    pub link_text: &'a str,
    pub url: &'a str,
    pub kind: KindHint,
    pub published: Option<String>,
    pub la_name: &'a str,
    pub provider_url: &'a str,
}

/// Record (or refresh) a publication as listed. What was learnt from fetching it is kept.
pub(crate) fn upsert_listed(conn: &Connection, p: &Listed) -> rusqlite::Result<()> {
    let now = now();
    conn.execute(
        "INSERT INTO site_publications (urn, file_id, link_text, url, kind_hint, published, la_name, provider_url,
             status, first_seen, last_seen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'listed', ?9, ?9)
         ON CONFLICT (urn, file_id) DO UPDATE SET link_text = excluded.link_text, url = excluded.url,
             kind_hint = excluded.kind_hint, published = excluded.published, la_name = excluded.la_name,
             provider_url = excluded.provider_url, last_seen = excluded.last_seen",
        params![p.urn, p.file_id, p.link_text, p.url, p.kind.as_str(), p.published, p.la_name, p.provider_url, now],
    )?;
    Ok(())
}

/// What fetching a file told us.
pub(crate) struct Fetch<'a> {
    pub sha256: &'a str,
    pub size: u64,
    pub cache_path: &'a str,
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    pub fetched_at: &'a str,
}

pub(crate) fn set_fetched(conn: &Connection, urn: u32, file_id: &str, f: &Fetch) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE site_publications SET sha256 = ?3, size = ?4, cache_path = ?5, etag = ?6, last_modified = ?7,
             fetched_at = ?8, status = 'cached', error = NULL
         WHERE urn = ?1 AND file_id = ?2",
        params![urn, file_id, f.sha256, f.size as i64, f.cache_path, f.etag, f.last_modified, f.fetched_at],
    )?;
    Ok(())
}

pub(crate) fn set_status(
    conn: &Connection,
    urn: u32,
    file_id: &str,
    status: PublicationStatus,
    error: Option<&str>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE site_publications SET status = ?3, error = ?4 WHERE urn = ?1 AND file_id = ?2",
        params![urn, file_id, status.as_str(), error],
    )?;
    Ok(())
}

pub(crate) fn count_attempt(conn: &Connection, urn: u32, file_id: &str) -> rusqlite::Result<()> {
    conn.execute("UPDATE site_publications SET attempts = attempts + 1 WHERE urn = ?1 AND file_id = ?2", params![urn, file_id])?;
    Ok(())
}

pub(crate) fn set_stored(conn: &Connection, urn: u32, file_id: &str, ingested_as: Option<&str>) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE site_publications SET status = 'stored', error = NULL, ingested_as = COALESCE(?3, ingested_as)
         WHERE urn = ?1 AND file_id = ?2",
        params![urn, file_id, ingested_as],
    )?;
    Ok(())
}

pub(crate) fn set_recorded(conn: &Connection, urn: u32, file_id: &str, confirmed: bool, note: Option<&str>) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE site_publications SET status = 'recorded', confirmed = ?3, error = ?4 WHERE urn = ?1 AND file_id = ?2",
        params![urn, file_id, confirmed, note],
    )?;
    Ok(())
}

/// A page as read last time.
pub(crate) struct StoredPage {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// What was read from it, JSON.
    pub links: String,
}

/// A page's validators and what was read from it.
pub(crate) fn page(conn: &Connection, url: &str) -> rusqlite::Result<Option<StoredPage>> {
    conn.query_row("SELECT etag, last_modified, links FROM site_pages WHERE url = ?1", [url], |r| {
        Ok(StoredPage { etag: r.get(0)?, last_modified: r.get(1)?, links: r.get(2)? })
    })
    .optional()
}

pub(crate) fn put_page(
    conn: &Connection,
    url: &str,
    etag: Option<&str>,
    last_modified: Option<&str>,
    links: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO site_pages (url, etag, last_modified, fetched_at, links) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
             fetched_at = excluded.fetched_at, links = excluded.links",
        params![url, etag, last_modified, now(), links],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_and_fetch_results_survive_relisting() {
        let conn = Connection::open_in_memory().unwrap();
        assert!(site_publications(&conn).unwrap().is_empty(), "no table yet: empty, not an error");
        ensure_schema(&conn).unwrap();
        ensure_schema(&conn).unwrap();
        let listed = Listed {
            urn: 80426,
            file_id: "50172438",
            link_text: "focused visit - 12 march 2020",
            url: "https://files.ofsted.gov.uk/v1/file/50172438",
            kind: KindHint::FocusedVisit,
            published: Some("2020-03-12".into()),
            la_name: "Barnsley",
            provider_url: "https://reports.ofsted.gov.uk/provider/44/80426",
        };
        upsert_listed(&conn, &listed).unwrap();
        let fetch = Fetch {
            sha256: "ab12",
            size: 10,
            cache_path: "cache/ab/ab12.pdf",
            etag: Some("\"x\""),
            last_modified: None,
            fetched_at: "2025-01-01T00:00:00Z",
        };
        set_fetched(&conn, 80426, "50172438", &fetch).unwrap();
        set_recorded(&conn, 80426, "50172438", true, None).unwrap();
        upsert_listed(&conn, &listed).unwrap();
        let rows = site_publications(&conn).unwrap();
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!((r.sha256.as_deref(), r.status, r.confirmed), (Some("ab12"), PublicationStatus::Recorded, Some(true)));
        assert!(r.is_visit_event());
        assert_eq!(known_file(&conn, "50172438").unwrap().unwrap().cache_path.as_deref(), Some("cache/ab/ab12.pdf"));
    }
}
