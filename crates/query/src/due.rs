//! `due`: when each LA's next full inspection is due as at a date, by the published rules
//! and by the intervals observed in the register (`lacs_analysis::Index::due`), filtered by
//! LA, region, grade and status; with the rules themselves and their sources.

use lacs_analysis::{DueEntry, DueStatus, Observed};
use lacs_domain::{AuthorityId, Date, DueRule, Grade, DUE_RULES};
use serde::Serialize;

use crate::params::{ParamError, Params};
use crate::requests::{region, Request};
use crate::{QueryError, Register};

/// `due`: `as_at` (default today), `la` (one LA: name, URN, DfE number or GSS code),
/// `region` (an Ofsted or ONS region), `grade` (the grade that picks the rule), `status`
/// (`overdue`, `in_window`, `not_yet_due`, `inspected`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRequest {
    pub as_at: Date,
    pub la: Option<String>,
    pub region: Option<&'static str>,
    pub grade: Option<Grade>,
    pub status: Option<DueStatus>,
}

impl DueRequest {
    /// Every LA as at `as_at`.
    pub fn as_at(as_at: Date) -> DueRequest {
        DueRequest { as_at, la: None, region: None, grade: None, status: None }
    }
}

fn read_status(v: &str) -> Result<DueStatus, String> {
    DueStatus::ALL.into_iter().find(|s| s.as_str() == v).ok_or_else(|| {
        format!("unknown status {v:?}; expected one of: {}", DueStatus::ALL.map(DueStatus::as_str).join(", "))
    })
}

fn read_grade(v: &str) -> Result<Grade, String> {
    Grade::SCALE.into_iter().find(|g| g.as_str() == v).ok_or_else(|| {
        format!("unknown grade {v:?}; expected one of: {}", Grade::SCALE.map(Grade::as_str).join(", "))
    })
}

impl Request for DueRequest {
    fn parse(p: &Params) -> Result<Self, ParamError> {
        let region = region(p)?;
        Ok(DueRequest {
            as_at: p.date("as_at")?.unwrap_or_else(|| p.today()),
            la: p.get("la").map(str::to_string),
            region,
            grade: p.word("grade", read_grade)?,
            status: p.word("status", read_status)?,
        })
    }
}

/// The answer: each LA's windows, ranked (overdue first, most overdue first, then by the
/// window's start), the intervals observed, and the rules with their sources.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DueAnswer {
    pub as_at: Date,
    /// The LA asked about, by its name.
    pub la: Option<&'static str>,
    pub region: Option<&'static str>,
    pub grade: Option<Grade>,
    pub status: Option<DueStatus>,
    pub entries: Vec<DueEntry>,
    /// LAs existing on the date with no graded inspection published by then (all of them,
    /// whatever the filters).
    pub not_inspected: usize,
    /// LAs whose latest graded inspection has no grade that picks a rule.
    pub no_rule: usize,
    /// The intervals observed in the register, by rule version and grade (all LAs).
    pub observed: Observed,
    /// The rules, with their words and sources.
    pub rules: &'static [DueRule],
}

/// An LA's status in words, the same on every surface: "Overdue by 5.2 months (window
/// ended 1 September 2024)", "In window (1 September 2023 to 1 September 2024)", "Not yet due
/// (window opens 1 September 2023)", "Inspected, report awaited (on site from 4 November
/// 2024)".
pub fn status_words(status: DueStatus, window: &lacs_analysis::Window, months_overdue: Option<f64>, inspected_since: Option<Date>) -> String {
    use crate::params::long_date;
    match status {
        DueStatus::Overdue => format!("Overdue by {:.1} months (window ended {})", months_overdue.unwrap_or_default(), long_date(window.end)),
        DueStatus::InWindow => format!("In window ({} to {})", long_date(window.start), long_date(window.end)),
        DueStatus::NotYetDue => format!("Not yet due (window opens {})", long_date(window.start)),
        DueStatus::Inspected => match inspected_since {
            Some(d) => format!("Inspected, report awaited (on site from {})", long_date(d)),
            None => DueStatus::Inspected.label().to_string(),
        },
    }
}

/// [`status_words`] of an LA's next full inspection.
pub fn entry_words(e: &DueEntry) -> String {
    status_words(e.status, &e.rules.window, e.rules.months_overdue, e.inspected_since)
}

impl Register {
    /// `due`: every existing LA's next inspection as at the date, filtered.
    pub fn due(&self, r: &DueRequest) -> Result<DueAnswer, QueryError> {
        let la = r.la.as_deref().map(crate::authority).transpose()?;
        let due = self.index().due(r.as_at);
        let entries = due
            .entries
            .into_iter()
            .filter(|e| la.is_none_or(|a| a.urn == e.urn))
            .filter(|e| r.region.is_none_or(|reg| e.ofsted_region == reg || e.ons_region == reg))
            .filter(|e| r.grade.is_none_or(|g| e.grade == g))
            .filter(|e| r.status.is_none_or(|s| e.status == s))
            .collect();
        Ok(DueAnswer {
            as_at: r.as_at,
            la: la.map(|a| a.name.as_str()),
            region: r.region,
            grade: r.grade,
            status: r.status,
            entries,
            not_inspected: due.not_inspected,
            no_rule: due.no_rule,
            observed: due.observed,
            rules: DUE_RULES,
        })
    }

    /// One LA's windows as at `as_at` (`None`: abolished by then, not yet inspected, or no
    /// grade that picks a rule), for its own page.
    pub fn due_of(&self, urn: AuthorityId, as_at: Date) -> Option<DueEntry> {
        self.index().due(as_at).entries.into_iter().find(|e| e.urn == urn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn p(pairs: &[(&str, &str)]) -> Params {
        Params::query(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()).on(date(2026, 12, 4))
    }

    #[test]
    fn defaults_and_filters_are_read() {
        assert_eq!(DueRequest::parse(&p(&[])).unwrap(), DueRequest::as_at(date(2026, 12, 4)));
        let r = DueRequest::parse(&p(&[("as_at", "31 March 2024"), ("la", "Barnsley"), ("region", "north west"), ("grade", "inadequate"), ("status", "overdue")])).unwrap();
        assert_eq!(r.as_at, date(2024, 3, 31));
        assert_eq!((r.la.as_deref(), r.region, r.grade, r.status), (Some("Barnsley"), Some("North West"), Some(Grade::Inadequate), Some(DueStatus::Overdue)));
    }

    #[test]
    fn the_status_reads_alone() {
        let w = lacs_analysis::Window { start: date(2023, 9, 1), end: date(2024, 9, 1) };
        assert_eq!(status_words(DueStatus::Overdue, &w, Some(5.2), None), "Overdue by 5.2 months (window ended 1 September 2024)");
        assert_eq!(status_words(DueStatus::NotYetDue, &w, None, None), "Not yet due (window opens 1 September 2023)");
        assert_eq!(status_words(DueStatus::Inspected, &w, None, Some(date(2024, 11, 4))), "Inspected, report awaited (on site from 4 November 2024)");
    }

    #[test]
    fn bad_parameters_are_named() {
        for (name, bad, says) in [
            ("status", "late", "in_window"),
            ("grade", "not_judged", "requires_improvement"),
            ("grade", "great", "outstanding"),
            ("region", "Mars", "London"),
            ("as_at", "yesterday", ""),
            ("as_at", "1999-01-01", ""),
        ] {
            let e = DueRequest::parse(&p(&[(name, bad)])).unwrap_err();
            assert_eq!(e.name, name, "{bad}");
            assert!(e.message.contains(says), "{e}");
        }
    }
}
