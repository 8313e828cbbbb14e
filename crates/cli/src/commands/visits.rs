//! `visits`: focused visits, monitoring visits and joint targeted area inspections, newest
//! first. Flags handed to lacs-query by their query-string names (`lacs_query::VisitsRequest`);
//! `--json` prints exactly what `/api/v1/visits` answers.

use anyhow::Result;
use lacs_query::{Params, Request, Visits, VisitsRequest};
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Only visits published (else on site) on or after this date: 2024-04-01, 01/04/2024 or
    /// "1 April 2024".
    #[arg(long)]
    since: Option<String>,
    /// Only visits published (else on site) on or before this date.
    #[arg(long)]
    until: Option<String>,
    /// focused_visit, monitoring_visit or jtai.
    #[arg(long = "type")]
    visit_type: Option<String>,
    /// Only this LA: a name or part of one, alias, Ofsted URN, DfE number or GSS code.
    #[arg(long)]
    la: Option<String>,
    /// Only LAs in this Ofsted or ONS region ("North West").
    #[arg(long)]
    region: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, a: Args) -> Result<ExitCode> {
    let r = VisitsRequest::parse(&Params::flags([
        ("since", a.since),
        ("until", a.until),
        ("type", a.visit_type),
        ("la", a.la),
        ("region", a.region),
    ]))?;
    let visits = super::analysis::load(db)?.visits(&r)?;
    if a.json {
        return super::analysis::print_json(&visits);
    }
    print(&visits);
    Ok(ExitCode::SUCCESS)
}

fn date(d: Option<lacs_domain::Date>) -> String {
    d.map_or_else(|| "-".to_string(), |d| d.to_string())
}

fn print(v: &Visits) {
    let counts: Vec<String> = v.counts.iter().map(|c| format!("{} {}", c.visits, c.label.to_lowercase())).collect();
    println!("{} visits: {}", v.visits.len(), counts.join(", "));
    if !v.visits.is_empty() {
        println!("{:<10}  {:<10}  {:<30} {:<26} known from", "published", "on site", "local authority", "type");
    }
    for r in &v.visits {
        println!(
            "{:<10}  {:<10}  {:<30} {:<26} {}",
            date(r.published),
            date(r.inspection_start),
            r.la_name,
            r.visit_label,
            r.sources
        );
        let mut about: Vec<String> = Vec::new();
        if let Some(t) = &r.theme {
            about.push(format!("theme: {t}"));
        }
        about.extend(r.sequence_note.clone());
        about.extend(r.url.clone());
        if !about.is_empty() {
            println!("            {}", about.join("; "));
        }
    }
}
