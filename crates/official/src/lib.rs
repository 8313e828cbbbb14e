//! Reads Ofsted's official statistics underlying data on inspections of local authority (LA)
//! children's services into typed records.
//!
//! ```no_run
//! let data = lacs_official::read(std::path::Path::new(
//!     "../shared/official/LA_Inspection_Outcomes_as_at_31_March_2025.ods",
//! ))?;
//! for e in data.events.iter().filter(|e| e.is_graded()) {
//!     println!("{} {:?} {:?} {:?}", e.la_name, e.kind, e.published, e.grades.overall);
//! }
//! # Ok::<(), lacs_official::OfficialError>(())
//! ```
//!
//! [`read`] opens an ODS, XLSX, XLS or XLSB workbook and finds its tables **by their headings,
//! never by position**: in each sheet it looks in the first 20 rows for a heading row (a row
//! with a "Local authority name" column and a judgement column such as "Overall
//! effectiveness"); a sheet may hold further tables below, each starting at its own heading
//! row. Headings are compared case-, whitespace-, apostrophe- and `&`/"and"-insensitively, a
//! leading "The" ignored, against a small table of accepted spellings per field (see
//! `src/headings.rs`). Sheets without such a heading row (cover, notes, provider-level data,
//! time series) are skipped. A heading that looks like inspection data (it mentions a date, a
//! judgement, SIF, ILACS, …) but that no field accepts stops the read with an error, so that a
//! renamed column is never silently dropped.
//!
//! # The three table layouts
//! - **Events** (a row per inspection or visit; it has an inspection type column): read into
//!   [`OfficialEvent`]s. Needs "Local authority name", "Inspection type" and "Inspection date".
//! - **Wide history** (a row per LA, a group of columns per inspection: "First SIF …",
//!   "SIF Re-inspection …", "First ILACS framework …", "Second ILACS framework …", and the
//!   pre-2014 frameworks): each non-empty group becomes an [`OfficialEvent`].
//! - **As at** (a row per LA with its latest inspection, no type column, and a title or sheet
//!   name saying "as at 31 March 2025"/"at 31 March 2023"): read into an [`AsAtTable`].
//!
//! The same inspection listed in two sheets of one workbook (a history sheet and an in-year
//! sheet) is one [`OfficialEvent`]: the later listing fills the fields the first lacks
//! (typically the inspection date) and is recorded in [`OfficialEvent::also_in`]. Listings
//! are the same inspection when they name the same LA, the same graded kind, the same grades,
//! and dates that agree (equal where both give the same date; otherwise published 0–183 days
//! after the inspection began). Repeated rows within one sheet are kept as they are.
//!
//! # The files (Open Government Licence)
//! ## *Children's social care in England 2023*, underlying data (`Childrens_social_care_in_England_2023_underlying_data.ods`)
//! Published 6 July 2023. Sheets read:
//! - `LA_inspections_2009-2023` — wide history, two tables: 152 LAs existing on 31 March
//!   2023 (heading row 5), then (row 161, titled "Table 11: History of inspections of local
//!   authorities that existed before the restructure") Bournemouth, Dorset (county), Poole and
//!   Northamptonshire. Only **publication dates**, no inspection dates. Column groups:
//!   SLAC 2009–12 (safeguarding OE and looked-after-children OE, kept in
//!   [`OfficialEvent::other_grades`]), SLAC re-inspections of safeguarding and of looked after
//!   children, child protection inspections (CPI) and re-inspection (CPRI) 2012–13, targeted
//!   looked-after-children inspections (TLAC, 2013: [`Kind::Lac2013`]), first SIF (with the
//!   "LSCB Overall Effectiveness" column), SIF re-inspection, first and second ILACS (with
//!   their type: "ILACS Standard Inspection"/"ILACS Short Inspection"). LAs are identified by
//!   name and a web link (mostly `reports.ofsted.gov.uk/local-authorities/<slug>`, without
//!   a number; some `…/provider/44/<URN or LA number>`).
//! - `LA_level_in_year_2022-23` — events of 2022-23: ILACS standard and short inspections,
//!   focused visits and "LA Monitoring visit"s (with a visit theme). Inspection/visit date,
//!   **no publication date**. The graded rows are the ILACS inspections already in the wide
//!   history and merge into them, giving them an inspection date.
//! - `LA_level_at_31_Mar_2023` — as-at table, 152 LAs, inspection date and grades of the
//!   latest ILACS inspection (no publication date).
//!
//! The provider-level sheets, time series, cover and notes are not about LAs and are skipped.
//!
//! Events read (629): SLAC 152 (published Aug 2009 – Aug 2012), SLAC re-inspections 9
//! (safeguarding) and 2 (looked after children), CPI 50 (Jul 2012 – Aug 2013), CPRI 1, TLAC 5
//! (Aug 2013), SIF 152 (Feb 2014 – Dec 2017), SIF re-inspection 21 (Feb 2016 – Aug 2018),
//! ILACS standard 127 and short 50 (Mar 2018 – May 2023; South Tyneside's, published 10 May
//! 2023, is included by the file's note 4), focused visits 36 and monitoring visits 24
//! (2022-23, no publication date). 281 events carry a URN or LA number (from the web link);
//! the others are known by name only, and "Dorset" names both the county council (abolished
//! 2019, URN 80463, restructure table) and Dorset Council (LA number 838).
//!
//! ## *Local authority inspection outcomes as at 31 March 2025* (`LA_Inspection_Outcomes_as_at_31_March_2025.ods`)
//! Published 25 September 2025. Sheets read:
//! - `ILACS_inspection_history` — every ILACS standard and short inspection, January 2018 to
//!   March 2025 (271 rows), with GSS code ("Local authority area code"), LA status ("Current",
//!   "No longer exists"), inspection date, publication date, type and grades.
//! - `In-year_inspections` — 2024-25 events: standard and short inspections (merged into the
//!   history rows), focused visits and monitoring visits, with both dates.
//! - `Inspections_as_at_31_March` — as-at table, 153 LAs, inspection and publication dates.
//!
//! Events read (331): ILACS standard 171 and short 100 (on site from 29 January 2018 to
//! 24 March 2025, published 12 March 2018 – 14 May 2025; Bournemouth, Cumbria and
//! Northamptonshire "No longer exists"), focused visits 36 and monitoring visits 24
//! (2024-25). Every event has a GSS code, an LA number and both dates.
//!
//! In both files the web link column holds a `HYPERLINK(…)` formula whose target ends in the
//! LA's key on the reports site: three digits are a DfE LA number, longer numbers an Ofsted
//! URN (the 2023 file mixes both; the 2025 file uses LA numbers).
//!
//! # Odd cells: row doubts, never a refused release
//! Only a workbook with no LA table at all, or a table whose headings this reader cannot
//! place, is refused ([`OfficialError`]). A cell is read by what it says:
//! - footnote marks are dropped ("12/03/2019 [note 3]", "Good¹", "Good [x]", "Good*");
//! - words that stand for "no value" ("Not yet inspected", "n/a", "..", "x", "to be
//!   published", …; one table, `cells::NO_VALUE_WORDS`) read as empty;
//! - dates as spreadsheet dates, Excel serial numbers, or text ("31 March 2019",
//!   "31/03/2019", "2019-03-31").
//!
//! Anything else in a date, grade, identifier or region cell is a [`RowDoubt`] naming the
//! file, sheet, row, column and value: the field is left empty and the rest of the row read.
//! A row with data but no LA name is skipped with a doubt.
//!
//! # Quirks
//! - Grades are written "Requires improvement to be good" throughout, also for pre-2013
//!   frameworks that graded "adequate"; " -" means not judged (see `cells::grade`).
//! - Sub-judgement columns: "children in care" holds the pre-2023 combined "children in care
//!   and care leavers" judgement; "care leavers" is empty before 2023.
//! - The 2023 file's LSCB column sits with the first SIF; for Surrey it holds the stand-alone
//!   LSCB review of August 2015, not a judgement of the June 2015 SIF report.
//! - Names differ between releases ("Bedford Borough"/"Bedford", "Telford and
//!   Wrekin"/"Telford & Wrekin", "Kingston Upon Hull"/"Kingston upon Hull").
//! - Slough's 2016 SIF re-inspection report carries an LSCB judgement the 2023 file does not
//!   record (re-inspections have no LSCB column).
//! - Apart from these, every graded report in `../shared/corpus` agrees with the files on kind,
//!   grades and publication date (tested).
//! - The 2025 file corrects the 2023 file: Merton's 2022 inspection is short (2023: standard),
//!   Nottingham's 2022 inspection was published 5 September 2022 (2023: 5 November 2022).

mod cells;
mod error;
mod headings;
mod merge;
mod read;

use std::path::Path;

use lacs_domain::{Date, Framework, Grade, JudgementSet, Kind, OfstedRegion};

/// Row doubts are rows of the domain (the store keeps them without knowing this crate).
pub use lacs_domain::{RowDoubt, RowDoubtKind};
pub use error::OfficialError;

/// Everything read from one workbook.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OfficialData {
    /// The workbook's file name.
    pub source: String,
    /// Inspections and visits, in sheet order and row order within a sheet.
    pub events: Vec<OfficialEvent>,
    /// Tables of each LA's latest inspection on a date.
    pub as_at_tables: Vec<AsAtTable>,
    /// Every table read, with the columns used and ignored.
    pub tables: Vec<TableSummary>,
    /// Cells that could not be read, in sheet and row order: each row was read without
    /// them, or skipped when it names no LA (see [`RowDoubtKind`]).
    pub doubts: Vec<RowDoubt>,
}

impl OfficialData {
    /// The graded events (SIF, SIF re-inspection, ILACS standard and short).
    pub fn graded_events(&self) -> impl Iterator<Item = &OfficialEvent> {
        self.events.iter().filter(|e| e.is_graded())
    }
}

/// One inspection or visit of an LA, as the file gives it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OfficialEvent {
    /// Ofsted provider URN, when the row's web link ends in one.
    pub urn: Option<u32>,
    /// DfE LA number, from a column or the row's web link.
    pub la_code: Option<u16>,
    /// ONS GSS code, from a column ("Local authority area code").
    pub gss_code: Option<String>,
    /// The LA's name as printed.
    pub la_name: String,
    pub ofsted_region: Option<OfstedRegion>,
    /// "Current" or "No longer exists", where the file says.
    pub la_status: Option<String>,
    /// The web link's target, as printed.
    pub link: Option<String>,
    /// SIF or ILACS (also for focused and monitoring visits), [`Framework::Lac2013`] for the
    /// 2013 targeted looked-after-children inspections; `None` for the 2009–13 frameworks the
    /// domain does not model (SLAC, child protection inspections).
    pub framework: Option<Framework>,
    /// The graded kind where the file says it (type column, or the SIF column group);
    /// [`Kind::Lac2013`] for TLAC; `None` for visits and anything else.
    pub kind: Option<Kind>,
    /// The type as printed ("ILACS Focused Visit", "LA Monitoring visit"), or for a wide
    /// history group without a type column, the group's heading ("Child Protection Inspections
    /// (CPI)", "Single Inspection of LA Children's Services (SIF) First SIF").
    pub event_type: String,
    /// Focused and monitoring visits' theme ("Front door").
    pub visit_theme: Option<String>,
    /// First day on site ("Inspection date").
    pub inspection_start: Option<Date>,
    /// Last day on site (no current file gives it).
    pub inspection_end: Option<Date>,
    pub published: Option<Date>,
    pub grades: JudgementSet,
    /// Grades with no place in [`JudgementSet`], labelled (the SLAC inspections' two overall
    /// judgements).
    pub other_grades: Vec<OtherGrade>,
    /// The sheet and 1-based row the event was read from.
    pub sheet: String,
    pub row: u32,
    /// Other sheets and rows of the same workbook listing the same inspection.
    pub also_in: Vec<SourceRow>,
}

impl OfficialEvent {
    /// True for SIF, SIF re-inspection, ILACS standard and short inspections.
    pub fn is_graded(&self) -> bool {
        self.kind.is_some_and(Kind::is_graded_event)
    }
}

/// A grade the domain's [`JudgementSet`] has no slot for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OtherGrade {
    pub label: String,
    pub grade: Grade,
}

/// A sheet and 1-based row number.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceRow {
    pub sheet: String,
    pub row: u32,
}

/// Each LA's latest inspection as at a date.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AsAtTable {
    pub sheet: String,
    /// The title printed above the table.
    pub title: Option<String>,
    /// The date in the title or sheet name ("as at 31 March 2025").
    pub as_at: Option<Date>,
    pub rows: Vec<AsAtRow>,
}

/// One LA in an [`AsAtTable`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AsAtRow {
    pub urn: Option<u32>,
    pub la_code: Option<u16>,
    pub gss_code: Option<String>,
    pub la_name: String,
    pub ofsted_region: Option<OfstedRegion>,
    pub link: Option<String>,
    pub inspection_start: Option<Date>,
    pub published: Option<Date>,
    pub grades: JudgementSet,
    pub row: u32,
}

/// How a table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// A row per inspection or visit.
    Events,
    /// A row per LA, a column group per inspection.
    WideHistory,
    /// A row per LA: its latest inspection as at a date.
    AsAt,
}

/// A table that was read.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TableSummary {
    pub sheet: String,
    pub layout: Layout,
    pub title: Option<String>,
    /// 1-based row of the headings.
    pub heading_row: u32,
    /// Data rows read (events or as-at rows, before merging).
    pub records: usize,
    /// Headings used, as printed.
    pub columns_used: Vec<String>,
    /// Headings ignored, as printed (web-link text, authority type, …).
    pub columns_ignored: Vec<String>,
}

/// Reads one workbook of Ofsted's official statistics on LA children's services inspections.
pub fn read(path: &Path) -> Result<OfficialData, OfficialError> {
    read::read(path)
}
