//! `/search` and `/api/v1/search`: full-text search over what inspectors said (lacs-query's
//! search), a page of results at a time.

use axum::extract::State;
use axum::response::{IntoResponse, Json, Response};
use lacs_query::{HitSource, Request, SearchAnswer, SearchIn, SearchRequest, SearchResult};
use maud::{html, Markup};

use super::components::{kind_label, marked, pager, query_string, short_date, text_field, FormState, PageOf};
use super::render;
use crate::error::{AppError, Params};
use crate::state::{AppState, Inner};
use crate::views::query_error;

const SECTION: &str = "/search";

/// Where a search may look: parameter value and words.
const WITHIN: [(SearchIn, &str, &str); 2] = [(SearchIn::Findings, "findings", "findings"), (SearchIn::All, "all", "whole reports")];

/// One page of a search's results. Every parameter is read before an empty search returns
/// nothing, so a malformed one is named whether or not there is anything to search for.
fn run_search(st: &Inner, p: &Params) -> Result<SearchAnswer, AppError> {
    let request = SearchRequest::parse(p)?;
    let empty = || SearchAnswer {
        q: request.q.clone(),
        within: request.within,
        total: 0,
        page: request.page,
        pages: 0,
        per_page: request.per_page,
        reports_without_text: 0,
        results: Vec::new(),
    };
    let Some(db) = &st.db else { return Ok(empty()) };
    let store = lacs_store::Store::open_read_only(db).map_err(|e| AppError::internal(e.to_string()))?;
    lacs_query::search(&store, &request).map_err(query_error)
}

/// Full-text search over every improvement item, priority action, recommendation and
/// judgement paragraph (the matching sentence with hits in [ ]), or with in=all over every
/// page of every report (the text around the hits); a page of results at a time. Words are
/// searched as written (apostrophes, hyphens and stray quotes need no care); "quoted
/// phrases", AND, OR, NOT and a trailing * work as such.
#[utoipa::path(get, path = "/api/v1/search", params(crate::openapi::SearchParams), responses(
        (status = 200, description = "OK", body = lacs_query::SearchAnswer),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody),
        (status = 404, description = "No such local authority or inspection; suggestions for close names.", body = crate::error::ErrorBody)
))]
pub async fn api(State(s): State<AppState>, p: Params) -> Result<Response, AppError> {
    crate::api::refuse_empty(&p)?;
    Ok(Json(run_search(&s.0, &p).map_err(AppError::json)?).into_response())
}

/// The search form, its values kept.
fn form(fs: &FormState) -> Markup {
    let within = fs.value("in");
    html! {
        form.controls method="get" action="/search" role="search" aria-label="What inspectors said" {
            (text_field(fs, "q", "Search for", None, "search", 30))
            fieldset.field {
                legend { "In" }
                @for (i, (_, value, words)) in WITHIN.iter().enumerate() {
                    label { input type="radio" name="in" value=(value) checked[within == *value || (within.is_empty() && i == 0)]; " " (words) }
                    " "
                }
            }
            (text_field(fs, "la", "Local authority", None, "text", 20))
            (text_field(fs, "since", "Published from", Some("e.g. 31 March 2019"), "text", 16))
            (text_field(fs, "until", "to", Some("e.g. 31/03/2024"), "text", 16))
            button type="submit" { "Search" }
        }
    }
}

/// `/search`: the form, and the results a page at a time; a bad parameter shows the form
/// again with the error beside its field.
pub async fn handler(State(s): State<AppState>, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    let answer = super::with_form(run_search(st, &p), |e| form(&FormState::new(&p).error(Some(e))))?;
    let SearchAnswer { q, within, total, page, per_page, reports_without_text: unsearched, results: shown, .. } = answer;
    let at = PageOf::new(total, page, per_page);
    let href = |n: usize| {
        let mut pairs: Vec<(&str, String)> =
            p.pairs().iter().filter(|(k, _)| k != "page").map(|(k, v)| (k.as_str(), v.clone())).collect();
        pairs.push(("page", if n == 1 { String::new() } else { n.to_string() }));
        format!("/search{}", query_string(&pairs))
    };
    // Consecutive results of one report are listed under it.
    let mut groups: Vec<&[SearchResult]> = Vec::new();
    let mut start = 0;
    for i in 1..=shown.len() {
        if i == shown.len() || shown[i].sha256 != shown[start].sha256 {
            groups.push(&shown[start..i]);
            start = i;
        }
    }
    let what = if within == SearchIn::All { "pages" } else { "findings" };
    let content = html! {
        h1 { "What inspectors said" }
        p.lead { "Search every improvement item, priority action, recommendation and paragraph under a judgement, in every report, or the whole text of every report. Words match their other forms (interview, interviews); put phrases in quotes; combine with AND, OR, NOT." }
        (form(&FormState::new(&p)))
        @if st.db.is_none() {
            p { "Search needs the register file; this server has none loaded." }
        } @else if !q.is_empty() {
            p role="status" { (total) " " (what) " for “" (q) "”." @if at.pages > 1 { " Page " (at.page) " of " (at.pages) "." } }
            @if unsearched > 0 {
                p.note { (unsearched) " reports were stored before the register kept the text of every page, so their pages were not searched." }
            }
            @for g in &groups {
                @let r = &g[0];
                h2.h3 {
                    @match r.urn { Some(u) => a href={ "/la/" (u) } { (r.la_name.unwrap_or("")) }, None => "Unknown LA" }
                    " — " (kind_label(Some(r.kind))) " " (short_date(r.published))
                }
                ol.findings {
                    @for r in g.iter() {
                        li {
                            @match r.source {
                                HitSource::Page => { span.meta { "Page " (r.page) ":" } " " (marked(&r.text)) },
                                HitSource::Finding => {
                                    span.meta {
                                        (r.list_label.unwrap_or(""))
                                        @if let Some(j) = r.judgement { " (" (j.label().to_lowercase()) ")" }
                                        @if let Some(p) = r.position { " " (p) }
                                        @if let Some(n) = r.number { ", paragraph " (n) }
                                        ", page " (r.page) ":"
                                    }
                                    " " (marked(&r.text))
                                },
                            }
                        }
                    }
                }
            }
            (pager(at, href))
        }
    };
    Ok(axum::response::Html(render(st, "Search what inspectors said", SECTION, content)).into_response())
}
