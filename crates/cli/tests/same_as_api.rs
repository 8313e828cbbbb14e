//! `lacs X --json` and `/api/v1/X` give the same JSON for every view: both surfaces hand
//! their parameters to lacs-query and print its answer, so a difference is a surface that
//! computes something of its own. The register is a few real reports and an official
//! statistics release from `../shared`; the API is the real router, in process.

mod common;
use common::*;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use std::path::Path;
use tower::ServiceExt;

/// Each view: the CLI's arguments and the API's address, asking the same question.
const VIEWS: &[(&[&str], &str)] = &[
    (&["stats", "--as-at", "31/03/2024", "--by", "region", "--list"], "/api/v1/stats?as_at=2024-03-31&by=region&list=true"),
    (&["stats", "--judgement", "leaders", "--published-by", "31 December 2023"], "/api/v1/stats?judgement=leaders&published_by=2023-12-31"),
    (&["series", "--until", "2019-06-30"], "/api/v1/series?until=2019-06-30"),
    (&["la", "--region", "Yorkshire and the Humber", "--as-at", "2024-03-31"], "/api/v1/la?region=Yorkshire+and+the+Humber&as_at=2024-03-31"),
    (&["la", "--grade", "not_inspected"], "/api/v1/la?grade=not_inspected"),
    (&["la", "Barnsley"], "/api/v1/la/80426"),
    (&["la", "Norfolk", "--as-at", "2019-01-01"], "/api/v1/la/Norfolk?as_at=2019-01-01"),
    (&["facts", "Barnsley"], "/api/v1/facts/Barnsley"),
    (&["facts", "Norfolk", "--inspection", "31 December 2016"], "/api/v1/facts/Norfolk?inspection=2016-12-31"),
    (&["changes", "--framework", "any", "--compare", "first"], "/api/v1/changes?framework=any&compare=first"),
    (&["changes", "--framework", "any", "--from", "2016-01-01", "--to-grade", "good"], "/api/v1/changes?framework=any&from=2016-01-01&to_grade=good"),
    (&["firsts", "--grade", "good"], "/api/v1/firsts?grade=good"),
    (&["firsts", "--grade", "good", "--region", "North East, Yorkshire and the Humber"], "/api/v1/firsts?grade=good&region=North+East%2C+Yorkshire+and+the+Humber"),
    (&["firsts", "--framework", "sif", "--judgement", "adoption"], "/api/v1/firsts?framework=sif&judgement=adoption"),
    (&["disagreements"], "/api/v1/disagreements"),
    (&["disagreements", "--urn", "80426"], "/api/v1/disagreements?urn=80426"),
    (&["search", "children's", "--per-page", "3", "--page", "2"], "/api/v1/search?q=children%27s&per_page=3&page=2"),
    (&["search", "\"private fostering\"", "--in", "all", "--la", "Barnsley"], "/api/v1/search?q=%22private+fostering%22&in=all&la=Barnsley"),
    (&["themes", "--by", "year", "--as-at", "2024-03-31"], "/api/v1/themes?by=year&as_at=2024-03-31"),
    (&["due", "--as-at", "2025-03-31"], "/api/v1/due?as_at=2025-03-31"),
    (&["due", "--region", "Yorkshire and the Humber", "--grade", "good", "--status", "in_window", "--as-at", "2026-12-04"], "/api/v1/due?region=Yorkshire+and+the+Humber&grade=good&status=in_window&as_at=2026-12-04"),
    (&["due", "--la", "Barnsley"], "/api/v1/due?la=Barnsley"),
    (&["visits"], "/api/v1/visits"),
    (&["visits", "--type", "monitoring_visit", "--since", "1 April 2024", "--region", "North West"], "/api/v1/visits?type=monitoring_visit&since=2024-04-01&region=North+West"),
    (&["visits", "--la", "Liverpool", "--until", "31/03/2025"], "/api/v1/visits?la=Liverpool&until=2025-03-31"),
];

fn shared() -> Option<std::path::PathBuf> {
    let Some(corpus) = corpus() else {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true: ../shared/corpus must be present");
        return None;
    };
    corpus.parent().map(Path::to_path_buf)
}

fn json_of(o: &std::process::Output, what: &str) -> Value {
    assert!(o.status.success(), "{what}: {}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {}", stdout(o)))
}

async fn api(app: &axum::Router, uri: &str) -> (StatusCode, Value) {
    let res = app.clone().oneshot(Request::builder().uri(uri).body(Body::empty()).expect("request")).await.expect("answer");
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.expect("body");
    (status, serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{uri}: not JSON ({e})")))
}

#[test]
fn every_view_gives_the_same_json_from_the_cli_and_the_api() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("r.db");
    let corpus = shared.join("corpus");
    let o = run(&db, &["ingest", corpus.join("80426_barnsley").to_str().unwrap(), corpus.join("80418_norfolk").to_str().unwrap()]);
    assert!(o.status.success(), "ingest: {}", stderr(&o));
    let official = shared.join("official/LA_Inspection_Outcomes_as_at_31_March_2025.ods");
    let o = run(&db, &["import-official", official.to_str().unwrap()]);
    assert!(o.status.success(), "import-official: {}", stderr(&o));

    let opts = lacs_web::ServeOptions { addr: "127.0.0.1:0".parse().expect("address"), db: db.clone(), reference_dir: None, version: None };
    let app = lacs_web::app(lacs_web::load_state(&opts, lacs_web::ops::new_metrics()).expect("state"));
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");

    // One inspection: an id the LA view names, asked both ways.
    let barnsley = json_of(&run(&db, &["la", "Barnsley", "--json"]), "la Barnsley");
    let id = barnsley["inspections"][0]["event_id"].as_i64().expect("an event id");
    let inspection_args = ["inspection".to_string(), id.to_string()];
    let inspection_uri = format!("/api/v1/inspection/{id}");

    let mut views: Vec<(Vec<String>, String)> =
        VIEWS.iter().map(|(args, uri)| (args.iter().map(|a| a.to_string()).collect(), uri.to_string())).collect();
    views.push((inspection_args.to_vec(), inspection_uri));
    let mut asked = std::collections::BTreeSet::new();
    for (args, uri) in &views {
        let mut cli_args: Vec<&str> = args.iter().map(String::as_str).collect();
        cli_args.push("--json");
        let from_cli = json_of(&run(&db, &cli_args), &args.join(" "));
        let (status, from_api) = rt.block_on(api(&app, uri));
        assert_eq!(status, StatusCode::OK, "{uri}: {from_api}");
        assert_eq!(from_cli, from_api, "`lacs {}` and {uri} differ", args.join(" "));
        // (These reports agree with the official record: their disagreements are none.)
        assert!(uri.contains("disagreements") || from_api.to_string().len() > 30, "{uri}: an answer with something in it");
        asked.insert(uri.trim_start_matches("/api/v1/").split(['/', '?']).next().unwrap_or("").to_string());
    }
    // Every documented view is asked here (the document itself is the one exception).
    let doc = rt.block_on(api(&app, "/api/v1/openapi.json")).1;
    for path in doc["paths"].as_object().expect("paths").keys() {
        let view = path.trim_start_matches("/api/v1/").split('/').next().unwrap_or("");
        if view != "openapi.json" {
            assert!(asked.contains(view), "{path}: no CLI command is compared with it");
        }
    }

    // A bad parameter is named the same way, each in its surface's spelling.
    for (args, uri, name) in [
        (&["stats", "--as-at", "31/13/2024"][..], "/api/v1/stats?as_at=31/13/2024", "as_at"),
        (&["changes", "--compare", "sideways"][..], "/api/v1/changes?compare=sideways", "compare"),
        (&["la", "--grade", "great"][..], "/api/v1/la?grade=great", "grade"),
        (&["due", "--status", "late"][..], "/api/v1/due?status=late", "status"),
        (&["visits", "--type", "slac"][..], "/api/v1/visits?type=slac", "type"),
    ] {
        let o = run(&db, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let (status, body) = rt.block_on(api(&app, uri));
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let api_message = body["error"]["message"].as_str().expect("message");
        let flag = format!("--{}", name.replace('_', "-"));
        let cli_message = stderr(&o);
        assert!(cli_message.contains(&api_message.replacen(name, &flag, 1)), "{args:?}: {cli_message} vs {api_message}");
    }

    // The text says the same: `lacs due` ranks the LAs, and `lacs la X` gives its own window.
    let o = run(&db, &["due", "--la", "Barnsley"]);
    assert!(o.status.success() && stdout(&o).contains("Next full inspections as at") && stdout(&o).contains("Barnsley"), "{}", stderr(&o));
    let o = run(&db, &["la", "Barnsley"]);
    assert!(stdout(&o).contains("next inspection (ILACS"), "{}", stdout(&o));
}
