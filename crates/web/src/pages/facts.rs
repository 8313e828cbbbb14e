//! `/inspection/{id}/facts`: every fact a story about one inspection could state, one
//! statement a line with its source under it, and the same facts as JSON (the API's answer).

use axum::extract::{Path, State};
use axum::response::Response;
use lacs_query::{FactSource, Facts, Provenance};
use maud::{html, Markup};

use super::components::{grade_tag, la_link, updated_line};
use super::render;
use crate::error::{AppError, Params};
use crate::state::{AppState, Inner};
use crate::views;
use crate::{cached, Req, HTML};

const SECTION: &str = "/la";

/// `/inspection/{id}/facts`: the inspection's LA and the inspection by its id, asked of query
/// as `/api/v1/facts/{urn}?inspection={id}` asks.
pub async fn handler(State(s): State<AppState>, Path(id): Path<String>, req: Req) -> Result<Response, AppError> {
    let st = &*s.0;
    cached(st, &req, HTML, || {
        // The inspection names its LA; an id that is no inspection's is not found as on its page.
        let urn = views::inspection(st, &id)?.event.urn;
        let p = Params(lacs_query::Params::query(vec![("inspection".into(), id.clone())]));
        Ok(page(st, &views::facts(st, &urn.to_string(), &p)?))
    })
}

/// A fact's source, under its statement.
fn source(p: &Provenance) -> Markup {
    html! {
        span.hint {
            "Source: "
            @match (p.source, p.detail.as_deref()) {
                (FactSource::Site, Some(u)) if u.starts_with("http") => { "Ofsted’s reports site (" a href=(u) rel="noopener" { "the report" } ")" },
                (FactSource::Computed, Some(how)) => { "computed, as " code { (how) } " gives it" },
                _ => (p.cite()),
            }
        }
    }
}

fn statement(text: &str, p: &Provenance) -> Markup {
    html! { li { (text) (source(p)) } }
}

fn page(st: &Inner, f: &Facts) -> String {
    let title = format!("Facts for this inspection: {}, {}", f.la_name, f.title());
    let json = format!("/api/v1/facts/{}?inspection={}", f.urn, f.event_id);
    let content = html! {
        p.crumbs { a href="/la" { "Local authorities" } " › " (la_link(f.urn)) " › " a href={ "/inspection/" (f.event_id) } { "Inspection" } " › Facts" }
        h1 { (title) }
        (updated_line(st.last_updated()))
        p.lead { "Each fact a story could state about this inspection, with where it comes from: the report (with its page), Ofsted’s official statistics, Ofsted’s reports site, or the register’s own count (with the command that gives the same number)." }
        section aria-labelledby="grades" {
            h2 #grades { "Grades" }
            ul.statements { @for g in &f.grades { li { (grade_tag(Some(g.grade))) " " (g.statement) (source(&g.provenance)) } } }
        }
        @if !f.ranks.is_empty() {
            section aria-labelledby="firsts" {
                h2 #firsts { "Firsts" }
                ul.statements { @for r in &f.ranks { (statement(&r.statement, &r.provenance)) } }
            }
        }
        section aria-labelledby="picture" {
            h2 #picture { "The picture on the day it was published" }
            ul.statements { @for p in &f.picture { (statement(&p.statement, &p.provenance)) } }
        }
        section aria-labelledby="dates" {
            h2 #dates { "Dates and people" }
            ul.statements {
                @if let Some(o) = &f.on_site { (statement(&o.statement, &o.provenance)) }
                @if let Some(l) = &f.length { (statement(&l.statement, &l.provenance)) }
                (statement(&f.published.statement, &f.published.provenance))
                @if let Some(l) = &f.lead_inspector { (statement(&l.statement, &l.provenance)) }
                @if let Some(u) = &f.report_url { li { a href=(u.text) rel="noopener" { "The report on Ofsted’s site" } (source(&u.provenance)) } }
            }
        }
        @if !f.summary.is_empty() {
            section aria-labelledby="summary" {
                h2 #summary { "The report’s summary" }
                ul.statements { @for s in &f.summary { li { blockquote.quote { (s.text) } (source(&s.provenance)) } } }
            }
        }
        @if !f.must_improve.is_empty() {
            section aria-labelledby="improve" {
                h2 #improve { "What inspectors said must improve" }
                ul.statements { @for i in &f.must_improve { li { blockquote.quote { (i.finding.text) } (source(&i.provenance)) } } }
            }
        }
        @for set in &f.neighbours.sets {
            section aria-labelledby={ "neighbours-" (set.model) } {
                h2 id={ "neighbours-" (set.model) } { "Statistical neighbours (" (set.model) " model)" }
                ul.statements {
                    @for n in set.neighbours.iter().filter(|n| n.exists) {
                        li {
                            a href={ "/la/" (n.urn) } { (n.la_name) } ": "
                            @match &n.latest {
                                Some(l) => { (grade_tag(l.grades.overall)) @if let Some(d) = l.published { " published " (super::components::long_date(d)) } },
                                None => "not yet inspected",
                            }
                        }
                    }
                }
                (source(&f.neighbours.provenance))
            }
        }
        div.downloads {
            h2.small { "Download these facts" }
            ul { li { a href=(json) download { "JSON" } } }
        }
    };
    render(st, &title, SECTION, content)
}
