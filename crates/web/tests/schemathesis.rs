//! schemathesis against the API: the server runs in process on an ephemeral port over the
//! small test register, and schemathesis (PyPI) tests every operation of
//! `/api/v1/openapi.json` with all its checks: responses match the document, valid requests
//! are answered, and requests the document forbids are refused.
//!
//! The executable is `$LACS_SCHEMATHESIS`, else `schemathesis` on `PATH`. Without it the test
//! prints a loud SKIPPED, and fails under `CI=true`.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

/// Examples per operation and phase: enough to find refused valid values and accepted
/// invalid ones, and a run of a minute or two.
const MAX_EXAMPLES: &str = "30";

fn schemathesis() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LACS_SCHEMATHESIS") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join("schemathesis")).find(|p| p.is_file())
}

#[test]
fn schemathesis_finds_no_failure() {
    let Some(exe) = schemathesis() else {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!ci, "schemathesis not found (set LACS_SCHEMATHESIS or put it on PATH): CI runs it");
        eprintln!("SKIPPED schemathesis_finds_no_failure: schemathesis not found (pip install schemathesis; LACS_SCHEMATHESIS or PATH)");
        return;
    };
    // A register file, so that search (which reads the file) answers too.
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("register.db");
    {
        let mut store = lacs_store::Store::open(&db).expect("register");
        common::fill(&mut store);
    }
    let opts = lacs_web::ServeOptions { addr: "127.0.0.1:0".parse().expect("address"), db, reference_dir: None, version: None };
    let state = lacs_web::load_state(&opts, lacs_web::ops::new_metrics()).expect("state").with_today(common::TODAY);

    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("listen");
    let port = listener.local_addr().expect("address").port();
    rt.spawn(async move { axum::serve(listener, lacs_web::app(state)).await });

    let url = format!("http://127.0.0.1:{port}/api/v1/openapi.json");
    let out = Command::new(&exe)
        .arg("--config-file")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schemathesis.toml"))
        .args(["run", &url, "--checks", "all", "--max-examples", MAX_EXAMPLES, "--workers", "2", "--request-timeout", "20"])
        .args(["--generation-database", "none", "--seed", "1"])
        .arg("--no-color")
        // schemathesis keeps its own files in the working directory: the temporary one.
        .current_dir(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    rt.shutdown_timeout(Duration::from_secs(1));
    assert!(out.status.success(), "schemathesis found failures:\n{stdout}\n{stderr}");
    eprintln!("{stdout}");
}
