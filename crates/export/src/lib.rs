//! Exports people open in Excel: the latest inspection of every local authority as at a
//! date (CSV, JSON, XLSX), and a workbook of the whole register with notes.
//!
//! **Architecture Invariant:** this crate reads no database and asks no clock for the date:
//! callers pass the events (and the date) in. It knows the LAs from `lacs-authorities` and
//! counts with `lacs-analysis`, so its figures are the analysis's figures.
//!
//! # The latest inspection of every LA: [`latest`]
//! [`latest`]`(&index, as_at)` gives one [`LatestRow`] per LA existing on `as_at`
//! (`lacs_authorities::exist_on`), alphabetical by name: its latest graded event by Ofsted's
//! rule (`Index::latest` under `Cutoff::new(as_at)`: reports published by `as_at`), the one
//! before, the direction of travel, and where its DfE statistical neighbours (2025 model)
//! stand. [`latest_at`] takes any [`Cutoff`](lacs_analysis::Cutoff) (Ofsted's release
//! convention, say). Write the rows with [`write_latest_csv`], [`write_latest_json`] or
//! [`write_latest_xlsx`].
//!
//! The columns below are, in order, the CSV header, the JSON keys (a list of objects) and
//! the XLSX header ([`LATEST_COLUMNS`]). CSV and JSON write grades, kinds and directions as
//! the register's stable words (`requires_improvement`, `ilacs_short`, `first_inspection`),
//! dates as `yyyy-mm-dd`, and an absent value as an empty field (CSV) or `null` (JSON). The
//! XLSX writes grades and kinds as people read them ("Requires improvement", "ILACS short inspection"),
//! dates as Excel dates and counts as numbers.
//!
//! | column | meaning |
//! |---|---|
//! | `as_at` | The as-at date: the LAs are those existing that day, and reports published by then count. |
//! | `urn` | Ofsted provider URN, the key of the LA on Ofsted's reports site. |
//! | `la_code` | DfE three-digit LA number. |
//! | `gss_code` | ONS GSS code in force on the as-at date. |
//! | `la_name` | LA name, as Ofsted's register spells it. |
//! | `ofsted_region` | One of Ofsted's 8 regions. |
//! | `ons_region` | One of the 9 ONS (and DfE) regions. |
//! | `event_id` | Register id of the latest graded event (event_id in the Events sheet); blank when not inspected. |
//! | `kind` | Kind of the latest graded event: sif, sif_reinspection, ilacs_standard or ilacs_short (the workbook writes SIF inspection, SIF re-inspection, ILACS standard inspection, ILACS short inspection); blank when not inspected. |
//! | `event_type` | The latest graded event's type as its source prints it. |
//! | `inspection_start` | First day on site of the latest graded event (blank when its source gives none). |
//! | `inspection_end` | Last day on site of the latest graded event. |
//! | `published` | Publication date of the latest graded event's report. |
//! | `source` | Where the latest graded event is known from: report, official (Ofsted's official statistics) or report+official. |
//! | `overall` | Overall effectiveness in the latest graded event; blank when it grades none (reformed ILACS, from about April 2026). |
//! | `leaders` | The impact of leaders (ILACS), or leadership, management and governance (SIF). |
//! | `help_protection` | The experiences and progress of children who need help and protection. |
//! | `in_care` | Children in care (ILACS; with care leavers for inspections begun before 2023), or children looked after and achieving permanence (SIF). |
//! | `care_leavers` | Care leavers: ILACS inspections begun from 1 January 2023, and the SIF sub-judgement. |
//! | `adoption` | Adoption performance (SIF only). |
//! | `lscb` | Effectiveness of the Local Safeguarding Children Board (SIF only). |
//! | `overall_counted` | Overall effectiveness as the national picture counts it: the latest graded event's or, when that grades none, the latest earlier graded event's that does. |
//! | `previous_overall` | Overall effectiveness in the LA's graded event before the latest (never a predecessor council's). |
//! | `previous_published` | Publication date of that previous graded event. |
//! | `direction` | Overall effectiveness of the latest graded event against the previous: improved, declined, same, first_inspection (no earlier graded event of this LA), not_comparable (one of the two grades no overall effectiveness) or not_inspected. |
//! | `neighbours_outstanding` | How many of the LA's statistical neighbours (DfE 2025 model) existing on the as-at date are outstanding (overall_counted). |
//! | `neighbours_good` | How many of those neighbours are good. |
//! | `neighbours_requires_improvement` | How many of those neighbours require improvement to be good. |
//! | `neighbours_inadequate` | How many of those neighbours are inadequate. |
//! | `neighbours_not_graded` | How many of those neighbours are inspected but have no overall grade in any graded event. |
//! | `neighbours_not_inspected` | How many of those neighbours have no graded event published by the as-at date. |
//! | `neighbours` | The statistical neighbours (DfE 2025 model), closest first, each with its overall grade as counted, for example "Barnsley: good; Rotherham: requires improvement"; a neighbour that did not exist on the as-at date reads "did not exist" and is not counted; empty when the model has none for the LA. |
//!
//! ```
//! use jiff::civil::date;
//! use lacs_analysis::Index;
//! use lacs_domain::{EventSources, Grade, InspectionEvent, JudgementSet, Kind};
//!
//! let events = [InspectionEvent {
//!     id: 1,
//!     urn: 80426, // Barnsley
//!     kind: Some(Kind::IlacsStandard),
//!     event_type: Kind::IlacsStandard.label().into(),
//!     inspection_start: Some(date(2023, 1, 9)),
//!     inspection_end: Some(date(2023, 1, 20)),
//!     published: Some(date(2023, 3, 1)),
//!     grades: JudgementSet { overall: Some(Grade::Good), ..Default::default() },
//!     sources: EventSources::default(),
//!     visit: None,
//! }];
//! let rows = lacs_export::latest(&Index::new(&events), date(2024, 3, 31));
//! assert_eq!(rows.len(), 153);
//! let barnsley = rows.iter().find(|r| r.urn == 80426).unwrap();
//! assert_eq!(barnsley.overall, Some(Grade::Good));
//! assert_eq!(barnsley.direction, lacs_export::Direction::FirstInspection);
//!
//! let mut csv = Vec::new();
//! lacs_export::write_latest_csv(&rows, &mut csv).unwrap();
//! assert!(String::from_utf8(csv).unwrap().starts_with("as_at,urn,la_code,gss_code,la_name,"));
//! ```
//!
//! # The register's workbook: [`write_workbook`]
//! [`write_workbook`]`(path, &`[`WorkbookInput`]`)` writes one XLSX with these sheets
//! ([`SHEETS`]); every data sheet has a bold, frozen header row of the column names, an
//! autofilter over its table and column widths from its content (capped); dates are Excel
//! dates (`yyyy-mm-dd`), counts numbers, percentages numbers formatted `0.0%`, grades words.
//! - **LA summary**: the [`latest`] rows as at `as_at` ([`LATEST_COLUMNS`]).
//! - **Inspections**: one row per stored document, as the caller passes them
//!   ([`InspectionSheetRow`], [`INSPECTION_COLUMNS`]: the columns of `lacs export
//!   inspections`).
//! - **Events**: every event, graded or not, from reports and from Ofsted's official
//!   statistics alone ([`EventRow`], [`EVENT_COLUMNS`]), by LA then date.
//! - **As at by region**: overall effectiveness as at `as_at` for Ofsted's 8 regions, the 9
//!   ONS regions and England: counts, and percentages of the graded LAs ([`RegionRow`],
//!   [`REGION_COLUMNS`]).
//! - **As at by judgement**: England as at `as_at` in every judgement ([`JudgementRow`],
//!   [`JUDGEMENT_COLUMNS`]).
//! - **Notes**: the as-at date, when the register was last updated, the counting rule, the
//!   sources and what every column of every sheet means ([`notes`], [`NOTE_COLUMNS`]).
//!
//! **Atomic writes.** [`write_workbook`] and [`write_latest_xlsx`] build the workbook in
//! memory, write it to a temporary file in the target's directory and rename it onto the
//! target only when complete: a failure never leaves half a workbook (the old file, if any,
//! survives, and the temporary file is removed). [`workbook_bytes`] gives the bytes instead.
//! The CSV and JSON writers write to any `Write`: making that atomic is the caller's choice.

mod latest;
mod sheets;
mod table;
mod workbook;

use std::path::PathBuf;

pub use latest::{
    latest, latest_at, write_latest_csv, write_latest_json, write_latest_xlsx, Direction,
    LatestRow, LATEST_COLUMNS, NEIGHBOUR_MODEL,
};
pub use table::{CellType, Column};
pub use sheets::{
    Note, NOTE_COLUMNS, SHEET_BY_JUDGEMENT, SHEET_BY_REGION, SHEET_EVENTS, SHEET_INSPECTIONS,
    SHEET_LA_SUMMARY, SHEET_NOTES,
};
pub use workbook::{
    event_rows, judgement_rows, notes, region_rows, workbook_bytes, write_workbook, EventRow,
    InspectionSheetRow, JudgementRow, RegionRow, WorkbookInput, EVENT_COLUMNS,
    INSPECTION_COLUMNS, JUDGEMENT_COLUMNS, REGION_COLUMNS, SHEETS,
};

/// An export that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("building the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("sheet {0:?} has more rows than Excel allows")]
    TooManyRows(String),
    #[error("writing {}: {source}", path.as_ref().map_or("the output".to_string(), |p| p.display().to_string()))]
    Io {
        path: Option<PathBuf>,
        source: std::io::Error,
    },
}

#[cfg(test)]
mod tests {
    /// The crate docs' table of columns is [`LATEST_COLUMNS`], name for name and meaning for
    /// meaning.
    #[test]
    fn doc_table_is_the_column_list() {
        let doc: Vec<(String, String)> = include_str!("lib.rs")
            .lines()
            .filter_map(|l| l.strip_prefix("//! | `"))
            .map(|l| {
                let (name, rest) = l.split_once("` | ").expect("a table row");
                (name.to_string(), rest.trim_end_matches(" |").to_string())
            })
            .collect();
        let cols: Vec<(String, String)> = super::LATEST_COLUMNS
            .iter()
            .map(|c| (c.name.to_string(), c.meaning.to_string()))
            .collect();
        assert_eq!(doc, cols);
    }
}
