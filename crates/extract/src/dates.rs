//! Dates as Ofsted prints them: single dates, on-site ranges in every format met in reports
//! ("11 to 15 September 2023", "22 April to 3 May 2024", "14 – 22 July 2022",
//! "19 November–30 November 2018", ranges across a year end), and the date in a file name.

use lacs_domain::Date;
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];

fn month_number(word: &str) -> Option<i8> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    // Full names, and the three-letter abbreviations ("Sept" included).
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() <= 4 && m.starts_with(&w)))
        .map(|i| i as i8 + 1)
}

/// One "day [month] [year]" part of a range.
#[derive(Debug, Clone, Copy)]
struct Part {
    day: i8,
    month: Option<i8>,
    year: Option<i16>,
}

static PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s*(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)?\b\.?,?\s*(\d{4})?",
    )
    .unwrap()
});

static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b").unwrap());

/// "12/09/2016" written out as "12 september 2016", so one grammar reads both.
fn spell_numeric_dates(s: &str) -> std::borrow::Cow<'_, str> {
    NUMERIC_DATE.replace_all(s, |c: &regex::Captures| {
        let month = c[2].parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1)));
        match month {
            Some(m) => format!("{} {m} {}", &c[1], &c[3]),
            None => c[0].to_string(),
        }
    })
}

fn parts(s: &str) -> Vec<Part> {
    let s = spell_numeric_dates(s);
    let mut parts: Vec<Part> = PART.captures_iter(&s)
        .filter_map(|c| {
            let day: i8 = c[1].parse().ok()?;
            let month = match c.get(2) {
                Some(m) => Some(month_number(m.as_str())?),
                None => None,
            };
            let year = c.get(3).and_then(|y| y.as_str().parse().ok());
            Some(Part { day, month, year })
        })
        .collect();
    // A bare trailing number is a footnote marker, not a day.
    while parts.last().is_some_and(|p| p.month.is_none() && p.year.is_none()) && parts.len() > 1 {
        parts.pop();
    }
    parts
}

static AND: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\s+and\s+").unwrap());

/// On-site dates that may be split over visits ("5 to 9 December 2022 and 14 to 15 February
/// 2023"): each visit's (start, end), in order. Falls back to one range over the whole text.
pub fn parse_visits(s: &str) -> Vec<(Date, Date)> {
    let pieces: Vec<&str> = AND.split(s).collect();
    if pieces.len() > 1 {
        let visits: Option<Vec<_>> = pieces.iter().map(|p| parse_range(p)).collect();
        if let Some(v) = visits.filter(|v| v.windows(2).all(|w| w[0].1 <= w[1].0)) {
            return v;
        }
    }
    parse_range(s).into_iter().collect()
}

/// A single date such as "8 August 2014" or "8th August, 2014".
pub fn parse_date(s: &str) -> Option<Date> {
    let p = *parts(s).first()?;
    Date::new(p.year?, p.month?, p.day).ok()
}

/// An on-site range such as "22 April to 3 May 2024". Returns (start, end). A single date is
/// a range of one day. A start with no year takes the end's year, less one when its month
/// falls after the end's (a range across a year end).
pub fn parse_range(s: &str) -> Option<(Date, Date)> {
    let ps = parts(s);
    let (first, last) = match ps.as_slice() {
        [] => return None,
        [one] => (*one, *one),
        [first, .., last] => (*first, *last),
    };
    let end_month = last.month?;
    let end_year = last.year.or(first.year)?;
    let end = Date::new(end_year, end_month, last.day).ok()?;
    let start_month = first.month.unwrap_or(end_month);
    let start_year = first.year.unwrap_or(if start_month > end_month { end_year - 1 } else { end_year });
    let start = Date::new(start_year, start_month, first.day).ok()?;
    (start <= end).then_some((start, end))
}

static FILE_NAME_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d{1,2}\s+[a-z]+\s+\d{4})\s*(?:\.pdf)?\s*$").unwrap()
});

/// The date at the end of a reports-site file name, "<link text> - 19 november 2021.pdf".
pub fn date_in_file_name(name: &str) -> Option<Date> {
    let c = FILE_NAME_DATE.captures(name.trim())?;
    parse_date(&c[1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    #[test]
    fn every_range_format_in_the_domain_notes() {
        let cases = [
            ("11 to 15 September 2023", date(2023, 9, 11), date(2023, 9, 15)),
            ("22 April to 3 May 2024", date(2024, 4, 22), date(2024, 5, 3)),
            ("8 October 2018 to 19 October 2018", date(2018, 10, 8), date(2018, 10, 19)),
            ("14 – 22 July 2022", date(2022, 7, 14), date(2022, 7, 22)),
            ("19 November–30 November 2018", date(2018, 11, 19), date(2018, 11, 30)),
            ("2 June 2014 – 25 June 2014", date(2014, 6, 2), date(2014, 6, 25)),
            ("26 November to 7 December 2018", date(2018, 11, 26), date(2018, 12, 7)),
            ("28 December 2020 to 8 January 2021", date(2020, 12, 28), date(2021, 1, 8)),
            ("30 December to 10 January 2020", date(2019, 12, 30), date(2020, 1, 10)),
            ("6 to 10 Sept 2021", date(2021, 9, 6), date(2021, 9, 10)),
            ("12/09/2016 to 06/10/2016", date(2016, 9, 12), date(2016, 10, 6)),
            ("2 June 2014 – 25 June 2014 1", date(2014, 6, 2), date(2014, 6, 25)),
        ];
        for (text, start, end) in cases {
            assert_eq!(parse_range(text), Some((start, end)), "{text}");
        }
    }

    #[test]
    fn visits_split_by_and() {
        assert_eq!(
            parse_visits("5 to 9 December 2022 and 14 to 15 February 2023"),
            vec![(date(2022, 12, 5), date(2022, 12, 9)), (date(2023, 2, 14), date(2023, 2, 15))]
        );
        assert_eq!(
            parse_visits("19 November-11 December 2013 and 28 – 30 January 2014"),
            vec![(date(2013, 11, 19), date(2013, 12, 11)), (date(2014, 1, 28), date(2014, 1, 30))]
        );
        assert_eq!(parse_visits("11 to 15 September 2023"), vec![(date(2023, 9, 11), date(2023, 9, 15))]);
    }

    #[test]
    fn nonsense_is_not_a_range() {
        assert_eq!(parse_range("no dates here"), None);
        assert_eq!(parse_range("31 February 2020"), None);
        assert_eq!(parse_range("15 to 11 September 2023"), None);
    }

    #[test]
    fn file_name_dates() {
        assert_eq!(
            date_in_file_name("children's services inspection - 19 november 2021.pdf"),
            Some(date(2021, 11, 19))
        );
        assert_eq!(
            date_in_file_name("single inspection of la children's services as pdf - 10 february 2015.pdf"),
            Some(date(2015, 2, 10))
        );
        assert_eq!(date_in_file_name("report.pdf"), None);
    }

    proptest! {
        /// Any valid range written in the long form reads back as itself.
        #[test]
        fn long_form_ranges_round_trip(start_day in 0i32..4000, span in 0i64..20) {
            let start = date(2013, 1, 1) + jiff::Span::new().days(start_day);
            let end = start + jiff::Span::new().days(span);
            let m = |d: Date| MONTHS[d.month() as usize - 1];
            let text = format!("{} {} {} to {} {} {}", start.day(), m(start), start.year(), end.day(), m(end), end.year());
            prop_assert_eq!(parse_range(&text), Some((start, end)));
            let short = if start.year() == end.year() {
                format!("{} {} to {} {} {}", start.day(), m(start), end.day(), m(end), end.year())
            } else { text.clone() };
            prop_assert_eq!(parse_range(&short), Some((start, end)));
        }
    }
}
