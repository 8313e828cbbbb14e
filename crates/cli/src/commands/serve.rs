//! `lacs serve`: the dashboard and the JSON API (lacs-web), optionally syncing in the
//! background.

use anyhow::Result;
use std::net::SocketAddr;
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
}

pub fn run(db: &Path, a: Args) -> Result<ExitCode> {
    let opts = lacs_web::ServeOptions { addr: a.addr, db: db.to_path_buf(), reference_dir: a.reference_dir };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(lacs_web::serve(opts))?;
    Ok(ExitCode::SUCCESS)
}
