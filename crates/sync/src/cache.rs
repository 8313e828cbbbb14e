//! The local cache of downloaded files.
//!
//! Layout under the cache folder:
//! - `<sha256[0..2]>/<sha256>.pdf`: every verified file, by content. One copy per content,
//!   whatever file ids or links it came under.
//! - `la/<urn>_<name>/<link text>.pdf`: a hard link (a copy where links are not possible) to a
//!   report's content, named as the reports site names it, which is the layout
//!   `lacs_extract::Hints::from_path` reads: the folder gives the provider URN as a hint and
//!   the file name the date in the link text. This is the path reports are ingested from, so it
//!   is the register's `source_file`.
//! - `tmp/`: downloads being checked; anything here at the start of a run is left from an
//!   interrupted one and removed.
//! - `.sync.lock`: held (flock) for the length of a run, so that two runs never interleave.

use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

pub(crate) struct Cache {
    root: PathBuf,
    _lock: File,
    temp_seq: u64,
}

#[derive(Debug)]
pub(crate) enum CacheError {
    Busy,
    Io { path: PathBuf, source: std::io::Error },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CacheError + '_ {
    move |source| CacheError::Io { path: path.to_path_buf(), source }
}

impl Cache {
    /// Open (creating) the cache at `root`, take the run lock, and clear `tmp/`.
    pub fn open(root: &Path) -> Result<Cache, CacheError> {
        std::fs::create_dir_all(root).map_err(io(root))?;
        let root = root.canonicalize().map_err(io(root))?;
        let lock_path = root.join(".sync.lock");
        let lock = File::options().create(true).truncate(false).write(true).open(&lock_path).map_err(io(&lock_path))?;
        if !try_lock(&lock) {
            return Err(CacheError::Busy);
        }
        let tmp = root.join("tmp");
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
        }
        std::fs::create_dir_all(&tmp).map_err(io(&tmp))?;
        Ok(Cache { root, _lock: lock, temp_seq: 0 })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where content with this hash lives: the register's layout for its documents' bytes
    /// ([`lacs_store::Blobs`]), so a cache beside the register is the register's copy.
    /// `None` for a string that is no sha256.
    pub fn content_path(&self, sha256: &str) -> Option<PathBuf> {
        lacs_store::Blobs::at(&self.root).path(sha256).ok()
    }

    /// Write checked bytes to a temporary file (synced to disk), then move it into place by
    /// content. Returns the hash and the path. Content already cached is not written again.
    pub fn put(&mut self, bytes: &[u8]) -> Result<(String, PathBuf), CacheError> {
        let sha256 = hex(&Sha256::digest(bytes));
        let dest = self.content_path(&sha256).ok_or_else(|| CacheError::Io {
            path: self.root.clone(),
            source: std::io::Error::other(format!("{sha256:?} is not a sha256")),
        })?;
        if dest.is_file() && std::fs::metadata(&dest).is_ok_and(|m| m.len() == bytes.len() as u64) {
            return Ok((sha256, dest));
        }
        self.temp_seq += 1;
        let temp = self.root.join("tmp").join(format!("{}-{}.part", std::process::id(), self.temp_seq));
        {
            let mut f = File::create(&temp).map_err(io(&temp))?;
            f.write_all(bytes).map_err(io(&temp))?;
            f.sync_all().map_err(io(&temp))?;
        }
        let dir = dest.parent().expect("content path has a parent");
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        std::fs::rename(&temp, &dest).map_err(io(&dest))?;
        Ok((sha256, dest))
    }

    /// A report's path named as the site names it: `la/<urn>_<name>/<link text>.pdf`, linked
    /// to its content. A name already taken by other content gets the file id in front
    /// (the date stays last, where the file-name reader looks for it).
    pub fn link_named(
        &self,
        content: &Path,
        sha256: &str,
        urn: u32,
        la_name: &str,
        link_text: &str,
        file_id: &str,
    ) -> Result<PathBuf, CacheError> {
        let dir = self.root.join("la").join(format!("{urn}_{}", safe_name(la_name, 60).to_lowercase()));
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let base = safe_name(link_text, 150);
        let candidates = [format!("{base}.pdf"), format!("{} - {base}.pdf", safe_name(file_id, 40))];
        for name in &candidates {
            let path = dir.join(name);
            if path.exists() {
                if same_content(&path, sha256) {
                    return Ok(path);
                }
                continue;
            }
            if std::fs::hard_link(content, &path).is_err() {
                std::fs::copy(content, &path).map_err(io(&path))?;
            }
            return Ok(path);
        }
        // Both names hold other content: replace the id-prefixed one (it can only be a stale
        // copy of this very file id).
        let path = dir.join(&candidates[1]);
        std::fs::remove_file(&path).map_err(io(&path))?;
        if std::fs::hard_link(content, &path).is_err() {
            std::fs::copy(content, &path).map_err(io(&path))?;
        }
        Ok(path)
    }
}

fn same_content(path: &Path, sha256: &str) -> bool {
    std::fs::read(path).is_ok_and(|b| hex(&Sha256::digest(&b)) == sha256)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A file name from site text: no path separators or control characters, single spaces, at
/// most `max` characters (keeping the end, where the date is).
pub(crate) fn safe_name(s: &str, max: usize) -> String {
    let cleaned: String =
        s.chars().map(|c| if c == '/' || c == '\\' || c == ':' || c.is_control() { ' ' } else { c }).collect();
    let mut name = crate::site::collapse(&cleaned);
    let count = name.chars().count();
    if count > max {
        name = name.chars().skip(count - max).collect::<String>().trim().to_string();
    }
    let name = name.trim_start_matches('.').trim().to_string();
    if name.is_empty() {
        "unnamed".to_string()
    } else {
        name
    }
}

#[cfg(unix)]
fn try_lock(f: &File) -> bool {
    use std::os::fd::AsRawFd;
    // SAFETY: flock on a descriptor we own; the lock is released when the file is closed,
    // including when the process dies.
    unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
}

#[cfg(not(unix))]
fn try_lock(_f: &File) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use lacs_extract::Hints;

    #[test]
    fn content_is_stored_once_and_named_for_the_extractor() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = Cache::open(dir.path()).unwrap();
        let (sha, path) = cache.put(b"%PDF-1.4 one %%EOF").unwrap();
        assert_eq!(Some(path.clone()), cache.content_path(&sha));
        assert!(path.starts_with(cache.root().join(&sha[..2])));
        let (sha2, path2) = cache.put(b"%PDF-1.4 one %%EOF").unwrap();
        assert_eq!((sha2.as_str(), &path2), (sha.as_str(), &path));
        assert_eq!(std::fs::read_dir(cache.root().join("tmp")).unwrap().count(), 0);

        let text = "children's services inspection - 19 november 2021";
        let named = cache.link_named(&path, &sha, 80426, "Barnsley", text, "501").unwrap();
        assert_eq!(named, cache.root().join("la/80426_barnsley/children's services inspection - 19 november 2021.pdf"));
        let hints = Hints::from_path(&named);
        assert_eq!(hints.folder_urn, Some(80426));
        assert_eq!(lacs_extract::date_in_file_name(&hints.file_name), Some(jiff::civil::date(2021, 11, 19)));
        // Same name again, same content: the same path. Other content: the file id in front.
        assert_eq!(cache.link_named(&path, &sha, 80426, "Barnsley", text, "501").unwrap(), named);
        let (other_sha, other) = cache.put(b"%PDF-1.4 two %%EOF").unwrap();
        let named2 = cache.link_named(&other, &other_sha, 80426, "Barnsley", text, "502").unwrap();
        assert!(named2.ends_with("502 - children's services inspection - 19 november 2021.pdf"), "{named2:?}");
        assert_eq!(
            lacs_extract::date_in_file_name(&Hints::from_path(&named2).file_name),
            Some(jiff::civil::date(2021, 11, 19))
        );
    }

    #[test]
    fn one_run_at_a_time_and_leftovers_cleared() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("tmp")).unwrap();
        std::fs::write(dir.path().join("tmp/123-1.part"), b"half a download").unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        assert_eq!(std::fs::read_dir(dir.path().join("tmp")).unwrap().count(), 0);
        #[cfg(unix)]
        assert!(matches!(Cache::open(dir.path()), Err(CacheError::Busy)));
        drop(cache);
        assert!(Cache::open(dir.path()).is_ok());
    }

    #[test]
    fn names_are_safe() {
        assert_eq!(safe_name("a/b\\c: d\n", 50), "a b c d");
        assert_eq!(safe_name("..", 50), "unnamed");
        assert_eq!(safe_name("x - 19 november 2021", 16), "19 november 2021");
    }
}
