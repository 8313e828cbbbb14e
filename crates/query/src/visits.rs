//! `visits`: focused visits, monitoring visits and joint targeted area inspections, newest
//! first, filtered by date, type, LA and region; each with its theme and (monitoring visits)
//! its number since an inadequate judgement, as reconcile and the domain's rule
//! ([`lacs_domain::describe_visits`]) gave them.

use lacs_domain::{Date, InspectionEvent, UngradedKind, VisitDetail};
use serde::Serialize;

use crate::params::{ParamError, Params};
use crate::requests::{region, Request};
use crate::{QueryError, Register};

/// `visits`: `since`, `until` (the visit's date: its publication, else its first day on
/// site), `type` (focused_visit, monitoring_visit or jtai), `la` (a name, alias or code),
/// `region` (an Ofsted or ONS region).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VisitsRequest {
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub visit_type: Option<UngradedKind>,
    pub la: Option<String>,
    pub region: Option<&'static str>,
}

/// A visit type's word, from the visits' vocabulary ([`UngradedKind::VISITS`]).
fn visit_type(v: &str) -> Result<UngradedKind, String> {
    UngradedKind::VISITS.into_iter().find(|u| u.as_str() == v).ok_or_else(|| {
        format!("unknown visit type {v:?}; expected one of: {}", UngradedKind::VISITS.map(UngradedKind::as_str).join(", "))
    })
}

impl Request for VisitsRequest {
    fn parse(p: &Params) -> Result<Self, ParamError> {
        let region = region(p)?;
        Ok(VisitsRequest {
            since: p.date("since")?,
            until: p.date("until")?,
            visit_type: p.word("type", visit_type)?,
            la: p.get("la").map(str::to_string),
            region,
        })
    }
}

/// One visit.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VisitRow {
    pub event_id: i64,
    pub urn: u32,
    pub la_name: &'static str,
    /// The LA's Ofsted region.
    pub region: &'static str,
    /// focused_visit, monitoring_visit or jtai.
    pub visit_type: UngradedKind,
    /// The type in words ("Focused visit").
    pub visit_label: &'static str,
    /// The theme, where a source names it.
    pub theme: Option<String>,
    /// Monitoring visits: 1, 2, … since the LA's most recent graded inspection, when it was
    /// judged inadequate overall; `null` when none precedes it.
    pub sequence: Option<u32>,
    /// The inadequate inspection `sequence` counts from (its event id).
    pub since_inspection: Option<i64>,
    /// `sequence` in words, as every surface says it (monitoring visits only).
    pub sequence_note: Option<String>,
    /// First and last days on site, where known.
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    pub published: Option<Date>,
    /// "official" (Ofsted's statistics), "site" (a letter on Ofsted's reports site) or
    /// "official+site".
    pub sources: &'static str,
    /// The official "file / sheet / row", where listed there.
    pub official: Option<String>,
    /// Ofsted's link: the letter, else the LA's page the official record links to.
    pub url: Option<String>,
}

/// How many visits of one type a list holds.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VisitCount {
    pub visit_type: UngradedKind,
    pub label: &'static str,
    pub visits: usize,
}

/// `visits`: what was asked, counts by type, and the visits, newest first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Visits {
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub visit_type: Option<UngradedKind>,
    /// The LA asked for, by name.
    pub la: Option<&'static str>,
    pub region: Option<&'static str>,
    /// Every visit type, with how many of the listed visits are of it.
    pub counts: Vec<VisitCount>,
    pub visits: Vec<VisitRow>,
}

/// The date a visit is listed and filtered by: its publication, else its first day on site.
fn listed_on(e: &InspectionEvent) -> Option<Date> {
    e.published.or(e.inspection_start)
}

fn sources(e: &InspectionEvent, v: &VisitDetail) -> &'static str {
    match (e.sources.official.is_some(), v.letter) {
        (true, true) => "official+site",
        (true, false) => "official",
        (false, _) => "site",
    }
}

fn row(e: &InspectionEvent, v: &VisitDetail, a: &'static lacs_domain::Authority) -> VisitRow {
    VisitRow {
        event_id: e.id,
        urn: e.urn,
        la_name: a.name.as_str(),
        region: a.ofsted_region.as_str(),
        visit_type: v.visit_type,
        visit_label: v.visit_type.label(),
        theme: v.theme.clone(),
        sequence: v.sequence,
        since_inspection: v.since_inspection,
        sequence_note: v.sequence_note(e.inspection_start.or(e.published).is_some()),
        inspection_start: e.inspection_start,
        inspection_end: e.inspection_end,
        published: e.published,
        sources: sources(e, v),
        official: e.sources.official.clone(),
        url: e.sources.url.clone(),
    }
}

impl Register {
    /// `visits`: every visit that fits, newest first (undated last), then by LA.
    pub fn visits(&self, r: &VisitsRequest) -> Result<Visits, QueryError> {
        let la = r.la.as_deref().map(crate::authority).transpose()?;
        let mut rows: Vec<(Option<Date>, VisitRow)> = Vec::new();
        for e in &self.events {
            let Some(v) = &e.visit else { continue };
            let Some(a) = lacs_authorities::by_urn(e.urn) else { continue };
            let on = listed_on(e);
            let dated_out = |bound: Option<Date>, out: fn(Date, Date) -> bool| bound.is_some_and(|b| on.is_none_or(|d| out(d, b)));
            if r.visit_type.is_some_and(|t| t != v.visit_type)
                || la.is_some_and(|l| l.urn != e.urn)
                || r.region.is_some_and(|reg| a.ofsted_region.as_str() != reg && a.ons_region.as_str() != reg)
                || dated_out(r.since, |d, b| d < b)
                || dated_out(r.until, |d, b| d > b)
            {
                continue;
            }
            rows.push((on, row(e, v, a)));
        }
        rows.sort_by(|(a, x), (b, y)| (b.is_some(), b).cmp(&(a.is_some(), a)).then(x.la_name.cmp(y.la_name)).then(x.event_id.cmp(&y.event_id)));
        let visits: Vec<VisitRow> = rows.into_iter().map(|(_, v)| v).collect();
        let counts = UngradedKind::VISITS
            .into_iter()
            .map(|t| VisitCount { visit_type: t, label: t.label(), visits: visits.iter().filter(|v| v.visit_type == t).count() })
            .collect();
        Ok(Visits {
            since: r.since,
            until: r.until,
            visit_type: r.visit_type,
            la: la.map(|a| a.name.as_str()),
            region: r.region,
            counts,
            visits,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use lacs_domain::{Framework, Grade, JudgementSet, Kind, KindHint, OfficialRow, PublicationStatus, SitePublication};

    const BARNSLEY: u32 = 80426;

    /// A register of these official rows and site publications only (no store).
    fn register(official: &[OfficialRow], site: &[SitePublication]) -> Register {
        let joined = lacs_reconcile::reconcile_with_site(&[], official, site);
        Register {
            by_id: joined.events.iter().enumerate().map(|(i, e)| (e.id, i)).collect(),
            events: joined.events,
            disagreements: joined.disagreements,
            records: Vec::new(),
            lists: Vec::new(),
            reviewed: Default::default(),
            readings: Default::default(),
            last_updated: None,
            gone: Vec::new(),
        }
    }

    /// A row of an official in-year sheet: the visit's date, no publication date (the 2023 file).
    fn in_year(row: u32, event_type: &str, on_site: Date, theme: Option<&str>) -> OfficialRow {
        OfficialRow {
            id: i64::from(row),
            source: "underlying_data_2023.ods".into(),
            sheet: "LA_level_in_year_2022-23".into(),
            row,
            urn: Some(BARNSLEY),
            la_name: "Barnsley".into(),
            kind: None,
            framework: Some(Framework::Ilacs),
            event_type: event_type.into(),
            inspection_start: Some(on_site),
            inspection_end: None,
            published: None,
            grades: JudgementSet::default(),
            link: Some(format!("https://reports.ofsted.gov.uk/provider/44/{BARNSLEY}")),
            visit_theme: theme.map(str::to_string),
        }
    }

    fn inspection(row: u32, on_site: Date, published: Date, overall: Grade) -> OfficialRow {
        OfficialRow {
            kind: Some(Kind::IlacsStandard),
            event_type: "ILACS Standard Inspection".into(),
            published: Some(published),
            grades: JudgementSet { overall: Some(overall), ..Default::default() },
            visit_theme: None,
            ..in_year(row, "", on_site, None)
        }
    }

    /// A visit letter `lacs sync` recorded (checked, held).
    fn letter(file_id: &str, kind_hint: KindHint, published: &str) -> SitePublication {
        SitePublication {
            urn: BARNSLEY,
            file_id: file_id.into(),
            link_text: format!("{} - {published}", kind_hint.visit().map_or("", |v| v.label())),
            url: format!("https://files.ofsted.gov.uk/v1/file/{file_id}"),
            kind_hint,
            published: Some(published.into()),
            la_name: Some("Barnsley".into()),
            provider_url: None,
            sha256: Some(format!("{file_id:0>64}")),
            size: Some(1),
            cache_path: None,
            ingested_as: None,
            etag: None,
            last_modified: None,
            fetched_at: None,
            checked_at: None,
            confirmed: Some(true),
            status: PublicationStatus::Recorded,
            error: None,
            attempts: 1,
            first_seen: String::new(),
            last_seen: String::new(),
        }
    }

    #[test]
    fn an_official_visit_and_its_letter_are_one_event_with_the_theme() {
        let r = register(
            &[
                inspection(1, date(2021, 11, 8), date(2022, 1, 7), Grade::Inadequate),
                in_year(2, "ILACS Focused Visit", date(2022, 10, 4), Some("Children in care")),
                in_year(3, "LA Monitoring visit", date(2022, 6, 7), Some("Front door")),
                in_year(4, "LA Monitoring visit", date(2022, 12, 6), None),
            ],
            &[
                letter("fv1", KindHint::FocusedVisit, "2022-11-10"),
                letter("mv1", KindHint::MonitoringVisit, "2022-07-20"),
                // A letter of a visit the official record does not list.
                letter("mv3", KindHint::MonitoringVisit, "2023-05-02"),
            ],
        );
        let all = r.visits(&VisitsRequest::default()).unwrap();
        let summary: Vec<(&str, Option<&str>, Option<u32>, &str)> =
            all.visits.iter().map(|v| (v.visit_label, v.theme.as_deref(), v.sequence, v.sources)).collect();
        assert_eq!(
            summary,
            [
                ("Monitoring visit", None, Some(3), "site"),
                ("Monitoring visit", None, Some(2), "official"),
                ("Focused visit", Some("Children in care"), None, "official+site"),
                ("Monitoring visit", Some("Front door"), Some(1), "official+site"),
            ],
            "newest first; one event for each visit both sources know, the theme from the official row"
        );
        let focused = &all.visits[2];
        assert_eq!((focused.inspection_start, focused.published), (Some(date(2022, 10, 4)), Some(date(2022, 11, 10))));
        assert_eq!(focused.url.as_deref(), Some("https://files.ofsted.gov.uk/v1/file/fv1"), "the letter's link");
        assert_eq!(all.visits[0].sequence_note.as_deref(), Some("monitoring visit 3 since the inadequate judgement"));
        assert_eq!(all.counts.iter().map(|c| c.visits).collect::<Vec<_>>(), [1, 3, 0]);

        let p = |pairs: &[(&str, &str)]| VisitsRequest::parse(&super::tests::p(pairs)).unwrap();
        let focused_only = r.visits(&p(&[("type", "focused_visit")])).unwrap();
        assert_eq!(focused_only.visits.len(), 1);
        let since = r.visits(&p(&[("since", "2022-12-01"), ("region", "North East, Yorkshire and the Humber")])).unwrap();
        assert_eq!(since.visits.len(), 2);
        assert!(r.visits(&p(&[("region", "London")])).unwrap().visits.is_empty());
        assert!(matches!(r.visits(&p(&[("la", "Nowhereshire")])), Err(QueryError::UnknownAuthority { .. })));
    }

    fn p(pairs: &[(&str, &str)]) -> Params {
        Params::query(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()).on(date(2026, 12, 4))
    }

    #[test]
    fn the_filters_are_read_and_a_bad_word_is_named() {
        let r = VisitsRequest::parse(&p(&[("type", "monitoring_visit"), ("since", "1 April 2024"), ("region", "london"), ("la", "Barnsley")])).unwrap();
        assert_eq!(
            (r.visit_type, r.since, r.region, r.la.as_deref()),
            (Some(UngradedKind::MonitoringVisit), Some(date(2024, 4, 1)), Some("London"), Some("Barnsley"))
        );
        let e = VisitsRequest::parse(&p(&[("type", "slac")])).unwrap_err();
        assert_eq!(e.name, "type");
        assert!(e.message.contains("focused_visit, monitoring_visit, jtai"), "{e}");
        let flags = Params::flags([("type", Some("inspection".to_string()))]);
        assert_eq!(VisitsRequest::parse(&flags).unwrap_err().name, "--type");
        for (name, bad) in [("since", "yesterday"), ("until", "2099-01-01"), ("region", "Mars")] {
            assert_eq!(VisitsRequest::parse(&p(&[(name, bad)])).unwrap_err().name, name);
        }
    }
}
