use crate::{AuthorityId, Date, JudgementSet, Kind, Status};

/// One inspection event of an LA as the register knows it, from one or both sources: the
/// report itself and Ofsted's official statistics. Analysis works on these.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct InspectionEvent {
    /// Register id of the event (stable within one register).
    pub id: i64,
    pub urn: AuthorityId,
    /// Graded kinds count in the national picture; `None` for ungraded visits
    /// (`event_type` then says which).
    pub kind: Option<Kind>,
    /// As printed by the source: "focused visit", "monitoring visit", "ILACS standard"...
    pub event_type: String,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    pub published: Option<Date>,
    /// Grades: the report's where it printed them, else the official record's.
    pub grades: JudgementSet,
    /// Which sources the event is known from.
    pub sources: EventSources,
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
