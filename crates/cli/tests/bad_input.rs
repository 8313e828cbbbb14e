//! Hostile and broken files: each gets one clear line naming the file and the reason, the
//! rest of the batch is stored, the run exits 1, and nothing panics or hangs.

mod common;
use common::*;
use lacs_testkit::pdf::{one_page, pdf, stream};
use std::io::Write;
use std::path::Path;

/// A page whose content stream inflates to `mib` MiB.
fn bomb(mib: usize) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..mib {
        enc.write_all(&chunk).unwrap();
    }
    pdf(&one_page(stream("/Filter /FlateDecode", &enc.finish().unwrap())), "")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// Writes the hostile files into `batch` (also used by `bench/bad_input_memory.sh`, through
/// `write_bad_input_batch`), and the real report when the corpus is there; returns whether it is.
fn write_batch(batch: &Path) -> bool {
    write(batch, "empty.pdf", b"");
    let mut seed = 0x2545F4914F6CDD1Du64;
    let random: Vec<u8> = (0..50_000)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect();
    write(batch, "random.pdf", &random);
    write(batch, "html.pdf", b"<!DOCTYPE html><html><head><title>Report not found</title></head></html>");
    let good = pdf(&one_page(stream("", b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET")), "");
    write(batch, "truncated.pdf", &good[..good.len() / 2]);
    write(
        batch,
        "encrypted.pdf",
        &pdf(
            &one_page(stream("", b"BT ET")),
            "/Encrypt << /Filter /Standard /V 1 /R 2 /P -4 /O <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef> /U <fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210> >> /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
        ),
    );
    // Arrays nested a million deep in the page's content stream.
    let depth = 1_000_000;
    let content = format!("BT {}{} TJ ET", "[".repeat(depth), "]".repeat(depth));
    write(batch, "nested.pdf", &pdf(&one_page(stream("", content.as_bytes())), ""));
    // A page tree whose node is its own kid.
    let cyclic_tree = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>".to_vec(),
    ];
    write(batch, "cyclic_tree.pdf", &pdf(&cyclic_tree, ""));
    // A page with no MediaBox whose parent is itself: looking up the inherited box loops.
    let cyclic_parent = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>".to_vec(),
        stream("", b"BT ET"),
    ];
    write(batch, "cyclic_parent.pdf", &pdf(&cyclic_parent, ""));
    write(batch, "bomb.pdf", &bomb(600));

    // And one real report, which must be stored despite its neighbours.
    let real = corpus().map(|c| c.join("80426_barnsley/children's services inspection - 27 october 2023.pdf"));
    if let Some(real) = &real {
        std::fs::copy(real, batch.join("report - 27 october 2023.pdf")).unwrap();
    }
    real.is_some()
}

/// Not a test: writes the batch to `$LACS_BAD_INPUT_DIR` for the memory benchmark.
#[test]
#[ignore]
fn write_bad_input_batch() {
    let dir = std::env::var_os("LACS_BAD_INPUT_DIR").expect("set LACS_BAD_INPUT_DIR");
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    write_batch(dir);
}

#[test]
fn every_kind_of_bad_file_fails_alone_and_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("batch");
    std::fs::create_dir(&batch).unwrap();
    let real = write_batch(&batch);

    let db = dir.path().join("r.db");
    let start = std::time::Instant::now();
    let o = run(&db, &["ingest", batch.to_str().unwrap(), "--timeout", "20", "--max-memory-mb", "256", "--json"]);
    let elapsed = start.elapsed();
    let err = stderr(&o);
    println!("{err}\n{}", stdout(&o));
    assert_eq!(o.status.code(), Some(1), "a batch with failures exits 1");
    assert!(!err.contains("panicked"), "{err}");
    assert!(elapsed.as_secs() < 120, "hostile files were not bounded in time: {elapsed:?}");

    let expect = [
        ("empty.pdf", "empty file"),
        ("random.pdf", "not a PDF"),
        ("html.pdf", "HTML page"),
        ("truncated.pdf", "truncated"),
        ("encrypted.pdf", "encrypted"),
        ("nested.pdf", ""),
        ("cyclic_tree.pdf", "cyclic"),
        ("cyclic_parent.pdf", ""),
        // Refused from the size it inflates to, long before the memory limit.
        ("bomb.pdf", "inflates to more than"),
    ];
    for (name, reason) in expect {
        let lines: Vec<&str> = err.lines().filter(|l| l.contains(&format!("/{name}:"))).collect();
        assert_eq!(lines.len(), 1, "{name}: want one line, got {lines:?}");
        assert!(lines[0].contains(reason), "{name}: {:?} does not say {reason:?}", lines[0]);
        assert!(lines[0].contains("failed:") || lines[0].contains("refused:"), "{:?}", lines[0]);
    }
    let summary: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(summary["failed"].as_u64().unwrap() + summary["refused"].as_u64().unwrap(), 9);
    if real {
        assert_eq!(summary["stored"], 1, "the real report in the batch is stored");
        let o = run(&db, &["export", "inspections", "--format", "json"]);
        let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let stored: Vec<&str> = rows.as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
        assert_eq!(stored, ["not_a_report", "ilacs_short"], "html page kept as refused, and the real report");
    }
}

#[test]
fn a_missing_path_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&dir.path().join("r.db"), &["ingest", "/no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/no/such/folder: no such file or folder"), "{}", stderr(&o));
}

#[test]
fn read_only_commands_need_a_register() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&dir.path().join("none.db"), &["export", "inspections"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("none.db: no register there yet"), "{}", stderr(&o));
}
