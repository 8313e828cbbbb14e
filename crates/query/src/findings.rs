//! Search over what inspectors said, and how often each improvement theme is named.

use crate::{QueryError, Register, SearchIn, SearchRequest, ThemesRequest};
use lacs_domain::{Date, FindingSection, Grade, Judgement, Kind};
use lacs_store::{SearchFilter, Store};
use serde::Serialize;
use std::collections::BTreeMap;

/// What a search result is: a finding (one item or paragraph of what inspectors said) or a
/// page of a report (`in=all`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HitSource {
    Finding,
    Page,
}

/// One search result. A finding (`source` "finding"): `text` is the matching sentence with the
/// hits in `[` `]`, and `list`, `list_label`, `section`, `position` (and `judgement`,
/// `number` where there is one) say where it sits. A page (`source` "page"): `text` is about
/// 30 words of the page around the hits, `…` where cut; `list`, `list_label`, `section`,
/// `judgement`, `position` and `number` are null.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResult {
    pub source: HitSource,
    pub urn: Option<u32>,
    pub la_name: Option<&'static str>,
    pub published: Option<Date>,
    pub kind: Kind,
    /// The list's id as the report's framework names it (`FindingSection::list`):
    /// priority_action, what_needs_to_improve, area_for_improvement, recommendation,
    /// judgement_paragraph.
    pub list: Option<&'static str>,
    /// The list's name as the report prints it ("What needs to improve").
    pub list_label: Option<&'static str>,
    pub section: Option<FindingSection>,
    pub judgement: Option<Judgement>,
    /// 1-based position within its list (and judgement).
    pub position: Option<u32>,
    /// The paragraph number the report prints, where it prints one.
    pub number: Option<u32>,
    /// 1-based page: where the finding starts, or the matching page.
    pub page: u32,
    pub text: String,
    pub sha256: String,
}

/// A page of a search's results, with what was asked and how many there are in all.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchAnswer {
    /// The words searched for, as given.
    pub q: String,
    pub within: SearchIn,
    /// Every result the search finds, on all pages.
    pub total: usize,
    /// This page, from 1.
    pub page: usize,
    /// How many pages the results fill (0 when there are none).
    pub pages: usize,
    pub per_page: usize,
    /// Stored reports whose pages' text the register lacks (stored by an older lacs), so a
    /// search of every page could not look in them; 0 for a search of findings.
    pub reports_without_text: usize,
    /// This page's results: grouped by LA and inspection, findings in report order, pages in
    /// page order.
    pub results: Vec<SearchResult>,
}

/// Full-text search over findings or, `within` [`SearchIn::All`], every page of every report;
/// one page of results. Words need no syntax: apostrophes, hyphens and stray quotes are
/// searched as written (the store makes them safe); "phrases", AND, OR, NOT work as such.
pub fn search(store: &Store, req: &SearchRequest) -> Result<SearchAnswer, QueryError> {
    let urn = req.la.as_deref().map(crate::authority).transpose()?.map(|a| a.urn);
    let per_page = req.per_page.max(1);
    let mut answer = SearchAnswer {
        q: req.q.clone(),
        within: req.within,
        total: 0,
        page: req.page.max(1),
        pages: 0,
        per_page,
        reports_without_text: 0,
        results: Vec::new(),
    };
    if req.within == SearchIn::All {
        answer.reports_without_text = reports_without_pages(store)?;
    }
    if req.q.trim().is_empty() {
        return Ok(answer);
    }
    let offset = (answer.page - 1).saturating_mul(per_page);
    let filter = SearchFilter { urn, since: req.since, until: req.until, judgement: req.judgement, limit: Some(per_page), offset };
    let la_name = |urn: Option<u32>| urn.and_then(lacs_authorities::by_urn).map(|a| a.name.as_str());
    let (total, results): (usize, Vec<SearchResult>) = if req.within == SearchIn::All {
        let found = store.search_pages(&req.q, &filter)?;
        let results = found
            .hits
            .into_iter()
            .map(|h| SearchResult {
                source: HitSource::Page,
                urn: h.urn,
                la_name: la_name(h.urn),
                published: h.published,
                kind: h.kind,
                list: None,
                list_label: None,
                section: None,
                judgement: None,
                position: None,
                number: None,
                page: h.page,
                text: h.snippet,
                sha256: h.sha256,
            })
            .collect();
        (found.total, results)
    } else {
        let found = store.search(&req.q, &filter)?;
        let results = found
            .hits
            .into_iter()
            .map(|h| {
                let f = h.finding;
                let list = f.section.list(f.kind.framework());
                SearchResult {
                    source: HitSource::Finding,
                    urn: f.urn,
                    la_name: la_name(f.urn),
                    published: f.published,
                    kind: f.kind,
                    list: Some(list.id),
                    list_label: Some(list.label),
                    section: Some(f.section),
                    judgement: f.judgement,
                    position: Some(f.position),
                    number: f.number,
                    page: f.page,
                    text: h.sentence,
                    sha256: f.sha256,
                }
            })
            .collect();
        (found.total, results)
    };
    answer.total = total;
    answer.pages = total.div_ceil(per_page);
    answer.results = results;
    Ok(answer)
}

/// How many stored reports have no page text (stored by a lacs from before the register kept
/// pages): a search `in=all` cannot find anything in them until they are read again.
pub fn reports_without_pages(store: &Store) -> Result<usize, QueryError> {
    Ok(store.documents_without_pages()?)
}

/// How theme counts are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ThemesBy {
    Region,
    Grade,
    Year,
}

impl std::str::FromStr for ThemesBy {
    type Err = crate::ParamError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "region" => Ok(ThemesBy::Region),
            "grade" => Ok(ThemesBy::Grade),
            "year" => Ok(ThemesBy::Year),
            other => Err(crate::ParamError { name: "by".into(), message: format!("unknown grouping {other:?}; expected region, grade or year") }),
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ThemeCount {
    pub id: &'static str,
    pub label: &'static str,
    /// Improvement items naming the theme.
    pub items: usize,
    /// Inspections with at least one such item.
    pub inspections: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ThemeGroup {
    pub name: String,
    pub items: usize,
    pub inspections: usize,
    pub unassigned: usize,
    pub themes: Vec<ThemeCount>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ThemesReport {
    pub as_at: Date,
    pub by: Option<ThemesBy>,
    /// Improvement items of graded inspections published by the date.
    pub items: usize,
    pub inspections: usize,
    /// Items no theme's phrases match.
    pub unassigned: usize,
    pub themes: Vec<ThemeCount>,
    pub groups: Vec<ThemeGroup>,
}

struct Tally {
    items: usize,
    unassigned: usize,
    inspections: std::collections::HashSet<i64>,
    per_theme: Vec<(usize, std::collections::HashSet<i64>)>,
}

impl Default for Tally {
    fn default() -> Tally {
        Tally {
            items: 0,
            unassigned: 0,
            inspections: Default::default(),
            per_theme: vec![Default::default(); lacs_themes::THEMES.len()],
        }
    }
}

impl Tally {
    fn add(&mut self, doc: i64, themes: &[usize]) {
        self.items += 1;
        self.inspections.insert(doc);
        if themes.is_empty() {
            self.unassigned += 1;
        }
        for t in themes {
            self.per_theme[*t].0 += 1;
            self.per_theme[*t].1.insert(doc);
        }
    }
    fn counts(&self) -> Vec<ThemeCount> {
        lacs_themes::THEMES
            .iter()
            .zip(&self.per_theme)
            .map(|(t, (items, docs))| ThemeCount { id: t.id, label: t.label, items: *items, inspections: docs.len() })
            .collect()
    }
}

/// How often each theme is named in improvement items of graded inspections published by
/// `as_at`, nationally and by region, the inspection's overall grade, or publication year.
pub fn themes(register: &Register, r: &ThemesRequest) -> ThemesReport {
    let (as_at, by) = (r.as_at, r.by);
    let mut all = Tally::default();
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    let grades: std::collections::HashMap<&str, Option<Grade>> =
        register.records.iter().map(|r| (r.sha256.as_str(), r.overall)).collect();
    for f in register.lists.iter().filter(|f| matches!(f.section, FindingSection::Improvement | FindingSection::PriorityAction)) {
        if !f.kind.is_graded_event() || f.published.is_none_or(|p| p > as_at) {
            continue;
        }
        let themes: Vec<usize> = lacs_themes::themes_of(&f.text)
            .iter()
            .filter_map(|t| lacs_themes::THEMES.iter().position(|x| x.id == t.id))
            .collect();
        all.add(f.document_id, &themes);
        let group = match by {
            None => continue,
            Some(ThemesBy::Region) => f
                .urn
                .and_then(lacs_authorities::by_urn)
                .map_or("unknown".to_string(), |a| a.ofsted_region.as_str().to_string()),
            Some(ThemesBy::Grade) => grades
                .get(f.sha256.as_str())
                .copied()
                .flatten()
                .map_or("no overall grade".to_string(), |g| g.label().to_string()),
            Some(ThemesBy::Year) => f.published.map_or("unknown".to_string(), |d| d.year().to_string()),
        };
        groups.entry(group).or_default().add(f.document_id, &themes);
    }
    ThemesReport {
        as_at,
        by,
        items: all.items,
        inspections: all.inspections.len(),
        unassigned: all.unassigned,
        themes: all.counts(),
        groups: groups
            .into_iter()
            .map(|(name, t)| ThemeGroup {
                name,
                items: t.items,
                inspections: t.inspections.len(),
                unassigned: t.unassigned,
                themes: t.counts(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use lacs_domain::{Finding, PublishedSource, ReadReport};
    use lacs_store::{NewDocument, Source};

    fn store_with_a_sif() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let finding = |section, position, number, text: &str| Finding { section, judgement: None, position, page: 2, number, text: text.into() };
        let report = ReadReport {
            kind: Some(Kind::Sif),
            urn: Some(80426),
            inspection_start: Some(date(2014, 6, 2)),
            findings: vec![
                finding(FindingSection::PriorityAction, 1, Some(4), "Ensure strategy meetings are held promptly."),
                finding(FindingSection::Improvement, 1, Some(5), "Improve the quality of plans and strategy."),
            ],
            pages: vec!["Title page".into(), "4. Ensure strategy meetings\nare held promptly.".into()],
            page_count: 2,
            ..Default::default()
        };
        store
            .store(&NewDocument {
                sha256: "a".into(),
                source: Source { source_file: "a.pdf".into(), folder_urn: None },
                size: 1,
                report,
                published: Some((date(2014, 8, 1), PublishedSource::Report)),
                reading_rules: String::new(),
            })
            .unwrap();
        store
    }

    #[test]
    fn findings_name_their_list_and_pages_are_pages() {
        let store = store_with_a_sif();
        let found = search(&store, &SearchRequest::new("strategy")).unwrap().results;
        let lists: Vec<_> = found.iter().map(|r| (r.source, r.list, r.list_label, r.number)).collect();
        assert_eq!(
            lists,
            [
                (HitSource::Finding, Some("priority_action"), Some("Priority action"), Some(4)),
                (HitSource::Finding, Some("area_for_improvement"), Some("Area for improvement"), Some(5)),
            ],
            "report order: the priority action first"
        );
        let pages = search(&store, &SearchRequest { within: SearchIn::All, ..SearchRequest::new("\"strategy meetings are held\"") }).unwrap().results;
        assert_eq!(pages.len(), 1);
        let p = &pages[0];
        assert_eq!((p.source, p.page, p.list, p.section, p.position, p.la_name), (HitSource::Page, 2, None, None, None, Some("Barnsley")));
        assert_eq!(p.text, "4. Ensure [strategy meetings are held] promptly.");
        let v = serde_json::to_value(p).unwrap();
        assert_eq!((v["source"].as_str(), v["list"].is_null()), (Some("page"), true));
    }

    #[test]
    fn results_come_a_page_at_a_time() {
        let store = store_with_a_sif();
        let first = search(&store, &SearchRequest { per_page: 1, ..SearchRequest::new("strategy") }).unwrap();
        assert_eq!((first.total, first.pages, first.results.len()), (2, 2, 1));
        let second = search(&store, &SearchRequest { per_page: 1, page: 2, ..SearchRequest::new("strategy") }).unwrap();
        assert_eq!(second.results[0].list, Some("area_for_improvement"));
        let past = search(&store, &SearchRequest { per_page: 1, page: 9, ..SearchRequest::new("strategy") }).unwrap();
        assert!(past.results.is_empty() && past.total == 2);
        let none = search(&store, &SearchRequest::new("  ")).unwrap();
        assert_eq!((none.total, none.pages), (0, 0));
    }
}
