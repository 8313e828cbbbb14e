//! The register's domain model: local authorities, inspection reports, judgements, grades,
//! frameworks and the rules that hold between them.
//!
//! **Architecture Invariant:** this crate does no I/O and knows nothing of PDFs, SQLite, HTTP
//! or the command line. Everything else in the workspace depends on it; it depends on nothing
//! of ours.

mod authority;
pub mod due;
mod event;
mod grade;
mod judgement;
mod kind;
mod region;
mod report;
mod review;
mod rows;
pub mod rules;
mod site;
mod visit;

pub use authority::{Authority, AuthorityId};
pub use due::{due_rule, Citation, DueBasis, DueRule, MonitoringRule, RuleVersion, Wording, DUE_RULES, ILACS_REFORM};
pub use event::{assign_event_ids, event_id, EventSources, EventStatus, InspectionEvent, EVENT_ID_URN_FACTOR};
pub use kind::{ExpectedJudgements, ILACS_CARE_LEAVERS_SPLIT, ILACS_SHORT_MAX_ON_SITE_DAYS};
pub use grade::Grade;
pub use judgement::{Judgement, JudgementSet};
pub use kind::{Framework, Kind, UngradedKind};
pub use rows::{OfficialRow, ReportRow, RowDoubt, RowDoubtKind};
pub use site::{KindHint, PublicationStatus, SitePublication};
pub use visit::{describe_visits, visit_kind, VisitDetail};
pub use region::{OfstedRegion, OnsRegion};
pub use review::Field;
pub use report::{Doubt, DoubtKind, Finding, FindingList, FindingSection, JudgementReading, PublishedSource, ReadReport, Status};

/// Calendar dates throughout the register (no time of day, no zone).
pub type Date = jiff::civil::Date;

/// A value that could not be parsed from one of the register's fixed vocabularies.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?}; expected one of: {expected}")]
pub struct UnknownWord {
    pub what: &'static str,
    pub value: String,
    pub expected: String,
}

/// Implements `as_str`, `ALL`, `FromStr` and `Display` for a fieldless enum from one table of
/// (variant, stable word) pairs, so each vocabulary is written down exactly once.
macro_rules! vocabulary {
    // With a label column: also `label()`, the words people read, on their own as a noun
    // phrase, so no renderer adds to them.
    ($ty:ident, $what:literal, [$(($variant:ident, $word:literal, $label:literal)),+ $(,)?]) => {
        $crate::vocabulary!($ty, $what, [$(($variant, $word)),+]);
        impl $ty {
            /// The words people read for it, complete on their own (a table cell, a title).
            pub const fn label(self) -> &'static str {
                match self { $($ty::$variant => $label),+ }
            }
        }
    };
    ($ty:ident, $what:literal, [$(($variant:ident, $word:literal)),+ $(,)?]) => {
        impl $ty {
            /// Every value, in the vocabulary's canonical order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The stable word used in exports, the database and the API.
            pub const fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $word),+ }
            }
        }
        impl std::str::FromStr for $ty {
            type Err = $crate::UnknownWord;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($word => Ok($ty::$variant),)+
                    _ => Err($crate::UnknownWord {
                        what: $what,
                        value: s.to_string(),
                        expected: [$($word),+].join(", "),
                    }),
                }
            }
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use vocabulary;
