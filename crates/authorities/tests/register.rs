//! The register's own data: every row well-formed, the rows consistent with each other, and
//! the LA counts Ofsted uses on the reorganisation dates.

use std::collections::{HashMap, HashSet};

use lacs_authorities::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn embedded_data_parses() {
    // A malformed row fails here with its row number and field.
    if let Err(e) = parse_authorities(AUTHORITIES_CSV) {
        panic!("data/authorities.csv: {e}");
    }
    if let Err(e) = parse_neighbours(NEIGHBOURS_CSV) {
        panic!("data/statistical_neighbours.csv: {e}");
    }
    assert_eq!(all().len(), 158);
}

#[test]
fn codes_unique_and_well_formed() {
    let mut urns = HashSet::new();
    let mut la_codes = HashSet::new();
    let mut gss = HashSet::new();
    for a in all() {
        assert!(urns.insert(a.urn), "URN {} twice", a.urn);
        assert!(
            (100..=999).contains(&a.la_code),
            "{}: la_code {}",
            a.name,
            a.la_code
        );
        // DfE numbers are never reused in this register (see by_la_code)
        assert!(la_codes.insert(a.la_code), "DfE number {} twice", a.la_code);
        assert!(!a.gss_codes.is_empty(), "{}: no GSS code", a.name);
        for (i, (code, from)) in a.gss_codes.iter().enumerate() {
            assert!(is_gss_code(code), "{}: GSS {code}", a.name);
            // upper-tier areas only: unitary, metropolitan district, London borough, county
            assert!(
                ["E06", "E08", "E09", "E10"].contains(&&code[..3]),
                "{}: {code} is not an upper-tier code",
                a.name
            );
            assert!(gss.insert(code.clone()), "GSS {code} twice");
            assert_eq!(
                from.is_none(),
                i == 0,
                "{}: only the first code is undated",
                a.name
            );
            if let (Some(f), Some(s)) = (from, a.start) {
                assert!(*f > s, "{}: code {code} dated before the LA starts", a.name);
            }
            if let (Some(f), Some(e)) = (from, a.end) {
                assert!(*f <= e, "{}: code {code} dated after the LA ends", a.name);
            }
        }
        assert_eq!(by_urn(a.urn), Some(a));
        assert_eq!(by_la_code(a.la_code), Some(a));
        for (code, _) in &a.gss_codes {
            assert_eq!(by_gss(code), Some(a));
            assert_eq!(by_gss(&code.to_lowercase()), Some(a));
        }
    }
}

#[test]
fn regions_consistent() {
    for a in all() {
        assert_eq!(a.ons_region.ofsted(), a.ofsted_region, "{}", a.name);
    }
    let london = all()
        .iter()
        .filter(|a| a.ons_region == OnsRegion::London)
        .count();
    assert_eq!(london, 33);
    let per_region = |r: OfstedRegion| {
        exist_on(d("2025-01-01"))
            .filter(|a| a.ofsted_region == r)
            .count()
    };
    assert_eq!(per_region(OfstedRegion::NorthEastYorkshireAndTheHumber), 27);
    assert_eq!(per_region(OfstedRegion::NorthWest), 24);
    assert_eq!(per_region(OfstedRegion::SouthEast), 19);
    assert_eq!(per_region(OfstedRegion::SouthWest), 15);
    assert_eq!(per_region(OfstedRegion::EastMidlands), 10);
    assert_eq!(per_region(OfstedRegion::EastOfEngland), 11);
    assert_eq!(per_region(OfstedRegion::WestMidlands), 14);
}

#[test]
fn names_and_aliases_clean() {
    for a in all() {
        let mut seen = HashSet::new();
        for s in std::iter::once(&a.name).chain(&a.aliases) {
            assert_eq!(s.trim(), s, "{}: padded spelling", a.name);
            assert!(
                !s.contains('|') && !s.contains(';'),
                "{}: separator in {s:?}",
                a.name
            );
            assert!(seen.insert(s.to_lowercase()), "{}: {s:?} twice", a.name);
            // every spelling finds its LA, at least on a day when the LA existed
            let on = a.end.or(a.start);
            assert_eq!(
                by_name(s, on).map(|x| x.urn),
                Some(a.urn),
                "{s:?} on {on:?}"
            );
        }
    }
}

#[test]
fn no_two_coexisting_las_share_a_name() {
    // Same key only for LAs that never existed on the same day (resolved by date).
    let mut by_key: HashMap<String, Vec<&Authority>> = HashMap::new();
    for a in all() {
        for s in std::iter::once(&a.name).chain(&a.aliases) {
            let v = by_key.entry(normalise_name(s)).or_default();
            if !v.iter().any(|x| x.urn == a.urn) {
                v.push(a);
            }
        }
    }
    for (key, las) in by_key {
        for (i, a) in las.iter().enumerate() {
            for b in &las[i + 1..] {
                let overlap = a.start.max(b.start).is_none_or(|s| {
                    [a.end, b.end]
                        .iter()
                        .flatten()
                        .min()
                        .is_none_or(|e| s <= *e)
                });
                assert!(
                    !overlap,
                    "{key:?} names both {} and {} at once",
                    a.name, b.name
                );
            }
        }
    }
}

#[test]
fn succession_symmetric_and_dated() {
    for a in all() {
        for p in &a.predecessors {
            let p = by_urn(*p).unwrap_or_else(|| panic!("{}: unknown predecessor {p}", a.name));
            assert!(
                p.successors.contains(&a.urn),
                "{} -> {} not symmetric",
                p.name,
                a.name
            );
            assert_eq!(
                p.end.unwrap().tomorrow().unwrap(),
                a.start.unwrap(),
                "{} -> {}",
                p.name,
                a.name
            );
        }
        for s in &a.successors {
            let s = by_urn(*s).unwrap_or_else(|| panic!("{}: unknown successor {s}", a.name));
            assert!(
                s.predecessors.contains(&a.urn),
                "{} -> {} not symmetric",
                a.name,
                s.name
            );
        }
        if let (Some(s), Some(e)) = (a.start, a.end) {
            assert!(s <= e);
        }
        // an LA that ended in the register's time was succeeded
        assert_eq!(a.end.is_some(), !a.successors.is_empty(), "{}", a.name);
        assert_eq!(a.start.is_some(), !a.predecessors.is_empty(), "{}", a.name);
    }
}

#[test]
fn counts_on_reorganisation_days() {
    let count = |s: &str| exist_on(d(s)).count();
    assert_eq!(count("2013-04-01"), 152);
    assert_eq!(count("2019-03-31"), 152);
    assert_eq!(count("2019-04-01"), 151);
    assert_eq!(count("2021-03-31"), 151);
    assert_eq!(count("2021-04-01"), 152);
    assert_eq!(count("2023-03-31"), 152);
    assert_eq!(count("2023-04-01"), 153);
    assert_eq!(exist_on(jiff::ZonedDateTime::now().date()).count(), 153);
}

#[test]
fn the_reorganisations() {
    let urn = |u: u32| by_urn(u).unwrap_or_else(|| panic!("URN {u}"));
    let day = |s: &str| Some(d(s));
    for (old, end, succ) in [
        (80434, "2019-03-31", vec![2532287]),
        (80433, "2019-03-31", vec![2532287]),
        (80463, "2019-03-31", vec![2532287, 2532283]),
        (80531, "2021-03-31", vec![2637539, 2637548]),
        (80457, "2023-03-31", vec![2733690, 2733698]),
    ] {
        assert_eq!(urn(old).end, day(end), "{old}");
        assert_eq!(urn(old).successors, succ, "{old}");
    }
    assert_eq!(urn(80531).name, "Northamptonshire");
    assert_eq!(urn(80531).la_code, 928);
    assert_eq!(urn(80457).la_code, 909);
    // same LA, new GSS code
    let bucks = urn(80442);
    assert_eq!(bucks.gss_code_on(d("2020-03-31")), Some("E10000002"));
    assert_eq!(bucks.gss_code_on(d("2020-04-01")), Some("E06000060"));
    assert!(bucks.start.is_none() && bucks.end.is_none());
    for (u, old, new) in [
        (80530, "E10000023", "E06000065"),
        (80555, "E10000027", "E06000066"),
    ] {
        assert_eq!(urn(u).gss_code_on(d("2023-03-31")), Some(old));
        assert_eq!(urn(u).gss_code_on(d("2023-04-01")), Some(new));
        assert_eq!(by_gss(old), Some(urn(u)));
    }
    assert_eq!(by_gss("E08000016").map(|a| a.urn), Some(80426)); // Barnsley's code to 2024
    assert_eq!(by_gss("E10000009").map(|a| a.urn), Some(80463)); // Dorset County Council
}

#[test]
fn statistical_neighbours_complete_and_known() {
    for model in NeighbourModel::ALL {
        let mut with = 0;
        for a in all() {
            let ns = statistical_neighbours(a.urn, model);
            if ns.is_empty() {
                continue;
            }
            with += 1;
            assert_eq!(ns.len(), 10, "{} {model}", a.name);
            let ranks: Vec<u8> = ns.iter().map(|n| n.rank).collect();
            assert_eq!(ranks, (1..=10).collect::<Vec<u8>>(), "{} {model}", a.name);
            let mut seen = HashSet::new();
            for n in ns {
                let b = by_urn(n.urn)
                    .unwrap_or_else(|| panic!("{} {model}: unknown {}", a.name, n.urn));
                assert_ne!(b.urn, a.urn);
                assert!(seen.insert(n.urn), "{} {model}: {} twice", a.name, b.name);
                let bands: &[&str] = match model {
                    NeighbourModel::Y2021 => &[
                        "Extremely Close",
                        "Very Close",
                        "Close",
                        "Somewhat close",
                        "Not Close",
                    ],
                    NeighbourModel::Y2025 => &[
                        "Extremely close",
                        "Very close",
                        "Close",
                        "Somewhat close",
                        "Not close",
                    ],
                };
                assert!(bands.contains(&n.closeness.as_str()), "{:?}", n.closeness);
            }
        }
        match model {
            // 152 LAs of April 2021 and the file's old groupings of the four abolished 2019/2021
            NeighbourModel::Y2021 => assert_eq!(with, 156),
            NeighbourModel::Y2025 => assert_eq!(with, 153),
        }
    }
    // every LA existing when a model was published has neighbours in it
    for a in exist_on(d("2021-04-01")) {
        assert_eq!(
            statistical_neighbours(a.urn, NeighbourModel::Y2021).len(),
            10,
            "{}",
            a.name
        );
    }
    for a in exist_on(d("2025-04-01")) {
        assert_eq!(
            statistical_neighbours(a.urn, NeighbourModel::Y2025).len(),
            10,
            "{}",
            a.name
        );
    }
    let barnsley = statistical_neighbours(80426, NeighbourModel::Y2025);
    assert_eq!(by_urn(barnsley[0].urn).unwrap().name, "Rotherham");
    assert_eq!(barnsley[0].closeness, "Very close");
    assert!(statistical_neighbours(2733690, NeighbourModel::Y2021).is_empty());
}
