//! Writing results: to stdout (a closed pipe is not an error), or atomically to a file
//! (written beside it, then renamed into place).

use super::Failure;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Write to stdout; a closed pipe (`nytta report x.toml | head -1`) ends quietly.
pub fn stdout(text: &str) -> Result<(), Failure> {
    stdout_bytes(text.as_bytes())
}

/// Write bytes to stdout; a closed pipe ends quietly.
pub fn stdout_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure(format!("cannot write to standard output: {e}"))),
    }
}

/// Write a file atomically: a temporary file in the same directory, renamed into place.
pub fn file_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail = |e: &dyn std::fmt::Display| Failure(format!("cannot write {}: {e}", path.display()));
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| fail(&e))?;
    tmp.write_all(bytes).map_err(|e| fail(&e))?;
    tmp.as_file().sync_all().map_err(|e| fail(&e))?;
    tmp.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}

/// Write to `-o FILE` when given, else to stdout.
pub fn emit(target: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    match target {
        Some(path) => file_atomic(path, bytes),
        None => stdout_bytes(bytes),
    }
}

/// Whether `out` names the same file as one of `inputs`.
pub fn same_file_as_any(out: &Path, inputs: &[PathBuf]) -> bool {
    let Ok(out) = out.canonicalize() else { return false };
    inputs.iter().any(|i| i.canonicalize().is_ok_and(|i| i == out))
}
