//! `/review`: every report awaiting review, with its doubts and the grades not counted yet.

use axum::extract::State;
use axum::response::Response;
use maud::html;

use super::components::{count, kind_label, la_link, scroll_box, short_date, updated_line};
use super::render;
use crate::error::AppError;
use crate::state::AppState;
use crate::{cached, Req, HTML};

const SECTION: &str = "/review";

/// `/review`.
pub async fn handler(State(s): State<AppState>, req: Req) -> Result<Response, AppError> {
    let st = &*s.0;
    cached(st, &req, HTML, || {
        let items = st.register.review_items();
        let content = html! {
            h1 { "Reports awaiting review" }
            p.lead { "Reports the register could not read with confidence. Every judgement read from them is counted in the national picture except those a doubt concerns, which wait for a person’s answer." }
            (updated_line(st.last_updated()))
            @if items.is_empty() {
                p { "Nothing awaits review: every stored report was read with confidence or has been answered." }
            } @else {
                p {
                    (count(items.len(), "report", "reports")) " await review. Answer a doubt with "
                    code { "lacs review set SHA256 FIELD=VALUE --note TEXT" } ", or confirm a reading as it stands with "
                    code { "lacs review accept SHA256 --note TEXT" } "."
                }
                (scroll_box("Reports awaiting review", html! {
                    table {
                        caption { "Reports awaiting review, by local authority" }
                        thead { tr {
                            th scope="col" { "Local authority" } th scope="col" { "Report" } th scope="col" { "Published" }
                            th scope="col" { "Doubts" } th scope="col" { "Not counted yet" } th scope="col" { "Document" }
                        } }
                        tbody {
                            @for i in &items {
                                tr {
                                    th scope="row" { @match i.urn { Some(u) => (la_link(u)), None => "Unknown" } }
                                    td { (kind_label(i.kind)) }
                                    td.date { @if i.published.is_some() { (short_date(i.published)) } @else { "date not known" } }
                                    td { ul { @for d in &i.doubts { li { (d.message) @if let Some(p) = d.page { " (page " (p) ")" } } } } }
                                    td { @if i.withheld.is_empty() { "—" } @else { (i.withheld.iter().map(|j| j.label()).collect::<Vec<_>>().join(", ")) } }
                                    td { code { (i.sha256.get(..12).unwrap_or(&i.sha256)) } }
                                }
                            }
                        }
                    }
                }))
            }
        };
        Ok(render(st, "Reports awaiting review", SECTION, content))
    })
}
