//! Joins the register's two sources — reports read from Ofsted's PDFs and rows of Ofsted's
//! official statistics — into one list of [`InspectionEvent`]s, recording every value on
//! which they disagree. This is the one place that logic lives.
//!
//! **Architecture Invariant:** pure. No files, no database, no clock: callers pass rows in
//! ([`official_rows`] turns a workbook read by `lacs-official` into rows).
//!
//! ```
//! use jiff::civil::date;
//! use lacs_domain::{Grade, JudgementSet, Kind, PublishedSource};
//! use lacs_reconcile::{reconcile, OfficialRow, ReportRow};
//!
//! let good = JudgementSet { overall: Some(Grade::Good), ..Default::default() };
//! let report = ReportRow {
//!     document_id: 7, sha256: "ab12".into(), source_file: "80426_barnsley/x.pdf".into(),
//!     kind: Kind::IlacsStandard, urn: Some(80426),
//!     inspection_start: Some(date(2023, 1, 9)), inspection_end: Some(date(2023, 1, 20)),
//!     published: Some(date(2023, 3, 3)), published_source: Some(PublishedSource::FileName),
//!     grades: good, withheld: vec![], needs_review: false,
//! };
//! let official = OfficialRow {
//!     id: 1, source: "outcomes.ods".into(), sheet: "history".into(), row: 12,
//!     urn: Some(80426), la_name: "Barnsley".into(), kind: Some(Kind::IlacsStandard),
//!     framework: Some(lacs_domain::Framework::Ilacs),
//!     event_type: "ILACS Standard Inspection".into(),
//!     inspection_start: Some(date(2023, 1, 9)), inspection_end: None,
//!     published: Some(date(2023, 3, 1)), grades: good, link: None, visit_theme: None,
//! };
//! let r = reconcile(&[report], &[official]);
//! assert_eq!(r.events.len(), 1);
//! assert_eq!(r.events[0].source_label(), "report+official");
//! assert_eq!(r.events[0].published, Some(date(2023, 3, 3))); // the report's
//! let d = &r.disagreements[0];
//! assert_eq!((d.field.as_str(), d.report.as_str(), d.official.as_str()),
//!            ("published", "2023-03-03", "2023-03-01"));
//! ```
//!
//! # Steps and rules
//! 1. **The LA of an official row** ([`resolve_official_urn`]): GSS code, else the name as it
//!    stood on the event's date, else the web link's URN, else its DfE number. Rows whose LA
//!    cannot be resolved make no event and are listed in [`Reconciled::unmatched_official`].
//! 2. **Releases.** Ofsted's 2023 and 2025 files both list the ILACS inspections of 2018 to
//!    May 2023. Rows of the same LA and framework from *different* files are one official
//!    event when their inspection start dates are equal, or their publication dates are at
//!    most 7 days apart, or (graded rows) their grades are equal and their publication dates
//!    at most 92 days apart; ungraded rows must also be of the same type (focused visit,
//!    monitoring visit). The newer release's values are used (a release is newer when the
//!    latest date it mentions is later): the 2025 file corrects the 2023 file (Merton's 2022
//!    inspection is short, Nottingham's 2022 report was published 5 September). Dates the
//!    newer release lacks are taken from the older. Every value on which the releases differ
//!    is a [`Disagreement`] of kind [`DisagreementKind::OfficialReleases`].
//! 3. **Reports to official events.** A report is matched to an official event of the same
//!    LA whose kind is of the report's framework (a SIF report to a SIF or SIF
//!    re-inspection; an ILACS report to an ILACS standard or short inspection; a 2013 LAC
//!    report to a TLAC row; a stand-alone LSCB review to an LSCB review row, where a file has
//!    one). Focused and monitoring visits are never matched: the register holds no visit
//!    letters. The two are the same inspection when
//!    - their inspection start dates are equal; or
//!    - one side has no start date and their publication dates are at most 10 days apart; or
//!    - both have start dates at most 7 days apart and publication dates at most 10 days
//!      apart (a misread start day must not split one inspection into two graded events;
//!      the start dates are then a disagreement).
//!
//!    Each report matches at most one official event and each official event at most one
//!    report: candidate pairs are taken best first (equal start dates, then the closest
//!    publication dates, then the closest start dates).
//! 4. **The merged event** takes the report's kind (read from the
//!    document; re-inspection status decided by the store) and **grades**: the report's
//!    grades are the event's grades, except those it withholds while a doubt on them awaits
//!    review (`ReportRow::withheld`), which take the official grade where there is one; the
//!    official grades are otherwise used only for events with no report. Publication date: the report's (printed, else the file name's); start
//!    and end: the report's; each from the official event where the report has none.
//!    Sources: the report's sha256, the official "file / sheet / row" of every row of the
//!    official event (newest release first, joined by "; "), and the official link.
//! 5. **Disagreements.** Every field that differs between a matched report and its official
//!    event is a [`Disagreement`] of kind [`DisagreementKind::ReportVsOfficial`], with both
//!    values: `kind`, `inspection_start`, `inspection_end` and `published` where both sides
//!    give one; each judgement where the grades differ, one side's absence included, except
//!    judgements the report's kind never prints that the report does not have (a 2013 LAC
//!    report's grade is not read: its official "overall" is no disagreement). A note says
//!    what a reader needs to judge one: a publication date taken from the file name, a SIF
//!    re-inspection's LSCB grade (Ofsted's file has no column for it), a report awaiting
//!    review. Nothing from one source silently overwrites the other: the list is the record.
//!
//!    The LSCB review of a SIF: Ofsted's 2023 file has one LSCB column, next to the first
//!    SIF. Where an LA's LSCB was reviewed in a stand-alone report (Surrey, August 2015) the
//!    column holds that review's grade, not the SIF report's. The SIF's `lscb` disagreement
//!    is still listed (report none, official the grade) with a note naming the stand-alone
//!    review, and the review's own grade is compared with the column: a difference is a
//!    disagreement on the review.
//! 6. **Events with one source.** A report with no official match is an event of its own
//!    (its grades, `sources.official` none). An official event with no report is an event of
//!    its own with the official values: graded ones count in the national picture; focused
//!    and monitoring visits, SLAC and child protection inspections are ungraded (kind none,
//!    `event_type` says which); TLAC rows keep the kind `lac_2013` (ungraded too).
//!    A document of unknown kind (a report of a framework not yet known, stored for review)
//!    with a known LA is an event of its LA too, so its history shows it: kind `unknown`,
//!    `event_type` "Report awaiting review", the dates and judgements it could be read for,
//!    never matched to an official row and never graded (the national picture counts graded
//!    kinds only). Reports that make no event — not a report, or no LA — are listed in
//!    [`Reconciled::reports_without_event`].
//!
//! 7. **The reports site** ([`reconcile_with_site`]): what `lacs sync` learnt. A
//!    publication whose content is a report an event holds gives that event Ofsted's link;
//!    a focused or monitoring visit letter held and checked is the official record's visit
//!    of the same LA and type whose publication date is within [`SAME_VISIT_DAYS`] of the
//!    letter's or, where the record gives only the visit's date (the 2023 file), whose visit
//!    began at most [`VISIT_LETTER_DAYS`] before the letter was published: the closest such
//!    visit no other letter took, which gains the letter's link and, where the record has
//!    none, its publication date (one event, known from both);
//!    else the letter is an ungraded event of its own, dated by its link text.
//!    A visit's theme comes from the official rows (the letters' link texts name none).
//! 8. **Ids.** Once every event is known, each gets [`lacs_domain::event_id`]: positive, made
//!    of its LA, its date and its place among that LA's events of the day
//!    ([`lacs_domain::assign_event_ids`]), so the same sources in any order give the same ids.
//!    Then every visit gets its [`lacs_domain::VisitDetail`] ([`lacs_domain::describe_visits`]:
//!    its theme, and a monitoring visit's number since an inadequate judgement).
//!    Matches and disagreements name documents by their store id and sha256;
//!    [`Disagreement::concerns`] finds a disagreement's event.
//!
//! Official row ids: when every row has a non-zero id (stored rows), those ids are used;
//! when any row has id 0 (not stored yet), every row is known by its position in the slice
//! plus one instead, in events, matches and `unmatched_official` alike.
//!
//! Events are sorted by URN, then publication date, then start date, then id.
//! Cost: every lookup is by LA, so ~450 reports and ~900 official rows take a few
//! milliseconds.

mod releases;
mod rows;
mod site;

use std::collections::HashMap;

use lacs_domain::{
    Date, EventSources, Framework, Grade, InspectionEvent, Judgement, Kind, PublishedSource,
    SitePublication,
};
use serde::{Deserialize, Serialize};

pub use releases::{RELEASE_PUBLISHED_DAYS, RELEASE_SAME_GRADES_DAYS};
pub use site::{SAME_VISIT_DAYS, VISIT_LETTER_DAYS};
pub use rows::{event_type_label, official_rows, resolve_official_urn};
/// The rows joined here are the domain's (re-exported for callers' convenience), as are the
/// cells of an official release its reader could not take at face value, passed through to
/// the store and listed beside the disagreements.
pub use lacs_domain::{OfficialRow, ReportRow, RowDoubt, RowDoubtKind};

/// A report and an official event with no start date on one side are the same inspection
/// when published at most this many days apart.
pub const MATCH_PUBLISHED_DAYS: i32 = 10;
/// Start dates this close (with publication dates within [`MATCH_PUBLISHED_DAYS`]) still
/// match, as a disagreement on the start date.
pub const MATCH_START_DAYS: i32 = 7;
/// A stand-alone LSCB review published this close to a SIF is the review Ofsted's file
/// records in that SIF's LSCB column.
pub const LSCB_REVIEW_DAYS: i32 = 183;

/// What [`reconcile`] makes of the two sources.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reconciled {
    /// One event per inspection, sorted by URN, publication date, start date, id.
    pub events: Vec<InspectionEvent>,
    /// Each report matched to an official event, by document id.
    pub matches: Vec<Match>,
    /// Every value on which the sources differ.
    pub disagreements: Vec<Disagreement>,
    /// Official rows whose LA is unknown (`urn: None`): no event; callers report them.
    pub unmatched_official: Vec<i64>,
    /// Reports that make no event (not a report, or no LA), by document id.
    pub reports_without_event: Vec<i64>,
}

impl Reconciled {
    /// Disagreements of one field, e.g. "published" or "lscb".
    pub fn disagreements_on(&self, field: &str) -> impl Iterator<Item = &Disagreement> + '_ {
        let field = field.to_string();
        self.disagreements.iter().filter(move |d| d.field == field)
    }
}

/// A report and the official rows (one per release) it was matched to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    pub document_id: i64,
    /// Newest release first.
    pub official_ids: Vec<i64>,
}

/// Between which sources a disagreement lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DisagreementKind {
    /// A report and the official event it was matched to.
    ReportVsOfficial,
    /// Two releases of Ofsted's official statistics.
    OfficialReleases,
}

impl DisagreementKind {
    /// The stable word: "report_vs_official" or "official_releases".
    pub const fn as_str(self) -> &'static str {
        match self {
            DisagreementKind::ReportVsOfficial => "report_vs_official",
            DisagreementKind::OfficialReleases => "official_releases",
        }
    }
}

impl std::fmt::Display for DisagreementKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One value on which two sources differ. Values are the register's stable words: dates as
/// `YYYY-MM-DD`, kinds and grades as in exports (`ilacs_short`, `requires_improvement`); an
/// empty string is "none given".
///
/// For [`DisagreementKind::OfficialReleases`] the "report" side is the **older release**:
/// `report` holds its value and `source_file` its "file / sheet / row", while `official` and
/// `official_source` are the newer release's (the value the event uses); `document_id` and
/// `sha256` are then `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Disagreement {
    pub urn: u32,
    /// The LA's name in the register.
    pub la_name: String,
    /// The event's start and publication dates (to find it).
    pub inspection_start: Option<Date>,
    pub published: Option<Date>,
    /// "kind", "inspection_start", "inspection_end", "published", or a judgement word
    /// ("overall", "lscb", …).
    pub field: String,
    pub report: String,
    pub official: String,
    pub document_id: Option<i64>,
    pub sha256: Option<String>,
    pub source_file: Option<String>,
    /// "file / sheet / row" of the official row the value comes from.
    pub official_source: String,
    pub kind: DisagreementKind,
    /// What a reader needs to know to judge it (where the value really belongs, where a date
    /// came from).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub note: Option<String>,
}

impl Disagreement {
    /// True when the disagreement is about this event: the one holding the report it names,
    /// or (between two releases, naming no report) the official event of its LA and dates.
    pub fn concerns(&self, e: &InspectionEvent) -> bool {
        match &self.sha256 {
            Some(sha) => e.sources.report_sha256.as_deref() == Some(sha.as_str()),
            None => {
                self.urn == e.urn
                    && self.inspection_start == e.inspection_start
                    && self.published == e.published
            }
        }
    }
}

/// Days between two dates, when both are known.
pub(crate) fn days_apart(a: Option<Date>, b: Option<Date>) -> Option<i32> {
    match (a, b) {
        (Some(x), Some(y)) => Some((x - y).get_days().abs()),
        _ => None,
    }
}

fn date_word(d: Option<Date>) -> String {
    d.map_or_else(String::new, |d| d.to_string())
}

fn grade_word(g: Option<Grade>) -> String {
    g.map_or_else(String::new, |g| g.as_str().to_string())
}

fn kind_word(k: Option<Kind>) -> String {
    k.map_or_else(String::new, |k| k.as_str().to_string())
}

fn la_name(urn: u32, fallback: &str) -> String {
    lacs_authorities::by_urn(urn).map_or_else(|| fallback.to_string(), |a| a.name.clone())
}

/// How well a report fits an official event: `None` when they are different inspections.
/// Lower is better.
fn fit(r: &ReportRow, e: &releases::OfficialEvent) -> Option<(u8, i32, i32)> {
    let framework = r.kind.framework()?;
    if e.kind.and_then(Kind::framework) != Some(framework) {
        return None;
    }
    let published = days_apart(r.published, e.published);
    match (r.inspection_start, e.inspection_start) {
        (Some(a), Some(b)) if a == b => Some((0, published.unwrap_or(0), 0)),
        (Some(a), Some(b)) => {
            let s = days_apart(Some(a), Some(b))?;
            let p = published?;
            (s <= MATCH_START_DAYS && p <= MATCH_PUBLISHED_DAYS).then_some((1, p, s))
        }
        _ => published
            .filter(|&p| p <= MATCH_PUBLISHED_DAYS)
            .map(|p| (1, p, 0)),
    }
}

/// The LA whose history the report joins: every report of a framework, and a document of
/// unknown kind (kept for review, perhaps of a framework not yet known), when its LA is known.
fn places(r: &ReportRow) -> Option<u32> {
    r.urn.filter(|_| r.kind.framework().is_some() || r.kind == Kind::Unknown)
}

/// Joins reports and official rows into events; see the crate docs for every rule.
pub fn reconcile(reports: &[ReportRow], official: &[OfficialRow]) -> Reconciled {
    reconcile_with_site(reports, official, &[])
}

/// [`reconcile`], with what the reports site listed folded in (step 7 of the crate docs):
/// each held report's link to Ofsted's copy, and visit letters as ungraded events.
pub fn reconcile_with_site(
    reports: &[ReportRow],
    official: &[OfficialRow],
    site: &[SitePublication],
) -> Reconciled {
    let mut out = join(reports, official);
    site::fold(&mut out.events, site);
    // Once every event is known: ids from what each event is, then each visit's detail (a
    // monitoring visit's number names the inspection it counts from by its id).
    lacs_domain::assign_event_ids(&mut out.events);
    lacs_domain::describe_visits(&mut out.events);
    out.events.sort_by(|a, b| {
        (a.urn, a.published, a.inspection_start, a.id).cmp(&(
            b.urn,
            b.published,
            b.inspection_start,
            b.id,
        ))
    });
    out
}

/// The reports and official rows joined, events unsorted and without ids.
fn join(reports: &[ReportRow], official: &[OfficialRow]) -> Reconciled {
    let stored = official.iter().all(|r| r.id != 0);
    let oid = |i: usize| if stored { official[i].id } else { i as i64 + 1 };

    let groups = releases::group(official);
    let mut out = Reconciled {
        unmatched_official: (0..official.len())
            .filter(|&i| official[i].urn.is_none())
            .map(oid)
            .collect(),
        ..Default::default()
    };

    // Reports by LA, official events by LA.
    let mut groups_of: HashMap<u32, Vec<usize>> = HashMap::new();
    for (g, e) in groups.iter().enumerate() {
        groups_of.entry(e.urn).or_default().push(g);
    }
    let mut reports_of: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        match places(r) {
            Some(u) => reports_of.entry(u).or_default().push(i),
            None => out.reports_without_event.push(r.document_id),
        }
    }

    // Best pairs first, one-to-one.
    let mut matched_group: Vec<Option<usize>> = vec![None; reports.len()];
    let mut group_taken = vec![false; groups.len()];
    let mut urns: Vec<u32> = reports_of.keys().copied().collect();
    urns.sort_unstable();
    for urn in &urns {
        let Some(gs) = groups_of.get(urn) else {
            continue;
        };
        let mut pairs: Vec<((u8, i32, i32), usize, usize)> = Vec::new();
        for &ri in &reports_of[urn] {
            for &g in gs {
                if let Some(s) = fit(&reports[ri], &groups[g]) {
                    pairs.push((s, ri, g));
                }
            }
        }
        pairs.sort_unstable();
        for (_, ri, g) in pairs {
            if matched_group[ri].is_none() && !group_taken[g] {
                matched_group[ri] = Some(g);
                group_taken[g] = true;
            }
        }
    }

    let provenance = |g: &releases::OfficialEvent| {
        g.rows
            .iter()
            .map(|&i| official[i].provenance())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let link = |g: &releases::OfficialEvent| g.rows.iter().find_map(|&i| official[i].link.clone());

    // Release disagreements.
    for g in &groups {
        release_disagreements(g, official, &mut out.disagreements);
    }

    // Events with a report.
    for urn in &urns {
        for &ri in &reports_of[urn] {
            let r = &reports[ri];
            let g = matched_group[ri].map(|g| &groups[g]);
            let kind = Some(r.kind);
            // A grade waiting for review is not the report's to give: the official record's
            // stands in where it has one.
            let mut grades = r.grades;
            for j in &r.withheld {
                grades.set(*j, g.and_then(|g| g.grades.get(*j)));
            }
            let event = InspectionEvent {
                id: 0,
                urn: *urn,
                kind,
                event_type: event_type_label(kind, None),
                inspection_start: r.inspection_start.or(g.and_then(|g| g.inspection_start)),
                inspection_end: r.inspection_end.or(g.and_then(|g| g.inspection_end)),
                published: r.published.or(g.and_then(|g| g.published)),
                grades,
                sources: EventSources {
                    report_sha256: Some(r.sha256.clone()),
                    official: g.map(provenance),
                    url: g.and_then(link),
                },
                visit: None,
            };
            if let Some(g) = g {
                out.matches.push(Match {
                    document_id: r.document_id,
                    official_ids: g.rows.iter().map(|&i| oid(i)).collect(),
                });
                let ctx = Ctx {
                    reports,
                    official,
                    reports_of: &reports_of[urn],
                };
                report_disagreements(&ctx, r, g, &event, &mut out.disagreements);
            }
            out.events.push(event);
        }
    }

    // Official events with no report.
    for (gi, g) in groups.iter().enumerate() {
        if group_taken[gi] {
            continue;
        }
        let main = &official[g.main()];
        let mut event = InspectionEvent {
            id: 0,
            urn: g.urn,
            kind: g.kind,
            event_type: event_type_label(g.kind, Some(&main.event_type)),
            inspection_start: g.inspection_start,
            inspection_end: g.inspection_end,
            published: g.published,
            grades: g.grades,
            sources: EventSources {
                report_sha256: None,
                official: Some(provenance(g)),
                url: link(g),
            },
            visit: None,
        };
        // A visit's theme, from the first of its rows (newest release first) that gives one.
        let theme = g.rows.iter().find_map(|&i| official[i].visit_theme.clone());
        event.visit = theme.zip(lacs_domain::visit_kind(&event)).map(|(theme, visit_type)| lacs_domain::VisitDetail::new(visit_type, Some(theme), false));
        out.events.push(event);
    }

    out.matches.sort_by_key(|m| m.document_id);
    out.disagreements.sort_by(|a, b| {
        (
            a.urn,
            a.published,
            a.inspection_start,
            a.kind as u8,
            a.document_id,
        )
            .cmp(&(
                b.urn,
                b.published,
                b.inspection_start,
                b.kind as u8,
                b.document_id,
            ))
    });
    out
}

const NEEDS_REVIEW: &str = "the report awaits review: its reading may be wrong";

struct Ctx<'a> {
    reports: &'a [ReportRow],
    official: &'a [OfficialRow],
    /// The indices of the reports of the LA.
    reports_of: &'a [usize],
}

fn release_disagreements(
    g: &releases::OfficialEvent,
    official: &[OfficialRow],
    out: &mut Vec<Disagreement>,
) {
    let main = &official[g.main()];
    for &i in &g.rows[1..] {
        let older = &official[i];
        let mut push = |field: &str, old: String, new: String, from: usize| {
            if old != new {
                out.push(Disagreement {
                    urn: g.urn,
                    la_name: la_name(g.urn, &main.la_name),
                    inspection_start: g.inspection_start,
                    published: g.published,
                    field: field.to_string(),
                    report: old,
                    official: new,
                    document_id: None,
                    sha256: None,
                    source_file: Some(older.provenance()),
                    official_source: official[from].provenance(),
                    kind: DisagreementKind::OfficialReleases,
                    note: None,
                });
            }
        };
        push("kind", kind_word(older.kind), kind_word(g.kind), g.main());
        let mut date = |field: &str, old: Option<Date>, new: Option<Date>, from: usize| {
            if old.is_some() && new.is_some() {
                push(field, date_word(old), date_word(new), from);
            }
        };
        date(
            "inspection_start",
            older.inspection_start,
            g.inspection_start,
            g.start_from,
        );
        date(
            "inspection_end",
            older.inspection_end,
            g.inspection_end,
            g.end_from,
        );
        date("published", older.published, g.published, g.published_from);
        for j in Judgement::ALL {
            push(
                j.as_str(),
                grade_word(older.grades.get(*j)),
                grade_word(g.grades.get(*j)),
                g.main(),
            );
        }
    }
}

fn report_disagreements(
    ctx: &Ctx,
    r: &ReportRow,
    g: &releases::OfficialEvent,
    event: &InspectionEvent,
    out: &mut Vec<Disagreement>,
) {
    let main = &ctx.official[g.main()];
    let la = la_name(g.urn, &main.la_name);
    let new = |field: &str, report: String, official: String, from: usize, note: Option<String>| {
        Disagreement {
            urn: g.urn,
            la_name: la.clone(),
            inspection_start: event.inspection_start,
            published: event.published,
            field: field.to_string(),
            report,
            official,
            document_id: Some(r.document_id),
            sha256: Some(r.sha256.clone()),
            source_file: Some(r.source_file.clone()),
            official_source: ctx.official[from].provenance(),
            kind: DisagreementKind::ReportVsOfficial,
            note: match (note, r.needs_review) {
                (Some(n), true) => Some(format!("{n}; {NEEDS_REVIEW}")),
                (None, true) => Some(NEEDS_REVIEW.to_string()),
                (n, false) => n,
            },
        }
    };
    if g.kind != Some(r.kind) {
        out.push(new(
            "kind",
            kind_word(Some(r.kind)),
            kind_word(g.kind),
            g.main(),
            None,
        ));
    }
    let dates = [
        (
            "inspection_start",
            r.inspection_start,
            g.inspection_start,
            g.start_from,
        ),
        (
            "inspection_end",
            r.inspection_end,
            g.inspection_end,
            g.end_from,
        ),
        ("published", r.published, g.published, g.published_from),
    ];
    for (field, rep, off, from) in dates {
        if rep.is_some() && off.is_some() && rep != off {
            let note = (field == "published"
                && r.published_source == Some(PublishedSource::FileName))
            .then(|| {
                "the report prints no publication date; the register's is its file name's"
                    .to_string()
            });
            out.push(new(field, date_word(rep), date_word(off), from, note));
        }
    }
    let expected = r.kind.expected_judgements(event.inspection_start);
    for &j in Judgement::ALL {
        let (rep, off) = (r.grades.get(j), g.grades.get(j));
        if rep == off || (rep.is_none() && !expected.allows(j)) {
            continue;
        }
        let mut note = None;
        if j == Judgement::Lscb && off.is_none() && g.kind == Some(Kind::SifReinspection) {
            note = Some("Ofsted's file has no LSCB column for SIF re-inspections".to_string());
        }
        if j == Judgement::Lscb && rep.is_none() && r.kind.framework() == Some(Framework::Sif) {
            if let Some(review) = stand_alone_review(ctx, r, g) {
                note = Some(format!(
                    "Ofsted's file records the LSCB grade on this SIF's row, but the LSCB was reviewed apart: \
                     the stand-alone LSCB review (document {}, published {}) graded it {}",
                    review.document_id,
                    date_word(review.published),
                    review.grades.lscb.map_or("nothing", |g| g.as_str()),
                ));
                if review.grades.lscb != off {
                    out.push(Disagreement {
                        inspection_start: review.inspection_start,
                        published: review.published,
                        document_id: Some(review.document_id),
                        sha256: Some(review.sha256.clone()),
                        source_file: Some(review.source_file.clone()),
                        ..new(
                            "lscb",
                            grade_word(review.grades.lscb),
                            grade_word(off),
                            g.main(),
                            Some("compared with the LSCB grade Ofsted's file records on the LA's SIF row".to_string()),
                        )
                    });
                }
            }
        }
        out.push(new(
            j.as_str(),
            grade_word(rep),
            grade_word(off),
            g.main(),
            note,
        ));
    }
}

/// The LA's stand-alone LSCB review report published closest to the official SIF event (within
/// [`LSCB_REVIEW_DAYS`]).
fn stand_alone_review<'a>(
    ctx: &Ctx<'a>,
    sif: &ReportRow,
    g: &releases::OfficialEvent,
) -> Option<&'a ReportRow> {
    let at = g.published.or(sif.published);
    ctx.reports_of
        .iter()
        .map(|&i| &ctx.reports[i])
        .filter(|r| r.kind == Kind::LscbReview)
        .filter_map(|r| {
            days_apart(r.published, at)
                .filter(|&d| d <= LSCB_REVIEW_DAYS)
                .map(|d| (d, r))
        })
        .min_by_key(|(d, r)| (*d, r.document_id))
        .map(|(_, r)| r)
}
