//! `stats`, `la`, `changes`, `firsts`: the questions, answered by lacs-query/lacs-analysis.

use anyhow::Result;
use lacs_analysis::{ChangesQuery, Cutoff, StatsQuery};
use lacs_query::{parse_date, parse_framework, parse_grade, parse_grouping, parse_judgement, Register};
use std::path::Path;
use std::process::ExitCode;

fn today() -> lacs_domain::Date {
    jiff::ZonedDateTime::now().date()
}

fn date_or_today(name: &str, v: Option<&str>) -> Result<lacs_domain::Date> {
    Ok(match v {
        Some(v) => parse_date(name, v)?,
        None => today(),
    })
}

/// The cut-off of a picture: as at a date, reports published by (default: that date), and
/// optionally inspections begun by.
fn cutoff(as_at: lacs_domain::Date, published_by: Option<&str>, inspected_by: Option<&str>) -> Result<Cutoff> {
    let mut cutoff = Cutoff::new(as_at);
    if let Some(p) = published_by {
        cutoff = cutoff.published_by(parse_date("--published-by", p)?);
    }
    if let Some(i) = inspected_by {
        cutoff = cutoff.inspected_by(parse_date("--inspected-by", i)?);
    }
    Ok(cutoff)
}

fn print_json<T: serde::Serialize>(v: &T) -> Result<ExitCode> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(ExitCode::SUCCESS)
}

fn load(db: &Path) -> Result<Register> {
    Ok(Register::load(&super::open_existing(db)?)?)
}

#[derive(clap::Args)]
pub struct StatsArgs {
    /// The date of the picture (yyyy-mm-dd; default today).
    #[arg(long)]
    as_at: Option<String>,
    /// Count reports published by this date (default: the as-at date).
    #[arg(long)]
    published_by: Option<String>,
    /// Count only inspections that began by this date.
    #[arg(long)]
    inspected_by: Option<String>,
    /// overall, leaders, help_protection, in_care, care_leavers, adoption or lscb.
    #[arg(long, default_value = "overall")]
    judgement: String,
    /// Group by region (Ofsted's 8) or region9 (ONS).
    #[arg(long)]
    by: Option<String>,
    /// List the LAs behind each count.
    #[arg(long)]
    list: bool,
    #[arg(long)]
    json: bool,
}

pub fn stats(db: &Path, a: StatsArgs) -> Result<ExitCode> {
    let as_at = date_or_today("--as-at", a.as_at.as_deref())?;
    let cutoff = cutoff(as_at, a.published_by.as_deref(), a.inspected_by.as_deref())?;
    let mut q = StatsQuery::new(cutoff).judgement(parse_judgement("--judgement", &a.judgement)?).list(a.list);
    if let Some(b) = &a.by {
        q = q.by(parse_grouping("--by", b)?);
    }
    let register = load(db)?;
    let stats = register.stats(&q);
    if a.json {
        return print_json(&stats);
    }
    crate::text::stats(&stats);
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct LaArgs {
    /// A name, alias, Ofsted URN, DfE number or GSS code.
    query: String,
    /// Leave out events after this date.
    #[arg(long)]
    as_at: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn la(db: &Path, a: LaArgs) -> Result<ExitCode> {
    let as_at = a.as_at.as_deref().map(|d| parse_date("--as-at", d)).transpose()?;
    let register = load(db)?;
    let view = register.la(&a.query, as_at)?;
    if a.json {
        return print_json(&view);
    }
    crate::text::la(&view);
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct ChangesArgs {
    /// Compare each LA's last two ILACS inspections as at this date (default today).
    #[arg(long)]
    as_at: Option<String>,
    /// Count reports published by this date (default: the as-at date).
    #[arg(long)]
    published_by: Option<String>,
    /// Count only inspections that began by this date.
    #[arg(long)]
    inspected_by: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn changes(db: &Path, a: ChangesArgs) -> Result<ExitCode> {
    let as_at = date_or_today("--as-at", a.as_at.as_deref())?;
    let cutoff = cutoff(as_at, a.published_by.as_deref(), a.inspected_by.as_deref())?;
    let register = load(db)?;
    let changes = register.index().changes(&ChangesQuery::new(cutoff));
    if a.json {
        return print_json(&changes);
    }
    crate::text::changes(&changes);
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct FirstsArgs {
    #[arg(long, default_value = "overall")]
    judgement: String,
    /// outstanding, good, requires_improvement or inadequate.
    #[arg(long)]
    grade: String,
    /// sif or ilacs (default: both).
    #[arg(long)]
    framework: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn firsts(db: &Path, a: FirstsArgs) -> Result<ExitCode> {
    let judgement = parse_judgement("--judgement", &a.judgement)?;
    let grade = parse_grade("--grade", &a.grade)?;
    let framework = a.framework.as_deref().map(|f| parse_framework("--framework", f)).transpose()?;
    let register = load(db)?;
    let firsts = register.index().firsts(judgement, grade, framework);
    if a.json {
        return print_json(&firsts);
    }
    for f in &firsts {
        println!(
            "{:>4}  {:<10}  {:<40} {}",
            f.rank,
            f.published.to_string(),
            f.la_name,
            f.kind.as_str()
        );
    }
    Ok(ExitCode::SUCCESS)
}
