//! Analysis over inspection events: the questions people ask of the register.
//!
//! - [`Index::stats`]: the national (and regional) picture **as at** a date, counted the way
//!   Ofsted counts it in its official statistics;
//! - [`Index::time_series`]: that picture at every quarter end, for a stacked chart;
//! - [`Index::journey`]: every event of one LA with the change at each graded inspection, its
//!   predecessors' histories and its statistical neighbours' latest grades;
//! - [`Index::changes`]: LAs with two or more inspections of a framework, the latest compared
//!   with the one before, with the first, or the grade standing at one date with the grade
//!   standing at another (improved, declined, kept good or outstanding, stayed below good),
//!   optionally only those that moved from one given grade to another;
//! - [`Index::firsts`]: the order in which LAs first reached a grade in a judgement;
//! - [`Index::due`]: when each LA's next full inspection is due as at a date, by the
//!   published rules (`lacs_domain::DUE_RULES`) and by the intervals observed in the register
//!   ([`Index::observed_intervals`]), with an inadequate LA's next monitoring visit.
//!
//! **Architecture Invariant:** this crate is pure. It reads no files and no database and asks
//! no clock for the date: callers pass the events (and any date) in. It knows the LAs from
//! `lacs-authorities`.
//!
//! Build an [`Index`] once over a slice of events (it sorts each LA's events once) and ask it
//! as many questions as needed; each question walks only the LAs it needs and allocates only
//! its answer. Every answer derives `Serialize`; grades, judgements and kinds serialize as the
//! domain's stable words (`"requires_improvement"`, `"help_protection"`, `"ilacs_short"`).
//!
//! ```
//! use jiff::civil::date;
//! use lacs_analysis::{Index, StatsQuery, Grouping};
//! use lacs_domain::{EventSources, InspectionEvent, JudgementSet, Grade, Kind};
//!
//! let event = InspectionEvent {
//!     id: 1,
//!     urn: 80426, // Barnsley
//!     kind: Some(Kind::IlacsStandard),
//!     event_type: "ILACS standard".into(),
//!     inspection_start: Some(date(2023, 1, 9)),
//!     inspection_end: Some(date(2023, 1, 20)),
//!     published: Some(date(2023, 3, 1)),
//!     grades: JudgementSet { overall: Some(Grade::Good), ..Default::default() },
//!     sources: EventSources::default(),
//!     visit: None,
//! };
//! let events = [event];
//! let index = Index::new(&events);
//! let stats = index.stats(&StatsQuery::as_at(date(2024, 3, 31)).by(Grouping::Region));
//! assert_eq!((stats.counts.authorities, stats.counts.inspected), (153, 1));
//! assert_eq!(stats.counts.grades.good, 1);
//! ```
//!
//! # Conventions (how Ofsted counts, and the choices made where it does not say)
//! - **Which LAs.** Those existing on the as-at date ([`lacs_authorities::exist_on`]). An
//!   abolished LA's events count only while it exists; a predecessor's grade is never carried
//!   to its successor, which is "not inspected" until its own first graded event.
//! - **Which events.** Graded events only ([`InspectionEvent::is_graded`]: SIF, SIF
//!   re-inspection, ILACS standard and short) with a publication date on or before the
//!   cut-off's `published_by` (default: the as-at date), and, when `inspected_by` is given
//!   (Ofsted's releases from 2024: "inspected by 31 March and published by 30 June"), whose
//!   inspection began on or before it. An event with no start date (the SIFs of Ofsted's 2023
//!   file) meets `inspected_by` when it was *published* by then (an inspection begins before
//!   its report is published); otherwise it is left out, as nothing says when it began.
//! - **Latest.** The event published last; on the same publication day the one whose
//!   inspection began later (unknown start counts as earliest), then the higher event id.
//! - **Sub-judgements.** Read from the latest graded event, never from an older one: an LA
//!   whose latest inspection does not grade the judgement (care leavers before 2023, LSCB in
//!   ILACS, adoption in ILACS) is inspected but `not_graded` for it.
//! - **Overall effectiveness absent.** Reformed ILACS reports (from about April 2026) grade no
//!   overall effectiveness. For the overall judgement such an LA keeps the overall grade of its
//!   latest earlier graded event that had one, counted in `overall_from_earlier` and flagged
//!   in the list (`from_earlier_event`); with none, it is `not_graded`.
//! - **Changes.** Two inspections of the framework (ILACS by default) that grade the
//!   judgement, both under the cut-off, of LAs existing on the as-at date: by default the
//!   latest two; or the latest and the first; or ([`Compare::Window`]) the last published on
//!   or before one date and the last published on or before another.
//! - **Firsts.** Every LA ever in the register (abolished ones too), by the publication date
//!   of its first graded event at the grade; standard competition ranking (1, 2, 2, 4).
//! - **Unknown LAs.** Events whose URN is not in `lacs-authorities` are indexed but belong to
//!   no LA; [`Index::unknown_urns`] lists them so callers can warn.
//!
//! # Cut-offs that reproduce Ofsted's published figures
//! (tested against Ofsted's official files in `tests/official_figures.rs`)
//! - releases to 2023: LAs existing on 31 March, reports published by 30 April
//!   (`StatsQuery::as_at(31 March).published_by(30 April)`): the 2016 and 2022 figures, and
//!   the 2023 file's as-at table LA by LA but for South Tyneside (published 10 May 2023),
//!   which that file adds by a note;
//! - from 2024: inspections begun by 31 March, reports published by 30 June
//!   ([`Cutoff::ofsted_release`]): the 2024 figures, the 2024 count of changes (65 LAs with two
//!   ILACS inspections; 58 with reports published by 31 March only) and the 2025 file's
//!   as-at table, LA by LA;
//! - the end of the first SIF round: reports published by 8 December 2017.

mod changes;
mod due;
mod firsts;
mod index;
mod journey;
mod stats;

pub use changes::{ChangeCategory, ChangeEntry, Changes, ChangesQuery, Compare, Step};
pub use due::{months, Due, DueEntry, DueStatus, IntervalStats, MonitoringDue, Observed, ObservedWindow, RulesWindow, Window};
pub use firsts::First;
pub use index::{Cutoff, Index};
pub use journey::{
    AuthorityRef, Change, History, Journey, JourneyEvent, JudgementChange, Latest, NeighbourSet,
    NeighbourStatus,
};
pub use stats::{
    quarter_ends, Counts, GradeCounts, GroupStats, Grouping, ListEntry, SeriesPoint, Stats,
    StatsQuery, TimeSeries,
};

pub use lacs_domain::{AuthorityId, Date, Framework, Grade, InspectionEvent, Judgement, Kind};

/// [`Index::stats`] over `events` (builds an [`Index`]: keep one for repeated questions).
pub fn stats(events: &[InspectionEvent], q: &StatsQuery) -> Stats {
    Index::new(events).stats(q)
}

/// [`Index::journey`] over `events`.
pub fn journey(
    events: &[InspectionEvent],
    urn: AuthorityId,
    as_at: Option<Date>,
) -> Result<Journey, AnalysisError> {
    Index::new(events).journey(urn, as_at)
}

/// [`Index::changes`] over `events`.
pub fn changes(events: &[InspectionEvent], q: &ChangesQuery) -> Changes {
    Index::new(events).changes(q)
}

/// [`Index::firsts`] over `events`.
pub fn firsts(
    events: &[InspectionEvent],
    judgement: Judgement,
    grade: Grade,
    framework: Option<Framework>,
) -> Vec<First> {
    Index::new(events).firsts(judgement, grade, framework)
}

/// [`Index::time_series`] over `events`.
pub fn time_series(events: &[InspectionEvent], judgement: Judgement, until: Date) -> TimeSeries {
    Index::new(events).time_series(judgement, until)
}

/// A question the index cannot answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalysisError {
    #[error("no local authority has URN {0}")]
    UnknownAuthority(AuthorityId),
}
