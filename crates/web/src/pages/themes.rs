//! `/themes` and `/api/v1/themes`: how often each improvement theme is named, and its
//! trend by year.

use axum::extract::State;
use axum::response::{IntoResponse, Json, Response};
use lacs_query::{Request, ThemesReport, ThemesRequest};
use maud::{html, Markup};

use super::components::{date_field, pct, scroll_box, short_date, url_encode, FormState};
use super::{render, with_form};
use crate::error::{AppError, Params};
use crate::state::{AppState, Inner};

const SECTION: &str = "/themes";

fn themes_report(st: &Inner, p: &lacs_query::Params) -> Result<ThemesReport, AppError> {
    Ok(lacs_query::themes(&st.register, &ThemesRequest::parse(p)?))
}

/// How often each improvement theme is named in improvement items of graded inspections
/// published by the date, nationally and by group.
#[utoipa::path(get, path = "/api/v1/themes", params(crate::openapi::ThemesParams), responses(
        (status = 200, description = "OK", body = lacs_query::ThemesReport),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody)
))]
pub async fn api(State(s): State<AppState>, p: Params) -> Result<Response, AppError> {
    crate::api::refuse_empty(&p)?;
    Ok(Json(themes_report(&s.0, &p).map_err(AppError::json)?).into_response())
}

fn form(fs: &FormState) -> Markup {
    html! {
        form.controls method="get" action="/themes" {
            (date_field(fs, "as_at", "As at", "e.g. 31 March 2024"))
            button type="submit" { "Show" }
        }
    }
}

/// A search for a theme: its first phrase, quoted, with the pattern's punctuation dropped.
fn theme_search(id: &str, label: &str) -> String {
    let q = lacs_themes::by_id(id).and_then(|th| th.phrases.first()).map_or(label.to_string(), |ph| {
        format!("\"{}\"", ph.replace(['\\', '(', ')', '?', '|', '^', '$'], " ").split_whitespace().collect::<Vec<_>>().join(" "))
    });
    format!("/search?q={}", url_encode(&q))
}

/// `/themes`.
pub async fn handler(State(s): State<AppState>, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    let reports = themes_report(st, &p).and_then(|r| Ok((r, themes_report(st, &p.0.clone().with("by", "year"))?)));
    let (report, years) = with_form(reports, |e| form(&FormState::new(&p).error(Some(e))))?;
    let mut themes = report.themes.clone();
    themes.sort_by_key(|t| std::cmp::Reverse(t.items));
    let fs = FormState::new(&p).default("as_at", report.as_at.to_string());
    let content = html! {
        h1 { "Improvement themes" }
        p.lead {
            (report.items) " improvement items in " (report.inspections) " graded inspections published by " (short_date(Some(report.as_at)))
            "; each item carries every theme whose phrases it uses (" (report.unassigned) " items match no theme). The phrase rules are listed in the project's "
            code { "crates/themes" } "."
        }
        (form(&fs))
        (scroll_box("How often each theme is named", html! {
        table {
            caption { "How often each theme is named" }
            thead { tr { th scope="col" { "Theme" } th.num scope="col" { "Items" } th.num scope="col" { "Inspections" } } }
            tbody {
                @for t in &themes {
                    tr { th scope="row" { a href=(theme_search(t.id, t.label)) { (t.label) } } td.num { (t.items) } td.num { (t.inspections) } }
                }
            }
        }
        }))
        h2 { "Trend by year of publication" }
        (scroll_box("Inspections naming each theme, by year", html! {
            table.compact {
                caption { "Inspections naming each theme, by year (per cent of that year's inspections)" }
                thead { tr { th scope="col" { "Theme" } @for g in &years.groups { th.num scope="col" { (g.name) } } } }
                tbody {
                    @for t in &themes {
                        tr {
                            th scope="row" { (t.label) }
                            @for g in &years.groups {
                                td.num { (pct(g.themes.iter().find(|x| x.id == t.id).map_or(0, |x| x.inspections), g.inspections)) }
                            }
                        }
                    }
                }
            }
        }))
    };
    Ok(axum::response::Html(render(st, "Improvement themes", SECTION, content)).into_response())
}
