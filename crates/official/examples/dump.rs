//! Prints what a workbook holds: `cargo run -p lacs-official --example dump -- <file.ods>`.
use std::collections::BTreeMap;

/// Count, earliest and latest date of one kind of event.
type Tally = (usize, Option<String>, Option<String>);

fn main() {
    let path = std::env::args().nth(1).expect("usage: dump <workbook>");
    let t = std::time::Instant::now();
    let data = match lacs_official::read(std::path::Path::new(&path)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    println!("{} read in {:?}", data.source, t.elapsed());
    for t in &data.tables {
        println!(
            "table {:?} sheet {} heading row {} records {} title {:?}\n  used: {:?}\n  ignored: {:?}",
            t.layout, t.sheet, t.heading_row, t.records, t.title, t.columns_used, t.columns_ignored
        );
    }
    let mut counts: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for e in &data.events {
        let key = (
            e.framework.map_or("-".into(), |f| f.to_string()),
            e.kind.map_or(e.event_type.clone(), |k| k.to_string()),
        );
        let c = counts.entry(key).or_default();
        c.0 += 1;
        let d = e.published.or(e.inspection_start).map(|d| d.to_string());
        if c.1.is_none() || d < c.1 {
            c.1 = d.clone();
        }
        if d > c.2 {
            c.2 = d;
        }
    }
    println!("events: {}", data.events.len());
    for ((f, k), (n, lo, hi)) in counts {
        println!(
            "  {f:8} {k:50} {n:4}  {} .. {}",
            lo.unwrap_or_default(),
            hi.unwrap_or_default()
        );
    }
    let merged = data.events.iter().filter(|e| !e.also_in.is_empty()).count();
    println!("merged from two sheets: {merged}");
    for t in &data.as_at_tables {
        println!("as at {:?} ({}): {} rows", t.as_at, t.sheet, t.rows.len());
    }
    println!("row doubts: {}", data.doubts.len());
    for d in &data.doubts {
        println!("  {d}");
    }
    if std::env::var("DUMP_EVENTS").is_ok() {
        for e in &data.events {
            println!("{}", serde_json_lite(e));
        }
    }
}

fn serde_json_lite(e: &lacs_official::OfficialEvent) -> String {
    format!(
        "{}:{} {:?}/{:?}/{:?} {} [{}] start={:?} pub={:?} {:?} {:?} also={:?} link={:?}",
        e.sheet,
        e.row,
        e.urn,
        e.la_code,
        e.gss_code,
        e.la_name,
        e.event_type,
        e.inspection_start,
        e.published,
        e.grades,
        e.other_grades,
        e.also_in,
        e.link
    )
}
