//! Every `lacs sync` run, as it ended (`sync_runs`): `lacs-sync` writes one at the end of each
//! run, failed ones too; the web's `/healthz` reads the last ([`Store::last_sync_run`]).

use crate::{Result, Store, StoreError};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// One run of `lacs sync`, as it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncRun {
    /// When it started and finished (RFC 3339).
    pub started_at: String,
    pub finished_at: String,
    /// The reports site (or mirror) it read.
    pub base_url: String,
    /// True when it went to its end with no failure and was not interrupted.
    pub ok: bool,
    /// Its closing summary line, as `lacs sync` prints it.
    pub summary: String,
    /// New reports and visits it stored.
    pub new_events: u64,
    /// The error that stopped it, or its failures in short; `None` when it went through.
    pub error: Option<String>,
    /// The LAs the site's listing gave, when it read the listing whole (not with `--urn`).
    pub listed_providers: Option<u64>,
}

const COLUMNS: &str = "started_at, finished_at, base_url, ok, summary, new_events, error, listed_providers";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<SyncRun> {
    Ok(SyncRun {
        started_at: r.get(0)?,
        finished_at: r.get(1)?,
        base_url: r.get(2)?,
        ok: r.get(3)?,
        summary: r.get(4)?,
        new_events: u64::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
        error: r.get(6)?,
        listed_providers: r.get::<_, Option<i64>>(7)?.and_then(|n| u64::try_from(n).ok()),
    })
}

impl Store {
    /// Record a run as it ended. One statement on its own: whatever the run wrote before
    /// stays written whether or not this succeeds.
    pub fn record_sync_run(&self, run: &SyncRun) -> Result<()> {
        let new_events = i64::try_from(run.new_events).map_err(|_| StoreError::Corrupt(format!("new events {}", run.new_events)))?;
        let listed = run.listed_providers.map(i64::try_from).transpose().map_err(|_| StoreError::Corrupt("listed providers".into()))?;
        self.conn.execute(
            &format!("INSERT INTO sync_runs ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
            params![run.started_at, run.finished_at, run.base_url, run.ok, run.summary, new_events, run.error, listed],
        )?;
        Ok(())
    }

    /// The latest run recorded (by when it was written), if any. `None` too for an older
    /// register opened read-only, which has no `sync_runs`.
    pub fn last_sync_run(&self) -> Result<Option<SyncRun>> {
        if !self.has_table("sync_runs")? {
            return Ok(None);
        }
        Ok(self
            .conn
            .query_row(&format!("SELECT {COLUMNS} FROM sync_runs ORDER BY id DESC LIMIT 1"), [], from_row)
            .optional()?)
    }

    /// How many LAs the site's listing gave in the latest run that read it whole.
    pub fn last_listed_providers(&self) -> Result<Option<u64>> {
        if !self.has_table("sync_runs")? {
            return Ok(None);
        }
        let n: Option<i64> = self
            .conn
            .query_row(
                "SELECT listed_providers FROM sync_runs WHERE listed_providers IS NOT NULL ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(n.and_then(|n| u64::try_from(n).ok()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(ok: bool, listed: Option<u64>) -> SyncRun {
        SyncRun {
            started_at: "2026-01-01T00:00:00Z".into(),
            finished_at: "2026-01-01T00:10:00Z".into(),
            base_url: "https://reports.ofsted.gov.uk".into(),
            ok,
            summary: "153 pages read".into(),
            new_events: 2,
            error: (!ok).then(|| "listing shrank".to_string()),
            listed_providers: listed,
        }
    }

    #[test]
    fn runs_are_recorded_and_the_last_read_back() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.last_sync_run().unwrap(), None);
        assert_eq!(store.last_listed_providers().unwrap(), None);
        store.record_sync_run(&run(true, Some(153))).unwrap();
        store.record_sync_run(&run(false, None)).unwrap();
        assert_eq!(store.last_sync_run().unwrap(), Some(run(false, None)));
        assert_eq!(store.last_listed_providers().unwrap(), Some(153), "the latest run that read the listing whole");
    }
}
