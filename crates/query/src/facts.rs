//! `facts`: every fact a story about one inspection could state (its grades and their change,
//! the LA's place among the first to reach a grade, the national and regional picture on the
//! day it was published, its dates and lead inspector, what inspectors said must improve, the
//! report's own summary, its statistical neighbours), each with where it comes from.
//!
//! Nothing here counts anew: the ranks are `firsts`', the picture is `stats`', the grades,
//! changes, lists and neighbours are `la`'s; this module picks the inspection, reads them for
//! it and says each in one sentence, so the CLI and the web say the same thing.

use lacs_analysis::{Change, Counts, Cutoff, First, Grouping, NeighbourSet, StatsQuery};
use lacs_domain::{Authority, Date, FindingSection, Framework, Grade, InspectionEvent, Judgement, Kind};
use lacs_store::Store;
use serde::Serialize;

use crate::params::{long_date, read_date, ParamError, Params, DATE_FORMS};
use crate::requests::{LaRequest, Request};
use crate::views::ListedFinding;
use crate::{QueryError, Register};

/// How many of the report's own summary sentences the facts keep.
pub const SUMMARY_SENTENCES: usize = 3;

/// Which inspection `inspection` names: an event's id, or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InspectionChoice {
    Id(i64),
    Date(Date),
}

/// `facts`: one LA (`la`: a name, alias, URN, DfE number or GSS code) and, optionally, one of
/// its graded inspections (`inspection`): by its event id, or by a date, which picks the
/// graded inspection whose on-site dates contain it, else the one published that day, else
/// the latest published on or before it. Without it: the LA's latest graded inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactsRequest {
    pub la: String,
    pub inspection: Option<InspectionChoice>,
}

impl Request for FactsRequest {
    fn parse(p: &Params) -> Result<Self, ParamError> {
        let la = p.get("la").ok_or_else(|| p.error("la", "name the local authority: a name, Ofsted URN, DfE number or GSS code"))?;
        let inspection = match p.get("inspection") {
            None => None,
            // An id is all digits; no date form is.
            Some(v) if v.bytes().all(|b| b.is_ascii_digit()) => Some(InspectionChoice::Id(
                v.parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| p.error("inspection", format!("{v:?} is not an inspection's id (a positive number)")))?,
            )),
            Some(v) if read_date(v).is_none() => {
                return Err(p.error("inspection", format!("{v:?} is neither an inspection's id (a number) nor a date ({DATE_FORMS})")))
            }
            Some(_) => p.date("inspection")?.map(InspectionChoice::Date),
        };
        Ok(FactsRequest { la: la.to_string(), inspection })
    }
}

/// Where a fact comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FactSource {
    /// The report's own words.
    Report,
    /// Ofsted's official statistics (a row of its files).
    Official,
    /// Ofsted's reports site.
    Site,
    /// A person's answer in review, where the report was in doubt.
    Person,
    /// Computed by the register from the inspections it holds.
    Computed,
}

/// A fact's provenance: its source, the report's page where it is read from one, and the
/// report's words, the official record's row, the person's note or how it was computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Provenance {
    pub source: FactSource,
    /// 1-based page of the report.
    pub page: Option<u32>,
    /// Report: the words a grade was read from, or where a date was (`None` where the fact
    /// is the report's words itself); official: "file / sheet / row"; person: who and why;
    /// computed: how (for counts, the `lacs` command that gives the same number); site: the
    /// address.
    pub detail: Option<String>,
}

impl Provenance {
    fn report(page: Option<u32>, words: Option<String>) -> Provenance {
        Provenance { source: FactSource::Report, page, detail: words }
    }

    fn official(row: Option<&str>) -> Provenance {
        Provenance { source: FactSource::Official, page: None, detail: row.map(str::to_string) }
    }

    fn computed(how: String) -> Provenance {
        Provenance { source: FactSource::Computed, page: None, detail: Some(how) }
    }

    /// In brackets after a statement: "report, page 3", "computed: lacs firsts …".
    pub fn cite(&self) -> String {
        let page = self.page.map(|p| format!(", page {p}")).unwrap_or_default();
        let source = match self.source {
            FactSource::Report => "report",
            FactSource::Official => "Ofsted’s official statistics",
            FactSource::Site => "Ofsted’s reports site",
            FactSource::Person => "answered in review",
            FactSource::Computed => "computed",
        };
        match &self.detail {
            Some(d) => format!("{source}{page}: {d}"),
            None => format!("{source}{page}"),
        }
    }
}

/// How the inspection was picked (see [`FactsRequest`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChosenBy {
    /// No inspection asked for: the LA's latest graded inspection.
    Latest,
    /// By its event id.
    Id,
    /// The date asked falls within its on-site dates.
    OnSite,
    /// Published on the date asked.
    Published,
    /// The latest graded inspection published on or before the date asked.
    LatestBy,
}

/// A date, with where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DateFact {
    pub date: Date,
    pub statement: String,
    pub provenance: Provenance,
}

/// The days on site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct OnSiteFact {
    pub start: Date,
    pub end: Option<Date>,
    pub statement: String,
    pub provenance: Provenance,
}

/// How long inspectors were on site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct LengthFact {
    /// Calendar days, first and last included.
    pub days: u32,
    /// Whole weeks spanned, counted in sevens of days from the first (12 days: 2 weeks).
    pub weeks: u32,
    pub statement: String,
    pub provenance: Provenance,
}

/// A piece of text: a name, an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TextFact {
    pub text: String,
    pub statement: String,
    pub provenance: Provenance,
}

/// The LA's graded inspection before this one, which each judgement's change compares with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PreviousInspection {
    pub event_id: i64,
    pub kind: Option<Kind>,
    pub framework: Option<Framework>,
    pub inspection_start: Option<Date>,
    pub published: Option<Date>,
}

/// One judgement's grade, and its change from the previous graded inspection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct GradeFact {
    pub judgement: Judgement,
    pub grade: Grade,
    /// The previous graded inspection's grade in this judgement (`None`: not graded then, or
    /// no previous inspection).
    pub previous: Option<Grade>,
    /// `None` for a grade off the scale (not judged).
    pub change: Option<Change>,
    /// "Overall effectiveness: Good (previously Requires improvement, SIF, published …)".
    pub statement: String,
    /// Where the grade was read.
    pub provenance: Provenance,
}

/// The LA's place in the order in which LAs first reached a grade in a judgement: in
/// England or its Ofsted region, under this inspection's framework or any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RankFact {
    pub judgement: Judgement,
    pub grade: Grade,
    /// `None`: any framework.
    pub framework: Option<Framework>,
    /// The Ofsted region ranked among themselves; `None`: England.
    pub region: Option<&'static str>,
    /// The LA's rank (same-day ties share it: 1, 2, 2, 4).
    pub rank: usize,
    /// How many LAs hold that rank (1 unless published the same day as others).
    pub sharing: usize,
    /// Whether this inspection is the LA's first at the grade. When false, the rank is the
    /// LA's, earned by `first_event_id`, not by this inspection.
    pub this_inspection: bool,
    pub first_event_id: i64,
    pub first_published: Date,
    pub first_kind: Kind,
    pub statement: String,
    pub provenance: Provenance,
}

/// One area's picture (England or a region) for one judgement, and where the LA's grade
/// stands in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Standing {
    /// "England", or the Ofsted region.
    pub name: &'static str,
    #[serde(flatten)]
    pub counts: Counts,
    /// LAs graded as this one is.
    pub at_grade: usize,
    /// LAs graded better.
    pub better: usize,
    /// `at_grade` as a whole per cent of the LAs graded in the judgement (Ofsted's
    /// denominator); `None` when none is.
    pub percent: Option<u32>,
}

/// The national and regional picture as at the publication date, by Ofsted's rule (as
/// `stats --as-at` counts it), for one judgement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PictureFact {
    pub judgement: Judgement,
    /// This inspection's grade.
    pub grade: Grade,
    pub as_at: Date,
    pub england: Standing,
    pub region: Standing,
    /// Whether the picture counts this LA at this inspection's grade (false only when a
    /// later inspection of the LA was published the same day).
    pub counted: bool,
    pub statement: String,
    pub provenance: Provenance,
}

/// An item the report lists as a thing to improve (priority action, improvement item,
/// recommendation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ImprovementFact {
    #[serde(flatten)]
    pub finding: ListedFinding,
    pub provenance: Provenance,
}

/// A sentence of the report's own summary (see [`Facts::summary`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SentenceFact {
    pub text: String,
    /// The judgement whose heading it sits under.
    pub judgement: Option<Judgement>,
    /// The number the report prints before the paragraph, where it prints one.
    pub paragraph: Option<u32>,
    pub provenance: Provenance,
}

/// The statistical neighbours' latest grades as at the publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NeighboursFact {
    pub as_at: Date,
    /// One per DfE model, as `la` gives them.
    pub sets: Vec<NeighbourSet>,
    pub provenance: Provenance,
}

/// Every fact about one graded inspection of an LA a story could state, each with its
/// provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Facts {
    pub urn: u32,
    pub la_name: &'static str,
    /// The LA's Ofsted region.
    pub region: &'static str,
    pub event_id: i64,
    pub kind: Kind,
    pub framework: Option<Framework>,
    pub chosen_by: ChosenBy,
    /// The date asked for, when the inspection was picked by one.
    pub date_asked: Option<Date>,
    pub on_site: Option<OnSiteFact>,
    pub length: Option<LengthFact>,
    pub published: DateFact,
    /// Lead inspector(s), as the report names them (ILACS).
    pub lead_inspector: Option<TextFact>,
    /// Ofsted's copy of the report.
    pub report_url: Option<TextFact>,
    pub previous_inspection: Option<PreviousInspection>,
    /// Each judgement graded, in canonical order.
    pub grades: Vec<GradeFact>,
    /// For each judgement graded outstanding, and each graded good for the first time under
    /// this framework: England and the region, this framework and any.
    pub ranks: Vec<RankFact>,
    /// For each judgement graded on the scale.
    pub picture: Vec<PictureFact>,
    /// What inspectors said must improve, as the report lists it.
    pub must_improve: Vec<ImprovementFact>,
    /// The first sentences under the report's overall effectiveness heading, or, where the
    /// register keeps none (ILACS), the opening sentence under each judgement's heading (empty
    /// when the register holds no report, or its file is not at hand).
    pub summary: Vec<SentenceFact>,
    pub neighbours: NeighboursFact,
}

/// A judgement's label inside a sentence: "help and protection", "LSCB".
pub fn judgement_words(j: Judgement) -> String {
    let label = j.label();
    if label.chars().all(|c| !c.is_lowercase()) {
        return label.to_string();
    }
    lower_first(label)
}

/// Words that begin a sentence, inside another: the first letter in lower case.
fn lower_first(words: &str) -> String {
    let mut chars = words.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// "1st", "2nd", "3rd", "11th", "22nd".
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Whole per cent, halves up.
fn percent(part: usize, whole: usize) -> Option<u32> {
    (whole > 0).then(|| u32::try_from((part * 200 + whole) / (whole * 2)).unwrap_or(u32::MAX))
}

/// Sentences of a paragraph: a stop (., ?, !, with a closing quote or bracket) followed by a
/// space and a capital, digit or opening quote ends one, unless the word before it is an
/// abbreviation that never ends a sentence in a report ("e.g.", "Dr.").
pub fn sentences(paragraph: &str) -> Vec<String> {
    const NEVER_LAST: [&str; 10] = ["e.g", "i.e", "mr", "mrs", "ms", "dr", "no", "st", "cf", "etc.,"];
    let text: Vec<char> = paragraph.split_whitespace().collect::<Vec<_>>().join(" ").chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < text.len() {
        if matches!(text[i], '.' | '?' | '!') {
            let mut end = i + 1;
            while end < text.len() && matches!(text[end], '"' | '”' | '’' | '\'' | ')') {
                end += 1;
            }
            let next = text.get(end + 1).copied();
            let boundary = text.get(end) == Some(&' ')
                && next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘' | '('));
            let word: String = text[start..i].iter().rev().take_while(|c| **c != ' ').collect::<Vec<_>>().into_iter().rev().collect();
            let abbreviation = text[i] == '.' && NEVER_LAST.contains(&word.to_lowercase().as_str());
            if boundary && !abbreviation {
                out.push(text[start..end].iter().collect::<String>().trim().to_string());
                start = end + 1;
                i = end;
            }
        }
        i += 1;
    }
    let rest: String = text[start.min(text.len())..].iter().collect::<String>().trim().to_string();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

impl Register {
    /// `facts`: every fact about one graded inspection of an LA, each with its provenance.
    /// `store` is the register's file, for the report's summary paragraphs and the pages
    /// dates and names are printed on (`None`: left out).
    pub fn facts(&self, store: Option<&Store>, r: &FactsRequest) -> Result<Facts, QueryError> {
        let authority = crate::authority(&r.la)?;
        let index = self.index();
        let graded: Vec<&InspectionEvent> = index.graded_of(authority.urn).collect();
        let (e, chosen_by, date_asked) = choose(authority, &graded, r.inspection)?;
        let (Some(kind), Some(published)) = (e.kind, e.published) else {
            // Graded events in the index all have both; one without is no inspection to state.
            return Err(QueryError::NotGradedInspection { id: e.id, la: authority.name.clone() });
        };
        let framework = kind.framework();
        // The LA as known on the day this inspection was published: its history to then,
        // each judgement's change, its lists, its neighbours' grades then.
        let view = self.la(&LaRequest { la: authority.urn.to_string(), as_at: Some(published) })?;
        let this = view.inspections.iter().find(|v| v.event_id == e.id).ok_or_else(|| QueryError::NotGradedInspection { id: e.id, la: authority.name.clone() })?;
        let previous = view
            .inspections
            .iter()
            .take_while(|v| v.event_id != e.id)
            .filter(|v| v.kind.is_some_and(Kind::is_graded_event))
            .last()
            .map(|v| PreviousInspection {
                event_id: v.event_id,
                kind: v.kind,
                framework: v.kind.and_then(Kind::framework),
                inspection_start: v.inspection_start,
                published: v.published,
            });
        let sha = e.sources.report_sha256.as_deref();
        let record = sha.and_then(|s| self.records.iter().find(|r| r.sha256 == s));
        let printed_on = |needles: &[&str]| store.zip(sha).and_then(|(st, s)| page_with(st, s, needles));
        let origin = |field: &str| this.origins.iter().find(|o| o.field == field);
        let person = |field: &str| {
            origin(field).filter(|o| o.source == "person").map(|o| Provenance {
                source: FactSource::Person,
                page: None,
                detail: Some(format!("{}{}", o.by.as_deref().unwrap_or("a person"), o.note.as_deref().map(|n| format!(": {n}")).unwrap_or_default())),
            })
        };
        // A date or name the report's record gives as the event does is the report's; else
        // the official record's.
        let dated = |field: &str, value: Option<Date>, in_record: Option<&Option<String>>, needles: &[&str]| {
            person(field).unwrap_or_else(|| match (in_record, &e.sources.official) {
                (Some(Some(v)), _) if value.is_some_and(|d| d.to_string() == *v) => Provenance::report(printed_on(needles), None),
                (_, Some(row)) => Provenance::official(Some(row)),
                _ => Provenance::report(None, None),
            })
        };

        let on_site = e.inspection_start.map(|start| OnSiteFact {
            start,
            end: e.inspection_end,
            statement: match e.inspection_end {
                Some(end) => format!("On site from {} to {}", long_date(start), long_date(end)),
                None => format!("On site from {}", long_date(start)),
            },
            provenance: dated("inspection_start", Some(start), record.map(|r| &r.inspection_start), &["inspection date"]),
        });
        let length = e.inspection_start.zip(e.inspection_end).and_then(|(a, z)| {
            let days = u32::try_from((z - a).get_days() + 1).ok().filter(|d| *d > 0)?;
            let weeks = days.div_ceil(7);
            Some(LengthFact {
                days,
                weeks,
                statement: format!("{weeks} week{} on site ({days} days, first and last included)", if weeks == 1 { "" } else { "s" }),
                provenance: Provenance::computed(format!("from {} to {}, counted in sevens of days", a, z)),
            })
        });
        let published_fact = DateFact {
            date: published,
            statement: format!("Published {}", long_date(published)),
            provenance: person("published").unwrap_or_else(|| match record {
                Some(rec) if rec.published.as_deref() == Some(published.to_string().as_str()) => match rec.published_source.as_deref() {
                    Some("file_name") => Provenance::report(None, Some(format!("the date in the report’s file name, {}", crate::answers::file_name(&rec.source_file)))),
                    _ => Provenance::report(printed_on(&["report published", "publication date"]), None),
                },
                _ => match &e.sources.official {
                    Some(row) => Provenance::official(Some(row)),
                    None => Provenance { source: FactSource::Site, page: None, detail: e.sources.url.clone() },
                },
            }),
        };
        let lead_inspector = record.and_then(|r| r.lead_inspector.clone()).filter(|n| !n.trim().is_empty()).map(|names| TextFact {
            statement: format!("Lead inspector: {names}"),
            provenance: Provenance::report(printed_on(&["lead inspector"]), None),
            text: names,
        });
        let report_url = e.sources.url.clone().filter(|u| u.starts_with("http")).map(|u| TextFact {
            statement: format!("The report on Ofsted’s site: {u}"),
            provenance: Provenance { source: FactSource::Site, page: None, detail: None },
            text: u,
        });

        let readings = sha.and_then(|s| self.readings.get(s));
        let grades: Vec<GradeFact> = e
            .grades
            .iter()
            .map(|(j, g)| {
                let change = this.changes.iter().find(|c| c.judgement == j);
                let provenance = person(j.as_str()).unwrap_or_else(|| {
                    let reading = readings.and_then(|rs| rs.iter().find(|x| x.judgement == j && x.grade == g));
                    match (reading, origin(j.as_str()).map(|o| o.source)) {
                        (Some(x), Some("report") | None) => Provenance::report(Some(x.page), Some(x.text.clone())),
                        _ => Provenance::official(e.sources.official.as_deref()),
                    }
                });
                GradeFact {
                    judgement: j,
                    grade: g,
                    previous: change.and_then(|c| c.previous),
                    change: change.map(|c| c.change),
                    statement: grade_statement(j, g, change.and_then(|c| c.previous), previous.as_ref()),
                    provenance,
                }
            })
            .collect();

        let mut ranks = Vec::new();
        for (j, g) in e.grades.iter() {
            let first_here = |fw: Option<Framework>| index.firsts_in(j, g, fw, None).iter().any(|f| f.event_id == e.id);
            let ranked = match g {
                Grade::Outstanding => true,
                // Good only where it is news: the LA's first good in this judgement under
                // this framework.
                Grade::Good => first_here(framework),
                _ => false,
            };
            if !ranked {
                continue;
            }
            let frameworks: Vec<Option<Framework>> = match framework {
                Some(f) => vec![Some(f), None],
                None => vec![None],
            };
            for fw in frameworks {
                for region in [None, Some(authority.ofsted_region)] {
                    let list = index.firsts_in(j, g, fw, region);
                    if let Some(entry) = list.iter().find(|f| f.urn == authority.urn) {
                        ranks.push(rank_fact(j, g, fw, region.map(|r| r.as_str()), entry, &list, e.id));
                    }
                }
            }
        }

        let picture = e
            .grades
            .iter()
            .filter(|(_, g)| g.rank().is_some())
            .map(|(j, g)| {
                let stats = index.stats(&StatsQuery::new(Cutoff::new(published)).judgement(j).by(Grouping::Region).list(true));
                let standing = |name: &'static str, counts: Counts| {
                    let better: usize = Grade::SCALE.iter().filter(|h| h.better_than(g)).map(|h| counts.grades.get(*h)).sum();
                    let at_grade = counts.grades.get(g);
                    Standing { name, counts, at_grade, better, percent: percent(at_grade, counts.grades.total()) }
                };
                let region_name = authority.ofsted_region.as_str();
                let region_counts = stats.groups.iter().find(|x| x.name == region_name).map(|x| x.counts).unwrap_or_default();
                let counted = stats.list.as_ref().is_some_and(|l| l.iter().any(|x| x.urn == authority.urn && x.event_id == Some(e.id) && x.grade == Some(g)));
                let (england, region) = (standing("England", stats.counts), standing(region_name, region_counts));
                PictureFact {
                    statement: picture_statement(j, g, published, &england, &region, counted),
                    provenance: Provenance::computed(format!("lacs stats --as-at {published} --judgement {} --by region", j.as_str())),
                    judgement: j,
                    grade: g,
                    as_at: published,
                    england,
                    region,
                    counted,
                }
            })
            .collect();

        let must_improve = this
            .findings
            .iter()
            .map(|f| ImprovementFact {
                // The item is the report's words: its page says where.
                provenance: Provenance::report(Some(f.page), None),
                finding: f.clone(),
            })
            .collect();
        let summary = match store.zip(sha) {
            Some((st, s)) => summary(st, s)?,
            None => Vec::new(),
        };
        Ok(Facts {
            urn: authority.urn,
            la_name: authority.name.as_str(),
            region: authority.ofsted_region.as_str(),
            event_id: e.id,
            kind,
            framework,
            chosen_by,
            date_asked,
            on_site,
            length,
            published: published_fact,
            lead_inspector,
            report_url,
            previous_inspection: previous,
            grades,
            ranks,
            picture,
            must_improve,
            summary,
            neighbours: NeighboursFact {
                as_at: published,
                sets: view.neighbours.clone(),
                provenance: Provenance::computed(format!("lacs la {} --as-at {published}", authority.urn)),
            },
        })
    }
}

/// The inspection `choice` names among the LA's graded, published inspections (`graded`, in
/// publication order), and how.
fn choose<'e>(
    a: &Authority,
    graded: &[&'e InspectionEvent],
    choice: Option<InspectionChoice>,
) -> Result<(&'e InspectionEvent, ChosenBy, Option<Date>), QueryError> {
    let none = |on: Option<Date>| QueryError::NoGradedInspection { la: a.name.clone(), on };
    match choice {
        None => graded.last().map(|e| (*e, ChosenBy::Latest, None)).ok_or_else(|| none(None)),
        Some(InspectionChoice::Id(id)) => match graded.iter().find(|e| e.id == id) {
            Some(e) => Ok((*e, ChosenBy::Id, None)),
            None => Err(QueryError::NotGradedInspection { id, la: a.name.clone() }),
        },
        Some(InspectionChoice::Date(d)) => {
            let on_site = |e: &&&InspectionEvent| e.inspection_start.is_some_and(|s| s <= d && d <= e.inspection_end.unwrap_or(s));
            if let Some(e) = graded.iter().rev().find(on_site) {
                return Ok((*e, ChosenBy::OnSite, Some(d)));
            }
            if let Some(e) = graded.iter().rev().find(|e| e.published == Some(d)) {
                return Ok((*e, ChosenBy::Published, Some(d)));
            }
            graded.iter().rev().find(|e| e.published.is_some_and(|p| p <= d)).map(|e| (*e, ChosenBy::LatestBy, Some(d))).ok_or_else(|| none(Some(d)))
        }
    }
}

/// The first of the report's first pages (up to 4) whose text holds one of `needles`.
fn page_with(store: &Store, sha: &str, needles: &[&str]) -> Option<u32> {
    (1..=4).find(|&p| {
        store.page_text(sha, p).ok().flatten().is_some_and(|t| {
            let t = t.to_lowercase();
            needles.iter().any(|n| t.contains(n))
        })
    })
}

/// The report's own summary: the first [`SUMMARY_SENTENCES`] sentences of the paragraphs
/// under its overall effectiveness heading; where it has none the register keeps (ILACS
/// reports, whose summary under the judgement table is not stored as paragraphs), the
/// opening sentence under each judgement's heading, in report order. Each with its
/// paragraph's page.
fn summary(store: &Store, sha: &str) -> Result<Vec<SentenceFact>, QueryError> {
    let paragraphs = store.findings_of(sha, FindingSection::Judgement)?;
    let fact = |f: &lacs_store::FindingRow, text: String| SentenceFact {
        text,
        judgement: f.judgement,
        paragraph: f.number,
        provenance: Provenance::report(Some(f.page), None),
    };
    let overall: Vec<&lacs_store::FindingRow> = paragraphs.iter().filter(|f| f.judgement == Some(Judgement::Overall)).collect();
    if !overall.is_empty() {
        return Ok(overall.into_iter().flat_map(|f| sentences(&f.text).into_iter().map(move |s| fact(f, s))).take(SUMMARY_SENTENCES).collect());
    }
    let mut out: Vec<SentenceFact> = Vec::new();
    for f in &paragraphs {
        if out.iter().all(|s| s.judgement != f.judgement) {
            if let Some(first) = sentences(&f.text).into_iter().next() {
                out.push(fact(f, first));
            }
        }
    }
    Ok(out)
}

/// "Overall effectiveness: Good (previously Requires improvement, SIF, published 12 May 2017)".
fn grade_statement(j: Judgement, g: Grade, before: Option<Grade>, previous: Option<&PreviousInspection>) -> String {
    if g.rank().is_none() {
        // Not judged: no change to state.
        return format!("{}: {}", j.label(), g.label());
    }
    let then = previous.map(|p| {
        let fw = p.framework.map_or(String::new(), |f| format!(", {}", f.label()));
        let when = p.published.map_or(String::new(), |d| format!(", published {}", long_date(d)));
        format!("{fw}{when}")
    });
    let about = match (before, then) {
        (Some(b), Some(then)) => format!(" (previously {}{then})", b.label()),
        (None, Some(then)) => format!(" (not graded in the previous inspection{then})"),
        (_, None) => " (the first graded inspection)".to_string(),
    };
    format!("{}: {}{about}", j.label(), g.label())
}

fn rank_fact(j: Judgement, g: Grade, fw: Option<Framework>, region: Option<&'static str>, entry: &First, list: &[First], event_id: i64) -> RankFact {
    let sharing = list.iter().filter(|f| f.rank == entry.rank).count();
    let this_inspection = entry.event_id == event_id;
    let place = format!(
        "{}{} local authority {}",
        if sharing > 1 { "Joint " } else { "" },
        ordinal(entry.rank),
        region.map_or("in England".to_string(), |r| format!("in {r}"))
    );
    let under = fw.map_or(String::new(), |f| format!(" in {} inspections", f.label()));
    let what = format!("graded {} for {}{under}", g.label().to_lowercase(), judgement_words(j));
    let statement = if this_inspection {
        format!("{place} to be {what}")
    } else {
        format!("Was first {what} on {} ({}), the {} to be so", long_date(entry.published), entry.kind.label(), lower_first(&place))
    };
    let mut how = format!("lacs firsts --judgement {} --grade {}", j.as_str(), g.as_str());
    if let Some(f) = fw {
        how.push_str(&format!(" --framework {}", f.as_str()));
    }
    if let Some(r) = region {
        how.push_str(&format!(" --region \"{r}\""));
    }
    RankFact {
        judgement: j,
        grade: g,
        framework: fw,
        region,
        rank: entry.rank,
        sharing,
        this_inspection,
        first_event_id: entry.event_id,
        first_published: entry.published,
        first_kind: entry.kind,
        statement,
        provenance: Provenance::computed(how),
    }
}

/// "As at 3 March 2023, 12 of the 140 local authorities inspected in England (9% of those
/// graded) were graded outstanding for leaders, this one among them; in London, 3 of 30."
fn picture_statement(j: Judgement, g: Grade, as_at: Date, england: &Standing, region: &Standing, counted: bool) -> String {
    let share = |s: &Standing| s.percent.map_or(String::new(), |p| format!(" ({p}% of those graded)"));
    format!(
        "As at {}, {} of the {} local authorities inspected in England{} were graded {} for {}{}; in {}, {} of {}{}",
        long_date(as_at),
        england.at_grade,
        england.counts.inspected,
        share(england),
        g.label().to_lowercase(),
        judgement_words(j),
        if counted { ", this one among them" } else { "" },
        region.name,
        region.at_grade,
        region.counts.inspected,
        share(region),
    )
}

impl Facts {
    /// The inspection's label and date, for a heading: "ILACS standard inspection, published 3 March 2023".
    pub fn title(&self) -> String {
        format!("{}, published {}", self.kind.label(), long_date(self.published.date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_read_as_english() {
        let words: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal).into();
        assert_eq!(words, ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]);
    }
    use jiff::civil::date;

    fn parse(pairs: &[(&str, &str)]) -> Result<FactsRequest, ParamError> {
        FactsRequest::parse(&Params::query(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()).on(date(2026, 12, 4)))
    }

    #[test]
    fn an_inspection_is_named_by_its_id_or_a_date() {
        assert_eq!(parse(&[("la", "Barnsley")]).unwrap().inspection, None);
        assert_eq!(parse(&[("la", "Barnsley"), ("inspection", "80426202301090")]).unwrap().inspection, Some(InspectionChoice::Id(80426202301090)));
        for d in ["2023-01-12", "12/01/2023", "12 January 2023"] {
            assert_eq!(parse(&[("la", "x"), ("inspection", d)]).unwrap().inspection, Some(InspectionChoice::Date(date(2023, 1, 12))), "{d}");
        }
        let e = parse(&[("la", "x"), ("inspection", "soon")]).unwrap_err();
        assert_eq!(e.name, "inspection");
        assert!(e.message.contains("id") && e.message.contains("date"), "{e}");
        assert!(parse(&[("la", "x"), ("inspection", "0")]).is_err());
        assert!(parse(&[("la", "x"), ("inspection", "1999-01-01")]).unwrap_err().message.contains("outside"));
        assert_eq!(parse(&[]).unwrap_err().name, "la");
    }

    #[test]
    fn sentences_end_at_a_stop_before_a_capital() {
        let p = "Children are safe. Leaders, e.g. the director, know the service well. Since 2019 (when\nthe last inspection was) practice improved! 92% of plans are up to date. It is “good.” Next one";
        assert_eq!(
            sentences(p),
            [
                "Children are safe.",
                "Leaders, e.g. the director, know the service well.",
                "Since 2019 (when the last inspection was) practice improved!",
                "92% of plans are up to date.",
                "It is “good.”",
                "Next one",
            ]
        );
        assert_eq!(sentences("Value 1.5 times. Done."), ["Value 1.5 times.", "Done."]);
        assert!(sentences("  ").is_empty());
    }

    #[test]
    fn a_source_is_cited_with_its_page_and_detail() {
        assert_eq!(Provenance::report(Some(3), None).cite(), "report, page 3");
        assert_eq!(Provenance::report(Some(1), Some("Overall effectiveness Good".into())).cite(), "report, page 1: Overall effectiveness Good");
        assert_eq!(Provenance::official(Some("a.ods / history / 12")).cite(), "Ofsted’s official statistics: a.ods / history / 12");
        assert_eq!(Provenance::computed("lacs firsts".into()).cite(), "computed: lacs firsts");
    }

    #[test]
    fn words_for_ranks_judgements_and_shares() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].iter().map(|n| ordinal(*n)).collect();
        assert_eq!(got, ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]);
        assert_eq!(judgement_words(Judgement::HelpProtection), "help and protection");
        assert_eq!(judgement_words(Judgement::Lscb), "LSCB");
        assert_eq!((percent(1, 3), percent(1, 2), percent(0, 0), percent(12, 140)), (Some(33), Some(50), None, Some(9)));
    }

    #[test]
    fn a_date_picks_the_inspection_on_site_then_published_then_the_latest_before() {
        let ev = |id, start, end, published| InspectionEvent {
            id,
            urn: 80426,
            kind: Some(Kind::IlacsStandard),
            event_type: "ILACS standard inspection".into(),
            inspection_start: Some(start),
            inspection_end: Some(end),
            published: Some(published),
            grades: Default::default(),
            sources: Default::default(),
            visit: None,
        };
        let a = lacs_authorities::by_urn(80426).unwrap();
        let (one, two) = (ev(1, date(2019, 1, 7), date(2019, 1, 18), date(2019, 3, 1)), ev(2, date(2023, 1, 9), date(2023, 1, 20), date(2023, 3, 3)));
        let graded = [&one, &two];
        let pick = |c| choose(a, &graded, c).map(|(e, by, _)| (e.id, by));
        assert_eq!(pick(None).unwrap(), (2, ChosenBy::Latest));
        assert_eq!(pick(Some(InspectionChoice::Date(date(2019, 1, 18)))).unwrap(), (1, ChosenBy::OnSite));
        assert_eq!(pick(Some(InspectionChoice::Date(date(2023, 3, 3)))).unwrap(), (2, ChosenBy::Published));
        assert_eq!(pick(Some(InspectionChoice::Date(date(2022, 12, 31)))).unwrap(), (1, ChosenBy::LatestBy));
        assert_eq!(pick(Some(InspectionChoice::Id(1))).unwrap(), (1, ChosenBy::Id));
        assert!(matches!(pick(Some(InspectionChoice::Date(date(2018, 1, 1)))), Err(QueryError::NoGradedInspection { .. })));
        assert!(matches!(pick(Some(InspectionChoice::Id(3))), Err(QueryError::NotGradedInspection { id: 3, .. })));
        assert!(matches!(choose(a, &[], None), Err(QueryError::NoGradedInspection { on: None, .. })));
    }
}
