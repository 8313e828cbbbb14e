//! What every export's workbook shares: the sheets' names and the Notes sheet (its rows, the
//! counting rule, each column's meaning). The LA summary and the whole register's workbook
//! both use it, so neither needs the other.

use lacs_authorities::NeighbourModel;
use lacs_domain::Date;
use rust_xlsxwriter::Worksheet;
use serde::Serialize;

use crate::table::{self, CellType::*, Column, Formats};
use crate::ExportError;

/// The LA summary sheet (the latest inspection of every LA as at a date).
pub const SHEET_LA_SUMMARY: &str = "LA summary";
/// Every stored document.
pub const SHEET_INSPECTIONS: &str = "Inspections";
/// Every event of the register.
pub const SHEET_EVENTS: &str = "Events";
/// The national and regional picture as at a date.
pub const SHEET_BY_REGION: &str = "As at by region";
/// The picture of each judgement as at a date.
pub const SHEET_BY_JUDGEMENT: &str = "As at by judgement";
/// What each sheet and column means.
pub const SHEET_NOTES: &str = "Notes";

/// One row of the Notes sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The sheet the note is about, or "About" for the workbook as a whole.
    pub sheet: String,
    /// The column, or the topic.
    pub item: String,
    pub meaning: String,
}

impl Note {
    pub(crate) fn about(item: &str, meaning: impl Into<String>) -> Note {
        Note {
            sheet: "About".into(),
            item: item.into(),
            meaning: meaning.into(),
        }
    }
}

/// The columns of the Notes sheet.
pub const NOTE_COLUMNS: &[Column] = &[
    Column::new(
        "sheet",
        Text,
        "The sheet a note is about (About: the workbook as a whole).",
    ),
    Column::new("item", Text, "The column or topic."),
    Column::new("meaning", Text, "What it means."),
];

/// "31 March 2024 (2024-03-31)".
pub(crate) fn as_at_text(as_at: Date) -> String {
    format!("{} ({as_at})", as_at.strftime("%-d %B %Y"))
}

/// How the national picture is counted (domain.md, "The national picture as at a date"),
/// naming the statistical neighbour model the export uses.
pub(crate) fn counting_notes(neighbour_model: NeighbourModel) -> Vec<Note> {
    let rule = |s: &str| Note::about("counting rule", s);
    vec![
        rule("1. The LAs are those that existed on the as-at date: 152 or 153 depending on the date (reorganisations on 1 April 2019, 2021 and 2023 change the set)."),
        rule("2. For each LA, take its latest graded inspection (SIF, SIF re-inspection, ILACS standard or ILACS short) whose report was published by the as-at date. Ofsted's own releases from 2024 also require the inspection to have begun by the as-at date and count reports published up to three months after it; this workbook counts reports published by the as-at date."),
        rule("3. A predecessor council's grade is never carried to its successor: a new LA is not inspected until its own first inspection."),
        rule("4. Percentages use the inspected LAs with a grade in the judgement as the denominator. Focused visits, monitoring visits and LSCB reviews are not counted."),
        rule("5. Each judgement is read from the LA's latest graded inspection only: when that inspection does not grade it (care leavers in ILACS inspections begun before 2023, adoption and LSCB in ILACS), the LA is inspected but not graded in it."),
        rule("6. Reformed ILACS inspections (from about April 2026) grade no overall effectiveness: for overall effectiveness such an LA keeps the grade of its latest earlier graded inspection that has one (overall_counted in the LA summary, overall_from_earlier in As at by region)."),
        rule(&format!("7. Statistical neighbours are DfE's {} model; neighbours that did not exist on the as-at date are listed but not counted.", neighbour_model)),
    ]
}

pub(crate) fn column_notes(sheet: &str, columns: &[Column]) -> Vec<Note> {
    columns
        .iter()
        .map(|c| Note {
            sheet: sheet.into(),
            item: c.name.into(),
            meaning: c.meaning.into(),
        })
        .collect()
}

/// Writes the Notes sheet: a table (sheet, item, meaning) with a bold frozen header and an
/// autofilter, the meaning column wide and wrapped.
pub(crate) fn write_notes(
    ws: &mut Worksheet,
    notes: &[Note],
    f: &Formats,
) -> Result<(), ExportError> {
    table::write_table(ws, SHEET_NOTES, NOTE_COLUMNS, notes, f)?;
    for (r, n) in notes.iter().enumerate() {
        ws.write_string_with_format(r as u32 + 1, 2, &n.meaning, &f.wrap)?;
    }
    ws.set_column_width(2, 100)?;
    Ok(())
}

