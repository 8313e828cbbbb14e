//! `/la`: every LA, filterable (`q`, `region`, `grade`, `judgement`, `as_at`) and sortable
//! (`sort`, `order`).

use axum::extract::State;
use axum::response::Response;
use lacs_domain::{Grade, Judgement};
use maud::{html, Markup};

use super::components::{
    count, date_field, downloads, grade_tag, hidden, judgement_options, kind_label, long_date, query_string, scroll_box,
    select_field, short_date, text_field, updated_line, FormState,
};
use super::{render, with_form};
use crate::error::{AppError, Params};
use crate::state::{AppState, Inner};
use crate::views;
use lacs_query::{GradeFilter, LaRow};
use crate::{cached, Req, HTML};

const SECTION: &str = "/la";

/// The sortable columns: parameter value and heading.
const SORTS: [(&str, &str); 4] = [("name", "Local authority"), ("region", "Ofsted region"), ("grade", "Grade"), ("published", "Published")];

/// `/la`.
pub async fn handler(State(s): State<AppState>, req: Req, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    with_form(cached(st, &req, HTML, || page(st, &p)), |e| form(&FormState::new(&p).error(Some(e))))
}

/// The filters.
fn form(fs: &FormState) -> Markup {
    let mut regions: Vec<(&str, &str)> = vec![("", "All regions")];
    regions.extend(lacs_query::region_names().into_iter().map(|r| (r, r)));
    let mut grades: Vec<(&str, &str)> = vec![("", "All grades")];
    grades.extend(GradeFilter::ALL.map(|g| (g.as_str(), g.label())));
    html! {
        form.controls method="get" action="/la" {
            (text_field(fs, "q", "Name or code", None, "search", 20))
            (select_field(fs, "region", "Region", &regions))
            (select_field(fs, "grade", "Grade", &grades))
            (select_field(fs, "judgement", "Judgement", &judgement_options()))
            (date_field(fs, "as_at", "As at", "e.g. 31 March 2024"))
            (hidden("sort", &fs.value("sort")))
            (hidden("order", &fs.value("order")))
            button type="submit" { "Apply filters" }
            " "
            a.reset href="/la" { "Clear filters" }
        }
    }
}

/// The grade order of the grade sort: the scale, then not graded, then not inspected.
fn rank(r: &LaRow) -> u8 {
    r.grade.and_then(Grade::rank).unwrap_or(if r.inspected { 5 } else { 6 })
}

fn page(st: &Inner, p: &Params) -> Result<String, AppError> {
    let list = views::la_list(st, p)?;
    let sort = p.choice("sort", &SORTS.map(|s| s.0), "name")?;
    let order = p.choice("order", &["asc", "desc"], "asc")?;
    let mut rows = list.authorities.clone();
    match sort {
        "region" => rows.sort_by(|a, b| (a.ofsted_region, a.la_name).cmp(&(b.ofsted_region, b.la_name))),
        "grade" => rows.sort_by(|a, b| (rank(a), a.la_name).cmp(&(rank(b), b.la_name))),
        "published" => rows.sort_by(|a, b| (a.published, a.la_name).cmp(&(b.published, b.la_name))),
        _ => {}
    }
    if order == "desc" {
        rows.reverse();
    }
    let fs = FormState::new(p)
        .default("as_at", list.as_at.to_string())
        .default("judgement", list.judgement.as_str())
        .default("sort", sort)
        .default("order", order);
    let base: Vec<(&str, String)> = vec![
        ("q", list.q.clone().unwrap_or_default()),
        ("region", list.region.unwrap_or_default().to_string()),
        ("grade", list.grade.map_or("", GradeFilter::as_str).to_string()),
        ("judgement", if list.judgement == Judgement::Overall { String::new() } else { list.judgement.as_str().into() }),
        ("as_at", p.get("as_at").unwrap_or("").to_string()),
    ];
    let sort_href = |key: &str, next: &str| {
        let mut pairs = base.clone();
        pairs.push(("sort", key.to_string()));
        pairs.push(("order", next.to_string()));
        format!("/la{}", query_string(&pairs))
    };
    let j_lower = list.judgement.label().to_lowercase();
    let suggestions: Vec<&lacs_authorities::Authority> = match (&list.q, rows.is_empty()) {
        (Some(q), true) => match lacs_authorities::resolve(q) {
            Err(nf) => nf.suggestions.iter().filter_map(|s| lacs_authorities::by_name(s, None)).collect(),
            Ok(_) => Vec::new(),
        },
        _ => Vec::new(),
    };
    let content = html! {
        h1 { "Local authorities" }
        p.lead { "Every local authority with children’s services on " (long_date(list.as_at)) ", with its latest " (j_lower) " grade." }
        (updated_line(st.last_updated()))
        (form(&fs))
        p role="status" { (count(rows.len(), "local authority", "local authorities")) " shown." }
        (scroll_box("Local authorities", html! {
            table.sortable {
                caption {
                    "Local authorities and their latest " (j_lower) " grade, as at " (long_date(list.as_at)) ", sorted by " (sort)
                    @if order == "desc" { ", descending" }
                }
                thead { tr {
                    @for (key, label) in SORTS {
                        @let current = key == sort;
                        @let next = if current && order == "asc" { "desc" } else { "asc" };
                        th scope="col" aria-sort=[current.then_some(if order == "asc" { "ascending" } else { "descending" })] {
                            a href=(sort_href(key, next)) {
                                (label)
                                @if current { span aria-hidden="true" { (if order == "asc" { " ▲" } else { " ▼" }) } }
                            }
                        }
                    }
                    th scope="col" { "Inspection" }
                } }
                tbody {
                    @for r in &rows {
                        tr {
                            th scope="row" { a href={ "/la/" (r.urn) } { (r.la_name) } }
                            td { (r.ofsted_region) }
                            td {
                                @match (r.grade, r.inspected) {
                                    (Some(g), _) => (grade_tag(Some(g))),
                                    (None, true) => "Not graded",
                                    (None, false) => "Not yet inspected",
                                }
                            }
                            td.date { (short_date(r.published)) }
                            td { @if let Some(id) = r.event_id { a href={ "/inspection/" (id) } { (kind_label(r.kind)) } } }
                        }
                    }
                }
            }
        }))
        @if !suggestions.is_empty() {
            p { "No local authority matches. Did you mean:" }
            ul.list { @for a in &suggestions { li { a href={ "/la/" (a.urn) } { (a.name) } } } }
        }
        (downloads("/download/las", &query_string(&base), "this list"))
    };
    Ok(render(st, "Local authorities", SECTION, content))
}
