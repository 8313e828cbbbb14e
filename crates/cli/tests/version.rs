//! `lacs --version` names the release and the reading rules, so a register's readings can be
//! matched to the lacs that made them.

#[test]
fn version_names_the_release_and_the_reading_rules() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_lacs")).arg("--version").output().expect("run lacs");
    assert!(o.status.success());
    let printed = String::from_utf8_lossy(&o.stdout);
    let expected = format!("lacs {} (reading rules {})\n", env!("CARGO_PKG_VERSION"), lacs_ingest::READING_RULES);
    assert_eq!(printed, expected);
    assert!(lacs_ingest::READING_RULES.starts_with(env!("CARGO_PKG_VERSION")), "the rules name their crate's version");
}
