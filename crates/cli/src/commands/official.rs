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
    // nothing. Odd cells are row doubts, not errors: the release is imported and they listed.
    let mut parsed = Vec::new();
    for f in &a.files {
        let data = lacs_official::read(f)?;
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).with_context(|| format!("{}: not a file", f.display()))?;
        parsed.push((name, lacs_reconcile::official_rows(&data), data.doubts));
    }
    let mut store = super::open_store(db)?;
    let mut report = Vec::new();
    for (name, rows, doubts) in &parsed {
        let unresolved = rows.iter().filter(|r| r.urn.is_none()).count();
        let n = store.replace_official_with_doubts(name, rows, doubts)?;
        report.push(serde_json::json!({"file": name, "rows": n, "without_la": unresolved, "doubts": doubts}));
        if !a.json {
            println!("{name}: {n} rows imported ({unresolved} with no matching LA), {} row doubts", doubts.len());
            for d in doubts {
                println!("    doubt: {}", doubt_line(d));
            }
        }
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    Ok(ExitCode::SUCCESS)
}

/// One line naming the file, sheet, row, column, value and reason of a row doubt.
fn doubt_line(d: &lacs_reconcile::RowDoubt) -> String {
    format!("{} / {} / row {} / {:?}: {:?}: {} [{}]", d.file, d.sheet, d.row, d.column, d.value, d.reason, d.kind)
}

#[derive(clap::Args)]
pub struct ReconcileArgs {
    #[arg(long)]
    json: bool,
}

pub fn reconcile(db: &Path, a: ReconcileArgs) -> Result<ExitCode> {
    let store = super::open_existing(db)?;
    let register = lacs_query::Register::load(&store)?;
    let doubts = store.official_doubts()?;
    if a.json {
        // One array: the disagreements, then each official row doubt tagged
        // `"kind": "official_doubt"` (its own kind in `doubt`).
        let mut out = serde_json::to_value(&register.disagreements)?;
        if let Some(list) = out.as_array_mut() {
            for d in &doubts {
                let mut v = serde_json::to_value(d)?;
                if let Some(o) = v.as_object_mut() {
                    let kind = o.insert("kind".into(), "official_doubt".into());
                    o.insert("doubt".into(), kind.unwrap_or_default());
                }
                list.push(v);
            }
        }
        println!("{}", serde_json::to_string_pretty(&out)?);
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
    for d in &doubts {
        println!("official row doubt: {}", doubt_line(d));
    }
    println!("{} official row doubts (cells left empty, or rows skipped, on import)", doubts.len());
    Ok(ExitCode::SUCCESS)
}
