/// Why a workbook could not be read. Every variant names the file, and those about a table
/// the sheet. A cell never stops a read: it is a [`crate::RowDoubt`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OfficialError {
    /// The file could not be opened as a spreadsheet (ODS, XLSX, XLS, XLSB).
    #[error("{file}: cannot open as a spreadsheet: {message}")]
    Open { file: String, message: String },

    /// A sheet could not be read.
    #[error("{file}: cannot read sheet \"{sheet}\": {message}")]
    Sheet {
        file: String,
        sheet: String,
        message: String,
    },

    /// No sheet holds a table of LA inspections.
    #[error(
        "{file}: no sheet with a column headed \"{heading}\" next to a judgement column such as \
         \"Overall effectiveness\" (looked in: {looked_in})"
    )]
    NoTable {
        file: String,
        heading: String,
        looked_in: String,
    },

    /// A sheet holds a table of LA inspections but lacks a column it needs.
    #[error(
        "{file}: sheet \"{sheet}\", heading row {row}: no column headed \"{heading}\" \
         ({why}; accepted spellings: {}; headings found: {found})",
        quoted(accepted)
    )]
    MissingColumn {
        file: String,
        sheet: String,
        row: u32,
        heading: &'static str,
        why: &'static str,
        accepted: &'static [&'static str],
        found: String,
    },

    /// A heading that looks like inspection data but is not one this reader knows; reading on
    /// would silently drop a date or a judgement.
    #[error(
        "{file}: sheet \"{sheet}\", heading row {row}: column {column} is headed \"{heading}\", \
         which looks like inspection data but is not a heading this reader knows"
    )]
    UnknownColumn {
        file: String,
        sheet: String,
        row: u32,
        column: String,
        heading: String,
    },
}

fn quoted(xs: &[&str]) -> String {
    xs.iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
