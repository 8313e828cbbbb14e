//! `search` and `themes`: what inspectors said.

use anyhow::Result;
use lacs_query::{parse_date, parse_judgement, parse_search_in, HitSource, Register, SearchIn, SearchRequest, ThemesBy};
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct SearchArgs {
    /// Words (stemmed: "interview" finds "interviews"), "quoted phrases", AND, OR, NOT.
    query: String,
    /// Only this LA (name, alias, URN, DfE number or GSS code).
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
    /// judgement paragraphs) or all (every page of every report).
    #[arg(long = "in", value_name = "findings|all", default_value = "findings")]
    within: String,
    #[arg(long)]
    json: bool,
}

pub fn search(db: &Path, a: SearchArgs) -> Result<ExitCode> {
    let since = a.since.as_deref().map(|d| parse_date("--since", d)).transpose()?;
    let until = a.until.as_deref().map(|d| parse_date("--until", d)).transpose()?;
    let judgement = a.judgement.as_deref().map(|j| parse_judgement("--judgement", j)).transpose()?;
    let within = parse_search_in("--in", &a.within)?;
    let store = super::open_existing(db)?;
    let request = SearchRequest { query: &a.query, la: a.la.as_deref(), since, until, judgement, within, limit: None };
    let results = lacs_query::search(&store, &request)?;
    if within == SearchIn::All {
        let unread = lacs_query::reports_without_pages(&store)?;
        if unread > 0 {
            eprintln!("lacs: {unread} reports were stored by an older lacs without their pages' text, so were not searched");
        }
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&results)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut last: Option<(Option<u32>, &str)> = None;
    for r in &results {
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
    println!("\n{} {}", results.len(), if within == SearchIn::All { "pages" } else { "findings" });
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
    let as_at = match &a.as_at {
        Some(d) => parse_date("--as-at", d)?,
        None => jiff::ZonedDateTime::now().date(),
    };
    let by: Option<ThemesBy> = a.by.as_deref().map(str::parse).transpose()?;
    let register = Register::load(&super::open_existing(db)?)?;
    let report = lacs_query::themes(&register, as_at, by);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
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
