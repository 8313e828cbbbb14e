//! Search over what inspectors said, and how often each improvement theme is named.

use crate::{QueryError, Register};
use lacs_domain::{Date, FindingSection, Grade, Judgement, Kind};
use lacs_store::{SearchFilter, Store};
use serde::Serialize;
use std::collections::BTreeMap;

/// One search result: `text` is the matching sentence with the hits in `[` `]`.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResult {
    pub urn: Option<u32>,
    pub la_name: Option<&'static str>,
    pub published: Option<Date>,
    pub kind: Kind,
    pub section: FindingSection,
    pub judgement: Option<Judgement>,
    pub position: u32,
    pub page: u32,
    pub text: String,
    pub sha256: String,
}

/// Full-text search; `la` is a name, alias, URN, DfE number or GSS code.
pub fn search(
    store: &Store,
    query: &str,
    la: Option<&str>,
    since: Option<Date>,
    until: Option<Date>,
    judgement: Option<Judgement>,
) -> Result<Vec<SearchResult>, QueryError> {
    let urn = match la {
        Some(q) => Some(
            lacs_authorities::resolve(q)
                .map_err(|nf| QueryError::UnknownAuthority { query: q.to_string(), suggestions: nf.suggestions.clone() })?
                .urn,
        ),
        None => None,
    };
    let hits = store.search(query, &SearchFilter { urn, since, until, judgement, limit: None })?;
    Ok(hits
        .into_iter()
        .map(|h| SearchResult {
            urn: h.finding.urn,
            la_name: h.finding.urn.and_then(lacs_authorities::by_urn).map(|a| a.name.as_str()),
            published: h.finding.published,
            kind: h.finding.kind,
            section: h.finding.section,
            judgement: h.finding.judgement,
            position: h.finding.position,
            page: h.finding.page,
            text: h.sentence,
            sha256: h.finding.sha256,
        })
        .collect())
}

/// How theme counts are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

#[derive(Debug, Clone, Serialize)]
pub struct ThemeCount {
    pub id: &'static str,
    pub label: &'static str,
    /// Improvement items naming the theme.
    pub items: usize,
    /// Inspections with at least one such item.
    pub inspections: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeGroup {
    pub name: String,
    pub items: usize,
    pub inspections: usize,
    pub unassigned: usize,
    pub themes: Vec<ThemeCount>,
}

#[derive(Debug, Clone, Serialize)]
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
pub fn themes(register: &Register, as_at: Date, by: Option<ThemesBy>) -> ThemesReport {
    let mut all = Tally::default();
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    let grades: std::collections::HashMap<&str, Option<Grade>> =
        register.records.iter().map(|r| (r.sha256.as_str(), r.overall)).collect();
    for f in &register.improvements {
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
