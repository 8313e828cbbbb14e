//! Times the queries over the events of Ofsted's official files (about 560 events, 444
//! graded): `cargo bench -p lacs-analysis`. Skipped, loudly, without `../shared`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use jiff::civil::date;
use lacs_analysis::{ChangesQuery, Cutoff, Grouping, Index, StatsQuery};
use lacs_domain::{Framework, Grade, Judgement};

fn queries(c: &mut Criterion) {
    let Some(o) = common::official() else {
        eprintln!("SKIPPED: ../shared not found");
        return;
    };
    let events = &o.events;
    c.bench_function("index_new", |b| b.iter(|| Index::new(black_box(events))));
    let index = Index::new(events);
    let release = Cutoff::ofsted_release(date(2024, 3, 31));
    c.bench_function("stats", |b| {
        b.iter(|| index.stats(black_box(&StatsQuery::new(release))))
    });
    let grouped = StatsQuery::new(release).by(Grouping::Region9).list(true);
    c.bench_function("stats_by_region9_list", |b| {
        b.iter(|| index.stats(black_box(&grouped)))
    });
    c.bench_function("journey", |b| {
        b.iter(|| index.journey(black_box(2532283), None).unwrap())
    });
    let changes = ChangesQuery::new(release);
    c.bench_function("changes", |b| b.iter(|| index.changes(black_box(&changes))));
    c.bench_function("firsts", |b| {
        b.iter(|| {
            index.firsts(
                black_box(Judgement::Overall),
                Grade::Outstanding,
                Some(Framework::Ilacs),
            )
        })
    });
    // Twice the events (each repeated, as if every inspection were listed twice): ~1100.
    let doubled: Vec<_> = events
        .iter()
        .chain(events.iter())
        .enumerate()
        .map(|(i, e)| lacs_domain::InspectionEvent {
            id: i as i64,
            ..e.clone()
        })
        .collect();
    let big = Index::new(&doubled);
    c.bench_function("stats_1100_events", |b| {
        b.iter(|| big.stats(black_box(&grouped)))
    });
    c.bench_function("changes_1100_events", |b| {
        b.iter(|| big.changes(black_box(&changes)))
    });
    c.bench_function("time_series_45_quarters", |b| {
        b.iter(|| index.time_series(black_box(Judgement::Overall), date(2025, 3, 31)))
    });
}

criterion_group!(benches, queries);
criterion_main!(benches);
