//! Print what the extractor reads from a PDF, as JSON: `cargo run -p lacs-extract --example read FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read FILE");
        std::process::exit(2);
    };
    let path = std::path::PathBuf::from(path);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match lacs_extract::extract(&bytes, &lacs_extract::Hints::from_path(&path)) {
        Ok(r) => println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default()),
        Err(e) => eprintln!("{}: {e}", path.display()),
    }
}
