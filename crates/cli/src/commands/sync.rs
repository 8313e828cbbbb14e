//! `lacs sync`: bring the register up to date from Ofsted's reports site (lacs-sync).

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use lacs_ingest::{Limits, WorkerCommand};
use lacs_sync::{Progress, SyncOptions, SyncSummary};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// The reports site, or a mirror of it.
    #[arg(long, value_name = "URL", default_value = lacs_sync::DEFAULT_BASE_URL)]
    base_url: String,
    /// Requests a second, at most.
    #[arg(long, default_value_t = 2.0)]
    rate: f64,
    /// Seconds one request may take, body included, before it is retried.
    #[arg(long, value_name = "S", default_value_t = 60)]
    timeout: u64,
    /// Retries of one request after a timeout, a server error, 429 or 403, or a bad body.
    #[arg(long, default_value_t = 4)]
    retries: u32,
    /// The User-Agent to send (default: lacs, its version and its project's address).
    #[arg(long, value_name = "TEXT")]
    user_agent: Option<String>,
    /// Read the site's pages and list the files that would be fetched; fetch and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print the closing summary as JSON on stdout.
    #[arg(long)]
    json: bool,
    /// Where downloaded files are kept. Default: `cache/` beside the register.
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Only this provider (LA) URN; repeat for more. Its page is asked for directly (the
    /// listing is not read), so an abolished LA's page is reached too.
    #[arg(long = "urn", value_name = "URN")]
    urns: Vec<u32>,
    /// Ask again for every link found gone from the site, however recently checked (else
    /// once every 30 days).
    #[arg(long)]
    recheck_gone: bool,
    /// Run this shell command (`sh -c`) once per new report or visit, the event as JSON on
    /// its standard input; a failure is a warning, never a failed sync.
    #[arg(long, value_name = "CMD")]
    notify: Option<String>,
    /// POST each new report or visit as JSON to this URL (3 tries, backing off); repeat
    /// for more. A failure is a warning, never a failed sync.
    #[arg(long = "webhook", value_name = "URL")]
    webhooks: Vec<String>,
    /// Seconds one document may take to read.
    #[arg(long, value_name = "S", default_value_t = 60)]
    read_timeout: u64,
    /// Memory one reader process may use, in MiB.
    #[arg(long, default_value_t = 1024)]
    max_memory_mb: u64,
}

/// The reader workers, their limits and the sync options with defaults, as `lacs sync` and
/// `lacs serve --sync-every` both use them.
pub fn setup(
    db: &Path,
    cache_dir: Option<std::path::PathBuf>,
    read_timeout: u64,
    max_memory_mb: u64,
) -> Result<(WorkerCommand, Limits, SyncOptions)> {
    let exe = std::env::current_exe()?;
    let memory = max_memory_mb.to_string();
    let worker = WorkerCommand {
        program: exe.clone(),
        args: vec!["__read-pdf".into(), "--max-memory-mb".into(), memory.clone().into()],
    };
    let limits = Limits { timeout: Duration::from_secs(read_timeout), max_memory_mb, ..Limits::default() };
    let mut opts = SyncOptions::new(cache_dir.unwrap_or_else(|| SyncOptions::default_cache_dir(db)));
    opts.letter_worker =
        Some(WorkerCommand { program: exe, args: vec!["__read-letter".into(), "--max-memory-mb".into(), memory.into()] });
    opts.event_ids = Some(event_ids);
    Ok((worker, limits, opts))
}

/// The register's ids of a run's new events, for their alerts: the register as the read side
/// loads it, each report found by its sha256, each visit by Ofsted's address. Left `null`
/// when the register cannot be loaded.
fn event_ids(store: &lacs_store::Store, events: &mut [lacs_sync::NewEvent]) {
    let Ok(register) = lacs_query::Register::load(store) else { return };
    for e in events.iter_mut() {
        let found = register.events.iter().find(|ev| match &e.sha256 {
            Some(sha) => ev.sources.report_sha256.as_deref() == Some(sha.as_str()),
            None => ev.sources.url.as_deref() == Some(e.ofsted_url.as_str()),
        });
        e.event_id = found.map(|ev| ev.id);
    }
}

/// A webhook must be an http(s) address.
fn check_webhook_address(url: &str) -> std::result::Result<(), String> {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        Ok(())
    } else {
        Err("give an http:// or https:// address".to_string())
    }
}

/// `--notify` and `--webhook`, checked, as `lacs sync` and `lacs serve --sync-every` take them.
pub fn set_alerts(opts: &mut SyncOptions, notify: Option<String>, webhooks: Vec<String>) -> Result<()> {
    for url in &webhooks {
        if let Err(reason) = check_webhook_address(url) {
            anyhow::bail!("--webhook {url}: {reason}");
        }
    }
    opts.delivery.notify = notify.filter(|c| !c.trim().is_empty());
    opts.delivery.webhooks = webhooks;
    Ok(())
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    if !(args.rate > 0.0 && args.rate.is_finite()) {
        anyhow::bail!("--rate {}: give a positive number of requests a second", args.rate);
    }
    if args.timeout == 0 {
        anyhow::bail!("--timeout 0: give at least 1 second");
    }
    let mut store = super::open_store(db)?;
    let (worker, limits, mut opts) = setup(db, args.cache_dir.clone(), args.read_timeout, args.max_memory_mb)?;
    opts.base_url = args.base_url;
    opts.rate_per_sec = args.rate;
    opts.timeout = Duration::from_secs(args.timeout);
    opts.retries = args.retries;
    if let Some(ua) = args.user_agent.filter(|ua| !ua.trim().is_empty()) {
        opts.user_agent = Some(ua);
    }
    opts.dry_run = args.dry_run;
    opts.only_urns = (!args.urns.is_empty()).then_some(args.urns);
    opts.recheck_gone = args.recheck_gone;
    set_alerts(&mut opts, args.notify, args.webhooks)?;
    stop_on_ctrl_c(&opts.cancel);

    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    let mut current = String::new();
    let summary = lacs_sync::sync(&mut store, &opts, &worker, &limits, |p| show(&bar, &mut current, p))?;
    bar.finish_and_clear();

    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        print_summary(&summary);
    }
    Ok(if summary.all_ok() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn show(bar: &ProgressBar, current: &mut String, p: &Progress) {
    match p {
        Progress::ListingPage { providers, .. } => bar.set_message(format!("reading the listing: {providers} LAs")),
        Progress::Providers { total } => {
            bar.set_length(*total as u64);
            bar.set_position(0);
        }
        Progress::Provider { name, urn, .. } => {
            *current = format!("{name} ({urn})");
            bar.set_message(current.clone());
        }
        Progress::Downloading { link_text, .. } => bar.set_message(format!("{current}: {link_text}")),
        Progress::Downloaded { .. } => {}
        Progress::Reading { files, .. } => bar.set_message(format!("{current}: reading {files} files")),
        Progress::Retrying(note) => bar.suspend(|| {
            eprintln!("{}: {}; retrying in {:.1} s", note.url, note.reason, note.wait.as_secs_f64())
        }),
        Progress::Failed(issue) => bar.suspend(|| eprintln!("{}", issue_line(issue))),
        Progress::ProviderDone { .. } => bar.inc(1),
    }
}

fn issue_line(i: &lacs_sync::SyncIssue) -> String {
    let what = match (&i.urn, &i.link_text) {
        (Some(urn), Some(text)) => format!("URN {urn}, {text}"),
        (Some(urn), None) => format!("URN {urn}"),
        _ => String::new(),
    };
    format!("{what} ({}): {}: {}", i.url, i.stage.as_str(), i.reason).trim_start().to_string()
}

fn print_summary(s: &SyncSummary) {
    if s.dry_run {
        for w in &s.would_fetch {
            println!("{}\t{}\t{}\t{}", w.urn, w.kind_hint.as_str(), w.link_text, w.url);
        }
        eprintln!("{}", s.line());
        return;
    }
    eprintln!("{}", s.line());
    for d in &s.doubts {
        eprintln!("note: {}", issue_line(d));
    }
    for g in s.gone.iter().filter(|g| g.checked_now) {
        eprintln!("gone: URN {}, {} ({}): {}", g.urn, g.link_text, g.url, g.reason);
    }
    if !s.gone.is_empty() {
        eprintln!(
            "links gone from Ofsted's site are not failures: `lacs review` lists them; they are asked for again after {} days (or with --recheck-gone)",
            lacs_sync::GONE_RECHECK_DAYS
        );
    }
    if s.delivered > 0 {
        eprintln!("{} alerts delivered", s.delivered);
    }
    for w in &s.warnings {
        eprintln!("warning: {w}");
    }
    if !s.failures.is_empty() {
        eprintln!("failed (tried again by the next `lacs sync`):");
        for f in &s.failures {
            eprintln!("  {}", issue_line(f));
        }
    }
    if s.needs_review > 0 {
        eprintln!("see `lacs review` for the reports that need review");
    }
    if s.interrupted {
        eprintln!("interrupted: run `lacs sync` again to carry on where this run stopped");
    }
}

/// The cancel flag of the running sync, for the Ctrl-C handler.
static CANCEL: OnceLock<Arc<AtomicBool>> = OnceLock::new();

#[cfg(unix)]
extern "C" fn on_interrupt(_: libc::c_int) {
    if let Some(c) = CANCEL.get() {
        c.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    // SAFETY: signal() is async-signal-safe; a second Ctrl-C stops at once.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
    }
}

/// The first Ctrl-C stops the run at its next request, keeping everything done so far and
/// printing the summary; the next `lacs sync` carries on.
fn stop_on_ctrl_c(cancel: &Arc<AtomicBool>) {
    if CANCEL.set(cancel.clone()).is_err() {
        return;
    }
    #[cfg(unix)]
    // SAFETY: installing a handler that only stores to an atomic and resets the disposition.
    unsafe {
        libc::signal(libc::SIGINT, on_interrupt as *const () as libc::sighandler_t);
    }
}
