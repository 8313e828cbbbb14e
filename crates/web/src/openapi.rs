//! The OpenAPI 3.1 document of `/api/v1`, written by hand. Its schemas are JSON Schema
//! (2020-12) and describe exactly the shapes the handlers serialize (`additionalProperties`
//! false); `tests/handlers.rs` validates real responses against them.

use serde_json::{json, Map, Value};

fn r(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn nullable(v: Value) -> Value {
    json!({ "anyOf": [v, { "type": "null" }] })
}

fn int() -> Value {
    json!({ "type": "integer" })
}

fn count() -> Value {
    json!({ "type": "integer", "minimum": 0 })
}

fn string() -> Value {
    json!({ "type": "string" })
}

fn date() -> Value {
    json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
}

fn ndate() -> Value {
    nullable(date())
}

fn boolean() -> Value {
    json!({ "type": "boolean" })
}

fn array(items: Value) -> Value {
    json!({ "type": "array", "items": items })
}

/// An object with exactly these properties, all required but those in `optional`.
fn object(props: &[(&str, Value)], optional: &[&str]) -> Value {
    let mut p = Map::new();
    let mut required = Vec::new();
    for (k, v) in props {
        p.insert(k.to_string(), v.clone());
        if !optional.contains(k) {
            required.push(json!(k));
        }
    }
    json!({ "type": "object", "properties": p, "required": required, "additionalProperties": false })
}

fn cutoff_props() -> Vec<(&'static str, Value)> {
    vec![("as_at", date()), ("published_by", date()), ("inspected_by", ndate())]
}

fn counts_props() -> Vec<(&'static str, Value)> {
    vec![
        ("authorities", count()),
        ("inspected", count()),
        ("grades", r("GradeCounts")),
        ("not_graded", count()),
        ("overall_from_earlier", count()),
    ]
}

fn with(mut a: Vec<(&'static str, Value)>, b: Vec<(&'static str, Value)>) -> Vec<(&'static str, Value)> {
    a.extend(b);
    a
}

fn schemas() -> Value {
    let grade_words = ["outstanding", "good", "requires_improvement", "inadequate", "not_judged"];
    let judgements = ["overall", "leaders", "help_protection", "in_care", "care_leavers", "adoption", "lscb"];
    let kinds = ["sif", "sif_reinspection", "ilacs_standard", "ilacs_short", "lac_2013", "lscb_review", "not_a_report", "unknown"];
    let ngrade = || nullable(r("Grade"));
    let nkind = || nullable(r("Kind"));
    let judgement_set: Vec<(&str, Value)> = judgements.iter().map(|j| (*j, ngrade())).collect();
    let mut s = Map::new();
    let mut add = |name: &str, v: Value| {
        s.insert(name.to_string(), v);
    };
    add("Grade", json!({ "type": "string", "enum": grade_words, "description": "A grade's stable word." }));
    add("Judgement", json!({ "type": "string", "enum": judgements }));
    add("Kind", json!({ "type": "string", "enum": kinds }));
    add("Framework", json!({ "type": "string", "enum": ["sif", "ilacs", "lac_2013", "lscb_review"] }));
    add("Grouping", json!({ "type": "string", "enum": ["region", "region9"] }));
    add(
        "GradeCounts",
        object(&[("outstanding", count()), ("good", count()), ("requires_improvement", count()), ("inadequate", count())], &[]),
    );
    add("JudgementSet", object(&judgement_set, &[]));
    add(
        "ListEntry",
        object(
            &[
                ("urn", int()),
                ("la_name", string()),
                ("region", string()),
                ("grade", ngrade()),
                ("event_id", nullable(int())),
                ("kind", nkind()),
                ("inspection_start", ndate()),
                ("published", ndate()),
                ("from_earlier_event", boolean()),
            ],
            &[],
        ),
    );
    add("GroupStats", object(&with(vec![("name", string())], counts_props()), &[]));
    add(
        "Stats",
        object(
            &with(
                with(cutoff_props(), vec![("judgement", r("Judgement"))]),
                with(
                    counts_props(),
                    vec![
                        ("by", nullable(r("Grouping"))),
                        ("groups", array(r("GroupStats"))),
                        ("list", array(r("ListEntry"))),
                        ("awaiting_review", r("AwaitingReview")),
                    ],
                ),
            ),
            &["list"],
        ),
    );
    add(
        "AwaitingReport",
        object(
            &[
                ("urn", nullable(int())),
                ("la_name", nullable(string())),
                ("published", ndate()),
                ("sha256", string()),
                ("withheld", json!({
                    "type": "array", "items": r("Judgement"),
                    "description": "Judgements the picture does not count from this report while their doubts stand."
                })),
            ],
            &[],
        ),
    );
    add(
        "AwaitingReview",
        object(&[("count", int()), ("reports", array(r("AwaitingReport")))], &[]),
    );
    add(
        "DoubtView",
        object(
            &[
                ("kind", json!({ "type": "string", "enum": lacs_domain::DoubtKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>() })),
                ("message", string()),
                ("page", nullable(int())),
                ("fields", json!({
                    "type": "array", "items": string(),
                    "description": "The fields whose answers settle the doubt (lacs review set); none: only accepting the reading does."
                })),
            ],
            &[],
        ),
    );
    add(
        "ValueOrigin",
        object(
            &[
                ("field", string()),
                ("source", json!({ "type": "string", "enum": ["report", "official", "person", "awaiting_review"] })),
                ("note", nullable(string())),
                ("by", nullable(string())),
                ("at", nullable(string())),
            ],
            &[],
        ),
    );
    add("SeriesPoint", object(&with(cutoff_props(), counts_props()), &[]));
    add("TimeSeries", object(&[("judgement", r("Judgement")), ("points", array(r("SeriesPoint")))], &[]));
    add(
        "LaRow",
        object(
            &[
                ("urn", int()),
                ("la_name", string()),
                ("la_code", int()),
                ("gss_code", nullable(string())),
                ("ofsted_region", string()),
                ("ons_region", string()),
                ("grade", ngrade()),
                ("inspected", boolean()),
                ("from_earlier_event", boolean()),
                ("event_id", nullable(int())),
                ("kind", nkind()),
                ("inspection_start", ndate()),
                ("published", ndate()),
            ],
            &[],
        ),
    );
    add(
        "LaList",
        object(
            &[
                ("as_at", date()),
                ("judgement", r("Judgement")),
                ("region", nullable(string())),
                ("grade", nullable(string())),
                ("q", nullable(string())),
                ("authorities", array(r("LaRow"))),
            ],
            &[],
        ),
    );
    add(
        "JudgementChange",
        object(
            &[
                ("judgement", r("Judgement")),
                ("grade", r("Grade")),
                ("previous", ngrade()),
                ("change", json!({ "type": "string", "enum": ["improved", "declined", "same", "new"] })),
            ],
            &[],
        ),
    );
    let mut insp = vec![
        ("event_id", int()),
        ("kind", nkind()),
        ("event_type", string()),
        ("inspection_start", ndate()),
        ("inspection_end", ndate()),
        ("published", ndate()),
    ];
    insp.extend(judgement_set.iter().cloned());
    insp.extend([
        ("source", json!({ "type": "string", "enum": ["report", "official", "report+official", "none"] })),
        ("status", json!({
            "type": "string",
            "enum": lacs_domain::EventStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            "description": "The held report's status (ok, needs_review), or official when the register holds no report of the event."
        })),
        ("review_reason", nullable(string())),
        ("doubts", array(r("DoubtView"))),
        ("withheld", array(r("Judgement"))),
        ("origins", array(r("ValueOrigin"))),
        ("changes", array(r("JudgementChange"))),
        ("sha256", nullable(string())),
        ("report_file", nullable(string())),
        ("url", nullable(string())),
        ("improvements", json!({
            "type": "array", "items": string(),
            "description": "The text of each item of findings, in the same order."
        })),
        ("findings", json!({
            "type": "array", "items": r("ListedFinding"),
            "description": "The report's priority actions, improvement items and recommendations in the order the report prints them, each with its list named. Judgement paragraphs are not included (search them)."
        })),
    ]);
    add("InspectionView", object(&insp, &["improvements", "findings"]));
    let list_ids = ["priority_action", "what_needs_to_improve", "area_for_improvement", "recommendation", "judgement_paragraph"];
    add(
        "ListedFinding",
        object(
            &[
                ("list", json!({ "type": "string", "enum": &list_ids[..4] })),
                ("list_label", json!({ "type": "string", "description": "The list's name as the report prints it, e.g. What needs to improve." })),
                ("judgement", nullable(r("Judgement"))),
                ("number", json!({ "type": ["integer", "null"], "description": "The paragraph number the report prints, where it prints one." })),
                ("page", int()),
                ("text", string()),
            ],
            &[],
        ),
    );
    let mut search_result = object(
        &[
            ("source", json!({ "type": "string", "enum": ["finding", "page"] })),
            ("urn", nullable(int())),
            ("la_name", nullable(string())),
            ("published", ndate()),
            ("kind", r("Kind")),
            ("list", nullable(json!({ "type": "string", "enum": list_ids }))),
            ("list_label", nullable(string())),
            ("section", nullable(json!({ "type": "string", "enum": ["improvement", "priority_action", "recommendation", "judgement"] }))),
            ("judgement", nullable(r("Judgement"))),
            ("position", nullable(int())),
            ("number", nullable(int())),
            ("page", int()),
            ("text", string()),
            ("sha256", string()),
        ],
        &[],
    );
    search_result["description"] = json!("A finding (source finding: text is the matching sentence, hits in [ ]) or a page of a report (source page, with in=all: text is about 30 words of the page around the hits, … where cut; list, list_label, section, judgement, position and number are null).");
    add("SearchResult", search_result);
    add(
        "PredecessorView",
        object(
            &[
                ("urn", int()),
                ("la_name", string()),
                ("start", ndate()),
                ("end", ndate()),
                ("inspections", array(r("InspectionView"))),
            ],
            &[],
        ),
    );
    add("AuthorityRef", object(&[("urn", int()), ("la_name", string())], &[]));
    add(
        "Latest",
        object(
            &[
                ("event_id", int()),
                ("kind", nkind()),
                ("inspection_start", ndate()),
                ("published", ndate()),
                ("grades", r("JudgementSet")),
            ],
            &[],
        ),
    );
    add(
        "NeighbourStatus",
        object(
            &[
                ("rank", int()),
                ("urn", int()),
                ("la_name", string()),
                ("closeness", string()),
                ("exists", boolean()),
                ("latest", nullable(r("Latest"))),
            ],
            &[],
        ),
    );
    add(
        "NeighbourSet",
        object(
            &with(
                vec![("model", json!({ "type": "string", "enum": ["2021", "2025"] }))],
                with(counts_props(), vec![("neighbours", array(r("NeighbourStatus")))]),
            ),
            &[],
        ),
    );
    add(
        "LaView",
        object(
            &[
                ("urn", int()),
                ("la_name", string()),
                ("region", string()),
                ("ons_region", string()),
                ("la_code", int()),
                ("gss_code", nullable(string())),
                ("start", ndate()),
                ("end", ndate()),
                ("as_at", ndate()),
                ("inspections", array(r("InspectionView"))),
                ("predecessors", array(r("PredecessorView"))),
                ("successors", array(r("AuthorityRef"))),
                ("neighbours", array(r("NeighbourSet"))),
            ],
            &[],
        ),
    );
    add(
        "Step",
        object(
            &[
                ("event_id", int()),
                ("kind", nkind()),
                ("inspection_start", ndate()),
                ("published", ndate()),
                ("grade", r("Grade")),
            ],
            &[],
        ),
    );
    add(
        "ChangeEntry",
        object(
            &[
                ("urn", int()),
                ("la_name", string()),
                ("region", string()),
                (
                    "category",
                    json!({ "type": "string", "enum": ["improved", "kept_good_or_outstanding", "declined", "stayed_below_good"] }),
                ),
                ("previous", r("Step")),
                ("latest", r("Step")),
            ],
            &[],
        ),
    );
    add(
        "Changes",
        object(
            &with(
                cutoff_props(),
                vec![
                    ("judgement", r("Judgement")),
                    ("framework", nullable(r("Framework"))),
                    ("authorities", count()),
                    ("improved", count()),
                    ("kept_good_or_outstanding", count()),
                    ("declined", count()),
                    ("stayed_below_good", count()),
                    ("list", array(r("ChangeEntry"))),
                ],
            ),
            &[],
        ),
    );
    add(
        "First",
        object(
            &[
                ("rank", json!({ "type": "integer", "minimum": 1 })),
                ("urn", int()),
                ("la_name", string()),
                ("published", date()),
                ("kind", r("Kind")),
                ("event_id", int()),
            ],
            &[],
        ),
    );
    add(
        "EventSources",
        object(&[("report_sha256", nullable(string())), ("official", nullable(string())), ("url", nullable(string()))], &[]),
    );
    add(
        "InspectionEvent",
        object(
            &[
                ("id", int()),
                ("urn", int()),
                ("kind", nkind()),
                ("event_type", string()),
                ("inspection_start", ndate()),
                ("inspection_end", ndate()),
                ("published", ndate()),
                ("grades", r("JudgementSet")),
                ("sources", r("EventSources")),
            ],
            &[],
        ),
    );
    add(
        "JudgementReading",
        object(&[("judgement", r("Judgement")), ("grade", r("Grade")), ("page", count()), ("text", string())], &[]),
    );
    add(
        "JudgementDetail",
        object(
            &[
                ("judgement", r("Judgement")),
                ("grade", ngrade()),
                ("reading", nullable(r("JudgementReading"))),
                ("official", json!({ "type": "string", "enum": ["agrees", "differs", "not_listed"] })),
                ("official_value", nullable(string())),
            ],
            &[],
        ),
    );
    add(
        "Disagreement",
        object(
            &[
                ("urn", int()),
                ("la_name", string()),
                ("inspection_start", ndate()),
                ("published", ndate()),
                ("field", string()),
                ("report", string()),
                ("official", string()),
                ("document_id", nullable(int())),
                ("sha256", nullable(string())),
                ("source_file", nullable(string())),
                ("official_source", string()),
                ("kind", json!({ "type": "string", "enum": ["report_vs_official", "official_releases"] })),
                ("note", string()),
            ],
            &["note"],
        ),
    );
    add(
        "InspectionDetail",
        object(
            &[
                ("la_name", string()),
                ("event", r("InspectionEvent")),
                ("report_file", nullable(string())),
                ("judgements", array(r("JudgementDetail"))),
                ("changes", array(r("JudgementChange"))),
                ("disagreements", array(r("Disagreement"))),
                ("status", json!({
                    "type": "string",
                    "enum": lacs_domain::EventStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>()
                })),
                ("doubts", array(r("DoubtView"))),
                ("withheld", array(r("Judgement"))),
                ("origins", array(r("ValueOrigin"))),
            ],
            &[],
        ),
    );
    add(
        "Suggestion",
        object(&[("urn", int()), ("la_name", string()), ("href", string())], &[]),
    );
    add(
        "Error",
        object(
            &[(
                "error",
                object(
                    &[
                        ("status", int()),
                        ("title", string()),
                        ("message", string()),
                        ("parameter", string()),
                        ("suggestions", array(r("Suggestion"))),
                    ],
                    &["parameter"],
                ),
            )],
            &[],
        ),
    );
    Value::Object(s)
}

fn param(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema })
}

fn pref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/parameters/{name}") })
}

fn parameters() -> Value {
    json!({
        "as_at": param("as_at", "The date of the picture (yyyy-mm-dd); default today. The LAs are those existing that day.", date()),
        "published_by": param("published_by", "Count reports published on or before this date (default: the as-at date).", date()),
        "inspected_by": param("inspected_by", "Count only inspections that began on or before this date (Ofsted's convention from 2024).", date()),
        "judgement": param("judgement", "The judgement (default overall).", r("Judgement")),
        "by": param("by", "Group by Ofsted's 8 regions (region) or the 9 ONS regions (region9).", r("Grouping")),
        "list": param("list", "Also list every LA behind the counts.", boolean()),
        "until": param("until", "The last date of the series (default today).", date()),
        "region": param("region", "Only LAs in this Ofsted or ONS region, e.g. London.", string()),
        "grade_filter": param("grade", "Only LAs with this grade, or not_graded, or not_inspected.", json!({ "type": "string", "enum": ["outstanding", "good", "requires_improvement", "inadequate", "not_graded", "not_inspected"] })),
        "q": param("q", "Only LAs whose name contains this, or the LA this code (URN, DfE number, GSS code) names.", string()),
        "framework_changes": param("framework", "Which inspections are compared: ilacs (default), sif, or any.", json!({ "type": "string", "enum": ["ilacs", "sif", "any"] })),
        "framework_firsts": param("framework", "Only events of this framework: sif or ilacs (default: any).", json!({ "type": "string", "enum": ["ilacs", "sif", "any"] })),
        "grade": param("grade", "The grade reached (default outstanding).", r("Grade")),
        "urn_filter": param("urn", "Only this LA's disagreements (Ofsted URN).", int()),
        "search_q": param("q", "What to search for: words (stemmed), \"quoted phrases\", AND, OR, NOT.", string()),
        "search_la": param("la", "Only this LA (name, alias, URN, DfE number or GSS code).", string()),
        "since": param("since", "Only reports published on or after this date.", date()),
        "search_until": param("until", "Only reports published on or before this date.", date()),
        "judgement_filter": param("judgement", "Only paragraphs under this judgement's heading (findings only; an error with in=all).", r("Judgement")),
        "search_in": param("in", "Where to search: findings (default: improvement items, priority actions, recommendations and judgement paragraphs) or all (the whole text of every page of every report; one result per matching page).", json!({ "type": "string", "enum": ["findings", "all"], "default": "findings" })),
        "themes_by": param("by", "Group by region, grade (the inspection's overall grade) or year (of publication).", json!({ "type": "string", "enum": ["region", "grade", "year"] })),
        "urn": { "name": "urn", "in": "path", "required": true, "description": "Ofsted URN of the LA (a name, DfE number or GSS code also works).", "schema": string() },
        "id": { "name": "id", "in": "path", "required": true, "description": "The event's id: positive and stable across rebuilds of the register (urn × 10^9 + yyyymmdd × 10 + n; see lacs_domain::event_id).", "schema": int() },
    })
}

fn ok(schema: Value, description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

fn error_response(description: &str) -> Value {
    ok(r("Error"), description)
}

fn op(summary: &str, params: &[&str], schema: Value, not_found: bool) -> Value {
    let mut responses = Map::new();
    responses.insert("200".into(), ok(schema, "OK"));
    responses.insert("400".into(), error_response("A parameter is malformed or unknown; the error names it."));
    if not_found {
        responses.insert("404".into(), error_response("No such local authority or inspection; suggestions for close names."));
    }
    json!({
        "get": {
            "summary": summary,
            "parameters": params.iter().map(|p| pref(p)).collect::<Vec<_>>(),
            "responses": responses,
        }
    })
}

/// The document.
pub fn document() -> Value {
    json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Register of Ofsted inspections of local authority children's services",
            "version": "1",
            "description": "Every graded inspection of English local authority children's services since 2014, read from Ofsted's reports and checked against Ofsted's official statistics. The shapes are those of the lacs command's --json output. Dates are yyyy-mm-dd; grades, judgements and kinds are stable words.",
            "license": { "name": "MIT OR Apache-2.0" }
        },
        "servers": [{ "url": "/" }],
        "paths": {
            "/api/v1/stats": op("The national (and regional) picture as at a date, counted as Ofsted counts", &["as_at", "published_by", "inspected_by", "judgement", "by", "list"], r("Stats"), false),
            "/api/v1/series": op("The national picture at each quarter end since 31 March 2014", &["judgement", "until"], r("TimeSeries"), false),
            "/api/v1/la": op("Every LA existing on a date, with its latest grade", &["as_at", "judgement", "region", "grade_filter", "q"], r("LaList"), false),
            "/api/v1/la/{urn}": op("One LA: every inspection and visit, the change at each, predecessors, successors and statistical neighbours", &["urn", "as_at"], r("LaView"), true),
            "/api/v1/inspection/{id}": op("One inspection: every judgement with the report text it was read from, and the disagreements with the official record", &["id"], r("InspectionDetail"), true),
            "/api/v1/changes": op("LAs with two or more inspections: the latest grade against the one before", &["as_at", "published_by", "inspected_by", "judgement", "framework_changes"], r("Changes"), false),
            "/api/v1/firsts": op("The order in which LAs first reached a grade in a judgement", &["judgement", "grade", "framework_firsts"], array(r("First")), false),
            "/api/v1/search": op("Full-text search (stemmed words, \"phrases\", AND, OR, NOT) over every improvement item, priority action, recommendation and judgement paragraph (the matching sentence with hits in [ ]), or with in=all over every page of every report (the text around the hits, with the page)", &["search_q", "search_in", "search_la", "since", "search_until", "judgement_filter"], array(r("SearchResult")), true),
            "/api/v1/themes": op("How often each improvement theme is named in improvement items of graded inspections published by the date, nationally and by group", &["as_at", "themes_by"], json!({
                "type": "object",
                "required": ["as_at", "items", "inspections", "unassigned", "themes", "groups"],
                "properties": {
                    "as_at": { "type": "string", "format": "date" }, "by": { "type": ["string", "null"] },
                    "items": { "type": "integer" }, "inspections": { "type": "integer" }, "unassigned": { "type": "integer" },
                    "themes": { "type": "array", "items": { "type": "object", "required": ["id", "label", "items", "inspections"] } },
                    "groups": { "type": "array", "items": { "type": "object", "required": ["name", "items", "inspections", "unassigned", "themes"] } }
                }
            }), false),
            "/api/v1/disagreements": op("Every value on which a report and the official record, or two official releases, differ", &["urn_filter"], array(r("Disagreement")), false),
            "/api/v1/openapi.json": {
                "get": {
                    "summary": "This document",
                    "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": { "type": "object" } } } } }
                }
            }
        },
        "components": {
            "schemas": schemas(),
            "parameters": parameters(),
        }
    })
}
