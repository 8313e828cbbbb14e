//! The server's shared state: the register loaded once, what every request needs computed
//! once, and a small cache of rendered pages (the register never changes while serving).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use lacs_domain::Date;
use lacs_query::Register;
use lacs_store::Store;

use crate::map::MapGeometry;

/// Everything a request reads; cheap to clone (an `Arc`).
#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Inner>);

pub(crate) struct Inner {
    pub register: Register,
    pub map: Result<MapGeometry, String>,
    /// Fixed "today" (tests); `None`: the clock.
    pub today: Option<Date>,
    /// The register file, for full-text search (opened read-only per search).
    pub db: Option<std::path::PathBuf>,
    pub cache: RwLock<PageCache>,
    /// Requests counted since the server started (shared across reloads).
    pub metrics: Arc<crate::ops::Metrics>,
    /// What `lacs --version` says, for `/healthz`.
    pub version: String,
}

impl AppState {
    /// Loads the register from an open store (and the map from `reference_dir`, when given).
    pub fn from_store(store: &Store, reference_dir: Option<&Path>) -> anyhow::Result<AppState> {
        Ok(Self::new(Register::load(store)?, reference_dir))
    }

    /// State over a register already loaded.
    pub fn new(register: Register, reference_dir: Option<&Path>) -> AppState {
        let map = match reference_dir {
            Some(dir) => crate::map::load(dir).map_err(|e| e.to_string()),
            None => Err("no reference folder was given".to_string()),
        };
        if let Err(e) = &map {
            tracing::warn!("map unavailable: {e}");
        }
        AppState(Arc::new(Inner {
            register,
            map,
            today: None,
            db: None,
            cache: RwLock::new(PageCache::default()),
            metrics: crate::ops::new_metrics(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }))
    }

    /// The same state with "today" fixed (tests and screenshots that must not move).
    pub fn with_today(self, today: Date) -> AppState {
        let inner = Arc::try_unwrap(self.0).unwrap_or_else(|_| panic!("with_today before sharing the state"));
        AppState(Arc::new(Inner { today: Some(today), ..inner }))
    }

    /// The same state searching the register file at `db`.
    pub fn with_db(self, db: PathBuf) -> AppState {
        let inner = Arc::try_unwrap(self.0).unwrap_or_else(|_| panic!("with_db before sharing the state"));
        AppState(Arc::new(Inner { db: Some(db), ..inner }))
    }

    /// The same state counting into `metrics` (a reloaded register keeps the server's counts)
    /// and naming itself `version` in `/healthz`.
    pub fn with_service(self, metrics: Arc<crate::ops::Metrics>, version: String) -> AppState {
        let inner = Arc::try_unwrap(self.0).unwrap_or_else(|_| panic!("with_service before sharing the state"));
        AppState(Arc::new(Inner { metrics, version, ..inner }))
    }

    /// The reference folder to use when none is given: `../shared/reference` beside the
    /// working directory or the executable's checkout, if present.
    pub fn default_reference_dir() -> Option<PathBuf> {
        let candidates = [PathBuf::from("../shared/reference"), PathBuf::from("shared/reference")];
        candidates.into_iter().find(|p| p.join("local_authority_districts_boundaries.json").is_file())
    }
}

impl Inner {
    pub fn today(&self) -> Date {
        self.today.unwrap_or_else(|| jiff::ZonedDateTime::now().date())
    }

    pub fn last_updated(&self) -> Option<&str> {
        self.register.last_updated.as_deref()
    }
}

/// Finished responses (as compressed for the client's Accept-Encoding) by request, bounded
/// in count and bytes; cleared whole when full (the few pages people and benchmarks hit come
/// straight back).
#[derive(Default)]
pub(crate) struct PageCache {
    entries: HashMap<String, CachedResponse>,
    bytes: usize,
}

/// One finished response: its body as sent and the headers that describe that body.
#[derive(Clone)]
pub(crate) struct CachedResponse {
    pub body: Bytes,
    pub content_type: axum::http::HeaderValue,
    pub content_encoding: Option<axum::http::HeaderValue>,
}

const CACHE_ENTRIES: usize = 256;
const CACHE_BYTES: usize = 24 << 20;

impl PageCache {
    pub fn get(&self, key: &str) -> Option<CachedResponse> {
        self.entries.get(key).cloned()
    }

    pub fn put(&mut self, key: String, entry: CachedResponse) {
        let size = entry.body.len();
        if size > CACHE_BYTES / 4 {
            return;
        }
        if self.entries.len() >= CACHE_ENTRIES || self.bytes + size > CACHE_BYTES {
            self.entries.clear();
            self.bytes = 0;
        }
        self.bytes += size;
        if let Some(old) = self.entries.insert(key, entry) {
            self.bytes -= old.body.len();
        }
    }
}
