//! Parameters as users type them (CLI flags, URL query strings), parsed one way for both.

use lacs_analysis::Grouping;
use lacs_domain::{Date, Framework, Grade, Judgement};

/// A bad parameter, naming it and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name}: {message}")]
pub struct ParamError {
    pub name: String,
    pub message: String,
}

fn err(name: &str, message: String) -> ParamError {
    ParamError { name: name.to_string(), message }
}

pub fn parse_date(name: &str, value: &str) -> Result<Date, ParamError> {
    value
        .trim()
        .parse::<Date>()
        .map_err(|_| err(name, format!("{value:?} is not a date; expected yyyy-mm-dd, e.g. 2024-03-31")))
}

pub fn parse_judgement(name: &str, value: &str) -> Result<Judgement, ParamError> {
    value.trim().parse().map_err(|e: lacs_domain::UnknownWord| err(name, e.to_string()))
}

pub fn parse_grade(name: &str, value: &str) -> Result<Grade, ParamError> {
    value.trim().parse().map_err(|e: lacs_domain::UnknownWord| err(name, e.to_string()))
}

pub fn parse_framework(name: &str, value: &str) -> Result<Framework, ParamError> {
    match value.trim() {
        "sif" => Ok(Framework::Sif),
        "ilacs" => Ok(Framework::Ilacs),
        other => Err(err(name, format!("unknown framework {other:?}; expected sif or ilacs"))),
    }
}

pub fn parse_grouping(name: &str, value: &str) -> Result<Grouping, ParamError> {
    value.trim().parse().map_err(|e: String| err(name, e))
}

/// Where a search looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SearchIn {
    /// What inspectors said, item by item: priority actions, improvement items,
    /// recommendations and judgement paragraphs (the default).
    #[default]
    Findings,
    /// The whole text of every page of every report.
    All,
}

impl SearchIn {
    pub const ALL: [SearchIn; 2] = [SearchIn::Findings, SearchIn::All];

    pub const fn as_str(self) -> &'static str {
        match self {
            SearchIn::Findings => "findings",
            SearchIn::All => "all",
        }
    }
}

/// `in`: `findings` or `all`.
pub fn parse_search_in(name: &str, value: &str) -> Result<SearchIn, ParamError> {
    let value = value.trim();
    SearchIn::ALL.into_iter().find(|w| w.as_str() == value).ok_or_else(|| {
        err(
            name,
            format!("unknown place to search {value:?}; expected findings (improvement items, priority actions, recommendations and judgement paragraphs; the default) or all (every page of every report)"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_parameter() {
        let e = parse_date("as_at", "31/03/2024").unwrap_err().to_string();
        assert!(e.starts_with("as_at: ") && e.contains("yyyy-mm-dd"), "{e}");
        let e = parse_judgement("judgement", "vibes").unwrap_err().to_string();
        assert!(e.contains("judgement: unknown judgement \"vibes\"") && e.contains("help_protection"), "{e}");
        assert!(parse_grouping("by", "county").unwrap_err().to_string().starts_with("by: "));
        assert_eq!(parse_framework("framework", "sif").unwrap(), Framework::Sif);
    }

    #[test]
    fn where_to_search_is_findings_or_all() {
        assert_eq!(parse_search_in("in", "all").unwrap(), SearchIn::All);
        assert_eq!(parse_search_in("--in", " findings ").unwrap(), SearchIn::Findings);
        assert_eq!(SearchIn::default(), SearchIn::Findings);
        for bad in ["pages", "", "ALL"] {
            let e = parse_search_in("in", bad).unwrap_err();
            assert_eq!(e.name, "in");
            let e = e.to_string();
            assert!(e.starts_with("in: ") && e.contains("findings") && e.contains("all"), "{e}");
        }
    }
}
