//! The corpus: truth rows, and every report read once into a [`Document`], cached under the
//! build directory keyed by its sha256 and a hash of the PDF reader's source.

use anyhow::{Context, Result};
use lacs_pdftext::Document;
use std::path::{Path, PathBuf};

/// One row of `truth.csv`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Truth {
    pub path: String,
    pub sha256: String,
    pub kind: String,
    pub urn: String,
    pub la_name: String,
    pub inspection_start: String,
    pub published: String,
    pub overall: String,
    pub leaders: String,
    pub help_protection: String,
    pub in_care: String,
    pub care_leavers: String,
    pub adoption: String,
    pub lscb: String,
}

/// A corpus report: its truth row and what the PDF reader made of it (`None`: unreadable).
pub struct Report {
    pub truth: Truth,
    pub path: PathBuf,
    pub doc: Option<Document>,
}

/// The PDF reader's source, hashed: a cached document is stale when the reader changes.
const READER_SOURCE: &str = include_str!("../../pdftext/src/lib.rs");

fn reader_hash() -> String {
    // FNV-1a, 64 bits: stable across builds and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in READER_SOURCE.bytes().chain(env!("CARGO_PKG_VERSION").bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The corpus: `$LACS_CORPUS`, else the one next to the workspace (`../shared/corpus`).
pub fn default_corpus() -> PathBuf {
    std::env::var_os("LACS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"))
}

/// Where cached documents go: `$CARGO_TARGET_DIR` or the workspace's `target/`.
pub fn cache_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("variations-cache").join(reader_hash())
}

pub fn read_truth(dir: &Path) -> Result<Vec<Truth>> {
    let file = dir.join("truth.csv");
    csv::Reader::from_path(&file)
        .with_context(|| format!("reading {}", file.display()))?
        .deserialize()
        .collect::<Result<_, _>>()
        .with_context(|| format!("parsing {}", file.display()))
}

/// The declared differences between truth and the reports' own text: (path, field).
pub fn declared_differences() -> Result<Vec<(String, String)>> {
    let text = include_str!("../../check/data/truth_differences.csv");
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let mut out = Vec::new();
    for r in rdr.records() {
        let r = r?;
        out.push((r.get(0).unwrap_or_default().to_string(), r.get(1).unwrap_or_default().to_string()));
    }
    Ok(out)
}

/// The cache's own format: a read document as plain little-endian numbers and strings, which
/// loads fast even in an unoptimised test build (JSON of 444 documents does not).
mod cached {
    use lacs_pdftext::{Document, Line, Page, Word};

    const MAGIC: &[u8; 8] = b"LACSVAR1";

    fn put_u32(out: &mut Vec<u8>, v: u32) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    fn put_f32(out: &mut Vec<u8>, v: f32) {
        out.extend_from_slice(&v.to_le_bytes());
    }

    /// `None` (the PDF was unreadable) is stored as a document with no pages.
    pub fn encode(doc: Option<&Document>) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        let Some(doc) = doc else { return out };
        put_u32(&mut out, doc.pages.len() as u32);
        for p in &doc.pages {
            put_u32(&mut out, p.number);
            put_f32(&mut out, p.width);
            put_f32(&mut out, p.height);
            put_u32(&mut out, p.lines.len() as u32);
            for l in &p.lines {
                put_u32(&mut out, l.words.len() as u32);
                for w in &l.words {
                    put_u32(&mut out, w.text.len() as u32);
                    out.extend_from_slice(w.text.as_bytes());
                    for v in [w.x0, w.x1, w.y, w.size] {
                        put_f32(&mut out, v);
                    }
                }
            }
        }
        out
    }

    struct Reader<'a>(&'a [u8]);

    impl Reader<'_> {
        fn take(&mut self, n: usize) -> Option<&[u8]> {
            if self.0.len() < n {
                return None;
            }
            let (a, b) = self.0.split_at(n);
            self.0 = b;
            Some(a)
        }
        fn u32(&mut self) -> Option<u32> {
            Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
        }
        fn f32(&mut self) -> Option<f32> {
            Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
        }
    }

    /// `Some(None)`: an unreadable PDF recorded as such; `None`: not a cache file.
    pub fn decode(bytes: &[u8]) -> Option<Option<Document>> {
        let mut r = Reader(bytes.strip_prefix(MAGIC.as_slice())?);
        if r.0.is_empty() {
            return Some(None);
        }
        let mut pages = Vec::new();
        for _ in 0..r.u32()? {
            let (number, width, height) = (r.u32()?, r.f32()?, r.f32()?);
            let mut lines = Vec::new();
            for _ in 0..r.u32()? {
                let mut words = Vec::new();
                for _ in 0..r.u32()? {
                    let n = r.u32()? as usize;
                    let text = String::from_utf8(r.take(n)?.to_vec()).ok()?;
                    let (x0, x1, y, size) = (r.f32()?, r.f32()?, r.f32()?, r.f32()?);
                    words.push(Word { text, x0, x1, y, size });
                }
                lines.push(Line { words });
            }
            pages.push(Page { number, width, height, lines });
        }
        r.0.is_empty().then_some(Some(Document { pages }))
    }
}

fn load_one(dir: &Path, cache: &Path, t: &Truth) -> Option<Document> {
    let cached = cache.join(format!("{}.bin", t.sha256));
    if let Some(doc) = std::fs::read(&cached).ok().and_then(|b| cached::decode(&b)) {
        return doc;
    }
    let doc = std::fs::read(dir.join(&t.path)).ok().and_then(|b| lacs_pdftext::read(&b).ok());
    let tmp = cache.join(format!("{}.bin.{}", t.sha256, std::process::id()));
    if std::fs::write(&tmp, cached::encode(doc.as_ref())).is_ok() {
        let _ = std::fs::rename(&tmp, &cached);
    }
    doc
}

/// Every truth row with its read document, in truth order, read in parallel.
pub fn load(dir: &Path) -> Result<Vec<Report>> {
    let rows = read_truth(dir)?;
    let cache = cache_dir();
    std::fs::create_dir_all(&cache).with_context(|| format!("creating {}", cache.display()))?;
    let docs: Vec<Option<Document>> = crate::parallel::map(&rows, |t| load_one(dir, &cache, t));
    Ok(rows.into_iter().zip(docs).map(|(truth, doc)| Report { path: dir.join(&truth.path), truth, doc }).collect())
}
