//! Rendering diagnostics: `human` (file:line:col, the line with a caret, a hint),
//! `json` (an array of located objects) and `github` (workflow annotations).

use super::visible::visible;
use crate::diagnostic::{Diagnostic, Omitted};
use crate::fmt::Lang;
use crate::limits::{MAX_ECHO_CHARS, MAX_MESSAGE_CHARS, MAX_SHOWN_FINDINGS, shorten};
use serde::Serialize;
use std::fmt::Write;

/// Diagnostics of one source file.
#[derive(Debug, Clone, Copy)]
pub struct FileDiagnostics<'a> {
    /// The path as the user gave it.
    pub path: &'a str,
    /// The file's text, to show lines and columns.
    pub text: &'a str,
    /// The findings kept for the file.
    pub diagnostics: &'a [Diagnostic],
    /// Findings counted but not kept (beyond the limit), reported as "… and N more".
    pub omitted: Omitted,
    /// The language of the messages and hints.
    pub lang: Lang,
}

/// Where a diagnostic is: 1-based start and end (line, column), and the byte offset of
/// its start line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Location {
    start: (usize, usize),
    end: (usize, usize),
    line_start: usize,
}

/// The locations of diagnostics, found in one pass over the text (sorted offsets,
/// running line and column): time linear in the text, whatever the number of findings.
fn locate(text: &str, diagnostics: &[Diagnostic]) -> Vec<Location> {
    let clamp = |o: usize| {
        let o = o.min(text.len());
        (0..=o).rev().find(|&o| text.is_char_boundary(o)).unwrap_or(0)
    };
    // (offset, diagnostic, is end)
    let mut points: Vec<(usize, usize, bool)> = Vec::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if let Some(span) = &d.span {
            points.push((clamp(span.start), i, false));
            points.push((clamp(span.end.max(span.start)), i, true));
        }
    }
    points.sort_unstable();
    let mut out = vec![
        Location {
            start: (1, 1),
            end: (1, 1),
            line_start: 0,
        };
        diagnostics.len()
    ];
    let (mut at, mut line, mut line_start, mut col) = (0usize, 1usize, 0usize, 1usize);
    for (offset, i, is_end) in points {
        for (k, c) in text[at..offset].char_indices() {
            if c == '\n' {
                line += 1;
                col = 1;
                line_start = at + k + 1;
            } else {
                col += 1;
            }
        }
        at = offset;
        if is_end {
            out[i].end = (line, col);
        } else {
            out[i].start = (line, col);
            out[i].line_start = line_start;
        }
    }
    out
}

/// The shown diagnostics of a file (at most [`MAX_SHOWN_FINDINGS`]) and the errors and
/// warnings left out.
fn shown<'d>(file: &FileDiagnostics<'d>) -> (&'d [Diagnostic], usize, usize) {
    let n = file.diagnostics.len().min(MAX_SHOWN_FINDINGS);
    let rest = &file.diagnostics[n..];
    let errors = rest.iter().filter(|d| d.is_error()).count();
    (
        &file.diagnostics[..n],
        errors + file.omitted.errors,
        rest.len() - errors + file.omitted.warnings,
    )
}

/// "… and 99 000 more findings not shown (99 000 errors, 0 warnings)".
fn more(errors: usize, warnings: usize, lang: Lang) -> String {
    if lang == Lang::Sv {
        return format!(
            "… och {} anmärkning{} till som inte visas ({errors} fel, {warnings} varning{}): rätta de ovanstående och kontrollera igen",
            errors + warnings,
            if errors + warnings == 1 { "" } else { "ar" },
            if warnings == 1 { "" } else { "ar" },
        );
    }
    format!(
        "… and {} more finding{} not shown ({errors} error{}, {warnings} warning{}): fix the ones above and check again",
        errors + warnings,
        if errors + warnings == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    )
}

/// The part of the source line around `offset` to echo under a finding: at most
/// [`MAX_ECHO_CHARS`] characters, cut with `…`; and the characters before the column.
fn echo(text: &str, line_start: usize, offset: usize) -> (String, String) {
    let offset = offset.clamp(line_start, text.len());
    let offset = (line_start..=offset)
        .rev()
        .find(|&o| text.is_char_boundary(o))
        .unwrap_or(line_start);
    let half = MAX_ECHO_CHARS / 2;
    let before: Vec<(usize, char)> = text[line_start..offset].char_indices().rev().take(half + 1).collect();
    let cut_start = before.len() > half;
    let from = before[..before.len().min(half)]
        .last()
        .map_or(offset, |(i, _)| line_start + i);
    let budget = MAX_ECHO_CHARS - text[from..offset].chars().count();
    let mut to = offset;
    let mut cut_end = false;
    for (taken, (i, c)) in text[offset..].char_indices().enumerate() {
        if c == '\n' {
            break;
        }
        if taken == budget {
            cut_end = true;
            break;
        }
        to = offset + i + c.len_utf8();
    }
    let mut shown = text[from..to].trim_end_matches('\r').to_string();
    let mut pad: String = text[from..offset]
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    if cut_start {
        shown.insert(0, '…');
        pad.insert(0, ' ');
    }
    if cut_end {
        shown.push('…');
    }
    (shown, pad)
}

/// `file:line:col: error[E002]: message`, the offending line with a caret, and the hint;
/// at most [`MAX_SHOWN_FINDINGS`] of them, then a line counting the rest. Control
/// characters (from the path, the message or the echoed line) are made visible, one
/// character for one, so the caret stays under its column.
pub fn human(file: &FileDiagnostics) -> String {
    visible(&human_raw(file)).into_owned()
}

fn human_raw(file: &FileDiagnostics) -> String {
    let mut out = String::new();
    let (diagnostics, more_errors, more_warnings) = shown(file);
    let locations = locate(file.text, diagnostics);
    for (d, loc) in diagnostics.iter().zip(locations) {
        let ((line, col), (end_line, end_col)) = (loc.start, loc.end);
        let _ = writeln!(
            out,
            "{}:{line}:{col}: {}[{}]: {}",
            file.path,
            d.severity().word(file.lang),
            d.code,
            shorten(&d.message_with_scenarios(file.lang), MAX_MESSAGE_CHARS)
        );
        if let Some(span) = &d.span {
            let (source_line, pad) = echo(file.text, loc.line_start, span.start);
            let width = line.to_string().len();
            let caret_len = if end_line == line {
                end_col.saturating_sub(col).max(1)
            } else {
                1
            };
            let room = source_line.chars().count().saturating_sub(pad.chars().count()).max(1);
            let caret_len = caret_len.min(room);
            let _ = writeln!(out, "{:width$} |", "");
            let _ = writeln!(out, "{line} | {source_line}");
            let _ = writeln!(out, "{:width$} | {pad}{}", "", "^".repeat(caret_len));
        }
        if let Some(hint) = d.hint_in(file.lang) {
            let label = crate::diagnostic::hint_word(file.lang);
            let _ = writeln!(out, "  = {label}: {}", shorten(hint, MAX_MESSAGE_CHARS));
        }
    }
    if more_errors + more_warnings > 0 {
        let _ = writeln!(out, "{}: {}", file.path, more(more_errors, more_warnings, file.lang));
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
    message: std::borrow::Cow<'a, str>,
    hint: Option<std::borrow::Cow<'a, str>>,
    at: Option<&'a str>,
    /// The scenarios a finding holds in; empty for the base case.
    scenarios: &'a [String],
    /// Only on the closing object of a file with more findings than are shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    omitted: Option<usize>,
}

/// All diagnostics of all files as one JSON array: at most [`MAX_SHOWN_FINDINGS`] per
/// file, then (when some are left out) one object with code `more` counting them.
/// `severity` and `code` are the contract; `message` and `hint` are in each file's
/// `lang` (the CLI gives English unless `--lang sv` is explicit: docs/decisions.md).
pub fn json(files: &[FileDiagnostics]) -> String {
    let mut items: Vec<JsonDiagnostic> = Vec::new();
    for f in files {
        let (diagnostics, more_errors, more_warnings) = shown(f);
        for (d, loc) in diagnostics.iter().zip(locate(f.text, diagnostics)) {
            items.push(JsonDiagnostic {
                file: f.path,
                line: loc.start.0,
                column: loc.start.1,
                end_line: loc.end.0,
                end_column: loc.end.1,
                severity: d.severity().as_str(),
                code: d.code.as_str(),
                message: shorten(d.message_in(f.lang), MAX_MESSAGE_CHARS),
                hint: d.hint_in(f.lang).map(|h| shorten(h, MAX_MESSAGE_CHARS)),
                at: d.at.as_deref(),
                scenarios: &d.scenarios,
                omitted: None,
            });
        }
        if more_errors + more_warnings > 0 {
            items.push(JsonDiagnostic {
                file: f.path,
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
                severity: if more_errors > 0 { "error" } else { "warning" },
                code: "more",
                message: more(more_errors, more_warnings, f.lang).into(),
                hint: None,
                at: None,
                scenarios: &[],
                omitted: Some(more_errors + more_warnings),
            });
        }
    }
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`; at most
/// [`MAX_SHOWN_FINDINGS`] per file, then one annotation counting the rest. Line breaks
/// are escaped as GitHub asks (`%0A`); other control characters made visible.
pub fn github(file: &FileDiagnostics) -> String {
    visible(&github_raw(file)).into_owned()
}

fn github_raw(file: &FileDiagnostics) -> String {
    let mut out = String::new();
    let (diagnostics, more_errors, more_warnings) = shown(file);
    for (d, loc) in diagnostics.iter().zip(locate(file.text, diagnostics)) {
        let ((line, col), (end_line, end_col)) = (loc.start, loc.end);
        let mut message = shorten(&d.message_with_scenarios(file.lang), MAX_MESSAGE_CHARS).into_owned();
        if let Some(hint) = d.hint_in(file.lang) {
            message.push_str(" — ");
            message.push_str(&shorten(hint, MAX_MESSAGE_CHARS));
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
    if more_errors + more_warnings > 0 {
        let _ = writeln!(
            out,
            "::{} file={},title=more::{}",
            if more_errors > 0 { "error" } else { "warning" },
            escape_property(file.path),
            escape_data(&more(more_errors, more_warnings, file.lang))
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
            omitted: Omitted::default(),
            lang: Lang::En,
        });
        assert_eq!(
            out,
            "p.toml:3:1: error[E002]: unknown key `ammounts`\n  |\n3 | ammounts = { 2025 = 1 }\n  | ^^^^^^^^\n  = hint: did you mean `amounts`?\n"
        );
    }

    #[test]
    fn a_huge_line_is_echoed_as_a_window_around_the_column() {
        let text = format!("x = \"{}\"\n", "a".repeat(1_000_000) + "?" + &"b".repeat(1_000_000));
        let at = text.find('?').unwrap();
        let diags = [Diagnostic::new(Code::E001, "bad").span(at..at + 1)];
        let out = human(&FileDiagnostics {
            path: "p.toml",
            text: &text,
            diagnostics: &diags,
            omitted: Omitted::default(),
            lang: Lang::En,
        });
        assert!(out.len() < 1000, "{}", out.len());
        assert!(out.starts_with("p.toml:1:1000006: error[E001]: bad\n"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[2].starts_with("1 | …aaa") && lines[2].ends_with("bbb…"), "{out}");
        // The caret sits under the `?`.
        let caret = lines[3].find('^').unwrap();
        let question = lines[2].char_indices().position(|(_, c)| c == '?').unwrap();
        assert_eq!(lines[3][..caret].chars().count(), question);
    }

    #[test]
    fn findings_beyond_the_limit_are_counted_not_shown() {
        let text = "x\n".repeat(3000);
        let diags: Vec<Diagnostic> = (0..3000)
            .map(|i| Diagnostic::new(if i % 2 == 0 { Code::E001 } else { Code::W101 }, "bad").span(2 * i..2 * i + 1))
            .collect();
        let f = FileDiagnostics {
            path: "p.toml",
            text: &text,
            diagnostics: &diags,
            omitted: Omitted::default(),
            lang: Lang::En,
        };
        let out = human(&f);
        assert_eq!(
            out.matches("[E001]").count() + out.matches("[W101]").count(),
            MAX_SHOWN_FINDINGS
        );
        assert!(!out.contains("p.toml:3000:1") && out.contains("p.toml:1000:1: warning"));
        assert!(out.ends_with("p.toml: … and 2000 more findings not shown (1000 errors, 1000 warnings): fix the ones above and check again\n"), "{}", &out[out.len() - 300..]);
        let j: serde_json::Value = serde_json::from_str(&json(&[f])).unwrap();
        assert_eq!(j.as_array().unwrap().len(), MAX_SHOWN_FINDINGS + 1);
        assert_eq!(j[MAX_SHOWN_FINDINGS]["omitted"], 2000);
        assert_eq!(j[MAX_SHOWN_FINDINGS]["code"], "more");
        assert!(github(&f).ends_with("::error file=p.toml,title=more::… and 2000 more findings not shown (1000 errors, 1000 warnings): fix the ones above and check again\n"));
    }

    #[test]
    fn json_and_github_carry_the_span() {
        let (text, diags) = sample();
        let f = FileDiagnostics {
            path: "dir,x/p.toml",
            text: &text,
            diagnostics: &diags,
            omitted: Omitted::default(),
            lang: Lang::En,
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
