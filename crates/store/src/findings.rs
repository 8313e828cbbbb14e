//! What inspectors said: stored findings, full-text search over them, and the improvement
//! items for theme counts.

use crate::{parse_word, Result, Store, StoreError};
use lacs_domain::{Date, FindingSection, Judgement, Kind};
use rusqlite::types::Value;

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
    pub text: String,
}

/// Narrowing a search.
#[derive(Debug, Clone, Default)]
pub struct SearchFilter {
    pub urn: Option<u32>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub judgement: Option<Judgement>,
    pub limit: Option<usize>,
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

const SELECT: &str = "SELECT f.document_id, d.sha256, d.urn, d.published, d.kind, f.section, f.judgement, f.position, f.page, f.text";

fn finding_row(r: &rusqlite::Row<'_>) -> Result<FindingRow> {
    let judgement: String = r.get(6)?;
    Ok(FindingRow {
        document_id: r.get(0)?,
        sha256: r.get(1)?,
        urn: r.get(2)?,
        published: r.get::<_, Option<String>>(3)?.map(|d| d.parse().map_err(|e| StoreError::Corrupt(format!("{e}")))).transpose()?,
        kind: parse_word(&r.get::<_, String>(4)?)?,
        section: parse_word(&r.get::<_, String>(5)?)?,
        judgement: (!judgement.is_empty()).then(|| parse_word(&judgement)).transpose()?,
        position: r.get(7)?,
        page: r.get(8)?,
        text: r.get(9)?,
    })
}

/// The sentence of `marked` that holds the first `[`, whole.
fn sentence_with_hit(marked: &str) -> String {
    let Some(hit) = marked.find('[') else { return marked.to_string() };
    let start = marked[..hit].rfind(['.', '?', '!']).map_or(0, |i| i + 1);
    let end = marked[hit..].find(['.', '?', '!']).map_or(marked.len(), |i| hit + i + 1);
    marked[start..end].trim().to_string()
}

impl Store {
    /// Findings of every stored report, in document and list order; `section` limits them.
    pub fn findings(&self, section: Option<FindingSection>) -> Result<Vec<FindingRow>> {
        let sql = format!(
            "{SELECT} FROM findings f JOIN documents d ON d.id = f.document_id
             WHERE d.status != 'refused' AND (?1 IS NULL OR f.section = ?1)
             ORDER BY f.document_id, f.section, f.judgement, f.position"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([section.map(|s| s.as_str())])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(finding_row(r)?);
        }
        Ok(out)
    }

    /// Full-text search (FTS5: stemmed words, "phrases", AND/OR/NOT) over every finding,
    /// grouped by LA and inspection (ordered by URN, publication, list position).
    pub fn search(&self, query: &str, filter: &SearchFilter) -> Result<Vec<SearchHit>> {
        let sql = format!(
            "{SELECT}, highlight(findings_fts, 0, '[', ']')
             FROM findings_fts JOIN findings f ON f.id = findings_fts.rowid JOIN documents d ON d.id = f.document_id
             WHERE findings_fts MATCH ?1 AND d.status != 'refused'
               AND (?2 IS NULL OR d.urn = ?2)
               AND (?3 IS NULL OR d.published >= ?3)
               AND (?4 IS NULL OR d.published <= ?4)
               AND (?5 IS NULL OR f.judgement = ?5)
             ORDER BY d.urn, d.published, f.document_id, f.section, f.judgement, f.position
             LIMIT ?6"
        );
        let bad = |e: rusqlite::Error| match e {
            // The statement itself is fixed and valid: a plain SQL error here is the MATCH
            // expression's ("unterminated string", "fts5: syntax error near …").
            rusqlite::Error::SqliteFailure(e, Some(message)) if e.code == rusqlite::ErrorCode::Unknown => {
                StoreError::BadSearch { query: query.to_string(), message }
            }
            other => StoreError::Sql(other),
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let params: [Value; 6] = [
            Value::Text(query.to_string()),
            filter.urn.map_or(Value::Null, |u| Value::Integer(u.into())),
            filter.since.map_or(Value::Null, |d| Value::Text(d.to_string())),
            filter.until.map_or(Value::Null, |d| Value::Text(d.to_string())),
            filter.judgement.map_or(Value::Null, |j| Value::Text(j.as_str().to_string())),
            Value::Integer(filter.limit.map_or(-1, |l| l as i64)),
        ];
        let mut rows = stmt.query(params).map_err(bad)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(bad)? {
            let marked: String = r.get(10)?;
            out.push(SearchHit { finding: finding_row(r)?, sentence: sentence_with_hit(&marked) });
        }
        Ok(out)
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
