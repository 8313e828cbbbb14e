//! What an operator and a feed reader get: `/healthz`, `/metrics`, the per-request counts,
//! and the Atom feeds (valid Atom 1.0, stable ids, conditional GET).

mod common;

use axum::http::{header, StatusCode};
use common::{get, get_with};
use serde_json::Value;

#[tokio::test]
async fn healthz_reads_the_register_file_now() {
    let dir = tempfile::tempdir().unwrap();
    let s = common::state_in(dir.path());
    let r = get(&s, "/healthz").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.header(header::CACHE_CONTROL), "no-store");
    let h: Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(h["status"], "ok");
    assert_eq!(h["register"]["readable"], true);
    assert!(h["register"]["events"].as_u64().unwrap() > 0);
    assert!(h["register"]["last_updated"].is_string());
    assert!(h["last_sync"].is_null(), "no sync has run");
    assert!(h["version"].is_string());

    // A sync that failed: still served (200), but said.
    let run = lacs_store::SyncRun {
        started_at: "2025-06-29T02:00:00Z".into(),
        finished_at: "2025-06-29T02:10:00Z".into(),
        base_url: "https://reports.ofsted.gov.uk".into(),
        ok: false,
        summary: "2 files failed".into(),
        new_events: 1,
        error: Some("the listing answered 503".into()),
        listed_providers: Some(153),
    };
    lacs_store::Store::open(&dir.path().join("r.db")).unwrap().record_sync_run(&run).unwrap();
    let r = get(&s, "/healthz").await;
    assert_eq!(r.status, StatusCode::OK);
    let h: Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(h["status"], "degraded");
    assert_eq!(h["last_sync"]["finished_at"], "2025-06-29T02:10:00Z");
    assert_eq!(h["last_sync"]["error"], "the listing answered 503");
    let m = get(&s, "/metrics").await.text();
    assert!(m.contains("lacs_last_sync_success 0") && m.contains("lacs_last_sync_finished_timestamp_seconds 1751163000"), "{m}");

    // The file gone: the server still answers from memory, but says it cannot read the
    // register (503, with why), so an orchestrator restarts or alerts.
    std::fs::write(dir.path().join("r.db"), b"not a database").unwrap();
    let r = get(&s, "/healthz").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text());
    let h: Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(h["status"], "unavailable");
    assert_eq!(h["register"]["readable"], false);
    assert!(h["register"]["error"].as_str().unwrap().contains("r.db"), "{h}");
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status() {
    let s = common::state();
    for uri in ["/la", "/la", "/la/80426", "/no/such/page"] {
        get(&s, uri).await;
    }
    let r = get(&s, "/metrics").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header(header::CONTENT_TYPE).starts_with("application/openmetrics-text"), "{}", r.header(header::CONTENT_TYPE));
    let t = r.text();
    assert!(t.contains(r#"lacs_http_requests_total{route="/la",method="GET",status="200"} 2"#), "{t}");
    assert!(t.contains(r#"lacs_http_requests_total{route="/la/{urn}",method="GET",status="200"} 1"#), "{t}");
    assert!(t.contains(r#"lacs_http_requests_total{route="unmatched",method="GET",status="404"} 1"#), "{t}");
    assert!(t.contains(r#"lacs_http_request_duration_seconds_bucket{le="+Inf",route="/la"} 2"#), "{t}");
    let events = t.lines().find(|l| l.starts_with("lacs_register_events ")).expect("register size");
    assert!(events.split(' ').nth(1).unwrap().parse::<u64>().unwrap() > 0);
    assert!(t.contains("lacs_last_sync_success 0"), "never synced");
    assert!(t.trim_end().ends_with("# EOF"));
}

/// RFC 4287's rules that a reader relies on, checked on a parsed feed.
fn assert_valid_atom(xml: &str, what: &str) -> atom_syndication::Feed {
    assert!(xml.starts_with("<?xml"), "{what}: {xml}");
    // Well formed as XML, every element closed as opened.
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{what}: not well-formed XML at {}: {e}", reader.buffer_position()),
        }
    }
    assert!(xml.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom""#), "{what}: the Atom namespace");
    let feed: atom_syndication::Feed = xml.parse().unwrap_or_else(|e| panic!("{what}: not Atom: {e}"));
    assert!(!feed.id().is_empty() && !feed.title().value.is_empty(), "{what}");
    assert!(!feed.authors().is_empty(), "{what}: a feed-level author (entries carry none)");
    assert!(feed.links().iter().any(|l| l.rel() == "self"), "{what}: a self link");
    let mut ids = std::collections::HashSet::new();
    for e in feed.entries() {
        assert!(e.id().starts_with("urn:lacs:event:") && ids.insert(e.id().to_string()), "{what}: unique permanent ids");
        assert!(!e.title().value.is_empty(), "{what}");
        assert!(e.links().iter().any(|l| l.rel() == "alternate") || e.content().is_some(), "{what}: an entry needs a link or content");
        assert!(e.updated() <= feed.updated(), "{what}: the feed is as new as its newest entry");
        assert_eq!(e.categories().len(), 1, "{what}");
    }
    let dates: Vec<_> = feed.entries().iter().map(|e| *e.updated()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{what}: newest first");
    feed
}

#[tokio::test]
async fn feeds_are_valid_atom_with_stable_ids() {
    let s = common::state();
    let r = get(&s, "/feeds/england.atom").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.header(header::CONTENT_TYPE), "application/atom+xml; charset=utf-8");
    let england = assert_valid_atom(&r.text(), "england");
    assert!(!england.entries().is_empty());
    assert!(england.entries().len() <= lacs_query::FEED_ENTRIES);
    let kinds: std::collections::HashSet<_> = england.entries().iter().map(|e| e.categories()[0].term().to_string()).collect();
    assert!(kinds.iter().all(|k| ["inspection", "grade-change", "visit"].contains(&k.as_str())), "{kinds:?}");

    // The LA's feed: its events only, by URN or by name; the id is the same in both feeds.
    let la = assert_valid_atom(&get(&s, "/feeds/la/80426.atom").await.text(), "Barnsley");
    assert!(la.entries().iter().all(|e| e.title().value.starts_with("Barnsley")), "{:?}", la.entries().iter().map(|e| &e.title().value).collect::<Vec<_>>());
    let by_name = get(&s, "/feeds/la/Barnsley.atom").await;
    assert_eq!(by_name.status, StatusCode::OK);
    let id = format!("urn:lacs:event:{}", common::BARNSLEY_ILACS_2023);
    assert!(la.entries().iter().any(|e| e.id() == id), "{id}");
    assert_eq!(by_name.text(), get(&s, "/feeds/la/80426.atom").await.text(), "the same feed, the same bytes");
    let region = assert_valid_atom(&get(&s, "/feeds/region/north-east-yorkshire-and-the-humber.atom").await.text(), "region");
    assert!(region.entries().iter().any(|e| e.id() == id));

    // A visit says what it is, and a monitoring visit its number.
    let kent = assert_valid_atom(&get(&s, "/feeds/la/80476.atom").await.text(), "Kent");
    let visit = kent.entries().iter().find(|e| e.categories()[0].term() == "visit").expect("Kent's monitoring visit");
    assert_eq!(visit.title().value, "Kent: Monitoring visit");
    let summary = &visit.summary().expect("a summary").value;
    assert!(summary.contains("Monitoring visit 1 since the inadequate judgement."), "{summary}");

    // The pages announce and link them.
    let home = get(&s, "/").await.text();
    assert!(home.contains(r#"<link rel="alternate" type="application/atom+xml""#) && home.contains("/feeds/region/london.atom"));
    assert!(get(&s, "/la/80426").await.text().contains(r#"href="/feeds/la/80426.atom""#));

    for bad in ["/feeds/region/atlantis.atom", "/feeds/la/Nowhere.atom", "/feeds/la/80426.rss"] {
        assert_eq!(get(&s, bad).await.status, StatusCode::NOT_FOUND, "{bad}");
    }
}

#[tokio::test]
async fn feeds_answer_conditional_requests() {
    let s = common::state();
    let first = get(&s, "/feeds/la/80426.atom").await;
    let etag = first.header(header::ETAG).to_string();
    let modified = first.header(header::LAST_MODIFIED).to_string();
    assert!(etag.starts_with('"') && modified.ends_with("GMT"), "{etag} {modified}");
    let again = get_with(&s, "/feeds/la/80426.atom", &[(header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header(header::ETAG), etag);
    let since = get_with(&s, "/feeds/la/80426.atom", &[(header::IF_MODIFIED_SINCE, &modified)]).await;
    assert_eq!(since.status, StatusCode::NOT_MODIFIED);
    let stale = get_with(&s, "/feeds/la/80426.atom", &[(header::IF_NONE_MATCH, "\"something-else\"")]).await;
    assert_eq!(stale.status, StatusCode::OK);
    assert_eq!(stale.body, first.body);
    let older = get_with(&s, "/feeds/la/80426.atom", &[(header::IF_MODIFIED_SINCE, "Mon, 01 Jan 2018 00:00:00 GMT")]).await;
    assert_eq!(older.status, StatusCode::OK);
}
