//! Reading project files.

use super::Failure;
use std::path::Path;

/// Read a file as text. Unreadable files are I/O failures (exit 2); a file that is not
/// UTF-8 is returned as an error message to report as invalid input.
pub fn read_text(path: &Path) -> Result<Result<String, String>, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    Ok(String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: the file is not UTF-8 (byte {}); save it as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    }))
}
