//! Errors as responses: a page for people, JSON for the API; both say what was wrong.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use lacs_analysis::Grouping;
use lacs_domain::{Date, Framework, Grade, Judgement};
use lacs_query::ParamError;
use serde::Serialize;


/// A request that could not be answered.
#[derive(Debug, Clone)]
pub struct AppError {
    pub status: StatusCode,
    pub title: String,
    pub message: String,
    /// The query parameter at fault, for a 400.
    pub parameter: Option<String>,
    /// LAs the user may have meant, for an unknown LA.
    pub suggestions: Vec<Suggestion>,
    pub json: bool,
    /// The page's form again, for a bad parameter on a page with a form: its values kept
    /// and the error beside its field.
    pub form: Option<Box<maud::Markup>>,
}

/// An LA the user may have meant.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Suggestion {
    pub urn: u32,
    pub la_name: String,
    pub href: String,
}

/// An API error: what went wrong, the parameter at fault, and LAs the user may have meant.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = Error)]
pub(crate) struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize, utoipa::ToSchema)]
struct ErrorDetail<'a> {
    status: u16,
    title: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    parameter: Option<&'a str>,
    suggestions: &'a [Suggestion],
}

impl AppError {
    pub fn bad_param(e: ParamError) -> AppError {
        AppError {
            status: StatusCode::BAD_REQUEST,
            title: "There is a problem with the address".into(),
            message: e.to_string(),
            parameter: Some(e.name),
            suggestions: Vec::new(),
            json: false,
            form: None,
        }
    }

    pub fn not_found(title: impl Into<String>, message: impl Into<String>) -> AppError {
        AppError {
            status: StatusCode::NOT_FOUND,
            title: title.into(),
            message: message.into(),
            parameter: None,
            suggestions: Vec::new(),
            json: false,
            form: None,
        }
    }

    pub fn internal(message: impl Into<String>) -> AppError {
        AppError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            title: "Sorry, there is a problem with the service".into(),
            message: message.into(),
            parameter: None,
            suggestions: Vec::new(),
            json: false,
            form: None,
        }
    }

    /// An LA that matches nothing, with the closest names.
    pub fn unknown_la(query: &str) -> AppError {
        let suggestions = match lacs_authorities::resolve(query) {
            Ok(_) => Vec::new(),
            Err(nf) => nf
                .suggestions
                .iter()
                .filter_map(|name| lacs_authorities::by_name(name, None))
                .map(|a| Suggestion { urn: a.urn, la_name: a.name.clone(), href: format!("/la/{}", a.urn) })
                .collect(),
        };
        AppError {
            suggestions,
            ..AppError::not_found(
                "Local authority not found",
                format!("No local authority matches “{query}”. Search by name, Ofsted URN, DfE number or GSS code."),
            )
        }
    }

    /// The same error with the page's form (made for this error), if it is a bad parameter.
    pub fn with_form(mut self, form: impl FnOnce(&AppError) -> maud::Markup) -> AppError {
        if self.status == StatusCode::BAD_REQUEST && !self.json {
            self.form = Some(Box::new(form(&self)));
        }
        self
    }

    /// The same error, answered as JSON.
    pub fn json(mut self) -> AppError {
        self.json = true;
        self
    }
}

impl From<ParamError> for AppError {
    fn from(e: ParamError) -> AppError {
        AppError::bad_param(e)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if self.json {
            let body = ErrorBody {
                error: ErrorDetail {
                    status: self.status.as_u16(),
                    title: &self.title,
                    message: &self.message,
                    parameter: self.parameter.as_deref(),
                    suggestions: &self.suggestions,
                },
            };
            let text = serde_json::to_string_pretty(&body).unwrap_or_default();
            return (
                self.status,
                [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")],
                text,
            )
                .into_response();
        }
        (
            self.status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
            crate::pages::errors::render(&self),
        )
            .into_response()
    }
}

/// A date parameter: `yyyy-mm-dd` only, as the OpenAPI document's pattern and the forms'
/// placeholders say (the date parser also takes ISO spellings such as `20240331` and
/// date-times, which no one means here).
pub fn parse_date(name: &str, value: &str) -> Result<Date, ParamError> {
    let v = value.trim().as_bytes();
    let shape = v.len() == 10 && v.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
    if !shape {
        return Err(ParamError { name: name.into(), message: format!("{value:?} is not a date; expected yyyy-mm-dd, e.g. 2024-03-31") });
    }
    lacs_query::parse_date(name, value)
}

/// Query parameters as given: the last non-empty value of each name wins; empty values (a
/// form's blank field) count as absent.
#[derive(Debug, Clone, Default)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().rev().find(|(k, v)| k == name && !v.trim().is_empty()).map(|(_, v)| v.trim())
    }

    pub fn date(&self, name: &str) -> Result<Option<Date>, AppError> {
        Ok(self.get(name).map(|v| parse_date(name, v)).transpose()?)
    }

    pub fn judgement(&self, name: &str, default: Judgement) -> Result<Judgement, AppError> {
        Ok(self.get(name).map(|v| lacs_query::parse_judgement(name, v)).transpose()?.unwrap_or(default))
    }

    pub fn grade(&self, name: &str) -> Result<Option<Grade>, AppError> {
        Ok(self.get(name).map(|v| lacs_query::parse_grade(name, v)).transpose()?)
    }

    pub fn grouping(&self, name: &str) -> Result<Option<Grouping>, AppError> {
        Ok(self.get(name).map(|v| lacs_query::parse_grouping(name, v)).transpose()?)
    }

    /// `sif`, `ilacs`, or `any` (every graded event).
    pub fn framework(&self, name: &str, default: Option<Framework>) -> Result<Option<Framework>, AppError> {
        match self.get(name) {
            None => Ok(default),
            Some("any") => Ok(None),
            Some(v) => Ok(Some(lacs_query::parse_framework(name, v).map_err(|mut e| {
                e.message = e.message.replace("expected sif or ilacs", "expected sif, ilacs or any");
                e
            })?)),
        }
    }

    pub fn bool(&self, name: &str) -> Result<bool, AppError> {
        match self.get(name) {
            None | Some("false") | Some("0") | Some("no") => Ok(false),
            Some("true") | Some("1") | Some("yes") => Ok(true),
            Some(v) => Err(ParamError { name: name.into(), message: format!("{v:?} is not true or false") }.into()),
        }
    }

    /// One of a fixed set of words.
    pub fn choice<'a>(&self, name: &str, allowed: &[&'a str], default: &'a str) -> Result<&'a str, AppError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => allowed.iter().find(|a| **a == v).copied().ok_or_else(|| {
                ParamError { name: name.into(), message: format!("unknown value {v:?}; expected one of: {}", allowed.join(", ")) }.into()
            }),
        }
    }
}
