//! Downloads: each view as a flat table written as CSV or XLSX (and as JSON, the API's shape).
//! Both files say the same thing in the same words, as the page does: headers as people read
//! them ("Local authority", "Inspection start"), grades and kinds as the page labels them
//! ("Requires improvement"), numbers as numbers, yes/no as booleans (XLSX boolean cells; CSV
//! `true`/`false`) and dates as dates (XLSX date cells shown yyyy-mm-dd; CSV yyyy-mm-dd).
//! `lacs export` keeps the register's stable words for machines.

use axum::body::Bytes;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use lacs_domain::{Date, Grade};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::error::AppError;

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number with a fraction (per cents, to one decimal); `None`: nothing to divide.
    Number(Option<f64>),
    Bool(bool),
    Date(Option<Date>),
    Grade(Option<Grade>),
}

impl Cell {
    /// A share of a whole in per cent, to one decimal place; empty when the whole is 0.
    pub fn percent(part: usize, whole: usize) -> Cell {
        Cell::Number((whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0))
    }

    /// The cell as CSV writes it (and as a test reads an XLSX cell back).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Number(x) => x.map_or(String::new(), |x| x.to_string()),
            Cell::Bool(b) => b.to_string(),
            Cell::Date(d) => d.map_or(String::new(), |d| d.to_string()),
            Cell::Grade(g) => g.map_or("", |g| g.label()).to_string(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}
impl From<bool> for Cell {
    fn from(b: bool) -> Cell {
        Cell::Bool(b)
    }
}
impl From<Option<Date>> for Cell {
    fn from(d: Option<Date>) -> Cell {
        Cell::Date(d)
    }
}
impl From<Date> for Cell {
    fn from(d: Date) -> Cell {
        Cell::Date(Some(d))
    }
}
impl From<Option<Grade>> for Cell {
    fn from(g: Option<Grade>) -> Cell {
        Cell::Grade(g)
    }
}
impl From<Grade> for Cell {
    fn from(g: Grade) -> Cell {
        Cell::Grade(Some(g))
    }
}
impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Int(n as i64)
    }
}
impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}
impl From<Option<i64>> for Cell {
    fn from(n: Option<i64>) -> Cell {
        n.map_or(Cell::Text(String::new()), Cell::Int)
    }
}
impl From<u16> for Cell {
    fn from(n: u16) -> Cell {
        Cell::Int(n.into())
    }
}
impl From<u32> for Cell {
    fn from(n: u32) -> Cell {
        Cell::Int(n.into())
    }
}
impl From<Option<u32>> for Cell {
    fn from(n: Option<u32>) -> Cell {
        n.map_or(Cell::Text(String::new()), |n| Cell::Int(n.into()))
    }
}
impl From<Option<&str>> for Cell {
    fn from(s: Option<&str>) -> Cell {
        Cell::Text(s.unwrap_or("").to_string())
    }
}

/// A flat table of one view.
#[derive(Debug, Clone)]
pub struct Table {
    /// The worksheet's name (31 characters at most).
    pub sheet: &'static str,
    /// The file name without extension.
    pub file: String,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    /// Lines for the XLSX's "About" sheet: what the table is and how it was counted.
    pub about: Vec<(String, String)>,
}

impl Table {
    pub fn new(sheet: &'static str, file: impl Into<String>, columns: &[&'static str]) -> Table {
        Table { sheet, file: file.into(), columns: columns.to_vec(), rows: Vec::new(), about: Vec::new() }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    pub fn about(mut self, what: &str, text: impl Into<String>) -> Table {
        self.about.push((what.to_string(), text.into()));
        self
    }

    pub fn to_csv(&self) -> Result<Vec<u8>, AppError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let err = |e: csv::Error| AppError::internal(format!("writing CSV: {e}"));
        w.write_record(&self.columns).map_err(err)?;
        for r in &self.rows {
            w.write_record(r.iter().map(Cell::text)).map_err(err)?;
        }
        w.into_inner().map_err(|e| AppError::internal(format!("writing CSV: {e}")))
    }

    pub fn to_xlsx(&self) -> Result<Vec<u8>, AppError> {
        let err = |e: rust_xlsxwriter::XlsxError| AppError::internal(format!("writing XLSX: {e}"));
        let mut wb = Workbook::new();
        let bold = Format::new().set_bold();
        let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
        let ws = wb.add_worksheet();
        ws.set_name(self.sheet).map_err(err)?;
        let mut widths: Vec<usize> = self.columns.iter().map(|c| c.len() + 3).collect();
        for (c, name) in self.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *name, &bold).map_err(err)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = (r + 1) as u32;
            for (c, cell) in row.iter().enumerate() {
                let c16 = c as u16;
                let len = match cell {
                    Cell::Text(s) if s.is_empty() => 0,
                    Cell::Text(s) => {
                        ws.write_string(r, c16, s.as_str()).map_err(err)?;
                        s.chars().count()
                    }
                    Cell::Int(n) => {
                        ws.write_number(r, c16, *n as f64).map_err(err)?;
                        n.to_string().len()
                    }
                    Cell::Number(Some(x)) => {
                        ws.write_number(r, c16, *x).map_err(err)?;
                        x.to_string().len()
                    }
                    Cell::Bool(b) => {
                        ws.write_boolean(r, c16, *b).map_err(err)?;
                        5
                    }
                    Cell::Date(Some(d)) => {
                        match ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8) {
                            Ok(x) => ws.write_datetime_with_format(r, c16, &x, &date_fmt).map_err(err)?,
                            Err(_) => ws.write_string(r, c16, d.to_string()).map_err(err)?,
                        };
                        10
                    }
                    Cell::Grade(Some(g)) => {
                        ws.write_string(r, c16, g.label()).map_err(err)?;
                        g.label().len()
                    }
                    Cell::Number(None) | Cell::Date(None) | Cell::Grade(None) => 0,
                };
                widths[c] = widths[c].max(len);
            }
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
        ws.autofilter(0, 0, self.rows.len() as u32, self.columns.len().saturating_sub(1) as u16).map_err(err)?;
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w).min(50) as f64 + 1.0).map_err(err)?;
        }
        if !self.about.is_empty() {
            let about = wb.add_worksheet();
            about.set_name("About").map_err(err)?;
            about.write_string_with_format(0, 0, "Detail", &bold).map_err(err)?;
            about.write_string_with_format(0, 1, "Value", &bold).map_err(err)?;
            let wrap = Format::new().set_text_wrap();
            for (i, (k, v)) in self.about.iter().enumerate() {
                about.write_string(i as u32 + 1, 0, k.as_str()).map_err(err)?;
                about.write_string_with_format(i as u32 + 1, 1, v.as_str(), &wrap).map_err(err)?;
            }
            about.set_column_width(0, 24).map_err(err)?;
            about.set_column_width(1, 100).map_err(err)?;
        }
        wb.save_to_buffer().map_err(err)
    }
}

/// A change's category as the changes page names it.
pub fn change_label(c: lacs_analysis::ChangeCategory) -> &'static str {
    use lacs_analysis::ChangeCategory::*;
    match c {
        Improved => "Improved",
        KeptGoodOrOutstanding => "Kept good or outstanding",
        Declined => "Declined",
        StayedBelowGood => "Stayed below good",
    }
}

/// Where an event is known from (`InspectionView::source`), in words.
pub fn source_label(source: &str) -> &str {
    match source {
        "report+official" => "Report and official statistics",
        "report" => "Report",
        "official" => "Official statistics",
        other => other,
    }
}

/// Whether the official record agrees with a judgement (`JudgementDetail::official`), in words.
pub fn official_label(official: &str) -> &str {
    match official {
        "agrees" => "Agrees",
        "differs" => "Differs",
        "not_listed" => "Not listed",
        other => other,
    }
}

/// A file download.
pub fn attachment(content_type: &'static str, file_name: &str, body: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", file_name.replace(['"', '\\', '\r', '\n'], "_"));
    ([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, disposition)], Bytes::from(body))
        .into_response()
}

pub const CSV: &str = "text/csv; charset=utf-8";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const JSON: &str = "application/json";

/// The formats a download comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format3 {
    Csv,
    Xlsx,
    Json,
}

/// "stats.csv" → ("stats", Csv).
pub fn split_file(file: &str) -> Option<(&str, Format3)> {
    let (stem, ext) = file.rsplit_once('.')?;
    let f = match ext {
        "csv" => Format3::Csv,
        "xlsx" => Format3::Xlsx,
        "json" => Format3::Json,
        _ => return None,
    };
    Some((stem, f))
}

/// Answers a download in the asked format: the table for CSV and XLSX, the API's value for
/// JSON.
pub fn respond<T: serde::Serialize>(format: Format3, table: Table, value: &T) -> Result<Response, AppError> {
    Ok(match format {
        Format3::Csv => attachment(CSV, &format!("{}.csv", table.file), table.to_csv()?),
        Format3::Xlsx => attachment(XLSX, &format!("{}.xlsx", table.file), table.to_xlsx()?),
        Format3::Json => {
            let mut body = serde_json::to_vec_pretty(value).map_err(|e| AppError::internal(e.to_string()))?;
            body.push(b'\n');
            attachment(JSON, &format!("{}.json", table.file), body)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_and_xlsx_from_one_table() {
        let mut t = Table::new("LAs", "las", &["Local authority", "Grade", "Published", "Inspected", "Per cent", "Count"]);
        t.push(vec![
            "Barnsley, \"x\"".into(),
            Some(Grade::RequiresImprovement).into(),
            Some("2024-03-31".parse::<Date>().unwrap()).into(),
            true.into(),
            Cell::percent(1, 3),
            3usize.into(),
        ]);
        t.push(vec!["Kent".into(), None::<Grade>.into(), None::<Date>.into(), false.into(), Cell::percent(0, 0), 0usize.into()]);
        let csv = String::from_utf8(t.to_csv().unwrap()).unwrap();
        assert_eq!(
            csv,
            "Local authority,Grade,Published,Inspected,Per cent,Count\n\"Barnsley, \"\"x\"\"\",Requires improvement,2024-03-31,true,33.3,3\nKent,,,false,,0\n"
        );
        let xlsx = t.about("as at", "today").to_xlsx().unwrap();
        assert_eq!(&xlsx[..2], b"PK");
        assert_eq!(split_file("stats.csv").unwrap(), ("stats", Format3::Csv));
        assert!(split_file("stats.exe").is_none());
    }
}
