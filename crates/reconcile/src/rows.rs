//! The two kinds of input row, and the conversion of Ofsted's official files into rows.

use lacs_domain::{Date, Framework, JudgementSet, Kind, PublishedSource};
use lacs_official::{OfficialData, OfficialEvent};
use serde::{Deserialize, Serialize};

/// One report of the register, as read from its PDF and stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRow {
    /// The store's document id (positive; becomes the event's id).
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
    pub withheld: Vec<lacs_domain::Judgement>,
    /// The store sent the document to review. It changes no other rule; its disagreements
    /// say so in their note.
    pub needs_review: bool,
}

/// One inspection or visit listed in one of Ofsted's official statistics files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialRow {
    /// The store's id of the row; 0 before storing (see [`crate::reconcile`] for how ids are
    /// then assigned).
    pub id: i64,
    /// The workbook's file name.
    pub source: String,
    pub sheet: String,
    /// 1-based row in the sheet. A wide history sheet lists all of an LA's inspections on
    /// one row, so (source, sheet, row) alone does not name one inspection.
    pub row: u32,
    /// The LA, resolved by [`resolve_official_urn`]; `None` when it could not be.
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
}

impl OfficialRow {
    /// "file / sheet / row", as in [`lacs_domain::EventSources::official`].
    pub fn provenance(&self) -> String {
        format!("{} / {} / {}", self.source, self.sheet, self.row)
    }

    /// True for SIF, SIF re-inspection, ILACS standard and short inspections.
    pub fn is_graded(&self) -> bool {
        self.kind.is_some_and(Kind::is_graded_event)
    }
}

/// The LA an official row names, as an Ofsted URN. Keys are tried from the most to the
/// least reliable: the GSS code, then the name as it stood on the event's date (publication,
/// else inspection start: "Dorset" in 2016 is the county council), then the URN and then the
/// DfE number of the web link. The links come last because they are the least reliable: the
/// 2025 file links abolished LAs to their successors' pages, City of London to Islington's
/// and North Northamptonshire to West Northamptonshire's number.
pub fn resolve_official_urn(e: &OfficialEvent) -> Option<u32> {
    let on = e.published.or(e.inspection_start);
    e.gss_code
        .as_deref()
        .and_then(lacs_authorities::by_gss)
        .or_else(|| lacs_authorities::by_name(&e.la_name, on))
        .or_else(|| e.urn.and_then(lacs_authorities::by_urn))
        .or_else(|| e.la_code.and_then(lacs_authorities::by_la_code))
        .map(|a| a.urn)
}

/// Every event of one workbook as a row (graded inspections, ungraded visits and the older
/// frameworks alike), in the workbook's order, with its LA resolved; a row whose LA cannot be
/// resolved keeps `urn: None` for the caller to report. Ids are 0.
pub fn official_rows(data: &OfficialData) -> Vec<OfficialRow> {
    data.events
        .iter()
        .map(|e| OfficialRow {
            id: 0,
            source: data.source.clone(),
            sheet: e.sheet.clone(),
            row: e.row,
            urn: resolve_official_urn(e),
            la_name: e.la_name.clone(),
            kind: e.kind,
            framework: e.framework,
            event_type: e.event_type.clone(),
            inspection_start: e.inspection_start,
            inspection_end: e.inspection_end,
            published: e.published,
            grades: e.grades,
            link: e.link.clone(),
        })
        .collect()
}

/// The human word for an event's type: from its kind when known ("SIF", "SIF re-inspection",
/// "ILACS standard", "ILACS short", "2013 LAC inspection", "LSCB review", "Report awaiting
/// review" for a document of unknown kind), else from the
/// official file's type text ("Focused visit", "Monitoring visit", "SLAC inspection",
/// "Child protection inspection", …; an unrecognised text is returned trimmed).
pub fn event_type_label(kind: Option<Kind>, official_type: Option<&str>) -> String {
    if let Some(k) = kind {
        return kind_label(k).to_string();
    }
    let Some(text) = official_type else {
        return "Unknown".to_string();
    };
    let t = text.to_lowercase();
    let has = |s: &str| t.contains(s);
    let word = if has("focused visit") {
        "Focused visit"
    } else if has("monitoring visit") {
        "Monitoring visit"
    } else if has("slac re-inspection") && has("safeguarding") {
        "SLAC re-inspection (safeguarding)"
    } else if has("slac re-inspection") {
        "SLAC re-inspection (looked after children)"
    } else if has("slac") {
        "SLAC inspection"
    } else if has("child protection re-inspection") || has("(cpri)") {
        "Child protection re-inspection"
    } else if has("child protection inspection") || has("(cpi)") {
        "Child protection inspection"
    } else if has("tlac") || has("targeted looked after") {
        kind_label(Kind::Lac2013)
    } else if has("re-inspection") && has("sif") {
        kind_label(Kind::SifReinspection)
    } else if has("sif") {
        kind_label(Kind::Sif)
    } else if has("ilacs standard") {
        kind_label(Kind::IlacsStandard)
    } else if has("ilacs short") {
        kind_label(Kind::IlacsShort)
    } else if has("lscb") {
        kind_label(Kind::LscbReview)
    } else {
        return text.trim().to_string();
    };
    word.to_string()
}

fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Sif => "SIF",
        Kind::SifReinspection => "SIF re-inspection",
        Kind::IlacsStandard => "ILACS standard",
        Kind::IlacsShort => "ILACS short",
        Kind::Lac2013 => "2013 LAC inspection",
        Kind::LscbReview => "LSCB review",
        Kind::NotAReport => "Not a report",
        // only a report kept for review makes an event of this kind
        Kind::Unknown => "Report awaiting review",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_from_the_files_type_texts() {
        let l = |t: &str| event_type_label(None, Some(t));
        assert_eq!(l("ILACS Focused Visit"), "Focused visit");
        assert_eq!(l("LA Monitoring visit"), "Monitoring visit");
        assert_eq!(l("ILACS Standard Inspection"), "ILACS standard");
        assert_eq!(l("ILACS Short Inspection"), "ILACS short");
        assert_eq!(
            l("Single Inspection of LA Children's Services (SIF) First SIF"),
            "SIF"
        );
        assert_eq!(
            l("Single Inspection of LA Children's Services (SIF) SIF Re-inspection"),
            "SIF re-inspection"
        );
        assert_eq!(
            l("Targeted Looked After Children (TLAC) inspection"),
            "2013 LAC inspection"
        );
        assert_eq!(
            l("Safeguarding & Looked After Children (SLAC) Inspection"),
            "SLAC inspection"
        );
        assert_eq!(
            l("SLAC re-inspection of Safeguarding"),
            "SLAC re-inspection (safeguarding)"
        );
        assert_eq!(
            l("Child Protection Inspections (CPI)"),
            "Child protection inspection"
        );
        assert_eq!(
            l("Child Protection Re-Inspection (CPRI)"),
            "Child protection re-inspection"
        );
        assert_eq!(l("  Something new "), "Something new");
        assert_eq!(
            event_type_label(Some(Kind::IlacsShort), Some("ILACS Standard")),
            "ILACS short"
        );
    }
}
