//! The two sources of the real register, joined: reports stand-in from
//! `../shared/corpus/truth.csv`, official rows from both files in `../shared/official`
//! (skipped, loudly, when `../shared` is absent).
//!
//! The stand-in for the register's reports: one row per line of `truth.csv`, with
//! `document_id` = line number (1 for the first data line), its kind, LA, start date and
//! grades. Its publication date is what the register would hold: ILACS reports print none, so
//! the file name's; SIF and other reports print one, equal to `truth.csv`'s (Ofsted's) date,
//! except the reports in [`PRINTED`] (found with `pdftotext` on pages 1–2 of every non-ILACS
//! report): West Berkshire's 2015 SIF prints 13 May 2015 (Ofsted: 18 May), and the reports
//! that print no date fall back on their file name's.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use jiff::civil::{date, Date};
use lacs_analysis::{Cutoff, Index, StatsQuery};
use lacs_domain::{Grade, InspectionEvent, Judgement, JudgementSet, Kind, PublishedSource};
use lacs_reconcile::*;
use lacs_testkit::shared::Missing;

const F2023: &str = "Childrens_social_care_in_England_2023_underlying_data.ods";
const F2025: &str = "LA_Inspection_Outcomes_as_at_31_March_2025.ods";

/// Non-ILACS reports whose printed publication date is not `truth.csv`'s: (path, printed
/// date, or `None` when the report prints none).
const PRINTED: &[(&str, Option<&str>)] = &[(
    "80577_west berkshire/children's services inspection - 18 may 2015.pdf",
    Some("2015-05-13"),
)];
/// Non-ILACS reports that print no publication date, by folder and file-name date.
const PRINT_NONE: &[&str] = &[
    "norfolk/children's services inspection - 16 august 2013",
    "bolton/children's services inspection - 21 march 2014",
    "bradford/children's services inspection - 23 may 2014",
    "coventry/children's services inspection - 21 march 2014",
    "derbyshire/children's services inspection - 11 february 2014",
    "east sussex/children's services inspection - 21 march 2014",
    "essex/children's services inspection - 21 march 2014",
    "hampshire/children's services inspection - 22 april 2014",
    "hartlepool/children's services inspection - 11 february 2014",
    "kent/children's services inspection - 23 august 2013",
    "lancashire/children's services inspection - 17 august 2018",
    "hillingdon/children's services inspection - 11 february 2014",
    "hounslow/children's services inspection - 21 march 2014",
    "redbridge/children's services inspection - 25 november 2016",
    "medway/children's services inspection - 23 august 2013",
    "sandwell/children's services inspection - 02 august 2013",
    "sheffield/children's services inspection - 21 february 2014",
    "staffordshire/children's services inspection - 21 march 2014",
    "stoke-on-trent/children's services inspection - 12 august 2015",
];

fn shared(rel: &str) -> Option<PathBuf> {
    lacs_testkit::shared::shared(rel, Missing::Skip)
}

struct Data {
    reports: Vec<ReportRow>,
    official: Vec<OfficialRow>,
    reconciled: Reconciled,
    elapsed_ms: f64,
}

fn file_name_date(path: &str) -> Option<Date> {
    let stem = path.strip_suffix(".pdf")?;
    let (_, tail) = stem.rsplit_once(" - ")?;
    jiff::fmt::strtime::parse("%d %B %Y", tail)
        .ok()?
        .to_date()
        .ok()
}

fn opt<T: std::str::FromStr>(s: &str) -> Option<T>
where
    T::Err: std::fmt::Debug,
{
    (!s.is_empty()).then(|| s.parse().unwrap_or_else(|e| panic!("{s:?}: {e:?}")))
}

fn reports_from_truth(text: &str) -> Vec<ReportRow> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, rec) in rdr.deserialize::<BTreeMap<String, String>>().enumerate() {
        let r = rec.unwrap();
        let path = r["path"].clone();
        let kind: Kind = r["kind"].parse().unwrap();
        let mut grades = JudgementSet::default();
        for j in Judgement::ALL {
            grades.set(*j, opt::<Grade>(&r[j.as_str()]));
        }
        let truth: Option<Date> = opt(&r["published"]);
        let from_name = file_name_date(&path);
        let prints_none = PRINT_NONE.iter().any(|p| path.contains(p));
        let (published, source) =
            if matches!(kind, Kind::IlacsStandard | Kind::IlacsShort) || prints_none {
                (from_name, from_name.map(|_| PublishedSource::FileName))
            } else if let Some((_, printed)) = PRINTED.iter().find(|(p, _)| *p == path) {
                (
                    printed.map(|d| d.parse().unwrap()),
                    Some(PublishedSource::Report),
                )
            } else {
                (truth, truth.map(|_| PublishedSource::Report))
            };
        out.push(ReportRow {
            document_id: i as i64 + 1,
            sha256: r["sha256"].clone(),
            source_file: path,
            kind,
            urn: opt(&r["urn"]),
            inspection_start: opt(&r["inspection_start"]),
            inspection_end: None,
            published,
            published_source: source,
            grades,
            withheld: vec![],
            needs_review: false,
        });
    }
    out
}

fn data() -> Option<&'static Data> {
    static CACHE: OnceLock<Option<Data>> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            let truth = shared("corpus/truth.csv")?;
            let p23 = shared(&format!("official/{F2023}"))?;
            let p25 = shared(&format!("official/{F2025}"))?;
            let reports = reports_from_truth(&std::fs::read_to_string(truth).unwrap());
            let mut official = Vec::new();
            for p in [p23, p25] {
                let data = lacs_official::read(&p).unwrap_or_else(|e| panic!("{e}"));
                official.extend(official_rows(&data));
            }
            for (i, r) in official.iter_mut().enumerate() {
                r.id = i as i64 + 1;
            }
            let t = Instant::now();
            let reconciled = reconcile(&reports, &official);
            let elapsed_ms = t.elapsed().as_secs_f64() * 1000.0;
            Some(Data {
                reports,
                official,
                reconciled,
                elapsed_ms,
            })
        })
        .as_ref()
}

macro_rules! data_or_skip {
    () => {
        lacs_testkit::shared_or_skip!(data())
    };
}

fn report<'a>(d: &'a Data, path: &str) -> &'a ReportRow {
    d.reports
        .iter()
        .find(|r| r.source_file == path)
        .unwrap_or_else(|| panic!("no report {path}"))
}

fn disagreement<'a>(
    d: &'a Data,
    field: &str,
    pred: impl Fn(&Disagreement) -> bool,
) -> Vec<&'a Disagreement> {
    d.reconciled
        .disagreements_on(field)
        .filter(|x| pred(x))
        .collect()
}

/// Prints the counts (run with `--nocapture`), and pins them.
#[test]
fn counts() {
    let d = data_or_skip!();
    let r = &d.reconciled;
    let mut by: BTreeMap<(String, String), usize> = BTreeMap::new();
    for x in &r.disagreements {
        *by.entry((x.kind.to_string(), x.field.clone())).or_default() += 1;
    }
    let official_only_graded: Vec<_> = r
        .events
        .iter()
        .filter(|e| e.is_graded() && e.sources.report_sha256.is_none())
        .collect();
    eprintln!(
        "{} reports, {} official rows -> {} events; {} reports matched; {} official-only graded \
         events; reconcile took {:.2} ms (this build)\ndisagreements: {by:#?}",
        d.reports.len(),
        d.official.len(),
        r.events.len(),
        r.matches.len(),
        official_only_graded.len(),
        d.elapsed_ms
    );
    for x in &r.disagreements {
        eprintln!(
            "  {} {} {} {}: {:?} vs {:?} ({:?}; {})",
            x.kind,
            x.la_name,
            date_or_blank(x.published),
            x.field,
            x.report,
            x.official,
            x.source_file,
            x.official_source
        );
    }
    assert!(
        r.unmatched_official.is_empty(),
        "every official row has an LA"
    );
    // The 4 files that are not reports make no event.
    let not_reports: Vec<i64> = d
        .reports
        .iter()
        .filter(|x| x.kind == Kind::NotAReport)
        .map(|x| x.document_id)
        .collect();
    assert_eq!(r.reports_without_event, not_reports);
    assert_eq!(not_reports.len(), 4);
    // 435 graded reports and the 4 2013 LAC reports match; the stand-alone LSCB review has no
    // official row of its own.
    assert_eq!(r.matches.len(), 439);
    // The graded events of the predecessor councils (Bournemouth, Poole, Dorset County
    // Council, Northamptonshire, Cumbria), whose reports the corpus lacks.
    assert_eq!(official_only_graded.len(), 9);
    let mut predecessors: Vec<u32> = official_only_graded.iter().map(|e| e.urn).collect();
    predecessors.dedup();
    for urn in &predecessors {
        assert!(
            lacs_authorities::by_urn(*urn).unwrap().end.is_some(),
            "{urn} is abolished"
        );
    }
    let fields: Vec<(&str, &str, usize)> = by
        .iter()
        .map(|((k, f), n)| (k.as_str(), f.as_str(), *n))
        .collect();
    assert_eq!(
        fields,
        [
            ("official_releases", "inspection_start", 1),
            ("official_releases", "kind", 1),
            ("official_releases", "published", 1),
            ("report_vs_official", "lscb", 2),
            ("report_vs_official", "published", 2),
        ]
    );
    assert!(d.elapsed_ms < 200.0, "reconcile took {} ms", d.elapsed_ms);
}

fn date_or_blank(d: Option<Date>) -> String {
    d.map_or_else(String::new, |d| d.to_string())
}

#[test]
fn every_graded_report_matches_an_official_event() {
    let d = data_or_skip!();
    let matched: std::collections::HashSet<i64> =
        d.reconciled.matches.iter().map(|m| m.document_id).collect();
    for r in d.reports.iter().filter(|r| r.kind.is_graded_event()) {
        assert!(
            matched.contains(&r.document_id),
            "{} matches no official event",
            r.source_file
        );
        let e = d
            .reconciled
            .events
            .iter()
            .find(|e| e.sources.report_sha256.as_ref() == Some(&r.sha256))
            .unwrap();
        assert_eq!(e.source_label(), "report+official");
        assert_eq!(
            (e.kind, e.grades),
            (Some(r.kind), r.grades),
            "{}",
            r.source_file
        );
        assert!(e.sources.url.is_some());
    }
    // The ILACS inspections of 2018 to May 2023 are in both releases: one official event each.
    let both = d
        .reconciled
        .matches
        .iter()
        .filter(|m| m.official_ids.len() == 2)
        .count();
    let official_only_both = d
        .reconciled
        .events
        .iter()
        .filter(|e| e.sources.report_sha256.is_none())
        .filter(|e| {
            e.sources
                .official
                .as_deref()
                .is_some_and(|s| s.contains("; "))
        })
        .count();
    // The predecessors' three (Poole 2018, Northamptonshire 2019, Cumbria 2022) have no report.
    assert_eq!(
        (both, official_only_both),
        (174, 3),
        "all 177 ILACS rows of the 2023 file"
    );
    // Event ids are positive, JavaScript-safe and never clash, and each names its LA.
    let mut ids: Vec<i64> = d.reconciled.events.iter().map(|e| e.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), d.reconciled.events.len());
    assert!(d.reconciled.events.iter().all(|e| e.id > 0
        && e.id < 1 << 53
        && e.id / lacs_domain::EVENT_ID_URN_FACTOR == i64::from(e.urn)));
    // Sorted by URN, then publication date, then start.
    assert!(d.reconciled.events.windows(2).all(|w| {
        (w[0].urn, w[0].published, w[0].inspection_start)
            <= (w[1].urn, w[1].published, w[1].inspection_start)
    }));
}

#[test]
fn known_disagreements() {
    let d = data_or_skip!();
    let releases = |x: &Disagreement| x.kind == DisagreementKind::OfficialReleases;
    let vs = |x: &Disagreement| x.kind == DisagreementKind::ReportVsOfficial;

    // The 2025 release corrects the 2023 release: Merton 2022 was short, Nottingham's 2022
    // report was published 5 September; the 2023 file also starts Cumbria's 2022 inspection a
    // day late.
    let merton = disagreement(d, "kind", |x| releases(x) && x.la_name == "Merton");
    assert_eq!(merton.len(), 1);
    assert_eq!(
        (merton[0].report.as_str(), merton[0].official.as_str()),
        ("ilacs_standard", "ilacs_short")
    );
    assert!(merton[0].source_file.as_deref().unwrap().starts_with(F2023));
    assert!(merton[0].official_source.starts_with(F2025));
    assert_eq!(merton[0].document_id, None);
    let merton_event = d
        .reconciled
        .events
        .iter()
        .find(|e| e.urn == 80510 && e.published == Some(date(2022, 5, 9)))
        .unwrap();
    assert_eq!(merton_event.kind, Some(Kind::IlacsShort));
    let nottingham = disagreement(d, "published", |x| releases(x) && x.la_name == "Nottingham");
    assert_eq!(
        (
            nottingham[0].report.as_str(),
            nottingham[0].official.as_str()
        ),
        ("2022-11-05", "2022-09-05")
    );
    let cumbria = disagreement(d, "inspection_start", releases);
    assert_eq!(
        (
            cumbria[0].la_name.as_str(),
            cumbria[0].report.as_str(),
            cumbria[0].official.as_str()
        ),
        ("Cumbria", "2022-09-21", "2022-09-20")
    );

    // West Berkshire's 2015 SIF prints 13 May; Ofsted says 18 May. The event keeps the
    // report's date.
    let wb = report(
        d,
        "80577_west berkshire/children's services inspection - 18 may 2015.pdf",
    );
    let x = disagreement(d, "published", |x| {
        vs(x) && x.document_id == Some(wb.document_id)
    });
    assert_eq!(
        (x[0].report.as_str(), x[0].official.as_str()),
        ("2015-05-13", "2015-05-18")
    );
    assert_eq!(x[0].la_name, "West Berkshire");
    let e = d
        .reconciled
        .events
        .iter()
        .find(|e| x[0].concerns(e))
        .unwrap();
    assert_eq!(e.published, Some(date(2015, 5, 13)));
    // Stoke-on-Trent's 2015 SIF prints no date; its file name is two days after Ofsted's.
    let stoke = disagreement(d, "published", |x| vs(x) && x.la_name == "Stoke-on-Trent");
    assert_eq!(
        (stoke[0].report.as_str(), stoke[0].official.as_str()),
        ("2015-08-12", "2015-08-10")
    );
    assert!(stoke[0].note.as_deref().unwrap().contains("file name"));

    // Slough's 2016 re-inspection report grades the LSCB; Ofsted's file has no LSCB column for
    // re-inspections. The event keeps the report's grade.
    let slough = report(
        d,
        "80553_slough/children's services inspection - 17 february 2016.pdf",
    );
    let x = disagreement(d, "lscb", |x| x.document_id == Some(slough.document_id));
    assert_eq!(
        (x[0].report.as_str(), x[0].official.as_str()),
        ("inadequate", "")
    );
    assert!(x[0].note.as_deref().unwrap().contains("no LSCB column"));
    let e = d
        .reconciled
        .events
        .iter()
        .find(|e| e.sources.report_sha256.as_ref() == Some(&slough.sha256))
        .unwrap();
    assert_eq!(
        (e.kind, e.grades.lscb),
        (Some(Kind::SifReinspection), Some(Grade::Inadequate))
    );

    // Surrey: the 2023 file's LSCB grade on the June 2015 SIF row is the stand-alone review's
    // of August 2015. Listed on the SIF with a note naming the review, which agrees.
    let sif = report(
        d,
        "80567_surrey/children's services inspection - 03 june 2015.pdf",
    );
    let review = report(
        d,
        "80567_surrey/children's services inspection - 03 august 2015.pdf",
    );
    let x = disagreement(d, "lscb", |x| x.la_name == "Surrey");
    assert_eq!(x.len(), 1, "{x:#?}");
    assert_eq!(x[0].document_id, Some(sif.document_id));
    assert_eq!(
        (x[0].report.as_str(), x[0].official.as_str()),
        ("", "requires_improvement")
    );
    let note = x[0].note.as_deref().unwrap();
    assert!(
        note.contains(&format!("document {}", review.document_id)) && note.contains("2015-08-03"),
        "{note}"
    );
    let events = &d.reconciled.events;
    let of = |r: &ReportRow| events.iter().find(|e| e.sources.report_sha256.as_ref() == Some(&r.sha256)).unwrap();
    let (sif_event, review_event) = (of(sif), of(review));
    assert_eq!(sif_event.grades.lscb, None);
    assert_eq!(
        (review_event.kind, review_event.grades.lscb),
        (Some(Kind::LscbReview), Some(Grade::RequiresImprovement))
    );
    assert_eq!(review_event.source_label(), "report");

    // No ILACS report's file-name date differs from Ofsted's publication date in this corpus.
    let ilacs = |x: &Disagreement| {
        let doc = x
            .document_id
            .and_then(|id| d.reports.iter().find(|r| r.document_id == id));
        doc.is_some_and(|r| matches!(r.kind, Kind::IlacsShort | Kind::IlacsStandard))
    };
    assert_eq!(disagreement(d, "published", |x| vs(x) && ilacs(x)).len(), 0);
}

/// The register built from reports and official rows reproduces Ofsted's published figures.
#[test]
fn ofsted_figures_from_the_joined_register() {
    let d = data_or_skip!();
    let index = Index::new(&d.reconciled.events);
    assert!(index.unknown_urns().is_empty());
    let figure = |q: StatsQuery| {
        let s = index.stats(&q);
        (
            s.counts.authorities,
            s.counts.inspected,
            s.counts.grades.as_array(),
        )
    };
    let q = StatsQuery::new(Cutoff::ofsted_release(date(2024, 3, 31)));
    assert_eq!(figure(q), (153, 151, [30, 61, 43, 17]));
    let q = StatsQuery::new(Cutoff::ofsted_release(date(2025, 3, 31)));
    assert_eq!(figure(q), (153, 153, [36, 67, 31, 19]));
    let q = StatsQuery::as_at(date(2016, 3, 31)).published_by(date(2016, 4, 30));
    assert_eq!(figure(q), (152, 90, [2, 21, 45, 22]));
    assert_eq!(
        figure(StatsQuery::as_at(date(2017, 12, 8))),
        (152, 152, [3, 52, 68, 29])
    );
    let q = StatsQuery::as_at(date(2022, 3, 31)).published_by(date(2022, 4, 30));
    assert_eq!(figure(q), (152, 150, [19, 61, 52, 18]));
}

#[test]
fn the_same_sources_in_another_order_give_the_same_event_ids() {
    let Some(d) = data() else { return };
    // Another order, and other store ids: ids come from what the events are.
    let mut reports = d.reports.clone();
    reports.reverse();
    for (i, r) in reports.iter_mut().enumerate() {
        r.document_id = 10_000 + i as i64;
    }
    let mut official = d.official.clone();
    official.reverse();
    for (i, r) in official.iter_mut().enumerate() {
        r.id = 50_000 + i as i64;
    }
    let again = reconcile(&reports, &official);
    let key = |e: &lacs_domain::InspectionEvent| {
        (e.id, e.sources.report_sha256.clone(), e.event_type.clone(), e.published)
    };
    let mut before: Vec<_> = d.reconciled.events.iter().map(key).collect();
    let mut after: Vec<_> = again.events.iter().map(key).collect();
    before.sort();
    after.sort();
    assert_eq!(before, after);
}

/// Both files' in-year sheets print a theme for each visit: every visit event made of them
/// carries it (the register file does not keep it yet: this is the join in memory), and every
/// monitoring visit follows an inadequate judgement and is numbered.
#[test]
fn visits_carry_their_themes_and_monitoring_visits_their_numbers() {
    let Some(d) = data() else { return };
    let visits: Vec<&InspectionEvent> = d.reconciled.events.iter().filter(|e| e.visit.is_some()).collect();
    assert_eq!(visits.len(), 120, "36 focused and 24 monitoring visits in each file");
    let themed = visits.iter().filter(|e| e.visit.as_ref().is_some_and(|v| v.theme.is_some())).count();
    assert_eq!(themed, visits.len(), "every visit with its theme");
    let monitoring: Vec<_> = visits
        .iter()
        .filter_map(|e| e.visit.as_ref().filter(|v| v.visit_type == lacs_domain::UngradedKind::MonitoringVisit))
        .collect();
    assert_eq!(monitoring.len(), 48);
    let numbered = monitoring.iter().filter(|v| v.sequence.is_some()).count();
    assert_eq!(numbered, 48, "every monitoring visit follows an inadequate judgement");
    // The number counts from an inadequate graded inspection of the same LA.
    for e in &visits {
        if let Some(id) = e.visit.as_ref().and_then(|v| v.since_inspection) {
            let g = d.reconciled.events.iter().find(|g| g.id == id).expect("the inspection");
            assert!(g.urn == e.urn && g.is_graded() && g.grades.overall == Some(Grade::Inadequate), "{e:?}");
        }
    }
}
