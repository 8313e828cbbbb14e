use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use lacs_ingest::{FileOutcome, Limits, WorkerCommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// PDF files, or folders searched recursively for *.pdf.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    reader: ReaderArgs,
    /// Print the closing summary as JSON on stdout.
    #[arg(long)]
    json: bool,
}

/// How documents are read: reader processes at a time and the bounds on each (ingest, reread).
#[derive(clap::Args)]
pub struct ReaderArgs {
    /// Reader processes at a time (default: the number of cores).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Seconds one document may take to read.
    #[arg(long, default_value_t = 60)]
    timeout: u64,
    /// Memory one reader process may use, in MiB.
    #[arg(long, default_value_t = 1024)]
    max_memory_mb: u64,
}

impl ReaderArgs {
    /// This binary's hidden reader subcommand, bounded as asked.
    pub fn worker(&self) -> Result<WorkerCommand> {
        Ok(WorkerCommand {
            program: std::env::current_exe()?,
            args: vec!["__read-pdf".into(), "--max-memory-mb".into(), self.max_memory_mb.to_string().into()],
        })
    }

    pub fn limits(&self) -> Limits {
        Limits { timeout: Duration::from_secs(self.timeout), max_memory_mb: self.max_memory_mb, ..Limits::default() }
    }

    pub fn jobs(&self) -> usize {
        self.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
    }

    /// A progress bar in the style of every reading command.
    pub fn progress_bar(len: u64) -> ProgressBar {
        let bar = ProgressBar::new(len);
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    }
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let files = lacs_ingest::collect_files(&args.paths)?;
    let mut store = super::open_store(db)?;
    let bar = ReaderArgs::progress_bar(files.len() as u64);
    let (worker, limits, jobs) = (args.reader.worker()?, args.reader.limits(), args.reader.jobs());
    let summary = lacs_ingest::ingest(&mut store, &files, &worker, &limits, jobs, |r| {
        bar.inc(1);
        bar.set_message(r.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        match &r.outcome {
            FileOutcome::Failed(reason) => bar.suspend(|| eprintln!("{}: failed: {reason}", r.path.display())),
            FileOutcome::Refused(reason) => bar.suspend(|| eprintln!("{}: refused: {reason}", r.path.display())),
            _ => {}
        }
    })?;
    bar.finish_and_clear();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        crate::text::reading_changes(&summary.changes);
        eprintln!(
            "{} files: {} stored ({} need review), {} unchanged, {} read again under newer rules, {} refused, {} failed in {:.1} s",
            summary.files,
            summary.stored,
            summary.needs_review,
            summary.unchanged,
            summary.reread,
            summary.refused,
            summary.failed,
            summary.elapsed_seconds
        );
        if summary.needs_review > 0 {
            eprintln!("see `lacs review` for the documents that need review");
        }
    }
    Ok(if summary.all_ok() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
