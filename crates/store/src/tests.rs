use super::*;
use jiff::civil::date;
use std::path::Path;
use lacs_domain::{JudgementReading, ReadReport};

fn sif(urn: u32, start: Date, titled: bool) -> ReadReport {
    ReadReport {
        kind: Some(if titled { Kind::SifReinspection } else { Kind::Sif }),
        titled_reinspection: titled,
        urn: Some(urn),
        inspection_start: Some(start),
        inspection_end: Some(start),
        page_count: 3,
        judgements: vec![JudgementReading {
            judgement: Judgement::Overall,
            grade: Grade::Good,
            page: 1,
            text: "Children's services in X are good".into(),
        }],
        ..Default::default()
    }
}

fn doc(sha: &str, report: ReadReport) -> NewDocument {
    NewDocument {
        sha256: sha.into(),
        source: Source { source_file: format!("{sha}.pdf"), folder_urn: None },
        size: 10,
        report,
        published: Some((date(2016, 1, 1), PublishedSource::Report)),
        reading_rules: "rules-1".into(),
    }
}

fn kinds(store: &Store) -> Vec<(String, String)> {
    store.inspection_records().unwrap().into_iter().map(|r| (r.sha256, r.kind)).collect()
}

#[test]
fn a_later_untitled_sif_is_a_reinspection_whatever_the_order() {
    let early = doc("a", sif(80458, date(2015, 3, 1), false));
    let late = doc("b", sif(80458, date(2018, 2, 27), false));
    let want = vec![("a".to_string(), "sif".to_string()), ("b".to_string(), "sif_reinspection".to_string())];
    for order in [[&early, &late], [&late, &early]] {
        let mut store = Store::open_in_memory().unwrap();
        for d in order {
            assert_eq!(store.store(d).unwrap(), Outcome::Stored(Status::Ok));
        }
        assert_eq!(kinds(&store), want);
    }
}

#[test]
fn storing_the_same_content_twice_is_a_no_op() {
    let mut store = Store::open_in_memory().unwrap();
    let d = doc("a", sif(80458, date(2015, 3, 1), false));
    assert_eq!(store.store(&d).unwrap(), Outcome::Stored(Status::Ok));
    let before = store.last_updated().unwrap();
    assert_eq!(store.store(&d).unwrap(), Outcome::Unchanged);
    assert_eq!(store.last_updated().unwrap(), before);
    assert_eq!(store.inspection_records().unwrap().len(), 1);
}

#[test]
fn doubts_send_a_document_to_review_and_warnings_do_not() {
    let mut store = Store::open_in_memory().unwrap();
    let mut r = sif(80458, date(2015, 3, 1), false);
    r.doubt(DoubtKind::RuleWarning, "just a warning");
    assert_eq!(store.store(&doc("a", r.clone())).unwrap(), Outcome::Stored(Status::Ok));
    r.doubt(DoubtKind::Judgement, "no leaders grade");
    assert_eq!(store.store(&doc("b", r)).unwrap(), Outcome::Stored(Status::NeedsReview));
    let review = store.review_list().unwrap();
    assert_eq!(review.len(), 1);
    assert_eq!(review[0].review_reason.as_deref(), Some("judgement: no leaders grade"));
}

#[test]
fn a_missing_publication_date_is_a_doubt() {
    let mut store = Store::open_in_memory().unwrap();
    let mut d = doc("a", sif(80458, date(2015, 3, 1), false));
    d.published = None;
    assert_eq!(store.store(&d).unwrap(), Outcome::Stored(Status::NeedsReview));
}

#[test]
fn records_carry_the_la_reference_and_grades() {
    let mut store = Store::open_in_memory().unwrap();
    store.store(&doc("a", sif(80426, date(2014, 6, 2), false))).unwrap();
    let r = &store.inspection_records().unwrap()[0];
    assert_eq!(r.la_name.as_deref(), Some("Barnsley"));
    assert_eq!(r.la_code, Some(370));
    assert_eq!(r.overall, Some(Grade::Good));
    assert_eq!(r.published_source.as_deref(), Some("report"));
    let readings = store.readings("a").unwrap();
    assert_eq!(readings[0].page, 1);
}

#[test]
fn refused_files_are_accounted_for() {
    let mut store = Store::open_in_memory().unwrap();
    let refused = RefusedDocument {
        sha256: "h".into(),
        source: Source { source_file: "80429_birmingham/x.pdf".into(), folder_urn: Some(80429) },
        size: 5,
        reason: "an HTML page".into(),
    };
    assert_eq!(store.store_refused(&refused).unwrap(), Outcome::Refused);
    assert_eq!(store.store_refused(&refused).unwrap(), Outcome::Unchanged);
    // The same page under another LA's folder: one document, two sources, each its own LA.
    let again = RefusedDocument {
        source: Source { source_file: "80431_blackpool/x.pdf".into(), folder_urn: Some(80431) },
        ..refused.clone()
    };
    assert_eq!(store.store_refused(&again).unwrap(), Outcome::Unchanged);
    let records = store.inspection_records().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!((records[0].kind.as_str(), records[0].status.as_str()), ("not_a_report", REFUSED));
    assert_eq!(records[0].la_name.as_deref(), Some("Birmingham"));
    assert_eq!(records[1].la_name.as_deref(), Some("Blackpool"));
}

#[test]
fn a_register_file_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.store(&doc("a", sif(80426, date(2014, 6, 2), false))).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert!(store.contains("a").unwrap());
}

#[test]
fn a_newer_schema_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(err.contains("r.db") && err.contains("99"), "{err}");
}

#[test]
fn findings_are_searchable_with_stemming_phrases_and_operators() {
    use lacs_domain::{Finding, FindingSection};
    let mut store = Store::open_in_memory().unwrap();
    let mut r = sif(80426, date(2014, 6, 2), false);
    let item = |position, text: &str| Finding {
        section: FindingSection::Improvement,
        judgement: None,
        position,
        page: 4,
        number: None,
        text: text.to_string(),
    };
    r.findings = vec![
        item(1, "Plans are clear. The timeliness and quality of return home interviews when children go missing."),
        item(2, "Care leavers' accommodation, including the use of bed and breakfast."),
    ];
    store.store(&doc("a", r)).unwrap();
    let hits = |q: &str| store.search(q, &SearchFilter::default()).unwrap().hits;
    let found = hits("interview");
    assert_eq!(found.len(), 1, "stemming: interview finds interviews");
    assert_eq!(found[0].sentence, "The timeliness and quality of return home [interviews] when children go missing.");
    assert_eq!(found[0].finding.position, 1);
    assert_eq!(hits("\"return home interviews\"").len(), 1);
    assert_eq!(hits("accommodation OR interviews").len(), 2);
    assert_eq!(hits("accommodation NOT breakfast").len(), 0);
    let filtered = store.search("accommodation", &SearchFilter { urn: Some(80458), ..Default::default() }).unwrap();
    assert_eq!(filtered, SearchPage { total: 0, hits: vec![] });
    // A stray quote is punctuation, not an FTS5 syntax error.
    assert_eq!(hits("\"plans").len(), 1);
}

fn official_row(source: &str) -> lacs_domain::OfficialRow {
    lacs_domain::OfficialRow {
        id: 0,
        source: source.into(),
        sheet: "History".into(),
        row: 4,
        urn: Some(80426),
        la_name: "Barnsley".into(),
        kind: Some(Kind::IlacsShort),
        framework: Some(lacs_domain::Framework::Ilacs),
        event_type: "ILACS Short Inspection".into(),
        inspection_start: None,
        inspection_end: None,
        published: Some(date(2023, 10, 27)),
        grades: JudgementSet::default(),
        link: None,
        visit_theme: None,
    }
}

fn row_doubt(source: &str, value: &str) -> lacs_domain::RowDoubt {
    lacs_domain::RowDoubt {
        file: source.into(),
        sheet: "History".into(),
        row: 4,
        column: "Inspection date".into(),
        value: value.into(),
        kind: lacs_domain::RowDoubtKind::Date,
        reason: "not a date; left empty".into(),
    }
}

#[test]
fn a_release_s_row_doubts_are_stored_and_replaced_with_it() {
    let mut store = Store::open_in_memory().unwrap();
    let rows = [official_row("a.ods")];
    store.replace_official_with_doubts("a.ods", &rows, &[row_doubt("a.ods", "spring")]).unwrap();
    store.replace_official_with_doubts("b.ods", &[official_row("b.ods")], &[row_doubt("b.ods", "soon")]).unwrap();
    assert_eq!(store.official_doubts().unwrap(), [row_doubt("a.ods", "spring"), row_doubt("b.ods", "soon")]);
    // Re-importing a release replaces its doubts, and leaves the other release's alone.
    store.replace_official_with_doubts("a.ods", &rows, &[]).unwrap();
    assert_eq!(store.official_doubts().unwrap(), [row_doubt("b.ods", "soon")]);
    assert_eq!(store.official_rows().unwrap().len(), 2);
}

#[test]
fn a_version_1_register_is_upgraded_with_its_official_rows_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    {
        // Version 1 was version 2 without the official_doubts table.
        let mut store = Store::open(&path).unwrap();
        store.replace_official("a.ods", &[official_row("a.ods")]).unwrap();
        store.conn.execute_batch("DROP TABLE official_doubts; PRAGMA user_version = 1;").unwrap();
    }
    let old = Store::open_read_only(&path).unwrap();
    assert_eq!(old.official_doubts().unwrap(), [], "read-only: not upgraded, no doubts");
    drop(old);
    let mut store = Store::open(&path).unwrap();
    let version: i64 = store.conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(store.official_rows().unwrap().len(), 1);
    store.replace_official_with_doubts("a.ods", &[official_row("a.ods")], &[row_doubt("a.ods", "x?")]).unwrap();
    assert_eq!(store.official_doubts().unwrap().len(), 1);
}

fn finding(section: lacs_domain::FindingSection, position: u32, page: u32, number: Option<u32>, text: &str) -> lacs_domain::Finding {
    lacs_domain::Finding { section, judgement: None, position, page, number, text: text.to_string() }
}

/// A SIF as the report prints it: priority actions, then areas for improvement, on pages
/// whose text is kept whole.
fn sif_with_pages() -> ReadReport {
    use lacs_domain::FindingSection::*;
    let mut r = sif(80426, date(2014, 6, 2), false);
    r.findings = vec![
        finding(PriorityAction, 1, 2, Some(4), "Ensure that strategy meetings are held promptly."),
        finding(Improvement, 1, 2, Some(5), "Improve the quality of plans."),
        finding(Improvement, 2, 3, None, "Reduce caseloads."),
    ];
    r.pages = vec![
        "Barnsley\nInspection of services for children in need of help and protection".into(),
        "Priority and immediate action\n4. Ensure that strategy meetings are held promptly.\nAreas for improvement\n5. Improve the quality of plans.".into(),
        "The timeliness and quality of return home\ninterviews when children go missing from home or care are not good enough.".into(),
    ];
    r
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn one_reports_findings_of_one_section() {
    use lacs_domain::FindingSection::*;
    let mut store = Store::open_in_memory().unwrap();
    store.store(&doc("a", sif_with_pages())).unwrap();
    let texts = |sha: &str, section| -> Vec<String> { store.findings_of(sha, section).unwrap().into_iter().map(|f| f.text).collect() };
    assert_eq!(texts("a", Improvement), ["Improve the quality of plans.", "Reduce caseloads."]);
    assert_eq!(texts("a", PriorityAction).len(), 1);
    assert!(texts("a", Judgement).is_empty() && texts("b", Improvement).is_empty());
}

#[test]
fn findings_read_back_in_report_order_with_their_numbers() {
    let mut store = Store::open_in_memory().unwrap();
    store.store(&doc("a", sif_with_pages())).unwrap();
    let got: Vec<(String, Option<u32>)> =
        store.findings(None).unwrap().into_iter().map(|f| (f.text, f.number)).collect();
    assert_eq!(
        got,
        [
            ("Ensure that strategy meetings are held promptly.".to_string(), Some(4)),
            ("Improve the quality of plans.".to_string(), Some(5)),
            ("Reduce caseloads.".to_string(), None),
        ],
        "priority action first, as the report prints it"
    );
    let hits = store.search("plans OR strategy", &SearchFilter::default()).unwrap().hits;
    assert_eq!(hits.iter().map(|h| h.finding.position).collect::<Vec<_>>(), [1, 1]);
    assert_eq!(hits[0].finding.section, lacs_domain::FindingSection::PriorityAction);
}

#[test]
fn every_page_is_stored_with_its_document_in_one_transaction() {
    let mut store = Store::open_in_memory().unwrap();
    store.store(&doc("a", sif_with_pages())).unwrap();
    assert_eq!(count(&store, "SELECT COUNT(*) FROM pages"), 3);
    assert_eq!(count(&store, "SELECT MIN(page) * 10 + MAX(page) FROM pages"), 13, "pages 1 to 3");
    assert_eq!(store.page_text("a", 2).unwrap().unwrap().lines().next(), Some("Priority and immediate action"));
    assert_eq!(store.documents_without_pages().unwrap(), 0);
    let pages = store.report_pages("a").unwrap();
    assert_eq!(pages.iter().map(|p| p.0).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(Some(pages[1].1.clone()), store.page_text("a", 2).unwrap());
    assert!(store.report_pages("no such document").unwrap().is_empty());

    // A page that cannot be written undoes the whole document: no row of it stays.
    store
        .conn
        .execute_batch(
            "CREATE TRIGGER fail_page BEFORE INSERT ON pages WHEN new.text LIKE '%poison%'
             BEGIN SELECT RAISE(ABORT, 'poisoned page'); END;",
        )
        .unwrap();
    let mut r = sif_with_pages();
    r.urn = Some(80458);
    r.pages.push("poison".into());
    assert!(store.store(&doc("b", r)).is_err());
    assert!(!store.contains("b").unwrap());
    assert_eq!(count(&store, "SELECT COUNT(*) FROM documents"), 1);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM findings"), 3);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM pages"), 3);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM sources"), 1);
}

#[test]
fn a_refused_document_stores_no_pages() {
    let mut store = Store::open_in_memory().unwrap();
    let refused = RefusedDocument {
        sha256: "h".into(),
        source: Source { source_file: "80429_birmingham/x.pdf".into(), folder_urn: Some(80429) },
        size: 5,
        reason: "an HTML page".into(),
    };
    store.store_refused(&refused).unwrap();
    assert_eq!(count(&store, "SELECT COUNT(*) FROM pages"), 0);
    assert_eq!(store.documents_without_pages().unwrap(), 0, "a refused file has no pages to miss");
}

#[test]
fn page_search_finds_a_phrase_across_a_line_break_and_gives_the_page() {
    let mut store = Store::open_in_memory().unwrap();
    store.store(&doc("a", sif_with_pages())).unwrap();
    let hits = store.search_pages("\"return home interviews\"", &SearchFilter::default()).unwrap().hits;
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].page, hits[0].sha256.as_str(), hits[0].urn), (3, "a", Some(80426)));
    assert!(hits[0].snippet.contains("quality of [return home interviews] when children"), "{}", hits[0].snippet);
    assert!(!hits[0].snippet.contains('\n'));
    // Stemmed words, operators, order by page, the limit, filters.
    let pages = |q: &str, f: &SearchFilter| store.search_pages(q, f).unwrap().hits.into_iter().map(|h| h.page).collect::<Vec<_>>();
    assert_eq!(pages("meeting OR interview", &SearchFilter::default()), [2, 3]);
    assert_eq!(pages("meeting OR interview", &SearchFilter { limit: Some(1), ..Default::default() }), [2]);
    assert_eq!(pages("meeting", &SearchFilter { urn: Some(80458), ..Default::default() }), Vec::<u32>::new());
    assert_eq!(pages("meeting", &SearchFilter { since: Some(date(2016, 1, 2)), ..Default::default() }), Vec::<u32>::new());
    assert_eq!(pages("\"interviews", &SearchFilter::default()), [3], "a stray quote is punctuation");
}

/// A register of one SIF whose findings (and pages, one each) hold the words of this field
/// that are FTS5 syntax: findings 1 to 4 on pages 1 to 4.
fn register_of_awkward_words() -> Store {
    use lacs_domain::FindingSection::Improvement;
    let texts = [
        "Leaders of children's services know their strengths.",
        "Multi-agency working in the MASH is effective.",
        "Housing for 16- and 17-year-olds who are homeless is assessed jointly.",
        "Safeguarding arrangements are robust.",
    ];
    let mut r = sif(80426, date(2014, 6, 2), false);
    r.findings = (1..).zip(texts).map(|(i, t)| finding(Improvement, i, i, None, t)).collect();
    r.pages = texts.iter().map(|t| t.to_string()).collect();
    r.page_count = 4;
    let mut store = Store::open_in_memory().unwrap();
    store.store(&doc("a", r)).unwrap();
    store
}

#[test]
fn the_field_s_words_find_what_they_say_in_findings_and_pages() {
    let store = register_of_awkward_words();
    let findings = |q: &str| {
        let page = store.search(q, &SearchFilter::default()).unwrap_or_else(|e| panic!("{q}: {e}"));
        assert_eq!(page.total, page.hits.len(), "{q}");
        page.hits.into_iter().map(|h| h.finding.position).collect::<Vec<_>>()
    };
    let pages = |q: &str| {
        let page = store.search_pages(q, &SearchFilter::default()).unwrap_or_else(|e| panic!("{q}: {e}"));
        assert_eq!(page.total, page.hits.len(), "{q}");
        page.hits.into_iter().map(|h| h.page).collect::<Vec<_>>()
    };
    let cases: &[(&str, &[u32])] = &[
        ("children's", &[1]),
        ("children’s services", &[1]),
        ("\"children's services\"", &[1]),
        ("multi-agency", &[2]),
        ("multi-agency working", &[2]),
        ("\"multi-agency working\"", &[2]),
        ("16- and 17-year-olds", &[3]),
        ("17-year-olds", &[3]),
        ("16-", &[3]),
        // Stemmed, and prefixes.
        ("safeguard*", &[4]),
        ("safeguarding", &[4]),
        ("multi-ag*", &[2]),
        // Operators between terms, parentheses, phrases.
        ("\"multi-agency working\" OR safeguard*", &[2, 4]),
        ("services NOT leaders", &[]),
        ("(multi-agency OR safeguard*) NOT MASH", &[4]),
        ("robust OR (children's AND strengths)", &[1, 4]),
        ("\"services know\"", &[1]),
        ("\"know services\"", &[]),
        // Stray syntax is punctuation or dropped.
        ("children's AND", &[1]),
        ("NOT robust", &[4]),
        ("(robust", &[4]),
        ("robust)", &[4]),
        ("^robust: \"", &[4]),
        ("robust OR OR effective", &[2, 4]),
        // Nothing searchable: no hits, no error.
        ("", &[]),
        ("NOT", &[]),
        ("\"", &[]),
        ("- * ( ) : ^ AND OR", &[]),
    ];
    for (q, want) in cases {
        assert_eq!(findings(q), *want, "findings for {q:?}");
        assert_eq!(pages(q), *want, "pages for {q:?}");
    }
    // Deeper than FTS5's parser goes ("parser stack overflow"): the inner parentheses drop.
    let deep = format!("{}robust OR effective{}", "(".repeat(300), ")".repeat(300));
    assert_eq!((findings(&deep), pages(&deep)), (vec![2, 4], vec![2, 4]));
}

#[test]
fn search_results_come_a_page_at_a_time_with_the_total() {
    let store = register_of_awkward_words();
    let q = "children's OR multi-agency OR 17-year-olds OR safeguard*";
    let all = store.search(q, &SearchFilter::default()).unwrap();
    assert_eq!((all.total, all.hits.len()), (4, 4));
    let all_pages = store.search_pages(q, &SearchFilter::default()).unwrap();
    assert_eq!((all_pages.total, all_pages.hits.len()), (4, 4));
    for limit in 1..=5 {
        let (mut findings, mut pages) = (Vec::new(), Vec::new());
        for offset in (0..6).step_by(limit) {
            let filter = SearchFilter { limit: Some(limit), offset, ..Default::default() };
            let page = store.search(q, &filter).unwrap();
            assert_eq!(page.total, 4, "limit {limit} offset {offset}");
            assert!(page.hits.len() <= limit);
            findings.extend(page.hits);
            let page = store.search_pages(q, &filter).unwrap();
            assert_eq!(page.total, 4, "limit {limit} offset {offset}");
            pages.extend(page.hits);
        }
        assert_eq!(findings, all.hits, "page after page, limit {limit}: the whole list in order");
        assert_eq!(pages, all_pages.hits, "page after page, limit {limit}: the whole list in order");
    }
    let count = |filter: SearchFilter| {
        let (f, p) = (store.search(q, &filter).unwrap(), store.search_pages(q, &filter).unwrap());
        ((f.total, f.hits.len()), (p.total, p.hits.len()))
    };
    assert_eq!(count(SearchFilter { limit: Some(0), ..Default::default() }), ((4, 0), (4, 0)), "a count alone");
    assert_eq!(count(SearchFilter { offset: 10, ..Default::default() }), ((4, 0), (4, 0)), "past the end");
    assert_eq!(count(SearchFilter { offset: 3, ..Default::default() }), ((4, 1), (4, 1)));
    assert_eq!(count(SearchFilter { limit: Some(usize::MAX), offset: usize::MAX, ..Default::default() }), ((4, 0), (4, 0)));
    assert_eq!(count(SearchFilter { urn: Some(80458), limit: Some(2), ..Default::default() }), ((0, 0), (0, 0)), "the filter narrows the total");
}

#[test]
fn no_typing_is_a_search_error() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let store = register_of_awkward_words();
    // Pieces of FTS5 syntax and of this field's words, in any order, run together or not.
    let syntax = prop::sample::select(vec![
        "\"", "\"\"", "(", ")", "*", ":", "-", "^", "+", "{", "}", ",", ".", "'", "’", "_", " ", "\n", "\0",
        "AND", "OR", "NOT", "NEAR", "NEAR(", "text:", "-text:",
        "children's", "multi-agency", "16-", "safeguard*", "robust",
        "é", "e\u{301}", "ǅ", "\u{e000}", "😀", "子ども", "٣", "Ⅻ",
    ]);
    let piece = prop_oneof![syntax.prop_map(String::from), "\\PC{0,3}"];
    let typed = prop_oneof![
        prop::collection::vec((piece, prop::bool::ANY), 0..16)
            .prop_map(|v| v.into_iter().map(|(p, space)| if space { p + " " } else { p }).collect::<String>()),
        any::<String>(),
        "[\"()*:^+ a-zA-Z'-]{0,40}",
        "(AND |OR |NOT |\\(|\\)|\"|[a-z]{1,3}\\*? ){0,20}",
    ];
    let filters = [
        SearchFilter::default(),
        SearchFilter { limit: Some(1), offset: 1, ..Default::default() },
        SearchFilter { judgement: Some(Judgement::Overall), ..Default::default() },
    ];
    let mut runner = TestRunner::new(Config { cases: 2000, failure_persistence: None, ..Config::default() });
    runner
        .run(&typed, |q| {
            for filter in &filters {
                let found = store.search(&q, filter);
                prop_assert!(found.is_ok(), "search {q:?} as {:?}: {:?}", match_expression(&q), found.err());
                let pages = store.search_pages(&q, filter);
                prop_assert!(pages.is_ok(), "search_pages {q:?} as {:?}: {:?}", match_expression(&q), pages.err());
            }
            Ok(())
        })
        .unwrap();
}

/// A version-2 register: the schema as lacs wrote it before pages and paragraph numbers.
fn version_2_register(path: &Path) {
    let mut store = Store::open(path).unwrap();
    store.store(&doc("a", sif_with_pages())).unwrap();
    store
        .conn
        .execute_batch(
            "DROP TRIGGER pages_ai; DROP TRIGGER pages_ad; DROP TABLE pages_fts; DROP TABLE pages;
             ALTER TABLE findings DROP COLUMN number; PRAGMA user_version = 2;",
        )
        .unwrap();
}

#[test]
fn a_version_2_register_gains_pages_and_numbers_without_losing_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    version_2_register(&path);

    // Read-only (the web server): not upgraded; findings read without numbers, no pages.
    let old = Store::open_read_only(&path).unwrap();
    assert_eq!(old.findings(None).unwrap().len(), 3);
    assert!(old.findings(None).unwrap().iter().all(|f| f.number.is_none()));
    assert_eq!(old.search("plans", &SearchFilter::default()).unwrap().hits.len(), 1);
    assert_eq!(old.search_pages("plans", &SearchFilter::default()).unwrap().hits, []);
    assert_eq!(old.documents_without_pages().unwrap(), 1);
    drop(old);

    let mut store = Store::open(&path).unwrap();
    let version: i64 = store.conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let findings = store.findings(None).unwrap();
    assert_eq!(findings.len(), 3, "rows kept");
    assert!(findings.iter().all(|f| f.number.is_none()), "numbers unknown for what was stored before");
    assert_eq!(store.search("plans", &SearchFilter::default()).unwrap().hits.len(), 1, "findings index kept");
    assert_eq!(store.inspection_records().unwrap().len(), 1);
    assert_eq!(store.documents_without_pages().unwrap(), 1, "stored before pages were kept");
    assert_eq!(store.search_pages("plans", &SearchFilter::default()).unwrap().hits, []);

    // A report stored now keeps its pages and numbers beside the old one.
    let mut r = sif_with_pages();
    r.urn = Some(80458);
    store.store(&doc("b", r)).unwrap();
    assert_eq!(store.search_pages("plans", &SearchFilter::default()).unwrap().hits.len(), 1);
    assert_eq!(store.findings(None).unwrap().iter().filter(|f| f.number.is_some()).count(), 2);
    drop(store);
    // Opening again is a no-op.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.findings(None).unwrap().len(), 6);
}

/// A flagged ILACS reading of Barnsley: children in care in doubt (the body disagrees).
fn flagged_ilacs() -> ReadReport {
    let reading = |judgement, grade| JudgementReading { judgement, grade, page: 1, text: String::new() };
    ReadReport {
        kind: Some(Kind::IlacsStandard),
        urn: Some(80426),
        inspection_start: Some(date(2023, 1, 9)),
        inspection_end: Some(date(2023, 1, 20)),
        page_count: 2,
        judgements: vec![
            reading(Judgement::Overall, Grade::Good),
            reading(Judgement::Leaders, Grade::Good),
            reading(Judgement::HelpProtection, Grade::Good),
            reading(Judgement::InCare, Grade::Good),
            reading(Judgement::CareLeavers, Grade::Good),
        ],
        doubts: vec![Doubt::new(DoubtKind::CrossCheck, "in_care: page 1 says good, the body heading says outstanding")
            .on_page(1)
            .about(&[Judgement::InCare])],
        ..Default::default()
    }
}

const SHA_A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

fn record(store: &Store) -> InspectionRecord {
    store.inspection_records().unwrap().remove(0)
}

#[test]
fn a_flagged_report_counts_its_undoubted_grades_and_withholds_the_doubted_one() {
    let mut store = Store::open_in_memory().unwrap();
    store.store(&doc(SHA_A, flagged_ilacs())).unwrap();
    let rows = store.report_rows().unwrap();
    assert_eq!(rows[0].withheld, [Judgement::InCare]);
    assert!(rows[0].needs_review);
    assert_eq!(rows[0].grades.overall, Some(Grade::Good));
}

#[test]
fn an_answer_makes_a_document_ok_survives_a_new_reading_and_a_rebuilt_register() {
    let mut store = Store::open_in_memory().unwrap();
    store.store(&doc(SHA_A, flagged_ilacs())).unwrap();
    assert_eq!(record(&store).status, "needs_review");
    let answer =
        store.answer_set(&SHA_A[..8], &["in_care=outstanding".into()], "body heading and paragraph 40 say outstanding", "ann").unwrap();
    assert_eq!(answer.sha256, SHA_A);
    let rec = record(&store);
    assert_eq!((rec.status.as_str(), rec.in_care, rec.review_reason), ("ok", Some(Grade::Outstanding), None));
    assert!(store.report_rows().unwrap()[0].withheld.is_empty());

    // Read again under newer rules: the overall grade is now read differently, the doubt
    // stays. The answer still holds; the change is reported field by field.
    let mut newer = flagged_ilacs();
    newer.judgements[0].grade = Grade::Outstanding;
    let change = store.replace_reading(&NewDocument { reading_rules: "rules-2".into(), ..doc(SHA_A, newer) }).unwrap();
    assert_eq!(change.rules_before.as_deref(), Some("rules-1"));
    assert_eq!(
        change.changes,
        [FieldChange { field: "overall".into(), before: Some("good".into()), after: Some("outstanding".into()), worse: false }]
    );
    assert_eq!(change.answers, 1);
    assert!(!change.worse);
    let rec = record(&store);
    assert_eq!((rec.status.as_str(), rec.in_care, rec.overall), ("ok", Some(Grade::Outstanding), Some(Grade::Outstanding)));
    assert!(store.stale_documents("rules-2").unwrap().is_empty());
    assert_eq!(store.stale_documents("rules-3").unwrap().len(), 1);

    // A rebuilt register: the answers move as CSV rows, before or after the document.
    let answers = store.answers().unwrap();
    let rows = review::csv_rows::to_rows(&answers[SHA_A].iter().collect::<Vec<_>>());
    let mut rebuilt = Store::open_in_memory().unwrap();
    assert_eq!(rebuilt.import_answers(&review::csv_rows::from_rows(&rows).unwrap()).unwrap(), 1);
    assert_eq!(rebuilt.import_answers(&review::csv_rows::from_rows(&rows).unwrap()).unwrap(), 0, "already held");
    rebuilt.store(&doc(SHA_A, flagged_ilacs())).unwrap();
    let rec = record(&rebuilt);
    assert_eq!((rec.status.as_str(), rec.in_care), ("ok", Some(Grade::Outstanding)));

    // Undo takes the answer back.
    rebuilt.answer_undo(SHA_A).unwrap();
    assert_eq!(record(&rebuilt).status, "needs_review");
    assert!(matches!(rebuilt.answer_undo(SHA_A), Err(AnswerError::NothingToUndo(_))));
}

#[test]
fn a_bad_answer_changes_nothing_and_names_what_is_wrong() {
    let mut store = Store::open_in_memory().unwrap();
    store.store(&doc(SHA_A, flagged_ilacs())).unwrap();
    let before = (store.inspection_records().unwrap(), store.last_updated().unwrap());
    let cases: [(&[&str], &str, &str); 7] = [
        (&["in_care=outstanding", "colour=blue"], "note", "colour"),
        (&["in_care=brilliant"], "note", "in_care"),
        (&["lscb=good"], "note", "no lscb judgement"),
        (&["inspection_end=2022-12-01"], "note", "before it starts"),
        (&["overall=inadequate"], "note", "rule"),
        (&["in_care=outstanding"], "  ", "--note"),
        (&[], "note", "FIELD=VALUE"),
    ];
    for (pairs, note, named) in cases {
        let pairs: Vec<String> = pairs.iter().map(|p| p.to_string()).collect();
        let e = store.answer_set(SHA_A, &pairs, note, "ann").unwrap_err().to_string();
        assert!(e.contains(named), "{pairs:?}: {e}");
    }
    for (document, named) in [("bbbbbbbb", "no stored document"), ("abc", "at least 6"), ("../../x", "sha256")] {
        let e = store.answer_set(document, &["in_care=good".into()], "note", "ann").unwrap_err().to_string();
        assert!(e.contains(named), "{document}: {e}");
    }
    assert!(store.answers().unwrap().is_empty());
    assert_eq!((store.inspection_records().unwrap(), store.last_updated().unwrap()), before);
}

#[test]
fn accepting_a_reading_answers_the_doubts_it_had_and_not_new_ones() {
    let mut store = Store::open_in_memory().unwrap();
    store.store(&doc(SHA_A, flagged_ilacs())).unwrap();
    store.answer_accept(SHA_A, "checked against the report: good is right", "ann").unwrap();
    assert_eq!(record(&store).status, "ok");
    let mut newer = flagged_ilacs();
    newer.doubts.push(Doubt::new(DoubtKind::Dates, "no readable \"Inspection date(s):\" on page 1"));
    newer.inspection_start = None;
    let change = store.replace_reading(&NewDocument { reading_rules: "rules-2".into(), ..doc(SHA_A, newer) }).unwrap();
    assert!(change.worse, "a value lost and a new doubt");
    assert!(change.changes.iter().any(|c| c.field == "inspection_start" && c.worse));
    assert!(change.changes.iter().any(|c| c.field == "status" && c.after.as_deref() == Some("needs_review")));
    assert_eq!(change.doubts_added.len(), 1);
    assert_eq!(record(&store).review_reason.as_deref(), Some("dates: no readable \"Inspection date(s):\" on page 1"));
}

/// The site tables as `lacs sync` made them outside the schema version, before version 5.
const OLDER_SYNC_SITE_TABLES: &str = "
CREATE TABLE IF NOT EXISTS site_publications (
    urn INTEGER NOT NULL, file_id TEXT NOT NULL, link_text TEXT NOT NULL, url TEXT NOT NULL,
    kind_hint TEXT NOT NULL CHECK (kind_hint IN ('report', 'focused_visit', 'monitoring_visit', 'other')),
    published TEXT, la_name TEXT, provider_url TEXT, sha256 TEXT, size INTEGER, cache_path TEXT,
    ingested_as TEXT, etag TEXT, last_modified TEXT, fetched_at TEXT, confirmed INTEGER,
    status TEXT NOT NULL DEFAULT 'listed'
        CHECK (status IN ('listed', 'cached', 'stored', 'recorded', 'failed', 'unreadable', 'skipped')),
    error TEXT, attempts INTEGER NOT NULL DEFAULT 0, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
    PRIMARY KEY (urn, file_id)
);
CREATE INDEX IF NOT EXISTS site_publications_sha256 ON site_publications (sha256);
CREATE INDEX IF NOT EXISTS site_publications_file ON site_publications (file_id);
CREATE TABLE IF NOT EXISTS site_pages (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, fetched_at TEXT NOT NULL, links TEXT NOT NULL
);
INSERT INTO site_publications (urn, file_id, link_text, url, kind_hint, published, sha256, status, confirmed,
    first_seen, last_seen)
VALUES (80426, '50172438', 'focused visit - 12 march 2020', 'https://files.ofsted.gov.uk/v1/file/50172438',
    'focused_visit', '2020-03-12', 'ab12', 'recorded', 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
INSERT INTO site_pages (url, etag, fetched_at, links) VALUES ('https://reports.ofsted.gov.uk/provider/44/80426', 'e1',
    '2025-01-01T00:00:00Z', '[]');
";

#[test]
fn a_version_4_register_keeps_the_site_tables_an_older_sync_made() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.store(&doc("a", sif(80426, date(2015, 1, 5), false))).unwrap();
        store.replace_official("a.ods", &[official_row("a.ods")]).unwrap();
        // Version 4 had no site tables; an older sync then made its own.
        store.conn.execute_batch("DROP TABLE site_publications; DROP TABLE site_pages; PRAGMA user_version = 4;").unwrap();
        store.conn.execute_batch(OLDER_SYNC_SITE_TABLES).unwrap();
    }
    let old = Store::open_read_only(&path).unwrap();
    assert_eq!(old.site_publications().unwrap().len(), 1, "read-only: the older sync's rows are read");
    drop(old);
    let store = Store::open(&path).unwrap();
    let version: i64 = store.conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let rows = store.site_publications().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].urn, rows[0].sha256.as_deref(), rows[0].status), (80426, Some("ab12"), lacs_domain::PublicationStatus::Recorded));
    assert!(rows[0].is_visit_event());
    assert_eq!(store.site_page("https://reports.ofsted.gov.uk/provider/44/80426").unwrap().unwrap().etag.as_deref(), Some("e1"));
    assert_eq!(store.report_rows().unwrap().len(), 1, "documents kept");
    assert_eq!(store.official_rows().unwrap().len(), 1, "official rows kept");
}

#[test]
fn a_version_4_register_without_site_tables_reads_none_and_gains_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    {
        let store = Store::open(&path).unwrap();
        store.conn.execute_batch("DROP TABLE site_publications; DROP TABLE site_pages; PRAGMA user_version = 4;").unwrap();
    }
    assert!(Store::open_read_only(&path).unwrap().site_publications().unwrap().is_empty());
    let store = Store::open(&path).unwrap();
    assert!(store.has_table("site_pages").unwrap() && store.site_publications().unwrap().is_empty());
}

#[test]
fn a_snapshot_is_whole_servable_read_only_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.db");
    let store = {
        let mut store = Store::open(&path).unwrap();
        store.store(&doc("a", sif(80426, date(2014, 6, 2), false))).unwrap();
        store
    };
    let copy = dir.path().join("snap").join("copy.db");
    std::fs::create_dir(copy.parent().unwrap()).unwrap();
    store.snapshot_to(&copy).unwrap();
    // Only the copy is left in its folder: no partial file, no journal.
    let names: Vec<_> = std::fs::read_dir(copy.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("copy.db")]);
    // A rollback journal, so a reader needs no -wal or -shm file beside it.
    let mode: String = Connection::open(&copy).unwrap().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete");
    let snap = Store::open_read_only(&copy).unwrap();
    assert!(snap.contains("a").unwrap());
    assert_eq!(snap.last_updated().unwrap(), store.last_updated().unwrap());
    let err = store.snapshot_to(&copy).unwrap_err().to_string();
    assert!(err.contains("copy.db") && err.contains("exists"), "{err}");
}

#[test]
fn a_visit_s_theme_is_kept_and_an_older_register_reads_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let visit = lacs_domain::OfficialRow { visit_theme: Some("Front door".into()), event_type: "ILACS Focused Visit".into(), ..official_row("a.ods") };
    {
        let mut store = Store::open(&path).unwrap();
        store.replace_official("a.ods", std::slice::from_ref(&visit)).unwrap();
        assert_eq!(store.official_rows().unwrap()[0].visit_theme.as_deref(), Some("Front door"));
        // A schema 6 register: no theme column.
        store.conn.execute_batch("ALTER TABLE official_rows DROP COLUMN visit_theme; PRAGMA user_version = 6;").unwrap();
    }
    let old = Store::open_read_only(&path).unwrap();
    assert_eq!(old.official_rows().unwrap()[0].visit_theme, None, "read-only: read without the column");
    drop(old);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.official_rows().unwrap()[0].visit_theme, None, "upgraded: the column is there, empty");
    store.replace_official("a.ods", &[visit]).unwrap();
    assert_eq!(store.official_rows().unwrap()[0].visit_theme.as_deref(), Some("Front door"), "imported again: the theme");
}
