//! `/api`: what the downloads and the API offer, for people. Every API route of the route
//! table is listed, with its parameters as the OpenAPI document names them.

use axum::extract::State;
use axum::response::Response;
use lacs_domain::{Grade, Judgement};
use maud::html;
use serde_json::Value;

use super::components::{scroll_box, updated_line};
use super::render;
use crate::error::AppError;
use crate::routes::{self, RouteKind};
use crate::state::AppState;
use crate::{cached, Req, HTML};

const SECTION: &str = "/api";

/// The names of a path's parameters in the OpenAPI document (references followed).
fn parameters(doc: &Value, path: &str) -> Vec<String> {
    let Some(list) = doc["paths"][path]["get"]["parameters"].as_array() else { return Vec::new() };
    list.iter()
        .filter_map(|p| {
            let p = match p["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/parameters/")) {
                Some(key) => &doc["components"]["parameters"][key],
                None => p,
            };
            p["name"].as_str().map(str::to_string)
        })
        .collect()
}

/// `/api`.
pub async fn handler(State(s): State<AppState>, req: Req) -> Result<Response, AppError> {
    let st = &*s.0;
    cached(st, &req, HTML, || {
        let doc = crate::openapi::document_on(st.today());
        let content = html! {
            h1 { "Data and API" }
            p.lead {
                "Every page’s figures can be downloaded as CSV, Excel (XLSX) or JSON from the links under its tables, and fetched as JSON from the API below. The JSON has the same shape as the "
                code { "lacs" } " command’s " code { "--json" } " output."
            }
            (updated_line(st.last_updated()))
            p { "The API is described by an OpenAPI 3.1 document: " a href="/api/v1/openapi.json" { "/api/v1/openapi.json" } "." }
            (scroll_box("API routes", html! {
                table {
                    caption { "API routes" }
                    thead { tr { th scope="col" { "Route" } th scope="col" { "What it returns" } th scope="col" { "Parameters" } } }
                    tbody {
                        @for r in routes::of_kind(RouteKind::Api) {
                            tr {
                                th scope="row" {
                                    @match r.example.or((!r.path.contains('{')).then_some(r.path)) {
                                        Some(href) => a href=(href) { code { (r.path) } },
                                        None => code { (r.path) },
                                    }
                                }
                                td { (r.about) }
                                td { (parameters(&doc, r.path).join(", ")) }
                            }
                        }
                    }
                }
            }))
            h2 { "Downloads" }
            ul.list {
                @for r in routes::of_kind(RouteKind::Download) {
                    li { code { (r.path) } ": " (r.about) @if let Some(e) = r.example { " (for example " a href=(e) { (e) } ")" } }
                }
            }
            h2 { "Feeds" }
            p { "Atom feeds of new reports, grade changes and visits, newest first (the latest " (lacs_query::FEED_ENTRIES) "), for a feed reader or an alert. Each LA’s page links to its own feed." }
            ul.list {
                @for r in routes::of_kind(RouteKind::Feed) {
                    li { a href=(r.example.unwrap_or(r.path)) { code { (r.example.unwrap_or(r.path)) } } ": " (r.about) }
                }
            }
            h2 { "Running the server" }
            ul.list {
                @for r in routes::of_kind(RouteKind::Service) {
                    li { a href=(r.path) { code { (r.path) } } ": " (r.about) }
                }
            }
            h2 { "Parameters" }
            ul.list {
                li { "Dates are " code { "yyyy-mm-dd" } "." }
                li { "Judgements: " @for (i, j) in Judgement::ALL.iter().enumerate() { @if i > 0 { ", " } code { (j.as_str()) } } "." }
                li { "Grades: " @for (i, g) in Grade::SCALE.iter().enumerate() { @if i > 0 { ", " } code { (g.as_str()) } } "." }
                li { "Groupings (" code { "by" } "): " code { "region" } " (Ofsted’s 8) or " code { "region9" } " (ONS)." }
                li { "A bad parameter gives a 400 response whose JSON names the parameter and says what was expected; an unknown local authority gives a 404 with the closest names." }
            }
        };
        Ok(render(st, "Data and API", SECTION, content))
    })
}
