//! A small hand-made register: an LA that improved, one that declined, one inspected once,
//! a council abolished in 2023 with a successor inspected since and one never inspected,
//! official-only and ungraded events, and a reformed ILACS inspection with no overall grade.
#![allow(dead_code)]

use jiff::civil::{date, Date};
use lacs_domain::{EventSources, Grade, Grade::*, InspectionEvent, JudgementSet};
use lacs_testkit::events::{self as kit, grades};
pub use lacs_testkit::events::urn::*;

pub const AS_AT: Date = date(2024, 3, 31);

/// A standard ILACS inspection with its report (care leavers judged from 2023).
pub fn ilacs(id: i64, urn: u32, start: Date, published: Date, g: Grade) -> InspectionEvent {
    InspectionEvent {
        event_type: "ILACS standard".into(),
        grades: JudgementSet {
            care_leavers: (start >= date(2023, 1, 1)).then_some(g),
            ..grades(Some(g))
        },
        sources: EventSources {
            report_sha256: Some(format!("{id:064x}")),
            official: None,
            url: None,
        },
        ..kit::ilacs(id, urn, start, published, g)
    }
}

/// A SIF inspection known from the official file only.
pub fn sif(id: i64, urn: u32, published: Date, g: Grade) -> InspectionEvent {
    let e = kit::sif(id, urn, published, g);
    InspectionEvent {
        event_type: "SIF".into(),
        grades: JudgementSet {
            care_leavers: Some(Good),
            lscb: Some(RequiresImprovement),
            ..e.grades
        },
        sources: EventSources {
            report_sha256: None,
            official: Some(format!("official.ods / SIF / {id}")),
            url: None,
        },
        ..e
    }
}

pub fn events() -> Vec<InspectionEvent> {
    let mut reformed = ilacs(12, ROTHERHAM, date(2026, 4, 13), date(2026, 5, 29), Good);
    reformed.grades.overall = None;
    reformed.event_type = "ILACS (reformed)".into();
    let visit = InspectionEvent {
        inspection_end: Some(date(2021, 5, 5)),
        published: Some(date(2021, 6, 10)),
        sources: EventSources {
            report_sha256: Some("ab".repeat(32)),
            official: Some("official.ods / visits / 7".into()),
            url: Some("https://reports.ofsted.gov.uk/provider/44/80426".into()),
        },
        ..kit::visit(13, BARNSLEY, date(2021, 5, 4))
    };
    vec![
        sif(1, BARNSLEY, date(2014, 11, 28), RequiresImprovement),
        ilacs(2, BARNSLEY, date(2019, 1, 14), date(2019, 3, 1), Good),
        ilacs(3, BATH, date(2018, 5, 14), date(2018, 6, 29), Good),
        ilacs(
            4,
            BATH,
            date(2022, 6, 6),
            date(2022, 7, 22),
            RequiresImprovement,
        ),
        ilacs(5, BARNET, date(2021, 1, 11), date(2021, 3, 5), Outstanding),
        sif(6, CUMBRIA, date(2016, 3, 4), RequiresImprovement),
        ilacs(7, CUMBRIA, date(2021, 9, 6), date(2021, 10, 29), Good),
        ilacs(
            8,
            CUMBERLAND,
            date(2023, 10, 2),
            date(2024, 1, 12),
            RequiresImprovement,
        ),
        sif(9, BUCKS, date(2017, 1, 20), Inadequate),
        ilacs(
            10,
            ROTHERHAM,
            date(2022, 10, 3),
            date(2022, 11, 25),
            RequiresImprovement,
        ),
        ilacs(11, WAKEFIELD, date(2023, 2, 6), date(2023, 3, 24), Good),
        reformed,
        visit,
    ]
}
