//! What inspectors said: stored findings, full-text search over them and over every page of
//! every report, and the improvement items for theme counts.

use crate::{match_expression, parse_word, Result, Store, StoreError};
use lacs_domain::{Date, FindingSection, Judgement, Kind};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;

/// One stored finding with the inspection it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FindingRow {
    pub document_id: i64,
    pub sha256: String,
    pub urn: Option<u32>,
    pub published: Option<Date>,
    pub kind: Kind,
    pub section: FindingSection,
    pub judgement: Option<Judgement>,
    pub position: u32,
    pub page: u32,
    /// The paragraph number the report prints, where it prints one.
    pub number: Option<u32>,
    pub text: String,
}

/// Narrowing a search, and which page of its results to give.
#[derive(Debug, Clone, Default)]
pub struct SearchFilter {
    pub urn: Option<u32>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    /// Only findings under this judgement's heading (findings only: a page has none).
    pub judgement: Option<Judgement>,
    /// At most this many hits (all when `None`).
    pub limit: Option<usize>,
    /// Hits to skip first, in the search's order: `offset = n * limit` gives page `n + 1`.
    pub offset: usize,
}

/// One page of a search's results, and how many results there are in all.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SearchPage<T> {
    /// Every match of the search and filter, on this page or not.
    pub total: usize,
    /// The matches from the filter's `offset`, at most its `limit`, in the search's order.
    pub hits: Vec<T>,
}

impl<T> SearchPage<T> {
    fn empty() -> Self {
        SearchPage { total: 0, hits: Vec::new() }
    }
}

/// A finding that matches a search, with the matching sentence and the hits marked
/// `[like this]`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SearchHit {
    #[serde(flatten)]
    pub finding: FindingRow,
    /// The sentence holding the first hit, hits in `[` `]`.
    pub sentence: String,
}

/// A page of a report that matches a search, with the text around the hits.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PageHit {
    pub document_id: i64,
    pub sha256: String,
    pub urn: Option<u32>,
    pub published: Option<Date>,
    pub kind: Kind,
    /// 1-based page number.
    pub page: u32,
    /// About 30 words of the page around the hits, hits in `[` `]`, `…` where the page's text
    /// is cut, line breaks as spaces.
    pub snippet: String,
}

/// The columns of [`finding_row`]; `number` is NULL in an older register opened read-only.
fn select(store: &Store) -> String {
    let number = if store.has_pages() { "f.number" } else { "NULL" };
    format!("SELECT f.document_id, d.sha256, d.urn, d.published, d.kind, f.section, f.judgement, f.position, f.page, f.text, {number}")
}

fn published(r: &rusqlite::Row<'_>, i: usize) -> Result<Option<Date>> {
    r.get::<_, Option<String>>(i)?.map(|d| d.parse().map_err(|e| StoreError::Corrupt(format!("{e}")))).transpose()
}

fn finding_row(r: &rusqlite::Row<'_>) -> Result<FindingRow> {
    let judgement: String = r.get(6)?;
    Ok(FindingRow {
        document_id: r.get(0)?,
        sha256: r.get(1)?,
        urn: r.get(2)?,
        published: published(r, 3)?,
        kind: parse_word(&r.get::<_, String>(4)?)?,
        section: parse_word(&r.get::<_, String>(5)?)?,
        judgement: (!judgement.is_empty()).then(|| parse_word(&judgement)).transpose()?,
        position: r.get(7)?,
        page: r.get(8)?,
        text: r.get(9)?,
        number: r.get(10)?,
    })
}

/// A bad MATCH expression as [`StoreError::BadSearch`], naming the query. The statements are
/// fixed and valid: a plain SQL error while running one is the MATCH expression's
/// ("unterminated string", "fts5: syntax error near …"). [`match_expression`] makes none, so
/// this is a defence: should one slip through, the user is told, not the register blamed.
fn bad_search(query: &str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |e| match e {
        rusqlite::Error::SqliteFailure(e, Some(message)) if e.code == rusqlite::ErrorCode::Unknown => {
            StoreError::BadSearch { query: query.to_string(), message }
        }
        other => StoreError::Sql(other),
    }
}

/// A `LIMIT` or `OFFSET` as SQLite takes it (`LIMIT -1`: no limit).
fn sql_count(n: Option<usize>) -> Value {
    Value::Integer(n.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX)))
}

/// The number of matches in all, given `got` hits from `offset` under `limit`: counted by
/// `count` only when the page does not tell (it is full, or empty past the start).
fn total(filter: &SearchFilter, got: usize, count: impl FnOnce() -> Result<usize>) -> Result<usize> {
    let short = filter.limit.is_none_or(|l| got < l);
    if short && (got > 0 || filter.offset == 0) {
        Ok(filter.offset + got)
    } else {
        count()
    }
}

/// Text with every run of whitespace (line breaks included) as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sentence of `marked` that holds the first `[`, whole.
fn sentence_with_hit(marked: &str) -> String {
    let Some(hit) = marked.find('[') else { return marked.to_string() };
    let start = marked[..hit].rfind(['.', '?', '!']).map_or(0, |i| i + 1);
    let end = marked[hit..].find(['.', '?', '!']).map_or(marked.len(), |i| hit + i + 1);
    marked[start..end].trim().to_string()
}

impl Store {
    /// Findings of every stored report, by document, each document's in report order (the
    /// order they were stored in); `section` limits them.
    pub fn findings(&self, section: Option<FindingSection>) -> Result<Vec<FindingRow>> {
        let sql = format!(
            "{} FROM findings f JOIN documents d ON d.id = f.document_id
             WHERE d.status != 'refused' AND (?1 IS NULL OR f.section = ?1)
             ORDER BY f.document_id, f.id",
            select(self)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([section.map(|s| s.as_str())])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(finding_row(r)?);
        }
        Ok(out)
    }

    /// One stored report's findings in `section`, in report order (the order they were
    /// stored in): the facts of one inspection read its judgement paragraphs so, without
    /// loading every report's.
    pub fn findings_of(&self, sha256: &str, section: FindingSection) -> Result<Vec<FindingRow>> {
        let sql = format!(
            "{} FROM findings f JOIN documents d ON d.id = f.document_id
             WHERE d.sha256 = ?1 AND d.status != 'refused' AND f.section = ?2
             ORDER BY f.id",
            select(self)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params![sha256, section.as_str()])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(finding_row(r)?);
        }
        Ok(out)
    }

    /// Full-text search over every finding, grouped by LA and inspection (ordered by URN,
    /// publication), each inspection's in report order; the page of hits `filter` asks for
    /// and the number of matches in all.
    ///
    /// `query` is what a person typed: stemmed words, `"phrases"`, `AND`/`OR`/`NOT`, `word*`
    /// and parentheses, anything else taken as words (see [`match_expression`]). A query
    /// with nothing searchable in it (`-`, `"`) finds nothing.
    pub fn search(&self, query: &str, filter: &SearchFilter) -> Result<SearchPage<SearchHit>> {
        let expression = match_expression(query);
        if expression.is_empty() {
            return Ok(SearchPage::empty());
        }
        let from = "FROM findings_fts JOIN findings f ON f.id = findings_fts.rowid JOIN documents d ON d.id = f.document_id
             WHERE findings_fts MATCH ?1 AND d.status != 'refused'
               AND (?2 IS NULL OR d.urn = ?2)
               AND (?3 IS NULL OR d.published >= ?3)
               AND (?4 IS NULL OR d.published <= ?4)
               AND (?5 IS NULL OR f.judgement = ?5)";
        let sql = format!(
            "{}, highlight(findings_fts, 0, '[', ']') {from}
             ORDER BY d.urn, d.published, f.document_id, f.id
             LIMIT ?6 OFFSET ?7",
            select(self)
        );
        let bad = bad_search(query);
        let params = [
            Value::Text(expression),
            filter.urn.map_or(Value::Null, |u| Value::Integer(u.into())),
            filter.since.map_or(Value::Null, |d| Value::Text(d.to_string())),
            filter.until.map_or(Value::Null, |d| Value::Text(d.to_string())),
            filter.judgement.map_or(Value::Null, |j| Value::Text(j.as_str().to_string())),
            sql_count(filter.limit),
            sql_count(Some(filter.offset)),
        ];
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(&params)).map_err(&bad)?;
        let mut hits = Vec::new();
        while let Some(r) = rows.next().map_err(&bad)? {
            let marked: String = r.get(11)?;
            hits.push(SearchHit { finding: finding_row(r)?, sentence: sentence_with_hit(&marked) });
        }
        let total = total(filter, hits.len(), || self.count_matches(&format!("SELECT COUNT(*) {from}"), &params[..5], &bad))?;
        Ok(SearchPage { total, hits })
    }

    /// Full-text search, as [`Store::search`], over the whole text of every page of every
    /// stored report: one hit per matching page, ordered by URN, publication and page. A
    /// phrase matches across a line break. `filter.judgement` does not apply (a page sits
    /// under no one judgement). Documents stored before the register kept pages (see
    /// [`Store::documents_without_pages`]) are not searched.
    pub fn search_pages(&self, query: &str, filter: &SearchFilter) -> Result<SearchPage<PageHit>> {
        let expression = match_expression(query);
        if !self.has_pages() || expression.is_empty() {
            return Ok(SearchPage::empty());
        }
        let from = "FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid JOIN documents d ON d.id = p.document_id
             WHERE pages_fts MATCH ?1 AND d.status != 'refused'
               AND (?2 IS NULL OR d.urn = ?2)
               AND (?3 IS NULL OR d.published >= ?3)
               AND (?4 IS NULL OR d.published <= ?4)";
        let sql = format!(
            "SELECT p.document_id, d.sha256, d.urn, d.published, d.kind, p.page,
                    snippet(pages_fts, 0, '[', ']', '…', 30)
             {from}
             ORDER BY d.urn, d.published, p.document_id, p.page
             LIMIT ?5 OFFSET ?6"
        );
        let bad = bad_search(query);
        let params = [
            Value::Text(expression),
            filter.urn.map_or(Value::Null, |u| Value::Integer(u.into())),
            filter.since.map_or(Value::Null, |d| Value::Text(d.to_string())),
            filter.until.map_or(Value::Null, |d| Value::Text(d.to_string())),
            sql_count(filter.limit),
            sql_count(Some(filter.offset)),
        ];
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(&params)).map_err(&bad)?;
        let mut hits = Vec::new();
        while let Some(r) = rows.next().map_err(&bad)? {
            hits.push(PageHit {
                document_id: r.get(0)?,
                sha256: r.get(1)?,
                urn: r.get(2)?,
                published: published(r, 3)?,
                kind: parse_word(&r.get::<_, String>(4)?)?,
                page: r.get(5)?,
                snippet: one_line(&r.get::<_, String>(6)?),
            });
        }
        let total = total(filter, hits.len(), || self.count_matches(&format!("SELECT COUNT(*) {from}"), &params[..4], &bad))?;
        Ok(SearchPage { total, hits })
    }

    /// The one number `sql` counts, a MATCH's error as [`StoreError::BadSearch`].
    fn count_matches(&self, sql: &str, params: &[Value], bad: impl Fn(rusqlite::Error) -> StoreError) -> Result<usize> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let n: i64 = stmt.query_row(rusqlite::params_from_iter(params), |r| r.get(0)).map_err(bad)?;
        usize::try_from(n).map_err(|_| StoreError::Corrupt(format!("a count of {n} matches")))
    }

    /// How many stored reports (not refused, with pages to read) have no page text in the
    /// register: those stored by a lacs from before it kept pages. [`Store::search_pages`]
    /// cannot find anything in them until they are read again.
    pub fn documents_without_pages(&self) -> Result<usize> {
        let sql = if self.has_pages() {
            "SELECT COUNT(*) FROM documents d WHERE d.status != 'refused' AND d.page_count > 0
               AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.document_id = d.id)"
        } else {
            "SELECT COUNT(*) FROM documents d WHERE d.status != 'refused' AND d.page_count > 0"
        };
        Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
    }

    /// The text of one page of a stored document (1-based), if the register holds it.
    pub fn page_text(&self, sha256: &str, page: u32) -> Result<Option<String>> {
        if !self.has_pages() {
            return Ok(None);
        }
        Ok(self
            .conn
            .query_row(
                "SELECT p.text FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.sha256 = ?1 AND p.page = ?2",
                rusqlite::params![sha256, page],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The text of every page of a stored document, in page order (1-based page, text); empty
    /// when the register holds none (a report stored before pages were kept, or no such
    /// document).
    pub fn report_pages(&self, sha256: &str) -> Result<Vec<(u32, String)>> {
        if !self.has_pages() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.page, p.text FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.sha256 = ?1 ORDER BY p.page",
        )?;
        let rows = stmt.query_map([sha256], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_with_the_hit() {
        assert_eq!(
            sentence_with_hit("Plans are good. The timeliness of [return] home interviews is poor. Other."),
            "The timeliness of [return] home interviews is poor."
        );
        assert_eq!(sentence_with_hit("no hit"), "no hit");
    }
}
