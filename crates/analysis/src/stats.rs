//! The national picture as at a date, by region, and over time.

use jiff::civil::date;
use lacs_domain::{Authority, AuthorityId, Date, Grade, Judgement, Kind, OfstedRegion, OnsRegion};
use serde::Serialize;

use crate::index::{Cutoff, Index, Pick};

/// How to group LAs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    /// Ofsted's 8 regions ([`OfstedRegion`]).
    Region,
    /// The 9 ONS/DfE regions ([`OnsRegion`]): North East and Yorkshire and The Humber apart.
    Region9,
}

impl Grouping {
    /// The group names in canonical order, spelled as the domain spells them.
    pub fn names(self) -> Vec<&'static str> {
        match self {
            Grouping::Region => OfstedRegion::ALL.iter().map(|r| r.as_str()).collect(),
            Grouping::Region9 => OnsRegion::ALL.iter().map(|r| r.as_str()).collect(),
        }
    }

    fn slot(self, a: &Authority) -> usize {
        match self {
            Grouping::Region => OfstedRegion::ALL.iter().position(|r| *r == a.ofsted_region),
            Grouping::Region9 => OnsRegion::ALL.iter().position(|r| *r == a.ons_region),
        }
        .expect("every region is in ALL")
    }

    fn name_of(self, a: &Authority) -> &'static str {
        match self {
            Grouping::Region => a.ofsted_region.as_str(),
            Grouping::Region9 => a.ons_region.as_str(),
        }
    }
}

impl std::str::FromStr for Grouping {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "region" | "region8" => Ok(Grouping::Region),
            "region9" => Ok(Grouping::Region9),
            _ => Err(format!(
                "unknown grouping {s:?}; expected region (Ofsted's 8) or region9 (ONS)"
            )),
        }
    }
}

/// What to count: see the crate docs for the conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatsQuery {
    pub cutoff: Cutoff,
    /// Default: overall effectiveness.
    pub judgement: Judgement,
    pub by: Option<Grouping>,
    /// Also list every LA behind the counts.
    pub list: bool,
}

impl StatsQuery {
    /// Overall effectiveness as at `as_at`, reports published by then.
    pub fn as_at(as_at: Date) -> Self {
        StatsQuery::new(Cutoff::new(as_at))
    }

    pub fn new(cutoff: Cutoff) -> Self {
        StatsQuery {
            cutoff,
            judgement: Judgement::Overall,
            by: None,
            list: false,
        }
    }

    pub fn published_by(mut self, d: Date) -> Self {
        self.cutoff.published_by = d;
        self
    }

    pub fn inspected_by(mut self, d: Date) -> Self {
        self.cutoff.inspected_by = Some(d);
        self
    }

    pub fn judgement(mut self, j: Judgement) -> Self {
        self.judgement = j;
        self
    }

    pub fn by(mut self, g: Grouping) -> Self {
        self.by = Some(g);
        self
    }

    pub fn list(mut self, list: bool) -> Self {
        self.list = list;
        self
    }
}

/// LAs per grade (the four points of the scale).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct GradeCounts {
    pub outstanding: usize,
    pub good: usize,
    pub requires_improvement: usize,
    pub inadequate: usize,
}

impl GradeCounts {
    pub fn get(&self, g: Grade) -> usize {
        match g {
            Grade::Outstanding => self.outstanding,
            Grade::Good => self.good,
            Grade::RequiresImprovement => self.requires_improvement,
            Grade::Inadequate => self.inadequate,
            Grade::NotJudged => 0,
        }
    }

    fn add(&mut self, g: Grade) {
        match g {
            Grade::Outstanding => self.outstanding += 1,
            Grade::Good => self.good += 1,
            Grade::RequiresImprovement => self.requires_improvement += 1,
            Grade::Inadequate => self.inadequate += 1,
            Grade::NotJudged => {}
        }
    }

    /// O, G, RI, I.
    pub fn as_array(&self) -> [usize; 4] {
        [
            self.outstanding,
            self.good,
            self.requires_improvement,
            self.inadequate,
        ]
    }

    pub fn total(&self) -> usize {
        self.as_array().iter().sum()
    }
}

/// The counts of one picture (national, a region, a quarter end).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Counts {
    /// LAs existing on the as-at date.
    pub authorities: usize,
    /// Of those, LAs with a graded event under the cut-off.
    pub inspected: usize,
    /// Inspected LAs by grade in the judgement (the denominator of percentages is their sum,
    /// equal to `inspected` less `not_graded`).
    pub grades: GradeCounts,
    /// Inspected LAs whose latest graded event gives no grade on the scale in the judgement.
    pub not_graded: usize,
    /// Overall effectiveness only: LAs whose latest event has no overall grade (reformed
    /// ILACS), counted at the grade of their latest earlier event that had one.
    pub overall_from_earlier: usize,
}

impl Counts {
    pub(crate) fn add(&mut self, pick: Option<&Pick<'_>>) {
        self.authorities += 1;
        let Some(p) = pick else { return };
        self.inspected += 1;
        match p.graded {
            Some((_, g)) => self.grades.add(g),
            None => self.not_graded += 1,
        }
        if p.is_from_earlier() {
            self.overall_from_earlier += 1;
        }
    }
}

/// One group's picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct GroupStats {
    pub name: &'static str,
    #[serde(flatten)]
    pub counts: Counts,
}

/// One LA behind the counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ListEntry {
    pub urn: AuthorityId,
    pub la_name: &'static str,
    /// The LA's group: its ONS region when grouped by `region9`, else its Ofsted region.
    pub region: &'static str,
    /// `None`: not inspected, or not graded in the judgement.
    pub grade: Option<Grade>,
    /// The event the grade is read from (`None`: not inspected).
    pub event_id: Option<i64>,
    pub kind: Option<Kind>,
    pub inspection_start: Option<Date>,
    pub published: Option<Date>,
    /// The grade comes from an event earlier than the latest (overall effectiveness after a
    /// reformed ILACS inspection).
    pub from_earlier_event: bool,
}

/// The picture as at a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Stats {
    #[serde(flatten)]
    pub cutoff: Cutoff,
    pub judgement: Judgement,
    #[serde(flatten)]
    pub counts: Counts,
    pub by: Option<Grouping>,
    /// One per group in canonical order (empty without grouping).
    pub groups: Vec<GroupStats>,
    /// With `list`: every LA existing on the date, by group (when grouped), then grade best
    /// first (not graded and not inspected last), then name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub list: Option<Vec<ListEntry>>,
}

/// The picture at each of several dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TimeSeries {
    pub judgement: Judgement,
    pub points: Vec<SeriesPoint>,
}

/// One date of a [`TimeSeries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SeriesPoint {
    #[serde(flatten)]
    pub cutoff: Cutoff,
    #[serde(flatten)]
    pub counts: Counts,
}

/// Quarter ends (31 March, 30 June, 30 September, 31 December) from `from` to `to`, both
/// included when they are quarter ends.
pub fn quarter_ends(from: Date, to: Date) -> Vec<Date> {
    let mut out = Vec::new();
    let mut y = from.year();
    let mut m: i8 = (((from.month() - 1) / 3) + 1) * 3;
    while let Ok(first) = Date::new(y, m, 1) {
        let d = first.last_of_month();
        if d > to {
            break;
        }
        if d >= from {
            out.push(d);
        }
        m += 3;
        if m > 12 {
            m = 3;
            y += 1;
        }
    }
    out
}

/// The first quarter end of the SIF: 31 March 2014.
pub(crate) const SERIES_START: Date = date(2014, 3, 31);

impl Index<'_> {
    /// The picture as at `q.cutoff.as_at`: see the crate docs for the conventions.
    pub fn stats(&self, q: &StatsQuery) -> Stats {
        let mut counts = Counts::default();
        let mut groups: Vec<GroupStats> = match q.by {
            Some(g) => g
                .names()
                .into_iter()
                .map(|name| GroupStats {
                    name,
                    counts: Counts::default(),
                })
                .collect(),
            None => Vec::new(),
        };
        let mut list = q.list.then(Vec::new);
        for a in lacs_authorities::exist_on(q.cutoff.as_at) {
            let pick = self.pick(a.urn, &q.cutoff, q.judgement);
            counts.add(pick.as_ref());
            if let Some(g) = q.by {
                groups[g.slot(a)].counts.add(pick.as_ref());
            }
            if let Some(list) = &mut list {
                let from = pick.map(|p| p.graded.map_or(p.latest, |(e, _)| e));
                list.push(ListEntry {
                    urn: a.urn,
                    la_name: &a.name,
                    region: q.by.unwrap_or(Grouping::Region).name_of(a),
                    grade: pick.and_then(|p| p.graded.map(|(_, g)| g)),
                    event_id: from.map(|e| e.id),
                    kind: from.and_then(|e| e.kind),
                    inspection_start: from.and_then(|e| e.inspection_start),
                    published: from.and_then(|e| e.published),
                    from_earlier_event: pick.is_some_and(|p| p.is_from_earlier()),
                });
            }
        }
        if let Some(list) = &mut list {
            let names = q.by.map(Grouping::names).unwrap_or_default();
            let group_rank = |name: &str| names.iter().position(|n| *n == name).unwrap_or(0);
            list.sort_by_cached_key(|e| {
                (
                    group_rank(e.region),
                    e.grade.and_then(Grade::rank).unwrap_or(9),
                    e.event_id.is_none(),
                    e.la_name,
                )
            });
        }
        Stats {
            cutoff: q.cutoff,
            judgement: q.judgement,
            counts,
            by: q.by,
            groups,
            list,
        }
    }

    /// The national picture under each cut-off (without the regions and the list).
    pub fn time_series_at(&self, judgement: Judgement, cutoffs: &[Cutoff]) -> TimeSeries {
        let points = cutoffs
            .iter()
            .map(|cutoff| {
                let mut counts = Counts::default();
                for a in lacs_authorities::exist_on(cutoff.as_at) {
                    counts.add(self.pick(a.urn, cutoff, judgement).as_ref());
                }
                SeriesPoint {
                    cutoff: *cutoff,
                    counts,
                }
            })
            .collect();
        TimeSeries { judgement, points }
    }

    /// The national picture at every quarter end from 31 March 2014 to `until`, reports
    /// published by each quarter end (for a stacked chart).
    pub fn time_series(&self, judgement: Judgement, until: Date) -> TimeSeries {
        let cutoffs: Vec<Cutoff> = quarter_ends(SERIES_START, until)
            .into_iter()
            .map(Cutoff::new)
            .collect();
        self.time_series_at(judgement, &cutoffs)
    }
}
