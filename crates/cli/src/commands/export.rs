use crate::output::Output;
use anyhow::Result;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Export {
    /// One record per stored document (the stable columns documented in the README).
    Inspections {
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Write to this file instead of stdout.
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
    },
    /// One row per LA: its latest graded inspection as at a date, the previous overall grade,
    /// the direction of travel and its statistical neighbours' grades.
    Latest {
        /// The date (yyyy-mm-dd; default today).
        #[arg(long)]
        as_at: Option<String>,
        #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
        /// Write to this file instead of stdout (required for xlsx).
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
    },
    /// An Excel workbook: LA summary, every inspection and event, the as-at tables by region
    /// and by judgement, and notes on every column.
    Workbook {
        /// The date of the LA summary and the as-at tables (default today).
        #[arg(long)]
        as_at: Option<String>,
        #[arg(short = 'o', long)]
        output: PathBuf,
    },
    /// A consistent copy of the register file, for read-only `lacs serve` replicas (made while
    /// syncs go on; never overwrites; report files are not copied).
    Snapshot {
        #[arg(short = 'o', long)]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    Csv,
    Json,
    Xlsx,
}

fn as_at(v: Option<&str>) -> Result<lacs_domain::Date> {
    Ok(match v {
        Some(v) => lacs_query::parse_date("--as-at", v)?,
        None => jiff::ZonedDateTime::now().date(),
    })
}

pub fn run(db: &Path, export: Export) -> Result<ExitCode> {
    match export {
        Export::Inspections { format, output } => {
            let store = super::open_existing(db)?;
            let records = store.inspection_records()?;
            let mut out = Output::new(output.as_deref())?;
            match format {
                Format::Csv => {
                    let mut w = csv::Writer::from_writer(&mut out);
                    for r in &records {
                        w.serialize(r)?;
                    }
                    if records.is_empty() {
                        w.write_record(lacs_store::InspectionRecord::COLUMNS)?;
                    }
                    w.flush()?;
                }
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, &records)?;
                    writeln!(out)?;
                }
            }
            out.finish()?;
            Ok(ExitCode::SUCCESS)
        }
        Export::Latest { as_at: date, format, output } => {
            let date = as_at(date.as_deref())?;
            let register = lacs_query::Register::load(&super::open_existing(db)?)?;
            let rows = lacs_export::latest(&register.index(), date);
            if format == TableFormat::Xlsx {
                let Some(path) = output else { anyhow::bail!("--format xlsx needs -o FILE.xlsx") };
                lacs_export::write_latest_xlsx(&rows, &path)?;
                return Ok(ExitCode::SUCCESS);
            }
            let mut out = Output::new(output.as_deref())?;
            match format {
                TableFormat::Json => lacs_export::write_latest_json(&rows, &mut out)?,
                _ => lacs_export::write_latest_csv(&rows, &mut out)?,
            }
            out.finish()?;
            Ok(ExitCode::SUCCESS)
        }
        Export::Snapshot { output } => {
            // Opened as any command opens it: an older register is upgraded first, so the
            // copy has the schema the replicas' lacs reads.
            super::open_existing(db)?.snapshot_to(&output)?;
            let size = std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0);
            eprintln!("lacs: wrote a snapshot of {} to {} ({:.1} MB)", db.display(), output.display(), size as f64 / 1e6);
            Ok(ExitCode::SUCCESS)
        }
        Export::Workbook { as_at: date, output } => {
            let date = as_at(date.as_deref())?;
            let register = lacs_query::Register::load(&super::open_existing(db)?)?;
            let inspections = register
                .records
                .iter()
                .map(|r| serde_json::from_value(serde_json::to_value(r)?))
                .collect::<Result<Vec<_>, _>>()?;
            let input = lacs_export::WorkbookInput {
                events: &register.events,
                as_at: date,
                register_updated: register.last_updated.clone(),
                inspections,
            };
            lacs_export::write_workbook(&output, &input)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
