//! The whole reader: bytes → pages of words → a read report. Any panic outside the PDF
//! library, a stack overflow, a hang or runaway memory is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;
use std::panic::{catch_unwind, set_hook, AssertUnwindSafe};

thread_local! {
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

fuzz_target!(
    init: {
        // libfuzzer-sys's hook aborts on every panic, even one `lacs_pdftext::read` catches:
        // the PDF library's panics are handled there (as `PdfError::Malformed`), so they must
        // not count. This hook only remembers the message, for a panic that escapes below.
        set_hook(Box::new(|info| LAST_PANIC.with(|p| *p.borrow_mut() = info.to_string())));
    },
    |data: &[u8]| {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if let Ok(doc) = lacs_pdftext::read(data) {
                let _ = lacs_extract::read_report(&doc, &lacs_extract::Hints::default());
            }
        }));
        if outcome.is_err() {
            LAST_PANIC.with(|p| eprintln!("panic outside the PDF library: {}", p.borrow()));
            std::process::abort();
        }
    }
);
