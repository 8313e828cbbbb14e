//! `/api/v1/…`: JSON for every view, in the shapes the CLI's `--json` prints (lacs-query and
//! lacs-analysis types), and `/download/…`: the same views as CSV, XLSX and JSON files.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use lacs_domain::{Grade, Judgement};
use serde::Serialize;

use crate::error::{AppError, Params};
use crate::state::AppState;
use crate::table::{self, Cell, Table};
use crate::views;
use crate::{cached, Req, JSON};

/// The API takes a parameter given empty as a mistake (its document says each is non-empty),
/// where the pages take a form's blank field as absent.
pub(crate) fn refuse_empty(p: &Params) -> Result<(), AppError> {
    match p.first_empty() {
        Some(name) => Err(AppError::bad_param(lacs_query::ParamError {
            name: name.to_string(),
            message: "is empty; leave the parameter out for its default".into(),
        })
        .json()),
        None => Ok(()),
    }
}

fn json<T: Serialize>(v: &T) -> Result<String, AppError> {
    serde_json::to_string(v).map_err(|e| AppError::internal(e.to_string()).json())
}

/// The national (and regional) picture as at a date, counted as Ofsted counts.
#[utoipa::path(get, path = "/api/v1/stats", params(crate::openapi::StatsParams), responses(
        (status = 200, description = "OK", body = lacs_query::StatsView),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody)
))]
pub async fn stats(State(s): State<AppState>, uri: Req, p: Params) -> Result<Response, AppError> {
    refuse_empty(&p)?;
    cached(&s.0, &uri, JSON, || json(&views::stats(&s.0, &p)?)).map_err(AppError::json)
}

/// The national picture at each quarter end since 31 March 2014.
#[utoipa::path(get, path = "/api/v1/series", params(crate::openapi::SeriesParams), responses(
        (status = 200, description = "OK", body = lacs_analysis::TimeSeries),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody)
))]
pub async fn series(State(s): State<AppState>, uri: Req, p: Params) -> Result<Response, AppError> {
    refuse_empty(&p)?;
    cached(&s.0, &uri, JSON, || json(&views::series(&s.0, &p)?)).map_err(AppError::json)
}

/// Every LA existing on a date, with its latest grade.
#[utoipa::path(get, path = "/api/v1/la", params(crate::openapi::LaListParams), responses(
        (status = 200, description = "OK", body = lacs_query::LaList),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody)
))]
pub async fn la_list(State(s): State<AppState>, uri: Req, p: Params) -> Result<Response, AppError> {
    refuse_empty(&p)?;
    cached(&s.0, &uri, JSON, || json(&views::la_list(&s.0, &p)?)).map_err(AppError::json)
}

/// One LA: every inspection and visit, the change at each, predecessors, successors and statistical neighbours.
#[utoipa::path(get, path = "/api/v1/la/{urn}", params(("urn" = String, Path, description = "The LA: its Ofsted URN, or a name, DfE number or GSS code.", example = "80426"), crate::openapi::LaParams), responses(
        (status = 200, description = "OK", body = lacs_query::LaView),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody),
        (status = 404, description = "No such local authority or inspection; suggestions for close names.", body = crate::error::ErrorBody)
))]
pub async fn la(State(s): State<AppState>, Path(key): Path<String>, uri: Req, p: Params) -> Result<Response, AppError> {
    refuse_empty(&p)?;
    cached(&s.0, &uri, JSON, || json(&views::la(&s.0, &key, &p)?)).map_err(AppError::json)
}

/// One inspection: every judgement with the report text it was read from, and the disagreements with the official record.
#[utoipa::path(get, path = "/api/v1/inspection/{id}", params(crate::openapi::InspectionParams), responses(
        (status = 200, description = "OK", body = lacs_query::InspectionDetail),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody),
        (status = 404, description = "No such local authority or inspection; suggestions for close names.", body = crate::error::ErrorBody)
))]
pub async fn inspection(State(s): State<AppState>, Path(id): Path<String>, uri: Req) -> Result<Response, AppError> {
    cached(&s.0, &uri, JSON, || json(&views::inspection(&s.0, &id)?)).map_err(AppError::json)
}

/// Every fact a story about one LA's graded inspection could state (grades and their change, firsts, the picture on the day, dates, what must improve, the report's summary, statistical neighbours), each with its provenance.
#[utoipa::path(get, path = "/api/v1/facts/{la}", params(("la" = String, Path, description = "The LA: its Ofsted URN, or a name, DfE number or GSS code.", example = "80426"), crate::openapi::FactsParams), responses(
        (status = 200, description = "OK", body = lacs_query::Facts),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody),
        (status = 404, description = "No such local authority or inspection; suggestions for close names.", body = crate::error::ErrorBody)
))]
pub async fn facts(State(s): State<AppState>, Path(key): Path<String>, uri: Req, p: Params) -> Result<Response, AppError> {
    refuse_empty(&p)?;
    cached(&s.0, &uri, JSON, || json(&views::facts(&s.0, &key, &p)?)).map_err(AppError::json)
}

/// LAs with two or more inspections: the latest grade against the one before.
#[utoipa::path(get, path = "/api/v1/changes", params(crate::openapi::ChangesParams), responses(
        (status = 200, description = "OK", body = lacs_analysis::Changes),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody)
))]
pub async fn changes(State(s): State<AppState>, uri: Req, p: Params) -> Result<Response, AppError> {
    refuse_empty(&p)?;
    cached(&s.0, &uri, JSON, || json(&views::changes(&s.0, &p)?)).map_err(AppError::json)
}

/// The order in which LAs first reached a grade in a judgement.
#[utoipa::path(get, path = "/api/v1/firsts", params(crate::openapi::FirstsParams), responses(
        (status = 200, description = "OK", body = Vec<lacs_analysis::First>),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody)
))]
pub async fn firsts(State(s): State<AppState>, uri: Req, p: Params) -> Result<Response, AppError> {
    refuse_empty(&p)?;
    cached(&s.0, &uri, JSON, || json(&views::firsts(&s.0, &p)?.1)).map_err(AppError::json)
}

/// Every value on which a report and the official record, or two official releases, differ; or one LA's (`urn`).
#[utoipa::path(get, path = "/api/v1/disagreements", params(crate::openapi::DisagreementsParams), responses(
        (status = 200, description = "OK", body = Vec<lacs_reconcile::Disagreement>),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody)
))]
pub async fn disagreements(State(s): State<AppState>, p: Params) -> Result<Response, AppError> {
    refuse_empty(&p)?;
    Ok(Json(views::disagreements(&s.0, &p).map_err(AppError::json)?).into_response())
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", responses((status = 200, description = "The OpenAPI document of this API", body = Object)))]
pub async fn openapi(State(s): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, JSON)], crate::openapi::document_on(s.0.today()).to_string()).into_response()
}

/// `/download/{view}.{csv|xlsx|json}`: each table as the page shows it.
pub async fn download(State(s): State<AppState>, Path(file): Path<String>, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    let unknown = || {
        AppError::not_found(
            "Download not found",
            format!("There is no download called “{file}”. Downloads are stats, regions, series, las, changes, firsts and visits, each .csv, .xlsx or .json."),
        )
    };
    let (view, format) = table::split_file(&file).ok_or_else(unknown)?;
    match view {
        // The home page's national table: LAs by grade, then graded, not graded, not inspected.
        "stats" => {
            let stats = views::stats(st, &p)?;
            let (cut, c) = (stats.stats.cutoff, stats.stats.counts);
            let graded = c.grades.total();
            let mut t = Table::new("By grade", format!("stats-{}", cut.as_at), &["Grade", "Local authorities", "Per cent of those graded"])
                .about("As at", cut.as_at.to_string())
                .about("Published by", cut.published_by.to_string())
                .about("Judgement", stats.stats.judgement.label())
                .about("Counting", "Each LA existing on the as-at date, with its latest graded inspection whose report was published by the cut-off (Ofsted's rule).");
            for g in Grade::SCALE {
                t.push(vec![g.label().into(), c.grades.get(g).into(), Cell::percent(c.grades.get(g), graded)]);
            }
            t.push(vec!["Graded".into(), graded.into(), Cell::percent(graded, graded)]);
            t.push(vec!["Inspected, not graded in this judgement".into(), c.not_graded.into(), Cell::Number(None)]);
            t.push(vec!["Not yet inspected".into(), (c.authorities - c.inspected).into(), Cell::Number(None)]);
            table::respond(format, t, &stats)
        }
        // The home page's regional table, England last.
        "regions" => {
            let p = if p.get("by").is_none() { Params(p.0.clone().with("by", "region")) } else { p };
            let stats = views::stats(st, &p)?.stats;
            let mut t = Table::new("Regions", format!("regions-{}", stats.cutoff.as_at), &[
                "Region", "Local authorities", "Inspected", "Outstanding", "Good", "Requires improvement", "Inadequate", "Good or better (per cent)",
            ])
            .about("As at", stats.cutoff.as_at.to_string())
            .about("Judgement", stats.judgement.label());
            let england = lacs_analysis::GroupStats { name: "England", counts: stats.counts };
            for g in stats.groups.iter().chain([&england]) {
                let (c, k) = (g.counts, g.counts.grades);
                t.push(vec![
                    g.name.into(),
                    c.authorities.into(),
                    c.inspected.into(),
                    k.outstanding.into(),
                    k.good.into(),
                    k.requires_improvement.into(),
                    k.inadequate.into(),
                    Cell::percent(k.outstanding + k.good, k.total()),
                ]);
            }
            table::respond(format, t, &stats)
        }
        // The home page's quarter-end table, oldest first.
        "series" => {
            let series = views::series(st, &p)?;
            let mut t = Table::new("Quarters", format!("series-{}", series.judgement.as_str()), &[
                "Quarter end", "Outstanding", "Good", "Requires improvement", "Inadequate", "Not yet inspected or not graded", "Local authorities",
            ])
            .about("Judgement", series.judgement.label())
            .about("Counting", "At each quarter end, each LA existing then with its latest graded inspection whose report was published by then.");
            for pt in &series.points {
                let (c, k) = (pt.counts, pt.counts.grades);
                t.push(vec![
                    pt.cutoff.as_at.into(),
                    k.outstanding.into(),
                    k.good.into(),
                    k.requires_improvement.into(),
                    k.inadequate.into(),
                    (c.authorities - k.total()).into(),
                    c.authorities.into(),
                ]);
            }
            table::respond(format, t, &series)
        }
        // The list of LAs (and the home page's table of every LA), one row each.
        "las" => {
            let list = views::la_list(st, &p)?;
            let mut t = Table::new("LAs", format!("las-{}", list.as_at), &[
                "URN", "Local authority", "DfE number", "GSS code", "Ofsted region", "ONS region", "Judgement", "Grade", "Inspected", "Event id",
                "Inspection", "Inspection start", "Published",
            ])
            .about("As at", list.as_at.to_string());
            for r in &list.authorities {
                t.push(vec![
                    r.urn.into(),
                    r.la_name.into(),
                    r.la_code.into(),
                    r.gss_code.into(),
                    r.ofsted_region.into(),
                    r.ons_region.into(),
                    list.judgement.label().into(),
                    r.grade.into(),
                    r.inspected.into(),
                    r.event_id.into(),
                    crate::pages::components::kind_label(r.kind).into(),
                    r.inspection_start.into(),
                    r.published.into(),
                ]);
            }
            table::respond(format, t, &list)
        }
        "changes" => {
            let ch = views::changes(st, &p)?;
            let mut t = Table::new("Changes", format!("changes-{}", ch.cutoff.as_at), &[
                "URN", "Local authority", "Region", "Change", "Previous event id", "Previous inspection", "Previous published", "Previous grade",
                "Latest event id", "Latest inspection", "Latest published", "Latest grade",
            ])
            .about("As at", ch.cutoff.as_at.to_string())
            .about("Judgement", ch.judgement.label());
            for e in &ch.list {
                t.push(vec![
                    e.urn.into(),
                    e.la_name.into(),
                    e.region.into(),
                    table::change_label(e.category).into(),
                    e.previous.event_id.into(),
                    crate::pages::components::kind_label(e.previous.kind).into(),
                    e.previous.published.into(),
                    e.previous.grade.into(),
                    e.latest.event_id.into(),
                    crate::pages::components::kind_label(e.latest.kind).into(),
                    e.latest.published.into(),
                    e.latest.grade.into(),
                ]);
            }
            table::respond(format, t, &ch)
        }
        "firsts" => {
            let (q, firsts) = views::firsts(st, &p)?;
            let mut t = Table::new("Firsts", format!("firsts-{}-{}", q.judgement.as_str(), q.grade.as_str()), &[
                "Rank", "URN", "Local authority", "Published", "Inspection", "Event id",
            ])
            .about("Judgement", q.judgement.label())
            .about("Grade", q.grade.label())
            .about("Where", q.region.map_or("England", |r| r.as_str()));
            for f in &firsts {
                t.push(vec![f.rank.into(), f.urn.into(), f.la_name.into(), f.published.into(), crate::pages::components::kind_label(Some(f.kind)).into(), f.event_id.into()]);
            }
            table::respond(format, t, &firsts)
        }
        "visits" => crate::pages::visits::download(st, &p, format),
        _ => Err(unknown()),
    }
}

/// `/download/la/{urn}.{csv|xlsx|json}`: one LA's inspections (and its predecessors').
pub async fn download_la(State(s): State<AppState>, Path(file): Path<String>, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    let (key, format) = table::split_file(&file)
        .ok_or_else(|| AppError::not_found("Download not found", "Add .csv, .xlsx or .json to the local authority's URN."))?;
    let v = views::la(st, key, &p)?;
    let mut cols = vec!["URN", "Local authority", "Event id", "Inspection", "Event type", "Inspection start", "Inspection end", "Published"];
    cols.extend(Judgement::ALL.iter().map(|j| j.label()));
    cols.extend(["Known from", "Report on Ofsted's site", "Visit theme", "Monitoring visit number"]);
    let mut t = Table::new("Inspections", format!("la-{}", v.urn), &cols).about("Local authority", v.la_name);
    let mut all: Vec<(u32, &str, &lacs_query::InspectionView)> = v.inspections.iter().map(|e| (v.urn, v.la_name, e)).collect();
    for pre in &v.predecessors {
        all.extend(pre.inspections.iter().map(|e| (pre.urn, pre.la_name, e)));
    }
    for (urn, name, e) in all {
        let mut row: Vec<Cell> = vec![
            urn.into(),
            name.into(),
            e.event_id.into(),
            crate::pages::components::kind_label(e.kind).into(),
            e.event_type.as_str().into(),
            e.inspection_start.into(),
            e.inspection_end.into(),
            e.published.into(),
        ];
        row.extend(Judgement::ALL.iter().map(|j| Cell::Grade(e.grade(*j))));
        row.push(table::source_label(e.source).into());
        row.push(e.url.as_deref().into());
        row.push(e.visit.as_ref().and_then(|v| v.theme.as_deref()).into());
        row.push(e.visit.as_ref().and_then(|v| v.sequence).into());
        t.push(row);
    }
    table::respond(format, t, &v)
}

/// `/download/inspection/{id}.{csv|xlsx|json}`: one inspection's judgements.
pub async fn download_inspection(State(s): State<AppState>, Path(file): Path<String>) -> Result<Response, AppError> {
    let st = &*s.0;
    let (id, format) = table::split_file(&file)
        .ok_or_else(|| AppError::not_found("Download not found", "Add .csv, .xlsx or .json to the inspection's id."))?;
    let d = views::inspection(st, id)?;
    let mut t = Table::new("Judgements", format!("inspection-{}", d.event.id), &[
        "URN", "Local authority", "Event id", "Judgement", "Grade", "Page", "Report text", "Official record", "Official value",
    ]);
    for j in &d.judgements {
        t.push(vec![
            d.event.urn.into(),
            d.la_name.into(),
            d.event.id.into(),
            j.judgement.label().into(),
            j.grade.into(),
            j.reading.as_ref().map(|r| r.page).into(),
            j.reading.as_ref().map(|r| r.text.as_str()).into(),
            table::official_label(j.official).into(),
            j.official_value.as_deref().into(),
        ]);
    }
    table::respond(format, t, &d)
}
