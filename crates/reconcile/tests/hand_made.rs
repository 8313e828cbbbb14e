//! The rules on small hand-made rows.

use std::collections::HashMap;

use jiff::civil::{date, Date};
use lacs_domain::{event_id, Framework, Grade, InspectionEvent, Judgement, JudgementSet, Kind, PublishedSource};
use lacs_reconcile::*;
use proptest::prelude::*;

const BARNSLEY: u32 = 80426;
const SURREY: u32 = 80567;
const NEW: &str = "outcomes_2025.ods";
const OLD: &str = "csc_2023.ods";

fn grades(overall: Grade) -> JudgementSet {
    JudgementSet {
        overall: Some(overall),
        leaders: Some(overall),
        help_protection: Some(overall),
        in_care: Some(overall),
        ..Default::default()
    }
}

fn report(id: i64, kind: Kind, start: Option<Date>, published: Option<Date>) -> ReportRow {
    ReportRow {
        document_id: id,
        sha256: format!("sha{id}"),
        source_file: format!("{BARNSLEY}_barnsley/report {id}.pdf"),
        kind,
        urn: Some(BARNSLEY),
        inspection_start: start,
        inspection_end: start.map(|s| s.saturating_add(jiff::Span::new().days(11))),
        published,
        published_source: published.map(|_| PublishedSource::FileName),
        grades: grades(Grade::Good),
        withheld: vec![],
        needs_review: false,
    }
}

/// The event holding report `id` ([`report`] names its content `sha{id}`).
fn of_report(r: &Reconciled, id: i64) -> Option<&InspectionEvent> {
    let sha = format!("sha{id}");
    r.events.iter().find(|e| e.sources.report_sha256.as_deref() == Some(sha.as_str()))
}

/// The event with no report whose main official row is `row`.
fn of_row<'a>(r: &'a Reconciled, row: &OfficialRow) -> Option<&'a InspectionEvent> {
    let p = row.provenance();
    r.events.iter().find(|e| {
        e.sources.report_sha256.is_none()
            && e.sources.official.as_deref().is_some_and(|o| o.split("; ").next() == Some(p.as_str()))
    })
}

fn official(
    id: i64,
    kind: Option<Kind>,
    start: Option<Date>,
    published: Option<Date>,
) -> OfficialRow {
    let framework = kind.and_then(Kind::framework).or(Some(Framework::Ilacs));
    OfficialRow {
        id,
        source: NEW.into(),
        sheet: "history".into(),
        row: id as u32 + 4,
        urn: Some(BARNSLEY),
        la_name: "Barnsley".into(),
        kind,
        framework,
        event_type: match kind {
            Some(k) => k.as_str().into(),
            None => "ILACS Focused Visit".into(),
        },
        inspection_start: start,
        inspection_end: None,
        published,
        grades: if kind.is_some() {
            grades(Grade::Good)
        } else {
            JudgementSet::default()
        },
        link: Some(format!(
            "https://reports.ofsted.gov.uk/provider/44/{BARNSLEY}"
        )),
        visit_theme: None,
    }
}

fn d(y: i16, m: i8, day: i8) -> Option<Date> {
    Some(date(y, m, day))
}

fn fields(r: &Reconciled) -> Vec<(&str, &str, &str)> {
    r.disagreements
        .iter()
        .map(|x| (x.field.as_str(), x.report.as_str(), x.official.as_str()))
        .collect()
}

#[test]
fn match_by_inspection_start() {
    // Same start: matched, however far apart the publication dates.
    let r = reconcile(
        &[report(
            1,
            Kind::IlacsStandard,
            d(2023, 1, 9),
            d(2023, 3, 30),
        )],
        &[official(
            1,
            Some(Kind::IlacsStandard),
            d(2023, 1, 9),
            d(2023, 3, 1),
        )],
    );
    assert_eq!(
        r.matches,
        [Match {
            document_id: 1,
            official_ids: vec![1]
        }]
    );
    assert_eq!(r.events.len(), 1);
    let e = &r.events[0];
    assert_eq!(
        (e.id, e.kind, e.published),
        (event_id(BARNSLEY, d(2023, 1, 9), 0), Some(Kind::IlacsStandard), d(2023, 3, 30))
    );
    assert_eq!(e.event_type, "ILACS standard inspection");
    assert_eq!(e.sources.report_sha256.as_deref(), Some("sha1"));
    assert_eq!(
        e.sources.official.as_deref(),
        Some("outcomes_2025.ods / history / 5")
    );
    assert!(e.sources.url.is_some());
    assert_eq!(fields(&r), [("published", "2023-03-30", "2023-03-01")]);
    assert!(r.disagreements[0]
        .note
        .as_deref()
        .unwrap()
        .contains("file name"));
}

#[test]
fn match_by_publication_within_ten_days() {
    // Ofsted's SIF rows have no start date: publication dates decide.
    for (gap, matched) in [(0, true), (5, true), (10, true), (11, false)] {
        let published = date(2015, 5, 18);
        let r = reconcile(
            &[report(1, Kind::Sif, d(2015, 3, 3), Some(published))],
            &[official(
                1,
                Some(Kind::Sif),
                None,
                published.checked_sub(jiff::Span::new().days(gap)).ok(),
            )],
        );
        assert_eq!(r.matches.len() == 1, matched, "{gap} days");
        assert_eq!(r.events.len(), if matched { 1 } else { 2 }, "{gap} days");
        if matched {
            // The report's start fills the event; no disagreement on what one side lacks.
            assert_eq!(r.events[0].inspection_start, d(2015, 3, 3));
            assert_eq!(r.disagreements.len(), usize::from(gap > 0));
        }
    }
    // A report with neither date cannot match.
    let r = reconcile(
        &[report(1, Kind::Sif, None, None)],
        &[official(1, Some(Kind::Sif), None, d(2015, 5, 18))],
    );
    assert!(r.matches.is_empty());
}

#[test]
fn a_sif_report_matches_a_re_inspection_row_with_a_kind_disagreement() {
    let r = reconcile(
        &[report(1, Kind::Sif, d(2015, 11, 24), d(2016, 2, 17))],
        &[official(
            1,
            Some(Kind::SifReinspection),
            None,
            d(2016, 2, 17),
        )],
    );
    assert_eq!(r.matches.len(), 1);
    assert_eq!(r.events[0].kind, Some(Kind::Sif), "the report's kind");
    assert_eq!(fields(&r), [("kind", "sif", "sif_reinspection")]);
}

#[test]
fn no_match_makes_two_events() {
    // Other framework, and far-apart dates: two events each.
    for (kind, start, published) in [
        (Kind::Sif, d(2023, 1, 9), d(2023, 3, 1)),
        (Kind::IlacsStandard, d(2022, 1, 9), d(2022, 3, 1)),
    ] {
        let row = official(
            3,
            Some(Kind::IlacsStandard),
            d(2023, 1, 9),
            d(2023, 3, 1),
        );
        let r = reconcile(&[report(7, kind, start, published)], std::slice::from_ref(&row));
        assert!(r.matches.is_empty() && r.disagreements.is_empty());
        let labels: Vec<&str> = r.events.iter().map(|e| e.source_label()).collect();
        assert_eq!(r.events.len(), 2);
        assert!(of_report(&r, 7).is_some());
        assert!(labels.contains(&"report") && labels.contains(&"official"));
        let only = of_row(&r, &row).unwrap();
        assert!(only.is_graded(), "an official-only graded event counts");
        assert_eq!(only.grades, grades(Grade::Good), "with the official grades");
    }
}

#[test]
fn close_start_dates_still_match_as_a_disagreement() {
    let r = reconcile(
        &[report(1, Kind::IlacsShort, d(2023, 1, 10), d(2023, 3, 1))],
        &[official(
            1,
            Some(Kind::IlacsShort),
            d(2023, 1, 9),
            d(2023, 3, 3),
        )],
    );
    assert_eq!(r.matches.len(), 1);
    assert_eq!(
        fields(&r),
        [
            ("inspection_start", "2023-01-10", "2023-01-09"),
            ("published", "2023-03-01", "2023-03-03")
        ]
    );
    // Too far apart in start (8 days) or in publication (11 days): another inspection.
    for (start, published) in [
        (d(2023, 1, 17), d(2023, 3, 1)),
        (d(2023, 1, 10), d(2023, 3, 14)),
    ] {
        let r = reconcile(
            &[report(1, Kind::IlacsShort, start, published)],
            &[official(
                1,
                Some(Kind::IlacsShort),
                d(2023, 1, 9),
                d(2023, 3, 3),
            )],
        );
        assert!(r.matches.is_empty());
    }
}

#[test]
fn disagreements_list_both_values_and_the_report_keeps_its_grades() {
    let mut rep = report(1, Kind::IlacsStandard, d(2021, 9, 27), d(2021, 11, 19));
    rep.grades.leaders = Some(Grade::Outstanding);
    rep.needs_review = true;
    let mut off = official(9, Some(Kind::IlacsShort), d(2021, 9, 27), d(2021, 11, 19));
    off.grades.overall = Some(Grade::RequiresImprovement);
    let r = reconcile(&[rep.clone()], &[off]);
    assert_eq!(
        fields(&r),
        [
            ("kind", "ilacs_standard", "ilacs_short"),
            ("overall", "good", "requires_improvement"),
            ("leaders", "outstanding", "good")
        ]
    );
    let x = &r.disagreements[1];
    assert_eq!(x.kind, DisagreementKind::ReportVsOfficial);
    assert_eq!(
        x.note.as_deref(),
        Some("the report awaits review: its reading may be wrong")
    );
    assert_eq!((x.urn, x.la_name.as_str()), (BARNSLEY, "Barnsley"));
    assert_eq!(
        (x.document_id, x.sha256.as_deref()),
        (Some(1), Some("sha1"))
    );
    assert_eq!(x.source_file.as_deref(), Some(rep.source_file.as_str()));
    assert_eq!(x.official_source, "outcomes_2025.ods / history / 13");
    assert_eq!(
        (x.inspection_start, x.published),
        (d(2021, 9, 27), d(2021, 11, 19))
    );
    let e = &r.events[0];
    assert_eq!((e.kind, e.grades), (Some(Kind::IlacsStandard), rep.grades));
    // A judgement the report lacks is listed too, and not filled from the official row.
    let mut rep2 = rep.clone();
    rep2.grades.help_protection = None;
    let r = reconcile(
        &[rep2],
        &[official(
            9,
            Some(Kind::IlacsStandard),
            d(2021, 9, 27),
            d(2021, 11, 19),
        )],
    );
    assert!(fields(&r).contains(&("help_protection", "", "good")));
    assert_eq!(r.events[0].grades.help_protection, None);
}

#[test]
fn releases_are_grouped_and_the_newer_wins() {
    // Merton 2022: the 2023 file says standard, the 2025 file short. Nottingham-like:
    // the older file has no start date and a publication date two months later, same grades.
    let mut old_merton = official(1, Some(Kind::IlacsStandard), d(2022, 2, 28), d(2022, 5, 9));
    old_merton.source = OLD.into();
    let new_merton = official(2, Some(Kind::IlacsShort), d(2022, 2, 28), d(2022, 5, 9));
    let mut old_later = official(3, Some(Kind::IlacsStandard), None, d(2024, 11, 5));
    old_later.source = OLD.into();
    let new_later = official(4, Some(Kind::IlacsStandard), d(2024, 7, 11), d(2024, 9, 5));
    // NEW is the newer release: its latest date is later than OLD's.
    let mut visit = official(5, None, d(2025, 1, 6), d(2025, 2, 1));
    visit.framework = Some(Framework::Ilacs);
    let rows = [old_merton, new_merton, old_later, new_later, visit];
    let [_, _, old_later, new_later, visit] = rows.clone();
    let r = reconcile(
        &[report(10, Kind::IlacsShort, d(2022, 2, 28), d(2022, 5, 9))],
        &rows,
    );
    assert_eq!(
        r.matches,
        [Match {
            document_id: 10,
            official_ids: vec![2, 1]
        }]
    );
    let merged = of_report(&r, 10).unwrap();
    assert_eq!(
        merged.sources.official.as_deref(),
        Some("outcomes_2025.ods / history / 6; csc_2023.ods / history / 5")
    );
    let only = of_row(&r, &new_later).unwrap();
    assert_eq!(
        (only.inspection_start, only.published),
        (d(2024, 7, 11), d(2024, 9, 5))
    );
    assert!(of_row(&r, &old_later).is_none(), "row 3 is in row 4's event");
    let visit = of_row(&r, &visit).unwrap();
    assert_eq!(
        (visit.kind, visit.event_type.as_str()),
        (None, "Focused visit")
    );
    assert_eq!(r.events.len(), 3);
    let rel: Vec<_> = r
        .disagreements
        .iter()
        .filter(|x| x.kind == DisagreementKind::OfficialReleases)
        .map(|x| {
            (
                x.field.as_str(),
                x.report.as_str(),
                x.official.as_str(),
                x.source_file.as_deref().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rel,
        [
            (
                "kind",
                "ilacs_standard",
                "ilacs_short",
                "csc_2023.ods / history / 5"
            ),
            (
                "published",
                "2024-11-05",
                "2024-09-05",
                "csc_2023.ods / history / 7"
            ),
        ]
    );
    assert!(
        r.disagreements
            .iter()
            .all(|x| x.kind == DisagreementKind::OfficialReleases),
        "the report agrees with 2025"
    );

    // Different grades two months apart: two inspections. Two rows of one release: never one.
    let mut older = official(3, Some(Kind::IlacsStandard), None, d(2024, 11, 5));
    older.source = OLD.into();
    older.grades.overall = Some(Grade::Inadequate);
    let r = reconcile(
        &[],
        &[
            older,
            official(4, Some(Kind::IlacsStandard), d(2024, 7, 11), d(2024, 9, 5)),
        ],
    );
    assert_eq!(r.events.len(), 2);
    let r = reconcile(
        &[],
        &[
            official(1, Some(Kind::IlacsStandard), d(2024, 7, 11), d(2024, 9, 5)),
            official(2, Some(Kind::IlacsStandard), d(2024, 7, 11), d(2024, 9, 5)),
        ],
    );
    assert_eq!(r.events.len(), 2);
}

#[test]
fn visits_never_match_reports() {
    let mut visit = official(1, None, d(2023, 1, 9), d(2023, 3, 1));
    visit.event_type = "LA Monitoring visit".into();
    let r = reconcile(
        &[report(1, Kind::IlacsStandard, d(2023, 1, 9), d(2023, 3, 1))],
        &[visit.clone()],
    );
    assert!(r.matches.is_empty());
    let v = of_row(&r, &visit).unwrap();
    assert_eq!(
        (v.kind, v.event_type.as_str(), v.is_graded()),
        (None, "Monitoring visit", false)
    );
}

#[test]
fn rows_and_reports_that_make_no_event() {
    let mut lost = official(1, Some(Kind::Sif), None, d(2015, 1, 1));
    lost.urn = None;
    let mut html = report(5, Kind::NotAReport, None, None);
    html.grades = JudgementSet::default();
    let mut unknown_no_la = report(6, Kind::Unknown, None, d(2020, 1, 1));
    unknown_no_la.urn = None;
    let mut no_la = report(7, Kind::Sif, None, d(2015, 1, 1));
    no_la.urn = None;
    let r = reconcile(&[html, unknown_no_la, no_la], &[lost]);
    assert!(r.events.is_empty());
    assert_eq!(r.unmatched_official, [1]);
    assert_eq!(r.reports_without_event, [5, 6, 7]);
}

#[test]
fn a_report_of_unknown_kind_joins_its_las_history_ungraded() {
    // A future framework's report, read for its LA, dates and judgements, awaiting review;
    // an official row of the same LA and dates is not matched to it.
    let mut unknown = report(8, Kind::Unknown, d(2026, 5, 4), d(2026, 6, 12));
    unknown.needs_review = true;
    let row = official(2, Some(Kind::IlacsStandard), d(2026, 5, 4), d(2026, 6, 12));
    let graded = report(9, Kind::IlacsStandard, d(2023, 1, 9), d(2023, 3, 3));
    let r = reconcile(&[unknown.clone(), graded], std::slice::from_ref(&row));
    assert!(r.reports_without_event.is_empty());
    assert_eq!(r.events.len(), 3);
    let e = of_report(&r, 8).unwrap();
    assert_eq!(
        (e.urn, e.kind, e.event_type.as_str(), e.is_graded()),
        (
            BARNSLEY,
            Some(Kind::Unknown),
            "Report awaiting review",
            false
        )
    );
    assert_eq!(
        (e.inspection_start, e.published),
        (d(2026, 5, 4), d(2026, 6, 12))
    );
    assert_eq!(e.grades, unknown.grades);
    assert_eq!(e.source_label(), "report");
    assert!(r.matches.iter().all(|m| m.document_id != 8));
    assert!(r.disagreements.iter().all(|d| d.document_id != Some(8)));
    // the official row is an event of its own
    let official_event = of_row(&r, &row).unwrap();
    assert!(official_event.is_graded());

    // The national picture counts graded events only: the latest is the official row's event.
    let index = lacs_analysis::Index::new(&r.events);
    let journey = index.journey(BARNSLEY, None).unwrap();
    assert_eq!(journey.latest.map(|l| l.event_id), Some(official_event.id));
    let in_history = journey.events.iter().find(|j| j.event_id == e.id).unwrap();
    assert!(!in_history.graded && in_history.changes.is_empty());
    let only_unknown = reconcile(&[unknown], &[]);
    let index = lacs_analysis::Index::new(&only_unknown.events);
    let journey = index.journey(BARNSLEY, None).unwrap();
    assert!(
        journey.latest.is_none(),
        "a report awaiting review is not a graded inspection"
    );
    assert_eq!(journey.events.len(), 1);
}

#[test]
fn unstored_rows_are_known_by_position() {
    let mut a = official(0, Some(Kind::Sif), None, d(2015, 1, 1));
    let mut b = official(0, Some(Kind::IlacsShort), d(2019, 1, 1), d(2019, 3, 1));
    a.row = 5;
    b.row = 5;
    let r = reconcile(
        &[report(1, Kind::IlacsShort, d(2019, 1, 1), d(2019, 3, 1))],
        &[a, b],
    );
    assert_eq!(r.matches[0].official_ids, [2]);
    let sources: Vec<_> = r.events.iter().map(|e| e.source_label()).collect();
    assert_eq!(sources, ["official", "report+official"]);
}

#[test]
fn a_stand_alone_lscb_review_and_the_sif_row_that_carries_its_grade() {
    let ri = Some(Grade::RequiresImprovement);
    let mut sif = report(1, Kind::Sif, d(2014, 10, 21), d(2015, 6, 3));
    sif.urn = Some(SURREY);
    sif.published_source = Some(PublishedSource::Report);
    let mut review = report(2, Kind::LscbReview, d(2015, 6, 15), d(2015, 8, 3));
    review.urn = Some(SURREY);
    review.grades = JudgementSet {
        lscb: ri,
        ..Default::default()
    };
    let mut row = official(1, Some(Kind::Sif), None, d(2015, 6, 3));
    row.urn = Some(SURREY);
    row.grades.lscb = ri;
    let r = reconcile(&[sif.clone(), review.clone()], &[row.clone()]);
    assert_eq!(fields(&r), [("lscb", "", "requires_improvement")]);
    assert!(r.disagreements[0]
        .note
        .as_deref()
        .unwrap()
        .contains("document 2"));
    assert_eq!(
        r.matches.len(),
        1,
        "the review has no official row of its own"
    );
    let e = of_report(&r, 2).unwrap();
    assert_eq!(
        (e.kind, e.event_type.as_str(), e.grades.lscb),
        (Some(Kind::LscbReview), "LSCB review", ri)
    );
    // A review that disagrees with the column is listed too.
    review.grades.lscb = Some(Grade::Inadequate);
    let r = reconcile(&[sif.clone(), review], &[row.clone()]);
    let on_review: Vec<_> = r
        .disagreements
        .iter()
        .filter(|x| x.document_id == Some(2))
        .collect();
    assert_eq!(on_review.len(), 1);
    assert_eq!(
        (on_review[0].report.as_str(), on_review[0].official.as_str()),
        ("inadequate", "requires_improvement")
    );
    // Without a review, the SIF's missing LSCB is a plain disagreement.
    let r = reconcile(&[sif], &[row]);
    assert_eq!(r.disagreements[0].note, None);
}

#[test]
fn lac_2013_reports_match_tlac_rows_without_judgement_noise() {
    let mut rep = report(1, Kind::Lac2013, None, d(2013, 8, 23));
    rep.grades = JudgementSet::default();
    let mut row = official(1, Some(Kind::Lac2013), None, d(2013, 8, 23));
    row.grades = JudgementSet {
        overall: Some(Grade::Inadequate),
        ..Default::default()
    };
    row.event_type = "Targeted Looked After Children (TLAC) inspection".into();
    let r = reconcile(&[rep], &[row]);
    assert_eq!(r.matches.len(), 1);
    assert!(r.disagreements.is_empty(), "{:?}", r.disagreements);
    assert_eq!(r.events[0].event_type, "2013 LAC inspection");
    assert!(!r.events[0].is_graded());
}

#[test]
fn one_official_event_takes_one_report_the_closest() {
    let r = reconcile(
        &[
            report(1, Kind::Sif, None, d(2015, 5, 25)),
            report(2, Kind::Sif, None, d(2015, 5, 19)),
        ],
        &[official(1, Some(Kind::Sif), None, d(2015, 5, 18))],
    );
    assert_eq!(
        r.matches,
        [Match {
            document_id: 2,
            official_ids: vec![1]
        }]
    );
    assert_eq!(r.events.len(), 2);
}

#[test]
fn events_are_sorted_by_la_then_publication_then_start() {
    let mut other = report(3, Kind::Sif, None, d(2014, 1, 1));
    other.urn = Some(BARNSLEY - 10);
    let r = reconcile(
        &[
            report(1, Kind::IlacsShort, d(2022, 1, 1), d(2022, 3, 1)),
            other,
            report(2, Kind::Sif, None, d(2015, 1, 1)),
        ],
        &[official(9, None, d(2023, 1, 1), d(2023, 2, 1))],
    );
    let order: Vec<Option<&str>> = r.events.iter().map(|e| e.sources.report_sha256.as_deref()).collect();
    assert_eq!(order, [Some("sha3"), Some("sha2"), Some("sha1"), None]);
}

#[test]
fn serialized_shape() {
    let mut rep = report(1, Kind::IlacsStandard, d(2023, 1, 9), d(2023, 3, 3));
    rep.grades.overall = Some(Grade::RequiresImprovement);
    let r = reconcile(
        &[rep],
        &[official(
            2,
            Some(Kind::IlacsStandard),
            d(2023, 1, 9),
            d(2023, 3, 1),
        )],
    );
    insta::assert_json_snapshot!(r);
    // Rows round-trip through JSON (the store may keep them so).
    let row = official(2, Some(Kind::IlacsStandard), d(2023, 1, 9), d(2023, 3, 1));
    let back: OfficialRow = serde_json::from_str(&serde_json::to_string(&row).unwrap()).unwrap();
    assert_eq!(back, row);
    let x = &r.disagreements[0];
    let back: Disagreement = serde_json::from_str(&serde_json::to_string(x).unwrap()).unwrap();
    assert_eq!(&back, x);
}

// --- property: every placeable report is in exactly one event, every official row in at most
// one (exactly one when its LA is known).

fn kind_strategy() -> impl Strategy<Value = Option<Kind>> {
    prop_oneof![
        Just(None),
        Just(Some(Kind::Sif)),
        Just(Some(Kind::SifReinspection)),
        Just(Some(Kind::IlacsStandard)),
        Just(Some(Kind::IlacsShort)),
        Just(Some(Kind::Lac2013)),
        Just(Some(Kind::LscbReview)),
    ]
}

fn date_strategy() -> impl Strategy<Value = Option<Date>> {
    prop::option::weighted(0.8, 0i32..120)
        .prop_map(|o| o.map(|n| date(2020, 1, 1).saturating_add(jiff::Span::new().days(n))))
}

prop_compose! {
    fn report_strategy()(urn in prop::option::weighted(0.9, 0u32..3), kind in kind_strategy(),
                         start in date_strategy(), published in date_strategy()) -> ReportRow {
        // no kind: a file that is not a report, or (as often) one of unknown kind
        let other = if published.is_some_and(|p| p.day() % 2 == 0) { Kind::Unknown } else { Kind::NotAReport };
        let mut r = report(0, kind.unwrap_or(other), start, published);
        r.urn = urn.map(|u| BARNSLEY + u);
        r
    }
}

prop_compose! {
    fn official_strategy()(urn in prop::option::weighted(0.9, 0u32..3), kind in kind_strategy(),
                           new in any::<bool>(), start in date_strategy(), published in date_strategy(),
                           good in any::<bool>()) -> OfficialRow {
        let mut r = official(0, kind, start, published);
        r.urn = urn.map(|u| BARNSLEY + u);
        r.source = if new { NEW.into() } else { OLD.into() };
        if !good { r.grades.overall = Some(Grade::Inadequate); }
        r
    }
}

proptest! {
    #[test]
    fn every_report_in_one_event_every_row_in_at_most_one(
        mut reports in prop::collection::vec(report_strategy(), 0..12),
        mut rows in prop::collection::vec(official_strategy(), 0..16),
        stored in any::<bool>(),
    ) {
        for (i, r) in reports.iter_mut().enumerate() {
            r.document_id = i as i64 + 1;
            r.sha256 = format!("sha{i}");
        }
        for (i, r) in rows.iter_mut().enumerate() {
            r.id = if stored { 100 + i as i64 } else { 0 };
            r.row = i as u32 + 1;
        }
        let out = reconcile(&reports, &rows);
        let mut seen_report: HashMap<String, usize> = HashMap::new();
        let mut seen_row: HashMap<String, usize> = HashMap::new();
        for e in &out.events {
            if let Some(s) = &e.sources.report_sha256 {
                *seen_report.entry(s.clone()).or_default() += 1;
            }
            for p in e.sources.official.iter().flat_map(|s| s.split("; ")) {
                *seen_row.entry(p.to_string()).or_default() += 1;
            }
        }
        for r in &reports {
            let placed = r.urn.is_some() && (r.kind.framework().is_some() || r.kind == Kind::Unknown);
            let n = seen_report.get(&r.sha256).copied().unwrap_or(0);
            prop_assert_eq!(n, usize::from(placed), "report {}", r.document_id);
            prop_assert_eq!(out.reports_without_event.contains(&r.document_id), !placed);
        }
        for r in &rows {
            let n = seen_row.get(&r.provenance()).copied().unwrap_or(0);
            prop_assert_eq!(n, usize::from(r.urn.is_some()), "row {}", r.row);
        }
        prop_assert_eq!(out.unmatched_official.len(), rows.iter().filter(|r| r.urn.is_none()).count());
        // Ids are positive and never clash; matches name each report and each row once at most.
        let mut ids: Vec<i64> = out.events.iter().map(|e| e.id).collect();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), out.events.len());
        prop_assert!(ids.iter().all(|&id| id > 0));
        let mut matched_rows: Vec<i64> = out.matches.iter().flat_map(|m| m.official_ids.clone()).collect();
        let n = matched_rows.len();
        matched_rows.sort_unstable();
        matched_rows.dedup();
        prop_assert_eq!(matched_rows.len(), n);
        // A matched event keeps the report's kind and grades.
        for m in &out.matches {
            let r = &reports[m.document_id as usize - 1];
            let e = out.events.iter().find(|e| e.sources.report_sha256.as_ref() == Some(&r.sha256)).unwrap();
            prop_assert_eq!((e.kind, e.grades), (Some(r.kind), r.grades));
        }
    }
}

#[test]
fn a_grade_withheld_for_review_gives_way_to_the_official_grade_or_to_none() {
    let mut rep = report(1, Kind::IlacsStandard, d(2021, 9, 27), d(2021, 11, 19));
    rep.grades.in_care = Some(Grade::Outstanding);
    rep.withheld = vec![Judgement::InCare, Judgement::Leaders];
    rep.needs_review = true;
    let mut off = official(9, Some(Kind::IlacsStandard), d(2021, 9, 27), d(2021, 11, 19));
    off.grades.leaders = None;
    let r = reconcile(&[rep.clone()], &[off]);
    let e = &r.events[0];
    assert_eq!(e.grades.in_care, Some(Grade::Good), "the official grade stands in");
    assert_eq!(e.grades.leaders, None, "no official grade: the judgement waits");
    assert_eq!(e.grades.overall, Some(Grade::Good), "an undoubted grade counts");
    assert!(fields(&r).contains(&("in_care", "outstanding", "good")), "the disagreement is still listed");
    // With no official row at all, a withheld grade is simply not there.
    let r = reconcile(&[rep], &[]);
    assert_eq!((r.events[0].grades.in_care, r.events[0].grades.overall), (None, Some(Grade::Good)));
}
