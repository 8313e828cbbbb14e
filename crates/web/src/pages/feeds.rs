//! Atom 1.0 feeds (RFC 4287) of new reports, grade changes and visits: England
//! (`/feeds/england.atom`), an Ofsted region (`/feeds/region/london.atom`) and an LA
//! (`/feeds/la/80426.atom`). What is in a feed is `lacs-query`'s ([`lacs_query::Feed`]); here
//! it is written as Atom, and answered conditionally: an `ETag` (the body's digest) and a
//! `Last-Modified` (the newest entry's day), with 304 to a client that has it.

use atom_syndication::{CategoryBuilder, EntryBuilder, FeedBuilder, FixedDateTime, LinkBuilder, PersonBuilder, Text};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Response, StatusCode};
use axum::response::IntoResponse;
use lacs_domain::Date;
use lacs_query::{Feed, FeedScope};
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::state::AppState;

pub const ATOM: &str = "application/atom+xml; charset=utf-8";

/// `/feeds/england.atom`.
pub async fn england(State(s): State<AppState>, headers: HeaderMap) -> Result<Response<Body>, AppError> {
    answer(&s, FeedScope::England, &headers)
}

/// `/feeds/region/{region}.atom`, the region as its address word (`south-east`).
pub async fn region(State(s): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Result<Response<Body>, AppError> {
    let slug = atom_name(&file)?;
    let region = FeedScope::region_from_slug(slug).ok_or_else(|| {
        let words: Vec<String> = lacs_domain::OfstedRegion::ALL.iter().map(|r| lacs_query::region_slug(*r)).collect();
        AppError::not_found("No such feed", format!("no Ofsted region is called {slug:?}; the feeds are {}", words.join(", ")))
    })?;
    answer(&s, FeedScope::Region(region), &headers)
}

/// `/feeds/la/{la}.atom`: the LA by URN (or anything `la` takes; the feed's own address
/// uses the URN).
pub async fn la(State(s): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Result<Response<Body>, AppError> {
    let key = atom_name(&file)?;
    let authority = lacs_authorities::resolve(key)
        .map_err(|_| AppError::not_found("No such feed", format!("no local authority matches {key:?}")))?;
    answer(&s, FeedScope::La(authority.urn), &headers)
}

/// The name before `.atom`, or a 404 that says feeds end so.
fn atom_name(file: &str) -> Result<&str, AppError> {
    file.strip_suffix(".atom")
        .filter(|n| !n.is_empty())
        .ok_or_else(|| AppError::not_found("No such feed", format!("{file:?}: a feed's address ends in .atom")))
}

fn answer(s: &AppState, scope: FeedScope, headers: &HeaderMap) -> Result<Response<Body>, AppError> {
    let st = &*s.0;
    let today = st.today();
    let feed = st.register.feed(scope, today).map_err(|e| AppError::internal(e.to_string()))?;
    let base = base_url(headers);
    let body = atom(&feed, base.as_deref(), st.last_updated(), today);
    let etag = format!("\"{}\"", &hex(&Sha256::digest(body.as_bytes()))[..32]);
    let last_modified = feed.updated.map(http_date);
    let mut res = if not_modified(headers, &etag, feed.updated) {
        Response::builder().status(StatusCode::NOT_MODIFIED).body(Body::empty()).unwrap_or_default()
    } else {
        ([(header::CONTENT_TYPE, HeaderValue::from_static(ATOM))], body).into_response()
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if let Some(v) = last_modified.and_then(|d| HeaderValue::from_str(&d).ok()) {
        h.insert(header::LAST_MODIFIED, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    Ok(res)
}

/// Whether the client's copy is current: `If-None-Match` when sent (it decides alone, RFC
/// 9110 13.2.2), else `If-Modified-Since` against the newest entry's day.
fn not_modified(headers: &HeaderMap, etag: &str, updated: Option<Date>) -> bool {
    if let Some(tags) = headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        return tags.split(',').map(|t| t.trim().trim_start_matches("W/")).any(|t| t == etag || t == "*");
    }
    let since = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| jiff::fmt::rfc2822::parse(v).ok())
        .map(|z| z.date());
    matches!((since, updated), (Some(since), Some(updated)) if updated <= since)
}

/// The address the client used, for the feed's `xml:base` (links are relative to it).
fn base_url(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    // A host header is a name and maybe a port; anything else is not put in the feed.
    if host.is_empty() || !host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')) {
        return None;
    }
    let scheme = match headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) {
        Some("https") => "https",
        _ => "http",
    };
    Some(format!("{scheme}://{host}/"))
}

/// The feed as an Atom document.
pub fn atom(feed: &Feed, base: Option<&str>, last_updated: Option<&str>, today: Date) -> String {
    // A feed with no entries yet is dated by the register (else today): Atom needs a date.
    let updated = feed
        .updated
        .map(midnight)
        .or_else(|| last_updated.and_then(|t| FixedDateTime::parse_from_rfc3339(t).ok()))
        .unwrap_or_else(|| midnight(today));
    let entries = feed
        .entries
        .iter()
        .map(|e| {
            let mut links = vec![LinkBuilder::default().href(e.path.clone()).rel("alternate").mime_type(Some("text/html".to_string())).build()];
            if let Some(url) = &e.ofsted_url {
                // Ofsted's link is its file where known, else its page listing the LA's reports.
                let file = url.contains("files.ofsted.gov.uk") || url.to_ascii_lowercase().ends_with(".pdf");
                links.push(
                    LinkBuilder::default()
                        .href(url.clone())
                        .rel("related")
                        .mime_type(file.then(|| "application/pdf".to_string()))
                        .title(Some(if file { "Ofsted’s report" } else { "Ofsted’s reports page" }.to_string()))
                        .build(),
                );
            }
            EntryBuilder::default()
                .id(e.id.clone())
                .title(Text::plain(e.title.clone()))
                .updated(midnight(e.date))
                .published(Some(midnight(e.date)))
                .links(links)
                .summary(Some(Text::plain(e.summary.clone())))
                .categories(vec![CategoryBuilder::default()
                    .term(e.category.as_str())
                    .scheme(Some("urn:lacs:category".to_string()))
                    .build()])
                .build()
        })
        .collect::<Vec<_>>();
    let feed = FeedBuilder::default()
        .id(feed.id.clone())
        .title(Text::plain(feed.title.clone()))
        .updated(updated)
        .base(base.map(str::to_string))
        .lang(Some("en-GB".to_string()))
        .authors(vec![PersonBuilder::default().name(crate::pages::layout::SITE).build()])
        .links(vec![
            LinkBuilder::default().href(feed.path.clone()).rel("self").mime_type(Some("application/atom+xml".to_string())).build(),
            LinkBuilder::default().href("/").rel("alternate").mime_type(Some("text/html".to_string())).build(),
        ])
        .entries(entries)
        .build();
    feed.to_string()
}

fn midnight(d: Date) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&format!("{d}T00:00:00Z")).unwrap_or_default()
}

/// "Tue, 02 Jul 2024 00:00:00 GMT".
fn http_date(d: Date) -> String {
    d.strftime("%a, %d %b %Y 00:00:00 GMT").to_string()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditional_requests() {
        let d = jiff::civil::date(2024, 7, 2);
        let mut h = HeaderMap::new();
        assert!(!not_modified(&h, "\"abc\"", Some(d)));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"x\", W/\"abc\""));
        assert!(not_modified(&h, "\"abc\"", Some(d)));
        assert!(!not_modified(&h, "\"abd\"", Some(d)));
        let mut h = HeaderMap::new();
        h.insert(header::IF_MODIFIED_SINCE, HeaderValue::from_static("Tue, 02 Jul 2024 00:00:00 GMT"));
        assert!(not_modified(&h, "\"abc\"", Some(d)));
        assert!(!not_modified(&h, "\"abc\"", Some(jiff::civil::date(2024, 7, 3))));
        assert_eq!(http_date(d), "Tue, 02 Jul 2024 00:00:00 GMT");
    }

    #[test]
    fn only_a_plain_host_becomes_the_base() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("lacs.example:8080"));
        assert_eq!(base_url(&h).as_deref(), Some("http://lacs.example:8080/"));
        h.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert_eq!(base_url(&h).as_deref(), Some("https://lacs.example:8080/"));
        h.insert(header::HOST, HeaderValue::from_static("evil\"><x"));
        assert_eq!(base_url(&h), None);
    }
}
