//! Parameters as users type them (CLI flags, URL query strings), parsed one way for both:
//! [`Params`] holds the name/value pairs a request gave, and each parser names the parameter
//! at fault in the spelling its surface uses (`as_at` in a URL, `--as-at` on the command line).

use jiff::civil::{date, Date as CivilDate};
use lacs_analysis::Grouping;
use lacs_domain::{Date, Framework, Grade, Judgement};

/// A bad parameter, naming it and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name}: {message}")]
pub struct ParamError {
    pub name: String,
    pub message: String,
}

/// How a surface spells a parameter's name: the query string's `as_at` or the CLI's
/// `--as-at`. Requests name their parameters the query string's way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Spelling {
    #[default]
    Query,
    Flag,
}

impl Spelling {
    pub fn spell(self, name: &str) -> String {
        match self {
            Spelling::Query => name.to_string(),
            Spelling::Flag => format!("--{}", name.replace('_', "-")),
        }
    }
}

/// The dates the register answers for: from 1 January 2013 (before the first SIF
/// inspection) to the end of next year. A date outside is refused with the range named, so
/// no request asks for a century of quarter ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub first: Date,
    pub last: Date,
}

impl DateRange {
    pub const FIRST: Date = date(2013, 1, 1);

    /// The range on `today`.
    pub fn on(today: Date) -> DateRange {
        let last = date(today.year().saturating_add(1).min(9998), 12, 31);
        DateRange { first: Self::FIRST, last }
    }

    pub fn contains(self, d: Date) -> bool {
        (self.first..=self.last).contains(&d)
    }
}

/// The spellings of a date every date parameter takes.
pub const DATE_FORMS: &str = "yyyy-mm-dd (2019-03-31), dd/mm/yyyy (31/03/2019) or a day, month and year (31 March 2019)";

/// A date as people type it: `2019-03-31`, `31/03/2019` (or `31/3/2019`, `31-03-2019`,
/// `31.03.2019`), `31 March 2019` (or `31 Mar 2019`, `31st March 2019`, `March 31, 2019`).
/// `None` when it is none of these or not a real day.
pub fn read_date(text: &str) -> Option<Date> {
    let t = text.trim();
    let numeric: Vec<&str> = t.split(['-', '/', '.']).collect();
    if numeric.len() == 3 && numeric.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())) {
        let n = |s: &str| s.parse::<i16>().ok();
        let (a, b, c) = (n(numeric[0])?, n(numeric[1])?, n(numeric[2])?);
        return match (numeric[0].len(), numeric[2].len()) {
            // yyyy-mm-dd: ISO, the one order with the year first.
            (4, 1..=2) => CivilDate::new(a, i8::try_from(b).ok()?, i8::try_from(c).ok()?).ok(),
            // dd/mm/yyyy: the British order; a four-digit year only (31/03/19 is ambiguous).
            (1..=2, 4) => CivilDate::new(c, i8::try_from(b).ok()?, i8::try_from(a).ok()?).ok(),
            _ => None,
        };
    }
    // Words: a day, a month name and a year in either British or American order.
    let words: Vec<String> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    if words.len() != 3 {
        return None;
    }
    let day = |w: &str| -> Option<i8> {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        (matches!(suffix, "" | "st" | "nd" | "rd" | "th") && !digits.is_empty() && digits.len() <= 2)
            .then(|| digits.parse().ok())
            .flatten()
    };
    let year = |w: &str| (w.len() == 4).then(|| w.parse::<i16>().ok()).flatten();
    let (d, m, y) = match (day(&words[0]), month(&words[1]), month(&words[0]), day(&words[1])) {
        (Some(d), Some(m), _, _) => (d, m, year(&words[2])?),
        (_, _, Some(m), Some(d)) => (d, m, year(&words[2])?),
        _ => return None,
    };
    CivilDate::new(y, m, d).ok()
}

/// A month by its English name or its first three letters ("sept" too).
fn month(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| *m == w || (m.starts_with(w) && w.len() <= 4)).map(|i| i as i8 + 1)
}

/// The name/value pairs of one request: a URL's query string or the CLI's flags. A name
/// given twice counts once, the last non-empty value winning; an empty value (a form's blank
/// field) counts as absent.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
    spelling: Spelling,
    today: Option<Date>,
}

impl Params {
    /// A URL's query string, as pairs.
    pub fn query(pairs: Vec<(String, String)>) -> Params {
        Params { pairs, spelling: Spelling::Query, today: None }
    }

    /// Command-line flags, each by its query-string name (`as_at` for `--as-at`); flags not
    /// given are left out.
    pub fn flags<'a>(flags: impl IntoIterator<Item = (&'a str, Option<String>)>) -> Params {
        let pairs = flags.into_iter().filter_map(|(k, v)| v.map(|v| (k.to_string(), v))).collect();
        Params { pairs, spelling: Spelling::Flag, today: None }
    }

    /// The same parameters with "today" fixed (the default of every date; tests).
    pub fn on(mut self, today: Date) -> Params {
        self.today = Some(today);
        self
    }

    /// Today, as the request sees it.
    pub fn today(&self) -> Date {
        self.today.unwrap_or_else(|| jiff::ZonedDateTime::now().date())
    }

    /// Every pair as given.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The same parameters with one set (replacing any value it had).
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Params {
        self.pairs.retain(|(k, _)| k != name);
        self.pairs.push((name.to_string(), value.into()));
        self
    }

    /// The first parameter given empty, if any (the API takes that as a mistake).
    pub fn first_empty(&self) -> Option<&str> {
        self.pairs.iter().find(|(_, v)| v.trim().is_empty()).map(|(k, _)| k.as_str())
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(k, v)| k == name && !v.trim().is_empty()).map(|(_, v)| v.trim())
    }

    /// An error naming `name` as this surface spells it.
    pub fn error(&self, name: &str, message: impl Into<String>) -> ParamError {
        ParamError { name: self.spelling.spell(name), message: message.into() }
    }

    /// The dates this request may ask about.
    pub fn date_range(&self) -> DateRange {
        DateRange::on(self.today())
    }

    /// A date in any of [`DATE_FORMS`], inside the register's range.
    pub fn date(&self, name: &str) -> Result<Option<Date>, ParamError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        let d = read_date(v).ok_or_else(|| self.error(name, format!("{v:?} is not a date; type it as {DATE_FORMS}")))?;
        let range = self.date_range();
        if !range.contains(d) {
            return Err(self.error(
                name,
                format!("{} is outside the register's dates, {} to {}", long_date(d), long_date(range.first), long_date(range.last)),
            ));
        }
        Ok(Some(d))
    }

    pub fn judgement(&self, name: &str, default: Judgement) -> Result<Judgement, ParamError> {
        self.word(name, |v| v.parse::<Judgement>().map_err(|e| e.to_string())).map(|j| j.unwrap_or(default))
    }

    pub fn grade(&self, name: &str) -> Result<Option<Grade>, ParamError> {
        self.word(name, |v| v.parse::<Grade>().map_err(|e| e.to_string()))
    }

    pub fn grouping(&self, name: &str) -> Result<Option<Grouping>, ParamError> {
        self.word(name, |v| v.parse::<Grouping>())
    }

    /// `sif`, `ilacs`, or `any` (every graded event): `Some(None)` for `any`.
    pub fn framework(&self, name: &str, default: Option<Framework>) -> Result<Option<Framework>, ParamError> {
        Ok(self
            .word(name, |v| match v {
                "any" => Ok(None),
                "sif" => Ok(Some(Framework::Sif)),
                "ilacs" => Ok(Some(Framework::Ilacs)),
                other => Err(format!("unknown framework {other:?}; expected sif, ilacs or any")),
            })?
            .unwrap_or(default))
    }

    /// A yes/no parameter: true, 1, yes; false, 0, no.
    pub fn flag(&self, name: &str) -> Result<bool, ParamError> {
        Ok(self
            .word(name, |v| match v {
                "true" | "1" | "yes" => Ok(true),
                "false" | "0" | "no" => Ok(false),
                other => Err(format!("{other:?} is not true or false")),
            })?
            .unwrap_or(false))
    }

    /// A whole number from `min` to `max`.
    pub fn number(&self, name: &str, min: u64, max: u64) -> Result<Option<u64>, ParamError> {
        self.word(name, |v| match v.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(format!("{v:?} is not a whole number from {min} to {max}")),
        })
    }

    /// One of a fixed set of words.
    pub fn choice<'a>(&self, name: &str, allowed: &[&'a str], default: &'a str) -> Result<&'a str, ParamError> {
        Ok(self
            .word(name, |v| {
                allowed.iter().find(|a| **a == v).copied().ok_or_else(|| format!("unknown value {v:?}; expected one of: {}", allowed.join(", ")))
            })?
            .unwrap_or(default))
    }

    /// A parameter read by `read`, whose error message is named here.
    pub fn word<T>(&self, name: &str, read: impl FnOnce(&str) -> Result<T, String>) -> Result<Option<T>, ParamError> {
        self.get(name).map(|v| read(v).map_err(|m| self.error(name, m))).transpose()
    }
}

/// "31 March 2019": how messages name a date.
pub fn long_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// A date parameter alone (`name` as given): [`Params::date`] without a request.
pub fn parse_date(name: &str, value: &str) -> Result<Date, ParamError> {
    Params::query(vec![(name.to_string(), value.to_string())])
        .date(name)?
        .ok_or_else(|| ParamError { name: name.to_string(), message: format!("is empty; type a date as {DATE_FORMS}") })
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

    /// `in`: `findings` or `all`.
    pub fn read(value: &str) -> Result<SearchIn, String> {
        SearchIn::ALL.into_iter().find(|w| w.as_str() == value).ok_or_else(|| {
            format!("unknown place to search {value:?}; expected findings (improvement items, priority actions, recommendations and judgement paragraphs; the default) or all (every page of every report)")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Params {
        Params::query(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()).on(date(2026, 12, 4))
    }

    #[test]
    fn dates_in_three_forms() {
        let want = date(2019, 3, 31);
        for text in ["2019-03-31", "31/03/2019", "31/3/2019", "31-03-2019", "31.03.2019", "31 March 2019", "31 march 2019", "31 Mar 2019", "31st March 2019", "March 31, 2019", " 31 MARCH 2019 "] {
            assert_eq!(read_date(text), Some(want), "{text}");
        }
        for bad in ["2019-02-30", "31/13/2019", "31/03/19", "31 Marchy 2019", "2019", "", "yesterday", "32 March 2019", "31 March", "0031-03-31x"] {
            assert_eq!(read_date(bad), None, "{bad}");
        }
        assert_eq!(read_date("1 Sept 2020"), Some(date(2020, 9, 1)));
    }

    #[test]
    fn errors_name_the_parameter_in_its_surface_spelling() {
        let e = p(&[("as_at", "31/13/2019")]).date("as_at").unwrap_err();
        assert_eq!(e.name, "as_at");
        assert!(e.message.contains("31 March 2019") && e.message.contains("dd/mm/yyyy"), "{e}");
        let f = Params::flags([("as_at", Some("soon".to_string()))]).date("as_at").unwrap_err();
        assert_eq!(f.name, "--as-at");
        let e = p(&[("judgement", "vibes")]).judgement("judgement", Judgement::Overall).unwrap_err().to_string();
        assert!(e.contains("judgement: unknown judgement \"vibes\"") && e.contains("help_protection"), "{e}");
        assert!(p(&[("by", "county")]).grouping("by").unwrap_err().to_string().starts_with("by: "));
        assert_eq!(p(&[("framework", "sif")]).framework("framework", None).unwrap(), Some(Framework::Sif));
        assert_eq!(p(&[("framework", "any")]).framework("framework", Some(Framework::Ilacs)).unwrap(), None);
    }

    #[test]
    fn dates_outside_the_register_are_refused_with_the_range_named() {
        let e = p(&[("as_at", "9999-12-31")]).date("as_at").unwrap_err().to_string();
        assert!(e.contains("1 January 2013 to 31 December 2027"), "{e}");
        assert!(p(&[("as_at", "2012-12-31")]).date("as_at").is_err());
        assert_eq!(p(&[("as_at", "31 December 2027")]).date("as_at").unwrap(), Some(date(2027, 12, 31)));
    }

    #[test]
    fn the_last_non_empty_value_wins() {
        let q = p(&[("as_at", "2020-01-01"), ("as_at", ""), ("x", "")]);
        assert_eq!(q.get("as_at"), Some("2020-01-01"));
        assert_eq!(q.first_empty(), Some("as_at"));
        assert_eq!(q.get("x"), None);
    }

    #[test]
    fn where_to_search_is_findings_or_all() {
        assert_eq!(p(&[("in", "all")]).word("in", SearchIn::read).unwrap(), Some(SearchIn::All));
        for bad in ["pages", "ALL"] {
            let e = p(&[("in", bad)]).word("in", SearchIn::read).unwrap_err().to_string();
            assert!(e.starts_with("in: ") && e.contains("findings") && e.contains("all"), "{e}");
        }
    }
}
