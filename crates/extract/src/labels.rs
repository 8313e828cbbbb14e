//! What each framework prints, as data: the judgement table's row labels, the sentences that
//! carry a grade, and the titles that say what a document is. One row per variant; the
//! readers in `table.rs` and `lib.rs` hold no framework knowledge of their own.
//!
//! Patterns are case-insensitive regular expressions over whitespace-collapsed text with
//! straight apostrophes. `{grade}` stands for a grade phrase.

use lacs_domain::{FindingSection, Framework, Judgement, Kind};

/// A row label in a page-1 "Judgement | Grade" table; the grade sits to its right.
pub struct TableLabel {
    pub framework: Framework,
    pub judgement: Judgement,
    pub pattern: &'static str,
}

pub const TABLE_LABELS: &[TableLabel] = &[
    // ILACS
    TableLabel {
        framework: Framework::Ilacs,
        judgement: Judgement::Leaders,
        pattern: r"the impact of leaders on (?:social work )?practice with children and families",
    },
    TableLabel {
        framework: Framework::Ilacs,
        judgement: Judgement::HelpProtection,
        pattern: r"the experiences and progress of children who need help and protection",
    },
    // Before 2023 one judgement covers children in care and care leavers; the optional tail
    // makes the longer label win where it is printed.
    TableLabel {
        framework: Framework::Ilacs,
        judgement: Judgement::InCare,
        pattern: r"the experiences and progress of children in care(?:,? and care leavers)?",
    },
    TableLabel {
        framework: Framework::Ilacs,
        judgement: Judgement::CareLeavers,
        pattern: r"the experiences and progress of care leavers",
    },
    TableLabel { framework: Framework::Ilacs, judgement: Judgement::Overall, pattern: r"overall effectiveness" },
    // SIF
    TableLabel {
        framework: Framework::Sif,
        judgement: Judgement::HelpProtection,
        pattern: r"\d\.? children who need help and protection",
    },
    TableLabel {
        framework: Framework::Sif,
        judgement: Judgement::InCare,
        pattern: r"\d\.? children looked after and achieving permanence",
    },
    TableLabel { framework: Framework::Sif, judgement: Judgement::Adoption, pattern: r"2\.1\.? adoption performance" },
    TableLabel {
        framework: Framework::Sif,
        judgement: Judgement::CareLeavers,
        pattern: r"2\.2\.? experiences and progress of care leavers",
    },
    TableLabel {
        framework: Framework::Sif,
        judgement: Judgement::Leaders,
        // Wirral 2016 numbers this row "1.": the number is not part of the label.
        pattern: r"\d\.? leadership,? management and governance",
    },
];

/// Where a grade sentence is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentenceScope {
    /// Anywhere in the whitespace-collapsed text of pages 1–2.
    FirstPages,
    /// A whole line on any page, or a line and the next when the heading wraps (a section
    /// heading such as "The Local Safeguarding Children Board requires improvement"), so that
    /// body sentences about the board never match.
    HeadingLine,
}

/// A sentence that states a grade (SIF overall effectiveness and the LSCB review). Sentences
/// are tried in order; the first that matches gives the grade.
pub struct GradeSentence {
    pub frameworks: &'static [Framework],
    pub scope: SentenceScope,
    pub judgement: Judgement,
    pub pattern: &'static str,
}

pub const GRADE_SENTENCES: &[GradeSentence] = &[
    GradeSentence {
        frameworks: &[Framework::Sif],
        scope: SentenceScope::FirstPages,
        judgement: Judgement::Overall,
        pattern: r"the overall judgement is(?: that children's services?)?:? (?:are |is )?{grade}",
    },
    GradeSentence {
        frameworks: &[Framework::Sif],
        scope: SentenceScope::FirstPages,
        judgement: Judgement::Overall,
        pattern: r"children's services in .{1,90}? (?:are |is )?{grade}",
    },
    GradeSentence {
        frameworks: &[Framework::Sif, Framework::LscbReview],
        scope: SentenceScope::FirstPages,
        judgement: Judgement::Lscb,
        pattern: r"(?:safeguarding children board|lscb)(?: \(lscb\))?(?: in [a-z ,&'-]{1,60}?)? (?:is |are )?{grade}",
    },
    GradeSentence {
        frameworks: &[Framework::Sif, Framework::LscbReview],
        scope: SentenceScope::HeadingLine,
        judgement: Judgement::Lscb,
        pattern: r"^the (?:effectiveness of the )?(?:local safeguarding children board|lscb)(?: \(lscb\))?(?: in [a-z ,&'-]{1,60}?)? (?:is |are )?{grade}(?: because)?[.:]?$",
    },
];

/// A body heading that repeats a page-1 ILACS grade ("...help and protection: good"), used
/// to cross-check the table.
pub struct BodyHeading {
    pub judgement: Judgement,
    pub pattern: &'static str,
}

pub const ILACS_BODY_HEADINGS: &[BodyHeading] = &[
    BodyHeading {
        judgement: Judgement::Leaders,
        pattern: r"the impact of leaders on (?:social work )?practice with children and families ?: ?{grade}",
    },
    BodyHeading {
        judgement: Judgement::HelpProtection,
        pattern: r"the experiences and progress of children who need help and protection ?: ?{grade}",
    },
    BodyHeading {
        judgement: Judgement::InCare,
        pattern: r"the experiences and progress of children in care(?:,? and care leavers)? ?: ?{grade}",
    },
    BodyHeading {
        judgement: Judgement::CareLeavers,
        pattern: r"the experiences and progress of care leavers ?: ?{grade}",
    },
];

/// A title that says what a document is, tried in order on the start of page 1.
pub struct Title {
    pub kind: Kind,
    pub titled_reinspection: bool,
    pub pattern: &'static str,
}

pub const TITLES: &[Title] = &[
    Title {
        kind: Kind::SifReinspection,
        titled_reinspection: true,
        pattern: r"\bre-? ?inspection of services for children",
    },
    Title {
        kind: Kind::Sif,
        titled_reinspection: false,
        pattern: r"inspection of services for children in need of help and protection",
    },
    Title { kind: Kind::Lac2013, titled_reinspection: false, pattern: r"inspection of looked after children services" },
    Title {
        kind: Kind::LscbReview,
        titled_reinspection: false,
        pattern: r"review of the effectiveness of the local safeguarding children board",
    },
    // ILACS; short or standard is decided from the on-site span.
    Title {
        kind: Kind::IlacsStandard,
        titled_reinspection: false,
        pattern: r"inspection of (?:.{1,80}? )?(?:local authority )?children's (?:social care )?services",
    },
];

/// A heading that opens a list of findings: numbered or bulleted items follow, each with a
/// hanging indent, until a line back at the margin that starts no item.
pub struct FindingsHeading {
    pub frameworks: &'static [Framework],
    pub section: FindingSection,
    /// The judgement the paragraphs sit under, for judgement sections.
    pub judgement: Option<Judgement>,
    /// Matched against a whole line, or a line and the next when the heading wraps.
    pub pattern: &'static str,
    /// Some reports give the list as one paragraph of prose: kept as a single item.
    pub prose_allowed: bool,
}

pub const FINDINGS_HEADINGS: &[FindingsHeading] = &[
    FindingsHeading {
        frameworks: &[Framework::Ilacs],
        section: FindingSection::Improvement,
        judgement: None,
        pattern: r"^what needs to improve(?: in this local authority)?[?:]?$",
        prose_allowed: true,
    },
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::PriorityAction,
        judgement: None,
        pattern: r"^priority and immediate action$",
        prose_allowed: false,
    },
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Improvement,
        judgement: None,
        // From 2016 SIF reports head the LA's list "Recommendations"; the first such heading
        // is the LA's (the LSCB's own comes later, under "What does the LSCB need to improve?").
        pattern: r"^(?:areas for improvement|recommendations)$",
        prose_allowed: false,
    },
    FindingsHeading {
        frameworks: &[Framework::LscbReview],
        section: FindingSection::Recommendation,
        judgement: Some(Judgement::Lscb),
        pattern: r"^recommendations$",
        prose_allowed: false,
    },
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::Overall),
        pattern: r"^summary of findings$",
        prose_allowed: false,
    },
    // SIF judgement sections: the heading, a "Key judgement | Judgement grade" box, then
    // numbered paragraphs.
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::HelpProtection),
        pattern: r"^the experiences and progress of children who need help and protection$",
        prose_allowed: false,
    },
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::InCare),
        pattern: r"^the experiences and progress of children looked after and achieving permanence$",
        prose_allowed: false,
    },
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::Leaders),
        pattern: r"^leadership, management and governance$",
        prose_allowed: false,
    },
    FindingsHeading {
        frameworks: &[Framework::Ilacs],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::Leaders),
        pattern: r"^the impact of leaders on (?:social work )?practice with children and families ?: ?{grade}$",
        prose_allowed: false,
    },
    FindingsHeading {
        frameworks: &[Framework::Ilacs],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::HelpProtection),
        pattern: r"^the experiences and progress of children who need help and protection ?: ?{grade}$",
        prose_allowed: false,
    },
    FindingsHeading {
        frameworks: &[Framework::Ilacs],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::InCare),
        pattern: r"^the experiences and progress of children in care(?:,? and care leavers)? ?: ?{grade}$",
        prose_allowed: false,
    },
    FindingsHeading {
        frameworks: &[Framework::Ilacs],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::CareLeavers),
        pattern: r"^the experiences and progress of care leavers ?: ?{grade}$",
        prose_allowed: false,
    },
];

/// The findings sections a report of each framework must have; a missing one is a doubt.
pub const REQUIRED_FINDINGS: &[(Framework, FindingSection)] =
    &[(Framework::Ilacs, FindingSection::Improvement), (Framework::Sif, FindingSection::Improvement)];
