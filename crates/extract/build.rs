//! The reading rules' fingerprint: a hash of the sources that decide what a report reads as
//! (this crate, the PDF text layer, the domain's vocabularies and rules, the LA reference). A
//! stored reading records it, so `lacs reread` knows which readings older rules made, without
//! anyone having to remember to bump a number.

use std::path::{Path, PathBuf};

/// Folders, relative to this crate, whose every file feeds a reading. Missing ones (a crate
/// built outside the workspace) are left out.
const READING_SOURCES: [&str; 5] = ["src", "../pdftext/src", "../domain/src", "../authorities/src", "../authorities/data"];

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut files = Vec::new();
    for dir in READING_SOURCES {
        let dir = root.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        collect(&dir, &mut files);
    }
    files.sort();
    // FNV-1a, 64 bits: stable across Rust releases, unlike `DefaultHasher`.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for file in &files {
        let relative = file.strip_prefix(&root).unwrap_or(file);
        feed(relative.to_string_lossy().as_bytes());
        feed(&std::fs::read(file).unwrap_or_default());
    }
    println!("cargo:rustc-env=LACS_READING_RULES_FINGERPRINT={hash:016x}");
}

/// Every file under `dir`, snapshots of tests aside.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "snapshots") {
                collect(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}
