//! `/claims`: "Check a story". A text box for a news story (POSTed, so a long text need not
//! fit in an address) and the day it was written; each claim the story makes, with its
//! verdict in words, the register's value and the evidence, linked to the inspection. The
//! server reads the form and the register file (read-only) and writes nothing.

use axum::body::Body;
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use lacs_claims::{Checked, Options, Verdict, MAX_STORY_BYTES};
use maud::{html, Markup};

use super::components::{text_field, FormState};
use super::render;
use crate::error::AppError;
use crate::state::{AppState, Inner};

const SECTION: &str = "/claims";

/// The largest form accepted: the story at its largest, and room for the date and the
/// form's encoding (a story's every character may be written as %XX).
const MAX_FORM_BYTES: usize = 3 * MAX_STORY_BYTES + 1_000;

/// What the form posts.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ClaimsForm {
    #[serde(default)]
    story: String,
    #[serde(default)]
    as_of: String,
}

fn form(story: &str, fs: &FormState) -> Markup {
    html! {
        form.controls.stacked method="post" action="/claims" aria-label="Check a story" {
            div.field {
                label for="story" { "The story" }
                p.hint id="story-hint" { "Paste the text of a press release or news story (plain text, at most 100 kB)." }
                textarea id="story" name="story" rows="14" cols="80" aria-describedby="story-hint" spellcheck="false" { (story) }
            }
            (text_field(fs, "as_of", "Written on", Some("e.g. 27 October 2023; without it, each authority’s latest inspection that fits the story"), "text", 16))
            button type="submit" { "Check the story" }
        }
    }
}

fn lead() -> Markup {
    html! {
        h1 { "Check a story" }
        p.lead {
            "Paste a news story or press release about an inspection of children’s services. Each claim it makes "
            "— a grade, a rank (“the third council in the region to be rated outstanding”), a share of councils, an earlier "
            "inspection, when inspectors visited, a quotation from the report — is checked against the register: "
            strong { "supported" } ", " strong { "contradicted" } " (with the register’s value) or "
            strong { "unverifiable" } " (with why). Nothing you paste is kept."
        }
    }
}

/// `GET /claims`: the empty form.
pub async fn handler(State(s): State<AppState>) -> Response {
    let st = &*s.0;
    let p = crate::error::Params::default();
    let content = html! { (lead()) (form("", &FormState::new(&p))) };
    Html(render(st, "Check a story", SECTION, content)).into_response()
}

/// A clear refusal of a posted form, as a page with the form.
fn refuse(st: &Inner, status: StatusCode, message: &str) -> Response {
    let p = crate::error::Params::default();
    let content = html! {
        (lead())
        div.error-summary role="alert" { h2 { "There is a problem" } p { (message) } }
        (form("", &FormState::new(&p)))
    };
    (status, [(header::CACHE_CONTROL, "no-store")], Html(render(st, "Check a story", SECTION, content))).into_response()
}

/// `POST /claims`: the story checked. Too long a story is a 413, a malformed form or date a
/// 400, each a page that says so.
pub async fn check(State(s): State<AppState>, req: Request) -> Result<Response, AppError> {
    let st = &*s.0;
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_FORM_BYTES).await {
        Ok(b) => b,
        Err(_) => return Ok(refuse(st, StatusCode::PAYLOAD_TOO_LARGE, "The story is too long: paste at most 100 kB of text.")),
    };
    let req = Request::from_parts(parts, Body::from(bytes));
    let Form(f) = match Form::<ClaimsForm>::from_request(req, &()).await {
        Ok(f) => f,
        Err(e) => return Ok(refuse(st, StatusCode::BAD_REQUEST, &format!("The form could not be read: {}", e.body_text()))),
    };
    if f.story.len() > MAX_STORY_BYTES {
        return Ok(refuse(st, StatusCode::PAYLOAD_TOO_LARGE, "The story is too long: paste at most 100 kB of text."));
    }
    let as_of_text = f.as_of.trim();
    let as_of = if as_of_text.is_empty() {
        None
    } else {
        match lacs_query::parse_date("as_of", as_of_text) {
            Ok(d) => Some(d),
            Err(e) => {
                let p = crate::error::Params(lacs_query::Params::query(vec![("as_of".into(), f.as_of.clone())]));
                let fs = FormState::new(&p).error(Some(&AppError::bad_param(e)));
                let content = html! { (lead()) (form(&f.story, &fs)) };
                return Ok((StatusCode::BAD_REQUEST, [(header::CACHE_CONTROL, "no-store")], Html(render(st, "Check a story", SECTION, content))).into_response());
            }
        }
    };
    let store = match &st.db {
        Some(db) => Some(lacs_store::Store::open_read_only(db).map_err(|e| AppError::internal(e.to_string()))?),
        None => None,
    };
    let checked = lacs_claims::check_story(&f.story, &st.register, store.as_ref(), Options { as_of });
    let p = crate::error::Params(lacs_query::Params::query(vec![("as_of".into(), f.as_of.clone())]));
    let content = html! {
        (lead())
        (form(&f.story, &FormState::new(&p)))
        (results(&checked, store.is_some()))
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(render(st, "Check a story", SECTION, content))).into_response())
}

fn verdict_words(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "Supported",
        Verdict::Contradicted => "Contradicted",
        Verdict::Unverifiable => "Unverifiable",
    }
}

fn results(checked: &Checked, with_text: bool) -> Markup {
    let count = |v: Verdict| checked.claims.iter().filter(|c| c.verdict == v).count();
    html! {
        h2 { "What the story claims" }
        @if !with_text {
            p.note { "This server has no register file loaded, so quotations cannot be looked up in the reports." }
        }
        @for n in &checked.notes { p.note { (n) } }
        @if checked.claims.is_empty() {
            p role="status" { "No claim was found that the register can check." }
        } @else {
            p role="status" {
                (checked.claims.len()) " claims: " (count(Verdict::Supported)) " supported, " (count(Verdict::Contradicted))
                " contradicted, " (count(Verdict::Unverifiable)) " unverifiable."
            }
            div.scroll role="region" aria-label="Claims" tabindex="0" {
                table.compact {
                    caption { "Each claim, its verdict and the register’s evidence" }
                    thead { tr {
                        th scope="col" { "Sentence" } th scope="col" { "Claim" } th scope="col" { "Verdict" }
                        th scope="col" { "Register" } th scope="col" { "Evidence" }
                    } }
                    tbody {
                        @for c in &checked.claims {
                            tr {
                                td { (c.sentence) }
                                td {
                                    (c.claim_type.label()) ": "
                                    @if let Some(la) = &c.la {
                                        @if let Some(u) = c.urn { a href={ "/la/" (u) } { (la) } } @else { (la) }
                                        " — "
                                    }
                                    (c.claimed)
                                }
                                td { strong { (verdict_words(c.verdict)) } @if let Some(w) = &c.why { br; span.meta { (w) } } }
                                td { (c.register.as_deref().unwrap_or("—")) }
                                td {
                                    @for e in &c.evidence {
                                        p {
                                            @match e.event_id {
                                                Some(id) => a href={ "/inspection/" (id) } {
                                                    @if let Some(pg) = e.page { "Report, page " (pg) } @else { "Inspection" }
                                                },
                                                None => { "Register" },
                                            }
                                            ": " (e.text)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
