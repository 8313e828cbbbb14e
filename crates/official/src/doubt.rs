//! Row doubts: cells the reader could not take at face value. One odd cell never refuses a
//! release; it is recorded here and the row is read without it.

/// What was odd about a cell, and so what became of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowDoubtKind {
    /// A date cell holds something that is not a date: the date is left empty.
    Date,
    /// A grade cell holds something that is not a grade: the grade is left empty.
    Grade,
    /// A URN, DfE LA number or GSS code cell holds something else: left empty.
    Identifier,
    /// A region cell names no Ofsted or ONS region: left empty.
    Region,
    /// A row of inspections with no inspection type: read with none (ungraded).
    Type,
    /// A row with data but no local authority name: skipped.
    NoLa,
    /// A row of a table of inspections naming an LA but nothing else: skipped.
    NoInspection,
}

impl RowDoubtKind {
    pub const ALL: [RowDoubtKind; 7] = [
        RowDoubtKind::Date,
        RowDoubtKind::Grade,
        RowDoubtKind::Identifier,
        RowDoubtKind::Region,
        RowDoubtKind::Type,
        RowDoubtKind::NoLa,
        RowDoubtKind::NoInspection,
    ];

    /// The stable word (as serialised and stored).
    pub const fn as_str(self) -> &'static str {
        match self {
            RowDoubtKind::Date => "date",
            RowDoubtKind::Grade => "grade",
            RowDoubtKind::Identifier => "identifier",
            RowDoubtKind::Region => "region",
            RowDoubtKind::Type => "type",
            RowDoubtKind::NoLa => "no_la",
            RowDoubtKind::NoInspection => "no_inspection",
        }
    }

    /// The kind a stable word names.
    pub fn from_word(word: &str) -> Option<RowDoubtKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == word)
    }

    /// True when the row was not read at all.
    pub const fn skips_row(self) -> bool {
        matches!(self, RowDoubtKind::NoLa | RowDoubtKind::NoInspection)
    }
}

impl std::fmt::Display for RowDoubtKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One odd cell of one row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RowDoubt {
    /// The workbook's file name.
    pub file: String,
    pub sheet: String,
    /// 1-based spreadsheet row.
    pub row: u32,
    /// The column's heading, on one line.
    pub column: String,
    /// The cell as shown (trimmed; "" for an empty cell).
    pub value: String,
    pub kind: RowDoubtKind,
    /// What is wrong and what the reader did, in plain words.
    pub reason: String,
}

impl std::fmt::Display for RowDoubt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: sheet \"{}\", row {}, column \"{}\": {:?}: {}",
            self.file, self.sheet, self.row, self.column, self.value, self.reason
        )
    }
}
