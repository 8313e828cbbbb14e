//! One LA's journey: its events, the change at each graded inspection, its predecessors and
//! its statistical neighbours.

use lacs_authorities::NeighbourModel;
use lacs_domain::{
    AuthorityId, Date, Grade, InspectionEvent, Judgement, JudgementSet, Kind, OfstedRegion,
    OnsRegion,
};
use serde::Serialize;

use crate::index::{authority, Cutoff, Index};
use crate::stats::Counts;
use crate::AnalysisError;

/// How a judgement moved from the previous graded event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Improved,
    Declined,
    Same,
    /// No previous graded event, or the previous one gave no grade on the scale in this
    /// judgement (a framework that did not judge it).
    New,
}

impl Change {
    /// From `previous` (if any) to `now`, both meant to be on the scale.
    pub fn between(previous: Option<Grade>, now: Grade) -> Change {
        match previous.filter(|g| g.rank().is_some()) {
            None => Change::New,
            Some(p) if now.better_than(p) => Change::Improved,
            Some(p) if p.better_than(now) => Change::Declined,
            Some(_) => Change::Same,
        }
    }
}

/// One judgement of a graded event, against the previous graded event of the same LA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct JudgementChange {
    pub judgement: Judgement,
    pub grade: Grade,
    pub previous: Option<Grade>,
    pub change: Change,
}

/// One event in a history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JourneyEvent {
    pub event_id: i64,
    pub kind: Option<Kind>,
    pub event_type: String,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    pub published: Option<Date>,
    /// Counts in the national picture (SIF, SIF re-inspection, ILACS standard or short).
    pub graded: bool,
    pub grades: JudgementSet,
    /// Graded events: each judgement graded on the scale, against the previous graded event
    /// of this LA (never a predecessor's), in canonical judgement order.
    pub changes: Vec<JudgementChange>,
    /// "report", "official" or "report+official".
    pub source: &'static str,
}

/// A predecessor council's events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct History {
    pub urn: AuthorityId,
    pub la_name: &'static str,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub events: Vec<JourneyEvent>,
}

/// An LA named in an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AuthorityRef {
    pub urn: AuthorityId,
    pub la_name: &'static str,
}

/// An LA's latest graded event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Latest {
    pub event_id: i64,
    pub kind: Option<Kind>,
    pub inspection_start: Option<Date>,
    pub published: Option<Date>,
    pub grades: JudgementSet,
}

impl Latest {
    fn of(e: &InspectionEvent) -> Latest {
        Latest {
            event_id: e.id,
            kind: e.kind,
            inspection_start: e.inspection_start,
            published: e.published,
            grades: e.grades,
        }
    }
}

/// One statistical neighbour and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NeighbourStatus {
    pub rank: u8,
    pub urn: AuthorityId,
    pub la_name: &'static str,
    pub closeness: &'static str,
    /// False for a neighbour abolished by the journey's date (the 2021 model lists
    /// Northamptonshire and Cumbria): its latest event is shown, but not counted.
    pub exists: bool,
    /// Its latest graded event as at the journey's date (`None`: not inspected).
    pub latest: Option<Latest>,
}

/// The neighbours in one DfE model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NeighbourSet {
    pub model: NeighbourModel,
    /// The neighbours existing on the journey's date (today's LAs without one) by overall
    /// effectiveness, counted as [`Index::stats`] counts.
    #[serde(flatten)]
    pub counts: Counts,
    pub neighbours: Vec<NeighbourStatus>,
}

/// Everything about one LA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Journey {
    pub urn: AuthorityId,
    pub la_name: &'static str,
    pub la_code: u16,
    pub ofsted_region: OfstedRegion,
    pub ons_region: OnsRegion,
    pub start: Option<Date>,
    pub end: Option<Date>,
    /// Events published (or, unpublished, dated) after this day are left out; `None`: all.
    pub as_at: Option<Date>,
    /// The latest graded event.
    pub latest: Option<Latest>,
    /// Every event of the LA, oldest first.
    pub events: Vec<JourneyEvent>,
    /// The councils it replaced (and theirs), with their own histories: their grades are
    /// never the LA's.
    pub predecessors: Vec<History>,
    /// The councils that replaced it, when abolished.
    pub successors: Vec<AuthorityRef>,
    /// Statistical neighbours, 2025 model first, then 2021 (empty sets left out).
    pub neighbours: Vec<NeighbourSet>,
}

impl Index<'_> {
    /// The journey of the LA with this URN; `as_at` limits events to those dated by then
    /// (neighbours' latest grades too: reports published by then), `None` takes everything.
    pub fn journey(&self, urn: AuthorityId, as_at: Option<Date>) -> Result<Journey, AnalysisError> {
        let a = authority(urn).ok_or(AnalysisError::UnknownAuthority(urn))?;
        let cutoff = Cutoff::new(as_at.unwrap_or(Date::MAX));
        let latest = self.latest(urn, &cutoff).map(Latest::of);

        let mut predecessors = Vec::new();
        let mut seen = vec![urn];
        let mut queue: Vec<AuthorityId> = a.predecessors.clone();
        while let Some(p) = queue.pop() {
            if seen.contains(&p) {
                continue;
            }
            seen.push(p);
            if let Some(pa) = authority(p) {
                predecessors.push(History {
                    urn: p,
                    la_name: &pa.name,
                    start: pa.start,
                    end: pa.end,
                    events: self.history(p, as_at),
                });
                queue.extend(pa.predecessors.iter().copied());
            }
        }
        predecessors.sort_by_key(|h| (std::cmp::Reverse(h.end), h.la_name));

        let successors = a
            .successors
            .iter()
            .filter_map(|&s| {
                authority(s).map(|sa| AuthorityRef {
                    urn: s,
                    la_name: &sa.name,
                })
            })
            .collect();

        let neighbours = [NeighbourModel::Y2025, NeighbourModel::Y2021]
            .into_iter()
            .filter_map(|model| {
                let ns = lacs_authorities::statistical_neighbours(urn, model);
                if ns.is_empty() {
                    return None;
                }
                let mut counts = Counts::default();
                let neighbours = ns
                    .iter()
                    .map(|n| {
                        let na = authority(n.urn);
                        let exists = na.is_some_and(|x| match as_at {
                            Some(d) => x.exists_on(d),
                            None => x.end.is_none(),
                        });
                        if exists {
                            counts.add(self.pick(n.urn, &cutoff, Judgement::Overall).as_ref());
                        }
                        NeighbourStatus {
                            rank: n.rank,
                            urn: n.urn,
                            la_name: na.map_or("", |x| x.name.as_str()),
                            closeness: n.closeness.as_str(),
                            exists,
                            latest: self.latest(n.urn, &cutoff).map(Latest::of),
                        }
                    })
                    .collect();
                Some(NeighbourSet {
                    model,
                    counts,
                    neighbours,
                })
            })
            .collect();

        Ok(Journey {
            urn,
            la_name: &a.name,
            la_code: a.la_code,
            ofsted_region: a.ofsted_region,
            ons_region: a.ons_region,
            start: a.start,
            end: a.end,
            as_at,
            latest,
            events: self.history(urn, as_at),
            predecessors,
            successors,
            neighbours,
        })
    }

    /// The LA's events dated by `as_at`, with the change at each graded one.
    fn history(&self, urn: AuthorityId, as_at: Option<Date>) -> Vec<JourneyEvent> {
        let mut previous: Option<&InspectionEvent> = None;
        let in_time = |e: &InspectionEvent| {
            let d = e.published.or(e.inspection_end).or(e.inspection_start);
            as_at.is_none_or(|by| d.is_none_or(|d| d <= by))
        };
        self.events_of(urn)
            .filter(|e| in_time(e))
            .map(|e| {
                let graded = e.is_graded();
                let changes = if graded {
                    let c = e
                        .grades
                        .iter()
                        .filter(|(_, g)| g.rank().is_some())
                        .map(|(j, g)| {
                            let prev = previous.and_then(|p| p.grades.get(j));
                            JudgementChange {
                                judgement: j,
                                grade: g,
                                previous: prev,
                                change: Change::between(prev, g),
                            }
                        })
                        .collect();
                    previous = Some(e);
                    c
                } else {
                    Vec::new()
                };
                JourneyEvent {
                    event_id: e.id,
                    kind: e.kind,
                    event_type: e.event_type.clone(),
                    inspection_start: e.inspection_start,
                    inspection_end: e.inspection_end,
                    published: e.published,
                    graded,
                    grades: e.grades,
                    changes,
                    source: e.source_label(),
                }
            })
            .collect()
    }
}
