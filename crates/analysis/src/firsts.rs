//! Who got there first: the order in which LAs first reached a grade.

use lacs_domain::{AuthorityId, Date, Framework, Grade, Judgement, Kind, OfstedRegion};
use serde::Serialize;

use crate::index::{authority, Index};

/// One LA's first event at the grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct First {
    /// Standard competition ranking by publication date: LAs published the same day share a
    /// rank, and the next rank skips (1, 2, 2, 4).
    pub rank: usize,
    pub urn: AuthorityId,
    pub la_name: &'static str,
    pub published: Date,
    pub kind: Kind,
    pub event_id: i64,
}

impl Index<'_> {
    /// Every LA (current or abolished) that was ever graded `grade` in `judgement` by a graded
    /// event (of `framework`, when given), ordered by the publication date of its first such
    /// event; same-day ties share a rank and are ordered by name.
    pub fn firsts(
        &self,
        judgement: Judgement,
        grade: Grade,
        framework: Option<Framework>,
    ) -> Vec<First> {
        self.firsts_in(judgement, grade, framework, None)
    }

    /// [`Index::firsts`] among the LAs of one Ofsted region (`None`: all England), ranked
    /// among themselves: "the third council in the region to be graded outstanding".
    pub fn firsts_in(
        &self,
        judgement: Judgement,
        grade: Grade,
        framework: Option<Framework>,
        region: Option<OfstedRegion>,
    ) -> Vec<First> {
        let mut out: Vec<First> = self
            .las
            .iter()
            .filter_map(|(&urn, la)| {
                let a = authority(urn).filter(|a| region.is_none_or(|r| a.ofsted_region == r))?;
                la.graded
                    .iter()
                    .map(|&i| &self.events[i as usize])
                    .find_map(|e| {
                        let kind = e.kind?;
                        let fits = e.grades.get(judgement) == Some(grade)
                            && framework.is_none_or(|f| kind.framework() == Some(f));
                        fits.then(|| First {
                            rank: 0,
                            urn,
                            la_name: &a.name,
                            published: e
                                .published
                                .expect("graded events in the index are published"),
                            kind,
                            event_id: e.id,
                        })
                    })
            })
            .collect();
        out.sort_by(|a, b| (a.published, a.la_name, a.urn).cmp(&(b.published, b.la_name, b.urn)));
        let mut rank = 0;
        for i in 0..out.len() {
            if i == 0 || out[i].published != out[i - 1].published {
                rank = i + 1;
            }
            out[i].rank = rank;
        }
        out
    }
}
