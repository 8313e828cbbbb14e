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
//! - anything else is recorded and not fetched.
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
mod site;

pub use http::{RetryNote, USER_AGENT};
pub use letter::{run_letter_worker, LetterOutput};
/// The rows of what the site listed are the domain's; the store keeps them.
pub use lacs_domain::{KindHint, PublicationStatus, SitePublication};
pub use site::{classify, DEFAULT_BASE_URL, LINK_TEXT_KINDS};

use cache::{Cache, CacheError};
use http::{FetchError, Fetched, Http, HttpOptions, Validators};
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
    pub elapsed_seconds: f64,
}

impl SyncSummary {
    /// True when the run went to its end without a failure.
    pub fn all_ok(&self) -> bool {
        self.failures.is_empty() && !self.interrupted
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
    };
    let result = run.run();
    run.summary.requests = run.http.requests;
    run.summary.retries = run.http.retries;
    run.summary.new_events = run.summary.new_reports + run.summary.new_visits;
    run.summary.elapsed_seconds = started.elapsed().as_secs_f64();
    result?;
    Ok(run.summary)
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
}

impl Run<'_> {
    fn run(&mut self) -> Result<(), SyncError> {
        let mut providers = self.listing()?;
        if let Some(only) = &self.opts.only_urns {
            for urn in only {
                if !self.summary.interrupted && !providers.iter().any(|p| p.urn == *urn) {
                    self.fail(SyncIssue {
                        stage: Stage::Listing,
                        urn: Some(*urn),
                        file_id: None,
                        link_text: None,
                        url: self.base.to_string(),
                        reason: format!("URN {urn} is not in the reports site's listing"),
                    });
                }
            }
            providers.retain(|p| only.contains(&p.urn));
        }
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
    fn listing(&mut self) -> Result<Vec<ProviderLink>, SyncError> {
        let mut providers: Vec<ProviderLink> = Vec::new();
        let mut start = 0;
        for _ in 0..MAX_LISTING_PAGES {
            let url = site::listing_url(&self.base, start).map_err(SyncError::Http)?;
            let base = self.base.clone();
            let links = match self.page(&url, |html, u| site::parse_listing(html, u, &base)) {
                Ok(links) => links,
                Err(PageError::Cancelled) => {
                    self.summary.interrupted = true;
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
        Ok(providers)
    }

    /// A listing or provider page, read conditionally: a 304 gives what was read last time.
    fn page<T: Serialize + serde::de::DeserializeOwned>(
        &mut self,
        url: &Url,
        parse: impl Fn(&str, &Url) -> Vec<T>,
    ) -> Result<Vec<T>, PageError> {
        let fatal = |e: StoreError| PageError::Fatal(e.into());
        let stored = self.store.site_page(url.as_str()).map_err(fatal)?;
        let stored = stored.and_then(|page| {
            let links: Vec<T> = serde_json::from_str(&page.links).ok()?;
            Some((Validators { etag: page.etag, last_modified: page.last_modified }, links))
        });
        let progress = &mut *self.progress;
        let fetched = self.http.get(url, stored.as_ref().map(|(v, _)| v), &|_| Ok(()), &mut |note| {
            progress(&Progress::Retrying(note.clone()))
        });
        match fetched {
            Ok(Fetched::NotModified) => {
                self.summary.pages_read += 1;
                self.summary.pages_not_modified += 1;
                Ok(stored.map(|(_, links)| links).unwrap_or_default())
            }
            Ok(Fetched::Body { bytes, validators }) => {
                self.summary.pages_read += 1;
                let links = parse(&String::from_utf8_lossy(&bytes), url);
                if !self.opts.dry_run {
                    let json = serde_json::to_string(&links).map_err(|e| PageError::Failed(e.to_string()))?;
                    self.store.site_put_page(
                        url.as_str(),
                        validators.etag.as_deref(),
                        validators.last_modified.as_deref(),
                        &json,
                    )
                    .map_err(fatal)?;
                }
                Ok(links)
            }
            Err(FetchError::Cancelled) => Err(PageError::Cancelled),
            Err(FetchError::Failed(reason)) => Err(PageError::Failed(reason)),
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
        let links = match links {
            Ok(links) => links,
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
        let kind = site::classify(&link.link_text);
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
        self.download(p, link, kind)
    }

    fn item(&self, link: &PublicationLink, kind: KindHint, sha256: String, path: PathBuf) -> Item {
        Item { file_id: link.file_id.clone(), link_text: link.link_text.clone(), url: link.url.clone(), kind, sha256, path }
    }

    fn download(&mut self, p: &ProviderLink, link: &PublicationLink, kind: KindHint) -> Result<Option<Item>, SyncError> {
        let issue = |stage, reason| SyncIssue {
            stage,
            urn: Some(p.urn),
            file_id: Some(link.file_id.clone()),
            link_text: Some(link.link_text.clone()),
            url: link.url.clone(),
            reason,
        };
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
    jiff::Timestamp::now().round(jiff::Unit::Second).unwrap_or_else(|_| jiff::Timestamp::now()).to_string()
}

/// A file body must be a complete PDF: one cut short, or an HTML page in its place, is
/// retried and then reported.
fn check_pdf(bytes: &[u8]) -> Result<(), String> {
    lacs_pdftext::check_complete(bytes).map_err(|e| match e {
        lacs_pdftext::PdfError::Html => "the server sent an HTML page, not a PDF".to_string(),
        lacs_pdftext::PdfError::Truncated => format!("PDF cut short ({} bytes, no %%EOF at the end)", bytes.len()),
        other => other.to_string(),
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
        assert!(check_pdf(b"%PDF-1.4\n...").unwrap_err().contains("cut short"));
        assert!(check_pdf(b"<!DOCTYPE html><html>Report not found</html>").unwrap_err().contains("HTML"));
    }

    #[test]
    fn default_cache_is_beside_the_register() {
        assert_eq!(SyncOptions::default_cache_dir(Path::new("/data/lacs/register.db")), Path::new("/data/lacs/cache"));
        assert_eq!(SyncOptions::default_cache_dir(Path::new("register.db")), Path::new("./cache"));
    }
}
