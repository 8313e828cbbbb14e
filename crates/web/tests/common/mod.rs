//! A small register made by hand for the handler and browser tests: a few reports (with
//! report text that tries to inject markup) and official rows, so tests never depend on a
//! full ingest.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use jiff::civil::date;
use lacs_domain::{Date, Framework, Grade, JudgementReading, JudgementSet, Judgement, Kind, PublishedSource, ReadReport};
use lacs_reconcile::OfficialRow;
use lacs_store::{NewDocument, Source, Store};
use lacs_web::AppState;

/// Report text that must always be escaped.
pub const HOSTILE: &str = "<script>alert('x')</script> & <b>bold</b>";

pub const TODAY: Date = date(2025, 6, 30);

/// The event ids of Barnsley's reports below (`lacs_domain::event_id`: URN, start date, first
/// event of the day): stable, whatever order the register was filled in.
pub const BARNSLEY_ILACS_2023: i64 = 80_426_202_301_090;
pub const BARNSLEY_SIF_2016: i64 = 80_426_201_602_010;

fn reading(j: Judgement, g: Grade, page: u32, text: &str) -> JudgementReading {
    JudgementReading { judgement: j, grade: g, page, text: text.to_string() }
}

#[allow(clippy::too_many_arguments)]
fn doc(sha: &str, file: &str, urn: u32, kind: Kind, start: Date, end: Date, published: Date, judgements: Vec<JudgementReading>) -> NewDocument {
    NewDocument {
        sha256: sha.to_string(),
        source: Source { source_file: file.to_string(), folder_urn: Some(urn) },
        size: 1000,
        report: ReadReport {
            kind: Some(kind),
            title: Some("Inspection of children's services".into()),
            urn: Some(urn),
            inspection_start: Some(start),
            inspection_end: Some(end),
            on_site_days: Some(12),
            judgements,
            page_count: 20,
            ..Default::default()
        },
        published: Some((published, PublishedSource::FileName)),
        reading_rules: String::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn official(id: i64, urn: u32, name: &str, kind: Option<Kind>, event_type: &str, start: Date, published: Date, grades: JudgementSet) -> OfficialRow {
    OfficialRow {
        id,
        source: "outcomes.ods".into(),
        sheet: "history".into(),
        row: id as u32 + 1,
        urn: Some(urn),
        la_name: name.into(),
        kind,
        framework: kind.and_then(Kind::framework).or(Some(Framework::Ilacs)),
        event_type: event_type.into(),
        inspection_start: Some(start),
        inspection_end: None,
        published: Some(published),
        grades,
        link: Some(format!("https://reports.ofsted.gov.uk/provider/44/{urn}")),
        visit_theme: None,
    }
}

/// Barnsley: a SIF (2016, requires improvement) and an ILACS (2023, good; its overall text is
/// hostile markup; the official row gives a different publication date); Hackney: an ILACS
/// (2019, good) and a later one (2022, inadequate), so it declined; Kent: official only
/// (inadequate, 2017 SIF then outstanding 2022 ILACS); a Barnsley focused visit; a Hackney
/// report of unknown kind (2026), awaiting review.
/// Stores `report` as the file `source_file` (in an LA's folder, `folder_urn`), published on
/// `published` (read from its file name).
pub fn store_report(store: &mut Store, sha256: &str, source_file: &str, folder_urn: Option<u32>, report: ReadReport, published: Date) {
    store
        .store(&NewDocument {
            sha256: sha256.into(),
            source: Source { source_file: source_file.into(), folder_urn },
            size: 1,
            report,
            published: Some((published, PublishedSource::FileName)),
            reading_rules: String::new(),
        })
        .expect("store the report");
}

pub fn fill(store: &mut Store) {
    use Grade::*;
    use Judgement::*;
    let g = |o: Grade| JudgementSet { overall: Some(o), leaders: Some(o), help_protection: Some(o), in_care: Some(o), ..Default::default() };
    store
        .store(&doc(
            "aa01", "80426_barnsley/SIF - 2016-05-01.pdf", 80426, Kind::Sif,
            date(2016, 2, 1), date(2016, 2, 25), date(2016, 5, 1),
            vec![
                reading(Overall, RequiresImprovement, 1, "The overall judgement is requires improvement"),
                reading(HelpProtection, RequiresImprovement, 1, "1. Children who need help and protection Requires improvement"),
                reading(InCare, Good, 1, "2. Children looked after and achieving permanence Good"),
                reading(Adoption, Good, 1, "2.1 Adoption performance Good"),
                reading(CareLeavers, RequiresImprovement, 1, "2.2 Experiences and progress of care leavers Requires improvement"),
                reading(Leaders, RequiresImprovement, 1, "3. Leadership, management and governance Requires improvement"),
                reading(Lscb, RequiresImprovement, 1, "The LSCB is requires improvement"),
            ],
        ))
        .unwrap();
    let mut ilacs = doc(
        "aa02", "80426_barnsley/ILACS - 2023-03-03.pdf", 80426, Kind::IlacsStandard,
        date(2023, 1, 9), date(2023, 1, 20), date(2023, 3, 3),
        vec![
            reading(Overall, Good, 1, &format!("Overall effectiveness Good {HOSTILE}")),
            reading(Leaders, Good, 1, "The impact of leaders on social work practice with children and families Good"),
            reading(HelpProtection, Good, 1, "The experiences and progress of children who need help and protection Good"),
            reading(InCare, Good, 1, "The experiences and progress of children in care Good"),
            reading(CareLeavers, Outstanding, 1, "The experiences and progress of care leavers Outstanding"),
        ],
    );
    // What the facts of this inspection quote: its lead inspector, its list and the first
    // paragraphs under overall effectiveness (one of them hostile).
    ilacs.report.lead_inspectors = vec!["Jane Doe".into()];
    ilacs.report.pages = vec!["Barnsley\nInspection dates: 9 to 20 January 2023\nLead inspector: Jane Doe, His Majesty's Inspector".into(), "Overall effectiveness".into()];
    let finding = |section, judgement, position, number, text: &str| lacs_domain::Finding { section, judgement, position, page: 2, number, text: text.into() };
    ilacs.report.findings = vec![
        finding(lacs_domain::FindingSection::Improvement, None, 1, Some(1), "The timeliness of return home interviews."),
        finding(lacs_domain::FindingSection::Judgement, Some(Overall), 1, Some(2), "Children in Barnsley are safer. Leaders know their services well."),
        finding(lacs_domain::FindingSection::Judgement, Some(Overall), 2, Some(3), &format!("Care leavers thrive {HOSTILE}. Plans are strong.")),
    ];
    store.store(&ilacs).unwrap();
    store
        .store(&doc(
            "bb01", "80496_hackney/ILACS - 2019-12-20.pdf", 80496, Kind::IlacsStandard,
            date(2019, 11, 4), date(2019, 11, 15), date(2019, 12, 20),
            vec![
                reading(Overall, Good, 1, "Overall effectiveness Good"),
                reading(Leaders, Good, 1, "The impact of leaders Good"),
                reading(HelpProtection, Good, 1, "Help and protection Good"),
                reading(InCare, Good, 1, "Children in care and care leavers Good"),
            ],
        ))
        .unwrap();
    store
        .store(&doc(
            "bb02", "80496_hackney/ILACS - 2022-03-10.pdf", 80496, Kind::IlacsStandard,
            date(2022, 1, 10), date(2022, 1, 21), date(2022, 3, 10),
            vec![
                reading(Overall, Inadequate, 1, "Overall effectiveness Inadequate"),
                reading(Leaders, Inadequate, 1, "The impact of leaders Inadequate"),
                reading(HelpProtection, Inadequate, 1, "Help and protection Inadequate"),
                reading(InCare, RequiresImprovement, 1, "Children in care and care leavers Requires improvement"),
            ],
        ))
        .unwrap();
    // A report of a kind not yet known (a future framework): stored for review, in Hackney's
    // history, never counted.
    let mut future = doc(
        "bb03", "80496_hackney/Inspection - 2026-06-12.pdf", 80496, Kind::Unknown,
        date(2026, 5, 4), date(2026, 5, 15), date(2026, 6, 12),
        vec![reading(Leaders, Good, 1, "Leaders' impact on practice Good")],
    );
    future.report.doubt(lacs_domain::DoubtKind::Kind, "title matches no known framework");
    store.store(&future).unwrap();
    let rows = vec![
        official(1, 80426, "Barnsley", Some(Kind::IlacsStandard), "ILACS Standard Inspection", date(2023, 1, 9), date(2023, 3, 1), JudgementSet { care_leavers: Some(Outstanding), ..g(Good) }),
        official(2, 80476, "Kent", Some(Kind::Sif), "SIF", date(2017, 1, 9), date(2017, 3, 10), g(Inadequate)),
        official(3, 80476, "Kent", Some(Kind::IlacsStandard), "ILACS Standard Inspection", date(2022, 5, 9), date(2022, 7, 1), g(Outstanding)),
        official(4, 80426, "Barnsley", None, "ILACS Focused Visit", date(2024, 6, 3), date(2024, 7, 20), JudgementSet::default()),
        // Kent's first monitoring visit after its inadequate SIF.
        official(5, 80476, "Kent", None, "LA Monitoring visit", date(2017, 9, 4), date(2017, 10, 10), JudgementSet::default()),
    ];
    store.replace_official("outcomes.ods", &rows).unwrap();
}

/// The reference folder with the district boundaries, when `../shared` is beside the checkout.
pub fn reference_dir() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference");
    p.join("local_authority_districts_boundaries.json").is_file().then_some(p)
}

/// The test register's state (the map only when the reference files are there).
pub fn state_with(reference: Option<&Path>) -> AppState {
    let mut store = Store::open_in_memory().unwrap();
    fill(&mut store);
    AppState::from_store(&store, reference).unwrap().with_today(TODAY)
}

/// The test register in a file under `dir`, so what is read from the file (summary
/// paragraphs, pages) is there too.
pub fn state_in(dir: &Path) -> AppState {
    let path = dir.join("r.db");
    let mut store = Store::open(&path).unwrap();
    fill(&mut store);
    AppState::from_store(&store, None).unwrap().with_today(TODAY).with_db(path)
}

pub fn state() -> AppState {
    state_with(reference_dir().as_deref())
}

pub fn empty_state() -> AppState {
    let store = Store::open_in_memory().unwrap();
    AppState::from_store(&store, None).unwrap().with_today(TODAY)
}

/// An answer as a test reads it.
pub struct Res {
    pub status: axum::http::StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Res {
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("utf-8 body")
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    pub fn header(&self, h: axum::http::header::HeaderName) -> &str {
        self.headers.get(h).map(|v| v.to_str().unwrap()).unwrap_or("")
    }
}

/// `method uri` with these request headers, asked of the router over `state`.
pub async fn call(state: &AppState, method: axum::http::Method, uri: &str, headers: &[(axum::http::header::HeaderName, &str)]) -> Res {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let mut req = axum::http::Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        req = req.header(k, *v);
    }
    let res = lacs_web::app(state.clone()).oneshot(req.body(axum::body::Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    Res { status, headers, body }
}

pub async fn get(state: &AppState, uri: &str) -> Res {
    call(state, axum::http::Method::GET, uri, &[]).await
}

pub async fn get_with(state: &AppState, uri: &str, headers: &[(axum::http::header::HeaderName, &str)]) -> Res {
    call(state, axum::http::Method::GET, uri, headers).await
}
