//! `lacs search --in all`: a quotation from anywhere in a report is found with its page,
//! and the pages' text never leaks into `la --json` or the export.

mod common;
use common::*;

/// From the summary on page 1 of Barnsley's 2023 ILACS report, printed over a line break
/// ("…a significant / review across all service areas…"), and in no list or judgement
/// paragraph.
const QUOTE: &str = "\"significant review across all service areas\"";

#[test]
fn search_in_all_finds_a_quotation_outside_any_finding_with_its_page() {
    let Some(corpus) = corpus() else {
        assert!(!under_ci(), "CI=true: ../shared/corpus must be present");
        return;
    };
    let report = corpus.join("80426_barnsley/children's services inspection - 27 october 2023.pdf");
    assert!(report.exists(), "expected Barnsley's 2023 report in the corpus");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let o = run(&db, &["ingest", report.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    // Not in any finding…
    let o = run(&db, &["search", QUOTE, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()["results"], serde_json::json!([]));

    // …but on page 1 of the report, the phrase marked whole across the line break.
    let o = run(&db, &["search", QUOTE, "--in", "all", "--la", "Barnsley", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let hits: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(hits["total"], 1);
    let hits = hits["results"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    let h = &hits[0];
    assert_eq!((h["source"].as_str(), h["page"].as_u64(), h["urn"].as_u64()), (Some("page"), Some(1), Some(80426)));
    assert_eq!((h["published"].as_str(), h["kind"].as_str()), (Some("2023-10-27"), Some("ilacs_short")));
    assert!(h["list"].is_null() && h["section"].is_null() && h["position"].is_null());
    let text = h["text"].as_str().unwrap();
    assert!(text.contains("[significant review across all service areas]"), "{text}");

    // Text output: the LA and report, then the page and the text around the hit.
    let o = run(&db, &["search", QUOTE, "--in", "all"]);
    let out = stdout(&o);
    assert!(out.contains("Barnsley — ilacs_short 2023-10-27"), "{out}");
    assert!(out.contains("  p. 1: ") && out.contains("[significant review across all service areas]"), "{out}");
    assert!(out.trim_end().ends_with("1 pages; page 1 of 1 (50 a page)"), "{out}");

    // Findings name their list; a bad place to search is named.
    let o = run(&db, &["search", "\"private fostering\"", "--json"]);
    let f: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &f["results"];
    assert_eq!((f[0]["source"].as_str(), f[0]["list"].as_str()), (Some("finding"), Some("what_needs_to_improve")));
    assert_eq!(f[0]["list_label"], "What needs to improve");
    let o = run(&db, &["search", "x", "--in", "pages"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--in: ") && stderr(&o).contains("findings") && stderr(&o).contains("all"), "{}", stderr(&o));

    // The pages' text stays out of la --json and the export.
    let needle = "significant\nreview across all service areas";
    let plain = "review across all service areas";
    for args in [&["la", "Barnsley", "--json"][..], &["export", "inspections", "--format", "json"][..]] {
        let o = run(&db, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(!out.contains(plain) && !out.contains(needle), "{args:?} leaks page text");
    }
    let o = run(&db, &["la", "Barnsley", "--json"]);
    let la: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let last = la["inspections"].as_array().unwrap().iter().find(|i| i["kind"] == "ilacs_short").unwrap();
    let lists: Vec<&str> = last["findings"].as_array().unwrap().iter().map(|f| f["list"].as_str().unwrap()).collect();
    assert_eq!(lists, ["what_needs_to_improve"; 4]);
    assert_eq!(last["improvements"].as_array().unwrap().len(), 4);
    assert_eq!(last["findings"][2]["text"], last["improvements"][2]);
    assert_eq!(last["findings"][0]["page"], 2);
}
