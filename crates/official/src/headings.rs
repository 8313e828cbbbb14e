//! Column headings: how they are compared, and the accepted spellings of each field.

use lacs_domain::Judgement;

/// A heading (or any label) reduced for comparison: lower case, curly quotes straightened,
/// `&` read as "and", underscores and runs of whitespace (including line breaks) as one space,
/// no space around `/`, no leading "the ", no trailing colon.
pub(crate) fn norm(s: &str) -> String {
    let s = s
        .replace(['\u{2019}', '\u{2018}', '`'], "'")
        .replace('&', " and ")
        .replace(['_', '\u{a0}'], " ")
        .to_lowercase();
    let mut out = s.split_whitespace().collect::<Vec<_>>().join(" ");
    out = out.replace(" /", "/").replace("/ ", "/");
    while let Some(rest) = out.strip_prefix("the ") {
        out = rest.to_string();
    }
    out.trim_end_matches(':').trim().to_string()
}

/// A field of a table with one row per inspection (or one row per LA, for "as at" tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    LaName,
    Link,
    Urn,
    LaCode,
    Gss,
    Region,
    LaStatus,
    Start,
    End,
    Published,
    Type,
    Theme,
    Grade(Judgement),
}

impl Field {
    /// The heading named in error messages.
    pub(crate) fn display(self) -> &'static str {
        spellings(self)[0]
    }
}

/// Accepted spellings of each field, the preferred (error-message) spelling first. When two
/// columns of one table match a field, the one matching the earlier spelling is used.
pub(crate) fn spellings(f: Field) -> &'static [&'static str] {
    use Judgement::*;
    match f {
        Field::LaName => &[
            "Local authority name",
            "LA name",
            "Local authority",
            "Authority name",
        ],
        Field::Link => &[
            "Web link",
            "Link",
            "Ofsted Local Authority Webpage",
            "Report link",
        ],
        Field::Urn => &["URN", "Ofsted URN", "Provider URN", "LA URN"],
        Field::LaCode => &[
            "LA code",
            "LA number",
            "DfE LA code",
            "DfE LA number",
            "Local authority number",
            "Local authority code (DfE)",
            "Old LA code",
        ],
        Field::Gss => &[
            "Local authority area code",
            "Area code",
            "GSS code",
            "LA GSS code",
            "ONS code",
            "Local authority code (GSS)",
        ],
        Field::Region => &["Ofsted region", "Region", "LA region"],
        Field::LaStatus => &["Local authority status", "LA status"],
        Field::Start => &[
            "Inspection date",
            "Inspection/Visit date",
            "Inspection start date",
            "Inspection start",
            "Start date",
            "Date of inspection",
            "Visit date",
            "Inspection/Visit start date",
        ],
        Field::End => &[
            "Inspection end date",
            "Inspection end",
            "End date",
            "Inspection/Visit end date",
        ],
        Field::Published => &[
            "Publication date",
            "Date published",
            "Published",
            "Published date",
            "Report publication date",
            "Inspection publication date",
        ],
        Field::Type => &[
            "Inspection type",
            "Inspection/Visit type",
            "Visit type",
            "Event type",
            "Inspection event type",
            "Type",
        ],
        Field::Theme => &["Visit theme", "Theme", "Focused visit theme"],
        Field::Grade(Overall) => &[
            "Overall effectiveness",
            "Overall effectiveness (OE)",
            "Overall effectiveness judgement",
            "Overall judgement",
        ],
        Field::Grade(Leaders) => &[
            "The impact of leaders on social work practice with children and families",
            "Impact of leaders",
            "The impact of leaders on practice with children and families",
            "Leadership, management and governance",
        ],
        Field::Grade(HelpProtection) => &[
            "The experiences and progress of children who need help and protection",
            "Children who need help and protection",
        ],
        Field::Grade(InCare) => &[
            "The experiences and progress of children in care",
            "The experiences and progress of children in care and care leavers",
            "Children in care",
            "Children looked after and achieving permanence",
        ],
        Field::Grade(CareLeavers) => &[
            "The experiences and progress of care leavers",
            "Care leavers",
        ],
        Field::Grade(Adoption) => &["Adoption performance", "Adoption"],
        Field::Grade(Lscb) => &["LSCB overall effectiveness", "LSCB"],
    }
}

/// Every field, in the order columns are claimed.
pub(crate) const FIELDS: &[Field] = &[
    Field::LaName,
    Field::Link,
    Field::Urn,
    Field::LaCode,
    Field::Gss,
    Field::Region,
    Field::LaStatus,
    Field::Start,
    Field::End,
    Field::Published,
    Field::Type,
    Field::Theme,
    Field::Grade(Judgement::Overall),
    Field::Grade(Judgement::Leaders),
    Field::Grade(Judgement::HelpProtection),
    Field::Grade(Judgement::InCare),
    Field::Grade(Judgement::CareLeavers),
    Field::Grade(Judgement::Adoption),
    Field::Grade(Judgement::Lscb),
];

/// The field a normalised heading names, if any.
pub(crate) fn field_of(heading: &str) -> Option<Field> {
    FIELDS
        .iter()
        .copied()
        .find(|f| spellings(*f).iter().any(|s| norm(s) == heading))
}

/// The position in `spellings(f)` that `heading` matches (lower is preferred).
pub(crate) fn spelling_rank(f: Field, heading: &str) -> Option<usize> {
    spellings(f).iter().position(|s| norm(s) == heading)
}

/// Headings that carry inspection data; one of these that no field claims stops the read.
pub(crate) fn looks_like_data(heading: &str) -> bool {
    const WORDS: &[&str] = &[
        "date",
        "effectiveness",
        "judgement",
        "(oe)",
        "impact of leaders",
        "experiences and progress",
        "help and protection",
        "looked after",
        "care leavers",
        "adoption",
        "lscb",
        "sif",
        "ilacs",
        "inspection",
        "grade",
    ];
    WORDS.iter().any(|w| heading.contains(w))
}

/// One column group of a wide history table (one row per LA, a group of columns per inspection).
#[derive(Debug, Clone)]
pub(crate) struct WideGroup {
    /// How the event is printed: the date heading without "publication date" (or, for ILACS
    /// groups, the type cell when it has one).
    pub label: String,
    pub framework: Option<lacs_domain::Framework>,
    pub kind: Option<lacs_domain::Kind>,
    /// Column index of each part.
    pub published: Option<usize>,
    pub start: Option<usize>,
    pub type_col: Option<usize>,
    pub grades: Vec<(usize, GradeSlot)>,
}

/// Where a grade column of a wide group goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GradeSlot {
    Judgement(Judgement),
    /// A grade with no place in [`lacs_domain::JudgementSet`] (the two overall judgements of a
    /// 2009–12 safeguarding and looked-after-children inspection), kept with this label.
    Other(&'static str),
}

/// A fixed group of the wide history table: an older framework or a SIF round.
pub(crate) struct FixedGroup {
    pub framework: Option<lacs_domain::Framework>,
    pub kind: Option<lacs_domain::Kind>,
    pub published: &'static [&'static str],
    pub grades: &'static [(&'static [&'static str], GradeSlotSpec)],
}

#[derive(Clone, Copy)]
pub(crate) enum GradeSlotSpec {
    J(Judgement),
    Other(&'static str),
}

const SIF_FIRST: &[&str] = &["first sif"];
const SIF_RE: &[&str] = &["sif re-inspection", "sif reinspection", "sif re inspection"];

/// The fixed groups, in the order Ofsted prints them. SIF headings are built from prefixes
/// (see [`sif_group`]); the rest are listed whole.
pub(crate) fn fixed_groups() -> Vec<FixedGroup> {
    use lacs_domain::{Framework, Kind};
    use GradeSlotSpec::{Other, J};
    use Judgement::*;
    vec![
        FixedGroup {
            framework: None,
            kind: None,
            published: &[
                "Safeguarding & Looked After Children (SLAC) Inspection publication date",
                "SLAC inspection publication date",
                "SLAC publication date",
            ],
            grades: &[
                (
                    &[
                        "SLAC Safeguarding Overall effectiveness (OE)",
                        "SLAC safeguarding overall effectiveness",
                    ],
                    Other("Safeguarding overall effectiveness"),
                ),
                (
                    &[
                        "SLAC Looked After Children Overall Effectiveness (OE)",
                        "SLAC looked after children overall effectiveness",
                    ],
                    Other("Looked after children overall effectiveness"),
                ),
            ],
        },
        FixedGroup {
            framework: None,
            kind: None,
            published: &["SLAC re-inspection of Safeguarding publication date"],
            grades: &[(&["SLAC re-inspection Safeguarding OE"], J(Overall))],
        },
        FixedGroup {
            framework: None,
            kind: None,
            published: &[
                "SLAC re-inspection of services for Children Looked After publication date",
            ],
            grades: &[(
                &["SLAC re-inspection of services Children Looked After OE"],
                J(Overall),
            )],
        },
        FixedGroup {
            framework: None,
            kind: None,
            published: &[
                "Child Protection Inspections (CPI) publication date",
                "Child Protection Inspection (CPI) publication date",
            ],
            grades: &[(&["CPI Overall Effectiveness (OE)"], J(Overall))],
        },
        FixedGroup {
            framework: None,
            kind: None,
            published: &["Child Protection Re-Inspection (CPRI) publication date"],
            grades: &[(&["CPRI Overall Effectiveness (OE)"], J(Overall))],
        },
        FixedGroup {
            framework: Some(Framework::Lac2013),
            kind: Some(Kind::Lac2013),
            published: &["Targeted Looked After Children (TLAC) inspection publication date"],
            grades: &[(&["TLAC Overall Effectiveness (OE)"], J(Overall))],
        },
    ]
}

/// A SIF round's heading spellings, for each prefix ("first sif", "sif re-inspection").
pub(crate) struct SifSpec {
    pub prefixes: &'static [&'static str],
    pub kind: lacs_domain::Kind,
    /// Whether the standalone "LSCB Overall Effectiveness" column belongs to this round.
    pub takes_lscb: bool,
}

pub(crate) const SIF_ROUNDS: &[SifSpec] = &[
    SifSpec {
        prefixes: SIF_FIRST,
        kind: lacs_domain::Kind::Sif,
        takes_lscb: true,
    },
    SifSpec {
        prefixes: SIF_RE,
        kind: lacs_domain::Kind::SifReinspection,
        takes_lscb: false,
    },
];

/// Suffixes of the SIF columns after the round's prefix.
pub(crate) const SIF_PUBLISHED: &[&str] = &["publication date"];
pub(crate) const SIF_PUBLISHED_LEADS: &[&str] =
    &["", "single inspection of la children's services (sif) "];
pub(crate) const SIF_START: &[&str] = &["inspection date", "inspection start date"];
pub(crate) const SIF_GRADES: &[(&[&str], Judgement)] = &[
    (
        &[
            "overall judgement (oe)",
            "overall judgement",
            "overall effectiveness",
            "overall effectiveness (oe)",
        ],
        Judgement::Overall,
    ),
    (
        &["children who need help and protection"],
        Judgement::HelpProtection,
    ),
    (
        &["children looked after and achieving permanence"],
        Judgement::InCare,
    ),
    (
        &["cla sub: adoption performance", "adoption performance"],
        Judgement::Adoption,
    ),
    (
        &[
            "cla sub: experiences and progress of care leavers",
            "experiences and progress of care leavers",
        ],
        Judgement::CareLeavers,
    ),
    (
        &["leadership, management and governance"],
        Judgement::Leaders,
    ),
    (&["lscb overall effectiveness"], Judgement::Lscb),
];
pub(crate) const LSCB_STANDALONE: &[&str] = &[
    "LSCB Overall Effectiveness",
    "LSCB overall effectiveness (OE)",
];

/// Suffixes of ILACS columns after "<ordinal> ILACS framework".
pub(crate) const ILACS_TYPE: &str = "inspection type";
pub(crate) const ILACS_PUBLISHED: &str = "publication date";
pub(crate) const ILACS_START: &[&str] = &["inspection date", "inspection start date"];
pub(crate) const ILACS_GRADES: &[(&[&str], Judgement)] = &[
    (&["overall effectiveness"], Judgement::Overall),
    (
        &[
            "impact of leaders",
            "impact of leaders on social work practice with children and families",
            "impact of leaders on practice with children and families",
        ],
        Judgement::Leaders,
    ),
    (
        &["experiences and progress of children who need help and protection"],
        Judgement::HelpProtection,
    ),
    (
        &[
            "experiences and progress of children in care and care leavers",
            "experiences and progress of children in care",
        ],
        Judgement::InCare,
    ),
    (
        &["experiences and progress of care leavers"],
        Judgement::CareLeavers,
    ),
];
pub(crate) const ILACS_MARK: &str = "ilacs framework";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_headings() {
        assert_eq!(
            norm(" First SIF Overall Judgement\n(OE)"),
            "first sif overall judgement (oe)"
        );
        assert_eq!(norm("Inspection / Visit  date"), "inspection/visit date");
        assert_eq!(norm("The impact of leaders"), "impact of leaders");
        assert_eq!(norm("Children\u{2019}s"), "children's");
        assert_eq!(norm("Safeguarding & Looked"), "safeguarding and looked");
    }

    #[test]
    fn every_spelling_names_one_field() {
        for f in FIELDS {
            for s in spellings(*f) {
                assert_eq!(field_of(&norm(s)), Some(*f), "{s}");
            }
        }
    }
}
