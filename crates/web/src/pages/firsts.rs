//! `/firsts`: the order in which LAs were first graded a grade.

use axum::extract::State;
use axum::response::Response;
use lacs_domain::{Framework, Grade};
use maud::{html, Markup};

use super::components::{count, downloads, judgement_options, kind_label, scroll_box, select_field, short_date, updated_line, FormState};
use super::{render, with_form};
use crate::error::{AppError, Params};
use crate::state::{AppState, Inner};
use crate::views;
use crate::{cached, Req, HTML};

const SECTION: &str = "/firsts";

/// The frameworks: parameter value and words.
const FRAMEWORKS: [(&str, &str); 3] = [("any", "Any"), ("sif", "SIF"), ("ilacs", "ILACS")];

/// `/firsts`.
pub async fn handler(State(s): State<AppState>, req: Req, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    let query = req.uri.query().map_or(String::new(), |q| format!("?{q}"));
    with_form(cached(st, &req, HTML, || page(st, &p, &query)), |e| form(&FormState::new(&p).error(Some(e))))
}

fn form(fs: &FormState) -> Markup {
    let grades: Vec<(&str, &str)> = Grade::SCALE.iter().map(|g| (g.as_str(), g.label())).collect();
    let regions: Vec<(&str, &str)> =
        std::iter::once(("", "England")).chain(lacs_domain::OfstedRegion::ALL.iter().map(|r| (r.as_str(), r.as_str()))).collect();
    html! {
        form.controls method="get" action="/firsts" {
            (select_field(fs, "judgement", "Judgement", &judgement_options()))
            (select_field(fs, "grade", "Grade", &grades))
            (select_field(fs, "framework", "Framework", &FRAMEWORKS))
            (select_field(fs, "region", "Where", &regions))
            button type="submit" { "Show" }
        }
    }
}

fn page(st: &Inner, p: &Params, query: &str) -> Result<String, AppError> {
    let (q, firsts) = views::firsts(st, p)?;
    let (fw, fw_value) = match q.framework {
        Some(Framework::Ilacs) => (" in an ILACS inspection", "ilacs"),
        Some(Framework::Sif) => (" in a SIF inspection", "sif"),
        _ => ("", "any"),
    };
    let fs = FormState::new(p)
        .default("judgement", q.judgement.as_str())
        .default("grade", q.grade.as_str())
        .default("framework", fw_value);
    let content = html! {
        h1 { "Firsts" }
        p.lead {
            "The order in which local authorities were first graded " (q.grade.label().to_lowercase()) " for "
            (q.judgement.label().to_lowercase()) (fw)
            @if let Some(r) = q.region { ", among the local authorities of " (r.as_str()) }
            ", by the date the report was published."
        }
        (updated_line(st.last_updated()))
        (form(&fs))
        p role="status" { (count(firsts.len(), "local authority", "local authorities")) "." }
        (scroll_box("Firsts", html! {
            table.compact {
                caption { "First reached the grade, earliest first (local authorities published the same day share a rank)" }
                thead { tr { th.num scope="col" { "Rank" } th scope="col" { "Local authority" } th scope="col" { "Published" } th scope="col" { "Inspection" } } }
                tbody {
                    @for f in &firsts {
                        tr {
                            td.num { (f.rank) }
                            th scope="row" { a href={ "/la/" (f.urn) } { (f.la_name) } }
                            td.date { (short_date(Some(f.published))) }
                            td { a href={ "/inspection/" (f.event_id) } { (kind_label(Some(f.kind))) } }
                        }
                    }
                }
            }
        }))
        (downloads("/download/firsts", query, "this list"))
    };
    Ok(render(st, "Firsts", SECTION, content))
}
