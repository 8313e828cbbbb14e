//! What `lacs sync` learnt from Ofsted's reports site, folded into the events: each report's
//! link to Ofsted's copy, and focused and monitoring visit letters as ungraded events.

use lacs_domain::{Date, EventSources, InspectionEvent, JudgementSet, SitePublication};

/// A visit letter published within this many days of an official record's publication date
/// of the same visit is that visit.
pub const SAME_VISIT_DAYS: i32 = 7;

/// A visit letter published on the first day of an official record's visit or up to this
/// many days after it is that visit, when the record gives no publication date (the 2023
/// file's in-year sheet gives the visit's date only).
pub const VISIT_LETTER_DAYS: i32 = 92;

/// How far a letter published on `letter` is from an official record's visit (`None`: not
/// this visit): by publication dates within [`SAME_VISIT_DAYS`], else, with only a visit
/// date, published within [`VISIT_LETTER_DAYS`] after it.
fn letter_distance(e: &InspectionEvent, letter: Date) -> Option<i32> {
    match (e.published, e.inspection_start) {
        (Some(p), _) => Some((letter - p).get_days().abs()).filter(|&d| d <= SAME_VISIT_DAYS),
        (None, Some(s)) => Some((letter - s).get_days()).filter(|d| (0..=VISIT_LETTER_DAYS).contains(d)),
        (None, None) => None,
    }
}

/// Fold the site's publications into `events`: a publication whose content is a report an
/// event holds gives that event Ofsted's link (where it has none); a visit letter held
/// ([`SitePublication::is_visit_event`]) of a visit the official record already lists (same
/// LA and type, dated as [`letter_distance`] says; the closest such visit no other letter has
/// taken) gives it the letter's link (in place of the record's link to the LA's page) and, where
/// the record has none, its publication date; else it is a new ungraded event of the LA, dated
/// by its link text. Ids are left for
/// [`lacs_domain::assign_event_ids`].
pub(crate) fn fold(events: &mut Vec<InspectionEvent>, site: &[SitePublication]) {
    // Official visits that a letter has already joined (by index: ids are not given yet).
    let mut lettered = std::collections::HashSet::new();
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
        // Already known from the official record: add the letter's link only.
        let known = events
            .iter()
            .enumerate()
            .filter(|(i, e)| {
                !lettered.contains(i)
                    && e.urn == p.urn
                    && e.sources.official.is_some()
                    && lacs_domain::visit_kind(e) == Some(visit)
            })
            .filter_map(|(i, e)| published.and_then(|d| letter_distance(e, d)).map(|d| (d, i)))
            .min();
        match known {
            Some((_, i)) => {
                lettered.insert(i);
                let e = &mut events[i];
                e.sources.url = Some(p.url.clone());
                // The 2023 file gives a visit's date only: the letter says when it was published.
                e.published = e.published.or(published);
                let theme = e.visit.take().and_then(|v| v.theme);
                e.visit = Some(lacs_domain::VisitDetail::new(visit, theme, true));
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
                visit: Some(lacs_domain::VisitDetail::new(visit, None, true)),
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
            visit: None,
        }
    }

    #[test]
    fn reports_get_their_link_and_visits_join_or_add_events() {
        let mut events = vec![
            event("Report awaiting review", "2021-11-19", Some("ab12")),
            official(event("Focused visit", "2020-03-10", None)),
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

    fn official(mut e: InspectionEvent) -> InspectionEvent {
        e.sources.official = Some("in-year.ods / In-year / 9".into());
        e.sources.url = Some("https://reports.ofsted.gov.uk/provider/44/80426".into());
        e
    }

    #[test]
    fn a_letter_joins_the_official_visit_it_follows_when_the_record_has_only_the_visit_date() {
        // The 2023 file's in-year sheet: visit dates, no publication dates.
        let on_site = |t: &str, d: &str| {
            let mut e = official(event(t, "2000-01-01", None));
            (e.published, e.inspection_start) = (None, d.parse().ok());
            e
        };
        let mut events = vec![
            on_site("Monitoring visit", "2022-06-07"),
            on_site("Monitoring visit", "2022-10-04"),
            on_site("Focused visit", "2022-10-04"),
        ];
        let site = [
            publication("2", KindHint::MonitoringVisit, "2022-11-15", Some("cd34")),
            publication("1", KindHint::MonitoringVisit, "2022-07-19", Some("ab12")),
            // Published before the visit: not that visit.
            publication("3", KindHint::FocusedVisit, "2022-09-30", Some("ef56")),
        ];
        fold(&mut events, &site);
        assert_eq!(events.len(), 4, "two letters join their visits; the third is an event of its own");
        let url = |i: usize| events[i].sources.url.as_deref().and_then(|u| u.rsplit('/').next());
        assert_eq!((url(0), url(1), url(2), url(3)), (Some("1"), Some("2"), Some("80426"), Some("3")));
        assert_eq!((events[0].published, events[2].published), ("2022-07-19".parse().ok(), None), "the letter's date fills the gap");
        assert!(events[0].visit.as_ref().is_some_and(|v| v.letter) && events[2].visit.is_none());
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
