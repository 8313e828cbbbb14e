//! `claims`: check a news story's claims against the register.

use anyhow::Result;
use lacs_claims::{Checked, Options, Verdict};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The story, as plain text: a file, or - (the default) for standard input.
    #[arg(default_value = "-")]
    file: PathBuf,
    /// The day the story was written: what "so far", "last year" or "in July" mean, and the
    /// inspection it is about (the latest by then). Without it, each LA's claims are checked
    /// against the latest inspection that fits the story, and the output says which.
    #[arg(long)]
    as_of: Option<String>,
    /// `[{sentence, claim_type, la, urn, judgement, claimed, register, verdict, why, evidence:
    /// [{source, page, text, event_id}]}]`.
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, a: Args) -> Result<ExitCode> {
    let as_of = match a.as_of.as_deref() {
        Some(v) => Some(lacs_query::parse_date("as_of", v).map_err(|e| anyhow::anyhow!("--as-of: {}", e.message))?),
        None => None,
    };
    let story = lacs_claims::read_story(&a.file)?;
    let store = super::open_existing(db)?;
    let register = lacs_query::Register::load(&store)?;
    let checked = lacs_claims::check_story(&story, &register, Some(&store), Options { as_of });
    for note in &checked.notes {
        eprintln!("lacs: {note}");
    }
    if a.json {
        return super::analysis::print_json(&checked.claims);
    }
    print_text(&checked);
    Ok(ExitCode::SUCCESS)
}

fn print_text(checked: &Checked) {
    if checked.claims.is_empty() {
        println!("No claims found that the register can check.");
        return;
    }
    let mut last_sentence = "";
    for c in &checked.claims {
        if c.sentence != last_sentence {
            println!("\n“{}”", c.sentence);
            last_sentence = &c.sentence;
        }
        let mark = match c.verdict {
            Verdict::Supported => "SUPPORTED",
            Verdict::Contradicted => "CONTRADICTED",
            Verdict::Unverifiable => "UNVERIFIABLE",
        };
        let la = c.la.as_deref().map(|l| format!("{l}: ")).unwrap_or_default();
        println!("  {mark:<12} {} — {la}{}", c.claim_type.label(), c.claimed);
        if let Some(r) = &c.register {
            println!("               register: {r}");
        }
        if let Some(w) = &c.why {
            println!("               why: {w}");
        }
        for e in &c.evidence {
            let page = e.page.map(|p| format!(" p. {p}")).unwrap_or_default();
            let id = e.event_id.map(|i| format!(" [inspection {i}]")).unwrap_or_default();
            println!("               {}{page}{id}: {}", e.source, e.text);
        }
    }
    let count = |v: Verdict| checked.claims.iter().filter(|c| c.verdict == v).count();
    println!(
        "\n{} claims: {} supported, {} contradicted, {} unverifiable",
        checked.claims.len(),
        count(Verdict::Supported),
        count(Verdict::Contradicted),
        count(Verdict::Unverifiable)
    );
}
