//! What `lacs sync` learnt from Ofsted's reports site, folded into the events: each report's
//! link to Ofsted's copy, and focused and monitoring visit letters as ungraded events.

use lacs_domain::{Date, EventSources, InspectionEvent, JudgementSet, SitePublication};

/// Visits within this many days of an official record of the same visit are the same visit.
pub const SAME_VISIT_DAYS: i32 = 7;

/// Fold the site's publications into `events`: a publication whose content is a report an
/// event holds gives that event Ofsted's link (where it has none); a visit letter held
/// ([`SitePublication::is_visit_event`]) of a visit the official record already lists (same
/// LA and type, dated within [`SAME_VISIT_DAYS`]) gives it the link, else it is a new
/// ungraded event of the LA, dated by its link text. Ids are left for
/// [`lacs_domain::assign_event_ids`].
pub(crate) fn fold(events: &mut Vec<InspectionEvent>, site: &[SitePublication]) {
    for p in site {
        // A report we hold: link it to Ofsted's copy.
        if let Some(sha) = &p.sha256 {
            if let Some(e) = events.iter_mut().find(|e| e.sources.report_sha256.as_deref() == Some(sha.as_str())) {
                e.sources.url.get_or_insert_with(|| p.url.clone());
                continue;
            }
        }
        let Some(visit) = p.kind_hint.visit().filter(|_| p.is_visit_event()) else {
            continue;
        };
        let published: Option<Date> = p.published.as_deref().and_then(|d| d.parse().ok());
        // Already known from the official record: add the link only.
        let known = events.iter_mut().find(|e| {
            e.urn == p.urn
                && e.kind.is_none()
                && e.event_type.eq_ignore_ascii_case(visit.label())
                && match (e.published.or(e.inspection_start), published) {
                    (Some(a), Some(b)) => (a - b).get_days().abs() <= SAME_VISIT_DAYS,
                    _ => false,
                }
        });
        match known {
            Some(e) => {
                e.sources.url.get_or_insert_with(|| p.url.clone());
            }
            None => events.push(InspectionEvent {
                id: 0,
                urn: p.urn,
                kind: None,
                event_type: visit.label().to_string(),
                inspection_start: None,
                inspection_end: None,
                published,
                grades: JudgementSet::default(),
                sources: EventSources { report_sha256: None, official: None, url: Some(p.url.clone()) },
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lacs_domain::{KindHint, PublicationStatus};

    fn publication(file_id: &str, kind_hint: KindHint, published: &str, sha256: Option<&str>) -> SitePublication {
        SitePublication {
            urn: 80426,
            file_id: file_id.into(),
            link_text: String::new(),
            url: format!("https://files.ofsted.gov.uk/v1/file/{file_id}"),
            kind_hint,
            published: Some(published.into()),
            la_name: None,
            provider_url: None,
            sha256: sha256.map(str::to_string),
            size: None,
            cache_path: None,
            ingested_as: None,
            etag: None,
            last_modified: None,
            fetched_at: None,
            confirmed: Some(true),
            status: if kind_hint.is_visit() { PublicationStatus::Recorded } else { PublicationStatus::Stored },
            error: None,
            attempts: 1,
            checked_at: None,
            first_seen: String::new(),
            last_seen: String::new(),
        }
    }

    fn event(event_type: &str, published: &str, sha256: Option<&str>) -> InspectionEvent {
        InspectionEvent {
            id: 0,
            urn: 80426,
            kind: None,
            event_type: event_type.into(),
            inspection_start: None,
            inspection_end: None,
            published: published.parse().ok(),
            grades: JudgementSet::default(),
            sources: EventSources { report_sha256: sha256.map(str::to_string), ..Default::default() },
        }
    }

    #[test]
    fn reports_get_their_link_and_visits_join_or_add_events() {
        let mut events = vec![
            event("Report awaiting review", "2021-11-19", Some("ab12")),
            event("Focused visit", "2020-03-10", None),
        ];
        let site = [
            publication("1", KindHint::Report, "2021-11-19", Some("ab12")),
            publication("2", KindHint::FocusedVisit, "2020-03-12", Some("cd34")),
            publication("3", KindHint::MonitoringVisit, "2020-03-12", Some("ef56")),
            publication("4", KindHint::Other, "2020-03-12", None),
        ];
        fold(&mut events, &site);
        assert_eq!(events.len(), 3, "the focused visit is the official one; the monitoring visit is new");
        assert_eq!(events[0].sources.url.as_deref(), Some("https://files.ofsted.gov.uk/v1/file/1"));
        assert_eq!(events[1].sources.url.as_deref(), Some("https://files.ofsted.gov.uk/v1/file/2"));
        let new = &events[2];
        assert_eq!((new.event_type.as_str(), new.published), ("Monitoring visit", "2020-03-12".parse().ok()));
        assert!(!new.is_graded());
    }

    #[test]
    fn a_letter_not_yet_checked_is_no_event() {
        let mut events = Vec::new();
        let mut p = publication("2", KindHint::FocusedVisit, "2020-03-12", Some("cd34"));
        p.status = PublicationStatus::Cached;
        fold(&mut events, &[p]);
        assert!(events.is_empty());
    }
}
