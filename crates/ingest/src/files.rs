use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum FilesError {
    #[error("{path}: no such file or folder")]
    Missing { path: String },
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
}

/// The files to ingest: each file named, and every `.pdf` (any case) under each folder named,
/// recursively, sorted, without duplicates. Symbolic links to folders are not followed, so a
/// link cycle cannot loop.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, FilesError> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|_| FilesError::Missing { path: p.display().to_string() })?;
        if meta.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), FilesError> {
    let io = |source| FilesError::Io { path: dir.display().to_string(), source };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let kind = entry.file_type().map_err(io)?;
        let path = entry.path();
        if kind.is_dir() {
            walk(&path, out)?;
        } else if is_pdf_name(&path) && (kind.is_file() || kind.is_symlink()) {
            out.push(path);
        }
    }
    Ok(())
}

fn is_pdf_name(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_and_files_kept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        for f in ["a/x.pdf", "a/b/y.PDF", "a/notes.txt"] {
            std::fs::write(dir.path().join(f), b"").unwrap();
        }
        let files = collect_files(&[dir.path().to_path_buf(), dir.path().join("a/notes.txt")]).unwrap();
        let names: Vec<_> = files.iter().map(|p| p.strip_prefix(dir.path()).unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, vec!["a/b/y.PDF", "a/notes.txt", "a/x.pdf"]);
        let err = collect_files(&[dir.path().join("nope")]).unwrap_err().to_string();
        assert!(err.contains("nope") && err.contains("no such file"), "{err}");
    }
}
