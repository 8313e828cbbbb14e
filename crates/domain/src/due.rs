//! When an LA's next full inspection is due, by the published rules: one table ([`DUE_RULES`])
//! of each framework version's interval to the next full inspection for each grade, with the
//! monitoring-visit rhythm for inadequate LAs, each rule with its words and their source.
//!
//! Every interval counts whole calendar months from the **publication of the previous graded
//! inspection's report** (a monitoring visit's, from the first day on site of the visit
//! before). Ofsted's words say "the three year anniversary of the previous inspection"
//! without saying which of its dates: the register counts from publication, the one date
//! every graded event has.
//!
//! The rules' words are kept as found: a [`Wording::Quotation`] is verbatim from the source
//! named (which may be a secondary source reporting Ofsted's words: the source says so); a
//! [`Wording::Paraphrase`] is not Ofsted's wording, and where it sets a number Ofsted did not
//! publish it begins "The register's reading:". No separate row for ILACS as updated in
//! January 2023: that update split the care leavers' judgement off, and no source found
//! changes the intervals.

use crate::{vocabulary, Date, Grade, InspectionEvent, Judgement, Kind};

/// The version of the rules that decides what follows a graded inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum RuleVersion {
    /// The single inspection framework, 2013–2017 (re-inspections to 2018).
    Sif,
    /// ILACS, from January 2018 (with its 2023 update: the same intervals).
    Ilacs,
    /// The reformed ILACS, from April 2026: no overall effectiveness grade.
    #[schema(rename = "ilacs_2026")]
    Ilacs2026,
}

vocabulary!(RuleVersion, "rule version", [
    (Sif, "sif", "SIF (2013 to 2017)"),
    (Ilacs, "ilacs", "ILACS (from January 2018)"),
    (Ilacs2026, "ilacs_2026", "Reformed ILACS (from April 2026)"),
]);

/// Reformed ILACS inspections (no overall effectiveness) began about this day.
pub const ILACS_REFORM: Date = jiff::civil::date(2026, 4, 1);

/// What grade a rule is chosen by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DueBasis {
    /// The overall effectiveness grade.
    Overall,
    /// The lowest of the area judgements (leaders, help and protection, children in care,
    /// care leavers): the reformed ILACS grades no overall effectiveness.
    LowestJudgement,
}

impl DueBasis {
    pub const fn label(self) -> &'static str {
        match self {
            DueBasis::Overall => "overall effectiveness",
            DueBasis::LowestJudgement => "lowest judgement (no overall grade)",
        }
    }
}

/// How a rule's words stand to their source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Wording {
    /// Verbatim from the source named.
    Quotation,
    /// Not the source's words: a summary, or the register's reading where no rule is published.
    Paraphrase,
}

/// A rule's words and where they come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Citation {
    pub text: &'static str,
    pub wording: Wording,
    /// The document (and who published it).
    pub title: &'static str,
    pub url: &'static str,
    /// Paragraph or section, where the source has one.
    pub section: Option<&'static str>,
}

/// The monitoring visits of an LA judged inadequate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MonitoringRule {
    /// The first visit, in months after the report's publication.
    pub first_earliest_months: u8,
    pub first_latest_months: u8,
    /// Each later visit, in months after the first day on site of the one before.
    pub every_earliest_months: u8,
    pub every_latest_months: u8,
    pub citations: &'static [Citation],
}

/// One row of the rules: what follows a graded inspection of `version` at one of `grades`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct DueRule {
    pub version: RuleVersion,
    pub basis: DueBasis,
    pub grades: &'static [Grade],
    /// What comes next, as people read it.
    pub next: &'static str,
    /// The window, in whole months after the previous report's publication.
    pub earliest_months: u8,
    pub latest_months: u8,
    /// For inadequate: the monitoring visits before the re-inspection.
    pub monitoring: Option<MonitoringRule>,
    pub citations: &'static [Citation],
}

const SIF_NEWS: Citation = Citation {
    text: "The inspection is universal and will be conducted in a three-year cycle.",
    wording: Wording::Quotation,
    title: "Ofsted announcement of the single inspection framework (November 2013), as reproduced on the Silkysteps forum",
    url: "http://silkysteps.com/forum/showthread.php?p=55413",
    section: None,
};

const THREE_YEARS_READING: Citation = Citation {
    text: "The register's reading: six months either side of three years after publication, the tolerance ILACS later stated for its own three-year cycle.",
    wording: Wording::Paraphrase,
    title: "lacs (this register)",
    url: "https://www.kirkleessafeguardingchildren.co.uk/procedures-local-protocols-and-guidance/ilacs-inspection-guidance-for-professionals/",
    section: None,
};

const MONITORING_HANDBOOK: Citation = Citation {
    text: "Where local authority children’s services are judged inadequate, Ofsted will carry out a programme of monitoring activities, including quarterly monitoring visits …",
    wording: Wording::Quotation,
    title: "Ofsted, Monitoring local authority children’s services judged inadequate: inspectors’ handbook (May 2016, no. 160035)",
    url: "https://docslib.org/doc/12601516/monitoring-inadequate-la-childrens-services",
    section: Some("paragraph 3"),
};

const FIRST_VISIT: Citation = Citation {
    text: "The first quarterly monitoring visit comes within four weeks of the deadline for the local authority’s action plan, itself due within 70 days of the inspection report.",
    wording: Wording::Paraphrase,
    title: "Summary of Ofsted's monitoring handbook, edyourself.wordpress.com (November 2016)",
    url: "https://edyourself.wordpress.com/2016/11/01/intervention-level-in-authorities-rated-inadequate-by-ofsted/",
    section: None,
};

const SIF_REINSPECTION: Citation = Citation {
    text: "Inadequate authorities receive at least four monitoring visits before they are re-inspected, usually within 24 months of submitting their action plan (itself due about 70 days after the report).",
    wording: Wording::Paraphrase,
    title: "Ofsted, Re-inspection of inadequate local authorities: consultation outcome report (May 2016, no. 160032), as reported by Children & Young People Now",
    url: "https://www.cypnow.co.uk/content/news/ofsted-to-visit-inadequate-councils-every-three-months",
    section: None,
};

const ILACS_TIMING: Citation = Citation {
    text: "standard inspections for local authorities judged to require improvement and short inspections for local authorities judged to be good or outstanding. Timing will usually be between six months before and six months after the three year anniversary of the previous inspection.",
    wording: Wording::Quotation,
    title: "Kirklees Safeguarding Children Partnership, ILACS Inspection: Guidance for professionals (a summary of Ofsted's ILACS framework)",
    url: "https://www.kirkleessafeguardingchildren.co.uk/procedures-local-protocols-and-guidance/ilacs-inspection-guidance-for-professionals/",
    section: Some("What is the ILACS inspection system"),
};

const ILACS_REINSPECT: Citation = Citation {
    text: "We will no longer carry out re-inspections of inadequate local authorities using the single inspection framework. … We will re-inspect using a standard inspection under this [ILACS] framework.",
    wording: Wording::Quotation,
    title: "Ofsted, Inspecting local authority children’s services (framework updated September 2018), as quoted by Children & Young People Now, 17 September 2018",
    url: "https://www.cypnow.co.uk/news/article/ofsted-relaxes-inspections-for-struggling-inadequate-councils",
    section: None,
};

const ILACS_MONITORING: Citation = Citation {
    text: "regular monitoring for inadequate authorities before we re-inspect",
    wording: Wording::Quotation,
    title: "Ofsted's National Director for Social Care, Inspecting children’s services, LGA First",
    url: "https://www.lgafirst.co.uk/comment/inspecting-childrens-services/",
    section: None,
};

const ILACS_INADEQUATE_READING: Citation = Citation {
    text: "The register's reading: no interval is published for re-inspecting an inadequate authority under ILACS; it follows the monitoring visits. The window (12 to 30 months after publication) allows at least the four quarterly visits the SIF rules asked for first, and up to the six quarterly visits inadequate councils were reported to receive before re-inspection, with six months to spare.",
    wording: Wording::Paraphrase,
    title: "lacs (this register)",
    url: "https://www.cypnow.co.uk/news/article/ofsted-relaxes-inspections-for-struggling-inadequate-councils",
    section: None,
};

const REFORM_NEWS: Citation = Citation {
    text: "From April 2026, the inspectorate will remove the overall effectiveness judgement in ILACS.",
    wording: Wording::Quotation,
    title: "Ofsted, Ofsted confirms removal of headline judgement for inspections of local authorities’ children’s services (27 November 2025), as reproduced by WiredGov",
    url: "https://www.wired-gov.net/wg/news.nsf/articles/ofsted+confirms+removal+of+headline+judgement+for+inspections+of+local+authorities+childrens+services+27112025162500?open",
    section: None,
};

const REFORM_READING: Citation = Citation {
    text: "The register's reading: Ofsted has published no new interval for the reformed ILACS (a renewed framework is planned for 2027), so the ILACS intervals apply, chosen by the lowest of the area judgements in place of the overall grade; an inadequate judgement is treated as inadequate.",
    wording: Wording::Paraphrase,
    title: "lacs (this register)",
    url: "https://www.wired-gov.net/wg/news.nsf/articles/ofsted+confirms+removal+of+headline+judgement+for+inspections+of+local+authorities+childrens+services+27112025162500?open",
    section: None,
};

const SIF_MONITORING: MonitoringRule = MonitoringRule {
    first_earliest_months: 2,
    first_latest_months: 4,
    every_earliest_months: 2,
    every_latest_months: 4,
    citations: &[MONITORING_HANDBOOK, FIRST_VISIT],
};

const ILACS_MONITORING_RULE: MonitoringRule = MonitoringRule {
    first_earliest_months: 2,
    first_latest_months: 4,
    every_earliest_months: 2,
    every_latest_months: 4,
    citations: &[ILACS_MONITORING, MONITORING_HANDBOOK],
};

use Grade::{Good, Inadequate, Outstanding, RequiresImprovement};

/// Every rule: one row per version and group of grades.
pub const DUE_RULES: &[DueRule] = &[
    DueRule {
        version: RuleVersion::Sif,
        basis: DueBasis::Overall,
        grades: &[Outstanding, Good, RequiresImprovement],
        next: "Next full inspection (from 2018 under ILACS)",
        earliest_months: 30,
        latest_months: 42,
        monitoring: None,
        citations: &[SIF_NEWS, THREE_YEARS_READING],
    },
    DueRule {
        version: RuleVersion::Sif,
        basis: DueBasis::Overall,
        grades: &[Inadequate],
        next: "Re-inspection after monitoring visits",
        earliest_months: 12,
        latest_months: 27,
        monitoring: Some(SIF_MONITORING),
        citations: &[SIF_REINSPECTION, MONITORING_HANDBOOK],
    },
    DueRule {
        version: RuleVersion::Ilacs,
        basis: DueBasis::Overall,
        grades: &[Outstanding, Good],
        next: "ILACS short inspection",
        earliest_months: 30,
        latest_months: 42,
        monitoring: None,
        citations: &[ILACS_TIMING],
    },
    DueRule {
        version: RuleVersion::Ilacs,
        basis: DueBasis::Overall,
        grades: &[RequiresImprovement],
        next: "ILACS standard inspection",
        earliest_months: 30,
        latest_months: 42,
        monitoring: None,
        citations: &[ILACS_TIMING],
    },
    DueRule {
        version: RuleVersion::Ilacs,
        basis: DueBasis::Overall,
        grades: &[Inadequate],
        next: "ILACS standard inspection (re-inspection) after monitoring visits",
        earliest_months: 12,
        latest_months: 30,
        monitoring: Some(ILACS_MONITORING_RULE),
        citations: &[ILACS_REINSPECT, ILACS_INADEQUATE_READING],
    },
    DueRule {
        version: RuleVersion::Ilacs2026,
        basis: DueBasis::LowestJudgement,
        grades: &[Outstanding, Good],
        next: "ILACS short inspection",
        earliest_months: 30,
        latest_months: 42,
        monitoring: None,
        citations: &[REFORM_NEWS, REFORM_READING, ILACS_TIMING],
    },
    DueRule {
        version: RuleVersion::Ilacs2026,
        basis: DueBasis::LowestJudgement,
        grades: &[RequiresImprovement],
        next: "ILACS standard inspection",
        earliest_months: 30,
        latest_months: 42,
        monitoring: None,
        citations: &[REFORM_NEWS, REFORM_READING, ILACS_TIMING],
    },
    DueRule {
        version: RuleVersion::Ilacs2026,
        basis: DueBasis::LowestJudgement,
        grades: &[Inadequate],
        next: "ILACS standard inspection (re-inspection) after monitoring visits",
        earliest_months: 12,
        latest_months: 30,
        monitoring: Some(ILACS_MONITORING_RULE),
        citations: &[REFORM_NEWS, REFORM_READING, ILACS_REINSPECT],
    },
];

/// The judgements whose lowest grade stands for overall effectiveness in the reformed ILACS.
pub const REFORM_JUDGEMENTS: [Judgement; 4] =
    [Judgement::Leaders, Judgement::HelpProtection, Judgement::InCare, Judgement::CareLeavers];

impl RuleVersion {
    /// The version whose rules follow a graded event, with the grade that picks the rule
    /// and what that grade is; `None` for an ungraded event, or an ILACS inspection before
    /// the reform whose overall grade is unknown (withheld, say).
    pub fn of(e: &InspectionEvent) -> Option<(RuleVersion, DueBasis, Grade)> {
        let on_scale = |g: Option<Grade>| g.filter(|g| g.rank().is_some());
        match e.kind? {
            Kind::Sif | Kind::SifReinspection => {
                on_scale(e.grades.overall).map(|g| (RuleVersion::Sif, DueBasis::Overall, g))
            }
            Kind::IlacsStandard | Kind::IlacsShort => {
                if let Some(g) = on_scale(e.grades.overall) {
                    return Some((RuleVersion::Ilacs, DueBasis::Overall, g));
                }
                let day = e.inspection_start.or(e.published)?;
                if day < ILACS_REFORM {
                    return None;
                }
                let lowest = REFORM_JUDGEMENTS
                    .iter()
                    .filter_map(|j| on_scale(e.grades.get(*j)))
                    .max_by_key(|g| g.rank())?;
                Some((RuleVersion::Ilacs2026, DueBasis::LowestJudgement, lowest))
            }
            _ => None,
        }
    }
}

/// The rule for a version and grade (`None` off the scale).
pub fn due_rule(version: RuleVersion, grade: Grade) -> Option<&'static DueRule> {
    DUE_RULES.iter().find(|r| r.version == version && r.grades.contains(&grade))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EventSources, JudgementSet};
    use jiff::civil::date;

    fn event(kind: Kind, start: Date, grades: JudgementSet) -> InspectionEvent {
        InspectionEvent {
            id: 1,
            urn: 80426,
            kind: Some(kind),
            event_type: kind.label().into(),
            inspection_start: Some(start),
            inspection_end: None,
            published: Some(start),
            grades,
            sources: EventSources::default(),
            visit: None,
        }
    }

    #[test]
    fn every_version_and_grade_has_exactly_one_rule() {
        for v in RuleVersion::ALL {
            for g in Grade::SCALE {
                assert_eq!(DUE_RULES.iter().filter(|r| r.version == *v && r.grades.contains(&g)).count(), 1, "{v} {g}");
            }
            assert!(due_rule(*v, Grade::NotJudged).is_none());
        }
        for r in DUE_RULES {
            assert!(r.earliest_months < r.latest_months, "{:?}", r.version);
            assert!(!r.citations.is_empty());
            assert_eq!(r.monitoring.is_some(), r.grades.contains(&Inadequate));
            for c in r.citations {
                // A number Ofsted never published is said to be the register's.
                assert!(c.wording == Wording::Quotation || c.text.starts_with("The register's reading") || !c.title.starts_with("lacs"));
                assert!(c.url.starts_with("http"));
            }
        }
    }

    #[test]
    fn the_version_follows_the_kind_and_the_reform() {
        let overall = JudgementSet { overall: Some(Good), ..Default::default() };
        let e = event(Kind::Sif, date(2015, 3, 1), overall);
        assert_eq!(RuleVersion::of(&e), Some((RuleVersion::Sif, DueBasis::Overall, Good)));
        let e = event(Kind::IlacsShort, date(2019, 3, 1), overall);
        assert_eq!(RuleVersion::of(&e), Some((RuleVersion::Ilacs, DueBasis::Overall, Good)));
        let areas = JudgementSet {
            leaders: Some(Good),
            help_protection: Some(RequiresImprovement),
            in_care: Some(Outstanding),
            care_leavers: Some(Good),
            ..Default::default()
        };
        let reformed = event(Kind::IlacsStandard, date(2026, 5, 11), areas);
        assert_eq!(RuleVersion::of(&reformed), Some((RuleVersion::Ilacs2026, DueBasis::LowestJudgement, RequiresImprovement)));
        let withheld = event(Kind::IlacsStandard, date(2025, 5, 11), areas);
        assert_eq!(RuleVersion::of(&withheld), None, "no overall grade before the reform: no rule");
    }
}
