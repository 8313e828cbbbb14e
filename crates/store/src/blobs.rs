//! The bytes of every stored document, by content, beside the register: so a document can be
//! read again (`lacs reread`) wherever its file came from, and a register can be rebuilt.
//!
//! Layout under the folder (`cache/` beside the register file, the folder `lacs sync` caches
//! its downloads in, so one copy serves both): `<sha256[0..2]>/<sha256>.pdf`, whatever the
//! content is (a refused HTML page too).

use std::io::Write;
use std::path::{Path, PathBuf};

/// A content-addressed folder of document bytes.
#[derive(Debug, Clone)]
pub struct Blobs {
    root: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    #[error("{0:?} is not a sha256 (64 hexadecimal digits)")]
    BadHash(String),
    #[error("document store {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

impl Blobs {
    /// The folder beside the register file `register`.
    pub fn beside(register: &Path) -> Blobs {
        let dir = register.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        Blobs { root: dir.join("cache") }
    }

    /// A folder of its own (tests, a sync cache placed elsewhere).
    pub fn at(root: impl Into<PathBuf>) -> Blobs {
        Blobs { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where content with this hash is kept. The hash is checked first, so a path can never
    /// leave the folder.
    pub fn path(&self, sha256: &str) -> Result<PathBuf, BlobError> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(BlobError::BadHash(sha256.to_string()));
        }
        Ok(self.root.join(&sha256[..2]).join(format!("{sha256}.pdf")))
    }

    /// True when the content is kept (a file of the right size; the name is its hash).
    pub fn has(&self, sha256: &str, size: u64) -> bool {
        self.path(sha256).ok().and_then(|p| std::fs::metadata(p).ok()).is_some_and(|m| m.len() == size)
    }

    /// Keep `bytes` (whose hash the caller computed) unless already kept: written to a
    /// temporary file in the same folder, synced, then renamed into place, so a reader never
    /// sees half a file and two writers of one content cannot spoil it.
    pub fn put(&self, sha256: &str, bytes: &[u8]) -> Result<PathBuf, BlobError> {
        let dest = self.path(sha256)?;
        if self.has(sha256, bytes.len() as u64) {
            return Ok(dest);
        }
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| BlobError::Io { path, source }
        };
        let dir = dest.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let temp = dir.join(format!(".{sha256}.{}.{:?}.part", std::process::id(), std::thread::current().id()));
        let written = (|| {
            let mut f = std::fs::File::create(&temp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
            std::fs::rename(&temp, &dest)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temp);
            return Err(io(&dest)(e));
        }
        Ok(dest)
    }

    /// The bytes kept for this content, if they are there.
    pub fn read(&self, sha256: &str) -> Result<Option<Vec<u8>>, BlobError> {
        let path = self.path(sha256)?;
        match std::fs::read(&path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(BlobError::Io { path, source }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "ab00000000000000000000000000000000000000000000000000000000000001";

    #[test]
    fn content_is_kept_once_under_its_hash_and_a_bad_hash_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = Blobs::beside(&dir.path().join("register.db"));
        assert_eq!(blobs.root(), dir.path().join("cache"));
        assert!(!blobs.has(SHA, 3));
        let path = blobs.put(SHA, b"pdf").unwrap();
        assert_eq!(path, dir.path().join("cache/ab").join(format!("{SHA}.pdf")));
        assert_eq!(blobs.read(SHA).unwrap().as_deref(), Some(&b"pdf"[..]));
        assert_eq!(blobs.put(SHA, b"pdf").unwrap(), path);
        assert_eq!(std::fs::read_dir(path.parent().unwrap()).unwrap().count(), 1, "no temporary file left");
        for bad in ["../../etc/passwd", "ab", &SHA.replace('a', "g")] {
            assert!(matches!(blobs.path(bad), Err(BlobError::BadHash(_))), "{bad}");
        }
        assert_eq!(blobs.read(&SHA.replace("01", "02")).unwrap(), None);
    }
}
