//! `lacs serve`: the register for people who never open a terminal, and a JSON API.
//!
//! Pages are rendered on the server and work without JavaScript; charts and the map are
//! inline SVG made here; the one stylesheet is served from the binary. Every number comes
//! from `lacs-query`/`lacs-analysis`, the same calls the CLI makes, so both always agree.
//!
//! Every route, with what it serves, is in [`routes::ROUTES`]: the one table that feeds the
//! router, the navigation and the `/api` page.
//!
//! **Architecture Invariant:** read-only. The register is loaded once at start-up (the
//! store is then closed); handlers only read shared state. Only GET (and HEAD) are routed,
//! but for one POST route, `/claims` ("Check a story"), which reads its form (at most
//! 100 kB of story), checks it against the register read-only, and writes nothing.
//!
//! Responses carry a Content-Security-Policy with no script at all, `nosniff`,
//! `frame-ancestors 'none'` and a cache policy (pages and data five minutes, the stylesheet a
//! day, errors never).

mod api;
mod charts;
mod error;
pub mod map;
mod middleware;
pub mod ops;
pub mod openapi;
mod pages;
pub mod routes;
mod state;
mod table;
mod views;

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::extract::{FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;

pub use error::{AppError, Params};
pub use state::AppState;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    /// The register file. A missing file is not created: the server shows the empty-register
    /// page that says how to load data.
    pub db: PathBuf,
    /// The folder with the district boundaries and the district → upper-tier lookup; default
    /// `../shared/reference` when present. Without it the home page shows the table and says
    /// the map needs the files.
    pub reference_dir: Option<PathBuf>,
    /// What `/healthz` calls this build (`lacs --version`); `None`: the crate's version.
    pub version: Option<String>,
}

/// Loads the register and serves until SIGTERM or Ctrl-C, finishing requests in flight.
pub async fn serve(opts: ServeOptions) -> anyhow::Result<()> {
    let state = load_state(&opts, ops::new_metrics())?;
    let listener = tokio::net::TcpListener::bind(opts.addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", opts.addr))?;
    let local = listener.local_addr()?;
    tracing::info!("serving the register on http://{local}/");
    eprintln!("lacs: serving {} on http://{local}/ (Ctrl-C to stop)", opts.db.display());
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app(state)).with_graceful_shutdown(shutdown_signal()).await?;
    eprintln!("lacs: stopped");
    Ok(())
}

/// Like [`serve`], and reloads the register whenever `reload` changes (after a background
/// sync stored something), with no gap in service: requests go to whichever router is
/// current, and a reload swaps it.
pub async fn serve_reloading(opts: ServeOptions, mut reload: tokio::sync::watch::Receiver<u64>) -> anyhow::Result<()> {
    use std::sync::{Arc, RwLock};
    use tower::ServiceExt;
    // One set of counters for the server's life: a reloaded register keeps them.
    let metrics = ops::new_metrics();
    let current = Arc::new(RwLock::new(app(load_state(&opts, metrics.clone())?)));
    let listener = tokio::net::TcpListener::bind(opts.addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", opts.addr))?;
    eprintln!("lacs: serving {} on http://{}/ (Ctrl-C to stop)", opts.db.display(), listener.local_addr()?);
    let swapper = {
        let current = current.clone();
        let opts = opts.clone();
        tokio::spawn(async move {
            while reload.changed().await.is_ok() {
                let (opts, metrics) = (opts.clone(), metrics.clone());
                match tokio::task::spawn_blocking(move || load_state(&opts, metrics)).await {
                    Ok(Ok(state)) => {
                        *current.write().unwrap_or_else(|p| p.into_inner()) = app(state);
                        eprintln!("lacs: register reloaded");
                    }
                    Ok(Err(e)) => eprintln!("lacs: reload failed, still serving the previous register: {e:#}"),
                    Err(e) => eprintln!("lacs: reload failed: {e}"),
                }
            }
        })
    };
    let front = Router::new().fallback_service(tower::service_fn(move |req: Request| {
        let router = current.read().unwrap_or_else(|p| p.into_inner()).clone();
        async move { router.oneshot(req).await }
    }));
    axum::serve(listener, front).with_graceful_shutdown(shutdown_signal()).await?;
    swapper.abort();
    eprintln!("lacs: stopped");
    Ok(())
}

/// The state `serve` would use for these options, counting requests into `metrics`.
pub fn load_state(opts: &ServeOptions, metrics: std::sync::Arc<ops::Metrics>) -> anyhow::Result<AppState> {
    let reference = opts.reference_dir.clone().or_else(AppState::default_reference_dir);
    let version = opts.version.clone().unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_string());
    let state = if opts.db.exists() {
        let store = lacs_store::Store::open_read_only(&opts.db)?;
        AppState::from_store(&store, reference.as_deref())?.with_db(opts.db.clone())
    } else {
        eprintln!("lacs: no register at {}: serving an empty register", opts.db.display());
        AppState::from_store(&lacs_store::Store::open_in_memory()?, reference.as_deref())?
    };
    Ok(state.with_service(metrics, version))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// The router over `state` (tests call it directly): every route of the table, then the
/// middleware ([`middleware::layers`]).
pub fn app(state: AppState) -> Router {
    let router = routes::ROUTES
        .iter()
        .fold(Router::new(), |r, route| r.route(route.path, (route.handler)()))
        .fallback(pages::errors::not_found);
    middleware::layers(router, state.clone()).with_state(state)
}

pub(crate) const HTML: &str = "text/html; charset=utf-8";
pub(crate) const JSON: &str = "application/json";

/// The request a cacheable response answers: its path and query (the page cache's key,
/// with the client's Accept-Encoding and today's date, is made by [`middleware`]).
pub(crate) struct Req {
    pub uri: Uri,
}

impl<S: Send + Sync> FromRequestParts<S> for Req {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Req { uri: parts.uri.clone() })
    }
}

/// A response rendered now and marked for the page cache: the cache layer keeps it as sent
/// (compressed or not) and answers the same request from it until the date changes. Errors
/// are never cached.
pub(crate) fn cached(
    _st: &state::Inner,
    _req: &Req,
    content_type: &'static str,
    render: impl FnOnce() -> Result<String, AppError>,
) -> Result<Response, AppError> {
    let body = render()?;
    let mut res = ([(header::CONTENT_TYPE, HeaderValue::from_static(content_type))], body).into_response();
    res.extensions_mut().insert(middleware::Cacheable);
    Ok(res)
}

/// Query parameters, or a 400 that says the query string is malformed.
impl FromRequestParts<AppState> for Params {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        match Query::<Vec<(String, String)>>::try_from_uri(&parts.uri) {
            Ok(Query(v)) => Ok(Params(lacs_query::Params::query(v).on(state.0.today()))),
            Err(e) => {
                let err = AppError::bad_param(lacs_query::ParamError {
                    name: "query".into(),
                    message: format!("the query string cannot be read: {}", e.body_text()),
                });
                Err(if parts.uri.path().starts_with("/api/") { err.json() } else { err })
            }
        }
    }
}

/// The Content-Security-Policy: nothing but this server's own stylesheet and images; no
/// script, no frames, forms only to this server.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
