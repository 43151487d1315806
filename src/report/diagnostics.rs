//! Rendering diagnostics: `human` (file:line:col, the line with a caret, a hint),
//! `json` (an array of located objects) and `github` (workflow annotations).

use super::visible::visible;
use crate::diagnostic::{Diagnostic, line_col};
use serde::Serialize;
use std::fmt::Write;

/// Diagnostics of one source file.
#[derive(Debug, Clone, Copy)]
pub struct FileDiagnostics<'a> {
    /// The path as the user gave it.
    pub path: &'a str,
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

/// Start and end (1-based line, column) of a diagnostic; (1, 1) when it has no span.
fn location(text: &str, d: &Diagnostic) -> ((usize, usize), (usize, usize)) {
    match &d.span {
        Some(span) => (line_col(text, span.start), line_col(text, span.end.max(span.start))),
        None => ((1, 1), (1, 1)),
    }
}

/// `file:line:col: error[E002]: message`, the offending line with a caret, and the hint.
/// Control characters (from the path, the message or the echoed line) are made
/// visible, one character for one, so the caret stays under its column.
pub fn human(file: &FileDiagnostics) -> String {
    visible(&human_raw(file)).into_owned()
}

fn human_raw(file: &FileDiagnostics) -> String {
    let mut out = String::new();
    for d in file.diagnostics {
        let ((line, col), (end_line, end_col)) = location(file.text, d);
        let _ = writeln!(
            out,
            "{}:{line}:{col}: {}[{}]: {}",
            file.path,
            d.severity().as_str(),
            d.code,
            d.message_with_scenarios()
        );
        if d.span.is_some()
            && let Some(source_line) = file.text.lines().nth(line - 1)
        {
            let width = line.to_string().len();
            let caret_len = if end_line == line {
                end_col.saturating_sub(col).max(1)
            } else {
                1
            };
            let caret_len = caret_len.min(source_line.chars().count().saturating_sub(col - 1).max(1));
            let pad: String = source_line
                .chars()
                .take(col - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{:width$} |", "");
            let _ = writeln!(out, "{line} | {source_line}");
            let _ = writeln!(out, "{:width$} | {pad}{}", "", "^".repeat(caret_len));
        }
        if let Some(hint) = &d.hint {
            let _ = writeln!(out, "  = hint: {hint}");
        }
    }
    out
}

/// One diagnostic as JSON.
#[derive(Debug, Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    hint: Option<&'a str>,
    at: Option<&'a str>,
    /// The scenarios a finding holds in; empty for the base case.
    scenarios: &'a [String],
}

/// All diagnostics of all files as one JSON array.
pub fn json(files: &[FileDiagnostics]) -> String {
    let items: Vec<JsonDiagnostic> = files
        .iter()
        .flat_map(|f| {
            f.diagnostics.iter().map(move |d| {
                let ((line, column), (end_line, end_column)) = location(f.text, d);
                JsonDiagnostic {
                    file: f.path,
                    line,
                    column,
                    end_line,
                    end_column,
                    severity: d.severity().as_str(),
                    code: d.code.as_str(),
                    message: &d.message,
                    hint: d.hint.as_deref(),
                    at: d.at.as_deref(),
                    scenarios: &d.scenarios,
                }
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`. Line
/// breaks are escaped as GitHub asks (`%0A`); other control characters made visible.
pub fn github(file: &FileDiagnostics) -> String {
    visible(&github_raw(file)).into_owned()
}

fn github_raw(file: &FileDiagnostics) -> String {
    let mut out = String::new();
    for d in file.diagnostics {
        let ((line, col), (end_line, end_col)) = location(file.text, d);
        let mut message = d.message_with_scenarios();
        if let Some(hint) = &d.hint {
            message.push_str(" — ");
            message.push_str(hint);
        }
        let _ = writeln!(
            out,
            "::{} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
            d.severity().as_str(),
            escape_property(file.path),
            d.code,
            escape_data(&message)
        );
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn sample() -> (String, Vec<Diagnostic>) {
        let text = "format = 1\n[[costs]]\nammounts = { 2025 = 1 }\n".to_string();
        let start = text.find("ammounts").unwrap();
        let d = Diagnostic::new(Code::E002, "unknown key `ammounts`")
            .span(start..start + 8)
            .hint("did you mean `amounts`?");
        (text, vec![d])
    }

    #[test]
    fn human_shows_location_line_caret_and_hint() {
        let (text, diags) = sample();
        let out = human(&FileDiagnostics {
            path: "p.toml",
            text: &text,
            diagnostics: &diags,
        });
        assert_eq!(
            out,
            "p.toml:3:1: error[E002]: unknown key `ammounts`\n  |\n3 | ammounts = { 2025 = 1 }\n  | ^^^^^^^^\n  = hint: did you mean `amounts`?\n"
        );
    }

    #[test]
    fn json_and_github_carry_the_span() {
        let (text, diags) = sample();
        let f = FileDiagnostics {
            path: "dir,x/p.toml",
            text: &text,
            diagnostics: &diags,
        };
        let j: serde_json::Value = serde_json::from_str(&json(&[f])).unwrap();
        assert_eq!(j[0]["line"], 3);
        assert_eq!(j[0]["end_column"], 9);
        assert_eq!(j[0]["code"], "E002");
        assert_eq!(
            github(&f),
            "::error file=dir%2Cx/p.toml,line=3,col=1,endLine=3,endColumn=9,title=E002::unknown key `ammounts` — did you mean `amounts`?\n"
        );
    }
}
