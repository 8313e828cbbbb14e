use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let store = super::open_existing(db)?;
    let list = store.review_list()?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(ExitCode::SUCCESS);
    }
    if list.is_empty() {
        println!("nothing needs review");
    }
    for r in &list {
        println!("{} [{}] {}", r.source_file, r.status, r.la_name.as_deref().unwrap_or("unknown LA"));
        for reason in r.review_reason.as_deref().unwrap_or("").split("; ") {
            println!("    {reason}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
