//! The OpenAPI 3.1 document of `/api/v1`, generated from the code: each handler's
//! `#[utoipa::path]` (its route, parameters and responses) and the `ToSchema` derives of the
//! view types it serializes (lacs-domain, lacs-analysis, lacs-query, lacs-reconcile), so the
//! word lists (grades, judgements, kinds…) come from the types. The parameters each route
//! accepts are declared here, once, as `IntoParams` structs that say what the server takes.
//!
//! utoipa's output is then made exact in one pass ([`exact`]): serde's `flatten` becomes one
//! object, every object carries exactly its properties (`additionalProperties: false`), and
//! a field serialized as `null` when absent is required (utoipa leaves `Option` fields
//! optional; only fields serde skips, which carry no `null`, stay optional).
//! `tests/handlers.rs` validates real responses against the document and
//! `tests/schemathesis.rs` runs schemathesis against it.

use lacs_domain::{Date, Grade, Judgement};
use serde_json::{Map, Value};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{IntoParams, OpenApi, ToSchema};

/// A date as the document describes it: `yyyy-mm-dd`, a real day (`format: date`) in a year
/// of the register's range ([`lacs_query::DateRange`]). The server also takes `dd/mm/yyyy`
/// and `31 March 2019`, which each date parameter's description says.
pub fn date_pattern_on(range: lacs_query::DateRange) -> String {
    let years: Vec<String> = (range.first.year()..=range.last.year()).map(|y| y.to_string()).collect();
    format!("^({})-[0-9]{{2}}-[0-9]{{2}}$", years.join("|"))
}

/// A region as `/api/v1/la?region=` takes it: an Ofsted region or an ONS region, spelled as
/// the domain spells them.
fn region_schema() -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(lacs_query::region_names())).into()
}

/// An inspection as `/api/v1/facts/{la}?inspection=` takes it: an event id (a positive
/// number that fits the id's 64 bits) or a date (its pattern set by [`date_parameter`]).
fn inspection_choice_schema() -> RefOr<Schema> {
    let id = ObjectBuilder::new().schema_type(Type::String).pattern(Some("^[1-9][0-9]{0,17}$"));
    let day = ObjectBuilder::new().schema_type(Type::String).format(Some(utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Date)));
    utoipa::openapi::schema::OneOfBuilder::new().item(id).item(day).into()
}

/// An Ofsted region, as `/api/v1/firsts?region=` takes it.
fn ofsted_region_schema() -> RefOr<Schema> {
    let names: Vec<&str> = lacs_domain::OfstedRegion::ALL.iter().map(|r| r.as_str()).collect();
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(names)).into()
}

/// Which inspections `/api/v1/changes` and `/api/v1/firsts` look at.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)] // a description of the query string; parsed by `Params::framework`
pub enum FrameworkChoice {
    Sif,
    Ilacs,
    /// Every graded inspection, whatever its framework.
    Any,
}

/// The list's grade filter: [`lacs_query::GradeFilter`].
fn grade_filter_schema() -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(lacs_query::GradeFilter::ALL.map(lacs_query::GradeFilter::as_str))).into()
}

/// A yes/no parameter, in each spelling `Params::bool` takes.
#[derive(ToSchema)]
#[allow(dead_code)] // a description of the query string; parsed by `Params::bool`
pub enum Flag {
    #[schema(rename = "true")]
    True,
    #[schema(rename = "false")]
    False,
    #[schema(rename = "1")]
    One,
    #[schema(rename = "0")]
    Zero,
    #[schema(rename = "yes")]
    Yes,
    #[schema(rename = "no")]
    No,
}

/// Where `/api/v1/search` looks.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)] // a description of the query string; parsed by `lacs_query::parse_search_in`
pub enum SearchWithin {
    /// Improvement items, priority actions, recommendations and judgement paragraphs.
    Findings,
    /// The whole text of every page of every report; one result per matching page.
    All,
}

// The query strings. Never built: they describe what each route's handler parses, for the
// document.

/// `/api/v1/stats`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct StatsParams {
    /// The date of the picture (yyyy-mm-dd); default today. The LAs are those existing that day.
    as_at: Option<Date>,
    /// Count reports published on or before this date (yyyy-mm-dd; default: the as-at date).
    published_by: Option<Date>,
    /// Count only inspections that began on or before this date (yyyy-mm-dd; Ofsted's
    /// convention from 2024).
    inspected_by: Option<Date>,
    /// The judgement (default overall).
    judgement: Option<Judgement>,
    /// Group by Ofsted's 8 regions (region) or the 9 ONS regions (region9).
    by: Option<lacs_analysis::Grouping>,
    /// Also list every LA behind the counts.
    list: Option<Flag>,
}

/// `/api/v1/series`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SeriesParams {
    /// The judgement (default overall).
    judgement: Option<Judgement>,
    /// The last date of the series (yyyy-mm-dd; default today).
    until: Option<Date>,
}

/// `/api/v1/la`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct LaListParams {
    /// The date (yyyy-mm-dd; default today): the LAs existing that day, with their grades then.
    as_at: Option<Date>,
    /// The judgement whose grade is shown (default overall).
    judgement: Option<Judgement>,
    /// Only LAs in this Ofsted or ONS region.
    #[param(schema_with = region_schema)]
    region: Option<String>,
    /// Only LAs with this grade, or not graded, or not inspected.
    #[param(schema_with = grade_filter_schema)]
    grade: Option<String>,
    /// Only LAs whose name contains this, or the LA this code (URN, DfE number, GSS code) names.
    #[param(min_length = 1)]
    q: Option<String>,
}

/// `/api/v1/la/{urn}`'s query (the path names the LA: its Ofsted URN, or a name, DfE number
/// or GSS code).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct LaParams {
    /// Only what was known by this date (yyyy-mm-dd).
    as_at: Option<Date>,
}

/// `/api/v1/inspection/{id}`.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct InspectionParams {
    /// The event's id: positive and stable across rebuilds of the register (urn × 10⁹ +
    /// yyyymmdd × 10 + n; see `lacs_domain::event_id`).
    #[param(example = 80426202301090_i64, minimum = 1)]
    id: i64,
}

/// `/api/v1/facts/{la}`'s query (the path names the LA).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct FactsParams {
    /// The inspection: its event id (as in `/api/v1/la/{urn}`), or a date (yyyy-mm-dd,
    /// dd/mm/yyyy or 31 March 2019): the graded inspection on site that day, else the one
    /// published that day, else the latest published on or before it. Default: the LA's
    /// latest graded inspection.
    #[param(schema_with = inspection_choice_schema, example = "2023-01-12")]
    inspection: Option<String>,
}

/// `/api/v1/changes`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ChangesParams {
    /// The date of the picture (yyyy-mm-dd); default today.
    as_at: Option<Date>,
    /// Count reports published on or before this date (yyyy-mm-dd; default: the as-at date).
    published_by: Option<Date>,
    /// Count only inspections that began on or before this date (yyyy-mm-dd).
    inspected_by: Option<Date>,
    /// The judgement (default overall).
    judgement: Option<Judgement>,
    /// Which inspections are compared (default ilacs).
    framework: Option<FrameworkChoice>,
    /// previous: each LA's latest inspection against the one before (the default); first:
    /// the latest against the first; window: the grade standing on `from` against the one
    /// standing on `to` (the default when either date is given).
    compare: Option<lacs_analysis::Compare>,
    /// With compare=window: the earlier date (yyyy-mm-dd; default: each LA's first inspection).
    from: Option<Date>,
    /// With compare=window: the later date (yyyy-mm-dd; default: the published-by date).
    to: Option<Date>,
    /// Only LAs whose earlier compared grade is this.
    from_grade: Option<Grade>,
    /// Only LAs whose later compared grade is this.
    to_grade: Option<Grade>,
}

/// `/api/v1/firsts`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct FirstsParams {
    /// The judgement (default overall).
    judgement: Option<Judgement>,
    /// The grade reached (default outstanding).
    grade: Option<Grade>,
    /// Only events of this framework (default any).
    framework: Option<FrameworkChoice>,
    /// Only the LAs of this Ofsted region, ranked among themselves.
    #[param(schema_with = ofsted_region_schema)]
    region: Option<String>,
}

/// `/api/v1/due`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct DueParams {
    /// The date (yyyy-mm-dd); default today. The LAs are those existing that day, with the
    /// inspections published by then.
    as_at: Option<Date>,
    /// Only this LA (name, alias, URN, DfE number or GSS code).
    #[param(min_length = 1)]
    la: Option<String>,
    /// Only LAs in this Ofsted or ONS region.
    #[param(schema_with = region_schema)]
    region: Option<String>,
    /// Only LAs whose grade picking the rule is this (overall effectiveness, or the lowest
    /// judgement of a reformed ILACS inspection).
    #[param(schema_with = scale_grade_schema)]
    grade: Option<String>,
    /// Only LAs with this status.
    status: Option<lacs_analysis::DueStatus>,
}

/// A grade on the scale (not `not_judged`), as `/api/v1/due?grade=` takes it.
fn scale_grade_schema() -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(Grade::SCALE.map(Grade::as_str))).into()
}

/// `/api/v1/disagreements`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct DisagreementsParams {
    /// Only this LA's disagreements (Ofsted URN).
    #[param(value_type = Option<i64>, minimum = 0, maximum = 4294967295_i64)]
    urn: Option<u32>,
}

/// `/api/v1/search`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SearchParams {
    /// What to search for, as written: words (stemmed; apostrophes, hyphens and stray quotes
    /// need no care), "quoted phrases", AND, OR, NOT, a trailing * for a prefix. Without it,
    /// no results.
    #[param(min_length = 1)]
    q: Option<String>,
    /// Where to search (default findings).
    #[param(rename = "in")]
    within: Option<SearchWithin>,
    /// Only this LA (name, alias, URN, DfE number or GSS code).
    #[param(min_length = 1)]
    la: Option<String>,
    /// Only reports published on or after this date (yyyy-mm-dd).
    since: Option<Date>,
    /// Only reports published on or before this date (yyyy-mm-dd).
    until: Option<Date>,
    /// Only paragraphs under this judgement's heading (findings only; an error with in=all).
    judgement: Option<Judgement>,
    /// The page of results, from 1 (default 1).
    #[param(minimum = 1, maximum = 1000000)]
    page: Option<u32>,
    /// Results a page (default 50).
    #[param(minimum = 1, maximum = 500)]
    per_page: Option<u32>,
}

/// `/api/v1/themes`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ThemesParams {
    /// Count improvement items of graded inspections published by this date (yyyy-mm-dd;
    /// default today).
    as_at: Option<Date>,
    /// Group by region, grade (the inspection's overall grade) or year (of publication).
    by: Option<lacs_query::ThemesBy>,
}

/// `/api/v1/visits`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct VisitsParams {
    /// Only visits published on or after this date (yyyy-mm-dd; a visit not yet published
    /// by its first day on site).
    since: Option<Date>,
    /// Only visits published on or before this date (yyyy-mm-dd; likewise).
    until: Option<Date>,
    /// Only visits of this type.
    #[param(rename = "type", schema_with = visit_type_schema)]
    visit_type: Option<String>,
    /// Only this LA (name, alias, URN, DfE number or GSS code).
    #[param(min_length = 1)]
    la: Option<String>,
    /// Only LAs in this Ofsted or ONS region.
    #[param(schema_with = region_schema)]
    region: Option<String>,
}

/// A visit type as `/api/v1/visits?type=` takes it: the visits of the domain's vocabulary.
fn visit_type_schema() -> RefOr<Schema> {
    let words: Vec<&str> = lacs_domain::UngradedKind::VISITS.iter().map(|t| t.as_str()).collect();
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(words)).into()
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Register of Ofsted inspections of local authority children's services",
        version = "1",
        description = "Every graded inspection of English local authority children's services since 2014, read from Ofsted's reports and checked against Ofsted's official statistics. The shapes are those of the lacs command's --json output. Dates are yyyy-mm-dd; grades, judgements and kinds are stable words.",
        license(name = "MIT OR Apache-2.0")
    ),
    servers((url = "/")),
    paths(
        crate::api::stats,
        crate::api::series,
        crate::api::la_list,
        crate::api::la,
        crate::api::inspection,
        crate::api::facts,
        crate::api::changes,
        crate::api::firsts,
        crate::pages::search::api,
        crate::pages::themes::api,
        crate::pages::due::api,
        crate::pages::visits::api,
        crate::api::disagreements,
        crate::api::openapi,
    ),
    components(schemas(Flag, FrameworkChoice, SearchWithin))
)]
struct Api;

/// The document, as JSON, today.
pub fn document() -> Value {
    document_on(jiff::ZonedDateTime::now().date())
}

/// The document on `today` (the dates it allows end with next year).
pub fn document_on(today: Date) -> Value {
    let mut doc = serde_json::to_value(Api::openapi()).unwrap_or_default();
    doc["jsonSchemaDialect"] = Value::from("https://json-schema.org/draft/2020-12/schema");
    exact(&mut doc, lacs_query::DateRange::on(today));
    doc
}

/// Makes utoipa's schemas say exactly what serde writes (see the module docs).
fn exact(doc: &mut Value, dates: lacs_query::DateRange) {
    let components = doc["components"]["schemas"].as_object().cloned().unwrap_or_default();
    if let Some(schemas) = doc["components"]["schemas"].as_object_mut() {
        for s in schemas.values_mut() {
            exact_schema(s, &components);
        }
    }
    if let Some(paths) = doc["paths"].as_object_mut() {
        for item in paths.values_mut() {
            for (_, op) in item.as_object_mut().into_iter().flatten() {
                // utoipa tags each operation with its Rust module; the API has no groups.
                if let Some(op) = op.as_object_mut() {
                    op.remove("tags");
                }
                for (_, res) in op["responses"].as_object_mut().into_iter().flatten() {
                    for (_, media) in res["content"].as_object_mut().into_iter().flatten() {
                        if let Some(s) = media.get_mut("schema") {
                            exact_schema(s, &components);
                        }
                    }
                }
                for p in op["parameters"].as_array_mut().into_iter().flatten() {
                    date_parameter(p, dates);
                }
            }
        }
    }
}

/// A date parameter (`format: date`) also says its spelling and range ([`date_pattern_on`]):
/// `format` alone admits other spellings of a date; its description names the other forms
/// the server takes and the range.
fn date_parameter(p: &mut Value, dates: lacs_query::DateRange) {
    let is_date = |s: &Value| s.get("format").is_some_and(|f| f == "date");
    // A parameter that is a date or something else (`oneOf`): its date branch.
    // (`get_mut`: indexing a `Value` mutably would add a null `oneOf` where there is none.)
    let branches = p.get_mut("schema").and_then(|s| s.get_mut("oneOf")).and_then(Value::as_array_mut);
    for branch in branches.into_iter().flatten().filter(|b| is_date(b)) {
        branch["pattern"] = Value::from(date_pattern_on(dates));
    }
    if is_date(&p["schema"]) {
        p["schema"]["pattern"] = Value::from(date_pattern_on(dates));
        let about = p["description"].as_str().unwrap_or("").to_string();
        p["description"] = Value::from(format!(
            "{about} Also taken as dd/mm/yyyy or 31 March 2019; from {} to {}.",
            lacs_query::long_date(dates.first),
            lacs_query::long_date(dates.last)
        ));
    }
}

/// The schema a `$ref` points at.
fn resolve<'a>(s: &'a Value, components: &'a Map<String, Value>) -> &'a Value {
    match s.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/schemas/")) {
        Some(name) => components.get(name).map_or(s, |c| resolve(c, components)),
        None => s,
    }
}

/// Is this property's schema one that admits `null` (an `Option` serde writes as `null`)?
fn nullable(s: &Value) -> bool {
    let null_type = |t: &Value| t == "null" || t.as_array().is_some_and(|a| a.iter().any(|x| x == "null"));
    s.get("type").is_some_and(null_type)
        || ["oneOf", "anyOf"].iter().any(|k| s.get(*k).and_then(Value::as_array).is_some_and(|a| a.iter().any(|x| x.get("type").is_some_and(null_type))))
}

fn exact_schema(s: &mut Value, components: &Map<String, Value>) {
    // serde's flatten: utoipa writes allOf [the flattened types…, the struct's own fields];
    // serde writes one object with all their fields.
    if let Some(parts) = s.get("allOf").and_then(Value::as_array).cloned() {
        let resolved: Vec<Value> = parts.iter().map(|p| resolve(p, components).clone()).collect();
        if resolved.iter().all(|p| p.get("properties").is_some() || p.get("allOf").is_some()) {
            let mut props = Map::new();
            let mut required: Vec<Value> = Vec::new();
            for mut p in resolved {
                exact_schema(&mut p, components);
                props.extend(p["properties"].as_object().cloned().unwrap_or_default());
                required.extend(p["required"].as_array().cloned().unwrap_or_default());
            }
            let description = s.get("description").cloned();
            *s = serde_json::json!({ "type": "object", "properties": props, "required": required });
            if let Some(d) = description {
                s["description"] = d;
            }
        }
    }
    if let Some(obj) = s.as_object_mut() {
        if let Some(props) = obj.get_mut("properties").and_then(Value::as_object_mut) {
            for p in props.values_mut() {
                exact_schema(p, components);
            }
            let names: Vec<String> = props.keys().cloned().collect();
            let always: Vec<String> = props.iter().filter(|(_, p)| nullable(p)).map(|(k, _)| k.clone()).collect();
            let required = obj.entry("required").or_insert_with(|| Value::Array(Vec::new()));
            if let Some(req) = required.as_array_mut() {
                for name in names.iter().filter(|n| always.contains(n)) {
                    if !req.iter().any(|r| r == name.as_str()) {
                        req.push(Value::from(name.as_str()));
                    }
                }
            }
            obj.insert("additionalProperties".into(), Value::Bool(false));
        }
        for key in ["items", "oneOf", "anyOf"] {
            match obj.get_mut(key) {
                Some(Value::Array(a)) => a.iter_mut().for_each(|x| exact_schema(x, components)),
                Some(x @ Value::Object(_)) => exact_schema(x, components),
                _ => {}
            }
        }
    }
}
