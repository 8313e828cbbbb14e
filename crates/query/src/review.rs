//! What awaits review, and where each value came from: the views `lacs review`, `stats`,
//! `la` and the web's `/review` page share.

use crate::Register;
use lacs_analysis::{Stats, StatsQuery};
use lacs_domain::{Date, Doubt, EventStatus, Field, InspectionEvent, Judgement, JudgementSet, Kind, Status};
use lacs_store::review::ReviewedDocument;
use lacs_store::Answer;
use serde::Serialize;

/// A doubt in words, with the page it concerns and the fields that answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DoubtView {
    #[schema(value_type = lacs_domain::DoubtKind)]
    pub kind: &'static str,
    pub message: String,
    pub page: Option<u32>,
    /// The fields whose answers settle it (`lacs review set SHA FIELD=VALUE`); none: only
    /// accepting the reading does.
    pub fields: Vec<&'static str>,
}

impl From<&Doubt> for DoubtView {
    fn from(d: &Doubt) -> Self {
        DoubtView { kind: d.kind.as_str(), message: d.message.clone(), page: d.page, fields: d.fields().into_iter().map(Field::name).collect() }
    }
}

/// Where one value of an event came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ValueOrigin {
    /// A field of the export record (`published`, `in_care`…).
    pub field: &'static str,
    /// `report`, `official` (Ofsted's statistics), `person` (an answer in review), or
    /// `awaiting_review` (a grade withheld while a doubt on it stands, with no official one).
    pub source: &'static str,
    /// The person's note: their answer's, or their acceptance's for a value confirmed as read.
    pub note: Option<String>,
    pub by: Option<String>,
    pub at: Option<String>,
}

/// The fields of an event whose origin is shown.
fn event_fields() -> impl Iterator<Item = Field> {
    Field::all().filter(|f| !matches!(f, Field::Urn | Field::LeadInspector))
}

fn event_value(e: &InspectionEvent, f: Field) -> bool {
    match f {
        Field::Kind => e.kind.is_some(),
        Field::InspectionStart => e.inspection_start.is_some(),
        Field::InspectionEnd => e.inspection_end.is_some(),
        Field::Published => e.published.is_some(),
        Field::Grade(j) => e.grades.get(j).is_some(),
        Field::Urn | Field::LeadInspector => false,
    }
}

/// The origin of each value of `event` that has one (and of each grade awaiting review).
fn origins(event: &InspectionEvent, doc: Option<&ReviewedDocument>) -> Vec<ValueOrigin> {
    let origin = |field: Field, source, answer: Option<&Answer>| ValueOrigin {
        field: field.name(),
        source,
        note: answer.map(|a| a.note.clone()),
        by: answer.map(|a| a.by.clone()),
        at: answer.map(|a| a.at.clone()),
    };
    let mut out = Vec::new();
    for field in event_fields() {
        let withheld = matches!(field, Field::Grade(j) if doc.is_some_and(|d| d.reviewed.withheld.contains(&j)));
        if !event_value(event, field) {
            if withheld {
                out.push(origin(field, "awaiting_review", None));
            }
            continue;
        }
        let Some(doc) = doc else {
            out.push(origin(field, "official", None));
            continue;
        };
        let read = doc.reviewed.values.value(field).is_some();
        out.push(match (doc.reviewed.answered.get(&field), doc.reviewed.confirmed.get(&field)) {
            (Some(id), _) => origin(field, "person", doc.answer(*id)),
            _ if withheld || !read => origin(field, "official", None),
            (None, Some(id)) => origin(field, "report", doc.answer(*id)),
            (None, None) => origin(field, "report", None),
        });
    }
    out
}

/// How far one event can be taken as read: the held report's status with its answers, the
/// doubts still standing, the grades withheld, and where each value came from.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EventReview {
    pub status: EventStatus,
    pub doubts: Vec<DoubtView>,
    pub withheld: Vec<Judgement>,
    pub origins: Vec<ValueOrigin>,
}

/// One document awaiting review: what was read (as answered so far), every doubt still
/// standing, the grades withheld from the picture, and the answers given.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewItem {
    pub sha256: String,
    /// The paths it was ingested from.
    pub source_files: Vec<String>,
    pub urn: Option<u32>,
    pub la_name: Option<String>,
    pub kind: Option<Kind>,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    pub published: Option<Date>,
    pub lead_inspector: Option<String>,
    /// Each grade read (or answered), by judgement.
    pub grades: JudgementSet,
    pub doubts: Vec<DoubtView>,
    /// Judgements whose grade the national picture does not count from this report yet.
    pub withheld: Vec<Judgement>,
    pub answers: Vec<Answer>,
}

/// A link on Ofsted's site whose file is gone (404 or 410, or a "Report not found" page in
/// place of the PDF), as `lacs sync` last found it: a doubt of the LA's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct GoneLinkView {
    pub urn: u32,
    pub la_name: String,
    /// The link's text on the LA's page.
    pub link_text: String,
    pub url: String,
    /// What the site answered.
    pub reason: String,
    /// When it was last asked for (RFC 3339).
    pub last_checked: Option<String>,
}

/// A report awaiting review, as the national picture mentions it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AwaitingReport {
    pub urn: Option<u32>,
    pub la_name: Option<String>,
    pub published: Option<Date>,
    pub sha256: String,
    /// Judgements the picture does not count from this report while their doubts stand.
    pub withheld: Vec<Judgement>,
}

/// Reports awaiting review that a picture's cut-off reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AwaitingReview {
    pub count: usize,
    pub reports: Vec<AwaitingReport>,
}

/// The national picture and what it cannot count yet.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StatsView {
    #[serde(flatten)]
    pub stats: Stats,
    pub awaiting_review: AwaitingReview,
}

impl Register {
    /// The review state of one event (`official` when the register holds no report of it).
    pub fn event_review(&self, event: &InspectionEvent) -> EventReview {
        let doc = event.sources.report_sha256.as_deref().and_then(|s| self.reviewed.get(s));
        EventReview {
            status: doc.map_or(EventStatus::Official, |d| d.reviewed.status.into()),
            doubts: doc.map(|d| d.reviewed.unanswered.iter().map(DoubtView::from).collect()).unwrap_or_default(),
            withheld: doc.map(|d| d.reviewed.withheld.clone()).unwrap_or_default(),
            origins: origins(event, doc),
        }
    }

    /// Every document awaiting review, by LA name then publication date.
    pub fn review_items(&self) -> Vec<ReviewItem> {
        let mut items: Vec<ReviewItem> = self
            .reviewed
            .values()
            .filter(|d| d.reviewed.status == Status::NeedsReview)
            .map(|d| {
                let v = &d.reviewed.values;
                ReviewItem {
                    sha256: d.sha256.clone(),
                    source_files: self.records.iter().filter(|r| r.sha256 == d.sha256).map(|r| r.source_file.clone()).collect(),
                    urn: v.urn,
                    la_name: v.urn.and_then(lacs_authorities::by_urn).map(|a| a.name.clone()),
                    kind: v.kind,
                    inspection_start: v.inspection_start,
                    inspection_end: v.inspection_end,
                    published: v.published,
                    lead_inspector: v.lead_inspector.clone(),
                    grades: v.grades,
                    doubts: d.reviewed.unanswered.iter().map(DoubtView::from).collect(),
                    withheld: d.reviewed.withheld.clone(),
                    answers: d.answers.clone(),
                }
            })
            .collect();
        items.sort_by(|a, b| (&a.la_name, a.published, &a.sha256).cmp(&(&b.la_name, b.published, &b.sha256)));
        items
    }

    /// Links gone from Ofsted's site, by LA name then link text; only `urn`'s when given.
    pub fn gone_links(&self, urn: Option<u32>) -> Vec<GoneLinkView> {
        let mut out: Vec<GoneLinkView> = self
            .gone
            .iter()
            .filter(|p| urn.is_none_or(|u| u == p.urn))
            .map(|p| GoneLinkView {
                urn: p.urn,
                la_name: lacs_authorities::by_urn(p.urn)
                    .map(|a| a.name.clone())
                    .or_else(|| p.la_name.clone())
                    .unwrap_or_else(|| format!("URN {}", p.urn)),
                link_text: p.link_text.clone(),
                url: p.url.clone(),
                reason: p.error.clone().unwrap_or_default(),
                last_checked: p.checked_at.clone(),
            })
            .collect();
        out.sort_by(|a, b| (&a.la_name, &a.link_text, &a.url).cmp(&(&b.la_name, &b.link_text, &b.url)));
        out
    }

    /// Reports awaiting review published by `published_by` (or with no date).
    pub fn awaiting_review(&self, published_by: Date) -> AwaitingReview {
        let reports: Vec<AwaitingReport> = self
            .review_items()
            .into_iter()
            .filter(|i| i.published.is_none_or(|p| p <= published_by))
            .map(|i| AwaitingReport { urn: i.urn, la_name: i.la_name, published: i.published, sha256: i.sha256, withheld: i.withheld })
            .collect();
        AwaitingReview { count: reports.len(), reports }
    }

    /// The national (and regional) picture, with the reports it reaches that await review.
    pub fn stats(&self, q: &StatsQuery) -> StatsView {
        StatsView { stats: self.index().stats(q), awaiting_review: self.awaiting_review(q.cutoff.published_by) }
    }
}

#[cfg(test)]
mod tests {
    use crate::Register;
    use jiff::civil::date;
    use lacs_analysis::StatsQuery;
    use lacs_domain::{Doubt, DoubtKind, Grade, Judgement, JudgementReading, Kind, PublishedSource, ReadReport};
    use lacs_store::{NewDocument, Source, Store};

    fn reading(judgement: Judgement, grade: Grade) -> JudgementReading {
        JudgementReading { judgement, grade, page: 1, text: String::new() }
    }

    #[test]
    fn the_picture_counts_a_flagged_reports_undoubted_grades_and_says_what_waits() {
        let mut store = Store::open_in_memory().unwrap();
        let report = ReadReport {
            kind: Some(Kind::IlacsStandard),
            urn: Some(80426),
            inspection_start: Some(date(2023, 1, 9)),
            inspection_end: Some(date(2023, 1, 20)),
            judgements: vec![
                reading(Judgement::Overall, Grade::Good),
                reading(Judgement::Leaders, Grade::Good),
                reading(Judgement::HelpProtection, Grade::Good),
                reading(Judgement::InCare, Grade::Outstanding),
                reading(Judgement::CareLeavers, Grade::Good),
            ],
            doubts: vec![Doubt::new(DoubtKind::CrossCheck, "in_care: page 1 says outstanding, the body heading says good")
                .on_page(1)
                .about(&[Judgement::InCare])],
            page_count: 1,
            ..Default::default()
        };
        let sha = "c".repeat(64);
        store
            .store(&NewDocument {
                sha256: sha.clone(),
                source: Source { source_file: "80426_barnsley/x.pdf".into(), folder_urn: Some(80426) },
                size: 1,
                report,
                published: Some((date(2023, 3, 3), PublishedSource::FileName)),
                reading_rules: String::new(),
            })
            .unwrap();
        let picture = |store: &Store, judgement| {
            let register = Register::load(store).unwrap();
            register.stats(&StatsQuery::as_at(date(2023, 6, 1)).judgement(judgement))
        };
        let overall = picture(&store, Judgement::Overall);
        assert_eq!((overall.stats.counts.inspected, overall.stats.counts.grades.get(Grade::Good)), (1, 1));
        let in_care = picture(&store, Judgement::InCare);
        assert_eq!(in_care.stats.counts.grades.get(Grade::Outstanding), 0, "the doubted grade waits");
        assert_eq!(in_care.awaiting_review.count, 1);
        assert_eq!(in_care.awaiting_review.reports[0].withheld, [Judgement::InCare]);
        assert_eq!(in_care.awaiting_review.reports[0].la_name.as_deref(), Some("Barnsley"));
        // Before its publication the report is not mentioned.
        let register = Register::load(&store).unwrap();
        assert_eq!(register.stats(&StatsQuery::as_at(date(2023, 3, 1))).awaiting_review.count, 0);

        // Answered: counted, and its origin is the person.
        store.answer_set(&sha, &["in_care=good".into()], "the body heading and paragraph 40", "ann").unwrap();
        let in_care = picture(&store, Judgement::InCare);
        assert_eq!((in_care.stats.counts.grades.get(Grade::Good), in_care.awaiting_review.count), (1, 0));
        let register = Register::load(&store).unwrap();
        let la = register.la(&crate::LaRequest { la: "Barnsley".into(), as_at: None }).unwrap();
        let origin = la.inspections[0].origins.iter().find(|o| o.field == "in_care").unwrap();
        assert_eq!((origin.source, origin.by.as_deref()), ("person", Some("ann")));
        assert_eq!(la.inspections[0].origins.iter().find(|o| o.field == "overall").unwrap().source, "report");
    }
}
