//! `lacs import-official` on a release with odd cells: it imports, exit 0, and lists each
//! row doubt (file, sheet, row, column, value, reason), as `lacs reconcile` does after; a
//! workbook that is no release at all is refused by name and changes nothing.
//!
//! The workbooks are ODS files (Ofsted's format) written here: a stored ZIP of `mimetype`,
//! `META-INF/manifest.xml` and `content.xml`.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// A cell of `content.xml`.
enum C<'a> {
    S(&'a str),
    /// A date cell, shown day first.
    D(&'a str),
    N(f64),
    E,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn content_xml(sheets: &[(&str, Vec<Vec<C>>)]) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for (name, rows) in sheets {
        x += &format!(r#"<table:table table:name="{}">"#, escape(name));
        for row in rows {
            x += "<table:table-row>";
            if row.is_empty() {
                x += "<table:table-cell/>";
            }
            for cell in row {
                x += &match cell {
                    C::S(s) => format!(r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#, escape(s)),
                    C::D(iso) => format!(r#"<table:table-cell office:value-type="date" office:date-value="{iso}"><text:p>{iso}</text:p></table:table-cell>"#),
                    C::N(n) => format!(r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#),
                    C::E => "<table:table-cell/>".to_string(),
                };
            }
            x += "</table:table-row>";
        }
        x += "</table:table>";
    }
    x + "</office:spreadsheet></office:body></office:document-content>"
}

/// A ZIP archive of `files`, stored (not compressed).
fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let mut crc = flate2::Crc::new();
        crc.update(data);
        let offset = out.len() as u32;
        let fields = |sig: u32, central: bool| {
            let mut h = sig.to_le_bytes().to_vec();
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&0u16.to_le_bytes()); // stored
            h.extend_from_slice(&0u16.to_le_bytes()); // time
            h.extend_from_slice(&0x21u16.to_le_bytes()); // 1 January 1980
            h.extend_from_slice(&crc.sum().to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
                h.extend_from_slice(&0u32.to_le_bytes()); // external attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(fields(0x0403_4b50, false));
        out.extend_from_slice(data);
        central.extend(fields(0x0201_4b50, true));
    }
    let (cd_offset, cd_size) = (out.len() as u32, central.len() as u32);
    out.extend(central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn write_ods(path: &Path, sheets: &[(&str, Vec<Vec<C>>)]) {
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let bytes = zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content_xml(sheets).as_bytes()),
    ]);
    std::fs::write(path, bytes).unwrap();
}

const RELEASE: &str = "LA_Inspection_Outcomes_as_at_31_March_2024.ods";

/// A release shaped like the one "as at 31 March 2024": cover and notes sheets, renamed
/// table sheets with notes rows above the headings, columns in another order, footnote marks,
/// and words where dates and grades should be.
fn release(dir: &Path) -> PathBuf {
    let ri = "Requires improvement to be good";
    let cover = vec![vec![C::S("Local authority inspection outcomes as at 31 March 2024")]];
    let notes = vec![vec![C::S("Note number"), C::S("Note text")], vec![C::S("[note 1]"), C::S("Dates are first days on site.")]];
    let history = vec![
        vec![C::S("Table 1: ILACS inspections from January 2018 to March 2024")],
        vec![C::S("This worksheet contains one table. Some cells refer to notes [note 1].")],
        vec![],
        vec![
            C::S("Local authority name"),
            C::S("Inspection type"),
            C::S("Overall effectiveness"),
            C::S("Inspection date [note 1]"),
            C::S("Publication date"),
            C::S("Local authority area code"),
            C::S("The impact of leaders on social work practice with children and families"),
            C::S("The experiences and progress of children who need help and protection"),
            C::S("The experiences and progress of children in care"),
            C::S("The experiences and progress of care leavers"),
        ],
        vec![
            C::S("Barking and Dagenham"),
            C::S("ILACS Standard Inspection"),
            C::S(ri),
            C::D("2019-02-18"),
            C::D("2019-04-01"),
            C::S("E09000002"),
            C::S(ri),
            C::S(ri),
            C::S(ri),
            C::S("n/a"),
        ],
        vec![
            C::S("Bath and North East Somerset"),
            C::S("ILACS Short Inspection"),
            C::S("Good\u{b9}"),
            C::S("12/03/2019 [note 3]"),
            C::S("26 April 2019"),
            C::S("E06000022"),
            C::S("Good [x]"),
            C::N(2.0),
            C::S("Good"),
            C::E,
        ],
        vec![
            C::S("Barnsley"),
            C::S("ILACS Standard Inspection"),
            C::S("Adequate"),
            C::S("sometime in spring"),
            C::N(43586.0),
            C::S("E08000016"),
            C::S("Good"),
            C::S("Good"),
            C::S("Good"),
        ],
        vec![C::E, C::S("ILACS Short Inspection"), C::S("Good"), C::D("2019-06-03")],
        vec![
            C::S("Cumberland"),
            C::S("Not yet inspected"),
            C::S("Not yet inspected"),
            C::S("-"),
            C::S("to be published"),
            C::S("E06000063"),
            C::S(".."),
            C::S("x"),
        ],
    ];
    let as_at = vec![
        vec![C::S("Table 2: Local authority inspection judgements as at 31 March 2024")],
        vec![C::S("This table contains notes [note 1]")],
        vec![
            C::S("Local authority area code"),
            C::S("Local authority name"),
            C::S("Inspection date"),
            C::S("Publication date"),
            C::S("Overall effectiveness"),
        ],
        vec![C::S("E09000002"), C::S("Barking and Dagenham"), C::D("2019-02-18"), C::D("2019-04-01"), C::S(ri)],
        vec![C::S("E06000063"), C::S("Cumberland"), C::S("Not yet inspected"), C::S("Not applicable"), C::S("Not yet inspected")],
    ];
    let path = dir.join(RELEASE);
    write_ods(&path, &[("Cover", cover), ("Notes", notes), ("Table_1_history", history), ("Table_2_as_at", as_at)]);
    path
}

fn json(o: &std::process::Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn a_release_with_odd_cells_imports_and_lists_its_row_doubts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let file = release(dir.path());
    let file = file.to_str().unwrap();

    let o = run(&db, &["import-official", file]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(&format!("{RELEASE}: 3 rows imported (0 with no matching LA), 3 row doubts")), "{out}");
    for line in [
        format!("    doubt: {RELEASE} / Table_1_history / row 7 / \"Inspection date\": \"sometime in spring\": not a date; left empty [date]"),
        format!("    doubt: {RELEASE} / Table_1_history / row 7 / \"Overall effectiveness\": \"Adequate\": not a grade; left empty [grade]"),
        format!(
            "    doubt: {RELEASE} / Table_1_history / row 8 / \"Local authority name\": \"\": no local authority name, but \
             \"Inspection type\" holds \"ILACS Short Inspection\"; row skipped [no_la]"
        ),
    ] {
        assert!(out.lines().any(|l| l == line), "missing {line:?} in:\n{out}");
    }

    // --json carries the same doubts, typed; re-importing replaces them (no duplicates).
    let v = json(&run(&db, &["import-official", "--json", file]));
    let doubts = v[0]["doubts"].as_array().unwrap();
    assert_eq!(doubts.len(), 3);
    assert_eq!(
        (&doubts[0]["sheet"], &doubts[0]["row"], &doubts[0]["column"], &doubts[0]["value"], &doubts[0]["kind"]),
        (&"Table_1_history".into(), &7.into(), &"Inspection date".into(), &"sometime in spring".into(), &"date".into())
    );
    assert_eq!(doubts[2]["kind"], "no_la");

    // reconcile lists them beside the disagreements, text and JSON.
    let o = run(&db, &["reconcile"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("3 official row doubts"), "{out}");
    assert!(
        out.contains(&format!("official row doubt: {RELEASE} / Table_1_history / row 7 / \"Overall effectiveness\": \"Adequate\"")),
        "{out}"
    );
    let v = json(&run(&db, &["reconcile", "--json"]));
    let listed: Vec<_> = v.as_array().unwrap().iter().filter(|d| d["kind"] == "official_doubt").collect();
    assert_eq!(listed.len(), 3, "{v}");
    assert_eq!((&listed[1]["doubt"], &listed[1]["file"], &listed[1]["reason"]), (&"grade".into(), &RELEASE.into(), &"not a grade; left empty".into()));

    // The rows themselves were read: Barnsley's with its publication date (an Excel serial
    // number), Bath's footnoted cells understood.
    let la = json(&run(&db, &["la", "Barnsley", "--json"]));
    let inspections = la["inspections"].as_array().unwrap();
    let barnsley = inspections.iter().find(|i| i["published"] == "2019-05-01");
    assert!(barnsley.is_some_and(|i| i["source"] == "official" && i["overall"].is_null()), "{la}");
    let la = json(&run(&db, &["la", "Bath and North East Somerset", "--json"]));
    let bath = la["inspections"].as_array().unwrap().iter().find(|i| i["published"] == "2019-04-26").cloned();
    assert!(bath.as_ref().is_some_and(|i| i["overall"] == "good" && i["inspection_start"] == "2019-03-12"), "{la}");
}

#[test]
fn a_workbook_that_is_no_release_is_refused_by_name_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let good = release(dir.path());
    assert!(run(&db, &["import-official", good.to_str().unwrap()]).status.success());
    let before = stdout(&run(&db, &["reconcile", "--json"]));
    let bytes_before = std::fs::read(&db).unwrap();

    let other = dir.path().join("budget.ods");
    write_ods(&other, &[("Sheet1", vec![vec![C::S("Item"), C::S("Cost")], vec![C::S("Paper"), C::N(12.5)]])]);
    let o = run(&db, &["import-official", other.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("budget.ods: no sheet with a column headed \"Local authority name\""), "{err}");
    assert!(err.contains("looked in: Sheet1"), "{err}");

    // Refused before the register is opened: neither its file nor what it lists changed.
    assert_eq!(std::fs::read(&db).unwrap(), bytes_before);
    assert_eq!(stdout(&run(&db, &["reconcile", "--json"])), before);

    // One refused file in a batch refuses the batch: the good release is not re-imported.
    let o = run(&db, &["import-official", good.to_str().unwrap(), other.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&run(&db, &["reconcile", "--json"])), before);
}
