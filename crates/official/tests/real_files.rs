//! Against Ofsted's real files in `../shared/official` (skipped, loudly, when absent).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use jiff::civil::date;
use lacs_domain::{Framework, Grade, Grade::*, JudgementSet, Kind};
use lacs_official::{Layout, OfficialData, OfficialEvent};
use lacs_testkit::shared::Missing;

const F2023: &str = "Childrens_social_care_in_England_2023_underlying_data.ods";
const F2025: &str = "LA_Inspection_Outcomes_as_at_31_March_2025.ods";

/// `../shared/<rel>`: skipped loudly when absent, a failure under `CI=true`.
fn shared(rel: &str) -> Option<PathBuf> {
    lacs_testkit::shared::shared(rel, Missing::FailUnderCi)
}

/// Each file is read once per test binary (the 2023 file takes seconds in a debug build).
fn load(name: &'static str) -> Option<&'static OfficialData> {
    static CACHE: OnceLock<std::sync::Mutex<BTreeMap<&'static str, &'static OfficialData>>> =
        OnceLock::new();
    let path = shared(&format!("official/{name}"))?;
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    Some(*cache.entry(name).or_insert_with(|| {
        Box::leak(Box::new(
            lacs_official::read(&path).unwrap_or_else(|e| panic!("{e}")),
        ))
    }))
}

/// (framework, kind or printed type) → count.
fn counts(data: &OfficialData) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for e in &data.events {
        let key = format!(
            "{}/{}",
            e.framework.map_or("-".to_string(), |f| f.to_string()),
            e.kind.map_or(e.event_type.clone(), |k| k.to_string())
        );
        *m.entry(key).or_insert(0) += 1;
    }
    m
}

fn expect_counts(data: &OfficialData, expected: &[(&str, usize)]) {
    let got = counts(data);
    let want: BTreeMap<String, usize> = expected.iter().map(|(k, n)| (k.to_string(), *n)).collect();
    assert_eq!(got, want, "events per framework/kind in {}", data.source);
}

fn set(
    overall: Option<Grade>,
    leaders: Option<Grade>,
    help_protection: Option<Grade>,
    in_care: Option<Grade>,
    care_leavers: Option<Grade>,
    adoption: Option<Grade>,
    lscb: Option<Grade>,
) -> JudgementSet {
    JudgementSet {
        overall,
        leaders,
        help_protection,
        in_care,
        care_leavers,
        adoption,
        lscb,
    }
}

fn find<'a>(data: &'a OfficialData, name: &str, published: jiff::civil::Date) -> &'a OfficialEvent {
    let found: Vec<_> = data
        .events
        .iter()
        .filter(|e| e.la_name == name && e.published == Some(published))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{name} published {published} in {}: {found:#?}",
        data.source
    );
    found[0]
}

#[test]
fn file_2023_events_per_framework() {
    let Some(data) = load(F2023) else { return };
    expect_counts(
        data,
        &[
            ("-/Child Protection Inspections (CPI)", 50),
            ("-/Child Protection Re-Inspection (CPRI)", 1),
            ("-/SLAC re-inspection of Safeguarding", 9),
            (
                "-/SLAC re-inspection of services for Children Looked After",
                2,
            ),
            (
                "-/Safeguarding & Looked After Children (SLAC) Inspection",
                152,
            ),
            ("ilacs/ILACS Focused Visit", 36),
            ("ilacs/LA Monitoring visit", 24),
            ("ilacs/ilacs_short", 50),
            ("ilacs/ilacs_standard", 127),
            ("lac_2013/lac_2013", 5),
            ("sif/sif", 152),
            ("sif/sif_reinspection", 21),
        ],
    );
    let layouts: Vec<_> = data
        .tables
        .iter()
        .map(|t| (t.sheet.as_str(), t.layout, t.heading_row, t.records))
        .collect();
    assert_eq!(
        layouts,
        [
            ("LA_level_at_31_Mar_2023", Layout::AsAt, 4, 152),
            ("LA_level_in_year_2022-23", Layout::Events, 3, 111),
            ("LA_inspections_2009-2023", Layout::WideHistory, 5, 557),
            ("LA_inspections_2009-2023", Layout::WideHistory, 161, 12),
        ]
    );
    // The in-year sheet's 51 graded inspections are the wide history's, merged.
    assert_eq!(
        data.events.iter().filter(|e| !e.also_in.is_empty()).count(),
        51
    );
    assert!(data
        .events
        .iter()
        .filter(|e| e.sheet == "LA_level_in_year_2022-23")
        .all(|e| !e.is_graded()));
    // Publication dates of the graded events.
    let sif: Vec<_> = data
        .graded_events()
        .filter(|e| e.framework == Some(Framework::Sif))
        .collect();
    assert_eq!(
        sif.iter().filter_map(|e| e.published).min(),
        Some(date(2014, 2, 11))
    );
    assert_eq!(
        sif.iter().filter_map(|e| e.published).max(),
        Some(date(2018, 8, 24))
    );
    let ilacs: Vec<_> = data
        .graded_events()
        .filter(|e| e.framework == Some(Framework::Ilacs))
        .collect();
    assert_eq!(
        ilacs.iter().filter_map(|e| e.published).min(),
        Some(date(2018, 3, 12))
    );
    assert_eq!(
        ilacs.iter().filter_map(|e| e.published).max(),
        Some(date(2023, 5, 10))
    );

    let as_at = &data.as_at_tables[0];
    assert_eq!(as_at.as_at, Some(date(2023, 3, 31)));
    assert_eq!(as_at.rows.len(), 152);
    assert!(as_at
        .rows
        .iter()
        .all(|r| r.inspection_start.is_some() && r.grades.overall.is_some()));
}

#[test]
fn file_2025_events_per_framework() {
    let Some(data) = load(F2025) else { return };
    expect_counts(
        data,
        &[
            ("ilacs/ILACS Focused Visit", 36),
            ("ilacs/LA Monitoring visit", 24),
            ("ilacs/ilacs_short", 100),
            ("ilacs/ilacs_standard", 171),
        ],
    );
    let layouts: Vec<_> = data
        .tables
        .iter()
        .map(|t| (t.sheet.as_str(), t.layout, t.heading_row, t.records))
        .collect();
    assert_eq!(
        layouts,
        [
            ("Inspections_as_at_31_March", Layout::AsAt, 3, 153),
            ("In-year_inspections", Layout::Events, 3, 112),
            ("ILACS_inspection_history", Layout::Events, 3, 271),
        ]
    );
    // Every 2024-25 graded inspection of the in-year sheet is a history row.
    assert_eq!(
        data.events.iter().filter(|e| !e.also_in.is_empty()).count(),
        52
    );
    let graded: Vec<_> = data.graded_events().collect();
    assert_eq!(graded.len(), 271);
    assert!(graded.iter().all(|e| e.sheet == "ILACS_inspection_history"));
    assert_eq!(
        graded.iter().filter_map(|e| e.inspection_start).min(),
        Some(date(2018, 1, 29))
    );
    assert_eq!(
        graded.iter().filter_map(|e| e.inspection_start).max(),
        Some(date(2025, 3, 24))
    );
    assert_eq!(
        graded.iter().filter_map(|e| e.published).max(),
        Some(date(2025, 5, 14))
    );
    let gone: Vec<_> = graded
        .iter()
        .filter(|e| e.la_status.as_deref() == Some("No longer exists"))
        .map(|e| e.la_name.as_str())
        .collect();
    assert_eq!(gone, ["Bournemouth", "Cumbria", "Northamptonshire"]);
    // Care leavers are judged apart only in inspections that began in 2023 or later.
    for e in &graded {
        let split = e.inspection_start.unwrap() >= lacs_domain::ILACS_CARE_LEAVERS_SPLIT;
        assert_eq!(e.grades.care_leavers.is_some(), split, "{e:?}");
    }

    let as_at = &data.as_at_tables[0];
    assert_eq!(as_at.as_at, Some(date(2025, 3, 31)));
    assert_eq!(as_at.rows.len(), 153);
    assert!(as_at
        .rows
        .iter()
        .all(|r| r.gss_code.is_some() && r.la_code.is_some() && r.published.is_some()));
}

/// Both files are clean: no cell of theirs is odd, so neither gives a row doubt.
#[test]
fn the_real_files_give_no_row_doubts() {
    for name in [F2023, F2025] {
        let Some(data) = load(name) else { return };
        let listed: Vec<String> = data.doubts.iter().map(|d| d.to_string()).collect();
        assert!(listed.is_empty(), "{name}: {listed:#?}");
    }
}

#[test]
fn every_event_has_an_la_and_a_publication_date() {
    for name in [F2023, F2025] {
        let Some(data) = load(name) else { return };
        for e in &data.events {
            assert!(!e.la_name.is_empty(), "{e:?}");
            assert!(e.ofsted_region.is_some(), "{e:?}");
            // The 2023 file's in-year sheet has no publication date column: its visits have none.
            let no_date_column = e.sheet == "LA_level_in_year_2022-23";
            assert_eq!(e.published.is_some(), !no_date_column, "{e:?}");
        }
    }
    // The 2025 file names every LA by GSS code and (in the web link) DfE LA number.
    let Some(data) = load(F2025) else { return };
    assert!(data
        .events
        .iter()
        .all(|e| e.gss_code.is_some() && e.la_code.is_some()));
    // The 2023 file's web links give a URN or an LA number for some LAs only; most of the wide
    // history's links end in a name ("local-authorities/barnet"), so those LAs are known by
    // name alone.
    let Some(data) = load(F2023) else { return };
    let with_id = data
        .events
        .iter()
        .filter(|e| e.urn.is_some() || e.la_code.is_some())
        .count();
    assert_eq!((with_id, data.events.len()), (281, 629));
}

/// Known events (facts checked against the reports in `../shared/corpus`).
#[test]
fn spot_checks_against_the_reports() {
    let (Some(d23), Some(d25)) = (load(F2023), load(F2025)) else {
        return;
    };

    // SIF: City of London 2016; adoption not judged (printed " -").
    let e = find(d23, "City of London", date(2016, 9, 20));
    assert_eq!(e.kind, Some(Kind::Sif));
    assert_eq!(
        e.grades,
        set(
            Some(Good),
            Some(Outstanding),
            Some(Good),
            Some(Good),
            Some(Good),
            Some(NotJudged),
            Some(Outstanding)
        )
    );
    assert_eq!(e.urn, Some(80450));

    // SIF re-inspection: Slough 2016 (the report's LSCB judgement is not in the file).
    let e = find(d23, "Slough", date(2016, 2, 17));
    assert_eq!(e.kind, Some(Kind::SifReinspection));
    let i = Some(Inadequate);
    assert_eq!(
        e.grades,
        set(i, i, i, i, i, Some(RequiresImprovement), None)
    );

    // 2013 looked-after-children inspection (TLAC): Sandwell.
    let e = find(d23, "Sandwell", date(2013, 8, 2));
    assert_eq!(
        (e.framework, e.kind),
        (Some(Framework::Lac2013), Some(Kind::Lac2013))
    );
    assert_eq!(
        e.event_type,
        "Targeted Looked After Children (TLAC) inspection"
    );

    // ILACS standard: Nottingham 2022 (the 2023 file misprints publication as 5 November).
    let e = find(d25, "Nottingham", date(2022, 9, 5));
    assert_eq!(
        (e.kind, e.inspection_start),
        (Some(Kind::IlacsStandard), Some(date(2022, 7, 11)))
    );
    let ri = Some(RequiresImprovement);
    assert_eq!(e.grades, set(i, ri, i, ri, None, None, None));
    assert_eq!(
        (e.gss_code.as_deref(), e.la_code),
        (Some("E06000018"), Some(892))
    );
    let old = find(d23, "Nottingham", date(2022, 11, 5));
    assert_eq!(
        (old.grades, old.inspection_start),
        (e.grades, e.inspection_start)
    );

    // ILACS short: Dorset Council 2025, with care leavers judged apart.
    let e = find(d25, "Dorset", date(2025, 5, 9));
    let o = Some(Outstanding);
    assert_eq!(
        (e.kind, e.inspection_start),
        (Some(Kind::IlacsShort), Some(date(2025, 3, 17)))
    );
    assert_eq!(e.grades, set(o, o, o, o, Some(Good), None, None));
    assert_eq!(e.la_code, Some(838));

    // ILACS short: Merton 2022 (the 2023 file says standard; the report and 2025 file short).
    assert_eq!(
        find(d25, "Merton", date(2022, 5, 9)).kind,
        Some(Kind::IlacsShort)
    );
    assert_eq!(
        find(d23, "Merton", date(2022, 5, 9)).kind,
        Some(Kind::IlacsStandard)
    );

    // The 2023 file's LSCB column is the stand-alone review for Surrey (August 2015), though
    // it sits with the June 2015 SIF.
    assert_eq!(find(d23, "Surrey", date(2015, 6, 3)).grades.lscb, ri);

    // Dorset (county, abolished 2019) and Dorset (Dorset Council) share a name in 2023.
    let dorsets: Vec<_> = d23
        .graded_events()
        .filter(|e| e.la_name == "Dorset")
        .map(|e| (e.urn, e.la_code, e.kind))
        .collect();
    assert_eq!(
        dorsets,
        [
            (None, Some(838), Some(Kind::IlacsStandard)),
            (Some(80463), None, Some(Kind::Sif))
        ]
    );
}

/// Every graded report in the corpus is in an official file with the same kind, grades and
/// publication date, except where the corpus notes a difference.
#[test]
fn corpus_truth_agrees_with_the_official_files() {
    let Some(truth) = shared("corpus/truth.csv") else {
        return;
    };
    let (Some(d23), Some(d25)) = (load(F2023), load(F2025)) else {
        return;
    };
    let mut rdr = csv::Reader::from_path(truth).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let mut checked = 0;
    let mut problems = Vec::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let get = |k: &str| {
            rec.get(headers.iter().position(|h| h == k).unwrap())
                .unwrap()
                .to_string()
        };
        let Ok(kind) = get("kind").parse::<Kind>() else {
            continue;
        };
        if !kind.is_graded_event() {
            continue;
        }
        let published: jiff::civil::Date = get("published").parse().unwrap();
        let g = |k: &str| match get(k).as_str() {
            "" => None,
            w => Some(w.parse::<Grade>().unwrap()),
        };
        let grades = set(
            g("overall"),
            g("leaders"),
            g("help_protection"),
            g("in_care"),
            g("care_leavers"),
            g("adoption"),
            g("lscb"),
        );
        let same_la = |e: &OfficialEvent| {
            e.gss_code.as_deref() == Some(get("gss_code").as_str())
                || e.la_code.map(|c| c.to_string()) == Some(get("la_code"))
                || e.urn.map(|c| c.to_string()) == Some(get("urn"))
                || simple(&e.la_name) == simple(&get("la_name"))
        };
        let found: Vec<&OfficialEvent> = d25
            .graded_events()
            .chain(d23.graded_events())
            .filter(|e| e.published == Some(published) && same_la(e))
            .collect();
        checked += 1;
        let id = format!("{} {} {}", get("la_name"), kind, published);
        if found.is_empty() {
            problems.push(format!("{id}: not in the official files"));
            continue;
        }
        for e in found {
            if e.kind != Some(kind) || e.grades != grades {
                problems.push(format!(
                    "{id}: {} row {} says {:?} {:?}",
                    e.sheet, e.row, e.kind, e.grades
                ));
            }
        }
    }
    assert!(checked > 400, "{checked}");
    // The differences the corpus notes (the reports win), and the 2023 file's Merton type.
    let known = [
        "Merton ilacs_short 2022-05-09: LA_inspections_2009-2023 row 84 says Some(IlacsStandard)",
        "Slough sif_reinspection 2016-02-17: LA_inspections_2009-2023 row 116 says Some(SifReinspection)",
        "Surrey sif 2015-06-03: LA_inspections_2009-2023 row 131 says Some(Sif)",
    ];
    let unexplained: Vec<_> = problems
        .iter()
        .filter(|p| !known.iter().any(|k| p.starts_with(k)))
        .collect();
    assert!(unexplained.is_empty(), "{unexplained:#?}");
    assert_eq!(problems.len(), known.len(), "{problems:#?}");
}

/// A name reduced for matching across spellings ("Bristol, City of" / "Bristol",
/// "Telford & Wrekin" / "Telford and Wrekin").
fn simple(name: &str) -> String {
    let n = name
        .to_lowercase()
        .replace('&', "and")
        .replace(", city of", "")
        .replace("city of ", "");
    n.chars().filter(|c| c.is_alphanumeric()).collect()
}
