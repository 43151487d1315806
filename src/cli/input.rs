//! Reading project files.

use super::Failure;
use nytta::diagnostic::{Code, Diagnostic};
use nytta::engine::Calculation;
use nytta::model::Project;
use nytta::report::diagnostics::{FileDiagnostics, human};
use nytta::{Analysis, analyse};
use std::path::Path;

/// A project file that validated and computed: the project, its base calculation and
/// its warnings.
pub struct Loaded {
    /// The path as the user gave it.
    pub path: String,
    pub text: String,
    pub project: Project,
    pub base: Calculation,
    pub warnings: Vec<Diagnostic>,
}

/// Read and analyse a project file. `Ok(None)` when it has errors: they have been
/// printed to standard error, and the command ends with exit code 1.
pub fn load_project(path: &Path) -> Result<Option<Loaded>, Failure> {
    let shown = path.display().to_string();
    let text = match read_text(path)? {
        Ok(text) => text,
        Err(message) => {
            let d = [Diagnostic::new(Code::E001, message).hint("save the file as UTF-8")];
            note!(
                "{}",
                human(&FileDiagnostics {
                    path: &shown,
                    text: "",
                    diagnostics: &d
                })
            );
            return Ok(None);
        }
    };
    let analysis = analyse(&text);
    if analysis.has_errors() {
        note!(
            "{}",
            human(&FileDiagnostics {
                path: &shown,
                text: &text,
                diagnostics: &analysis.diagnostics
            })
        );
        return Ok(None);
    }
    let Analysis {
        project: Some(project),
        base: Some(base),
        diagnostics,
        ..
    } = analysis
    else {
        return Ok(None); // without errors there is always a project and a calculation
    };
    Ok(Some(Loaded {
        path: shown,
        text,
        project,
        base,
        warnings: diagnostics,
    }))
}

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
