//! What Ofsted's reports site lists for an LA, as rows: each publication with what its link
//! text says it is and what became of it. `lacs-sync` learns them, the store keeps them,
//! `lacs-reconcile` folds them into the events.

use serde::Serialize;

/// What a publication is, from its link text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KindHint {
    /// A graded inspection report: read into the register.
    Report,
    /// An ungraded focused visit letter: kept as a site event of the LA.
    FocusedVisit,
    /// An ungraded monitoring visit letter: kept as a site event of the LA.
    MonitoringVisit,
    /// A joint targeted area inspection letter (with the other inspectorates): kept as an
    /// ungraded site event of the LA.
    Jtai,
    /// Anything else: recorded, not fetched.
    Other,
}

crate::vocabulary!(KindHint, "kind hint", [
    (Report, "report"),
    (FocusedVisit, "focused_visit"),
    (MonitoringVisit, "monitoring_visit"),
    (Jtai, "jtai"),
    (Other, "other"),
]);

impl KindHint {
    /// The hint a stable word names.
    pub fn parse(s: &str) -> Option<KindHint> {
        s.parse().ok()
    }

    /// Visit letters: ungraded events, not reports.
    pub const fn is_visit(self) -> bool {
        self.visit().is_some()
    }

    /// The ungraded event a visit letter is.
    pub const fn visit(self) -> Option<crate::UngradedKind> {
        match self {
            KindHint::FocusedVisit => Some(crate::UngradedKind::FocusedVisit),
            KindHint::MonitoringVisit => Some(crate::UngradedKind::MonitoringVisit),
            KindHint::Jtai => Some(crate::UngradedKind::Jtai),
            KindHint::Report | KindHint::Other => None,
        }
    }
}

/// Where a publication stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicationStatus {
    /// Seen on the site, not fetched yet.
    Listed,
    /// Downloaded, checked and in the cache; not yet read into the register (an interrupted run).
    Cached,
    /// A report whose content is in the register.
    Stored,
    /// A visit letter in the cache, its first page checked: an ungraded event of the LA.
    Recorded,
    /// The download failed (`error` says why); tried again next run.
    Failed,
    /// In the cache but could not be read (`error` says why); read again next run, not fetched.
    Unreadable,
    /// Neither a report nor a visit letter: recorded, not fetched.
    Skipped,
    /// Gone from Ofsted's site for good: the file answered 404 or 410, or its address serves
    /// an HTML "Report not found" page in place of the PDF (`error` says which, `checked_at`
    /// when). Not fetched again until a re-check is due; a doubt `lacs review` shows.
    Gone,
}

crate::vocabulary!(PublicationStatus, "publication status", [
    (Listed, "listed"),
    (Cached, "cached"),
    (Stored, "stored"),
    (Recorded, "recorded"),
    (Failed, "failed"),
    (Unreadable, "unreadable"),
    (Skipped, "skipped"),
    (Gone, "gone"),
]);

/// One publication as the site listed it, and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SitePublication {
    /// The provider page's URN (a hint; a report's text names its LA).
    pub urn: u32,
    /// The last segment of the file's address.
    pub file_id: String,
    /// The hidden text naming it, whitespace collapsed.
    pub link_text: String,
    /// Ofsted's copy.
    pub url: String,
    pub kind_hint: KindHint,
    /// The date in the link text (`yyyy-mm-dd`).
    pub published: Option<String>,
    /// The LA's name in the listing.
    pub la_name: Option<String>,
    /// The provider page.
    pub provider_url: Option<String>,
    /// The content's sha256 once fetched (the register's key of a document).
    pub sha256: Option<String>,
    /// The file's size in bytes, once fetched.
    pub size: Option<u64>,
    /// Where the file sits in the cache.
    pub cache_path: Option<String>,
    /// Reports: the path given to ingest (the register's `source_file`).
    pub ingested_as: Option<String>,
    /// The file's validators as the server gave them.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// When it was fetched (RFC 3339).
    pub fetched_at: Option<String>,
    /// Visit letters: whether page 1 names the visit (None: not checked yet).
    pub confirmed: Option<bool>,
    /// Where it stands.
    pub status: PublicationStatus,
    /// Why it failed or could not be read, or a note on a letter.
    pub error: Option<String>,
    /// Downloads tried.
    pub attempts: u32,
    /// When the file was last asked for and found gone (RFC 3339); `None` for a file never
    /// found gone.
    pub checked_at: Option<String>,
    /// When the site first and last listed it (RFC 3339).
    pub first_seen: String,
    pub last_seen: String,
}

impl SitePublication {
    /// An ungraded event of the LA (a focused or monitoring visit letter we hold).
    pub fn is_visit_event(&self) -> bool {
        self.kind_hint.is_visit() && self.status == PublicationStatus::Recorded
    }

    /// A link whose file is gone from Ofsted's site ([`PublicationStatus::Gone`]).
    pub fn is_gone(&self) -> bool {
        self.status == PublicationStatus::Gone
    }
}
