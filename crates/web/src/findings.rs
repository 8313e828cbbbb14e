//! `/search` and `/themes`: what inspectors said (lacs-query's search and themes).

use crate::error::{AppError, Params};
use crate::html::{short_date, Esc, Page, Section};
use crate::state::{AppState, Inner};
use axum::extract::State;
use axum::response::{Html, IntoResponse, Json, Response};
use lacs_query::{
    parse_judgement, parse_search_in, HitSource, ParamError, QueryError, SearchIn, SearchRequest, SearchResult, ThemesBy,
    ThemesReport,
};
use std::fmt::Write;

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
    let q = p.get("q").unwrap_or("").trim().to_string();
    let within = p.get("in").filter(|v| !v.is_empty()).map(|v| parse_search_in("in", v)).transpose().map_err(AppError::bad_param)?.unwrap_or_default();
    let mut answer = Answer { q, within, results: Vec::new(), unsearched: 0 };
    // Every parameter is read before an empty search returns nothing, so a malformed one is
    // named whether or not there is anything to search for.
    let date = |name: &str| p.get(name).filter(|v| !v.is_empty()).map(|v| crate::error::parse_date(name, v)).transpose().map_err(AppError::bad_param);
    let since = date("since")?;
    let until = date("until")?;
    let judgement =
        p.get("judgement").filter(|v| !v.is_empty()).map(|v| parse_judgement("judgement", v)).transpose().map_err(AppError::bad_param)?;
    let la = p.get("la").filter(|v| !v.is_empty());
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

/// Report text with the search hits (`[` `]`) as `<mark>`, everything escaped.
fn marked(text: &str) -> String {
    Esc(text).to_string().replace('[', "<mark>").replace(']', "</mark>")
}

fn render(st: &Inner, title: &str, section: Section, body: String) -> String {
    Page { title: title.to_string(), section, last_updated: st.last_updated(), body, show_updated: true }.render()
}

/// Full-text search (stemmed words, "phrases", AND, OR, NOT) over every improvement item,
/// priority action, recommendation and judgement paragraph (the matching sentence with hits
/// in [ ]), or with in=all over every page of every report (the text around the hits).
#[utoipa::path(get, path = "/api/v1/search", params(crate::openapi::SearchParams), responses(
        (status = 200, description = "OK", body = Vec<lacs_query::SearchResult>),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody),
        (status = 404, description = "No such local authority or inspection; suggestions for close names.", body = crate::error::ErrorBody)
))]
pub async fn search_api(State(s): State<AppState>, p: Params) -> Result<Response, AppError> {
    crate::api::refuse_empty(&p)?;
    let answer = run_search(&s.0, &p).map_err(AppError::json)?;
    Ok(Json(answer.results).into_response())
}

/// `/search`: full-text search over every improvement item and judgement paragraph.
pub async fn search_page(State(s): State<AppState>, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    let Answer { q, within, results, unsearched } = run_search(st, &p)?;
    let value = |name: &str| Esc(p.get(name).unwrap_or("")).to_string();
    let mut b = String::with_capacity(50_000);
    b.push_str("<h1>What inspectors said</h1><p class=\"lead\">Search every improvement item, priority action, recommendation and paragraph under a judgement, in every report, or the whole text of every report. Words match their other forms (interview, interviews); put phrases in quotes; combine with AND, OR, NOT.</p>");
    let checked = |w: SearchIn| if within == w { " checked" } else { "" };
    let _ = write!(
        b,
        "<form class=\"controls\" method=\"get\" action=\"/search\" role=\"search\">\
         <div class=\"field\"><label for=\"q\">Search for</label><input id=\"q\" name=\"q\" type=\"search\" value=\"{}\" size=\"40\"></div>\
         <fieldset class=\"field\"><legend>In</legend>\
         <label><input type=\"radio\" name=\"in\" value=\"findings\"{}> findings</label> \
         <label><input type=\"radio\" name=\"in\" value=\"all\"{}> whole reports</label></fieldset>\
         <div class=\"field\"><label for=\"la\">Local authority</label><input id=\"la\" name=\"la\" value=\"{}\"></div>\
         <div class=\"field\"><label for=\"since\">Published from</label><input id=\"since\" name=\"since\" value=\"{}\" placeholder=\"yyyy-mm-dd\"></div>\
         <div class=\"field\"><label for=\"until\">to</label><input id=\"until\" name=\"until\" value=\"{}\" placeholder=\"yyyy-mm-dd\"></div>\
         <button type=\"submit\">Search</button></form>",
        value("q"),
        checked(SearchIn::Findings),
        checked(SearchIn::All),
        value("la"),
        value("since"),
        value("until")
    );
    if st.db.is_none() {
        b.push_str("<p>Search needs the register file; this server has none loaded.</p>");
    } else if !q.is_empty() {
        let what = if within == SearchIn::All { "pages" } else { "findings" };
        let _ = write!(b, "<p role=\"status\">{} {what} for “{}”.</p>", results.len(), Esc(&q));
        if unsearched > 0 {
            let _ = write!(b, "<p class=\"note\">{unsearched} reports were stored before the register kept the text of every page, so their pages were not searched.</p>");
        }
        let mut open: Option<&str> = None;
        for r in &results {
            if open != Some(r.sha256.as_str()) {
                if open.is_some() {
                    b.push_str("</ol>");
                }
                let _ = write!(
                    b,
                    "<h2 class=\"h3\">{} — {} {}</h2><ol class=\"findings\">",
                    r.urn.map_or_else(|| "Unknown LA".to_string(), |u| format!("<a href=\"/la/{u}\">{}</a>", Esc(r.la_name.unwrap_or("")))),
                    Esc(crate::html::kind_label(Some(r.kind))),
                    short_date(r.published)
                );
                open = Some(r.sha256.as_str());
            }
            match r.source {
                HitSource::Page => {
                    let _ = write!(b, "<li><span class=\"meta\">Page {}:</span> {}</li>", r.page, marked(&r.text));
                }
                HitSource::Finding => {
                    let under = r.judgement.map(|j| format!(" ({})", j.label().to_lowercase())).unwrap_or_default();
                    let position = r.position.map(|p| format!(" {p}")).unwrap_or_default();
                    let number = r.number.map(|n| format!(", paragraph {n}")).unwrap_or_default();
                    let _ = write!(
                        b,
                        "<li><span class=\"meta\">{}{}{position}{number}, page {}:</span> {}</li>",
                        Esc(r.list_label.unwrap_or("")),
                        Esc(&under),
                        r.page,
                        marked(&r.text)
                    );
                }
            }
        }
        if open.is_some() {
            b.push_str("</ol>");
        }
    }
    Ok(Html(render(st, "Search what inspectors said", Section::Search, b)).into_response())
}

fn themes_report(st: &Inner, p: &Params) -> Result<ThemesReport, AppError> {
    let as_at = match p.get("as_at").filter(|v| !v.is_empty()) {
        Some(v) => crate::error::parse_date("as_at", v).map_err(AppError::bad_param)?,
        None => st.today(),
    };
    let by: Option<ThemesBy> = p.get("by").filter(|v| !v.is_empty()).map(str::parse).transpose().map_err(AppError::bad_param)?;
    Ok(lacs_query::themes(&st.register, as_at, by))
}

/// How often each improvement theme is named in improvement items of graded inspections
/// published by the date, nationally and by group.
#[utoipa::path(get, path = "/api/v1/themes", params(crate::openapi::ThemesParams), responses(
        (status = 200, description = "OK", body = lacs_query::ThemesReport),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody)
))]
pub async fn themes_api(State(s): State<AppState>, p: Params) -> Result<Response, AppError> {
    crate::api::refuse_empty(&p)?;
    Ok(Json(themes_report(&s.0, &p).map_err(AppError::json)?).into_response())
}

/// `/themes`: how often each improvement theme is named, and its trend by year.
pub async fn themes_page(State(s): State<AppState>, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    let report = themes_report(st, &p)?;
    let mut by_year = Params(vec![("by".into(), "year".into())]);
    if let Some(a) = p.get("as_at") {
        by_year.0.push(("as_at".into(), a.to_string()));
    }
    let years = themes_report(st, &by_year)?;
    let mut b = String::with_capacity(40_000);
    let _ = write!(
        b,
        "<h1>Improvement themes</h1><p class=\"lead\">{} improvement items in {} graded inspections published by {}; each item carries every theme whose phrases it uses ({} items match no theme). The phrase rules are listed in the project's <code>crates/themes</code>.</p>",
        report.items,
        report.inspections,
        short_date(Some(report.as_at)),
        report.unassigned
    );
    let mut themes = report.themes.clone();
    themes.sort_by_key(|t| std::cmp::Reverse(t.items));
    b.push_str("<table><caption>How often each theme is named</caption><thead><tr><th scope=\"col\">Theme</th><th scope=\"col\" class=\"num\">Items</th><th scope=\"col\" class=\"num\">Inspections</th></tr></thead><tbody>");
    for t in &themes {
        let _ = write!(
            b,
            "<tr><th scope=\"row\"><a href=\"/search?q={}\">{}</a></th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            crate::html::url_encode(&lacs_themes::by_id(t.id).and_then(|th| th.phrases.first()).map_or(t.label.to_string(), |ph| format!("\"{}\"", ph.replace(['\\', '(', ')', '?', '|', '^', '$'], " ").split_whitespace().collect::<Vec<_>>().join(" ")))),
            Esc(t.label),
            t.items,
            t.inspections
        );
    }
    b.push_str("</tbody></table>");
    // Trend: share of each year's inspections naming the theme.
    b.push_str("<h2>Trend by year of publication</h2><div class=\"scroll\"><table class=\"compact\"><caption>Inspections naming each theme, by year (per cent of that year's inspections)</caption><thead><tr><th scope=\"col\">Theme</th>");
    for g in &years.groups {
        let _ = write!(b, "<th scope=\"col\" class=\"num\">{}</th>", Esc(&g.name));
    }
    b.push_str("</tr></thead><tbody>");
    for t in &themes {
        let _ = write!(b, "<tr><th scope=\"row\">{}</th>", Esc(t.label));
        for g in &years.groups {
            let n = g.themes.iter().find(|x| x.id == t.id).map_or(0, |x| x.inspections);
            let _ = write!(b, "<td class=\"num\">{}</td>", crate::html::pct(n, g.inspections));
        }
        b.push_str("</tr>");
    }
    b.push_str("</tbody></table></div>");
    Ok(Html(render(st, "Improvement themes", Section::Themes, b)).into_response())
}
