//! `serve_reloading`: after a background sync stores something, the next request sees it,
//! with no restart.

use jiff::civil::date;
use lacs_domain::{Grade, Judgement, JudgementReading, Kind, PublishedSource, ReadReport};
use lacs_store::{NewDocument, Source, Store};

fn report(sha: &str, start: jiff::civil::Date) -> NewDocument {
    NewDocument {
        sha256: sha.into(),
        source: Source { source_file: format!("80426_barnsley/{sha}.pdf"), folder_urn: Some(80426) },
        size: 1,
        report: ReadReport {
            kind: Some(Kind::IlacsStandard),
            urn: Some(80426),
            inspection_start: Some(start),
            inspection_end: Some(start),
            judgements: vec![JudgementReading { judgement: Judgement::Overall, grade: Grade::Good, page: 1, text: "Overall effectiveness Good".into() }],
            page_count: 1,
            ..Default::default()
        },
        published: Some((start + jiff::Span::new().days(40), PublishedSource::FileName)),
        reading_rules: String::new(),
    }
}

async fn inspections(port: u16) -> usize {
    let body = reqwest_lite(port, "/api/v1/la/80426").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    v["inspections"].as_array().map_or(0, Vec::len)
}

/// A minimal HTTP GET over a TCP stream (no client library needed).
async fn reqwest_lite(port: u16, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    // Chunked transfer: take the JSON between the first '{' and the last '}'.
    match (body.find('{'), body.rfind('}')) {
        (Some(a), Some(b)) => body[a..=b].to_string(),
        _ => body,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_serves_what_was_stored_since() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    Store::open(&db).unwrap().store(&report("aa", date(2019, 1, 7))).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let opts = lacs_web::ServeOptions { addr: ([127, 0, 0, 1], port).into(), db: db.clone(), reference_dir: None, version: None };
    let (tx, rx) = tokio::sync::watch::channel(0u64);
    let server = tokio::spawn(lacs_web::serve_reloading(opts, rx));
    let mut tries = 0;
    while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() && tries < 100 {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        tries += 1;
    }
    assert_eq!(inspections(port).await, 1);
    // A sync stores a new report, then signals.
    Store::open(&db).unwrap().store(&report("bb", date(2023, 5, 8))).unwrap();
    tx.send_modify(|n| *n += 1);
    let mut seen = 1;
    for _ in 0..100 {
        seen = inspections(port).await;
        if seen == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(seen, 2, "the reloaded register serves the new report");
    server.abort();
}
