//! What inspectors said, read whole, checked against the reports' text as `pdftotext -layout`
//! prints it (an independent reading of the same PDFs):
//! - ILACS and SIF number their paragraphs 1 to N through the report: each must be stored
//!   exactly once, or the report carry a doubt saying what is wrong;
//! - no finding may stop at the foot of a page while its sentence runs on over the page.

use super::{read_corpus, Truth};
use lacs_domain::{DoubtKind, Framework, Kind, ReadReport};
use std::path::Path;
use std::process::Command;

/// Each page's text as pdftotext prints it, or `None` (skipped loudly; failing under CI) when
/// pdftotext is not installed.
fn pdftotext_pages(path: &Path) -> Option<Vec<String>> {
    match Command::new("pdftotext").arg("-layout").arg(path).arg("-").output() {
        Ok(out) => Some(String::from_utf8_lossy(&out.stdout).split('\u{c}').map(str::to_string).collect()),
        Err(e) => {
            assert!(!std::env::var("CI").is_ok_and(|v| v == "true"), "pdftotext is needed under CI (poppler-utils): {e}");
            eprintln!("\n*** SKIPPED: pdftotext not found ({e}); the paragraph checks did not run ***\n");
            None
        }
    }
}

/// The report's paragraph numbers as pdftotext shows them: the longest run of lines opening
/// "n." whose numbers rise one at a time (of equal runs, the nearer predecessor).
fn printed_sequence(pages: &[String]) -> Vec<u32> {
    let numbers: Vec<u32> = pages
        .iter()
        .flat_map(|p| p.lines())
        .filter_map(|l| {
            let t = l.trim_start();
            let (digits, rest) = t.split_once(". ")?;
            (l.len() - t.len() <= 12
                && !digits.is_empty()
                && digits.len() <= 3
                && digits.chars().all(|c| c.is_ascii_digit())
                && !rest.trim().is_empty())
            .then(|| digits.parse().ok())
            .flatten()
        })
        .collect();
    let mut best: Vec<(usize, Option<usize>)> = Vec::new();
    for (i, &n) in numbers.iter().enumerate() {
        let mut here = (1, None);
        for j in 0..i {
            if numbers[j] + 1 == n && best[j].0 + 1 >= here.0 {
                here = (best[j].0 + 1, Some(j));
            }
        }
        best.push(here);
    }
    let Some(mut i) = (0..best.len()).rev().max_by_key(|&i| best[i].0) else {
        return Vec::new();
    };
    let mut run = vec![numbers[i]];
    while let Some(j) = best[i].1 {
        run.push(numbers[j]);
        i = j;
    }
    run.reverse();
    // A shorter run is a judgement table's "1." to "3.", not paragraph numbering.
    if run.len() < 5 {
        Vec::new()
    } else {
        run
    }
}

fn paragraph_doubt(report: &ReadReport) -> Option<&str> {
    report
        .doubts
        .iter()
        .find(|d| d.kind == DoubtKind::Findings && d.message.contains("numbered paragraph"))
        .map(|d| d.message.as_str())
}

fn numbered_reports() -> Vec<(&'static Truth, &'static ReadReport)> {
    let Some(rows) = read_corpus() else {
        return Vec::new();
    };
    rows.iter()
        .filter_map(|(t, r)| r.as_ref().ok().map(|r| (t, r)))
        .filter(|(_, r)| matches!(r.kind.and_then(Kind::framework), Some(Framework::Ilacs | Framework::Sif)))
        .collect()
}

#[test]
fn every_numbered_paragraph_is_stored_once_or_the_report_is_flagged() {
    let reports = numbered_reports();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let (mut checked, mut expected, mut once, mut missing, mut repeated, mut flagged) = (0, 0, 0, 0, 0, 0);
    let mut failures = Vec::new();
    for (t, report) in reports {
        let Some(pages) = pdftotext_pages(&dir.join(&t.path)) else {
            return;
        };
        let sequence = printed_sequence(&pages);
        checked += 1;
        expected += sequence.len();
        let count = |n: u32| report.findings.iter().filter(|f| f.number == Some(n)).count();
        let lost: Vec<u32> = sequence.iter().copied().filter(|&n| count(n) == 0).collect();
        let twice: Vec<u32> = sequence.iter().copied().filter(|&n| count(n) > 1).collect();
        once += sequence.len() - lost.len() - twice.len();
        missing += lost.len();
        repeated += twice.len();
        let doubt = paragraph_doubt(report);
        if doubt.is_some() {
            flagged += 1;
        }
        if (!lost.is_empty() || !twice.is_empty()) && doubt.is_none() {
            failures.push(format!(
                "{}: 1–{}: not stored {lost:?}, stored twice {twice:?}",
                t.path,
                sequence.last().unwrap_or(&0)
            ));
        }
        if let Some(doubt) = doubt {
            println!("flagged {}: {doubt}", t.path);
        }
    }
    println!(
        "{checked} ILACS and SIF reports; {expected} numbered paragraphs printed: {once} stored exactly once, {missing} not stored, {repeated} stored twice; {flagged} reports flagged"
    );
    for f in &failures {
        println!("{f}");
    }
    assert!(failures.is_empty(), "{} reports lose or repeat numbered paragraphs silently", failures.len());
}

/// The page a finding's last words are printed on, and whether nothing but the page's
/// furniture (a page number, a running footer) follows them there.
fn ends_a_page(pages: &[String], tail: &str) -> Option<usize> {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for (p, page) in pages.iter().enumerate() {
        let lines: Vec<String> = page.lines().map(squash).collect();
        let Some(i) = lines.iter().rposition(|l| !l.is_empty() && l.ends_with(tail)) else {
            continue;
        };
        let rest_is_furniture = lines[i + 1..].iter().all(|l| {
            l.is_empty()
                || l.chars().all(|c| c.is_ascii_digit() || c == ' ')
                || pages.iter().filter(|other| other.contains(l.as_str())).count() >= 3
        });
        if rest_is_furniture {
            return Some(p);
        }
    }
    None
}

/// The first line of a page that is not furniture.
fn first_body_line(pages: &[String], page: usize) -> Option<String> {
    pages.get(page)?.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).find(|l| {
        !l.is_empty()
            && !l.chars().all(|c| c.is_ascii_digit() || c == ' ')
            && pages.iter().filter(|p| p.contains(l.as_str())).count() < 3
    })
}

#[test]
fn no_finding_stops_mid_sentence_at_a_page_break() {
    let reports = numbered_reports();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let (mut findings, mut at_page_end) = (0, 0);
    let mut cut = Vec::new();
    for (t, report) in reports {
        let Some(pages) = pdftotext_pages(&dir.join(&t.path)) else {
            return;
        };
        // pdftotext prints curly apostrophes; the register keeps them straight.
        let pages: Vec<String> = pages.iter().map(|p| p.replace(['\u{2019}', '\u{2018}'], "'")).collect();
        for f in &report.findings {
            findings += 1;
            let words: Vec<&str> = f.text.split_whitespace().collect();
            // A sentence's stop may come before a bracketed tag: "… not strong enough. (Recommendation)".
            let sentence =
                f.text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")).map_or(f.text.as_str(), |(before, _)| before);
            if words.len() < 4 || sentence.ends_with(['.', '?', '!', ':', ';']) {
                continue;
            }
            let tail = words[words.len() - 4..].join(" ");
            let Some(page) = ends_a_page(&pages, &tail) else {
                continue;
            };
            at_page_end += 1;
            // The sentence runs on when the next page opens in lower case.
            if first_body_line(&pages, page + 1).is_some_and(|l| l.starts_with(|c: char| c.is_lowercase())) {
                cut.push(format!("{} p.{}: …{tail}", t.path, f.page));
            }
        }
    }
    println!(
        "{findings} findings; {at_page_end} end unpunctuated at the foot of a page; {} of them stop mid-sentence",
        cut.len()
    );
    for c in &cut {
        println!("{c}");
    }
    assert!(cut.is_empty(), "{} findings stop mid-sentence at a page break", cut.len());
}

#[test]
fn no_finding_carries_page_furniture_or_the_back_page() {
    let Some(rows) = read_corpus() else {
        return;
    };
    let back_page = regex::Regex::new(r"(?i)crown copyright|ofsted\.gov\.uk|www\.gov\.uk/ofsted|\bContents\b.*\d$").unwrap();
    // A page number glued on: a finding ending in a bare number after a word.
    let page_number = regex::Regex::new(r"[a-z,;]\s\d{1,3}$").unwrap();
    let mut junk = Vec::new();
    for (t, read) in rows {
        let Ok(report) = read else { continue };
        for f in &report.findings {
            if back_page.is_match(&f.text) || page_number.is_match(&f.text) {
                junk.push(format!("{} p.{}: …{}", t.path, f.page, f.text.chars().rev().take(80).collect::<String>().chars().rev().collect::<String>()));
            }
        }
    }
    for j in &junk {
        println!("{j}");
    }
    assert!(junk.is_empty(), "{} findings carry a page number, a contents line or the back page", junk.len());
}
