//! Parsing the crate's own data files into domain values. Every function here returns a typed
//! error naming the row (the file's line number, header = line 1) and the field; the lazily
//! built register in `lib.rs` turns such an error into a panic, which the crate's tests catch.

use lacs_domain::{Authority, AuthorityId, Date, OfstedRegion, OnsRegion};

use crate::neighbours::{Neighbour, NeighbourModel};

/// The columns of `data/authorities.csv`, in order.
pub const AUTHORITY_COLUMNS: [&str; 11] = [
    "urn",
    "la_code",
    "name",
    "aliases",
    "gss_codes",
    "ofsted_region",
    "ons_region",
    "start",
    "end",
    "predecessors",
    "successors",
];

/// The columns of `data/statistical_neighbours.csv`, in order.
pub const NEIGHBOUR_COLUMNS: [&str; 5] = ["model", "urn", "neighbour_urn", "rank", "closeness"];

/// The columns of `data/operators.csv`, in order.
pub const OPERATOR_COLUMNS: [&str; 6] = ["name", "urns", "start", "end", "source", "note"];

/// A data file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// The header row is not the expected one.
    #[error("header is {found:?}, expected {expected:?}")]
    Header {
        found: Vec<String>,
        expected: Vec<String>,
    },
    /// The CSV itself is malformed (quoting, wrong number of fields…).
    #[error("row {row}: {source}")]
    Csv {
        row: u64,
        #[source]
        source: csv::Error,
    },
    /// One field of one row holds a value that is not allowed there.
    #[error("row {row}, field `{field}`: {message} (value {value:?})")]
    Field {
        row: u64,
        field: &'static str,
        value: String,
        message: String,
    },
}

/// True for a well-formed English GSS code of an area that can be a children's services
/// authority or one of its districts: `E06` unitary, `E07` district, `E08` metropolitan
/// district, `E09` London borough, `E10` county, `E11` metropolitan county, `E13` inner/outer
/// London; then six digits.
pub fn is_gss_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 9
        && b[0] == b'E'
        && b[1..].iter().all(u8::is_ascii_digit)
        && matches!(&code[1..3], "06" | "07" | "08" | "09" | "10" | "11" | "13")
}

struct Row<'a> {
    line: u64,
    record: &'a csv::StringRecord,
    columns: &'static [&'static str],
}

impl Row<'_> {
    fn get(&self, field: &'static str) -> &str {
        let i = self
            .columns
            .iter()
            .position(|c| *c == field)
            .expect("known column");
        self.record.get(i).unwrap_or("")
    }

    fn err(&self, field: &'static str, value: &str, message: impl Into<String>) -> DataError {
        DataError::Field {
            row: self.line,
            field,
            value: value.to_string(),
            message: message.into(),
        }
    }

    fn required(&self, field: &'static str) -> Result<&str, DataError> {
        let v = self.get(field);
        if v.trim().is_empty() {
            return Err(self.err(field, v, "must not be empty"));
        }
        if v.trim() != v {
            return Err(self.err(field, v, "has leading or trailing spaces"));
        }
        Ok(v)
    }

    fn urn(&self, field: &'static str, v: &str) -> Result<AuthorityId, DataError> {
        match v.parse::<AuthorityId>() {
            Ok(n) if n > 0 && v.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
            _ => Err(self.err(field, v, "not a URN (a positive whole number)")),
        }
    }

    fn urns(&self, field: &'static str) -> Result<Vec<AuthorityId>, DataError> {
        let v = self.get(field);
        if v.is_empty() {
            return Ok(Vec::new());
        }
        v.split('|').map(|u| self.urn(field, u)).collect()
    }

    fn date(&self, field: &'static str, v: &str) -> Result<Date, DataError> {
        if v.len() != 10 {
            return Err(self.err(field, v, "not a yyyy-mm-dd date"));
        }
        v.parse::<Date>()
            .map_err(|e| self.err(field, v, format!("not a yyyy-mm-dd date: {e}")))
    }

    fn optional_date(&self, field: &'static str) -> Result<Option<Date>, DataError> {
        let v = self.get(field);
        if v.is_empty() {
            Ok(None)
        } else {
            self.date(field, v).map(Some)
        }
    }
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes())
}

fn check_header(rdr: &mut csv::Reader<&[u8]>, expected: &[&str]) -> Result<(), DataError> {
    let found = rdr
        .headers()
        .map_err(|source| DataError::Csv { row: 1, source })?;
    if found.iter().ne(expected.iter().copied()) {
        return Err(DataError::Header {
            found: found.iter().map(String::from).collect(),
            expected: expected.iter().map(|s| s.to_string()).collect(),
        });
    }
    Ok(())
}

fn records(
    text: &str,
    columns: &'static [&'static str],
) -> Result<Vec<(u64, csv::StringRecord)>, DataError> {
    let mut rdr = reader(text);
    check_header(&mut rdr, columns)?;
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|source| DataError::Csv {
            row: source.position().map_or(i as u64 + 2, |p| p.line()),
            source,
        })?;
        let line = rec.position().map_or(i as u64 + 2, |p| p.line());
        out.push((line, rec));
    }
    Ok(out)
}

/// Parses `data/authorities.csv` (see `data/README.md` for the format). Checks each row on
/// its own (field syntax, regions agree, GSS codes well-formed and dated in order, start
/// before end); the relations between rows are checked by the crate's tests.
pub fn parse_authorities(text: &str) -> Result<Vec<Authority>, DataError> {
    let mut out = Vec::new();
    for (line, record) in records(text, &AUTHORITY_COLUMNS)? {
        let row = Row {
            line,
            record: &record,
            columns: &AUTHORITY_COLUMNS,
        };

        let urn = row.urn("urn", row.required("urn")?)?;
        let la_code_s = row.required("la_code")?;
        if la_code_s.len() != 3 || !la_code_s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(row.err("la_code", la_code_s, "DfE LA number must be 3 digits"));
        }
        let la_code: u16 = la_code_s.parse().expect("3 digits");
        let name = row.required("name")?.to_string();

        let aliases_s = row.get("aliases");
        let aliases: Vec<String> = if aliases_s.is_empty() {
            Vec::new()
        } else {
            aliases_s.split('|').map(String::from).collect()
        };
        if let Some(bad) = aliases
            .iter()
            .find(|a| a.trim().is_empty() || a.trim() != a.as_str())
        {
            return Err(row.err(
                "aliases",
                aliases_s,
                format!("empty or space-padded alias {bad:?}"),
            ));
        }

        let gss_s = row.required("gss_codes")?;
        let mut gss_codes: Vec<(String, Option<Date>)> = Vec::new();
        for (i, item) in gss_s.split(';').enumerate() {
            let (code, from) = match item.split_once('@') {
                Some((c, d)) => (c, Some(row.date("gss_codes", d)?)),
                None => (item, None),
            };
            if !is_gss_code(code) {
                return Err(row.err(
                    "gss_codes",
                    gss_s,
                    format!("{code:?} is not an English GSS code"),
                ));
            }
            if i > 0 && from.is_none() {
                return Err(row.err("gss_codes", gss_s, "every code after the first needs @date"));
            }
            if let (Some((_, Some(prev))), Some(d)) = (gss_codes.last(), from) {
                if *prev >= d {
                    return Err(row.err("gss_codes", gss_s, "codes must be in date order"));
                }
            }
            gss_codes.push((code.to_string(), from));
        }

        let ofsted_s = row.required("ofsted_region")?;
        let ofsted_region: OfstedRegion = ofsted_s
            .parse()
            .map_err(|e| row.err("ofsted_region", ofsted_s, format!("{e}")))?;
        let ons_s = row.required("ons_region")?;
        let ons_region: OnsRegion = ons_s
            .parse()
            .map_err(|e| row.err("ons_region", ons_s, format!("{e}")))?;
        if ons_region.ofsted() != ofsted_region {
            return Err(row.err(
                "ofsted_region",
                ofsted_s,
                format!(
                    "ONS region {ons_region} lies in Ofsted region {}",
                    ons_region.ofsted()
                ),
            ));
        }

        let start = row.optional_date("start")?;
        let end = row.optional_date("end")?;
        if let (Some(s), Some(e)) = (start, end) {
            if s > e {
                return Err(row.err("end", row.get("end"), "ends before it starts"));
            }
        }
        let predecessors = row.urns("predecessors")?;
        let successors = row.urns("successors")?;
        if !successors.is_empty() && end.is_none() {
            return Err(row.err(
                "successors",
                row.get("successors"),
                "an LA with successors must end",
            ));
        }
        if !predecessors.is_empty() && start.is_none() {
            return Err(row.err(
                "predecessors",
                row.get("predecessors"),
                "an LA with predecessors must start",
            ));
        }

        out.push(Authority {
            urn,
            la_code,
            name,
            aliases,
            gss_codes,
            ofsted_region,
            ons_region,
            start,
            end,
            predecessors,
            successors,
        });
    }
    Ok(out)
}

/// One row of `data/statistical_neighbours.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeighbourRow {
    pub model: NeighbourModel,
    /// The LA whose neighbour this is.
    pub urn: AuthorityId,
    pub neighbour: Neighbour,
}

/// Parses `data/statistical_neighbours.csv`. Checks syntax only (model, URNs, rank 1 to 10,
/// a closeness band); that the URNs are known is checked by the crate's tests.
pub fn parse_neighbours(text: &str) -> Result<Vec<NeighbourRow>, DataError> {
    let mut out = Vec::new();
    for (line, record) in records(text, &NEIGHBOUR_COLUMNS)? {
        let row = Row {
            line,
            record: &record,
            columns: &NEIGHBOUR_COLUMNS,
        };
        let model_s = row.required("model")?;
        let model: NeighbourModel = model_s
            .parse()
            .map_err(|e: UnknownModel| row.err("model", model_s, e.to_string()))?;
        let urn = row.urn("urn", row.required("urn")?)?;
        let neighbour_urn = row.urn("neighbour_urn", row.required("neighbour_urn")?)?;
        if neighbour_urn == urn {
            return Err(row.err(
                "neighbour_urn",
                row.get("neighbour_urn"),
                "an LA is not its own neighbour",
            ));
        }
        let rank_s = row.required("rank")?;
        let rank = match rank_s.parse::<u8>() {
            Ok(r @ 1..=10) => r,
            _ => return Err(row.err("rank", rank_s, "rank must be 1 to 10")),
        };
        let closeness = row.required("closeness")?.to_string();
        out.push(NeighbourRow {
            model,
            urn,
            neighbour: Neighbour {
                urn: neighbour_urn,
                rank,
                closeness,
            },
        });
    }
    Ok(out)
}

/// A body that ran (or runs) the children's services of one or more LAs for a time — a
/// children's trust, a council-owned company, a shared service — as one row of
/// `data/operators.csv`. Its name is a dated alias of those LAs: valid from `start` to `end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    /// As the body writes it ("Slough Children First").
    pub name: String,
    /// The LAs it served over this period, by URN.
    pub urns: Vec<AuthorityId>,
    /// First day it served them. A date written to the month or year only ("2018-12") is
    /// the first day of that month or year.
    pub start: Date,
    /// Last day (`None`: still serving). A month or year is its last day ("2022-09" is 30
    /// September 2022).
    pub end: Option<Date>,
    /// Where the names and dates come from (addresses, `; `-separated).
    pub source: String,
    pub note: String,
}

impl Operator {
    /// True when the body served these LAs on `date`.
    pub fn serves_on(&self, date: Date) -> bool {
        self.start <= date && self.end.is_none_or(|e| date <= e)
    }
}

#[derive(Clone, Copy)]
enum Bound {
    First,
    Last,
}

/// "yyyy-mm-dd", "yyyy-mm" or "yyyy": the first or the last day it can mean.
fn period_date(v: &str, bound: Bound) -> Option<Date> {
    let parts: Vec<&str> = v.split('-').collect();
    let num = |s: &str, len: usize| -> Option<i16> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = num(parts.first()?, 4)?;
    let (month, day) = match parts.as_slice() {
        [_] => match bound {
            Bound::First => (1, Some(1)),
            Bound::Last => (12, Some(31)),
        },
        [_, m] => (num(m, 2)?, None),
        [_, m, d] => (num(m, 2)?, Some(num(d, 2)?)),
        _ => return None,
    };
    let month = i8::try_from(month).ok()?;
    match day {
        Some(d) => Date::new(year, month, i8::try_from(d).ok()?).ok(),
        None => {
            let first = Date::new(year, month, 1).ok()?;
            match bound {
                Bound::First => Some(first),
                Bound::Last => Some(first.last_of_month()),
            }
        }
    }
}

/// Parses `data/operators.csv` (see `data/README.md`). Checks each row on its own (a name,
/// URNs, dates written `yyyy-mm-dd`, `yyyy-mm` or `yyyy` with start before end, a source);
/// that the URNs are known, that the LAs existed then and that rows do not conflict is
/// checked by the crate's tests.
pub fn parse_operators(text: &str) -> Result<Vec<Operator>, DataError> {
    let mut out = Vec::new();
    for (line, record) in records(text, &OPERATOR_COLUMNS)? {
        let row = Row {
            line,
            record: &record,
            columns: &OPERATOR_COLUMNS,
        };
        let name = row.required("name")?.to_string();
        let urns = row.urns("urns")?;
        if urns.is_empty() {
            return Err(row.err("urns", "", "must name at least one LA"));
        }
        let date = |field: &'static str, bound: Bound| -> Result<Option<Date>, DataError> {
            let v = row.get(field);
            if v.is_empty() {
                return Ok(None);
            }
            period_date(v, bound)
                .map(Some)
                .ok_or_else(|| row.err(field, v, "not a yyyy-mm-dd, yyyy-mm or yyyy date"))
        };
        let start = match date("start", Bound::First)? {
            Some(d) => d,
            None => return Err(row.err("start", "", "must not be empty")),
        };
        let end = date("end", Bound::Last)?;
        if end.is_some_and(|e| e < start) {
            return Err(row.err("end", row.get("end"), "ends before it starts"));
        }
        let source = row.required("source")?.to_string();
        out.push(Operator {
            name,
            urns,
            start,
            end,
            source,
            note: row.get("note").to_string(),
        });
    }
    Ok(out)
}

pub use crate::neighbours::UnknownModel;

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "urn,la_code,name,aliases,gss_codes,ofsted_region,ons_region,start,end,predecessors,successors\n";

    fn one(row: &str) -> Result<Vec<Authority>, DataError> {
        parse_authorities(&format!("{HEADER}{row}\n"))
    }

    fn field_error(row: &str) -> (u64, &'static str) {
        match one(row) {
            Err(DataError::Field { row, field, .. }) => (row, field),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn a_good_row_parses() {
        let v = one("80442,825,Buckinghamshire,Bucks,E10000002;E06000060@2020-04-01,South East,South East,,,,")
            .unwrap();
        assert_eq!(v[0].gss_codes.len(), 2);
        assert_eq!(v[0].aliases, ["Bucks"]);
        assert_eq!(v[0].gss_code(), Some("E06000060"));
    }

    #[test]
    fn errors_name_row_and_field() {
        let good = "80442,825,Buckinghamshire,,E06000060,South East,South East,,,,";
        assert!(one(good).is_ok());
        assert_eq!(
            field_error("x,825,B,,E06000060,South East,South East,,,,"),
            (2, "urn")
        );
        assert_eq!(
            field_error("1,82,B,,E06000060,South East,South East,,,,"),
            (2, "la_code")
        );
        assert_eq!(
            field_error("1,825,,,E06000060,South East,South East,,,,"),
            (2, "name")
        );
        assert_eq!(
            field_error("1,825,B,,W06000060,South East,South East,,,,"),
            (2, "gss_codes")
        );
        assert_eq!(
            field_error("1,825,B,,E06000060;E06000061,South East,South East,,,,"),
            (2, "gss_codes")
        );
        assert_eq!(
            field_error("1,825,B,,E06000060,London,South East,,,,"),
            (2, "ofsted_region")
        );
        assert_eq!(
            field_error("1,825,B,,E06000060,South East,Wessex,,,,"),
            (2, "ons_region")
        );
        assert_eq!(
            field_error("1,825,B,,E06000060,South East,South East,2020-13-01,,,"),
            (2, "start")
        );
        assert_eq!(
            field_error("1,825,B,,E06000060,South East,South East,2020-04-01,2019-01-01,,"),
            (2, "end")
        );
        assert_eq!(
            field_error("1,825,B,,E06000060,South East,South East,,2019-01-01,,x"),
            (2, "successors")
        );
        assert_eq!(
            field_error("1,825,B,a||b,E06000060,South East,South East,,,,"),
            (2, "aliases")
        );
        // the row number is the file's line number
        let text =
            format!("{HEADER}{good}\n{good}\n1,825,B,,E06000060,South East,South East,,,,x\n");
        match parse_authorities(&text) {
            Err(
                e @ DataError::Field {
                    row: 4,
                    field: "successors",
                    ..
                },
            ) => {
                assert!(
                    e.to_string().starts_with("row 4, field `successors`"),
                    "{e}"
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn wrong_header_and_ragged_rows_are_errors() {
        assert!(matches!(
            parse_authorities("urn,name\n1,B\n"),
            Err(DataError::Header { .. })
        ));
        assert!(matches!(one("1,825,B"), Err(DataError::Csv { row: 2, .. })));
    }

    #[test]
    fn neighbour_rows() {
        let h = "model,urn,neighbour_urn,rank,closeness\n";
        let ok = parse_neighbours(&format!("{h}2025,1,2,1,Very close\n")).unwrap();
        assert_eq!(ok[0].model, NeighbourModel::Y2025);
        assert_eq!(ok[0].neighbour.closeness, "Very close");
        for (row, field) in [
            ("2024,1,2,1,Close", "model"),
            ("2021,1,1,1,Close", "neighbour_urn"),
            ("2021,1,2,11,Close", "rank"),
            ("2021,1,2,1,", "closeness"),
        ] {
            match parse_neighbours(&format!("{h}{row}\n")) {
                Err(DataError::Field {
                    row: 2, field: f, ..
                }) => assert_eq!(f, field),
                other => panic!("{row}: {other:?}"),
            }
        }
    }

    #[test]
    fn gss_syntax() {
        for ok in [
            "E06000060",
            "E08000038",
            "E09000001",
            "E10000002",
            "E11000001",
            "E13000001",
        ] {
            assert!(is_gss_code(ok), "{ok}");
        }
        for bad in [
            "E0600006",
            "E060000600",
            "W06000001",
            "E12000001",
            "e06000060",
            "E0600006X",
        ] {
            assert!(!is_gss_code(bad), "{bad}");
        }
    }
}
