//! The rows the register's two sources give: a report as stored, a row of Ofsted's official
//! statistics, and a cell of those statistics that could not be taken at face value. The store
//! keeps them, `lacs-official` makes official rows and row doubts, `lacs-reconcile` joins them:
//! they live here so that none of those crates needs another for its types.

use crate::{Date, Framework, Judgement, JudgementSet, Kind, PublishedSource};
use serde::{Deserialize, Serialize};

/// One report of the register, as read from its PDF and stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRow {
    /// The store's document id: names the document in matches and disagreements (an
    /// event's id is [`crate::event_id`], not this).
    pub document_id: i64,
    pub sha256: String,
    /// The file the report was read from, as stored (`<urn>_<name>/<link text> - <date>.pdf`).
    pub source_file: String,
    /// What the document is (re-inspection status already decided by the store).
    pub kind: Kind,
    /// The LA, when the store could tell.
    pub urn: Option<u32>,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    /// The publication date the store holds: printed in the report, else the file name's.
    pub published: Option<Date>,
    pub published_source: Option<PublishedSource>,
    /// The judgements the report printed (as a person answered them, where one did).
    pub grades: JudgementSet,
    /// Judgements whose grade waits for review (a doubt on it stands): not the event's grade;
    /// the official record's is used where it has one. Disagreements still compare them.
    #[serde(default)]
    pub withheld: Vec<Judgement>,
    /// The store sent the document to review. It changes no other rule; its disagreements
    /// say so in their note.
    pub needs_review: bool,
}

/// One inspection or visit listed in one of Ofsted's official statistics files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialRow {
    /// The store's id of the row; 0 before storing (`lacs_reconcile::reconcile` says how
    /// rows are then known).
    pub id: i64,
    /// The workbook's file name.
    pub source: String,
    pub sheet: String,
    /// 1-based row in the sheet. A wide history sheet lists all of an LA's inspections on
    /// one row, so (source, sheet, row) alone does not name one inspection.
    pub row: u32,
    /// The LA, as resolved from the row's codes and name; `None` when it could not be.
    pub urn: Option<u32>,
    /// The LA's name as printed.
    pub la_name: String,
    /// The kind where the file says it; `None` for focused and monitoring visits and the
    /// frameworks the domain does not model (SLAC, child protection inspections 2009–13).
    pub kind: Option<Kind>,
    pub framework: Option<Framework>,
    /// The type as printed ("ILACS Focused Visit", "LA Monitoring visit", …).
    pub event_type: String,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    pub published: Option<Date>,
    pub grades: JudgementSet,
    /// The web link's target, as printed.
    pub link: Option<String>,
    /// A focused or monitoring visit's theme, as printed ("Front door"). Not kept by the
    /// store yet (its `official_rows` table has no column for it): rows read back from a
    /// register have none.
    #[serde(default)]
    pub visit_theme: Option<String>,
}

impl OfficialRow {
    /// "file / sheet / row", as in [`crate::EventSources::official`].
    pub fn provenance(&self) -> String {
        format!("{} / {} / {}", self.source, self.sheet, self.row)
    }

    /// True for SIF, SIF re-inspection, ILACS standard and short inspections.
    pub fn is_graded(&self) -> bool {
        self.kind.is_some_and(Kind::is_graded_event)
    }
}

/// What was odd about a cell of an official release, and so what became of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

crate::vocabulary!(RowDoubtKind, "row doubt kind", [
    (Date, "date"),
    (Grade, "grade"),
    (Identifier, "identifier"),
    (Region, "region"),
    (Type, "type"),
    (NoLa, "no_la"),
    (NoInspection, "no_inspection"),
]);

impl RowDoubtKind {
    /// The kind a stable word names.
    pub fn from_word(word: &str) -> Option<RowDoubtKind> {
        word.parse().ok()
    }

    /// True when the row was not read at all.
    pub const fn skips_row(self) -> bool {
        matches!(self, RowDoubtKind::NoLa | RowDoubtKind::NoInspection)
    }
}

/// One odd cell of one row of an official release: recorded, and the row read without it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_doubt_kinds_round_trip_their_words() {
        for k in RowDoubtKind::ALL {
            assert_eq!(RowDoubtKind::from_word(k.as_str()), Some(*k));
        }
        assert!(RowDoubtKind::NoLa.skips_row() && !RowDoubtKind::Date.skips_row());
    }
}
