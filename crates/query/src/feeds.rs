//! What a news feed of the register says: the newest events of England, one Ofsted region or
//! one LA (graded inspections with each judgement's change, grade changes called out, and
//! visits), each with a stable id and the day it is dated. The web writes it as Atom; this
//! module decides what is in it and what each entry says.

use lacs_analysis::{Change, JourneyEvent};
use lacs_domain::{AuthorityId, Date, InspectionEvent, Judgement, OfstedRegion};

use crate::{QueryError, Register};

/// The newest entries a feed carries (feed readers keep what they have seen).
pub const FEED_ENTRIES: usize = 50;

/// Whose events a feed follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedScope {
    England,
    Region(OfstedRegion),
    La(AuthorityId),
}

impl FeedScope {
    /// The scope a feed address names: `england`, `region/<slug>` or `la/<LA>` (an LA as `la`
    /// takes it: URN, name, code).
    pub fn region_from_slug(slug: &str) -> Option<OfstedRegion> {
        OfstedRegion::ALL.iter().copied().find(|r| region_slug(*r) == slug.to_ascii_lowercase())
    }

    /// The feed's path on the server.
    pub fn path(self) -> String {
        match self {
            FeedScope::England => "/feeds/england.atom".to_string(),
            FeedScope::Region(r) => format!("/feeds/region/{}.atom", region_slug(r)),
            FeedScope::La(urn) => format!("/feeds/la/{urn}.atom"),
        }
    }

    /// The feed's permanent id (an IRI that never changes with the server's address).
    pub fn id(self) -> String {
        match self {
            FeedScope::England => "urn:lacs:feed:england".to_string(),
            FeedScope::Region(r) => format!("urn:lacs:feed:region:{}", region_slug(r)),
            FeedScope::La(urn) => format!("urn:lacs:feed:la:{urn}"),
        }
    }
}

/// A region's word in addresses: its name's words in lower case, hyphenated ("south-east",
/// "north-east-yorkshire-and-the-humber").
pub fn region_slug(r: OfstedRegion) -> String {
    r.as_str()
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// What an entry reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryCategory {
    /// A graded inspection whose grades match the previous one's (or the LA's first).
    Inspection,
    /// A graded inspection in which at least one judgement moved.
    GradeChange,
    /// An ungraded event: a focused or monitoring visit, a JTAI, a report awaiting review.
    Visit,
}

impl EntryCategory {
    pub const fn as_str(self) -> &'static str {
        match self {
            EntryCategory::Inspection => "inspection",
            EntryCategory::GradeChange => "grade-change",
            EntryCategory::Visit => "visit",
        }
    }
}

/// One entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FeedEntry {
    /// Permanent: made from the event's id, which stays put across rebuilt registers.
    pub id: String,
    pub event_id: i64,
    pub urn: AuthorityId,
    pub la_name: &'static str,
    pub category: EntryCategory,
    pub title: String,
    /// Each judgement's grade and change, or the visit's dates, in one paragraph.
    pub summary: String,
    /// The day it is dated: publication, else the last (or first) day on site.
    pub date: Date,
    /// The register's page for it.
    pub path: String,
    /// Ofsted's copy of the report or letter, when known.
    pub ofsted_url: Option<String>,
}

/// One feed: its title, its id and its newest entries, newest first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Feed {
    pub id: String,
    pub title: String,
    pub path: String,
    /// The newest entry's date (`None`: no entries yet).
    pub updated: Option<Date>,
    pub entries: Vec<FeedEntry>,
}

impl Register {
    /// The feed of `scope` as at `today`: its newest [`FEED_ENTRIES`] events dated by then.
    pub fn feed(&self, scope: FeedScope, today: Date) -> Result<Feed, QueryError> {
        let index = self.index();
        let urns: Vec<AuthorityId> = match scope {
            FeedScope::La(urn) => vec![urn],
            FeedScope::England => lacs_authorities::all().iter().map(|a| a.urn).collect(),
            FeedScope::Region(r) => lacs_authorities::all().iter().filter(|a| a.ofsted_region == r).map(|a| a.urn).collect(),
        };
        let mut entries = Vec::new();
        for urn in urns {
            let journey = index.journey(urn, Some(today))?;
            entries.extend(journey.events.iter().filter_map(|e| entry(journey.la_name, urn, e, self.event(e.event_id))));
        }
        entries.sort_by(|a, b| b.date.cmp(&a.date).then(b.event_id.cmp(&a.event_id)));
        entries.truncate(FEED_ENTRIES);
        let title = match scope {
            FeedScope::England => "Inspections of children’s services in England".to_string(),
            FeedScope::Region(r) => format!("Inspections of children’s services in {}", r.as_str()),
            FeedScope::La(urn) => format!(
                "Inspections of {}’s children’s services",
                lacs_authorities::by_urn(urn).map_or("an unknown local authority", |a| a.name.as_str())
            ),
        };
        Ok(Feed { id: scope.id(), title, path: scope.path(), updated: entries.first().map(|e| e.date), entries })
    }
}

/// An event as an entry, or `None` when it has no date to file it under; `full` the event
/// itself (its link to Ofsted, a visit's theme and number).
fn entry(la_name: &'static str, urn: AuthorityId, e: &JourneyEvent, full: Option<&InspectionEvent>) -> Option<FeedEntry> {
    let ofsted_url = full.and_then(|f| f.sources.url.clone());
    let date = e.published.or(e.inspection_end).or(e.inspection_start)?;
    let moved: Vec<_> = e.changes.iter().filter(|c| matches!(c.change, Change::Improved | Change::Declined)).collect();
    let (category, title, summary) = if e.graded {
        let headline = e
            .changes
            .iter()
            .find(|c| c.judgement == Judgement::Overall)
            .or_else(|| moved.first().copied())
            .or_else(|| e.changes.first());
        let grade_words = headline.map_or(String::new(), |c| {
            let was = c.previous.filter(|p| *p != c.grade).map_or(String::new(), |p| format!(" (was {})", p.label().to_lowercase()));
            format!(": {} {}{was}", c.judgement.label().to_lowercase(), c.grade.label().to_lowercase())
        });
        let lines: Vec<String> = e
            .changes
            .iter()
            .map(|c| {
                let change = match (c.change, c.previous) {
                    (Change::Improved, Some(p)) => format!(", improved from {}", p.label().to_lowercase()),
                    (Change::Declined, Some(p)) => format!(", declined from {}", p.label().to_lowercase()),
                    (Change::Same, _) => ", unchanged".to_string(),
                    _ => String::new(),
                };
                format!("{}: {}{change}.", c.judgement.label(), c.grade.label())
            })
            .collect();
        let category = if moved.is_empty() { EntryCategory::Inspection } else { EntryCategory::GradeChange };
        (category, format!("{la_name}: {}{grade_words}", e.event_type), format!("{} {}", on_site(e), lines.join(" ")))
    } else {
        // "Focused visit (theme: front door)"; a monitoring visit's number in the summary.
        let visit = full.and_then(|f| f.visit.as_ref());
        let theme = visit.and_then(|v| v.theme.as_deref()).map_or(String::new(), |t| format!(" (theme: {t})"));
        let note = visit.and_then(|v| v.sequence_note(true)).map_or(String::new(), |n| format!(" {}{}.", n[..1].to_uppercase(), &n[1..]));
        (EntryCategory::Visit, format!("{la_name}: {}{theme}", e.event_type), format!("{}{note}", on_site(e)))
    };
    Some(FeedEntry {
        id: format!("urn:lacs:event:{}", e.event_id),
        event_id: e.event_id,
        urn,
        la_name,
        category,
        title,
        summary: summary.trim().to_string(),
        date,
        path: if e.graded { format!("/inspection/{}", e.event_id) } else { format!("/la/{urn}") },
        ofsted_url,
    })
}

/// "On site 3 to 14 June 2024; published 19 July 2024."
fn on_site(e: &JourneyEvent) -> String {
    let mut parts = Vec::new();
    match (e.inspection_start, e.inspection_end) {
        (Some(s), Some(t)) if s != t => parts.push(format!("On site {} to {}", crate::long_date(s), crate::long_date(t))),
        (Some(s), _) | (None, Some(s)) => parts.push(format!("On site {}", crate::long_date(s))),
        (None, None) => {}
    }
    if let Some(p) = e.published {
        parts.push(format!("published {}", crate::long_date(p)));
    }
    if parts.is_empty() {
        return String::new();
    }
    let mut s = parts.join("; ");
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    s + "."
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_slugs_round_trip() {
        for r in OfstedRegion::ALL {
            let slug = region_slug(*r);
            assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{slug}");
            assert_eq!(FeedScope::region_from_slug(&slug), Some(*r));
        }
        assert_eq!(FeedScope::region_from_slug("South-East"), Some(OfstedRegion::SouthEast));
        assert_eq!(FeedScope::region_from_slug("atlantis"), None);
    }

    #[test]
    fn ids_and_paths_are_fixed_words() {
        assert_eq!(FeedScope::England.path(), "/feeds/england.atom");
        assert_eq!(FeedScope::La(80426).id(), "urn:lacs:feed:la:80426");
        assert_eq!(FeedScope::Region(OfstedRegion::London).path(), "/feeds/region/london.atom");
    }
}
