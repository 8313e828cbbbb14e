//! `search` and `themes`: what inspectors said.

use anyhow::Result;
use lacs_query::{HitSource, Params, Register, Request, SearchIn, SearchRequest, ThemesRequest};
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct SearchArgs {
    /// What to search for, as written: words (stemmed: "interview" finds "interviews";
    /// apostrophes and hyphens need no care), "quoted phrases", AND, OR, NOT, a trailing *.
    query: String,
    /// Only this LA (name or part of one, alias, URN, DfE number or GSS code).
    #[arg(long)]
    la: Option<String>,
    /// Only reports published on or after this date.
    #[arg(long)]
    since: Option<String>,
    /// Only reports published on or before this date.
    #[arg(long)]
    until: Option<String>,
    /// Only paragraphs under this judgement's heading (findings only).
    #[arg(long)]
    judgement: Option<String>,
    /// Where to search: findings (improvement items, priority actions, recommendations and
    /// judgement paragraphs; the default) or all (every page of every report).
    #[arg(long = "in", value_name = "findings|all")]
    within: Option<String>,
    /// The page of results, from 1.
    #[arg(long)]
    page: Option<String>,
    /// Results a page (default 50, at most 500).
    #[arg(long)]
    per_page: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn search(db: &Path, a: SearchArgs) -> Result<ExitCode> {
    let request = SearchRequest::parse(&Params::flags([
        ("q", Some(a.query)),
        ("la", a.la),
        ("since", a.since),
        ("until", a.until),
        ("judgement", a.judgement),
        ("in", a.within),
        ("page", a.page),
        ("per_page", a.per_page),
    ]))?;
    let store = super::open_existing(db)?;
    let answer = lacs_query::search(&store, &request)?;
    if answer.reports_without_text > 0 {
        eprintln!("lacs: {} reports were stored by an older lacs without their pages' text, so were not searched", answer.reports_without_text);
    }
    if a.json {
        return super::analysis::print_json(&answer);
    }
    let results = &answer.results;
    let within = answer.within;
    let mut last: Option<(Option<u32>, &str)> = None;
    for r in results {
        if last != Some((r.urn, r.sha256.as_str())) {
            println!(
                "\n{} — {} {}",
                r.la_name.unwrap_or("unknown LA"),
                r.kind,
                r.published.map(|d| d.to_string()).unwrap_or_default()
            );
            last = Some((r.urn, r.sha256.as_str()));
        }
        match r.source {
            HitSource::Page => println!("  p. {}: {}", r.page, r.text),
            HitSource::Finding => {
                let under = r.judgement.map(|j| format!(" ({j})")).unwrap_or_default();
                let position = r.position.map(|p| format!(" {p}")).unwrap_or_default();
                let number = r.number.map(|n| format!(" ¶{n}")).unwrap_or_default();
                println!("  {}{under}{position}{number}, p. {}: {}", r.list_label.unwrap_or(""), r.page, r.text);
            }
        }
    }
    let what = if within == SearchIn::All { "pages" } else { "findings" };
    println!("\n{} {what}; page {} of {} ({} a page)", answer.total, answer.page, answer.pages.max(1), answer.per_page);
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct ThemesArgs {
    /// Count reports published by this date (default today).
    #[arg(long)]
    as_at: Option<String>,
    /// Group by region, grade (the inspection's overall grade) or year (published).
    #[arg(long)]
    by: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn themes(db: &Path, a: ThemesArgs) -> Result<ExitCode> {
    let request = ThemesRequest::parse(&Params::flags([("as_at", a.as_at), ("by", a.by)]))?;
    let register = Register::load(&super::open_existing(db)?)?;
    let report = lacs_query::themes(&register, &request);
    if a.json {
        return super::analysis::print_json(&report);
    }
    println!(
        "{} improvement items in {} inspections published by {} ({} unassigned)",
        report.items, report.inspections, report.as_at, report.unassigned
    );
    let mut themes = report.themes.clone();
    themes.sort_by_key(|t| std::cmp::Reverse(t.items));
    for t in &themes {
        println!("  {:<48} {:>5} items {:>4} inspections", t.label, t.items, t.inspections);
    }
    for g in &report.groups {
        let top: Vec<String> = {
            let mut ts = g.themes.clone();
            ts.sort_by_key(|t| std::cmp::Reverse(t.items));
            ts.iter().take(3).map(|t| format!("{} {}", t.label, t.items)).collect()
        };
        println!("{:<40} {:>5} items; most named: {}", g.name, g.items, top.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}
