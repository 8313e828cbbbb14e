//! When each LA's next full inspection is due, as at a date: by the published rules
//! (`lacs_domain::DUE_RULES`) and by the intervals observed in the register.
//!
//! - **From.** Every interval counts from the previous graded inspection's publication date
//!   (else its last, else its first day on site: every graded event the index holds has a
//!   publication date, so the fallbacks only guard hand-made events).
//! - **To.** The next graded inspection's first day on site (else its last day, else its
//!   publication, for the SIFs of Ofsted's 2023 file that carry no dates).
//! - **Observed.** Pairs of consecutive graded inspections of one LA, both published by the
//!   as-at date, grouped by the rule version and grade of the earlier one; monitoring visits
//!   (ungraded, type "Monitoring visit") of an LA whose latest graded inspection before them
//!   was inadequate, consecutive with no graded inspection between. Abolished LAs' events
//!   count: their intervals are as real as anyone's.
//! - **Which LAs.** Those existing on the as-at date with a graded inspection published by
//!   then (Ofsted's rule for the picture), whose grade picks a rule.
//! - **Status.** By the rules' window: not yet due, in its window, or overdue (past its end,
//!   by so many months); `inspected` when a graded inspection began after the latest
//!   published one, on or before the as-at date, and its report was not published by then.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::Span;
use lacs_domain::{
    due_rule, AuthorityId, DueBasis, Grade, InspectionEvent, Kind, RuleVersion, UngradedKind,
};
use serde::Serialize;

use crate::index::{Cutoff, Index};

/// Days in an average month: months are shown as days ÷ 30.44, to one decimal.
const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// Days as months, to one decimal.
pub fn months(days: i64) -> f64 {
    (days as f64 / DAYS_PER_MONTH * 10.0).round() / 10.0
}

/// From `a` to `b`, in days.
fn days(a: Date, b: Date) -> i64 {
    i64::from((b - a).get_days())
}

fn add_months(d: Date, n: u8) -> Date {
    d.checked_add(Span::new().months(i64::from(n))).unwrap_or(d)
}

fn add_days(d: Date, n: i64) -> Date {
    d.checked_add(Span::new().days(n)).unwrap_or(d)
}

/// Where an LA stands against a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DueStatus {
    /// Past the end of its window.
    Overdue,
    /// Inside its window.
    InWindow,
    /// Before its window opens.
    NotYetDue,
    /// Its next inspection has begun; the report was not published by the as-at date.
    Inspected,
}

impl DueStatus {
    pub const ALL: [DueStatus; 4] = [DueStatus::Overdue, DueStatus::InWindow, DueStatus::NotYetDue, DueStatus::Inspected];

    pub const fn as_str(self) -> &'static str {
        match self {
            DueStatus::Overdue => "overdue",
            DueStatus::InWindow => "in_window",
            DueStatus::NotYetDue => "not_yet_due",
            DueStatus::Inspected => "inspected",
        }
    }

    /// The words people read.
    pub const fn label(self) -> &'static str {
        match self {
            DueStatus::Overdue => "Overdue",
            DueStatus::InWindow => "In window",
            DueStatus::NotYetDue => "Not yet due",
            DueStatus::Inspected => "Inspected, report awaited",
        }
    }

    /// Where `as_at` falls against `w`.
    pub fn of(w: &Window, as_at: Date) -> DueStatus {
        if as_at < w.start {
            DueStatus::NotYetDue
        } else if as_at <= w.end {
            DueStatus::InWindow
        } else {
            DueStatus::Overdue
        }
    }
}

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Window {
    pub start: Date,
    pub end: Date,
}

/// The window the rules give, and where the LA stands against it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RulesWindow {
    /// What comes next, as the rule says.
    pub next: &'static str,
    pub window: Window,
    pub status: DueStatus,
    /// Months past the window's end (overdue only).
    pub months_overdue: Option<f64>,
}

/// The window the observed intervals give: the median, within the shortest and longest.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ObservedWindow {
    pub median: Date,
    pub window: Window,
    /// How many intervals it rests on.
    pub cases: usize,
}

/// The next monitoring visit of an LA whose latest grade is inadequate.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct MonitoringDue {
    /// The first day on site of the latest monitoring visit since the inadequate inspection
    /// (`None`: none yet; the window counts from the report's publication).
    pub last_visit: Option<Date>,
    /// Monitoring visits since the inadequate inspection.
    pub visits: usize,
    pub window: Window,
    pub status: DueStatus,
    pub months_overdue: Option<f64>,
    /// By the observed intervals between monitoring visits.
    pub observed: Option<ObservedWindow>,
}

/// One LA's next inspection.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DueEntry {
    pub urn: AuthorityId,
    pub la_name: &'static str,
    pub ofsted_region: &'static str,
    pub ons_region: &'static str,
    /// The latest graded inspection published by the as-at date.
    pub event_id: i64,
    pub kind: Option<Kind>,
    pub inspection_start: Option<Date>,
    pub published: Option<Date>,
    /// The date the windows count from, and which of the event's dates it is
    /// (`published`, else `inspection_end`, else `inspection_start`).
    pub counted_from: Date,
    pub counted_from_field: &'static str,
    pub version: RuleVersion,
    pub basis: DueBasis,
    /// The grade that picks the rule: overall effectiveness, or the lowest judgement.
    pub grade: Grade,
    pub rules: RulesWindow,
    /// By the intervals observed after inspections of the same version and grade.
    pub observed: Option<ObservedWindow>,
    pub monitoring: Option<MonitoringDue>,
    /// The rules' status, or `inspected`.
    pub status: DueStatus,
    /// The first day on site of a graded inspection begun but not published by the as-at date.
    pub inspected_since: Option<Date>,
}

/// The intervals observed after one version and grade.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct IntervalStats {
    pub version: RuleVersion,
    pub grade: Grade,
    pub min_months: f64,
    pub median_months: f64,
    pub max_months: f64,
    pub cases: usize,
    #[serde(skip)]
    #[schema(ignore)]
    pub(crate) days: (i64, i64, i64),
}

impl IntervalStats {
    fn of(version: RuleVersion, grade: Grade, mut d: Vec<i64>) -> Option<IntervalStats> {
        d.sort_unstable();
        let (first, last) = (*d.first()?, *d.last()?);
        let n = d.len();
        let median = if n % 2 == 1 { d[n / 2] } else { (d[n / 2 - 1] + d[n / 2]) / 2 };
        Some(IntervalStats {
            version,
            grade,
            min_months: months(first),
            median_months: months(median),
            max_months: months(last),
            cases: n,
            days: (first, median, last),
        })
    }

    /// The window these intervals give from `from`.
    pub fn window_from(&self, from: Date) -> ObservedWindow {
        ObservedWindow {
            median: add_days(from, self.days.1),
            window: Window { start: add_days(from, self.days.0), end: add_days(from, self.days.2) },
            cases: self.cases,
        }
    }
}

/// Every interval observed in the register by a date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Observed {
    /// From a graded inspection's publication to the next graded inspection's start.
    pub next_inspection: Vec<IntervalStats>,
    /// Between consecutive monitoring visits of an inadequate LA (first days on site).
    pub monitoring: Vec<IntervalStats>,
}

impl Observed {
    fn find(list: &[IntervalStats], v: RuleVersion, g: Grade) -> Option<&IntervalStats> {
        list.iter().find(|s| s.version == v && s.grade == g)
    }
}

/// Every LA's next inspection as at a date, ranked (overdue first, most overdue first; then
/// by the window's start), and the observed intervals behind it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Due {
    pub as_at: Date,
    pub entries: Vec<DueEntry>,
    pub observed: Observed,
    /// LAs existing on the date with no graded inspection published by then.
    pub not_inspected: usize,
    /// LAs whose latest graded inspection picks no rule (no grade on the scale).
    pub no_rule: usize,
}

/// The date an event counts from, and which field it is.
fn counted_from(e: &InspectionEvent) -> Option<(Date, &'static str)> {
    e.published
        .map(|d| (d, "published"))
        .or(e.inspection_end.map(|d| (d, "inspection_end")))
        .or(e.inspection_start.map(|d| (d, "inspection_start")))
}

/// The date a next inspection counts to.
fn began(e: &InspectionEvent) -> Option<Date> {
    e.inspection_start.or(e.inspection_end).or(e.published)
}

fn is_monitoring(e: &InspectionEvent) -> bool {
    e.kind.is_none() && UngradedKind::from_label(&e.event_type) == Some(UngradedKind::MonitoringVisit)
}

/// Known by `as_at`: published by then, or (no publication date) begun by then.
fn known_by(e: &InspectionEvent, as_at: Date) -> bool {
    match e.published {
        Some(p) => p <= as_at,
        None => e.inspection_start.is_some_and(|s| s <= as_at),
    }
}

fn overdue_by(status: DueStatus, end: Date, as_at: Date) -> Option<f64> {
    (status == DueStatus::Overdue).then(|| months(days(end, as_at)))
}

impl<'e> Index<'e> {
    /// The intervals observed in events known by `as_at`.
    pub fn observed_intervals(&self, as_at: Date) -> Observed {
        let cutoff = Cutoff::new(as_at);
        let mut next: BTreeMap<(RuleVersion, Grade), Vec<i64>> = BTreeMap::new();
        let mut visits: BTreeMap<(RuleVersion, Grade), Vec<i64>> = BTreeMap::new();
        let mut urns: Vec<&AuthorityId> = self.las.keys().collect();
        urns.sort_unstable();
        for &urn in urns {
            let graded: Vec<&InspectionEvent> = self.graded_of(urn).filter(|e| cutoff.admits(e)).collect();
            for pair in graded.windows(2) {
                let (Some((v, _, g)), Some((from, _)), Some(to)) = (RuleVersion::of(pair[0]), counted_from(pair[0]), began(pair[1])) else {
                    continue;
                };
                next.entry((v, g)).or_default().push(days(from, to));
            }
            // Monitoring visits, each under the latest graded inspection begun before it.
            let mut last: Option<Date> = None;
            let mut under: Option<(RuleVersion, Grade)> = None;
            for e in self.events_of(urn).filter(|e| known_by(e, as_at)) {
                if e.is_graded() {
                    under = RuleVersion::of(e).map(|(v, _, g)| (v, g));
                    last = None;
                } else if is_monitoring(e) {
                    let Some(day) = e.inspection_start.or(e.published) else { continue };
                    if let (Some(prev), Some((v, Grade::Inadequate))) = (last, under) {
                        visits.entry((v, Grade::Inadequate)).or_default().push(days(prev, day));
                    }
                    last = Some(day);
                }
            }
        }
        let collect = |m: BTreeMap<(RuleVersion, Grade), Vec<i64>>| {
            m.into_iter().filter_map(|((v, g), d)| IntervalStats::of(v, g, d)).collect()
        };
        Observed { next_inspection: collect(next), monitoring: collect(visits) }
    }

    /// Every existing LA's next inspection as at `as_at`.
    pub fn due(&self, as_at: Date) -> Due {
        let observed = self.observed_intervals(as_at);
        let cutoff = Cutoff::new(as_at);
        let (mut not_inspected, mut no_rule) = (0, 0);
        let mut entries = Vec::new();
        for a in lacs_authorities::exist_on(as_at) {
            let Some(latest) = self.latest(a.urn, &cutoff) else {
                not_inspected += 1;
                continue;
            };
            match self.entry(a, latest, as_at, &observed) {
                Some(e) => entries.push(e),
                None => no_rule += 1,
            }
        }
        entries.sort_by(|a, b| {
            let key = |e: &DueEntry| {
                let day = if e.status == DueStatus::Overdue { e.rules.window.end } else { e.rules.window.start };
                (e.status, day)
            };
            key(a).cmp(&key(b)).then_with(|| a.la_name.cmp(b.la_name))
        });
        Due { as_at, entries, observed, not_inspected, no_rule }
    }

    fn entry(
        &self,
        a: &'static lacs_domain::Authority,
        latest: &InspectionEvent,
        as_at: Date,
        observed: &Observed,
    ) -> Option<DueEntry> {
        let (version, basis, grade) = RuleVersion::of(latest)?;
        let rule = due_rule(version, grade)?;
        let (from, field) = counted_from(latest)?;
        let window = Window { start: add_months(from, rule.earliest_months), end: add_months(from, rule.latest_months) };
        let rules_status = DueStatus::of(&window, as_at);
        let rules = RulesWindow { next: rule.next, window, status: rules_status, months_overdue: overdue_by(rules_status, window.end, as_at) };
        let since = latest.inspection_start.unwrap_or(from);
        let inspected_since = self
            .events_of(a.urn)
            .filter(|e| e.is_graded() && e.id != latest.id)
            .filter_map(|e| e.inspection_start.filter(|s| *s > since && *s <= as_at).map(|s| (s, e)))
            .filter(|(_, e)| e.published.is_none_or(|p| p > as_at))
            .map(|(s, _)| s)
            .min();
        let monitoring = rule.monitoring.map(|m| {
            let visits: Vec<Date> = self
                .events_of(a.urn)
                .filter(|e| is_monitoring(e) && known_by(e, as_at))
                .filter_map(|e| e.inspection_start.or(e.published))
                .filter(|d| *d > since)
                .collect();
            let last_visit = visits.iter().max().copied();
            let (base, lo, hi) = match last_visit {
                Some(d) => (d, m.every_earliest_months, m.every_latest_months),
                None => (from, m.first_earliest_months, m.first_latest_months),
            };
            let window = Window { start: add_months(base, lo), end: add_months(base, hi) };
            let status = DueStatus::of(&window, as_at);
            MonitoringDue {
                last_visit,
                visits: visits.len(),
                window,
                status,
                months_overdue: overdue_by(status, window.end, as_at),
                observed: last_visit
                    .and_then(|d| Observed::find(&observed.monitoring, version, grade).map(|s| s.window_from(d))),
            }
        });
        Some(DueEntry {
            urn: a.urn,
            la_name: &a.name,
            ofsted_region: a.ofsted_region.as_str(),
            ons_region: a.ons_region.as_str(),
            event_id: latest.id,
            kind: latest.kind,
            inspection_start: latest.inspection_start,
            published: latest.published,
            counted_from: from,
            counted_from_field: field,
            version,
            basis,
            grade,
            observed: Observed::find(&observed.next_inspection, version, grade).map(|s| s.window_from(from)),
            status: if inspected_since.is_some() { DueStatus::Inspected } else { rules.status },
            rules,
            monitoring,
            inspected_since,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use lacs_domain::{EventSources, JudgementSet};
    use lacs_testkit::events::{ev, ilacs, sif, urn};
    use Grade::*;

    fn monitoring(id: i64, urn: u32, start: Date) -> InspectionEvent {
        InspectionEvent {
            id,
            urn,
            kind: None,
            event_type: "Monitoring visit".into(),
            inspection_start: Some(start),
            inspection_end: Some(start.saturating_add(Span::new().days(1))),
            published: Some(start.saturating_add(Span::new().days(30))),
            grades: JudgementSet::default(),
            sources: EventSources::default(),
            visit: None,
        }
    }

    fn entry(events: &[InspectionEvent], urn: u32, as_at: Date) -> DueEntry {
        let due = Index::new(events).due(as_at);
        due.entries.into_iter().find(|e| e.urn == urn).expect("an entry")
    }

    #[test]
    fn good_and_outstanding_ilacs_are_due_a_short_inspection_three_years_on_give_or_take_six_months() {
        for g in [Outstanding, Good] {
            let events = [ilacs(1, urn::BARNSLEY, date(2022, 5, 9), date(2022, 7, 1), g)];
            let e = entry(&events, urn::BARNSLEY, date(2024, 1, 1));
            assert_eq!((e.version, e.basis, e.grade), (RuleVersion::Ilacs, DueBasis::Overall, g));
            assert_eq!(e.rules.next, "ILACS short inspection");
            assert_eq!(e.rules.window, Window { start: date(2025, 1, 1), end: date(2026, 1, 1) });
            assert_eq!((e.counted_from, e.counted_from_field), (date(2022, 7, 1), "published"));
            assert_eq!((e.status, e.rules.months_overdue), (DueStatus::NotYetDue, None));
            assert!(e.monitoring.is_none());
        }
    }

    #[test]
    fn requires_improvement_is_due_a_standard_inspection_and_the_status_follows_the_date() {
        let events = [ilacs(1, urn::BARNET, date(2021, 1, 11), date(2021, 3, 1), RequiresImprovement)];
        let at = |d| entry(&events, urn::BARNET, d);
        assert_eq!(at(date(2023, 9, 1)).rules.next, "ILACS standard inspection");
        assert_eq!(at(date(2023, 8, 31)).status, DueStatus::NotYetDue);
        assert_eq!(at(date(2023, 9, 1)).status, DueStatus::InWindow, "the window opens 30 months on");
        assert_eq!(at(date(2024, 9, 1)).status, DueStatus::InWindow, "and closes 42 months on, that day included");
        let late = at(date(2025, 9, 1));
        assert_eq!((late.status, late.rules.months_overdue), (DueStatus::Overdue, Some(12.0)));
    }

    #[test]
    fn sif_grades_follow_the_sif_rules() {
        let events = [sif(1, urn::BATH, date(2015, 6, 1), Good), sif(2, urn::WAKEFIELD, date(2016, 2, 1), Inadequate)];
        let good = entry(&events, urn::BATH, date(2017, 1, 1));
        assert_eq!((good.version, good.rules.window.start, good.rules.window.end), (RuleVersion::Sif, date(2017, 12, 1), date(2018, 12, 1)));
        let bad = entry(&events, urn::WAKEFIELD, date(2017, 1, 1));
        assert_eq!(bad.rules.window, Window { start: date(2017, 2, 1), end: date(2018, 5, 1) });
        assert_eq!(bad.status, DueStatus::NotYetDue);
        let m = bad.monitoring.expect("an inadequate LA is monitored");
        assert_eq!((m.visits, m.last_visit), (0, None));
        assert_eq!(m.window, Window { start: date(2016, 4, 1), end: date(2016, 6, 1) });
        assert_eq!((m.status, m.months_overdue), (DueStatus::Overdue, Some(7.0)));
    }

    #[test]
    fn an_inadequate_las_next_monitoring_visit_counts_from_its_last_visit() {
        let events = [
            ilacs(1, urn::ROTHERHAM, date(2023, 1, 9), date(2023, 3, 1), Inadequate),
            monitoring(2, urn::ROTHERHAM, date(2023, 7, 4)),
            monitoring(3, urn::ROTHERHAM, date(2023, 10, 10)),
            monitoring(4, urn::ROTHERHAM, date(2024, 1, 16)),
        ];
        let e = entry(&events, urn::ROTHERHAM, date(2024, 3, 1));
        assert_eq!(e.rules.next, "ILACS standard inspection (re-inspection) after monitoring visits");
        assert_eq!(e.rules.window, Window { start: date(2024, 3, 1), end: date(2025, 9, 1) });
        let m = e.monitoring.expect("monitored");
        // The third visit's letter is published 15 February: known by 1 March.
        assert_eq!((m.visits, m.last_visit), (3, Some(date(2024, 1, 16))));
        assert_eq!(m.window, Window { start: date(2024, 3, 16), end: date(2024, 5, 16) });
        assert_eq!(m.status, DueStatus::NotYetDue);
        let o = m.observed.expect("two observed gaps between visits, 98 days each");
        let next = date(2024, 1, 16).saturating_add(Span::new().days(98));
        assert_eq!((o.cases, o.median, o.window), (2, next, Window { start: next, end: next }));
    }

    #[test]
    fn the_reformed_ilacs_is_scheduled_by_its_lowest_judgement() {
        let mut reformed = ilacs(1, urn::BARKING, date(2026, 5, 11), date(2026, 7, 1), Good);
        reformed.grades.overall = None;
        reformed.grades.care_leavers = Some(Inadequate);
        let e = entry(&[reformed.clone()], urn::BARKING, date(2026, 12, 4));
        assert_eq!((e.version, e.basis, e.grade), (RuleVersion::Ilacs2026, DueBasis::LowestJudgement, Inadequate));
        assert!(e.monitoring.is_some(), "an inadequate judgement is monitored");
        reformed.grades.care_leavers = Some(Good);
        let e = entry(&[reformed], urn::BARKING, date(2026, 12, 4));
        assert_eq!((e.grade, e.rules.next), (Good, "ILACS short inspection"));
        assert_eq!(e.rules.window, Window { start: date(2029, 1, 1), end: date(2030, 1, 1) });
    }

    #[test]
    fn an_overdue_la_ranks_first_and_an_inspection_begun_is_inspected() {
        let events = [
            ilacs(1, urn::BARNSLEY, date(2019, 1, 7), date(2019, 3, 1), Good),
            ilacs(2, urn::BARNET, date(2023, 1, 9), date(2023, 3, 1), Good),
            ilacs(3, urn::BATH, date(2019, 1, 7), date(2019, 3, 1), Good),
            // Bath's next inspection is on site, its report not out by the as-at date.
            ilacs(4, urn::BATH, date(2024, 11, 4), date(2025, 1, 10), Good),
        ];
        let due = Index::new(&events).due(date(2024, 12, 1));
        let order: Vec<(u32, DueStatus)> = due.entries.iter().map(|e| (e.urn, e.status)).collect();
        assert_eq!(order, [(urn::BARNSLEY, DueStatus::Overdue), (urn::BARNET, DueStatus::NotYetDue), (urn::BATH, DueStatus::Inspected)]);
        assert_eq!(due.entries[0].rules.months_overdue, Some(months(822)), "1 September 2022 to 1 December 2024");
        assert_eq!(due.entries[2].inspected_since, Some(date(2024, 11, 4)));
        assert_eq!(due.not_inspected, 153 - 3);
    }

    #[test]
    fn abolished_las_are_left_out_but_their_intervals_count() {
        let events = [
            ilacs(1, urn::CUMBRIA, date(2018, 1, 8), date(2018, 3, 1), Good),
            ilacs(2, urn::CUMBRIA, date(2021, 1, 11), date(2021, 3, 1), Good),
        ];
        let due = Index::new(&events).due(date(2024, 1, 1));
        assert!(due.entries.iter().all(|e| e.urn != urn::CUMBRIA), "Cumbria ended in 2023");
        let s = due.observed.next_inspection[0];
        assert_eq!((s.version, s.grade, s.cases), (RuleVersion::Ilacs, Good, 1));
        assert_eq!(s.median_months, months(days(date(2018, 3, 1), date(2021, 1, 11))));
    }

    #[test]
    fn observed_intervals_give_min_median_max_and_cases() {
        // Four requires improvement inspections of one LA, each begun 1000, 1200 and 1100
        // days after the one before was published.
        let mut events = Vec::new();
        let (mut start, mut published) = (date(2013, 11, 20), date(2014, 1, 1));
        for (i, gap) in [1000, 1200, 1100, 0].into_iter().enumerate() {
            events.push(ev(i as i64, urn::BARNSLEY, Kind::IlacsStandard, Some(start), published, Some(RequiresImprovement)));
            start = published.saturating_add(Span::new().days(gap));
            published = start.saturating_add(Span::new().days(40));
        }
        let index = Index::new(&events);
        let o = index.observed_intervals(date(2026, 1, 1));
        let s = o.next_inspection.iter().find(|s| s.grade == RequiresImprovement).expect("stats");
        assert_eq!(s.cases, 3);
        assert_eq!((s.min_months, s.median_months, s.max_months), (months(1000), months(1100), months(1200)));
        // An even count takes the mean of the middle two.
        let two = IntervalStats::of(RuleVersion::Sif, Good, vec![100, 300]).expect("two");
        assert_eq!(two.days, (100, 200, 300));
        assert!(IntervalStats::of(RuleVersion::Sif, Good, vec![]).is_none());
        // Nothing published after the date counts.
        assert!(index.observed_intervals(date(2014, 6, 1)).next_inspection.is_empty());
    }
}
