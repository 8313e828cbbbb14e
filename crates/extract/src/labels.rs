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

/// A body heading that repeats a page-1 grade ("...help and protection: good"), used to
/// cross-check the table, and to confirm a grade whose label was read tolerantly.
pub struct BodyHeading {
    pub framework: Framework,
    pub judgement: Judgement,
    pub pattern: &'static str,
    /// The label of the "Key judgement | Judgement grade" box that opens the judgement's
    /// section (SIF reports from September 2014), its grade beside it.
    pub box_label: Option<&'static str>,
}

pub const BODY_HEADINGS: &[BodyHeading] = &[
    BodyHeading {
        framework: Framework::Ilacs,
        judgement: Judgement::Leaders,
        pattern: r"the impact of leaders on (?:social work )?practice with children and families ?: ?{grade}",
        box_label: None,
    },
    BodyHeading {
        framework: Framework::Ilacs,
        judgement: Judgement::HelpProtection,
        pattern: r"the experiences and progress of children who need help and protection ?: ?{grade}",
        box_label: None,
    },
    BodyHeading {
        framework: Framework::Ilacs,
        judgement: Judgement::InCare,
        pattern: r"the experiences and progress of children in care(?:,? and care leavers)? ?: ?{grade}",
        box_label: None,
    },
    BodyHeading {
        framework: Framework::Ilacs,
        judgement: Judgement::CareLeavers,
        pattern: r"the experiences and progress of care leavers ?: ?{grade}",
        box_label: None,
    },
    // SIF: a judgement's section opens with its heading and grade (in a box from September
    // 2014); adoption and care leavers with a graded sentence.
    BodyHeading {
        framework: Framework::Sif,
        judgement: Judgement::HelpProtection,
        pattern: r"the experiences and progress of children who need help and protection (?:are |is )?{grade}",
        box_label: Some(r"the experiences and progress of children who need help and protection"),
    },
    BodyHeading {
        framework: Framework::Sif,
        judgement: Judgement::InCare,
        pattern: r"the experiences and progress of children looked after and achieving permanence (?:are |is )?{grade}",
        box_label: Some(r"the experiences and progress of children looked after and achieving permanence"),
    },
    BodyHeading {
        framework: Framework::Sif,
        judgement: Judgement::Adoption,
        pattern: r"the graded judge?ment (?:for|about) adoption(?: performance)?(?: is)?(?: that)?(?: it| they)?(?: is| are)? {grade}",
        box_label: None,
    },
    BodyHeading {
        framework: Framework::Sif,
        judgement: Judgement::CareLeavers,
        pattern: r"the graded judge?ment (?:for|about) (?:the )?(?:experiences? and progress of )?care leavers(?: is)?(?: that)?(?: it| they)?(?: is| are)? {grade}",
        box_label: None,
    },
    BodyHeading {
        framework: Framework::Sif,
        judgement: Judgement::Leaders,
        pattern: r"leadership,? management and governance (?:are |is )?{grade}",
        box_label: Some(r"leadership,? management and governance"),
    },
];

/// A title that says what a document is, tried in order on the start of page 1.
pub struct Title {
    pub kind: Kind,
    pub titled_reinspection: bool,
    pub pattern: &'static str,
}

pub const TITLES: &[Title] = &[
    Title { kind: Kind::SifReinspection, titled_reinspection: true, pattern: r"\bre-? ?inspection of services for children" },
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

/// How the text under a findings heading is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// Numbered or bulleted items with a hanging indent, after at most a few lines of lead-in,
    /// until a line back at the margin that starts no item.
    Items,
    /// As [`Body::Items`]; where the report prints the list as prose, its first paragraph is
    /// kept as a single item.
    ItemsOrParagraph,
    /// A judgement's summary. After the heading's labels ([`SUMMARY_LABELS`]): numbered or
    /// bulleted items as [`Body::Items`] (the 2014 layouts), or else paragraphs of prose, each
    /// one finding (bullets among them start new ones), up to the next heading: a findings
    /// heading, a line of [`SUMMARY_ENDS`], a line in a larger type, or a numbered paragraph.
    Summary,
}

/// The part of a report a heading is looked for in. A SIF report is two in one: the local
/// authority's, then the LSCB review's, which repeats the same headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Whole,
    /// Before the LSCB's part begins.
    LocalAuthority,
    /// From the first line of [`LSCB_PART_STARTS`] after page 1 (whose title names the board).
    Lscb,
}

/// Where the LSCB's part of a SIF report begins.
pub const LSCB_PART_STARTS: &[&str] = &[
    // (One layout prints "The effectiveness local safeguarding children board".)
    r"^(?:section 2: )?(?:the )?(?:review of the )?(?:effectiveness (?:of )?(?:the )?)?local safeguarding children board(?: \(lscb\))?$",
    r"^what does the lscb need to improve\??$",
];

/// A heading that opens findings.
pub struct FindingsHeading {
    pub frameworks: &'static [Framework],
    pub section: FindingSection,
    /// The judgement the paragraphs sit under, for judgement sections.
    pub judgement: Option<Judgement>,
    /// Matched against a whole line, or up to [`MAX_HEADING_LINES`] lines when it wraps.
    pub pattern: &'static str,
    pub body: Body,
    /// Short unpunctuated lines that introduce items ("Workforce" in a list of areas for
    /// improvement, "Help and protection" in an overall summary) are passed over instead of
    /// ending the section.
    pub subheadings: bool,
    pub part: Part,
}

/// SIF judgement headings wrap over as many as three lines ("The experiences and progress of"
/// / "children looked after and achieving" / "permanence").
pub const MAX_HEADING_LINES: usize = 3;

/// Headings are tried in this order, and a line belongs to the first section that claims it:
/// so the overall summary, which can carry a sub-heading "Leadership, management and
/// governance", comes before the judgement sections whose headings read the same.
pub const FINDINGS_HEADINGS: &[FindingsHeading] = &[
    FindingsHeading {
        frameworks: &[Framework::Ilacs],
        section: FindingSection::Improvement,
        judgement: None,
        pattern: r"^what needs to improve(?: in this local authority)?[?:]?$",
        body: Body::ItemsOrParagraph,
        subheadings: false,
        part: Part::Whole,
    },
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::PriorityAction,
        judgement: None,
        pattern: r"^priority (?:and immediate )?actions?$",
        body: Body::Items,
        subheadings: true,
        part: Part::LocalAuthority,
    },
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Improvement,
        judgement: None,
        // From 2016 SIF reports head the LA's list "Recommendations"; the first such heading
        // is the LA's (the LSCB's own comes later, under "What does the LSCB need to improve?").
        pattern: r"^(?:areas for improvement|recommendations|what does the local authority need to improve\??):?$",
        body: Body::Items,
        subheadings: true,
        part: Part::LocalAuthority,
    },
    // The LSCB's own lists in a SIF report: kept as recommendations, as an LSCB review's are.
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Recommendation,
        judgement: Some(Judgement::Lscb),
        pattern: r"^priority (?:and immediate )?actions?$",
        body: Body::Items,
        subheadings: true,
        part: Part::Lscb,
    },
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Recommendation,
        judgement: Some(Judgement::Lscb),
        pattern: r"^(?:areas for improvement|recommendations|what does the lscb need to improve\??):?$",
        body: Body::Items,
        subheadings: true,
        part: Part::Lscb,
    },
    FindingsHeading {
        frameworks: &[Framework::LscbReview],
        section: FindingSection::Recommendation,
        judgement: Some(Judgement::Lscb),
        pattern: r"^recommendations$",
        body: Body::Items,
        subheadings: false,
        part: Part::Whole,
    },
    // SIF overall effectiveness: "Summary of (key) findings" (bullets, 2014–15) or "Executive
    // summary" (prose, from 2015). The LA's comes first; the LSCB's follows later.
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::Overall),
        pattern: r"^(?:(?:section 1: )?the local authority ?(?:-|–) ?)?(?:summary of (?:key )?findings|executive summary)$",
        body: Body::Summary,
        subheadings: true,
        part: Part::LocalAuthority,
    },
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::Lscb),
        // Before September 2014: "Key strengths and weaknesses of the LSCB" (or "… of the OSCB",
        // the board by its own initials), then bullets.
        pattern: r"^(?:summary of (?:key )?findings|executive summary|key strengths and weaknesses of the (?:[a-z]*scb|local safeguarding children board))$",
        body: Body::Summary,
        subheadings: true,
        part: Part::Lscb,
    },
    // The LSCB's detailed findings: numbered paragraphs after its lists.
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::Lscb),
        // "Inspection findings – the LSCB", plain "Inspection findings" (its part is the LSCB's)
        // or, in 2014, "Inspection judgement about the LSCB".
        pattern: r"^(?:inspection findings(?: ?(?:-|–|─)? ?the (?:local safeguarding children board|lscb))?|inspection judgements? about the (?:lscb|local safeguarding children board))$",
        body: Body::Summary,
        subheadings: true,
        part: Part::Lscb,
    },
    // 2014: the overall summary's numbered paragraphs on the last inspection.
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::Overall),
        pattern: r"^progress since the last inspection$",
        body: Body::Summary,
        subheadings: true,
        part: Part::LocalAuthority,
    },
    // A SIF's strengths, after its lists: part of the overall summary (the LA's, then the LSCB's).
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::Overall),
        pattern: r"^the (?:local authority has the following strengths:?|local authority's strengths)$",
        body: Body::Items,
        subheadings: false,
        part: Part::LocalAuthority,
    },
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::Lscb),
        pattern: r"^the (?:lscb has the following strengths:?|lscb's strengths)$",
        body: Body::Items,
        subheadings: false,
        part: Part::Lscb,
    },
    // SIF judgement sections: the heading (its grade on the line, or after it in a box), then
    // the summary (from September 2014) or the numbered paragraphs (before).
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::HelpProtection),
        pattern: r"^the experiences and progress of children who need help and protection(?: (?:are |is )?{grade}\.?)?$",
        body: Body::Summary,
        subheadings: false,
        part: Part::LocalAuthority,
    },
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::InCare),
        pattern: r"^the experiences and progress of children looked after and achieving permanence(?: (?:are |is )?{grade}\.?)?$",
        body: Body::Summary,
        subheadings: false,
        part: Part::LocalAuthority,
    },
    // Adoption and care leavers are graded in a sentence, then numbered paragraphs (after
    // "Inspection findings" in a re-inspection).
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::Adoption),
        pattern: r"^the graded judge?ment (?:for|about) adoption(?: performance)?(?: is)?(?: that)?(?: it| they)?(?: is| are)? {grade}\.?$",
        body: Body::Summary,
        subheadings: false,
        part: Part::LocalAuthority,
    },
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::CareLeavers),
        pattern: r"^the graded judge?ment (?:for|about) (?:the )?(?:experiences? and progress of )?care leavers(?: is)?(?: that)?(?: it| they)?(?: is| are)? {grade}\.?$",
        body: Body::Summary,
        subheadings: false,
        part: Part::LocalAuthority,
    },
    FindingsHeading {
        frameworks: &[Framework::Sif],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::Leaders),
        pattern: r"^leadership, management and governance(?: (?:are |is )?{grade}\.?)?$",
        body: Body::Summary,
        subheadings: false,
        part: Part::LocalAuthority,
    },
    FindingsHeading {
        frameworks: &[Framework::Ilacs],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::Leaders),
        pattern: r"^the impact of leaders on (?:social work )?practice with children and families(?: (?:are|is))?(?: ?:)? ?{grade}$",
        body: Body::Items,
        subheadings: false,
        part: Part::Whole,
    },
    FindingsHeading {
        frameworks: &[Framework::Ilacs],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::HelpProtection),
        pattern: r"^the experiences and progress of children who need help and protection(?: (?:are|is))?(?: ?:)? ?{grade}$",
        body: Body::Items,
        subheadings: false,
        part: Part::Whole,
    },
    FindingsHeading {
        frameworks: &[Framework::Ilacs],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::InCare),
        pattern: r"^the experiences and progress of children in care(?:,? and care leavers)?(?: (?:are|is))?(?: ?:)? ?{grade}$",
        body: Body::Items,
        subheadings: false,
        part: Part::Whole,
    },
    FindingsHeading {
        frameworks: &[Framework::Ilacs],
        section: FindingSection::Judgement,
        judgement: Some(Judgement::CareLeavers),
        pattern: r"^the experiences and progress of care leavers(?: (?:are|is))?(?: ?:)? ?{grade}$",
        body: Body::Items,
        subheadings: false,
        part: Part::Whole,
    },
];

/// Lines between a SIF judgement heading and its summary that carry no finding: the grade (a
/// wrapped one's tail too), a "Key judgement | Judgement grade" box, the "Summary" label.
pub const SUMMARY_LABELS: &[&str] = &[
    r"^(?:are |is )?{grade}\.?$",
    r"^(?:requires|improvement|to be good)$",
    r"^key judgement (?:judgement|inspection) grade$",
    r"^summary$",
    // Re-inspections print no summary: the detailed findings follow the grade.
    r"^inspection findings$",
];

/// (The findings patterns are matched as ASCII: no character classes of non-ASCII letters.)
///
/// Lines that end any findings section: the next part of the report, where its heading is set
/// in the body's type or could pass for a sub-heading. Whole lines only: body sentences can
/// begin with these words.
pub const SECTION_ENDS: &[&str] = &[
    r"^inspection findings(?: (?:-|–) the [a-z' ]+)?$",
    r"^what does the (?:local authority|la|lscb|local safeguarding children board) need to improve\??$",
    r"^summary for children(?: and young people)?$",
    r"^key strengths and weaknesses of the (?:[a-z]*scb|local safeguarding children board)$",
    r"^information about (?:this|the) (?:inspection|local authority area|inspection and the review)$",
    r"^progress since the last inspection$",
    r"^inspection judgements? about the (?:local authority|lscb)$",
    // A contents page after the summary; the back page (its first line, or its copyright).
    r"^contents$",
    r"^the office for standards in education, children(?:'|’)s services and skills \(ofsted\)",
    r"crown copyright(?: \d{4})?$",
];

/// Lines inside a judgement's section that carry no finding, passed over wherever they sit:
/// between a SIF judgement's summary and its numbered detailed findings.
pub const JUDGEMENT_SECTION_LABELS: &[&str] = &[r"^inspection findings$"];
/// The findings sections a report of each framework must have; a missing one is a doubt.
/// (Adoption and care leavers are absent where not judged, or where a summary covers them.)
pub const REQUIRED_FINDINGS: &[(Framework, FindingSection, Option<Judgement>)] = &[
    (Framework::Ilacs, FindingSection::Improvement, None),
    (Framework::Sif, FindingSection::Improvement, None),
    (Framework::Sif, FindingSection::Judgement, Some(Judgement::Overall)),
    (Framework::Sif, FindingSection::Judgement, Some(Judgement::HelpProtection)),
    (Framework::Sif, FindingSection::Judgement, Some(Judgement::InCare)),
    (Framework::Sif, FindingSection::Judgement, Some(Judgement::Leaders)),
];
