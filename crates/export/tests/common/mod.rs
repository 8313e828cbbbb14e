//! A small hand-made register: an LA that improved, one that declined, one inspected once,
//! a council abolished in 2023 with a successor inspected since and one never inspected,
//! official-only and ungraded events, and a reformed ILACS inspection with no overall grade.
#![allow(dead_code)]

use jiff::civil::{date, Date};
use lacs_domain::{EventSources, Grade, Grade::*, InspectionEvent, JudgementSet, Kind};

pub const BARKING: u32 = 80486; // never inspected here
pub const BARNET: u32 = 80487;
pub const BARNSLEY: u32 = 80426;
pub const BATH: u32 = 80427;
pub const BUCKS: u32 = 80442;
pub const CUMBRIA: u32 = 80457;
pub const CUMBERLAND: u32 = 2733690;
pub const WESTMORLAND: u32 = 2733698;
pub const ROTHERHAM: u32 = 80543;
pub const WAKEFIELD: u32 = 80451;

pub const AS_AT: Date = date(2024, 3, 31);

fn ilacs_grades(g: Grade, start: Date) -> JudgementSet {
    JudgementSet {
        overall: Some(g),
        leaders: Some(g),
        help_protection: Some(g),
        in_care: Some(g),
        care_leavers: (start >= date(2023, 1, 1)).then_some(g),
        ..Default::default()
    }
}

pub fn ilacs(id: i64, urn: u32, start: Date, published: Date, g: Grade) -> InspectionEvent {
    InspectionEvent {
        id,
        urn,
        kind: Some(Kind::IlacsStandard),
        event_type: "ILACS standard".into(),
        inspection_start: Some(start),
        inspection_end: Some(start.saturating_add(jiff::Span::new().days(11))),
        published: Some(published),
        grades: ilacs_grades(g, start),
        sources: EventSources {
            report_sha256: Some(format!("{id:064x}")),
            official: None,
            url: None,
        },
    }
}

pub fn sif(id: i64, urn: u32, published: Date, g: Grade) -> InspectionEvent {
    InspectionEvent {
        id,
        urn,
        kind: Some(Kind::Sif),
        event_type: "SIF".into(),
        inspection_start: None,
        inspection_end: None,
        published: Some(published),
        grades: JudgementSet {
            overall: Some(g),
            leaders: Some(g),
            help_protection: Some(g),
            in_care: Some(g),
            care_leavers: Some(Good),
            adoption: Some(Good),
            lscb: Some(RequiresImprovement),
        },
        sources: EventSources {
            report_sha256: None,
            official: Some(format!("official.ods / SIF / {id}")),
            url: None,
        },
    }
}

pub fn events() -> Vec<InspectionEvent> {
    let mut reformed = ilacs(12, ROTHERHAM, date(2026, 4, 13), date(2026, 5, 29), Good);
    reformed.grades.overall = None;
    reformed.event_type = "ILACS (reformed)".into();
    let visit = InspectionEvent {
        id: 13,
        urn: BARNSLEY,
        kind: None,
        event_type: "focused visit".into(),
        inspection_start: Some(date(2021, 5, 4)),
        inspection_end: Some(date(2021, 5, 5)),
        published: Some(date(2021, 6, 10)),
        grades: JudgementSet::default(),
        sources: EventSources {
            report_sha256: Some("ab".repeat(32)),
            official: Some("official.ods / visits / 7".into()),
            url: Some("https://reports.ofsted.gov.uk/provider/44/80426".into()),
        },
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
