//! `lacs sync`: keeps the register current from Ofsted's reports site.
//!
//! One run reads the listing of local authorities' children's services (paging by the number
//! of results actually received, until a page adds no new provider), then each provider page,
//! and for each publication:
//! - a **report** not yet held is downloaded, checked (complete, a PDF), moved into the
//!   content-addressed cache and read into the register with [`lacs_ingest::ingest`] (in a
//!   bounded worker process) from a hard link named as the site names it,
//!   `cache/la/<urn>_<la name>/<link text>.pdf`, so that `lacs_extract::Hints::from_path`
//!   still finds the provider URN (a hint) and the date in the link text; that path is the
//!   register's `source_file` for the report;
//! - a **focused or monitoring visit** letter is downloaded and cached, and its first page
//!   checked to name the visit: it becomes an ungraded event of the LA in `site_publications`,
//!   not a report (the extractor would read it as `unknown` and send it to review);
//! - anything else is recorded and not fetched;
//! - a file **gone** for good (404 or 410, or a "Report not found" page in place of the PDF
//!   after the retries) is recorded `gone` with when it was checked and why: not a failure,
//!   listed in the summary and by `lacs review`, asked for again only after
//!   [`GONE_RECHECK_DAYS`] (or with [`SyncOptions::recheck_gone`]).
//!
//! **A changed or blocked site does not pass silently:** a listing with no LAs, or under half
//! the LAs of the last run that read it whole ([`listing_shrank`]), is an error and is not
//! recorded (the stored pages stay as they were); a provider page listing no publication is an
//! error when the register holds that LA's reports or letters, else a doubt. With
//! `only_urns` (`--urn`) the listing is not read: each provider page is built from its URN
//! ([`site`]'s `provider_url`), which reaches abolished LAs the listing no longer gives.
//!
//! **Recorded:** every run but a dry run ends by writing a [`lacs_store::SyncRun`] (failed runs
//! too), after every other write; then its new events ([`NewEvent`]) are delivered to the
//! [`Delivery`] receivers, whose failures are warnings, never a failed run.
//!
//! Everything the site said (file id, link text, address, date in the link text) is kept in
//! `site_publications` (`Store::site_publications`), one row per (URN, file id), with the file's
//! sha256 once fetched: the read side links a report to Ofsted's copy by sha256.
//!
//! **Incremental:** a file id whose content is cached (or already in the register) is never
//! requested again; the same content under another file id is cached and stored once; listing
//! and provider pages are requested conditionally (ETag / Last-Modified) and a 304 reuses what
//! was read from them last time.
//!
//! **Polite:** one request at a time, at most `rate_per_sec` a second across the run, a
//! User-Agent naming lacs and its project ([`USER_AGENT`]; `SyncOptions::user_agent` another),
//! retries with exponential backoff and
//! jitter on timeouts, 5xx, 429, 403 and bodies cut short or not a PDF, `Retry-After` honoured; a
//! provider's or a file's failure is reported and the run goes on.
//!
//! **Resumable:** each step is recorded as it completes (a file is `cached` before it is read,
//! `stored` or `recorded` after), so a run stopped anywhere (cancelled, killed) is finished by
//! the next without fetching again what it had. One run at a time per cache (a lock file).
//!
//! The entry point is blocking: call it from a plain thread (or `spawn_blocking`), never from
//! inside an async task.

mod cache;
mod http;
mod letter;
mod notify;
mod site;

pub use http::{RetryNote, USER_AGENT};
pub use letter::{run_letter_worker, LetterOutput};
pub use notify::{Delivered, Delivery, EventType, NewEvent};
/// The rows of what the site listed are the domain's; the store keeps them.
pub use lacs_domain::{KindHint, PublicationStatus, SitePublication};
pub use site::{classify, DEFAULT_BASE_URL, LINK_TEXT_KINDS};

use cache::{Cache, CacheError};
use http::{BadBody, FetchError, Fetched, Http, HttpOptions, Validators};
use lacs_domain::Status;
use lacs_ingest::{FileOutcome, FileResult, Limits, WorkerCommand};
use lacs_store::{Store, StoreError};
use reqwest::Url;
use serde::Serialize;
use site::{ProviderLink, PublicationLink};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Listing pages read at most in one run (a site that never stops adding providers).
const MAX_LISTING_PAGES: usize = 200;

/// A link found gone is asked for again after this many days (or with `--recheck-gone`).
pub const GONE_RECHECK_DAYS: i64 = 30;

/// The one rule for a listing that shrank: fewer than half the LAs the last full listing
/// gave. Such a listing (a changed page, a block page) is an error, not the new truth.
pub fn listing_shrank(found: usize, previous: u64) -> bool {
    (found as u64).saturating_mul(2) < previous
}

/// Words of a page served in place of a file that say the file is gone for good (the
/// site's "Report not found"); an HTML page without them (a block page?) is a failure.
pub const GONE_PAGE_WORDS: &[&str] = &["not found", "no longer available", "does not exist"];

/// Fills in the register's event ids of a run's new events (the read side's join, which
/// this crate does not make): `lacs` passes one that loads the register.
pub type EventIds = fn(&Store, &mut [NewEvent]);

/// How a run behaves.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// The reports site, [`DEFAULT_BASE_URL`] unless a mirror or a stand-in is named.
    pub base_url: String,
    /// The content-addressed cache; [`SyncOptions::default_cache_dir`] by default.
    pub cache_dir: PathBuf,
    /// Requests a second at most, over the whole run (default 2).
    pub rate_per_sec: f64,
    /// Time one request may take, body included.
    pub timeout: Duration,
    /// Retries of one request after a timeout, a 5xx, 429 or 403, or a bad body.
    pub retries: u32,
    /// First backoff between retries; doubled each retry, jittered.
    pub backoff: Duration,
    /// Longest `Retry-After` honoured as asked (longer ones wait this long).
    pub max_retry_after: Duration,
    /// Read the listing and provider pages, fetch no file, change nothing: the summary lists
    /// what would be fetched.
    pub dry_run: bool,
    /// Only these providers (tests and partial runs).
    pub only_urns: Option<Vec<u32>>,
    /// Reader processes at a time when reading a provider's new reports.
    pub jobs: usize,
    /// How to read a visit letter's first page in a bounded process (`lacs __read-letter
    /// --max-memory-mb N`, given the file); `None` reads it in this process.
    pub letter_worker: Option<WorkerCommand>,
    /// The User-Agent sent; [`USER_AGENT`] (lacs and its project) unless one is named.
    pub user_agent: Option<String>,
    /// Set to stop the run at the next request; what was done is kept and the summary says
    /// `interrupted`.
    pub cancel: Arc<AtomicBool>,
    /// The run's clock (when a gone link was checked, whether a re-check is due); `None`:
    /// the system clock when the run starts. Tests pass a time.
    pub now: Option<jiff::Timestamp>,
    /// Ask again for every link found gone, however recently checked.
    pub recheck_gone: bool,
    /// Where new events go (`--notify`, `--webhook`).
    pub delivery: Delivery,
    /// Fills in the new events' register ids before delivery.
    pub event_ids: Option<EventIds>,
}

impl SyncOptions {
    /// Defaults for a cache folder: the public site, 2 requests a second, 60 s a request, 4
    /// retries starting at 1 s.
    pub fn new(cache_dir: impl Into<PathBuf>) -> SyncOptions {
        SyncOptions {
            base_url: DEFAULT_BASE_URL.to_string(),
            cache_dir: cache_dir.into(),
            rate_per_sec: 2.0,
            timeout: Duration::from_secs(60),
            retries: 4,
            backoff: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(300),
            dry_run: false,
            only_urns: None,
            jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
            letter_worker: None,
            user_agent: None,
            cancel: Arc::new(AtomicBool::new(false)),
            now: None,
            recheck_gone: false,
            delivery: Delivery::default(),
            event_ids: None,
        }
    }

    /// The folder where the register keeps its documents' bytes (`cache/` beside the
    /// register file): downloads cached there are the register's copies too.
    pub fn default_cache_dir(db: &Path) -> PathBuf {
        lacs_store::Blobs::beside(db).root().to_path_buf()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("--base-url {url}: {reason}")]
    BaseUrl { url: String, reason: String },
    #[error("another lacs sync is running with the cache {}", .0.display())]
    Busy(PathBuf),
    #[error("cache {}: {source}", path.display())]
    Cache { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Http(String),
    #[error("cannot read the reports site's listing {url}: {reason}")]
    Listing { url: String, reason: String },
    #[error("the reports site's listing {url} gives no local authority: the page has changed or is not the listing (a block page?); nothing recorded")]
    ListingEmpty { url: String },
    #[error("the reports site's listing gives {found} local authorities, under half the {previous} it gave before: the page has changed or is cut short; nothing recorded, run again later or check the site")]
    ListingShrunk { found: usize, previous: u64 },
}

/// Which step a problem arose in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Listing,
    ProviderPage,
    Download,
    Cache,
    /// Reading a cached file (a report into the register, a letter's first page).
    Read,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Listing => "listing",
            Stage::ProviderPage => "provider_page",
            Stage::Download => "download",
            Stage::Cache => "cache",
            Stage::Read => "read",
        }
    }
}

/// One problem, with what the site said about the thing concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncIssue {
    pub stage: Stage,
    pub urn: Option<u32>,
    pub file_id: Option<String>,
    pub link_text: Option<String>,
    pub url: String,
    pub reason: String,
}

impl SyncIssue {
    /// A problem with one publication link on an LA's page.
    fn of_link(p: &ProviderLink, link: &PublicationLink, stage: Stage, reason: String) -> SyncIssue {
        SyncIssue {
            stage,
            urn: Some(p.urn),
            file_id: Some(link.file_id.clone()),
            link_text: Some(link.link_text.clone()),
            url: link.url.clone(),
            reason,
        }
    }
}

/// A link whose file is gone from Ofsted's site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoneLink {
    pub urn: u32,
    pub la_name: String,
    pub file_id: String,
    pub link_text: String,
    pub url: String,
    /// Why: `HTTP 404 Not Found`, or the page served in its place.
    pub reason: String,
    /// When it was last asked for (RFC 3339).
    pub checked_at: String,
    /// Asked for in this run (else skipped until a re-check is due).
    pub checked_now: bool,
}

/// A file a run would fetch (`dry_run`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedFetch {
    pub urn: u32,
    pub la_name: String,
    pub file_id: String,
    pub link_text: String,
    pub kind_hint: KindHint,
    pub url: String,
}

/// The closing summary of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncSummary {
    pub base_url: String,
    pub dry_run: bool,
    /// Stopped before the end (cancelled); the next run carries on.
    pub interrupted: bool,
    /// Listing and provider pages answered (200 or 304).
    pub pages_read: usize,
    /// Of which unchanged since the last run (304).
    pub pages_not_modified: usize,
    pub providers: usize,
    pub publications: usize,
    /// Files downloaded (checked and cached) in this run.
    pub new_files: usize,
    /// Bytes of the files downloaded (pages not counted).
    pub bytes_downloaded: u64,
    /// Files already fetched before and read from the cache in this run (an interrupted run's).
    pub from_cache: usize,
    /// Publications already done (report in the register, letter recorded): nothing to do.
    pub already_done: usize,
    /// Reports newly stored in the register.
    pub new_reports: usize,
    /// Of which need review (`lacs review`).
    pub needs_review: usize,
    /// Reports whose content the register already held (under another link or path).
    pub duplicates: usize,
    /// Visit letters newly recorded as ungraded events.
    pub new_visits: usize,
    /// New reports and visits.
    pub new_events: usize,
    /// Publications neither a report nor a visit letter, recorded and not fetched.
    pub other_publications: usize,
    pub requests: u64,
    pub retries: u64,
    pub failures: Vec<SyncIssue>,
    /// Not failures, but worth a look (a visit letter whose first page does not name it).
    pub doubts: Vec<SyncIssue>,
    /// With `dry_run`: what would be fetched.
    pub would_fetch: Vec<PlannedFetch>,
    /// Links gone from the site (found now, or earlier and not yet due a re-check): not
    /// failures.
    pub gone: Vec<GoneLink>,
    /// The LAs the listing gave, when it was read whole (not with `only_urns`).
    pub listed_providers: Option<u64>,
    /// The new reports and visits, as delivered.
    pub events: Vec<NewEvent>,
    /// Deliveries to `--notify` and `--webhook` that went through.
    pub delivered: usize,
    /// Not failures, and not the run's exit status: deliveries that failed, a run record
    /// that could not be written.
    pub warnings: Vec<String>,
    pub elapsed_seconds: f64,
}

impl SyncSummary {
    /// True when the run went to its end without a failure.
    pub fn all_ok(&self) -> bool {
        self.failures.is_empty() && !self.interrupted
    }

    /// The closing line, as `lacs sync` prints it and `sync_runs` keeps it.
    pub fn line(&self) -> String {
        if self.dry_run {
            return format!(
                "dry run: {} pages read for {} LAs, {} publications; would fetch {} files{}",
                self.pages_read,
                self.providers,
                self.publications,
                self.would_fetch.len(),
                if self.failures.is_empty() { String::new() } else { format!("; {} failures", self.failures.len()) }
            );
        }
        let mut line = format!(
            "{} pages read ({} unchanged) for {} LAs; {} new files ({:.1} MB); {} new events: {} reports stored ({} need review), {} visit letters; {} failures; {} requests in {:.1} s",
            self.pages_read,
            self.pages_not_modified,
            self.providers,
            self.new_files,
            self.bytes_downloaded as f64 / 1_000_000.0,
            self.new_events,
            self.new_reports,
            self.needs_review,
            self.new_visits,
            self.failures.len(),
            self.requests,
            self.elapsed_seconds
        );
        if let Some(gone) = self.gone_line() {
            line.push_str("; ");
            line.push_str(&gone);
        }
        line
    }

    /// "N links gone (last checked …)", when some are.
    pub fn gone_line(&self) -> Option<String> {
        let dates: std::collections::BTreeSet<&str> =
            self.gone.iter().map(|g| g.checked_at.get(..10).unwrap_or(&g.checked_at)).collect();
        let (first, last) = (dates.first()?, dates.last()?);
        let when = if first == last { first.to_string() } else { format!("between {first} and {last}") };
        let n = self.gone.len();
        Some(format!("{n} link{} gone (last checked {when})", if n == 1 { "" } else { "s" }))
    }
}

/// What a run is doing, as it goes.
#[derive(Debug, Clone)]
pub enum Progress {
    /// A listing page was read; `providers` found so far.
    ListingPage { url: String, providers: usize },
    /// The listing is read: this many providers to visit.
    Providers { total: usize },
    /// Visiting a provider (`index` from 0).
    Provider { index: usize, total: usize, urn: u32, name: String },
    Downloading { urn: u32, link_text: String, url: String },
    Downloaded { urn: u32, link_text: String, bytes: u64 },
    /// Reading a provider's new files.
    Reading { urn: u32, files: usize },
    Retrying(RetryNote),
    Failed(SyncIssue),
    ProviderDone { index: usize, total: usize },
}

/// Bring the register up to date with the reports site. See the crate's documentation.
pub fn sync(
    store: &mut Store,
    opts: &SyncOptions,
    worker: &WorkerCommand,
    limits: &Limits,
    mut on_progress: impl FnMut(&Progress),
) -> Result<SyncSummary, SyncError> {
    let started = Instant::now();
    let clock = opts.now.unwrap_or_else(jiff::Timestamp::now);
    let base = parse_base(&opts.base_url)?;
    let cache = if opts.dry_run {
        None
    } else {
        Some(Cache::open(&opts.cache_dir).map_err(|e| match e {
            CacheError::Busy => SyncError::Busy(opts.cache_dir.clone()),
            CacheError::Io { path, source } => SyncError::Cache { path, source },
        })?)
    };
    let http = Http::new(
        HttpOptions {
            rate_per_sec: opts.rate_per_sec,
            timeout: opts.timeout,
            retries: opts.retries,
            backoff: opts.backoff,
            max_retry_after: opts.max_retry_after,
            max_body_bytes: limits.max_file_mb.saturating_mul(1024 * 1024),
            user_agent: opts.user_agent.clone().unwrap_or_else(|| USER_AGENT.to_string()),
        },
        opts.cancel.clone(),
    )
    .map_err(SyncError::Http)?;
    let mut run = Run {
        store,
        opts,
        worker,
        limits,
        http,
        cache,
        base,
        summary: SyncSummary { base_url: opts.base_url.clone(), dry_run: opts.dry_run, ..Default::default() },
        progress: &mut on_progress,
        now: clock,
        events: Vec::new(),
    };
    let result = run.run();
    run.summary.requests = run.http.requests;
    run.summary.retries = run.http.retries;
    run.summary.new_events = run.summary.new_reports + run.summary.new_visits;
    run.summary.elapsed_seconds = started.elapsed().as_secs_f64();
    if let Err(e) = run.fill_events() {
        run.summary.warnings.push(format!("cannot describe the new events: {e}"));
    }
    if !opts.dry_run {
        // Written after everything else the run wrote, each of which is already in the register.
        let record = run.record(&result, clock, started.elapsed());
        if let Err(e) = run.store.record_sync_run(&record) {
            run.summary.warnings.push(format!("cannot record this run in sync_runs: {e}"));
        }
        // The register is written: now the alerts, whose failures are warnings only.
        if !opts.delivery.is_empty() && !run.summary.events.is_empty() {
            if let Some(fill) = opts.event_ids {
                fill(run.store, &mut run.summary.events);
            }
            let requests = run.http.requests;
            let delivered = notify::deliver(&run.summary.events, &opts.delivery, &mut run.http);
            run.http.requests = requests; // the site's requests only
            run.summary.delivered = delivered.ok;
            run.summary.warnings.extend(delivered.warnings);
        }
    }
    result?;
    Ok(run.summary)
}

/// A time as the register keeps it (RFC 3339, to the second).
fn stamp(t: jiff::Timestamp) -> String {
    t.round(jiff::Unit::Second).unwrap_or(t).to_string()
}

fn parse_base(s: &str) -> Result<Url, SyncError> {
    let bad = |reason: String| SyncError::BaseUrl { url: s.to_string(), reason };
    let mut url = Url::parse(s.trim()).map_err(|e| bad(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(bad("not an http(s) address".into()));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// Why reading a page stopped.
enum PageError {
    Cancelled,
    Failed(String),
    Fatal(SyncError),
}

/// A cached file waiting to be read.
struct Item {
    file_id: String,
    link_text: String,
    url: String,
    kind: KindHint,
    sha256: String,
    path: PathBuf,
}

struct Run<'a> {
    store: &'a mut Store,
    opts: &'a SyncOptions,
    worker: &'a WorkerCommand,
    limits: &'a Limits,
    http: Http,
    cache: Option<Cache>,
    base: Url,
    summary: SyncSummary,
    progress: &'a mut dyn FnMut(&Progress),
    /// The run's clock, from its start.
    now: jiff::Timestamp,
    /// New events in the order they were stored.
    events: Vec<NewEvent>,
}

/// A page read, whose record waits until what was read from it is judged sound.
struct PageRead<T> {
    links: Vec<T>,
    /// (url, validators, links as JSON): `None` when nothing is to be recorded (a 304, a dry run).
    record: Option<(String, Validators, String)>,
}

impl Run<'_> {
    fn run(&mut self) -> Result<(), SyncError> {
        let providers = match self.opts.only_urns.clone() {
            // Straight to each provider page, built from its URN: the listing is not needed,
            // and an abolished LA (no longer listed) is reached too.
            Some(only) => {
                let mut providers = Vec::new();
                for urn in only {
                    let url = site::provider_url(&self.base, urn).map_err(SyncError::Http)?;
                    let name = lacs_authorities::by_urn(urn).map_or_else(|| format!("URN {urn}"), |a| a.name.clone());
                    if !providers.iter().any(|p: &ProviderLink| p.urn == urn) {
                        providers.push(ProviderLink { urn, name, url: url.to_string() });
                    }
                }
                providers
            }
            None => self.listing()?,
        };
        self.summary.providers = providers.len();
        (self.progress)(&Progress::Providers { total: providers.len() });
        for (index, p) in providers.iter().enumerate() {
            if self.stopping() {
                break;
            }
            self.provider(index, providers.len(), p)?;
        }
        Ok(())
    }

    /// True (and noted) when the run was asked to stop.
    fn stopping(&mut self) -> bool {
        if self.opts.cancel.load(Ordering::Relaxed) {
            self.summary.interrupted = true;
        }
        self.summary.interrupted
    }

    fn fail(&mut self, issue: SyncIssue) {
        tracing::warn!(stage = ?issue.stage, url = issue.url, reason = issue.reason, "sync failure");
        (self.progress)(&Progress::Failed(issue.clone()));
        self.summary.failures.push(issue);
    }

    /// Every provider in the listing, paging by the number of results received until a page
    /// adds none.
    /// The listing is recorded (its pages' validators and links) only once judged sound: a
    /// listing with no LAs, or one that shrank ([`listing_shrank`]), is an error and leaves the
    /// stored pages as they were.
    fn listing(&mut self) -> Result<Vec<ProviderLink>, SyncError> {
        let mut providers: Vec<ProviderLink> = Vec::new();
        let mut records = Vec::new();
        let mut whole = true;
        let mut start = 0;
        let first_url = site::listing_url(&self.base, 0).map_err(SyncError::Http)?;
        for _ in 0..MAX_LISTING_PAGES {
            let url = site::listing_url(&self.base, start).map_err(SyncError::Http)?;
            let base = self.base.clone();
            let links = match self.page(&url, |html, u| site::parse_listing(html, u, &base)) {
                Ok(read) => {
                    records.extend(read.record);
                    read.links
                }
                Err(PageError::Cancelled) => {
                    self.summary.interrupted = true;
                    whole = false;
                    break;
                }
                Err(PageError::Fatal(e)) => return Err(e),
                Err(PageError::Failed(reason)) if providers.is_empty() => {
                    return Err(SyncError::Listing { url: url.to_string(), reason })
                }
                Err(PageError::Failed(reason)) => {
                    self.fail(SyncIssue {
                        stage: Stage::Listing,
                        urn: None,
                        file_id: None,
                        link_text: None,
                        url: url.to_string(),
                        reason: format!("{reason}; carrying on with the {} providers found", providers.len()),
                    });
                    whole = false;
                    break;
                }
            };
            let received = links.len();
            let before = providers.len();
            for l in links {
                if !providers.iter().any(|p| p.urn == l.urn) {
                    providers.push(l);
                }
            }
            (self.progress)(&Progress::ListingPage { url: url.to_string(), providers: providers.len() });
            if received == 0 || providers.len() == before {
                break;
            }
            start += received;
        }
        if !self.summary.interrupted {
            if providers.is_empty() {
                return Err(SyncError::ListingEmpty { url: first_url.to_string() });
            }
            let previous = match self.store.last_listed_providers()? {
                Some(n) => n,
                None => self.store.site_provider_count()?,
            };
            if listing_shrank(providers.len(), previous) {
                return Err(SyncError::ListingShrunk { found: providers.len(), previous });
            }
        }
        if whole && !self.summary.interrupted {
            self.summary.listed_providers = Some(providers.len() as u64);
        }
        for record in records {
            self.put_page(record)?;
        }
        Ok(providers)
    }

    fn put_page(&mut self, (url, v, json): (String, Validators, String)) -> Result<(), SyncError> {
        self.store.site_put_page(&url, v.etag.as_deref(), v.last_modified.as_deref(), &json)?;
        Ok(())
    }

    /// A listing or provider page, read conditionally: a 304 gives what was read last time.
    /// What was read is returned with its record, for the caller to write once it judges it.
    fn page<T: Serialize + serde::de::DeserializeOwned>(
        &mut self,
        url: &Url,
        parse: impl Fn(&str, &Url) -> Vec<T>,
    ) -> Result<PageRead<T>, PageError> {
        let fatal = |e: StoreError| PageError::Fatal(e.into());
        let stored = self.store.site_page(url.as_str()).map_err(fatal)?;
        let stored = stored.and_then(|page| {
            let links: Vec<T> = serde_json::from_str(&page.links).ok()?;
            Some((Validators { etag: page.etag, last_modified: page.last_modified }, links))
        });
        let progress = &mut *self.progress;
        let fetched = self.http.get(url, stored.as_ref().map(|(v, _)| v), &|_: &[u8]| Ok(()), &mut |note| {
            progress(&Progress::Retrying(note.clone()))
        });
        match fetched {
            Ok(Fetched::NotModified) => {
                self.summary.pages_read += 1;
                self.summary.pages_not_modified += 1;
                Ok(PageRead { links: stored.map(|(_, links)| links).unwrap_or_default(), record: None })
            }
            Ok(Fetched::Body { bytes, validators }) => {
                self.summary.pages_read += 1;
                let links = parse(&String::from_utf8_lossy(&bytes), url);
                let mut record = None;
                if !self.opts.dry_run {
                    let json = serde_json::to_string(&links).map_err(|e| PageError::Failed(e.to_string()))?;
                    record = Some((url.to_string(), validators, json));
                }
                Ok(PageRead { links, record })
            }
            Err(FetchError::Cancelled) => Err(PageError::Cancelled),
            Err(FetchError::Failed(reason) | FetchError::Gone(reason)) => Err(PageError::Failed(reason)),
        }
    }

    fn provider(&mut self, index: usize, total: usize, p: &ProviderLink) -> Result<(), SyncError> {
        (self.progress)(&Progress::Provider { index, total, urn: p.urn, name: p.name.clone() });
        let issue = |reason: String| SyncIssue {
            stage: Stage::ProviderPage,
            urn: Some(p.urn),
            file_id: None,
            link_text: None,
            url: p.url.clone(),
            reason,
        };
        let links = match Url::parse(&p.url) {
            Err(e) => Err(PageError::Failed(format!("bad address: {e}"))),
            Ok(url) => self.page(&url, site::parse_provider),
        };
        let read = match links {
            Ok(read) => read,
            Err(PageError::Cancelled) => {
                self.summary.interrupted = true;
                return Ok(());
            }
            Err(PageError::Fatal(e)) => return Err(e),
            Err(PageError::Failed(reason)) => {
                self.fail(issue(reason));
                return Ok(());
            }
        };
        let links = read.links;
        if links.is_empty() {
            // A page listing nothing: an error when the register holds this LA's reports or
            // letters (the page changed, or is not the LA's), and then not recorded; else a doubt.
            let held = self.store.site_held_for(p.urn)?;
            if held > 0 {
                self.fail(issue(format!(
                    "the page lists no publication, though the register holds {held} of this LA's reports and letters: \
                     the page has changed or is not the LA's page (a block page?); not recorded"
                )));
                (self.progress)(&Progress::ProviderDone { index, total });
                return Ok(());
            }
            self.summary.doubts.push(issue("the page lists no publication".to_string()));
        }
        if let Some(record) = read.record {
            self.put_page(record)?;
        }
        let mut batch = Vec::new();
        for link in &links {
            if self.stopping() {
                break;
            }
            if let Some(item) = self.publication(p, link)? {
                batch.push(item);
            }
        }
        if !self.stopping() && !batch.is_empty() {
            self.read(p, batch)?;
        }
        (self.progress)(&Progress::ProviderDone { index, total });
        Ok(())
    }

    /// Where cached content with this hash is, if it is.
    fn cached(&self, sha256: &str, recorded: Option<&str>) -> Option<PathBuf> {
        let root = self.cache.as_ref().map_or(self.opts.cache_dir.as_path(), |c| c.root());
        let path = lacs_store::Blobs::at(root).path(sha256).ok().filter(|p| p.is_file());
        path.or_else(|| recorded.map(PathBuf::from).filter(|p| p.is_file()))
    }

    /// Record one publication and fetch it if need be. Returns a cached file to read.
    fn publication(&mut self, p: &ProviderLink, link: &PublicationLink) -> Result<Option<Item>, SyncError> {
        self.summary.publications += 1;
        let class = site::classify(&link.link_text);
        let kind = class.kind;
        let published = lacs_extract::date_in_file_name(&link.link_text).map(|d| d.to_string());
        if !self.opts.dry_run {
            self.store.site_listed(
                &lacs_store::ListedPublication {
                    urn: p.urn,
                    file_id: &link.file_id,
                    link_text: &link.link_text,
                    url: &link.url,
                    kind,
                    published: published.as_deref(),
                    la_name: &p.name,
                    provider_url: &p.url,
                },
            )?;
        }
        if kind == KindHint::Other {
            self.summary.other_publications += 1;
            if !self.opts.dry_run {
                self.store.site_set_status(p.urn, &link.file_id, PublicationStatus::Skipped, None)?;
            }
            return Ok(None);
        }
        let row = self.store.site_publication(p.urn, &link.file_id)?;
        if let Some(r) = row.as_ref().filter(|r| r.is_gone()) {
            if !self.recheck_due(r.checked_at.as_deref()) {
                self.summary.gone.push(GoneLink {
                    urn: p.urn,
                    la_name: p.name.clone(),
                    file_id: link.file_id.clone(),
                    link_text: link.link_text.clone(),
                    url: link.url.clone(),
                    reason: r.error.clone().unwrap_or_default(),
                    checked_at: r.checked_at.clone().unwrap_or_default(),
                    checked_now: false,
                });
                return Ok(None);
            }
        }
        if let Some(r) = &row {
            let done = match r.status {
                PublicationStatus::Stored => match &r.sha256 {
                    Some(sha) => self.store.contains(sha)?,
                    None => false,
                },
                PublicationStatus::Recorded => true,
                _ => false,
            };
            if done {
                self.summary.already_done += 1;
                return Ok(None);
            }
        }
        // Content known under this file id (here, or under another provider)?
        let known = match row.filter(|r| r.sha256.is_some()) {
            Some(r) => Some(r),
            None => self.store.site_known_file(&link.file_id)?,
        };
        if let Some(k) = known {
            let sha = k.sha256.clone().unwrap_or_default();
            if let Some(path) = self.cached(&sha, k.cache_path.as_deref()) {
                if self.opts.dry_run {
                    return Ok(None);
                }
                self.summary.from_cache += 1;
                let fetch = lacs_store::SiteFetch {
                    sha256: &sha,
                    size: k.size.unwrap_or(0),
                    cache_path: &path.to_string_lossy(),
                    etag: k.etag.as_deref(),
                    last_modified: k.last_modified.as_deref(),
                    fetched_at: k.fetched_at.as_deref().unwrap_or(""),
                };
                self.store.site_set_fetched(p.urn, &link.file_id, &fetch)?;
                return Ok(Some(self.item(link, kind, sha, path)));
            }
            if kind == KindHint::Report && self.store.contains(&sha)? {
                // The cache was cleared but the register has the report: nothing to fetch.
                self.summary.already_done += 1;
                if !self.opts.dry_run {
                    self.store.site_set_stored(p.urn, &link.file_id, None)?;
                }
                return Ok(None);
            }
        }
        if self.opts.dry_run {
            self.summary.would_fetch.push(PlannedFetch {
                urn: p.urn,
                la_name: p.name.clone(),
                file_id: link.file_id.clone(),
                link_text: link.link_text.clone(),
                kind_hint: kind,
                url: link.url.clone(),
            });
            return Ok(None);
        }
        if class.unfamiliar {
            let reason = "a link text lacs does not know: fetched and read as a report (a reading in doubt awaits `lacs review`)";
            self.summary.doubts.push(SyncIssue::of_link(p, link, Stage::Download, reason.to_string()));
        }
        self.download(p, link, kind)
    }

    /// True when a link found gone at `checked_at` is to be asked for again: asked to, or
    /// [`GONE_RECHECK_DAYS`] have passed (or when it was checked is unknown).
    fn recheck_due(&self, checked_at: Option<&str>) -> bool {
        if self.opts.recheck_gone {
            return true;
        }
        let Some(checked) = checked_at.and_then(|t| t.parse::<jiff::Timestamp>().ok()) else { return true };
        self.now.as_second() - checked.as_second() >= GONE_RECHECK_DAYS * 86_400
    }

    fn item(&self, link: &PublicationLink, kind: KindHint, sha256: String, path: PathBuf) -> Item {
        Item { file_id: link.file_id.clone(), link_text: link.link_text.clone(), url: link.url.clone(), kind, sha256, path }
    }

    fn download(&mut self, p: &ProviderLink, link: &PublicationLink, kind: KindHint) -> Result<Option<Item>, SyncError> {
        let issue = |stage, reason| SyncIssue::of_link(p, link, stage, reason);
        let url = match Url::parse(&link.url) {
            Ok(u) => u,
            Err(e) => {
                let reason = format!("bad address: {e}");
                self.store.site_set_status(p.urn, &link.file_id, PublicationStatus::Failed, Some(&reason))?;
                self.fail(issue(Stage::Download, reason));
                return Ok(None);
            }
        };
        (self.progress)(&Progress::Downloading { urn: p.urn, link_text: link.link_text.clone(), url: link.url.clone() });
        self.store.site_count_attempt(p.urn, &link.file_id)?;
        let progress = &mut *self.progress;
        let fetched = self.http.get(&url, None, &check_pdf, &mut |note| progress(&Progress::Retrying(note.clone())));
        let (bytes, validators) = match fetched {
            Ok(Fetched::Body { bytes, validators }) => (bytes, validators),
            Err(FetchError::Cancelled) => {
                self.summary.interrupted = true;
                return Ok(None);
            }
            Err(FetchError::Gone(reason)) => {
                // Gone for good: recorded, not a failure; asked for again when a re-check is due.
                let checked_at = stamp(self.now);
                self.store.site_set_gone(p.urn, &link.file_id, &reason, &checked_at)?;
                tracing::info!(url = link.url, reason, "gone from the site");
                self.summary.gone.push(GoneLink {
                    urn: p.urn,
                    la_name: p.name.clone(),
                    file_id: link.file_id.clone(),
                    link_text: link.link_text.clone(),
                    url: link.url.clone(),
                    reason,
                    checked_at,
                    checked_now: true,
                });
                return Ok(None);
            }
            Ok(Fetched::NotModified) | Err(FetchError::Failed(_)) => {
                let reason = match fetched {
                    Err(FetchError::Failed(reason)) => reason,
                    _ => "HTTP 304 to an unconditional request".to_string(),
                };
                self.store.site_set_status(p.urn, &link.file_id, PublicationStatus::Failed, Some(&reason))?;
                self.fail(issue(Stage::Download, reason));
                return Ok(None);
            }
        };
        let cache = self.cache.as_mut().expect("a cache outside dry runs");
        let (sha, path) = match cache.put(&bytes) {
            Ok(x) => x,
            Err(e) => {
                let reason = match e {
                    CacheError::Io { path, source } => format!("cannot write {}: {source}", path.display()),
                    CacheError::Busy => "cache busy".to_string(),
                };
                self.store.site_set_status(p.urn, &link.file_id, PublicationStatus::Failed, Some(&reason))?;
                self.fail(issue(Stage::Cache, reason));
                return Ok(None);
            }
        };
        let fetch = lacs_store::SiteFetch {
            sha256: &sha,
            size: bytes.len() as u64,
            cache_path: &path.to_string_lossy(),
            etag: validators.etag.as_deref(),
            last_modified: validators.last_modified.as_deref(),
            fetched_at: &now(),
        };
        self.store.site_set_fetched(p.urn, &link.file_id, &fetch)?;
        self.summary.new_files += 1;
        self.summary.bytes_downloaded += bytes.len() as u64;
        (self.progress)(&Progress::Downloaded { urn: p.urn, link_text: link.link_text.clone(), bytes: bytes.len() as u64 });
        Ok(Some(self.item(link, kind, sha, path)))
    }

    /// The run's new events, reports described from the register (kind, dates, grades, the
    /// LA their text names), into the summary.
    fn fill_events(&mut self) -> Result<(), SyncError> {
        let mut events = std::mem::take(&mut self.events);
        if events.iter().any(|e| e.event_type == EventType::Report) {
            let records = self.store.inspection_records()?;
            let by_sha: HashMap<&str, &lacs_store::InspectionRecord> = records.iter().map(|r| (r.sha256.as_str(), r)).collect();
            for e in events.iter_mut() {
                let Some(r) = e.sha256.as_deref().and_then(|s| by_sha.get(s)) else { continue };
                if let Some(urn) = r.urn {
                    e.urn = urn;
                }
                if let Some(name) = &r.la_name {
                    e.la_name = name.clone();
                }
                e.event = r.kind.parse::<lacs_domain::Kind>().map_or_else(|_| r.kind.clone(), |k| k.label().to_string());
                e.inspection_start = r.inspection_start.clone();
                e.inspection_end = r.inspection_end.clone();
                e.published = r.published.clone().or(e.published.take());
                let grades = [
                    ("overall", r.overall),
                    ("leaders", r.leaders),
                    ("help_protection", r.help_protection),
                    ("in_care", r.in_care),
                    ("care_leavers", r.care_leavers),
                    ("adoption", r.adoption),
                    ("lscb", r.lscb),
                ];
                e.grades = grades.into_iter().filter_map(|(j, g)| Some((j.to_string(), g?.as_str().to_string()))).collect();
                e.status = Some(r.status.clone());
            }
        }
        self.summary.events = events;
        Ok(())
    }

    /// The run as `sync_runs` keeps it.
    fn record(&self, result: &Result<(), SyncError>, started: jiff::Timestamp, took: Duration) -> lacs_store::SyncRun {
        let s = &self.summary;
        let error = match result {
            Err(e) => Some(e.to_string()),
            Ok(()) if !s.failures.is_empty() => {
                let first = &s.failures[0];
                Some(format!("{} failures; the first: {} {}: {}", s.failures.len(), first.stage.as_str(), first.url, first.reason))
            }
            Ok(()) if s.interrupted => Some("interrupted".to_string()),
            Ok(()) => None,
        };
        let finished = started.checked_add(jiff::SignedDuration::try_from(took).unwrap_or_default()).unwrap_or(started);
        lacs_store::SyncRun {
            started_at: stamp(started),
            finished_at: stamp(finished),
            base_url: s.base_url.clone(),
            ok: result.is_ok() && s.all_ok(),
            summary: s.line(),
            new_events: s.new_events as u64,
            error,
            listed_providers: s.listed_providers,
        }
    }

    /// Read a provider's cached files: reports into the register (one ingest batch, each
    /// content once), visit letters' first pages.
    fn read(&mut self, p: &ProviderLink, batch: Vec<Item>) -> Result<(), SyncError> {
        (self.progress)(&Progress::Reading { urn: p.urn, files: batch.len() });
        let conn_issue = |item: &Item, stage, reason| SyncIssue {
            stage,
            urn: Some(p.urn),
            file_id: Some(item.file_id.clone()),
            link_text: Some(item.link_text.clone()),
            url: item.url.clone(),
            reason,
        };
        // Reports: one path per content; every item of that content follows its outcome.
        let mut paths: Vec<PathBuf> = Vec::new();
        let mut by_path: HashMap<PathBuf, Vec<&Item>> = HashMap::new();
        let mut by_sha: HashMap<&str, PathBuf> = HashMap::new();
        for item in batch.iter().filter(|i| i.kind == KindHint::Report) {
            if self.store.contains(&item.sha256)? {
                self.summary.duplicates += 1;
                self.store.site_set_stored(p.urn, &item.file_id, None)?;
                continue;
            }
            if let Some(path) = by_sha.get(item.sha256.as_str()) {
                by_path.entry(path.clone()).or_default().push(item);
                continue;
            }
            let cache = self.cache.as_ref().expect("a cache outside dry runs");
            match cache.link_named(&item.path, &item.sha256, p.urn, &p.name, &item.link_text, &item.file_id) {
                Ok(named) => {
                    by_sha.insert(&item.sha256, named.clone());
                    by_path.entry(named.clone()).or_default().push(item);
                    paths.push(named);
                }
                Err(e) => {
                    let reason = match e {
                        CacheError::Io { path, source } => format!("cannot link {}: {source}", path.display()),
                        CacheError::Busy => "cache busy".to_string(),
                    };
                    self.store.site_set_status(p.urn, &item.file_id, PublicationStatus::Unreadable, Some(&reason))?;
                    self.fail(conn_issue(item, Stage::Cache, reason));
                }
            }
        }
        if !paths.is_empty() {
            let mut results: Vec<FileResult> = Vec::new();
            let jobs = self.opts.jobs.clamp(1, paths.len());
            lacs_ingest::ingest(self.store, &paths, self.worker, self.limits, jobs, |r| results.push(r.clone()))?;
            for r in results {
                let items = by_path.get(&r.path).cloned().unwrap_or_default();
                for (n, item) in items.iter().enumerate() {
                    let source = r.path.to_string_lossy();
                    match &r.outcome {
                        FileOutcome::Stored(status) => {
                            self.store.site_set_stored(p.urn, &item.file_id, Some(&source))?;
                            if n == 0 {
                                self.summary.new_reports += 1;
                                if *status == Status::NeedsReview {
                                    self.summary.needs_review += 1;
                                }
                                self.events.push(NewEvent {
                                    event_type: EventType::Report,
                                    la_name: p.name.clone(),
                                    urn: p.urn,
                                    event: "Report".to_string(),
                                    inspection_start: None,
                                    inspection_end: None,
                                    published: lacs_extract::date_in_file_name(&item.link_text).map(|d| d.to_string()),
                                    grades: Default::default(),
                                    status: Some(status.as_str().to_string()),
                                    link_text: item.link_text.clone(),
                                    ofsted_url: item.url.clone(),
                                    sha256: Some(item.sha256.clone()),
                                    event_id: None,
                                });
                            } else {
                                self.summary.duplicates += 1;
                            }
                        }
                        FileOutcome::Unchanged | FileOutcome::Reread(_) => {
                            self.store.site_set_stored(p.urn, &item.file_id, Some(&source))?;
                            self.summary.duplicates += 1;
                        }
                        FileOutcome::Refused(reason) => {
                            // Kept in the register as not a report.
                            self.store.site_set_stored(p.urn, &item.file_id, Some(&source))?;
                            self.store.site_set_status(p.urn, &item.file_id, PublicationStatus::Stored, Some(reason))?;
                            self.fail(conn_issue(item, Stage::Read, format!("refused: {reason}")));
                        }
                        FileOutcome::Failed(_) if self.opts.cancel.load(Ordering::Relaxed) => {
                            // Ctrl-C reaches the reader processes too: not a fault of the file.
                            // It stays cached, to be read by the next run.
                            self.summary.interrupted = true;
                        }
                        FileOutcome::Failed(reason) => {
                            self.store.site_set_status(p.urn, &item.file_id, PublicationStatus::Unreadable, Some(reason))?;
                            self.fail(conn_issue(item, Stage::Read, reason.clone()));
                        }
                    }
                }
            }
        }
        // Visit letters.
        for item in batch.iter().filter(|i| i.kind.is_visit()) {
            if self.stopping() {
                break;
            }
            match letter::confirm(&item.path, item.kind, self.opts.letter_worker.as_ref(), self.limits) {
                Ok(confirmed) => {
                    let note = (!confirmed).then(|| {
                        format!("page 1 does not mention a {}", item.kind.visit().map_or("visit".to_string(), |v| v.label().to_lowercase()))
                    });
                    self.store.site_set_recorded(p.urn, &item.file_id, confirmed, note.as_deref())?;
                    self.summary.new_visits += 1;
                    self.events.push(NewEvent {
                        event_type: EventType::Visit,
                        la_name: p.name.clone(),
                        urn: p.urn,
                        event: item.kind.visit().map_or("Visit", |v| v.label()).to_string(),
                        inspection_start: None,
                        inspection_end: None,
                        published: lacs_extract::date_in_file_name(&item.link_text).map(|d| d.to_string()),
                        grades: Default::default(),
                        status: None,
                        link_text: item.link_text.clone(),
                        ofsted_url: item.url.clone(),
                        sha256: None,
                        event_id: None,
                    });
                    if let Some(reason) = note {
                        self.summary.doubts.push(conn_issue(item, Stage::Read, reason));
                    }
                }
                Err(reason) => {
                    self.store.site_set_status(p.urn, &item.file_id, PublicationStatus::Unreadable, Some(&reason))?;
                    self.fail(conn_issue(item, Stage::Read, reason));
                }
            }
        }
        Ok(())
    }
}

/// When a file was fetched (RFC 3339, to the second).
fn now() -> String {
    stamp(jiff::Timestamp::now())
}

/// A file body must be a complete PDF: one cut short, or an HTML page in its place, is
/// retried and then reported. Still so after the retries, an HTML page saying the file is not
/// found ([`GONE_PAGE_WORDS`]) or a body that is no PDF at all means the file is gone; any
/// other HTML page (a block page?), a file cut short or empty is a failure.
fn check_pdf(bytes: &[u8]) -> Result<(), BadBody> {
    lacs_pdftext::check_complete(bytes).map_err(|e| match e {
        lacs_pdftext::PdfError::Html => {
            let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]).to_lowercase();
            match GONE_PAGE_WORDS.iter().find(|w| text.contains(*w)) {
                Some(words) => BadBody { reason: format!("the server sent an HTML page, not a PDF (it says \"{words}\")"), gone: true },
                None => BadBody { reason: "the server sent an HTML page, not a PDF".to_string(), gone: false },
            }
        }
        lacs_pdftext::PdfError::NotPdf => BadBody { reason: lacs_pdftext::PdfError::NotPdf.to_string(), gone: true },
        lacs_pdftext::PdfError::Truncated => {
            BadBody { reason: format!("PDF cut short ({} bytes, no %%EOF at the end)", bytes.len()), gone: false }
        }
        other => BadBody { reason: other.to_string(), gone: false },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_checked_and_end_in_a_slash() {
        assert_eq!(parse_base("http://127.0.0.1:8080").unwrap().as_str(), "http://127.0.0.1:8080/");
        assert_eq!(parse_base("https://mirror.test/ofsted").unwrap().as_str(), "https://mirror.test/ofsted/");
        assert!(parse_base("ftp://x").is_err());
        assert!(parse_base("not a url").is_err());
    }

    #[test]
    fn pdf_bodies_are_checked() {
        assert!(check_pdf(b"%PDF-1.4\n...\n%%EOF\n").is_ok());
        let short = check_pdf(b"%PDF-1.4\n...").unwrap_err();
        assert!(short.reason.contains("cut short") && !short.gone);
        let not_found = check_pdf(b"<!DOCTYPE html><html><title>Report not found</title></html>").unwrap_err();
        assert!(not_found.reason.contains("HTML") && not_found.gone, "{not_found:?}");
        let block = check_pdf(b"<!DOCTYPE html><html>Please wait while we check your browser</html>").unwrap_err();
        assert!(block.reason.contains("HTML") && !block.gone, "a block page is not a gone file: {block:?}");
        assert!(check_pdf(b"PK\x03\x04 a zip").unwrap_err().gone);
    }

    #[test]
    fn a_listing_shrank_below_half_of_the_last() {
        assert!(!listing_shrank(153, 153));
        assert!(!listing_shrank(77, 153));
        assert!(listing_shrank(76, 153));
        assert!(!listing_shrank(3, 0), "no earlier listing");
    }

    #[test]
    fn default_cache_is_beside_the_register() {
        assert_eq!(SyncOptions::default_cache_dir(Path::new("/data/lacs/register.db")), Path::new("/data/lacs/cache"));
        assert_eq!(SyncOptions::default_cache_dir(Path::new("register.db")), Path::new("./cache"));
    }
}
