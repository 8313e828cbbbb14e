//! For whoever runs the server: `/healthz` (is the register readable, when did the last sync
//! run and how did it end), `/metrics` (Prometheus text: requests by route and status,
//! latency, register size, last sync) and one structured log line per request.
//!
//! The counters live in [`Metrics`], shared by every register the server loads in its life
//! (a reload after a sync keeps them).

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::middleware::Next;
use axum::response::IntoResponse;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use serde::Serialize;

use crate::state::AppState;

/// A request's route (the route table's path, `unmatched` for none) and status.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: String,
    status: u16,
}

/// A request's route alone.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabel {
    route: String,
}

/// Seconds: 1 ms to 10 s, the range between a cached page and the request time limit.
const LATENCY_BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// The server's counters and gauges, and the registry that writes them.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabel, Histogram>,
    events: Gauge,
    graded_events: Gauge,
    authorities: Gauge,
    reports: Gauge,
    last_sync_finished: Gauge,
    last_sync_ok: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("lacs");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register("http_requests", "HTTP requests answered, by route, method and status", requests.clone());
        let latency = Family::<RouteLabel, Histogram>::new_with_constructor(|| Histogram::new(LATENCY_BUCKETS));
        registry.register("http_request_duration_seconds", "Time to answer a request, by route", latency.clone());
        let gauge = |registry: &mut Registry, name: &str, help: &str| {
            let g = Gauge::default();
            registry.register(name, help, g.clone());
            g
        };
        let events = gauge(&mut registry, "register_events", "Events in the loaded register (inspections and visits)");
        let graded_events = gauge(&mut registry, "register_graded_events", "Graded inspections in the loaded register");
        let authorities = gauge(&mut registry, "register_authorities", "Local authorities with at least one event");
        let reports = gauge(&mut registry, "register_reports", "Report files stored in the register");
        let last_sync_finished = gauge(&mut registry, "last_sync_finished_timestamp_seconds", "When the last sync ended (Unix time; 0: never)");
        let last_sync_ok = gauge(&mut registry, "last_sync_success", "1 when the last sync succeeded, 0 when it failed or never ran");
        let up_since = gauge(&mut registry, "start_time_seconds", "When the server started (Unix time)");
        up_since.set(jiff::Timestamp::now().as_second());
        Metrics { registry, requests, latency, events, graded_events, authorities, reports, last_sync_finished, last_sync_ok }
    }

    fn observe(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.requests.get_or_create(&RequestLabels { route: route.to_string(), method: method.to_string(), status }).inc();
        self.latency.get_or_create(&RouteLabel { route: route.to_string() }).observe(seconds);
    }
}

/// Times every request, counts it by route and status, and logs it as one line
/// (`lacs::access`: method, path, route, status, milliseconds).
pub(crate) async fn access_log(State(state): State<AppState>, req: Request, next: Next) -> Response<Body> {
    let started = Instant::now();
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let route = req.extensions().get::<MatchedPath>().map_or("unmatched", |m| m.as_str()).to_string();
    let res = next.run(req).await;
    let elapsed = started.elapsed();
    let status = res.status().as_u16();
    state.0.metrics.observe(&route, &method, status, elapsed.as_secs_f64());
    tracing::info!(
        target: "lacs::access",
        method = %method,
        path = %path,
        route = %route,
        status,
        ms = (elapsed.as_secs_f64() * 1000.0 * 100.0).round() / 100.0,
        "request"
    );
    res
}

/// What `/healthz` says.
#[derive(Debug, Serialize)]
pub struct Health {
    /// `ok`; `degraded` when the last sync failed; `unavailable` when the register file
    /// cannot be read (the answer is then 503).
    pub status: &'static str,
    pub version: String,
    pub register: RegisterHealth,
    /// The last `lacs sync` recorded in the register file (`None`: never).
    pub last_sync: Option<lacs_store::SyncRun>,
}

#[derive(Debug, Serialize)]
pub struct RegisterHealth {
    /// The register file (`None`: serving an empty register, no file given or found).
    pub path: Option<String>,
    /// Whether the file opened and answered a query just now.
    pub readable: bool,
    /// Why not, when not.
    pub error: Option<String>,
    /// Events in the register being served (loaded at start-up or the last reload).
    pub events: usize,
    pub graded_events: usize,
    /// When the register file last changed, as it says now.
    pub last_updated: Option<String>,
}

/// `/healthz`: reads the register file now (not the copy in memory), so a file gone or
/// corrupt shows; 200 unless the register cannot be read. Never cached.
pub async fn healthz(State(s): State<AppState>) -> Response<Body> {
    let st = s.0.clone();
    let health = tokio::task::spawn_blocking(move || check(&st)).await;
    let health = match health {
        Ok(h) => h,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    let code = if health.status == "unavailable" { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::OK };
    let mut res = (code, axum::Json(health)).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

fn check(st: &crate::state::Inner) -> Health {
    let events = st.register.events.len();
    let graded_events = st.register.events.iter().filter(|e| e.is_graded()).count();
    let read = st.db.as_deref().map(|db| {
        let store = lacs_store::Store::open_read_only(db)?;
        Ok::<_, lacs_store::StoreError>((store.last_updated()?, store.last_sync_run()?))
    });
    let (readable, error, last_updated, last_sync) = match read {
        None => (true, None, None, None),
        Some(Ok((updated, sync))) => (true, None, updated, sync),
        Some(Err(e)) => (false, Some(e.to_string()), None, None),
    };
    let status = match (&readable, &last_sync) {
        (false, _) => "unavailable",
        (true, Some(run)) if !run.ok => "degraded",
        _ => "ok",
    };
    Health {
        status,
        version: st.version.clone(),
        register: RegisterHealth {
            path: st.db.as_ref().map(|p| p.display().to_string()),
            readable,
            error,
            events,
            graded_events,
            last_updated,
        },
        last_sync,
    }
}

/// `/metrics`: Prometheus text exposition. The register's gauges are set from the register
/// served and the last sync from the register file, at each scrape.
pub async fn metrics(State(s): State<AppState>) -> Response<Body> {
    let st = s.0.clone();
    let text = tokio::task::spawn_blocking(move || {
        let m = &st.metrics;
        let reg = &st.register;
        m.events.set(reg.events.len() as i64);
        m.graded_events.set(reg.events.iter().filter(|e| e.is_graded()).count() as i64);
        let urns: std::collections::HashSet<_> = reg.events.iter().map(|e| e.urn).collect();
        m.authorities.set(urns.len() as i64);
        m.reports.set(reg.records.len() as i64);
        let run = st.db.as_deref().and_then(|db| lacs_store::Store::open_read_only(db).ok()?.last_sync_run().ok().flatten());
        m.last_sync_finished.set(run.as_ref().and_then(|r| r.finished_at.parse::<jiff::Timestamp>().ok()).map_or(0, |t| t.as_second()));
        m.last_sync_ok.set(i64::from(run.is_some_and(|r| r.ok)));
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &m.registry).map(|_| out)
    })
    .await;
    match text {
        Ok(Ok(body)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8")),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            body,
        )
            .into_response(),
        Ok(Err(e)) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// A fresh set of counters for a server (tests make several servers in one process).
pub fn new_metrics() -> Arc<Metrics> {
    Arc::new(Metrics::new())
}
