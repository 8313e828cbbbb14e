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
pub mod due;
pub mod errors;
pub mod facts;
pub mod feeds;
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

/// A page of the register that announces feeds (and should link to them in its content).
pub(crate) fn render_with_feeds(st: &Inner, title: &str, section: Option<&str>, feeds: &[layout::FeedLink], content: Markup) -> String {
    layout::page_with_feeds(title, section, Footer::Updated(st.last_updated()), feeds, content).into_string()
}

/// The feeds of England and of one LA and its region, as pages announce them.
pub(crate) fn feed_links(la: Option<&lacs_domain::Authority>) -> Vec<layout::FeedLink> {
    use lacs_query::FeedScope;
    let mut links = vec![layout::FeedLink { href: FeedScope::England.path(), title: "New reports, grade changes and visits in England".into() }];
    if let Some(a) = la {
        links.insert(0, layout::FeedLink { href: FeedScope::La(a.urn).path(), title: format!("New reports and visits: {}", a.name) });
        links.insert(1, layout::FeedLink { href: FeedScope::Region(a.ofsted_region).path(), title: format!("New reports and visits in {}", a.ofsted_region.as_str()) });
    }
    links
}

/// A page's answer, or its error carrying the page's form (values kept, the error beside
/// its field) when the error is a bad parameter.
pub(crate) fn with_form<T>(result: Result<T, AppError>, form: impl FnOnce(&AppError) -> Markup) -> Result<T, AppError> {
    result.map_err(|e| e.with_form(form))
}
