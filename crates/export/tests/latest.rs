//! The latest inspection of every LA, on a hand-made register.

mod common;

use common::*;
use jiff::civil::date;
use lacs_analysis::Index;
use lacs_domain::Grade::*;
use lacs_export::*;

fn rows_at(as_at: jiff::civil::Date) -> Vec<LatestRow> {
    let events = events();
    let index = Index::new(&events);
    latest(&index, as_at)
}

fn row(rows: &[LatestRow], urn: u32) -> &LatestRow {
    rows.iter()
        .find(|r| r.urn == urn)
        .unwrap_or_else(|| panic!("no row for {urn}"))
}

#[test]
fn one_row_per_la_existing_on_the_date() {
    // 2019 (BCP and Dorset), 2021 (the Northamptonshires), 2023 (Cumbria's successors)
    for (as_at, n) in [
        (date(2019, 3, 31), 152),
        (date(2020, 3, 31), 151),
        (date(2022, 3, 31), 152),
        (AS_AT, 153),
    ] {
        let rows = rows_at(as_at);
        assert_eq!(rows.len(), n, "as at {as_at}");
        assert!(rows.iter().all(|r| r.as_at == as_at));
        let mut urns: Vec<u32> = rows.iter().map(|r| r.urn).collect();
        urns.dedup();
        assert_eq!(urns.len(), n, "one row per LA");
    }
}

#[test]
fn directions_of_travel() {
    let rows = rows_at(AS_AT);
    let barnsley = row(&rows, BARNSLEY);
    assert_eq!(barnsley.direction, Direction::Improved);
    assert_eq!(
        (barnsley.overall, barnsley.previous_overall),
        (Some(Good), Some(RequiresImprovement))
    );
    assert_eq!(barnsley.previous_published, Some(date(2014, 11, 28)));
    assert_eq!(
        barnsley.event_id,
        Some(2),
        "the focused visit is not a graded event"
    );

    let bath = row(&rows, BATH);
    assert_eq!(bath.direction, Direction::Declined);
    assert_eq!(
        bath.care_leavers, None,
        "ILACS before 2023 grades no care leavers"
    );

    assert_eq!(row(&rows, BARNET).direction, Direction::FirstInspection);
    assert_eq!(row(&rows, BARKING).direction, Direction::NotInspected);
    assert_eq!(row(&rows, BARKING).kind, None);

    // Cumbria is gone; its grades are not its successors'.
    assert!(rows.iter().all(|r| r.urn != CUMBRIA));
    let cumberland = row(&rows, CUMBERLAND);
    assert_eq!(cumberland.direction, Direction::FirstInspection);
    assert_eq!(cumberland.previous_overall, None);
    assert_eq!(cumberland.overall, Some(RequiresImprovement));
    let westmorland = row(&rows, WESTMORLAND);
    assert_eq!(westmorland.direction, Direction::NotInspected);
    assert_eq!(westmorland.overall_counted, None);

    // Before the reorganisation Cumbria stands on its own record.
    let rows = rows_at(date(2022, 3, 31));
    let cumbria = row(&rows, CUMBRIA);
    assert_eq!(cumbria.direction, Direction::Improved);
    assert_eq!(cumbria.gss_code.as_deref(), Some("E10000006"));
}

#[test]
fn gss_code_in_force_on_the_date() {
    // Buckinghamshire became a unitary council on 1 April 2020, with a new code.
    assert_eq!(
        row(&rows_at(date(2019, 3, 31)), BUCKS).gss_code.as_deref(),
        Some("E10000002")
    );
    assert_eq!(
        row(&rows_at(AS_AT), BUCKS).gss_code.as_deref(),
        Some("E06000060")
    );
    assert_eq!(
        row(&rows_at(AS_AT), BUCKS).source.as_deref(),
        Some("official")
    );
}

#[test]
fn neighbours_in_rank_order_with_counts() {
    let rows = rows_at(AS_AT);
    let barnsley = row(&rows, BARNSLEY);
    assert!(
        barnsley
            .neighbours
            .starts_with("Rotherham: requires improvement; Wakefield: good; "),
        "{}",
        barnsley.neighbours
    );
    assert_eq!(
        barnsley.neighbours.matches("; ").count(),
        9,
        "ten neighbours"
    );
    assert_eq!(
        (
            barnsley.neighbours_outstanding,
            barnsley.neighbours_good,
            barnsley.neighbours_requires_improvement,
            barnsley.neighbours_inadequate,
            barnsley.neighbours_not_graded,
            barnsley.neighbours_not_inspected,
        ),
        (0, 1, 1, 0, 0, 8)
    );
}

#[test]
fn reformed_ilacs_has_no_overall_but_is_counted_at_the_earlier_grade() {
    let rows = rows_at(date(2026, 6, 30));
    let rotherham = row(&rows, ROTHERHAM);
    assert_eq!(rotherham.overall, None);
    assert_eq!(rotherham.overall_counted, Some(RequiresImprovement));
    assert_eq!(rotherham.direction, Direction::NotComparable);
    assert_eq!(rotherham.leaders, Some(Good));
    let barnsley = row(&rows, BARNSLEY);
    assert!(barnsley
        .neighbours
        .starts_with("Rotherham: requires improvement; "));
    assert_eq!(barnsley.neighbours_requires_improvement, 1);
}

#[test]
fn csv_header_is_the_json_keys_in_order() {
    let rows = rows_at(AS_AT);
    let mut csv = Vec::new();
    write_latest_csv(&rows, &mut csv).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();

    let mut json = Vec::new();
    write_latest_json(&rows, &mut json).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let list = value.as_array().unwrap();
    assert_eq!(list.len(), rows.len());
    for object in list {
        let keys: Vec<&String> = object.as_object().unwrap().keys().collect();
        assert_eq!(keys, header.iter().collect::<Vec<_>>());
    }
    let names: Vec<&str> = LATEST_COLUMNS.iter().map(|c| c.name).collect();
    assert_eq!(header, names, "the documented columns");
}

#[test]
fn empty_csv_still_has_its_header() {
    let mut csv = Vec::new();
    write_latest_csv(&[], &mut csv).unwrap();
    let names: Vec<&str> = LATEST_COLUMNS.iter().map(|c| c.name).collect();
    assert_eq!(
        String::from_utf8(csv).unwrap(),
        format!("{}\n", names.join(","))
    );
}

#[test]
fn csv_and_json_read_back_to_the_rows() {
    let rows = rows_at(AS_AT);
    let mut csv = Vec::new();
    write_latest_csv(&rows, &mut csv).unwrap();
    let back: Vec<LatestRow> = csv::Reader::from_reader(csv.as_slice())
        .deserialize()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(back, rows);
    let mut json = Vec::new();
    write_latest_json(&rows, &mut json).unwrap();
    let back: Vec<LatestRow> = serde_json::from_slice(&json).unwrap();
    assert_eq!(back, rows);
}

#[test]
fn first_rows_snapshot() {
    let rows = rows_at(AS_AT);
    let first = &rows[..4];
    let mut csv = Vec::new();
    write_latest_csv(first, &mut csv).unwrap();
    insta::assert_snapshot!("latest_csv_first_rows", String::from_utf8(csv).unwrap());
    insta::assert_json_snapshot!("latest_json_first_rows", first);
}
