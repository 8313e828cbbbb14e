//! Views: the shapes the CLI's `--json` and the web API serve.

use crate::{QueryError, Register};
use lacs_analysis::{AuthorityRef, JourneyEvent, JudgementChange, NeighbourSet};
use lacs_domain::{Authority, Date, EventStatus, FindingSection, Grade, InspectionEvent, Judgement, Kind, Status};
use lacs_store::InspectionRecord;
use serde::Serialize;
use std::collections::HashMap;

/// The sections whose items an inspection view lists: priority actions, improvement items,
/// recommendations. Judgement paragraphs (hundreds a report) are left to search and the report.
pub(crate) fn is_listed(section: FindingSection) -> bool {
    matches!(section, FindingSection::PriorityAction | FindingSection::Improvement | FindingSection::Recommendation)
}

/// One item of a report's lists (priority action, improvement item, recommendation), with the
/// list named as the report's framework names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ListedFinding {
    /// priority_action, what_needs_to_improve (ILACS), area_for_improvement (SIF) or
    /// recommendation.
    pub list: &'static str,
    /// The list's name as the report prints it ("What needs to improve").
    pub list_label: &'static str,
    /// A heading over the list's items ("Areas for improvement"); not in the JSON, which names
    /// the list by `list` and `list_label`.
    #[serde(skip)]
    pub list_heading: &'static str,
    /// The judgement it sits under: `lscb` for an LSCB's recommendations in a SIF report.
    pub judgement: Option<Judgement>,
    /// The paragraph number the report prints, where it prints one.
    pub number: Option<u32>,
    /// 1-based page where the item starts.
    pub page: u32,
    pub text: String,
}

/// One event of an LA, flat: every judgement a field, as in `lacs export inspections`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
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
    /// Focused and monitoring visits and JTAIs: the theme, and a monitoring visit's number
    /// since an inadequate judgement.
    pub visit: Option<lacs_domain::VisitDetail>,
    /// `visit`'s number in words, as every surface says it (monitoring visits only).
    pub visit_note: Option<String>,
    /// "ok" or "needs_review": the status of the report the register holds; "official" when
    /// it holds none (known from Ofsted's statistics or reports site only). A document of
    /// unknown kind (`event_type` "Report awaiting review") is always "needs_review".
    pub status: EventStatus,
    /// Why the report awaits review, as the register records it.
    pub review_reason: Option<String>,
    /// The report's doubts that no answer covers yet, each with its page.
    pub doubts: Vec<crate::DoubtView>,
    /// Judgements whose grade waits for review (not counted from the report meanwhile).
    pub withheld: Vec<Judgement>,
    /// Where each value came from: the report, Ofsted's statistics or a person (with the note).
    pub origins: Vec<crate::ValueOrigin>,
    /// Graded events: each judgement against the LA's previous graded event.
    pub changes: Vec<JudgementChange>,
    /// The report in the register, when held.
    pub sha256: Option<String>,
    /// The report's file name as it was published (no folder).
    pub report_file: Option<String>,
    /// Ofsted's copy of the report, when known.
    pub url: Option<String>,
    /// The text of each item of `findings`, in the same order (kept for readers of the
    /// plain list).
    pub improvements: Vec<String>,
    /// The report's priority actions, improvement items and recommendations, in the order
    /// the report prints them (in a SIF, priority actions before areas for improvement),
    /// each with its list named. Judgement paragraphs are not included.
    pub findings: Vec<ListedFinding>,
}

impl InspectionView {
    /// The grade in one judgement.
    pub fn grade(&self, j: Judgement) -> Option<Grade> {
        match j {
            Judgement::Overall => self.overall,
            Judgement::Leaders => self.leaders,
            Judgement::HelpProtection => self.help_protection,
            Judgement::InCare => self.in_care,
            Judgement::CareLeavers => self.care_leavers,
            Judgement::Adoption => self.adoption,
            Judgement::Lscb => self.lscb,
        }
    }
}

/// A predecessor council and its own events (never the successor's grades).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PredecessorView {
    pub urn: u32,
    pub la_name: &'static str,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub inspections: Vec<InspectionView>,
}

/// One LA: codes, regions, every event, predecessors, successors, statistical neighbours.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
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
    /// Links on the LA's page at Ofsted whose file is gone (a doubt, not an event).
    pub gone_links: Vec<crate::review::GoneLinkView>,
}

fn inspection_view(
    register: &Register,
    e: &JourneyEvent,
    by_id: &HashMap<i64, &InspectionEvent>,
    records: &HashMap<&str, &InspectionRecord>,
    lists: &HashMap<&str, Vec<ListedFinding>>,
) -> InspectionView {
    let event = by_id.get(&e.event_id);
    let sha256 = event.and_then(|ev| ev.sources.report_sha256.clone());
    let record = sha256.as_deref().and_then(|s| records.get(s)).copied();
    // A report's status is its answers'; an unknown word in the register reads as needing
    // review, never as sound.
    let review = event.map(|ev| register.event_review(ev));
    let status = match (record, &review) {
        (Some(_), Some(r)) => r.status,
        (Some(r), None) => r.status.parse::<Status>().map_or(EventStatus::NeedsReview, EventStatus::from),
        (None, _) => EventStatus::Official,
    };
    let findings: Vec<ListedFinding> = sha256.as_deref().and_then(|s| lists.get(s)).cloned().unwrap_or_default();
    InspectionView {
        improvements: findings.iter().map(|f| f.text.clone()).collect(),
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
        visit: event.and_then(|ev| ev.visit.clone()),
        visit_note: event
            .and_then(|ev| ev.visit.as_ref().and_then(|v| v.sequence_note(ev.inspection_start.or(ev.published).is_some()))),
        status,
        review_reason: record.and_then(|r| r.review_reason.clone()),
        doubts: review.as_ref().map(|r| r.doubts.clone()).unwrap_or_default(),
        withheld: review.as_ref().map(|r| r.withheld.clone()).unwrap_or_default(),
        origins: review.map(|r| r.origins).unwrap_or_default(),
        changes: e.changes.clone(),
        report_file: record.map(|r| crate::answers::file_name(&r.source_file)),
        findings,
        sha256,
        url: event.and_then(|ev| ev.sources.url.clone()),
    }
}

pub(crate) fn la_view(register: &Register, a: &'static Authority, as_at: Option<Date>) -> Result<LaView, QueryError> {
    let index = register.index();
    let journey = index.journey(a.urn, as_at)?;
    let by_id: HashMap<i64, &InspectionEvent> = register.events.iter().map(|e| (e.id, e)).collect();
    let records: HashMap<&str, &InspectionRecord> = register.records.iter().map(|r| (r.sha256.as_str(), r)).collect();
    let mut lists: HashMap<&str, Vec<ListedFinding>> = HashMap::new();
    for f in &register.lists {
        let list = f.section.list(f.kind.framework());
        lists.entry(f.sha256.as_str()).or_default().push(ListedFinding {
            list: list.id,
            list_label: list.label,
            list_heading: list.heading,
            judgement: f.judgement,
            number: f.number,
            page: f.page,
            text: f.text.clone(),
        });
    }
    let views = |events: &[JourneyEvent]| events.iter().map(|e| inspection_view(register, e, &by_id, &records, &lists)).collect();
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
        gone_links: register.gone_links(Some(a.urn)),
    })
}
