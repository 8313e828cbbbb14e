//! What the extractor reads from one report of each kind, as JSON snapshots (insta): a change
//! in any field, doubt or provenance text shows up as a reviewable diff.

use lacs_extract::{extract, Hints};
use std::path::Path;

fn read(relative: &str) -> Option<lacs_domain::ReadReport> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus").join(relative);
    if !path.exists() {
        eprintln!("\n*** SKIPPED: {} not found (../shared absent?) ***\n", path.display());
        return None;
    }
    let bytes = std::fs::read(&path).expect("read corpus file");
    Some(extract(&bytes, &Hints::from_path(&path)).expect("readable report"))
}

macro_rules! snapshot {
    ($name:ident, $path:literal) => {
        #[test]
        fn $name() {
            if let Some(mut report) = read($path) {
                // Findings are long report text: the snapshot keeps where each item is and how
                // it starts (`word_for_word` tests check whole items against the PDF text).
                for f in &mut report.findings {
                    f.text = f.text.chars().take(60).collect();
                }
                // Pages likewise: how each begins.
                for page in &mut report.pages {
                    *page = page.chars().take(60).collect();
                }
                insta::assert_json_snapshot!(report);
            }
        }
    };
}

snapshot!(sif_2014_overall_sentence_and_wrapped_grades, "80426_barnsley/children's services inspection - 08 august 2014.pdf");
snapshot!(ilacs_2023_short_with_care_leavers, "80426_barnsley/children's services inspection - 27 october 2023.pdf");
snapshot!(sif_reinspection_untitled_three_line_grades, "80458_darlington/children's services inspection - 21 may 2018.pdf");
snapshot!(stand_alone_lscb_review, "80567_surrey/children's services inspection - 03 august 2015.pdf");
snapshot!(lac_2013_history_only, "80418_norfolk/children's services inspection,  pdf - 16 august 2013.pdf");
snapshot!(ilacs_split_visits_short, "80557_south tyneside/children's services inspection - 10 may 2023.pdf");
