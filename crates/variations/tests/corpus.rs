//! Every variation class over every corpus report: the extractor must never read a variant
//! wrong without flagging it, and must read most of them right. Prints the table.
//! Skips loudly when `../shared/corpus` is absent, and fails instead when `CI=true`.

use lacs_variations::{corpus, score};

/// The share of applicable variants each class must read right (not merely flag). A label
/// with a word dropped is read only where a body heading confirms its grade, and a two-word
/// label ("Overall effectiveness") missing one is rightly a doubt: that class reads about
/// 75% right and flags the rest, so the floor sits below it.
const RIGHT_AT_LEAST: f64 = 0.70;

#[test]
fn every_variation_class_reads_right_or_flags() {
    let dir = corpus::default_corpus();
    if !dir.join("truth.csv").exists() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("the corpus is missing under CI: {}", dir.display());
        }
        eprintln!("\n*** SKIPPED: {} not found; the variation suite did not run ***\n", dir.display());
        return;
    }
    let started = std::time::Instant::now();
    let reports = corpus::load(&dir).expect("corpus");
    let run = score::run(&reports, &score::all_classes(), 1);
    for t in run.trials.iter().filter(|t| t.outcome == score::Outcome::Wrong) {
        let diffs: Vec<String> = t.diffs.iter().map(ToString::to_string).collect();
        println!("wrong: {} [{}]: {}", t.class, t.path, diffs.join("; "));
        for c in &t.changed {
            println!("    varied: {c}");
        }
    }
    println!("{}", score::table(&run));
    println!("({:.0}s)", started.elapsed().as_secs_f64());
    let mut failures = Vec::new();
    for t in &run.tallies {
        if t.wrong > 0 {
            failures.push(format!("{}: {} read wrong without a flag", t.class, t.wrong));
        }
        if t.right_share() < RIGHT_AT_LEAST {
            failures.push(format!(
                "{}: {:.1}% read right, under {:.0}%",
                t.class,
                100.0 * t.right_share(),
                100.0 * RIGHT_AT_LEAST
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
