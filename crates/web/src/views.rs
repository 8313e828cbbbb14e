//! Each view asked of lacs-query: its request parsed from the query string
//! (`lacs_query::Request`), its answer from the register. Nothing here counts or filters; the
//! CLI asks the same questions the same way.

use lacs_analysis::{Changes, ChangesQuery, First, StatsQuery, TimeSeries};
use lacs_domain::Kind;
use lacs_query::{
    FactsRequest, Facts, FirstsRequest, InspectionDetail, InspectionRequest, LaList, LaListRequest, LaRequest, LaView, QueryError, Request, SeriesRequest,
};
use lacs_reconcile::Disagreement;

use crate::error::{AppError, Params};
use crate::state::Inner;

/// A failed question as a response: a bad parameter is a 400 naming it, an unknown LA or
/// inspection a 404, anything else the service's fault.
pub fn query_error(e: QueryError) -> AppError {
    match e {
        QueryError::Param(p) => AppError::bad_param(p),
        QueryError::UnknownAuthority { query, .. } => AppError::unknown_la(&query),
        QueryError::UnknownInspection { id } => {
            AppError::not_found("Inspection not found", format!("The register holds no inspection with id {id}."))
        }
        QueryError::NotGradedInspection { id, la } => {
            AppError::not_found("Inspection not found", format!("The register holds no graded inspection of {la} with id {id}."))
        }
        e @ QueryError::NoGradedInspection { .. } => AppError::not_found("Inspection not found", format!("{e}.")),
        QueryError::Store(lacs_store::StoreError::BadSearch { message, .. }) => AppError::bad_param(lacs_query::ParamError {
            name: "q".into(),
            message: format!("{message}; use words, \"quoted phrases\", AND, OR, NOT"),
        }),
        other => AppError::internal(other.to_string()),
    }
}

pub fn stats(st: &Inner, p: &Params) -> Result<lacs_query::StatsView, AppError> {
    Ok(st.register.stats(&StatsQuery::parse(p)?))
}

pub fn series(st: &Inner, p: &Params) -> Result<TimeSeries, AppError> {
    Ok(st.register.series(&SeriesRequest::parse(p)?))
}

pub fn la_list(st: &Inner, p: &Params) -> Result<LaList, AppError> {
    Ok(st.register.la_list(&LaListRequest::parse(p)?))
}

/// `/la/{urn}`: the path segment may be a URN, a name or part of one, DfE number or GSS code.
pub fn la(st: &Inner, key: &str, p: &Params) -> Result<LaView, AppError> {
    let request = LaRequest::parse(&p.0.clone().with("la", key))?;
    st.register.la(&request).map_err(query_error)
}

pub fn changes(st: &Inner, p: &Params) -> Result<Changes, AppError> {
    Ok(st.register.changes(&ChangesQuery::parse(p)?))
}

pub fn firsts(st: &Inner, p: &Params) -> Result<(FirstsRequest, Vec<First>), AppError> {
    let request = FirstsRequest::parse(p)?;
    Ok((request, st.register.firsts(&request)))
}

/// `/inspection/{id}`: an id that is no id is simply not found.
pub fn inspection(st: &Inner, id: &str) -> Result<InspectionDetail, AppError> {
    let request = InspectionRequest::parse(&lacs_query::Params::query(vec![("id".into(), id.into())]))
        .map_err(|_| AppError::not_found("Inspection not found", format!("The register holds no inspection with id “{id}”.")))?;
    st.register.inspection(&request).map_err(query_error)
}

/// `/api/v1/facts/{la}` (and the facts page): the facts of one LA's graded inspection, the
/// summary sentences read from the register file when the server has one.
pub fn facts(st: &Inner, la: &str, p: &Params) -> Result<Facts, AppError> {
    let request = FactsRequest::parse(&p.0.clone().with("la", la))?;
    let store = st.db.as_deref().map(lacs_store::Store::open_read_only).transpose().map_err(|e| AppError::internal(e.to_string()))?;
    st.register.facts(store.as_ref(), &request).map_err(query_error)
}

pub fn disagreements<'a>(st: &'a Inner, p: &Params) -> Result<Vec<&'a Disagreement>, AppError> {
    Ok(st.register.disagreements_of(&lacs_query::DisagreementsRequest::parse(p)?))
}

/// The graded inspections of an LA view, oldest first.
pub fn graded(view: &LaView) -> Vec<&lacs_query::InspectionView> {
    view.inspections.iter().filter(|e| e.kind.is_some_and(Kind::is_graded_event)).collect()
}
