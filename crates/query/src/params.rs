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
}
