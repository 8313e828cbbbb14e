//! The largest inflated streams in a set of PDFs, to choose the inflation limits with
//! headroom (`MAX_STREAM_BYTES`): for each file its largest stream that pdf-extract inflates
//! (images aside), its largest page content, and its streams' total.
//!
//! usage: cargo run --release -p lacs-pdftext --example stream_sizes -- FILE.pdf...

use pdf_extract::{Document, Object};

fn main() {
    let mut worst = (0usize, 0usize, 0usize, String::new(), String::new(), String::new());
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let Ok(doc) = Document::load_mem(&bytes) else { continue };
        let (mut largest, mut total) = (0, 0);
        for object in doc.objects.values() {
            let Object::Stream(s) = object else { continue };
            if matches!(s.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Image") {
                continue;
            }
            let n = s.decompressed_content().map_or(s.content.len(), |c| c.len());
            largest = largest.max(n);
            total += n;
        }
        let page = doc.page_iter().map(|p| doc.get_page_content(p).map_or(0, |c| c.len())).max().unwrap_or(0);
        println!("{largest}\t{page}\t{total}\t{path}");
        if largest > worst.0 {
            (worst.0, worst.3) = (largest, path.clone());
        }
        if page > worst.1 {
            (worst.1, worst.4) = (page, path.clone());
        }
        if total > worst.2 {
            (worst.2, worst.5) = (total, path.clone());
        }
    }
    eprintln!("largest stream: {} bytes ({})", worst.0, worst.3);
    eprintln!("largest page content: {} bytes ({})", worst.1, worst.4);
    eprintln!("largest total: {} bytes ({})", worst.2, worst.5);
}
