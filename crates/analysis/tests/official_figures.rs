//! Ofsted's published figures, reproduced exactly from the events of its official files
//! (`../shared/official`; skipped, loudly, when absent). See `common/mod.rs` for how the two
//! files become one list of events.
//!
//! Cut-offs that reproduce the figures:
//! - 2016 and 2022: reports published by 30 April (as the releases say);
//! - end of the first SIF round: published by 8 December 2017;
//! - 2024 and 2025: inspections begun by 31 March, reports published by 30 June
//!   ([`Cutoff::ofsted_release`]). No report in the files was published by 30 June of an
//!   inspection begun after 31 March, so the "inspected by" condition changes no count here
//!   (asserted below); the publication cut-off does: with reports published by 31 March 2024
//!   only 58 LAs had two ILACS inspections, not 65.
//! - the 2023 file's as-at table: published by 30 April 2023, plus South Tyneside's
//!   inspection (begun 5 December 2022, published 10 May 2023), which the file's note 4 adds.

mod common;

use common::d;
use jiff::civil::date;
use lacs_analysis::*;
use lacs_domain::{Grade, InspectionEvent};

fn index() -> Option<(Index<'static>, &'static common::Official)> {
    let o = common::official()?;
    Some((Index::new(&o.events), o))
}

macro_rules! index_or_skip {
    () => {
        lacs_testkit::shared_or_skip!(index())
    };
}

/// (authorities, inspected, [O, G, RI, I]).
fn figure(index: &Index, q: StatsQuery) -> (usize, usize, [usize; 4]) {
    let s = index.stats(&q);
    assert_eq!(
        s.counts.not_graded, 0,
        "every inspected LA has an overall grade"
    );
    assert_eq!(s.counts.grades.total(), s.counts.inspected);
    (
        s.counts.authorities,
        s.counts.inspected,
        s.counts.grades.as_array(),
    )
}

#[test]
fn the_events_of_the_two_files() {
    let (_, o) = index_or_skip!();
    let n = |k: Kind| o.events.iter().filter(|e| e.kind == Some(k)).count();
    assert_eq!(
        (
            n(Kind::Sif),
            n(Kind::SifReinspection),
            n(Kind::IlacsStandard),
            n(Kind::IlacsShort)
        ),
        (152, 21, 171, 100)
    );
    // Every ILACS inspection of the 2023 file is one of the 2025 file's.
    let from_2023: Vec<&InspectionEvent> = o
        .events
        .iter()
        .filter(|e| {
            e.kind
                .is_some_and(|k| k.framework() == Some(Framework::Ilacs))
        })
        .filter(|e| {
            e.sources
                .official
                .as_deref()
                .is_some_and(|s| s.starts_with(common::F2023))
        })
        .collect();
    assert!(from_2023.is_empty(), "unmerged: {from_2023:#?}");
    assert!(o
        .events
        .iter()
        .all(|e| lacs_authorities::by_urn(e.urn).is_some()));
    // Graded SIFs have no start date; every ILACS inspection has both dates.
    assert!(o
        .events
        .iter()
        .filter(|e| e.kind == Some(Kind::Sif))
        .all(|e| e.inspection_start.is_none()));
    assert!(o
        .events
        .iter()
        .filter(|e| e
            .kind
            .is_some_and(|k| k.framework() == Some(Framework::Ilacs)))
        .all(|e| e.inspection_start.is_some() && e.published.is_some()));
}

#[test]
fn as_at_31_march_2016() {
    let (index, _) = index_or_skip!();
    let q = StatsQuery::as_at(d("2016-03-31")).published_by(d("2016-04-30"));
    assert_eq!(figure(&index, q), (152, 90, [2, 21, 45, 22]));
}

#[test]
fn end_of_the_first_sif_round() {
    let (index, _) = index_or_skip!();
    let q = StatsQuery::as_at(d("2017-12-08"));
    assert_eq!(figure(&index, q), (152, 152, [3, 52, 68, 29]));
    // The last two SIFs were published that day.
    assert_eq!(figure(&index, StatsQuery::as_at(d("2017-12-07"))).1, 150);
}

#[test]
fn as_at_31_march_2022() {
    let (index, _) = index_or_skip!();
    let q = StatsQuery::as_at(d("2022-03-31")).published_by(d("2022-04-30"));
    assert_eq!(figure(&index, q), (152, 150, [19, 61, 52, 18]));
}

#[test]
fn as_at_31_march_2024() {
    let (index, _) = index_or_skip!();
    let release = Cutoff::ofsted_release(d("2024-03-31"));
    assert_eq!(
        (release.inspected_by, release.published_by),
        (Some(d("2024-03-31")), d("2024-06-30"))
    );
    let q = StatsQuery::new(release);
    assert_eq!(figure(&index, q), (153, 151, [30, 61, 43, 17]));
    let published_only = StatsQuery::as_at(d("2024-03-31")).published_by(d("2024-06-30"));
    assert_eq!(figure(&index, published_only), (153, 151, [30, 61, 43, 17]));
    // By region: the groups add up, and the two not inspected are the Cumbria successors.
    let s = index.stats(&q.by(Grouping::Region).list(true));
    assert_eq!(
        s.groups.iter().map(|g| g.counts.inspected).sum::<usize>(),
        151
    );
    let not: Vec<&str> = s
        .list
        .as_ref()
        .unwrap()
        .iter()
        .filter(|e| e.event_id.is_none())
        .map(|e| e.la_name)
        .collect();
    assert_eq!(not, ["Cumberland", "Westmorland and Furness"]);
    let nw = s.groups.iter().find(|g| g.name == "North West").unwrap();
    assert_eq!(nw.counts.authorities - nw.counts.inspected, 2);
}

#[test]
fn changes_by_31_march_2024() {
    let (index, _) = index_or_skip!();
    let c = index.changes(&ChangesQuery::new(Cutoff::ofsted_release(d("2024-03-31"))));
    assert_eq!(
        (
            c.authorities,
            c.improved,
            c.kept_good_or_outstanding,
            c.declined,
            c.stayed_below_good
        ),
        (65, 26, 15, 12, 12)
    );
    assert_eq!(c.list.len(), 65);
    assert!(c
        .list
        .iter()
        .all(|e| e.previous.kind.and_then(Kind::framework) == Some(Framework::Ilacs)));
    assert!(c.list.iter().all(|e| e
        .latest
        .inspection_start
        .is_some_and(|s| s <= d("2024-03-31"))));
    // Reports published by 31 March alone give fewer.
    let early = index.changes(&ChangesQuery::new(Cutoff::new(d("2024-03-31"))));
    assert_eq!(early.authorities, 58);
    let medway = c.list.iter().find(|e| e.la_name == "Medway").unwrap();
    assert_eq!(
        (medway.previous.grade, medway.latest.grade, medway.category),
        (Grade::Inadequate, Grade::Good, ChangeCategory::Improved)
    );
}

/// The 2025 file's table of each LA's latest inspection as at 31 March 2025, LA by LA.
#[test]
fn as_at_table_2025_la_by_la() {
    let (index, o) = index_or_skip!();
    let table = o
        .f2025
        .as_at_tables
        .iter()
        .find(|t| t.as_at == Some(date(2025, 3, 31)))
        .expect("as-at table");
    let s = index.stats(&StatsQuery::new(Cutoff::ofsted_release(d("2025-03-31"))).list(true));
    assert_eq!(
        figure(&index, StatsQuery::new(s.cutoff)),
        (153, 153, [36, 67, 31, 19])
    );
    let list = s.list.unwrap();
    assert_eq!(table.rows.len(), list.len());
    for row in &table.rows {
        let la = row
            .gss_code
            .as_deref()
            .and_then(lacs_authorities::by_gss)
            .or_else(|| lacs_authorities::by_name(&row.la_name, Some(date(2025, 3, 31))))
            .unwrap_or_else(|| panic!("no LA for {}", row.la_name));
        let ours = list.iter().find(|e| e.urn == la.urn).unwrap();
        let event = o
            .events
            .iter()
            .find(|e| Some(e.id) == ours.event_id)
            .unwrap();
        assert_eq!(
            (event.inspection_start, event.published, event.grades),
            (row.inspection_start, row.published, row.grades),
            "{}",
            row.la_name
        );
    }
}

/// The 2023 file's as-at table (inspection dates, no publication dates), LA by LA.
#[test]
fn as_at_table_2023_la_by_la() {
    let (index, o) = index_or_skip!();
    let table = o
        .f2023
        .as_at_tables
        .iter()
        .find(|t| t.as_at == Some(date(2023, 3, 31)))
        .expect("as-at table");
    let cutoff = Cutoff::new(d("2023-03-31")).published_by(d("2023-04-30"));
    let s = index.stats(&StatsQuery::new(cutoff).list(true));
    let list = s.list.unwrap();
    assert_eq!(table.rows.len(), list.len());
    let mut differ = Vec::new();
    for row in &table.rows {
        let la = lacs_authorities::by_name(&row.la_name, Some(date(2023, 3, 31)))
            .unwrap_or_else(|| panic!("no LA for {}", row.la_name));
        let ours = list.iter().find(|e| e.urn == la.urn).unwrap();
        let event = o
            .events
            .iter()
            .find(|e| Some(e.id) == ours.event_id)
            .unwrap();
        if (event.inspection_start, event.grades) != (row.inspection_start, row.grades) {
            differ.push(la.name.as_str());
            // The one the file's note adds: its latest inspection, published 10 May 2023.
            let latest = index.latest(la.urn, &Cutoff::new(d("2023-05-10"))).unwrap();
            assert_eq!(
                (latest.inspection_start, latest.published, latest.grades),
                (row.inspection_start, Some(d("2023-05-10")), row.grades)
            );
        }
    }
    assert_eq!(differ, ["South Tyneside"]);
}

#[test]
fn firsts_on_the_real_events() {
    let (index, _) = index_or_skip!();
    let firsts = index.firsts(Judgement::Overall, Grade::Outstanding, None);
    let top: Vec<(usize, &str)> = firsts.iter().take(3).map(|f| (f.rank, f.la_name)).collect();
    assert_eq!(
        top,
        [
            (1, "Kensington and Chelsea"),
            (1, "Westminster"),
            (3, "North Lincolnshire")
        ]
    );
    assert_eq!(firsts[0].published, d("2016-03-29"));
    let ilacs = index.firsts(
        Judgement::Overall,
        Grade::Outstanding,
        Some(Framework::Ilacs),
    );
    assert_eq!(
        (ilacs[0].la_name, ilacs[0].kind),
        ("North Yorkshire", Kind::IlacsShort)
    );
    for w in firsts.windows(2) {
        assert!(w[0].published <= w[1].published);
    }
}

#[test]
fn journeys_on_the_real_events() {
    let (index, _) = index_or_skip!();
    // Dorset Council: its own ILACS inspections; the county council's SIF is a predecessor's.
    let dorset = index.journey(2532283, None).unwrap();
    assert!(dorset
        .events
        .iter()
        .all(|e| e.published.is_some_and(|p| p >= d("2019-04-01"))));
    let first = dorset.events.iter().find(|e| e.graded).unwrap();
    assert!(first.changes.iter().all(|c| c.change == Change::New));
    let county = &dorset.predecessors[0];
    assert_eq!((county.urn, county.la_name), (80463, "Dorset"));
    assert!(county.events.iter().any(|e| e.kind == Some(Kind::Sif)));
    // Barnet: SIF inadequate (2017), then ILACS; its neighbours all have a latest grade.
    let barnet = index.journey(80487, None).unwrap();
    let graded: Vec<&JourneyEvent> = barnet.events.iter().filter(|e| e.graded).collect();
    assert!(graded.len() >= 2);
    assert_eq!(graded[0].kind, Some(Kind::Sif));
    assert_eq!(graded[0].grades.overall, Some(Grade::Inadequate));
    let overall = graded[1]
        .changes
        .iter()
        .find(|c| c.judgement == Judgement::Overall)
        .unwrap();
    assert_eq!(overall.previous, Some(Grade::Inadequate));
    assert_eq!(overall.change, Change::Improved);
    assert_eq!(barnet.neighbours.len(), 2);
    assert_eq!(
        (
            barnet.neighbours[0].counts.authorities,
            barnet.neighbours[0].counts.inspected
        ),
        (10, 10)
    );
    assert_eq!(barnet.neighbours[0].counts.grades.total(), 10);
    assert!(barnet
        .neighbours
        .iter()
        .all(|s| s.neighbours.iter().all(|n| n.latest.is_some())));
    // Neighbours as at a date use reports published by then.
    let then = index.journey(80487, Some(d("2016-01-01"))).unwrap();
    assert!(then
        .events
        .iter()
        .all(|e| e.published.is_none_or(|p| p <= d("2016-01-01"))));
    assert!(then.neighbours[0].neighbours.iter().all(|n| n
        .latest
        .as_ref()
        .is_none_or(|l| l.published <= Some(d("2016-01-01")))));
}

#[test]
fn time_series_on_the_real_events() {
    let (index, _) = index_or_skip!();
    let ts = index.time_series(Judgement::Overall, d("2025-03-31"));
    assert_eq!(ts.points.len(), 45);
    let at = |s: &str| {
        ts.points
            .iter()
            .find(|p| p.cutoff.as_at == d(s))
            .unwrap()
            .counts
    };
    assert_eq!(
        (at("2017-12-31").authorities, at("2017-12-31").inspected),
        (152, 152)
    );
    // Reorganisations: successors start uninspected.
    assert_eq!(
        (at("2019-06-30").authorities, at("2019-06-30").inspected),
        (151, 149)
    );
    assert_eq!(
        (at("2023-06-30").authorities, at("2023-06-30").inspected),
        (153, 151)
    );
    // Reports published by the quarter end only (the release waits until 30 June).
    assert_eq!(at("2025-03-31").grades.as_array(), [33, 67, 34, 19]);
    let sif = ts
        .points
        .iter()
        .take_while(|p| p.cutoff.as_at <= d("2017-12-31"));
    let inspected: Vec<usize> = sif.map(|p| p.counts.inspected).collect();
    assert!(inspected.windows(2).all(|w| w[0] <= w[1]), "{inspected:?}");
}
