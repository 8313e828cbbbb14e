//! `/due` and `/api/v1/due`: when each LA's next full inspection is due, by the published
//! rules and by the intervals observed in the register; and the short section of an LA's
//! own page that says it for that LA.

use axum::extract::State;
use axum::response::{IntoResponse, Json, Response};
use lacs_analysis::{DueEntry, DueStatus, IntervalStats, ObservedWindow};
use lacs_domain::{Grade, Wording};
use lacs_query::{entry_words, status_words, DueAnswer, DueRequest, Request};
use maud::{html, Markup};

use super::components::{count, date_field, grade_tag, long_date, scroll_box, select_field, short_date, updated_line, FormState};
use super::{render, with_form};
use crate::error::{AppError, Params};
use crate::state::{AppState, Inner};
use crate::views::query_error;
use crate::{cached, Req, HTML};

const SECTION: &str = "/due";

fn due(st: &Inner, p: &lacs_query::Params) -> Result<DueAnswer, AppError> {
    st.register.due(&DueRequest::parse(p)?).map_err(query_error)
}

/// When each LA's next full inspection is due as at a date: the window the published rules
/// give, the window the intervals observed in the register give, and for inadequate LAs the
/// next monitoring visit; ranked, overdue first. With the rules, their words and sources.
#[utoipa::path(get, path = "/api/v1/due", params(crate::openapi::DueParams), responses(
        (status = 200, description = "OK", body = lacs_query::DueAnswer),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody),
        (status = 404, description = "No such local authority or inspection; suggestions for close names.", body = crate::error::ErrorBody)
))]
pub async fn api(State(s): State<AppState>, p: Params) -> Result<Response, AppError> {
    crate::api::refuse_empty(&p)?;
    Ok(Json(due(&s.0, &p).map_err(AppError::json)?).into_response())
}

fn form(fs: &FormState) -> Markup {
    let mut regions: Vec<(&str, &str)> = vec![("", "All regions")];
    regions.extend(lacs_query::region_names().into_iter().map(|r| (r, r)));
    let mut grades: Vec<(&str, &str)> = vec![("", "All grades")];
    grades.extend(Grade::SCALE.iter().map(|g| (g.as_str(), g.label())));
    let mut statuses: Vec<(&str, &str)> = vec![("", "Any status")];
    statuses.extend(DueStatus::ALL.iter().map(|s| (s.as_str(), s.label())));
    html! {
        form.controls method="get" action="/due" {
            (select_field(fs, "region", "Region", &regions))
            (select_field(fs, "grade", "Grade", &grades))
            (select_field(fs, "status", "Status", &statuses))
            (date_field(fs, "as_at", "As at", "e.g. 31 March 2025"))
            button type="submit" { "Apply filters" }
            " "
            a.reset href="/due" { "Clear filters" }
        }
    }
}

/// The status in words; overdue in bold as well, never by colour alone.
fn status_cell(words: String, status: DueStatus) -> Markup {
    html! {
        @if status == DueStatus::Overdue { strong { (words) } } @else { (words) }
    }
}

fn observed_words(o: Option<&ObservedWindow>) -> Markup {
    html! {
        @match o {
            Some(o) => { (short_date(Some(o.median))) " (" (short_date(Some(o.window.start))) " to " (short_date(Some(o.window.end))) "; " (count(o.cases, "case", "cases")) ")" },
            None => "No cases yet",
        }
    }
}

/// `/due`.
pub async fn handler(State(s): State<AppState>, req: Req, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    with_form(cached(st, &req, HTML, || page(st, &p)), |e| form(&FormState::new(&p).error(Some(e))))
}

fn intervals_table(caption: &str, list: &[IntervalStats]) -> Markup {
    html! {
        (scroll_box(caption, html! {
            table.compact {
                caption { (caption) }
                thead { tr {
                    th scope="col" { "Rules" } th scope="col" { "Grade" }
                    th.num scope="col" { "Shortest" } th.num scope="col" { "Median" } th.num scope="col" { "Longest" } th.num scope="col" { "Cases" }
                } }
                tbody {
                    @for s in list {
                        tr {
                            th scope="row" { (s.version.label()) }
                            td { (s.grade.label()) }
                            td.num { (format!("{:.1}", s.min_months)) }
                            td.num { (format!("{:.1}", s.median_months)) }
                            td.num { (format!("{:.1}", s.max_months)) }
                            td.num { (s.cases) }
                        }
                    }
                }
            }
        }))
    }
}

/// The rules, quoted or paraphrased as their words stand, each with its source.
fn rules_list() -> Markup {
    html! {
        @for r in lacs_domain::DUE_RULES {
            section.rule {
                h3 {
                    (r.version.label()) ": "
                    @for (i, g) in r.grades.iter().enumerate() { @if i > 0 { ", " } (g.label().to_lowercase()) }
                }
                p {
                    (r.next) ", " (r.earliest_months) " to " (r.latest_months) " months after the previous report was published"
                    @if r.basis == lacs_domain::DueBasis::LowestJudgement { " (the grade is the lowest of the judgements: there is no overall grade)" }
                    "."
                    @if let Some(m) = r.monitoring {
                        " Monitoring visits: the first " (m.first_earliest_months) " to " (m.first_latest_months)
                        " months after publication, then every " (m.every_earliest_months) " to " (m.every_latest_months) " months."
                    }
                }
                @for c in r.citations.iter().chain(r.monitoring.iter().flat_map(|m| m.citations.iter())) {
                    @match c.wording {
                        Wording::Quotation => blockquote { p { "“" (c.text) "”" } },
                        Wording::Paraphrase => p.note { "Paraphrase: " (c.text) },
                    }
                    p.source {
                        "Source: " a href=(c.url) rel="noopener" { (c.title) }
                        @if let Some(sec) = c.section { ", " (sec) }
                        "."
                    }
                }
            }
        }
    }
}

fn page(st: &Inner, p: &Params) -> Result<String, AppError> {
    let d = due(st, p)?;
    let fs = FormState::new(p).default("as_at", d.as_at.to_string());
    let n = |s: DueStatus| d.entries.iter().filter(|e| e.status == s).count();
    let content = html! {
        h1 { "Inspections due" }
        p.lead {
            "When each local authority’s next full inspection is likely, as at " (long_date(d.as_at)) ": the window the published rules give, "
            "and the window the intervals seen in the register give. Windows count from the previous report’s publication; "
            "they say what the rules and past practice suggest, not when Ofsted will come."
        }
        (updated_line(st.last_updated()))
        (form(&fs))
        p role="status" {
            (count(d.entries.len(), "local authority", "local authorities")) ": "
            (n(DueStatus::Overdue)) " overdue, " (n(DueStatus::InWindow)) " in their window, " (n(DueStatus::NotYetDue)) " not yet due, "
            (n(DueStatus::Inspected)) " inspected with the report awaited. "
            @if d.not_inspected > 0 { (count(d.not_inspected, "local authority has", "local authorities have")) " no graded inspection yet." }
        }
        (scroll_box("Next inspections", html! {
            table.compact {
                caption { "Next full inspection of each local authority, overdue first, then by when the window opens" }
                thead { tr {
                    th scope="col" { "Local authority" } th scope="col" { "Grade" } th scope="col" { "Next" }
                    th scope="col" { "Status by the rules" } th scope="col" { "Observed: median (shortest to longest)" }
                    th scope="col" { "Next monitoring visit" }
                } }
                tbody {
                    @for e in &d.entries {
                        tr {
                            th scope="row" { a href={ "/la/" (e.urn) "#due" } { (e.la_name) } }
                            td { (grade_tag(Some(e.grade))) @if e.basis == lacs_domain::DueBasis::LowestJudgement { " (lowest judgement)" } }
                            td { (e.rules.next) }
                            td { (status_cell(entry_words(e), e.status)) }
                            td { (observed_words(e.observed.as_ref())) }
                            td {
                                @match &e.monitoring {
                                    Some(m) => (status_cell(status_words(m.status, &m.window, m.months_overdue, None), m.status)),
                                    None => "Not monitored",
                                }
                            }
                        }
                    }
                }
            }
        }))
        h2 { "Intervals seen in the register" }
        p { "Months from a graded inspection’s publication to the start of the next one, by the rules and grade of the earlier; and between the monitoring visits of inadequate local authorities. Abolished councils’ inspections count." }
        (intervals_table("Months to the next graded inspection", &d.observed.next_inspection))
        (intervals_table("Months between monitoring visits", &d.observed.monitoring))
        h2 { "The rules" }
        p { "Quoted where the words were found; a paraphrase says so, and a number Ofsted has not published is marked as the register’s reading." }
        (rules_list())
    };
    Ok(render(st, "Inspections due", SECTION, content))
}

/// An LA page's section: its own windows, with a link to `/due`.
pub fn la_section(e: Option<&DueEntry>, la_name: &str) -> Markup {
    html! {
        section aria-labelledby="due" {
            h2 #due { "Next inspection" }
            @match e {
                None => p { "No window: " (la_name) " has no graded inspection that sets one on this date." },
                Some(e) => {
                    p {
                        (e.rules.next) ": " (status_cell(entry_words(e), e.status)) ". By the rules, between "
                        (long_date(e.rules.window.start)) " and " (long_date(e.rules.window.end)) "."
                        @if let Some(o) = &e.observed {
                            " By the intervals seen after " (e.version.label()) " inspections graded " (e.grade.label().to_lowercase())
                            ", around " (long_date(o.median)) " (" (long_date(o.window.start)) " to " (long_date(o.window.end)) ", " (count(o.cases, "case", "cases")) ")."
                        }
                    }
                    @if let Some(m) = &e.monitoring {
                        p { "Next monitoring visit: " (status_cell(status_words(m.status, &m.window, m.months_overdue, None), m.status)) "." }
                    }
                    p { a href="/due" { "Every local authority’s next inspection, and the rules with their sources" } "." }
                },
            }
        }
    }
}
