//! What a person may answer about a reading, and what each doubt puts in question: the
//! vocabulary the review workflow, the store and the national picture share.

use crate::{Doubt, DoubtKind, Judgement};

/// A value of a reading a person can answer: a field of the `export inspections` record that
/// was read from the report (the LA's codes, name and region follow from its URN).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Kind,
    Urn,
    InspectionStart,
    InspectionEnd,
    Published,
    LeadInspector,
    Grade(Judgement),
}

/// The fields that are not grades, with their names (the export's column names).
const PLAIN_FIELDS: [(Field, &str); 6] = [
    (Field::Kind, "kind"),
    (Field::Urn, "urn"),
    (Field::InspectionStart, "inspection_start"),
    (Field::InspectionEnd, "inspection_end"),
    (Field::Published, "published"),
    (Field::LeadInspector, "lead_inspector"),
];

impl Field {
    /// Every field, in the export's column order.
    pub fn all() -> impl Iterator<Item = Field> {
        PLAIN_FIELDS.iter().map(|(f, _)| *f).chain(Judgement::ALL.iter().map(|j| Field::Grade(*j)))
    }

    /// The field's name: its `export inspections` column.
    pub fn name(self) -> &'static str {
        match self {
            Field::Grade(j) => j.as_str(),
            plain => PLAIN_FIELDS.iter().find(|(f, _)| *f == plain).map_or("", |(_, name)| name),
        }
    }

    /// The field with this name, if there is one.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::all().find(|f| f.name() == name)
    }

    /// Every field name, for messages.
    pub fn names() -> Vec<&'static str> {
        Field::all().map(Field::name).collect()
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What one kind of doubt puts in question.
struct DoubtScope {
    kind: DoubtKind,
    /// The fields it concerns.
    fields: &'static [Field],
    /// It concerns grades: the judgements the doubt names, or every grade where it names none.
    grades: bool,
    /// The whole reading rests on it (which report, which LA): while it is unanswered no grade
    /// of the report can be counted.
    whole_reading: bool,
}

/// One row per kind of doubt. A doubt with no fields and no grades (the findings) is answered
/// only by a person accepting the reading.
const DOUBT_SCOPES: &[DoubtScope] = &[
    DoubtScope { kind: DoubtKind::Kind, fields: &[Field::Kind], grades: false, whole_reading: true },
    DoubtScope { kind: DoubtKind::Authority, fields: &[Field::Urn], grades: false, whole_reading: true },
    DoubtScope {
        kind: DoubtKind::Dates,
        fields: &[Field::InspectionStart, Field::InspectionEnd],
        grades: false,
        whole_reading: false,
    },
    DoubtScope { kind: DoubtKind::Published, fields: &[Field::Published], grades: false, whole_reading: false },
    DoubtScope { kind: DoubtKind::Judgement, fields: &[], grades: true, whole_reading: false },
    DoubtScope { kind: DoubtKind::CrossCheck, fields: &[], grades: true, whole_reading: false },
    DoubtScope { kind: DoubtKind::Rule, fields: &[], grades: true, whole_reading: false },
    DoubtScope { kind: DoubtKind::RuleWarning, fields: &[], grades: true, whole_reading: false },
    DoubtScope { kind: DoubtKind::Inspector, fields: &[Field::LeadInspector], grades: false, whole_reading: false },
    DoubtScope { kind: DoubtKind::Findings, fields: &[], grades: false, whole_reading: false },
];

fn scope(kind: DoubtKind) -> &'static DoubtScope {
    // Every kind has a row (a test checks); a missing one would concern the whole reading.
    DOUBT_SCOPES.iter().find(|s| s.kind == kind).unwrap_or(&DOUBT_SCOPES[0])
}

impl Doubt {
    /// The fields this doubt puts in question: answering all of them answers it.
    pub fn fields(&self) -> Vec<Field> {
        let scope = scope(self.kind);
        let mut fields = scope.fields.to_vec();
        if scope.grades {
            let judgements = if self.judgements.is_empty() { Judgement::ALL } else { &self.judgements[..] };
            fields.extend(judgements.iter().map(|j| Field::Grade(*j)));
        }
        fields
    }

    /// True when no grade of the report can be counted while this doubt stands.
    pub fn concerns_whole_reading(&self) -> bool {
        scope(self.kind).whole_reading
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_doubt_kind_has_a_scope_and_every_field_a_unique_name() {
        for kind in DoubtKind::ALL {
            assert!(DOUBT_SCOPES.iter().any(|s| s.kind == *kind), "{kind} has no scope");
        }
        let names = Field::names();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(names.len(), unique.len());
        for f in Field::all() {
            assert_eq!(Field::from_name(f.name()), Some(f));
        }
        assert_eq!(Field::from_name("grade"), None);
    }

    #[test]
    fn a_grade_doubt_concerns_the_judgements_it_names_or_every_grade() {
        let named = Doubt::new(DoubtKind::CrossCheck, "x").about(&[Judgement::InCare]);
        assert_eq!(named.fields(), [Field::Grade(Judgement::InCare)]);
        assert_eq!(Doubt::new(DoubtKind::Rule, "x").fields().len(), Judgement::ALL.len());
        assert_eq!(Doubt::new(DoubtKind::Dates, "x").fields(), [Field::InspectionStart, Field::InspectionEnd]);
        assert!(Doubt::new(DoubtKind::Findings, "x").fields().is_empty());
        assert!(Doubt::new(DoubtKind::Authority, "x").concerns_whole_reading());
        assert!(!Doubt::new(DoubtKind::Judgement, "x").concerns_whole_reading());
    }
}
