//! `reread`: read again every document that older reading rules read (lacs-ingest).

use super::ingest::ReaderArgs;
use anyhow::Result;
use lacs_ingest::RereadOutcome;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    reader: ReaderArgs,
    /// Print the summary and every change as JSON on stdout.
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let mut store = super::open_existing(db)?;
    let stale = store.stale_documents(lacs_ingest::READING_RULES)?.len();
    let bar = ReaderArgs::progress_bar(stale as u64);
    let (worker, limits, jobs) = (args.reader.worker()?, args.reader.limits(), args.reader.jobs());
    let summary = lacs_ingest::reread(&mut store, &worker, &limits, jobs, |outcome| {
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
