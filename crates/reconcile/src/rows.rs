//! The conversion of Ofsted's official files into rows (the row types are the domain's), and
//! the label of an event's type.

use lacs_domain::{Kind, OfficialRow, UngradedKind};
use lacs_official::{OfficialData, OfficialEvent};

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
            visit_theme: e.visit_theme.clone(),
        })
        .collect()
}

/// What an official file's type text names: a kind the domain models, or an ungraded event.
#[derive(Debug, Clone, Copy)]
enum Named {
    Kind(Kind),
    Ungraded(UngradedKind),
}

/// Official type texts, lowercased: the first entry all of whose words the text contains
/// decides. Re-inspections come before what they re-inspect, visits before everything.
const OFFICIAL_TYPES: &[(&[&str], Named)] = {
    use Named::{Kind as K, Ungraded as U};
    use UngradedKind::*;
    &[
        (&["focused visit"], U(FocusedVisit)),
        (&["monitoring visit"], U(MonitoringVisit)),
        (&["joint targeted area"], U(Jtai)),
        (&["slac re-inspection", "safeguarding"], U(SlacReinspectionSafeguarding)),
        (&["slac re-inspection"], U(SlacReinspectionLac)),
        (&["slac"], U(Slac)),
        (&["child protection re-inspection"], U(ChildProtectionReinspection)),
        (&["(cpri)"], U(ChildProtectionReinspection)),
        (&["child protection inspection"], U(ChildProtection)),
        (&["(cpi)"], U(ChildProtection)),
        (&["tlac"], K(Kind::Lac2013)),
        (&["targeted looked after"], K(Kind::Lac2013)),
        (&["re-inspection", "sif"], K(Kind::SifReinspection)),
        (&["sif"], K(Kind::Sif)),
        (&["ilacs standard"], K(Kind::IlacsStandard)),
        (&["ilacs short"], K(Kind::IlacsShort)),
        (&["lscb"], K(Kind::LscbReview)),
    ]
};

/// The label of an event's type: its kind's ([`Kind::label`]) when known, else what the
/// official file's type text names ([`OFFICIAL_TYPES`]; an ungraded event's
/// [`UngradedKind::label`]); an unrecognised text is returned trimmed.
pub fn event_type_label(kind: Option<Kind>, official_type: Option<&str>) -> String {
    if let Some(k) = kind {
        return k.label().to_string();
    }
    let Some(text) = official_type else {
        return "Unknown".to_string();
    };
    let t = text.to_lowercase();
    match OFFICIAL_TYPES.iter().find(|(words, _)| words.iter().all(|w| t.contains(w))) {
        Some((_, Named::Kind(k))) => k.label().to_string(),
        Some((_, Named::Ungraded(u))) => u.label().to_string(),
        None => text.trim().to_string(),
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
        assert_eq!(l("ILACS Standard Inspection"), "ILACS standard inspection");
        assert_eq!(l("ILACS Short Inspection"), "ILACS short inspection");
        assert_eq!(
            l("Single Inspection of LA Children's Services (SIF) First SIF"),
            "SIF inspection"
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
            "ILACS short inspection"
        );
    }
}
