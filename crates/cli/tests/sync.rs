//! `lacs sync` through the real binary against a tiny stand-in of the reports site (one LA,
//! one link whose file is gone): the exit status and what the summary says.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Write};
use std::sync::{Arc, Mutex};

/// Serves a listing with Barnsley, Barnsley's page with one report link (a 404 for its file)
/// and a focused visit letter; keeps every path asked for.
fn site() -> (String, Arc<Mutex<Vec<String>>>) {
    let letter = lacs_testkit::pdf::text_pdf(&["Focused visit to Barnsley local authority children's services", "Dear Director"]);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(Mutex::new(Vec::new()));
    let seen = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let path = request.split_whitespace().nth(1).unwrap_or("").to_string();
            seen.lock().unwrap().push(path.clone());
            if path == "/v1/file/2" {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    letter.len()
                );
                let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&letter));
                continue;
            }
            let (status, body) = if path.starts_with("/search") && path.contains("start=0&") {
                ("200 OK", r#"<html><body><a href="/provider/44/80426">Barnsley</a></body></html>"#.to_string())
            } else if path.starts_with("/search") {
                ("200 OK", "<html><body>No more results</body></html>".to_string())
            } else if path == "/provider/44/80426" {
                (
                    "200 OK",
                    r#"<html><body><a class="publication-link" href="/v1/file/1"><span class="nonvisual">Children's services inspection, PDF - 01 May 2012</span></a>
                       <a class="publication-link" href="/v1/file/2"><span class="nonvisual">Focused visit, PDF - 12 March 2020</span></a></body></html>"#
                        .to_string(),
                )
            } else {
                ("404 Not Found", "<html><title>Report not found</title></html>".to_string())
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (base, hits)
}

#[test]
fn a_gone_link_is_recorded_and_the_next_run_downloads_nothing_and_exits_0() {
    let (base, hits) = site();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.db");
    let args = ["sync", "--base-url", base.as_str(), "--rate", "50", "--timeout", "5"];
    let events = dir.path().join("events.jsonl");
    let notify = format!("cat >> '{}'", events.display());
    let first = run(&db, &[&args[..], &["--notify", notify.as_str()]].concat());
    assert!(first.status.success(), "a gone link fails no run: {}", stderr(&first));
    let err = stderr(&first);
    assert!(err.contains("1 link gone (last checked"), "{err}");
    assert!(err.contains("gone: URN 80426, Children's services inspection, PDF - 01 May 2012"), "{err}");
    assert_eq!(hits.lock().unwrap().iter().filter(|p| p.starts_with("/v1/file/1")).count(), 1);
    // The visit letter's alert, with the register's event id.
    let sent = std::fs::read_to_string(&events).unwrap();
    let lines: Vec<serde_json::Value> = sent.lines().map(|l| serde_json::from_str(l).expect("one JSON object a line")).collect();
    assert_eq!(lines.len(), 1, "{sent}");
    assert_eq!((lines[0]["type"].as_str(), lines[0]["event"].as_str()), (Some("visit"), Some("Focused visit")));
    let id = lines[0]["event_id"].as_i64().unwrap_or_else(|| panic!("an event id: {sent}"));
    assert_eq!(id / 1_000_000_000, 80426);

    hits.lock().unwrap().clear();
    let second = run(&db, &[&args[..], &["--json"]].concat());
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(hits.lock().unwrap().iter().all(|p| !p.starts_with("/v1/file/")), "{:?}", hits.lock().unwrap());
    let summary: serde_json::Value = serde_json::from_str(&stdout(&second)).unwrap();
    assert_eq!((summary["new_files"].as_u64(), summary["gone"].as_array().map(Vec::len)), (Some(0), Some(1)));
    assert_eq!(summary["gone"][0]["checked_now"], false);

    // `lacs review` lists it.
    let review = run(&db, &["review"]);
    assert!(stdout(&review).contains("gone from Ofsted's site (1 links"), "{}", stdout(&review));

    // --recheck-gone asks again at once.
    hits.lock().unwrap().clear();
    let third = run(&db, &[&args[..], &["--recheck-gone"]].concat());
    assert!(third.status.success(), "{}", stderr(&third));
    assert_eq!(hits.lock().unwrap().iter().filter(|p| p.starts_with("/v1/file/1")).count(), 1);
}
