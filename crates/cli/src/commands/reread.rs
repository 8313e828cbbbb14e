//! `reread`: read again every document that older reading rules read (lacs-ingest).

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use lacs_ingest::{Limits, RereadOutcome};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// Reader processes at a time (default: the number of cores).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Seconds one document may take to read.
    #[arg(long, default_value_t = 60)]
    timeout: u64,
    /// Memory one reader process may use, in MiB.
    #[arg(long, default_value_t = 1024)]
    max_memory_mb: u64,
    /// Print the summary and every change as JSON on stdout.
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let mut store = super::open_existing(db)?;
    let worker = super::ingest::worker_command(args.max_memory_mb)?;
    let limits = Limits { timeout: Duration::from_secs(args.timeout), max_memory_mb: args.max_memory_mb, ..Limits::default() };
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let bar = ProgressBar::hidden();
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let summary = lacs_ingest::reread(&mut store, &worker, &limits, jobs, |outcome| {
        if bar.is_hidden() {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        bar.inc(1);
        if let RereadOutcome::Failed { sha256, source_file, reason } = outcome {
            bar.suspend(|| eprintln!("{}: not read again: {reason}", source_file.as_deref().unwrap_or(sha256)));
        }
    })?;
    bar.finish_and_clear();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        crate::text::reading_changes(&summary.changes);
        eprintln!(
            "{} documents read under older rules, read again under {}: {} changed ({} for the worse), {} unchanged, {} failed in {:.1} s",
            summary.documents,
            summary.reading_rules,
            summary.changed,
            summary.worse,
            summary.unchanged,
            summary.failed,
            summary.elapsed_seconds
        );
    }
    Ok(if summary.failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
