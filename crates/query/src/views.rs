//! Views: the shapes the CLI's `--json` and the web API serve.

use crate::{QueryError, Register};
use lacs_analysis::{AuthorityRef, JourneyEvent, JudgementChange, NeighbourSet};
use lacs_domain::{Authority, Date, EventStatus, Grade, InspectionEvent, Kind, Status};
use lacs_store::InspectionRecord;
use serde::Serialize;
use std::collections::HashMap;

/// One event of an LA, flat: every judgement a field, as in `lacs export inspections`.
#[derive(Debug, Clone, Serialize)]
pub struct InspectionView {
    pub event_id: i64,
    pub kind: Option<Kind>,
    pub event_type: String,
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
    /// "report", "official" or "report+official".
    pub source: &'static str,
    /// "ok" or "needs_review": the status of the report the register holds; "official" when
    /// it holds none (known from Ofsted's statistics or reports site only). A document of
    /// unknown kind (`event_type` "Report awaiting review") is always "needs_review".
    pub status: EventStatus,
    /// Why the report awaits review, as the register records it.
    pub review_reason: Option<String>,
    /// Graded events: each judgement against the LA's previous graded event.
    pub changes: Vec<JudgementChange>,
    /// The report in the register, when held.
    pub sha256: Option<String>,
    pub report_file: Option<String>,
    /// Ofsted's copy of the report, when known.
    pub url: Option<String>,
    /// What the report says must improve, in order.
    pub improvements: Vec<String>,
}

/// A predecessor council and its own events (never the successor's grades).
#[derive(Debug, Clone, Serialize)]
pub struct PredecessorView {
    pub urn: u32,
    pub la_name: &'static str,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub inspections: Vec<InspectionView>,
}

/// One LA: codes, regions, every event, predecessors, successors, statistical neighbours.
#[derive(Debug, Clone, Serialize)]
pub struct LaView {
    pub urn: u32,
    pub la_name: &'static str,
    pub region: &'static str,
    pub ons_region: &'static str,
    pub la_code: u16,
    pub gss_code: Option<&'static str>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub as_at: Option<Date>,
    pub inspections: Vec<InspectionView>,
    pub predecessors: Vec<PredecessorView>,
    pub successors: Vec<AuthorityRef>,
    pub neighbours: Vec<NeighbourSet>,
}

fn inspection_view(
    e: &JourneyEvent,
    by_id: &HashMap<i64, &InspectionEvent>,
    records: &HashMap<&str, &InspectionRecord>,
    improvements: &HashMap<&str, Vec<String>>,
) -> InspectionView {
    let event = by_id.get(&e.event_id);
    let sha256 = event.and_then(|ev| ev.sources.report_sha256.clone());
    let record = sha256.as_deref().and_then(|s| records.get(s)).copied();
    let status = match record {
        // a word the register should not hold is shown as needing review, never as sound
        Some(r) => r.status.parse::<Status>().map_or(EventStatus::NeedsReview, EventStatus::from),
        None => EventStatus::Official,
    };
    InspectionView {
        event_id: e.event_id,
        kind: e.kind,
        event_type: e.event_type.clone(),
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
        source: e.source,
        status,
        review_reason: record.and_then(|r| r.review_reason.clone()),
        changes: e.changes.clone(),
        report_file: record.map(|r| r.source_file.clone()),
        improvements: sha256.as_deref().and_then(|s| improvements.get(s)).cloned().unwrap_or_default(),
        sha256,
        url: event.and_then(|ev| ev.sources.url.clone()),
    }
}

pub(crate) fn la_view(register: &Register, a: &'static Authority, as_at: Option<Date>) -> Result<LaView, QueryError> {
    let index = register.index();
    let journey = index.journey(a.urn, as_at)?;
    let by_id: HashMap<i64, &InspectionEvent> = register.events.iter().map(|e| (e.id, e)).collect();
    let records: HashMap<&str, &InspectionRecord> = register.records.iter().map(|r| (r.sha256.as_str(), r)).collect();
    let mut improvements: HashMap<&str, Vec<String>> = HashMap::new();
    for f in &register.improvements {
        improvements.entry(f.sha256.as_str()).or_default().push(f.text.clone());
    }
    let views = |events: &[JourneyEvent]| events.iter().map(|e| inspection_view(e, &by_id, &records, &improvements)).collect();
    Ok(LaView {
        urn: a.urn,
        la_name: a.name.as_str(),
        region: a.ofsted_region.as_str(),
        ons_region: a.ons_region.as_str(),
        la_code: a.la_code,
        gss_code: a.gss_code(),
        start: a.start,
        end: a.end,
        as_at,
        inspections: views(&journey.events),
        predecessors: journey
            .predecessors
            .iter()
            .map(|h| PredecessorView { urn: h.urn, la_name: h.la_name, start: h.start, end: h.end, inspections: views(&h.events) })
            .collect(),
        successors: journey.successors.clone(),
        neighbours: journey.neighbours.clone(),
    })
}
