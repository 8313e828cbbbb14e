//! `/changes`: who improved and who declined between inspections.

use axum::extract::State;
use axum::response::Response;
use lacs_analysis::Compare;
use lacs_domain::Framework;
use maud::{html, Markup};

use super::components::{
    date_field, downloads, grade_tag, judgement_options, long_date, pct, scroll_box, select_field, short_date,
    updated_line, FormState,
};
use super::{render, with_form};
use crate::error::{AppError, Params};
use crate::state::{AppState, Inner};
use crate::views;
use crate::{cached, Req, HTML};

const SECTION: &str = "/changes";

/// The frameworks compared: parameter value and words.
const FRAMEWORKS: [(&str, &str); 3] = [("ilacs", "ILACS only"), ("sif", "SIF only"), ("any", "Any graded inspections")];

/// The comparisons: parameter value and words.
const COMPARISONS: [(&str, &str); 3] = [
    ("previous", "Latest against the one before"),
    ("first", "Latest against the first"),
    ("window", "Grade on one date against another"),
];

/// The grade filters: any, or one grade.
fn grade_options(any: &'static str) -> Vec<(&'static str, &'static str)> {
    std::iter::once(("", any)).chain(lacs_domain::Grade::SCALE.iter().map(|g| (g.as_str(), g.label()))).collect()
}

/// `/changes`.
pub async fn handler(State(s): State<AppState>, req: Req, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    let query = req.uri.query().map_or(String::new(), |q| format!("?{q}"));
    with_form(cached(st, &req, HTML, || page(st, &p, &query)), |e| form(&FormState::new(&p).error(Some(e))))
}

fn form(fs: &FormState) -> Markup {
    html! {
        form.controls method="get" action="/changes" {
            (date_field(fs, "as_at", "As at", "e.g. 31 March 2024"))
            (date_field(fs, "published_by", "Published by", "e.g. 31/03/2024; default: as at"))
            (date_field(fs, "inspected_by", "Inspected by", "e.g. 31/03/2024; optional"))
            (select_field(fs, "judgement", "Judgement", &judgement_options()))
            (select_field(fs, "framework", "Inspections compared", &FRAMEWORKS))
            (select_field(fs, "compare", "Compare", &COMPARISONS))
            (date_field(fs, "from", "From", "with a window: e.g. 1 April 2019"))
            (date_field(fs, "to", "To", "with a window; default: published by"))
            (select_field(fs, "from_grade", "Moved from", &grade_options("Any grade")))
            (select_field(fs, "to_grade", "Moved to", &grade_options("Any grade")))
            button type="submit" { "Show" }
        }
    }
}

fn page(st: &Inner, p: &Params, query: &str) -> Result<String, AppError> {
    let ch = views::changes(st, p)?;
    let (fw, fw_value) = match ch.framework {
        Some(Framework::Ilacs) => ("ILACS", "ilacs"),
        Some(Framework::Sif) => ("SIF", "sif"),
        _ => ("graded", "any"),
    };
    let fs = FormState::new(p)
        .default("as_at", ch.cutoff.as_at.to_string())
        .default("judgement", ch.judgement.as_str())
        .default("framework", fw_value)
        .default("compare", ch.compare.as_str());
    let judgement = ch.judgement.label().to_lowercase();
    let grades = match (ch.from_grade, ch.to_grade) {
        (None, None) => String::new(),
        (f, t) => format!(
            " Only those that moved from {} to {}.",
            f.map_or("any grade".to_string(), |g| g.label().to_lowercase()),
            t.map_or("any grade".to_string(), |g| g.label().to_lowercase())
        ),
    };
    let lead = match ch.compare {
        Compare::Previous => format!("the latest {judgement} grade against the one before."),
        Compare::First => format!("the latest {judgement} grade against the first."),
        Compare::Window => format!(
            "the {judgement} grade standing on {} against the one standing on {}.",
            ch.from.map_or("the first inspection".to_string(), long_date),
            ch.to.map_or(long_date(ch.cutoff.published_by), long_date)
        ),
    };
    let summary = [
        ("Improved", ch.improved),
        ("Kept good or outstanding", ch.kept_good_or_outstanding),
        ("Declined", ch.declined),
        ("Stayed requires improvement or inadequate", ch.stayed_below_good),
    ];
    let content = html! {
        h1 { "Changes between inspections" }
        p.lead {
            "Local authorities with two or more " (fw) " inspections whose reports were published by " (long_date(ch.cutoff.published_by))
            ": " (lead) (grades)
        }
        (updated_line(st.last_updated()))
        (form(&fs))
        (scroll_box("Local authorities by change", html! {
        table {
            caption { (ch.authorities) " local authorities compared" }
            thead { tr { th scope="col" { "Change" } th.num scope="col" { "Local authorities" } th.num scope="col" { "Per cent" } } }
            tbody { @for (label, n) in summary { tr { th scope="row" { (label) } td.num { (n) } td.num { (pct(n, ch.authorities)) } } } }
        }
        }))
        (scroll_box("Each local authority’s change", html! {
            table.compact {
                caption { "Each local authority’s change" }
                thead { tr {
                    th scope="col" { "Local authority" } th scope="col" { "Region" } th scope="col" { "Before" }
                    th scope="col" { "Now" } th scope="col" { "Change" }
                } }
                tbody {
                    @for e in &ch.list {
                        tr {
                            th scope="row" { a href={ "/la/" (e.urn) } { (e.la_name) } }
                            td { (e.region) }
                            td { a href={ "/inspection/" (e.previous.event_id) } { (short_date(e.previous.published)) } " " (grade_tag(Some(e.previous.grade))) }
                            td { a href={ "/inspection/" (e.latest.event_id) } { (short_date(e.latest.published)) } " " (grade_tag(Some(e.latest.grade))) }
                            td { (crate::table::change_label(e.category)) }
                        }
                    }
                }
            }
        }))
        (downloads("/download/changes", query, "this list"))
    };
    Ok(render(st, "Changes between inspections", SECTION, content))
}
