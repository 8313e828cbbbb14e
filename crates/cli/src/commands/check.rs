use anyhow::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Truth file in the layout of shared/corpus/truth.csv.
    #[arg(long)]
    truth: PathBuf,
    /// Known differences (CSV: path, field, register, truth, reason): reported apart, and
    /// each must still occur.
    #[arg(long)]
    expect: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let store = super::open_existing(db)?;
    let records = store.inspection_records()?;
    let report = lacs_check::check(&records, &args.truth, args.expect.as_deref())?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("{} files in {}", report.files, args.truth.display());
        println!("{:<18} {:>8} {:>8}", "field", "agree", "accuracy");
        for a in &report.accuracy {
            let pct = if a.total == 0 { 100.0 } else { 100.0 * a.agree as f64 / a.total as f64 };
            println!("{:<18} {:>4}/{:<4} {:>7.2}%", a.field, a.agree, a.total, pct);
        }
        for d in &report.disagreements {
            let tag = match &d.expected_because {
                Some(why) => format!("  [expected: {why}]"),
                None => String::new(),
            };
            println!("{}: {}: register {:?}, truth {:?}{tag}", d.path, d.field, d.register, d.truth);
        }
        for d in &report.stale_expectations {
            println!("{}: {}: expected difference did not occur (register {:?}, truth {:?})", d.path, d.field, d.register, d.truth);
        }
        let unexpected = report.unexpected().count();
        println!(
            "{} disagreements ({} unexpected, {} expected), {} stale expectations",
            report.disagreements.len(),
            unexpected,
            report.disagreements.len() - unexpected,
            report.stale_expectations.len()
        );
    }
    Ok(if report.passed() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
