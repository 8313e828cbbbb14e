//! The analysis on small hand-made event sets.

use jiff::civil::{date, Date};
use lacs_analysis::*;
use lacs_domain::{EventSources, Grade::*, JudgementSet, OfstedRegion, OnsRegion};
use lacs_testkit::events::{ilacs, sif, urn::*, visit};

fn counts(index: &Index, q: StatsQuery) -> (usize, usize, [usize; 4]) {
    let s = index.stats(&q);
    (
        s.counts.authorities,
        s.counts.inspected,
        s.counts.grades.as_array(),
    )
}

#[test]
fn bcp_and_dorset_2019_start_uninspected() {
    let events = [
        sif(1, BOURNEMOUTH, date(2014, 6, 30), RequiresImprovement),
        ilacs(
            2,
            BOURNEMOUTH,
            date(2018, 6, 11),
            date(2018, 8, 24),
            RequiresImprovement,
        ),
        sif(3, POOLE, date(2017, 11, 24), RequiresImprovement),
        sif(4, DORSET_COUNTY, date(2016, 5, 23), Inadequate),
        ilacs(5, BCP, date(2021, 11, 1), date(2021, 12, 20), Good),
    ];
    let index = Index::new(&events);
    assert_eq!(
        counts(&index, StatsQuery::as_at(date(2019, 3, 31))),
        (152, 3, [0, 0, 2, 1])
    );
    // From 1 April 2019 the three councils are gone; their successors are not yet inspected.
    assert_eq!(
        counts(&index, StatsQuery::as_at(date(2019, 4, 1))),
        (151, 0, [0; 4])
    );
    assert_eq!(
        counts(&index, StatsQuery::as_at(date(2021, 12, 31))),
        (152, 1, [0, 1, 0, 0])
    );
    let s = index.stats(&StatsQuery::as_at(date(2019, 4, 1)).list(true));
    let bcp = s.list.unwrap().into_iter().find(|e| e.urn == BCP).unwrap();
    assert_eq!((bcp.grade, bcp.event_id), (None, None));

    // Journey: BCP's own first event is new in every judgement; its predecessors' histories
    // are listed apart.
    let j = index.journey(BCP, None).unwrap();
    assert_eq!(j.events.len(), 1);
    assert!(j.events[0]
        .changes
        .iter()
        .all(|c| c.change == Change::New && c.previous.is_none()));
    let mut preds: Vec<(u32, usize)> = j
        .predecessors
        .iter()
        .map(|h| (h.urn, h.events.len()))
        .collect();
    preds.sort();
    assert_eq!(preds, [(POOLE, 1), (BOURNEMOUTH, 2), (DORSET_COUNTY, 1)]);
    let dorset = index.journey(DORSET_COUNCIL, None).unwrap();
    assert!(dorset.events.is_empty() && dorset.latest.is_none());
    assert_eq!(
        dorset
            .predecessors
            .iter()
            .map(|h| h.urn)
            .collect::<Vec<_>>(),
        [DORSET_COUNTY]
    );
    let county = index.journey(DORSET_COUNTY, None).unwrap();
    let succ: Vec<u32> = county.successors.iter().map(|s| s.urn).collect();
    assert!(
        succ.contains(&BCP) && succ.contains(&DORSET_COUNCIL),
        "{succ:?}"
    );
}

#[test]
fn northamptonshire_2021_and_cumbria_2023() {
    let events = [
        ilacs(
            1,
            NORTHAMPTONSHIRE,
            date(2019, 5, 13),
            date(2019, 7, 29),
            Inadequate,
        ),
        ilacs(2, CUMBRIA, date(2022, 6, 6), date(2022, 8, 1), Good),
        ilacs(
            3,
            NORTH_NORTHANTS,
            date(2022, 6, 6),
            date(2022, 8, 1),
            RequiresImprovement,
        ),
        ilacs(
            4,
            CUMBERLAND,
            date(2024, 1, 8),
            date(2024, 3, 1),
            RequiresImprovement,
        ),
    ];
    let index = Index::new(&events);
    assert_eq!(
        counts(&index, StatsQuery::as_at(date(2021, 3, 31))),
        (151, 1, [0, 0, 0, 1])
    );
    assert_eq!(
        counts(&index, StatsQuery::as_at(date(2021, 4, 1))),
        (152, 0, [0; 4])
    );
    assert_eq!(
        counts(&index, StatsQuery::as_at(date(2023, 3, 31))),
        (152, 2, [0, 1, 1, 0])
    );
    // Cumbria's good is not carried to Cumberland or Westmorland and Furness.
    assert_eq!(
        counts(&index, StatsQuery::as_at(date(2023, 4, 1))),
        (153, 1, [0, 0, 1, 0])
    );
    let s = index.stats(&StatsQuery::as_at(date(2023, 4, 1)).list(true));
    let list = s.list.unwrap();
    for urn in [CUMBERLAND, WESTMORLAND, WEST_NORTHANTS] {
        assert_eq!(list.iter().find(|e| e.urn == urn).unwrap().grade, None);
    }
    assert!(list
        .iter()
        .all(|e| e.urn != CUMBRIA && e.urn != NORTHAMPTONSHIRE));
    assert_eq!(
        counts(&index, StatsQuery::as_at(date(2024, 3, 31))),
        (153, 2, [0, 0, 2, 0])
    );
    // An abolished LA's own picture still answers for dates it existed.
    assert_eq!(
        index
            .latest(CUMBRIA, &Cutoff::new(date(2025, 1, 1)))
            .unwrap()
            .id,
        2
    );
}

#[test]
fn competition_ranking_shares_same_day_ranks() {
    let d1 = date(2018, 7, 1);
    let d2 = date(2018, 9, 1);
    let d3 = date(2019, 1, 1);
    let events = [
        sif(1, BARNET, date(2015, 1, 1), Good),
        ilacs(2, BARNSLEY, date(2018, 5, 1), d1, Outstanding),
        ilacs(3, BATH, date(2018, 7, 1), d2, Outstanding),
        ilacs(4, BUCKS, date(2018, 7, 1), d2, Outstanding),
        ilacs(5, BARNET, date(2018, 11, 1), d3, Outstanding),
        // A second outstanding does not count again.
        ilacs(6, BARNSLEY, date(2022, 5, 1), date(2022, 7, 1), Outstanding),
        // A SIF outstanding, earlier than all, only without a framework filter.
        sif(7, CUMBRIA, date(2016, 1, 1), Outstanding),
    ];
    let index = Index::new(&events);
    let firsts = index.firsts(Judgement::Overall, Outstanding, Some(Framework::Ilacs));
    let got: Vec<(usize, u32, Date)> = firsts
        .iter()
        .map(|f| (f.rank, f.urn, f.published))
        .collect();
    assert_eq!(
        got,
        [
            (1, BARNSLEY, d1),
            (2, BATH, d2),
            (2, BUCKS, d2),
            (4, BARNET, d3)
        ]
    );
    assert_eq!(firsts[0].la_name, "Barnsley");
    assert_eq!(firsts[0].kind, Kind::IlacsStandard);
    let all = index.firsts(Judgement::Overall, Outstanding, None);
    assert_eq!(
        (all[0].rank, all[0].urn, all[0].kind),
        (1, CUMBRIA, Kind::Sif)
    );
    assert_eq!(
        all.iter().map(|f| f.rank).collect::<Vec<_>>(),
        [1, 2, 3, 3, 5]
    );
    let json = serde_json::to_value(&firsts[0]).unwrap();
    for key in ["rank", "urn", "la_name", "published", "kind"] {
        assert!(json.get(key).is_some(), "{key} in {json}");
    }
    assert_eq!(json["kind"], "ilacs_standard");
    assert_eq!(json["published"], "2018-07-01");
}

#[test]
fn change_categories() {
    use ChangeCategory::*;
    let scale = [Outstanding, Good, RequiresImprovement, Inadequate];
    for (i, &prev) in scale.iter().enumerate() {
        for (k, &now) in scale.iter().enumerate() {
            let want = match k.cmp(&i) {
                std::cmp::Ordering::Less => Improved,
                std::cmp::Ordering::Greater => Declined,
                _ if k <= 1 => KeptGoodOrOutstanding,
                _ => StayedBelowGood,
            };
            assert_eq!(ChangeCategory::of(prev, now), want, "{prev} → {now}");
        }
    }
    assert_eq!(Change::between(Some(Inadequate), Good), Change::Improved);
    assert_eq!(Change::between(Some(Good), Inadequate), Change::Declined);
    assert_eq!(Change::between(Some(Good), Good), Change::Same);
    assert_eq!(Change::between(None, Good), Change::New);
    assert_eq!(Change::between(Some(NotJudged), Good), Change::New);
}

#[test]
fn changes_compare_the_latest_two_of_the_framework() {
    let events = [
        sif(1, BARNET, date(2017, 7, 7), Inadequate),
        ilacs(2, BARNET, date(2019, 5, 1), date(2019, 7, 1), Good),
        ilacs(3, BARNET, date(2022, 5, 1), date(2022, 7, 1), Outstanding),
        ilacs(4, BARNSLEY, date(2018, 5, 1), date(2018, 7, 1), Good),
        ilacs(5, BARNSLEY, date(2022, 5, 1), date(2022, 7, 1), Good),
        ilacs(
            6,
            BATH,
            date(2018, 5, 1),
            date(2018, 7, 1),
            RequiresImprovement,
        ),
        ilacs(7, BATH, date(2021, 5, 1), date(2021, 7, 1), Inadequate),
        ilacs(8, BATH, date(2024, 3, 25), date(2024, 5, 20), Good),
        // Only one ILACS: not compared (its SIF is another framework).
        sif(9, BUCKS, date(2014, 7, 7), Inadequate),
        ilacs(10, BUCKS, date(2019, 5, 1), date(2019, 7, 1), Good),
        // Abolished before the date: not counted.
        ilacs(
            11,
            CUMBRIA,
            date(2018, 5, 1),
            date(2018, 7, 1),
            RequiresImprovement,
        ),
        ilacs(
            12,
            CUMBRIA,
            date(2022, 5, 1),
            date(2022, 7, 1),
            RequiresImprovement,
        ),
    ];
    let index = Index::new(&events);
    let c = index.changes(&ChangesQuery::new(Cutoff::new(date(2024, 3, 31))));
    assert_eq!(
        (
            c.authorities,
            c.improved,
            c.kept_good_or_outstanding,
            c.declined,
            c.stayed_below_good
        ),
        (3, 1, 1, 1, 0)
    );
    let bath = c.list.iter().find(|e| e.urn == BATH).unwrap();
    assert_eq!(
        (bath.previous.grade, bath.latest.grade, bath.category),
        (RequiresImprovement, Inadequate, ChangeCategory::Declined)
    );
    // Published by 30 June: Bath's 2024 inspection (begun by 31 March) now counts.
    let c = index.changes(&ChangesQuery::new(Cutoff::ofsted_release(date(
        2024, 3, 31,
    ))));
    let bath = c.list.iter().find(|e| e.urn == BATH).unwrap();
    assert_eq!(
        (bath.previous.event_id, bath.latest.event_id, bath.category),
        (7, 8, ChangeCategory::Improved)
    );
    // Across frameworks, Bucks' SIF counts too.
    let c = index.changes(&ChangesQuery::new(Cutoff::new(date(2024, 3, 31))).framework(None));
    assert_eq!(c.authorities, 4);
    assert_eq!(
        c.list.iter().find(|e| e.urn == BUCKS).unwrap().category,
        ChangeCategory::Improved
    );
}

/// Each LA's compared pair, by URN: (urn, earlier event, later event).
fn pairs(c: &Changes) -> Vec<(u32, i64, i64)> {
    let mut v: Vec<_> = c
        .list
        .iter()
        .map(|e| (e.urn, e.previous.event_id, e.latest.event_id))
        .collect();
    v.sort_unstable();
    v
}

#[test]
fn changes_compare_any_two_graded_inspections() {
    let events = [
        // Inadequate → requires improvement → good (then outstanding after the cut-off).
        ilacs(1, BARNET, date(2018, 5, 1), date(2018, 7, 1), Inadequate),
        ilacs(
            2,
            BARNET,
            date(2021, 5, 1),
            date(2021, 7, 1),
            RequiresImprovement,
        ),
        ilacs(3, BARNET, date(2023, 12, 1), date(2024, 2, 1), Good),
        ilacs(4, BARNET, date(2024, 4, 8), date(2024, 6, 1), Outstanding),
        // Requires improvement → good.
        ilacs(
            5,
            BATH,
            date(2019, 1, 7),
            date(2019, 3, 1),
            RequiresImprovement,
        ),
        ilacs(6, BATH, date(2022, 1, 10), date(2022, 3, 1), Good),
        // Inadequate → good; its SIF is another framework.
        sif(7, BUCKS, date(2014, 7, 7), Inadequate),
        ilacs(8, BUCKS, date(2018, 7, 2), date(2018, 9, 1), Inadequate),
        ilacs(9, BUCKS, date(2023, 4, 3), date(2023, 6, 1), Good),
        // One inspection: never compared.
        ilacs(10, BARNSLEY, date(2019, 5, 1), date(2019, 7, 1), Good),
    ];
    let index = Index::new(&events);
    let base = ChangesQuery::new(Cutoff::new(date(2024, 3, 31)));
    assert_eq!(base.compare, Compare::Previous);

    // The latest against the one before: Barnet requires improvement → good.
    let c = index.changes(&base);
    assert_eq!(pairs(&c), [(BATH, 5, 6), (BUCKS, 8, 9), (BARNET, 2, 3)]);
    assert_eq!(c, index.changes(&base.compare(Compare::Previous)));
    let barnet = c.list.iter().find(|e| e.urn == BARNET).unwrap();
    assert_eq!(
        (barnet.previous.grade, barnet.latest.grade, barnet.category),
        (RequiresImprovement, Good, ChangeCategory::Improved)
    );
    let moved = index.changes(&base.grades(Some(Inadequate), Some(Good)));
    assert_eq!(pairs(&moved), [(BUCKS, 8, 9)]);

    // The latest against the first: Barnet inadequate → good.
    let c = index.changes(&base.compare(Compare::First));
    assert_eq!(pairs(&c), [(BATH, 5, 6), (BUCKS, 8, 9), (BARNET, 1, 3)]);
    let moved = index.changes(
        &base
            .compare(Compare::First)
            .grades(Some(Inadequate), Some(Good)),
    );
    assert_eq!(pairs(&moved), [(BUCKS, 8, 9), (BARNET, 1, 3)]);
    assert_eq!(
        (moved.authorities, moved.improved, moved.declined),
        (2, 2, 0)
    );
    assert!(moved
        .list
        .iter()
        .all(|e| e.category == ChangeCategory::Improved));
    // Only the earlier grade asked for.
    let from_ri = index.changes(
        &base
            .compare(Compare::First)
            .grades(Some(RequiresImprovement), None),
    );
    assert_eq!(pairs(&from_ri), [(BATH, 5, 6)]);

    // The grade standing on 1 January 2020 against that on 31 December 2022.
    let window = base.window(date(2020, 1, 1), Some(date(2022, 12, 31)));
    let c = index.changes(&window);
    // Bucks' one inspection stood on both days: not compared.
    assert_eq!(pairs(&c), [(BATH, 5, 6), (BARNET, 1, 2)]);
    assert_eq!((c.authorities, c.improved), (2, 2));
    let moved = index.changes(&window.grades(Some(Inadequate), Some(RequiresImprovement)));
    assert_eq!(pairs(&moved), [(BARNET, 1, 2)]);
    assert_eq!(
        pairs(&index.changes(&window.grades(Some(Inadequate), Some(Good)))),
        []
    );

    // From 1 August 2018 to the cut-off: Bath had no inspection by then, so is absent; the
    // cut-off still applies (Barnet's outstanding report of June 2024 is not admitted).
    let c = index.changes(&base.window(date(2018, 8, 1), None));
    assert_eq!(pairs(&c), [(BARNET, 1, 3)]);
    assert_eq!(c.to, Some(date(2024, 3, 31)));
    let c = index.changes(&base.window(date(2018, 8, 1), Some(date(2030, 1, 1))));
    assert_eq!(pairs(&c), [(BARNET, 1, 3)]);
    // A report published on the `from` day was known that day.
    let c = index.changes(&base.window(date(2018, 9, 1), None));
    assert_eq!(pairs(&c), [(BUCKS, 8, 9), (BARNET, 1, 3)]);
    let c = index.changes(&base.window(date(2018, 8, 31), None));
    assert_eq!(pairs(&c), [(BARNET, 1, 3)]);
    // No `from`: each LA's first inspection against the one standing at `to`.
    let c = index.changes(
        &base
            .compare(Compare::Window)
            .dates(None, Some(date(2022, 12, 31))),
    );
    assert_eq!(pairs(&c), [(BATH, 5, 6), (BARNET, 1, 2)]);
    // `from` after `to`: nothing earlier to compare.
    let c = index.changes(&base.window(date(2023, 1, 1), Some(date(2020, 1, 1))));
    assert!(c.list.is_empty());
    assert_eq!(c.authorities, 0);

    // The answer says what was asked.
    let v = serde_json::to_value(index.changes(&window.grades(Some(Inadequate), None))).unwrap();
    assert_eq!(v["compare"], "window");
    assert_eq!(v["from"], "2020-01-01");
    assert_eq!(v["to"], "2022-12-31");
    assert_eq!(v["from_grade"], "inadequate");
    assert_eq!(v["to_grade"], serde_json::Value::Null);
    assert_eq!(v["authorities"], 1);
    // Dates are read in window mode only, and echoed only then.
    let c = index.changes(&base.dates(Some(date(2020, 1, 1)), Some(date(2022, 12, 31))));
    assert_eq!(pairs(&c), [(BATH, 5, 6), (BUCKS, 8, 9), (BARNET, 2, 3)]);
    let v = serde_json::to_value(&c).unwrap();
    assert_eq!(v["compare"], "previous");
    assert_eq!(
        (&v["from"], &v["to"]),
        (&serde_json::Value::Null, &serde_json::Value::Null)
    );

    // The words.
    for c in Compare::ALL {
        assert_eq!(c.as_str().parse::<Compare>().unwrap(), *c);
        assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
    }
    assert!("latest".parse::<Compare>().is_err());
}

#[test]
fn cutoff_rules() {
    let events = [
        // A SIF with no start date.
        sif(1, BARNET, date(2016, 5, 1), Inadequate),
        // Begun after the as-at date, published before the release's cut-off.
        ilacs(2, BARNET, date(2024, 4, 8), date(2024, 6, 1), Good),
        // Same publication day: the later start wins.
        ilacs(3, BARNSLEY, date(2019, 5, 13), date(2019, 7, 1), Good),
        ilacs(
            4,
            BARNSLEY,
            date(2019, 5, 20),
            date(2019, 7, 1),
            Outstanding,
        ),
        // No start, published after inspected_by: not admitted under inspected_by.
        sif(5, BATH, date(2024, 4, 15), Good),
        visit(6, BATH, date(2024, 1, 10)),
    ];
    let index = Index::new(&events);
    let release = Cutoff::ofsted_release(date(2024, 3, 31));
    assert_eq!(
        (release.published_by, release.inspected_by),
        (date(2024, 6, 30), Some(date(2024, 3, 31)))
    );
    assert_eq!(index.latest(BARNET, &release).unwrap().id, 1);
    assert_eq!(
        index
            .latest(
                BARNET,
                &Cutoff::new(date(2024, 3, 31)).published_by(date(2024, 6, 30))
            )
            .unwrap()
            .id,
        2
    );
    assert_eq!(index.latest(BARNSLEY, &release).unwrap().id, 4);
    assert!(index.latest(BATH, &release).is_none());
    assert_eq!(
        index
            .latest(BATH, &Cutoff::new(date(2024, 6, 30)))
            .unwrap()
            .id,
        5
    );
    assert_eq!(
        counts(&index, StatsQuery::new(release)),
        (153, 2, [1, 0, 0, 1])
    );
    // The visit is in the journey, ungraded and without changes.
    let j = index.journey(BATH, None).unwrap();
    assert_eq!(
        j.events
            .iter()
            .map(|e| (e.event_id, e.graded))
            .collect::<Vec<_>>(),
        [(6, false), (5, true)]
    );
    assert!(j.events[0].changes.is_empty());
    assert_eq!(
        index
            .journey(BATH, Some(date(2024, 3, 1)))
            .unwrap()
            .events
            .len(),
        1
    );
    assert_eq!(
        index.journey(12345, None).unwrap_err(),
        AnalysisError::UnknownAuthority(12345)
    );
}

#[test]
fn sub_judgements_read_from_the_latest_event_and_overall_falls_back() {
    let mut reformed = ilacs(3, BARNET, date(2026, 5, 4), date(2026, 7, 1), Good);
    reformed.grades.overall = None;
    reformed.grades.care_leavers = Some(Good);
    let events = [
        sif(1, BARNET, date(2017, 7, 7), Inadequate),
        ilacs(
            2,
            BARNET,
            date(2019, 5, 1),
            date(2019, 7, 1),
            RequiresImprovement,
        ),
        reformed,
    ];
    let index = Index::new(&events);
    // Care leavers: the 2019 ILACS (before the 2023 split) does not judge it; the SIF's is
    // not carried.
    let s = index.stats(&StatsQuery::as_at(date(2020, 1, 1)).judgement(Judgement::CareLeavers));
    assert_eq!(
        (
            s.counts.inspected,
            s.counts.not_graded,
            s.counts.grades.total()
        ),
        (1, 1, 0)
    );
    let s = index.stats(&StatsQuery::as_at(date(2018, 1, 1)).judgement(Judgement::CareLeavers));
    assert_eq!(s.counts.grades.inadequate, 1);
    // Overall after a reformed inspection: the 2019 grade, flagged.
    let s = index.stats(&StatsQuery::as_at(date(2026, 12, 31)).list(true));
    assert_eq!(
        (
            s.counts.grades.requires_improvement,
            s.counts.overall_from_earlier
        ),
        (1, 1)
    );
    let barnet = s
        .list
        .unwrap()
        .into_iter()
        .find(|e| e.urn == BARNET)
        .unwrap();
    assert_eq!(
        (barnet.grade, barnet.event_id, barnet.from_earlier_event),
        (Some(RequiresImprovement), Some(2), true)
    );
    // Leaders is read from the reformed inspection itself.
    let s = index.stats(&StatsQuery::as_at(date(2026, 12, 31)).judgement(Judgement::Leaders));
    assert_eq!(
        (s.counts.grades.good, s.counts.overall_from_earlier),
        (1, 0)
    );
    // The journey marks each judgement's change from the previous graded event.
    let j = index.journey(BARNET, None).unwrap();
    let last = &j.events[2];
    let leaders = last
        .changes
        .iter()
        .find(|c| c.judgement == Judgement::Leaders)
        .unwrap();
    assert_eq!(
        (leaders.previous, leaders.change),
        (Some(RequiresImprovement), Change::Improved)
    );
    let cl = last
        .changes
        .iter()
        .find(|c| c.judgement == Judgement::CareLeavers)
        .unwrap();
    assert_eq!(
        cl.change,
        Change::New,
        "the 2019 ILACS did not judge care leavers"
    );
    assert!(last
        .changes
        .iter()
        .all(|c| c.judgement != Judgement::Overall));
    let second = &j.events[1];
    assert!(
        second.changes.iter().all(|c| c.change == Change::Improved),
        "{:?}",
        second.changes
    );
}

#[test]
fn region_groupings_use_the_domain_spellings() {
    let events = [
        ilacs(1, BARNSLEY, date(2018, 5, 1), date(2018, 7, 1), Good),
        ilacs(2, BARNET, date(2018, 5, 1), date(2018, 7, 1), Inadequate),
    ];
    let index = Index::new(&events);
    let s8 = index.stats(&StatsQuery::as_at(date(2020, 1, 1)).by(Grouping::Region));
    let names8: Vec<&str> = s8.groups.iter().map(|g| g.name).collect();
    assert_eq!(
        names8,
        OfstedRegion::ALL
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
    );
    assert!(names8.contains(&"North East, Yorkshire and the Humber"));
    let s9 = index.stats(
        &StatsQuery::as_at(date(2020, 1, 1))
            .by(Grouping::Region9)
            .list(true),
    );
    let names9: Vec<&str> = s9.groups.iter().map(|g| g.name).collect();
    assert_eq!(
        names9,
        OnsRegion::ALL
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
    );
    assert!(names9.contains(&"Yorkshire and The Humber") && names9.contains(&"North East"));
    let g = |s: &Stats, name: &str| s.groups.iter().find(|g| g.name == name).unwrap().counts;
    assert_eq!(
        g(&s8, "North East, Yorkshire and the Humber").grades.good,
        1
    );
    assert_eq!(g(&s9, "Yorkshire and The Humber").grades.good, 1);
    assert_eq!(g(&s9, "North East").inspected, 0);
    assert_eq!(g(&s8, "London").grades.inadequate, 1);
    assert_eq!(
        g(&s9, "North East").authorities + g(&s9, "Yorkshire and The Humber").authorities,
        g(&s8, "North East, Yorkshire and the Humber").authorities
    );
    // The list: grouped, the region as the grouping spells it.
    let list = s9.list.as_ref().unwrap();
    assert_eq!(list.len(), 151);
    assert_eq!(
        list.iter().find(|e| e.urn == BARNSLEY).unwrap().region,
        "Yorkshire and The Humber"
    );
    assert_eq!(list[0].region, "North East");
    assert_eq!("region9".parse::<Grouping>().unwrap(), Grouping::Region9);
}

#[test]
fn json_shape() {
    let events = [
        ilacs(1, BARNSLEY, date(2018, 5, 1), date(2018, 7, 1), Good),
        visit(2, BARNSLEY, date(2021, 5, 1)),
    ];
    let index = Index::new(&events);
    let s = index.stats(
        &StatsQuery::as_at(date(2020, 1, 1))
            .by(Grouping::Region)
            .list(true),
    );
    let v = serde_json::to_value(&s).unwrap();
    for key in [
        "as_at",
        "published_by",
        "inspected_by",
        "judgement",
        "authorities",
        "inspected",
        "grades",
        "groups",
        "list",
    ] {
        assert!(v.get(key).is_some(), "{key} missing in stats JSON");
    }
    assert_eq!(v["judgement"], "overall");
    assert_eq!(v["published_by"], "2020-01-01");
    assert_eq!(v["inspected_by"], serde_json::Value::Null);
    let grades = v["grades"].as_object().unwrap();
    let mut keys: Vec<&str> = grades.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["good", "inadequate", "outstanding", "requires_improvement"]
    );
    let group = &v["groups"][0];
    for key in ["name", "authorities", "inspected", "grades"] {
        assert!(group.get(key).is_some(), "{key} missing in group JSON");
    }
    let first = v["list"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["urn"] == BARNSLEY)
        .unwrap();
    assert_eq!(first["la_name"], "Barnsley");
    assert_eq!(first["grade"], "good");
    assert_eq!(first["kind"], "ilacs_standard");
    for key in ["urn", "region", "event_id", "published"] {
        assert!(first.get(key).is_some(), "{key} missing in list JSON");
    }
    let without = serde_json::to_value(index.stats(&StatsQuery::as_at(date(2020, 1, 1)))).unwrap();
    assert!(without.get("list").is_none());
    let mut journey = index.journey(BARNSLEY, Some(date(2022, 1, 1))).unwrap();
    // The neighbours are lacs-authorities' data: checked for shape, kept out of the snapshot.
    assert_eq!(
        journey
            .neighbours
            .iter()
            .map(|s| (s.model.year(), s.neighbours.len()))
            .collect::<Vec<_>>(),
        [(2025, 10), (2021, 10)]
    );
    assert!(journey.neighbours[0]
        .neighbours
        .iter()
        .all(|n| !n.la_name.is_empty() && n.latest.is_none()));
    journey.neighbours.clear();
    insta::assert_json_snapshot!("journey_barnsley", journey);
}

#[test]
fn time_series_at_quarter_ends() {
    assert_eq!(
        quarter_ends(date(2014, 3, 31), date(2015, 1, 15)),
        [
            date(2014, 3, 31),
            date(2014, 6, 30),
            date(2014, 9, 30),
            date(2014, 12, 31)
        ]
    );
    assert_eq!(
        quarter_ends(date(2014, 4, 1), date(2014, 9, 30)),
        [date(2014, 6, 30), date(2014, 9, 30)]
    );
    let events = [
        sif(1, BARNET, date(2014, 5, 1), Inadequate),
        sif(2, DORSET_COUNTY, date(2016, 5, 23), Good),
        ilacs(3, BARNET, date(2019, 5, 1), date(2019, 7, 1), Good),
    ];
    let index = Index::new(&events);
    let ts = index.time_series(Judgement::Overall, date(2019, 12, 31));
    assert_eq!(ts.points.len(), 24);
    let at = |d: Date| {
        ts.points
            .iter()
            .find(|p| p.cutoff.as_at == d)
            .unwrap()
            .counts
    };
    assert_eq!(at(date(2014, 3, 31)).inspected, 0);
    assert_eq!(at(date(2014, 6, 30)).grades.as_array(), [0, 0, 0, 1]);
    assert_eq!(at(date(2019, 3, 31)).grades.as_array(), [0, 1, 0, 1]);
    assert_eq!(
        (
            at(date(2019, 6, 30)).authorities,
            at(date(2019, 6, 30)).grades.as_array()
        ),
        (151, [0, 0, 0, 1])
    );
    assert_eq!(at(date(2019, 9, 30)).grades.as_array(), [0, 1, 0, 0]);
}

mod property {
    use super::*;
    use proptest::prelude::*;

    fn grade() -> impl Strategy<Value = Option<Grade>> {
        prop_oneof![
            Just(None),
            Just(Some(Outstanding)),
            Just(Some(Good)),
            Just(Some(RequiresImprovement)),
            Just(Some(Inadequate)),
            Just(Some(NotJudged)),
        ]
    }

    fn day() -> impl Strategy<Value = Date> {
        (0i64..4400).prop_map(|n| date(2014, 1, 1).saturating_add(jiff::Span::new().days(n)))
    }

    fn event() -> impl Strategy<Value = InspectionEvent> {
        let urns: Vec<u32> = lacs_authorities::all().iter().map(|a| a.urn).collect();
        (
            prop::sample::select(urns),
            prop::sample::select(vec![
                Some(Kind::Sif),
                Some(Kind::SifReinspection),
                Some(Kind::IlacsStandard),
                Some(Kind::IlacsShort),
                Some(Kind::LscbReview),
                None,
            ]),
            prop::option::of(day()),
            prop::option::of(day()),
            grade(),
            grade(),
        )
            .prop_map(
                |(urn, kind, start, published, overall, leaders)| InspectionEvent {
                    id: 0,
                    urn,
                    kind,
                    event_type: String::new(),
                    inspection_start: start,
                    inspection_end: None,
                    published,
                    grades: JudgementSet {
                        overall,
                        leaders,
                        ..Default::default()
                    },
                    sources: EventSources::default(),
                    visit: None,
                },
            )
    }

    proptest! {
        #[test]
        fn groups_sum_to_the_nation(
            mut events in prop::collection::vec(event(), 0..300),
            as_at in day(),
            lag in 0i64..120,
            inspected in any::<bool>(),
            judgement in prop::sample::select(Judgement::ALL.to_vec()),
        ) {
            for (i, e) in events.iter_mut().enumerate() {
                e.id = i as i64;
            }
            let index = Index::new(&events);
            let mut q = StatsQuery::as_at(as_at)
                .published_by(as_at.saturating_add(jiff::Span::new().days(lag)))
                .judgement(judgement);
            if inspected {
                q = q.inspected_by(as_at);
            }
            for by in [Grouping::Region, Grouping::Region9] {
                let s = index.stats(&q.by(by).list(true));
                let sum = |f: fn(&Counts) -> usize| s.groups.iter().map(|g| f(&g.counts)).sum::<usize>();
                prop_assert_eq!(sum(|c| c.authorities), s.counts.authorities);
                prop_assert_eq!(sum(|c| c.inspected), s.counts.inspected);
                prop_assert_eq!(sum(|c| c.not_graded), s.counts.not_graded);
                prop_assert_eq!(sum(|c| c.overall_from_earlier), s.counts.overall_from_earlier);
                for g in Grade::SCALE {
                    prop_assert_eq!(s.groups.iter().map(|x| x.counts.grades.get(g)).sum::<usize>(), s.counts.grades.get(g));
                }
                prop_assert_eq!(s.counts.grades.total() + s.counts.not_graded, s.counts.inspected);
                prop_assert!(s.counts.inspected <= s.counts.authorities);
                let list = s.list.as_ref().unwrap();
                prop_assert_eq!(list.len(), s.counts.authorities);
                prop_assert_eq!(list.iter().filter(|e| e.event_id.is_some()).count(), s.counts.inspected);
            }
            let firsts = index.firsts(judgement, Good, None);
            for w in firsts.windows(2) {
                prop_assert!(w[0].published <= w[1].published);
                prop_assert!(w[1].rank > w[0].rank || w[1].published == w[0].published && w[1].rank == w[0].rank);
            }
        }
    }
}

#[test]
fn quarter_ends_stop_at_the_end_of_time() {
    let q = quarter_ends(date(9999, 1, 1), Date::MAX);
    assert_eq!(
        q,
        [
            date(9999, 3, 31),
            date(9999, 6, 30),
            date(9999, 9, 30),
            date(9999, 12, 31)
        ]
    );
}
