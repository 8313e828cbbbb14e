//! Scoring: a variant's reading compared with truth field by field (the corpus test's
//! comparison) and with the original reading's doubts and improvement lists.

use crate::corpus::{Report, Truth};
use crate::vary::{Rng, Subject, Variation, VARIATIONS};
use lacs_domain::{FindingSection, Grade, Judgement, Kind, ReadReport};
use lacs_extract::{publication_date, read_report, Hints};
use std::collections::BTreeMap;

/// One field that differs from truth (or, for a findings list, from the original reading's
/// number of items).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diff {
    pub field: String,
    pub got: String,
    pub want: String,
}

impl std::fmt::Display for Diff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let whose = if self.field.starts_with("findings:") { "original reading" } else { "truth" };
        write!(f, "{}: got {:?}, {whose} {:?}", self.field, self.got, self.want)
    }
}

fn grade_word(g: Option<Grade>) -> String {
    g.map(|g| g.as_str().to_string()).unwrap_or_default()
}

/// The judgements truth has a column for.
pub fn truth_grades(t: &Truth) -> [(Judgement, &str); 7] {
    [
        (Judgement::Overall, &t.overall),
        (Judgement::Leaders, &t.leaders),
        (Judgement::HelpProtection, &t.help_protection),
        (Judgement::InCare, &t.in_care),
        (Judgement::CareLeavers, &t.care_leavers),
        (Judgement::Adoption, &t.adoption),
        (Judgement::Lscb, &t.lscb),
    ]
}

/// Every field of a reading that differs from truth, as the corpus test compares them: the
/// re-inspection of an LA whose title does not say so reads as a SIF not titled one.
pub fn compare(report: &ReadReport, t: &Truth, hints: &Hints) -> Vec<Diff> {
    let mut out = Vec::new();
    let mut field = |name: &str, got: String, want: &str| {
        if got != want {
            out.push(Diff { field: name.to_string(), got, want: want.to_string() });
        }
    };
    let kind = report.kind.unwrap_or(Kind::Unknown);
    let kind_ok =
        kind.as_str() == t.kind || (t.kind == "sif_reinspection" && kind == Kind::Sif && !report.titled_reinspection);
    if !kind_ok {
        field("kind", kind.to_string(), &t.kind);
    }
    field("urn", report.urn.map(|u| u.to_string()).unwrap_or_default(), &t.urn);
    field("inspection_start", report.inspection_start.map(|d| d.to_string()).unwrap_or_default(), &t.inspection_start);
    let published = publication_date(report, hints).map(|(d, _)| d.to_string()).unwrap_or_default();
    field("published", published, &t.published);
    for (j, want) in truth_grades(t) {
        field(j.as_str(), grade_word(report.grade(j)), want);
    }
    out
}

/// The doubts that flag a reading for review.
pub fn flags(report: &ReadReport) -> Vec<String> {
    report.doubts.iter().filter(|d| !d.kind.is_warning()).map(|d| format!("{}: {}", d.kind, d.message)).collect()
}

/// How many items each list section holds (judgement paragraphs are not lists).
pub fn list_counts(report: &ReadReport) -> BTreeMap<FindingSection, usize> {
    let mut out = BTreeMap::new();
    for f in &report.findings {
        if f.section != FindingSection::Judgement {
            *out.entry(f.section).or_default() += 1;
        }
    }
    out
}

/// Lists the original reading had that the variant lost or changed the length of.
fn lost_lists(original: &ReadReport, variant: &ReadReport) -> Vec<Diff> {
    let (before, after) = (list_counts(original), list_counts(variant));
    before
        .iter()
        .filter(|(s, n)| after.get(*s) != Some(*n))
        .map(|(s, n)| Diff {
            field: format!("findings:{}", s.as_str()),
            got: after.get(s).copied().unwrap_or(0).to_string(),
            want: n.to_string(),
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The class found nothing to vary, or the original reading was not right.
    NotApplicable,
    Right,
    Flagged,
    Wrong,
}

/// One variant's result.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Trial {
    pub path: String,
    pub class: &'static str,
    pub sample: u32,
    pub outcome: Outcome,
    /// Flagged, but some field holds a value that differs from truth.
    pub wrong_under_flag: bool,
    pub diffs: Vec<Diff>,
    pub flags: Vec<String>,
    /// How long the extractor took over the variant.
    pub millis: u64,
    /// What the variation changed, briefly ("p3: What needs to improve → What needs to improve 1").
    pub changed: Vec<String>,
}

/// What a variant changed, line by line, briefly: text changes, then lines added, then how
/// many lines only moved.
pub fn changes(before: &lacs_pdftext::Document, after: &lacs_pdftext::Document) -> Vec<String> {
    let mut out = Vec::new();
    for (a, b) in before.pages.iter().zip(&after.pages) {
        let old: Vec<(String, f32)> = a.lines.iter().map(|l| (l.text(), l.y())).collect();
        let new: Vec<(String, f32)> = b.lines.iter().map(|l| (l.text(), l.y())).collect();
        let mut moved = 0;
        if old.len() == new.len() {
            for (l0, l1) in a.lines.iter().zip(&b.lines) {
                let (t0, t1) = (l0.text(), l1.text());
                if t0 != t1 {
                    out.push(format!("p{}: {t0:?} → {t1:?}", a.number));
                } else if l0 != l1 {
                    moved += 1;
                }
            }
        } else {
            for (t1, y1) in &new {
                if !old.iter().any(|(t0, y0)| t0 == t1 && (y0 - y1).abs() < 0.01) {
                    out.push(format!("p{}: now {t1:?} at y {y1:.0}", a.number));
                }
            }
        }
        if moved > 0 {
            out.push(format!("p{}: {moved} lines moved", a.number));
        }
    }
    out.truncate(6);
    out
}

/// Score one variant's reading against truth and the original reading.
pub fn judge(
    original: &ReadReport,
    variant: &ReadReport,
    t: &Truth,
    hints: &Hints,
) -> (Outcome, bool, Vec<Diff>, Vec<String>) {
    let mut diffs = compare(variant, t, hints);
    diffs.extend(lost_lists(original, variant));
    let before = flags(original);
    let new_flags: Vec<String> = flags(variant).into_iter().filter(|f| !before.contains(f)).collect();
    let outcome = if !new_flags.is_empty() {
        Outcome::Flagged
    } else if diffs.is_empty() {
        Outcome::Right
    } else {
        Outcome::Wrong
    };
    // A value read (not merely missing) that differs from truth; an unknown kind is missing.
    let wrong_value =
        diffs.iter().any(|d| !d.got.is_empty() && d.got != "unknown" && !d.field.starts_with("findings:"));
    (outcome, outcome == Outcome::Flagged && wrong_value, diffs, new_flags)
}

/// Why a report is left out of scoring (its original reading is not right), if it is.
pub fn excluded(r: &Report, original: Option<&ReadReport>, hints: &Hints) -> Option<String> {
    if r.truth.kind == "not_a_report" {
        return Some("not a report".into());
    }
    let Some(original) = original else { return Some("unreadable".into()) };
    let diffs = compare(original, &r.truth, hints);
    let flags = flags(original);
    if !diffs.is_empty() || !flags.is_empty() {
        let mut why: Vec<String> = diffs.iter().map(Diff::to_string).collect();
        why.extend(flags);
        return Some(why.join("; "));
    }
    None
}

/// Every variant of one report for the chosen classes.
pub fn run_report(r: &Report, classes: &[&'static Variation], samples: u32) -> (Option<String>, Vec<Trial>) {
    let hints = Hints::from_path(&r.path);
    let original = r.doc.as_ref().map(|d| read_report(d, &hints));
    let why = excluded(r, original.as_ref(), &hints);
    let mut trials = Vec::new();
    for v in classes {
        for sample in 0..samples {
            let mut trial = Trial {
                path: r.truth.path.clone(),
                class: v.name,
                sample,
                outcome: Outcome::NotApplicable,
                wrong_under_flag: false,
                diffs: Vec::new(),
                flags: Vec::new(),
                millis: 0,
                changed: Vec::new(),
            };
            if let (None, Some(doc), Some(original)) = (&why, &r.doc, &original) {
                let subject = Subject {
                    doc,
                    urn: &r.truth.urn,
                    la_name: &r.truth.la_name,
                    inspection_start: &r.truth.inspection_start,
                };
                let mut rng = Rng::for_report(&r.truth.sha256, v.class, sample);
                if let Some(variant) = (v.apply)(&subject, &mut rng) {
                    let started = std::time::Instant::now();
                    let read = read_report(&variant, &hints);
                    let millis = started.elapsed().as_millis() as u64;
                    let (outcome, wuf, diffs, flags) = judge(original, &read, &r.truth, &hints);
                    let changed = if outcome == Outcome::Right { Vec::new() } else { changes(doc, &variant) };
                    trial = Trial { outcome, wrong_under_flag: wuf, diffs, flags, millis, changed, ..trial };
                }
            }
            trials.push(trial);
        }
    }
    (why, trials)
}

/// Counts for one class.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Tally {
    pub class: &'static str,
    pub applicable: usize,
    pub right: usize,
    pub flagged: usize,
    pub wrong: usize,
    pub wrong_under_flag: usize,
    pub not_applicable: usize,
    /// The extractor's slowest read of a variant of this class.
    pub slowest_ms: u64,
}

impl Tally {
    pub fn right_share(&self) -> f64 {
        if self.applicable == 0 {
            1.0
        } else {
            self.right as f64 / self.applicable as f64
        }
    }
}

/// The whole run: per-class tallies, every trial, and the reports left out.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Run {
    pub reports: usize,
    pub excluded: Vec<(String, String)>,
    pub tallies: Vec<Tally>,
    pub trials: Vec<Trial>,
}

/// Run the chosen classes over every report, in parallel.
pub fn run(reports: &[Report], classes: &[&'static Variation], samples: u32) -> Run {
    let results: Vec<(Option<String>, Vec<Trial>)> =
        crate::parallel::map(reports, |r| run_report(r, classes, samples));
    let mut tallies: Vec<Tally> = classes.iter().map(|v| Tally { class: v.name, ..Default::default() }).collect();
    let mut excluded = Vec::new();
    let mut trials = Vec::new();
    for (r, (why, ts)) in reports.iter().zip(results) {
        if let Some(why) = why {
            excluded.push((r.truth.path.clone(), why));
        }
        for t in ts {
            if let Some(tally) = tallies.iter_mut().find(|x| x.class == t.class) {
                match t.outcome {
                    Outcome::NotApplicable => tally.not_applicable += 1,
                    Outcome::Right => tally.right += 1,
                    Outcome::Flagged => tally.flagged += 1,
                    Outcome::Wrong => tally.wrong += 1,
                }
                if t.outcome != Outcome::NotApplicable {
                    tally.applicable += 1;
                }
                if t.wrong_under_flag {
                    tally.wrong_under_flag += 1;
                }
                tally.slowest_ms = tally.slowest_ms.max(t.millis);
            }
            trials.push(t);
        }
    }
    Run { reports: reports.len(), excluded, tallies, trials }
}

/// The table, one line per class.
pub fn table(run: &Run) -> String {
    let mut s = format!(
        "{} reports; {} left out of scoring (original reading not right, or not a report)\n",
        run.reports,
        run.excluded.len()
    );
    s.push_str(&format!(
        "{:<22} {:>10} {:>6} {:>8} {:>6} {:>16} {:>8} {:>12}\n",
        "class", "applicable", "right", "flagged", "wrong", "wrong_under_flag", "right %", "slowest read"
    ));
    for t in &run.tallies {
        s.push_str(&format!(
            "{:<22} {:>10} {:>6} {:>8} {:>6} {:>16} {:>7.1}% {:>10}ms\n",
            t.class,
            t.applicable,
            t.right,
            t.flagged,
            t.wrong,
            t.wrong_under_flag,
            100.0 * t.right_share(),
            t.slowest_ms
        ));
    }
    s
}

/// Every class of the table.
pub fn all_classes() -> Vec<&'static Variation> {
    VARIATIONS.iter().collect()
}

/// A class by name.
pub fn class_named(name: &str) -> Option<&'static Variation> {
    VARIATIONS.iter().find(|v| v.name == name)
}
