//! `/api/v1/…`: JSON for every view, in the shapes the CLI's `--json` prints (lacs-query and
//! lacs-analysis types), and `/download/…`: the same views as CSV, XLSX and JSON files.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use lacs_analysis::ChangeCategory;
use lacs_domain::Judgement;
use serde::Serialize;

use crate::error::{AppError, Params};
use crate::state::AppState;
use crate::table::{self, Cell, Table};
use crate::views;
use crate::{cached, Req, JSON};

/// The API takes a parameter given empty as a mistake (its document says each is non-empty),
/// where the pages take a form's blank field as absent.
pub(crate) fn refuse_empty(p: &Params) -> Result<(), AppError> {
    match p.0.iter().find(|(_, v)| v.trim().is_empty()) {
        Some((name, _)) => Err(AppError::bad_param(lacs_query::ParamError {
            name: name.clone(),
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
        (status = 200, description = "OK", body = views::LaList),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody)
))]
pub async fn la_list(State(s): State<AppState>, uri: Req, p: Params) -> Result<Response, AppError> {
    refuse_empty(&p)?;
    cached(&s.0, &uri, JSON, || json(&views::la_list(&s.0, &p)?)).map_err(AppError::json)
}

/// One LA: every inspection and visit, the change at each, predecessors, successors and statistical neighbours.
#[utoipa::path(get, path = "/api/v1/la/{urn}", params(("urn" = String, Path, description = "The LA: its Ofsted URN, or a name, DfE number or GSS code."), crate::openapi::LaParams), responses(
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
        (status = 200, description = "OK", body = views::InspectionDetail),
        (status = 400, description = "A parameter is malformed or unknown; the error names it.", body = crate::error::ErrorBody),
        (status = 404, description = "No such local authority or inspection; suggestions for close names.", body = crate::error::ErrorBody)
))]
pub async fn inspection(State(s): State<AppState>, Path(id): Path<String>, uri: Req) -> Result<Response, AppError> {
    cached(&s.0, &uri, JSON, || json(&views::inspection(&s.0, &id)?)).map_err(AppError::json)
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
    let urn = match p.get("urn") {
        None => None,
        Some(u) => Some(u.parse::<u32>().map_err(|_| {
            AppError::bad_param(lacs_query::ParamError { name: "urn".into(), message: format!("{u:?} is not an Ofsted URN (a number)") }).json()
        })?),
    };
    let list: Vec<_> = s.0.register.disagreements.iter().filter(|d| urn.is_none_or(|u| d.urn == u)).collect();
    Ok(Json(list).into_response())
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", responses((status = 200, description = "The OpenAPI document of this API", body = Object)))]
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, JSON)], crate::openapi::document().to_string()).into_response()
}

/// `/download/{view}.{csv|xlsx|json}`.
pub async fn download(State(s): State<AppState>, Path(file): Path<String>, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    let unknown = || {
        AppError::not_found(
            "Download not found",
            format!("There is no download called “{file}”. Downloads are stats, regions, series, las, changes and firsts, each .csv, .xlsx or .json."),
        )
    };
    let (view, format) = table::split_file(&file).ok_or_else(unknown)?;
    match view {
        "stats" => {
            let mut p = p.clone();
            p.0.push(("list".into(), "true".into()));
            let stats = views::stats(st, &p)?.stats;
            let mut t = Table::new("LAs", format!("stats-{}", stats.cutoff.as_at), &[
                "urn", "la_name", "region", "judgement", "grade", "from_earlier_event", "event_id", "kind", "inspection_start", "published",
            ])
            .about("as at", stats.cutoff.as_at.to_string())
            .about("published by", stats.cutoff.published_by.to_string())
            .about("counting", "Each LA existing on the as-at date, with its latest graded inspection whose report was published by the cut-off (Ofsted's rule).");
            for e in stats.list.iter().flatten() {
                t.push(vec![
                    e.urn.into(),
                    e.la_name.into(),
                    e.region.into(),
                    stats.judgement.as_str().into(),
                    e.grade.into(),
                    (if e.from_earlier_event { "true" } else { "false" }).into(),
                    e.event_id.map_or(Cell::Text(String::new()), Cell::Int),
                    e.kind.map(|k| k.as_str()).into(),
                    e.inspection_start.into(),
                    e.published.into(),
                ]);
            }
            table::respond(format, t, &stats)
        }
        "regions" => {
            let mut p = p.clone();
            if p.get("by").is_none() {
                p.0.push(("by".into(), "region".into()));
            }
            let stats = views::stats(st, &p)?.stats;
            let mut t = Table::new("Regions", format!("regions-{}", stats.cutoff.as_at), &[
                "region", "authorities", "inspected", "outstanding", "good", "requires_improvement", "inadequate", "not_graded",
            ])
            .about("as at", stats.cutoff.as_at.to_string())
            .about("judgement", stats.judgement.as_str());
            let england = lacs_analysis::GroupStats { name: "England", counts: stats.counts };
            for g in stats.groups.iter().chain([&england]) {
                let c = g.counts;
                t.push(vec![
                    g.name.into(),
                    c.authorities.into(),
                    c.inspected.into(),
                    c.grades.outstanding.into(),
                    c.grades.good.into(),
                    c.grades.requires_improvement.into(),
                    c.grades.inadequate.into(),
                    c.not_graded.into(),
                ]);
            }
            table::respond(format, t, &stats)
        }
        "series" => {
            let series = views::series(st, &p)?;
            let mut t = Table::new("Quarters", format!("series-{}", series.judgement.as_str()), &[
                "as_at", "published_by", "authorities", "inspected", "outstanding", "good", "requires_improvement", "inadequate", "not_graded",
            ])
            .about("judgement", series.judgement.as_str());
            for pt in &series.points {
                let c = pt.counts;
                t.push(vec![
                    Some(pt.cutoff.as_at).into(),
                    Some(pt.cutoff.published_by).into(),
                    c.authorities.into(),
                    c.inspected.into(),
                    c.grades.outstanding.into(),
                    c.grades.good.into(),
                    c.grades.requires_improvement.into(),
                    c.grades.inadequate.into(),
                    c.not_graded.into(),
                ]);
            }
            table::respond(format, t, &series)
        }
        "las" => {
            let list = views::la_list(st, &p)?;
            let mut t = Table::new("LAs", format!("las-{}", list.as_at), &[
                "urn", "la_name", "la_code", "gss_code", "ofsted_region", "ons_region", "judgement", "grade", "inspected", "event_id", "kind", "inspection_start", "published",
            ])
            .about("as at", list.as_at.to_string());
            for r in &list.authorities {
                t.push(vec![
                    r.urn.into(),
                    r.la_name.into(),
                    Cell::Int(r.la_code as i64),
                    r.gss_code.into(),
                    r.ofsted_region.into(),
                    r.ons_region.into(),
                    list.judgement.as_str().into(),
                    r.grade.into(),
                    (if r.inspected { "true" } else { "false" }).into(),
                    r.event_id.map_or(Cell::Text(String::new()), Cell::Int),
                    r.kind.map(|k| k.as_str()).into(),
                    r.inspection_start.into(),
                    r.published.into(),
                ]);
            }
            table::respond(format, t, &list)
        }
        "changes" => {
            let ch = views::changes(st, &p)?;
            let mut t = Table::new("Changes", format!("changes-{}", ch.cutoff.as_at), &[
                "urn", "la_name", "region", "category", "previous_event_id", "previous_kind", "previous_published", "previous_grade",
                "latest_event_id", "latest_kind", "latest_published", "latest_grade",
            ])
            .about("as at", ch.cutoff.as_at.to_string())
            .about("judgement", ch.judgement.as_str());
            for e in &ch.list {
                let cat = match e.category {
                    ChangeCategory::Improved => "improved",
                    ChangeCategory::KeptGoodOrOutstanding => "kept_good_or_outstanding",
                    ChangeCategory::Declined => "declined",
                    ChangeCategory::StayedBelowGood => "stayed_below_good",
                };
                t.push(vec![
                    e.urn.into(),
                    e.la_name.into(),
                    e.region.into(),
                    cat.into(),
                    e.previous.event_id.into(),
                    e.previous.kind.map(|k| k.as_str()).into(),
                    e.previous.published.into(),
                    Some(e.previous.grade).into(),
                    e.latest.event_id.into(),
                    e.latest.kind.map(|k| k.as_str()).into(),
                    e.latest.published.into(),
                    Some(e.latest.grade).into(),
                ]);
            }
            table::respond(format, t, &ch)
        }
        "firsts" => {
            let (q, firsts) = views::firsts(st, &p)?;
            let mut t = Table::new("Firsts", format!("firsts-{}-{}", q.judgement.as_str(), q.grade.as_str()), &[
                "rank", "urn", "la_name", "published", "kind", "event_id",
            ])
            .about("judgement", q.judgement.as_str())
            .about("grade", q.grade.as_str());
            for f in &firsts {
                t.push(vec![f.rank.into(), f.urn.into(), f.la_name.into(), Some(f.published).into(), f.kind.as_str().into(), f.event_id.into()]);
            }
            table::respond(format, t, &firsts)
        }
        _ => Err(unknown()),
    }
}

/// `/download/la/{urn}.{csv|xlsx|json}`: one LA's inspections.
pub async fn download_la(State(s): State<AppState>, Path(file): Path<String>, p: Params) -> Result<Response, AppError> {
    let st = &*s.0;
    let (key, format) = table::split_file(&file)
        .ok_or_else(|| AppError::not_found("Download not found", "Add .csv, .xlsx or .json to the local authority's URN."))?;
    let v = views::la(st, key, &p)?;
    let mut cols = vec!["urn", "la_name", "event_id", "kind", "event_type", "inspection_start", "inspection_end", "published"];
    cols.extend(Judgement::ALL.iter().map(|j| j.as_str()));
    cols.extend(["source", "url"]);
    let mut t = Table::new("Inspections", format!("la-{}", v.urn), &cols).about("local authority", v.la_name);
    let mut all: Vec<(u32, &str, &lacs_query::InspectionView)> = v.inspections.iter().map(|e| (v.urn, v.la_name, e)).collect();
    for pre in &v.predecessors {
        all.extend(pre.inspections.iter().map(|e| (pre.urn, pre.la_name, e)));
    }
    for (urn, name, e) in all {
        let mut row: Vec<Cell> = vec![
            urn.into(),
            name.into(),
            e.event_id.into(),
            e.kind.map(|k| k.as_str()).into(),
            e.event_type.as_str().into(),
            e.inspection_start.into(),
            e.inspection_end.into(),
            e.published.into(),
        ];
        row.extend(Judgement::ALL.iter().map(|j| Cell::Grade(crate::charts::grade_of(e, *j))));
        row.push(e.source.into());
        row.push(e.url.as_deref().into());
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
        "urn", "la_name", "event_id", "judgement", "grade", "page", "text", "official", "official_value",
    ]);
    for j in &d.judgements {
        t.push(vec![
            d.event.urn.into(),
            d.la_name.into(),
            d.event.id.into(),
            j.judgement.as_str().into(),
            j.grade.into(),
            j.reading.as_ref().map(|r| r.page).into(),
            j.reading.as_ref().map(|r| r.text.as_str()).into(),
            j.official.into(),
            j.official_value.as_deref().into(),
        ]);
    }
    table::respond(format, t, &d)
}
