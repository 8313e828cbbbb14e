//! `lacs claims`: example stories (press releases and trade news about inspections in the
//! corpus, in `tests/claims/*.txt`) with true claims and planted errors of every kind, each
//! with its expected verdicts (`tests/claims/*.json`). The corpus folders the stories need are
//! ingested with the binary, Ofsted's official statistics imported, and every expected
//! verdict checked; a contradicted claim names the register's value. No claim may be
//! contradicted that the expectations do not list.

mod common;
use common::*;

use serde_json::Value;
use std::path::{Path, PathBuf};

fn stories() -> Vec<(String, PathBuf, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/claims");
    let mut out: Vec<(String, PathBuf, Value)> = std::fs::read_dir(&dir)
        .expect("tests/claims")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|story| {
            let expect = story.with_extension("json");
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&expect).expect("each story has its .json")).expect("valid JSON");
            (story.file_stem().unwrap().to_string_lossy().into_owned(), story, v)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn lower(v: &Value) -> String {
    v.as_str().unwrap_or("").to_lowercase()
}

#[test]
fn every_example_story_gets_its_expected_verdicts() {
    let stories = stories();
    assert!(stories.len() >= 6, "at least six example stories");
    let Some(corpus) = corpus() else {
        assert!(!under_ci(), "CI=true: ../shared/corpus must be present");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");

    let mut folders: Vec<String> = stories
        .iter()
        .flat_map(|(_, _, v)| v["folders"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f.as_str().map(|s| corpus.join(s).to_string_lossy().into_owned()))
        .collect();
    folders.sort();
    folders.dedup();
    let mut args = vec!["ingest"];
    args.extend(folders.iter().map(String::as_str));
    let o = run(&db, &args);
    // Birmingham's folder holds a saved web page named .pdf: refused, so the exit code is 1.
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
    let official = corpus.parent().unwrap().join("official");
    let mut files: Vec<String> = std::fs::read_dir(&official)
        .expect("../shared/official")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ods"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut args = vec!["import-official"];
    args.extend(files.iter().map(String::as_str));
    let o = run(&db, &args);
    assert!(o.status.success(), "{}", stderr(&o));

    let mut failures = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    for (name, story, expect) in &stories {
        let mut args = vec!["claims".to_string(), story.to_string_lossy().into_owned(), "--json".into()];
        if let Some(d) = expect["as_of"].as_str() {
            args.extend(["--as-of".into(), d.into()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&db, &args);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let claims: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{name}: {e}: {}", stdout(&o)));
        if expect["as_of"].is_null() {
            assert!(stderr(&o).contains("No date given"), "{name}: without --as-of the output says what was assumed");
        }
        let wanted = expect["claims"].as_array().expect("claims");
        for w in wanted {
            let found = claims.iter().find(|c| {
                c["sentence"].as_str().is_some_and(|s| s.contains(w["sentence"].as_str().unwrap_or("")))
                    && c["claim_type"] == w["type"]
                    && lower(&c["claimed"]).contains(&lower(&w["claimed"]))
            });
            let Some(c) = found else {
                failures.push(format!("{name}: no {} claim {:?} in a sentence with {:?}", w["type"], w["claimed"], w["sentence"]));
                continue;
            };
            kinds.insert((w["type"].as_str().unwrap_or("").to_string(), c["verdict"].as_str().unwrap_or("").to_string()));
            let mut wrong = Vec::new();
            if c["verdict"] != w["verdict"] {
                wrong.push(format!("verdict {} (expected {})", c["verdict"], w["verdict"]));
            }
            if c["verdict"] != "unverifiable" && c["evidence"].as_array().is_none_or(Vec::is_empty) {
                wrong.push("no evidence".into());
            }
            if let Some(r) = w["register"].as_str() {
                if !lower(&c["register"]).contains(&r.to_lowercase()) {
                    wrong.push(format!("register {} (expected it to name {r:?})", c["register"]));
                }
            }
            if let Some(r) = w["why"].as_str() {
                if !lower(&c["why"]).contains(&r.to_lowercase()) {
                    wrong.push(format!("why {} (expected {r:?})", c["why"]));
                }
            }
            if let Some(p) = w["page"].as_u64() {
                if c["evidence"][0]["page"].as_u64() != Some(p) {
                    wrong.push(format!("page {} (expected {p})", c["evidence"][0]["page"]));
                }
            }
            if let Some(la) = w["la"].as_str() {
                if c["la"].as_str() != Some(la) {
                    wrong.push(format!("la {} (expected {la})", c["la"]));
                }
            }
            if !wrong.is_empty() {
                failures.push(format!("{name}: {} {:?} in {:?}: {}", w["type"], c["claimed"], c["sentence"], wrong.join("; ")));
            }
        }
        // No contradiction the expectations do not list: a checker that cries wolf is no checker.
        for c in claims.iter().filter(|c| c["verdict"] == "contradicted") {
            let listed = wanted.iter().any(|w| {
                c["sentence"].as_str().is_some_and(|s| s.contains(w["sentence"].as_str().unwrap_or("")))
                    && c["claim_type"] == w["type"]
                    && lower(&c["claimed"]).contains(&lower(&w["claimed"]))
            });
            if !listed {
                failures.push(format!("{name}: unexpected contradiction: {} {:?} in {:?} (register {})", c["claim_type"], c["claimed"], c["sentence"], c["register"]));
            }
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
    // Every claim type is tried, true and planted false.
    for t in ["grade", "rank", "share", "earlier_inspection", "timing", "quotation"] {
        for v in ["supported", "contradicted"] {
            assert!(kinds.contains(&(t.to_string(), v.to_string())), "no {v} {t} claim among the examples");
        }
    }

    // Text output names the verdict in words; standard input works; a bad date is named.
    let barnsley = stories.iter().find(|s| s.0 == "barnsley_2023").unwrap();
    let o = run(&db, &["claims", barnsley.1.to_str().unwrap(), "--as-of", "27 October 2023"]);
    let out = stdout(&o);
    assert!(out.contains("CONTRADICTED Grade — Barnsley: help and protection"), "{out}");
    assert!(out.contains("register: Requires improvement"), "{out}");
    let mut child = lacs(&db)
        .args(["claims", "-", "--json", "--as-of", "2023-10-27"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(b"Barnsley was rated good by Ofsted.").unwrap();
    }
    let o = child.wait_with_output().unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((v[0]["verdict"].as_str(), v[0]["la"].as_str()), (Some("supported"), Some("Barnsley")));
    let o = run(&db, &["claims", barnsley.1.to_str().unwrap(), "--as-of", "someday"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--as-of"), "{}", stderr(&o));
    let o = run(&db, &["claims", "/no/such/story.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read /no/such/story.txt"), "{}", stderr(&o));
}
