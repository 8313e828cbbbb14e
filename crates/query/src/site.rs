//! What `lacs sync` learnt from Ofsted's reports site, folded into the events: each report's
//! link to Ofsted's copy, and focused and monitoring visit letters as ungraded events.

use lacs_domain::{EventSources, InspectionEvent, JudgementSet};
use lacs_sync::SitePublication;

/// Visits within this many days of an official record of the same visit are the same visit.
const SAME_VISIT_DAYS: i32 = 7;

/// Offsets site-only event ids past any official row id (those are negative ids too).
const SITE_ID_BASE: i64 = 1_000_000_000;

pub(crate) fn with_site_publications(mut events: Vec<InspectionEvent>, site: &[SitePublication]) -> Vec<InspectionEvent> {
    for (i, p) in site.iter().enumerate() {
        // A report we hold: link it to Ofsted's copy.
        if let Some(sha) = &p.sha256 {
            if let Some(e) = events.iter_mut().find(|e| e.sources.report_sha256.as_deref() == Some(sha.as_str())) {
                e.sources.url.get_or_insert_with(|| p.url.clone());
                continue;
            }
        }
        if !p.is_visit_event() {
            continue;
        }
        let published: Option<lacs_domain::Date> = p.published.as_deref().and_then(|d| d.parse().ok());
        let event_type = match p.kind_hint {
            lacs_sync::KindHint::FocusedVisit => "Focused visit",
            _ => "Monitoring visit",
        };
        // Already known from the official record: add the link only.
        let known = events.iter_mut().find(|e| {
            e.urn == p.urn
                && e.kind.is_none()
                && e.event_type.eq_ignore_ascii_case(event_type)
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
                id: -(SITE_ID_BASE + i as i64),
                urn: p.urn,
                kind: None,
                event_type: event_type.to_string(),
                inspection_start: None,
                inspection_end: None,
                published,
                grades: JudgementSet::default(),
                sources: EventSources { report_sha256: None, official: None, url: Some(p.url.clone()) },
            }),
        }
    }
    events.sort_by_key(|e| (e.urn, e.published, e.inspection_start, e.id));
    events
}
