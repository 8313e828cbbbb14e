//! Bodies that run an LA's children's services for it (trusts and council-owned companies),
//! as data: a report of such an LA may name the body in its title.

/// (LA URN, the body's name, from, until): ISO dates, `until` exclusive, "" for open.
pub const BODIES: &[(&str, &str, &str, &str)] = &[
    ("80553", "Slough Children's Services Trust", "2015-10-01", "2021-04-01"),
    ("80553", "Slough Children First", "2021-04-01", ""),
    ("80462", "Doncaster Children's Services Trust", "2014-10-01", "2022-09-01"),
    ("80566", "Together for Children", "2017-04-01", ""),
    ("80429", "Birmingham Children's Trust", "2018-04-01", ""),
    ("80549", "Sandwell Children's Trust", "2018-04-01", ""),
    ("80545", "Achieving for Children", "2014-04-01", ""),
    ("80513", "Achieving for Children", "2014-04-01", ""),
    ("80546", "Achieving for Children", "2017-08-01", ""),
    ("2637539", "Northamptonshire Children's Trust", "2021-04-01", ""),
    ("2637548", "Northamptonshire Children's Trust", "2021-04-01", ""),
    ("80540", "Brighter Futures for Children", "2018-12-01", ""),
    ("80584", "Worcestershire Children First", "2019-10-01", ""),
    ("80449", "Bradford Children and Families Trust", "2023-04-01", ""),
];

/// The body running the LA's children's services on an ISO date, if it has one.
pub fn body_for(urn: &str, on: &str) -> Option<&'static str> {
    if on.is_empty() {
        return None;
    }
    BODIES
        .iter()
        .find(|(u, _, from, until)| *u == urn && on >= *from && (until.is_empty() || on < *until))
        .map(|(_, name, _, _)| *name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn by_date() {
        assert_eq!(super::body_for("80553", "2019-01-21"), Some("Slough Children's Services Trust"));
        assert_eq!(super::body_for("80553", "2023-01-23"), Some("Slough Children First"));
        assert_eq!(super::body_for("80553", "2013-11-19"), None);
        assert_eq!(super::body_for("80426", "2023-01-23"), None);
    }
}
