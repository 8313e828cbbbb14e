//! `lacs sync` against a local stand-in of the reports site serving real reports from
//! `../shared/corpus`, with faults injected: 500s, a 503 with Retry-After, a response slower
//! than the timeout, a body cut short, a connection dropped mid-body, an HTML page instead of a
//! PDF, a file listed twice, the same content under two file ids, small listing pages that
//! force paging, visit letters and a publication of another kind.

mod common;

use common::*;
use lacs_ingest::{Limits, WorkerCommand};
use lacs_store::Store;
use lacs_sync::{sync, KindHint, Progress, PublicationStatus, Stage, SyncOptions, SyncSummary};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Duration;

/// Six LAs, 17 reports, including the 2013 "children's services inspection,  pdf" and the
/// "single inspection of la children's services as pdf" link texts.
const LAS: &[&str] = &[
    "80418_norfolk",
    "80419_isle of wight",
    "80426_barnsley",
    "2532283_dorset",
    "80427_bath and north east somerset",
    "80477_kingston upon hull",
];

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// What the stand-in serves, and what a sync should make of it.
struct Fixture {
    site: Site,
    /// file id → (provider URN, sha256) of every report file.
    reports: BTreeMap<String, (u32, String)>,
    /// Distinct report contents.
    shas: BTreeSet<String>,
    /// Report file ids in listing order.
    report_ids: Vec<String>,
    focused: Option<String>,
    monitoring: Option<String>,
    other: Option<String>,
    /// A second file id serving content already served under another.
    same_content: Option<String>,
    urns: Vec<u32>,
}

impl Fixture {
    /// Every file id a full run fetches.
    fn fetchable(&self) -> BTreeSet<String> {
        let mut ids: BTreeSet<String> = self.reports.keys().cloned().collect();
        ids.extend(self.focused.clone());
        ids.extend(self.monitoring.clone());
        ids
    }
}

fn fixture(corpus: &Path, las: &[&str], extras: bool) -> Fixture {
    let mut site = Site { page_cap: 2, ..Default::default() };
    let mut fx = Fixture {
        site: Site::default(),
        reports: BTreeMap::new(),
        shas: BTreeSet::new(),
        report_ids: Vec::new(),
        focused: None,
        monitoring: None,
        other: None,
        same_content: None,
        urns: Vec::new(),
    };
    let mut next_id = 50_172_400u64;
    let mut id = || {
        next_id += 1;
        next_id.to_string()
    };
    for folder in las {
        let (urn, name) = folder.split_once('_').unwrap();
        let urn: u32 = urn.parse().unwrap();
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(corpus.join(folder)).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        let mut publications = Vec::new();
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            if lacs_pdftext::check_complete(&bytes).is_err() {
                continue; // a saved web page: not what the site serves
            }
            let file_id = id();
            let link_text = f.file_stem().unwrap().to_string_lossy().into_owned();
            fx.reports.insert(file_id.clone(), (urn, sha(&bytes)));
            fx.shas.insert(sha(&bytes));
            fx.report_ids.push(file_id.clone());
            site.files.insert(file_id.clone(), bytes);
            publications.push(Publication { file_id, link_text });
        }
        fx.urns.push(urn);
        site.providers.push(Provider { urn, name: title_case(name), publications });
    }
    if extras {
        // A focused visit letter under the first LA, a monitoring visit under the second.
        let f = id();
        site.files.insert(
            f.clone(),
            text_pdf(&["Ofsted", "Focused visit to Norfolk local authority children's services", "Dear Director"]),
        );
        site.providers[0].publications.push(Publication { file_id: f.clone(), link_text: "focused visit - 12 march 2020".into() });
        fx.focused = Some(f);
        let m = id();
        site.files.insert(m.clone(), text_pdf(&["Monitoring visit of Isle of Wight children's services", "Dear Director"]));
        site.providers[1]
            .publications
            .push(Publication { file_id: m.clone(), link_text: "Monitoring visit - 01 June 2021".into() });
        fx.monitoring = Some(m);
        // Another kind of publication: recorded, never fetched.
        let o = id();
        site.files.insert(o.clone(), text_pdf(&["Area SEND inspection"]));
        site.providers[2]
            .publications
            .push(Publication { file_id: o.clone(), link_text: "Area SEND inspection - 04 april 2019".into() });
        fx.other = Some(o);
        // The same file listed twice on one page, under two link texts.
        let again = site.providers[2].publications[0].clone();
        site.providers[2]
            .publications
            .push(Publication { file_id: again.file_id, link_text: format!("{} (welsh summary)", again.link_text) });
        // The same content under a second file id, on another LA's page.
        let first = site.providers[site.providers.len() - 2].publications[0].clone();
        let d = id();
        let bytes = site.files[&first.file_id].clone();
        fx.reports.insert(d.clone(), (site.providers.last().unwrap().urn, sha(&bytes)));
        site.files.insert(d.clone(), bytes);
        site.providers.last_mut().unwrap().publications.push(Publication { file_id: d.clone(), link_text: first.link_text });
        fx.same_content = Some(d);
    }
    fx.site = site;
    fx
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

fn worker(mode: &str) -> WorkerCommand {
    WorkerCommand {
        program: PathBuf::from(env!("CARGO_BIN_EXE_lacs-sync-worker")),
        args: vec![mode.into(), "--max-memory-mb".into(), "1024".into()],
    }
}

fn limits() -> Limits {
    Limits { timeout: Duration::from_secs(120), ..Limits::default() }
}

fn options(base_url: &str, cache: &Path) -> SyncOptions {
    let mut o = SyncOptions::new(cache);
    o.base_url = base_url.to_string();
    o.rate_per_sec = 100.0;
    o.timeout = Duration::from_secs(1);
    o.retries = 3;
    o.backoff = Duration::from_millis(20);
    o.jobs = 2;
    o.letter_worker = Some(worker("__read-letter"));
    o
}

fn run(db: &Path, opts: &SyncOptions) -> SyncSummary {
    run_with(db, opts, |_| {})
}

fn run_with(db: &Path, opts: &SyncOptions, on_progress: impl FnMut(&Progress)) -> SyncSummary {
    let mut store = Store::open(db).unwrap();
    sync(&mut store, opts, &worker("__read-pdf"), &limits(), on_progress).expect("sync runs")
}

/// Every report content is in the register exactly once (one document, one source path), and
/// nothing else is.
fn assert_each_report_once(db: &Path, fx: &Fixture) {
    let store = Store::open(db).unwrap();
    let records = store.inspection_records().unwrap();
    let got: Vec<&str> = records.iter().map(|r| r.sha256.as_str()).collect();
    let distinct: BTreeSet<String> = got.iter().map(|s| s.to_string()).collect();
    assert_eq!(got.len(), distinct.len(), "a report stored twice: {got:?}");
    assert_eq!(distinct, fx.shas, "the register holds exactly the served reports, none truncated");
    for r in &records {
        assert!(r.source_file.contains("/la/"), "ingested from the named cache path: {}", r.source_file);
    }
}

fn assert_cache_clean(cache: &Path, fx: &Fixture) {
    let tmp: Vec<_> = std::fs::read_dir(cache.join("tmp")).unwrap().collect();
    assert!(tmp.is_empty(), "no temporary files left: {tmp:?}");
    for (_, sha) in fx.reports.values() {
        let path = cache.join(&sha[..2]).join(format!("{sha}.pdf"));
        assert_eq!(file_sha(&path), *sha, "{} is whole", path.display());
    }
}

fn file_sha(path: &Path) -> String {
    sha(&std::fs::read(path).unwrap_or_default())
}

#[test]
fn a_faulty_site_is_synced_completely_once_and_a_second_run_fetches_nothing() {
    let Some(corpus) = corpus() else { return };
    let mut fx = fixture(&corpus, LAS, true);
    let ids = fx.report_ids.clone();
    let s = &fx.site;
    s.fault_once("/search?start=2", Fault::RetryAfter(1));
    s.fault_once(&format!("/provider/44/{}", fx.urns[1]), Fault::Status(500));
    s.fault_once(&format!("/v1/file/{}", ids[0]), Fault::Status(500));
    s.fault_once(&format!("/v1/file/{}", ids[1]), Fault::Status(403));
    s.fault_once(&format!("/v1/file/{}", ids[3]), Fault::Slow(Duration::from_millis(2500)));
    s.fault_once(&format!("/v1/file/{}", ids[5]), Fault::Short);
    s.fault_once(&format!("/v1/file/{}", ids[7]), Fault::Abort);
    s.fault_once(&format!("/v1/file/{}", ids[9]), Fault::Html);
    s.fault_once(&format!("/v1/file/{}", fx.focused.as_ref().unwrap()), Fault::Status(502));
    let fetchable = fx.fetchable();
    let other = fx.other.clone().unwrap();
    let twice = fx.site.providers[2].publications[0].file_id.clone();
    let standin = StandIn::start(std::mem::take(&mut fx.site));
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    let opts = options(&standin.base_url, &cache);

    let mut reasons: Vec<String> = Vec::new();
    let first = run_with(&db, &opts, |p| {
        if let Progress::Retrying(note) = p {
            reasons.push(format!("{} {}", note.url, note.reason));
        }
    });
    eprintln!("retried: {reasons:#?}");
    let retried_for = |file_id: &str, words: &str| {
        assert!(
            reasons.iter().any(|r| r.contains(&format!("/v1/file/{file_id} ")) && r.contains(words)),
            "{file_id}: no retry for {words:?} in {reasons:#?}"
        )
    };
    retried_for(&ids[0], "HTTP 500");
    retried_for(&ids[1], "HTTP 403");
    retried_for(&ids[3], "timed out after 1 s");
    retried_for(&ids[5], "PDF cut short");
    retried_for(&ids[7], "body cut short after");
    retried_for(&ids[9], "HTML page, not a PDF");
    assert!(reasons.iter().any(|r| r.contains("start=2") && r.contains("503")), "{reasons:#?}");
    assert!(first.failures.is_empty(), "{:#?}", first.failures);
    assert!(!first.interrupted && first.all_ok());
    assert_eq!(first.providers, LAS.len());
    assert_each_report_once(&db, &fx);
    assert_cache_clean(&cache, &fx);
    assert_eq!(first.new_reports, fx.shas.len());
    assert_eq!(first.duplicates, 1, "the same content under a second file id");
    assert_eq!(first.new_visits, 2);
    assert_eq!(first.new_events, fx.shas.len() + 2);
    assert_eq!(first.other_publications, 1);
    assert_eq!(first.new_files, fetchable.len());
    assert_eq!(first.retries, 9, "{reasons:#?}");
    assert_eq!(reasons.len(), 9);

    let hits = standin.site.hits();
    // Paging: 2 providers a page, advanced by what was received, until a page adds none.
    let listing: Vec<&str> =
        hits.iter().filter(|h| h.key.starts_with("/search") && h.status == 200).map(|h| h.key.as_str()).collect();
    assert_eq!(listing, ["/search?start=0", "/search?start=2", "/search?start=4", "/search?start=6"]);
    // Retry-After: 1 honoured.
    let busy: Vec<_> = hits.iter().filter(|h| h.key == "/search?start=2").collect();
    assert_eq!(busy[0].status, 503);
    assert!(busy[1].at - busy[0].at >= Duration::from_millis(950), "{:?}", busy[1].at - busy[0].at);
    // Each file fetched until it came whole, and the other kind of publication never.
    let file_hits: BTreeSet<String> =
        standin.site.file_hits().iter().map(|h| h.key.trim_start_matches("/v1/file/").to_string()).collect();
    assert_eq!(file_hits, fetchable);
    assert!(!file_hits.contains(&other));
    assert!(hits.iter().all(|h| h.user_agent.starts_with("lacs/") && h.user_agent.contains(env!("CARGO_PKG_REPOSITORY"))));

    // What the site said is kept with each report and letter.
    let store = Store::open(&db).unwrap();
    let rows = store.site_publications().unwrap();
    for (id, (urn, sha)) in &fx.reports {
        let row = rows.iter().find(|r| &r.file_id == id && r.urn == *urn).unwrap_or_else(|| panic!("row for {id}"));
        assert_eq!(row.kind_hint, KindHint::Report, "{}", row.link_text);
        assert_eq!(row.status, PublicationStatus::Stored, "{row:?}");
        assert_eq!(row.sha256.as_ref(), Some(sha));
        assert!(row.url.ends_with(&format!("/v1/file/{id}")));
        assert!(row.published.is_some(), "date from the link text: {}", row.link_text);
        assert!(row.link_text.to_lowercase().contains("pdf - "), "the site's own link text: {}", row.link_text);
    }
    let focused = rows.iter().find(|r| Some(&r.file_id) == fx.focused.as_ref()).unwrap();
    assert_eq!(
        (focused.kind_hint, focused.status, focused.confirmed, focused.published.as_deref()),
        (KindHint::FocusedVisit, PublicationStatus::Recorded, Some(true), Some("2020-03-12"))
    );
    assert!(focused.is_visit_event() && focused.urn == fx.urns[0]);
    let monitoring = rows.iter().find(|r| Some(&r.file_id) == fx.monitoring.as_ref()).unwrap();
    assert_eq!((monitoring.kind_hint, monitoring.confirmed), (KindHint::MonitoringVisit, Some(true)));
    let skipped = rows.iter().find(|r| r.file_id == other).unwrap();
    assert_eq!((skipped.kind_hint, skipped.status, skipped.sha256.as_ref()), (KindHint::Other, PublicationStatus::Skipped, None));
    // The file listed twice on one page is one row.
    assert_eq!(rows.iter().filter(|r| r.file_id == twice).count(), 1);
    // Visit letters are not reports.
    assert_eq!(store.inspection_records().unwrap().len(), fx.shas.len());
    drop(store);

    // Second run: nothing downloaded, pages answered 304, nothing new.
    standin.site.clear_log();
    let second = run(&db, &opts);
    assert!(second.failures.is_empty(), "{:#?}", second.failures);
    assert!(standin.site.file_hits().is_empty(), "second run fetched {:?}", standin.site.file_hits());
    assert_eq!((second.new_files, second.new_events, second.from_cache), (0, 0, 0));
    assert_eq!(second.pages_not_modified, second.pages_read);
    assert_eq!(second.already_done, fetchable.len());
    assert_each_report_once(&db, &fx);
}

#[test]
fn a_dry_run_lists_what_it_would_fetch_and_fetches_nothing() {
    let Some(corpus) = corpus() else { return };
    let mut fx = fixture(&corpus, &LAS[..3], true);
    let expected = fx.fetchable();
    let standin = StandIn::start(std::mem::take(&mut fx.site));
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    let mut opts = options(&standin.base_url, &cache);
    opts.dry_run = true;
    let summary = run(&db, &opts);
    assert!(summary.dry_run && summary.failures.is_empty(), "{:#?}", summary.failures);
    let listed: BTreeSet<String> = summary.would_fetch.iter().map(|w| w.file_id.clone()).collect();
    assert_eq!(listed, expected);
    assert!(summary.would_fetch.iter().any(|w| w.kind_hint == KindHint::FocusedVisit));
    assert!(standin.site.file_hits().is_empty());
    assert_eq!(summary.new_files, 0);
    let store = Store::open(&db).unwrap();
    assert!(store.inspection_records().unwrap().is_empty());
    assert!(store.site_publications().unwrap().is_empty(), "a dry run changes nothing");
    assert!(!cache.exists(), "a dry run makes no cache");

    // Only some providers, and a User-Agent of the user's choosing.
    opts.only_urns = Some(vec![fx.urns[1]]);
    opts.user_agent = Some("newsroom-check/1.0 (+mailto:data@example.org)".into());
    standin.site.clear_log();
    let one = run(&db, &opts);
    assert!(one.would_fetch.iter().all(|w| w.urn == fx.urns[1]) && !one.would_fetch.is_empty());
    assert_eq!(one.providers, 1);
    let hits = standin.site.hits();
    assert!(!hits.is_empty() && hits.iter().all(|h| h.user_agent == "newsroom-check/1.0 (+mailto:data@example.org)"), "{hits:?}");
}

#[test]
fn an_interrupted_run_is_finished_by_the_next_without_fetching_again() {
    let Some(corpus) = corpus() else { return };
    let las = &LAS[..3];
    let mut fx = fixture(&corpus, las, false);
    let standin = StandIn::start(std::mem::take(&mut fx.site));
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    let opts = options(&standin.base_url, &cache);

    // Stop after the fifth download: the first LA's reports are in, the second's are cached
    // but not yet read.
    let cancel = opts.cancel.clone();
    let mut downloads = 0;
    let first = run_with(&db, &opts, |p| {
        if let Progress::Downloaded { .. } = p {
            downloads += 1;
            if downloads == 5 {
                cancel.store(true, Ordering::Relaxed);
            }
        }
    });
    assert!(first.interrupted && !first.all_ok());
    assert_eq!(first.new_files, 5);
    assert!(first.new_reports < fx.shas.len());
    // As if killed while writing the next download.
    std::fs::write(cache.join("tmp/999-1.part"), b"%PDF-1.4 half").unwrap();

    let mut opts = opts.clone();
    opts.cancel = Default::default();
    let second = run(&db, &opts);
    assert!(second.all_ok(), "{:#?}", second.failures);
    assert_eq!(second.from_cache, 5 - first.new_reports, "cached files read without fetching again");
    assert_eq!(first.new_files + second.new_files, fx.reports.len());
    assert_eq!(first.new_reports + second.new_reports, fx.shas.len());
    assert_each_report_once(&db, &fx);
    assert_cache_clean(&cache, &fx);
    // Every file was requested exactly once over both runs.
    let mut per_file: BTreeMap<String, usize> = BTreeMap::new();
    for h in standin.site.file_hits() {
        *per_file.entry(h.key).or_default() += 1;
    }
    assert_eq!(per_file.len(), fx.reports.len());
    assert!(per_file.values().all(|n| *n == 1), "{per_file:?}");
}

#[test]
fn lasting_failures_are_reported_and_never_stop_the_other_las() {
    let Some(corpus) = corpus() else { return };
    let las = &LAS[..4];
    let mut fx = fixture(&corpus, las, false);
    let site = std::mem::take(&mut fx.site);
    let broken_provider = format!("/provider/44/{}", fx.urns[0]);
    let html_file = site.providers[1].publications[0].file_id.clone();
    let gone_file = site.providers[2].publications[0].file_id.clone();
    let first_la: Vec<String> = site.providers[0].publications.iter().map(|p| p.file_id.clone()).collect();
    site.fault_always(&broken_provider, Fault::Status(500));
    site.fault_always(&format!("/v1/file/{html_file}"), Fault::Html);
    site.fault_always(&format!("/v1/file/{gone_file}"), Fault::Status(404));
    let standin = StandIn::start(site);
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    let mut opts = options(&standin.base_url, &cache);
    opts.retries = 2;

    let summary = run(&db, &opts);
    assert!(!summary.all_ok());
    let failed: Vec<(Stage, Option<&str>, &str)> =
        summary.failures.iter().map(|f| (f.stage, f.file_id.as_deref(), f.reason.as_str())).collect();
    assert_eq!(failed.len(), 1, "{failed:#?}");
    assert!(failed.iter().any(|(s, _, r)| *s == Stage::ProviderPage && r.contains("500")), "{failed:?}");
    // A "Report not found" page (after its retries) and a 404 are gone, not failures.
    let gone: Vec<(&str, &str)> = summary.gone.iter().map(|g| (g.file_id.as_str(), g.reason.as_str())).collect();
    assert_eq!(gone.len(), 2, "{gone:#?}");
    assert!(gone.iter().any(|(id, r)| *id == html_file && r.contains("HTML") && r.contains("3 tries")), "{gone:?}");
    assert!(gone.iter().any(|(id, r)| *id == gone_file && r.contains("404")), "{gone:?}");
    // A 404 is not retried; the HTML page was, twice.
    let hits = standin.site.file_hits();
    assert_eq!(hits.iter().filter(|h| h.key.ends_with(&gone_file)).count(), 1);
    assert_eq!(hits.iter().filter(|h| h.key.ends_with(&html_file)).count(), 3);
    assert_eq!(standin.site.hits().iter().filter(|h| h.key == broken_provider).count(), 3);

    // Everything else is in.
    let store = Store::open(&db).unwrap();
    let stored: BTreeSet<String> = store.inspection_records().unwrap().into_iter().map(|r| r.sha256).collect();
    let expected: BTreeSet<String> = fx
        .reports
        .iter()
        .filter(|(id, (urn, _))| *urn != fx.urns[0] && **id != html_file && **id != gone_file)
        .map(|(_, (_, sha))| sha.clone())
        .collect();
    assert_eq!(stored, expected);
    let rows = store.site_publications().unwrap();
    let html_row = rows.iter().find(|r| r.file_id == html_file).unwrap();
    assert_eq!((html_row.status, html_row.sha256.as_ref()), (PublicationStatus::Gone, None));
    assert!(html_row.error.as_deref().unwrap_or("").contains("HTML"));
    assert!(html_row.checked_at.is_some());
    assert!(std::fs::read_dir(cache.join("tmp")).unwrap().next().is_none(), "nothing half-written left");
    drop(store);

    // Once the site mends, the next run fetches just what failed; what is gone waits for its
    // re-check, which --recheck-gone brings forward.
    standin.site.always.lock().unwrap().clear();
    standin.site.clear_log();
    let again = run(&db, &opts);
    assert!(again.all_ok(), "{:#?}", again.failures);
    let fetched = || -> BTreeSet<String> {
        standin.site.file_hits().iter().map(|h| h.key.trim_start_matches("/v1/file/").to_string()).collect()
    };
    let want: BTreeSet<String> = first_la.into_iter().collect();
    assert_eq!(fetched(), want);
    assert_eq!(again.gone.len(), 2);
    standin.site.clear_log();
    opts.recheck_gone = true;
    let rechecked = run(&db, &opts);
    assert!(rechecked.all_ok() && rechecked.gone.is_empty(), "{:#?}", rechecked.gone);
    assert_eq!(fetched(), BTreeSet::from([html_file, gone_file]));
    assert_each_report_once(&db, &fx);
}

#[test]
fn a_second_run_while_one_is_going_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    // Hold the lock as a running sync would.
    let mut site = Site { page_cap: 2, ..Default::default() };
    site.providers.push(Provider { urn: 80426, name: "Barnsley".into(), publications: vec![] });
    let standin = StandIn::start(site);
    let opts = options(&standin.base_url, &cache);
    let db = dir.path().join("register.db");
    std::fs::create_dir_all(&cache).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let holder_opts = opts.clone();
    let holder_db = dir.path().join("other.db");
    let holder = std::thread::spawn(move || {
        let mut store = Store::open(&holder_db).unwrap();
        let mut told = false;
        let _ = sync(&mut store, &holder_opts, &worker("__read-pdf"), &limits(), |p| {
            if !told {
                if let Progress::ListingPage { .. } = p {
                    told = true;
                    tx.send(()).unwrap();
                    release_rx.recv().unwrap();
                }
            }
        });
    });
    rx.recv().unwrap();
    let mut store = Store::open(&db).unwrap();
    let err = sync(&mut store, &opts, &worker("__read-pdf"), &limits(), |_| {}).unwrap_err();
    assert!(err.to_string().contains("another lacs sync is running"), "{err}");
    release_tx.send(()).unwrap();
    holder.join().unwrap();
    // Free again.
    assert!(sync(&mut store, &opts, &worker("__read-pdf"), &limits(), |_| {}).is_ok());
}

#[test]
fn content_the_register_already_holds_is_not_stored_again_and_letters_are_checked() {
    let Some(corpus) = corpus() else { return };
    let las = &LAS[2..3];
    let mut fx = fixture(&corpus, las, false);
    // A "focused visit" link whose file is in fact a report: recorded, with a doubt.
    let mislabelled = "50172499".to_string();
    let report_bytes = std::fs::read(corpus.join(las[0]).join("children's services inspection - 19 november 2018.pdf")).unwrap();
    fx.site.files.insert(mislabelled.clone(), report_bytes);
    fx.site.providers[0]
        .publications
        .push(Publication { file_id: mislabelled.clone(), link_text: "focused visit - 02 march 2020".into() });
    let standin = StandIn::start(std::mem::take(&mut fx.site));
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));

    // One of the LA's reports was ingested from a folder before any sync.
    let earlier = corpus.join(las[0]).join("children's services inspection - 08 august 2014.pdf");
    {
        let mut store = Store::open(&db).unwrap();
        let s = lacs_ingest::ingest(&mut store, std::slice::from_ref(&earlier), &worker("__read-pdf"), &limits(), 1, |_| {}).unwrap();
        assert_eq!(s.stored, 1);
    }
    let mut opts = options(&standin.base_url, &cache);
    opts.letter_worker = None; // read in-process
    let summary = run(&db, &opts);
    assert!(summary.all_ok(), "{:#?}", summary.failures);
    assert_eq!((summary.new_reports, summary.duplicates, summary.new_visits), (fx.shas.len() - 1, 1, 1));
    assert_eq!(summary.doubts.len(), 1, "{:#?}", summary.doubts);
    assert!(summary.doubts[0].reason.contains("does not mention a focused visit"), "{:#?}", summary.doubts);

    let store = Store::open(&db).unwrap();
    let records = store.inspection_records().unwrap();
    assert_eq!(records.len(), fx.shas.len(), "each content once");
    let earlier_sha = sha(&std::fs::read(&earlier).unwrap());
    let rec = records.iter().find(|r| r.sha256 == earlier_sha).unwrap();
    assert_eq!(rec.source_file, earlier.display().to_string(), "the earlier path is kept, no second source");
    let rows = store.site_publications().unwrap();
    let row = rows.iter().find(|r| r.sha256.as_deref() == Some(earlier_sha.as_str())).unwrap();
    assert_eq!(row.status, PublicationStatus::Stored, "linked to Ofsted's copy by sha256");
    let letter = rows.iter().find(|r| r.file_id == mislabelled).unwrap();
    assert_eq!((letter.status, letter.confirmed), (PublicationStatus::Recorded, Some(false)));
}

/// A time for a run's clock.
fn at(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

#[test]
fn dead_links_are_recorded_gone_skipped_and_checked_again_after_30_days() {
    let Some(corpus) = corpus() else { return };
    let mut fx = fixture(&corpus, &LAS[2..3], false);
    // Two old links whose files are gone: one serves a "Report not found" page, one a 404.
    let (not_found, missing) = ("50179998".to_string(), "50179999".to_string());
    fx.site.files.insert(not_found.clone(), b"placeholder".to_vec());
    fx.site.fault_always(&format!("/v1/file/{not_found}"), Fault::Html);
    for id in [&not_found, &missing] {
        fx.site.providers[0]
            .publications
            .push(Publication { file_id: id.clone(), link_text: "children's services inspection - 01 may 2012".into() });
    }
    let standin = StandIn::start(std::mem::take(&mut fx.site));
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    let mut opts = options(&standin.base_url, &cache);
    opts.now = Some(at("2026-01-10T09:00:00Z"));

    // First run: the reports stored, the two links recorded gone, and the run is sound.
    let first = run(&db, &opts);
    assert!(first.all_ok(), "{:#?}", first.failures);
    assert_eq!(first.new_reports, fx.shas.len());
    let gone: BTreeSet<&str> = first.gone.iter().map(|g| g.file_id.as_str()).collect();
    assert_eq!(gone, BTreeSet::from([not_found.as_str(), missing.as_str()]));
    assert!(first.gone.iter().all(|g| g.checked_now && g.checked_at == "2026-01-10T09:00:00Z" && g.la_name == "Barnsley"));
    assert_eq!(first.gone_line().unwrap(), "2 links gone (last checked 2026-01-10)");
    assert!(first.line().contains("2 links gone"), "{}", first.line());
    let store = Store::open(&db).unwrap();
    for id in [&not_found, &missing] {
        let row = store.site_publication(fx.urns[0], id).unwrap().unwrap();
        assert_eq!((row.status, row.checked_at.as_deref()), (PublicationStatus::Gone, Some("2026-01-10T09:00:00Z")));
        assert!(row.error.is_some());
    }
    let recorded = store.last_sync_run().unwrap().unwrap();
    assert!(recorded.ok && recorded.summary.contains("2 links gone"), "{recorded:?}");
    assert_eq!(recorded.new_events as usize, fx.shas.len());
    drop(store);

    // A day later: nothing downloaded, the links still listed as gone, a sound run.
    standin.site.clear_log();
    opts.now = Some(at("2026-01-11T09:00:00Z"));
    let second = run(&db, &opts);
    assert!(second.all_ok(), "{:#?}", second.failures);
    assert!(standin.site.file_hits().is_empty(), "{:?}", standin.site.file_hits());
    assert_eq!((second.new_files, second.gone.len()), (0, 2));
    assert!(second.gone.iter().all(|g| !g.checked_now && g.checked_at == "2026-01-10T09:00:00Z"));

    // 30 days on, they are asked for again (and only they), and are still gone.
    standin.site.clear_log();
    opts.now = Some(at("2026-02-09T09:00:00Z"));
    let later = run(&db, &opts);
    assert!(later.all_ok(), "{:#?}", later.failures);
    let asked: BTreeSet<String> =
        standin.site.file_hits().iter().map(|h| h.key.trim_start_matches("/v1/file/").to_string()).collect();
    assert_eq!(asked, BTreeSet::from([not_found.clone(), missing.clone()]));
    assert!(later.gone.iter().all(|g| g.checked_now && g.checked_at == "2026-02-09T09:00:00Z"), "{:#?}", later.gone);
}

#[test]
fn an_empty_or_shrunken_listing_fails_the_run_and_is_not_recorded() {
    // A listing with no LAs: an error, recorded as a failed run.
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    let standin = StandIn::start(Site { page_cap: 2, ..Default::default() });
    let opts = options(&standin.base_url, &cache);
    let mut store = Store::open(&db).unwrap();
    let err = sync(&mut store, &opts, &worker("__read-pdf"), &limits(), |_| {}).unwrap_err();
    assert!(matches!(err, lacs_sync::SyncError::ListingEmpty { .. }), "{err}");
    let last = store.last_sync_run().unwrap().unwrap();
    assert!(!last.ok && last.error.as_deref().unwrap_or("").contains("no local authority"), "{last:?}");
    drop(standin);

    // Four LAs (visit letters only), read whole; then the listing gives one.
    let mut site = Site { page_cap: 2, ..Default::default() };
    for (i, urn) in [80418u32, 80419, 80426, 80477].into_iter().enumerate() {
        let id = format!("6000000{i}");
        site.files.insert(id.clone(), text_pdf(&["Focused visit to the local authority children's services", "Dear Director"]));
        let publications = vec![Publication { file_id: id, link_text: "focused visit - 12 march 2020".into() }];
        site.providers.push(Provider { urn, name: format!("LA {urn}"), publications });
    }
    let standin = StandIn::start(site);
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    let mut opts = options(&standin.base_url, &cache);
    opts.letter_worker = None;
    let full = run(&db, &opts);
    assert!(full.all_ok(), "{:#?}", full.failures);
    assert_eq!((full.listed_providers, full.new_visits), (Some(4), 4));
    let listing_page = |db: &Path| {
        let store = Store::open(db).unwrap();
        let url = format!("{}/search?q=&location=&lat=&lon=&radius=&level_1_types=3&level_2_types%5B%5D=12&start=0&rows=100", standin.base_url);
        store.site_page(&url).unwrap().expect("the listing's first page is recorded")
    };
    let before = listing_page(&db);

    *standin.site.listing_limit.lock().unwrap() = Some(1);
    let mut store = Store::open(&db).unwrap();
    let err = sync(&mut store, &opts, &worker("__read-pdf"), &limits(), |_| {}).unwrap_err();
    assert!(matches!(err, lacs_sync::SyncError::ListingShrunk { found: 1, previous: 4 }), "{err}");
    let last = store.last_sync_run().unwrap().unwrap();
    assert!(!last.ok && last.error.as_deref().unwrap_or("").contains("under half"), "{last:?}");
    assert_eq!(store.site_publications().unwrap().len(), 4, "nothing stored is lost");
    drop(store);
    assert_eq!(listing_page(&db), before, "the shrunken listing is not recorded");

    // Mended: the listing is as recorded (304s), and the run sound.
    *standin.site.listing_limit.lock().unwrap() = None;
    let mended = run(&db, &opts);
    assert!(mended.all_ok() && mended.listed_providers == Some(4), "{:#?}", mended.failures);
    assert_eq!(mended.already_done, 4);
}

#[test]
fn a_provider_page_listing_nothing_is_an_error_when_the_register_holds_its_la() {
    let mut site = Site { page_cap: 10, ..Default::default() };
    site.files.insert("60000001".into(), text_pdf(&["Focused visit to Barnsley local authority children's services"]));
    site.providers.push(Provider {
        urn: 80426,
        name: "Barnsley".into(),
        publications: vec![Publication { file_id: "60000001".into(), link_text: "focused visit - 12 march 2020".into() }],
    });
    // A new LA with nothing published yet.
    site.providers.push(Provider { urn: 80477, name: "Kingston upon Hull".into(), publications: vec![] });
    let standin = StandIn::start(site);
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    let mut opts = options(&standin.base_url, &cache);
    opts.letter_worker = None;
    let first = run(&db, &opts);
    assert!(first.all_ok(), "{:#?}", first.failures);
    assert_eq!(first.doubts.len(), 1, "{:#?}", first.doubts);
    assert!(first.doubts[0].urn == Some(80477) && first.doubts[0].reason.contains("lists no publication"));

    // Barnsley's page now lists nothing, though the register holds its letter.
    standin.site.empty_pages.lock().unwrap().push(80426);
    let second = run(&db, &opts);
    assert!(!second.all_ok());
    assert_eq!(second.failures.len(), 1, "{:#?}", second.failures);
    let f = &second.failures[0];
    assert!(f.stage == Stage::ProviderPage && f.urn == Some(80426) && f.reason.contains("holds 1"), "{f:?}");
    assert!(second.line().contains("1 failures"), "{}", second.line());

    // The empty page was not recorded: mended, it answers 304 and what was read before holds.
    standin.site.empty_pages.lock().unwrap().clear();
    let third = run(&db, &opts);
    assert!(third.all_ok(), "{:#?}", third.failures);
    assert_eq!(third.already_done, 1);
}

#[test]
fn an_abolished_la_is_reached_by_its_urn_without_the_listing() {
    let mut site = Site { page_cap: 10, ..Default::default() };
    site.providers.push(Provider { urn: 80426, name: "Barnsley".into(), publications: vec![] });
    site.files.insert("60000002".into(), text_pdf(&["Focused visit to Northamptonshire local authority children's services"]));
    // Northamptonshire was abolished in 2021: its page stays up, the listing no longer gives it.
    site.unlisted.push(Provider {
        urn: 80531,
        name: "Northamptonshire".into(),
        publications: vec![Publication { file_id: "60000002".into(), link_text: "focused visit - 10 january 2020".into() }],
    });
    let standin = StandIn::start(site);
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    let mut opts = options(&standin.base_url, &cache);
    opts.letter_worker = None;
    opts.only_urns = Some(vec![80531]);
    let summary = run(&db, &opts);
    assert!(summary.all_ok(), "{:#?}", summary.failures);
    assert_eq!((summary.providers, summary.new_visits, summary.listed_providers), (1, 1, None));
    let hits = standin.site.hits();
    assert!(hits.iter().all(|h| !h.key.starts_with("/search")), "the listing is not read: {hits:?}");
    assert!(hits.iter().any(|h| h.key == "/provider/44/80531" && h.status == 200), "{hits:?}");
    let store = Store::open(&db).unwrap();
    let row = store.site_publication(80531, "60000002").unwrap().unwrap();
    assert_eq!((row.status, row.la_name.as_deref()), (PublicationStatus::Recorded, Some("Northamptonshire")));
    assert!(row.provider_url.as_deref().unwrap_or("").ends_with("/provider/44/80531"));
}

/// One LA with a report from the corpus and a focused visit letter: two new events.
fn two_events(corpus: &Path) -> (Site, String) {
    let mut site = Site { page_cap: 10, ..Default::default() };
    let report = std::fs::read(corpus.join("80426_barnsley/children's services inspection - 27 october 2023.pdf")).unwrap();
    site.files.insert("60000010".into(), report);
    site.files.insert("60000011".into(), text_pdf(&["Focused visit to Barnsley local authority children's services", "Dear Director"]));
    site.providers.push(Provider {
        urn: 80426,
        name: "Barnsley".into(),
        publications: vec![
            Publication { file_id: "60000010".into(), link_text: "children's services inspection - 27 october 2023".into() },
            Publication { file_id: "60000011".into(), link_text: "focused visit - 12 march 2020".into() },
        ],
    });
    (site, "60000010".into())
}

/// A webhook receiver on 127.0.0.1: answers each request with the next status of `script`
/// (200 once it runs out), and keeps every request's Content-Type and body.
struct Receiver {
    url: String,
    got: std::sync::Arc<std::sync::Mutex<Vec<(u16, String, String)>>>,
}

fn receiver(script: Vec<u16>, always: Option<u16>) -> Receiver {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let got = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = got.clone();
    std::thread::spawn(move || {
        let mut script: std::collections::VecDeque<u16> = script.into();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let (mut length, mut content_type) = (0usize, String::new());
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                if let Some(v) = lower.strip_prefix("content-type:") {
                    content_type = v.trim().to_string();
                }
            }
            let mut body = vec![0u8; length];
            let _ = reader.read_exact(&mut body);
            let status = always.or_else(|| script.pop_front()).unwrap_or(200);
            seen.lock().unwrap().push((status, content_type, String::from_utf8_lossy(&body).into_owned()));
            let _ = write!(stream, "HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    });
    Receiver { url, got }
}

fn alert_options(base_url: &str, cache: &Path) -> SyncOptions {
    let mut opts = options(base_url, cache);
    opts.letter_worker = None;
    opts.delivery.webhook_backoff = Duration::from_millis(50);
    opts.delivery.webhook_timeout = Duration::from_secs(2);
    opts.delivery.command_timeout = Duration::from_secs(10);
    opts
}

#[test]
fn notify_runs_a_command_per_new_event_with_its_json() {
    let Some(corpus) = corpus() else { return };
    let (site, report_id) = two_events(&corpus);
    let standin = StandIn::start(site);
    let dir = tempfile::tempdir().unwrap();
    let (db, cache, inbox) = (dir.path().join("register.db"), dir.path().join("cache"), dir.path().join("events"));
    std::fs::create_dir_all(&inbox).unwrap();
    let mut opts = alert_options(&standin.base_url, &cache);
    opts.delivery.notify = Some(format!("cat > \"{}/event-$$.json\"", inbox.display()));
    let summary = run(&db, &opts);
    assert!(summary.all_ok() && summary.warnings.is_empty(), "{:#?} {:#?}", summary.failures, summary.warnings);
    assert_eq!((summary.new_events, summary.delivered), (2, 2));
    let mut events: Vec<serde_json::Value> = std::fs::read_dir(&inbox)
        .unwrap()
        .map(|f| serde_json::from_str(&std::fs::read_to_string(f.unwrap().path()).unwrap()).expect("valid JSON"))
        .collect();
    events.sort_by_key(|e| e["type"].as_str().unwrap().to_string());
    assert_eq!(events.len(), 2, "one file per event");
    let (report, visit) = (&events[0], &events[1]);
    assert_eq!((report["type"].as_str(), report["la_name"].as_str(), report["urn"].as_u64()), (Some("report"), Some("Barnsley"), Some(80426)));
    assert!(report["ofsted_url"].as_str().unwrap().ends_with(&format!("/v1/file/{report_id}")));
    assert!(report["event"].as_str().unwrap().starts_with("ILACS"), "{report}");
    assert!(report["grades"]["overall"].is_string() && report["inspection_start"].is_string(), "{report}");
    assert!(report["sha256"].is_string() && report.get("event_id").is_some());
    assert_eq!((visit["type"].as_str(), visit["event"].as_str(), visit["published"].as_str()), (Some("visit"), Some("Focused visit"), Some("2020-03-12")));
    assert_eq!(visit["grades"], serde_json::json!({}));

    // Nothing new, nothing sent.
    std::fs::remove_dir_all(&inbox).unwrap();
    let again = run(&db, &opts);
    assert_eq!((again.new_events, again.delivered), (0, 0));
    assert!(!inbox.exists());
}

#[test]
fn a_failing_or_hanging_command_is_a_warning_and_the_events_are_stored() {
    let Some(corpus) = corpus() else { return };
    let (site, _) = two_events(&corpus);
    let standin = StandIn::start(site);
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    let mut opts = alert_options(&standin.base_url, &cache);
    opts.delivery.notify = Some("read line; sleep 20".into());
    opts.delivery.command_timeout = Duration::from_millis(300);
    let t = std::time::Instant::now();
    let summary = run(&db, &opts);
    assert!(summary.all_ok(), "an alert's failure is not the run's: {:#?}", summary.failures);
    assert!(t.elapsed() < Duration::from_secs(15), "a hanging command is stopped");
    assert_eq!((summary.new_events, summary.delivered, summary.warnings.len()), (2, 0, 2), "{:#?}", summary.warnings);
    assert!(summary.warnings.iter().all(|w| w.contains("--notify") && w.contains("longer than")), "{:#?}", summary.warnings);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.inspection_records().unwrap().len(), 1, "the report is stored");
    assert!(store.last_sync_run().unwrap().unwrap().ok);
    drop(store);

    // A command that exits non-zero, on a fresh register.
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    let mut opts = alert_options(&standin.base_url, &cache);
    opts.delivery.notify = Some("exit 7".into());
    let summary = run(&db, &opts);
    assert!(summary.all_ok());
    assert_eq!(summary.warnings.len(), 2, "{:#?}", summary.warnings);
    assert!(summary.warnings[0].contains("exit status: 7"), "{:#?}", summary.warnings);
}

#[test]
fn webhooks_are_retried_and_a_receiver_that_always_fails_is_a_warning() {
    let Some(corpus) = corpus() else { return };
    let (site, _) = two_events(&corpus);
    let standin = StandIn::start(site);
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    // Fails twice, then takes everything.
    let flaky = receiver(vec![500, 503], None);
    let mut opts = alert_options(&standin.base_url, &cache);
    opts.delivery.webhooks = vec![flaky.url.clone()];
    let summary = run(&db, &opts);
    assert!(summary.all_ok() && summary.warnings.is_empty(), "{:#?}", summary.warnings);
    assert_eq!(summary.delivered, 2);
    let got = flaky.got.lock().unwrap().clone();
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [500, 503, 200, 200], "{got:#?}");
    assert!(got.iter().all(|g| g.1 == "application/json"));
    let delivered: Vec<serde_json::Value> =
        got.iter().filter(|g| g.0 == 200).map(|g| serde_json::from_str(&g.2).expect("valid JSON")).collect();
    let types: BTreeSet<&str> = delivered.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(types, BTreeSet::from(["report", "visit"]), "each event delivered once");
    assert_eq!(got[0].2, got[2].2, "the retry sends the same event");

    // A receiver that always fails and one that refuses connections: warnings, exit 0, events stored.
    let broken = receiver(vec![], Some(500));
    let refused = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/hook", l.local_addr().unwrap())
    };
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    let mut opts = alert_options(&standin.base_url, &cache);
    opts.delivery.webhooks = vec![broken.url.clone(), refused.clone()];
    let summary = run(&db, &opts);
    assert!(summary.all_ok(), "{:#?}", summary.failures);
    assert_eq!((summary.new_events, summary.delivered), (2, 0));
    assert_eq!(summary.warnings.len(), 4, "{:#?}", summary.warnings);
    assert!(summary.warnings.iter().filter(|w| w.contains(&broken.url)).all(|w| w.contains("HTTP 500") && w.contains("3 tries")));
    assert!(summary.warnings.iter().any(|w| w.contains(&refused)), "{:#?}", summary.warnings);
    assert_eq!(broken.got.lock().unwrap().len(), 6, "3 tries an event");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.inspection_records().unwrap().len(), 1);
    let last = store.last_sync_run().unwrap().unwrap();
    assert!(last.ok && last.new_events == 2, "{last:?}");
}

#[test]
fn a_joint_targeted_area_inspection_letter_is_a_visit_and_other_inspections_are_only_listed() {
    let mut site = Site { page_cap: 10, ..Default::default() };
    site.files.insert(
        "60000003".into(),
        text_pdf(&["Joint targeted area inspection of the multi-agency response to children in Barnsley", "Dear Director"]),
    );
    site.files.insert("60000004".into(), text_pdf(&["Area SEND inspection of Barnsley Local Area Partnership"]));
    site.providers.push(Provider {
        urn: 80426,
        name: "Barnsley".into(),
        publications: vec![
            Publication {
                file_id: "60000003".into(),
                link_text: "Joint targeted area inspection of the multi-agency response to children's services - 4 april 2019".into(),
            },
            Publication { file_id: "60000004".into(), link_text: "Area SEND inspection - 4 april 2019".into() },
        ],
    });
    let standin = StandIn::start(site);
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    let mut opts = options(&standin.base_url, &cache);
    opts.letter_worker = None;
    let summary = run(&db, &opts);
    assert!(summary.all_ok(), "{:#?}", summary.failures);
    assert_eq!(summary.new_visits, 1);
    let store = Store::open(&db).unwrap();
    let rows = store.site_publications().unwrap();
    let jtai = rows.iter().find(|r| r.file_id == "60000003").unwrap();
    assert_eq!((jtai.kind_hint, jtai.status, jtai.confirmed), (KindHint::Jtai, PublicationStatus::Recorded, Some(true)));
    assert!(jtai.is_visit_event());
    let send = rows.iter().find(|r| r.file_id == "60000004").unwrap();
    assert_eq!((send.kind_hint, send.sha256.as_deref()), (KindHint::Other, None), "listed, not fetched");
}

#[test]
fn a_report_under_a_link_text_never_seen_is_stored_and_noted_once() {
    let Some(corpus) = corpus() else { return };
    let mut site = Site { page_cap: 10, ..Default::default() };
    let report = std::fs::read(corpus.join("80426_barnsley/children's services inspection - 27 october 2023.pdf")).unwrap();
    let sha_report = sha(&report);
    site.files.insert("60000020".into(), report);
    // Named as Ofsted might name a report of a new framework.
    let renamed = "Children's social care inspection of Barnsley - 27 October 2023";
    site.providers.push(Provider {
        urn: 80426,
        name: "Barnsley".into(),
        publications: vec![Publication { file_id: "60000020".into(), link_text: renamed.into() }],
    });
    let standin = StandIn::start(site);
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("register.db"), dir.path().join("cache"));
    let first = run(&db, &options(&standin.base_url, &cache));
    assert!(first.all_ok(), "{:#?}", first.failures);
    assert_eq!((first.new_reports, first.other_publications), (1, 0));
    assert_eq!(first.doubts.len(), 1, "{:#?}", first.doubts);
    assert!(first.doubts[0].reason.contains("link text lacs does not know"), "{:?}", first.doubts[0]);
    assert!(first.doubts[0].link_text.as_deref().unwrap_or("").contains("Children's social care inspection"));
    assert!(Store::open(&db).unwrap().contains(&sha_report).unwrap());
    // Stored: the next run has nothing to do and nothing to say.
    let second = run(&db, &options(&standin.base_url, &cache));
    assert!(second.all_ok() && second.doubts.is_empty(), "{:#?}", second.doubts);
    assert_eq!((second.new_files, second.already_done), (0, 1));
}
