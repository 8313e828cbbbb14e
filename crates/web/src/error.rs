//! Errors as responses: a page for people, JSON for the API; both say what was wrong.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
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

/// The query string's parameters, read by lacs-query's parsers (`lacs_query::Params`, which
/// this dereferences to) with "today" the server's.
#[derive(Debug, Clone, Default)]
pub struct Params(pub lacs_query::Params);

impl std::ops::Deref for Params {
    type Target = lacs_query::Params;
    fn deref(&self) -> &lacs_query::Params {
        &self.0
    }
}
