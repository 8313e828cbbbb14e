//! The HTML pages. Handlers are thin: parse parameters (`views`), ask the register, render.

use std::fmt::Write;

use axum::extract::{Path, State};

use axum::response::{IntoResponse, Redirect, Response};
use lacs_analysis::{ChangeCategory, Grouping, StatsQuery};
use lacs_domain::{EventStatus, Framework, Grade, Judgement, Kind};
use lacs_query::{InspectionView, LaView, ListedFinding};

use crate::charts::{self, BarRow};
use crate::error::{AppError, Params};
use crate::html::{
    downloads, esc, grade_legend, grade_paint, grade_tag, judgement_select, kind_label, long_date, pct, query_string,
    short_date, updated_line, Esc, Page, Section,
};
use crate::map::MapInfo;
use crate::state::{AppState, Inner};
use crate::views;
use crate::{cached, Req, HTML};

fn render(st: &Inner, title: &str, section: Section, body: String) -> String {
    Page { title: title.to_string(), section, last_updated: st.last_updated(), body, show_updated: true }.render()
}

fn la_link(urn: u32) -> String {
    match lacs_authorities::by_urn(urn) {
        Some(a) => format!("<a href=\"/la/{urn}\">{}</a>", Esc(&a.name)),
        None => format!("URN {urn}"),
    }
}

fn date_input(name: &str, label: &str, value: Option<lacs_domain::Date>, hint: &str) -> String {
    format!(
        "<div class=\"field\"><label for=\"{name}\">{label}</label><span class=\"hint\" id=\"{name}-hint\">{hint}</span>\
         <input type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" spellcheck=\"false\" size=\"11\" id=\"{name}\" name=\"{name}\" value=\"{}\" aria-describedby=\"{name}-hint\"></div>",
        value.map_or(String::new(), |d| d.to_string())
    )
}

const EMPTY_REGISTER: &str = "<h1>The register is empty</h1>\
<p>This server is running, but its register holds no inspections yet. Load Ofsted’s reports and its official statistics with the <code>lacs</code> command, then start the server again:</p>\
<ol class=\"steps\">\
<li><p>Read every report into the register:</p><pre><code>lacs ingest ../shared/corpus</code></pre></li>\
<li><p>Add Ofsted’s official statistics (every graded inspection, including those with no report in the corpus):</p><pre><code>lacs import-official ../shared/official/*.ods</code></pre></li>\
<li><p>Start the server on the same register:</p><pre><code>lacs serve --addr 127.0.0.1:8080</code></pre></li>\
</ol>\
<p>Use <code>--db FILE</code> (or <code>$LACS_DB</code>) to choose the register file; <code>lacs --help</code> shows the default path.</p>";

/// `/`: the national picture.
pub async fn home(State(s): State<AppState>, uri: Req, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    cached(st, &uri, HTML, || home_page(st, &p))
}

fn home_page(st: &Inner, p: &Params) -> Result<String, AppError> {
    let as_at = p.date("as_at")?.unwrap_or(st.today());
    let judgement = p.judgement("judgement", Judgement::Overall)?;
    let by = p.grouping("by")?.unwrap_or(Grouping::Region);
    if st.register.is_empty() {
        return Ok(render(st, "The register is empty", Section::Home, EMPTY_REGISTER.to_string()));
    }
    let index = st.register.index();
    let stats = index.stats(&StatsQuery::as_at(as_at).judgement(judgement).by(by).list(true));
    let series = index.time_series(judgement, as_at);
    let c = stats.counts;
    let graded = c.grades.total();
    let mut b = String::with_capacity(200_000);
    let by_word = if by == Grouping::Region { "region" } else { "region9" };
    let here = |extra: &[(&str, String)]| {
        let mut pairs: Vec<(&str, String)> = vec![
            ("as_at", p.get("as_at").map(str::to_string).unwrap_or_default()),
            ("judgement", if judgement == Judgement::Overall { String::new() } else { judgement.as_str().to_string() }),
            ("by", if by == Grouping::Region { String::new() } else { by_word.to_string() }),
        ];
        for (k, v) in extra {
            pairs.retain(|(pk, _)| pk != k);
            pairs.push((k, v.clone()));
        }
        query_string(&pairs)
    };
    let _ = write!(
        b,
        "<h1>Inspections of children’s services in England</h1>\
         <p class=\"lead\">{} of local authorities as at <strong>{}</strong>, counted as Ofsted counts: each local authority’s latest graded inspection whose report was published by then.</p>{}",
        Esc(judgement.label()),
        long_date(as_at),
        updated_line(st.last_updated())
    );
    let _ = write!(
        b,
        "<form class=\"controls\" method=\"get\" action=\"/\">{}\
         <div class=\"field\"><label for=\"judgement\">Judgement</label>{}</div>\
         <input type=\"hidden\" name=\"by\" value=\"{by_word}\"><button type=\"submit\">Show</button></form>",
        date_input("as_at", "As at", Some(as_at), "yyyy-mm-dd, for example 2024-03-31"),
        judgement_select("judgement", judgement, Judgement::ALL),
    );

    // The national picture.
    b.push_str("<section aria-labelledby=\"national\"><h2 id=\"national\">The national picture</h2>");
    let _ = write!(
        b,
        "<p>{} local authorities existed on {}. {} had a graded inspection published by then; {} {} a grade for {}.</p>",
        c.authorities,
        long_date(as_at),
        c.inspected,
        graded,
        if graded == 1 { "has" } else { "have" },
        Esc(&judgement.label().to_lowercase())
    );
    let waiting = st.register.awaiting_review(as_at);
    if waiting.count > 0 {
        let withheld: usize = waiting.reports.iter().map(|r| r.withheld.len()).sum();
        let _ = write!(
            b,
            "<p class=\"notice\">{} {} published by then {} review. Every judgement read from {} is counted except {withheld} in doubt, which {} until a person answers. <a href=\"/review\">See what awaits review</a>.</p>",
            waiting.count,
            if waiting.count == 1 { "report" } else { "reports" },
            if waiting.count == 1 { "awaits" } else { "await" },
            if waiting.count == 1 { "it" } else { "them" },
            if withheld == 1 { "waits" } else { "wait" },
        );
    }
    b.push_str(&charts::grade_bars(
        "nat",
        "Local authorities by grade, England",
        &[BarRow { label: "England", counts: c }],
    ));
    b.push_str(&grade_legend(false, false));
    let _ = write!(
        b,
        "<table><caption>{}: local authorities by grade, as at {}</caption>\
         <thead><tr><th scope=\"col\">Grade</th><th scope=\"col\" class=\"num\">Local authorities</th><th scope=\"col\" class=\"num\">Per cent of those graded</th></tr></thead><tbody>",
        Esc(judgement.label()),
        long_date(as_at)
    );
    for g in Grade::SCALE {
        let n = c.grades.get(g);
        let _ = write!(
            b,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{n}</td><td class=\"num\">{}</td></tr>",
            grade_tag(Some(g)),
            pct(n, graded)
        );
    }
    let _ = write!(
        b,
        "</tbody><tfoot><tr><th scope=\"row\">Graded</th><td class=\"num\">{graded}</td><td class=\"num\">{}</td></tr>\
         <tr><th scope=\"row\">Inspected, not graded in this judgement</th><td class=\"num\">{}</td><td></td></tr>\
         <tr><th scope=\"row\">Not yet inspected</th><td class=\"num\">{}</td><td></td></tr></tfoot></table>",
        if graded > 0 { "100%" } else { "—" },
        c.not_graded,
        c.authorities - c.inspected
    );
    if c.overall_from_earlier > 0 {
        let _ = write!(
            b,
            "<p class=\"note\">{} local authorities’ latest inspections give no overall effectiveness (reformed inspections); they are counted at the overall grade of their previous inspection.</p>",
            c.overall_from_earlier
        );
    }
    b.push_str("</section>");

    // Over time.
    b.push_str("<section aria-labelledby=\"over-time\"><h2 id=\"over-time\">How the picture has moved</h2>");
    let _ = write!(
        b,
        "<p>Local authorities by their grade at the end of each quarter since March 2014 (reports published by each quarter end). Grey: not yet inspected, or not graded in this judgement.</p><figure>{}<figcaption>{}: local authorities by grade at each quarter end.</figcaption></figure>",
        charts::series_chart("series", &series),
        Esc(judgement.label())
    );
    b.push_str(&grade_legend(true, false));
    b.push_str(
        "<details><summary>Show the figures as a table</summary><table class=\"compact\"><caption>Local authorities by grade at each quarter end</caption>\
         <thead><tr><th scope=\"col\">Quarter end</th><th scope=\"col\" class=\"num\">Outstanding</th><th scope=\"col\" class=\"num\">Good</th><th scope=\"col\" class=\"num\">Requires improvement</th><th scope=\"col\" class=\"num\">Inadequate</th><th scope=\"col\" class=\"num\">Not yet inspected or not graded</th><th scope=\"col\" class=\"num\">Local authorities</th></tr></thead><tbody>",
    );
    for pt in series.points.iter().rev() {
        let g = pt.counts.grades;
        let _ = write!(
            b,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            short_date(Some(pt.cutoff.as_at)),
            g.outstanding,
            g.good,
            g.requires_improvement,
            g.inadequate,
            pt.counts.authorities - g.total(),
            pt.counts.authorities
        );
    }
    b.push_str("</tbody></table></details>");
    let series_q = query_string(&[
        ("judgement", if judgement == Judgement::Overall { String::new() } else { judgement.as_str().to_string() }),
        ("until", as_at.to_string()),
    ]);
    let _ = write!(b, "{}</section>", downloads("/download/series", &series_q, "these figures"));

    // Regions.
    let (this, other, other_word, other_label) = if by == Grouping::Region {
        ("Ofsted’s 8 regions", "the 9 ONS regions", "region9", "ONS")
    } else {
        ("the 9 ONS regions", "Ofsted’s 8 regions", "region", "Ofsted")
    };
    let _ = write!(
        b,
        "<section aria-labelledby=\"regions\"><h2 id=\"regions\">By region</h2>\
         <p>Showing {this}. <a href=\"/{}#regions\">Show {other} instead</a> ({other_label} regions split or join North East and Yorkshire and the Humber).</p>",
        Esc(&here(&[("by", other_word.to_string())])),
    );
    let mut rows: Vec<BarRow> = vec![BarRow { label: "England", counts: c }];
    rows.extend(stats.groups.iter().map(|g| BarRow { label: g.name, counts: g.counts }));
    b.push_str(&charts::grade_bars("reg", &format!("Local authorities by grade in {this}"), &rows));
    let _ = write!(
        b,
        "<table><caption>{}: local authorities by grade in {this}, as at {}</caption><thead><tr>\
         <th scope=\"col\">Region</th><th scope=\"col\" class=\"num\">Local authorities</th><th scope=\"col\" class=\"num\">Inspected</th>\
         <th scope=\"col\" class=\"num\">Outstanding</th><th scope=\"col\" class=\"num\">Good</th><th scope=\"col\" class=\"num\">Requires improvement</th><th scope=\"col\" class=\"num\">Inadequate</th><th scope=\"col\" class=\"num\">Good or better</th></tr></thead><tbody>",
        Esc(judgement.label()),
        long_date(as_at)
    );
    for g in stats.groups.iter().map(|g| (g.name, g.counts)).chain([("England", c)]) {
        let (name, k) = g;
        let gr = k.grades;
        let row_head = if name == "England" {
            "<th scope=\"row\">England</th>".to_string()
        } else {
            format!("<th scope=\"row\"><a href=\"/la?region={}\">{}</a></th>", crate::html::url_encode(name), Esc(name))
        };
        let _ = write!(
            b,
            "<tr>{row_head}<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            k.authorities,
            k.inspected,
            gr.outstanding,
            gr.good,
            gr.requires_improvement,
            gr.inadequate,
            pct(gr.outstanding + gr.good, gr.total())
        );
    }
    let _ = write!(b, "</tbody></table>{}</section>", downloads("/download/regions", &here(&[]), "the regional figures"));

    // The map and its table.
    b.push_str("<section aria-labelledby=\"map\"><h2 id=\"map\">Map of local authorities</h2>");
    let list = stats.list.as_deref().unwrap_or(&[]);
    match &st.map {
        Ok(geom) => {
            let _ = write!(
                b,
                "<p>Each local authority coloured by its {} grade as at {}. Select an area to open its page; its name and grade show when you point at it or move to it with the Tab key. The table below the map gives the same facts.</p>",
                Esc(&judgement.label().to_lowercase()),
                long_date(as_at)
            );
            b.push_str(&grade_legend(true, true));
            let info = |urn: u32| map_info(list, urn, as_at);
            let title = format!("Map of England: local authorities by {} grade", judgement.label().to_lowercase());
            let _ = write!(b, "<div class=\"map-wrap\">{}</div>", geom.svg(&title, info));
        }
        Err(e) => {
            let _ = write!(
                b,
                "<div class=\"notice\"><p>The map is not shown: it needs the boundary files from the reference folder (<code>local_authority_districts_boundaries.json</code> and <code>LTLA-UTLA_Apr23_Lookup_England-Wales.csv</code>), given with <code>--reference-dir</code>. ({})</p></div>",
                Esc(e)
            );
        }
    }
    let _ = write!(
        b,
        "<table class=\"compact\" id=\"la-table\"><caption>Every local authority’s {} grade as at {}</caption>\
         <thead><tr><th scope=\"col\">Local authority</th><th scope=\"col\">Region</th><th scope=\"col\">Grade</th><th scope=\"col\">Inspection</th><th scope=\"col\">Published</th></tr></thead><tbody>",
        Esc(&judgement.label().to_lowercase()),
        long_date(as_at)
    );
    let mut sorted: Vec<&lacs_analysis::ListEntry> = list.iter().collect();
    sorted.sort_by_key(|e| e.la_name);
    for e in sorted {
        let grade = match (e.grade, e.event_id) {
            (Some(g), _) => grade_tag(Some(g)),
            (None, Some(_)) => "Not graded".to_string(),
            (None, None) => "Not yet inspected".to_string(),
        };
        let inspection = match e.event_id {
            Some(id) => format!("<a href=\"/inspection/{id}\">{}</a>", kind_label(e.kind)),
            None => String::new(),
        };
        let _ = write!(
            b,
            "<tr><th scope=\"row\"><a href=\"/la/{}\">{}</a></th><td>{}</td><td>{grade}</td><td>{inspection}</td><td class=\"date\">{}</td></tr>",
            e.urn,
            Esc(e.la_name),
            Esc(lacs_authorities::by_urn(e.urn).map_or("", |a| a.ofsted_region.as_str())),
            short_date(e.published)
        );
    }
    let _ = write!(b, "</tbody></table>{}</section>", downloads("/download/stats", &here(&[]), "this table"));
    Ok(render(st, &format!("National picture as at {}", long_date(as_at)), Section::Home, b))
}

/// How a current LA's shape is drawn on `as_at`: itself, or the one council it replaced.
fn map_info(list: &[lacs_analysis::ListEntry], urn: u32, as_at: lacs_domain::Date) -> (u32, MapInfo) {
    let entry = |u: u32| list.iter().find(|e| e.urn == u);
    let describe = |e: &lacs_analysis::ListEntry| {
        let text = match (e.grade, e.event_id) {
            (Some(g), _) => g.label().to_string(),
            (None, Some(_)) => "Not graded".to_string(),
            (None, None) => "Not yet inspected".to_string(),
        };
        let paint = match (e.grade, e.event_id) {
            (Some(g), _) => grade_paint(Some(g)),
            (None, Some(_)) => "#ffffff".to_string(),
            (None, None) => grade_paint(None),
        };
        MapInfo { href: format!("/la/{}", e.urn), name: e.la_name.to_string(), grade_text: text, paint }
    };
    if let Some(e) = entry(urn) {
        return (urn, describe(e));
    }
    let a = lacs_authorities::by_urn(urn);
    let existing: Vec<&lacs_analysis::ListEntry> =
        a.map(|a| a.predecessors.iter().filter_map(|p| entry(*p)).collect()).unwrap_or_default();
    if let [one] = existing.as_slice() {
        return (one.urn, describe(one));
    }
    let name = a.map_or(String::new(), |a| a.name.clone());
    (
        urn,
        MapInfo {
            href: format!("/la/{urn}"),
            grade_text: format!("did not exist on {}", long_date(as_at)),
            name,
            paint: "#f3f2f1".to_string(),
        },
    )
}

/// `/la`: every LA, sortable and filterable.
pub async fn la_list(State(s): State<AppState>, uri: Req, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    cached(st, &uri, HTML, || la_list_page(st, &p))
}

fn la_list_page(st: &Inner, p: &Params) -> Result<String, AppError> {
    let list = views::la_list(st, p)?;
    let sort = p.choice("sort", &["name", "region", "grade", "published"], "name")?;
    let order = p.choice("order", &["asc", "desc"], "asc")?;
    let mut rows = list.authorities.clone();
    let rank = |g: Option<Grade>, inspected: bool| g.and_then(Grade::rank).unwrap_or(if inspected { 5 } else { 6 });
    match sort {
        "region" => rows.sort_by(|a, b| (a.ofsted_region, a.la_name).cmp(&(b.ofsted_region, b.la_name))),
        "grade" => rows.sort_by(|a, b| (rank(a.grade, a.inspected), a.la_name).cmp(&(rank(b.grade, b.inspected), b.la_name))),
        "published" => rows.sort_by(|a, b| (a.published, a.la_name).cmp(&(b.published, b.la_name))),
        _ => {}
    }
    if order == "desc" {
        rows.reverse();
    }
    let mut b = String::with_capacity(80_000);
    let _ = write!(
        b,
        "<h1>Local authorities</h1><p class=\"lead\">Every local authority with children’s services on {}, with its latest {} grade.</p>{}",
        long_date(list.as_at),
        Esc(&list.judgement.label().to_lowercase()),
        updated_line(st.last_updated())
    );
    // Filters.
    b.push_str("<form class=\"controls\" method=\"get\" action=\"/la\">");
    let _ = write!(
        b,
        "<div class=\"field\"><label for=\"q\">Name or code</label><input id=\"q\" name=\"q\" type=\"search\" value=\"{}\"></div>",
        Esc(list.q.as_deref().unwrap_or(""))
    );
    b.push_str("<div class=\"field\"><label for=\"region\">Region</label><select id=\"region\" name=\"region\"><option value=\"\">All regions</option><optgroup label=\"Ofsted’s 8 regions\">");
    let opt = |b: &mut String, v: &str, label: &str, sel: bool| {
        let _ = write!(b, "<option value=\"{}\"{}>{}</option>", Esc(v), if sel { " selected" } else { "" }, Esc(label));
    };
    for r in Grouping::Region.names() {
        opt(&mut b, r, r, list.region.as_deref() == Some(r));
    }
    b.push_str("</optgroup><optgroup label=\"ONS regions\">");
    for r in Grouping::Region9.names() {
        if !Grouping::Region.names().contains(&r) {
            opt(&mut b, r, r, list.region.as_deref() == Some(r));
        }
    }
    b.push_str("</optgroup></select></div><div class=\"field\"><label for=\"grade\">Grade</label><select id=\"grade\" name=\"grade\"><option value=\"\">All grades</option>");
    for g in views::GRADE_FILTERS {
        let label = match g {
            "not_graded" => "Not graded",
            "not_inspected" => "Not yet inspected",
            w => w.parse::<Grade>().map(|g| g.label()).unwrap_or(w),
        };
        opt(&mut b, g, label, list.grade.as_deref() == Some(g));
    }
    let _ = write!(
        b,
        "</select></div><div class=\"field\"><label for=\"judgement\">Judgement</label>{}</div>{}\
         <input type=\"hidden\" name=\"sort\" value=\"{sort}\"><input type=\"hidden\" name=\"order\" value=\"{order}\">\
         <button type=\"submit\">Apply filters</button> <a class=\"reset\" href=\"/la\">Clear filters</a></form>",
        judgement_select("judgement", list.judgement, Judgement::ALL),
        date_input("as_at", "As at", Some(list.as_at), "yyyy-mm-dd"),
    );
    let base: Vec<(&str, String)> = vec![
        ("q", list.q.clone().unwrap_or_default()),
        ("region", list.region.clone().unwrap_or_default()),
        ("grade", list.grade.clone().unwrap_or_default()),
        ("judgement", if list.judgement == Judgement::Overall { String::new() } else { list.judgement.as_str().into() }),
        ("as_at", p.get("as_at").map(str::to_string).unwrap_or_default()),
    ];
    let n = rows.len();
    let _ = write!(b, "<p role=\"status\">{n} local {} shown.</p>", if n == 1 { "authority" } else { "authorities" });
    let _ = write!(b, "<table class=\"sortable\"><caption>Local authorities and their latest {} grade, as at {}{}</caption><thead><tr>",
        Esc(&list.judgement.label().to_lowercase()), long_date(list.as_at),
        if order == "desc" { format!(", sorted by {sort}, descending") } else { format!(", sorted by {sort}") });
    for (key, label) in [("name", "Local authority"), ("region", "Ofsted region"), ("grade", "Grade"), ("published", "Published")] {
        let (aria, next) = if key == sort {
            (if order == "asc" { " aria-sort=\"ascending\"" } else { " aria-sort=\"descending\"" }, if order == "asc" { "desc" } else { "asc" })
        } else {
            ("", "asc")
        };
        let mut pairs = base.clone();
        pairs.push(("sort", key.to_string()));
        pairs.push(("order", next.to_string()));
        let arrow = if key == sort { if order == "asc" { " ▲" } else { " ▼" } } else { "" };
        let _ = write!(
            b,
            "<th scope=\"col\"{aria}><a href=\"/la{}\">{label}<span aria-hidden=\"true\">{arrow}</span></a></th>",
            Esc(&query_string(&pairs))
        );
    }
    b.push_str("<th scope=\"col\">Inspection</th></tr></thead><tbody>");
    for r in &rows {
        let grade = match (r.grade, r.inspected) {
            (Some(g), _) => grade_tag(Some(g)),
            (None, true) => "Not graded".into(),
            (None, false) => "Not yet inspected".into(),
        };
        let insp = r.event_id.map_or(String::new(), |id| format!("<a href=\"/inspection/{id}\">{}</a>", kind_label(r.kind)));
        let _ = write!(
            b,
            "<tr><th scope=\"row\"><a href=\"/la/{}\">{}</a></th><td>{}</td><td>{grade}</td><td class=\"date\">{}</td><td>{insp}</td></tr>",
            r.urn,
            Esc(r.la_name),
            Esc(r.ofsted_region),
            short_date(r.published)
        );
    }
    b.push_str("</tbody></table>");
    if rows.is_empty() {
        if let Some(q) = &list.q {
            if let Err(nf) = lacs_authorities::resolve(q) {
                b.push_str("<p>No local authority matches. Did you mean:</p><ul class=\"list\">");
                for s in nf.suggestions {
                    if let Some(a) = lacs_authorities::by_name(&s, None) {
                        let _ = write!(b, "<li><a href=\"/la/{}\">{}</a></li>", a.urn, Esc(&a.name));
                    }
                }
                b.push_str("</ul>");
            }
        }
    }
    b.push_str(&downloads("/download/las", &query_string(&base), "this list"));
    Ok(render(st, "Local authorities", Section::Las, b))
}

/// `/la/{urn}`: one LA. A name or code in the path redirects to the URN.
pub async fn la_page(State(s): State<AppState>, Path(key): Path<String>, uri: Req, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    if key.parse::<u32>().map_or(true, |u| lacs_authorities::by_urn(u).is_none()) {
        if let Ok(a) = lacs_authorities::resolve(&key) {
            let q = uri.uri.query().map_or(String::new(), |q| format!("?{q}"));
            return Ok(Redirect::to(&format!("/la/{}{q}", a.urn)).into_response());
        }
    }
    cached(st, &uri, HTML, || {
        let view = views::la(st, &key, &p)?;
        Ok(la_body(st, &view, &p))
    })
}

/// The report's lists (priority actions, improvement items, recommendations), each under
/// the name the report gives it, in the report's order; `level` is the headings' level.
fn report_lists(findings: &[ListedFinding], level: u8) -> String {
    if findings.is_empty() {
        return String::new();
    }
    let mut b = String::new();
    let mut open: Option<(&str, Option<Judgement>)> = None;
    for f in findings {
        if open != Some((f.list, f.judgement)) {
            if open.is_some() {
                b.push_str("</ol>");
            }
            let of = match f.judgement {
                Some(Judgement::Lscb) => " (the LSCB)".to_string(),
                Some(j) => format!(" ({})", j.label().to_lowercase()),
                None => String::new(),
            };
            let _ = write!(b, "<h{level}>{}{}</h{level}><ol class=\"improve\">", Esc(f.list_heading), Esc(&of));
            open = Some((f.list, f.judgement));
        }
        let number = f.number.map(|n| format!("paragraph {n}, ")).unwrap_or_default();
        let _ = write!(b, "<li>{} <span class=\"hint\">({number}page {})</span></li>", Esc(&f.text), f.page);
    }
    b.push_str("</ol><p class=\"note\">In the report’s own words, in its order.</p>");
    b
}

fn grades_cells(e: &InspectionView) -> String {
    let mut h = String::new();
    for j in Judgement::ALL {
        let _ = write!(h, "<td>{}</td>", grade_tag(charts::grade_of(e, *j)));
    }
    h
}

fn events_table(caption: &str, events: &[InspectionView]) -> String {
    let mut b = format!("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table class=\"compact\"><caption>{}</caption><thead><tr><th scope=\"col\">Published</th><th scope=\"col\">Inspection</th>", Esc(caption), Esc(caption));
    for j in Judgement::ALL {
        let _ = write!(b, "<th scope=\"col\">{}</th>", j.label());
    }
    b.push_str("<th scope=\"col\">Report</th></tr></thead><tbody>");
    for e in events.iter().rev() {
        // a report of unknown kind is named by its event type ("Report awaiting review")
        let what = match e.kind {
            Some(k) if k != Kind::Unknown => kind_label(e.kind).to_string(),
            _ => e.event_type.clone(),
        };
        let review = if e.status == EventStatus::NeedsReview {
            let reason = e.review_reason.as_deref().map_or(String::new(), |r| format!(": {}", Esc(r)));
            format!("<br><span class=\"review\">Awaiting review{reason}</span>")
        } else {
            String::new()
        };
        let answered: Vec<String> = e
            .origins
            .iter()
            .filter(|o| o.source == "person")
            .map(|o| format!("{} ({})", o.field.replace('_', " "), Esc(o.note.as_deref().unwrap_or(""))))
            .collect();
        let review = if answered.is_empty() {
            review
        } else {
            format!("{review}<br><span class=\"review\">Answered in review: {}</span>", answered.join("; "))
        };
        let report = match &e.url {
            Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
                format!("<a href=\"{}\" rel=\"noopener\">On Ofsted’s site<span class=\"visually-hidden\"> ({} {})</span></a>", Esc(u), Esc(&what), short_date(e.published))
            }
            _ => String::new(),
        };
        let _ = write!(
            b,
            "<tr><td class=\"date\">{}</td><th scope=\"row\"><a href=\"/inspection/{}\">{}</a>{review}</th>{}<td>{report}</td></tr>",
            short_date(e.published.or(e.inspection_end)),
            e.event_id,
            Esc(&what),
            grades_cells(e)
        );
    }
    b.push_str("</tbody></table></div>");
    b
}

fn change_word(c: lacs_analysis::Change) -> &'static str {
    match c {
        lacs_analysis::Change::Improved => "Improved",
        lacs_analysis::Change::Declined => "Declined",
        lacs_analysis::Change::Same => "Same",
        lacs_analysis::Change::New => "First grade",
    }
}

fn changes_table(caption: &str, changes: &[lacs_analysis::JudgementChange]) -> String {
    let mut b = format!(
        "<table><caption>{}</caption><thead><tr><th scope=\"col\">Judgement</th><th scope=\"col\">Before</th><th scope=\"col\">Now</th><th scope=\"col\">Change</th></tr></thead><tbody>",
        Esc(caption)
    );
    for c in changes {
        let _ = write!(
            b,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td class=\"chg chg-{}\">{}</td></tr>",
            c.judgement.label(),
            if c.previous.is_some() { grade_tag(c.previous) } else { "—".into() },
            grade_tag(Some(c.grade)),
            change_word(c.change).to_lowercase().replace(' ', "-"),
            change_word(c.change)
        );
    }
    b.push_str("</tbody></table>");
    b
}

fn la_body(st: &Inner, v: &LaView, p: &Params) -> String {
    let mut b = String::with_capacity(40_000);
    let _ = write!(b, "<p class=\"crumbs\"><a href=\"/la\">Local authorities</a> › {}</p><h1>{}</h1>", Esc(v.la_name), Esc(v.la_name));
    if let Some(d) = v.as_at {
        let _ = write!(b, "<p class=\"lead\">As at {}: events published after it are left out. <a href=\"/la/{}\">Show everything</a>.</p>", long_date(d), v.urn);
    }
    b.push_str(&updated_line(st.last_updated()));
    b.push_str("<dl class=\"facts\">");
    let mut fact = |k: &str, val: String| {
        let _ = write!(b, "<div><dt>{k}</dt><dd>{val}</dd></div>");
    };
    fact("Ofsted region", esc(v.region));
    fact("ONS region", esc(v.ons_region));
    fact("Ofsted URN", v.urn.to_string());
    fact("DfE number", v.la_code.to_string());
    fact("GSS code", esc(v.gss_code.unwrap_or("")));
    if let Some(s) = v.start {
        fact("Began", long_date(s));
    }
    if let Some(e) = v.end {
        fact("Ended", long_date(e));
    }
    fact(
        "Reports",
        format!("<a href=\"https://reports.ofsted.gov.uk/provider/44/{}\" rel=\"noopener\">{}’s reports on Ofsted’s site</a>", v.urn, Esc(v.la_name)),
    );
    b.push_str("</dl>");
    if !v.successors.is_empty() {
        let names: Vec<String> = v.successors.iter().map(|s| la_link(s.urn)).collect();
        let _ = write!(b, "<p class=\"notice\">This council no longer exists. It was replaced by {}.</p>", names.join(" and "));
    }

    let graded = views::graded(v);
    b.push_str("<section aria-labelledby=\"latest\"><h2 id=\"latest\">Latest inspection</h2>");
    match graded.last() {
        None => b.push_str("<p>No graded inspection of this local authority is in the register.</p>"),
        Some(last) => {
            let _ = write!(
                b,
                "<p>{}{}, published {}. Overall effectiveness: {}. <a href=\"/inspection/{}\">See every judgement and the report text</a>.</p>",
                kind_label(last.kind),
                last.inspection_start.map_or(String::new(), |d| format!(" begun {}", long_date(d))),
                last.published.map_or("on an unknown date".into(), long_date),
                if last.overall.is_some() { grade_tag(last.overall) } else { "not given".into() },
                last.event_id
            );
            if graded.len() >= 2 {
                b.push_str(&changes_table("Change from the previous inspection", &last.changes));
            } else {
                b.push_str("<p>This is its first graded inspection in the register, so there is no change to show.</p>");
            }
            if !last.findings.is_empty() {
                b.push_str("<h3>What inspectors said must improve</h3>");
                b.push_str(&report_lists(&last.findings, 4));
            }
        }
    }
    b.push_str("</section>");

    if !graded.is_empty() {
        let _ = write!(
            b,
            "<section aria-labelledby=\"over-time\"><h2 id=\"over-time\">Inspections over time</h2><figure><div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Chart of grades at each inspection\">{}</div><figcaption>Grades at each graded inspection, oldest first. The table below gives the same grades.</figcaption></figure>{}</section>",
            charts::la_grid("grid", v.la_name, &graded),
            grade_legend(false, false)
        );
    }
    b.push_str("<section aria-labelledby=\"all\"><h2 id=\"all\">Every inspection and visit</h2>");
    if v.inspections.is_empty() {
        b.push_str("<p>The register holds no inspections of this local authority.</p>");
    } else {
        b.push_str(&events_table(&format!("Inspections and visits of {}, latest first", v.la_name), &v.inspections));
        b.push_str("<p class=\"note\">Focused and monitoring visits are not graded. A report awaiting review may have been misread; a report of a kind not yet known is never counted as a graded inspection.</p>");
    }
    b.push_str("</section>");
    for pre in &v.predecessors {
        let _ = write!(
            b,
            "<section><h2>Before: {}</h2><p>{} was a separate council{}; its grades are never counted as {}’s.</p>",
            Esc(pre.la_name),
            la_link(pre.urn),
            pre.end.map_or(String::new(), |e| format!(" until {}", long_date(e))),
            Esc(v.la_name)
        );
        if !pre.inspections.is_empty() {
            b.push_str(&events_table(&format!("Inspections of {}", pre.la_name), &pre.inspections));
        }
        b.push_str("</section>");
    }

    b.push_str("<section aria-labelledby=\"neighbours\"><h2 id=\"neighbours\">Statistical neighbours</h2>");
    if v.neighbours.is_empty() {
        b.push_str("<p>The Department for Education’s models give no statistical neighbours for this local authority.</p>");
    }
    for set in &v.neighbours {
        let g = set.counts.grades;
        let _ = write!(
            b,
            "<h3>Department for Education {} model</h3><p>Of its neighbours: {} outstanding, {} good, {} requires improvement, {} inadequate, {} not yet inspected.</p>\
             <table class=\"compact\"><caption>Statistical neighbours ({} model) and their latest overall effectiveness</caption><thead><tr>\
             <th scope=\"col\" class=\"num\">Rank</th><th scope=\"col\">Local authority</th><th scope=\"col\">Closeness</th><th scope=\"col\">Overall effectiveness</th><th scope=\"col\">Published</th></tr></thead><tbody>",
            set.model,
            g.outstanding,
            g.good,
            g.requires_improvement,
            g.inadequate,
            set.counts.authorities - set.counts.inspected,
            set.model
        );
        for n in &set.neighbours {
            let grade = match &n.latest {
                Some(l) if l.grades.overall.is_some() => grade_tag(l.grades.overall),
                Some(_) => "Not graded".into(),
                None => "Not yet inspected".into(),
            };
            let _ = write!(
                b,
                "<tr><td class=\"num\">{}</td><th scope=\"row\"><a href=\"/la/{}\">{}</a>{}</th><td>{}</td><td>{grade}</td><td>{}</td></tr>",
                n.rank,
                n.urn,
                Esc(n.la_name),
                if n.exists { "" } else { " (no longer exists)" },
                Esc(n.closeness),
                short_date(n.latest.as_ref().and_then(|l| l.published))
            );
        }
        b.push_str("</tbody></table>");
    }
    b.push_str("</section>");
    let q = query_string(&[("as_at", p.get("as_at").map(str::to_string).unwrap_or_default())]);
    b.push_str(&downloads(&format!("/download/la/{}", v.urn), &q, "this local authority’s inspections"));
    render(st, v.la_name, Section::Las, b)
}

/// `/inspection/{id}`: every judgement with the report text it was read from.
pub async fn inspection_page(State(s): State<AppState>, Path(id): Path<String>, uri: Req) -> Result<Response, AppError> {
    let st = &*s.0;
    cached(st, &uri, HTML, || {
        let d = views::inspection(st, &id)?;
        Ok(inspection_body(st, &d))
    })
}

/// Words for where a value came from.
fn origin_words(o: &lacs_query::ValueOrigin) -> String {
    let who = |how: &str| {
        format!(
            "{how} by {}{}{}",
            Esc(o.by.as_deref().unwrap_or("a person")),
            o.at.as_deref().and_then(|t| t.get(..10)).map_or(String::new(), |d| format!(" on {d}")),
            o.note.as_deref().map_or(String::new(), |n| format!(": “{}”", Esc(n)))
        )
    };
    match (o.source, o.note.is_some()) {
        ("person", _) => who("A person’s answer in review, given"),
        ("report", true) => who("The report, confirmed"),
        ("report", false) => "The report".to_string(),
        ("official", _) => "Ofsted’s official statistics".to_string(),
        ("awaiting_review", _) => "Awaiting review: the report’s grade is in doubt and not counted".to_string(),
        (other, _) => esc(other),
    }
}

/// An inspection's review: the doubts that stand (with their pages) and where each value
/// came from.
fn review_section(r: &lacs_query::EventReview) -> String {
    let mut b = String::new();
    if !r.doubts.is_empty() {
        b.push_str("<section aria-labelledby=\"doubts\"><h2 id=\"doubts\">Awaiting review</h2><p>The register doubts these readings of the report; the judgements they concern are not counted in the national picture until a person answers them (<code>lacs review</code>).</p><ul>");
        for d in &r.doubts {
            let page = d.page.map_or(String::new(), |p| format!(" (page {p})"));
            let _ = write!(b, "<li>{}{page}</li>", Esc(&d.message));
        }
        b.push_str("</ul></section>");
    }
    if r.origins.iter().any(|o| o.source != "report") {
        b.push_str("<section aria-labelledby=\"origins\"><h2 id=\"origins\">Where each value came from</h2><table><caption>The source of each value of this inspection</caption><thead><tr><th scope=\"col\">Value</th><th scope=\"col\">Source</th></tr></thead><tbody>");
        for o in &r.origins {
            let label = o.field.parse::<Judgement>().map_or_else(|_| o.field.replace('_', " "), |j| j.label().to_string());
            let _ = write!(b, "<tr><th scope=\"row\">{}</th><td>{}</td></tr>", Esc(&label), origin_words(o));
        }
        b.push_str("</tbody></table></section>");
    }
    b
}

/// `/review`: every report awaiting review, with its doubts.
pub async fn review_page(State(s): State<AppState>, uri: Req) -> Result<Response, AppError> {
    let st = &*s.0;
    cached(st, &uri, HTML, || {
        let items = st.register.review_items();
        let mut b = String::with_capacity(20_000);
        let _ = write!(
            b,
            "<h1>Reports awaiting review</h1><p class=\"lead\">Reports the register could not read with confidence. Every judgement read from them is counted in the national picture except those a doubt concerns, which wait for a person’s answer.</p>{}",
            updated_line(st.last_updated())
        );
        if items.is_empty() {
            b.push_str("<p>Nothing awaits review: every stored report was read with confidence or has been answered.</p>");
        } else {
            let _ = write!(
                b,
                "<p>{} {} await review. Answer a doubt with <code>lacs review set SHA256 FIELD=VALUE --note TEXT</code>, or confirm a reading as it stands with <code>lacs review accept SHA256 --note TEXT</code>.</p>",
                items.len(),
                if items.len() == 1 { "report" } else { "reports" }
            );
            b.push_str("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Reports awaiting review\"><table><caption>Reports awaiting review, by local authority</caption><thead><tr><th scope=\"col\">Local authority</th><th scope=\"col\">Report</th><th scope=\"col\">Published</th><th scope=\"col\">Doubts</th><th scope=\"col\">Not counted yet</th><th scope=\"col\">Document</th></tr></thead><tbody>");
            for i in &items {
                let doubts: Vec<String> = i
                    .doubts
                    .iter()
                    .map(|d| format!("<li>{}{}</li>", Esc(&d.message), d.page.map_or(String::new(), |p| format!(" (page {p})"))))
                    .collect();
                let withheld: Vec<&str> = i.withheld.iter().map(|j| j.label()).collect();
                let _ = write!(
                    b,
                    "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"date\">{}</td><td><ul>{}</ul></td><td>{}</td><td><code>{}</code></td></tr>",
                    i.urn.map_or("Unknown".to_string(), la_link),
                    Esc(kind_label(i.kind)),
                    short_date(i.published),
                    doubts.join(""),
                    if withheld.is_empty() { "—".to_string() } else { esc(&withheld.join(", ")) },
                    Esc(i.sha256.get(..12).unwrap_or(&i.sha256)),
                );
            }
            b.push_str("</tbody></table></div>");
        }
        Ok(render(st, "Reports awaiting review", Section::None, b))
    })
}

fn inspection_body(st: &Inner, d: &views::InspectionDetail) -> String {
    let e = &d.event;
    let what = match e.kind {
        Some(k) if k != Kind::Unknown => kind_label(e.kind).to_string(),
        _ => e.event_type.clone(),
    };
    let title = format!("{}: {}, {}", d.la_name, what, short_date(e.published.or(e.inspection_start)));
    let mut b = String::with_capacity(20_000);
    let _ = write!(
        b,
        "<p class=\"crumbs\"><a href=\"/la\">Local authorities</a> › {} › Inspection</p><h1>{}</h1>{}",
        la_link(e.urn),
        Esc(&title),
        updated_line(st.last_updated())
    );
    b.push_str("<dl class=\"facts\">");
    let mut fact = |k: &str, val: String| {
        if !val.is_empty() {
            let _ = write!(b, "<div><dt>{k}</dt><dd>{val}</dd></div>");
        }
    };
    fact("Local authority", la_link(e.urn));
    fact("Type", esc(&what));
    if e.event_type != what {
        fact("As printed", esc(&e.event_type));
    }
    let on_site = match (e.inspection_start, e.inspection_end) {
        (Some(a), Some(z)) => format!("{} to {}", long_date(a), long_date(z)),
        (Some(a), None) => format!("from {}", long_date(a)),
        _ => String::new(),
    };
    fact("On site", on_site);
    fact("Published", e.published.map_or(String::new(), long_date));
    fact(
        "Known from",
        match e.source_label() {
            "report+official" => "The report, and Ofsted’s official statistics".into(),
            "report" => "The report (not in Ofsted’s official statistics)".into(),
            "official" => "Ofsted’s official statistics (the register holds no report)".into(),
            other => esc(other),
        },
    );
    if let Some(f) = &d.report_file {
        fact("Report file", format!("<code>{}</code>", Esc(f)));
    }
    if let Some(o) = &e.sources.official {
        fact("Official record", format!("<code>{}</code>", Esc(o)));
    }
    if let Some(u) = e.sources.url.as_deref().filter(|u| u.starts_with("http")) {
        fact("Report on Ofsted’s site", format!("<a href=\"{}\" rel=\"noopener\">Open on Ofsted’s site</a>", Esc(u)));
    }
    b.push_str("</dl>");

    b.push_str(&review_section(&d.review));
    b.push_str("<section aria-labelledby=\"judgements\"><h2 id=\"judgements\">Judgements</h2>");
    if d.judgements.is_empty() {
        b.push_str("<p>This event has no judgements: visits are not graded.</p>");
    } else {
        b.push_str(
            "<table><caption>Each judgement, the report text it was read from, and the official record</caption><thead><tr>\
             <th scope=\"col\">Judgement</th><th scope=\"col\">Grade</th><th scope=\"col\">Read from the report</th><th scope=\"col\">Official record</th></tr></thead><tbody>",
        );
        for j in &d.judgements {
            let reading = match &j.reading {
                Some(r) => format!("<blockquote class=\"quote\">{}</blockquote><span class=\"hint\">Page {}</span>", Esc(&r.text), r.page),
                None => "<span class=\"hint\">No report text: from the official record</span>".into(),
            };
            let official = match j.official {
                "agrees" => "Agrees".to_string(),
                "differs" => format!(
                    "<strong>Differs:</strong> {}",
                    j.official_value
                        .as_deref()
                        .map(|v| if v.is_empty() { "none given".to_string() } else { v.parse::<Grade>().map_or(esc(v), |g| grade_tag(Some(g))) })
                        .unwrap_or_default()
                ),
                _ => "Not listed".into(),
            };
            let _ = write!(
                b,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{reading}</td><td>{official}</td></tr>",
                j.judgement.label(),
                if j.grade.is_some() { grade_tag(j.grade) } else { "—".into() }
            );
        }
        b.push_str("</tbody></table>");
    }
    b.push_str("</section>");
    if !d.changes.is_empty() {
        b.push_str("<section><h2>Change from the previous inspection</h2>");
        b.push_str(&changes_table("Each judgement against the local authority’s previous graded inspection", &d.changes));
        b.push_str("</section>");
    }
    if let Ok(view) = st.register.la(&e.urn.to_string(), None) {
        let items = view
            .inspections
            .iter()
            .chain(view.predecessors.iter().flat_map(|p| p.inspections.iter()))
            .find(|x| x.event_id == e.id)
            .map(|x| x.findings.as_slice())
            .unwrap_or_default();
        if !items.is_empty() {
            b.push_str("<section aria-labelledby=\"improve\"><h2 id=\"improve\">What inspectors said must improve</h2>");
            b.push_str(&report_lists(items, 3));
            b.push_str("</section>");
        }
    }
    b.push_str("<section aria-labelledby=\"disagreements\"><h2 id=\"disagreements\">Disagreements with the official record</h2>");
    if d.disagreements.is_empty() {
        b.push_str(if e.sources.official.is_some() && e.sources.report_sha256.is_some() {
            "<p>None: the report and Ofsted’s official statistics agree on every value they both give.</p>"
        } else {
            "<p>None recorded: only one source describes this event.</p>"
        });
    } else {
        b.push_str(
            "<table><caption>Values on which the sources differ (the register uses the report’s)</caption><thead><tr>\
             <th scope=\"col\">Field</th><th scope=\"col\">Report (or older release)</th><th scope=\"col\">Official record</th><th scope=\"col\">Official source</th><th scope=\"col\">Note</th></tr></thead><tbody>",
        );
        for x in &d.disagreements {
            let _ = write!(
                b,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                Esc(&x.field.replace('_', " ")),
                Esc(if x.report.is_empty() { "none given" } else { &x.report }),
                Esc(if x.official.is_empty() { "none given" } else { &x.official }),
                Esc(&x.official_source),
                Esc(x.note.as_deref().unwrap_or(""))
            );
        }
        b.push_str("</tbody></table>");
    }
    b.push_str("</section>");
    b.push_str(&downloads(&format!("/download/inspection/{}", e.id), "", "these judgements"));
    render(st, &title, Section::Las, b)
}

/// `/changes`: who improved and who declined.
pub async fn changes_page(State(s): State<AppState>, uri: Req, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    cached(st, &uri, HTML, || {
        let ch = views::changes(st, &p)?;
        let mut b = String::with_capacity(40_000);
        let fw = ch.framework.map_or("graded", Framework::label);
        let _ = write!(
            b,
            "<h1>Changes between inspections</h1><p class=\"lead\">Local authorities with two or more {fw} inspections whose reports were published by {}: the latest {} grade against the one before.</p>{}",
            long_date(ch.cutoff.published_by),
            Esc(&ch.judgement.label().to_lowercase()),
            updated_line(st.last_updated())
        );
        let fw_value = match ch.framework {
            Some(Framework::Ilacs) => "ilacs",
            Some(Framework::Sif) => "sif",
            _ => "any",
        };
        let _ = write!(
            b,
            "<form class=\"controls\" method=\"get\" action=\"/changes\">{}{}{}<div class=\"field\"><label for=\"judgement\">Judgement</label>{}</div>\
             <div class=\"field\"><label for=\"framework\">Inspections compared</label><select id=\"framework\" name=\"framework\">{}</select></div><button type=\"submit\">Show</button></form>",
            date_input("as_at", "As at", Some(ch.cutoff.as_at), "yyyy-mm-dd"),
            date_input("published_by", "Published by", p.date("published_by")?, "yyyy-mm-dd; default: as at"),
            date_input("inspected_by", "Inspected by", p.date("inspected_by")?, "yyyy-mm-dd; optional"),
            judgement_select("judgement", ch.judgement, Judgement::ALL),
            [("ilacs", "ILACS only"), ("sif", "SIF only"), ("any", "Any graded inspections")]
                .iter()
                .map(|(v, l)| format!("<option value=\"{v}\"{}>{l}</option>", if *v == fw_value { " selected" } else { "" }))
                .collect::<String>()
        );
        let _ = write!(
            b,
            "<table><caption>{} local authorities compared</caption><thead><tr><th scope=\"col\">Change</th><th scope=\"col\" class=\"num\">Local authorities</th><th scope=\"col\" class=\"num\">Per cent</th></tr></thead><tbody>\
             <tr><th scope=\"row\">Improved</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\
             <tr><th scope=\"row\">Kept good or outstanding</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\
             <tr><th scope=\"row\">Declined</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\
             <tr><th scope=\"row\">Stayed requires improvement or inadequate</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr></tbody></table>",
            ch.authorities,
            ch.improved, pct(ch.improved, ch.authorities),
            ch.kept_good_or_outstanding, pct(ch.kept_good_or_outstanding, ch.authorities),
            ch.declined, pct(ch.declined, ch.authorities),
            ch.stayed_below_good, pct(ch.stayed_below_good, ch.authorities),
        );
        b.push_str("<table class=\"compact\"><caption>Each local authority’s change</caption><thead><tr><th scope=\"col\">Local authority</th><th scope=\"col\">Region</th><th scope=\"col\">Before</th><th scope=\"col\">Now</th><th scope=\"col\">Change</th></tr></thead><tbody>");
        for e in &ch.list {
            let cat = match e.category {
                ChangeCategory::Improved => "Improved",
                ChangeCategory::KeptGoodOrOutstanding => "Kept good or outstanding",
                ChangeCategory::Declined => "Declined",
                ChangeCategory::StayedBelowGood => "Stayed below good",
            };
            let _ = write!(
                b,
                "<tr><th scope=\"row\"><a href=\"/la/{}\">{}</a></th><td>{}</td><td><a href=\"/inspection/{}\">{}</a> {}</td><td><a href=\"/inspection/{}\">{}</a> {}</td><td>{cat}</td></tr>",
                e.urn,
                Esc(e.la_name),
                Esc(e.region),
                e.previous.event_id,
                short_date(e.previous.published),
                grade_tag(Some(e.previous.grade)),
                e.latest.event_id,
                short_date(e.latest.published),
                grade_tag(Some(e.latest.grade)),
            );
        }
        b.push_str("</tbody></table>");
        let q = uri.uri.query().map_or(String::new(), |q| format!("?{q}"));
        b.push_str(&downloads("/download/changes", &q, "this list"));
        Ok(render(st, "Changes between inspections", Section::Changes, b))
    })
}

/// `/firsts`: who got there first.
pub async fn firsts_page(State(s): State<AppState>, uri: Req, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    cached(st, &uri, HTML, || {
        let (q, firsts) = views::firsts(st, &p)?;
        let mut b = String::with_capacity(20_000);
        let fw = match q.framework {
            Some(Framework::Ilacs) => " in an ILACS inspection",
            Some(Framework::Sif) => " in a SIF inspection",
            _ => "",
        };
        let _ = write!(
            b,
            "<h1>Firsts</h1><p class=\"lead\">The order in which local authorities were first graded {} for {}{fw}, by the date the report was published.</p>{}",
            Esc(&q.grade.label().to_lowercase()),
            Esc(&q.judgement.label().to_lowercase()),
            updated_line(st.last_updated())
        );
        let fw_value = match q.framework {
            Some(Framework::Ilacs) => "ilacs",
            Some(Framework::Sif) => "sif",
            _ => "any",
        };
        let _ = write!(
            b,
            "<form class=\"controls\" method=\"get\" action=\"/firsts\"><div class=\"field\"><label for=\"judgement\">Judgement</label>{}</div>\
             <div class=\"field\"><label for=\"grade\">Grade</label><select id=\"grade\" name=\"grade\">{}</select></div>\
             <div class=\"field\"><label for=\"framework\">Framework</label><select id=\"framework\" name=\"framework\">{}</select></div><button type=\"submit\">Show</button></form>",
            judgement_select("judgement", q.judgement, Judgement::ALL),
            Grade::SCALE
                .iter()
                .map(|g| format!("<option value=\"{}\"{}>{}</option>", g.as_str(), if *g == q.grade { " selected" } else { "" }, g.label()))
                .collect::<String>(),
            [("any", "Any"), ("sif", "SIF"), ("ilacs", "ILACS")]
                .iter()
                .map(|(v, l)| format!("<option value=\"{v}\"{}>{l}</option>", if *v == fw_value { " selected" } else { "" }))
                .collect::<String>()
        );
        let _ = write!(b, "<p role=\"status\">{} local {}.</p>", firsts.len(), if firsts.len() == 1 { "authority" } else { "authorities" });
        b.push_str("<table class=\"compact\"><caption>First reached the grade, earliest first (local authorities published the same day share a rank)</caption><thead><tr><th scope=\"col\" class=\"num\">Rank</th><th scope=\"col\">Local authority</th><th scope=\"col\">Published</th><th scope=\"col\">Inspection</th></tr></thead><tbody>");
        for f in &firsts {
            let _ = write!(
                b,
                "<tr><td class=\"num\">{}</td><th scope=\"row\"><a href=\"/la/{}\">{}</a></th><td>{}</td><td><a href=\"/inspection/{}\">{}</a></td></tr>",
                f.rank,
                f.urn,
                Esc(f.la_name),
                short_date(Some(f.published)),
                f.event_id,
                kind_label(Some(f.kind))
            );
        }
        b.push_str("</tbody></table>");
        let qs = uri.uri.query().map_or(String::new(), |q| format!("?{q}"));
        b.push_str(&downloads("/download/firsts", &qs, "this list"));
        Ok(render(st, "Firsts", Section::Firsts, b))
    })
}

/// `/api`: what the API offers, for people.
pub async fn api_page(State(s): State<AppState>, uri: Req) -> Result<Response, AppError> {
    let st = &*s.0;
    cached(st, &uri, HTML, || {
        let mut b = String::from(
            "<h1>Data and API</h1><p class=\"lead\">Every page’s figures can be downloaded as CSV, Excel (XLSX) or JSON from the links under its tables, and fetched as JSON from the API below. The JSON has the same shape as the <code>lacs</code> command’s <code>--json</code> output.</p>",
        );
        b.push_str(&updated_line(st.last_updated()));
        b.push_str("<p>The API is described by an OpenAPI 3.1 document: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>.</p>");
        b.push_str("<table><caption>API routes</caption><thead><tr><th scope=\"col\">Route</th><th scope=\"col\">What it returns</th><th scope=\"col\">Parameters</th></tr></thead><tbody>");
        for (route, example, what, params) in API_ROUTES {
            let _ = write!(
                b,
                "<tr><th scope=\"row\"><a href=\"{}\"><code>{}</code></a></th><td>{}</td><td>{}</td></tr>",
                Esc(example),
                Esc(route),
                what,
                params
            );
        }
        b.push_str("</tbody></table>");
        b.push_str(
            "<h2>Parameters</h2><ul class=\"list\"><li>Dates are <code>yyyy-mm-dd</code>.</li>\
             <li>Judgements: <code>overall</code>, <code>leaders</code>, <code>help_protection</code>, <code>in_care</code>, <code>care_leavers</code>, <code>adoption</code>, <code>lscb</code>.</li>\
             <li>Grades: <code>outstanding</code>, <code>good</code>, <code>requires_improvement</code>, <code>inadequate</code>.</li>\
             <li>Groupings (<code>by</code>): <code>region</code> (Ofsted’s 8) or <code>region9</code> (ONS).</li>\
             <li>A bad parameter gives a 400 response whose JSON names the parameter and says what was expected; an unknown local authority gives a 404 with the closest names.</li></ul>",
        );
        Ok(render(st, "Data and API", Section::Api, b))
    })
}

/// (route, example link, what, parameters), for the API page.
const API_ROUTES: [(&str, &str, &str, &str); 9] = [
    ("/api/v1/stats", "/api/v1/stats?as_at=2024-03-31&by=region", "The national (and regional) picture as at a date", "as_at, published_by, inspected_by, judgement, by, list"),
    ("/api/v1/series", "/api/v1/series?judgement=overall", "The national picture at each quarter end since March 2014", "judgement, until"),
    ("/api/v1/la", "/api/v1/la?region=London", "Every local authority with its latest grade", "as_at, judgement, region, grade, q"),
    ("/api/v1/la/{urn}", "/api/v1/la/80426", "One local authority: every inspection, changes, predecessors, statistical neighbours", "as_at"),
    ("/api/v1/inspection/{id}", "/api/v1/la/80426", "One inspection: every judgement with the report text, and disagreements with the official record", ""),
    ("/api/v1/changes", "/api/v1/changes", "Local authorities with two or more inspections: the latest grade against the one before", "as_at, published_by, inspected_by, judgement, framework"),
    ("/api/v1/firsts", "/api/v1/firsts?grade=outstanding", "The order in which local authorities first reached a grade", "judgement, grade, framework"),
    ("/api/v1/disagreements", "/api/v1/disagreements", "Every value on which a report and the official record (or two official releases) differ", "urn"),
    ("/api/v1/openapi.json", "/api/v1/openapi.json", "This API, described in OpenAPI 3.1", ""),
];

