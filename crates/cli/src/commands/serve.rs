//! `lacs serve`: the dashboard and the JSON API (lacs-web), optionally syncing in the
//! background.

use anyhow::Result;
use std::net::SocketAddr;
use std::time::Duration;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Folder with the district boundaries and the district → upper-tier lookup for the map
    /// (default: ../shared/reference when present).
    #[arg(long)]
    reference_dir: Option<PathBuf>,
    /// Run `lacs sync` in the background this often (e.g. 24h, 30m, 2d), one run at a time,
    /// and reload the register when it stores something new.
    #[arg(long, value_parser = parse_interval)]
    sync_every: Option<Duration>,
    /// The reports site to sync from (with --sync-every).
    #[arg(long, default_value = "https://reports.ofsted.gov.uk")]
    base_url: String,
    /// With --sync-every: run this shell command once per new report or visit, the event as
    /// JSON on its standard input (as `lacs sync --notify`).
    #[arg(long, value_name = "CMD", requires = "sync_every")]
    notify: Option<String>,
    /// With --sync-every: POST each new report or visit as JSON here (as `lacs sync
    /// --webhook`); repeat for more.
    #[arg(long = "webhook", value_name = "URL", requires = "sync_every")]
    webhooks: Vec<String>,
    /// How each request's log line is written to standard error: `text` or `json` (one JSON
    /// object per line, for a log collector). `RUST_LOG` filters (default `info`).
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

/// One line per request (and the server's own messages) on standard error.
fn start_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // A second server in one process (tests) finds a subscriber set: that one stays.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

/// "24h", "30m", "90s", "2d".
fn parse_interval(s: &str) -> Result<Duration, String> {
    let (n, unit) = s.trim().split_at(s.trim().find(|c: char| !c.is_ascii_digit()).unwrap_or(s.trim().len()));
    let n: u64 = n.parse().map_err(|_| format!("{s:?}: expected a number and a unit, e.g. 24h, 30m, 90s, 2d"))?;
    let secs = match unit {
        "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(format!("{s:?}: the unit must be s, m, h or d")),
    };
    if secs == 0 {
        return Err(format!("{s:?}: give an interval above zero"));
    }
    Ok(Duration::from_secs(secs))
}

pub fn run(db: &Path, a: Args) -> Result<ExitCode> {
    start_logging(a.log_format);
    let opts = lacs_web::ServeOptions {
        addr: a.addr,
        db: db.to_path_buf(),
        reference_dir: a.reference_dir,
        version: Some(crate::version()),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    match a.sync_every {
        None => runtime.block_on(lacs_web::serve(opts))?,
        Some(every) => {
            let (tx, rx) = tokio::sync::watch::channel(0u64);
            let (db, base_url) = (db.to_path_buf(), a.base_url);
            let alerts = (a.notify, a.webhooks);
            // Checked now, so a bad address stops the server at start, not at the first sync.
            super::sync::set_alerts(&mut lacs_sync::SyncOptions::new(PathBuf::new()), alerts.0.clone(), alerts.1.clone())?;
            // One thread, so one run at a time; sync's own lock also refuses a concurrent
            // `lacs sync`.
            // A register not made yet (a new volume) is synced at once, not after a whole
            // interval of serving nothing.
            let mut wait = if db.exists() { every } else { Duration::ZERO };
            std::thread::spawn(move || loop {
                std::thread::sleep(wait);
                wait = every;
                match sync_once(&db, &base_url, &alerts) {
                    Ok(new) if new > 0 => {
                        eprintln!("lacs: sync stored {new} new events; reloading");
                        tx.send_modify(|n| *n += 1);
                    }
                    Ok(_) => eprintln!("lacs: sync found nothing new"),
                    Err(e) => eprintln!("lacs: background sync failed: {e:#}"),
                }
            });
            runtime.block_on(lacs_web::serve_reloading(opts, rx))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One background sync with the defaults and the server's alerts; the number of new events
/// stored.
fn sync_once(db: &Path, base_url: &str, alerts: &(Option<String>, Vec<String>)) -> Result<usize> {
    let mut store = super::open_store(db)?;
    let (worker, limits, mut opts) = super::sync::setup(db, None, 60, 1024)?;
    opts.base_url = base_url.to_string();
    super::sync::set_alerts(&mut opts, alerts.0.clone(), alerts.1.clone())?;
    let summary = lacs_sync::sync(&mut store, &opts, &worker, &limits, |_| {})?;
    Ok(summary.new_events)
}

#[cfg(test)]
mod tests {
    #[test]
    fn intervals() {
        assert_eq!(super::parse_interval("24h"), Ok(std::time::Duration::from_secs(86_400)));
        assert_eq!(super::parse_interval("90s"), Ok(std::time::Duration::from_secs(90)));
        assert!(super::parse_interval("0h").is_err());
        assert!(super::parse_interval("1w").unwrap_err().contains("unit"));
        assert!(super::parse_interval("soon").is_err());
    }
}
