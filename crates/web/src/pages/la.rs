//! `/la/{urn}`: one LA (a name or code redirects to its URN): latest inspection and change,
//! grades over time, every event, predecessors, statistical neighbours.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use lacs_analysis::{Change, JudgementChange};
use lacs_domain::{EventStatus, Judgement};
use lacs_query::{InspectionView, LaView, ListedFinding};
use maud::{html, Markup};

use super::components::{
    date_field, downloads, event_label, grade_legend, grade_or_dash, grade_tag, kind_label, la_link, long_date,
    query_string, scroll_box, short_date, updated_line, FormState,
};
use super::with_form;
use crate::charts;
use crate::error::{AppError, Params};
use crate::state::{AppState, Inner};
use crate::views;
use crate::{cached, Req, HTML};

const SECTION: &str = "/la";

/// `/la/{urn}`; a name or code in the path redirects to the URN.
pub async fn handler(State(s): State<AppState>, Path(key): Path<String>, req: Req, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    if key.parse::<u32>().map_or(true, |u| lacs_authorities::by_urn(u).is_none()) {
        if let Ok(a) = lacs_authorities::resolve(&key) {
            let q = req.uri.query().map_or(String::new(), |q| format!("?{q}"));
            return Ok(Redirect::to(&format!("/la/{}{q}", a.urn)).into_response());
        }
    }
    let action = format!("/la/{key}");
    with_form(
        cached(st, &req, HTML, || {
            let view = views::la(st, &key, &p)?;
            Ok(page(st, &view, &p))
        }),
        |e| form(&FormState::new(&p).error(Some(e)), &action),
    )
}

/// The as-at form.
fn form(fs: &FormState, action: &str) -> Markup {
    html! {
        form.controls method="get" action=(action) {
            (date_field(fs, "as_at", "As at", "e.g. 31/03/2024; leave empty for everything"))
            button type="submit" { "Show" }
        }
    }
}

/// The report's lists (priority actions, improvement items, recommendations), each under
/// the name the report gives it, in the report's order; `level` is the headings' level
/// (3 or 4).
pub(super) fn report_lists(findings: &[ListedFinding], level: u8) -> Markup {
    // Consecutive findings of one list (and judgement) make one numbered list.
    let mut lists: Vec<&[ListedFinding]> = Vec::new();
    let mut start = 0;
    for i in 1..=findings.len() {
        if i == findings.len() || (findings[i].list, findings[i].judgement) != (findings[start].list, findings[start].judgement) {
            lists.push(&findings[start..i]);
            start = i;
        }
    }
    let heading = |f: &ListedFinding| {
        let of = match f.judgement {
            Some(Judgement::Lscb) => " (the LSCB)".to_string(),
            Some(j) => format!(" ({})", j.label().to_lowercase()),
            None => String::new(),
        };
        format!("{}{of}", f.list_heading)
    };
    html! {
        @for list in &lists {
            @if level == 3 { h3 { (heading(&list[0])) } } @else { h4 { (heading(&list[0])) } }
            ol.improve {
                @for f in list.iter() {
                    li {
                        (f.text) " "
                        span.hint { "(" @if let Some(n) = f.number { "paragraph " (n) ", " } "page " (f.page) ")" }
                    }
                }
            }
        }
        @if !lists.is_empty() { p.note { "In the report’s own words, in its order." } }
    }
}

fn change_word(c: Change) -> &'static str {
    match c {
        Change::Improved => "Improved",
        Change::Declined => "Declined",
        Change::Same => "Same",
        Change::New => "First grade",
    }
}

/// Each judgement's change from the previous graded inspection.
pub(super) fn changes_table(caption: &str, changes: &[JudgementChange]) -> Markup {
    scroll_box(caption, html! {
        table {
            caption { (caption) }
            thead { tr { th scope="col" { "Judgement" } th scope="col" { "Before" } th scope="col" { "Now" } th scope="col" { "Change" } } }
            tbody {
                @for c in changes {
                    tr {
                        th scope="row" { (c.judgement.label()) }
                        td { (grade_or_dash(c.previous)) }
                        td { (grade_tag(Some(c.grade))) }
                        td class={ "chg chg-" (change_word(c.change).to_lowercase().replace(' ', "-")) } { (change_word(c.change)) }
                    }
                }
            }
        }
    })
}

/// The date an event is listed under, or why it has none: a report we hold or link to was
/// published on a date we do not know; a visit with neither has no report out yet.
fn event_date(e: &InspectionView) -> Markup {
    let have_report = e.sha256.is_some() || e.url.is_some();
    html! {
        @match (e.published, e.inspection_end.or(e.inspection_start), have_report) {
            (Some(d), _, _) => (short_date(Some(d))),
            (None, _, true) => span.hint { "date not known" },
            (None, Some(d), false) => { "visited " (short_date(Some(d))) br; span.hint { "not yet published" } },
            (None, None, false) => span.hint { "date not known" },
        }
    }
}

/// Every event of an LA, latest first, in its own scrolling box.
fn events_table(caption: &str, events: &[InspectionView]) -> Markup {
    scroll_box(caption, html! {
        table.compact.events {
            caption { (caption) }
            thead { tr {
                th scope="col" { "Published" } th scope="col" { "Inspection" }
                @for j in Judgement::ALL { th scope="col" { (j.label()) } }
                th scope="col" { "Report" }
            } }
            tbody {
                @for e in events.iter().rev() {
                    @let what = event_label(e.kind, &e.event_type);
                    @let answered: Vec<String> = e.origins.iter().filter(|o| o.source == "person")
                        .map(|o| format!("{} ({})", o.field.replace('_', " "), o.note.as_deref().unwrap_or(""))).collect();
                    tr {
                        td.date { (event_date(e)) }
                        th scope="row" {
                            a href={ "/inspection/" (e.event_id) } { (what) }
                            @if let Some(t) = e.visit.as_ref().and_then(|v| v.theme.as_deref()) { br; span.hint { "Theme: " (t) } }
                            @if let Some(n) = &e.visit_note { br; span.hint { (n) } }
                            @if e.status == EventStatus::NeedsReview {
                                br; span.review { "Awaiting review" @if let Some(r) = &e.review_reason { ": " (r) } }
                            }
                            @if !answered.is_empty() { br; span.review { "Answered in review: " (answered.join("; ")) } }
                        }
                        @for j in Judgement::ALL { td { (grade_tag(e.grade(*j))) } }
                        td {
                            @if let Some(u) = e.url.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
                                a href=(u) rel="noopener" { "On Ofsted’s site" span.visually-hidden { " (" (what) " " (short_date(e.published)) ")" } }
                            }
                        }
                    }
                }
            }
        }
    })
}

fn page(st: &Inner, v: &LaView, p: &Params) -> String {
    let graded = views::graded(v);
    let fs = FormState::new(p);
    let feeds = super::feed_links(lacs_authorities::by_urn(v.urn));
    let feeds = &feeds[..feeds.len().min(2)];
    let content = html! {
        p.crumbs { a href="/la" { "Local authorities" } " › " (v.la_name) }
        h1 { (v.la_name) }
        @if let Some(d) = v.as_at {
            p.lead { "As at " (long_date(d)) ": events published after it are left out. " a href={ "/la/" (v.urn) } { "Show everything" } "." }
        }
        (updated_line(st.last_updated()))
        dl.facts {
            div { dt { "Ofsted region" } dd { (v.region) } }
            div { dt { "ONS region" } dd { (v.ons_region) } }
            div { dt { "Ofsted URN" } dd { (v.urn) } }
            div { dt { "DfE number" } dd { (v.la_code) } }
            div { dt { "GSS code" } dd { (v.gss_code.unwrap_or("")) } }
            @if let Some(s) = v.start { div { dt { "Began" } dd { (long_date(s)) } } }
            @if let Some(e) = v.end { div { dt { "Ended" } dd { (long_date(e)) } } }
            div { dt { "Reports" } dd {
                a href={ "https://reports.ofsted.gov.uk/provider/44/" (v.urn) } rel="noopener" { (v.la_name) "’s reports on Ofsted’s site" }
            } }
            div { dt { "Alerts" } dd {
                @for (i, f) in feeds.iter().enumerate() { @if i > 0 { ", " } a href=(f.href) type="application/atom+xml" { (f.title) } }
                " (Atom feeds)"
            } }
        }
        @if !v.successors.is_empty() {
            p.notice {
                "This council no longer exists. It was replaced by "
                @for (i, s) in v.successors.iter().enumerate() { @if i > 0 { " and " } (la_link(s.urn)) }
                "."
            }
        }
        (form(&fs, &format!("/la/{}", v.urn)))

        section aria-labelledby="latest" {
            h2 #latest { "Latest inspection" }
            @match graded.last() {
                None => p { "No graded inspection of this local authority is in the register." },
                Some(last) => {
                    p {
                        (kind_label(last.kind))
                        @if let Some(d) = last.inspection_start { " begun " (long_date(d)) }
                        ", published " @match last.published { Some(d) => (long_date(d)), None => "on an unknown date" }
                        ". Overall effectiveness: " @if last.overall.is_some() { (grade_tag(last.overall)) } @else { "not given" }
                        ". " a href={ "/inspection/" (last.event_id) } { "See every judgement and the report text" } "."
                    }
                    @if graded.len() >= 2 {
                        (changes_table("Change from the previous inspection", &last.changes))
                    } @else {
                        p { "This is its first graded inspection in the register, so there is no change to show." }
                    }
                    @if !last.findings.is_empty() {
                        h3 { "What inspectors said must improve" }
                        (report_lists(&last.findings, 4))
                    }
                },
            }
        }

        @if !graded.is_empty() {
            section aria-labelledby="over-time" {
                h2 #over-time { "Inspections over time" }
                figure {
                    (scroll_box("Chart of grades at each inspection", charts::la_grid("grid", v.la_name, &graded)))
                    figcaption { "Grades at each graded inspection, oldest first. The table below gives the same grades." }
                }
                (grade_legend(false, false))
            }
        }
        (super::due::la_section(st.register.due_of(v.urn, v.as_at.unwrap_or_else(|| p.today())).as_ref(), v.la_name))
        section aria-labelledby="all" {
            h2 #all { "Every inspection and visit" }
            @if v.inspections.is_empty() {
                p { "The register holds no inspections of this local authority." }
            } @else {
                (events_table(&format!("Inspections and visits of {}, latest first", v.la_name), &v.inspections))
                p.note {
                    "Focused and monitoring visits are not graded. A monitoring visit is numbered from the most recent graded inspection when it was judged inadequate, among the visits the register holds ("
                    a href={ "/visits?la=" (v.urn) } { "every visit of " (v.la_name) } ")."
                }
                p.note { "A report awaiting review may have been misread; a report of a kind not yet known is never counted as a graded inspection." }
            }
            @if !v.gone_links.is_empty() {
                div.note {
                    p { "Gone from Ofsted’s site: " (v.gone_links.len()) " " @if v.gone_links.len() == 1 { "link" } @else { "links" }
                        " on " (v.la_name) "’s page at Ofsted lead to no report (the file is missing, or a “Report not found” page is served), so the register cannot hold "
                        @if v.gone_links.len() == 1 { "it" } @else { "them" } "." }
                    ul {
                        @for g in &v.gone_links {
                            li {
                                a href=(g.url) rel="noopener" { (g.link_text) }
                                @if let Some(t) = &g.last_checked { " (last checked " (t.get(..10).unwrap_or(t)) ")" }
                            }
                        }
                    }
                }
            }
        }
        @for pre in &v.predecessors {
            section {
                h2 { "Before: " (pre.la_name) }
                p {
                    (la_link(pre.urn)) " was a separate council" @if let Some(e) = pre.end { " until " (long_date(e)) }
                    "; its grades are never counted as " (v.la_name) "’s."
                }
                @if !pre.inspections.is_empty() { (events_table(&format!("Inspections of {}", pre.la_name), &pre.inspections)) }
            }
        }
        section aria-labelledby="neighbours" {
            h2 #neighbours { "Statistical neighbours" }
            @if v.neighbours.is_empty() {
                p { "The Department for Education’s models give no statistical neighbours for this local authority." }
            }
            @for set in &v.neighbours {
                @let g = set.counts.grades;
                h3 { "Department for Education " (set.model) " model" }
                p {
                    "Of its neighbours: " (g.outstanding) " outstanding, " (g.good) " good, " (g.requires_improvement) " requires improvement, "
                    (g.inadequate) " inadequate, " (set.counts.authorities - set.counts.inspected) " not yet inspected."
                }
                (scroll_box(&format!("Statistical neighbours ({} model)", set.model), html! {
                    table.compact {
                        caption { "Statistical neighbours (" (set.model) " model) and their latest overall effectiveness" }
                        thead { tr {
                            th.num scope="col" { "Rank" } th scope="col" { "Local authority" } th scope="col" { "Closeness" }
                            th scope="col" { "Overall effectiveness" } th scope="col" { "Published" }
                        } }
                        tbody {
                            @for n in &set.neighbours {
                                tr {
                                    td.num { (n.rank) }
                                    th scope="row" { a href={ "/la/" (n.urn) } { (n.la_name) } @if !n.exists { " (no longer exists)" } }
                                    td { (n.closeness) }
                                    td {
                                        @match &n.latest {
                                            Some(l) if l.grades.overall.is_some() => (grade_tag(l.grades.overall)),
                                            Some(_) => "Not graded",
                                            None => "Not yet inspected",
                                        }
                                    }
                                    td.date { (short_date(n.latest.as_ref().and_then(|l| l.published))) }
                                }
                            }
                        }
                    }
                }))
            }
        }
        (downloads(&format!("/download/la/{}", v.urn), &query_string(&[("as_at", p.get("as_at").unwrap_or("").to_string())]), "this local authority’s inspections"))
    };
    super::render_with_feeds(st, v.la_name, Some(SECTION), feeds, content)
}
