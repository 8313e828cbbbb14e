//! `lacs`: the open register of Ofsted inspections of local authority children's services.
//!
//! Each subcommand is a thin layer: parse arguments, call the library crate that does the
//! work, print. See ARCHITECTURE.md.

mod commands;
mod output;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

fn default_db() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("lacs").join("register.db")
}

#[derive(Parser)]
#[command(name = "lacs", version, about = "The open register of Ofsted inspections of local authority children's services")]
struct Cli {
    /// The register (SQLite file). Default: $LACS_DB, else the user's data directory.
    #[arg(long, global = true, env = "LACS_DB", default_value_os_t = default_db())]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read Ofsted report PDFs (files or folders, recursively) into the register.
    Ingest(commands::ingest::Args),
    /// Export the register.
    #[command(subcommand)]
    Export(commands::export::Export),
    /// Compare the register with a truth file (the layout of shared/corpus/truth.csv).
    Check(commands::check::Args),
    /// List documents that need review, with the reasons.
    Review(commands::review::Args),
    /// Internal: read one PDF in a bounded worker process and print the result as JSON.
    #[command(name = "__read-pdf", hide = true)]
    ReadPdf {
        #[arg(long, default_value_t = 1024)]
        max_memory_mb: u64,
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: Result<ExitCode> = match cli.command {
        Command::ReadPdf { max_memory_mb, file } => {
            return ExitCode::from(lacs_ingest::run_worker(&file, max_memory_mb) as u8)
        }
        Command::Ingest(args) => commands::ingest::run(&cli.db, args),
        Command::Export(e) => commands::export::run(&cli.db, e),
        Command::Check(args) => commands::check::run(&cli.db, args),
        Command::Review(args) => commands::review::run(&cli.db, args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lacs: {e:#}");
            ExitCode::from(2)
        }
    }
}
