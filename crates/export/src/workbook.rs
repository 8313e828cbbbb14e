//! The register as one workbook: the LA summary, every stored document, every event, the
//! national and regional picture as at a date, and notes.

use std::path::Path;

use lacs_analysis::{Counts, GradeCounts, Grouping, Index, StatsQuery};
use lacs_domain::{AuthorityId, Date, Grade, InspectionEvent, Judgement, Kind};
use rust_xlsxwriter::{DocProperties, Workbook};
use serde::{Deserialize, Serialize};

use crate::latest::{latest, LATEST_COLUMNS, NEIGHBOUR_MODEL};
use crate::sheets::{
    as_at_text, column_notes, counting_notes, write_notes, Note, SHEET_BY_JUDGEMENT, SHEET_BY_REGION, SHEET_EVENTS,
    SHEET_INSPECTIONS, SHEET_LA_SUMMARY, SHEET_NOTES,
};
use crate::table::{self, CellType::*, Column, Formats};
use crate::ExportError;


/// The workbook's sheets, in order.
pub const SHEETS: [&str; 6] = [
    SHEET_LA_SUMMARY,
    SHEET_INSPECTIONS,
    SHEET_EVENTS,
    SHEET_BY_REGION,
    SHEET_BY_JUDGEMENT,
    SHEET_NOTES,
];

/// What [`write_workbook`] writes.
#[derive(Debug, Clone)]
pub struct WorkbookInput<'a> {
    /// Every event of the register (reports and official-only events, graded or not).
    pub events: &'a [InspectionEvent],
    /// The day the LA summary and the "As at" sheets describe (reports published by then).
    pub as_at: Date,
    /// When the register was last updated, as the caller words it ("2026-11-20 14:02 UTC");
    /// `None`: the Notes sheet says "not recorded".
    pub register_updated: Option<String>,
    /// One row per stored document, in the order the sheet should show them.
    pub inspections: Vec<InspectionSheetRow>,
}

/// One stored document: the fields of the register's inspection record (`lacs export
/// inspections`), with the same names in the same order, dates and grades typed.
///
/// The record's JSON deserializes into this (dates `yyyy-mm-dd`, grades as stable words), so
/// a caller holding records can convert with
/// `serde_json::from_value(serde_json::to_value(&record)?)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionSheetRow {
    pub source_file: String,
    pub sha256: String,
    /// The stored kind's stable word (`sif`, `ilacs_short`, `not_a_report`...).
    pub kind: String,
    pub urn: Option<AuthorityId>,
    pub la_code: Option<u16>,
    pub gss_code: Option<String>,
    pub la_name: Option<String>,
    pub ofsted_region: Option<String>,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    pub published: Option<Date>,
    /// `report` or `file_name`.
    pub published_source: Option<String>,
    pub lead_inspector: Option<String>,
    pub overall: Option<Grade>,
    pub leaders: Option<Grade>,
    pub help_protection: Option<Grade>,
    pub in_care: Option<Grade>,
    pub care_leavers: Option<Grade>,
    pub adoption: Option<Grade>,
    pub lscb: Option<Grade>,
    /// `ok` or `needs_review`.
    pub status: String,
    pub review_reason: Option<String>,
}

const GRADE_MEANING: &str =
    "Grade as read from the report (see the LA summary's column of the same name).";

/// The columns of the Inspections sheet.
pub const INSPECTION_COLUMNS: &[Column] = &[
    Column::new("source_file", Text, "The file the document was read from, relative to the corpus folder."),
    Column::new("sha256", Text, "SHA-256 of the file: the document's identity in the register."),
    Column::new("kind", Kind, "What the document is: SIF inspection, SIF re-inspection, ILACS standard inspection, ILACS short inspection, 2013 LAC inspection (older framework, history only), LSCB review, Not a report (refused) or Report awaiting review (of no known kind, kept for review)."),
    Column::new("urn", Number, "Ofsted provider URN of the LA the report is about."),
    Column::new("la_code", Number, "DfE three-digit LA number."),
    Column::new("gss_code", Text, "The LA's current ONS GSS code."),
    Column::new("la_name", Text, "LA name, as Ofsted's register spells it."),
    Column::new("ofsted_region", Text, "One of Ofsted's 8 regions."),
    Column::new("inspection_start", Date, "First day on site, as printed."),
    Column::new("inspection_end", Date, "Last day on site, as printed."),
    Column::new("published", Date, "Publication date: printed in the report (SIF) or taken from the file's name (ILACS)."),
    Column::new("published_source", Words, "Where the publication date came from: report or file name."),
    Column::new("lead_inspector", Text, "Lead inspector(s), as printed (ILACS); several are separated by \"; \"."),
    Column::new("overall", Grade, GRADE_MEANING),
    Column::new("leaders", Grade, GRADE_MEANING),
    Column::new("help_protection", Grade, GRADE_MEANING),
    Column::new("in_care", Grade, GRADE_MEANING),
    Column::new("care_leavers", Grade, GRADE_MEANING),
    Column::new("adoption", Grade, GRADE_MEANING),
    Column::new("lscb", Grade, GRADE_MEANING),
    Column::new("status", Words, "ok, or needs review (something read breaks a framework rule or could not be read)."),
    Column::new("review_reason", Text, "Why the document needs review, reasons separated by \"; \"."),
];

/// One event on the Events sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventRow {
    pub event_id: i64,
    pub urn: AuthorityId,
    pub la_name: Option<String>,
    pub ofsted_region: Option<String>,
    pub kind: Option<Kind>,
    pub event_type: String,
    pub graded: bool,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    pub published: Option<Date>,
    pub overall: Option<Grade>,
    pub leaders: Option<Grade>,
    pub help_protection: Option<Grade>,
    pub in_care: Option<Grade>,
    pub care_leavers: Option<Grade>,
    pub adoption: Option<Grade>,
    pub lscb: Option<Grade>,
    pub source: &'static str,
    pub report_sha256: Option<String>,
    pub official: Option<String>,
    pub url: Option<String>,
}

/// The columns of the Events sheet.
pub const EVENT_COLUMNS: &[Column] = &[
    Column::new("event_id", Number, "Register id of the event (event_id in the LA summary)."),
    Column::new("urn", Number, "Ofsted provider URN of the LA."),
    Column::new("la_name", Text, "LA name (blank when the URN names no LA of the register)."),
    Column::new("ofsted_region", Text, "One of Ofsted's 8 regions."),
    Column::new("kind", Kind, "SIF, SIF re-inspection, ILACS standard or ILACS short for graded events; blank for ungraded visits (event_type says which)."),
    Column::new("event_type", Text, "The event's type as its source prints it: ILACS standard, focused visit, monitoring visit..."),
    Column::new("graded", Text, "yes when the event counts in the national picture (SIF, SIF re-inspection, ILACS standard or short)."),
    Column::new("inspection_start", Date, "First day on site."),
    Column::new("inspection_end", Date, "Last day on site."),
    Column::new("published", Date, "Publication date of the report or letter."),
    Column::new("overall", Grade, "Overall effectiveness: the report's grade where the register holds the report, else the official record's."),
    Column::new("leaders", Grade, "Leaders (ILACS) or leadership, management and governance (SIF)."),
    Column::new("help_protection", Grade, "Children who need help and protection."),
    Column::new("in_care", Grade, "Children in care / looked after."),
    Column::new("care_leavers", Grade, "Care leavers."),
    Column::new("adoption", Grade, "Adoption performance (SIF)."),
    Column::new("lscb", Grade, "Local Safeguarding Children Board (SIF)."),
    Column::new("source", Text, "Where the event is known from: report (the register holds the report), official (Ofsted's official statistics only) or report+official."),
    Column::new("report_sha256", Text, "SHA-256 of the report (sha256 in the Inspections sheet), when the register holds it."),
    Column::new("official", Text, "File, sheet and row of the event in Ofsted's official statistics, when listed there."),
    Column::new("url", Text, "Ofsted's link to the report, when known."),
];

/// The events as sheet rows: by LA name (events of unknown LAs last), then date (published,
/// else end, else start of the inspection), inspection start and id.
pub fn event_rows(events: &[InspectionEvent]) -> Vec<EventRow> {
    let mut rows: Vec<(Option<&'static lacs_domain::Authority>, &InspectionEvent)> = events
        .iter()
        .map(|e| (lacs_authorities::by_urn(e.urn), e))
        .collect();
    rows.sort_by_cached_key(|(a, e)| {
        (
            a.is_none(),
            a.map(|a| a.name.as_str()),
            e.urn,
            e.published.or(e.inspection_end).or(e.inspection_start),
            e.inspection_start,
            e.id,
        )
    });
    rows.into_iter()
        .map(|(a, e)| EventRow {
            event_id: e.id,
            urn: e.urn,
            la_name: a.map(|a| a.name.clone()),
            ofsted_region: a.map(|a| a.ofsted_region.as_str().to_string()),
            kind: e.kind,
            event_type: e.event_type.clone(),
            graded: e.is_graded(),
            inspection_start: e.inspection_start,
            inspection_end: e.inspection_end,
            published: e.published,
            overall: e.grades.overall,
            leaders: e.grades.leaders,
            help_protection: e.grades.help_protection,
            in_care: e.grades.in_care,
            care_leavers: e.grades.care_leavers,
            adoption: e.grades.adoption,
            lscb: e.grades.lscb,
            source: e.source_label(),
            report_sha256: e.sources.report_sha256.clone(),
            official: e.sources.official.clone(),
            url: e.sources.url.clone(),
        })
        .collect()
}

/// Percentages of the graded LAs: O, G, RI, I and good or outstanding (`None` when no LA is
/// graded).
fn percentages(g: &GradeCounts) -> [Option<f64>; 5] {
    let total = g.total();
    let pct = |n: usize| (total > 0).then(|| n as f64 / total as f64);
    [
        pct(g.outstanding),
        pct(g.good),
        pct(g.requires_improvement),
        pct(g.inadequate),
        pct(g.outstanding + g.good),
    ]
}

/// One row of the "As at by region" sheet (overall effectiveness).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionRow {
    pub grouping: &'static str,
    pub region: &'static str,
    pub authorities: usize,
    pub inspected: usize,
    pub not_inspected: usize,
    pub outstanding: usize,
    pub good: usize,
    pub requires_improvement: usize,
    pub inadequate: usize,
    pub not_graded: usize,
    pub graded: usize,
    pub overall_from_earlier: usize,
    pub outstanding_pct: Option<f64>,
    pub good_pct: Option<f64>,
    pub requires_improvement_pct: Option<f64>,
    pub inadequate_pct: Option<f64>,
    pub good_or_outstanding_pct: Option<f64>,
}

impl RegionRow {
    fn new(grouping: &'static str, region: &'static str, c: &Counts) -> Self {
        let [o, g, ri, i, go] = percentages(&c.grades);
        RegionRow {
            grouping,
            region,
            authorities: c.authorities,
            inspected: c.inspected,
            not_inspected: c.authorities - c.inspected,
            outstanding: c.grades.outstanding,
            good: c.grades.good,
            requires_improvement: c.grades.requires_improvement,
            inadequate: c.grades.inadequate,
            not_graded: c.not_graded,
            graded: c.grades.total(),
            overall_from_earlier: c.overall_from_earlier,
            outstanding_pct: o,
            good_pct: g,
            requires_improvement_pct: ri,
            inadequate_pct: i,
            good_or_outstanding_pct: go,
        }
    }
}

/// The columns of the "As at by region" sheet.
pub const REGION_COLUMNS: &[Column] = &[
    Column::new("grouping", Text, "Ofsted region (Ofsted's 8), ONS region (the 9 ONS and DfE regions) or England."),
    Column::new("region", Text, "The region's name (England on the England row)."),
    Column::new("authorities", Number, "LAs existing on the as-at date."),
    Column::new("inspected", Number, "Of those, LAs with a graded inspection published by the as-at date."),
    Column::new("not_inspected", Number, "LAs with no graded inspection published by the as-at date (new LAs until their own first inspection)."),
    Column::new("outstanding", Number, "Inspected LAs whose overall effectiveness is outstanding."),
    Column::new("good", Number, "Inspected LAs whose overall effectiveness is good."),
    Column::new("requires_improvement", Number, "Inspected LAs whose overall effectiveness requires improvement to be good."),
    Column::new("inadequate", Number, "Inspected LAs whose overall effectiveness is inadequate."),
    Column::new("not_graded", Number, "Inspected LAs with no overall grade in any graded inspection."),
    Column::new("graded", Number, "outstanding + good + requires_improvement + inadequate: the denominator of the percentages."),
    Column::new("overall_from_earlier", Number, "Inspected LAs whose latest inspection grades no overall effectiveness (reformed ILACS), counted at the grade of their latest earlier inspection that has one."),
    Column::new("outstanding_pct", Percent, "outstanding, as a percentage of graded; blank when none is graded."),
    Column::new("good_pct", Percent, "good, as a percentage of graded."),
    Column::new("requires_improvement_pct", Percent, "requires_improvement, as a percentage of graded."),
    Column::new("inadequate_pct", Percent, "inadequate, as a percentage of graded."),
    Column::new("good_or_outstanding_pct", Percent, "outstanding + good, as a percentage of graded."),
];

/// The national and regional picture of overall effectiveness as at `as_at` (reports
/// published by then): Ofsted's 8 regions, the 9 ONS regions, then England.
pub fn region_rows(index: &Index<'_>, as_at: Date) -> Vec<RegionRow> {
    let mut rows = Vec::new();
    let mut england = None;
    for (grouping, label) in [
        (Grouping::Region, "Ofsted region"),
        (Grouping::Region9, "ONS region"),
    ] {
        let s = index.stats(&StatsQuery::as_at(as_at).by(grouping));
        rows.extend(
            s.groups
                .iter()
                .map(|g| RegionRow::new(label, g.name, &g.counts)),
        );
        england = Some(s.counts);
    }
    if let Some(c) = england {
        rows.push(RegionRow::new("England", "England", &c));
    }
    rows
}

/// One row of the "As at by judgement" sheet (England).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JudgementRow {
    pub judgement: &'static str,
    pub column: Judgement,
    pub authorities: usize,
    pub inspected: usize,
    pub outstanding: usize,
    pub good: usize,
    pub requires_improvement: usize,
    pub inadequate: usize,
    pub not_graded: usize,
    pub graded: usize,
    pub outstanding_pct: Option<f64>,
    pub good_pct: Option<f64>,
    pub requires_improvement_pct: Option<f64>,
    pub inadequate_pct: Option<f64>,
    pub good_or_outstanding_pct: Option<f64>,
}

/// The columns of the "As at by judgement" sheet.
pub const JUDGEMENT_COLUMNS: &[Column] = &[
    Column::new("judgement", Text, "The judgement: Overall effectiveness, Leaders, Help and protection, Children in care, Care leavers, Adoption, LSCB."),
    Column::new("column", Text, "The LA summary's column for the judgement (overall, leaders, help_protection, in_care, care_leavers, adoption, lscb): its meaning is in the notes on that column."),
    Column::new("authorities", Number, "LAs existing on the as-at date."),
    Column::new("inspected", Number, "Of those, LAs with a graded inspection published by the as-at date."),
    Column::new("outstanding", Number, "Inspected LAs graded outstanding in the judgement by their latest graded inspection."),
    Column::new("good", Number, "Inspected LAs graded good."),
    Column::new("requires_improvement", Number, "Inspected LAs graded requires improvement to be good."),
    Column::new("inadequate", Number, "Inspected LAs graded inadequate."),
    Column::new("not_graded", Number, "Inspected LAs whose latest graded inspection does not grade the judgement (care leavers in ILACS before 2023, adoption and LSCB in ILACS, not judged)."),
    Column::new("graded", Number, "outstanding + good + requires_improvement + inadequate: the denominator of the percentages."),
    Column::new("outstanding_pct", Percent, "outstanding, as a percentage of graded; blank when none is graded."),
    Column::new("good_pct", Percent, "good, as a percentage of graded."),
    Column::new("requires_improvement_pct", Percent, "requires_improvement, as a percentage of graded."),
    Column::new("inadequate_pct", Percent, "inadequate, as a percentage of graded."),
    Column::new("good_or_outstanding_pct", Percent, "outstanding + good, as a percentage of graded."),
];

/// England's picture in every judgement as at `as_at` (reports published by then).
pub fn judgement_rows(index: &Index<'_>, as_at: Date) -> Vec<JudgementRow> {
    Judgement::ALL
        .iter()
        .map(|&j| {
            let c = index.stats(&StatsQuery::as_at(as_at).judgement(j)).counts;
            let [o, g, ri, i, go] = percentages(&c.grades);
            JudgementRow {
                judgement: j.label(),
                column: j,
                authorities: c.authorities,
                inspected: c.inspected,
                outstanding: c.grades.outstanding,
                good: c.grades.good,
                requires_improvement: c.grades.requires_improvement,
                inadequate: c.grades.inadequate,
                not_graded: c.not_graded,
                graded: c.grades.total(),
                outstanding_pct: o,
                good_pct: g,
                requires_improvement_pct: ri,
                inadequate_pct: i,
                good_or_outstanding_pct: go,
            }
        })
        .collect()
}

fn source_notes() -> Vec<Note> {
    let source = |s: &str| Note::about("sources", s);
    vec![
        source("Ofsted's inspection reports (PDF) from its reports site (reports.ofsted.gov.uk), read by the register: the Inspections sheet has one row per stored document, and events with source report or report+official."),
        source("Ofsted's official statistics on local authority children's services inspections (underlying data files: Children's social care in England 2023; LA inspection outcomes as at 31 March 2025): graded events whose reports the register does not hold (SIF re-inspections, predecessor councils) and ungraded visits; events with source official."),
        source("The register's local authority reference: Ofsted provider URNs, DfE LA numbers, ONS GSS codes, Ofsted's 8 and the ONS's 9 regions, reorganisations since 2013 and DfE statistical neighbours (2021 and 2025 models)."),
    ]
}

/// Every note of the workbook: about it (as-at date, register updated, counting rule,
/// sources), then every column of every sheet.
pub fn notes(input: &WorkbookInput<'_>) -> Vec<Note> {
    let mut notes = vec![
        Note::about("as at", format!(
            "{}: the LA summary and the As at sheets describe the LAs existing that day, counting reports published by then.",
            as_at_text(input.as_at)
        )),
        Note::about(
            "register last updated",
            input.register_updated.clone().unwrap_or_else(|| "not recorded".into()),
        ),
        Note::about("written by", format!("lacs-export {}", env!("CARGO_PKG_VERSION"))),
        Note::about("grades", "Outstanding, Good, Requires improvement (printed either as \"Requires improvement\" or \"Requires improvement to be good\": one grade), Inadequate; some sub-judgements are Not judged. A blank cell: not graded."),
        Note::about("dates", "Dates are Excel dates shown as yyyy-mm-dd; percentages are numbers shown as %."),
    ];
    notes.extend(counting_notes(NEIGHBOUR_MODEL));
    notes.extend(source_notes());
    for (sheet, columns) in [
        (SHEET_LA_SUMMARY, LATEST_COLUMNS),
        (SHEET_INSPECTIONS, INSPECTION_COLUMNS),
        (SHEET_EVENTS, EVENT_COLUMNS),
        (SHEET_BY_REGION, REGION_COLUMNS),
        (SHEET_BY_JUDGEMENT, JUDGEMENT_COLUMNS),
    ] {
        notes.extend(column_notes(sheet, columns));
    }
    notes
}

/// The workbook's bytes (see [`write_workbook`]).
pub fn workbook_bytes(input: &WorkbookInput<'_>) -> Result<Vec<u8>, ExportError> {
    let index = Index::new(input.events);
    let f = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "Ofsted inspections of local authority children's services as at {}",
                input.as_at
            ))
            .set_comment("Written by lacs-export; see the Notes sheet."),
    );
    let summary = latest(&index, input.as_at);
    table::write_table(
        wb.add_worksheet(),
        SHEET_LA_SUMMARY,
        LATEST_COLUMNS,
        &summary,
        &f,
    )?;
    table::write_table(
        wb.add_worksheet(),
        SHEET_INSPECTIONS,
        INSPECTION_COLUMNS,
        &input.inspections,
        &f,
    )?;
    table::write_table(
        wb.add_worksheet(),
        SHEET_EVENTS,
        EVENT_COLUMNS,
        &event_rows(input.events),
        &f,
    )?;
    table::write_table(
        wb.add_worksheet(),
        SHEET_BY_REGION,
        REGION_COLUMNS,
        &region_rows(&index, input.as_at),
        &f,
    )?;
    table::write_table(
        wb.add_worksheet(),
        SHEET_BY_JUDGEMENT,
        JUDGEMENT_COLUMNS,
        &judgement_rows(&index, input.as_at),
        &f,
    )?;
    write_notes(wb.add_worksheet(), &notes(input), &f)?;
    Ok(wb.save_to_buffer()?)
}

/// Writes the register's workbook to `path`: the sheets of [`SHEETS`] (see the crate docs).
///
/// The workbook is built in memory, written to a temporary file in `path`'s directory and
/// renamed onto `path` only once complete: on any failure `path` is untouched (its old
/// content, if any, survives) and the temporary file is removed.
pub fn write_workbook(path: &Path, input: &WorkbookInput<'_>) -> Result<(), ExportError> {
    let bytes = workbook_bytes(input)?;
    table::write_atomically(path, &bytes)
}
