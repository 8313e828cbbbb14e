//! Improvement themes: what inspectors most often say must improve, as a documented taxonomy.
//!
//! Each theme is one row of [`THEMES`]: an id, a label, what it covers, and the phrases that
//! assign an item to it (case-insensitive regular expressions over the item's text, matched
//! at word starts). An item may carry several themes; an item that matches none is
//! "unassigned" and stays visible as such. The rules are deliberately plain so anyone can
//! check why an item got a theme: [`explain`] names the phrase that matched.

use regex::{Regex, RegexSet};
use std::sync::LazyLock;

/// One theme of the taxonomy.
#[derive(Debug, serde::Serialize)]
pub struct Theme {
    pub id: &'static str,
    pub label: &'static str,
    pub covers: &'static str,
    /// Phrases (regular expressions) that assign an item to this theme.
    pub phrases: &'static [&'static str],
}

pub const THEMES: &[Theme] = &[
    Theme { id: "strategy_discussions", label: "Strategy discussions", covers: "strategy discussions and meetings, section 47 enquiries", phrases: &[r"strategy (discussion|meeting)", r"section 47", r"child protection enquir"] },
    Theme { id: "return_home_interviews", label: "Return home interviews after missing episodes", covers: "children missing from home or care, return home interviews", phrases: &[r"return home interview", r"missing (from|episode)", r"go(es|ing)? missing", r"reported missing"] },
    Theme { id: "exploitation", label: "Exploitation", covers: "child sexual and criminal exploitation, county lines, contextual safeguarding", phrases: &[r"exploitation", r"\bcse\b", r"county lines", r"contextual safeguarding", r"extra-familial"] },
    Theme { id: "private_fostering", label: "Private fostering", covers: "identifying and assessing private fostering arrangements", phrases: &[r"private(ly)? foster"] },
    Theme { id: "pre_proceedings", label: "Pre-proceedings and the public law outline", covers: "PLO, pre-proceedings, letters before proceedings, court timeliness", phrases: &[r"pre-?proceedings", r"public law outline", r"\bplo\b", r"care proceedings", r"letters? before"] },
    Theme { id: "management_oversight", label: "Management oversight and supervision", covers: "management oversight, direction, supervision, audit and quality assurance of practice", phrases: &[r"management (oversight|direction|grip)", r"managerial oversight", r"supervision", r"oversight", r"quality assurance", r"\baudit"] },
    Theme { id: "workforce", label: "Workforce stability and caseloads", covers: "recruitment, retention, agency staff, caseloads, workloads", phrases: &[r"workforce", r"caseloads?", r"workloads?", r"recruit", r"retention", r"agency (staff|social worker)", r"turnover"] },
    Theme { id: "placement_sufficiency", label: "Placement sufficiency and stability", covers: "sufficiency of placements and homes, placement stability, unregistered provision", phrases: &[r"sufficiency", r"placement stability", r"stability of (placements|homes)", r"unregistered", r"placement (choice|availability|moves)", r"homes? for children in care"] },
    Theme { id: "pathway_plans", label: "Pathway plans", covers: "pathway planning for care leavers", phrases: &[r"pathway plan"] },
    Theme { id: "care_leavers_accommodation", label: "Care leavers' accommodation", covers: "suitable accommodation and housing for care leavers, bed and breakfast", phrases: &[r"care leavers'? (suitable )?(accommodation|housing)", r"accommodation for care leavers", r"(suitable|unsuitable) accommodation", r"bed and breakfast", r"staying put"] },
    Theme { id: "uasc", label: "Unaccompanied asylum-seeking children", covers: "unaccompanied children and young people seeking asylum", phrases: &[r"unaccompanied", r"asylum"] },
    Theme { id: "disabled_children", label: "Disabled children", covers: "services and practice for disabled children", phrases: &[r"disabled children", r"children with disabilities", r"\bdisabilit"] },
    Theme { id: "childrens_voice", label: "Children's voice", covers: "hearing and recording children's wishes, feelings and lived experience; direct work", phrases: &[r"children'?s (voice|views|wishes)", r"voice of (the )?child", r"wishes and feelings", r"lived experience", r"direct work"] },
    Theme { id: "education_in_care", label: "Education of children in care", covers: "personal education plans, the virtual school, attainment and attendance", phrases: &[r"personal education plan", r"\bpeps?\b", r"virtual school", r"education, employment", r"\bneet\b", r"attainment", r"school attendance"] },
    Theme { id: "health_assessments", label: "Health assessments", covers: "initial and review health assessments, emotional and mental health", phrases: &[r"health assessment", r"emotional (and mental )?health", r"mental health", r"\bcamhs\b"] },
    Theme { id: "assessment_planning", label: "Assessments and plans", covers: "quality of assessments and of child in need, child protection and care plans", phrases: &[r"\bassessments?\b", r"\bplans?\b", r"planning"] },
    Theme { id: "thresholds_front_door", label: "Thresholds and the front door", covers: "thresholds, referrals, MASH and early help", phrases: &[r"threshold", r"front door", r"\bmash\b", r"referral", r"early help"] },
];

struct Compiled {
    set: RegexSet,
    /// For each pattern in `set`, its theme's index.
    theme_of: Vec<usize>,
    patterns: Vec<Regex>,
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let mut sources = Vec::new();
    let mut theme_of = Vec::new();
    for (i, t) in THEMES.iter().enumerate() {
        for p in t.phrases {
            sources.push(format!(r"(?i)(?:^|\b){p}"));
            theme_of.push(i);
        }
    }
    let set = RegexSet::new(&sources).unwrap_or_else(|e| panic!("bad built-in theme phrase: {e}"));
    let patterns = sources.iter().map(|s| Regex::new(s).unwrap_or_else(|e| panic!("{s}: {e}"))).collect();
    Compiled { set, theme_of, patterns }
});

/// The themes of an item's text, in taxonomy order; empty when unassigned.
pub fn themes_of(text: &str) -> Vec<&'static Theme> {
    let c = &*COMPILED;
    let mut hit = vec![false; THEMES.len()];
    for m in c.set.matches(text).iter() {
        hit[c.theme_of[m]] = true;
    }
    THEMES.iter().zip(hit).filter(|(_, h)| *h).map(|(t, _)| t).collect()
}

/// Why an item has each of its themes: (theme id, the text that matched).
pub fn explain(text: &str) -> Vec<(&'static str, String)> {
    let c = &*COMPILED;
    c.set
        .matches(text)
        .iter()
        .filter_map(|m| c.patterns[m].find(text).map(|f| (THEMES[c.theme_of[m]].id, f.as_str().trim().to_string())))
        .collect()
}

/// A theme by id.
pub fn by_id(id: &str) -> Option<&'static Theme> {
    THEMES.iter().find(|t| t.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<&'static str> {
        themes_of(text).iter().map(|t| t.id).collect()
    }

    #[test]
    fn items_from_real_reports_get_the_themes_a_reader_would_give() {
        assert_eq!(
            ids("Risk assessment and the understanding of the wider risks, including the timeliness and quality of return home interviews when children are reported missing from home and care."),
            ["return_home_interviews", "assessment_planning"]
        );
        assert_eq!(ids("Regular review of the use of private fostering arrangements."), ["private_fostering"]);
        assert_eq!(ids("The quality of pathway planning for all care leavers."), ["pathway_plans", "assessment_planning"]);
        assert_eq!(ids("Care leavers' accommodation, including the use of bed and breakfast."), ["care_leavers_accommodation"]);
        assert_eq!(ids("The timeliness of initial health assessments for children in care."), ["health_assessments", "assessment_planning"]);
        assert_eq!(ids("Management oversight and supervision of social work practice."), ["management_oversight"]);
        assert_eq!(ids("Support for unaccompanied asylum-seeking children."), ["uasc"]);
        assert_eq!(ids("The response to children at risk of criminal exploitation."), ["exploitation"]);
        assert_eq!(ids("The use of the public law outline (PLO) and pre-proceedings."), ["pre_proceedings"]);
    }

    #[test]
    fn an_item_matching_nothing_stays_unassigned() {
        assert!(themes_of("The corporate parenting board's annual report.").is_empty());
    }

    #[test]
    fn phrases_match_at_word_starts_only() {
        // "plans" inside "explanations" is not a plan.
        assert!(ids("Explanations were given.").is_empty());
    }

    #[test]
    fn every_theme_is_documented_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for t in THEMES {
            assert!(seen.insert(t.id), "duplicate {}", t.id);
            assert!(!t.label.is_empty() && !t.covers.is_empty() && !t.phrases.is_empty());
        }
        assert_eq!(explain("return home interviews")[0], ("return_home_interviews", "return home interview".to_string()));
    }
}
