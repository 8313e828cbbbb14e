//! Events for the tests, from Ofsted's official files in `../shared/official` (read once per
//! test binary). The product merges report and official sources elsewhere; this is only
//! enough of a merge to test the analysis against Ofsted's own figures.
//!
//! - Every event of a framework the domain models (SIF, ILACS: graded inspections and
//!   ungraded visits) becomes an [`InspectionEvent`]; the 2009–13 frameworks are left out.
//! - The LA: by GSS code, else by name on the event's date, else by URN, else by DfE number
//!   (the files' web links are the least reliable key: the 2025 file links abolished LAs to
//!   their successors' pages, City of London to Islington's and North Northamptonshire to
//!   West Northamptonshire's number).
//! - The two files overlap on ILACS inspections from 2018 to May 2023. Two graded events of
//!   the same LA and framework are one when their inspection start dates are equal, or their
//!   publication dates are within 7 days, or their grades are equal and publication dates
//!   within 92 days (the 2023 file dates Nottingham's 2022 report 5 November, the 2025 file
//!   5 September). The 2025 file's event is kept (it has more fields: both dates, GSS code),
//!   filled from the other where it lacks something.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use lacs_domain::{Authority, Date, EventSources, Framework, InspectionEvent, Kind};
use lacs_official::{OfficialData, OfficialEvent};
use lacs_testkit::shared::{shared, Missing};

pub const F2023: &str = "Childrens_social_care_in_England_2023_underlying_data.ods";
pub const F2025: &str = "LA_Inspection_Outcomes_as_at_31_March_2025.ods";

/// `../shared/official/<name>`, or `None` after a loud SKIPPED.
pub fn official_path(name: &str) -> Option<PathBuf> {
    shared(&format!("official/{name}"), Missing::Skip)
}

pub struct Official {
    pub f2023: OfficialData,
    pub f2025: OfficialData,
    pub events: Vec<InspectionEvent>,
}

/// Both files and the events made from them, or `None` (with a loud message) when
/// `../shared` is absent.
pub fn official() -> Option<&'static Official> {
    static CACHE: OnceLock<Option<Official>> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            let p23 = official_path(F2023)?;
            let p25 = official_path(F2025)?;
            let f2023 = lacs_official::read(&p23).unwrap_or_else(|e| panic!("{e}"));
            let f2025 = lacs_official::read(&p25).unwrap_or_else(|e| panic!("{e}"));
            let events = events_from(&[&f2025, &f2023]);
            Some(Official {
                f2023,
                f2025,
                events,
            })
        })
        .as_ref()
}

/// The LA an official row names, by the product's own rule (see the module docs for the order
/// of keys).
pub fn resolve(e: &OfficialEvent) -> Option<&'static Authority> {
    lacs_reconcile::resolve_official_urn(e).and_then(lacs_authorities::by_urn)
}

fn modelled(e: &OfficialEvent) -> bool {
    matches!(e.framework, Some(Framework::Sif | Framework::Ilacs))
}

fn same_event(a: &InspectionEvent, b: &InspectionEvent) -> bool {
    let fw = |e: &InspectionEvent| e.kind.and_then(Kind::framework);
    if a.urn != b.urn || !a.is_graded() || !b.is_graded() || fw(a) != fw(b) {
        return false;
    }
    if let (Some(x), Some(y)) = (a.inspection_start, b.inspection_start) {
        if x == y {
            return true;
        }
    }
    let days = match (a.published, b.published) {
        (Some(x), Some(y)) => (x - y).get_days().abs(),
        _ => return false,
    };
    days <= 7 || (a.grades == b.grades && days <= 92)
}

/// Events from the files, the first file's listing kept where two list the same inspection.
pub fn events_from(files: &[&OfficialData]) -> Vec<InspectionEvent> {
    let mut out: Vec<InspectionEvent> = Vec::new();
    let mut file_of: Vec<usize> = Vec::new();
    for (f, data) in files.iter().enumerate() {
        for oe in data.events.iter().filter(|e| modelled(e)) {
            let a = resolve(oe)
                .unwrap_or_else(|| panic!("no LA for {} ({}:{})", oe.la_name, oe.sheet, oe.row));
            let e = InspectionEvent {
                id: out.len() as i64 + 1,
                urn: a.urn,
                kind: oe.kind.filter(|k| k.is_graded_event()),
                event_type: oe.event_type.clone(),
                inspection_start: oe.inspection_start,
                inspection_end: oe.inspection_end,
                published: oe.published,
                grades: oe.grades,
                sources: EventSources {
                    official: Some(format!("{} / {} / {}", data.source, oe.sheet, oe.row)),
                    ..Default::default()
                },
                visit: None,
            };
            let earlier = |k: &usize| file_of[*k] != f;
            if let Some(k) = (0..out.len())
                .filter(earlier)
                .find(|&k| same_event(&out[k], &e))
            {
                let p = &mut out[k];
                p.inspection_start = p.inspection_start.or(e.inspection_start);
                p.inspection_end = p.inspection_end.or(e.inspection_end);
                p.published = p.published.or(e.published);
                continue;
            }
            out.push(e);
            file_of.push(f);
        }
    }
    out
}

pub fn d(s: &str) -> Date {
    s.parse().unwrap()
}
