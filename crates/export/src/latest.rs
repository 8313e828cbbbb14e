//! The latest graded inspection of every LA as at a date, with its neighbours' picture.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use lacs_analysis::{Cutoff, Index, StatsQuery};
use lacs_authorities::NeighbourModel;
use lacs_domain::{AuthorityId, Date, Grade, InspectionEvent, Kind, OfstedRegion, OnsRegion};
use serde::{Deserialize, Serialize};

use crate::sheets;
use crate::table::{self, CellType::*, Column};
use crate::ExportError;

/// The statistical-neighbour model the LA summary uses.
pub const NEIGHBOUR_MODEL: NeighbourModel = NeighbourModel::Y2025;

/// How overall effectiveness moved from the previous graded event to the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Improved,
    Declined,
    Same,
    /// The LA's first graded event (a predecessor council's never counts).
    FirstInspection,
    /// The latest or the previous graded event grades no overall effectiveness on the scale
    /// (reformed ILACS, from about April 2026).
    NotComparable,
    /// No graded event published by the as-at date.
    NotInspected,
}

impl Direction {
    /// The stable word (as CSV and JSON write it).
    pub const fn as_str(self) -> &'static str {
        match self {
            Direction::Improved => "improved",
            Direction::Declined => "declined",
            Direction::Same => "same",
            Direction::FirstInspection => "first_inspection",
            Direction::NotComparable => "not_comparable",
            Direction::NotInspected => "not_inspected",
        }
    }

    /// From the previous graded event's overall grade to the latest's.
    pub fn between(previous: Option<Option<Grade>>, latest: Option<Grade>) -> Direction {
        let Some(previous) = previous else {
            return Direction::FirstInspection;
        };
        let on_scale = |g: Option<Grade>| g.filter(|g| g.rank().is_some());
        match (on_scale(previous), on_scale(latest)) {
            (Some(p), Some(l)) if l.better_than(p) => Direction::Improved,
            (Some(p), Some(l)) if p.better_than(l) => Direction::Declined,
            (Some(_), Some(_)) => Direction::Same,
            _ => Direction::NotComparable,
        }
    }
}

/// One LA as at a date: its latest graded inspection, the one before, and its statistical
/// neighbours. The fields, in order, are the CSV header and the JSON keys: see
/// [`LATEST_COLUMNS`] and the crate docs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatestRow {
    pub as_at: Date,
    pub urn: AuthorityId,
    pub la_code: u16,
    pub gss_code: Option<String>,
    pub la_name: String,
    pub ofsted_region: OfstedRegion,
    pub ons_region: OnsRegion,
    pub event_id: Option<i64>,
    pub kind: Option<Kind>,
    pub event_type: Option<String>,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    pub published: Option<Date>,
    pub source: Option<String>,
    pub overall: Option<Grade>,
    pub leaders: Option<Grade>,
    pub help_protection: Option<Grade>,
    pub in_care: Option<Grade>,
    pub care_leavers: Option<Grade>,
    pub adoption: Option<Grade>,
    pub lscb: Option<Grade>,
    pub overall_counted: Option<Grade>,
    pub previous_overall: Option<Grade>,
    pub previous_published: Option<Date>,
    pub direction: Direction,
    pub neighbours_outstanding: u32,
    pub neighbours_good: u32,
    pub neighbours_requires_improvement: u32,
    pub neighbours_inadequate: u32,
    pub neighbours_not_graded: u32,
    pub neighbours_not_inspected: u32,
    pub neighbours: String,
}

/// The columns of [`LatestRow`], in order, with what each means (the crate docs' table and
/// the workbook's Notes sheet are this list).
pub const LATEST_COLUMNS: &[Column] = &[
    Column::new("as_at", Date, "The as-at date: the LAs are those existing that day, and reports published by then count."),
    Column::new("urn", Number, "Ofsted provider URN, the key of the LA on Ofsted's reports site."),
    Column::new("la_code", Number, "DfE three-digit LA number."),
    Column::new("gss_code", Text, "ONS GSS code in force on the as-at date."),
    Column::new("la_name", Text, "LA name, as Ofsted's register spells it."),
    Column::new("ofsted_region", Text, "One of Ofsted's 8 regions."),
    Column::new("ons_region", Text, "One of the 9 ONS (and DfE) regions."),
    Column::new("event_id", Number, "Register id of the latest graded event (event_id in the Events sheet); blank when not inspected."),
    Column::new("kind", Kind, "Kind of the latest graded event: sif, sif_reinspection, ilacs_standard or ilacs_short (the workbook writes SIF inspection, SIF re-inspection, ILACS standard inspection, ILACS short inspection); blank when not inspected."),
    Column::new("event_type", Text, "The latest graded event's type as its source prints it."),
    Column::new("inspection_start", Date, "First day on site of the latest graded event (blank when its source gives none)."),
    Column::new("inspection_end", Date, "Last day on site of the latest graded event."),
    Column::new("published", Date, "Publication date of the latest graded event's report."),
    Column::new("source", Text, "Where the latest graded event is known from: report, official (Ofsted's official statistics) or report+official."),
    Column::new("overall", Grade, "Overall effectiveness in the latest graded event; blank when it grades none (reformed ILACS, from about April 2026)."),
    Column::new("leaders", Grade, "The impact of leaders (ILACS), or leadership, management and governance (SIF)."),
    Column::new("help_protection", Grade, "The experiences and progress of children who need help and protection."),
    Column::new("in_care", Grade, "Children in care (ILACS; with care leavers for inspections begun before 2023), or children looked after and achieving permanence (SIF)."),
    Column::new("care_leavers", Grade, "Care leavers: ILACS inspections begun from 1 January 2023, and the SIF sub-judgement."),
    Column::new("adoption", Grade, "Adoption performance (SIF only)."),
    Column::new("lscb", Grade, "Effectiveness of the Local Safeguarding Children Board (SIF only)."),
    Column::new("overall_counted", Grade, "Overall effectiveness as the national picture counts it: the latest graded event's or, when that grades none, the latest earlier graded event's that does."),
    Column::new("previous_overall", Grade, "Overall effectiveness in the LA's graded event before the latest (never a predecessor council's)."),
    Column::new("previous_published", Date, "Publication date of that previous graded event."),
    Column::new("direction", Words, "Overall effectiveness of the latest graded event against the previous: improved, declined, same, first_inspection (no earlier graded event of this LA), not_comparable (one of the two grades no overall effectiveness) or not_inspected."),
    Column::new("neighbours_outstanding", Number, "How many of the LA's statistical neighbours (DfE 2025 model) existing on the as-at date are outstanding (overall_counted)."),
    Column::new("neighbours_good", Number, "How many of those neighbours are good."),
    Column::new("neighbours_requires_improvement", Number, "How many of those neighbours require improvement to be good."),
    Column::new("neighbours_inadequate", Number, "How many of those neighbours are inadequate."),
    Column::new("neighbours_not_graded", Number, "How many of those neighbours are inspected but have no overall grade in any graded event."),
    Column::new("neighbours_not_inspected", Number, "How many of those neighbours have no graded event published by the as-at date."),
    Column::new("neighbours", Text, "The statistical neighbours (DfE 2025 model), closest first, each with its overall grade as counted, for example \"Barnsley: good; Rotherham: requires improvement\"; a neighbour that did not exist on the as-at date reads \"did not exist\" and is not counted; empty when the model has none for the LA."),
];

/// [`latest_at`] with reports published by `as_at` ([`Cutoff::new`]): one row per LA
/// existing on `as_at`, in the order of `lacs_authorities::all` (alphabetical).
pub fn latest(index: &Index<'_>, as_at: Date) -> Vec<LatestRow> {
    latest_at(index, &Cutoff::new(as_at))
}

/// One row per LA existing on `cutoff.as_at`: its latest graded event under the cut-off (the
/// analysis's rule), the one before, the direction of travel and its statistical
/// neighbours' overall grades as counted under the same cut-off.
pub fn latest_at(index: &Index<'_>, cutoff: &Cutoff) -> Vec<LatestRow> {
    let as_at = cutoff.as_at;
    // Overall effectiveness as counted, for every LA existing that day.
    let stats = index.stats(&StatsQuery::new(*cutoff).list(true));
    let counted: HashMap<AuthorityId, (bool, Option<Grade>)> = stats
        .list
        .unwrap_or_default()
        .into_iter()
        .map(|e| (e.urn, (e.event_id.is_some(), e.grade)))
        .collect();

    lacs_authorities::exist_on(as_at)
        .map(|a| {
            let mut admitted = index.graded_of(a.urn).rev().filter(|e| cutoff.admits(e));
            let latest: Option<&InspectionEvent> = admitted.next();
            let previous: Option<&InspectionEvent> = admitted.next();
            let direction = match latest {
                None => Direction::NotInspected,
                Some(l) => Direction::between(previous.map(|p| p.grades.overall), l.grades.overall),
            };
            let g = latest.map(|e| e.grades).unwrap_or_default();
            let mut row = LatestRow {
                as_at,
                urn: a.urn,
                la_code: a.la_code,
                gss_code: a.gss_code_on(as_at).map(str::to_string),
                la_name: a.name.clone(),
                ofsted_region: a.ofsted_region,
                ons_region: a.ons_region,
                event_id: latest.map(|e| e.id),
                kind: latest.and_then(|e| e.kind),
                event_type: latest.map(|e| e.event_type.clone()),
                inspection_start: latest.and_then(|e| e.inspection_start),
                inspection_end: latest.and_then(|e| e.inspection_end),
                published: latest.and_then(|e| e.published),
                source: latest.map(|e| e.source_label().to_string()),
                overall: g.overall,
                leaders: g.leaders,
                help_protection: g.help_protection,
                in_care: g.in_care,
                care_leavers: g.care_leavers,
                adoption: g.adoption,
                lscb: g.lscb,
                overall_counted: counted.get(&a.urn).and_then(|c| c.1),
                previous_overall: previous.and_then(|e| e.grades.overall),
                previous_published: previous.and_then(|e| e.published),
                direction,
                neighbours_outstanding: 0,
                neighbours_good: 0,
                neighbours_requires_improvement: 0,
                neighbours_inadequate: 0,
                neighbours_not_graded: 0,
                neighbours_not_inspected: 0,
                neighbours: String::new(),
            };
            let mut text = Vec::new();
            for n in lacs_authorities::statistical_neighbours(a.urn, NEIGHBOUR_MODEL) {
                let Some(na) = lacs_authorities::by_urn(n.urn) else {
                    continue;
                };
                let word = match counted.get(&n.urn) {
                    // Not in the picture: the neighbour did not exist that day.
                    None => "did not exist".to_string(),
                    Some((false, _)) => {
                        row.neighbours_not_inspected += 1;
                        "not inspected".to_string()
                    }
                    Some((true, grade)) => {
                        let slot = match grade {
                            Some(Grade::Outstanding) => &mut row.neighbours_outstanding,
                            Some(Grade::Good) => &mut row.neighbours_good,
                            Some(Grade::RequiresImprovement) => {
                                &mut row.neighbours_requires_improvement
                            }
                            Some(Grade::Inadequate) => &mut row.neighbours_inadequate,
                            Some(Grade::NotJudged) | None => &mut row.neighbours_not_graded,
                        };
                        *slot += 1;
                        match grade.filter(|g| g.rank().is_some()) {
                            Some(g) => g.label().to_lowercase(),
                            None => "not graded".to_string(),
                        }
                    }
                };
                text.push(format!("{}: {word}", na.name));
            }
            row.neighbours = text.join("; ");
            row
        })
        .collect()
}

/// Writes the rows as CSV with a header row (the field names of [`LatestRow`]); grades,
/// kinds and directions as their stable words, dates as `yyyy-mm-dd`, absent values empty.
pub fn write_latest_csv(rows: &[LatestRow], out: impl Write) -> Result<(), ExportError> {
    let mut w = csv::Writer::from_writer(out);
    if rows.is_empty() {
        w.write_record(LATEST_COLUMNS.iter().map(|c| c.name))?;
    }
    for r in rows {
        w.serialize(r)?;
    }
    w.flush().map_err(|e| ExportError::Io {
        path: None,
        source: e,
    })?;
    Ok(())
}

/// Writes the rows as a pretty-printed JSON list of objects whose keys are the CSV header,
/// in the same order; absent values are `null`.
pub fn write_latest_json(rows: &[LatestRow], mut out: impl Write) -> Result<(), ExportError> {
    serde_json::to_writer_pretty(&mut out, rows)?;
    out.write_all(b"\n").map_err(|e| ExportError::Io {
        path: None,
        source: e,
    })?;
    Ok(())
}

/// Writes the rows as an XLSX workbook: an "LA summary" sheet (typed cells, grades as words,
/// bold frozen header, autofilter) and a "Notes" sheet saying what each column means.
/// The file is written next to `path` under a temporary name and renamed into place, so a
/// failure never leaves half a workbook at `path`.
pub fn write_latest_xlsx(rows: &[LatestRow], path: &Path) -> Result<(), ExportError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let f = table::Formats::new();
    table::write_table(
        wb.add_worksheet(),
        sheets::SHEET_LA_SUMMARY,
        LATEST_COLUMNS,
        rows,
        &f,
    )?;
    let mut notes = Vec::new();
    if let Some(as_at) = rows.first().map(|r| r.as_at) {
        notes.push(sheets::Note::about("as at", sheets::as_at_text(as_at)));
    }
    notes.extend(sheets::counting_notes(NEIGHBOUR_MODEL));
    notes.extend(sheets::column_notes(sheets::SHEET_LA_SUMMARY, LATEST_COLUMNS));
    sheets::write_notes(wb.add_worksheet(), &notes, &f)?;
    table::save_atomically(&mut wb, path)
}
