//! The page around every page's content: head, skip link, the navigation (from the route
//! table), main, footer; and the stylesheet.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

use super::components::human_timestamp;
use crate::routes;

/// The site's name, in the header and every title.
pub const SITE: &str = "Children’s services inspections register";

/// What the footer says of the register.
pub enum Footer<'a> {
    /// When the register was last updated (`None`: never).
    Updated(Option<&'a str>),
    /// Nothing about the register (error pages, which do not know).
    Plain,
}

/// One page: its title, the navigation entry it belongs to (a route's path), and its content.
pub fn page(title: &str, section: Option<&str>, footer: Footer, content: Markup) -> Markup {
    page_with_feeds(title, section, footer, &[], content)
}

/// An Atom feed a page announces to browsers and feed readers: its address and title.
pub struct FeedLink {
    pub href: String,
    pub title: String,
}

/// A page that announces feeds (`link rel="alternate"` in its head).
pub fn page_with_feeds(title: &str, section: Option<&str>, footer: Footer, feeds: &[FeedLink], content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en-GB" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – " (SITE) }
                link rel="stylesheet" href="/static/site.css";
                @for f in feeds {
                    link rel="alternate" type="application/atom+xml" title=(f.title) href=(f.href);
                }
            }
            body {
                a.skip href="#main" { "Skip to main content" }
                header.site {
                    div.wrap {
                        a.brand href="/" { (SITE) }
                        nav aria-label="Main" {
                            ul {
                                @for r in routes::navigation() {
                                    li { a href=(r.path) aria-current=[(section == Some(r.path)).then_some("page")] { (r.title) } }
                                }
                            }
                        }
                    }
                }
                main id="main" class="wrap" { (content) }
                footer.site {
                    div.wrap {
                        p {
                            @match footer {
                                Footer::Updated(Some(t)) => { "Register last updated: " time datetime=(t) { (human_timestamp(t)) } ". " },
                                Footer::Updated(None) => "The register has never been updated. ",
                                Footer::Plain => {},
                            }
                            "Grades are read from Ofsted’s own reports and checked against Ofsted’s official statistics. "
                            "Reports are Ofsted’s; this register is not an Ofsted service."
                        }
                    }
                }
            }
        }
    }
}

const CSS: &str = include_str!("../../static/site.css");

/// `/static/site.css`, kept a day by browsers.
pub async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=86400")], CSS)
        .into_response()
}
