mod common;
use common::d;
use lacs_analysis::*;

#[test]
fn explore() {
    let o = official_or_skip!();
    let idx = Index::new(&o.events);
    println!("events {} unknown {:?}", o.events.len(), idx.unknown_urns());
    let qs = [
        StatsQuery::as_at(d("2016-03-31")).published_by(d("2016-04-30")),
        StatsQuery::as_at(d("2017-12-08")),
        StatsQuery::as_at(d("2022-03-31")).published_by(d("2022-04-30")),
        StatsQuery::as_at(d("2024-03-31")).published_by(d("2024-06-30")).inspected_by(d("2024-03-31")),
        StatsQuery::as_at(d("2024-03-31")).published_by(d("2024-06-30")),
        StatsQuery::as_at(d("2025-03-31")).published_by(d("2025-06-30")).inspected_by(d("2025-03-31")),
    ];
    for q in qs {
        let s = idx.stats(&q);
        println!("{} pub {} insp {:?}: {} of {} {:?} ng {}", s.cutoff.as_at, s.cutoff.published_by, s.cutoff.inspected_by, s.counts.inspected, s.counts.authorities, s.counts.grades.as_array(), s.counts.not_graded);
    }
    for c in [Cutoff::new(d("2024-03-31")), Cutoff::ofsted_release(d("2024-03-31")), Cutoff::new(d("2024-03-31")).published_by(d("2024-06-30"))] {
        let ch = idx.changes(&ChangesQuery::new(c));
        println!("changes {:?}: {} imp {} kept {} dec {} stayed {}", c, ch.authorities, ch.improved, ch.kept_good_or_outstanding, ch.declined, ch.stayed_below_good);
    }
}

#[test]
fn explore_as_at() {
    let o = official_or_skip!();
    let idx = Index::new(&o.events);
    for (data, cut) in [(&o.f2025, Cutoff::ofsted_release(d("2025-03-31"))), (&o.f2023, Cutoff::new(d("2023-03-31")).published_by(d("2023-04-30")))] {
        for t in &data.as_at_tables {
            println!("table {:?} {} rows", t.as_at, t.rows.len());
            let s = idx.stats(&StatsQuery::new(cut).list(true));
            println!("  ours {} of {} {:?}", s.counts.inspected, s.counts.authorities, s.counts.grades.as_array());
            let mut tg = [0; 4];
            for r in &t.rows { if let Some(g) = r.grades.overall.and_then(|g| g.rank()) { tg[g as usize - 1] += 1; } }
            println!("  table {:?}", tg);
            let mut maxpub = None;
            for r in &t.rows {
                let la = r.gss_code.as_deref().and_then(lacs_authorities::by_gss).or_else(|| lacs_authorities::by_name(&r.la_name, Some(d("2025-03-31")))).unwrap();
                let e = s.list.as_ref().unwrap().iter().find(|e| e.urn == la.urn).unwrap();
                let ev = e.event_id.map(|id| o.events.iter().find(|x| x.id == id).unwrap());
                maxpub = maxpub.max(r.published);
                let ok = ev.is_some_and(|ev| ev.grades == r.grades && (r.published.is_none() || ev.published == r.published) && (r.inspection_start.is_none() || ev.inspection_start == r.inspection_start));
                if !ok {
                    println!("  DIFF {}: table start {:?} pub {:?} {:?}\n      ours {:?}", r.la_name, r.inspection_start, r.published, r.grades, ev.map(|e| (e.inspection_start, e.published, e.grades)));
                }
            }
            println!("  max published in table {:?}", maxpub);
        }
    }
}
