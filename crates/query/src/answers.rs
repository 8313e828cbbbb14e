//! Each request's answer, from the loaded register: the shapes the CLI's `--json` and the
//! web API both serve. No surface computes anything of its own.

use lacs_analysis::{Changes, ChangesQuery, First, StatsQuery, TimeSeries};
use lacs_domain::{AuthorityId, Date, Grade, InspectionEvent, Judgement, JudgementReading, Kind};
use lacs_reconcile::Disagreement;
use serde::Serialize;

use crate::requests::{DisagreementsRequest, FirstsRequest, GradeFilter, InspectionRequest, LaListRequest, LaRequest, SeriesRequest};
use crate::{LaView, QueryError, Register};

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
    pub region: Option<&'static str>,
    pub grade: Option<GradeFilter>,
    pub q: Option<String>,
    pub authorities: Vec<LaRow>,
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

/// One event, every judgement with its provenance, and the disagreements with the official
/// record.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InspectionDetail {
    pub la_name: &'static str,
    pub event: InspectionEvent,
    /// The report's file name as it was published (no folder).
    pub report_file: Option<String>,
    pub judgements: Vec<JudgementDetail>,
    /// The change in each judgement from the LA's previous graded inspection.
    pub changes: Vec<lacs_analysis::JudgementChange>,
    pub disagreements: Vec<Disagreement>,
    /// The held report's status, doubts, withheld grades, and where each value came from.
    #[serde(flatten)]
    pub review: crate::EventReview,
}

/// A file's name without its folders: what a page may show of where a report came from.
pub(crate) fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

impl Register {
    /// `series`: the national picture at each quarter end up to `until`.
    pub fn series(&self, r: &SeriesRequest) -> TimeSeries {
        self.index().time_series(r.judgement, r.until)
    }

    /// `la` (list): every LA existing on the date, with its latest grade, filtered.
    pub fn la_list(&self, r: &LaListRequest) -> LaList {
        let exact = r.q.as_deref().and_then(|q| lacs_authorities::resolve(q).ok()).map(|a| a.urn);
        let needle = r.q.as_deref().map(lacs_authorities::normalise_name);
        let stats = self.index().stats(&StatsQuery::as_at(r.as_at).judgement(r.judgement).list(true));
        let mut rows = Vec::new();
        for e in stats.list.unwrap_or_default() {
            let Some(a) = lacs_authorities::by_urn(e.urn) else { continue };
            if r.region.is_some_and(|reg| a.ofsted_region.as_str() != reg && a.ons_region.as_str() != reg) {
                continue;
            }
            let inspected = e.event_id.is_some();
            if r.grade.is_some_and(|g| !g.fits(inspected, e.grade)) {
                continue;
            }
            if let Some(n) = &needle {
                let name_fits = std::iter::once(a.name.as_str())
                    .chain(a.aliases.iter().map(String::as_str))
                    .any(|name| lacs_authorities::normalise_name(name).contains(n.as_str()));
                if !name_fits && exact != Some(a.urn) {
                    continue;
                }
            }
            rows.push(LaRow {
                urn: a.urn,
                la_name: &a.name,
                la_code: a.la_code,
                gss_code: a.gss_code_on(r.as_at),
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
        LaList { as_at: r.as_at, judgement: r.judgement, region: r.region, grade: r.grade, q: r.q.clone(), authorities: rows }
    }

    /// `la`: one LA's page.
    pub fn la(&self, r: &LaRequest) -> Result<LaView, QueryError> {
        crate::views::la_view(self, crate::authority(&r.la)?, r.as_at)
    }

    /// The event with this id.
    pub fn event(&self, id: i64) -> Option<&InspectionEvent> {
        self.by_id.get(&id).map(|&i| &self.events[i])
    }

    /// `inspection`: one event with every judgement's provenance.
    pub fn inspection(&self, r: &InspectionRequest) -> Result<InspectionDetail, QueryError> {
        let e = self.event(r.id).ok_or(QueryError::UnknownInspection { id: r.id })?;
        let la_name = lacs_authorities::by_urn(e.urn).map_or("Unknown local authority", |a| a.name.as_str());
        let readings = e.sources.report_sha256.as_ref().and_then(|s| self.readings.get(s));
        let disagreements: Vec<Disagreement> = self.disagreements.iter().filter(|d| d.concerns(e)).cloned().collect();
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
        let report_file = e
            .sources
            .report_sha256
            .as_ref()
            .and_then(|sha| self.records.iter().find(|r| &r.sha256 == sha).map(|r| file_name(&r.source_file)));
        let changes = self
            .index()
            .journey(e.urn, None)
            .ok()
            .and_then(|j| j.events.into_iter().find(|x| x.event_id == e.id))
            .map(|x| x.changes)
            .unwrap_or_default();
        let review = self.event_review(e);
        Ok(InspectionDetail { la_name, event: e.clone(), report_file, judgements, changes, disagreements, review })
    }

    /// `changes`: LAs whose grade moved between two graded inspections.
    pub fn changes(&self, q: &ChangesQuery) -> Changes {
        self.index().changes(q)
    }

    /// `firsts`: the order in which LAs first reached a grade.
    pub fn firsts(&self, r: &FirstsRequest) -> Vec<First> {
        self.index().firsts_in(r.judgement, r.grade, r.framework, r.region)
    }

    /// `disagreements`: every disagreement, or one LA's.
    pub fn disagreements_of(&self, r: &DisagreementsRequest) -> Vec<&Disagreement> {
        self.disagreements.iter().filter(|d| r.urn.is_none_or(|u| d.urn == u)).collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_report_file_is_named_without_its_folders() {
        assert_eq!(super::file_name("/srv/corpus/80426_Barnsley/Children's services inspection - 2023.pdf"), "Children's services inspection - 2023.pdf");
        assert_eq!(super::file_name("C:\\x\\a.pdf"), "a.pdf");
        assert_eq!(super::file_name("a.pdf"), "a.pdf");
    }
}
