//! Decompression bombs are refused from the size a stream inflates to, measured with bounded
//! decoders before the PDF library inflates it without bound.
//!
//! lopdf inflates object streams while loading and pdf-extract inflates content streams,
//! fonts and forms while reading, each into one `Vec` with no limit. So: xref streams (read
//! before any object) are measured in the raw bytes; every other stream is measured by a load
//! filter as lopdf parses it, before it expands an object stream; whatever the filter did not
//! see (an encrypted document's objects) after loading; and each page's content, which
//! pdf-extract concatenates from all its streams (one stream may be listed many times).
//! Image streams are skipped: pdf-extract never inflates them.

use std::cell::RefCell;
use std::collections::HashMap;

use flate2::{Decompress, FlushDecompress, Status};
use pdf_extract::{Dictionary, Object, ObjectId, Stream};

use crate::PdfError;

/// Most one stream, or one page's content, may inflate to. In the report corpus the largest
/// stream pdf-extract inflates is 0.33 MB, the largest page content 0.10 MB and the largest
/// document's streams together 2.5 MB (`examples/stream_sizes.rs`): a hundredfold headroom,
/// while a worker holding one such stream twice over (decoded, then copied into the page's
/// content) stays well inside the ingest memory target.
pub const MAX_STREAM_BYTES: u64 = 32 << 20;
/// Most all of a document's streams together may inflate to (each counted once).
pub const MAX_DOCUMENT_BYTES: u64 = 128 << 20;

const MB: u64 = 1 << 20;

fn too_large(what: &'static str, limit: u64) -> PdfError {
    PdfError::Inflates { what, limit_mb: limit / MB }
}

/// What the load filter has measured in the document being loaded on this thread.
#[derive(Default)]
struct Budget {
    sizes: HashMap<ObjectId, u64>,
    total: u64,
    refused: Option<PdfError>,
}

impl Budget {
    fn measure(&mut self, id: ObjectId, stream: &Stream) -> Result<(), PdfError> {
        if self.sizes.contains_key(&id) || is_image(stream) {
            return Ok(());
        }
        let size = inflated_size(stream, MAX_STREAM_BYTES).ok_or_else(|| too_large("a stream", MAX_STREAM_BYTES))?;
        self.sizes.insert(id, size);
        self.total += size;
        if self.total > MAX_DOCUMENT_BYTES {
            return Err(too_large("the document's streams together", MAX_DOCUMENT_BYTES));
        }
        Ok(())
    }
}

thread_local! {
    // The load filter is a plain `fn`: it keeps its tally here. lopdf is built without its
    // rayon feature, so the filter runs on the thread that called the loader.
    static LOADING: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

/// Ends the tally when loading ends, also by a panic.
struct Loading;
impl Drop for Loading {
    fn drop(&mut self) {
        LOADING.with(|b| b.borrow_mut().take());
    }
}

fn load_filter(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    let keep = LOADING.with(|b| {
        let mut b = b.borrow_mut();
        let Some(budget) = b.as_mut() else { return true };
        if budget.refused.is_some() {
            return false;
        }
        if let Object::Stream(stream) = object {
            if let Err(e) = budget.measure(id, stream) {
                budget.refused = Some(e);
                return false;
            }
        }
        true
    });
    if !keep {
        return None;
    }
    // lopdf keeps the object it passed in at the top level and the returned one for objects
    // inside an object stream, which are never streams: a stream need not be copied.
    match object {
        Object::Stream(_) => Some((id, Object::Null)),
        other => Some((id, other.clone())),
    }
}

/// Load a document, refusing one whose streams inflate past the limits.
pub(crate) fn load(bytes: &[u8]) -> Result<pdf_extract::Document, PdfError> {
    check_xref_streams(bytes)?;
    let _end = Loading;
    LOADING.with(|b| *b.borrow_mut() = Some(Budget::default()));
    let options = pdf_extract::LoadOptions { filter: Some(load_filter), ..Default::default() };
    let loaded = pdf_extract::Document::load_mem_with_options(bytes, options);
    let mut budget = LOADING.with(|b| b.borrow_mut().take()).unwrap_or_default();
    if let Some(e) = budget.refused.take() {
        return Err(e);
    }
    let doc = loaded.map_err(|e| crate::malformed(&e))?;
    for (&id, object) in &doc.objects {
        if let Object::Stream(stream) = object {
            budget.measure(id, stream)?;
        }
    }
    for page in doc.page_iter() {
        let mut content = 0u64;
        for id in doc.get_page_contents(page) {
            let size = match budget.sizes.get(&id) {
                Some(&size) => size,
                // An image listed as page content is inflated after all.
                None => match doc.get_object(id).and_then(Object::as_stream) {
                    Ok(stream) => inflated_size(stream, MAX_STREAM_BYTES)
                        .ok_or_else(|| too_large("a stream", MAX_STREAM_BYTES))?,
                    Err(_) => 0,
                },
            };
            content += size + 1;
            if content > MAX_STREAM_BYTES {
                return Err(too_large("one page's content", MAX_STREAM_BYTES));
            }
        }
    }
    Ok(doc)
}

fn is_image(stream: &Stream) -> bool {
    matches!(stream.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Image")
}

/// Cross-reference streams are inflated while the file's structure is read, before any
/// object: find each in the raw bytes (`/XRef` then `stream`) and measure its inflation.
fn check_xref_streams(bytes: &[u8]) -> Result<(), PdfError> {
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"/XRef") {
        let dict = at + found;
        at = dict + 5;
        // The stream keyword follows the dictionary closely; a bound keeps this linear.
        let window = &bytes[at..bytes.len().min(at + 4096)];
        let Some(kw) = find(window, b"stream") else { continue };
        let mut start = at + kw + 6;
        while bytes.get(start).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            start += 1;
        }
        let data = &bytes[start..];
        let data = &data[..find(data, b"endstream").unwrap_or(data.len())];
        let mut out = Out::count(MAX_STREAM_BYTES);
        if inflate(data, true, &mut out).is_err() {
            return Err(too_large("a cross-reference stream", MAX_STREAM_BYTES));
        }
    }
    Ok(())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Past the limit.
#[derive(Debug)]
struct Exceeded;

/// Where a decoder's output goes: kept (for the next filter) or only counted.
struct Out {
    kept: Option<Vec<u8>>,
    len: u64,
    limit: u64,
}

impl Out {
    fn count(limit: u64) -> Out {
        Out { kept: None, len: 0, limit }
    }
    fn keep(limit: u64) -> Out {
        Out { kept: Some(Vec::new()), len: 0, limit }
    }
    fn push(&mut self, bytes: &[u8]) -> Result<(), Exceeded> {
        self.len += bytes.len() as u64;
        if self.len > self.limit {
            return Err(Exceeded);
        }
        if let Some(kept) = &mut self.kept {
            kept.extend_from_slice(bytes);
        }
        Ok(())
    }
}

/// The size `stream` inflates to as lopdf decodes it (FlateDecode, LZWDecode, ASCII85Decode
/// in a chain; any other filter ends the chain, as lopdf then gives the raw bytes), or `None`
/// past `limit`.
pub(crate) fn inflated_size(stream: &Stream, limit: u64) -> Option<u64> {
    let Ok(filters) = stream.filters() else { return Some(stream.content.len() as u64) };
    let params = stream.dict.get(b"DecodeParms").and_then(Object::as_dict).ok();
    let mut input: std::borrow::Cow<[u8]> = std::borrow::Cow::Borrowed(&stream.content);
    for (i, filter) in filters.iter().enumerate() {
        let last = i + 1 == filters.len();
        let mut out = if last { Out::count(limit) } else { Out::keep(limit) };
        let known = match *filter {
            b"FlateDecode" => {
                // As lopdf: zlib, and if that gives nothing, raw deflate after the header.
                inflate(&input, true, &mut out).ok()?;
                if out.len == 0 && input.len() > 2 {
                    inflate(&input[2..], false, &mut out).ok()?;
                }
                true
            }
            b"LZWDecode" => {
                lzw(&input, params, &mut out).ok()?;
                true
            }
            // At most four bytes out for one in: decode it with the library itself.
            b"ASCII85Decode" => {
                let mut dict = Dictionary::new();
                dict.set("Filter", Object::Name(b"ASCII85Decode".to_vec()));
                match Stream::new(dict, input.to_vec()).decompressed_content() {
                    Ok(data) => out.push(&data).ok()?,
                    Err(_) => return Some(input.len() as u64),
                }
                true
            }
            _ => false,
        };
        if !known {
            return Some(input.len() as u64);
        }
        match out.kept {
            Some(kept) => input = std::borrow::Cow::Owned(kept),
            None => return Some(out.len),
        }
    }
    Some(input.len() as u64)
}

/// Inflate into `out`; a damaged stream just ends (lopdf keeps what came out before it).
fn inflate(input: &[u8], zlib: bool, out: &mut Out) -> Result<(), Exceeded> {
    let mut d = Decompress::new(zlib);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let (in_before, out_before) = (d.total_in(), d.total_out());
        let rest = input.get(in_before as usize..).unwrap_or_default();
        let status = d.decompress(rest, &mut buf, FlushDecompress::None);
        let produced = (d.total_out() - out_before) as usize;
        out.push(&buf[..produced])?;
        match status {
            Ok(Status::StreamEnd) | Err(_) => return Ok(()),
            Ok(_) if produced == 0 && d.total_in() == in_before => return Ok(()),
            Ok(_) => {}
        }
    }
}

fn lzw(input: &[u8], params: Option<&Dictionary>, out: &mut Out) -> Result<(), Exceeded> {
    use weezl::{decode::Decoder, BitOrder, LzwStatus};
    let early_change = params
        .and_then(|p| p.get(b"EarlyChange").ok())
        .and_then(|p| p.as_i64().ok())
        .is_none_or(|v| v != 0);
    // The same decoder settings as lopdf's.
    let mut d = if early_change {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut buf = vec![0u8; 64 * 1024];
    let mut rest = input;
    loop {
        let r = d.decode_bytes(rest, &mut buf);
        out.push(&buf[..r.consumed_out])?;
        rest = &rest[r.consumed_in..];
        match r.status {
            Ok(LzwStatus::Ok) if r.consumed_in > 0 || r.consumed_out > 0 => {}
            _ => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8], copies: usize) -> Vec<u8> {
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        for _ in 0..copies {
            enc.write_all(data).unwrap();
        }
        enc.finish().unwrap()
    }

    fn flate_stream(content: Vec<u8>, filters: &[&str]) -> Stream {
        let mut dict = Dictionary::new();
        let names = filters.iter().map(|f| Object::Name(f.as_bytes().to_vec())).collect();
        dict.set("Filter", Object::Array(names));
        Stream::new(dict, content)
    }

    #[test]
    fn measures_what_a_stream_inflates_to() {
        let s = flate_stream(zlib(b"BT ET\n", 1000), &["FlateDecode"]);
        assert_eq!(inflated_size(&s, MAX_STREAM_BYTES), Some(6000));
        assert_eq!(inflated_size(&s, 5999), None);
    }

    #[test]
    fn a_chain_of_filters_is_measured_through() {
        // A bomb inside a bomb: a few kB of zlib data that itself inflates to 8 MiB would pass
        // a check of the first filter alone.
        let inner = zlib(&[0u8; 1 << 20], 8);
        let s = flate_stream(zlib(&inner, 1), &["FlateDecode", "FlateDecode"]);
        assert_eq!(inflated_size(&s, 4 << 20), None);
        assert_eq!(inflated_size(&s, 8 << 20), Some(8 << 20));
    }

    #[test]
    fn lzw_is_measured_as_lopdf_decodes_it() {
        let data = vec![b'a'; 100_000];
        let mut enc = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
        let s = flate_stream(enc.encode(&data).unwrap(), &["LZWDecode"]);
        assert_eq!(s.decompressed_content().unwrap().len(), 100_000);
        assert_eq!(inflated_size(&s, MAX_STREAM_BYTES), Some(100_000));
    }

    /// A one-page PDF whose content stream is `content`, under `filter`, listed twice in the
    /// page's contents.
    fn pdf_with_content(content: &[u8], filter: &str) -> Vec<u8> {
        use lacs_testkit::pdf::{one_page, pdf, stream};
        let mut objects = one_page(stream(filter, content));
        objects[2] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 4 0 R] >>".to_vec();
        pdf(&objects, "")
    }

    #[test]
    fn a_bomb_is_refused_by_name_before_it_inflates() {
        let bomb = pdf_with_content(&zlib(&[b' '; 1 << 20], 100), "/Filter /FlateDecode");
        let r = crate::read(&bomb);
        assert!(matches!(r, Err(PdfError::Inflates { what: "a stream", .. })), "{r:?}");
        let text = r.unwrap_err().to_string();
        assert!(text.contains("inflates to more than 32 MB (a decompression bomb?)"), "{text}");
    }

    #[test]
    fn a_cross_reference_stream_bomb_is_refused_before_the_structure_is_read() {
        let mut pdf = b"%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 2 /W [1 2 1] /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend_from_slice(&zlib(&[0; 1 << 20], 40));
        pdf.extend_from_slice(b"\nendstream\nendobj\nstartxref\n9\n%%EOF\n");
        let r = crate::read(&pdf);
        assert!(matches!(r, Err(PdfError::Inflates { what: "a cross-reference stream", .. })), "{r:?}");
    }

    #[test]
    fn one_stream_listed_many_times_counts_each_time() {
        // 20 MiB listed twice as the page's content: 40 MiB in one buffer.
        let r = crate::read(&pdf_with_content(&zlib(&[b' '; 1 << 20], 20), "/Filter /FlateDecode"));
        assert!(matches!(r, Err(PdfError::Inflates { what: "one page's content", .. })), "{r:?}");
        // Small content is read as before.
        let ok = crate::read(&pdf_with_content(&zlib(b"q 1 0 0 1 0 0 cm Q", 1), "/Filter /FlateDecode"));
        assert!(ok.is_ok(), "{ok:?}");
    }
}
