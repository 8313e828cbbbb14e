//! `/`: the national picture as at a date: by grade, over time, by region, the map and its
//! table.

use axum::extract::State;
use axum::response::Response;
use lacs_analysis::{Grouping, ListEntry, StatsQuery};
use lacs_domain::{Date, Grade, Judgement};
use maud::{html, Markup};

use super::components::{
    count, date_field, downloads, grade_legend, grade_paint, grade_tag, hidden, judgement_options, kind_label, long_date,
    pct, query_string, scroll_box, select_field, short_date, updated_line, url_encode, FormState,
};
use super::{render, with_form};
use crate::charts::{self, BarRow};
use crate::error::{AppError, Params};
use crate::map::MapInfo;
use crate::state::{AppState, Inner};
use crate::{cached, Req, HTML};

const SECTION: &str = "/";

/// `/`.
pub async fn handler(State(s): State<AppState>, req: Req, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    with_form(cached(st, &req, HTML, || page(st, &p)), |e| form(&FormState::new(&p).error(Some(e))))
}

/// The date and judgement form.
fn form(fs: &FormState) -> Markup {
    html! {
        form.controls method="get" action="/" {
            (date_field(fs, "as_at", "As at", "for example 31 March 2024, 31/03/2024 or 2024-03-31"))
            (select_field(fs, "judgement", "Judgement", &judgement_options()))
            (hidden("by", &fs.value("by")))
            button type="submit" { "Show" }
        }
    }
}

const EMPTY_REGISTER: &str = "The register is empty";

fn empty_register() -> Markup {
    html! {
        h1 { (EMPTY_REGISTER) }
        p { "This server is running, but its register holds no inspections yet. Load Ofsted’s reports and its official statistics with the " code { "lacs" } " command, then start the server again:" }
        ol.steps {
            li { p { "Read every report into the register:" } pre { code { "lacs ingest ../shared/corpus" } } }
            li { p { "Add Ofsted’s official statistics (every graded inspection, including those with no report in the corpus):" } pre { code { "lacs import-official ../shared/official/*.ods" } } }
            li { p { "Start the server on the same register:" } pre { code { "lacs serve --addr 127.0.0.1:8080" } } }
        }
        p { "Use " code { "--db FILE" } " (or " code { "$LACS_DB" } ") to choose the register file; " code { "lacs --help" } " shows the default path." }
    }
}

fn page(st: &Inner, p: &Params) -> Result<String, AppError> {
    let as_at = p.date("as_at")?.unwrap_or(st.today());
    let judgement = p.judgement("judgement", Judgement::Overall)?;
    let by = p.grouping("by")?.unwrap_or(Grouping::Region);
    if st.register.is_empty() {
        return Ok(render(st, EMPTY_REGISTER, SECTION, empty_register()));
    }
    let index = st.register.index();
    let stats = index.stats(&StatsQuery::as_at(as_at).judgement(judgement).by(by).list(true));
    let series = index.time_series(judgement, as_at);
    let c = stats.counts;
    let graded = c.grades.total();
    let by_word = if by == Grouping::Region { "region" } else { "region9" };
    let j_word = if judgement == Judgement::Overall { String::new() } else { judgement.as_str().to_string() };
    // This page's address with `by` changed (or kept).
    let here = |by: &str| {
        query_string(&[
            ("as_at", p.get("as_at").unwrap_or("").to_string()),
            ("judgement", j_word.clone()),
            ("by", if by == "region" { String::new() } else { by.to_string() }),
        ])
    };
    let fs = FormState::new(p).default("as_at", as_at.to_string()).default("judgement", judgement.as_str()).default("by", by_word);
    let j_lower = judgement.label().to_lowercase();
    let waiting = st.register.awaiting_review(as_at);
    let (this, other, other_word, other_label) = if by == Grouping::Region {
        ("Ofsted’s 8 regions", "the 9 ONS regions", "region9", "ONS")
    } else {
        ("the 9 ONS regions", "Ofsted’s 8 regions", "region", "Ofsted")
    };
    let mut region_rows: Vec<BarRow> = vec![BarRow { label: "England", counts: c }];
    region_rows.extend(stats.groups.iter().map(|g| BarRow { label: g.name, counts: g.counts }));
    let list = stats.list.as_deref().unwrap_or(&[]);
    let mut sorted: Vec<&ListEntry> = list.iter().collect();
    sorted.sort_by_key(|e| e.la_name);
    let series_q = query_string(&[("judgement", j_word.clone()), ("until", as_at.to_string())]);

    let content = html! {
        h1 { "Inspections of children’s services in England" }
        p.lead {
            (judgement.label()) " of local authorities as at " strong { (long_date(as_at)) }
            ", counted as Ofsted counts: each local authority’s latest graded inspection whose report was published by then."
        }
        (updated_line(st.last_updated()))
        (form(&fs))

        section aria-labelledby="national" {
            h2 #national { "The national picture" }
            p {
                (c.authorities) " local authorities existed on " (long_date(as_at)) ". " (c.inspected)
                " had a graded inspection published by then; " (graded) (if graded == 1 { " has" } else { " have" })
                " a grade for " (j_lower) "."
            }
            @if waiting.count > 0 {
                @let withheld: usize = waiting.reports.iter().map(|r| r.withheld.len()).sum();
                @let one = waiting.count == 1;
                p.notice {
                    (count(waiting.count, "report", "reports")) " published by then " (if one { "awaits" } else { "await" })
                    " review. Every judgement read from " (if one { "it" } else { "them" }) " is counted except " (withheld)
                    " in doubt, which " (if withheld == 1 { "waits" } else { "wait" }) " until a person answers. "
                    a href="/review" { "See what awaits review" } "."
                }
            }
            figure.chart-figure {
                (charts::grade_bars("nat", "Local authorities by grade, England", &[BarRow { label: "England", counts: c }]))
                (grade_legend(false, false))
            }
            (scroll_box("Local authorities by grade, England", html! {
            table {
                caption { (judgement.label()) ": local authorities by grade, as at " (long_date(as_at)) }
                thead { tr { th scope="col" { "Grade" } th.num scope="col" { "Local authorities" } th.num scope="col" { "Per cent of those graded" } } }
                tbody {
                    @for g in Grade::SCALE {
                        tr { th scope="row" { (grade_tag(Some(g))) } td.num { (c.grades.get(g)) } td.num { (pct(c.grades.get(g), graded)) } }
                    }
                }
                tfoot {
                    tr { th scope="row" { "Graded" } td.num { (graded) } td.num { (if graded > 0 { "100%" } else { "—" }) } }
                    tr { th scope="row" { "Inspected, not graded in this judgement" } td.num { (c.not_graded) } td {} }
                    tr { th scope="row" { "Not yet inspected" } td.num { (c.authorities - c.inspected) } td {} }
                }
            }
            }))
            (downloads("/download/stats", &here(by_word), "these figures"))
            @if c.overall_from_earlier > 0 {
                p.note { (c.overall_from_earlier) " local authorities’ latest inspections give no overall effectiveness (reformed inspections); they are counted at the overall grade of their previous inspection." }
            }
        }

        section aria-labelledby="over-time" {
            h2 #over-time { "How the picture has moved" }
            p { "Local authorities by their grade at the end of each quarter since March 2014 (reports published by each quarter end). Grey: not yet inspected, or not graded in this judgement." }
            figure.chart-figure {
                (charts::series_chart("series", &series))
                figcaption { (judgement.label()) ": local authorities by grade at each quarter end." }
                (grade_legend(true, false))
            }
            details {
                summary { "Show the figures as a table" }
                (scroll_box("Local authorities by grade at each quarter end", html! {
                    table.compact {
                        caption { "Local authorities by grade at each quarter end" }
                        thead { tr {
                            th scope="col" { "Quarter end" }
                            @for g in Grade::SCALE { th.num scope="col" { (g.label()) } }
                            th.num scope="col" { "Not yet inspected or not graded" } th.num scope="col" { "Local authorities" }
                        } }
                        tbody {
                            @for pt in series.points.iter().rev() {
                                tr {
                                    th scope="row" { (short_date(Some(pt.cutoff.as_at))) }
                                    @for g in Grade::SCALE { td.num { (pt.counts.grades.get(g)) } }
                                    td.num { (pt.counts.authorities - pt.counts.grades.total()) }
                                    td.num { (pt.counts.authorities) }
                                }
                            }
                        }
                    }
                }))
            }
            (downloads("/download/series", &series_q, "these figures"))
        }

        section aria-labelledby="regions" {
            h2 #regions { "By region" }
            p {
                "Showing " (this) ". " a href={ "/" (here(other_word)) "#regions" } { "Show " (other) " instead" }
                " (" (other_label) " regions split or join North East and Yorkshire and the Humber)."
            }
            figure.chart-figure { (charts::grade_bars("reg", &format!("Local authorities by grade in {this}"), &region_rows)) }
            (scroll_box("Local authorities by grade in each region", html! {
                table {
                    caption { (judgement.label()) ": local authorities by grade in " (this) ", as at " (long_date(as_at)) }
                    thead { tr {
                        th scope="col" { "Region" } th.num scope="col" { "Local authorities" } th.num scope="col" { "Inspected" }
                        @for g in Grade::SCALE { th.num scope="col" { (g.label()) } }
                        th.num scope="col" { "Good or better" }
                    } }
                    tbody {
                        @for (name, k) in stats.groups.iter().map(|g| (g.name, g.counts)).chain([("England", c)]) {
                            tr {
                                th scope="row" {
                                    @if name == "England" { "England" } @else { a href={ "/la?region=" (url_encode(name)) } { (name) } }
                                }
                                td.num { (k.authorities) } td.num { (k.inspected) }
                                @for g in Grade::SCALE { td.num { (k.grades.get(g)) } }
                                td.num { (pct(k.grades.outstanding + k.grades.good, k.grades.total())) }
                            }
                        }
                    }
                }
            }))
            (downloads("/download/regions", &here(by_word), "the regional figures"))
        }

        section aria-labelledby="map" {
            h2 #map { "Map of local authorities" }
            @match &st.map {
                Ok(geom) => {
                    p {
                        "Each local authority coloured by its " (j_lower) " grade as at " (long_date(as_at))
                        ". Select an area to open its page; its name and grade show when you point at it or move to it with the Tab key. The table below the map gives the same facts."
                    }
                    div.map-wrap {
                        (grade_legend(true, true))
                        (geom.svg(&format!("Map of England: local authorities by {j_lower} grade"), |urn| map_info(list, urn, as_at)))
                    }
                },
                Err(e) => div.notice {
                    p {
                        "The map is not shown: it needs the boundary files from the reference folder ("
                        code { "local_authority_districts_boundaries.json" } " and " code { "LTLA-UTLA_Apr23_Lookup_England-Wales.csv" }
                        "), given with " code { "--reference-dir" } ". (" (e) ")"
                    }
                },
            }
            (scroll_box("Every local authority’s grade", html! {
                table.compact #la-table {
                    caption { "Every local authority’s " (j_lower) " grade as at " (long_date(as_at)) }
                    thead { tr {
                        th scope="col" { "Local authority" } th scope="col" { "Region" } th scope="col" { "Grade" }
                        th scope="col" { "Inspection" } th scope="col" { "Published" }
                    } }
                    tbody {
                        @for e in &sorted {
                            tr {
                                th scope="row" { a href={ "/la/" (e.urn) } { (e.la_name) } }
                                td { (lacs_authorities::by_urn(e.urn).map_or("", |a| a.ofsted_region.as_str())) }
                                td { (grade_words(e)) }
                                td { @if let Some(id) = e.event_id { a href={ "/inspection/" (id) } { (kind_label(e.kind)) } } }
                                td.date { (short_date(e.published)) }
                            }
                        }
                    }
                }
            }))
            (downloads("/download/las", &query_string(&[("as_at", p.get("as_at").unwrap_or("").to_string()), ("judgement", j_word.clone())]), "this table"))
            h2 { "Alerts" }
            p {
                "New reports, grade changes and visits as they are published, in a feed reader: "
                a href=(lacs_query::FeedScope::England.path()) type="application/atom+xml" { "England’s feed" }
                ", or a region’s: "
                @for (i, r) in lacs_domain::OfstedRegion::ALL.iter().enumerate() {
                    @if i > 0 { ", " }
                    a href=(lacs_query::FeedScope::Region(*r).path()) type="application/atom+xml" { (r.as_str()) }
                }
                ". Each local authority’s page links to its own."
            }
        }
    };
    Ok(super::render_with_feeds(st, &format!("National picture as at {}", long_date(as_at)), Some(SECTION), &super::feed_links(None), content))
}

/// An LA's grade in the list: its tag, or why it has none.
fn grade_words(e: &ListEntry) -> Markup {
    html! {
        @match (e.grade, e.event_id) {
            (Some(g), _) => (grade_tag(Some(g))),
            (None, Some(_)) => "Not graded",
            (None, None) => "Not yet inspected",
        }
    }
}

/// How a current LA's shape is drawn on `as_at`: itself, or the one council it replaced.
fn map_info(list: &[ListEntry], urn: u32, as_at: Date) -> (u32, MapInfo) {
    let entry = |u: u32| list.iter().find(|e| e.urn == u);
    let describe = |e: &ListEntry| {
        let (text, paint) = match (e.grade, e.event_id) {
            (Some(g), _) => (g.label().to_string(), grade_paint(Some(g))),
            (None, Some(_)) => ("Not graded".to_string(), "#ffffff".to_string()),
            (None, None) => ("Not yet inspected".to_string(), grade_paint(None)),
        };
        MapInfo { href: format!("/la/{}", e.urn), name: e.la_name.to_string(), grade_text: text, paint }
    };
    if let Some(e) = entry(urn) {
        return (urn, describe(e));
    }
    let a = lacs_authorities::by_urn(urn);
    let existing: Vec<&ListEntry> = a.map(|a| a.predecessors.iter().filter_map(|p| entry(*p)).collect()).unwrap_or_default();
    if let [one] = existing.as_slice() {
        return (one.urn, describe(one));
    }
    let name = a.map_or(String::new(), |a| a.name.clone());
    let info = MapInfo {
        href: format!("/la/{urn}"),
        grade_text: format!("did not exist on {}", long_date(as_at)),
        name,
        paint: "#f3f2f1".to_string(),
    };
    (urn, info)
}
