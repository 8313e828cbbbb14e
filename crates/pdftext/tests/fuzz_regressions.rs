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
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // Read on a thread of its own, so that a hang fails the test rather than stalling it.
        let (sender, receiver) = std::sync::mpsc::channel();
        let start = Instant::now();
        std::thread::spawn(move || sender.send(lacs_pdftext::read(&bytes)));
        let outcome = receiver
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("{name}: no answer within 20 s"));
        println!("{name}: {:?} in {:?}", outcome.as_ref().map(|d| d.pages.len()), start.elapsed());
        if name.contains("own_parent") {
            // A page whose /Parent is itself: the loop is broken and the page read.
            assert_eq!(outcome.as_ref().map(|d| d.pages.len()).ok(), Some(1), "{name}: {outcome:?}");
        }
        if name.contains("bomb") {
            assert!(matches!(outcome, Err(lacs_pdftext::PdfError::Inflates { .. })), "{name}: {outcome:?}");
        }
    }
}
