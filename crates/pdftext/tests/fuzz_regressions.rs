//! Hostile inputs for the PDF reader: those the fuzzer (`fuzz/`, target `pdf_extract`) found
//! to crash, hang or blow up memory, minimised, and hand-made ones it would take long to find
//! (`*bomb*`: a few kB that inflate to gigabytes, which must be refused by name). Each must
//! give pages or a clean `PdfError`, quickly. CI also runs the fuzz target from these.

use std::time::{Duration, Instant};

#[test]
fn every_hostile_input_reads_or_fails_cleanly() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    files.sort();
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let start = Instant::now();
        let outcome = lacs_pdftext::read(&bytes);
        let name = path.file_name().unwrap().to_string_lossy();
        println!("{name}: {:?}", outcome.as_ref().map(|d| d.pages.len()));
        assert!(start.elapsed() < Duration::from_secs(20), "{name}: took {:?}", start.elapsed());
        if name.contains("bomb") {
            assert!(matches!(outcome, Err(lacs_pdftext::PdfError::Inflates { .. })), "{name}: {outcome:?}");
        }
    }
}
