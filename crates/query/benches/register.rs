//! Query speed over a whole register: every `stats`, `la`, `changes`, `firsts` and `search`
//! answer (target: under 10 ms each, search under 20 ms), and loading the register.
//!
//! Needs a register built from the corpus and the official files, at `$LACS_BENCH_DB`
//! (default `bench/out/bench.db`, which `bench/queries.sh` builds).

use criterion::{criterion_group, criterion_main, Criterion};
use jiff::civil::date;
use lacs_analysis::{ChangesQuery, Cutoff, Grouping, StatsQuery};
use lacs_domain::{Grade, Judgement};
use lacs_query::{Register, SearchIn, SearchRequest};
use std::hint::black_box;
use std::path::PathBuf;

fn db() -> Option<PathBuf> {
    let path = std::env::var_os("LACS_BENCH_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench/out/bench.db")));
    if path.exists() {
        Some(path)
    } else {
        eprintln!("SKIPPED: no register at {} (run bench/queries.sh)", path.display());
        None
    }
}

fn queries(c: &mut Criterion) {
    let Some(path) = db() else { return };
    let store = lacs_store::Store::open(&path).expect("open register");
    c.bench_function("load register", |b| b.iter(|| Register::load(&store).expect("load")));
    let register = Register::load(&store).expect("load");
    eprintln!("{} events, {} records", register.events.len(), register.records.len());
    let as_at = date(2024, 3, 31);
    let release = Cutoff::ofsted_release(as_at);
    c.bench_function("stats as at, by region, with list", |b| {
        b.iter(|| register.index().stats(black_box(&StatsQuery::new(release).by(Grouping::Region).list(true))))
    });
    c.bench_function("la Barnsley (journey, neighbours, improvements)", |b| {
        let request = lacs_query::LaRequest { la: "Barnsley".into(), as_at: None };
        b.iter(|| register.la(black_box(&request)).expect("la"))
    });
    c.bench_function("changes", |b| b.iter(|| register.index().changes(black_box(&ChangesQuery::new(release)))));
    c.bench_function("firsts outstanding overall", |b| {
        b.iter(|| register.index().firsts(Judgement::Overall, black_box(Grade::Outstanding), None))
    });
    let search = |query: &str, la: Option<&str>, within| SearchRequest { la: la.map(str::to_string), within, ..SearchRequest::new(query) };
    c.bench_function("search \"return home interviews\"", |b| {
        b.iter(|| lacs_query::search(&store, black_box(&search("\"return home interviews\"", None, SearchIn::Findings))).expect("search"))
    });
    c.bench_function("search exploitation OR missing, one LA", |b| {
        b.iter(|| lacs_query::search(&store, black_box(&search("exploitation OR missing", Some("Barnsley"), SearchIn::Findings))).expect("search"))
    });
    c.bench_function("search in all pages \"return home interviews\"", |b| {
        b.iter(|| lacs_query::search(&store, black_box(&search("\"return home interviews\"", None, SearchIn::All))).expect("search"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = queries
}
criterion_main!(benches);
