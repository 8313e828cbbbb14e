//! `search` and `themes`: what inspectors said.

use anyhow::Result;
use lacs_query::{parse_date, parse_judgement, Register, ThemesBy};
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
    /// Only paragraphs under this judgement's heading.
    #[arg(long)]
    judgement: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn search(db: &Path, a: SearchArgs) -> Result<ExitCode> {
    let since = a.since.as_deref().map(|d| parse_date("--since", d)).transpose()?;
    let until = a.until.as_deref().map(|d| parse_date("--until", d)).transpose()?;
    let judgement = a.judgement.as_deref().map(|j| parse_judgement("--judgement", j)).transpose()?;
    let store = super::open_existing(db)?;
    let results = lacs_query::search(&store, &a.query, a.la.as_deref(), since, until, judgement)?;
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
        let under = r.judgement.map(|j| format!(" ({j})")).unwrap_or_default();
        println!("  {}{under} {} p.{}: {}", r.section, r.position, r.page, r.text);
    }
    println!("\n{} findings", results.len());
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
