//! `/search`, `/themes` and their API routes over a small register file.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use jiff::civil::date;
use lacs_domain::{Finding, FindingSection, Grade, Judgement, JudgementReading, Kind, PublishedSource, ReadReport};
use lacs_store::{NewDocument, Source, Store};
use tower::ServiceExt;

const HOSTILE: &str = "<script>alert(1)</script>";

fn state(dir: &std::path::Path) -> lacs_web::AppState {
    let path = dir.join("r.db");
    let mut store = Store::open(&path).unwrap();
    let item = |position, text: &str| Finding { section: FindingSection::Improvement, judgement: None, position, page: 3, number: None, text: text.into() };
    let report = ReadReport {
        kind: Some(Kind::IlacsStandard),
        urn: Some(80426),
        inspection_start: Some(date(2018, 10, 8)),
        inspection_end: Some(date(2018, 10, 19)),
        judgements: vec![JudgementReading { judgement: Judgement::Overall, grade: Grade::Good, page: 1, text: "Overall effectiveness Good".into() }],
        findings: vec![
            item(1, &format!("The timeliness and quality of return home interviews when children go missing {HOSTILE}.")),
            item(2, "Regular review of the use of private fostering arrangements."),
        ],
        page_count: 20,
        ..Default::default()
    };
    store
        .store(&NewDocument {
            sha256: "aa".into(),
            source: Source { source_file: "80426_barnsley/x - 19 november 2018.pdf".into(), folder_urn: Some(80426) },
            size: 1,
            report,
            published: Some((date(2018, 11, 19), PublishedSource::FileName)),
        })
        .unwrap();
    lacs_web::AppState::from_store(&store, None).unwrap().with_db(path)
}

async fn get(state: &lacs_web::AppState, uri: &str) -> (StatusCode, String) {
    let res = lacs_web::app(state.clone()).oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    (status, String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap())
}

#[tokio::test]
async fn search_page_and_api() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(dir.path());
    let (status, page) = get(&st, "/search?q=interview").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<mark>interviews</mark>"), "hits marked, stemmed");
    assert!(page.contains("1 findings") && page.contains("href=\"/la/80426\""));
    assert!(!page.contains("<script"), "report text escaped");
    let (status, json) = get(&st, "/api/v1/search?q=%22private%20fostering%22&la=Barnsley").await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["urn"], 80426);
    assert_eq!(v[0]["la_name"], "Barnsley");
    assert_eq!(v[0]["published"], "2018-11-19");
    assert_eq!(v[0]["section"], "improvement");
    assert_eq!(v[0]["text"], "Regular review of the use of [private fostering] arrangements.");
    let (status, json) = get(&st, "/api/v1/search?q=%22unclosed").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(json.contains("\"parameter\": \"q\"") || json.contains("\"parameter\":\"q\""), "{json}");
    let (status, _) = get(&st, "/api/v1/search?q=x&since=yesterday").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = get(&st, "/search?q=x&la=Nowhereshire").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn themes_page_and_api() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(dir.path());
    let (status, json) = get(&st, "/api/v1/themes?as_at=2024-03-31&by=year").await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["items"], 2);
    let rhi = v["themes"].as_array().unwrap().iter().find(|t| t["id"] == "return_home_interviews").unwrap();
    assert_eq!(rhi["items"], 1);
    assert_eq!(v["groups"][0]["name"], "2018");
    let (status, page) = get(&st, "/themes?as_at=2024-03-31").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Private fostering") && page.contains("Trend by year"));
    let (status, _) = get(&st, "/api/v1/themes?by=county").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
