//! Hand-made inspection events, for tests that need a few events of known shape rather than a
//! register. Each builder fills what its kind of event has; a test that needs another value
//! sets that field on the result (`InspectionEvent { event_type: …, ..ilacs(…) }`).

use jiff::civil::Date;
use lacs_domain::{EventSources, Grade, InspectionEvent, JudgementSet, Kind};

/// URNs of the LAs the hand-made tests use (see lacs-authorities' data).
pub mod urn {
    pub const BARKING: u32 = 80486;
    pub const BARNET: u32 = 80487;
    pub const BARNSLEY: u32 = 80426;
    pub const BATH: u32 = 80427;
    pub const BUCKS: u32 = 80442;
    pub const CUMBRIA: u32 = 80457;
    pub const CUMBERLAND: u32 = 2733690;
    pub const WESTMORLAND: u32 = 2733698;
    pub const ROTHERHAM: u32 = 80543;
    pub const WAKEFIELD: u32 = 80451;
    pub const BOURNEMOUTH: u32 = 80434;
    pub const POOLE: u32 = 80433;
    pub const DORSET_COUNTY: u32 = 80463;
    pub const BCP: u32 = 2532287;
    pub const DORSET_COUNCIL: u32 = 2532283;
    pub const NORTHAMPTONSHIRE: u32 = 80531;
    pub const NORTH_NORTHANTS: u32 = 2637539;
    pub const WEST_NORTHANTS: u32 = 2637548;
}

/// The overall grade and the three judgements every framework makes (leaders, help and
/// protection, in care), all `overall`.
pub fn grades(overall: Option<Grade>) -> JudgementSet {
    JudgementSet {
        overall,
        leaders: overall,
        help_protection: overall,
        in_care: overall,
        ..Default::default()
    }
}

/// An event of `kind` (its type the kind's label), on site for 11 days from `start`, graded
/// `overall` by [`grades`], with no sources.
pub fn ev(id: i64, urn: u32, kind: Kind, start: Option<Date>, published: Date, overall: Option<Grade>) -> InspectionEvent {
    InspectionEvent {
        id,
        urn,
        kind: Some(kind),
        event_type: kind.to_string(),
        inspection_start: start,
        inspection_end: start.map(|s| s.saturating_add(jiff::Span::new().days(11))),
        published: Some(published),
        grades: grades(overall),
        sources: EventSources::default(),
        visit: None,
    }
}

/// A SIF inspection (no dates but publication): every judgement `g` but adoption, good.
pub fn sif(id: i64, urn: u32, published: Date, g: Grade) -> InspectionEvent {
    let mut e = ev(id, urn, Kind::Sif, None, published, Some(g));
    e.grades.adoption = Some(Grade::Good);
    e.grades.care_leavers = Some(g);
    e.grades.lscb = Some(g);
    e
}

/// A standard ILACS inspection graded `g` (no care leavers' judgement).
pub fn ilacs(id: i64, urn: u32, start: Date, published: Date, g: Grade) -> InspectionEvent {
    ev(id, urn, Kind::IlacsStandard, Some(start), published, Some(g))
}

/// A focused visit (ungraded, no kind): one day on site, published 30 days later.
pub fn visit(id: i64, urn: u32, start: Date) -> InspectionEvent {
    InspectionEvent {
        id,
        urn,
        kind: None,
        event_type: "focused visit".into(),
        inspection_start: Some(start),
        inspection_end: Some(start),
        published: Some(start.saturating_add(jiff::Span::new().days(30))),
        grades: JudgementSet::default(),
        sources: EventSources::default(),
        visit: None,
    }
}
