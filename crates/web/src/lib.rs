//! `lacs serve`: the register for people who never open a terminal, and a JSON API.
//!
//! Pages are rendered on the server and work without JavaScript; charts and the map are
//! inline SVG made here; the one stylesheet is served from the binary. Every number comes
//! from `lacs-query`/`lacs-analysis`, the same calls the CLI makes, so both always agree.
//!
//! | route | what |
//! |---|---|
//! | `/` | the national picture as at a date (`as_at`, `judgement`, `by=region\|region9`): by grade, over time, by region, the map and its table |
//! | `/la` | every LA, filterable (`q`, `region`, `grade`, `judgement`, `as_at`) and sortable (`sort`, `order`) |
//! | `/la/{urn}` | one LA (a name or code redirects to its URN): latest inspection and change, grades over time, every event, predecessors, statistical neighbours |
//! | `/inspection/{id}` | one inspection: every judgement with the report text it was read from, disagreements with the official record |
//! | `/changes`, `/firsts` | who improved or declined; who first reached a grade |
//! | `/api` | the API described for people |
//! | `/download/{view}.{csv,xlsx,json}` | `stats`, `regions`, `series`, `las`, `changes`, `firsts`; also `/download/la/{urn}.…` and `/download/inspection/{id}.…` |
//! | `/api/v1/…` | JSON: `stats`, `series`, `la`, `la/{urn}`, `inspection/{id}`, `changes`, `firsts`, `disagreements`, `openapi.json` |
//!
//! **Architecture Invariant:** read-only. The register is loaded once at start-up (the
//! store is then closed); handlers only read shared state, and only GET (and HEAD) are routed.
//!
//! Responses carry a Content-Security-Policy with no script at all, `nosniff`,
//! `frame-ancestors 'none'` and a cache policy (pages and data five minutes, the stylesheet a
//! day, errors never).

mod api;
mod charts;
mod error;
mod findings;
mod html;
pub mod map;
pub mod openapi;
mod pages;
mod state;
mod table;
mod views;

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::body::Bytes;
use axum::extract::{FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
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
}

/// Loads the register and serves until SIGTERM or Ctrl-C, finishing requests in flight.
pub async fn serve(opts: ServeOptions) -> anyhow::Result<()> {
    let state = load_state(&opts)?;
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
    let current = Arc::new(RwLock::new(app(load_state(&opts)?)));
    let listener = tokio::net::TcpListener::bind(opts.addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", opts.addr))?;
    eprintln!("lacs: serving {} on http://{}/ (Ctrl-C to stop)", opts.db.display(), listener.local_addr()?);
    let swapper = {
        let current = current.clone();
        let opts = opts.clone();
        tokio::spawn(async move {
            while reload.changed().await.is_ok() {
                let opts = opts.clone();
                match tokio::task::spawn_blocking(move || load_state(&opts)).await {
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

/// The state `serve` would use for these options.
pub fn load_state(opts: &ServeOptions) -> anyhow::Result<AppState> {
    let reference = opts.reference_dir.clone().or_else(AppState::default_reference_dir);
    if opts.db.exists() {
        let store = lacs_store::Store::open_read_only(&opts.db)?;
        Ok(AppState::from_store(&store, reference.as_deref())?.with_db(opts.db.clone()))
    } else {
        eprintln!("lacs: no register at {}: serving an empty register", opts.db.display());
        AppState::from_store(&lacs_store::Store::open_in_memory()?, reference.as_deref())
    }
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

/// The router over `state` (tests call it directly).
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/la", get(pages::la_list))
        .route("/la/{urn}", get(pages::la_page))
        .route("/inspection/{id}", get(pages::inspection_page))
        .route("/changes", get(pages::changes_page))
        .route("/firsts", get(pages::firsts_page))
        .route("/review", get(pages::review_page))
        .route("/api", get(pages::api_page))
        .route("/search", get(findings::search_page))
        .route("/themes", get(findings::themes_page))
        .route("/api/v1/search", get(findings::search_api))
        .route("/api/v1/themes", get(findings::themes_api))
        .route("/static/site.css", get(stylesheet))
        .route("/download/{file}", get(api::download))
        .route("/download/la/{file}", get(api::download_la))
        .route("/download/inspection/{file}", get(api::download_inspection))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/api/v1/stats", get(api::stats))
        .route("/api/v1/series", get(api::series))
        .route("/api/v1/la", get(api::la_list))
        .route("/api/v1/la/{urn}", get(api::la))
        .route("/api/v1/inspection/{id}", get(api::inspection))
        .route("/api/v1/changes", get(api::changes))
        .route("/api/v1/firsts", get(api::firsts))
        .route("/api/v1/disagreements", get(api::disagreements))
        .fallback(not_found)
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

pub(crate) const HTML: &str = "text/html; charset=utf-8";
pub(crate) const JSON: &str = "application/json";

/// What the page cache needs of a request: its path and query, and whether the client takes
/// gzip.
pub(crate) struct Req {
    pub uri: Uri,
    pub gzip: bool,
}

impl<S: Send + Sync> FromRequestParts<S> for Req {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let gzip = parts
            .headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|e| {
                let mut it = e.trim().split(';');
                it.next().is_some_and(|name| name.trim().eq_ignore_ascii_case("gzip"))
                    && it.all(|q| q.trim().replace(' ', "") != "q=0")
            });
        Ok(Req { uri: parts.uri.clone(), gzip })
    }
}

/// A rendered response from the page cache, or rendered now and kept (with its gzip form,
/// made once). The key is the request with today's date (pages default to today).
pub(crate) fn cached(
    st: &state::Inner,
    req: &Req,
    content_type: &'static str,
    render: impl FnOnce() -> Result<String, AppError>,
) -> Result<Response, AppError> {
    let key = format!("{}|{}", req.uri.path_and_query().map_or("", |p| p.as_str()), st.today());
    let hit = st.cache.read().ok().and_then(|c| c.get(&key));
    let (body, gz) = match hit {
        Some(entry) => entry,
        None => {
            let body = Bytes::from(render()?);
            let gz = Bytes::from(gzip(&body));
            if let Ok(mut c) = st.cache.write() {
                c.put(key, body.clone(), gz.clone());
            }
            (body, gz)
        }
    };
    let vary = (header::VARY, HeaderValue::from_static("Accept-Encoding"));
    let ctype = (header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    Ok(if req.gzip {
        ([ctype, vary, (header::CONTENT_ENCODING, HeaderValue::from_static("gzip"))], gz).into_response()
    } else {
        ([ctype, vary], body).into_response()
    })
}

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::with_capacity(data.len() / 6), flate2::Compression::default());
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

/// Query parameters, or a 400 that says the query string is malformed.
impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match Query::<Vec<(String, String)>>::try_from_uri(&parts.uri) {
            Ok(Query(v)) => Ok(Params(v)),
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

async fn not_found(uri: Uri) -> AppError {
    let e = AppError::not_found("Page not found", format!("There is no page at {}.", uri.path()));
    if uri.path().starts_with("/api/") {
        e.json()
    } else {
        e
    }
}

const CSS: &str = include_str!("../static/site.css");

async fn stylesheet() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=86400")],
        CSS,
    )
        .into_response()
}

/// The Content-Security-Policy: nothing but this server's own stylesheet and images; no
/// script, no frames, forms only to this server.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if !h.contains_key(header::CACHE_CONTROL) {
        let policy = if res.status() == StatusCode::OK || res.status().is_redirection() {
            "public, max-age=300"
        } else {
            "no-store"
        };
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    res
}
