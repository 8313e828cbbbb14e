//! `review`: the documents awaiting review, and people's answers (set, accept, undo, export,
//! import). The answers live in lacs-store; what awaits review is lacs-query's view.

use anyhow::{Context, Result};
use lacs_store::review::csv_rows::{self, AnswerRow};
use lacs_store::{Answer, AnswerAction};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
    /// List as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Give values for fields of a document's record: kind, urn, inspection_start,
    /// inspection_end, published, lead_inspector, or a judgement (overall, leaders,
    /// help_protection, in_care, care_leavers, adoption, lscb). `none` says there is none.
    Set {
        /// The document's sha256, or its first 6 or more digits.
        sha256: String,
        /// FIELD=VALUE, one or more: in_care=outstanding published=2019-03-31 urn=Barnsley
        #[arg(required = true)]
        values: Vec<String>,
        /// Why: what in the report shows it.
        #[arg(long)]
        note: String,
        /// Who answers (default: the user name).
        #[arg(long)]
        by: Option<String>,
    },
    /// Confirm a document's reading as it stands: its doubts now are answered.
    Accept {
        sha256: String,
        #[arg(long)]
        note: String,
        #[arg(long)]
        by: Option<String>,
    },
    /// Remove a document's latest answer.
    Undo { sha256: String },
    /// Write every answer to a CSV file (to move them to another register).
    Export {
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Add the answers of a CSV file written by `review export` (those already held are
    /// skipped; a bad row refuses the whole file).
    Import { file: PathBuf },
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    match args.action {
        None => list(db, args.json),
        Some(Action::Set { sha256, values, note, by }) => {
            let mut store = super::open_existing(db)?;
            let answer = store.answer_set(&sha256, &values, &note, &who(by))?;
            said(&store, &answer)
        }
        Some(Action::Accept { sha256, note, by }) => {
            let mut store = super::open_existing(db)?;
            let answer = store.answer_accept(&sha256, &note, &who(by))?;
            said(&store, &answer)
        }
        Some(Action::Undo { sha256 }) => {
            let mut store = super::open_existing(db)?;
            let answer = store.answer_undo(&sha256)?;
            println!("removed the {} answer of {} by {} ({}): {}", answer.action.as_str(), answer.at, answer.by, short(&answer.sha256), answer.note);
            println!("{} is now {}", short(&answer.sha256), status_of(&store, &answer.sha256)?);
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Export { output }) => {
            let store = super::open_existing(db)?;
            let answers = store.answers()?;
            let all: Vec<&Answer> = answers.values().flatten().collect();
            let rows = csv_rows::to_rows(&all);
            write_rows(&output, &rows).with_context(|| format!("--output {}", output.display()))?;
            eprintln!("{} answers ({} rows) written to {}", all.len(), rows.len(), output.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Import { file }) => {
            let rows = read_rows(&file)?;
            let answers = csv_rows::from_rows(&rows).map_err(|(row, e)| anyhow::anyhow!("{} row {row}: {e}", file.display()))?;
            let mut store = super::open_store(db)?;
            let added = store.import_answers(&answers)?;
            eprintln!("{added} answers added from {} ({} already held)", file.display(), answers.len() - added);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `--by`, else the user's name from the environment.
fn who(by: Option<String>) -> String {
    by.or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

fn short(sha256: &str) -> &str {
    sha256.get(..12).unwrap_or(sha256)
}

fn status_of(store: &lacs_store::Store, sha256: &str) -> Result<String> {
    Ok(store.reviewed_document(sha256)?.map_or_else(|| "not stored yet".to_string(), |d| d.reviewed.status.to_string()))
}

fn said(store: &lacs_store::Store, answer: &Answer) -> Result<ExitCode> {
    match answer.action {
        AnswerAction::Set => {
            let values: Vec<String> = answer
                .values
                .iter()
                .map(|(f, v)| format!("{f}={}", v.as_ref().map_or("none".to_string(), |v| v.to_string())))
                .collect();
            println!("{}: {} (by {}: {})", short(&answer.sha256), values.join(" "), answer.by, answer.note);
        }
        AnswerAction::Accept => {
            println!("{}: reading accepted, {} doubts answered (by {}: {})", short(&answer.sha256), answer.accepted.len(), answer.by, answer.note)
        }
    }
    println!("{} is now {}", short(&answer.sha256), status_of(store, &answer.sha256)?);
    Ok(ExitCode::SUCCESS)
}

fn list(db: &Path, json: bool) -> Result<ExitCode> {
    let register = lacs_query::Register::load(&super::open_existing(db)?)?;
    let items = register.review_items();
    if json {
        println!("{}", serde_json::to_string_pretty(&items)?);
        return Ok(ExitCode::SUCCESS);
    }
    let gone = register.gone_links(None);
    if items.is_empty() && gone.is_empty() {
        println!("nothing awaits review");
    }
    for item in &items {
        let dates = match (item.inspection_start, item.inspection_end) {
            (Some(s), Some(e)) => format!("inspected {s} to {e}"),
            _ => "inspection dates unknown".to_string(),
        };
        println!(
            "{}  {} — {} — {dates} — published {}",
            item.sha256,
            item.la_name.as_deref().unwrap_or("LA unknown"),
            item.kind.map_or("kind unknown".to_string(), |k| k.to_string()),
            item.published.map_or("?".to_string(), |d| d.to_string()),
        );
        for file in &item.source_files {
            println!("    file: {file}");
        }
        let grades: Vec<String> = item.grades.iter().map(|(j, g)| format!("{j} {g}")).collect();
        println!("    read: {}", if grades.is_empty() { "no grades".to_string() } else { grades.join(", ") });
        if let Some(lead) = &item.lead_inspector {
            println!("    lead inspector: {lead}");
        }
        for d in &item.doubts {
            let page = d.page.map(|p| format!(" (page {p})")).unwrap_or_default();
            let answer = if d.fields.is_empty() { "review accept".to_string() } else { format!("review set {}", d.fields.join("=… ")) + "=…" };
            println!("    doubt{page}: {}: {}  [answer: lacs {answer}]", d.kind, d.message);
        }
        if !item.withheld.is_empty() {
            let names: Vec<&str> = item.withheld.iter().map(|j| j.as_str()).collect();
            println!("    not counted in the picture until answered: {}", names.join(", "));
        }
        for a in &item.answers {
            println!("    answered {} by {}: {} ({})", a.at, a.by, a.action.as_str(), a.note);
        }
    }
    if !gone.is_empty() {
        println!();
        println!("gone from Ofsted's site ({} links: no file to read; `lacs sync` asks again every {} days, or with --recheck-gone):", gone.len(), lacs_sync::GONE_RECHECK_DAYS);
        for g in &gone {
            let checked = g.last_checked.as_deref().map_or("never".to_string(), |t| t.get(..10).unwrap_or(t).to_string());
            println!("  {} (URN {}) — {} — {}", g.la_name, g.urn, g.link_text, g.url);
            println!("    last checked {checked}: {}", g.reason);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_rows(path: &Path, rows: &[AnswerRow]) -> Result<()> {
    // Written beside the target and renamed, so a failed write never leaves half a file.
    let temp = path.with_extension("csv.part");
    {
        let mut w = csv::Writer::from_path(&temp)?;
        if rows.is_empty() {
            w.write_record(csv_rows::COLUMNS)?;
        }
        for row in rows {
            w.serialize(row)?;
        }
        w.flush()?;
    }
    std::fs::rename(&temp, path)?;
    Ok(())
}

fn read_rows(path: &Path) -> Result<Vec<AnswerRow>> {
    let mut r = csv::Reader::from_path(path).with_context(|| format!("{}", path.display()))?;
    let headers = r.headers().with_context(|| format!("{}", path.display()))?.clone();
    let missing: Vec<&str> = csv_rows::COLUMNS.iter().copied().filter(|c| !headers.iter().any(|h| h == *c)).collect();
    if !missing.is_empty() {
        anyhow::bail!("{}: not a `lacs review export` file: no column {}", path.display(), missing.join(", "));
    }
    r.deserialize()
        .enumerate()
        .map(|(i, row)| row.map_err(|e| anyhow::anyhow!("{} row {}: {e}", path.display(), i + 1)))
        .collect()
}
