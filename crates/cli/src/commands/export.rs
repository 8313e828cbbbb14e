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
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
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
    }
}
