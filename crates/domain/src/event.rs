use crate::{AuthorityId, Date, JudgementSet, Kind, Status};

/// One inspection event of an LA as the register knows it, from one or both sources: the
/// report itself and Ofsted's official statistics. Analysis works on these.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct InspectionEvent {
    /// The event's id: positive, derived from what the event is ([`event_id`]), so the same
    /// sources give the same id in every register built from them (it appears in URLs).
    pub id: i64,
    pub urn: AuthorityId,
    /// Graded kinds count in the national picture; `None` for ungraded visits
    /// (`event_type` then says which).
    pub kind: Option<Kind>,
    /// The label of its type: its kind's ([`Kind::label`]), an ungraded event's
    /// ([`crate::UngradedKind::label`]: "Focused visit", "Monitoring visit"…), or an official
    /// file's type text no vocabulary knows, as printed.
    pub event_type: String,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    pub published: Option<Date>,
    /// Grades: the report's where it printed them, else the official record's.
    pub grades: JudgementSet,
    /// Which sources the event is known from.
    pub sources: EventSources,
    /// Focused and monitoring visits and JTAIs: theme and a monitoring visit's number
    /// ([`crate::describe_visits`]); `None` for every other event.
    pub visit: Option<crate::VisitDetail>,
}

/// Where an event is known from.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct EventSources {
    /// sha256 of the report, when the register holds it.
    pub report_sha256: Option<String>,
    /// "file / sheet / row" in Ofsted's official statistics, when listed there.
    pub official: Option<String>,
    /// Ofsted's own link to the report, when known.
    pub url: Option<String>,
}

impl InspectionEvent {
    pub fn is_graded(&self) -> bool {
        self.kind.is_some_and(Kind::is_graded_event)
    }

    /// "report", "official" or "report+official".
    pub fn source_label(&self) -> &'static str {
        match (self.sources.report_sha256.is_some(), self.sources.official.is_some()) {
            (true, true) => "report+official",
            (true, false) => "report",
            (false, true) => "official",
            (false, false) => "none",
        }
    }
}

/// How far an event shown in an LA's history can be taken as read: the status of the report
/// the register holds for it, or `Official` when it holds none (the event is known from
/// Ofsted's official statistics or its reports site only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum EventStatus {
    Ok,
    NeedsReview,
    Official,
}

crate::vocabulary!(EventStatus, "event status", [
    (Ok, "ok"),
    (NeedsReview, "needs_review"),
    (Official, "official"),
]);

impl From<Status> for EventStatus {
    fn from(s: Status) -> EventStatus {
        match s {
            Status::Ok => EventStatus::Ok,
            Status::NeedsReview => EventStatus::NeedsReview,
        }
    }
}

/// What an LA's URN is multiplied by in an event id: the rest of the id is below it.
pub const EVENT_ID_URN_FACTOR: i64 = 1_000_000_000;

/// The id of an event of LA `urn` on `date` (its inspection start, else its publication
/// date; `None` when it has neither), the `n`th of that LA on that date:
/// `urn × 10⁹ + yyyymmdd × 10 + n`. Read back, 80426_2023_0109_0 is Barnsley's event that
/// began on 9 January 2023. Positive, and below 2⁵³ (safe in JavaScript) for every URN of
/// at most 6 digits (an LA's has 5 or 6); `n` is below 10 except for a tenth event of one LA
/// on one day, which [`assign_event_ids`] moves to the next free id. Ids depend only on what
/// the events are, never on the order rows were stored in.
pub fn event_id(urn: AuthorityId, date: Option<Date>, n: u32) -> i64 {
    let day = date.map_or(0, |d| {
        (i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())).max(0)
    });
    i64::from(urn) * EVENT_ID_URN_FACTOR + day * 10 + i64::from(n)
}

/// Give every event its [`event_id`]. Events of one LA on one date are numbered `n = 0, 1, …`
/// in an order made of what they are, not where they came from: kind (ungraded first), type,
/// dates, then their sources (report sha256, official rows, link), so the same sources in any
/// order give the same ids. An id already taken (a tenth event on a day) moves to the next
/// free one: ids are always unique.
pub fn assign_event_ids(events: &mut [InspectionEvent]) {
    let day = |e: &InspectionEvent| e.inspection_start.or(e.published);
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |e: &InspectionEvent| {
            (
                e.urn,
                day(e),
                e.kind,
                e.event_type.clone(),
                e.inspection_start,
                e.published,
                e.inspection_end,
                e.sources.report_sha256.clone(),
                e.sources.official.clone(),
                e.sources.url.clone(),
            )
        };
        key(&events[a]).cmp(&key(&events[b]))
    });
    let mut taken = std::collections::HashSet::new();
    let mut previous: Option<(AuthorityId, Option<Date>)> = None;
    let mut n = 0;
    for i in order {
        let here = (events[i].urn, day(&events[i]));
        n = if previous == Some(here) { n + 1 } else { 0 };
        previous = Some(here);
        let mut id = event_id(here.0, here.1, n);
        while !taken.insert(id) {
            id += 1;
        }
        events[i].id = id;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn event(urn: u32, start: Option<Date>, published: Option<Date>, event_type: &str, sha: Option<&str>) -> InspectionEvent {
        InspectionEvent {
            id: 0,
            urn,
            kind: None,
            event_type: event_type.to_string(),
            inspection_start: start,
            inspection_end: None,
            published,
            grades: JudgementSet::default(),
            sources: EventSources { report_sha256: sha.map(str::to_string), ..Default::default() },
            visit: None,
        }
    }

    #[test]
    fn ids_read_as_urn_date_and_number() {
        assert_eq!(event_id(80426, Some(date(2023, 1, 9)), 0), 80_426_202_301_090);
        assert_eq!(event_id(80426, None, 2), 80_426_000_000_002);
        let largest = event_id(999_999, Some(date(9999, 12, 31)), 9);
        assert!(largest < 1 << 53, "JavaScript-safe");
    }

    #[test]
    fn same_events_in_any_order_get_the_same_unique_positive_ids() {
        let d = Some(date(2020, 3, 12));
        let mut events = vec![
            event(80426, d, None, "Monitoring visit", None),
            event(80426, d, None, "Focused visit", None),
            event(80426, None, d, "Focused visit", Some("ab")),
            event(80501, None, None, "Report awaiting review", Some("cd")),
            event(80501, None, None, "Report awaiting review", Some("ef")),
        ];
        // Eleven on one day: the tenth and eleventh still get ids of their own.
        for k in 0..11 {
            events.push(event(80600, d, None, &format!("visit {k:02}"), None));
        }
        let mut reversed = events.clone();
        reversed.reverse();
        assign_event_ids(&mut events);
        assign_event_ids(&mut reversed);
        reversed.reverse();
        assert_eq!(events, reversed);
        let mut ids: Vec<i64> = events.iter().map(|e| e.id).collect();
        assert!(ids.iter().all(|&id| id > 0));
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), events.len());
        // One day by start or, with none, by publication: focused visits before monitoring.
        assert_eq!(events[2].id, event_id(80426, d, 0));
        assert_eq!(events[1].id, event_id(80426, d, 1));
        assert_eq!(events[0].id, event_id(80426, d, 2));
    }
}
