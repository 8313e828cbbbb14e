//! `/inspection/{id}`: one inspection: every judgement with the report text it was read
//! from, where each value came from, and disagreements with the official record.

use axum::extract::{Path, State};
use axum::response::Response;
use lacs_domain::{Grade, Judgement};
use lacs_query::{EventReview, ValueOrigin};
use maud::{html, Markup};

use super::components::{event_label, grade_or_dash, grade_tag, la_link, long_date, scroll_box, short_date, updated_line};
use super::la::{changes_table, report_lists};
use super::render;
use crate::error::AppError;
use crate::state::{AppState, Inner};
use crate::views;
use lacs_query::InspectionDetail;
use crate::{cached, Req, HTML};

const SECTION: &str = "/la";

/// `/inspection/{id}`.
pub async fn handler(State(s): State<AppState>, Path(id): Path<String>, req: Req) -> Result<Response, AppError> {
    let st = &*s.0;
    cached(st, &req, HTML, || Ok(page(st, &views::inspection(st, &id)?)))
}

/// Words for where a value came from.
fn origin_words(o: &ValueOrigin) -> Markup {
    let who = |how: &str| {
        html! {
            (how) " by " (o.by.as_deref().unwrap_or("a person"))
            @if let Some(d) = o.at.as_deref().and_then(|t| t.get(..10)) { " on " (d) }
            @if let Some(n) = &o.note { ": “" (n) "”" }
        }
    };
    match (o.source, o.note.is_some()) {
        ("person", _) => who("A person’s answer in review, given"),
        ("report", true) => who("The report, confirmed"),
        ("report", false) => html! { "The report" },
        ("official", _) => html! { "Ofsted’s official statistics" },
        ("awaiting_review", _) => html! { "Awaiting review: the report’s grade is in doubt and not counted" },
        (other, _) => html! { (other) },
    }
}

/// The doubts that stand (with their pages) and where each value came from.
fn review_section(r: &EventReview) -> Markup {
    html! {
        @if !r.doubts.is_empty() {
            section aria-labelledby="doubts" {
                h2 #doubts { "Awaiting review" }
                p { "The register doubts these readings of the report; the judgements they concern are not counted in the national picture until a person answers them (" code { "lacs review" } ")." }
                ul { @for d in &r.doubts { li { (d.message) @if let Some(p) = d.page { " (page " (p) ")" } } } }
            }
        }
        @if r.origins.iter().any(|o| o.source != "report") {
            section aria-labelledby="origins" {
                h2 #origins { "Where each value came from" }
                (scroll_box("The source of each value", html! {
                table {
                    caption { "The source of each value of this inspection" }
                    thead { tr { th scope="col" { "Value" } th scope="col" { "Source" } } }
                    tbody {
                        @for o in &r.origins {
                            tr {
                                th scope="row" { (o.field.parse::<Judgement>().map_or_else(|_| o.field.replace('_', " "), |j| j.label().to_string())) }
                                td { (origin_words(o)) }
                            }
                        }
                    }
                }
                }))
            }
        }
    }
}

/// The name of the report's file, never the server's path to it.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// A value of the official record, as a grade's tag where it is one.
fn official_value(v: &str) -> Markup {
    html! {
        @if v.is_empty() { "none given" }
        @else { @match v.parse::<Grade>() { Ok(g) => (grade_tag(Some(g))), Err(_) => (v) } }
    }
}

fn page(st: &Inner, d: &InspectionDetail) -> String {
    let e = &d.event;
    let what = event_label(e.kind, &e.event_type);
    let when = match (e.published, e.inspection_start) {
        (Some(p), _) => short_date(Some(p)),
        (None, Some(s)) => format!("visited {}", short_date(Some(s))),
        (None, None) => "date not known".to_string(),
    };
    let title = format!("{}: {what}, {when}", d.la_name);
    let letter = e.visit.as_ref().is_some_and(|v| v.letter);
    let known_from = match (e.source_label(), letter) {
        ("official", true) => "Ofsted’s official statistics, and the visit’s letter on Ofsted’s reports site",
        (_, true) => "The visit’s letter on Ofsted’s reports site",
        ("report+official", _) => "The report, and Ofsted’s official statistics",
        ("report", _) => "The report (not in Ofsted’s official statistics)",
        ("official", _) => "Ofsted’s official statistics (the register holds no report)",
        (other, _) => other,
    };
    let visit_note = e.visit.as_ref().and_then(|v| v.sequence_note(e.inspection_start.or(e.published).is_some()));
    let items = st
        .register
        .la(&lacs_query::LaRequest { la: e.urn.to_string(), as_at: None })
        .ok()
        .and_then(|view| {
            view.inspections
                .iter()
                .chain(view.predecessors.iter().flat_map(|p| p.inspections.iter()))
                .find(|x| x.event_id == e.id)
                .map(|x| x.findings.clone())
        })
        .unwrap_or_default();
    let content = html! {
        p.crumbs { a href="/la" { "Local authorities" } " › " (la_link(e.urn)) " › Inspection" }
        h1 { (title) }
        (updated_line(st.last_updated()))
        dl.facts {
            div { dt { "Local authority" } dd { (la_link(e.urn)) } }
            div { dt { "Type" } dd { (what) } }
            @if e.event_type != what { div { dt { "As printed" } dd { (e.event_type) } } }
            @if let Some(t) = e.visit.as_ref().and_then(|v| v.theme.as_deref()) { div { dt { "Theme" } dd { (t) } } }
            @if let Some(n) = &visit_note {
                div { dt { "Monitoring visit" } dd {
                    (n)
                    @if let Some(id) = e.visit.as_ref().and_then(|v| v.since_inspection) { " (" a href={ "/inspection/" (id) } { "that inspection" } ")" }
                } }
            }
            @match (e.inspection_start, e.inspection_end) {
                (Some(a), Some(z)) => div { dt { "On site" } dd { (long_date(a)) " to " (long_date(z)) } },
                (Some(a), None) => div { dt { "On site" } dd { "from " (long_date(a)) } },
                _ => {},
            }
            div { dt { "Published" } dd { @match e.published { Some(p) => (long_date(p)), None => "not yet published, or the date is not known" } } }
            div { dt { "Known from" } dd { (known_from) } }
            @if let Some(f) = &d.report_file { div { dt { "Report file" } dd { code { (file_name(f)) } } } }
            @if let Some(o) = &e.sources.official { div { dt { "Official record" } dd { code { (file_name(o)) } } } }
            @if let Some(u) = e.sources.url.as_deref().filter(|u| u.starts_with("http")) {
                div { dt { "Report on Ofsted’s site" } dd { a href=(u) rel="noopener" { "Open on Ofsted’s site" } } }
            }
        }
        @if e.is_graded() && e.published.is_some() {
            p { a href={ "/inspection/" (e.id) "/facts" } { "Facts for this inspection" } ": each fact a story could state, with its source (as JSON too)." }
        }
        (review_section(&d.review))
        section aria-labelledby="judgements" {
            h2 #judgements { "Judgements" }
            @if d.judgements.is_empty() {
                p { "This event has no judgements: visits are not graded." }
            } @else {
                (scroll_box("Each judgement and the report text it was read from", html! {
                table.judgements {
                    caption { "Each judgement, the report text it was read from, and the official record" }
                    thead { tr { th scope="col" { "Judgement" } th scope="col" { "Grade" } th scope="col" { "Read from the report" } th scope="col" { "Official record" } } }
                    tbody {
                        @for j in &d.judgements {
                            tr {
                                th scope="row" { (j.judgement.label()) }
                                td { (grade_or_dash(j.grade)) }
                                td {
                                    @match &j.reading {
                                        Some(r) => { blockquote.quote { (r.text) } span.hint { "Page " (r.page) } },
                                        None => span.hint { "No report text: from the official record" },
                                    }
                                }
                                td {
                                    @match j.official {
                                        "agrees" => "Agrees",
                                        "differs" => { strong { "Differs:" } " " (official_value(j.official_value.as_deref().unwrap_or(""))) },
                                        _ => "Not listed",
                                    }
                                }
                            }
                        }
                    }
                }
                }))
            }
        }
        @if !d.changes.is_empty() {
            section {
                h2 { "Change from the previous inspection" }
                (changes_table("Each judgement against the local authority’s previous graded inspection", &d.changes))
            }
        }
        @if !items.is_empty() {
            section aria-labelledby="improve" {
                h2 #improve { "What inspectors said must improve" }
                (report_lists(&items, 3))
            }
        }
        section aria-labelledby="disagreements" {
            h2 #disagreements { "Disagreements with the official record" }
            @if d.disagreements.is_empty() {
                @if e.sources.official.is_some() && e.sources.report_sha256.is_some() {
                    p { "None: the report and Ofsted’s official statistics agree on every value they both give." }
                } @else {
                    p { "None recorded: only one source describes this event." }
                }
            } @else {
                (scroll_box("Table of the values on which the sources differ", html! {
                    table {
                        caption { "Values on which the sources differ (the register uses the report’s)" }
                        thead { tr {
                            th scope="col" { "Field" } th scope="col" { "Report (or older release)" } th scope="col" { "Official record" }
                            th scope="col" { "Official source" } th scope="col" { "Note" }
                        } }
                        tbody {
                            @for x in &d.disagreements {
                                tr {
                                    th scope="row" { (x.field.replace('_', " ")) }
                                    td { (if x.report.is_empty() { "none given" } else { &x.report }) }
                                    td { (if x.official.is_empty() { "none given" } else { &x.official }) }
                                    td { code { (file_name(&x.official_source)) } }
                                    td { (x.note.as_deref().unwrap_or("")) }
                                }
                            }
                        }
                    }
                }))
            }
        }
        (super::components::downloads(&format!("/download/inspection/{}", e.id), "", "these judgements"))
    };
    render(st, &title, SECTION, content)
}
