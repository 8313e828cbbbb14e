use crate::{Date, OfstedRegion, OnsRegion};

/// Ofsted's provider URN: the key of an LA on Ofsted's reports site.
pub type AuthorityId = u32;

/// A local authority with children's services duties, as it existed over a span of time.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Authority {
    /// Ofsted provider URN.
    pub urn: AuthorityId,
    /// DfE three-digit LA number.
    pub la_code: u16,
    /// The name as Ofsted's register writes it ("Bristol, City of").
    pub name: String,
    /// Other spellings met in reports and files ("Bristol", "City of Bristol").
    pub aliases: Vec<String>,
    /// ONS GSS codes, oldest first, each with the first day it applied (`None`: from the
    /// start of the register).
    pub gss_codes: Vec<(String, Option<Date>)>,
    pub ofsted_region: OfstedRegion,
    pub ons_region: OnsRegion,
    /// First day the LA existed (`None`: before the register begins).
    pub start: Option<Date>,
    /// Last day the LA existed (`None`: still exists).
    pub end: Option<Date>,
    pub predecessors: Vec<AuthorityId>,
    pub successors: Vec<AuthorityId>,
}

impl Authority {
    /// True when the LA existed on `date`.
    pub fn exists_on(&self, date: Date) -> bool {
        self.start.is_none_or(|s| s <= date) && self.end.is_none_or(|e| date <= e)
    }

    /// The GSS code in force on `date` (the newest code when the date precedes them all).
    pub fn gss_code_on(&self, date: Date) -> Option<&str> {
        self.gss_codes
            .iter()
            .rev()
            .find(|(_, from)| from.is_none_or(|f| f <= date))
            .or_else(|| self.gss_codes.first())
            .map(|(code, _)| code.as_str())
    }

    /// The current (newest) GSS code.
    pub fn gss_code(&self) -> Option<&str> {
        self.gss_codes.last().map(|(c, _)| c.as_str())
    }
}
