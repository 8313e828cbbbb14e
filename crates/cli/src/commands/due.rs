//! `due`: when each LA's next full inspection is due, by the published rules and by the
//! intervals observed in the register. Flags handed to lacs-query by their query-string
//! names; `--json` prints exactly what `/api/v1/due` answers.

use anyhow::Result;
use lacs_analysis::{DueEntry, DueStatus, IntervalStats, ObservedWindow};
use lacs_query::{entry_words, status_words, DueAnswer, DueRequest, Params, Request};
use std::path::Path;
use std::process::ExitCode;

use super::analysis::{load, print_json};

#[derive(clap::Args)]
pub struct DueArgs {
    /// The date (default today): 2024-03-31, 31/03/2024 or "31 March 2024". The LAs are
    /// those existing that day, with the inspections published by then.
    #[arg(long)]
    as_at: Option<String>,
    /// Only this LA: a name or part of one, alias, Ofsted URN, DfE number or GSS code.
    #[arg(long)]
    la: Option<String>,
    /// Only LAs in this Ofsted or ONS region ("North West").
    #[arg(long)]
    region: Option<String>,
    /// Only LAs whose grade picking the rule is this (outstanding, good,
    /// requires_improvement, inadequate).
    #[arg(long)]
    grade: Option<String>,
    /// Only LAs with this status: overdue, in_window, not_yet_due, inspected.
    #[arg(long)]
    status: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, a: DueArgs) -> Result<ExitCode> {
    let r = DueRequest::parse(&Params::flags([
        ("as_at", a.as_at),
        ("la", a.la),
        ("region", a.region),
        ("grade", a.grade),
        ("status", a.status),
    ]))?;
    let answer = load(db)?.due(&r)?;
    if a.json {
        return print_json(&answer);
    }
    print(&answer);
    Ok(ExitCode::SUCCESS)
}

fn observed(o: Option<&ObservedWindow>) -> String {
    o.map_or("-".into(), |o| format!("{} ({} to {}, n={})", o.median, o.window.start, o.window.end, o.cases))
}

fn interval_line(s: &IntervalStats) {
    println!(
        "  {:<34} {:<22} min {:>5.1}  median {:>5.1}  max {:>5.1}  n={}",
        s.version.label(),
        s.grade.label(),
        s.min_months,
        s.median_months,
        s.max_months,
        s.cases
    );
}

fn print(d: &DueAnswer) {
    let count = |s: DueStatus| d.entries.iter().filter(|e| e.status == s).count();
    println!(
        "Next full inspections as at {}: {} LAs; {} overdue, {} in window, {} not yet due, {} inspected with the report awaited ({} not yet inspected)",
        d.as_at,
        d.entries.len(),
        count(DueStatus::Overdue),
        count(DueStatus::InWindow),
        count(DueStatus::NotYetDue),
        count(DueStatus::Inspected),
        d.not_inspected
    );
    println!("{:<34} {:<22} {:<23} {:<50} Observed (median, range, cases)", "Local authority", "Grade", "Rules window", "Status");
    for e in &d.entries {
        println!(
            "{:<34} {:<22} {} – {} {:<50} {}",
            e.la_name,
            e.grade.label(),
            e.rules.window.start,
            e.rules.window.end,
            entry_words(e),
            observed(e.observed.as_ref())
        );
        if let Some(m) = &e.monitoring {
            println!(
                "{:<34} next monitoring visit: {} – {}, {} ({} since the inspection{})",
                "",
                m.window.start,
                m.window.end,
                status_words(m.status, &m.window, m.months_overdue, None),
                m.visits,
                m.last_visit.map(|v| format!(", the last on {v}")).unwrap_or_default()
            );
        }
    }
    if let (Some(la), true) = (d.la, d.entries.is_empty()) {
        println!("{la}: no window as at {} (abolished by then, not yet inspected, or left out by the filters)", d.as_at);
    }
    println!();
    println!("Windows count from the previous report's publication; the rules with their words and sources: `lacs due --json` or /due.");
    println!("Observed months from a graded inspection's publication to the next one's start:");
    for s in &d.observed.next_inspection {
        interval_line(s);
    }
    println!("Observed months between an inadequate LA's monitoring visits:");
    for s in &d.observed.monitoring {
        interval_line(s);
    }
}

/// One short line for `lacs la X`: the LA's next inspection, by the rules and as observed.
pub fn la_line(e: &DueEntry) -> String {
    let monitoring = e
        .monitoring
        .as_ref()
        .map(|m| format!("; next monitoring visit {} – {}", m.window.start, m.window.end))
        .unwrap_or_default();
    format!(
        "next inspection ({}): {}; rules window {} – {}; observed median {}{monitoring} (see `lacs due`)",
        e.rules.next,
        entry_words(e),
        e.rules.window.start,
        e.rules.window.end,
        e.observed.map_or("-".into(), |o| o.median.to_string()),
    )
}
