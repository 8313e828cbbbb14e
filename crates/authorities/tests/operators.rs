//! Bodies that ran an LA's children's services (`data/operators.csv`): the data is sound, and
//! their names find their LAs in text only on the days they served them.

use std::collections::HashSet;

use lacs_authorities::*;
use proptest::prelude::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn urns(f: Option<Found>) -> Vec<u32> {
    f.map(|f| f.candidates().iter().map(|a| a.urn).collect())
        .unwrap_or_default()
}

const KINGSTON: u32 = 80545;
const RICHMOND: u32 = 80513;
const WINDSOR: u32 = 80546;
const NORTHAMPTONSHIRE: u32 = 80531;
const NORTH_NORTHANTS: u32 = 2637539;
const WEST_NORTHANTS: u32 = 2637548;
const SLOUGH: u32 = 80553;

#[test]
fn embedded_data_parses() {
    if let Err(e) = parse_operators(OPERATORS_CSV) {
        panic!("data/operators.csv: {e}");
    }
    assert!(operators().len() >= 14);
}

#[test]
fn every_row_is_sound() {
    for o in operators() {
        assert!(
            o.end.is_none_or(|e| o.start < e),
            "{}: start before end",
            o.name
        );
        assert!(!o.source.trim().is_empty(), "{}: a source", o.name);
        let mut seen = HashSet::new();
        for &u in &o.urns {
            assert!(seen.insert(u), "{}: URN {u} twice", o.name);
            let a = by_urn(u).unwrap_or_else(|| panic!("{}: unknown URN {u}", o.name));
            // the LA existed over the whole period (a still-serving body needs a current LA)
            assert!(
                a.start.is_none_or(|s| s <= o.start),
                "{} starts before {}",
                o.name,
                a.name
            );
            match (a.end, o.end) {
                (Some(ae), Some(oe)) => assert!(oe <= ae, "{} outlives {}", o.name, a.name),
                (Some(_), None) => panic!("{} serves {} after its abolition", o.name, a.name),
                _ => {}
            }
        }
    }
}

#[test]
fn rows_do_not_conflict() {
    let ops = operators();
    for (i, a) in ops.iter().enumerate() {
        // a body's name is never also an LA's name or alias: by_name would be ambiguous
        let light = normalise_name(&a.name);
        assert!(
            all().iter().all(|la| normalise_name(&la.name) != light
                && la.aliases.iter().all(|x| normalise_name(x) != light)),
            "{} is also an LA's name",
            a.name
        );
        for b in &ops[i + 1..] {
            if normalise_name(&a.name) != normalise_name(&b.name) {
                continue;
            }
            let overlap = a.end.is_none_or(|e| b.start <= e) && b.end.is_none_or(|e| a.start <= e);
            let shared = a.urns.iter().any(|u| b.urns.contains(u));
            assert!(
                !(overlap && shared),
                "{}: two overlapping rows for one LA",
                a.name
            );
        }
    }
}

#[test]
fn partial_dates_and_bad_rows() {
    let h = "name,urns,start,end,source,note\n";
    let ok = parse_operators(&format!("{h}X Trust,1|2,2018-12,2022-02,s,\n")).unwrap();
    assert_eq!(
        (ok[0].start, ok[0].end),
        (d("2018-12-01"), Some(d("2022-02-28")))
    );
    let year = parse_operators(&format!("{h}X Trust,1,2011,2012,s,n\n")).unwrap();
    assert_eq!(
        (year[0].start, year[0].end),
        (d("2011-01-01"), Some(d("2012-12-31")))
    );
    for (row, field) in [
        (",1,2018-01-01,,s,", "name"),
        ("X,,2018-01-01,,s,", "urns"),
        ("X,a,2018-01-01,,s,", "urns"),
        ("X,1,,,s,", "start"),
        ("X,1,2018-13,,s,", "start"),
        ("X,1,18-01-01,,s,", "start"),
        ("X,1,2018-01-01,2017-12,s,", "end"),
        ("X,1,2018-01-01,2019-02-30,s,", "end"),
        ("X,1,2018-01-01,,,", "source"),
    ] {
        match parse_operators(&format!("{h}{row}\n")) {
            Err(DataError::Field {
                row: 2, field: f, ..
            }) => assert_eq!(f, field, "{row}"),
            other => panic!("{row}: {other:?}"),
        }
    }
}

#[test]
fn each_name_finds_its_las_within_its_dates_and_not_outside() {
    for o in operators() {
        let title = format!("Inspection of {} children’s services", o.name);
        let mut expect = o.urns.clone();
        expect.sort_unstable_by_key(|u| all().iter().position(|a| a.urn == *u));
        // every other row of the same name serving on the same day adds its LAs
        let on_day = |day: Date| -> Vec<u32> {
            let mut v: Vec<u32> = operators()
                .iter()
                .filter(|p| normalise_name(&p.name) == normalise_name(&o.name) && p.serves_on(day))
                .flat_map(|p| p.urns.iter().copied())
                .collect();
            v.sort_unstable_by_key(|u| all().iter().position(|a| a.urn == *u));
            v.dedup();
            v
        };
        for day in [Some(o.start), o.end].into_iter().flatten() {
            let got = urns(find_candidates_in_text(&title, Some(day)));
            assert_eq!(got, on_day(day), "{} on {day}", o.name);
            assert!(
                expect.iter().all(|u| got.contains(u)),
                "{} on {day}",
                o.name
            );
        }
        // the day before it began and the day after it ended, its name alone names no LA
        // unless an LA's own name is part of it
        let before = o.start.yesterday().unwrap();
        let after = o.end.and_then(|e| e.tomorrow().ok());
        for day in [Some(before), after].into_iter().flatten() {
            if !on_day(day).is_empty() {
                continue;
            }
            let got = urns(find_candidates_in_text(&title, Some(day)));
            let inner = find_in_text(&o.name, Some(day)).map(|a| a.urn);
            assert_eq!(
                got,
                inner.into_iter().collect::<Vec<_>>(),
                "{} on {day}",
                o.name
            );
        }
    }
}

#[test]
fn single_la_bodies() {
    let on = |s: &str| Some(d(s));
    let one = |t: &str, day: Option<Date>| find_in_text(t, day).map(|a| a.name.as_str());
    assert_eq!(
        one(
            "Inspection of Slough Children First children's services",
            on("2023-03-01")
        ),
        Some("Slough")
    );
    assert_eq!(
        one("Slough Children’s Services Trust", on("2016-01-11")),
        Some("Slough")
    );
    assert_eq!(
        one("Doncaster Children's Services Trust", on("2017-11-20")),
        Some("Doncaster")
    );
    assert_eq!(
        one("Doncaster Children's Services Trust", None),
        Some("Doncaster")
    );
    assert_eq!(
        one("Together for Children", on("2021-07-01")),
        Some("Sunderland")
    );
    assert_eq!(
        one("Together for Children – Sunderland", None),
        Some("Sunderland")
    );
    assert_eq!(one("Together for Children", on("2016-12-31")), None);
    assert_eq!(
        one("Brighter Futures for Children", on("2019-06-01")),
        Some("Reading")
    );
    assert_eq!(
        one("Brighter Futures for Children", on("2018-12-01")),
        Some("Reading")
    );
    assert_eq!(one("Brighter Futures for Children", on("2018-11-30")), None);
    assert_eq!(
        one("Worcestershire Children First", on("2022-07-01")),
        Some("Worcestershire")
    );
    assert_eq!(
        one("Bradford Children and Families Trust", on("2023-09-01")),
        Some("Bradford")
    );
    assert_eq!(
        one("Birmingham Children's Trust", on("2018-12-01")),
        Some("Birmingham")
    );
    assert_eq!(
        one("Sandwell Children's Trust", on("2022-01-01")),
        Some("Sandwell")
    );
    // month precision: "2022-09" runs to the month's last day
    let dcst = operators()
        .iter()
        .find(|o| o.name.starts_with("Doncaster"))
        .unwrap();
    assert_eq!(dcst.end, Some(d("2022-09-30")));
}

#[test]
fn multi_la_bodies_are_ambiguous_unless_an_la_is_named() {
    let on = |s: &str| Some(d(s));
    // before Windsor and Maidenhead joined
    assert_eq!(
        urns(find_candidates_in_text(
            "Achieving for Children",
            on("2016-01-01")
        )),
        [KINGSTON, RICHMOND]
    );
    assert_eq!(
        urns(find_candidates_in_text(
            "Achieving for Children",
            on("2019-11-01")
        )),
        [KINGSTON, RICHMOND, WINDSOR]
    );
    assert_eq!(
        find_in_text("Achieving for Children", on("2019-11-01")),
        None
    );
    assert_eq!(find_in_text("Achieving for Children", None), None);
    assert!(find_candidates_in_text("Achieving for Children", on("2013-01-01")).is_none());
    // an LA named in the same text settles it
    let k = "Inspection of Kingston upon Thames local authority children’s services, delivered by Achieving for Children";
    assert_eq!(
        find_in_text(k, on("2019-11-01")).map(|a| a.urn),
        Some(KINGSTON)
    );
    assert_eq!(
        find_in_text("Achieving for Children (Richmond)", on("2019-11-01")).map(|a| a.urn),
        Some(RICHMOND)
    );
    // an LA named that the body did not serve then: the named LA (the title names it)
    let w = "Inspection of Windsor and Maidenhead; Achieving for Children";
    assert_eq!(
        find_in_text(w, on("2015-06-01")).map(|a| a.urn),
        Some(WINDSOR)
    );
    // two of its LAs named: both, still ambiguous
    assert_eq!(
        urns(find_candidates_in_text(
            "Achieving for Children: Kingston and Richmond",
            on("2019-11-01")
        )),
        [KINGSTON, RICHMOND]
    );

    // Northamptonshire Children's Trust: the county, then the two unitaries
    let nct = "Inspection of Northamptonshire Children’s Trust";
    assert_eq!(
        find_in_text(nct, on("2021-01-15")).map(|a| a.urn),
        Some(NORTHAMPTONSHIRE)
    );
    assert_eq!(
        urns(find_candidates_in_text(nct, on("2022-05-01"))),
        [NORTH_NORTHANTS, WEST_NORTHANTS]
    );
    assert_eq!(find_in_text(nct, on("2022-05-01")), None);
    assert_eq!(
        urns(find_candidates_in_text(nct, None)),
        [NORTH_NORTHANTS, NORTHAMPTONSHIRE, WEST_NORTHANTS]
    );
    let found = find_candidates_in_text(nct, on("2022-05-01")).unwrap();
    assert_eq!(
        found.choose(WEST_NORTHANTS).map(|a| a.urn),
        Some(WEST_NORTHANTS)
    );
    assert_eq!(found.choose(SLOUGH), None);
    let west = "West Northamptonshire Council and Northamptonshire Children's Trust";
    assert_eq!(
        find_in_text(west, on("2022-05-01")).map(|a| a.urn),
        Some(WEST_NORTHANTS)
    );
    // before the trust, "Northamptonshire" is the county as before
    assert_eq!(
        find_in_text(nct, on("2019-06-01")).map(|a| a.urn),
        Some(NORTHAMPTONSHIRE)
    );

    // the tri-borough
    assert_eq!(
        urns(find_candidates_in_text(
            "Tri-borough children's services",
            on("2016-01-01")
        ))
        .len(),
        3
    );
    assert!(find_candidates_in_text("Tri-borough children's services", on("2019-01-01")).is_none());
    assert_eq!(
        find_in_text("Tri-borough: Westminster", on("2016-01-01")).map(|a| a.name.as_str()),
        Some("Westminster")
    );
    assert_eq!(
        operators_in_text("Achieving for Children", on("2016-01-01")).len(),
        1
    );
    assert_eq!(operators_in_text("Achieving for Children", None).len(), 2);
}

#[test]
fn names_and_queries() {
    assert_eq!(
        by_name("Slough Children First", None).map(|a| a.urn),
        Some(SLOUGH)
    );
    assert_eq!(
        by_name("slough children first", Some(d("2021-04-01"))).map(|a| a.urn),
        Some(SLOUGH)
    );
    assert_eq!(
        by_name("Slough Children First", Some(d("2020-01-01"))),
        None
    );
    assert_eq!(by_name("Achieving for Children", None), None);
    assert_eq!(resolve("Slough Children First").map(|a| a.urn), Ok(SLOUGH));
    assert_eq!(
        resolve("Together for Children").map(|a| a.name.as_str()),
        Ok("Sunderland")
    );
    let e = resolve("Achieving for Children").unwrap_err();
    assert_eq!(
        e.suggestions,
        [
            "Kingston upon Thames",
            "Richmond upon Thames",
            "Windsor and Maidenhead"
        ]
    );
    // texts naming no body behave as before
    assert_eq!(
        find_in_text("Inspection of Kingston upon Thames", None).map(|a| a.urn),
        Some(KINGSTON)
    );
    assert_eq!(
        find_candidates_in_text("Inspection of Dorset", Some(d("2016-03-01"))),
        Some(Found::One(by_urn(80463).unwrap()))
    );
    assert_eq!(find_candidates_in_text("London region", None), None);
}

/// Neutral words that never make part of an LA's or a body's name.
const FILLER: &[&str] = &[
    "inspection",
    "of",
    "local",
    "authority",
    "services",
    "report",
    "the",
    "and",
    "for",
    "published",
    "date",
    "2023",
    "—",
    "judgement",
    "grade",
    "leaders",
    "practice",
    "visit",
];

fn filler() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FILLER), 0..8).prop_map(|w| w.join(" "))
}

proptest! {
    #[test]
    fn a_body_named_in_any_text_is_found(
        i in 0..14usize,
        before in filler(),
        after in filler(),
        upper in any::<bool>(),
    ) {
        let ops = operators();
        let o = &ops[i % ops.len()];
        let name = if upper { o.name.to_uppercase() } else { o.name.clone() };
        let text = format!("{before} {name}, {after}");
        let got = urns(find_candidates_in_text(&text, Some(o.start)));
        for u in &o.urns {
            prop_assert!(got.contains(u), "{text:?} on {}: {got:?}", o.start);
        }
        let alone = urns(find_candidates_in_text(&o.name, Some(o.start)));
        prop_assert_eq!(got, alone);
    }

    #[test]
    fn an_la_named_beside_its_body_is_chosen(
        before in filler(),
        between in filler(),
        which in 0..3usize,
        la_first in any::<bool>(),
    ) {
        let la = [KINGSTON, RICHMOND, WINDSOR][which];
        let name = &by_urn(la).unwrap().name;
        let text = if la_first {
            format!("{before} {name} {between} Achieving for Children")
        } else {
            format!("{before} Achieving for Children {between} {name}")
        };
        prop_assert_eq!(find_in_text(&text, Some(d("2020-01-01"))).map(|a| a.urn), Some(la));
    }
}
