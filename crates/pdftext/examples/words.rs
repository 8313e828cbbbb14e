//! Print a PDF's pages as read: `cargo run -p lacs-pdftext --example words FILE [--positions]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: words FILE [--positions]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc = lacs_pdftext::read(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    let positions = args.iter().any(|a| a == "--positions");
    for p in &doc.pages {
        println!("=== page {} ({}x{})", p.number, p.width, p.height);
        for l in &p.lines {
            if positions {
                let ws: Vec<String> =
                    l.words.iter().map(|w| format!("{}@{:.0}-{:.0}", w.text, w.x0, w.x1)).collect();
                println!("[y={:.1} size={:.1}] {}", l.y(), l.words[0].size, ws.join(" "));
            } else {
                println!("{}", l.text());
            }
        }
    }
}
