//! Improvement themes: what inspectors most often say must improve, as a documented taxonomy.
//!
//! Each theme is one row of [`THEMES`]: an id, a label, what it covers, the phrases that
//! assign an item to it, and the phrases that cancel one of those (`unless`). Phrases are
//! case-insensitive regular expressions over the item's text, matched at word starts. A
//! phrase's match counts unless it lies inside a match of one of its theme's `unless`
//! phrases: "recruit" is workforce, but not inside "recruitment of foster carers"; "plans"
//! are plans for children, but not inside "improvement plans". An item may carry several
//! themes; an item that matches none is "unassigned" and stays visible as such. The rules
//! are deliberately plain so anyone can check why an item got a theme: [`explain`] names the
//! text that matched.
//!
//! How well the rules agree with items labelled by hand, and the labelling guideline that
//! says what each theme includes and excludes, are in `tests/labelled.rs` and
//! `tests/data/README.md`; `cargo test -p lacs-themes --test labelled -- --nocapture`
//! prints precision and recall per theme.

use regex::{Regex, RegexSet};
use std::sync::LazyLock;

/// One theme of the taxonomy.
#[derive(Debug, serde::Serialize)]
pub struct Theme {
    pub id: &'static str,
    pub label: &'static str,
    pub covers: &'static str,
    /// Phrases (regular expressions) that assign an item to this theme. The first is a plain
    /// phrase, fit to search for.
    pub phrases: &'static [&'static str],
    /// Phrases (regular expressions) whose matches cancel a match of `phrases` lying inside
    /// them: the exceptions the theme's definition names.
    pub unless: &'static [&'static str],
}

/// Carers and adopters, not staff: their recruitment is placement sufficiency or permanence.
const CARER_RECRUITMENT: &[&str] = &[
    r"(foster carers?|fostering|adopters?|adoption|carers?)\b[\w ,']{0,40}\b(recruit\w*|retention|retain\w*)",
    r"(recruit\w*|retention|retain\w*)( and (recruit\w*|retention|retain\w*|commissioning))?( of| to)?( the| a)?( sufficient| more| additional| a variety of)?( numbers? of)?( in-house| local)? (foster|adopt|carers|independent visitors)",
    r"(carers|adopters) (are |being )*recruited",
    r"recruitment (strateg\w+|campaign|process)[\w ]{0,40}\b(adopt|foster|carers)",
];

pub const THEMES: &[Theme] = &[
    Theme {
        id: "strategy_discussions",
        label: "Strategy discussions",
        covers: "strategy discussions and meetings; section 47 (child protection) enquiries and investigations, joint investigations with the police",
        phrases: &[r"strategy discussions?", r"strategy meetings?", r"section 47", r"s47\b", r"child protection (enquir|investigation)", r"joint (child protection|investigation)"],
        unless: &[],
    },
    Theme {
        id: "return_home_interviews",
        label: "Return home interviews after missing episodes",
        covers: "children missing from home or care, return home interviews (not children missing education)",
        phrases: &[r"return home interviews?", r"return interviews?", r"missing"],
        unless: &[r"missing (from )?(education|school|lessons)"],
    },
    Theme {
        id: "exploitation",
        label: "Exploitation",
        covers: "child sexual and criminal exploitation, county lines, gangs, trafficking, contextual safeguarding and extra-familial harm, disruption of perpetrators",
        phrases: &[r"exploitation", r"exploit", r"cse\b", r"county lines", r"contextual safeguarding", r"extra-familial", r"trafficking", r"gangs?\b", r"disruption (activit|meeting|work|of)", r"perpetrator disruption"],
        unless: &[],
    },
    Theme {
        id: "private_fostering",
        label: "Private fostering",
        covers: "identifying, assessing and supporting private fostering arrangements",
        phrases: &[r"private fostering", r"private(ly)? foster"],
        unless: &[],
    },
    Theme {
        id: "pre_proceedings",
        label: "Pre-proceedings and the public law outline",
        covers: "PLO and pre-proceedings, letters before proceedings, care and court proceedings, work with the courts, legal planning and advice",
        phrases: &[r"pre-proceedings", r"proceedings", r"public law outline", r"plo\b", r"letters? before", r"courts?\b", r"legal (planning|gateway|advice|meetings?)"],
        unless: &[],
    },
    Theme {
        id: "management_oversight",
        label: "Management oversight and supervision",
        covers: "oversight of practice and casework by managers, IROs and child protection chairs (overseeing, challenge, scrutiny, direction, tracking), supervision, audit and quality assurance of practice; not a board's or committee's oversight of services or performance",
        phrases: &[
            r"management oversight",
            r"managerial oversight",
            r"(management|managerial) (direction|grip|scrutiny|challenge)",
            r"oversight",
            r"supervision",
            r"quality assurance",
            r"audit",
            r"(oversight|scrutiny|supervision|monitoring) and challenge",
            r"challeng\w* (\w+ ){0,4}(plans?|practice|drift|delay|progress|decisions?|care planning)",
            r"(managers|iros|chairs|reviewing officers)('s|s'|')?\)?[\w ,]{0,20}\bchalleng",
            r"scrutiny (and challenge )?of (practice|casework|cases|plans)",
            r"overs(ee|ees|eeing|een|aw)\b",
            r"(management|managers'?) overview",
            r"line of sight",
            r"managers (\w+ ){0,2}(monitor|track)",
        ],
        unless: &[
            r"strategic oversight",
            r"(oversight|challenge|scrutiny)( and (oversight|challenge|scrutiny))? (of|to) (the )?(corporate|performance|services|children's services|commissioned|the service|the local authority|all agencies|partners)",
            r"(corporate parenting|committee|board|panel|members|councillors)\b[^.;]{0,40}\b(oversight|challenge|scrutiny)",
            r"overseen by the [\w ]{0,20}(board|committee|panel)",
            r"supervision orders?",
        ],
    },
    Theme {
        id: "workforce",
        label: "Workforce stability and caseloads",
        covers: "social workers and other staff: recruitment, retention, agency staff, staffing and capacity, caseloads, workloads, training and development; not the recruitment of foster carers, adopters or independent visitors",
        phrases: &[
            r"workforce",
            r"caseloads?",
            r"workloads?",
            r"recruit",
            r"retention",
            r"(attract|recruit\w*) and retain",
            r"retain(ing)? (good |skilled |experienced |permanent |qualified |quality )*(staff|social workers|managers|workers)",
            r"agency (staff|social workers?|workers)",
            r"turnover",
            r"staffing",
            r"staffed",
            r"(staff|workforce|professional) (training|development)",
            r"training (for|of|to|opportunities for|needs of) (all )?(frontline |front-line )?(staff|social workers|practitioners|managers)",
            r"(staff|social workers|practitioners|managers)\b[\w ,]{0,30}\btraining",
            r"(skilled|experienced|qualified)\b[\w ,]{0,30}\b(social workers|staff|managers|practitioners)",
            r"(sufficient|social work|staffing|leadership|management|managers'?|iro|reviewing officers?'?) capacity",
            r"(leadership|management) stability",
            r"capacity of (the )?(senior )?(management|managers|staff|social work|workforce|front-line|frontline|teams?)",
        ],
        unless: CARER_RECRUITMENT,
    },
    Theme {
        id: "placement_sufficiency",
        label: "Placement sufficiency and stability",
        covers: "sufficiency, range and choice of placements and homes for children in care, foster carer recruitment, placement matching and stability, unregistered provision; not the workforce's sufficiency, nor short breaks",
        phrases: &[
            r"sufficiency",
            r"placement (stability|choice|availability|moves|matching|options|breakdowns?|commissioning)",
            r"stability of (placements|homes)",
            r"stable (placements|homes)",
            r"unregistered",
            r"homes? for children in care",
            r"(range|choice|availability|number)( and (quality|availability|range))? of (placements|homes|placement options|accommodation for (children looked after|looked after children|children in care))",
            r"foster(ing)?( carers?)? recruitment",
            r"recruit\w*( and retain\w*| and retention of)?( of)? (sufficient |more |additional )?(numbers of )?(in-house |local )?foster",
            r"(foster )?carers (are )?recruited",
            r"numbers? of (foster )?carers",
            r"recruitment (strateg\w+|campaign)[\w ]{0,40}\b(foster|carers)",
            r"residential (provision|placements|homes)",
        ],
        unless: &[r"sufficiency of (the )?(social care |social work )?(workforce|staff|social workers|managers|capacity)", r"workforce sufficiency", r"sufficiency of short[- ]break"],
    },
    Theme {
        id: "pathway_plans",
        label: "Pathway plans",
        covers: "pathway plans and planning for care leavers and young people preparing to leave care",
        phrases: &[r"pathway plan", r"(planning|plans) (for|to meet the needs of) (care leavers|young people leaving care)"],
        unless: &[],
    },
    Theme {
        id: "care_leavers_accommodation",
        label: "Care leavers' accommodation",
        covers: "suitable accommodation and housing for care leavers and older young people (and homeless 16- and 17-year-olds' accommodation), bed and breakfast, staying put",
        phrases: &[r"accommodation", r"housing", r"staying put", r"bed and breakfast"],
        unless: &[r"(local authority|pace|secure) accommodation"],
    },
    Theme {
        id: "uasc",
        label: "Unaccompanied asylum-seeking children",
        covers: "unaccompanied children and young people, and children seeking asylum",
        phrases: &[r"unaccompanied", r"asylum"],
        unless: &[],
    },
    Theme {
        id: "disabled_children",
        label: "Disabled children",
        covers: "services and practice for disabled children, short breaks, transition to adult services",
        phrases: &[r"disabled children", r"disabled", r"disabilit", r"short[- ]breaks?"],
        unless: &[],
    },
    Theme {
        id: "childrens_voice",
        label: "Children's voice",
        covers: "hearing, recording and acting on children's views, wishes, feelings and lived experience; direct work, seeing children alone; children's participation, engagement and consultation; advocacy; children in care councils",
        phrases: &[
            r"voice",
            r"views",
            r"wishes",
            r"lived experience",
            r"(child's|children's) (daily |individual |past )?experiences?",
            r"direct work",
            r"participat",
            r"advoca",
            r"seen alone",
            r"(seen|spoken to|see them) (on their own|alone)",
            r"children in care council",
            r"cicc?\b",
            r"(children|young people|care leavers|child)('s|s'|')? (engagement|involvement)",
            r"(engagement|involvement) of (\w+ ){0,2}(children|young people|care leavers)",
            r"involve (them|children|young people)",
            r"consult\w* (with )?(\w+ ){0,2}(children|young people|care leavers)",
            r"feedback from (\w+ ){0,2}children",
        ],
        unless: &[
            r"participat\w* in (education|employment|training|eet)",
            r"(agencies|partners|police|professionals)\b[\w ]{0,20}\bparticipat",
            r"participation (and engagement )?of (the )?(police|partners|partner agencies|agencies|health)",
            r"views of (all )?(the )?(relevant )?(agencies|adopters|parents|partners|professionals|staff|carers)",
        ],
    },
    Theme {
        id: "education_in_care",
        label: "Education of children in care",
        covers: "personal education plans, the virtual school, attainment, attendance and exclusions of children in care; education, employment and training (EET, NEET) and apprenticeships for care leavers",
        phrases: &[
            r"virtual school",
            r"virtual (college|head)",
            r"personal education plan",
            r"peps?\b",
            r"education, (employment|training)",
            r"employment, (education|training)",
            r"(education|employment|training),? (and|or) (education|employment|training)",
            r"n?eet\b",
            r"apprenticeship",
            r"attainment",
            r"school attendance",
            r"(fixed-term|permanent) exclusions?",
            r"exclusions? from school",
            r"(further|higher) education",
            r"university",
        ],
        unless: &[],
    },
    Theme {
        id: "health_assessments",
        label: "Health assessments and health needs",
        covers: "initial and review health assessments and the health of children in care and care leavers: health needs, histories and passports, emotional and mental health, CAMHS, dental checks; not parents' or adults' health",
        phrases: &[
            r"health assessment",
            r"health assess",
            r"health (histor|records?|passports?|information|needs|checks?|reviews?|promotion|and well-?being|and dental|and development|services for)",
            r"(their|children's|own|young people's|care leavers') health",
            r"(emotional|mental|physical|sexual) health",
            r"emotional (well-?being|resilience)",
            r"camhs",
            r"dental",
            r"sdqs?\b",
            r"strengths and difficulties",
            r"medical (assessments?|information|and health)",
        ],
        unless: &[r"(parental|adult|parents'?) mental (ill[- ])?health", r"health and well-?being board"],
    },
    Theme {
        id: "assessment_planning",
        label: "Assessments and plans",
        covers: "quality and timeliness of social work assessments of children, and of plans and planning for children (child in need, child protection, care, pathway, permanence, safety and contingency plans); not health assessments, assessments of carers or adopters, personal education plans, or corporate plans and strategies",
        phrases: &[r"assessment", r"plans?\b", r"planning"],
        unless: &[
            r"health (and dental )?assessments?",
            r"assessments? of (the |their |children's )?(health|dental)",
            r"assessments? (process )?(of|for) (the )?(potential |prospective |temporarily approved )?(adopters|carers|foster|connected|family and friends|special guardians?|kinship)",
            r"(adopters'?|adoption|foster carer|connected persons?|special guardianship|kinship|viability)( and special guardianship)? assessments?",
            r"assessment,? and support (offered |provided )?to (foster |connected )?carers",
            r"strategic needs assessments?",
            r"(strategic|service|action|improvement|development|business|sufficiency|corporate|commissioning|delivery|workforce|recruitment|training|financial|operational|children and young people's)\s+(improvement |service |action )?(plans?|planning)",
            r"corporate parenting plans?",
            r"(personal )?education plans?",
            r"planning (and|for) (improvement|commissioning|services|the development of services)",
        ],
    },
    Theme {
        id: "thresholds_front_door",
        label: "Thresholds and the front door",
        covers: "thresholds for help and protection, contacts and referrals to children's social care, MASH and the front door, step-up and step-down, early help; not referrals to the designated officer (LADO) or to other services",
        phrases: &[
            r"front door",
            r"thresholds?",
            r"mash\b",
            r"referrals?",
            r"contacts\b",
            r"contact and (referral|assessment)",
            r"early help",
            r"step(ping)?[- ](up|down)",
            r"first (response|contact|point of contact)",
            r"(single )?point of (contact|access)",
            r"consultation (line|service)",
        ],
        unless: &[
            r"referrals? to (the )?(local authority )?(designated officer|lado|camhs|mental health|specialist)",
            r"thresholds? (for|of) (section 47|s47|significant harm|care proceedings|pre-proceedings|proceedings|the public law outline|legal|plo)",
        ],
    },
    Theme {
        id: "permanence",
        label: "Permanence, adoption and life-story work",
        covers: "permanence planning, adoption (adopter recruitment, adoptive placements, adoption support), special guardianship, long-term fostering and its matching, placement orders and discharging care orders, life-story work and later-life letters",
        phrases: &[
            r"permanence",
            r"permanency",
            r"permanent (\w+ )?(homes?|placements?|famil|carers|arrangements)",
            r"adopt(ion|ions|ive|ers?)\b",
            r"adopted (children|child|young people)",
            r"(to|for)[- ]adopt\b",
            r"special guardian",
            r"sgos?\b",
            r"long[- ]term (foster|placements?|matching)",
            r"life[- ]?(story|journey)",
            r"later[- ]life letters?",
            r"placement orders?",
            r"(discharg\w*|revo\w*)\b[\w ]{0,12}\bcare orders?",
            r"care orders?[\w ]{0,40}\b(revoc|revok|discharg)",
        ],
        unless: &[],
    },
];

struct Compiled {
    set: RegexSet,
    /// For each pattern in `set`, its theme's index.
    theme_of: Vec<usize>,
    patterns: Vec<Regex>,
    /// For each theme, its `unless` phrases.
    unless: Vec<Vec<Regex>>,
}

fn at_word_start(p: &str) -> String {
    format!(r"(?i)(?:^|\b){p}")
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let compile =
        |s: &String| Regex::new(s).unwrap_or_else(|e| panic!("bad built-in theme phrase {s}: {e}"));
    let mut sources = Vec::new();
    let mut theme_of = Vec::new();
    for (i, t) in THEMES.iter().enumerate() {
        for p in t.phrases {
            sources.push(at_word_start(p));
            theme_of.push(i);
        }
    }
    let set = RegexSet::new(&sources).unwrap_or_else(|e| panic!("bad built-in theme phrase: {e}"));
    let patterns = sources.iter().map(compile).collect();
    let unless = THEMES
        .iter()
        .map(|t| {
            t.unless
                .iter()
                .map(|p| compile(&at_word_start(p)))
                .collect()
        })
        .collect();
    Compiled {
        set,
        theme_of,
        patterns,
        unless,
    }
});

/// Each phrase match that counts: (theme index, the text that matched).
fn matches(text: &str) -> Vec<(usize, &str)> {
    let c = &*COMPILED;
    let mut out = Vec::new();
    let mut cancelling: Vec<Option<Vec<(usize, usize)>>> = vec![None; THEMES.len()];
    for m in c.set.matches(text).iter() {
        let theme = c.theme_of[m];
        let spans = cancelling[theme].get_or_insert_with(|| {
            c.unless[theme]
                .iter()
                .flat_map(|u| u.find_iter(text).map(|f| (f.start(), f.end())))
                .collect()
        });
        if let Some(f) = c.patterns[m]
            .find_iter(text)
            .find(|f| !spans.iter().any(|&(s, e)| s <= f.start() && f.end() <= e))
        {
            out.push((theme, f.as_str()));
        }
    }
    out
}

/// The themes of an item's text, in taxonomy order; empty when unassigned.
pub fn themes_of(text: &str) -> Vec<&'static Theme> {
    let mut hit = vec![false; THEMES.len()];
    for (theme, _) in matches(text) {
        hit[theme] = true;
    }
    THEMES
        .iter()
        .zip(hit)
        .filter(|(_, h)| *h)
        .map(|(t, _)| t)
        .collect()
}

/// Why an item has each of its themes: (theme id, the text that matched), one per phrase
/// that matched outside its theme's `unless` phrases.
pub fn explain(text: &str) -> Vec<(&'static str, String)> {
    matches(text)
        .into_iter()
        .map(|(theme, m)| (THEMES[theme].id, m.trim().to_string()))
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
        assert_eq!(
            ids("Regular review of the use of private fostering arrangements."),
            ["private_fostering"]
        );
        assert_eq!(
            ids("The quality of pathway planning for all care leavers."),
            ["pathway_plans", "assessment_planning"]
        );
        assert_eq!(
            ids("Care leavers' accommodation, including the use of bed and breakfast."),
            ["care_leavers_accommodation"]
        );
        // A health assessment is not a social work assessment.
        assert_eq!(
            ids("The timeliness of initial health assessments for children in care."),
            ["health_assessments"]
        );
        assert_eq!(
            ids("Management oversight and supervision of social work practice."),
            ["management_oversight"]
        );
        assert_eq!(
            ids("Support for unaccompanied asylum-seeking children."),
            ["uasc"]
        );
        assert_eq!(
            ids("The response to children at risk of criminal exploitation."),
            ["exploitation"]
        );
        assert_eq!(
            ids("The use of the public law outline (PLO) and pre-proceedings."),
            ["pre_proceedings"]
        );
    }

    #[test]
    fn childrens_voice_is_found_however_it_is_worded() {
        for text in [
            "Revitalise the Children in Care Council to ensure that the voices of children and young people are heard and that the council understands and acts on their views and concerns.",
            "Improve children's participation in child protection conferences and core groups by strengthening advocacy arrangements.",
            "Ensure that children and young people are visited regularly and seen alone by their social workers.",
        ] {
            assert!(ids(text).contains(&"childrens_voice"), "{text}");
        }
        // Other people's participation and views are not the child's voice.
        assert!(!ids(
            "The participation and engagement of the police in child protection processes."
        )
        .contains(&"childrens_voice"));
        assert!(
            !ids("Improve participation in education, employment and training (EET).")
                .contains(&"childrens_voice")
        );
    }

    #[test]
    fn education_employment_and_training_in_any_order() {
        for text in [
            "Reduce the number of care leavers aged 19 to 21 not in education, employment or training.",
            "Increase the number of care leavers engaged in employment, education or training.",
            "Improve the proportion of care leavers in EET.",
            "Improve opportunities for care leavers to have access to apprenticeships.",
        ] {
            assert_eq!(ids(text), ["education_in_care"], "{text}");
        }
    }

    #[test]
    fn permanence_adoption_and_life_story_work() {
        assert_eq!(
            ids("Life-story work and later-life letters for adopted children."),
            ["permanence"]
        );
        assert_eq!(ids("Increase adopter recruitment so that children waiting to be adopted move in more quickly."), ["permanence"]);
        assert_eq!(
            ids("The formal matching and panel approval of adolescents in long-term foster homes."),
            ["permanence"]
        );
        assert_eq!(
            ids("Ensure that plans for permanence progress without unnecessary delay."),
            ["assessment_planning", "permanence"]
        );
        // "adopt" the verb, and permanent housing, are not permanence.
        assert!(ids("Ensure that personal advisers adopt a proactive approach.").is_empty());
        assert_eq!(
            ids("Ensure that care leavers can live in safe, permanent housing."),
            ["care_leavers_accommodation"]
        );
    }

    #[test]
    fn unless_phrases_keep_corporate_plans_and_carers_out() {
        // Corporate plans are not plans for children, nor a committee's oversight management oversight.
        assert!(ids("Ensure that robust service and action plans are implemented.").is_empty());
        assert!(
            ids("The corporate parenting committee strengthens its oversight of services.")
                .is_empty()
        );
        // Carer and adopter recruitment is not workforce.
        assert_eq!(
            ids("Recruit and retain sufficient numbers of foster carers."),
            ["placement_sufficiency"]
        );
        assert_eq!(
            ids("Develop a strategy for the recruitment of adopters."),
            ["permanence"]
        );
        assert_eq!(
            ids("The recruitment and retention of social workers."),
            ["workforce"]
        );
        // …and a workforce's sufficiency is not placement sufficiency.
        assert_eq!(
            ids("Review the sufficiency of the social care workforce."),
            ["workforce"]
        );
        // An unless phrase cancels only the matches inside it.
        assert_eq!(
            ids("Recruit social workers, and recruit foster carers."),
            ["workforce", "placement_sufficiency"]
        );
        assert_eq!(
            explain("The recruitment of adopters."),
            [("permanence", "adopters".to_string())]
        );
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
            // The first phrase is plain words, fit to search for.
            assert!(
                t.phrases[0]
                    .trim_end_matches("s?")
                    .chars()
                    .all(|c| c.is_alphanumeric() || " '-".contains(c)),
                "{}: {}",
                t.id,
                t.phrases[0]
            );
        }
        assert_eq!(
            explain("return home interviews")[0],
            (
                "return_home_interviews",
                "return home interviews".to_string()
            )
        );
    }
}
