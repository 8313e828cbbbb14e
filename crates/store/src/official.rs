//! The second source: rows of Ofsted's official statistics, and the report side of the join
//! (`lacs-reconcile` does the joining).

use crate::{now, parse_word, Result, Store, StoreError};
use lacs_domain::{Date, JudgementSet, OfficialRow, ReportRow, RowDoubt, RowDoubtKind};
use rusqlite::params;

fn date(s: Option<String>) -> Result<Option<Date>> {
    s.map(|s| s.parse::<Date>().map_err(|e| StoreError::Corrupt(format!("date {s:?}: {e}")))).transpose()
}

fn grades_json(g: &JudgementSet) -> Result<String> {
    serde_json::to_string(g).map_err(|e| StoreError::Corrupt(e.to_string()))
}

impl Store {
    /// Replace every row from one official release file (by its file name) with `rows`, and
    /// its doubts with none; see [`Store::replace_official_with_doubts`].
    pub fn replace_official(&mut self, source: &str, rows: &[OfficialRow]) -> Result<usize> {
        self.replace_official_with_doubts(source, rows, &[])
    }

    /// Replace every row and row doubt from one official release file (by its file name) with
    /// `rows` and `doubts`, in one transaction: re-importing a release is idempotent, and a
    /// failed import changes nothing.
    pub fn replace_official_with_doubts(
        &mut self,
        source: &str,
        rows: &[OfficialRow],
        doubts: &[RowDoubt],
    ) -> Result<usize> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM official_rows WHERE source = ?1", [source])?;
        tx.execute("DELETE FROM official_doubts WHERE source = ?1", [source])?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO official_doubts (source, sheet, row, heading, value, kind, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for d in doubts {
                insert.execute(params![source, d.sheet, d.row, d.column, d.value, d.kind.as_str(), d.reason])?;
            }
        }
        {
            let mut insert = tx.prepare(
                "INSERT INTO official_rows (source, sheet, row, urn, la_name, kind, framework, event_type,
                    inspection_start, inspection_end, published, grades, link, visit_theme)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?;
            for r in rows {
                insert.execute(params![
                    source,
                    r.sheet,
                    r.row,
                    r.urn,
                    r.la_name,
                    r.kind.map(|k| k.as_str()),
                    r.framework.map(|f| f.as_str()),
                    r.event_type,
                    r.inspection_start.map(|d| d.to_string()),
                    r.inspection_end.map(|d| d.to_string()),
                    r.published.map(|d| d.to_string()),
                    grades_json(&r.grades)?,
                    r.link,
                    r.visit_theme,
                ])?;
            }
        }
        tx.execute(
            "INSERT INTO official_imports (source, imported_at, rows) VALUES (?1, ?2, ?3)
             ON CONFLICT (source) DO UPDATE SET imported_at = excluded.imported_at, rows = excluded.rows",
            params![source, now(), rows.len() as i64],
        )?;
        crate::touch(&tx)?;
        tx.commit()?;
        Ok(rows.len())
    }

    /// Every stored official row.
    pub fn official_rows(&self) -> Result<Vec<OfficialRow>> {
        // A register of schema 6 or older opened read-only has no theme column.
        let theme = if crate::column_exists(&self.conn, "official_rows", "visit_theme")? { "visit_theme" } else { "NULL" };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, source, sheet, row, urn, la_name, kind, framework, event_type, inspection_start,
                    inspection_end, published, grades, link, {theme}
             FROM official_rows ORDER BY id"
        ))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let grades: String = r.get(12)?;
            out.push(OfficialRow {
                id: r.get(0)?,
                source: r.get(1)?,
                sheet: r.get(2)?,
                row: r.get(3)?,
                urn: r.get(4)?,
                la_name: r.get(5)?,
                kind: r.get::<_, Option<String>>(6)?.map(|k| parse_word(&k)).transpose()?,
                framework: r.get::<_, Option<String>>(7)?.map(|f| parse_word(&f)).transpose()?,
                event_type: r.get(8)?,
                inspection_start: date(r.get(9)?)?,
                inspection_end: date(r.get(10)?)?,
                published: date(r.get(11)?)?,
                grades: serde_json::from_str(&grades).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                link: r.get(13)?,
                visit_theme: r.get(14)?,
            });
        }
        Ok(out)
    }

    /// Every stored row doubt of the official releases, by file, then in reading order. A
    /// register too old to have them (opened read-only, so not upgraded) has none.
    pub fn official_doubts(&self) -> Result<Vec<RowDoubt>> {
        if !self.has_table("official_doubts")? {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare("SELECT source, sheet, row, heading, value, kind, reason FROM official_doubts ORDER BY source, id")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let kind: String = r.get(5)?;
            out.push(RowDoubt {
                file: r.get(0)?,
                sheet: r.get(1)?,
                row: r.get(2)?,
                column: r.get(3)?,
                value: r.get(4)?,
                kind: RowDoubtKind::from_word(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("official doubt kind {kind:?}")))?,
                reason: r.get(6)?,
            });
        }
        Ok(out)
    }

    /// Official release files imported, with when and how many rows.
    pub fn official_imports(&self) -> Result<Vec<(String, String, i64)>> {
        let mut stmt = self.conn.prepare("SELECT source, imported_at, rows FROM official_imports ORDER BY source")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The report side of the join: every stored document that is a report (refused files
    /// left out), with its values as answered, and the grades withheld while a doubt on them
    /// stands.
    pub fn report_rows(&self) -> Result<Vec<ReportRow>> {
        self.report_rows_of(&self.reviewed_documents()?)
    }

    /// [`Store::report_rows`] from the reports already loaded by
    /// [`Store::reviewed_documents`] (a reader that needs both loads them once).
    pub fn report_rows_of(&self, reviewed: &[crate::review::ReviewedDocument]) -> Result<Vec<ReportRow>> {
        let mut first_source: std::collections::HashMap<i64, String> = Default::default();
        let mut stmt = self.conn.prepare("SELECT document_id, MIN(source_file) FROM sources GROUP BY document_id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            first_source.insert(r.get(0)?, r.get(1)?);
        }
        Ok(reviewed
            .iter()
            .map(|d| {
                let v = &d.reviewed.values;
                ReportRow {
                    document_id: d.id,
                    source_file: first_source.remove(&d.id).unwrap_or_default(),
                    kind: v.kind.unwrap_or(lacs_domain::Kind::Unknown),
                    urn: v.urn,
                    inspection_start: v.inspection_start,
                    inspection_end: v.inspection_end,
                    published: v.published,
                    published_source: v.published_source,
                    grades: v.grades,
                    withheld: d.reviewed.withheld.clone(),
                    needs_review: d.reviewed.status == lacs_domain::Status::NeedsReview,
                    sha256: d.sha256.clone(),
                }
            })
            .collect())
    }
}
