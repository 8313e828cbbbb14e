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
    (Sif, "sif", "SIF inspection"),
    (SifReinspection, "sif_reinspection", "SIF re-inspection"),
    (IlacsStandard, "ilacs_standard", "ILACS standard inspection"),
    (IlacsShort, "ilacs_short", "ILACS short inspection"),
    (Lac2013, "lac_2013", "2013 LAC inspection"),
    (LscbReview, "lscb_review", "LSCB review"),
    (NotAReport, "not_a_report", "Not a report"),
    // Only a document kept for review is of this kind.
    (Unknown, "unknown", "Report awaiting review"),
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
    (Sif, "sif", "SIF"),
    (Ilacs, "ilacs", "ILACS"),
    (Lac2013, "lac_2013", "2013 LAC"),
    (LscbReview, "lscb_review", "LSCB review"),
]);

/// An ungraded event of an LA that is not a report the register reads: what Ofsted's
/// official files and reports site list besides graded inspections. Its label is the event's
/// `event_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum UngradedKind {
    /// An ILACS focused visit (a letter).
    FocusedVisit,
    /// A monitoring visit of an LA judged inadequate (a letter).
    MonitoringVisit,
    /// A joint targeted area inspection, with other inspectorates.
    Jtai,
    /// Safeguarding and looked after children inspection (2009–2013).
    Slac,
    /// SLAC re-inspection of safeguarding.
    SlacReinspectionSafeguarding,
    /// SLAC re-inspection of looked after children.
    SlacReinspectionLac,
    /// Child protection inspection (2009–2013).
    ChildProtection,
    /// Child protection re-inspection.
    ChildProtectionReinspection,
}

vocabulary!(UngradedKind, "ungraded event type", [
    (FocusedVisit, "focused_visit", "Focused visit"),
    (MonitoringVisit, "monitoring_visit", "Monitoring visit"),
    (Jtai, "jtai", "Joint targeted area inspection"),
    (Slac, "slac", "SLAC inspection"),
    (SlacReinspectionSafeguarding, "slac_reinspection_safeguarding", "SLAC re-inspection (safeguarding)"),
    (SlacReinspectionLac, "slac_reinspection_lac", "SLAC re-inspection (looked after children)"),
    (ChildProtection, "child_protection", "Child protection inspection"),
    (ChildProtectionReinspection, "child_protection_reinspection", "Child protection re-inspection"),
]);

impl UngradedKind {
    /// The type an event's label names ([`UngradedKind::label`]), ignoring case.
    pub fn from_label(label: &str) -> Option<UngradedKind> {
        Self::ALL.iter().copied().find(|u| u.label().eq_ignore_ascii_case(label.trim()))
    }
}

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
    fn labels_read_alone_and_never_twice_say_inspection() {
        for k in Kind::ALL {
            assert!(!k.label().to_lowercase().contains("inspection inspection"), "{k}");
        }
        assert_eq!(Kind::IlacsShort.label(), "ILACS short inspection");
        assert_eq!(UngradedKind::from_label("focused VISIT"), Some(UngradedKind::FocusedVisit));
        assert_eq!(UngradedKind::from_label("SIF inspection"), None);
    }

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
