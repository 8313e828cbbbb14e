//! Visits as events: what an ungraded visit's event carries (its theme, and a monitoring
//! visit's place in the run that follows an inadequate judgement), and the one rule that
//! numbers monitoring visits ([`describe_visits`]).

use crate::{Grade, InspectionEvent, UngradedKind};

/// What a visit's event carries beyond any event's fields: set on every focused visit,
/// monitoring visit and joint targeted area inspection ([`UngradedKind::is_visit`]) by
/// [`describe_visits`], `None` on every other event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct VisitDetail {
    /// Which visit: focused_visit, monitoring_visit or jtai.
    pub visit_type: UngradedKind,
    /// The visit's theme as a source names it ("Front door"); `None` where no source does.
    pub theme: Option<String>,
    /// Monitoring visits: 1 for the first since the LA's most recent graded inspection, when
    /// that inspection was judged inadequate overall, 2 for the second, …; `None` when no
    /// graded inspection judged inadequate comes before it (or for other visits).
    pub sequence: Option<u32>,
    /// The id of the inadequate inspection `sequence` counts from.
    pub since_inspection: Option<i64>,
    /// Known from its letter on Ofsted's reports site (recorded by `lacs sync`): the event's
    /// `sources.url` is the letter.
    pub letter: bool,
}

impl VisitDetail {
    /// A visit of `visit_type` known so far by its theme (or none) and whether a letter is
    /// held; [`describe_visits`] numbers it.
    pub fn new(visit_type: UngradedKind, theme: Option<String>, letter: bool) -> VisitDetail {
        VisitDetail { visit_type, theme, sequence: None, since_inspection: None, letter }
    }
}

impl VisitDetail {
    /// A monitoring visit's place in words, so every surface says it alike: "monitoring visit
    /// 3 since the inadequate judgement", or that no inadequate judgement comes before it;
    /// `None` for other visits, and for a monitoring visit with no date to place it by.
    pub fn sequence_note(&self, dated: bool) -> Option<String> {
        if self.visit_type != UngradedKind::MonitoringVisit {
            return None;
        }
        match self.sequence {
            Some(n) => Some(format!("monitoring visit {n} since the inadequate judgement")),
            None if dated => Some("no inadequate judgement before it: not numbered".to_string()),
            None => None,
        }
    }
}

impl UngradedKind {
    /// The ungraded events that are visits (listed by `lacs visits`): focused and monitoring
    /// visits and joint targeted area inspections.
    pub const VISITS: [UngradedKind; 3] = [UngradedKind::FocusedVisit, UngradedKind::MonitoringVisit, UngradedKind::Jtai];

    /// Whether this ungraded event is a visit ([`UngradedKind::VISITS`]).
    pub fn is_visit(self) -> bool {
        Self::VISITS.contains(&self)
    }
}

/// The visit an event is: an ungraded event (no kind) whose type is a visit's label.
pub fn visit_kind(e: &InspectionEvent) -> Option<UngradedKind> {
    if e.kind.is_some() {
        return None;
    }
    UngradedKind::from_label(&e.event_type).filter(|u| u.is_visit())
}

/// The date an event is placed by in its LA's history: its first day on site, else its
/// publication date.
fn when(e: &InspectionEvent) -> Option<crate::Date> {
    e.inspection_start.or(e.published)
}

/// Give every visit its [`VisitDetail`] (a theme and letter already set are kept; any other
/// event's is cleared) and number each LA's monitoring visits: a monitoring visit is the `n`th since the
/// LA's most recent graded inspection placed before it (by first day on site, else
/// publication), when that inspection was judged inadequate overall; any other graded
/// inspection ends the run, so a monitoring visit after it has no number. Visits are
/// counted in date order, ties by id. Needs the events' ids (`since_inspection`); pure.
pub fn describe_visits(events: &mut [InspectionEvent]) {
    for e in events.iter_mut() {
        let known = e.visit.take();
        e.visit = visit_kind(e).map(|visit_type| {
            let (theme, letter) = known.map_or((None, false), |v| (v.theme, v.letter));
            VisitDetail::new(visit_type, theme, letter)
        });
    }
    // Monitoring visits in date order, ties by id.
    let mut monitoring: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].visit.as_ref().is_some_and(|v| v.visit_type == UngradedKind::MonitoringVisit))
        .filter(|&i| when(&events[i]).is_some())
        .collect();
    monitoring.sort_by_key(|&i| (events[i].urn, when(&events[i]), events[i].id));
    let mut run: Option<(u32, i64, u32)> = None; // (urn, inadequate inspection's id, visits so far)
    for i in monitoring {
        let (urn, on) = (events[i].urn, when(&events[i]));
        // The LA's most recent graded inspection before the visit.
        let last = events
            .iter()
            .filter(|g| g.urn == urn && g.is_graded() && when(g).is_some() && when(g) < on)
            .max_by_key(|g| (when(g), g.id));
        let since = last.filter(|g| g.grades.overall == Some(Grade::Inadequate)).map(|g| g.id);
        let sequence = since.map(|id| match run {
            Some((u, g, n)) if u == urn && g == id => n + 1,
            _ => 1,
        });
        run = since.zip(sequence).map(|(id, n)| (urn, id, n));
        if let Some(v) = events[i].visit.as_mut() {
            v.sequence = sequence;
            v.since_inspection = since;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EventSources, JudgementSet, Kind};
    use jiff::civil::{date, Date};

    fn graded(id: i64, urn: u32, start: Date, overall: Grade) -> InspectionEvent {
        InspectionEvent {
            id,
            urn,
            kind: Some(Kind::IlacsStandard),
            event_type: Kind::IlacsStandard.label().into(),
            inspection_start: Some(start),
            inspection_end: None,
            published: None,
            grades: JudgementSet { overall: Some(overall), ..Default::default() },
            sources: EventSources::default(),
            visit: None,
        }
    }

    fn visit(id: i64, urn: u32, kind: UngradedKind, start: Option<Date>, published: Option<Date>) -> InspectionEvent {
        InspectionEvent {
            id,
            urn,
            kind: None,
            event_type: kind.label().into(),
            inspection_start: start,
            inspection_end: None,
            published,
            grades: JudgementSet::default(),
            sources: EventSources::default(),
            visit: None,
        }
    }

    fn sequences(events: &[InspectionEvent]) -> Vec<(i64, Option<u32>, Option<i64>)> {
        events.iter().filter_map(|e| e.visit.as_ref().map(|v| (e.id, v.sequence, v.since_inspection))).collect()
    }

    const MV: UngradedKind = UngradedKind::MonitoringVisit;

    #[test]
    fn monitoring_visits_after_an_inadequate_judgement_are_numbered_and_a_new_inspection_resets() {
        let mut events = vec![
            // Out of order on purpose: the rule sorts by date.
            visit(3, 1, MV, Some(date(2019, 9, 1)), None),
            graded(1, 1, date(2018, 1, 8), Grade::Inadequate),
            visit(2, 1, MV, None, Some(date(2018, 6, 20))),
            visit(4, 1, MV, Some(date(2020, 2, 3)), None),
            graded(5, 1, date(2021, 5, 10), Grade::RequiresImprovement),
            visit(6, 1, MV, Some(date(2021, 11, 1)), None),
            graded(7, 1, date(2023, 1, 9), Grade::Inadequate),
            visit(8, 1, MV, Some(date(2023, 6, 1)), None),
            // Another LA's inadequate judgement counts nothing here, nor here there.
            graded(9, 2, date(2019, 1, 1), Grade::Inadequate),
        ];
        describe_visits(&mut events);
        assert_eq!(
            sequences(&events),
            vec![(3, Some(2), Some(1)), (2, Some(1), Some(1)), (4, Some(3), Some(1)), (6, None, None), (8, Some(1), Some(7))]
        );
        let note = |id: i64| {
            let e = events.iter().find(|e| e.id == id).unwrap();
            e.visit.as_ref().unwrap().sequence_note(true)
        };
        assert_eq!(note(4).as_deref(), Some("monitoring visit 3 since the inadequate judgement"));
        assert_eq!(note(6).as_deref(), Some("no inadequate judgement before it: not numbered"));
    }

    #[test]
    fn without_an_inadequate_judgement_no_visit_is_numbered() {
        let mut events = vec![
            visit(1, 1, MV, Some(date(2017, 3, 1)), None),
            graded(2, 1, date(2018, 1, 8), Grade::Good),
            visit(3, 1, MV, Some(date(2018, 6, 1)), None),
            visit(4, 1, UngradedKind::FocusedVisit, Some(date(2019, 6, 1)), None),
            visit(5, 1, MV, None, None),
        ];
        events[3].visit = Some(VisitDetail::new(UngradedKind::FocusedVisit, Some("Front door".into()), true));
        describe_visits(&mut events);
        assert_eq!(sequences(&events), vec![(1, None, None), (3, None, None), (4, None, None), (5, None, None)]);
        assert_eq!(events[3].visit.as_ref().and_then(|v| v.theme.as_deref()), Some("Front door"), "a theme is kept");
        assert!(events[3].visit.as_ref().is_some_and(|v| v.letter), "and the letter");
        assert_eq!(events[3].visit.as_ref().unwrap().sequence_note(true), None, "focused visits are not numbered");
        assert_eq!(events[4].visit.as_ref().unwrap().sequence_note(false), None, "undated: nothing said");
        assert!(events[1].visit.is_none(), "a graded inspection is no visit");
    }

    #[test]
    fn only_visits_are_visits() {
        let mut slac = visit(1, 1, UngradedKind::Slac, None, None);
        assert_eq!(visit_kind(&slac), None);
        slac.event_type = "joint targeted area inspection".into();
        assert_eq!(visit_kind(&slac), Some(UngradedKind::Jtai));
    }
}
