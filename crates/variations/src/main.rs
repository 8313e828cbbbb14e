//! `lacs-variations`: runs every variation class over the corpus and prints, per class, how
//! many variants the extractor read right, flagged, or read wrong.

use anyhow::{bail, Context, Result};
use lacs_variations::score::{self, Outcome};
use lacs_variations::{corpus, vary};
use std::path::PathBuf;

const USAGE: &str = "usage: lacs-variations [--corpus DIR] [--class NAME[,NAME…]] [--samples N] \
[--show-wrong] [--show-flagged] [--show-slow MS] [--json] [--list] [--dump PATH-PART [--page N]]";

struct Args {
    corpus: PathBuf,
    classes: Vec<&'static vary::Variation>,
    samples: u32,
    show_wrong: bool,
    show_flagged: bool,
    show_slow: Option<u64>,
    json: bool,
    list: bool,
    dump: Option<String>,
    page: usize,
}

fn args() -> Result<Args> {
    let mut a = Args {
        corpus: corpus::default_corpus(),
        classes: Vec::new(),
        samples: 1,
        show_wrong: false,
        show_flagged: false,
        show_slow: None,
        json: false,
        list: false,
        dump: None,
        page: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().with_context(|| format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--corpus" => a.corpus = PathBuf::from(value("--corpus")?),
            "--class" => {
                for name in value("--class")?.split(',') {
                    match vary::by_name(name) {
                        Some(v) => a.classes.push(v),
                        None => bail!("no class {name:?}; --list names them"),
                    }
                }
            }
            "--samples" => a.samples = value("--samples")?.parse().context("--samples takes a number")?,
            "--page" => a.page = value("--page")?.parse().context("--page takes a number")?,
            "--dump" => a.dump = Some(value("--dump")?),
            "--show-wrong" => a.show_wrong = true,
            "--show-flagged" => a.show_flagged = true,
            "--show-slow" => {
                a.show_slow = Some(value("--show-slow")?.parse().context("--show-slow takes milliseconds")?)
            }
            "--json" => a.json = true,
            "--list" => a.list = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => bail!("unknown argument {other:?}\n{USAGE}"),
        }
    }
    if a.classes.is_empty() {
        a.classes = score::all_classes();
    }
    Ok(a)
}

/// Print one page of a report as positioned words, varied by the first chosen class when
/// `--class` is given: what the extractor is handed.
fn dump(a: &Args, reports: &[corpus::Report], part: &str, varied: bool) -> Result<()> {
    let r = reports.iter().find(|r| r.truth.path.contains(part)).context("no report path contains that")?;
    let doc = r.doc.as_ref().context("unreadable report")?;
    let doc = match (varied, a.classes.first()) {
        (true, Some(v)) => {
            let subject = vary::Subject {
                doc,
                urn: &r.truth.urn,
                la_name: &r.truth.la_name,
                inspection_start: &r.truth.inspection_start,
            };
            let mut rng = vary::Rng::for_report(&r.truth.sha256, v.class, 0);
            (v.apply)(&subject, &mut rng).context("the class does not apply to this report")?
        }
        _ => doc.clone(),
    };
    println!("{}", r.truth.path);
    let page = doc.pages.get(a.page.saturating_sub(1)).context("no such page")?;
    println!("page {} ({} x {})", page.number, page.width, page.height);
    for l in &page.lines {
        let words: Vec<String> = l.words.iter().map(|w| format!("{}[{:.0}-{:.0}]", w.text, w.x0, w.x1)).collect();
        println!("y {:>6.1} size {:>4.1} | {}", l.y(), l.words.first().map_or(0.0, |w| w.size), words.join(" "));
    }
    Ok(())
}

fn main() -> Result<()> {
    let a = args()?;
    if a.list {
        for v in vary::VARIATIONS {
            println!("{:<22} {}", v.name, v.description);
        }
        return Ok(());
    }
    let started = std::time::Instant::now();
    let reports = corpus::load(&a.corpus)?;
    eprintln!("{} reports read in {:.1}s", reports.len(), started.elapsed().as_secs_f64());
    if let Some(part) = &a.dump {
        let varied = std::env::args().any(|x| x == "--class");
        return dump(&a, &reports, part, varied);
    }
    let run = score::run(&reports, &a.classes, a.samples);
    eprintln!("scored in {:.1}s", started.elapsed().as_secs_f64());
    if a.json {
        println!("{}", serde_json::to_string_pretty(&run)?);
        return Ok(());
    }
    for t in &run.trials {
        let show = match t.outcome {
            Outcome::Wrong => a.show_wrong,
            Outcome::Flagged => a.show_flagged,
            _ => false,
        } || a.show_slow.is_some_and(|ms| t.millis >= ms);
        if show {
            let diffs: Vec<String> = t.diffs.iter().map(ToString::to_string).collect();
            println!("{:?} {} [{}] ({} ms): {}", t.outcome, t.class, t.path, t.millis, diffs.join("; "));
            for c in &t.changed {
                println!("    varied: {c}");
            }
            for f in &t.flags {
                println!("    doubt: {f}");
            }
        }
    }
    print!("{}", score::table(&run));
    Ok(())
}
