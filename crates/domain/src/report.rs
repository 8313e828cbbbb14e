use crate::{Date, Grade, Judgement, Kind};

/// Where a stored publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PublishedSource {
    /// Printed in the report ("Report published:", "originally published on").
    Report,
    /// The date in the file's name (reports site link text).
    FileName,
    /// A person's answer (`lacs review set`).
    Person,
}

crate::vocabulary!(PublishedSource, "published source", [
    (Report, "report"),
    (FileName, "file_name"),
    (Person, "person"),
]);

/// Whether a stored document can be trusted as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Ok,
    NeedsReview,
}

crate::vocabulary!(Status, "status", [(Ok, "ok"), (NeedsReview, "needs_review")]);

/// One judgement as read from a report, with where it was read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct JudgementReading {
    pub judgement: Judgement,
    pub grade: Grade,
    /// 1-based page number.
    pub page: u32,
    /// The report text the grade was read from (label and grade, whitespace collapsed).
    pub text: String,
}

/// What kind of doubt the extractor has. Every doubt sends the document to review unless the
/// kind says it is only a warning (see [`DoubtKind::is_warning`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum DoubtKind {
    /// Could not decide what sort of document this is.
    Kind,
    /// Could not match the LA, or the text names a different LA from the folder hint.
    Authority,
    /// Inspection dates missing or unreadable.
    Dates,
    /// No publication date in the report or the file name.
    Published,
    /// An expected judgement is missing, or one was read twice with different grades.
    Judgement,
    /// A page-1 grade disagrees with the body heading that repeats it.
    CrossCheck,
    /// A hard framework rule is broken (see `rules`).
    Rule,
    /// A soft framework rule: seen in real reports, worth a look, not an error.
    RuleWarning,
    /// The lead inspector could not be read (ILACS). A warning: some reports print none.
    Inspector,
    /// The list of what needs to improve could not be found.
    Findings,
}

crate::vocabulary!(DoubtKind, "doubt", [
    (Kind, "kind"),
    (Authority, "authority"),
    (Dates, "dates"),
    (Published, "published"),
    (Judgement, "judgement"),
    (CrossCheck, "cross_check"),
    (Rule, "rule"),
    (RuleWarning, "rule_warning"),
    (Inspector, "inspector"),
    (Findings, "findings"),
]);

impl DoubtKind {
    /// Warnings are recorded but do not by themselves send a document to review.
    pub const fn is_warning(self) -> bool {
        matches!(self, DoubtKind::RuleWarning | DoubtKind::Inspector)
    }
}

/// Something the extractor is unsure of, in words a reviewer can act on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Doubt {
    pub kind: DoubtKind,
    pub message: String,
    /// The page it concerns, where it concerns one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The judgements whose grades it puts in question (judgement and cross-check doubts);
    /// empty where it names none, and then a grade doubt concerns every grade.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub judgements: Vec<Judgement>,
}

impl Doubt {
    pub fn new(kind: DoubtKind, message: impl Into<String>) -> Self {
        Doubt { kind, message: message.into(), page: None, judgements: Vec::new() }
    }

    /// The same doubt, about a page.
    pub fn on_page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// The same doubt, about these judgements' grades.
    pub fn about(mut self, judgements: &[Judgement]) -> Self {
        self.judgements = judgements.to_vec();
        self
    }

    /// True when two doubts say the same thing (page and judgements aside): what a person's
    /// acceptance of a reading is matched on after the document is read again.
    pub fn same_as(&self, other: &Doubt) -> bool {
        self.kind == other.kind && self.message == other.message
    }
}

/// Everything read from one document, plus the extractor's doubts. The extractor never fails
/// on a readable PDF: it returns what it could read and says what it doubts; the store
/// decides the status.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ReadReport {
    pub kind: Option<Kind>,
    /// The report's title as printed (first heading on page 1).
    pub title: Option<String>,
    /// True when the title says this is a re-inspection.
    pub titled_reinspection: bool,
    /// The LA's name as printed.
    pub la_name_printed: Option<String>,
    /// The LA matched from the printed name.
    pub urn: Option<crate::AuthorityId>,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    /// Calendar days on site, summed over the inspection's visits.
    pub on_site_days: Option<i32>,
    /// Publication date printed in the report, if any.
    pub published_in_report: Option<Date>,
    pub lead_inspectors: Vec<String>,
    pub judgements: Vec<JudgementReading>,
    /// What inspectors said, in the order the report prints it: improvement items, priority
    /// actions, recommendations and judgement paragraphs.
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// The whole text of every page in reading order, page 1 first: so a quotation from
    /// anywhere in a report can be found and cited by page.
    #[serde(default)]
    pub pages: Vec<String>,
    pub page_count: u32,
    pub doubts: Vec<Doubt>,
}

impl ReadReport {
    pub fn grade(&self, j: Judgement) -> Option<Grade> {
        self.judgements.iter().find(|r| r.judgement == j).map(|r| r.grade)
    }

    pub fn judgement_set(&self) -> crate::JudgementSet {
        let mut set = crate::JudgementSet::default();
        for r in &self.judgements {
            set.set(r.judgement, Some(r.grade));
        }
        set
    }

    pub fn doubt(&mut self, kind: DoubtKind, message: impl Into<String>) {
        self.doubts.push(Doubt::new(kind, message));
    }

    /// A doubt with its page or judgements ([`Doubt::on_page`], [`Doubt::about`]).
    pub fn push_doubt(&mut self, doubt: Doubt) {
        self.doubts.push(doubt);
    }
}

/// Which part of a report a finding comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum FindingSection {
    /// ILACS "What needs to improve"; SIF "Areas for improvement".
    Improvement,
    /// SIF "Priority and immediate action".
    PriorityAction,
    /// Recommendations of an LSCB review.
    Recommendation,
    /// A paragraph under a judgement's heading (ILACS body; SIF summary of findings).
    Judgement,
}

crate::vocabulary!(FindingSection, "finding section", [
    (Improvement, "improvement"),
    (PriorityAction, "priority_action"),
    (Recommendation, "recommendation"),
    (Judgement, "judgement"),
]);

/// One item of what inspectors said, with where it was read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Finding {
    pub section: FindingSection,
    /// The judgement a paragraph sits under (judgement paragraphs only).
    pub judgement: Option<Judgement>,
    /// 1-based position within its section (and judgement).
    pub position: u32,
    /// 1-based page where the item starts.
    pub page: u32,
    /// The paragraph number the report prints before it ("21."), where it prints one: ILACS
    /// and SIF number their paragraphs in one sequence through the report.
    #[serde(default)]
    pub number: Option<u32>,
    pub text: String,
}

/// The list or section a finding belongs to, by the name the report gives it: a stable id, a
/// label for one of its items and a heading over them all. One table, so the CLI, the API and
/// the web name each list alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct FindingList {
    pub id: &'static str,
    /// One item: "Area for improvement".
    pub label: &'static str,
    /// The list: "Areas for improvement".
    pub heading: &'static str,
}

/// (framework or none for any, section) → the list's name; the first row that fits is taken.
const FINDING_LISTS: &[(Option<crate::Framework>, FindingSection, FindingList)] = &[
    (None, FindingSection::PriorityAction, FindingList { id: "priority_action", label: "Priority action", heading: "Priority actions" }),
    (
        Some(crate::Framework::Ilacs),
        FindingSection::Improvement,
        FindingList { id: "what_needs_to_improve", label: "What needs to improve", heading: "What needs to improve" },
    ),
    (
        None,
        FindingSection::Improvement,
        FindingList { id: "area_for_improvement", label: "Area for improvement", heading: "Areas for improvement" },
    ),
    (None, FindingSection::Recommendation, FindingList { id: "recommendation", label: "Recommendation", heading: "Recommendations" }),
    (
        None,
        FindingSection::Judgement,
        FindingList { id: "judgement_paragraph", label: "Judgement paragraph", heading: "Judgement paragraphs" },
    ),
];

impl FindingSection {
    /// The name of this section's list in a report of `framework`.
    pub fn list(self, framework: Option<crate::Framework>) -> FindingList {
        FINDING_LISTS
            .iter()
            .find(|(fw, section, _)| *section == self && (fw.is_none() || *fw == framework))
            .map(|(_, _, list)| *list)
            .unwrap_or(FindingList { id: self.as_str(), label: self.as_str(), heading: self.as_str() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Framework;

    #[test]
    fn each_list_is_named_as_its_framework_prints_it() {
        assert_eq!(FindingSection::Improvement.list(Some(Framework::Ilacs)).id, "what_needs_to_improve");
        assert_eq!(FindingSection::Improvement.list(Some(Framework::Sif)).id, "area_for_improvement");
        assert_eq!(FindingSection::PriorityAction.list(Some(Framework::Sif)).label, "Priority action");
        assert_eq!(FindingSection::Improvement.list(Some(Framework::Sif)).heading, "Areas for improvement");
        for &section in FindingSection::ALL {
            for framework in Framework::ALL.iter().copied().map(Some).chain([None]) {
                assert!(FINDING_LISTS.iter().any(|(fw, s, _)| *s == section && (fw.is_none() || *fw == framework)));
            }
        }
    }
}
