//! Where command output goes: a file named with `-o`, else standard output.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Output for a command: stdout, or a file written whole (to a temporary file beside it,
/// renamed into place at the end) so a failed export never leaves half a file.
pub enum Output {
    Stdout(std::io::StdoutLock<'static>),
    File { target: PathBuf, temp: PathBuf, file: Option<BufWriter<File>> },
}

impl Output {
    pub fn new(target: Option<&Path>) -> Result<Output> {
        let Some(path) = target else { return Ok(Output::Stdout(std::io::stdout().lock())) };
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = path.file_name().with_context(|| format!("-o {}: not a file name", path.display()))?;
        let temp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
        let file = File::create(&temp).with_context(|| format!("-o {}: cannot write in {}", path.display(), dir.display()))?;
        Ok(Output::File { target: path.to_path_buf(), temp, file: Some(BufWriter::new(file)) })
    }

    /// Finish: flush, and move a file into place.
    pub fn finish(mut self) -> Result<()> {
        self.flush()?;
        if let Output::File { target, temp, file } = &mut self {
            drop(file.take());
            std::fs::rename(&*temp, &*target).with_context(|| format!("-o {}", target.display()))?;
        }
        Ok(())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // Still holding the file: finish() was not reached, so remove the partial output.
        if let Output::File { temp, file: Some(_), .. } = self {
            let _ = std::fs::remove_file(temp);
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(s) => s.write(buf),
            Output::File { file: Some(f), .. } => f.write(buf),
            Output::File { file: None, .. } => Ok(buf.len()),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(s) => s.flush(),
            Output::File { file: Some(f), .. } => f.flush(),
            Output::File { file: None, .. } => Ok(()),
        }
    }
}
