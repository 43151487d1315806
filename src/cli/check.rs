//! `nytta check FILE... [--format human|json|github] [--deny-warnings]`

use super::{Failure, Outcome, input};
use clap::ValueEnum;
use nytta::diagnostic::{Diagnostic, Omitted};
use nytta::model::Overrides;
use nytta::report::diagnostics::{self, FileDiagnostics};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Project files to check; a directory means every `*.toml` file in it and below.
    #[arg(required = true, value_name = "FILE|DIR")]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with code 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    #[command(flatten)]
    set: super::set::SetArgs,
    /// Check again whenever a file changes (Ctrl-C ends); the screen is cleared for
    /// `human`.
    #[arg(long)]
    watch: bool,
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

/// The files to check: a directory stands for every `*.toml` file in it and below, in
/// path order (as `batch` reads it); a directory with none is a usage error.
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let before = files.len();
        let walk = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()));
        for entry in walk.into_iter().filter_map(Result::ok) {
            let toml = entry.path().extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"));
            if entry.file_type().is_file() && toml {
                files.push(entry.into_path());
            }
        }
        if files.len() == before {
            return Err(fail!(
                sv: "{}: mappen har inga projektfiler (*.toml)", path.display();
                en: "{}: the directory has no project files (*.toml)", path.display()
            ));
        }
    }
    Ok(files)
}

/// Analyse one file: its text and every diagnostic; `Err` if it cannot be read.
fn check_file(path: &std::path::Path, overrides: &Overrides) -> Result<Checked, Failure> {
    let shown = path.display().to_string();
    if input::is_csv(path) {
        return Ok(Checked {
            diagnostics: vec![input::csv_given(path, &shown)],
            path: shown,
            text: String::new(),
            omitted: Omitted::default(),
        });
    }
    match input::read_text(path)? {
        Ok(text) => {
            let analysis = nytta::analysis::analyse_with(&text, overrides);
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
                let analysis = nytta::analysis::analyse_with(&text, overrides);
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
    if args.watch {
        return super::watch::watch(&args.files, args.format == Format::Human, || run_once(&args));
    }
    run_once(&args)
}

fn run_once(args: &Args) -> Result<Outcome, Failure> {
    let mut outcome = Outcome::Ok;
    let mut checked = Vec::new();
    let overrides = args.set.overrides();
    let several = args.files.len() > 1;
    let lang = if args.format == Format::Json {
        super::json_lang()
    } else {
        super::lang()
    };
    let files = expand(&args.files)?;
    let several = several || files.len() > 1;
    let mut n = 0;
    for path in &files {
        match check_file(path, &overrides) {
            // Diagnostics about `--set` values are shown against the command line.
            Ok(c) => {
                n += 1;
                checked.extend(
                    super::set::split(&c.path, &c.text, c.diagnostics, c.omitted, &overrides, several, lang)
                        .into_iter()
                        .map(|s| Checked {
                            path: s.path,
                            text: s.text,
                            diagnostics: s.diagnostics,
                            omitted: s.omitted,
                        }),
                );
            }
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
            lang,
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
        noteln!("nytta: {}", summary(n, errors, warnings, super::lang()));
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        outcome = outcome.max(Outcome::Invalid);
    }
    Ok(outcome)
}

/// `checked 1 file: 0 errors, 2 warnings` / `kontrollerade 1 fil: 0 fel, 2 varningar`.
fn summary(n: usize, errors: usize, warnings: usize, lang: nytta::report::Lang) -> String {
    let s = |k: usize, one: &'static str, many: &'static str| if k == 1 { one } else { many };
    say!(
        in lang;
        sv: "kontrollerade {n} fil{}: {errors} fel, {warnings} varning{}",
            s(n, "", "er"),
            s(warnings, "", "ar");
        en: "checked {n} file{}: {errors} error{}, {warnings} warning{}",
            s(n, "", "s"),
            s(errors, "", "s"),
            s(warnings, "", "s")
    )
}
