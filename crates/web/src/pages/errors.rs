//! Error pages: what was wrong, the closest LAs for an unknown one, the page's form again
//! for a bad parameter, and a way on.

use axum::http::{StatusCode, Uri};
use maud::html;

use super::layout::{page, Footer};
use crate::error::AppError;

/// The page of an error.
pub fn render(e: &AppError) -> String {
    let content = html! {
        h1 { (e.title) }
        @if e.status == StatusCode::BAD_REQUEST {
            div.error-summary role="alert" {
                h2 { "There is a problem" }
                @match (&e.parameter, &e.form) {
                    (Some(name), Some(_)) => p { a href={ "#" (name) } { (e.message) } },
                    _ => p { (e.message) },
                }
            }
            @match &e.form {
                Some(form) => (**form),
                None => p { "Check the address, or go back and change the value. " a href="/" { "Go to the national picture" } "." },
            }
        } @else {
            p { (e.message) }
        }
        @if !e.suggestions.is_empty() {
            h2 { "Did you mean" }
            ul.list { @for s in &e.suggestions { li { a href=(s.href) { (s.la_name) } } } }
        }
        @if e.status == StatusCode::NOT_FOUND {
            form.search action="/la" method="get" role="search" aria-label="Local authorities" {
                label for="q" { "Find a local authority" }
                input #q name="q" type="search" autocomplete="off";
                button type="submit" { "Search" }
            }
            p { a href="/la" { "See every local authority" } }
        }
    };
    page(&e.title, None, Footer::Plain, content).into_string()
}

/// The answer to a path no route serves (JSON under `/api/`).
pub async fn not_found(uri: Uri) -> AppError {
    let e = AppError::not_found("Page not found", format!("There is no page at {}.", uri.path()));
    if uri.path().starts_with("/api/") {
        e.json()
    } else {
        e
    }
}
