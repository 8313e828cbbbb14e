//! Plain-text renderings of the answers, for people at a terminal (`--json` gives the data).

use lacs_analysis::{Changes, Counts};
use lacs_domain::{EventStatus, Grade};
use lacs_query::{InspectionView, LaView};

fn pct(n: usize, of: usize) -> String {
    if of == 0 {
        "-".into()
    } else {
        format!("{:.0}%", 100.0 * n as f64 / of as f64)
    }
}

fn counts_line(name: &str, c: &Counts) {
    let graded: usize = Grade::SCALE.iter().map(|g| c.grades.get(*g)).sum();
    let cells: Vec<String> =
        Grade::SCALE.iter().map(|g| format!("{:>4} {:>4}", c.grades.get(*g), pct(c.grades.get(*g), graded))).collect();
    println!("{name:<40} {:>4}/{:<4} {}", c.inspected, c.authorities, cells.join("  "));
}

pub fn stats(view: &lacs_query::StatsView) {
    let s = &view.stats;
    let inspected_by = s.cutoff.inspected_by.map(|d| format!(", inspected by {d}")).unwrap_or_default();
    println!(
        "{} as at {} (reports published by {}{inspected_by})",
        s.judgement.label(),
        s.cutoff.as_at,
        s.cutoff.published_by
    );
    println!("{:<40} {:>9} {:>9}  {:>9}  {:>9}  {:>9}", "", "inspected", "outst.", "good", "req. imp.", "inadeq.");
    counts_line("England", &s.counts);
    for g in &s.groups {
        counts_line(g.name, &g.counts);
    }
    if let Some(list) = &s.list {
        println!();
        for e in list {
            println!(
                "{:<40} {:<38} {:<22} {}",
                e.la_name,
                e.region,
                e.grade.map(|g| g.label()).unwrap_or(if e.event_id.is_some() { "not graded" } else { "not inspected" }),
                e.published.map(|d| d.to_string()).unwrap_or_default()
            );
        }
    }
    let waiting = &view.awaiting_review;
    if waiting.count > 0 {
        let withheld: usize = waiting.reports.iter().map(|r| r.withheld.len()).sum();
        println!(
            "{} reports await review ({} of their judgements not counted until answered): see `lacs review`",
            waiting.count, withheld
        );
    }
}

fn grade(g: Option<Grade>) -> &'static str {
    g.map(|g| g.label()).unwrap_or("-")
}

/// A visit in an LA's history: its date, type, theme and (monitoring visits) its number.
fn visit_line(i: &InspectionView, v: &lacs_domain::VisitDetail) {
    let date = match (i.published, i.inspection_start) {
        (Some(d), _) => d.to_string(),
        (None, Some(d)) => format!("{d} (on site; not yet published)"),
        (None, None) => "?".into(),
    };
    let mut about: Vec<String> = Vec::new();
    if let Some(t) = &v.theme {
        about.push(format!("theme: {t}"));
    }
    about.extend(i.visit_note.clone());
    println!("  {:<10} {:<20} {}", date, i.event_type, about.join("; "));
}

fn inspection_line(i: &InspectionView) {
    if let Some(v) = &i.visit {
        return visit_line(i, v);
    }
    println!(
        "  {:<10} {:<20} overall {:<22} leaders {:<22} help/prot. {:<22} in care {:<22}{}{}{}",
        i.published.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
        i.event_type,
        grade(i.overall),
        grade(i.leaders),
        grade(i.help_protection),
        grade(i.in_care),
        i.care_leavers.map(|g| format!(" care leavers {}", g.label())).unwrap_or_default(),
        i.adoption.map(|g| format!(" adoption {}", g.label())).unwrap_or_default(),
        i.lscb.map(|g| format!(" LSCB {}", g.label())).unwrap_or_default(),
    );
    let moved: Vec<String> = i
        .changes
        .iter()
        .filter(|c| c.previous.is_some())
        .map(|c| format!("{} {:?} from {}", c.judgement, c.change, grade(c.previous)).to_lowercase())
        .collect();
    if !moved.is_empty() {
        println!("             {}", moved.join("; "));
    }
    if i.status == EventStatus::NeedsReview {
        println!("             awaiting review{}", i.review_reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default());
    }
    for o in i.origins.iter().filter(|o| o.source == "person" || o.note.is_some()) {
        let by = o.by.as_deref().unwrap_or("someone");
        let how = if o.source == "person" { "answered" } else { "confirmed as read" };
        println!("             {} {how} by {by}: {}", o.field, o.note.as_deref().unwrap_or(""));
    }
}

pub fn la(v: &LaView) {
    println!("{} (URN {}, DfE {}, {}) — {}", v.la_name, v.urn, v.la_code, v.gss_code.unwrap_or("-"), v.region);
    if let Some(end) = v.end {
        println!("abolished after {end}");
    }
    for i in &v.inspections {
        inspection_line(i);
    }
    for p in &v.predecessors {
        println!("predecessor {} (URN {}):", p.la_name, p.urn);
        for i in &p.inspections {
            inspection_line(i);
        }
    }
    for s in &v.neighbours {
        println!("statistical neighbours ({:?}):", s.model);
        for n in &s.neighbours {
            let latest = n.latest.as_ref().and_then(|l| l.grades.overall);
            println!("  {:>2}. {:<40} {}", n.rank, n.la_name, grade(latest));
        }
    }
}

pub fn changes(c: &Changes) {
    println!(
        "{} LAs compared ({}, {} inspections) as at {} (published by {}): {} improved, {} kept good or outstanding, {} declined, {} stayed below good",
        c.authorities,
        c.compare.as_str(),
        c.framework.map_or("any graded", |f| f.label()),
        c.cutoff.as_at,
        c.cutoff.published_by,
        c.improved,
        c.kept_good_or_outstanding,
        c.declined,
        c.stayed_below_good
    );
    for e in &c.list {
        println!("  {:<40} {:<24} {} → {}", e.la_name, format!("{:?}", e.category), e.previous.grade.label(), e.latest.grade.label());
    }
}

/// What reading documents again changed, field by field, the changes for the worse marked.
pub fn reading_changes(changes: &[lacs_store::ReadingChange]) {
    let word = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".to_string());
    for c in changes {
        let worse = if c.worse { "  WORSE" } else { "" };
        println!("{}  {}{worse}", c.sha256, c.source_file);
        for f in &c.changes {
            let mark = if f.worse { " (lost or worse)" } else { "" };
            println!("    {}: {} → {}{mark}", f.field, word(&f.before), word(&f.after));
        }
        for d in &c.doubts_added {
            println!("    new doubt: {}: {}", d.kind, d.message);
        }
        for d in &c.doubts_removed {
            println!("    doubt gone: {}: {}", d.kind, d.message);
        }
        if c.answers > 0 {
            println!("    {} answers of people stand, applied to the new reading", c.answers);
        }
    }
}

/// The national picture at each quarter end: one line a quarter.
pub fn series(s: &lacs_analysis::TimeSeries) {
    println!("{} at each quarter end", s.judgement.label());
    println!("{:<12} {:>6} {:>6} {:>9} {:>9} {:>6}", "", "outst.", "good", "req. imp.", "inadeq.", "LAs");
    for p in &s.points {
        let k = p.counts.grades;
        println!(
            "{:<12} {:>6} {:>6} {:>9} {:>9} {:>6}",
            p.cutoff.as_at.to_string(),
            k.outstanding,
            k.good,
            k.requires_improvement,
            k.inadequate,
            p.counts.authorities
        );
    }
}

/// The list of LAs: one line each.
pub fn la_list(l: &lacs_query::LaList) {
    println!("{} local authorities as at {} ({})", l.authorities.len(), l.as_at, l.judgement.label());
    for r in &l.authorities {
        let grade = r.grade.map(|g| g.label()).unwrap_or(if r.inspected { "not graded" } else { "not inspected" });
        println!(
            "{:>6}  {:<40} {:<26} {:<22} {}",
            r.urn,
            r.la_name,
            r.ofsted_region,
            grade,
            r.published.map(|d| d.to_string()).unwrap_or_default()
        );
    }
}

/// One inspection: each judgement with the report's words and the official record's verdict.
pub fn inspection(d: &lacs_query::InspectionDetail) {
    let e = &d.event;
    println!(
        "{} — {} (id {}), inspected from {}, published {}",
        d.la_name,
        e.kind.map_or(e.event_type.as_str(), |k| k.label()),
        e.id,
        e.inspection_start.map(|x| x.to_string()).unwrap_or_else(|| "?".into()),
        e.published.map(|x| x.to_string()).unwrap_or_else(|| "not known".into())
    );
    if let Some(v) = &e.visit {
        if let Some(t) = &v.theme {
            println!("  theme: {t}");
        }
        if let Some(n) = v.sequence_note(e.inspection_start.or(e.published).is_some()) {
            println!("  {n}{}", v.since_inspection.map(|id| format!(" (inspection {id})")).unwrap_or_default());
        }
    }
    for j in &d.judgements {
        let page = j.reading.as_ref().map(|r| format!(" (p. {}: {:?})", r.page, r.text)).unwrap_or_default();
        println!("  {:<60} {:<22} official record: {}{page}", j.judgement.label(), grade(j.grade), j.official);
    }
    for x in &d.disagreements {
        println!("  disagreement on {}: report {:?}, official {:?}", x.field, x.report, x.official);
    }
}

/// Facts about one inspection, one short line each with its source in brackets, for a
/// press officer.
pub fn facts(f: &lacs_query::Facts) {
    let line = |statement: &str, p: &lacs_query::Provenance| println!("  {statement} [{}]", p.cite());
    println!("{}: {} (id {})", f.la_name, f.title(), f.event_id);
    println!("Grades");
    for g in &f.grades {
        line(&g.statement, &g.provenance);
    }
    if !f.ranks.is_empty() {
        println!("Firsts");
        for r in &f.ranks {
            line(&r.statement, &r.provenance);
        }
    }
    println!("The picture on the day");
    for p in &f.picture {
        line(&p.statement, &p.provenance);
    }
    println!("Dates and people");
    if let Some(o) = &f.on_site {
        line(&o.statement, &o.provenance);
    }
    if let Some(l) = &f.length {
        line(&l.statement, &l.provenance);
    }
    line(&f.published.statement, &f.published.provenance);
    for t in f.lead_inspector.iter().chain(&f.report_url) {
        line(&t.statement, &t.provenance);
    }
    if !f.summary.is_empty() {
        println!("The report's summary");
        for s in &f.summary {
            line(&format!("“{}”", s.text), &s.provenance);
        }
    }
    if !f.must_improve.is_empty() {
        println!("What inspectors said must improve");
        for i in &f.must_improve {
            line(&format!("“{}”", i.finding.text), &i.provenance);
        }
    }
    for set in &f.neighbours.sets {
        println!("Statistical neighbours ({} model), as at {}", set.model, lacs_query::long_date(f.neighbours.as_at));
        for n in set.neighbours.iter().filter(|n| n.exists) {
            let latest = n.latest.as_ref().map_or("not yet inspected".to_string(), |l| {
                let when = l.published.map_or(String::new(), |d| format!(", published {}", lacs_query::long_date(d)));
                format!("{} overall{when}", grade(l.grades.overall))
            });
            println!("  {}: {latest}", n.la_name);
        }
        println!("  [{}]", f.neighbours.provenance.cite());
    }
}

/// Disagreements between a report and the official record, one line each.
pub fn disagreements(list: &[&lacs_reconcile::Disagreement]) {
    for d in list {
        println!(
            "{} (published {}) {}: report {:?}, official {:?}",
            d.la_name,
            d.published.map(|p| p.to_string()).unwrap_or_else(|| "?".into()),
            d.field,
            d.report,
            d.official
        );
    }
    println!("{} disagreements", list.len());
}
