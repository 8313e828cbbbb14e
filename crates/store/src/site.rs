//! What Ofsted's reports site listed, kept with the reports (`site_publications`,
//! `site_pages`): `lacs-sync` records what it learns through these methods, the read side
//! takes [`Store::site_publications`]. The tables are the register's, under its schema
//! version, so nothing outside the store writes SQL.

use crate::{Result, Store, StoreError};
use lacs_domain::{KindHint, PublicationStatus, SitePublication};
use rusqlite::{params, OptionalExtension};

/// What a provider page says about one publication.
#[derive(Debug, Clone, Copy)]
pub struct ListedPublication<'a> {
    /// The provider page's URN.
    pub urn: u32,
    pub file_id: &'a str,
    pub link_text: &'a str,
    /// The file's address.
    pub url: &'a str,
    pub kind: KindHint,
    /// The date in the link text (`yyyy-mm-dd`).
    pub published: Option<&'a str>,
    /// The LA's name in the listing.
    pub la_name: &'a str,
    pub provider_url: &'a str,
}

/// What fetching a file told us.
#[derive(Debug, Clone, Copy)]
pub struct SiteFetch<'a> {
    pub sha256: &'a str,
    pub size: u64,
    /// Where the file sits in the cache.
    pub cache_path: &'a str,
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    /// When it was fetched (RFC 3339).
    pub fetched_at: &'a str,
}

/// A listing or provider page as read last time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePage {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// What was read from it, JSON.
    pub links: String,
}

const COLUMNS: &str = "urn, file_id, link_text, url, kind_hint, published, la_name, provider_url, sha256, size,
    cache_path, ingested_as, etag, last_modified, fetched_at, confirmed, status, error, attempts, first_seen, last_seen, checked_at";

/// The columns as an older register opened read-only has them (no `checked_at` before 6).
const COLUMNS_BEFORE_6: &str = "urn, file_id, link_text, url, kind_hint, published, la_name, provider_url, sha256, size,
    cache_path, ingested_as, etag, last_modified, fetched_at, confirmed, status, error, attempts, first_seen, last_seen, NULL";

/// A row of `site_publications`; its words are checked by the table, so an unknown one is a
/// corrupt register.
fn from_row(r: &rusqlite::Row) -> rusqlite::Result<std::result::Result<SitePublication, String>> {
    let kind: String = r.get(4)?;
    let status: String = r.get(16)?;
    let (kind_hint, status) = match (kind.parse::<KindHint>(), status.parse::<PublicationStatus>()) {
        (Ok(k), Ok(s)) => (k, s),
        (Err(e), _) | (_, Err(e)) => return Ok(Err(e.to_string())),
    };
    Ok(Ok(SitePublication {
        urn: r.get(0)?,
        file_id: r.get(1)?,
        link_text: r.get(2)?,
        url: r.get(3)?,
        kind_hint,
        published: r.get(5)?,
        la_name: r.get(6)?,
        provider_url: r.get(7)?,
        sha256: r.get(8)?,
        size: r.get::<_, Option<i64>>(9)?.and_then(|n| u64::try_from(n).ok()),
        cache_path: r.get(10)?,
        ingested_as: r.get(11)?,
        etag: r.get(12)?,
        last_modified: r.get(13)?,
        fetched_at: r.get(14)?,
        confirmed: r.get(15)?,
        status,
        error: r.get(17)?,
        attempts: r.get(18)?,
        first_seen: r.get(19)?,
        last_seen: r.get(20)?,
        checked_at: r.get(21)?,
    }))
}

fn corrupt(r: std::result::Result<SitePublication, String>) -> Result<SitePublication> {
    r.map_err(|e| StoreError::Corrupt(format!("site publication: {e}")))
}

/// When the site's tables are read or written (seconds, UTC).
fn now() -> String {
    jiff::Timestamp::now().round(jiff::Unit::Second).unwrap_or_else(|_| jiff::Timestamp::now()).to_string()
}

impl Store {
    /// Every publication the site has listed, by URN, date and file id. Empty when `lacs
    /// sync` never ran on this register (an older register opened read-only may lack the
    /// table).
    pub fn site_publications(&self) -> Result<Vec<SitePublication>> {
        if !self.has_table("site_publications")? {
            return Ok(Vec::new());
        }
        let columns = if self.version < crate::GONE_VERSION { COLUMNS_BEFORE_6 } else { COLUMNS };
        let mut stmt =
            self.conn.prepare(&format!("SELECT {columns} FROM site_publications ORDER BY urn, published, file_id"))?;
        let rows = stmt.query_map([], from_row)?;
        rows.map(|r| corrupt(r?)).collect()
    }

    /// One publication's row, if any.
    pub fn site_publication(&self, urn: u32, file_id: &str) -> Result<Option<SitePublication>> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM site_publications WHERE urn = ?1 AND file_id = ?2"),
                params![urn, file_id],
                from_row,
            )
            .optional()?
            .map(corrupt)
            .transpose()
    }

    /// A row of the same file (by id, under any URN) whose content is known: the earliest
    /// fetched.
    pub fn site_known_file(&self, file_id: &str) -> Result<Option<SitePublication>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM site_publications WHERE file_id = ?1 AND sha256 IS NOT NULL
                     ORDER BY fetched_at LIMIT 1"
                ),
                [file_id],
                from_row,
            )
            .optional()?
            .map(corrupt)
            .transpose()
    }

    /// Record (or refresh) a publication as listed. What was learnt from fetching it is kept.
    pub fn site_listed(&self, p: &ListedPublication) -> Result<()> {
        self.conn.execute(
            "INSERT INTO site_publications (urn, file_id, link_text, url, kind_hint, published, la_name, provider_url,
                 status, first_seen, last_seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'listed', ?9, ?9)
             ON CONFLICT (urn, file_id) DO UPDATE SET link_text = excluded.link_text, url = excluded.url,
                 kind_hint = excluded.kind_hint, published = excluded.published, la_name = excluded.la_name,
                 provider_url = excluded.provider_url, last_seen = excluded.last_seen",
            params![p.urn, p.file_id, p.link_text, p.url, p.kind.as_str(), p.published, p.la_name, p.provider_url, now()],
        )?;
        Ok(())
    }

    /// A publication's file is in the cache: status `cached`, any error cleared.
    pub fn site_set_fetched(&self, urn: u32, file_id: &str, f: &SiteFetch) -> Result<()> {
        let size = i64::try_from(f.size).map_err(|_| StoreError::Corrupt(format!("file size {}", f.size)))?;
        self.conn.execute(
            "UPDATE site_publications SET sha256 = ?3, size = ?4, cache_path = ?5, etag = ?6, last_modified = ?7,
                 fetched_at = ?8, status = 'cached', error = NULL
             WHERE urn = ?1 AND file_id = ?2",
            params![urn, file_id, f.sha256, size, f.cache_path, f.etag, f.last_modified, f.fetched_at],
        )?;
        Ok(())
    }

    /// A publication's status, and why (`None` clears the reason).
    pub fn site_set_status(&self, urn: u32, file_id: &str, status: PublicationStatus, error: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE site_publications SET status = ?3, error = ?4 WHERE urn = ?1 AND file_id = ?2",
            params![urn, file_id, status.as_str(), error],
        )?;
        Ok(())
    }

    /// One more download tried.
    pub fn site_count_attempt(&self, urn: u32, file_id: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE site_publications SET attempts = attempts + 1 WHERE urn = ?1 AND file_id = ?2",
            params![urn, file_id],
        )?;
        Ok(())
    }

    /// A report whose content is in the register: status `stored`, with the path it was
    /// ingested from when given (else the one recorded before is kept).
    pub fn site_set_stored(&self, urn: u32, file_id: &str, ingested_as: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE site_publications SET status = 'stored', error = NULL, ingested_as = COALESCE(?3, ingested_as)
             WHERE urn = ?1 AND file_id = ?2",
            params![urn, file_id, ingested_as],
        )?;
        Ok(())
    }

    /// A visit letter checked: status `recorded`, whether page 1 names the visit, and a note.
    pub fn site_set_recorded(&self, urn: u32, file_id: &str, confirmed: bool, note: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE site_publications SET status = 'recorded', confirmed = ?3, error = ?4 WHERE urn = ?1 AND file_id = ?2",
            params![urn, file_id, confirmed, note],
        )?;
        Ok(())
    }

    /// A page's validators and what was read from it last time.
    pub fn site_page(&self, url: &str) -> Result<Option<SitePage>> {
        Ok(self
            .conn
            .query_row("SELECT etag, last_modified, links FROM site_pages WHERE url = ?1", [url], |r| {
                Ok(SitePage { etag: r.get(0)?, last_modified: r.get(1)?, links: r.get(2)? })
            })
            .optional()?)
    }

    /// Record a page's validators and what was read from it (`links`, JSON).
    pub fn site_put_page(&self, url: &str, etag: Option<&str>, last_modified: Option<&str>, links: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO site_pages (url, etag, last_modified, fetched_at, links) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                 fetched_at = excluded.fetched_at, links = excluded.links",
            params![url, etag, last_modified, now(), links],
        )?;
        Ok(())
    }

    /// A publication whose file is gone from the site for good (404 or 410, or a "Report not
    /// found" page in place of the PDF): status `gone`, why, and when it was checked.
    pub fn site_set_gone(&self, urn: u32, file_id: &str, reason: &str, checked_at: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE site_publications SET status = 'gone', error = ?3, checked_at = ?4 WHERE urn = ?1 AND file_id = ?2",
            params![urn, file_id, reason, checked_at],
        )?;
        Ok(())
    }

    /// What the register holds of a provider: its documents (by the URN their text names)
    /// and the publications of its page that are stored or recorded. A provider page that
    /// lists nothing while this is above 0 has changed or is not the page it should be.
    pub fn site_held_for(&self, urn: u32) -> Result<u64> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT COUNT(*) FROM documents WHERE urn = ?1)
                  + (SELECT COUNT(*) FROM site_publications WHERE urn = ?1 AND status IN ('stored', 'recorded'))",
            [urn],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The number of providers (LAs) with a publication in the register: a lower bound of
    /// what the site's listing gave before, for a register with no `sync_runs` yet.
    pub fn site_provider_count(&self) -> Result<u64> {
        let n: i64 = self.conn.query_row("SELECT COUNT(DISTINCT urn) FROM site_publications", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// True when the register file has this table (an older one opened read-only may not).
    pub(crate) fn has_table(&self, name: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            [name],
            |r| r.get(0),
        )?)
    }
}

/// The newest word of each CHECK constraint rebuild: `'gone'` (schema 6), `'jtai'` (8). A
/// `site_publications` table that lacks one is older and is rebuilt.
const CHECKED_WORDS: &[&str] = &["'gone'", "'jtai'"];

/// Schemas 6 and 8: a `site_publications` table whose CHECK constraints lack a word of
/// [`CHECKED_WORDS`] is rebuilt with its rows (SQLite cannot alter a CHECK constraint):
/// renamed aside, made again from `schema.sql`, its rows copied by the columns both have, the
/// old one dropped. Runs inside the upgrade's transaction, so a register is upgraded whole or
/// not at all.
pub(crate) fn migrate_publications(tx: &rusqlite::Connection) -> rusqlite::Result<()> {
    let sql: Option<String> = tx
        .query_row("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'site_publications'", [], |r| r.get(0))
        .optional()?;
    let Some(sql) = sql else { return Ok(()) };
    if CHECKED_WORDS.iter().all(|word| sql.contains(word)) {
        return Ok(());
    }
    tx.execute_batch(
        "ALTER TABLE site_publications RENAME TO site_publications_v5;
         DROP INDEX IF EXISTS site_publications_sha256;
         DROP INDEX IF EXISTS site_publications_file;",
    )?;
    tx.execute_batch(include_str!("schema.sql"))?;
    let columns = |table: &str| -> rusqlite::Result<Vec<String>> {
        let mut stmt = tx.prepare("SELECT name FROM pragma_table_info(?1)")?;
        let names = stmt.query_map([table], |r| r.get::<_, String>(0))?;
        names.collect()
    };
    let new = columns("site_publications")?;
    let shared: Vec<String> =
        columns("site_publications_v5")?.into_iter().filter(|c| new.contains(c)).map(|c| format!("\"{c}\"")).collect();
    let list = shared.join(", ");
    tx.execute_batch(&format!(
        "INSERT INTO site_publications ({list}) SELECT {list} FROM site_publications_v5;
         DROP TABLE site_publications_v5;"
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed() -> ListedPublication<'static> {
        ListedPublication {
            urn: 80426,
            file_id: "50172438",
            link_text: "focused visit - 12 march 2020",
            url: "https://files.ofsted.gov.uk/v1/file/50172438",
            kind: KindHint::FocusedVisit,
            published: Some("2020-03-12"),
            la_name: "Barnsley",
            provider_url: "https://reports.ofsted.gov.uk/provider/44/80426",
        }
    }

    #[test]
    fn rows_round_trip_and_fetch_results_survive_relisting() {
        let store = Store::open_in_memory().unwrap();
        assert!(store.site_publications().unwrap().is_empty());
        store.site_listed(&listed()).unwrap();
        let fetch = SiteFetch {
            sha256: "ab12",
            size: 10,
            cache_path: "cache/ab/ab12.pdf",
            etag: Some("\"x\""),
            last_modified: None,
            fetched_at: "2025-01-01T00:00:00Z",
        };
        store.site_set_fetched(80426, "50172438", &fetch).unwrap();
        store.site_count_attempt(80426, "50172438").unwrap();
        store.site_set_recorded(80426, "50172438", true, None).unwrap();
        store.site_listed(&listed()).unwrap();
        let rows = store.site_publications().unwrap();
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!((r.sha256.as_deref(), r.status, r.confirmed, r.attempts), (Some("ab12"), PublicationStatus::Recorded, Some(true), 1));
        assert!(r.is_visit_event());
        assert_eq!(store.site_known_file("50172438").unwrap().unwrap().cache_path.as_deref(), Some("cache/ab/ab12.pdf"));
        assert_eq!(store.site_publication(80426, "50172438").unwrap().as_ref(), Some(r));
        store.site_set_status(80426, "50172438", PublicationStatus::Failed, Some("gone")).unwrap();
        store.site_set_stored(80426, "50172438", Some("cache/la/x.pdf")).unwrap();
        let r = store.site_publication(80426, "50172438").unwrap().unwrap();
        assert_eq!((r.status, r.error, r.ingested_as.as_deref()), (PublicationStatus::Stored, None, Some("cache/la/x.pdf")));
    }

    #[test]
    fn a_v5_register_upgrades_with_its_rows_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("register.db");
        {
            // The register as schema 5 made it (its schema.sql as it was), with rows.
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(include_str!("testdata/schema_v5.sql")).unwrap();
            conn.pragma_update(None, "user_version", 5).unwrap();
            conn.execute_batch(
                "INSERT INTO site_publications (urn, file_id, link_text, url, kind_hint, published, la_name, provider_url,
                     sha256, size, cache_path, ingested_as, etag, last_modified, fetched_at, confirmed, status, error,
                     attempts, first_seen, last_seen)
                 VALUES (80426, '50172438', 'focused visit - 12 march 2020', 'https://files.ofsted.gov.uk/v1/file/50172438',
                     'focused_visit', '2020-03-12', 'Barnsley', 'https://reports.ofsted.gov.uk/provider/44/80426',
                     'ab12', 10, 'cache/ab/ab12.pdf', NULL, '\"x\"', NULL, '2025-01-01T00:00:00Z', 1, 'recorded', NULL,
                     1, '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z'),
                        (80426, '50172439', 'children''s services inspection - 1 may 2019', 'https://files.ofsted.gov.uk/v1/file/50172439',
                     'report', '2019-05-01', 'Barnsley', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'failed',
                     'HTTP 404 Not Found', 5, '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z');
                 INSERT INTO site_pages (url, etag, last_modified, fetched_at, links) VALUES ('http://x/', 'e1', NULL, 'now', '[]');
                 INSERT INTO answers (sha256, action, note, answered_by, answered_at) VALUES ('ab12', 'accept', 'ok', 'me', 'then');",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let version: i64 = store.conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, crate::SCHEMA_VERSION);
        let rows = store.site_publications().unwrap();
        assert_eq!(rows.len(), 2);
        let letter = &rows[1];
        assert_eq!(
            (letter.file_id.as_str(), letter.status, letter.sha256.as_deref(), letter.etag.as_deref(), letter.attempts, letter.checked_at.as_deref()),
            ("50172438", PublicationStatus::Recorded, Some("ab12"), Some("\"x\""), 1, None)
        );
        assert_eq!(letter.last_seen, "2025-02-01T00:00:00Z");
        assert!(letter.is_visit_event());
        assert_eq!((rows[0].status, rows[0].error.as_deref(), rows[0].attempts), (PublicationStatus::Failed, Some("HTTP 404 Not Found"), 5));
        assert_eq!(store.site_page("http://x/").unwrap().unwrap().etag.as_deref(), Some("e1"));
        assert_eq!(store.answers().unwrap().len(), 1);
        // The new status and the indexes are there.
        store.site_set_gone(80426, "50172439", "HTTP 404 Not Found", "2026-01-01T00:00:00Z").unwrap();
        let gone = store.site_publication(80426, "50172439").unwrap().unwrap();
        assert_eq!((gone.status, gone.checked_at.as_deref()), (PublicationStatus::Gone, Some("2026-01-01T00:00:00Z")));
        // And the newest kind.
        let jtai = ListedPublication { file_id: "50172440", kind: KindHint::Jtai, ..listed() };
        store.site_listed(&jtai).unwrap();
        assert_eq!(store.site_publication(80426, "50172440").unwrap().unwrap().kind_hint, KindHint::Jtai);
        let indexes: i64 = store
            .conn
            .query_row("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'site_publications' AND sql IS NOT NULL", [], |r| r.get(0))
            .unwrap();
        assert_eq!(indexes, 2);
        assert_eq!(store.last_sync_run().unwrap(), None);
        drop(store);
        // Opening again changes nothing.
        let store = Store::open(&path).unwrap();
        assert_eq!(store.site_publications().unwrap().len(), 3);
    }

    #[test]
    fn pages_keep_their_validators() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.site_page("http://x/").unwrap(), None);
        store.site_put_page("http://x/", Some("e1"), None, "[]").unwrap();
        store.site_put_page("http://x/", Some("e2"), Some("Mon"), "[1]").unwrap();
        let p = store.site_page("http://x/").unwrap().unwrap();
        assert_eq!((p.etag.as_deref(), p.last_modified.as_deref(), p.links.as_str()), (Some("e2"), Some("Mon"), "[1]"));
    }
}
