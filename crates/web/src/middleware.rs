//! The layers around every route, outermost first: one log line per request, counted for
//! `/metrics` ([`crate::ops::access_log`]), a time limit (`TimeoutLayer`), the security and cache headers
//! (`SetResponseHeaderLayer`s), the page cache, and gzip compression (`CompressionLayer`).
//!
//! The page cache sits outside compression and keeps finished responses as sent, keyed by
//! request, Accept-Encoding and today's date: a page is rendered and compressed once, and a
//! hit costs a map lookup. (Compressing the 300 kB home page on every hit would cost more
//! than serving it.)

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::middleware::{self, Next};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::state::{AppState, CachedResponse};
use crate::CSP;

/// Marks a response the page cache may keep (a rendered page or JSON view: never an error).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cacheable;

/// How long one request may take before the server answers 408.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The largest response the page cache reads back to keep.
const CACHE_LIMIT: usize = 8 << 20;

/// The headers every response carries, whatever answered it.
const SECURITY_HEADERS: [(header::HeaderName, &str); 4] = [
    (header::CONTENT_SECURITY_POLICY, CSP),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (header::REFERRER_POLICY, "same-origin"),
];

/// `router` with every layer.
pub(crate) fn layers(router: Router<AppState>, state: AppState) -> Router<AppState> {
    let mut router = router
        .layer(CompressionLayer::new().gzip(true))
        .layer(middleware::from_fn_with_state(state.clone(), page_cache))
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, cache_policy));
    for (name, value) in SECURITY_HEADERS {
        router = router.layer(SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value)));
    }
    router
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, TIMEOUT))
        .layer(middleware::from_fn_with_state(state, crate::ops::access_log))
}

/// The cache policy of a response that sets none: pages and data five minutes, errors never.
fn cache_policy<B>(res: &Response<B>) -> Option<HeaderValue> {
    let s = res.status();
    Some(HeaderValue::from_static(if s == StatusCode::OK || s.is_redirection() {
        "public, max-age=300"
    } else {
        "no-store"
    }))
}

/// Answers from the page cache, or passes the request on and keeps a [`Cacheable`] answer.
async fn page_cache(State(state): State<AppState>, req: Request, next: Next) -> Response<Body> {
    // Only what the router answers with a page: GET and HEAD. Any other method goes on to the
    // router (and its 405), even for an address whose page is kept.
    if !matches!(*req.method(), axum::http::Method::GET | axum::http::Method::HEAD) {
        return next.run(req).await;
    }
    let st = &*state.0;
    let encoding = req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
    let key = format!(
        "{}|{}|{}",
        req.uri().path_and_query().map_or("", |p| p.as_str()),
        encoding,
        st.today()
    );
    if let Some(hit) = st.cache.read().ok().and_then(|c| c.get(&key)) {
        return respond(hit);
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::OK || res.extensions().get::<Cacheable>().is_none() {
        return res;
    }
    let (parts, body) = res.into_parts();
    let body: Bytes = match axum::body::to_bytes(body, CACHE_LIMIT).await {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!("a response could not be read for the page cache: {e}");
            return Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .body(Body::from("the response could not be read"))
                .unwrap_or_default();
        }
    };
    let entry = CachedResponse {
        body,
        content_type: parts.headers.get(header::CONTENT_TYPE).cloned().unwrap_or(HeaderValue::from_static("text/plain")),
        content_encoding: parts.headers.get(header::CONTENT_ENCODING).cloned(),
    };
    if let Ok(mut c) = st.cache.write() {
        c.put(key, entry.clone());
    }
    respond(entry)
}

fn respond(entry: CachedResponse) -> Response<Body> {
    let mut res = Response::new(Body::from(entry.body));
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, entry.content_type);
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(enc) = entry.content_encoding {
        h.insert(header::CONTENT_ENCODING, enc);
    }
    res
}
