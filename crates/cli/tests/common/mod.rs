//! Helpers for the CLI tests: run the real `lacs` binary against a register in a temp dir.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

// Not every test binary uses both.
#[allow(unused_imports)]
pub use lacs_testkit::shared::{corpus, under_ci};

pub fn lacs(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lacs"));
    c.arg("--db").arg(db).env_remove("LACS_DB");
    c
}

pub fn run(db: &Path, args: &[&str]) -> Output {
    lacs(db).args(args).output().expect("run lacs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}
