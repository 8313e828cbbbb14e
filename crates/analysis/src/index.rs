//! The index: each LA's events, sorted once.

use std::cmp::Ordering;
use std::collections::HashMap;

use lacs_domain::{Authority, AuthorityId, Date, Grade, InspectionEvent, Judgement};
use serde::Serialize;

/// Which reports count: those published by `published_by` and, when `inspected_by` is set,
/// whose inspection began by then. See the crate docs for events with no start date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Cutoff {
    /// The day the picture describes: the LAs are those existing that day.
    pub as_at: Date,
    /// Reports published on or before this day count (default: `as_at`).
    pub published_by: Date,
    /// When set, only inspections that began on or before this day count.
    pub inspected_by: Option<Date>,
}

impl Cutoff {
    /// Reports published by `as_at`, whenever inspected.
    pub fn new(as_at: Date) -> Self {
        Cutoff {
            as_at,
            published_by: as_at,
            inspected_by: None,
        }
    }

    /// Ofsted's convention from its 2024 release on: inspections that began by `as_at`
    /// with reports published within three months of it (31 March → 30 June).
    pub fn ofsted_release(as_at: Date) -> Self {
        let published_by = as_at
            .checked_add(jiff::Span::new().months(3))
            .map_or(as_at, |d| d.last_of_month());
        Cutoff {
            as_at,
            published_by,
            inspected_by: Some(as_at),
        }
    }

    pub fn published_by(mut self, d: Date) -> Self {
        self.published_by = d;
        self
    }

    pub fn inspected_by(mut self, d: Date) -> Self {
        self.inspected_by = Some(d);
        self
    }

    /// True when the event counts under this cut-off (its kind is not checked here).
    pub fn admits(&self, e: &InspectionEvent) -> bool {
        let Some(published) = e.published else {
            return false;
        };
        if published > self.published_by {
            return false;
        }
        match self.inspected_by {
            None => true,
            Some(by) => match e.inspection_start {
                Some(start) => start <= by,
                None => published <= by,
            },
        }
    }
}

/// The order of graded events: by publication date, then inspection start (unknown first),
/// then id.
pub(crate) fn graded_order(a: &InspectionEvent, b: &InspectionEvent) -> Ordering {
    (a.published, a.inspection_start, a.id).cmp(&(b.published, b.inspection_start, b.id))
}

/// The order of all events in a history: by the best date known (publication, else end,
/// else start of the inspection), then start, then id.
fn history_order(a: &InspectionEvent, b: &InspectionEvent) -> Ordering {
    let key = |e: &InspectionEvent| {
        (
            e.published.or(e.inspection_end).or(e.inspection_start),
            e.inspection_start,
            e.id,
        )
    };
    key(a).cmp(&key(b))
}

#[derive(Debug, Default)]
pub(crate) struct LaEvents {
    /// Every event, in history order (indices into the slice).
    pub all: Vec<u32>,
    /// Graded events with a publication date, in graded order.
    pub graded: Vec<u32>,
}

/// Events grouped by LA and sorted, built once; every query is a method.
#[derive(Debug)]
pub struct Index<'e> {
    pub(crate) events: &'e [InspectionEvent],
    pub(crate) las: HashMap<AuthorityId, LaEvents>,
    unknown: Vec<AuthorityId>,
}

/// The event an LA's picture rests on, for one judgement.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pick<'e> {
    /// The latest admitted graded event.
    pub latest: &'e InspectionEvent,
    /// The event the grade is read from (an earlier one for overall effectiveness when the
    /// latest has none), with its grade on the scale; `None`: not graded in the judgement.
    pub graded: Option<(&'e InspectionEvent, Grade)>,
}

impl<'e> Pick<'e> {
    pub fn is_from_earlier(&self) -> bool {
        self.graded.is_some_and(|(e, _)| e.id != self.latest.id)
    }
}

impl<'e> Index<'e> {
    /// Indexes `events` (any order; ungraded visits welcome).
    pub fn new(events: &'e [InspectionEvent]) -> Self {
        assert!(events.len() <= u32::MAX as usize, "too many events");
        let mut las: HashMap<AuthorityId, LaEvents> = HashMap::new();
        for (i, e) in events.iter().enumerate() {
            let la = las.entry(e.urn).or_default();
            la.all.push(i as u32);
            if e.is_graded() && e.published.is_some() {
                la.graded.push(i as u32);
            }
        }
        for la in las.values_mut() {
            la.all
                .sort_by(|&a, &b| history_order(&events[a as usize], &events[b as usize]));
            la.graded
                .sort_by(|&a, &b| graded_order(&events[a as usize], &events[b as usize]));
        }
        let mut unknown: Vec<AuthorityId> = las
            .keys()
            .copied()
            .filter(|u| lacs_authorities::by_urn(*u).is_none())
            .collect();
        unknown.sort_unstable();
        Index {
            events,
            las,
            unknown,
        }
    }

    /// The events indexed.
    pub fn events(&self) -> &'e [InspectionEvent] {
        self.events
    }

    /// URNs of events that name no LA of `lacs-authorities` (ignored by every query).
    pub fn unknown_urns(&self) -> &[AuthorityId] {
        &self.unknown
    }

    /// The LA's events in history order.
    pub fn events_of(
        &self,
        urn: AuthorityId,
    ) -> impl DoubleEndedIterator<Item = &'e InspectionEvent> + '_ {
        self.idx(urn, |l| &l.all)
    }

    /// The LA's graded, published events in graded order (publication date, start, id).
    pub fn graded_of(
        &self,
        urn: AuthorityId,
    ) -> impl DoubleEndedIterator<Item = &'e InspectionEvent> + '_ {
        self.idx(urn, |l| &l.graded)
    }

    fn idx<'s>(
        &'s self,
        urn: AuthorityId,
        f: impl Fn(&'s LaEvents) -> &'s Vec<u32>,
    ) -> impl DoubleEndedIterator<Item = &'e InspectionEvent> + 's {
        let events = self.events;
        self.las
            .get(&urn)
            .map_or(&[][..], |l| f(l).as_slice())
            .iter()
            .map(move |&i| &events[i as usize])
    }

    /// The LA's latest graded event under `cutoff` (the LA's existence is not checked).
    pub fn latest(&self, urn: AuthorityId, cutoff: &Cutoff) -> Option<&'e InspectionEvent> {
        self.admitted_rev(urn, cutoff).next()
    }

    /// The LA's admitted graded events, latest first.
    pub(crate) fn admitted_rev<'s>(
        &'s self,
        urn: AuthorityId,
        cutoff: &'s Cutoff,
    ) -> impl Iterator<Item = &'e InspectionEvent> + 's {
        let events = self.events;
        let graded = self.las.get(&urn).map_or(&[][..], |l| l.graded.as_slice());
        // Sorted by publication date: skip those published after the cut-off at once.
        let end = graded.partition_point(|&i| {
            events[i as usize]
                .published
                .is_some_and(|p| p <= cutoff.published_by)
        });
        graded[..end]
            .iter()
            .rev()
            .map(move |&i| &events[i as usize])
            .filter(move |e| cutoff.admits(e))
    }

    /// The LA's picture for `judgement` under `cutoff`, or `None` when it has no admitted
    /// graded event.
    pub(crate) fn pick(
        &self,
        urn: AuthorityId,
        cutoff: &Cutoff,
        judgement: Judgement,
    ) -> Option<Pick<'e>> {
        let mut admitted = self.admitted_rev(urn, cutoff);
        let latest = admitted.next()?;
        let on_scale = |e: &'e InspectionEvent| {
            e.grades
                .get(judgement)
                .filter(|g| g.rank().is_some())
                .map(|g| (e, g))
        };
        let graded = match (judgement, latest.grades.get(judgement)) {
            (Judgement::Overall, None) => admitted.find_map(on_scale),
            _ => on_scale(latest),
        };
        Some(Pick { latest, graded })
    }
}

/// The LA's name and region words, for answers.
pub(crate) fn authority(urn: AuthorityId) -> Option<&'static Authority> {
    lacs_authorities::by_urn(urn)
}
