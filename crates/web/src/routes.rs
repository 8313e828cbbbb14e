//! The one route table: every path the server answers, with its title, whether the
//! navigation links to it, and what it is. It feeds the router ([`crate::app`]), the
//! navigation ([`crate::pages::layout`]) and the `/api` page, so none of them can forget a
//! route the others know.

use axum::routing::{get, MethodRouter};

use crate::state::AppState;
use crate::{api, pages};

/// What a route serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteKind {
    /// An HTML page for people.
    Page,
    /// JSON for programs (listed on the `/api` page).
    Api,
    /// A file to download (CSV, XLSX, JSON).
    Download,
    /// The stylesheet.
    Asset,
    /// An Atom feed (listed on the `/api` page).
    Feed,
    /// For whoever runs the server: health and metrics (listed on the `/api` page).
    Service,
}

/// One route.
pub struct Route {
    /// The axum path (`{name}` for a path parameter).
    pub path: &'static str,
    /// Its name, as the navigation and the `/api` page show it.
    pub title: &'static str,
    /// Whether the main navigation links to it.
    pub nav: bool,
    /// What it returns, in one line.
    pub about: &'static str,
    pub kind: RouteKind,
    /// A link that shows it working (for the `/api` page); the path itself when `None`.
    pub example: Option<&'static str>,
    /// The handler (GET; axum answers HEAD with it too). The one POST route is `/claims`,
    /// whose form is read and checked, and nothing written.
    pub handler: fn() -> MethodRouter<AppState>,
}

use RouteKind::{Api, Asset, Download, Feed, Page, Service};

/// Every route, in navigation order for the pages.
pub const ROUTES: &[Route] = &[
    Route { path: "/", title: "National picture", nav: true, kind: Page, example: None,
        about: "The national picture as at a date: by grade, over time, by region, the map and its table",
        handler: || get(pages::home::handler) },
    Route { path: "/la", title: "Local authorities", nav: true, kind: Page, example: None,
        about: "Every local authority, filterable and sortable",
        handler: || get(pages::la_list::handler) },
    Route { path: "/changes", title: "Changes", nav: true, kind: Page, example: None,
        about: "Who improved or declined between inspections",
        handler: || get(pages::changes::handler) },
    Route { path: "/firsts", title: "Firsts", nav: true, kind: Page, example: None,
        about: "Who first reached a grade",
        handler: || get(pages::firsts::handler) },
    Route { path: "/due", title: "Inspections due", nav: true, kind: Page, example: None,
        about: "When each local authority's next inspection is likely, by the rules and as observed",
        handler: || get(pages::due::handler) },
    Route { path: "/visits", title: "Visits", nav: true, kind: Page, example: None,
        about: "Focused visits, monitoring visits (numbered since an inadequate judgement) and joint targeted area inspections, newest first",
        handler: || get(pages::visits::handler) },
    Route { path: "/search", title: "What inspectors said", nav: true, kind: Page, example: None,
        about: "Full-text search of what inspectors said",
        handler: || get(pages::search::handler) },
    Route { path: "/claims", title: "Check a story", nav: true, kind: Page, example: None,
        about: "Check a news story's claims against the register (the story is POSTed from the page's form; nothing is written)",
        handler: || get(pages::claims::handler).post(pages::claims::check) },
    Route { path: "/themes", title: "Themes", nav: true, kind: Page, example: None,
        about: "How often each improvement theme is named, and its trend by year",
        handler: || get(pages::themes::handler) },
    Route { path: "/api", title: "Data and API", nav: true, kind: Page, example: None,
        about: "The downloads and the JSON API described for people",
        handler: || get(pages::api::handler) },
    Route { path: "/la/{urn}", title: "A local authority", nav: false, kind: Page, example: None,
        about: "One local authority: latest inspection and change, grades over time, every event, predecessors, statistical neighbours",
        handler: || get(pages::la::handler) },
    Route { path: "/inspection/{id}", title: "An inspection", nav: false, kind: Page, example: None,
        about: "One inspection: every judgement with the report text it was read from",
        handler: || get(pages::inspection::handler) },
    Route { path: "/inspection/{id}/facts", title: "Facts for an inspection", nav: false, kind: Page, example: None,
        about: "Every fact a story about one inspection could state, each with its source",
        handler: || get(pages::facts::handler) },
    Route { path: "/review", title: "Reports awaiting review", nav: false, kind: Page, example: None,
        about: "Every report awaiting review, with its doubts",
        handler: || get(pages::review::handler) },
    Route { path: "/static/site.css", title: "Stylesheet", nav: false, kind: Asset, example: None,
        about: "The one stylesheet",
        handler: || get(pages::layout::stylesheet) },
    Route { path: "/download/{file}", title: "Downloads", nav: false, kind: Download, example: Some("/download/stats.csv"),
        about: "stats, regions, series, las, changes, firsts, visits as .csv, .xlsx or .json",
        handler: || get(api::download) },
    Route { path: "/download/la/{file}", title: "A local authority's inspections", nav: false, kind: Download, example: Some("/download/la/80426.csv"),
        about: "One local authority's inspections as .csv, .xlsx or .json",
        handler: || get(api::download_la) },
    Route { path: "/download/inspection/{file}", title: "An inspection's judgements", nav: false, kind: Download, example: None,
        about: "One inspection's judgements as .csv, .xlsx or .json",
        handler: || get(api::download_inspection) },
    Route { path: "/feeds/england.atom", title: "England’s feed", nav: false, kind: Feed, example: None,
        about: "Atom feed: the newest reports, grade changes and visits in England",
        handler: || get(pages::feeds::england) },
    Route { path: "/feeds/region/{region}", title: "A region’s feed", nav: false, kind: Feed, example: Some("/feeds/region/london.atom"),
        about: "Atom feed of one Ofsted region (its name in lower case, hyphenated, then .atom)",
        handler: || get(pages::feeds::region) },
    Route { path: "/feeds/la/{la}", title: "A local authority’s feed", nav: false, kind: Feed, example: Some("/feeds/la/80426.atom"),
        about: "Atom feed of one local authority (its URN, then .atom)",
        handler: || get(pages::feeds::la) },
    Route { path: "/healthz", title: "Health", nav: false, kind: Service, example: None,
        about: "JSON: whether the register file is readable now, the register served, the last sync and how it ended (503 when the register cannot be read)",
        handler: || get(crate::ops::healthz) },
    Route { path: "/metrics", title: "Metrics", nav: false, kind: Service, example: None,
        about: "Prometheus (OpenMetrics) text: requests by route and status, latency, register size, last sync",
        handler: || get(crate::ops::metrics) },
    Route { path: "/api/v1/stats", title: "Stats", nav: false, kind: Api, example: Some("/api/v1/stats?as_at=2024-03-31&by=region"),
        about: "The national (and regional) picture as at a date",
        handler: || get(api::stats) },
    Route { path: "/api/v1/series", title: "Series", nav: false, kind: Api, example: Some("/api/v1/series?judgement=overall"),
        about: "The national picture at each quarter end since March 2014",
        handler: || get(api::series) },
    Route { path: "/api/v1/la", title: "Local authorities", nav: false, kind: Api, example: Some("/api/v1/la?region=London"),
        about: "Every local authority with its latest grade",
        handler: || get(api::la_list) },
    Route { path: "/api/v1/la/{urn}", title: "A local authority", nav: false, kind: Api, example: Some("/api/v1/la/80426"),
        about: "One local authority: every inspection, changes, predecessors, statistical neighbours",
        handler: || get(api::la) },
    Route { path: "/api/v1/inspection/{id}", title: "An inspection", nav: false, kind: Api, example: None,
        about: "One inspection: every judgement with the report text, and disagreements with the official record",
        handler: || get(api::inspection) },
    Route { path: "/api/v1/facts/{la}", title: "Facts", nav: false, kind: Api, example: Some("/api/v1/facts/80426"),
        about: "Every fact about one local authority's graded inspection (latest, or inspection=ID or a date), each with its provenance",
        handler: || get(api::facts) },
    Route { path: "/api/v1/changes", title: "Changes", nav: false, kind: Api, example: None,
        about: "Local authorities with two or more inspections: the latest grade against the one before",
        handler: || get(api::changes) },
    Route { path: "/api/v1/firsts", title: "Firsts", nav: false, kind: Api, example: Some("/api/v1/firsts?grade=outstanding"),
        about: "The order in which local authorities first reached a grade",
        handler: || get(api::firsts) },
    Route { path: "/api/v1/due", title: "Inspections due", nav: false, kind: Api, example: Some("/api/v1/due?status=overdue"),
        about: "When each local authority's next full inspection is due: the rules' window, the observed window, the next monitoring visit; with the rules and their sources",
        handler: || get(pages::due::api) },
    Route { path: "/api/v1/visits", title: "Visits", nav: false, kind: Api, example: Some("/api/v1/visits?type=monitoring_visit"),
        about: "Focused visits, monitoring visits and joint targeted area inspections, newest first, with theme and monitoring visit number",
        handler: || get(pages::visits::api) },
    Route { path: "/api/v1/disagreements", title: "Disagreements", nav: false, kind: Api, example: None,
        about: "Every value on which a report and the official record (or two official releases) differ",
        handler: || get(api::disagreements) },
    Route { path: "/api/v1/search", title: "Search", nav: false, kind: Api, example: Some("/api/v1/search?q=%22care+leavers%22"),
        about: "Full-text search over what inspectors said (findings, or whole reports with in=all)",
        handler: || get(pages::search::api) },
    Route { path: "/api/v1/themes", title: "Themes", nav: false, kind: Api, example: Some("/api/v1/themes?by=year"),
        about: "How often each improvement theme is named, nationally and by group",
        handler: || get(pages::themes::api) },
    Route { path: "/api/v1/openapi.json", title: "OpenAPI document", nav: false, kind: Api, example: None,
        about: "This API, described in OpenAPI 3.1",
        handler: || get(api::openapi) },
];

/// The routes of one kind, in table order.
pub fn of_kind(kind: RouteKind) -> impl Iterator<Item = &'static Route> {
    ROUTES.iter().filter(move |r| r.kind == kind)
}

/// The routes the main navigation links to.
pub fn navigation() -> impl Iterator<Item = &'static Route> {
    ROUTES.iter().filter(|r| r.nav)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_is_routed_once() {
        let mut paths: Vec<&str> = ROUTES.iter().map(|r| r.path).collect();
        paths.sort();
        let n = paths.len();
        paths.dedup();
        assert_eq!(paths.len(), n, "a path appears twice in the route table");
    }

    #[test]
    fn every_documented_api_path_is_in_the_table() {
        let doc = crate::openapi::document();
        let documented = doc["paths"].as_object().map(|m| m.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
        assert!(!documented.is_empty());
        for p in documented {
            assert!(of_kind(Api).chain(of_kind(Download)).any(|r| r.path == p), "{p} is documented but not in the route table");
        }
        for r in of_kind(Api) {
            assert!(doc["paths"].get(r.path).is_some(), "{} is routed but not documented", r.path);
        }
    }
}
