//! pdf-extract's own plain-text output, for comparing speed with `dump`: `plain FILE`.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap_or_default();
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap_or_default();
    println!("{}", text.len());
}
