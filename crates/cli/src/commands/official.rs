//! `import-official` and `reconcile`: the second source.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ImportArgs {
    /// Official statistics files (ODS or XLSX), e.g. shared/official/*.ods.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[arg(long)]
    json: bool,
}

pub fn import(db: &Path, a: ImportArgs) -> Result<ExitCode> {
    // Read every file before touching the register: one that can't be understood changes
    // nothing.
    let mut parsed = Vec::new();
    for f in &a.files {
        let data = lacs_official::read(f)?;
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).with_context(|| format!("{}: not a file", f.display()))?;
        parsed.push((name, lacs_reconcile::official_rows(&data)));
    }
    let mut store = super::open_store(db)?;
    let mut report = Vec::new();
    for (name, rows) in &parsed {
        let unresolved = rows.iter().filter(|r| r.urn.is_none()).count();
        let n = store.replace_official(name, rows)?;
        report.push(serde_json::json!({"file": name, "rows": n, "without_la": unresolved}));
        if !a.json {
            println!("{name}: {n} rows imported ({unresolved} with no matching LA)");
        }
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct ReconcileArgs {
    #[arg(long)]
    json: bool,
}

pub fn reconcile(db: &Path, a: ReconcileArgs) -> Result<ExitCode> {
    let register = lacs_query::Register::load(&super::open_existing(db)?)?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&register.disagreements)?);
        return Ok(ExitCode::SUCCESS);
    }
    for d in &register.disagreements {
        let (left, right) = match d.kind {
            lacs_reconcile::DisagreementKind::OfficialReleases => ("older release", "newer release"),
            _ => ("report", "official"),
        };
        println!(
            "{} (inspection {}, published {}) {}: {left} {:?}, {right} {:?}",
            d.la_name,
            d.inspection_start.map(|p| p.to_string()).unwrap_or_else(|| "?".into()),
            d.published.map(|p| p.to_string()).unwrap_or_else(|| "?".into()),
            d.field,
            d.report,
            d.official,
        );
        println!("    {left}: {}", d.source_file.as_deref().unwrap_or("-"));
        println!("    {right}: {}", d.official_source);
        if let Some(note) = &d.note {
            println!("    note: {note}");
        }
    }
    println!("{} disagreements", register.disagreements.len());
    Ok(ExitCode::SUCCESS)
}
