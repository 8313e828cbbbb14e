use crate::{vocabulary, Grade};

/// A judgement the register records, under one name across frameworks (see the README's
/// export columns for what each means in SIF and ILACS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum Judgement {
    Overall,
    Leaders,
    HelpProtection,
    InCare,
    CareLeavers,
    Adoption,
    Lscb,
}

vocabulary!(Judgement, "judgement", [
    (Overall, "overall"),
    (Leaders, "leaders"),
    (HelpProtection, "help_protection"),
    (InCare, "in_care"),
    (CareLeavers, "care_leavers"),
    (Adoption, "adoption"),
    (Lscb, "lscb"),
]);

impl Judgement {
    /// Judgements about practice with children: an inadequate one makes overall inadequate.
    pub const PRACTICE: [Judgement; 3] =
        [Judgement::HelpProtection, Judgement::InCare, Judgement::CareLeavers];

    /// A short human label.
    pub const fn label(self) -> &'static str {
        match self {
            Judgement::Overall => "Overall effectiveness",
            Judgement::Leaders => "Leaders",
            Judgement::HelpProtection => "Help and protection",
            Judgement::InCare => "Children in care",
            Judgement::CareLeavers => "Care leavers",
            Judgement::Adoption => "Adoption",
            Judgement::Lscb => "LSCB",
        }
    }
}

/// One grade (or none) per judgement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct JudgementSet {
    pub overall: Option<Grade>,
    pub leaders: Option<Grade>,
    pub help_protection: Option<Grade>,
    pub in_care: Option<Grade>,
    pub care_leavers: Option<Grade>,
    pub adoption: Option<Grade>,
    pub lscb: Option<Grade>,
}

impl JudgementSet {
    pub fn get(&self, j: Judgement) -> Option<Grade> {
        *self.slot(j)
    }

    pub fn set(&mut self, j: Judgement, g: Option<Grade>) {
        *self.slot_mut(j) = g;
    }

    /// The judgements that have a grade, in canonical order.
    pub fn iter(&self) -> impl Iterator<Item = (Judgement, Grade)> + '_ {
        Judgement::ALL.iter().filter_map(|j| self.get(*j).map(|g| (*j, g)))
    }

    fn slot(&self, j: Judgement) -> &Option<Grade> {
        match j {
            Judgement::Overall => &self.overall,
            Judgement::Leaders => &self.leaders,
            Judgement::HelpProtection => &self.help_protection,
            Judgement::InCare => &self.in_care,
            Judgement::CareLeavers => &self.care_leavers,
            Judgement::Adoption => &self.adoption,
            Judgement::Lscb => &self.lscb,
        }
    }

    fn slot_mut(&mut self, j: Judgement) -> &mut Option<Grade> {
        match j {
            Judgement::Overall => &mut self.overall,
            Judgement::Leaders => &mut self.leaders,
            Judgement::HelpProtection => &mut self.help_protection,
            Judgement::InCare => &mut self.in_care,
            Judgement::CareLeavers => &mut self.care_leavers,
            Judgement::Adoption => &mut self.adoption,
            Judgement::Lscb => &mut self.lscb,
        }
    }
}
