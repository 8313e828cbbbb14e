//! PDF bytes in, positioned words and reading-order text out, page by page.
//!
//! **Architecture Invariant:** this is the only crate that knows a PDF library
//! (`pdf-extract`, over `lopdf`). Nothing here knows what an Ofsted report is.
//!
//! Words keep their x range and baseline so that callers can read two-column tables by
//! position; [`Page::text`] gives the content-stream reading order, in which a table label is
//! followed by its grade. The PDF library has `unwrap`s on malformed input: [`read`] turns a
//! panic into [`PdfError::Malformed`]. Stack overflows, runaway memory and endless loops
//! cannot be caught in-process; the ingest crate runs this in a bounded worker process. A
//! decompression bomb is refused before it inflates ([`PdfError::Inflates`], `inflate.rs`).

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use serde::{Deserialize, Serialize};

mod inflate;
pub use inflate::{MAX_DOCUMENT_BYTES, MAX_STREAM_BYTES};

/// Why a file could not be read as a PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("empty file (0 bytes)")]
    Empty,
    #[error("an HTML page saved with a .pdf name, not a PDF")]
    Html,
    #[error("not a PDF (no %PDF- header in the first 1024 bytes)")]
    NotPdf,
    #[error("truncated PDF: no %%EOF marker at the end (an incomplete download?)")]
    Truncated,
    #[error("encrypted PDF that needs a password")]
    Encrypted,
    #[error("damaged PDF: {0}")]
    Malformed(String),
    #[error("no readable pages (the page tree is damaged or cyclic)")]
    NoPages,
    /// Refused before the PDF library inflates it: see [`MAX_STREAM_BYTES`].
    #[error("{what} inflates to more than {limit_mb} MB (a decompression bomb?)")]
    Inflates { what: &'static str, limit_mb: u64 },
}

/// One word: characters with no gap between them, on one baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Word {
    pub text: String,
    /// Left and right edges, in points from the page's left edge.
    pub x0: f32,
    pub x1: f32,
    /// Baseline, in points from the page's top edge.
    pub y: f32,
    pub size: f32,
}

/// Words that follow one another in the content stream on one baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub words: Vec<Word>,
}

impl Line {
    pub fn y(&self) -> f32 {
        self.words.first().map_or(0.0, |w| w.y)
    }
    pub fn x0(&self) -> f32 {
        self.words.first().map_or(0.0, |w| w.x0)
    }
    pub fn text(&self) -> String {
        join_words(&self.words)
    }
}

/// Words joined by single spaces.
pub fn join_words<'a>(words: impl IntoIterator<Item = &'a Word>) -> String {
    let mut s = String::new();
    for w in words {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&w.text);
    }
    s
}

/// One page: lines in content-stream order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// 1-based.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub lines: Vec<Line>,
}

impl Page {
    /// The page's text in reading order, one line per [`Line`].
    pub fn text(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            s.push_str(&l.text());
            s.push('\n');
        }
        s
    }

    /// All words on the page, in reading order.
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.lines.iter().flat_map(|l| l.words.iter())
    }
}

/// A read document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub pages: Vec<Page>,
}

/// Classify the first bytes of a file: `Ok` when it looks like a PDF.
pub fn sniff(bytes: &[u8]) -> Result<(), PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::Empty);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(());
    }
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    if lower.contains("<!doctype html") || lower.contains("<html") {
        Err(PdfError::Html)
    } else {
        Err(PdfError::NotPdf)
    }
}

/// Check a PDF is complete: its last kilobytes hold the `%%EOF` marker. A download cut short
/// fails this before any parsing.
pub fn check_complete(bytes: &[u8]) -> Result<(), PdfError> {
    sniff(bytes)?;
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if tail.windows(5).any(|w| w == b"%%EOF") {
        Ok(())
    } else {
        Err(PdfError::Truncated)
    }
}

/// Read every page of a PDF held in memory.
pub fn read(bytes: &[u8]) -> Result<Document, PdfError> {
    check_complete(bytes)?;
    // The PDF library unwraps on some malformed input; contain that here.
    let outcome = std::panic::catch_unwind(|| read_unchecked(bytes));
    match outcome {
        Ok(r) => r,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the PDF library panicked".into());
            Err(PdfError::Malformed(format!("unreadable structure ({msg})")))
        }
    }
}

fn read_unchecked(bytes: &[u8]) -> Result<Document, PdfError> {
    let mut doc = inflate::load(bytes)?;
    // The loader decrypts documents with an empty user password and drops /Encrypt from the
    // trailer; one still there needs a password we don't have.
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Err(PdfError::Encrypted);
    }
    if doc.get_pages().is_empty() {
        return Err(PdfError::NoPages);
    }
    break_parent_loops(&mut doc);
    let mut dev = Collector::default();
    pdf_extract::output_doc(&doc, &mut dev).map_err(|e| match e {
        OutputError::PdfError(e) => malformed(&e),
        other => PdfError::Malformed(other.to_string()),
    })?;
    dev.finish_page();
    Ok(Document { pages: dev.pages })
}

/// The PDF library looks a page's inherited attributes (resources, media box) up its /Parent
/// chain with no bound, so a chain that loops (a page its own parent) would never end. The
/// /Parent link that closes a loop is dropped: the page reads with what it and the nodes
/// before the loop hold.
fn break_parent_loops(doc: &mut pdf_extract::Document) {
    for page in doc.get_pages().into_values() {
        let mut seen = std::collections::HashSet::from([page]);
        let mut node = page;
        while let Some(parent) = parent_of(doc, node) {
            if !seen.insert(parent) {
                if let Ok(dict) = doc.get_dictionary_mut(node) {
                    dict.remove(b"Parent");
                }
                break;
            }
            node = parent;
        }
    }
}

fn parent_of(doc: &pdf_extract::Document, node: pdf_extract::ObjectId) -> Option<pdf_extract::ObjectId> {
    doc.get_dictionary(node).ok()?.get(b"Parent").ok()?.as_reference().ok()
}

pub(crate) fn malformed(e: &pdf_extract::Error) -> PdfError {
    let text = e.to_string();
    if text.to_ascii_lowercase().contains("decrypt") || text.to_ascii_lowercase().contains("password") {
        PdfError::Encrypted
    } else {
        PdfError::Malformed(text)
    }
}

/// Builds words and lines from the characters the PDF library reports, with the same spacing
/// rules as pdf-extract's plain-text output (a gap over a tenth of the font size is a space;
/// a move of over half the font size vertically is a new line).
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    current: Option<Page>,
    flip_y: f64,
    /// Right edge and baseline of the last character, when the next one may continue it.
    last: Option<(f64, f64)>,
    /// Set at the start of each text-showing operation: only there can a gap or a move
    /// start a new word (inside one string, spaces are real space characters).
    first_char: bool,
    word: Option<Word>,
}

impl Collector {
    fn finish_word(&mut self) {
        let Some(word) = self.word.take() else { return };
        let Some(page) = self.current.as_mut() else { return };
        let text = word.text.trim();
        if text.is_empty() {
            return;
        }
        let word = Word { text: text.to_string(), ..word };
        match page.lines.last_mut() {
            Some(line) if (line.y() - word.y).abs() <= word.size * 0.5 && !line.words.is_empty() => {
                line.words.push(word)
            }
            _ => page.lines.push(Line { words: vec![word] }),
        }
    }

    fn finish_page(&mut self) {
        self.finish_word();
        if let Some(p) = self.current.take() {
            self.pages.push(p);
        }
    }
}

/// Text as [`read`] gives it: [`normalise_char`] applied to every character. For callers that
/// build or change words themselves.
pub fn normalise_text(text: &str) -> String {
    text.chars().filter_map(normalise_char).collect()
}

/// Text normalisation applied to every character: typographic quotes to ASCII, non-breaking
/// and other spaces to a space, soft hyphens dropped.
fn normalise_char(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => Some('\''),
        '\u{201C}' | '\u{201D}' => Some('"'),
        '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\t' | '\r' | '\n' => Some(' '),
        '\u{2010}' | '\u{2011}' => Some('-'),
        '\u{00AD}' | '\u{200B}' | '\u{FEFF}' | '\0' => None,
        c => Some(c),
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.finish_page();
        self.flip_y = media_box.ury - media_box.lly;
        self.last = None;
        self.current = Some(Page {
            number: page_num,
            width: (media_box.urx - media_box.llx) as f32,
            height: self.flip_y as f32,
            lines: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.finish_word();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let x = trm.m31;
        let y = self.flip_y - trm.m32;
        // Scale of the font in device space: the side of the square with the area of the
        // transformed (size, size) vector, as pdf-extract computes it.
        let sx = font_size * trm.m11 + font_size * trm.m21;
        let sy = font_size * trm.m12 + font_size * trm.m22;
        let size = (sx * sy).abs().sqrt().max(0.1);
        let starts_word = match self.last {
            None => true,
            Some(_) if !std::mem::take(&mut self.first_char) => false,
            Some((last_end, last_y)) => {
                (y - last_y).abs() > size * 0.5 || x > last_end + size * 0.1 || x < last_end - size
            }
        };
        if starts_word {
            self.finish_word();
        }
        let end = x + width * size;
        self.last = Some((end, y));
        for c in text.chars().filter_map(normalise_char) {
            if c == ' ' {
                self.finish_word();
                continue;
            }
            let word = self.word.get_or_insert_with(|| Word {
                text: String::new(),
                x0: x as f32,
                x1: x as f32,
                y: y as f32,
                size: size as f32,
            });
            word.text.push(c);
            word.x1 = end as f32;
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.first_char = true;
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_names_what_the_file_is() {
        assert!(matches!(sniff(b""), Err(PdfError::Empty)));
        assert!(matches!(sniff(b"<!DOCTYPE html><html>"), Err(PdfError::Html)));
        assert!(matches!(sniff(b"\x00\x01garbage"), Err(PdfError::NotPdf)));
        assert!(sniff(b"%PDF-1.7\n").is_ok());
    }

    #[test]
    fn truncated_pdf_is_named_as_such() {
        let r = read(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R");
        assert!(matches!(r, Err(PdfError::Truncated)), "{r:?}");
    }

    #[test]
    fn damaged_pdf_is_an_error_not_a_panic() {
        let r = read(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n%%EOF\n");
        assert!(matches!(r, Err(PdfError::Malformed(_) | PdfError::NoPages)), "{r:?}");
    }
}
