//! Every report in `../shared/corpus` read and compared with `truth.csv`, field by field.
//! The re-inspection of an LA whose title does not say so is decided by the store (it needs
//! the LA's earlier SIF), so here such a report must read as a SIF not titled a re-inspection.

use lacs_domain::{Grade, Judgement, Kind, ReadReport};
use lacs_extract::{extract, publication_date, Hints};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[path = "corpus/paragraphs.rs"]
mod paragraphs;

#[derive(serde::Deserialize)]
struct Truth {
    path: String,
    kind: String,
    urn: String,
    inspection_start: String,
    published: String,
    overall: String,
    leaders: String,
    help_protection: String,
    in_care: String,
    care_leavers: String,
    adoption: String,
    lscb: String,
}

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if dir.join("truth.csv").exists() {
        Some(dir)
    } else {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true"),
            "../shared/corpus is missing under CI: the corpus tests cannot run"
        );
        eprintln!("\n*** SKIPPED: ../shared/corpus not found; the corpus test did not run ***\n");
        None
    }
}

fn grade_word(g: Option<Grade>) -> String {
    g.map(|g| g.as_str().to_string()).unwrap_or_default()
}

/// A corpus report's truth row and what the extractor read (or why it could not).
type ReadRow = (Truth, Result<ReadReport, String>);

/// Every corpus report read once, with its truth row, for all the tests of this file: in
/// parallel, on as many threads as there are cores.
fn read_corpus() -> Option<&'static [ReadRow]> {
    static READ: OnceLock<Option<Vec<ReadRow>>> = OnceLock::new();
    READ.get_or_init(|| {
        let dir = corpus()?;
        let rows: Vec<Truth> = csv::Reader::from_path(dir.join("truth.csv"))
            .expect("truth.csv")
            .deserialize()
            .collect::<Result<_, _>>()
            .expect("truth rows");
        let read = |t: &Truth| {
            let path = dir.join(&t.path);
            let bytes = std::fs::read(&path).expect("corpus file");
            extract(&bytes, &Hints::from_path(&path)).map_err(|e| e.to_string())
        };
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let reports: Vec<Result<ReadReport, String>> = std::thread::scope(|s| {
            let chunks: Vec<&[Truth]> = rows.chunks(rows.len().div_ceil(threads)).collect();
            let handles: Vec<_> = chunks.iter().map(|chunk| s.spawn(|| chunk.iter().map(read).collect::<Vec<_>>())).collect();
            handles.into_iter().flat_map(|h| h.join().expect("worker")).collect()
        });
        Some(rows.into_iter().zip(reports).collect())
    })
    .as_deref()
}

fn compare(dir: &Path, t: &Truth, read: &Result<ReadReport, String>) -> Vec<String> {
    let path = dir.join(&t.path);
    let hints = Hints::from_path(&path);
    let mut out = Vec::new();
    let report = match read {
        Ok(r) => r,
        Err(e) => {
            if t.kind != "not_a_report" {
                out.push(format!("{}: unreadable: {e}", t.path));
            }
            return out;
        }
    };
    if t.kind == "not_a_report" {
        out.push(format!("{}: read as a report but truth says not_a_report", t.path));
        return out;
    }
    let kind = report.kind.unwrap_or(Kind::Unknown);
    let kind_ok = kind.as_str() == t.kind || (t.kind == "sif_reinspection" && kind == Kind::Sif && !report.titled_reinspection);
    let mut field = |name: &str, got: String, want: &str| {
        if got != want {
            out.push(format!("{}: {name}: got {got:?}, truth {want:?}", t.path));
        }
    };
    if !kind_ok {
        field("kind", kind.to_string(), &t.kind);
    }
    field("urn", report.urn.map(|u| u.to_string()).unwrap_or_default(), &t.urn);
    field("inspection_start", report.inspection_start.map(|d| d.to_string()).unwrap_or_default(), &t.inspection_start);
    let published = publication_date(report, &hints).map(|(d, _)| d.to_string()).unwrap_or_default();
    field("published", published, &t.published);
    for (j, want) in [
        (Judgement::Overall, &t.overall),
        (Judgement::Leaders, &t.leaders),
        (Judgement::HelpProtection, &t.help_protection),
        (Judgement::InCare, &t.in_care),
        (Judgement::CareLeavers, &t.care_leavers),
        (Judgement::Adoption, &t.adoption),
        (Judgement::Lscb, &t.lscb),
    ] {
        field(j.as_str(), grade_word(report.grade(j)), want);
    }
    let hard: Vec<_> = report.doubts.iter().filter(|d| !d.kind.is_warning()).collect();
    if !hard.is_empty() {
        out.push(format!("{}: status: doubts: {:?}", t.path, hard.iter().map(|d| &d.message).collect::<Vec<_>>()));
    }
    out
}

/// The declared differences (shared with `lacs check`): (path, field).
fn expected() -> Vec<(String, String)> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../check/data/truth_differences.csv");
    let mut rdr = csv::Reader::from_path(&file).expect("truth_differences.csv");
    rdr.records().map(|r| r.expect("row")).map(|r| (r[0].to_string(), r[1].to_string())).collect()
}

#[test]
fn every_corpus_report_reads_as_truth_says() {
    let (Some(dir), Some(rows)) = (corpus(), read_corpus()) else {
        return;
    };
    let mut problems: Vec<String> = rows.iter().flat_map(|(t, read)| compare(&dir, t, read)).collect();
    problems.sort();
    let expected = expected();
    let is_expected = |p: &String| expected.iter().any(|(path, field)| p.starts_with(&format!("{path}: {field}: ")));
    for (path, field) in &expected {
        assert!(
            problems.iter().any(|p| p.starts_with(&format!("{path}: {field}: "))),
            "declared difference no longer occurs: {path} {field}"
        );
    }
    let unexpected: Vec<&String> = problems.iter().filter(|p| !is_expected(p)).collect();
    for p in &unexpected {
        println!("{p}");
    }
    assert!(unexpected.is_empty(), "{} problems over {} reports", unexpected.len(), rows.len());
}
