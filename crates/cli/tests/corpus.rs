//! The whole corpus through the real binary: a batch killed part-way, completed by a rerun,
//! checked against truth.csv, re-ingested as a no-op, and exported.

mod common;
use common::*;
use std::time::{Duration, Instant};

#[test]
fn the_corpus_ingests_checks_and_exports() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.db");

    // Kill a batch part-way: the register must stay consistent and a rerun completes it.
    let mut child = lacs(&db).arg("ingest").arg(&corpus).stderr(std::process::Stdio::null()).spawn().unwrap();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(500));
        let stored = rusqlite_count(&db);
        if stored >= 20 {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let partial = rusqlite_count(&db);
    assert!(partial > 0 && partial < 441, "killed after {partial} documents");

    let o = run(&db, &["ingest", corpus.to_str().unwrap(), "--json"]);
    let summary: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(summary["files"], 444);
    assert_eq!(summary["failed"], 0, "{}", stderr(&o));
    let count = |k: &str| summary[k].as_u64().unwrap();
    assert_eq!(count("stored") + count("unchanged") + count("refused"), 444);
    // The 4 HTML pages are refused, in this run or the killed one; refusing fails the run.
    assert_eq!(o.status.code(), Some(if count("refused") > 0 { 1 } else { 0 }));
    for line in stderr(&o).lines().filter(|l| l.contains("refused")) {
        assert!(line.contains(".pdf: refused: an HTML page"), "{line}");
    }
    let o = run(&db, &["export", "inspections", "--format", "json"]);
    let all: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let refused = all.as_array().unwrap().iter().filter(|r| r["status"] == "refused").count();
    assert_eq!(refused, 4);

    // Every field agrees with truth.csv but the declared differences.
    let truth = corpus.join("truth.csv");
    let expect = std::path::PathBuf::from(lacs_check::TRUTH_DIFFERENCES);
    let o = run(&db, &["check", "--truth", truth.to_str().unwrap(), "--expect", expect.to_str().unwrap()]);
    println!("{}", stdout(&o));
    assert!(o.status.success(), "lacs check found disagreements:\n{}", stdout(&o));
    assert!(stdout(&o).contains("0 unexpected"), "{}", stdout(&o));

    // A second run changes nothing.
    let o = run(&db, &["export", "inspections", "--format", "csv", "-o", dir.path().join("export1.csv").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&db, &["ingest", corpus.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "a no-op rerun (refused files included) succeeds: {}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(summary["unchanged"], 444);
    assert_eq!(summary["stored"], 0);
    let o = run(&db, &["export", "inspections", "--format", "csv", "-o", dir.path().join("export2.csv").to_str().unwrap()]);
    assert!(o.status.success());
    let a = std::fs::read_to_string(dir.path().join("export1.csv")).unwrap();
    let b = std::fs::read_to_string(dir.path().join("export2.csv")).unwrap();
    assert_eq!(a, b, "re-ingesting identical files changed the export");

    // The export's columns, in order, and one record per file.
    let mut rdr = csv::Reader::from_reader(a.as_bytes());
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers.join(","),
        "source_file,sha256,kind,urn,la_code,gss_code,la_name,ofsted_region,inspection_start,inspection_end,published,\
         published_source,lead_inspector,overall,leaders,help_protection,in_care,care_leavers,adoption,lscb,status,review_reason"
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 444);
    let barnsley = rows.iter().find(|r| r[0].ends_with("80426_barnsley/children's services inspection - 27 october 2023.pdf")).unwrap();
    assert_eq!(&barnsley[2], "ilacs_short");
    assert_eq!(&barnsley[9], "2023-09-15");
    assert_eq!(&barnsley[11], "file_name");
    assert_eq!(&barnsley[12], "Anna Gravelle");
    assert_eq!(&barnsley[20], "ok");

    // JSON has the same keys in the same order.
    let o = run(&db, &["export", "inspections", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let first = json.as_array().unwrap()[0].as_object().unwrap();
    assert_eq!(first.keys().cloned().collect::<Vec<_>>(), headers);
    assert_eq!(json.as_array().unwrap().len(), 444);

    // Only the reports declared so need review: one prints no list of what needs to improve,
    // two skip a paragraph number.
    let o = run(&db, &["review", "--json"]);
    let review: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mut files: Vec<&str> = review.as_array().unwrap().iter().map(|r| r["source_files"][0].as_str().unwrap()).collect();
    files.sort();
    let declared = [
        "80517_waltham forest/children's services inspection - 20 january 2015.pdf",
        "80546_windsor & maidenhead/children's services inspection - 24 february 2020.pdf",
        "80571_thurrock/children's services inspection - 29 october 2024.pdf",
    ];
    assert_eq!(files.len(), declared.len(), "{files:?}");
    assert!(files.iter().zip(declared).all(|(file, path)| file.ends_with(path)), "{files:?}");

    official_record_joins_the_reports(&db, &corpus);
    facts_agree_with_firsts_stats_and_la(&db);
}

/// With the official statistics imported beside the reports, the register reproduces
/// Ofsted's published figures and lists where the two sources disagree.
fn official_record_joins_the_reports(db: &std::path::Path, corpus: &std::path::Path) {
    let official = corpus.parent().unwrap().join("official");
    let files: Vec<String> = ["Childrens_social_care_in_England_2023_underlying_data.ods", "LA_Inspection_Outcomes_as_at_31_March_2025.ods"]
        .iter()
        .map(|f| official.join(f).to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["import-official"];
    args.extend(files.iter().map(String::as_str));
    let o = run(db, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    // Importing the same releases again is idempotent.
    let o = run(db, &args);
    assert!(o.status.success(), "{}", stderr(&o));

    let figure = |extra: &[&str]| -> serde_json::Value {
        let mut a = vec!["stats", "--json"];
        a.extend_from_slice(extra);
        let o = run(db, &a);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    let grades = |v: &serde_json::Value| {
        let g = &v["grades"];
        (v["inspected"].as_u64().unwrap(), [&g["outstanding"], &g["good"], &g["requires_improvement"], &g["inadequate"]].map(|x| x.as_u64().unwrap()))
    };
    assert_eq!(grades(&figure(&["--as-at", "2016-03-31", "--published-by", "2016-04-30"])), (90, [2, 21, 45, 22]));
    assert_eq!(grades(&figure(&["--as-at", "2017-12-08"])), (152, [3, 52, 68, 29]));
    assert_eq!(grades(&figure(&["--as-at", "2022-03-31", "--published-by", "2022-04-30"])), (150, [19, 61, 52, 18]));
    let v = figure(&["--as-at", "2024-03-31", "--inspected-by", "2024-03-31", "--published-by", "2024-06-30", "--by", "region"]);
    assert_eq!(grades(&v), (151, [30, 61, 43, 17]));
    assert_eq!(v["authorities"], 153);
    assert_eq!(v["groups"].as_array().unwrap().len(), 8);

    let o = run(db, &["changes", "--as-at", "2024-03-31", "--inspected-by", "2024-03-31", "--published-by", "2024-06-30", "--json"]);
    let c: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        [&c["authorities"], &c["improved"], &c["kept_good_or_outstanding"], &c["declined"], &c["stayed_below_good"]].map(|x| x.as_u64().unwrap()),
        [65, 26, 15, 12, 12]
    );

    let o = run(db, &["reconcile", "--json"]);
    let d: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let west_berkshire = d.as_array().unwrap().iter().find(|d| d["field"] == "published" && d["report"] == "2015-05-13");
    assert!(west_berkshire.is_some_and(|d| d["official"] == "2015-05-18"), "West Berkshire's publication date disagreement is listed");

    let o = run(db, &["la", "Barnsley", "--json"]);
    let la: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(la["urn"], 80426);
    assert_eq!(la["region"], "North East, Yorkshire and the Humber");
    let inspections = la["inspections"].as_array().unwrap();
    let last = inspections.iter().rev().find(|i| i["kind"] == "ilacs_short").unwrap();
    assert_eq!(last["published"], "2023-10-27");
    assert_eq!(last["overall"], "good");
    assert_eq!(last["help_protection"], "requires_improvement");
    assert_eq!(last["source"], "report+official");

    let o = run(db, &["la", "Barnsly"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean: Barnsley"), "{}", stderr(&o));

    let o = run(db, &["firsts", "--grade", "outstanding", "--framework", "ilacs", "--json"]);
    let f: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ranks: Vec<u64> = f.as_array().unwrap().iter().map(|x| x["rank"].as_u64().unwrap()).collect();
    assert!(ranks.first() == Some(&1) && ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
}

/// The four SIF re-inspections whose titles don't say so are recognised whatever order their
/// LA's reports arrive in.
#[test]
fn untitled_reinspections_do_not_depend_on_order() {
    let Some(corpus) = corpus() else { return };
    let files = [
        "80458_darlington/children's services inspection - 21 may 2018.pdf",
        "80458_darlington/children's services inspection - 01 september 2015.pdf",
    ];
    let paths: Vec<_> = files.iter().map(|f| corpus.join(f)).filter(|p| p.exists()).collect();
    assert_eq!(paths.len(), 2, "expected Darlington's two SIFs in the corpus");
    let mut results = Vec::new();
    for order in [[0, 1], [1, 0]] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("r.db");
        for i in order {
            assert!(run(&db, &["ingest", paths[i].to_str().unwrap()]).status.success());
        }
        let o = run(&db, &["export", "inspections", "--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let kinds: Vec<(String, String)> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["inspection_start"].as_str().unwrap().to_string(), r["kind"].as_str().unwrap().to_string()))
            .collect();
        results.push(kinds);
    }
    assert_eq!(results[0], results[1]);
    assert_eq!(results[0].iter().map(|(_, k)| k.as_str()).collect::<Vec<_>>(), ["sif", "sif_reinspection"]);
}

fn rusqlite_count(db: &std::path::Path) -> usize {
    let o = run(db, &["export", "inspections", "--format", "json"]);
    serde_json::from_slice::<serde_json::Value>(&o.stdout).ok().and_then(|v| v.as_array().map(Vec::len)).unwrap_or(0)
}

/// `facts` agrees with `firsts`, `stats` and `la` for every graded inspection in the register
/// (reports and official rows): each rank, count, grade, change and date checked against the
/// view that states it.
fn facts_agree_with_firsts_stats_and_la(db: &std::path::Path) {
    use lacs_analysis::{Grouping, StatsQuery};
    use lacs_domain::{Grade, Judgement, OfstedRegion};
    use lacs_query::{FactsRequest, InspectionChoice, LaRequest, Register};
    let store = lacs_store::Store::open_read_only(db).expect("register");
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
        let graded: Vec<(Judgement, Grade)> = Judgement::ALL.iter().filter_map(|&j| v.grade(j).map(|g| (j, g))).collect();
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
    let o = run(db, &["facts", "Barnsley", "--inspection", "2018-10-10"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("Barnsley: ILACS"), "{text}");
    assert!(text.contains("Overall effectiveness: ") && text.contains("[report, page ") && text.contains("[computed: lacs stats --as-at "), "{text}");
    let o = run(db, &["facts", "Barnsley", "--inspection", "2001-01-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--inspection"), "{}", stderr(&o));
}

