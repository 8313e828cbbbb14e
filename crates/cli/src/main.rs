//! `lacs`: the open register of Ofsted inspections of local authority children's services.
//!
//! Each subcommand is a thin layer: parse arguments, call the library crate that does the
//! work, print. See ARCHITECTURE.md.

mod commands;
mod output;
mod text;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

fn default_db() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("lacs").join("register.db")
}

#[derive(clap::Parser)]
#[command(name = "lacs", about = "The open register of Ofsted inspections of local authority children's services")]
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
    /// Documents awaiting review, with every doubt; answer them (set, accept, undo), and move
    /// the answers between registers (export, import).
    Review(commands::review::Args),
    /// Read again every stored document that older reading rules read, and say what changed.
    Reread(commands::reread::Args),
    /// Import Ofsted's official statistics underlying data (ODS or XLSX) as a second source.
    ImportOfficial(commands::official::ImportArgs),
    /// List every disagreement between a report and the official record.
    Reconcile(commands::official::ReconcileArgs),
    /// The national (and regional) picture as at a date, by Ofsted's counting rule.
    Stats(commands::analysis::StatsArgs),
    /// The national picture at each quarter end since March 2014.
    Series(commands::analysis::SeriesArgs),
    /// One LA's journey (every event, changes, predecessors, statistical neighbours); without
    /// an LA, every LA with its latest grade.
    La(commands::analysis::LaArgs),
    /// One inspection: every judgement with the report's words and the official record's verdict.
    Inspection(commands::analysis::InspectionArgs),
    /// Every fact a story about one LA's inspection could state, each with its source.
    Facts(commands::analysis::FactsArgs),
    /// Who improved, declined, kept good or stayed below good between graded inspections.
    Changes(commands::analysis::ChangesArgs),
    /// The order in which LAs first reached a grade in a judgement.
    Firsts(commands::analysis::FirstsArgs),
    /// When each LA's next full inspection is due: the rules' window, the observed
    /// intervals' window and, for inadequate LAs, the next monitoring visit.
    Due(commands::due::DueArgs),
    /// Focused visits, monitoring visits (numbered since an inadequate judgement) and joint
    /// targeted area inspections, newest first.
    Visits(commands::visits::Args),
    /// Every value on which a report and the official record (or two official releases) differ.
    Disagreements(commands::analysis::DisagreementsArgs),
    /// Full-text search over what inspectors said (improvement items and judgement text).
    Search(commands::findings::SearchArgs),
    /// How often each improvement theme is named, over time, by region or by grade.
    Themes(commands::findings::ThemesArgs),
    /// Check a news story's claims (grades, ranks, shares, earlier inspections, timing,
    /// quotations) against the register.
    Claims(commands::claims::Args),
    /// Serve the dashboard and the JSON API (http://127.0.0.1:8080/ by default).
    Serve(commands::serve::Args),
    /// Ask a running server for /healthz; exit 0 when it answers 200 (a container's health check).
    Healthcheck(commands::healthcheck::Args),
    /// Bring the register up to date from Ofsted's reports site: new reports, focused and monitoring visits.
    Sync(commands::sync::Args),
    /// Internal: read a visit letter's first page in a bounded worker process (lacs sync).
    #[command(name = "__read-letter", hide = true)]
    ReadLetter {
        #[arg(long, default_value_t = 1024)]
        max_memory_mb: u64,
        file: PathBuf,
    },
    /// Internal: read one PDF in a bounded worker process and print the result as JSON.
    #[command(name = "__read-pdf", hide = true)]
    ReadPdf {
        #[arg(long, default_value_t = 1024)]
        max_memory_mb: u64,
        /// The path whose name gives the reader its hints, where not the file's own.
        #[arg(long)]
        name_as: Option<PathBuf>,
        file: PathBuf,
    },
}

/// Piped into `head`, a command should stop quietly, as other Unix tools do, rather than
/// panic on the closed pipe.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// `lacs --version`: the release, and the version of the reading rules its extractor applies
/// (recorded with every reading; `lacs reread` reads again what other rules read).
pub(crate) fn version() -> String {
    format!("{} (reading rules {})", env!("CARGO_PKG_VERSION"), lacs_ingest::READING_RULES)
}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let matches = Cli::command().version(version()).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let result: Result<ExitCode> = match cli.command {
        Command::ReadPdf { max_memory_mb, name_as, file } => {
            return ExitCode::from(lacs_ingest::run_worker(&file, name_as.as_deref(), max_memory_mb) as u8)
        }
        Command::ReadLetter { max_memory_mb, file } => {
            return ExitCode::from(lacs_sync::run_letter_worker(&file, max_memory_mb) as u8)
        }
        Command::Sync(args) => commands::sync::run(&cli.db, args),
        Command::Serve(args) => commands::serve::run(&cli.db, args),
        Command::Healthcheck(args) => commands::healthcheck::run(args),
        Command::Ingest(args) => commands::ingest::run(&cli.db, args),
        Command::Export(e) => commands::export::run(&cli.db, e),
        Command::Check(args) => commands::check::run(&cli.db, args),
        Command::Review(args) => commands::review::run(&cli.db, args),
        Command::Reread(args) => commands::reread::run(&cli.db, args),
        Command::ImportOfficial(args) => commands::official::import(&cli.db, args),
        Command::Reconcile(args) => commands::official::reconcile(&cli.db, args),
        Command::Stats(args) => commands::analysis::stats(&cli.db, args),
        Command::Series(args) => commands::analysis::series(&cli.db, args),
        Command::La(args) => commands::analysis::la(&cli.db, args),
        Command::Inspection(args) => commands::analysis::inspection(&cli.db, args),
        Command::Facts(args) => commands::analysis::facts(&cli.db, args),
        Command::Disagreements(args) => commands::analysis::disagreements(&cli.db, args),
        Command::Changes(args) => commands::analysis::changes(&cli.db, args),
        Command::Firsts(args) => commands::analysis::firsts(&cli.db, args),
        Command::Due(args) => commands::due::run(&cli.db, args),
        Command::Visits(args) => commands::visits::run(&cli.db, args),
        Command::Search(args) => commands::findings::search(&cli.db, args),
        Command::Themes(args) => commands::findings::themes(&cli.db, args),
        Command::Claims(args) => commands::claims::run(&cli.db, args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lacs: {e:#}");
            ExitCode::from(2)
        }
    }
}
