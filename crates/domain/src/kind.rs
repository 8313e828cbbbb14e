use crate::{vocabulary, Date, Judgement};

/// What a stored document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum Kind {
    Sif,
    SifReinspection,
    IlacsStandard,
    IlacsShort,
    /// 2013 inspection of looked after children services (older framework; history only).
    #[schema(rename = "lac_2013")]
    Lac2013,
    /// A stand-alone review of a Local Safeguarding Children Board.
    LscbReview,
    /// Not an inspection report at all (an HTML page saved as .pdf, say): refused.
    NotAReport,
    /// A PDF that reads as none of the above: kept, and flagged for review.
    Unknown,
}

vocabulary!(Kind, "kind", [
    (Sif, "sif"),
    (SifReinspection, "sif_reinspection"),
    (IlacsStandard, "ilacs_standard"),
    (IlacsShort, "ilacs_short"),
    (Lac2013, "lac_2013"),
    (LscbReview, "lscb_review"),
    (NotAReport, "not_a_report"),
    (Unknown, "unknown"),
]);

/// An inspection framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum Framework {
    /// Single inspection framework, 2013–2018.
    Sif,
    /// Inspection of local authority children's services, from 2018.
    Ilacs,
    /// The 2013 looked-after-children framework.
    #[schema(rename = "lac_2013")]
    Lac2013,
    /// Stand-alone LSCB reviews.
    LscbReview,
}

vocabulary!(Framework, "framework", [
    (Sif, "sif"),
    (Ilacs, "ilacs"),
    (Lac2013, "lac_2013"),
    (LscbReview, "lscb_review"),
]);

/// ILACS inspections that began on or after this date judge children in care and care
/// leavers separately.
pub const ILACS_CARE_LEAVERS_SPLIT: Date = jiff::civil::date(2023, 1, 1);

/// An ILACS inspection with at most this many calendar days on site (summed over its visits,
/// first and last day included) is a short inspection (one week on site, sometimes split);
/// standard inspections run about two weeks (12 days, Monday to the next Friday but one).
pub const ILACS_SHORT_MAX_ON_SITE_DAYS: i32 = 9;

impl Kind {
    pub const fn framework(self) -> Option<Framework> {
        match self {
            Kind::Sif | Kind::SifReinspection => Some(Framework::Sif),
            Kind::IlacsStandard | Kind::IlacsShort => Some(Framework::Ilacs),
            Kind::Lac2013 => Some(Framework::Lac2013),
            Kind::LscbReview => Some(Framework::LscbReview),
            Kind::NotAReport | Kind::Unknown => None,
        }
    }

    /// Graded events count in the national picture (SIF, re-inspections, ILACS).
    pub const fn is_graded_event(self) -> bool {
        matches!(self, Kind::Sif | Kind::SifReinspection | Kind::IlacsStandard | Kind::IlacsShort)
    }

    /// The ILACS kind for a number of calendar days on site.
    pub fn ilacs_from_on_site_days(days: i32) -> Kind {
        if days <= ILACS_SHORT_MAX_ON_SITE_DAYS {
            Kind::IlacsShort
        } else {
            Kind::IlacsStandard
        }
    }

    /// The judgements a report of this kind prints, given when the inspection began.
    /// `required` must all be present; `optional` may be (the LSCB review sits in most SIF
    /// reports but not in re-inspections; reformed ILACS reports drop overall effectiveness).
    pub fn expected_judgements(self, start: Option<Date>) -> ExpectedJudgements {
        use Judgement::*;
        let split = start.is_some_and(|d| d >= ILACS_CARE_LEAVERS_SPLIT);
        match self {
            Kind::Sif => ExpectedJudgements {
                required: &[Overall, HelpProtection, InCare, Adoption, CareLeavers, Leaders],
                optional: &[Lscb],
            },
            Kind::SifReinspection => ExpectedJudgements {
                required: &[Overall, HelpProtection, InCare, Adoption, CareLeavers, Leaders],
                optional: &[],
            },
            Kind::IlacsStandard | Kind::IlacsShort if split => ExpectedJudgements {
                required: &[Leaders, HelpProtection, InCare, CareLeavers],
                optional: &[Overall],
            },
            Kind::IlacsStandard | Kind::IlacsShort => ExpectedJudgements {
                required: &[Overall, Leaders, HelpProtection, InCare],
                optional: &[],
            },
            Kind::LscbReview => ExpectedJudgements { required: &[Lscb], optional: &[] },
            Kind::Lac2013 | Kind::NotAReport | Kind::Unknown => {
                ExpectedJudgements { required: &[], optional: &[] }
            }
        }
    }
}

/// Which judgements a report should carry.
#[derive(Debug, Clone, Copy)]
pub struct ExpectedJudgements {
    pub required: &'static [Judgement],
    pub optional: &'static [Judgement],
}

impl ExpectedJudgements {
    pub fn allows(&self, j: Judgement) -> bool {
        self.required.contains(&j) || self.optional.contains(&j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn short_and_standard_from_days_on_site() {
        assert_eq!(Kind::ilacs_from_on_site_days(5), Kind::IlacsShort);
        assert_eq!(Kind::ilacs_from_on_site_days(5 + 2), Kind::IlacsShort, "split short visit");
        assert_eq!(Kind::ilacs_from_on_site_days(12), Kind::IlacsStandard);
    }

    #[test]
    fn care_leavers_judged_apart_from_2023() {
        let before = Kind::IlacsStandard.expected_judgements(Some(date(2022, 12, 5)));
        let after = Kind::IlacsStandard.expected_judgements(Some(date(2023, 1, 9)));
        assert!(!before.allows(Judgement::CareLeavers));
        assert!(after.required.contains(&Judgement::CareLeavers));
        assert!(!after.required.contains(&Judgement::Overall), "reformed reports omit overall");
    }
}
