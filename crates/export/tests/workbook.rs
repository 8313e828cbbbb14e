//! The workbook, written to a temporary directory and read back with calamine.

mod common;

use std::path::Path;

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use common::*;
use jiff::civil::{date, Date};
use lacs_domain::Grade;
use lacs_export::*;

fn inspections() -> Vec<InspectionSheetRow> {
    vec![
        InspectionSheetRow {
            source_file: "80426_barnsley/2019-03-01 Barnsley ILACS.pdf".into(),
            sha256: format!("{:064x}", 2),
            kind: "ilacs_standard".into(),
            urn: Some(BARNSLEY),
            la_code: Some(370),
            gss_code: Some("E08000038".into()),
            la_name: Some("Barnsley".into()),
            ofsted_region: Some("North East, Yorkshire and the Humber".into()),
            inspection_start: Some(date(2019, 1, 14)),
            inspection_end: Some(date(2019, 1, 25)),
            published: Some(date(2019, 3, 1)),
            published_source: Some("file_name".into()),
            lead_inspector: Some("A Inspector".into()),
            overall: Some(Grade::Good),
            leaders: Some(Grade::Good),
            help_protection: Some(Grade::Good),
            in_care: Some(Grade::Good),
            status: "ok".into(),
            ..Default::default()
        },
        InspectionSheetRow {
            source_file: "misc/not-found.pdf".into(),
            sha256: "cd".repeat(32),
            kind: "not_a_report".into(),
            status: "needs_review".into(),
            review_reason: Some("kind: an HTML page, not a PDF report".into()),
            ..Default::default()
        },
    ]
}

fn write(dir: &Path, as_at: Date) -> std::path::PathBuf {
    let events = events();
    let path = dir.join("register.xlsx");
    let input = WorkbookInput {
        events: &events,
        as_at,
        register_updated: Some("2026-11-20 14:02 UTC".into()),
        inspections: inspections(),
    };
    write_workbook(&path, &input).unwrap();
    path
}

fn sheet(path: &Path, name: &str) -> Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn header(r: &Range<Data>) -> Vec<String> {
    r.rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

fn col(r: &Range<Data>, name: &str) -> usize {
    header(r)
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

/// A cell as text (numbers without a trailing ".0").
fn cell_text(d: &Data) -> String {
    d.to_string()
}

/// The row whose `key` column reads `value`.
fn find<'r>(r: &'r Range<Data>, key: &str, value: &str) -> &'r [Data] {
    let c = col(r, key);
    r.rows()
        .find(|row| cell_text(&row[c]) == value)
        .unwrap_or_else(|| panic!("no {key} {value}"))
}

fn excel_date(d: &Data) -> Date {
    match d {
        Data::DateTime(x) => {
            assert!(x.is_datetime());
            date(1899, 12, 30).saturating_add(jiff::Span::new().days(x.as_f64() as i64))
        }
        other => panic!("not a date: {other:?}"),
    }
}

fn names(columns: &[Column]) -> Vec<String> {
    columns.iter().map(|c| c.name.to_string()).collect()
}

#[test]
fn sheets_and_headers() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), AS_AT);
    let wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), SHEETS.to_vec());
    for (name, columns) in [
        (SHEET_LA_SUMMARY, LATEST_COLUMNS),
        (SHEET_INSPECTIONS, INSPECTION_COLUMNS),
        (SHEET_EVENTS, EVENT_COLUMNS),
        (SHEET_BY_REGION, REGION_COLUMNS),
        (SHEET_BY_JUDGEMENT, JUDGEMENT_COLUMNS),
        (SHEET_NOTES, NOTE_COLUMNS),
    ] {
        assert_eq!(header(&sheet(&path, name)), names(columns), "{name}");
    }
    // Nothing but the workbook is left in the directory.
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, vec![std::ffi::OsString::from("register.xlsx")]);
}

#[test]
fn la_summary_one_row_per_la_with_typed_cells() {
    let dir = tempfile::tempdir().unwrap();
    for (as_at, n) in [(AS_AT, 153), (date(2022, 3, 31), 152)] {
        let path = write(dir.path(), as_at);
        let s = sheet(&path, SHEET_LA_SUMMARY);
        assert_eq!(s.height(), n + 1, "header and one row per LA as at {as_at}");
    }
    let path = write(dir.path(), AS_AT);
    let s = sheet(&path, SHEET_LA_SUMMARY);
    let barnsley = find(&s, "la_name", "Barnsley");
    assert_eq!(barnsley[col(&s, "urn")], Data::Float(80426.0));
    assert_eq!(
        excel_date(&barnsley[col(&s, "published")]),
        date(2019, 3, 1)
    );
    assert_eq!(excel_date(&barnsley[col(&s, "as_at")]), AS_AT);
    assert_eq!(
        barnsley[col(&s, "kind")],
        Data::String("ILACS standard inspection".into())
    );
    assert_eq!(barnsley[col(&s, "overall")], Data::String("Good".into()));
    assert_eq!(
        barnsley[col(&s, "previous_overall")],
        Data::String("Requires improvement".into())
    );
    assert_eq!(
        barnsley[col(&s, "direction")],
        Data::String("improved".into())
    );
    assert_eq!(
        barnsley[col(&s, "neighbours_not_inspected")],
        Data::Float(8.0)
    );
    assert_eq!(
        barnsley[col(&s, "care_leavers")],
        Data::Empty,
        "absent is blank"
    );
    let westmorland = find(&s, "urn", "2733698");
    assert_eq!(
        westmorland[col(&s, "direction")],
        Data::String("not inspected".into())
    );
}

#[test]
fn inspections_and_events() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), AS_AT);
    let s = sheet(&path, SHEET_INSPECTIONS);
    assert_eq!(s.height(), 3);
    let row = find(&s, "la_name", "Barnsley");
    assert_eq!(
        excel_date(&row[col(&s, "inspection_start")]),
        date(2019, 1, 14)
    );
    assert_eq!(
        row[col(&s, "published_source")],
        Data::String("file name".into())
    );
    assert_eq!(row[col(&s, "la_code")], Data::Float(370.0));
    let refused = find(&s, "kind", "Not a report");
    assert_eq!(
        refused[col(&s, "status")],
        Data::String("needs review".into())
    );

    let s = sheet(&path, SHEET_EVENTS);
    assert_eq!(s.height(), events().len() + 1, "every event, graded or not");
    let visit = find(&s, "event_id", "13");
    assert_eq!(visit[col(&s, "graded")], Data::String("no".into()));
    assert_eq!(visit[col(&s, "kind")], Data::Empty);
    assert_eq!(
        visit[col(&s, "source")],
        Data::String("report+official".into())
    );
    let official = find(&s, "event_id", "9");
    assert_eq!(official[col(&s, "source")], Data::String("official".into()));
    assert_eq!(
        official[col(&s, "overall")],
        Data::String("Inadequate".into())
    );
    // Abolished Cumbria's events are there, by LA name then date.
    let c = col(&s, "la_name");
    let order: Vec<String> = s.rows().skip(1).map(|r| r[c].to_string()).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert!(order.iter().any(|n| n == "Cumbria"));
}

#[test]
fn as_at_by_region_and_judgement() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), AS_AT);
    let s = sheet(&path, SHEET_BY_REGION);
    assert_eq!(s.height(), 1 + 8 + 9 + 1);
    let england = find(&s, "grouping", "England");
    assert_eq!(england[col(&s, "authorities")], Data::Float(153.0));
    // Barnsley, Bath, Barnet, Cumberland, Buckinghamshire, Rotherham, Wakefield
    assert_eq!(england[col(&s, "inspected")], Data::Float(7.0));
    assert_eq!(england[col(&s, "good")], Data::Float(2.0));
    assert_eq!(england[col(&s, "good_pct")], Data::Float(2.0 / 7.0));
    let yorkshire = find(&s, "region", "Yorkshire and The Humber");
    assert_eq!(
        yorkshire[col(&s, "grouping")],
        Data::String("ONS region".into())
    );
    assert_eq!(yorkshire[col(&s, "inspected")], Data::Float(3.0));
    let east = find(&s, "region", "East Midlands");
    assert_eq!(
        east[col(&s, "outstanding_pct")],
        Data::Empty,
        "no LA graded"
    );

    let s = sheet(&path, SHEET_BY_JUDGEMENT);
    assert_eq!(s.height(), 1 + 7);
    let care_leavers = find(&s, "column", "care_leavers");
    assert_eq!(
        care_leavers[col(&s, "judgement")],
        Data::String("Care leavers".into())
    );
    // Graded in care leavers: Cumberland and Wakefield (ILACS from 2023), Buckinghamshire (SIF).
    assert_eq!(care_leavers[col(&s, "graded")], Data::Float(3.0));
    assert_eq!(care_leavers[col(&s, "not_graded")], Data::Float(4.0));
}

#[test]
fn notes_say_the_as_at_date_and_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), AS_AT);
    let s = sheet(&path, SHEET_NOTES);
    let text: Vec<String> = s
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    let all = text.join("\n");
    assert!(all.contains("31 March 2024 (2024-03-31)"), "{all}");
    assert!(all.contains("2026-11-20 14:02 UTC"));
    assert!(all.contains("predecessor council's grade is never carried"));
    assert!(all.contains("reports.ofsted.gov.uk"));
    for (sheet_name, columns) in [
        (SHEET_LA_SUMMARY, LATEST_COLUMNS),
        (SHEET_INSPECTIONS, INSPECTION_COLUMNS),
        (SHEET_EVENTS, EVENT_COLUMNS),
        (SHEET_BY_REGION, REGION_COLUMNS),
        (SHEET_BY_JUDGEMENT, JUDGEMENT_COLUMNS),
    ] {
        for c in columns {
            assert!(
                text.iter()
                    .any(|l| l.starts_with(&format!("{sheet_name} | {} | ", c.name))),
                "no note on {sheet_name} / {}",
                c.name
            );
        }
    }
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let events = events();
    let input = WorkbookInput {
        events: &events,
        as_at: AS_AT,
        register_updated: None,
        inspections: vec![],
    };
    // The target is a directory: the rename fails, and the temporary file goes.
    let target = dir.path().join("taken.xlsx");
    std::fs::create_dir(&target).unwrap();
    let err = write_workbook(&target, &input).unwrap_err();
    assert!(err.to_string().contains("taken.xlsx"), "{err}");
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, vec![std::ffi::OsString::from("taken.xlsx")]);
    // A missing directory: nothing is written.
    assert!(write_workbook(&dir.path().join("no/such/dir.xlsx"), &input).is_err());

    // Overwriting an existing workbook works, and the notes say the register date is unknown.
    let path = dir.path().join("ok.xlsx");
    std::fs::write(&path, b"old").unwrap();
    write_workbook(&path, &input).unwrap();
    let s = sheet(&path, SHEET_NOTES);
    assert!(s.rows().any(|r| r[2] == *"not recorded"));
    assert_eq!(sheet(&path, SHEET_INSPECTIONS).height(), 1, "header only");
}

#[test]
fn latest_xlsx_alone() {
    let dir = tempfile::tempdir().unwrap();
    let events = events();
    let rows = latest(&lacs_analysis::Index::new(&events), AS_AT);
    let path = dir.path().join("latest.xlsx");
    write_latest_xlsx(&rows, &path).unwrap();
    let wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), vec![SHEET_LA_SUMMARY, SHEET_NOTES]);
    let s = sheet(&path, SHEET_LA_SUMMARY);
    assert_eq!(header(&s), names(LATEST_COLUMNS));
    assert_eq!(s.height(), 154);
    let notes = sheet(&path, SHEET_NOTES);
    assert!(notes
        .rows()
        .any(|r| r[2].to_string().contains("2024-03-31")));
}

#[test]
fn an_inspection_record_converts_through_json() {
    // The shape `lacs export inspections` writes (lacs-store's InspectionRecord).
    let record = serde_json::json!({
        "source_file": "80427_bath/x.pdf", "sha256": "ef", "kind": "ilacs_short",
        "urn": 80427, "la_code": 800, "gss_code": "E06000022",
        "la_name": "Bath and North East Somerset", "ofsted_region": "South West",
        "inspection_start": "2022-06-06", "inspection_end": "2022-06-10",
        "published": "2022-07-22", "published_source": "file_name", "lead_inspector": null,
        "overall": "requires_improvement", "leaders": "good", "help_protection": "good",
        "in_care": "requires_improvement", "care_leavers": null, "adoption": null, "lscb": null,
        "status": "ok", "review_reason": null
    });
    let row: InspectionSheetRow = serde_json::from_value(record.clone()).unwrap();
    assert_eq!(row.published, Some(date(2022, 7, 22)));
    assert_eq!(row.overall, Some(Grade::RequiresImprovement));
    let keys: Vec<&String> = record.as_object().unwrap().keys().collect();
    assert_eq!(keys, names(INSPECTION_COLUMNS).iter().collect::<Vec<_>>());
    assert_eq!(serde_json::to_value(&row).unwrap(), record);
}
