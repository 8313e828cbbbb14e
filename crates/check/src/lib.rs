//! Compares the register with a truth file in the layout of `shared/corpus/truth.csv`: one
//! row per file, joined to stored documents by sha256. Reports per-field accuracy and every
//! disagreement.
//!
//! Known differences (where the truth file and a report's own text disagree, and the register
//! follows the report) are declared in an expectations file and reported apart; an expected
//! difference that no longer occurs is itself an error, so the list can't go stale.

use lacs_store::InspectionRecord;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("{path}: {source}")]
    Csv { path: String, source: csv::Error },
    #[error("{path}: missing column {column:?}")]
    MissingColumn { path: String, column: String },
}

/// The fields compared, in report order.
pub const FIELDS: [&str; 17] = [
    "kind", "urn", "la_code", "gss_code", "la_name", "ofsted_region", "inspection_start", "published", "overall",
    "leaders", "help_protection", "in_care", "care_leavers", "adoption", "lscb", "status", "present",
];

/// Fields the truth file has no column for: `status` is implied (every real report should
/// read cleanly, `ok`; a `not_a_report` row should be `refused`).
const IMPLIED: [(&str, &str); 1] = [("status", "ok")];

/// The known differences between the register and `shared/corpus/truth.csv`, with reasons
/// (the file `lacs check --expect` takes; tests use it).
pub const TRUTH_DIFFERENCES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/truth_differences.csv");

/// One field of one file that differs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Disagreement {
    pub path: String,
    pub field: String,
    pub register: String,
    pub truth: String,
    /// Set when an expectations file declares this difference, with its reason.
    pub expected_because: Option<String>,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct FieldAccuracy {
    pub field: String,
    pub agree: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct CheckReport {
    pub files: usize,
    pub accuracy: Vec<FieldAccuracy>,
    pub disagreements: Vec<Disagreement>,
    /// Declared differences that did not occur.
    pub stale_expectations: Vec<Disagreement>,
}

impl CheckReport {
    /// Disagreements not declared in the expectations file.
    pub fn unexpected(&self) -> impl Iterator<Item = &Disagreement> {
        self.disagreements.iter().filter(|d| d.expected_because.is_none())
    }

    /// True when everything agrees, apart from declared differences that all still occur.
    pub fn passed(&self) -> bool {
        self.unexpected().next().is_none() && self.stale_expectations.is_empty()
    }
}

type Row = HashMap<String, String>;

fn read_rows(path: &Path, required: &[&str]) -> Result<Vec<Row>, CheckError> {
    let p = path.display().to_string();
    let mut rdr = csv::Reader::from_path(path).map_err(|source| CheckError::Csv { path: p.clone(), source })?;
    let headers = rdr.headers().map_err(|source| CheckError::Csv { path: p.clone(), source })?.clone();
    for column in required {
        if !headers.iter().any(|h| h == *column) {
            return Err(CheckError::MissingColumn { path: p.clone(), column: column.to_string() });
        }
    }
    rdr.records()
        .map(|r| {
            let r = r.map_err(|source| CheckError::Csv { path: p.clone(), source })?;
            Ok(headers.iter().zip(r.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
        })
        .collect()
}

fn record_field(r: &InspectionRecord, field: &str) -> String {
    fn s<T: ToString>(v: &Option<T>) -> String {
        v.as_ref().map(|v| v.to_string()).unwrap_or_default()
    }
    match field {
        "kind" => r.kind.clone(),
        "urn" => s(&r.urn),
        "la_code" => s(&r.la_code),
        "gss_code" => s(&r.gss_code),
        "la_name" => s(&r.la_name),
        "ofsted_region" => s(&r.ofsted_region),
        "inspection_start" => s(&r.inspection_start),
        "published" => s(&r.published),
        "overall" => s(&r.overall),
        "leaders" => s(&r.leaders),
        "help_protection" => s(&r.help_protection),
        "in_care" => s(&r.in_care),
        "care_leavers" => s(&r.care_leavers),
        "adoption" => s(&r.adoption),
        "lscb" => s(&r.lscb),
        _ => String::new(),
    }
}

/// Compare `records` with the truth file; `expected`, if given, declares known differences
/// (columns `path, field, register, truth, reason`).
pub fn check(records: &[InspectionRecord], truth: &Path, expected: Option<&Path>) -> Result<CheckReport, CheckError> {
    let mut required = vec!["path", "sha256"];
    required.extend(FIELDS.iter().filter(|f| **f != "present" && !IMPLIED.iter().any(|(i, _)| i == *f)));
    let rows = read_rows(truth, &required)?;
    let expectations = match expected {
        Some(p) => read_rows(p, &["path", "field", "register", "truth", "reason"])?,
        None => Vec::new(),
    };
    // One content can sit at several paths (each its own record): join on content, then path.
    let mut by_sha: HashMap<&str, Vec<&InspectionRecord>> = HashMap::new();
    for r in records {
        by_sha.entry(r.sha256.as_str()).or_default().push(r);
    }
    let mut report = CheckReport { files: rows.len(), ..Default::default() };
    let mut accuracy: Vec<FieldAccuracy> =
        FIELDS.iter().map(|f| FieldAccuracy { field: f.to_string(), ..Default::default() }).collect();
    for row in &rows {
        let path = row["path"].clone();
        let candidates = by_sha.get(row["sha256"].as_str());
        let record = candidates.and_then(|c| {
            c.iter().find(|r| Path::new(&r.source_file).ends_with(&path)).or_else(|| c.first()).copied()
        });
        for acc in accuracy.iter_mut() {
            let (register, truth) = match (acc.field.as_str(), record) {
                ("present", Some(_)) => ("yes".to_string(), "yes".to_string()),
                ("present", None) => ("no".to_string(), "yes".to_string()),
                (_, None) => continue,
                ("status", Some(r)) => {
                    let want = if row["kind"] == "not_a_report" { lacs_store::REFUSED } else { "ok" };
                    (r.status.clone(), want.to_string())
                }
                (field, Some(r)) => (record_field(r, field), row[field].clone()),
            };
            acc.total += 1;
            if register == truth {
                acc.agree += 1;
            } else {
                report.disagreements.push(Disagreement { path: path.clone(), field: acc.field.clone(), register, truth, expected_because: None });
            }
        }
    }
    for e in &expectations {
        let declared = |d: &Disagreement| d.path == e["path"] && d.field == e["field"] && d.register == e["register"] && d.truth == e["truth"];
        match report.disagreements.iter_mut().find(|d| declared(d)) {
            Some(d) => d.expected_because = Some(e["reason"].clone()),
            None => report.stale_expectations.push(Disagreement {
                path: e["path"].clone(),
                field: e["field"].clone(),
                register: e["register"].clone(),
                truth: e["truth"].clone(),
                expected_because: Some(e["reason"].clone()),
            }),
        }
    }
    report.accuracy = accuracy;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "path,sha256,kind,urn,la_code,gss_code,la_name,ofsted_region,inspection_start,published,overall,leaders,help_protection,in_care,care_leavers,adoption,lscb,note\n";

    fn record(published: &str) -> InspectionRecord {
        InspectionRecord {
            source_file: "corpus/80426_barnsley/a.pdf".into(),
            sha256: "aa".into(),
            kind: "sif".into(),
            urn: Some(80426),
            la_code: Some(370),
            gss_code: Some("E08000038".into()),
            la_name: Some("Barnsley".into()),
            ofsted_region: Some("North East, Yorkshire and the Humber".into()),
            inspection_start: Some("2014-06-02".into()),
            published: Some(published.into()),
            overall: Some(lacs_domain::Grade::RequiresImprovement),
            status: "ok".into(),
            ..Default::default()
        }
    }

    fn files(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
        let truth = dir.join("truth.csv");
        std::fs::write(
            &truth,
            format!("{HEADER}80426_barnsley/a.pdf,aa,sif,80426,370,E08000038,Barnsley,\"North East, Yorkshire and the Humber\",2014-06-02,2014-08-08,requires_improvement,,,,,,,\n80426_barnsley/b.pdf,bb,sif,80426,370,E08000038,Barnsley,x,,,,,,,,,,\n"),
        )
        .unwrap();
        let expect = dir.join("expect.csv");
        std::fs::write(&expect, "path,field,register,truth,reason\n80426_barnsley/a.pdf,published,2014-08-01,2014-08-08,printed in the report\n").unwrap();
        (truth, expect)
    }

    #[test]
    fn disagreements_missing_files_and_declared_differences() {
        let dir = tempfile::tempdir().unwrap();
        let (truth, expect) = files(dir.path());
        let report = check(&[record("2014-08-01")], &truth, Some(&expect)).unwrap();
        // b.pdf is not in the register; a.pdf's date is a declared difference.
        let unexpected: Vec<_> = report.unexpected().map(|d| (d.path.as_str(), d.field.as_str())).collect();
        assert_eq!(unexpected, [("80426_barnsley/b.pdf", "present")]);
        assert!(!report.passed());
        let published = report.accuracy.iter().find(|a| a.field == "published").unwrap();
        assert_eq!((published.agree, published.total), (0, 1));
    }

    #[test]
    fn a_declared_difference_that_no_longer_occurs_fails() {
        let dir = tempfile::tempdir().unwrap();
        let (truth, expect) = files(dir.path());
        let report = check(&[record("2014-08-08")], &truth, Some(&expect)).unwrap();
        assert_eq!(report.stale_expectations.len(), 1);
        assert!(!report.passed());
    }

    #[test]
    fn a_truth_file_without_a_column_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let truth = dir.path().join("t.csv");
        std::fs::write(&truth, "path,sha256\n").unwrap();
        let err = check(&[], &truth, None).unwrap_err().to_string();
        assert!(err.contains("t.csv") && err.contains("missing column \"kind\""), "{err}");
    }
}
