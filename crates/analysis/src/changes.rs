//! LAs inspected twice or more: one graded inspection against an earlier one — the latest
//! against the one before (the default), the latest against the first, or the grade standing
//! at one date against the grade standing at another.

use lacs_domain::{AuthorityId, Date, Framework, Grade, InspectionEvent, Judgement, Kind};
use serde::Serialize;

use crate::index::{Cutoff, Index};

/// Which two of an LA's graded inspections are compared. In every mode the inspections
/// considered are the LA's own graded inspections admitted by the cut-off, of the query's
/// framework, that grade the judgement on the scale; "published on or before" a date decides
/// what was known that day.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Compare {
    /// The latest inspection against the one before it.
    #[default]
    Previous,
    /// The latest inspection against the LA's first.
    First,
    /// The grade standing at the query's `from` date (the last inspection published on or
    /// before it; without `from`, the LA's first inspection) against the grade standing at its
    /// `to` date (the last published on or before it; default: the cut-off). An LA counts
    /// only when both exist and are different inspections, the one at `from` the earlier.
    Window,
}

impl Compare {
    /// Every mode, in the order above.
    pub const ALL: &'static [Compare] = &[Compare::Previous, Compare::First, Compare::Window];

    /// The stable word (as serialized): `previous`, `first`, `window`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Compare::Previous => "previous",
            Compare::First => "first",
            Compare::Window => "window",
        }
    }
}

impl std::fmt::Display for Compare {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Compare {
    type Err = lacs_domain::UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Compare::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| lacs_domain::UnknownWord {
                what: "comparison",
                value: s.to_string(),
                expected: "previous, first, window".to_string(),
            })
    }
}

/// Which inspections to compare, and which moves to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangesQuery {
    pub cutoff: Cutoff,
    /// Default: overall effectiveness.
    pub judgement: Judgement,
    /// Only events of this framework are compared (default ILACS); `None`: any graded events
    /// (an ILACS inspection is then compared with a SIF one).
    pub framework: Option<Framework>,
    /// Which two inspections (default [`Compare::Previous`]).
    pub compare: Compare,
    /// [`Compare::Window`] only: the earlier grade is the one standing on this day (the last
    /// inspection published on or before it); `None`: the LA's first inspection. Ignored by
    /// the other modes.
    pub from: Option<Date>,
    /// [`Compare::Window`] only: the later grade is the one standing on this day (the last
    /// inspection published on or before it); `None`: the cut-off's `published_by`. The
    /// cut-off still applies: a later `to` admits nothing it leaves out. Ignored by the other
    /// modes.
    pub to: Option<Date>,
    /// Keep only LAs whose earlier compared grade is this one.
    pub from_grade: Option<Grade>,
    /// Keep only LAs whose later compared grade is this one.
    pub to_grade: Option<Grade>,
}

impl ChangesQuery {
    /// Overall effectiveness in ILACS inspections under `cutoff`, the latest against the one
    /// before, every move kept.
    pub fn new(cutoff: Cutoff) -> Self {
        ChangesQuery {
            cutoff,
            judgement: Judgement::Overall,
            framework: Some(Framework::Ilacs),
            compare: Compare::Previous,
            from: None,
            to: None,
            from_grade: None,
            to_grade: None,
        }
    }

    pub fn judgement(mut self, j: Judgement) -> Self {
        self.judgement = j;
        self
    }

    pub fn framework(mut self, f: Option<Framework>) -> Self {
        self.framework = f;
        self
    }

    pub fn compare(mut self, c: Compare) -> Self {
        self.compare = c;
        self
    }

    /// Sets `from` and `to` (read in [`Compare::Window`] mode only).
    pub fn dates(mut self, from: Option<Date>, to: Option<Date>) -> Self {
        self.from = from;
        self.to = to;
        self
    }

    /// [`Compare::Window`] from `from` to `to` (`None`: the cut-off).
    pub fn window(self, from: Date, to: Option<Date>) -> Self {
        self.compare(Compare::Window).dates(Some(from), to)
    }

    /// Keeps only LAs that moved from `from_grade` to `to_grade` (`None`: any grade).
    pub fn grades(mut self, from_grade: Option<Grade>, to_grade: Option<Grade>) -> Self {
        self.from_grade = from_grade;
        self.to_grade = to_grade;
        self
    }
}

/// How the later compared grade compares with the earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeCategory {
    Improved,
    /// Same grade, good or outstanding.
    KeptGoodOrOutstanding,
    Declined,
    /// Same grade, requires improvement or inadequate.
    StayedBelowGood,
}

impl ChangeCategory {
    pub fn of(previous: Grade, latest: Grade) -> ChangeCategory {
        if latest.better_than(previous) {
            ChangeCategory::Improved
        } else if previous.better_than(latest) {
            ChangeCategory::Declined
        } else if matches!(latest, Grade::Outstanding | Grade::Good) {
            ChangeCategory::KeptGoodOrOutstanding
        } else {
            ChangeCategory::StayedBelowGood
        }
    }
}

/// One inspection compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Step {
    pub event_id: i64,
    pub kind: Option<Kind>,
    pub inspection_start: Option<Date>,
    pub published: Option<Date>,
    pub grade: Grade,
}

impl Step {
    fn of(e: &InspectionEvent, grade: Grade) -> Step {
        Step {
            event_id: e.id,
            kind: e.kind,
            inspection_start: e.inspection_start,
            published: e.published,
            grade,
        }
    }
}

/// One LA's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ChangeEntry {
    pub urn: AuthorityId,
    pub la_name: &'static str,
    /// Ofsted region.
    pub region: &'static str,
    pub category: ChangeCategory,
    /// The earlier inspection compared.
    pub previous: Step,
    /// The later inspection compared.
    pub latest: Step,
}

/// LAs with two inspections compared, by how their grade moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Changes {
    #[serde(flatten)]
    pub cutoff: Cutoff,
    pub judgement: Judgement,
    pub framework: Option<Framework>,
    /// Which two inspections were compared.
    pub compare: Compare,
    /// [`Compare::Window`]: the day of the earlier grade (`null`: each LA's first inspection);
    /// `null` in the other modes.
    pub from: Option<Date>,
    /// [`Compare::Window`]: the day of the later grade (the cut-off's `published_by` unless
    /// asked); `null` in the other modes.
    pub to: Option<Date>,
    /// Only LAs whose earlier compared grade is this one (`null`: any).
    pub from_grade: Option<Grade>,
    /// Only LAs whose later compared grade is this one (`null`: any).
    pub to_grade: Option<Grade>,
    /// LAs in the list: existing on the as-at date, with two such inspections to compare and
    /// the grades asked for.
    pub authorities: usize,
    pub improved: usize,
    pub kept_good_or_outstanding: usize,
    pub declined: usize,
    pub stayed_below_good: usize,
    /// Every such LA, by category (in the order above), then name.
    pub list: Vec<ChangeEntry>,
}

/// Published on or before `d`.
fn known_by(s: &Step, d: Date) -> bool {
    s.published.is_some_and(|p| p <= d)
}

impl Index<'_> {
    /// Among LAs existing on the as-at date, those with two graded inspections to compare
    /// (see [`Compare`]) among their own inspections of the framework, admitted by the
    /// cut-off, that grade the judgement on the scale: the later one's grade against the
    /// earlier one's, kept when the grades are `from_grade` and `to_grade` (when given). An
    /// LA's predecessors' inspections are not its own.
    pub fn changes(&self, q: &ChangesQuery) -> Changes {
        let to = q.to.unwrap_or(q.cutoff.published_by);
        let mut list = Vec::new();
        for a in lacs_authorities::exist_on(q.cutoff.as_at) {
            // Latest first.
            let mut steps = self
                .admitted_rev(a.urn, &q.cutoff)
                .filter(|e| {
                    q.framework
                        .is_none_or(|f| e.kind.and_then(Kind::framework) == Some(f))
                })
                .filter_map(|e| {
                    e.grades
                        .get(q.judgement)
                        .filter(|g| g.rank().is_some())
                        .map(|g| Step::of(e, g))
                });
            let pair = match q.compare {
                Compare::Previous => steps.next().zip(steps.next()),
                Compare::First => steps.next().zip(steps.last()),
                Compare::Window => match steps.find(|s| known_by(s, to)) {
                    // Also standing at `from`: one inspection, nothing to compare.
                    Some(later) if q.from.is_some_and(|f| known_by(&later, f)) => None,
                    Some(later) => {
                        let earlier = match q.from {
                            Some(f) => steps.find(|s| known_by(s, f)),
                            None => steps.last(),
                        };
                        Some(later).zip(earlier)
                    }
                    None => None,
                },
            };
            let Some((latest, previous)) = pair else {
                continue;
            };
            if q.from_grade.is_some_and(|g| g != previous.grade)
                || q.to_grade.is_some_and(|g| g != latest.grade)
            {
                continue;
            }
            list.push(ChangeEntry {
                urn: a.urn,
                la_name: &a.name,
                region: a.ofsted_region.as_str(),
                category: ChangeCategory::of(previous.grade, latest.grade),
                previous,
                latest,
            });
        }
        list.sort_by(|a, b| (a.category, a.la_name).cmp(&(b.category, b.la_name)));
        let n = |c: ChangeCategory| list.iter().filter(|e| e.category == c).count();
        Changes {
            cutoff: q.cutoff,
            judgement: q.judgement,
            framework: q.framework,
            compare: q.compare,
            from: q.from.filter(|_| q.compare == Compare::Window),
            to: Some(to).filter(|_| q.compare == Compare::Window),
            from_grade: q.from_grade,
            to_grade: q.to_grade,
            authorities: list.len(),
            improved: n(ChangeCategory::Improved),
            kept_good_or_outstanding: n(ChangeCategory::KeptGoodOrOutstanding),
            declined: n(ChangeCategory::Declined),
            stayed_below_good: n(ChangeCategory::StayedBelowGood),
            list,
        }
    }
}
