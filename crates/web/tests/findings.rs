//! `/search`, `/themes` and their API routes over a small register file.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use jiff::civil::date;
use lacs_domain::{Finding, FindingSection, Grade, Judgement, JudgementReading, Kind, ReadReport};
use lacs_store::Store;
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
        pages: vec![
            "Inspection of Barnsley local authority children's services".into(),
            format!("The local authority has made a significant\nreview across all service areas {HOSTILE}."),
        ],
        page_count: 20,
        ..Default::default()
    };
    common::store_report(&mut store, "aa", "80426_barnsley/x - 19 november 2018.pdf", Some(80426), report, date(2018, 11, 19));
    // A SIF, whose lists the report prints priority actions first.
    let listed = |section, judgement, position, number, text: &str| Finding { section, judgement, position, page: 4, number, text: text.into() };
    let sif = ReadReport {
        kind: Some(Kind::Sif),
        urn: Some(80426),
        inspection_start: Some(date(2014, 6, 2)),
        inspection_end: Some(date(2014, 6, 25)),
        judgements: vec![JudgementReading { judgement: Judgement::Overall, grade: Grade::RequiresImprovement, page: 1, text: "Overall requires improvement".into() }],
        findings: vec![
            listed(FindingSection::PriorityAction, None, 1, Some(3), "Ensure strategy meetings are held promptly."),
            listed(FindingSection::Improvement, None, 1, Some(4), "Improve the quality of plans."),
            listed(FindingSection::Judgement, Some(Judgement::Overall), 1, Some(5), "Leaders know their services well."),
            listed(FindingSection::Recommendation, Some(Judgement::Lscb), 1, Some(40), "Audit multi-agency training."),
        ],
        page_count: 40,
        ..Default::default()
    };
    common::store_report(&mut store, "bb", "80426_barnsley/x - 08 august 2014.pdf", Some(80426), sif, date(2014, 8, 8));
    lacs_web::AppState::from_store(&store, None).unwrap().with_db(path)
}

#[tokio::test]
async fn each_list_is_shown_under_its_name_in_report_order() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(dir.path());
    let (status, json) = get(&st, "/api/v1/la/80426").await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sif = v["inspections"].as_array().unwrap().iter().find(|i| i["kind"] == "sif").unwrap();
    let lists: Vec<(&str, Option<u64>)> =
        sif["findings"].as_array().unwrap().iter().map(|f| (f["list"].as_str().unwrap(), f["number"].as_u64())).collect();
    assert_eq!(lists, [("priority_action", Some(3)), ("area_for_improvement", Some(4)), ("recommendation", Some(40))], "judgement paragraphs left out");
    assert_eq!(sif["improvements"], serde_json::json!(["Ensure strategy meetings are held promptly.", "Improve the quality of plans.", "Audit multi-agency training."]));
    let (status, page) = get(&st, &format!("/inspection/{}", sif["event_id"])).await;
    assert_eq!(status, StatusCode::OK);
    let at = |needle: &str| page.find(needle).unwrap_or_else(|| panic!("{needle} not in the page"));
    assert!(at("<h3>Priority actions</h3>") < at("<h3>Areas for improvement</h3>"));
    assert!(at("<h3>Areas for improvement</h3>") < at("<h3>Recommendations (the LSCB)</h3>"));
    assert!(page.contains("Improve the quality of plans. <span class=\"hint\">(paragraph 4, page 4)</span>"));
    let (_, page) = get(&st, "/la/80426").await;
    assert!(page.contains("<h4>What needs to improve</h4><ol class=\"improve\"><li>The timeliness"), "the latest inspection's list");
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
    assert_eq!((v["total"].as_u64(), v["page"].as_u64(), v["pages"].as_u64()), (Some(1), Some(1), Some(1)));
    let v = &v["results"];
    assert_eq!(v[0]["urn"], 80426);
    assert_eq!(v[0]["la_name"], "Barnsley");
    assert_eq!(v[0]["published"], "2018-11-19");
    assert_eq!(v[0]["section"], "improvement");
    assert_eq!(v[0]["text"], "Regular review of the use of [private fostering] arrangements.");
    // What people type is searched as written: a stray quote, an apostrophe, hyphens.
    for q in ["%22unclosed", "children%27s", "multi-agency", "16-%20and%2017-year-olds", "NOT", "(fostering", "private%20fostering%22"] {
        let (status, json) = get(&st, &format!("/api/v1/search?q={q}")).await;
        assert_eq!(status, StatusCode::OK, "{q}: {json}");
        validate_search(&serde_json::from_str(&json).unwrap());
    }
    let (_, json) = get(&st, "/api/v1/search?q=private%20fostering%22").await;
    assert_eq!(serde_json::from_str::<serde_json::Value>(&json).unwrap()["total"], 1, "a stray quote is no syntax");
    // Dates in any of three forms; one outside the register's range is refused with the range named.
    for since in ["2018-01-01", "01/01/2018", "1%20January%202018"] {
        let (status, json) = get(&st, &format!("/api/v1/search?q=fostering&since={since}")).await;
        assert_eq!(status, StatusCode::OK, "{since}: {json}");
    }
    let (status, json) = get(&st, "/api/v1/search?q=x&since=9999-12-31").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(json.contains("outside the register's dates, 1 January 2013 to 31 December 20"), "{json}");
    let (status, _) = get(&st, "/api/v1/search?q=x&since=yesterday").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = get(&st, "/search?q=x&la=Nowhereshire").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Validates `value` against the OpenAPI document's schema for `/api/v1/search`.
fn validate_search(value: &serde_json::Value) {
    let doc = lacs_web::openapi::document();
    let schema = &doc["paths"]["/api/v1/search"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    let root = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [schema],
        "components": doc["components"],
    });
    let validator = jsonschema::validator_for(&root).unwrap();
    let errors: Vec<String> = validator.iter_errors(value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:?}\n{value:#}");
}

#[tokio::test]
async fn search_in_findings_or_whole_reports() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(dir.path());
    // Findings (the default) name their list.
    let (_, json) = get(&st, "/api/v1/search?q=fostering").await;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    validate_search(&v);
    let v = &v["results"];
    assert_eq!((v[0]["source"].as_str(), v[0]["list"].as_str()), (Some("finding"), Some("what_needs_to_improve")));
    assert_eq!(v[0]["list_label"], "What needs to improve");
    let (_, page) = get(&st, "/search?q=fostering").await;
    assert!(page.contains("What needs to improve 2, page 3:"), "{page}");
    assert!(page.contains("value=\"findings\" checked"), "findings is the default choice");

    // Whole reports: the page, the phrase across a line break, marked.
    let (status, json) = get(&st, "/api/v1/search?q=%22significant%20review%20across%22&in=all").await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    validate_search(&v);
    let v = &v["results"];
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!((v[0]["source"].as_str(), v[0]["page"].as_u64()), (Some("page"), Some(2)));
    assert!(v[0]["list"].is_null() && v[0]["section"].is_null());
    assert!(v[0]["text"].as_str().unwrap().contains("[significant review across] all service areas"), "{v}");
    let (status, page) = get(&st, "/search?q=%22significant%20review%20across%22&in=all").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("1 pages for"), "{page}");
    assert!(page.contains("Page 2:</span>") && page.contains("<mark>significant review across</mark>"), "{page}");
    assert!(page.contains("value=\"all\" checked"), "the choice is kept");
    assert!(!page.contains("<script"), "page text escaped");
    // Only pages: a finding's words are found on no page here.
    let (_, json) = get(&st, "/api/v1/search?q=fostering&in=all").await;
    assert_eq!(serde_json::from_str::<serde_json::Value>(&json).unwrap()["results"], serde_json::json!([]));

    // A bad place, or a judgement with in=all, is named.
    for (uri, param) in [("/api/v1/search?q=x&in=pages", "in"), ("/api/v1/search?q=x&in=all&judgement=overall", "judgement")] {
        let (status, json) = get(&st, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["error"]["parameter"], param, "{uri}: {v}");
    }
}

#[tokio::test]
async fn themes_page_and_api() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(dir.path());
    let (status, json) = get(&st, "/api/v1/themes?as_at=2024-03-31&by=year").await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["items"], 4, "the ILACS's two items, the SIF's priority action and area for improvement; no recommendation");
    let rhi = v["themes"].as_array().unwrap().iter().find(|t| t["id"] == "return_home_interviews").unwrap();
    assert_eq!(rhi["items"], 1);
    assert_eq!((v["groups"][0]["name"].as_str(), v["groups"][1]["name"].as_str()), (Some("2014"), Some("2018")));
    let (status, page) = get(&st, "/themes?as_at=2024-03-31").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Private fostering") && page.contains("Trend by year"));
    let (status, _) = get(&st, "/api/v1/themes?by=county").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// A bad parameter on the search page answers with the search form again: the words kept,
/// the error beside its field.
#[tokio::test]
async fn a_search_error_keeps_the_search_form() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(dir.path());
    let (status, page) = get(&st, "/search?q=fostering&since=yesterday").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("action=\"/search\"") && page.contains("id=\"q\" name=\"q\" value=\"fostering\""), "{page}");
    assert!(page.contains("<p class=\"error-message\" id=\"since-error\">") && page.contains("value=\"yesterday\""), "{page}");
    assert!(page.contains("aria-describedby=\"since-hint since-error\" aria-invalid=\"true\""), "{page}");
    let (status, page) = get(&st, "/search?q=fostering&page=0").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("id=\"page-error\"") || page.contains("page: "), "{page}");
    let (status, page) = get(&st, "/search?q=%22unclosed").await;
    assert_eq!(status, StatusCode::OK, "a stray quote is searched as written");
    assert!(page.contains("value=\"&quot;unclosed\""), "{page}");
}

/// Many results come a page at a time, with page N of M and previous and next links.
#[tokio::test]
async fn search_results_are_paged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let mut store = Store::open(&path).unwrap();
    let findings = (1..=120)
        .map(|i| Finding { section: FindingSection::Improvement, judgement: None, position: i, page: 3, number: None, text: format!("Improve fostering, point {i}.") })
        .collect();
    let report = ReadReport { kind: Some(Kind::IlacsStandard), urn: Some(80426), findings, page_count: 20, ..Default::default() };
    common::store_report(&mut store, "cc", "80426_barnsley/x.pdf", Some(80426), report, date(2019, 3, 1));
    let st = lacs_web::AppState::from_store(&store, None).unwrap().with_db(path);
    let (_, page) = get(&st, "/search?q=fostering").await;
    assert!(page.contains("120 findings") && page.contains("<p>Page 1 of 3</p>"), "{page}");
    assert!(page.contains("href=\"/search?q=fostering&amp;page=2\" rel=\"next\""), "{page}");
    assert!(!page.contains("rel=\"prev\""));
    assert_eq!(page.matches("<li><span class=\"meta\">").count(), 50);
    let (_, page) = get(&st, "/search?q=fostering&page=3").await;
    assert!(page.contains("<p>Page 3 of 3</p>") && page.contains("href=\"/search?q=fostering&amp;page=2\" rel=\"prev\"") && !page.contains("rel=\"next\""));
    assert_eq!(page.matches("<li><span class=\"meta\">").count(), 20);
    let (status, page) = get(&st, "/search?q=fostering&page=two").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("page: "), "{page}");
    // The API pages the same way, and no page is unbounded.
    let (_, json) = get(&st, "/api/v1/search?q=fostering&page=2&per_page=100").await;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!((v["total"].as_u64(), v["pages"].as_u64(), v["results"].as_array().map(Vec::len)), (Some(120), Some(2), Some(20)));
    assert_eq!(v["results"][0]["text"], "Improve [fostering], point 101.");
    let (status, _) = get(&st, "/api/v1/search?q=fostering&per_page=100000").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
