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

/// A temporary file beside `path`, to be renamed onto it when complete. It gets the
/// permissions `path` has if it exists, else those of a new file (0666 less the umask),
/// not the 0600 of a bare temporary file.
pub fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile, Failure> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail = |e: &dyn std::fmt::Display| Failure(format!("cannot write {}: {e}", path.display()));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nytta-");
    match std::fs::metadata(path) {
        Ok(existing) => {
            builder.permissions(existing.permissions());
        }
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                builder.permissions(std::fs::Permissions::from_mode(0o666));
            }
        }
    }
    let tmp = builder.tempfile_in(&dir).map_err(|e| fail(&e))?;
    // Creation applied the umask to 0666; an existing file's mode is restored exactly.
    if let Ok(existing) = std::fs::metadata(path) {
        let _ = tmp.as_file().set_permissions(existing.permissions());
    }
    Ok(tmp)
}

/// Write a file atomically: a temporary file in the same directory, renamed into place.
pub fn file_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let fail = |e: &dyn std::fmt::Display| Failure(format!("cannot write {}: {e}", path.display()));
    let mut tmp = temp_beside(path)?;
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
