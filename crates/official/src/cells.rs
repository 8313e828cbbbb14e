//! Reading one cell: text, dates, grades, inspection types, web links.

use calamine::{Data, ExcelDateTime, ExcelDateTimeType};
use lacs_domain::{Date, Framework, Grade, Kind, OfstedRegion, OnsRegion};

use crate::headings::norm;

/// A cell's text as shown, trimmed ("" for an empty cell): the value a doubt records.
pub(crate) fn shown(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A cell's text without footnote marks (see [`strip_notes`]).
pub(crate) fn text(d: &Data) -> String {
    strip_notes(&shown(d))
}

/// Superscript digits and trailing symbols used as footnote marks ("Good¹", "Leeds*").
const NOTE_MARKS: &[char] = &[
    '\u{b9}', '\u{b2}', '\u{b3}', '\u{2070}', '\u{2074}', '\u{2075}', '\u{2076}', '\u{2077}',
    '\u{2078}', '\u{2079}',
];
const TRAILING_MARKS: &[char] = &['*', '\u{2020}', '\u{2021}'];

/// `s` without footnote marks: "[note 3]", "[Notes 1 and 2]", GSS shorthand such as "[x]" or
/// "[c]" (one or two letters or digits in brackets), superscript digits and trailing `*`,
/// `†`, `‡`. Other bracketed words ("[provisional]") may carry meaning and are kept.
pub(crate) fn strip_notes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let Some(close) = from.find(']') else {
            out.push_str(from);
            rest = "";
            break;
        };
        let inner = from[1..close].trim().to_lowercase();
        let is_note = inner.starts_with("note")
            || (!inner.is_empty()
                && inner.chars().count() <= 2
                && inner.chars().all(char::is_alphanumeric));
        if !is_note {
            out.push_str(&from[..=close]);
        }
        rest = &from[close + 1..];
    }
    out.push_str(rest);
    let out: String = out.chars().filter(|c| !NOTE_MARKS.contains(c)).collect();
    let out = out.trim().trim_end_matches(TRAILING_MARKS).trim();
    // Runs of spaces left where a mark was removed ("Good [x] " → "Good").
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a word standing where a value should be says. One table for every such word, read
/// for date and grade cells alike (after footnote marks are dropped and case ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoValue {
    /// A dash: nil. In a grade cell Ofsted's "not judged" (see [`grade`]).
    Dash,
    /// The field does not apply to this row (a judgement not made under this framework).
    NotApplicable,
    /// The value exists but is not given (GSS shorthand ".." and "x").
    NotAvailable,
    /// Not happened yet: no inspection, or no report published, by the release's date.
    NotYet,
}

pub(crate) const NO_VALUE_WORDS: &[(&str, NoValue)] = &[
    ("-", NoValue::Dash),
    ("\u{2013}", NoValue::Dash),
    ("\u{2014}", NoValue::Dash),
    ("n/a", NoValue::NotApplicable),
    ("na", NoValue::NotApplicable),
    ("n.a.", NoValue::NotApplicable),
    ("not applicable", NoValue::NotApplicable),
    ("..", NoValue::NotAvailable),
    ("x", NoValue::NotAvailable),
    ("z", NoValue::NotApplicable),
    ("not available", NoValue::NotAvailable),
    ("not known", NoValue::NotAvailable),
    ("unknown", NoValue::NotAvailable),
    ("tbc", NoValue::NotYet),
    ("to be confirmed", NoValue::NotYet),
    ("not yet inspected", NoValue::NotYet),
    ("not inspected", NoValue::NotYet),
    ("not yet inspected under ilacs", NoValue::NotYet),
    ("no inspection", NoValue::NotYet),
    ("no inspection yet", NoValue::NotYet),
    ("none", NoValue::NotYet),
    ("to be published", NoValue::NotYet),
    ("not yet published", NoValue::NotYet),
    ("awaiting publication", NoValue::NotYet),
    ("unpublished", NoValue::NotYet),
];

/// The no-value word `s` is, if any.
pub(crate) fn no_value(s: &str) -> Option<NoValue> {
    let n = norm(s);
    NO_VALUE_WORDS
        .iter()
        .find(|(w, _)| *w == n)
        .map(|(_, meaning)| *meaning)
}

/// True for a cell that holds no value: empty, or a no-value word.
pub(crate) fn is_nothing(d: &Data) -> bool {
    let t = text(d);
    t.is_empty() || no_value(&t).is_some()
}

/// Excel serial numbers accepted as dates when a date column holds a bare number
/// (1 January 1982 to 31 December 2119): anything else is more likely a mistake than a date.
const SERIAL_RANGE: std::ops::RangeInclusive<f64> = 29952.0..=80723.0;

/// A date cell: a spreadsheet date, an ISO date or date-time, an Excel serial number (as a
/// number or as text), or text such as "18/02/2019", "18 February 2019", "18-Feb-2019",
/// "Monday 18th of February 2019" (day first, as in the UK). Footnote marks are dropped; a
/// no-value word ("Not yet inspected", "n/a") is no date. `Err` says why a cell is not one.
pub(crate) fn date(d: &Data) -> Result<Option<Date>, &'static str> {
    let serial = |f: f64| {
        if SERIAL_RANGE.contains(&f) {
            from_serial(ExcelDateTime::new(f, ExcelDateTimeType::DateTime, false))
                .ok_or("not a date")
        } else {
            Err("a number that is not a date")
        }
    };
    let date = match d {
        Data::Empty => return Ok(None),
        Data::DateTime(dt) => {
            if dt.is_duration() {
                return Err("a duration, not a date");
            }
            from_serial(*dt).ok_or("not a date")?
        }
        Data::Float(f) => serial(*f)?,
        Data::Int(i) => serial(*i as f64)?,
        Data::DateTimeIso(s) | Data::String(s) => {
            let s = strip_notes(s);
            if s.is_empty() || no_value(&s).is_some() {
                return Ok(None);
            }
            match s.parse::<f64>() {
                Ok(f) if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') => serial(f)?,
                _ => date_text(&s).ok_or("not a date")?,
            }
        }
        _ => return Err("not a date"),
    };
    if !(1990..=2100).contains(&date.year()) {
        return Err("not a plausible inspection date");
    }
    Ok(Some(date))
}

fn from_serial(dt: ExcelDateTime) -> Option<Date> {
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    Date::new(y as i16, m as i8, d as i8).ok()
}

fn month_number(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() >= 3 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))
        })
        .map(|i| i as i8 + 1)
}

fn date_text(s: &str) -> Option<Date> {
    // ISO date, possibly with a time: 2019-02-18, 2019-02-18T00:00:00, 2019-02-18 00:00:00.
    let head = s.split(['T', ' ']).next().unwrap_or(s);
    if let Ok(d) = head.parse::<Date>() {
        return Some(d);
    }
    const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let mut parts: Vec<&str> = s
        .split(|c: char| c == '/' || c == '-' || c == '.' || c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .filter(|p| !p.eq_ignore_ascii_case("of"))
        .collect();
    // "Monday 18 February 2019": the weekday adds nothing.
    if parts.len() == 4 {
        let first = parts[0].to_lowercase();
        if first.len() >= 3 && WEEKDAYS.iter().any(|w| first.starts_with(w)) {
            parts.remove(0);
        }
    }
    if parts.len() != 3 {
        return None;
    }
    let day: i8 = parts[0]
        .trim_end_matches(|c: char| c.is_alphabetic())
        .parse()
        .ok()?;
    let month = match parts[1].parse::<i8>() {
        Ok(m) => m,
        Err(_) => month_number(parts[1])?,
    };
    let year: i16 = match parts[2].parse::<i16>().ok()? {
        y if parts[2].len() == 2 => 2000 + y,
        y if parts[2].len() == 4 => y,
        _ => return None,
    };
    Date::new(year, month, day).ok()
}

/// A grade cell. One table for every spelling met or expected; `Ok(None)` for an empty cell
/// or a no-value word. A dash ("-") is Ofsted's "not judged": the reports of the two LAs where
/// the files print it (City of London's adoption, Isles of Scilly's children looked after,
/// adoption and care leavers, SIF 2016) say "not judged" there. "n/a" is no grade: the
/// judgement does not exist for that inspection (care leavers before 2023).
pub(crate) fn grade(d: &Data) -> Result<Option<Grade>, &'static str> {
    let by_number = |n: f64| match n {
        1.0 => Ok(Some(Grade::Outstanding)),
        2.0 => Ok(Some(Grade::Good)),
        3.0 => Ok(Some(Grade::RequiresImprovement)),
        4.0 => Ok(Some(Grade::Inadequate)),
        _ => Err("a grade number must be 1 to 4"),
    };
    match d {
        Data::Empty => Ok(None),
        Data::Int(i) => by_number(*i as f64),
        Data::Float(f) => by_number(*f),
        Data::String(s) => {
            let s = strip_notes(s);
            match no_value(&s) {
                Some(NoValue::Dash) => return Ok(Some(Grade::NotJudged)),
                Some(_) => return Ok(None),
                None => {}
            }
            let n = norm(&s);
            let n = n.trim_end_matches('.').trim();
            let g = match n {
                "" => return Ok(None),
                "outstanding" | "1" | "grade 1" | "grade 1 (outstanding)" => Grade::Outstanding,
                "good" | "2" | "grade 2" | "grade 2 (good)" => Grade::Good,
                "requires improvement to be good"
                | "requires improvement"
                | "requires improvement to be good (ri)"
                | "ri"
                | "3"
                | "grade 3"
                | "grade 3 (requires improvement)"
                | "grade 3 (requires improvement to be good)" => Grade::RequiresImprovement,
                "inadequate" | "4" | "grade 4" | "grade 4 (inadequate)" => Grade::Inadequate,
                "not judged" | "not graded" | "no judgement" => Grade::NotJudged,
                _ => return Err("not a grade"),
            };
            Ok(Some(g))
        }
        _ => Err("not a grade"),
    }
}

/// What an inspection/visit type cell says: framework and, for graded kinds, the kind.
/// Types not in this table keep their printed text and no kind.
pub(crate) fn event_type(printed: &str) -> (Option<Framework>, Option<Kind>) {
    let n = norm(printed);
    let kind = match n.as_str() {
        "ilacs standard inspection" | "ilacs standard" | "standard inspection" | "standard" => {
            Some(Kind::IlacsStandard)
        }
        "ilacs short inspection" | "ilacs short" | "short inspection" | "short" => {
            Some(Kind::IlacsShort)
        }
        "sif" | "sif inspection" | "single inspection framework" | "first sif" => Some(Kind::Sif),
        "sif re-inspection" | "sif reinspection" | "sif re inspection" => {
            Some(Kind::SifReinspection)
        }
        _ => None,
    };
    let framework = kind.and_then(Kind::framework).or_else(|| {
        if n.contains("ilacs") || n.contains("focused visit") || n.contains("monitoring visit") {
            Some(Framework::Ilacs)
        } else if n.contains("sif") {
            Some(Framework::Sif)
        } else {
            None
        }
    });
    (framework, kind)
}

/// An Ofsted region (8) as printed, in any case; an ONS region (9) is read as the Ofsted region
/// containing it.
pub(crate) fn region(s: &str) -> Result<Option<OfstedRegion>, &'static str> {
    let n = norm(s);
    if n.is_empty() {
        return Ok(None);
    }
    if let Some(r) = OfstedRegion::ALL.iter().find(|r| norm(r.as_str()) == n) {
        return Ok(Some(*r));
    }
    if let Some(r) = OnsRegion::ALL.iter().find(|r| norm(r.as_str()) == n) {
        return Ok(Some(r.ofsted()));
    }
    Err("not an Ofsted or ONS region")
}

/// The target of a web-link cell: the first argument of a HYPERLINK formula, or the cell's
/// own text when that is a URL.
pub(crate) fn link(value: &Data, formula: Option<&str>) -> Option<String> {
    if let Some(f) = formula {
        let upper = f.to_uppercase();
        if let Some(at) = upper.find("HYPERLINK(") {
            let rest = &f[at + "HYPERLINK(".len()..];
            let rest = rest.trim_start();
            if let Some(body) = rest.strip_prefix('"') {
                if let Some(end) = body.find('"') {
                    return Some(body[..end].to_string());
                }
            }
        }
    }
    let t = text(value);
    (t.starts_with("http://") || t.starts_with("https://")).then_some(t)
}

/// The number at the end of an Ofsted reports-site provider link
/// (`https://reports.ofsted.gov.uk/provider/44/80486`). The files use both keys the site
/// accepts: three-digit numbers are DfE LA numbers, longer ones Ofsted URNs.
pub(crate) fn ids_from_link(url: &str) -> (Option<u32>, Option<u16>) {
    if !url.contains("/provider/") {
        return (None, None);
    }
    let last = url.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    if last.is_empty() || !last.bytes().all(|b| b.is_ascii_digit()) {
        return (None, None);
    }
    match last.len() {
        1..=3 => (None, last.parse().ok()),
        4..=9 => (last.parse().ok(), None),
        _ => (None, None),
    }
}

/// A GSS code such as E09000002.
pub(crate) fn is_gss(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 9
        && matches!(b[0], b'E' | b'W' | b'S' | b'N')
        && b[1..].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    fn s(x: &str) -> Data {
        Data::String(x.into())
    }

    #[test]
    fn dates_in_every_spelling() {
        assert_eq!(
            date(&Data::DateTimeIso("2019-02-18".into())),
            Ok(Some(d(2019, 2, 18)))
        );
        assert_eq!(
            date(&Data::DateTimeIso("2019-02-18T00:00:00".into())),
            Ok(Some(d(2019, 2, 18)))
        );
        assert_eq!(date(&s("18/02/2019")), Ok(Some(d(2019, 2, 18))));
        assert_eq!(date(&s("18 February 2019")), Ok(Some(d(2019, 2, 18))));
        assert_eq!(date(&s("5 Sept 2022")), Ok(Some(d(2022, 9, 5))));
        assert_eq!(date(&s("18-Feb-19")), Ok(Some(d(2019, 2, 18))));
        assert_eq!(date(&Data::Float(43514.0)), Ok(Some(d(2019, 2, 18))));
        assert_eq!(
            date(&Data::DateTime(ExcelDateTime::new(
                43514.0,
                ExcelDateTimeType::DateTime,
                false
            ))),
            Ok(Some(d(2019, 2, 18)))
        );
        assert_eq!(date(&Data::Empty), Ok(None));
        assert!(date(&s("31/02/2019")).is_err());
        assert!(date(&s("sometime in spring")).is_err());
        assert!(date(&Data::Float(12.0)).is_err());
    }

    #[test]
    fn footnote_marks_and_no_value_words() {
        assert_eq!(strip_notes("12/03/2019 [note 3]"), "12/03/2019");
        assert_eq!(strip_notes("Good\u{b9}"), "Good");
        assert_eq!(strip_notes("Good [x]"), "Good");
        assert_eq!(
            strip_notes("Inspection date [Notes 1 and 2]"),
            "Inspection date"
        );
        assert_eq!(strip_notes("Leeds*"), "Leeds");
        assert_eq!(strip_notes("Good [provisional]"), "Good [provisional]");
        assert_eq!(strip_notes("[x]"), "");
        assert_eq!(strip_notes("Good [unclosed"), "Good [unclosed");
        assert_eq!(date(&s("12/03/2019 [note 3]")), Ok(Some(d(2019, 3, 12))));
        assert_eq!(date(&s("31 March 2019")), Ok(Some(d(2019, 3, 31))));
        assert_eq!(date(&s("2019-03-31")), Ok(Some(d(2019, 3, 31))));
        assert_eq!(
            date(&s("Monday 18th of February 2019")),
            Ok(Some(d(2019, 2, 18)))
        );
        assert_eq!(date(&s("43555")), Ok(Some(d(2019, 3, 31))));
        assert_eq!(date(&Data::Int(43555)), Ok(Some(d(2019, 3, 31))));
        for word in [
            "Not yet inspected",
            "n/a",
            "N/A",
            "-",
            "..",
            "x",
            "Not applicable",
            "to be published",
            "[x]",
            "",
            "  ",
        ] {
            assert_eq!(date(&s(word)), Ok(None), "{word:?}");
            assert_ne!(grade(&s(word)), Err("not a grade"), "{word:?}");
        }
        assert_eq!(grade(&s("Not yet inspected")), Ok(None));
        assert_eq!(grade(&s("n/a")), Ok(None));
        assert_eq!(grade(&s("Good\u{b9}")), Ok(Some(Grade::Good)));
        assert_eq!(grade(&s("Good [x]")), Ok(Some(Grade::Good)));
        assert_eq!(date(&Data::Bool(true)), Err("not a date"));
        assert_eq!(date(&s("Mar-19")), Err("not a date"));
        assert!(date(&s("1/1/1900")).is_err());
        // Every word of the table is stored as `norm` leaves it, or it could never match.
        for (w, _) in NO_VALUE_WORDS {
            assert_eq!(norm(w), *w);
        }
    }

    #[test]
    fn grades_in_every_spelling() {
        assert_eq!(
            grade(&s("Requires improvement to be good")),
            Ok(Some(Grade::RequiresImprovement))
        );
        assert_eq!(
            grade(&s("requires improvement")),
            Ok(Some(Grade::RequiresImprovement))
        );
        assert_eq!(grade(&s(" Outstanding ")), Ok(Some(Grade::Outstanding)));
        assert_eq!(grade(&s("Not Judged")), Ok(Some(Grade::NotJudged)));
        assert_eq!(grade(&s(" -")), Ok(Some(Grade::NotJudged)));
        assert_eq!(grade(&Data::Float(4.0)), Ok(Some(Grade::Inadequate)));
        assert_eq!(grade(&s("2")), Ok(Some(Grade::Good)));
        assert_eq!(grade(&Data::Empty), Ok(None));
        assert!(grade(&s("Adequate")).is_err());
        assert!(grade(&Data::Int(5)).is_err());
    }

    #[test]
    fn types_links_regions() {
        assert_eq!(
            event_type("ILACS Short Inspection"),
            (Some(Framework::Ilacs), Some(Kind::IlacsShort))
        );
        assert_eq!(
            event_type("LA Monitoring visit"),
            (Some(Framework::Ilacs), None)
        );
        assert_eq!(event_type("Something new"), (None, None));
        let f = r#"of:=HYPERLINK("https://reports.ofsted.gov.uk/provider/44/80486";"Ofsted Local Authority Webpage")"#;
        let url = link(&s("Ofsted Local Authority Webpage"), Some(f)).unwrap();
        assert_eq!(ids_from_link(&url), (Some(80486), None));
        assert_eq!(
            ids_from_link("https://reports.ofsted.gov.uk/provider/44/302"),
            (None, Some(302))
        );
        assert_eq!(
            ids_from_link("http://reports.ofsted.gov.uk/local-authorities/barnet"),
            (None, None)
        );
        assert_eq!(
            region("North East, Yorkshire and The Humber"),
            Ok(Some(OfstedRegion::NorthEastYorkshireAndTheHumber))
        );
        assert_eq!(
            region("Yorkshire and the Humber"),
            Ok(Some(OfstedRegion::NorthEastYorkshireAndTheHumber))
        );
        assert!(is_gss("E06000059") && !is_gss("838"));
    }
}
