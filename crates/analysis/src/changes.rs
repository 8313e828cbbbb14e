//! LAs inspected twice or more: the latest inspection against the one before.

use lacs_domain::{AuthorityId, Date, Framework, Grade, InspectionEvent, Judgement, Kind};
use serde::Serialize;

use crate::index::{Cutoff, Index};

/// Which inspections to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangesQuery {
    pub cutoff: Cutoff,
    /// Default: overall effectiveness.
    pub judgement: Judgement,
    /// Only events of this framework are compared (default ILACS); `None`: any graded events
    /// (an ILACS inspection is then compared with a SIF one).
    pub framework: Option<Framework>,
}

impl ChangesQuery {
    /// Overall effectiveness in ILACS inspections under `cutoff`.
    pub fn new(cutoff: Cutoff) -> Self {
        ChangesQuery {
            cutoff,
            judgement: Judgement::Overall,
            framework: Some(Framework::Ilacs),
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
}

/// How the latest grade compares with the previous one.
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
    pub previous: Step,
    pub latest: Step,
}

/// LAs with two or more inspections, by how their grade moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Changes {
    #[serde(flatten)]
    pub cutoff: Cutoff,
    pub judgement: Judgement,
    pub framework: Option<Framework>,
    /// LAs existing on the as-at date with two or more such inspections.
    pub authorities: usize,
    pub improved: usize,
    pub kept_good_or_outstanding: usize,
    pub declined: usize,
    pub stayed_below_good: usize,
    /// Every such LA, by category (in the order above), then name.
    pub list: Vec<ChangeEntry>,
}

impl Index<'_> {
    /// Among LAs existing on the as-at date, those with two or more graded inspections of the
    /// framework under the cut-off that grade the judgement: the latest such inspection's grade
    /// against the previous one's. An LA's predecessors' inspections are not its own.
    pub fn changes(&self, q: &ChangesQuery) -> Changes {
        let mut list = Vec::new();
        for a in lacs_authorities::exist_on(q.cutoff.as_at) {
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
            let (Some(latest), Some(previous)) = (steps.next(), steps.next()) else {
                continue;
            };
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
            authorities: list.len(),
            improved: n(ChangeCategory::Improved),
            kept_good_or_outstanding: n(ChangeCategory::KeptGoodOrOutstanding),
            declined: n(ChangeCategory::Declined),
            stayed_below_good: n(ChangeCategory::StayedBelowGood),
            list,
        }
    }
}
