//! Small XLSX workbooks built here: layouts read by heading, and clear errors for workbooks
//! this reader cannot understand.

use std::path::PathBuf;

use jiff::civil::date;
use lacs_domain::{Framework, Grade, Kind};
use lacs_official::{read, Layout, OfficialError, RowDoubtKind};
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
fn an_unparseable_date_is_a_doubt_naming_sheet_row_and_column() {
    let f = workbook(
        "baddate.xlsx",
        &[(
            "ILACS_inspection_history",
            0,
            history(HISTORY_HEADINGS, C::S("19th of Aprilish")),
        )],
    );
    let data = read(&f.path).unwrap();
    assert_eq!(data.events.len(), 2, "the row is still read");
    assert_eq!(data.events[1].published, None);
    assert_eq!(data.events[1].inspection_start, Some(date(2022, 2, 28)));
    assert_eq!(data.doubts.len(), 1, "{:?}", data.doubts);
    let d = &data.doubts[0];
    assert_eq!(d.kind, RowDoubtKind::Date);
    assert_eq!(
        d.to_string(),
        "baddate.xlsx: sheet \"ILACS_inspection_history\", row 5, column \"Publication date\": \
         \"19th of Aprilish\": not a date; left empty"
    );
    let f = workbook(
        "feb30.xlsx",
        &[("History", 0, history(HISTORY_HEADINGS, C::S("30/02/2022")))],
    );
    let data = read(&f.path).unwrap();
    let d = &data.doubts[0];
    assert_eq!(
        (d.row, d.column.as_str(), d.value.as_str()),
        (5, "Publication date", "30/02/2022")
    );
}

#[test]
fn an_unknown_grade_is_a_doubt_naming_sheet_row_and_column() {
    let mut rows = history(HISTORY_HEADINGS, C::D(2022, 4, 19));
    rows[4][9] = C::S("Great");
    let f = workbook("badgrade.xlsx", &[("ILACS_inspection_history", 0, rows)]);
    let data = read(&f.path).unwrap();
    assert_eq!(data.events[1].grades.help_protection, None);
    assert_eq!(data.events[1].grades.overall, Some(Grade::Good));
    let msg = data.doubts[0].to_string();
    assert!(
        msg.contains("sheet \"ILACS_inspection_history\", row 5, column \"The experiences and progress of children who need help and protection\": \"Great\": not a grade"),
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

/// A release shaped like "LA inspection outcomes as at 31 March 2024": a cover and notes
/// sheet, renamed table sheets with notes rows above their headings, footnote marks in
/// headings and cells, columns in another order, a provider-level sheet, and cells holding
/// words where dates and grades should be.
fn release_2024(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("LA_Inspection_Outcomes_as_at_31_March_2024.xlsx");
    let ri = "Requires improvement to be good";
    let cover = vec![
        vec![C::S(
            "Local authority inspection outcomes as at 31 March 2024",
        )],
        vec![C::S("Official statistics. Published 2024.")],
        vec![C::S("Contents: Table 1, Table 2, Table 3, Provider level")],
    ];
    let notes = vec![
        vec![C::S("Notes")],
        vec![C::S("Note number"), C::S("Note text")],
        vec![C::S("[note 1]"), C::S("Short inspections began in 2018.")],
    ];
    let history = vec![
        vec![C::S(
            "Table 1: ILACS inspections from January 2018 to March 2024",
        )],
        vec![C::S(
            "This worksheet contains one table. Some cells refer to notes [note 1].",
        )],
        vec![C::S("Source: Ofsted")],
        vec![],
        vec![
            C::S("Local authority name"),
            C::S("Inspection type [note 1]"),
            C::S("Overall effectiveness"),
            C::S("Inspection date"),
            C::S("Publication date [note 2]"),
            C::S("Local authority area code"),
            C::S("Ofsted region"),
            C::S("The experiences and progress of children in care"),
            C::S("The experiences and progress of children who need help and protection"),
            C::S("The impact of leaders on social work practice with children and families"),
            C::S("The experiences and progress of care leavers"),
            C::S("Web link"),
        ],
        vec![
            C::S("Barking and Dagenham"),
            C::S("ILACS Standard Inspection"),
            C::S(ri),
            C::D(2019, 2, 18),
            C::D(2019, 4, 1),
            C::S("E09000002"),
            C::S("London"),
            C::S(ri),
            C::S(ri),
            C::S(ri),
            C::S("n/a"),
            C::Link("https://reports.ofsted.gov.uk/provider/44/301"),
        ],
        vec![
            C::S("Bath and North East Somerset"),
            C::S("ILACS Short Inspection [note 3]"),
            C::S("Good\u{b9}"),
            C::S("12/03/2019 [note 3]"),
            C::S("2019-04-26"),
            C::S("E06000022"),
            C::S("South West"),
            C::S("Good [x]"),
            C::N(2.0),
            C::S("good"),
            C::E,
        ],
        vec![
            C::S("Barnet"),
            C::S("ILACS Standard Inspection"),
            C::S("Outstanding"),
            C::S("14/01/2019"),
            C::N(43525.0),
            C::S("E09000003"),
            C::S("London"),
            C::S("Outstanding"),
            C::S("Outstanding"),
            C::S("Outstanding"),
            C::S("-"),
        ],
        vec![
            C::S("Barnsley"),
            C::S("ILACS Standard Inspection"),
            C::S("Adequate"),
            C::S("sometime in spring"),
            C::D(2019, 5, 1),
            C::S("E08000016"),
            C::S("North East, Yorkshire and the Humber"),
            C::S("Good"),
            C::S("Good"),
            C::S("Good"),
        ],
        vec![
            C::E,
            C::S("ILACS Short Inspection"),
            C::S("Good"),
            C::D(2019, 6, 3),
        ],
        vec![
            C::S("Bedford"),
            C::S("ILACS Short Inspection"),
            C::S("Good"),
            C::D(2024, 3, 4),
            C::S("to be published"),
            C::S("E0600005"),
            C::S("Narnia"),
            C::S("Good"),
            C::S("Good"),
            C::S("Good"),
            C::S("Good"),
        ],
        vec![
            C::S("Cumberland"),
            C::S("Not yet inspected"),
            C::S("Not yet inspected"),
            C::S("-"),
            C::S("n/a"),
            C::S("E06000063"),
            C::S("North West"),
            C::S(".."),
            C::S("x"),
            C::S("[x]"),
            C::S("Not applicable"),
        ],
        vec![],
        vec![C::S("Source: Ofsted inspection data, 31 March 2024")],
    ];
    let in_year = vec![
        vec![C::S("Table 2: In-year inspection activity 2023-24")],
        vec![C::S("Focused visits and monitoring visits are not graded.")],
        vec![
            C::S("Inspection/Visit type"),
            C::S("Local authority name"),
            C::S("Inspection/Visit date"),
            C::S("Publication date"),
            C::S("Visit theme"),
            C::S("Overall effectiveness"),
            C::S("Impact of leaders"),
            C::S("Experiences and progress of children who need help and protection"),
            C::S("Experiences and progress of children in care"),
            C::S("Experiences and progress of care leavers"),
        ],
        vec![
            C::S("ILACS Short Inspection"),
            C::S("Bedford"),
            C::D(2024, 3, 4),
            C::S("To be published"),
            C::E,
            C::S("Good"),
            C::S("Good"),
            C::S("Good"),
            C::S("Good"),
            C::S("Good"),
        ],
        vec![
            C::S("ILACS Focused Visit"),
            C::S("Barnet"),
            C::D(2023, 11, 7),
            C::D(2023, 12, 12),
            C::S("Front door [note 4]"),
            C::S("x"),
            C::S("x"),
            C::S("x"),
            C::S("x"),
            C::S("x"),
        ],
        vec![
            C::S("ILACS Focused Visit"),
            C::S("Cumberland\u{b2}"),
            C::S("Monday 4 December 2023"),
            C::S(".."),
            C::S("Children in care"),
        ],
    ];
    let as_at = vec![
        vec![C::S(
            "Table 3: Local authority inspection judgements as at 31 March 2024",
        )],
        vec![C::S("This table contains notes [note 5]")],
        vec![
            C::S("Ofsted region"),
            C::S("Local authority name"),
            C::S("Overall effectiveness"),
            C::S("Inspection date"),
            C::S("Publication date"),
            C::S("Impact of leaders"),
            C::S("Experiences and progress of children who need help and protection"),
            C::S("Experiences and progress of children in care"),
            C::S("Experiences and progress of care leavers"),
        ],
        vec![
            C::S("London"),
            C::S("Barking and Dagenham"),
            C::S(ri),
            C::D(2019, 2, 18),
            C::D(2019, 4, 1),
            C::S(ri),
            C::S(ri),
            C::S(ri),
            C::S("n/a"),
        ],
        vec![
            C::S("North West"),
            C::S("Cumberland"),
            C::S("Not yet inspected"),
            C::S("Not yet inspected [note 6]"),
            C::S("Not applicable"),
        ],
        vec![
            C::S("North West"),
            C::S("Westmorland and Furness"),
            C::S("Not yet inspected"),
            C::S("Not yet inspected"),
        ],
        vec![
            C::S("South West"),
            C::S("Bath and North East Somerset"),
            C::S("Good [x]"),
            C::S("12/03/2019 [note 3]"),
            C::S("26 April 2019"),
            C::S("Good"),
            C::S("Good"),
            C::S("Good"),
        ],
        vec![
            C::S("London"),
            C::S("Barnet"),
            C::S("Outstanding"),
            C::S("Inspected 14 to 25 January 2019, report to follow"),
            C::S("to be published"),
            C::S("Outstanding"),
            C::S("Outstanding"),
            C::S("Outstanding"),
        ],
        vec![
            C::S("North East, Yorkshire and the Humber"),
            C::S("Barnsley"),
            C::S("Adequate"),
            C::D(2019, 3, 11),
            C::D(2019, 5, 1),
            C::S("Good"),
        ],
    ];
    let provider = vec![
        vec![
            C::S("URN"),
            C::S("Provider name"),
            C::S("Overall effectiveness"),
        ],
        vec![C::S("SC000001"), C::S("A children's home"), C::S("Good")],
    ];
    let mut wb = Workbook::new();
    for (name, rows) in [
        ("Cover", cover),
        ("Notes", notes),
        ("Table_1", history),
        ("Table_2", in_year),
        ("Table_3", as_at),
        ("Provider_level", provider),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        write_rows(ws, 0, &rows);
    }
    wb.save(&path).unwrap();
    path
}

#[test]
fn a_2024_shaped_release_imports_with_row_doubts() {
    let dir = tempfile::tempdir().unwrap();
    let data = read(&release_2024(dir.path())).unwrap();

    let tables: Vec<_> = data
        .tables
        .iter()
        .map(|t| (t.sheet.as_str(), t.layout, t.heading_row, t.records))
        .collect();
    assert_eq!(
        tables,
        [
            ("Table_1", Layout::Events, 5, 5),
            ("Table_2", Layout::Events, 3, 3),
            ("Table_3", Layout::AsAt, 3, 6),
        ]
    );

    let doubts: Vec<_> = data
        .doubts
        .iter()
        .map(|d| {
            assert_eq!(d.file, "LA_Inspection_Outcomes_as_at_31_March_2024.xlsx");
            (
                d.sheet.as_str(),
                d.row,
                d.column.as_str(),
                d.value.as_str(),
                d.kind,
            )
        })
        .collect();
    use RowDoubtKind as K;
    assert_eq!(
        doubts,
        [
            (
                "Table_1",
                9,
                "Inspection date",
                "sometime in spring",
                K::Date
            ),
            ("Table_1", 9, "Overall effectiveness", "Adequate", K::Grade),
            ("Table_1", 10, "Local authority name", "", K::NoLa),
            (
                "Table_1",
                11,
                "Local authority area code",
                "E0600005",
                K::Identifier
            ),
            ("Table_1", 11, "Ofsted region", "Narnia", K::Region),
            (
                "Table_1",
                14,
                "Local authority name",
                "Source: Ofsted inspection data, 31 March 2024",
                K::NoInspection
            ),
            (
                "Table_3",
                8,
                "Inspection date",
                "Inspected 14 to 25 January 2019, report to follow",
                K::Date
            ),
            ("Table_3", 9, "Overall effectiveness", "Adequate", K::Grade),
        ]
    );
    assert_eq!(data.doubts[0].reason, "not a date; left empty");
    assert_eq!(
        data.doubts[2].reason,
        "no local authority name, but \"Inspection type\" holds \"ILACS Short Inspection\"; \
         row skipped"
    );

    // Events: what could be read, footnote marks and no-value words understood.
    let by = |name: &str, kind: Option<Kind>| {
        data.events
            .iter()
            .find(|e| e.la_name == name && e.kind == kind)
            .unwrap_or_else(|| panic!("{name} {kind:?}"))
    };
    let ri = Some(Grade::RequiresImprovement);
    let barking = by("Barking and Dagenham", Some(Kind::IlacsStandard));
    assert_eq!(
        (barking.grades.in_care, barking.grades.care_leavers),
        (ri, None)
    );
    assert_eq!(barking.la_code, Some(301));
    let bath = by("Bath and North East Somerset", Some(Kind::IlacsShort));
    assert_eq!(
        (bath.inspection_start, bath.published),
        (Some(date(2019, 3, 12)), Some(date(2019, 4, 26)))
    );
    assert_eq!(
        (
            bath.grades.overall,
            bath.grades.in_care,
            bath.grades.help_protection
        ),
        (Some(Grade::Good), Some(Grade::Good), Some(Grade::Good))
    );
    let barnet = by("Barnet", Some(Kind::IlacsStandard));
    assert_eq!(
        (barnet.inspection_start, barnet.published),
        (Some(date(2019, 1, 14)), Some(date(2019, 3, 1))),
        "an Excel serial number is a date"
    );
    assert_eq!(barnet.grades.care_leavers, Some(Grade::NotJudged));
    let barnsley = by("Barnsley", Some(Kind::IlacsStandard));
    assert_eq!(
        (
            barnsley.inspection_start,
            barnsley.published,
            barnsley.grades.overall
        ),
        (None, Some(date(2019, 5, 1)), None),
        "the row is read without its odd cells"
    );
    assert_eq!(barnsley.grades.leaders, Some(Grade::Good));
    let bedford = by("Bedford", Some(Kind::IlacsShort));
    assert_eq!(
        (bedford.inspection_start, bedford.published),
        (Some(date(2024, 3, 4)), None)
    );
    assert_eq!(
        (bedford.gss_code.as_deref(), bedford.ofsted_region),
        (None, None)
    );
    assert_eq!(bedford.also_in.len(), 1, "merged with its in-year listing");
    let visit = by("Barnet", None);
    assert_eq!(visit.visit_theme.as_deref(), Some("Front door"));
    assert_eq!(visit.grades, Default::default());
    let cumberland = by("Cumberland", None);
    assert_eq!(
        (
            cumberland.event_type.as_str(),
            cumberland.inspection_start,
            cumberland.published
        ),
        ("ILACS Focused Visit", Some(date(2023, 12, 4)), None)
    );
    assert_eq!(
        data.events.len(),
        7,
        "5 history rows, a focused visit each for Barnet and Cumberland; Cumberland's \
         \"Not yet inspected\" row and the skipped rows make none"
    );

    // The as-at table: "Not yet inspected" is no date and no grade.
    let t = &data.as_at_tables[0];
    assert_eq!(t.as_at, Some(date(2024, 3, 31)));
    let names: Vec<_> = t.rows.iter().map(|r| r.la_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Barking and Dagenham",
            "Cumberland",
            "Westmorland and Furness",
            "Bath and North East Somerset",
            "Barnet",
            "Barnsley"
        ]
    );
    let cumberland = &t.rows[1];
    assert_eq!(
        (
            cumberland.inspection_start,
            cumberland.published,
            cumberland.grades
        ),
        (None, None, Default::default())
    );
    assert_eq!(t.rows[3].grades.overall, Some(Grade::Good));
    assert_eq!(t.rows[3].published, Some(date(2019, 4, 26)));
    assert_eq!(
        (
            t.rows[4].inspection_start,
            t.rows[4].published,
            t.rows[4].grades.overall
        ),
        (None, None, Some(Grade::Outstanding))
    );
}
