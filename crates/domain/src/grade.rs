use crate::vocabulary;

/// A grade as Ofsted prints it. "Requires improvement" and "Requires improvement to be good"
/// are one grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum Grade {
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
    /// Printed for some sub-judgements; not a point on the scale.
    NotJudged,
}

vocabulary!(Grade, "grade", [
    (Outstanding, "outstanding"),
    (Good, "good"),
    (RequiresImprovement, "requires_improvement"),
    (Inadequate, "inadequate"),
    (NotJudged, "not_judged"),
]);

impl Grade {
    /// The four points of the scale, best first (what the national picture counts).
    pub const SCALE: [Grade; 4] =
        [Grade::Outstanding, Grade::Good, Grade::RequiresImprovement, Grade::Inadequate];

    /// Position on the scale, 1 (outstanding) to 4 (inadequate); `None` for not judged.
    pub const fn rank(self) -> Option<u8> {
        match self {
            Grade::Outstanding => Some(1),
            Grade::Good => Some(2),
            Grade::RequiresImprovement => Some(3),
            Grade::Inadequate => Some(4),
            Grade::NotJudged => None,
        }
    }

    /// True when `self` is strictly better than `other` (both on the scale).
    pub fn better_than(self, other: Grade) -> bool {
        matches!((self.rank(), other.rank()), (Some(a), Some(b)) if a < b)
    }

    /// The grade's name as people read it.
    pub const fn label(self) -> &'static str {
        match self {
            Grade::Outstanding => "Outstanding",
            Grade::Good => "Good",
            Grade::RequiresImprovement => "Requires improvement",
            Grade::Inadequate => "Inadequate",
            Grade::NotJudged => "Not judged",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for g in Grade::ALL {
            assert_eq!(g.as_str().parse::<Grade>().unwrap(), *g);
        }
        let err = "great".parse::<Grade>().unwrap_err();
        assert!(err.to_string().contains("requires_improvement"), "{err}");
    }

    #[test]
    fn ordering_of_the_scale() {
        assert!(Grade::Outstanding.better_than(Grade::Good));
        assert!(!Grade::Inadequate.better_than(Grade::RequiresImprovement));
        assert!(!Grade::NotJudged.better_than(Grade::Inadequate));
        assert!(!Grade::Good.better_than(Grade::NotJudged));
    }
}
