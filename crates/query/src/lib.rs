//! The read side of the register: loads documents and official rows from the store, joins
//! them (`lacs-reconcile`), and answers each question (`lacs-analysis`) in one shape that the
//! CLI's `--json` and the web API both serve.
//!
//! **Architecture Invariant:** the CLI and the web server call these functions and add no
//! logic of their own, so both always give the same numbers. Parameter parsing lives here too,
//! so both name a bad parameter the same way.

mod findings;
mod params;
mod review;
mod views;

pub use params::{parse_date, parse_grade, parse_grouping, parse_judgement, parse_framework, parse_search_in, ParamError, SearchIn};
pub use findings::{
    reports_without_pages, search, themes, HitSource, SearchRequest, SearchResult, ThemeCount, ThemeGroup, ThemesBy,
    ThemesReport,
};
pub use review::{AwaitingReport, AwaitingReview, DoubtView, EventReview, ReviewItem, StatsView, ValueOrigin};
pub use views::{InspectionView, LaView, ListedFinding};

use lacs_analysis::Index;
use lacs_domain::{Date, InspectionEvent};
use lacs_reconcile::Disagreement;
use lacs_store::{InspectionRecord, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Param(#[from] ParamError),
    #[error("no local authority matches {query:?}{}", suggest(.suggestions))]
    UnknownAuthority { query: String, suggestions: Vec<String> },
    #[error(transparent)]
    Analysis(#[from] lacs_analysis::AnalysisError),
}

fn suggest(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}?", s.join(", "))
    }
}

/// Everything the read side needs, loaded once.
pub struct Register {
    pub events: Vec<InspectionEvent>,
    pub disagreements: Vec<Disagreement>,
    /// One record per stored file.
    pub records: Vec<InspectionRecord>,
    /// Every report's listed findings (priority actions, improvement items,
    /// recommendations), by document, in report order. Judgement paragraphs are not loaded.
    pub lists: Vec<lacs_store::FindingRow>,
    /// Every stored report as read and as answered in review, by sha256.
    pub reviewed: std::collections::HashMap<String, lacs_store::review::ReviewedDocument>,
    pub last_updated: Option<String>,
}

impl Register {
    pub fn load(store: &Store) -> Result<Register, QueryError> {
        // Every report as read and answered, loaded once for the three views made of it.
        let reviewed = store.reviewed_documents()?;
        let reports = store.report_rows_of(&reviewed)?;
        let official = store.official_rows()?;
        let site = store.site_publications()?;
        let joined = lacs_reconcile::reconcile_with_site(&reports, &official, &site);
        Ok(Register {
            events: joined.events,
            disagreements: joined.disagreements,
            records: store.inspection_records_of(&reviewed)?,
            lists: store.findings(None)?.into_iter().filter(|f| views::is_listed(f.section)).collect(),
            reviewed: reviewed.into_iter().map(|d| (d.sha256.clone(), d)).collect(),
            last_updated: store.last_updated()?,
        })
    }

    /// An analysis index over the events (cheap: tens of microseconds).
    pub fn index(&self) -> Index<'_> {
        Index::new(&self.events)
    }

    /// True when the register holds nothing yet.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.records.is_empty()
    }

    /// One LA's page: QUERY is a name, alias, URN, DfE number or GSS code.
    pub fn la(&self, query: &str, as_at: Option<Date>) -> Result<LaView, QueryError> {
        let authority = lacs_authorities::resolve(query).map_err(|nf| QueryError::UnknownAuthority {
            query: query.to_string(),
            suggestions: nf.suggestions.clone(),
        })?;
        views::la_view(self, authority, as_at)
    }
}
