//! People in the loop, through the real binary: answers to doubts, a register that reads its
//! documents again under newer rules, answers surviving that and a rebuilt register, and a
//! bad answer changing nothing.

mod common;
use common::*;
use lacs_domain::{Grade, Judgement, ReadReport};
use serde_json::Value;
use std::path::Path;

const WINDSOR: &str = "80546_windsor & maidenhead/children's services inspection - 24 february 2020.pdf";
const BARNSLEY: &str = "80426_barnsley/children's services inspection - 27 october 2023.pdf";

fn json(db: &Path, args: &[&str]) -> Value {
    let o = run(db, args);
    assert!(o.status.success(), "lacs {args:?}: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("lacs {args:?}: {e}: {}", stdout(&o)))
}

fn record(db: &Path, file: &str) -> Value {
    let all = json(db, &["export", "inspections", "--format", "json"]);
    all.as_array().unwrap().iter().find(|r| r["source_file"].as_str().unwrap().ends_with(file)).cloned().unwrap()
}

/// What the reader makes of a file now (the hidden worker subcommand).
fn read_now(file: &Path) -> ReadReport {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_lacs")).arg("__read-pdf").arg(file).output().unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    serde_json::from_value(v["Read"].clone()).unwrap()
}

#[test]
fn answers_last_through_a_new_reading_and_a_rebuilt_register() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.db");
    // Copies the register reads from; the originals under ../shared are never touched.
    let inbox = dir.path().join("inbox");
    for file in [WINDSOR, BARNSLEY] {
        let to = inbox.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(corpus.join(file), &to).unwrap();
    }
    let o = run(&db, &["ingest", inbox.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    // Windsor and Maidenhead's report skips a paragraph number: it awaits review, with its
    // doubt in words; its grades all count, as the doubt concerns none of them.
    let review = json(&db, &["review", "--json"]);
    let items = review.as_array().unwrap();
    assert_eq!(items.len(), 1, "{review:#}");
    let windsor = items[0]["sha256"].as_str().unwrap().to_string();
    assert_eq!(items[0]["la_name"], "Windsor and Maidenhead");
    assert_eq!(items[0]["doubts"][0]["kind"], "findings");
    assert_eq!(items[0]["withheld"], serde_json::json!([]));
    let stats = json(&db, &["stats", "--as-at", "2020-03-01", "--json"]);
    assert_eq!(stats["awaiting_review"]["count"], 1);
    assert_eq!(stats["awaiting_review"]["reports"][0]["sha256"], windsor.as_str());
    assert_eq!(stats["inspected"], 1, "the flagged report's grades count");

    // The register keeps the bytes: the files it was given can go.
    std::fs::remove_dir_all(&inbox).unwrap();

    // A bad answer is named and changes nothing.
    let before = run(&db, &["export", "inspections", "--format", "csv"]).stdout;
    let barnsley = record(&db, BARNSLEY)["sha256"].as_str().unwrap().to_string();
    for (args, named) in [
        (vec!["review", "set", &barnsley[..10], "help_protection=brilliant", "--note", "x"], "help_protection"),
        (vec!["review", "set", &barnsley[..10], "overall=good", "colour=blue", "--note", "x"], "colour"),
        (vec!["review", "set", &barnsley[..10], "lscb=good", "--note", "x"], "no lscb judgement"),
        (vec!["review", "set", "0000000000", "overall=good", "--note", "x"], "no stored document"),
        (vec!["review", "accept", &barnsley[..10], "--note", " "], "--note"),
    ] {
        let o = run(&db, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(named), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(run(&db, &["export", "inspections", "--format", "csv"]).stdout, before, "a refused answer changed the register");

    // Answers: one accepts Windsor's reading, one gives Barnsley's help and protection grade.
    let o = run(&db, &["review", "accept", &windsor[..8], "--note", "the report itself numbers two paragraphs 14", "--by", "ann"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&db, &["review", "set", &barnsley[..8], "help_protection=good", "--note", "checked against page 1", "--by", "bo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(record(&db, WINDSOR)["status"], "ok");
    assert_eq!(record(&db, BARNSLEY)["help_protection"], "good");
    assert_eq!(json(&db, &["review", "--json"]), serde_json::json!([]));
    let la = json(&db, &["la", "Barnsley", "--json"]);
    let last = la["inspections"].as_array().unwrap().iter().find(|i| i["sha256"] == barnsley.as_str()).unwrap();
    let origin = last["origins"].as_array().unwrap().iter().find(|o| o["field"] == "help_protection").unwrap();
    assert_eq!((&origin["source"], &origin["by"], &origin["note"]), (&"person".into(), &"bo".into(), &"checked against page 1".into()));
    assert_eq!(last["help_protection"], "good");

    // A reading made under older rules (values that differ from today's reading, fewer
    // findings, no lead inspector): `reread` reads it again, from the register's copy, and
    // reports each field that changed.
    let current = read_now(&corpus.join(BARNSLEY));
    let mut older = current.clone();
    older.judgements.retain(|r| r.judgement != Judgement::CareLeavers);
    older.judgements.iter_mut().filter(|r| r.judgement == Judgement::Overall).for_each(|r| r.grade = Grade::Inadequate);
    older.lead_inspectors.clear();
    older.findings.truncate(3);
    {
        let mut store = lacs_store::Store::open(&db).unwrap();
        let doc = lacs_store::NewDocument {
            sha256: barnsley.clone(),
            source: lacs_store::Source { source_file: BARNSLEY.into(), folder_urn: Some(80426) },
            size: std::fs::metadata(corpus.join(BARNSLEY)).unwrap().len(),
            report: older,
            published: Some((jiff::civil::date(2023, 10, 27), lacs_domain::PublishedSource::FileName)),
            reading_rules: "0.0.1+older".into(),
        };
        store.replace_reading(&doc).unwrap();
    }
    assert_eq!(record(&db, BARNSLEY)["overall"], "inadequate");
    let summary = json(&db, &["reread", "--json"]);
    assert_eq!((summary["documents"].as_u64(), summary["changed"].as_u64(), summary["failed"].as_u64()), (Some(1), Some(1), Some(0)));
    let change = &summary["changes"][0];
    assert_eq!(change["rules_before"], "0.0.1+older");
    let changed: Vec<(&str, &Value, &Value)> = change["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["field"].as_str().unwrap(), &c["before"], &c["after"]))
        .collect();
    let findings = current.findings.len().to_string();
    assert_eq!(
        changed,
        [
            ("lead_inspector", &Value::Null, &"Anna Gravelle".into()),
            ("overall", &"inadequate".into(), &"good".into()),
            ("care_leavers", &Value::Null, &current.grade(Judgement::CareLeavers).unwrap().as_str().into()),
            ("findings", &"3".into(), &findings.as_str().into()),
        ]
    );
    assert_eq!(change["answers"], 1);
    let rec = record(&db, BARNSLEY);
    assert_eq!((&rec["overall"], &rec["help_protection"], &rec["status"]), (&"good".into(), &"good".into(), &"ok".into()));
    // Nothing more to read again.
    assert_eq!(json(&db, &["reread", "--json"])["documents"], 0);

    // A rebuilt register: the answers go over as CSV, the documents come again.
    let answers = dir.path().join("answers.csv");
    assert!(run(&db, &["review", "export", "-o", answers.to_str().unwrap()]).status.success());
    let rebuilt = dir.path().join("rebuilt/register.db");
    let o = run(&rebuilt, &["review", "import", answers.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for file in [WINDSOR, BARNSLEY] {
        assert!(run(&rebuilt, &["ingest", corpus.join(file).to_str().unwrap()]).status.success());
    }
    assert_eq!(record(&rebuilt, WINDSOR)["status"], "ok");
    assert_eq!(record(&rebuilt, BARNSLEY)["help_protection"], "good");
    let o = run(&rebuilt, &["review", "import", answers.to_str().unwrap()]);
    assert!(stderr(&o).contains("0 answers added"), "importing again adds nothing: {}", stderr(&o));

    // Undo takes the latest answer back.
    assert!(run(&rebuilt, &["review", "undo", &windsor]).status.success());
    assert_eq!(record(&rebuilt, WINDSOR)["status"], "needs_review");
}

#[test]
fn links_gone_from_ofsteds_site_are_listed_by_review_and_on_the_la() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.db");
    {
        let store = lacs_store::Store::open(&db).unwrap();
        store
            .site_listed(&lacs_store::ListedPublication {
                urn: 80426,
                file_id: "50100001",
                link_text: "Children's services inspection, PDF - 01 May 2012",
                url: "https://files.ofsted.gov.uk/v1/file/50100001",
                kind: lacs_domain::KindHint::Report,
                published: Some("2012-05-01"),
                la_name: "Barnsley",
                provider_url: "https://reports.ofsted.gov.uk/provider/44/80426",
            })
            .unwrap();
        store.site_set_gone(80426, "50100001", "HTTP 404 Not Found", "2026-11-30T08:00:00Z").unwrap();
    }
    let o = run(&db, &["review"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("gone from Ofsted's site (1 links"), "{out}");
    assert!(out.contains("Barnsley (URN 80426) — Children's services inspection, PDF - 01 May 2012 — https://files.ofsted.gov.uk/v1/file/50100001"), "{out}");
    assert!(out.contains("last checked 2026-11-30: HTTP 404 Not Found"), "{out}");
    assert!(!out.contains("nothing awaits review"), "{out}");
    let la = json(&db, &["la", "Barnsley", "--json"]);
    assert_eq!(la["gone_links"][0]["url"], "https://files.ofsted.gov.uk/v1/file/50100001");
    assert_eq!(la["gone_links"][0]["last_checked"], "2026-11-30T08:00:00Z");
}
