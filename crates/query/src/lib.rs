//! The read side of the register: loads documents and official rows from the store, joins
//! them (`lacs-reconcile`), and answers each question (`lacs-analysis`) in one shape that the
//! CLI's `--json` and the web API both serve.
//!
//! **Architecture Invariant:** the CLI and the web server call these functions and add no
//! logic of their own, so both always give the same numbers. Parameter parsing lives here too,
//! so both name a bad parameter the same way.

mod answers;
mod due;
mod facts;
mod feeds;
mod findings;
mod params;
mod requests;
mod review;
mod views;
mod visits;

pub use due::{entry_words, status_words, DueAnswer, DueRequest};
pub use answers::{InspectionDetail, JudgementDetail, LaList, LaRow};
pub use facts::{
    judgement_words, ordinal, sentences, ChosenBy, DateFact, FactSource, Facts, FactsRequest, GradeFact, ImprovementFact, InspectionChoice,
    LengthFact, NeighboursFact, OnSiteFact, PictureFact, PreviousInspection, Provenance, RankFact, SentenceFact, Standing, TextFact,
    SUMMARY_SENTENCES,
};
pub use feeds::{region_slug, EntryCategory, Feed, FeedEntry, FeedScope, FEED_ENTRIES};
pub use findings::{
    reports_without_pages, search, themes, HitSource, SearchAnswer, SearchResult, ThemeCount, ThemeGroup, ThemesBy,
    ThemesReport,
};
pub use params::{long_date, parse_date, read_date, DateRange, ParamError, Params, SearchIn, Spelling, DATE_FORMS};
pub use requests::{
    region_names, DisagreementsRequest, FirstsRequest, GradeFilter, InspectionRequest, LaListRequest, LaRequest, Request,
    SearchRequest, SeriesRequest, ThemesRequest, SEARCH_MAX_PER_PAGE, SEARCH_PER_PAGE,
};
pub use review::{AwaitingReport, AwaitingReview, DoubtView, EventReview, GoneLinkView, ReviewItem, StatsView, ValueOrigin};
pub use views::{InspectionView, LaView, ListedFinding};
pub use visits::{VisitCount, VisitRow, Visits, VisitsRequest};

use lacs_analysis::Index;
use lacs_domain::InspectionEvent;
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
    #[error("the register holds no inspection with id {id}")]
    UnknownInspection { id: i64 },
    #[error("{la} has no graded inspection{}", .on.map(|d| format!(" published on or before {}", params::long_date(d))).unwrap_or_default())]
    NoGradedInspection { la: String, on: Option<lacs_domain::Date> },
    #[error("the register holds no graded inspection of {la} with id {id}")]
    NotGradedInspection { id: i64, la: String },
    #[error(transparent)]
    Analysis(#[from] lacs_analysis::AnalysisError),
}

/// The LA a query names (name or part of one, alias, URN, DfE number or GSS code), or the
/// error every view gives for none, with the closest names.
pub(crate) fn authority(query: &str) -> Result<&'static lacs_domain::Authority, QueryError> {
    lacs_authorities::resolve(query)
        .map_err(|nf| QueryError::UnknownAuthority { query: query.to_string(), suggestions: nf.suggestions.clone() })
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
    /// The judgements each stored report was read from (page and text), by sha256.
    pub readings: std::collections::HashMap<String, Vec<lacs_domain::JudgementReading>>,
    /// Links on Ofsted's site whose file is gone (`lacs sync` found them 404, 410 or a
    /// "Report not found" page): doubts `lacs review` and the LA page show.
    pub gone: Vec<lacs_domain::SitePublication>,
    /// Events by id: their place in `events`.
    by_id: std::collections::HashMap<i64, usize>,
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
        let mut readings = std::collections::HashMap::new();
        for sha in joined.events.iter().filter_map(|e| e.sources.report_sha256.as_ref()) {
            if !readings.contains_key(sha) {
                readings.insert(sha.clone(), store.readings(sha)?);
            }
        }
        Ok(Register {
            by_id: joined.events.iter().enumerate().map(|(i, e)| (e.id, i)).collect(),
            readings,
            events: joined.events,
            disagreements: joined.disagreements,
            records: store.inspection_records_of(&reviewed)?,
            lists: store.findings(None)?.into_iter().filter(|f| views::is_listed(f.section)).collect(),
            reviewed: reviewed.into_iter().map(|d| (d.sha256.clone(), d)).collect(),
            last_updated: store.last_updated()?,
            gone: site.into_iter().filter(|p| p.is_gone()).collect(),
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
}
