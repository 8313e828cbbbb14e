//! `facts` agrees with `firsts`, `stats` and `la` for every graded inspection in the register:
//! the whole corpus and Ofsted's official files ingested once with the binary, then every
//! graded inspection's facts asked of the library and each rank, count, grade, change and date
//! checked against the view that states it. Under `CI=true` a missing corpus fails.

mod common;
use common::*;

use lacs_analysis::{Grouping, StatsQuery};
use lacs_domain::{Grade, Judgement, OfstedRegion};
use lacs_query::{FactsRequest, InspectionChoice, InspectionView, LaRequest, Register};

fn grade_of(v: &InspectionView, j: Judgement) -> Option<Grade> {
    match j {
        Judgement::Overall => v.overall,
        Judgement::Leaders => v.leaders,
        Judgement::HelpProtection => v.help_protection,
        Judgement::InCare => v.in_care,
        Judgement::CareLeavers => v.care_leavers,
        Judgement::Adoption => v.adoption,
        Judgement::Lscb => v.lscb,
    }
}

#[test]
fn facts_agree_with_firsts_stats_and_la_for_every_inspection() {
    let Some(corpus) = corpus() else {
        assert!(!under_ci(), "CI=true: ../shared/corpus must be present");
        return;
    };
    let official_dir = corpus.parent().expect("shared").join("official");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("r.db");
    let o = run(&db, &["ingest", corpus.to_str().expect("path"), "--json"]);
    let summary: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("ingest: {e}: {}", stderr(&o)));
    // The corpus's HTML pages saved as .pdf are refused, which makes the run exit 1.
    assert_eq!(summary["failed"], 0, "ingest: {}", stderr(&o));
    assert!(o.status.code().is_some_and(|c| c <= 1), "ingest: {}", stderr(&o));
    let mut official: Vec<String> = std::fs::read_dir(&official_dir)
        .expect("../shared/official")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ods"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    official.sort();
    assert!(!official.is_empty(), "no official files in {}", official_dir.display());
    let mut args = vec!["import-official"];
    args.extend(official.iter().map(String::as_str));
    let o = run(&db, &args);
    assert!(o.status.success(), "import-official: {}", stderr(&o));

    let store = lacs_store::Store::open_read_only(&db).expect("register");
    let register = Register::load(&store).expect("load");
    let index = register.index();
    let (mut inspections, mut ranks, mut pictures, mut summaries, mut reports) = (0, 0, 0, 0, 0);
    for e in register.events.iter().filter(|e| e.is_graded() && e.published.is_some()) {
        if lacs_authorities::by_urn(e.urn).is_none() {
            continue;
        }
        let what = format!("{} (urn {}, event {})", e.event_type, e.urn, e.id);
        let request = FactsRequest { la: e.urn.to_string(), inspection: Some(InspectionChoice::Id(e.id)) };
        let f = register.facts(Some(&store), &request).unwrap_or_else(|err| panic!("{what}: {err}"));
        assert_eq!(f.event_id, e.id, "{what}");
        inspections += 1;
        summaries += usize::from(!f.summary.is_empty());
        reports += usize::from(e.sources.report_sha256.is_some());
        assert!(f.summary.iter().all(|s| !s.text.is_empty() && s.provenance.page.is_some()), "{what}: summary");

        // Grades, changes, dates and lists: as `la` gives them.
        let la = register.la(&LaRequest { la: e.urn.to_string(), as_at: None }).expect("la");
        let v = la.inspections.iter().find(|x| x.event_id == e.id).unwrap_or_else(|| panic!("{what}: not in la"));
        assert_eq!(f.on_site.as_ref().map(|o| (o.start, o.end)), v.inspection_start.map(|s| (s, v.inspection_end)), "{what}");
        assert_eq!(Some(f.published.date), v.published, "{what}");
        let graded: Vec<(Judgement, Grade)> = Judgement::ALL.iter().filter_map(|&j| grade_of(v, j).map(|g| (j, g))).collect();
        assert_eq!(f.grades.iter().map(|g| (g.judgement, g.grade)).collect::<Vec<_>>(), graded, "{what}: grades");
        for g in &f.grades {
            let c = v.changes.iter().find(|c| c.judgement == g.judgement);
            assert_eq!((g.previous, g.change), (c.and_then(|c| c.previous), c.map(|c| c.change)), "{what}: change in {}", g.judgement);
        }
        let texts = |xs: Vec<&str>| xs.join("\n");
        assert_eq!(
            texts(f.must_improve.iter().map(|i| i.finding.text.as_str()).collect()),
            texts(v.findings.iter().map(|i| i.text.as_str()).collect()),
            "{what}: must improve"
        );

        // Ranks: as `firsts` gives them; every outstanding judgement has its ranks.
        for r in &f.ranks {
            let region = r.region.map(|name| name.parse::<OfstedRegion>().expect("a region"));
            let list = index.firsts_in(r.judgement, r.grade, r.framework, region);
            let entry = list.iter().find(|x| x.urn == e.urn).unwrap_or_else(|| panic!("{what}: {} not among the firsts", r.statement));
            assert_eq!((r.rank, r.first_event_id, r.first_published), (entry.rank, entry.event_id, entry.published), "{what}: {}", r.statement);
            assert_eq!(r.this_inspection, entry.event_id == e.id, "{what}: {}", r.statement);
            assert_eq!(r.sharing, list.iter().filter(|x| x.rank == entry.rank).count(), "{what}");
            ranks += 1;
        }
        for (j, _) in e.grades.iter().filter(|(_, g)| *g == Grade::Outstanding) {
            assert!(f.ranks.iter().any(|r| r.judgement == j && r.framework.is_none() && r.region.is_none()), "{what}: outstanding for {j}, no rank");
        }

        // The picture: as `stats --as-at` the publication date counts it.
        for p in &f.picture {
            let stats = register.stats(&StatsQuery::as_at(f.published.date).judgement(p.judgement).by(Grouping::Region)).stats;
            assert_eq!(p.england.counts, stats.counts, "{what}: {}", p.statement);
            let region = stats.groups.iter().find(|g| g.name == f.region).expect("the LA's region");
            assert_eq!(p.region.counts, region.counts, "{what}: {}", p.statement);
            assert_eq!(p.england.at_grade, stats.counts.grades.get(p.grade), "{what}");
            assert!(p.counted || register.events.iter().any(|x| x.urn == e.urn && x.id != e.id && x.published == e.published), "{what}: not counted on its own day");
            pictures += 1;
        }
    }
    eprintln!("facts: {inspections} inspections, {ranks} ranks, {pictures} pictures checked; {summaries} of {reports} reports quoted");
    assert!(inspections > 400 && ranks > 50 && pictures > 1000, "{inspections} {ranks} {pictures}");
    assert!(summaries * 10 > reports * 9, "most reports give summary sentences: {summaries} of {reports}");

    // The command prints each fact on its line with its source.
    let o = run(&db, &["facts", "Barnsley", "--inspection", "2018-10-10"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("Barnsley: ILACS"), "{text}");
    assert!(text.contains("Overall effectiveness: ") && text.contains("[report, page ") && text.contains("[computed: lacs stats --as-at "), "{text}");
    let o = run(&db, &["facts", "Barnsley", "--inspection", "2001-01-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--inspection"), "{}", stderr(&o));
}
