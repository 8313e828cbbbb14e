//! The HTML pages, one module per page. Handlers are thin: parse parameters (`views`), ask
//! the register, render a maud template inside [`layout::page`].
//!
//! **Architecture Invariant:** no HTML is built by string formatting: every page, chart and
//! the map is a maud template, so everything from data is escaped.
//!
//! A page with a form answers a bad parameter with its form again, the values kept and the
//! error beside its field ([`with_form`]).

pub mod api;
pub mod changes;
pub mod claims;
pub mod components;
pub mod errors;
pub mod facts;
pub mod firsts;
pub mod home;
pub mod inspection;
pub mod la;
pub mod la_list;
pub mod layout;
pub mod review;
pub mod search;
pub mod themes;
pub mod visits;

use maud::Markup;

use crate::error::AppError;
use crate::state::Inner;
use layout::Footer;

/// A page of the register: its content inside the layout, with when the register was
/// last updated.
pub(crate) fn render(st: &Inner, title: &str, section: &str, content: Markup) -> String {
    layout::page(title, Some(section), Footer::Updated(st.last_updated()), content).into_string()
}

/// A page's answer, or its error carrying the page's form (values kept, the error beside
/// its field) when the error is a bad parameter.
pub(crate) fn with_form<T>(result: Result<T, AppError>, form: impl FnOnce(&AppError) -> Markup) -> Result<T, AppError> {
    result.map_err(|e| e.with_form(form))
}
