//! Tables in worksheets: typed cells from any `Serialize` row, a bold frozen header,
//! an autofilter and column widths from the content; and saving a workbook atomically.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use lacs_domain::{Date, Grade, Kind};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use serde::Serialize;
use serde_json::Value;

use crate::ExportError;

/// How a column's values are written to a worksheet (CSV and JSON write them as serde does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellType {
    /// A string as it is.
    Text,
    /// A number cell.
    Number,
    /// A real Excel date (formatted `yyyy-mm-dd`) from a `yyyy-mm-dd` value.
    Date,
    /// A grade's stable word written as its label ("requires_improvement" → "Requires
    /// improvement").
    Grade,
    /// A kind's stable word written as its label ("ilacs_short" → "ILACS short inspection").
    Kind,
    /// A stable word with underscores written as spaces ("first_inspection" → "first
    /// inspection").
    Words,
    /// A fraction (0.25) written as a number formatted as a percentage (25.0%).
    Percent,
}

/// One column of an export: its name (CSV header, JSON key, worksheet header), how its cells
/// are written in a worksheet, and what it means (the crate docs and the Notes sheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub cell: CellType,
    pub meaning: &'static str,
}

impl Column {
    pub const fn new(name: &'static str, cell: CellType, meaning: &'static str) -> Self {
        Column {
            name,
            cell,
            meaning,
        }
    }
}

/// The cell formats every sheet shares.
pub(crate) struct Formats {
    pub header: Format,
    pub date: Format,
    pub percent: Format,
    pub wrap: Format,
}

impl Formats {
    pub fn new() -> Self {
        Formats {
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            percent: Format::new().set_num_format("0.0%"),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

/// Widest column, in characters.
pub(crate) const MAX_WIDTH: usize = 50;
/// Room for the autofilter's drop-down button beside a header.
const FILTER_BUTTON: usize = 3;
/// Excel's longest string in a cell.
const MAX_CELL_CHARS: usize = 32_767;

pub(crate) fn xlsx_date(d: Date) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

fn clip(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Writes `rows` as a table on `ws` named `name`: a bold header row of the column names,
/// frozen, with an autofilter over the table; one row per value, each cell typed by its
/// column; widths from the longest content, capped at [`MAX_WIDTH`].
pub(crate) fn write_table<T: Serialize>(
    ws: &mut Worksheet,
    name: &str,
    columns: &[Column],
    rows: &[T],
    f: &Formats,
) -> Result<(), ExportError> {
    ws.set_name(name)?;
    let mut widths: Vec<usize> = columns
        .iter()
        .map(|c| c.name.chars().count() + FILTER_BUTTON)
        .collect();
    for (c, col) in columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, col.name, &f.header)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| ExportError::TooManyRows(name.to_string()))?;
        let value = serde_json::to_value(row)?;
        for (c, col) in columns.iter().enumerate() {
            let v = value.get(col.name).unwrap_or(&Value::Null);
            let len = write_cell(ws, r, c as u16, col.cell, v, f)?;
            widths[c] = widths[c].max(len);
        }
    }
    let last_row = rows.len() as u32;
    let last_col = columns.len().saturating_sub(1) as u16;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row, last_col)?;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).min(MAX_WIDTH) as f64 + 1.0)?;
    }
    Ok(())
}

/// Writes one value; returns its width in characters (0 for a blank).
fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: CellType,
    v: &Value,
    f: &Formats,
) -> Result<usize, ExportError> {
    let text = |ws: &mut Worksheet, s: &str| -> Result<usize, ExportError> {
        let s = clip(s);
        ws.write_string(r, c, s)?;
        Ok(s.chars().count())
    };
    match (cell, v) {
        (_, Value::Null) => Ok(0),
        (CellType::Number, Value::Number(n)) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            ws.write_number(r, c, x)?;
            Ok(n.to_string().len())
        }
        (CellType::Percent, Value::Number(n)) => {
            ws.write_number_with_format(r, c, n.as_f64().unwrap_or(f64::NAN), &f.percent)?;
            Ok("100.0%".len())
        }
        (CellType::Date, Value::String(s)) => match s.parse::<Date>().ok().and_then(xlsx_date) {
            Some(d) => {
                ws.write_datetime_with_format(r, c, d, &f.date)?;
                Ok("yyyy-mm-dd".len())
            }
            None => text(ws, s),
        },
        (CellType::Grade, Value::String(s)) => match s.parse::<Grade>() {
            Ok(g) => text(ws, g.label()),
            Err(_) => text(ws, s),
        },
        (CellType::Kind, Value::String(s)) => match s.parse::<Kind>() {
            Ok(k) => text(ws, k.label()),
            Err(_) => text(ws, &s.replace('_', " ")),
        },
        (CellType::Words, Value::String(s)) => text(ws, &s.replace('_', " ")),
        (_, Value::String(s)) => text(ws, s),
        (_, Value::Number(n)) => {
            ws.write_number(r, c, n.as_f64().unwrap_or(f64::NAN))?;
            Ok(n.to_string().len())
        }
        (_, Value::Bool(b)) => text(ws, if *b { "yes" } else { "no" }),
        (_, other) => text(ws, &other.to_string()),
    }
}

/// Saves `wb` to `path` through a temporary file in the same directory, renamed into place
/// once complete (so `path` holds either its old content or the whole new workbook).
pub(crate) fn save_atomically(wb: &mut Workbook, path: &Path) -> Result<(), ExportError> {
    let bytes = wb.save_to_buffer()?;
    write_atomically(path, &bytes)
}

/// Writes `bytes` to a temporary file next to `path`, syncs it and renames it to `path`; the
/// temporary file is removed on failure.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let io = |source| ExportError::Io {
        path: Some(path.to_path_buf()),
        source,
    };
    let file_name = path.file_name().ok_or_else(|| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "no file name",
        ))
    })?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(
        ".{}.{}-{}.partial",
        file_name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = std::fs::File::create_new(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(())
}
