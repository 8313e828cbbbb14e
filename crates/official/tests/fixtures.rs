//! Small XLSX workbooks built here: layouts read by heading, and clear errors for workbooks
//! this reader cannot understand.

use std::path::PathBuf;

use jiff::civil::date;
use lacs_domain::{Framework, Grade, Kind};
use lacs_official::{read, Layout, OfficialError};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};

/// A cell to write.
enum C<'a> {
    S(&'a str),
    D(u16, u8, u8),
    Link(&'a str),
    N(f64),
    E,
}

fn write_rows(ws: &mut Worksheet, first_row: u32, rows: &[Vec<C>]) {
    let fmt = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        let r = first_row + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                C::S(s) => {
                    ws.write_string(r, c, *s).unwrap();
                }
                C::D(y, m, d) => {
                    let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    ws.write_datetime_with_format(r, c, &dt, &fmt).unwrap();
                }
                C::Link(url) => {
                    let f = format!("=HYPERLINK(\"{url}\",\"Ofsted Local Authority Webpage\")");
                    ws.write_formula(r, c, Formula::new(f)).unwrap();
                }
                C::N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                C::E => {}
            }
        }
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

/// A workbook with a "Notes" sheet and the given sheets (name, first row, rows).
fn workbook(file: &str, sheets: &[(&str, u32, Vec<Vec<C>>)]) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(file);
    let mut wb = Workbook::new();
    let notes = wb.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes
        .write_string(0, 0, "Notes about this release")
        .unwrap();
    for (name, first, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        write_rows(ws, *first, rows);
    }
    wb.save(&path).unwrap();
    Fixture { _dir: dir, path }
}

const HISTORY_HEADINGS: [&str; 12] = [
    "Web link",
    "Local authority area code",
    "Local authority name",
    "Ofsted region",
    "Inspection date",
    "Publication date",
    "Inspection type",
    "Overall effectiveness",
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
];

/// An ILACS history sheet like the 2025 release's: title, note, headings on row 3.
fn history(headings: [&'static str; 12], second_published: C<'static>) -> Vec<Vec<C<'static>>> {
    let ri = "Requires improvement to be good";
    let mut rows = vec![
        vec![C::S("ILACS inspection history from 2018-2025")],
        vec![C::S("This worksheet contains one table.")],
        headings.iter().map(|h| C::S(h)).collect(),
    ];
    rows.push(vec![
        C::Link("https://reports.ofsted.gov.uk/provider/44/301"),
        C::S("E09000002"),
        C::S("Barking and Dagenham"),
        C::S("London"),
        C::D(2019, 2, 18),
        C::D(2019, 4, 1),
        C::S("ILACS Standard Inspection"),
        C::S(ri),
        C::S(ri),
        C::S(ri),
        C::S(ri),
        C::E,
    ]);
    rows.push(vec![
        C::Link("https://reports.ofsted.gov.uk/provider/44/80427"),
        C::S("E06000022"),
        C::S("Bath and North East Somerset"),
        C::S("South West"),
        C::S("28/02/2022"),
        second_published,
        C::S("ILACS Short Inspection"),
        C::S("Good"),
        C::N(1.0),
        C::S("good"),
        C::S("Good"),
        C::E,
    ]);
    rows
}

#[test]
fn reads_a_well_formed_history_sheet() {
    let f = workbook(
        "good.xlsx",
        &[(
            "ILACS_inspection_history",
            0,
            history(HISTORY_HEADINGS, C::D(2022, 4, 19)),
        )],
    );
    let data = read(&f.path).unwrap();
    assert_eq!(data.source, "good.xlsx");
    assert_eq!(data.tables.len(), 1);
    assert_eq!(
        (data.tables[0].layout, data.tables[0].heading_row),
        (Layout::Events, 3)
    );
    assert_eq!(data.events.len(), 2);
    let e = &data.events[1];
    assert_eq!(e.row, 5);
    assert_eq!(
        (e.urn, e.la_code, e.gss_code.as_deref()),
        (Some(80427), None, Some("E06000022"))
    );
    assert_eq!(
        (e.framework, e.kind),
        (Some(Framework::Ilacs), Some(Kind::IlacsShort))
    );
    assert_eq!(
        (e.inspection_start, e.published),
        (Some(date(2022, 2, 28)), Some(date(2022, 4, 19)))
    );
    assert_eq!(
        e.grades.leaders,
        Some(Grade::Outstanding),
        "numeric 1 is outstanding"
    );
    assert_eq!(e.grades.care_leavers, None);
    assert_eq!(data.events[0].la_code, Some(301));

    // Records serialise with the domain's stable words.
    let json = serde_json::to_value(&data.events[1]).unwrap();
    assert_eq!(json["kind"], "ilacs_short");
    assert_eq!(json["framework"], "ilacs");
    assert_eq!(json["published"], "2022-04-19");
    assert_eq!(json["grades"]["leaders"], "outstanding");
    assert_eq!(json["ofsted_region"], "South West");
}

#[test]
fn renamed_heading_names_the_sheet_and_the_heading() {
    let mut headings = HISTORY_HEADINGS;
    headings[4] = "Date inspectors arrived";
    let f = workbook(
        "renamed.xlsx",
        &[(
            "ILACS_inspection_history",
            0,
            history(headings, C::D(2022, 4, 19)),
        )],
    );
    let err = read(&f.path).unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(err, OfficialError::MissingColumn { .. }),
        "{err:?}"
    );
    assert!(
        msg.starts_with("renamed.xlsx: sheet \"ILACS_inspection_history\", heading row 3"),
        "{msg}"
    );
    assert!(
        msg.contains("no column headed \"Inspection date\""),
        "{msg}"
    );
    assert!(
        msg.contains("\"Date inspectors arrived\""),
        "lists the headings found: {msg}"
    );
}

#[test]
fn unparseable_date_names_sheet_row_and_column() {
    let f = workbook(
        "baddate.xlsx",
        &[(
            "ILACS_inspection_history",
            0,
            history(HISTORY_HEADINGS, C::S("19th of Aprilish")),
        )],
    );
    let err = read(&f.path).unwrap_err();
    assert_eq!(
        err.to_string(),
        "baddate.xlsx: sheet \"ILACS_inspection_history\", row 5, column \"Publication date\": \
         not a date: \"19th of Aprilish\""
    );
    let f = workbook(
        "feb30.xlsx",
        &[("History", 0, history(HISTORY_HEADINGS, C::S("30/02/2022")))],
    );
    assert!(read(&f.path)
        .unwrap_err()
        .to_string()
        .contains("row 5, column \"Publication date\""));
}

#[test]
fn unknown_grade_names_sheet_row_and_column() {
    let mut rows = history(HISTORY_HEADINGS, C::D(2022, 4, 19));
    rows[4][9] = C::S("Great");
    let f = workbook("badgrade.xlsx", &[("ILACS_inspection_history", 0, rows)]);
    let msg = read(&f.path).unwrap_err().to_string();
    assert!(
        msg.contains("sheet \"ILACS_inspection_history\", row 5, column \"The experiences and progress of children who need help and protection\": not a grade: \"Great\""),
        "{msg}"
    );
}

#[test]
fn a_workbook_without_an_la_table_is_refused() {
    let f = workbook(
        "other.xlsx",
        &[(
            "Sheet1",
            0,
            vec![
                vec![C::S("Provider"), C::S("Places")],
                vec![C::S("A home"), C::N(3.0)],
            ],
        )],
    );
    let err = read(&f.path).unwrap_err();
    assert_eq!(
        err.to_string(),
        "other.xlsx: no sheet with a column headed \"Local authority name\" next to a judgement \
         column such as \"Overall effectiveness\" (looked in: Notes, Sheet1)"
    );
}

#[test]
fn a_heading_that_looks_like_data_but_is_unknown_stops_the_read() {
    let mut headings = HISTORY_HEADINGS;
    headings[11] = "Experiences of care leavers (provisional)";
    let f = workbook(
        "unknown.xlsx",
        &[("History", 0, history(headings, C::D(2022, 4, 19)))],
    );
    let msg = read(&f.path).unwrap_err().to_string();
    assert_eq!(
        msg,
        "unknown.xlsx: sheet \"History\", heading row 3: column L is headed \"Experiences of care \
         leavers (provisional)\", which looks like inspection data but is not a heading this \
         reader knows"
    );
}

#[test]
fn a_table_without_a_type_must_say_as_at() {
    let mut rows = history(HISTORY_HEADINGS, C::D(2022, 4, 19));
    for r in rows.iter_mut().skip(2) {
        r.remove(6);
    }
    let mut headings: Vec<&str> = HISTORY_HEADINGS.to_vec();
    headings.remove(6);
    // No "as at" anywhere: the missing type column is the error.
    let f = workbook("notype.xlsx", &[("History", 0, rows)]);
    let msg = read(&f.path).unwrap_err().to_string();
    assert!(
        msg.contains("sheet \"History\", heading row 3: no column headed \"Inspection type\""),
        "{msg}"
    );

    // Titled "as at": an as-at table.
    let mut rows = history(HISTORY_HEADINGS, C::D(2022, 4, 19));
    for r in rows.iter_mut().skip(2) {
        r.remove(6);
    }
    rows[0] = vec![C::S(
        "Local authority inspection judgements as at 31 March 2022",
    )];
    let f = workbook("asat.xlsx", &[("Latest", 0, rows)]);
    let data = read(&f.path).unwrap();
    assert!(data.events.is_empty());
    let t = &data.as_at_tables[0];
    assert_eq!((t.as_at, t.rows.len()), (Some(date(2022, 3, 31)), 2));
    assert_eq!(t.rows[1].grades.overall, Some(Grade::Good));
}

#[test]
fn reads_a_wide_history_with_a_second_table_and_merges_an_in_year_sheet() {
    let ri = "Requires improvement to be good";
    let headings = vec![
        C::S("Web link"),
        C::S("Local authority name"),
        C::S("LA region"),
        C::S("LA Authority Type"),
        C::S("Single Inspection of LA Children's Services (SIF)  First SIF publication date"),
        C::S(" First SIF Overall Judgement\n(OE)"),
        C::S(" First SIF children who need help and protection "),
        C::S(" First SIF children looked after and achieving permanence "),
        C::S(" First SIF CLA Sub: Adoption Performance"),
        C::S(" First SIF CLA Sub: Experiences and progress of care leavers"),
        C::S(" First SIF leadership, management and governance"),
        C::S("LSCB Overall Effectiveness "),
        C::S("First ILACS framework inspection type"),
        C::S("First ILACS framework publication date"),
        C::S("First ILACS framework overall effectiveness"),
        C::S("First ILACS framework impact of leaders"),
        C::S("First ILACS framework experiences and progress of children who need help and protection"),
        C::S("First ILACS framework experiences and progress of children in care and care leavers"),
    ];
    let second_headings = vec![
        C::S("Web link"),
        C::S("Local authority name"),
        C::S("LA region"),
        C::S("LA Authority Type"),
        C::S("Single Inspection of LA Children's Services (SIF)  First SIF publication date"),
        C::S(" First SIF Overall Judgement\n(OE)"),
        C::S(" First SIF children who need help and protection "),
        C::S(" First SIF children looked after and achieving permanence "),
        C::S(" First SIF CLA Sub: Adoption Performance"),
        C::S(" First SIF CLA Sub: Experiences and progress of care leavers"),
        C::S(" First SIF leadership, management and governance"),
        C::S("LSCB Overall Effectiveness "),
    ];
    let rows = vec![
        vec![C::S("LA inspections 2009-2023")],
        vec![C::S("This worksheet contains two tables.")],
        vec![],
        headings,
        vec![
            C::Link("https://reports.ofsted.gov.uk/provider/44/80450"),
            C::S("City of London"),
            C::S("London"),
            C::S("London Borough"),
            C::D(2016, 9, 20),
            C::S("Good"),
            C::S("Good"),
            C::S("Good"),
            C::S(" -"),
            C::S("Good"),
            C::S("Outstanding"),
            C::S("Outstanding"),
            C::S("ILACS Short Inspection"),
            C::D(2020, 4, 6),
            C::S("Outstanding"),
            C::S("Outstanding"),
            C::S("Good"),
            C::S("Outstanding"),
        ],
        vec![],
        vec![C::S(
            "Table 2: local authorities that existed before the restructure",
        )],
        second_headings,
        vec![
            C::S("Ofsted Local Authority Webpage"),
            C::S("Poole"),
            C::S("South West"),
            C::S("Unitary"),
            C::D(2017, 11, 24),
            C::S(ri),
            C::S(ri),
            C::S(ri),
            C::S("Good"),
            C::S("Good"),
            C::S(ri),
            C::S("Good"),
        ],
    ];
    let in_year = vec![
        vec![C::S("LA level in year 2019-20")],
        vec![
            C::S("Local authority name"),
            C::S("Ofsted region"),
            C::S("Inspection/Visit date"),
            C::S("Inspection/Visit type"),
            C::S("Overall effectiveness"),
            C::S("Impact of leaders"),
            C::S("Experiences and progress of children who need help and protection"),
            C::S("Experiences and progress of children in care"),
            C::S("Visit Theme"),
        ],
        vec![
            C::S("City of London"),
            C::S("London"),
            C::D(2020, 3, 2),
            C::S("ILACS Short Inspection"),
            C::S("Outstanding"),
            C::S("Outstanding"),
            C::S("Good"),
            C::S("Outstanding"),
        ],
        vec![
            C::S("City of London"),
            C::S("London"),
            C::D(2019, 6, 3),
            C::S("ILACS Focused Visit"),
            C::E,
            C::E,
            C::E,
            C::E,
            C::S("Front door"),
        ],
    ];
    let f = workbook(
        "wide.xlsx",
        &[
            ("LA_level_in_year", 0, in_year),
            ("LA_inspections", 0, rows),
        ],
    );
    let data = read(&f.path).unwrap();
    let layouts: Vec<_> = data
        .tables
        .iter()
        .map(|t| (t.layout, t.heading_row, t.title.clone()))
        .collect();
    assert_eq!(
        layouts,
        [
            (
                Layout::Events,
                2,
                Some("LA level in year 2019-20".to_string())
            ),
            (
                Layout::WideHistory,
                4,
                Some("LA inspections 2009-2023".to_string())
            ),
            (
                Layout::WideHistory,
                8,
                Some("Table 2: local authorities that existed before the restructure".to_string())
            ),
        ]
    );
    assert_eq!(data.tables[1].columns_ignored, ["LA Authority Type"]);
    let summary: Vec<_> = data
        .events
        .iter()
        .map(|e| {
            (
                e.sheet.as_str(),
                e.row,
                e.la_name.as_str(),
                e.kind,
                e.inspection_start,
                e.published,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "LA_level_in_year",
                4,
                "City of London",
                None,
                Some(date(2019, 6, 3)),
                None
            ),
            (
                "LA_inspections",
                5,
                "City of London",
                Some(Kind::Sif),
                None,
                Some(date(2016, 9, 20))
            ),
            (
                "LA_inspections",
                5,
                "City of London",
                Some(Kind::IlacsShort),
                Some(date(2020, 3, 2)),
                Some(date(2020, 4, 6))
            ),
            (
                "LA_inspections",
                9,
                "Poole",
                Some(Kind::Sif),
                None,
                Some(date(2017, 11, 24))
            ),
        ]
    );
    let sif = &data.events[1];
    assert_eq!(sif.urn, Some(80450));
    assert_eq!(sif.grades.adoption, Some(Grade::NotJudged));
    assert_eq!(sif.grades.lscb, Some(Grade::Outstanding));
    assert_eq!(
        sif.event_type,
        "Single Inspection of LA Children's Services (SIF) First SIF"
    );
    let ilacs = &data.events[2];
    assert_eq!(ilacs.event_type, "ILACS Short Inspection");
    assert_eq!(ilacs.also_in.len(), 1);
    assert_eq!(
        (ilacs.also_in[0].sheet.as_str(), ilacs.also_in[0].row),
        ("LA_level_in_year", 3)
    );
    assert_eq!(data.events[0].visit_theme.as_deref(), Some("Front door"));
}
