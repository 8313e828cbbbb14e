//! `/visits`, `/api/v1/visits` and `/download/visits.{csv,xlsx,json}`: focused visits,
//! monitoring visits and joint targeted area inspections, newest first, filtered by type,
//! region, LA and dates (`lacs_query::VisitsRequest`), with counts by type.

use axum::extract::State;
use axum::response::Response;
use lacs_domain::UngradedKind;
use lacs_query::{Request, Visits, VisitsRequest};
use maud::{html, Markup};

use super::components::{count, date_field, downloads, scroll_box, select_field, short_date, text_field, updated_line, FormState};
use super::{render, with_form};
use crate::error::{AppError, Params};
use crate::state::{AppState, Inner};
use crate::table::{self, Cell, Format3, Table};
use crate::views::query_error;
use crate::{cached, Req, HTML};

const SECTION: &str = "/visits";

/// The visits asked for: the request parsed, the register asked.
fn visits(st: &Inner, p: &lacs_query::Params) -> Result<Visits, AppError> {
    st.register.visits(&VisitsRequest::parse(p)?).map_err(query_error)
}

/// Focused visits, monitoring visits and joint targeted area inspections, newest first, with their theme and (monitoring visits) their number since an inadequate judgement.
#[utoipa::path(get, path = "/api/v1/visits", params(crate::openapi::VisitsParams), responses(
        (status = 200, description = "OK", body = lacs_query::Visits),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody),
        (status = 404, description = "No such local authority or inspection; suggestions for close names.", body = crate::error::ErrorBody)
))]
pub async fn api(State(s): State<AppState>, uri: Req, p: Params) -> Result<Response, AppError> {
    crate::api::refuse_empty(&p)?;
    cached(&s.0, &uri, crate::JSON, || serde_json::to_string(&visits(&s.0, &p)?).map_err(|e| AppError::internal(e.to_string())))
        .map_err(AppError::json)
}

/// `/download/visits.{csv|xlsx|json}`: the page's table.
pub fn download(st: &Inner, p: &Params, format: Format3) -> Result<Response, AppError> {
    let v = visits(st, p)?;
    let mut t = Table::new("Visits", "visits", &[
        "Event id", "URN", "Local authority", "Ofsted region", "Visit", "Theme", "Monitoring visit number", "Number counted from event id",
        "On site from", "On site to", "Published", "Known from", "Official record", "On Ofsted's site",
    ]);
    if let Some(t0) = v.visit_type {
        t = t.about("Type", t0.label());
    }
    for r in &v.visits {
        t.push(vec![
            r.event_id.into(),
            r.urn.into(),
            r.la_name.into(),
            r.region.into(),
            r.visit_label.into(),
            r.theme.as_deref().into(),
            r.sequence.into(),
            r.since_inspection.into(),
            r.inspection_start.into(),
            r.inspection_end.into(),
            r.published.into(),
            Cell::from(sources_label(r.sources)),
            r.official.as_deref().into(),
            r.url.as_deref().into(),
        ]);
    }
    table::respond(format, t, &v)
}

/// Where a visit is known from, in words.
fn sources_label(s: &str) -> &'static str {
    match s {
        "official+site" => "Official statistics and Ofsted's reports site",
        "official" => "Official statistics",
        _ => "Ofsted's reports site",
    }
}

/// `/visits`.
pub async fn handler(State(s): State<AppState>, req: Req, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    let query = req.uri.query().map_or(String::new(), |q| format!("?{q}"));
    with_form(cached(st, &req, HTML, || page(st, &p, &query)), |e| form(&FormState::new(&p).error(Some(e))))
}

fn form(fs: &FormState) -> Markup {
    let mut types: Vec<(&str, &str)> = vec![("", "All visits")];
    types.extend(UngradedKind::VISITS.iter().map(|t| (t.as_str(), t.label())));
    let mut regions: Vec<(&str, &str)> = vec![("", "All regions")];
    regions.extend(lacs_query::region_names().into_iter().map(|r| (r, r)));
    html! {
        form.controls method="get" action="/visits" {
            (select_field(fs, "type", "Type", &types))
            (select_field(fs, "region", "Region", &regions))
            (text_field(fs, "la", "Local authority", Some("a name or code"), "search", 20))
            (date_field(fs, "since", "Since", "e.g. 1 April 2024"))
            (date_field(fs, "until", "Until", "e.g. 31/03/2025"))
            button type="submit" { "Show" }
            " "
            a.reset href="/visits" { "Clear filters" }
        }
    }
}

fn page(st: &Inner, p: &Params, query: &str) -> Result<String, AppError> {
    let v = visits(st, p)?;
    let fs = FormState::new(p);
    let content = html! {
        h1 { "Visits" }
        p.lead {
            "Focused visits, monitoring visits and joint targeted area inspections, newest first, from Ofsted’s official statistics and the letters on its reports site. "
            "Visits are not graded. A monitoring visit is numbered from the local authority’s most recent graded inspection when that inspection was judged inadequate overall."
        }
        (updated_line(st.last_updated()))
        (form(&fs))
        (scroll_box("Visits by type", html! {
            table {
                caption { "Visits by type" @if let Some(la) = v.la { " (" (la) ")" } @if let Some(r) = v.region { " (" (r) ")" } }
                thead { tr { th scope="col" { "Type" } th.num scope="col" { "Visits" } } }
                tbody { @for c in &v.counts { tr { th scope="row" { (c.label) } td.num { (c.visits) } } } }
            }
        }))
        p role="status" { (count(v.visits.len(), "visit", "visits")) "." }
        @if !v.visits.is_empty() {
            (scroll_box("Each visit", html! {
                table.compact {
                    caption { "Each visit, newest first" }
                    thead { tr {
                        th scope="col" { "Published" } th scope="col" { "Local authority" } th scope="col" { "Visit" }
                        th scope="col" { "Theme" } th scope="col" { "On site" } th scope="col" { "Known from" } th scope="col" { "Letter" }
                    } }
                    tbody {
                        @for r in &v.visits {
                            tr {
                                td.date { @if r.published.is_some() { (short_date(r.published)) } @else { span.hint { "not known" } } }
                                th scope="row" { a href={ "/la/" (r.urn) } { (r.la_name) } br; span.hint { (r.region) } }
                                td {
                                    a href={ "/inspection/" (r.event_id) } { (r.visit_label) }
                                    @if let Some(n) = &r.sequence_note { br; span.hint { (n) } }
                                }
                                td { (r.theme.as_deref().unwrap_or("")) }
                                td.date { (short_date(r.inspection_start)) }
                                td { (sources_label(r.sources)) }
                                td {
                                    @if let Some(u) = r.url.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
                                        a href=(u) rel="noopener" { "On Ofsted’s site" span.visually-hidden { " (" (r.visit_label) ", " (r.la_name) ")" } }
                                    }
                                }
                            }
                        }
                    }
                }
            }))
        }
        (downloads("/download/visits", query, "this list"))
    };
    Ok(render(st, "Visits", SECTION, content))
}

