//! `/search` and `/api/v1/search`: full-text search over what inspectors said (lacs-query's
//! search), a page of results at a time.

use axum::extract::State;
use axum::response::{IntoResponse, Json, Response};
use crate::error::parse_date;
use lacs_query::{parse_judgement, parse_search_in, HitSource, ParamError, QueryError, SearchIn, SearchRequest, SearchResult};
use maud::{html, Markup};

use super::components::{kind_label, marked, pager, query_string, short_date, text_field, FormState, PageOf};
use super::render;
use crate::error::{AppError, Params};
use crate::state::{AppState, Inner};

const SECTION: &str = "/search";

/// Results on one page.
const PER_PAGE: usize = 50;

/// Where a search may look: parameter value and words.
const WITHIN: [(SearchIn, &str, &str); 2] = [(SearchIn::Findings, "findings", "findings"), (SearchIn::All, "all", "whole reports")];

fn query_error(e: QueryError) -> AppError {
    match e {
        QueryError::Param(p) => AppError::bad_param(p),
        QueryError::UnknownAuthority { query, .. } => AppError::unknown_la(&query),
        QueryError::Store(lacs_store::StoreError::BadSearch { message, .. }) => AppError::bad_param(ParamError {
            name: "q".into(),
            message: format!("{message}; use words, \"quoted phrases\", AND, OR, NOT"),
        }),
        other => AppError::internal(other.to_string()),
    }
}

/// A search's answer: the words, where it looked, the results, and how many stored reports
/// could not be searched in full (stored before the register kept pages).
struct Answer {
    q: String,
    within: SearchIn,
    results: Vec<SearchResult>,
    unsearched: usize,
}

fn run_search(st: &Inner, p: &Params) -> Result<Answer, AppError> {
    let q = p.get("q").unwrap_or("").to_string();
    let within = p.get("in").map(|v| parse_search_in("in", v)).transpose()?.unwrap_or_default();
    let mut answer = Answer { q, within, results: Vec::new(), unsearched: 0 };
    // Every parameter is read before an empty search returns nothing, so a malformed one is
    // named whether or not there is anything to search for.
    let date = |name: &str| p.get(name).map(|v| parse_date(name, v)).transpose();
    let since = date("since")?;
    let until = date("until")?;
    let judgement = p.get("judgement").map(|v| parse_judgement("judgement", v)).transpose()?;
    let la = p.get("la");
    if answer.q.is_empty() {
        return Ok(answer);
    }
    let Some(db) = &st.db else { return Ok(answer) };
    let store = lacs_store::Store::open_read_only(db).map_err(|e| AppError::internal(e.to_string()))?;
    let request = SearchRequest { query: &answer.q, la, since, until, judgement, within, limit: None };
    answer.results = lacs_query::search(&store, &request).map_err(query_error)?;
    if within == SearchIn::All {
        answer.unsearched = lacs_query::reports_without_pages(&store).map_err(query_error)?;
    }
    Ok(answer)
}

/// Full-text search (stemmed words, "phrases", AND, OR, NOT) over every improvement item,
/// priority action, recommendation and judgement paragraph (the matching sentence with hits
/// in [ ]), or with in=all over every page of every report (the text around the hits).
#[utoipa::path(get, path = "/api/v1/search", params(crate::openapi::SearchParams), responses(
        (status = 200, description = "OK", body = Vec<lacs_query::SearchResult>),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody),
        (status = 404, description = "No such local authority or inspection; suggestions for close names.", body = crate::error::ErrorBody)
))]
pub async fn api(State(s): State<AppState>, p: Params) -> Result<Response, AppError> {
    crate::api::refuse_empty(&p)?;
    let answer = run_search(&s.0, &p).map_err(AppError::json)?;
    Ok(Json(answer.results).into_response())
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
            (text_field(fs, "since", "Published from", Some("yyyy-mm-dd"), "text", 11))
            (text_field(fs, "until", "to", Some("yyyy-mm-dd"), "text", 11))
            button type="submit" { "Search" }
        }
    }
}

/// `/search`: the form, and the results a page at a time; a bad parameter shows the form
/// again with the error beside its field.
pub async fn handler(State(s): State<AppState>, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    let answer = run_search(st, &p).and_then(|a| Ok((a, p.get("page").map(|v| v.parse::<usize>()).transpose().map_err(|_| {
        AppError::bad_param(ParamError { name: "page".into(), message: format!("{:?} is not a page number", p.get("page").unwrap_or("")) })
    })?)));
    let (answer, page) = super::with_form(answer, |e| form(&FormState::new(&p).error(Some(e))))?;
    let Answer { q, within, results, unsearched } = answer;
    let at = PageOf::new(results.len(), page.unwrap_or(1), PER_PAGE);
    let shown = &results[at.range(PER_PAGE)];
    let href = |n: usize| {
        let mut pairs: Vec<(&str, String)> =
            p.0.iter().filter(|(k, _)| k != "page").map(|(k, v)| (k.as_str(), v.clone())).collect();
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
            p role="status" { (results.len()) " " (what) " for “" (q) "”." @if at.pages > 1 { " Page " (at.page) " of " (at.pages) "." } }
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
