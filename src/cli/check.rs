//! `nytta check FILE... [--format human|json|github] [--deny-warnings]`

use super::{Failure, Outcome, input};
use clap::ValueEnum;
use nytta::diagnostic::{Diagnostic, Omitted};
use nytta::report::diagnostics::{self, FileDiagnostics};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Project files to check.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with code 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
}

struct Checked {
    path: String,
    text: String,
    diagnostics: Vec<Diagnostic>,
    omitted: Omitted,
}

/// Analyse one file: its text and every diagnostic; `Err` if it cannot be read.
fn check_file(path: &std::path::Path) -> Result<Checked, Failure> {
    let shown = path.display().to_string();
    match input::read_text(path)? {
        Ok(text) => {
            let analysis = nytta::analyse(&text);
            Ok(Checked {
                path: shown,
                text,
                diagnostics: analysis.diagnostics,
                omitted: analysis.omitted,
            })
        }
        Err((text, d)) => {
            // Check the rest too (every problem at once), but only if it is text at all.
            let mut diagnostics = vec![d];
            let mut omitted = Omitted::default();
            if !text.is_empty() {
                let analysis = nytta::analyse(&text);
                diagnostics.extend(analysis.diagnostics);
                omitted = analysis.omitted;
            }
            Ok(Checked {
                path: shown,
                text,
                diagnostics,
                omitted,
            })
        }
    }
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let mut outcome = Outcome::Ok;
    let mut checked = Vec::new();
    for path in &args.files {
        match check_file(path) {
            Ok(c) => checked.push(c),
            Err(failure) => {
                noteln!("nytta: {}", nytta::report::visible::visible(&failure.message()));
                outcome = Outcome::Failed;
            }
        }
    }
    let files: Vec<FileDiagnostics> = checked
        .iter()
        .map(|c| FileDiagnostics {
            path: &c.path,
            text: &c.text,
            diagnostics: &c.diagnostics,
            omitted: c.omitted,
        })
        .collect();
    let text = match args.format {
        Format::Json => diagnostics::json(&files),
        Format::Human => files.iter().map(diagnostics::human).collect(),
        Format::Github => files.iter().map(diagnostics::github).collect(),
    };
    super::output::stdout(&text)?;

    let all = || checked.iter().flat_map(|c| &c.diagnostics);
    let omitted = |f: fn(&Omitted) -> usize| checked.iter().map(|c| f(&c.omitted)).sum::<usize>();
    let errors = all().filter(|d| d.is_error()).count() + omitted(|o| o.errors);
    let warnings = all().filter(|d| !d.is_error()).count() + omitted(|o| o.warnings);
    if args.format == Format::Human {
        let n = checked.len();
        noteln!(
            "nytta: checked {n} file{}: {errors} error{}, {warnings} warning{}",
            if n == 1 { "" } else { "s" },
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
        );
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        outcome = outcome.max(Outcome::Invalid);
    }
    Ok(outcome)
}
