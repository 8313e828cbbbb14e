//! Each view's question, asked once for its page, its API route and its downloads: parameters
//! parsed with lacs-query's parsers, answers from lacs-query and lacs-analysis. No counting
//! happens here.

use lacs_analysis::{Changes, ChangesQuery, Cutoff, First, Grouping, StatsQuery, TimeSeries};
use lacs_domain::{AuthorityId, Date, Framework, Grade, InspectionEvent, Judgement, JudgementReading, Kind};
use lacs_query::{InspectionView, LaView};
use lacs_reconcile::Disagreement;
use serde::Serialize;

use crate::error::{AppError, Params};
use crate::state::Inner;

/// The cut-off of the stats and changes views: `as_at` (default today), `published_by`,
/// `inspected_by`.
pub fn cutoff(p: &Params, today: Date) -> Result<Cutoff, AppError> {
    let as_at = p.date("as_at")?.unwrap_or(today);
    let mut c = Cutoff::new(as_at);
    if let Some(d) = p.date("published_by")? {
        c = c.published_by(d);
    }
    if let Some(d) = p.date("inspected_by")? {
        c = c.inspected_by(d);
    }
    Ok(c)
}

/// `/api/v1/stats`: `as_at`, `published_by`, `inspected_by`, `judgement`, `by`, `list`.
pub fn stats(st: &Inner, p: &Params) -> Result<lacs_query::StatsView, AppError> {
    let mut q = StatsQuery::new(cutoff(p, st.today())?)
        .judgement(p.judgement("judgement", Judgement::Overall)?)
        .list(p.bool("list")?);
    if let Some(g) = p.grouping("by")? {
        q = q.by(g);
    }
    Ok(st.register.stats(&q))
}

/// `/api/v1/series`: `judgement`, `until` (default today).
pub fn series(st: &Inner, p: &Params) -> Result<TimeSeries, AppError> {
    let j = p.judgement("judgement", Judgement::Overall)?;
    let until = p.date("until")?.unwrap_or(st.today());
    Ok(st.register.index().time_series(j, until))
}

/// One row of the list of LAs.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LaRow {
    pub urn: AuthorityId,
    pub la_name: &'static str,
    pub la_code: u16,
    pub gss_code: Option<&'static str>,
    pub ofsted_region: &'static str,
    pub ons_region: &'static str,
    /// The grade in the judgement asked for, as the national picture counts it; `None`:
    /// not inspected, or not graded in the judgement.
    pub grade: Option<Grade>,
    pub inspected: bool,
    pub from_earlier_event: bool,
    pub event_id: Option<i64>,
    pub kind: Option<Kind>,
    pub inspection_start: Option<Date>,
    pub published: Option<Date>,
}

/// The list of LAs and what it was asked.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LaList {
    pub as_at: Date,
    pub judgement: Judgement,
    pub region: Option<String>,
    pub grade: Option<String>,
    pub q: Option<String>,
    pub authorities: Vec<LaRow>,
}

/// Grade filters of the list: a grade word, `not_inspected` or `not_graded`.
pub const GRADE_FILTERS: [&str; 6] =
    ["outstanding", "good", "requires_improvement", "inadequate", "not_graded", "not_inspected"];

/// `/api/v1/la` and `/la`: every LA existing on `as_at` with its latest grade; filters
/// `region` (an Ofsted or ONS region), `grade`, `q` (part of a name, or a code).
pub fn la_list(st: &Inner, p: &Params) -> Result<LaList, AppError> {
    let as_at = p.date("as_at")?.unwrap_or(st.today());
    let judgement = p.judgement("judgement", Judgement::Overall)?;
    let region = p.get("region").map(str::to_string);
    if let Some(r) = &region {
        let known = lacs_domain::OfstedRegion::ALL.iter().any(|x| x.as_str() == r)
            || lacs_domain::OnsRegion::ALL.iter().any(|x| x.as_str() == r);
        if !known {
            let mut names: Vec<&str> = Grouping::Region.names();
            for n in Grouping::Region9.names() {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return Err(lacs_query::ParamError {
                name: "region".into(),
                message: format!("unknown region {r:?}; expected one of: {}", names.join(", ")),
            }
            .into());
        }
    }
    let grade = match p.get("grade") {
        None => None,
        Some(g) if GRADE_FILTERS.contains(&g) => Some(g.to_string()),
        Some(g) => {
            return Err(lacs_query::ParamError {
                name: "grade".into(),
                message: format!("unknown grade {g:?}; expected one of: {}", GRADE_FILTERS.join(", ")),
            }
            .into())
        }
    };
    let q = p.get("q").map(str::to_string);
    let exact = q.as_deref().and_then(|q| lacs_authorities::resolve(q).ok()).map(|a| a.urn);
    let needle = q.as_deref().map(lacs_authorities::normalise_name);
    let stats = st.register.index().stats(&StatsQuery::as_at(as_at).judgement(judgement).list(true));
    let mut rows = Vec::new();
    for e in stats.list.unwrap_or_default() {
        let Some(a) = lacs_authorities::by_urn(e.urn) else { continue };
        if let Some(r) = &region {
            if a.ofsted_region.as_str() != r && a.ons_region.as_str() != r {
                continue;
            }
        }
        let inspected = e.event_id.is_some();
        if let Some(g) = &grade {
            let fits = match g.as_str() {
                "not_inspected" => !inspected,
                "not_graded" => inspected && e.grade.is_none(),
                w => e.grade.map(|x| x.as_str()) == Some(w),
            };
            if !fits {
                continue;
            }
        }
        if let Some(n) = &needle {
            let name_fits = lacs_authorities::normalise_name(&a.name).contains(n.as_str())
                || a.aliases.iter().any(|al| lacs_authorities::normalise_name(al).contains(n.as_str()));
            if !name_fits && exact != Some(a.urn) {
                continue;
            }
        }
        rows.push(LaRow {
            urn: a.urn,
            la_name: &a.name,
            la_code: a.la_code,
            gss_code: a.gss_code_on(as_at),
            ofsted_region: a.ofsted_region.as_str(),
            ons_region: a.ons_region.as_str(),
            grade: e.grade,
            inspected,
            from_earlier_event: e.from_earlier_event,
            event_id: e.event_id,
            kind: e.kind,
            inspection_start: e.inspection_start,
            published: e.published,
        });
    }
    rows.sort_by(|a, b| a.la_name.cmp(b.la_name));
    Ok(LaList { as_at, judgement, region, grade, q, authorities: rows })
}

/// `/la/{urn}`: the path segment may be a URN, name, DfE number or GSS code.
pub fn la(st: &Inner, key: &str, p: &Params) -> Result<LaView, AppError> {
    let as_at = p.date("as_at")?;
    st.register.la(key, as_at).map_err(|e| match e {
        lacs_query::QueryError::UnknownAuthority { query, .. } => AppError::unknown_la(&query),
        lacs_query::QueryError::Param(p) => AppError::bad_param(p),
        other => AppError::internal(other.to_string()),
    })
}

/// `/api/v1/changes`: `as_at`, `published_by`, `inspected_by`, `judgement`, `framework`
/// (`ilacs` by default, `sif`, or `any`).
pub fn changes(st: &Inner, p: &Params) -> Result<Changes, AppError> {
    let q = ChangesQuery::new(cutoff(p, st.today())?)
        .judgement(p.judgement("judgement", Judgement::Overall)?)
        .framework(p.framework("framework", Some(Framework::Ilacs))?);
    Ok(st.register.index().changes(&q))
}

/// What `/firsts` was asked, and the answer.
#[derive(Debug, Clone, Copy)]
pub struct FirstsQuery {
    pub judgement: Judgement,
    pub grade: Grade,
    pub framework: Option<Framework>,
}

/// `/api/v1/firsts`: `judgement` (default overall), `grade` (default outstanding),
/// `framework` (`sif`, `ilacs`; default any).
pub fn firsts(st: &Inner, p: &Params) -> Result<(FirstsQuery, Vec<First>), AppError> {
    let q = FirstsQuery {
        judgement: p.judgement("judgement", Judgement::Overall)?,
        grade: p.grade("grade")?.unwrap_or(Grade::Outstanding),
        framework: p.framework("framework", None)?,
    };
    Ok((q, st.register.index().firsts(q.judgement, q.grade, q.framework)))
}

/// One judgement of an inspection with the text it was read from.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct JudgementDetail {
    pub judgement: Judgement,
    pub grade: Option<Grade>,
    /// The report's reading: page and text (none for an event known only from the official
    /// record).
    pub reading: Option<JudgementReading>,
    /// "agrees", "differs", or "not_listed" (no official row for this event).
    pub official: &'static str,
    /// The official record's value where it differs.
    pub official_value: Option<String>,
}

/// `/inspection/{id}`: one event, every judgement with its provenance, and the
/// disagreements with the official record.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InspectionDetail {
    pub la_name: &'static str,
    pub event: InspectionEvent,
    pub report_file: Option<String>,
    pub judgements: Vec<JudgementDetail>,
    /// The change in each judgement from the LA's previous graded inspection.
    pub changes: Vec<lacs_analysis::JudgementChange>,
    pub disagreements: Vec<Disagreement>,
    /// The held report's status, doubts, withheld grades, and where each value came from.
    #[serde(flatten)]
    pub review: lacs_query::EventReview,
}

pub fn inspection(st: &Inner, id: &str) -> Result<InspectionDetail, AppError> {
    let not_found = || AppError::not_found("Inspection not found", format!("The register holds no inspection with id {id:?}."));
    let id: i64 = id.trim().parse().map_err(|_| not_found())?;
    let e = st.event(id).ok_or_else(not_found)?;
    let la_name = lacs_authorities::by_urn(e.urn).map_or("Unknown local authority", |a| a.name.as_str());
    let readings = e.sources.report_sha256.as_ref().and_then(|s| st.readings.get(s));
    let disagreements: Vec<Disagreement> = st
        .register
        .disagreements
        .iter()
        .filter(|d| d.concerns(e))
        .cloned()
        .collect();
    let has_official = e.sources.official.is_some();
    let judgements = Judgement::ALL
        .iter()
        .filter_map(|&j| {
            let grade = e.grades.get(j);
            let reading = readings.and_then(|rs| rs.iter().find(|r| r.judgement == j).cloned());
            let dis = disagreements.iter().find(|d| d.field == j.as_str());
            if grade.is_none() && reading.is_none() && dis.is_none() {
                return None;
            }
            let (official, official_value) = match (has_official, dis) {
                (_, Some(d)) => ("differs", Some(d.official.clone())),
                (true, None) => ("agrees", None),
                (false, None) => ("not_listed", None),
            };
            Some(JudgementDetail { judgement: j, grade, reading, official, official_value })
        })
        .collect();
    let report_file = e.sources.report_sha256.as_ref().and_then(|sha| {
        st.register.records.iter().find(|r| &r.sha256 == sha).map(|r| r.source_file.clone())
    });
    let changes = st
        .register
        .index()
        .journey(e.urn, None)
        .ok()
        .and_then(|j| j.events.into_iter().find(|x| x.event_id == e.id))
        .map(|x| x.changes)
        .unwrap_or_default();
    let review = st.register.event_review(e);
    Ok(InspectionDetail { la_name, event: e.clone(), report_file, judgements, changes, disagreements, review })
}

/// The graded inspections of an LA view, oldest first.
pub fn graded(view: &LaView) -> Vec<&InspectionView> {
    view.inspections.iter().filter(|e| e.kind.is_some_and(Kind::is_graded_event)).collect()
}
