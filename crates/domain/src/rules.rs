//! The framework rules seen in every graded inspection (domain.md, "Rules seen in every
//! graded inspection"). They validate what was read; they never fill a gap.
//!
//! Each rule is one row of [`RULES`]: which frameworks it binds, whether breaking it is an
//! error (the document goes to review) or a warning, and the predicate itself.

use crate::{Doubt, DoubtKind, Framework, Grade, Judgement, JudgementSet};

/// One framework rule.
pub struct Rule {
    pub id: &'static str,
    pub frameworks: &'static [Framework],
    /// Breaking a warning rule has happened in real reports; it is recorded, not an error.
    pub warning: bool,
    pub description: &'static str,
    /// True when the grades satisfy the rule (or the rule does not apply to them).
    pub holds: fn(&JudgementSet) -> bool,
}

/// The judgements whose inadequacy makes overall inadequate. In SIF, care leavers (2.2) and
/// adoption (2.1) are sub-judgements of children looked after and do not bind overall.
const SIF_PRACTICE: [Judgement; 2] = [Judgement::HelpProtection, Judgement::InCare];

fn any_inadequate_of(judgements: &[Judgement], s: &JudgementSet) -> bool {
    judgements.iter().any(|j| s.get(*j) == Some(Grade::Inadequate))
}

fn practice_rule(judgements: &[Judgement], s: &JudgementSet) -> bool {
    match s.overall {
        Some(overall) => !any_inadequate_of(judgements, s) || overall == Grade::Inadequate,
        None => true,
    }
}

fn any_inadequate(s: &JudgementSet) -> bool {
    [Judgement::Leaders, Judgement::HelpProtection, Judgement::InCare, Judgement::CareLeavers]
        .iter()
        .any(|j| s.get(*j) == Some(Grade::Inadequate))
}

/// Every rule, in the order they are reported.
pub const RULES: &[Rule] = &[
    Rule {
        id: "practice-inadequate-means-overall-inadequate",
        frameworks: &[Framework::Ilacs],
        warning: false,
        description: "an inadequate practice judgement (help and protection, children in care, care leavers) makes overall effectiveness inadequate",
        holds: |s| practice_rule(&Judgement::PRACTICE, s),
    },
    Rule {
        id: "sif-practice-inadequate-means-overall-inadequate",
        frameworks: &[Framework::Sif],
        warning: false,
        description: "an inadequate help and protection or children looked after judgement makes overall effectiveness inadequate",
        holds: |s| practice_rule(&SIF_PRACTICE, s),
    },
    Rule {
        id: "overall-inadequate-needs-an-inadequate-judgement",
        frameworks: &[Framework::Sif, Framework::Ilacs],
        warning: false,
        description: "overall effectiveness inadequate needs at least one inadequate judgement",
        holds: |s| s.overall != Some(Grade::Inadequate) || any_inadequate(s),
    },
    Rule {
        id: "sif-overall-not-better-than-leadership",
        frameworks: &[Framework::Sif],
        warning: false,
        description: "SIF overall effectiveness is never better than leadership, management and governance",
        holds: |s| match (s.overall, s.leaders) {
            (Some(o), Some(l)) => !o.better_than(l),
            _ => true,
        },
    },
    Rule {
        id: "ilacs-outstanding-needs-outstanding-leaders",
        frameworks: &[Framework::Ilacs],
        warning: false,
        description: "ILACS overall outstanding needs leaders outstanding",
        holds: |s| s.overall != Some(Grade::Outstanding) || s.leaders == Some(Grade::Outstanding),
    },
    Rule {
        id: "ilacs-overall-better-than-leaders",
        frameworks: &[Framework::Ilacs],
        warning: true,
        description: "ILACS overall effectiveness better than leaders (seen 4 times, with leaders inadequate and overall requires improvement)",
        holds: |s| match (s.overall, s.leaders) {
            (Some(o), Some(l)) => !o.better_than(l),
            _ => true,
        },
    },
];

/// The doubts raised by grades that break a rule of `framework`.
pub fn check(framework: Framework, grades: &JudgementSet) -> Vec<Doubt> {
    RULES
        .iter()
        .filter(|r| r.frameworks.contains(&framework) && !(r.holds)(grades))
        .map(|r| {
            let kind = if r.warning { DoubtKind::RuleWarning } else { DoubtKind::Rule };
            Doubt::new(kind, format!("rule {}: {}", r.id, r.description))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn set(overall: Grade, leaders: Grade, hp: Grade, care: Grade) -> JudgementSet {
        JudgementSet {
            overall: Some(overall),
            leaders: Some(leaders),
            help_protection: Some(hp),
            in_care: Some(care),
            ..Default::default()
        }
    }
    use Grade::*;

    #[test]
    fn consistent_grades_pass() {
        assert!(check(Framework::Ilacs, &set(Good, Good, Good, Outstanding)).is_empty());
        assert!(check(Framework::Sif, &set(Inadequate, Inadequate, Inadequate, Good)).is_empty());
    }

    #[test]
    fn inadequate_practice_with_better_overall_is_an_error() {
        let d = check(Framework::Ilacs, &set(RequiresImprovement, Good, Inadequate, Good));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, DoubtKind::Rule);
    }

    #[test]
    fn ilacs_overall_above_leaders_is_only_a_warning() {
        let d = check(Framework::Ilacs, &set(RequiresImprovement, Inadequate, RequiresImprovement, Good));
        assert_eq!(d.iter().map(|d| d.kind).collect::<Vec<_>>(), vec![DoubtKind::RuleWarning]);
        // the same grades break a hard rule under SIF
        let d = check(Framework::Sif, &set(RequiresImprovement, Inadequate, RequiresImprovement, Good));
        assert_eq!(d.iter().map(|d| d.kind).collect::<Vec<_>>(), vec![DoubtKind::Rule]);
    }

    #[test]
    fn sif_care_leavers_inadequate_does_not_bind_overall() {
        let mut s = set(RequiresImprovement, RequiresImprovement, RequiresImprovement, RequiresImprovement);
        s.care_leavers = Some(Inadequate);
        assert!(check(Framework::Sif, &s).is_empty());
        assert_eq!(check(Framework::Ilacs, &s).len(), 1);
    }

    #[test]
    fn missing_overall_is_never_a_breach() {
        let s = JudgementSet { help_protection: Some(Inadequate), ..Default::default() };
        assert!(check(Framework::Ilacs, &s).is_empty());
    }

    fn grade() -> impl Strategy<Value = Grade> {
        prop::sample::select(Grade::SCALE.to_vec())
    }

    proptest! {
        /// Grades built to obey every rule (overall = worst of the rest, leaders at least as
        /// bad as overall) never raise a doubt.
        #[test]
        fn grades_that_obey_the_rules_raise_nothing(hp in grade(), care in grade(), l in grade()) {
            let worst = [hp, care, l].into_iter().max().unwrap();
            let s = set(worst, l, hp, care);
            prop_assert!(check(Framework::Sif, &s).is_empty());
            prop_assert!(check(Framework::Ilacs, &s).iter().all(|d| d.kind.is_warning()));
        }
    }
}
