//! Name, text and query lookups.

use lacs_authorities::*;

fn d(s: &str) -> Option<Date> {
    Some(s.parse().unwrap())
}

fn text(t: &str, on: Option<Date>) -> Option<&'static str> {
    find_in_text(t, on).map(|a| a.name.as_str())
}

fn urn_of_text(t: &str, on: Option<Date>) -> Option<u32> {
    find_in_text(t, on).map(|a| a.urn)
}

#[test]
fn normalisation() {
    assert_eq!(
        normalise_name("The Royal Borough of Kensington & Chelsea"),
        "kensington and chelsea"
    );
    assert_eq!(
        normalise_name("London Borough of Hammersmith and Fulham"),
        "hammersmith and fulham"
    );
    assert_eq!(normalise_name("St. Helens"), normalise_name("St Helens"));
    assert_eq!(normalise_name("Bristol, City of"), "bristol");
    assert_eq!(normalise_name("Bristol City Council"), "bristol");
    assert_eq!(
        normalise_name("Wirral Metropolitan Borough Council"),
        "wirral"
    );
    assert_eq!(normalise_name("Durham County Council"), "durham");
    assert_eq!(normalise_name("Herefordshire, County of"), "herefordshire");
    assert_eq!(
        normalise_name("Council of the Isles of Scilly"),
        "isles of scilly"
    );
    assert_eq!(normalise_name("Children’s services"), "childrens services");
    assert_eq!(normalise_name("  CITY   OF  LONDON "), "city of london");
    // wrappers kept where dropping them would clash with another LA's name
    assert_eq!(
        normalise_name("Dorset County Council"),
        "dorset county council"
    );
    assert_eq!(normalise_name("Dorset Council"), "dorset council");
}

#[test]
fn names_shared_over_time_resolve_by_date() {
    let name = |n: &str, on: Option<Date>| by_name(n, on).map(|a| a.urn);
    assert_eq!(name("Dorset", d("2016-05-23")), Some(80463));
    assert_eq!(name("Dorset", d("2019-03-31")), Some(80463));
    assert_eq!(name("Dorset", d("2019-04-01")), Some(2532283));
    assert_eq!(name("Dorset", None), Some(2532283)); // the current one
    assert_eq!(name("Dorset County Council", None), Some(80463));
    assert_eq!(name("Dorset County Council", d("2021-01-01")), Some(80463)); // only one bears it
    assert_eq!(name("Dorset Council", d("2010-01-01")), Some(2532283));
    assert_eq!(name("Bournemouth", d("2018-08-24")), Some(80434));
    assert_eq!(name("Bournemouth", d("2022-02-11")), Some(2532287));
    assert_eq!(name("Bournemouth", None), Some(80434)); // its own name beats BCP's alias
    assert_eq!(name("Poole", d("2017-11-24")), Some(80433));
    assert_eq!(name("Poole", d("2020-01-01")), Some(2532287));
    assert_eq!(
        name("Bournemouth, Christchurch & Poole", None),
        Some(2532287)
    );
    assert_eq!(name("BCP Council", None), Some(2532287));
    assert_eq!(name("Northamptonshire", d("2019-06-17")), Some(80531));
    assert_eq!(name("Northamptonshire", d("2022-10-03")), Some(80531)); // no other bears it
    assert_eq!(name("Cumbria", None), Some(80457));
}

#[test]
fn aliases_from_the_brief() {
    for (spelling, urn) in [
        ("Bristol, City of", 80441),
        ("City of Bristol", 80441),
        ("Bristol", 80441),
        ("Hammersmith & Fulham", 80497),
        ("Hammersmith and Fulham", 80497),
        ("City of London", 80450),
        ("London Corporation", 80450),
        ("Kingston upon Hull, City of", 80477),
        ("Kingston Upon Hull, City of", 80477),
        ("Hull", 80477),
        ("Kingston upon Hull", 80477),
        ("Herefordshire, County of", 80474),
        ("Bournemouth, Christchurch & Poole", 2532287),
        ("Telford & Wrekin", 80570),
        ("Brighton & Hove", 80438),
        ("St Helens", 80560),
        ("St. Helens", 80560),
        ("Southend-on-Sea", 80559),
        ("Southend", 80559),
        ("Southend on Sea", 80559),
        ("Stoke-on-Trent", 80564),
        ("Stoke on Trent", 80564),
        ("Isles of Scilly", 80455),
        ("Dorset Council", 2532283),
        ("Medway Towns", 80522),
        ("Bedford", 80428),
        ("Bedford Borough", 80428),
        ("County Durham", 80465),
        ("Durham", 80465),
        ("Windsor & Maidenhead", 80546),
        ("City of York", 80453),
        ("Richmond Upon Thames", 80513),
    ] {
        assert_eq!(
            by_name(spelling, None).map(|a| a.urn),
            Some(urn),
            "{spelling}"
        );
    }
}

#[test]
fn titles() {
    let t = "Inspection of Bath and North East Somerset local authority children's services";
    assert_eq!(text(t, None), Some("Bath and North East Somerset"));
    assert_eq!(
        text(
            "Inspection of Somerset local authority children’s services",
            None
        ),
        Some("Somerset")
    );
    assert_eq!(
        text(
            "Inspection of North Somerset local authority children’s services",
            None
        ),
        Some("North Somerset")
    );
    assert_eq!(
        text(
            "Inspection of North Northamptonshire local authority children's services",
            None
        ),
        Some("North Northamptonshire")
    );
    assert_eq!(
        text("West Northamptonshire Council", None),
        Some("West Northamptonshire")
    );
    assert_eq!(
        urn_of_text("Northamptonshire County Council", None),
        Some(80531)
    );
    assert_eq!(
        text("East Sussex County Council", None),
        Some("East Sussex")
    );
    assert_eq!(text("Inspection of West Sussex", None), Some("West Sussex"));
    assert_eq!(text("City of York Council", None), Some("York"));
    assert_eq!(
        text("Inspection of North Yorkshire County Council", None),
        Some("North Yorkshire")
    );
    assert_eq!(
        text("East Riding of Yorkshire Council", None),
        Some("East Riding of Yorkshire")
    );
    assert_eq!(
        text("North East Lincolnshire Council", None),
        Some("North East Lincolnshire")
    );
    assert_eq!(
        text("Lincolnshire County Council", None),
        Some("Lincolnshire")
    );
    assert_eq!(
        text("London Borough of Hammersmith & Fulham", None),
        Some("Hammersmith and Fulham")
    );
    assert_eq!(
        text("Royal Borough of Kingston upon Thames", None),
        Some("Kingston upon Thames")
    );
    assert_eq!(
        text("Kingston upon Hull City Council", None),
        Some("Kingston Upon Hull, City of")
    );
    assert_eq!(
        text("City of London Corporation", None),
        Some("City of London")
    );
    assert_eq!(
        text("Bournemouth, Christchurch and Poole Council", None),
        Some("Bournemouth, Christchurch and Poole")
    );
    assert_eq!(
        text("Central Bedfordshire Council", None),
        Some("Central Bedfordshire")
    );
    assert_eq!(
        text("Bedford Borough Council", None),
        Some("Bedford Borough")
    );
    assert_eq!(
        text("Cheshire West and Chester Council", None),
        Some("Cheshire West and Chester")
    );
    assert_eq!(
        text("Newcastle upon Tyne City Council", None),
        Some("Newcastle upon Tyne")
    );
    assert_eq!(
        text("Inspection of St.Helens Council", None),
        Some("St. Helens")
    );
    assert_eq!(
        text("Westmorland & Furness Council", None),
        Some("Westmorland and Furness")
    );
    assert_eq!(
        text("Redcar and Cleveland Borough Council", None),
        Some("Redcar and Cleveland")
    );
    // dated
    assert_eq!(
        urn_of_text(
            "Inspection of Dorset County Council children's services",
            None
        ),
        Some(80463)
    );
    assert_eq!(
        urn_of_text(
            "Inspection of Dorset local authority children's services",
            d("2016-03-01")
        ),
        Some(80463)
    );
    assert_eq!(
        urn_of_text(
            "Inspection of Dorset local authority children's services",
            d("2021-09-27")
        ),
        Some(2532283)
    );
    assert_eq!(
        urn_of_text(
            "Inspection of Bournemouth children's services",
            d("2018-07-16")
        ),
        Some(80434)
    );
    assert_eq!(
        urn_of_text("Inspection of Cumbria County Council", d("2022-09-20")),
        Some(80457)
    );
    // whole words only
    assert_eq!(text("Inspection of Bedfordshire things", None), None);
    assert_eq!(text("Yorkshire and the Humber", None), None);
    assert_eq!(text("", None), None);
    assert_eq!(text("London region", None), None);
}

#[test]
fn resolve_any_code_or_name() {
    let r = |q: &str| resolve(q).map(|a| a.urn);
    assert_eq!(r("80426"), Ok(80426));
    assert_eq!(r("370"), Ok(80426));
    assert_eq!(r("E08000038"), Ok(80426));
    assert_eq!(r("e08000016"), Ok(80426));
    assert_eq!(r(" Barnsley "), Ok(80426));
    assert_eq!(r("Barnsley Metropolitan Borough Council"), Ok(80426));
    assert_eq!(r("Barnsley children's services"), Ok(80426));
    assert_eq!(r("825"), Ok(80442));
    assert_eq!(r("E10000002"), Ok(80442));
    assert_eq!(r("928"), Ok(80531));
    assert_eq!(r("80531"), Ok(80531));
    assert_eq!(r("2733698"), Ok(2733698));
    assert!(r("999").is_err());
    assert!(r("E99999999").is_err());
    assert!(r("").is_err());
}

#[test]
fn resolve_suggests_close_names() {
    let e = resolve("Barnsly").unwrap_err();
    assert_eq!(
        e.suggestions.first().map(String::as_str),
        Some("Barnsley"),
        "{e}"
    );
    assert!(e.suggestions.len() <= 5 && !e.suggestions.is_empty());
    assert!(e.to_string().contains("did you mean Barnsley"), "{e}");
    let e = resolve("Hartlepol").unwrap_err();
    assert_eq!(e.suggestions[0], "Hartlepool");
    let e = resolve("Northamptonshir").unwrap_err();
    assert_eq!(e.suggestions[0], "Northamptonshire");
    let e = resolve("Sommerset").unwrap_err();
    assert_eq!(e.suggestions[0], "Somerset");
    let e = resolve("Wolverhampon Council").unwrap_err();
    assert_eq!(e.suggestions[0], "Wolverhampton");
    assert!(resolve("12345678").unwrap_err().suggestions.is_empty());
}

#[test]
fn resolve_part_of_a_name() {
    let r = |q: &str| resolve(q).map(|a| a.name.as_str());
    // Whole names, case and punctuation aside, as before.
    assert_eq!(r("kensington & chelsea"), Ok("Kensington and Chelsea"));
    assert_eq!(r("KENSINGTON AND CHELSEA"), Ok("Kensington and Chelsea"));
    assert_eq!(r("Hammersmith & Fulham"), Ok("Hammersmith and Fulham"));
    // The words people type, whole words in order within one LA's name or alias.
    assert_eq!(r("Kensington"), Ok("Kensington and Chelsea"));
    assert_eq!(r("kensington"), Ok("Kensington and Chelsea"));
    assert_eq!(r("Kensington and"), Ok("Kensington and Chelsea"));
    assert_eq!(r("Kensington &"), Ok("Kensington and Chelsea"));
    assert_eq!(
        r("Royal Borough of Kensington"),
        Ok("Kensington and Chelsea")
    );
    assert_eq!(r("Kensington Chelsea"), Ok("Kensington and Chelsea"));
    assert_eq!(r("Chelsea"), Ok("Kensington and Chelsea"));
    assert_eq!(r("Hammersmith"), Ok("Hammersmith and Fulham"));
    assert_eq!(r("Fulham"), Ok("Hammersmith and Fulham"));
    assert_eq!(r("Richmond"), Ok("Richmond upon Thames"));
    assert_eq!(r("Richmond upon"), Ok("Richmond upon Thames"));
    assert_eq!(r("Windsor"), Ok("Windsor and Maidenhead"));
    assert_eq!(r("windsor,"), Ok("Windsor and Maidenhead"));
    assert_eq!(r("Maidenhead"), Ok("Windsor and Maidenhead"));
    assert_eq!(r("Herefordshire"), Ok("Herefordshire"));
    assert_eq!(r("County of Herefordshire"), Ok("Herefordshire"));
    assert_eq!(r("Westmorland"), Ok("Westmorland and Furness"));
    assert_eq!(r("Stoke"), Ok("Stoke-on-Trent"));
    // Before a shorter name found inside the query.
    assert_eq!(
        r("Bath North East Somerset"),
        Ok("Bath and North East Somerset")
    );
    // "Christchurch" is part of only BCP's name.
    assert_eq!(r("Christchurch"), Ok("Bournemouth, Christchurch and Poole"));
    // A whole name still beats part of another: "Bournemouth" is the abolished borough (its
    // own name) though it is part of BCP's; "Kent" is Kent, never Kensington.
    assert_eq!(resolve("Bournemouth").map(|a| a.urn), Ok(80434));
    assert_eq!(r("Kent"), Ok("Kent"));
    // Whole words only.
    let e = resolve("Kensing").unwrap_err();
    assert!(e.suggestions.len() <= 5, "{e}");
    assert!(resolve("Hammer").is_err());
    // Words that name no LA on their own.
    assert!(resolve("and").is_err());
    assert!(resolve("Council").is_err());
}

#[test]
fn resolve_part_of_several_names_suggests_them() {
    let r = |q: &str| resolve(q).map(|a| a.name.as_str());
    let e = resolve("North").unwrap_err();
    let want = [
        "Bath and North East Somerset",
        "North East Lincolnshire",
        "North Lincolnshire",
        "North Northamptonshire",
        "North Somerset",
        "North Tyneside",
        "North Yorkshire",
    ];
    let mut got = e.suggestions.clone();
    got.sort();
    assert_eq!(got, want, "{e}");
    // Names the word begins first, the closest first.
    assert_eq!(e.suggestions.last().map(String::as_str), Some(want[0]));
    assert!(
        !e.suggestions.iter().any(|n| n == "Northumberland"),
        "whole words"
    );
    assert!(e.to_string().contains("did you mean North"), "{e}");

    let e = resolve("Sussex").unwrap_err();
    assert_eq!(e.suggestions[..2], ["East Sussex", "West Sussex"], "{e}");
    assert!(e.suggestions.len() <= 5);
    let e = resolve("Yorkshire").unwrap_err();
    assert_eq!(
        e.suggestions[..2],
        ["North Yorkshire", "East Riding of Yorkshire"],
        "{e}"
    );
    let e = resolve("Tyneside").unwrap_err();
    assert_eq!(
        e.suggestions[..2],
        ["North Tyneside", "South Tyneside"],
        "{e}"
    );
    // Part of two names, but "Kingston" is a whole alias of Kingston upon Thames.
    assert_eq!(r("Kingston upon"), Ok("Kingston upon Thames"));
    // Part of an abolished LA's alias alone: that LA ("Dorset County Council" is the county
    // council's); part of two LAs' aliases: neither.
    assert_eq!(resolve("Dorset County").map(|a| a.urn), Ok(80463));
    let e = resolve("Northants").unwrap_err();
    assert_eq!(
        e.suggestions[..2],
        ["West Northamptonshire", "North Northamptonshire"],
        "{e}"
    );
}

#[test]
fn find_in_text_is_fast() {
    // One report's worth of text: well under a millisecond per title in release, and the
    // whole text must not take long even in a debug build.
    let title = "Inspection of Bath and North East Somerset local authority children's services";
    let long = title.repeat(2000);
    let t = std::time::Instant::now();
    for _ in 0..1000 {
        assert!(find_in_text(title, None).is_some());
    }
    assert!(find_in_text(&long, None).is_some());
    assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
}
