//! `nytta batch PATH... --follow-up [--actuals FILE.csv] [--actuals-dir DIR] [--as-of YEAR]
//! [--forecast trend|plan]`: every project followed up (plan against actuals to date,
//! realisation rate, flags W201–W204, overdue follow-ups, the NPV re-forecast), sorted
//! worst first, with sums per group.
//!
//! Actuals come from each file's `actuals`; then from `DIR/<id>.csv` or
//! `DIR/<file stem>.csv` when `--actuals-dir` is given; then from the rows of the one
//! CSV given by `--actuals` whose `project` is the project's id, else its file stem
//! (docs/decisions.md, D80). Each later source wins for the same line, kind and year, as
//! in `nytta follow-up --actuals`. Rows naming no project of the batch are warned about
//! on standard error. The years after are forecast by `--forecast` (default trend).
//! Summaries are small, so the whole portfolio is held to sort it.

use super::{Failure, OrFail, Outcome, input, os_error_in, output};
use nytta::analysis::analyse;
use nytta::diagnostic::{Diagnostic, Text, did_you_mean};
use nytta::engine::followup::{Forecast, follow_up_with};
use nytta::model::actuals::{Actuals, PortfolioActuals, decode_text, parse_actuals_csv};
use nytta::portfolio::{ProjectFollowUp, group_follow_ups, portfolio_follow_up};
use nytta::report::builder::portfolio::{follow_up, follow_up_sheets};
use nytta::report::csv::CsvStyle;
use nytta::report::diagnostics::{FileDiagnostics, human};
use nytta::report::visible::visible;
use nytta::report::{Lang, html, markdown, portfolio, table, xlsx};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What `--follow-up` needs from `nytta batch`'s arguments.
pub struct Settings {
    pub sources: Vec<Source>,
    pub actuals_dir: Option<PathBuf>,
    /// One actuals CSV with a `project` column (`--actuals FILE`).
    pub actuals: Option<PathBuf>,
    pub forecast: Forecast,
    pub deny_warnings: bool,
    pub as_of: Option<i32>,
    pub by_portfolio: bool,
    pub format: Format,
    pub style: CsvStyle,
    pub lang: Lang,
    pub output: Option<PathBuf>,
}

/// One project to follow up.
pub enum Source {
    /// A project file.
    File(PathBuf),
    /// Found while searching a folder but not readable as a file (a broken link, a
    /// file reached twice): not followed up, with plain `batch`'s error row.
    Unreadable { shown: String, reason: Text },
}

/// The formats `--follow-up` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Table,
    Markdown,
    Html,
    Xlsx,
}

/// The portfolio's actuals CSV (`--actuals FILE`), read once.
pub struct Shared {
    /// The file as named on the command line.
    pub path: PathBuf,
    /// Its decoded text, to locate problems.
    pub text: String,
    /// Its rows by project.
    pub rows: PortfolioActuals,
}

/// "FILE:LINE:COL: message" of the first problem of an actuals CSV, and how many more.
fn located(csv: &Path, text: &str, problems: &[Diagnostic]) -> Text {
    let Some(first) = problems.first() else {
        return Text::new(String::new(), String::new());
    };
    let (line, col) = first
        .span
        .as_ref()
        .map_or((1, 1), |s| nytta::diagnostic::line_col(text, s.start));
    let more = problems.len() - 1;
    first.message.map(|m, lang| {
        let more = match more {
            0 => String::new(),
            n => say!(
                in lang;
                sv: " (och {n} problem till: nytta follow-up visar alla)";
                en: " (and {n} more: nytta follow-up shows them all)"
            ),
        };
        format!("{}:{line}:{col}: {m}{more}", csv.display())
    })
}

/// One project followed up, the `project` values of the shared actuals CSV that named
/// it (its id, its file stem), and its content's fingerprint (W302).
fn one(path: &Path, s: &Settings, shared: Option<&Shared>) -> (ProjectFollowUp, Vec<String>, Option<u64>) {
    let source = path.display().to_string();
    let mut out = ProjectFollowUp {
        source,
        ..ProjectFollowUp::default()
    };
    // Read as plain `batch` reads it: a file that cannot be read, is too large or is not
    // UTF-8 is not followed up, with the error row plain `batch` gives it.
    let mut buffer = Vec::new();
    let text = match input::read_batch_file(path, &mut buffer).0 {
        Ok(text) => text,
        Err(reason) => {
            out.error = Some(reason);
            return (out, Vec::new(), None);
        }
    };
    let content = Some(nytta::check::duplicates::fingerprint(text));
    let analysis = analyse(text);
    out.id = analysis.header.id.clone();
    out.name = analysis.header.name.clone();
    out.group = if s.by_portfolio {
        analysis.header.portfolio.clone()
    } else {
        analysis.header.organisation.clone()
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = analysis
        .project
        .as_ref()
        .and_then(|p| p.id.clone())
        .unwrap_or_else(|| out.id.clone());
    let keys: Vec<String> = shared.map_or_else(Vec::new, |sh| {
        sh.rows.keys_of(&[&id, &stem]).into_iter().map(str::to_string).collect()
    });
    let (Some(project), Some(base)) = (&analysis.project, &analysis.base) else {
        out.error = Some(Text::new(
            "filen går inte att läsa in: kör nytta check",
            "the file does not validate: run nytta check",
        ));
        return (out, keys, content);
    };
    let mut actuals = Actuals::from_project(project);
    if let Some(dir) = &s.actuals_dir
        && let Some(csv) = [&id, &stem]
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| dir.join(format!("{c}.csv")))
            .find(|p| p.is_file())
    {
        match std::fs::read(&csv) {
            Ok(bytes) => {
                let text = decode_text(&bytes);
                match parse_actuals_csv(&text, project) {
                    Ok(from_csv) => actuals = actuals.merged_with(&from_csv),
                    Err(problems) => {
                        out.error = Some(located(&csv, &text, &problems));
                        return (out, keys, content);
                    }
                }
            }
            Err(e) => {
                out.error = Some(Text::by(|lang| {
                    let (csv, e) = (csv.display(), os_error_in(lang, &e));
                    say!(in lang; sv: "kan inte läsa {csv}: {e}"; en: "cannot read {csv}: {e}")
                }));
                return (out, keys, content);
            }
        }
    }
    if let Some(shared) = shared
        && !keys.is_empty()
    {
        let named: Vec<&str> = keys.iter().map(String::as_str).collect();
        match shared.rows.actuals(&named, project) {
            Ok(from_csv) => actuals = actuals.merged_with(&from_csv),
            Err(problems) => {
                out.error = Some(located(&shared.path, &shared.text, &problems));
                return (out, keys, content);
            }
        }
    }
    let last = project.end_year() - 1;
    out.as_of = s
        .as_of
        .or(actuals.latest_year())
        .unwrap_or_else(|| super::follow_up::default_as_of(project.start_year, last));
    let fu = follow_up_with(project, base, &actuals, out.as_of, s.forecast);
    let flags = nytta::check::followup::flags(project, &fu, &actuals);
    out.flags = flags.iter().map(|d| d.code).collect();
    out.flags.sort();
    out.flags.dedup();
    out.overdue = nytta::check::followup::is_overdue(&flags);
    out.findings = flags.into_iter().map(|d| (d.code, d.message)).collect();
    out.totals = fu.totals;
    out.planned_npv = base.summary.npv;
    out.forecast_npv = fu.reforecast.npv;
    (out, keys, content)
}

/// Rows of the shared actuals CSV shown at most in one warning.
const SHOWN_ROWS: usize = 10;

/// Warn (standard error) about every `project` value of the shared actuals CSV that named
/// no project of the batch, with its rows and the nearest id or file stem. Returns
/// whether there was any.
fn warn_unmatched(shared: &Shared, used: &BTreeSet<String>, files: &[PathBuf], projects: &[ProjectFollowUp]) -> bool {
    let lang = super::lang();
    let known = known_keys(files, projects);
    let mut unmatched: Vec<(&str, Vec<u64>)> = shared.rows.projects().filter(|(v, _)| !used.contains(*v)).collect();
    unmatched.sort_by_key(|(_, lines)| lines.first().copied());
    for (value, lines) in &unmatched {
        let value = *value;
        let mut rows: Vec<String> = lines.iter().take(SHOWN_ROWS).map(u64::to_string).collect();
        if lines.len() > SHOWN_ROWS {
            rows.push(format!("… ({} {})", lines.len(), lang.pick("rader", "rows")));
        }
        let rows = rows.join(", ");
        let near = nearest(value, &known);
        let rows = match lines.len() {
            1 => say!(sv: "rad {rows}"; en: "row {rows}"),
            _ => say!(sv: "rad {rows}"; en: "rows {rows}"),
        };
        let near = near.map_or(
            String::new(),
            |n| say!(sv: ". Menade du `{n}`?"; en: ". Did you mean `{n}`?"),
        );
        let text = if value.is_empty() {
            say!(sv: "{rows}: inget projekt angivet; räknas inte"; en: "{rows}: no project given; not counted")
        } else {
            say!(
                sv: "{rows}: projektet `{value}` finns inte bland projekten (varken som projekt-id eller filnamn); räknas inte{near}";
                en: "{rows}: project `{value}` is none of the projects (by project id or file name); not counted{near}"
            )
        };
        noteln!(
            "nytta: {}: {}: {}",
            lang.pick("varning", "warning"),
            shared.path.display(),
            visible(&text)
        );
    }
    !unmatched.is_empty()
}

/// What a project's actuals are found by: its id and its file stem.
fn known_keys(files: &[PathBuf], projects: &[ProjectFollowUp]) -> Vec<String> {
    projects
        .iter()
        .map(|p| p.id.clone())
        .chain(
            files
                .iter()
                .filter_map(|f| f.file_stem().map(|s| s.to_string_lossy().into_owned())),
        )
        .filter(|k| !k.is_empty())
        .collect()
}

/// The known key `value` was probably meant to be: the same but for case, diacritics and
/// separators (`C1`, `c-1`), else a near one.
fn nearest<'a>(value: &str, known: &'a [String]) -> Option<&'a str> {
    let folded = nytta::portfolio::fold(value);
    known
        .iter()
        .find(|k| !folded.is_empty() && nytta::portfolio::fold(k) == folded)
        .map(String::as_str)
        .or_else(|| did_you_mean(value, known.iter().map(String::as_str)))
}

/// Warn (standard error) about every CSV in `--actuals-dir` that no project reads (its
/// name is neither `<project id>.csv` nor `<file stem>.csv`), with the nearest name.
/// Returns whether there was any.
fn warn_unread_csvs(dir: &Path, files: &[PathBuf], projects: &[ProjectFollowUp]) -> bool {
    let lang = super::lang();
    let known = known_keys(files, projects);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false; // checked readable at the start; gone since: nothing to say
    };
    let mut unread: Vec<(String, Option<&str>)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
        .filter_map(|p| {
            let stem = p.file_stem()?.to_string_lossy().into_owned();
            let read = p.extension().is_some_and(|e| e == "csv") && known.contains(&stem);
            (!read).then(|| (p.display().to_string(), nearest(&stem, &known)))
        })
        .collect();
    unread.sort();
    for (csv, near) in &unread {
        let near = near.map_or(
            String::new(),
            |n| say!(sv: ". Menade du `{n}.csv`?"; en: ". Did you mean `{n}.csv`?"),
        );
        let text = say!(
            sv: "{csv} hör inte till något av projekten (namnet är varken <projekt-id>.csv eller <filnamn>.csv); räknas inte{near}";
            en: "{csv} belongs to none of the projects (its name is neither <project id>.csv nor <file name>.csv); not counted{near}"
        );
        noteln!("nytta: {}: {}", lang.pick("varning", "warning"), visible(&text));
    }
    !unread.is_empty()
}

/// Read the shared actuals CSV: `Ok(None)` (its problems printed) when it cannot be
/// used; a file that cannot be read fails (exit 2).
pub fn read_shared(path: &Path) -> Result<Option<Shared>, Failure> {
    let lang = super::lang();
    let limit = nytta::limits::MAX_ACTUALS_CSV_BYTES;
    let Some(bytes) = input::read_limited(path, limit)? else {
        input::actuals_too_large(path, limit);
        return Ok(None);
    };
    let text = decode_text(&bytes);
    drop(bytes);
    match PortfolioActuals::parse(&text) {
        Ok(rows) => Ok(Some(Shared {
            path: path.to_path_buf(),
            text,
            rows,
        })),
        Err(problems) => {
            let shown = path.display().to_string();
            note!(
                "{}",
                human(&FileDiagnostics {
                    path: &shown,
                    text: &text,
                    diagnostics: &problems,
                    omitted: Default::default(),
                    lang,
                })
            );
            Ok(None)
        }
    }
}

/// Follow up every file, sort worst first, sum per group and write.
pub fn run(s: Settings) -> Result<Outcome, Failure> {
    let files: Vec<PathBuf> = s
        .sources
        .iter()
        .filter_map(|source| match source {
            Source::File(path) => Some(path.clone()),
            Source::Unreadable { .. } => None,
        })
        .collect();
    // Never write over what is read: the projects, the actuals CSV, or a CSV in the
    // actuals folder (by identity, not spelling).
    if let Some(out) = &s.output {
        let mut inputs = files.clone();
        inputs.extend(s.actuals.iter().cloned());
        if let Some(dir) = &s.actuals_dir
            && let Ok(entries) = std::fs::read_dir(dir)
        {
            inputs.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
        }
        if output::same_file_as_any(out, &inputs) {
            return Err(super::overwrite_input(out));
        }
    }
    // A folder that is not there (a typo) would otherwise give every project no CSV,
    // quietly: the follow-up would run on the files' own actuals alone.
    if let Some(dir) = &s.actuals_dir {
        let meta = std::fs::metadata(dir)
            .or_fail(|| say!(sv: "--actuals-dir {}", dir.display(); en: "--actuals-dir {}", dir.display()))?;
        if !meta.is_dir() {
            return Err(fail!(
                sv: "--actuals-dir {}: det är inte en mapp; ange mappen med en CSV per projekt (<projekt-id>.csv eller <filnamn>.csv), eller en fil med kolumnen `project` med --actuals", dir.display();
                en: "--actuals-dir {}: not a folder; give the folder with one CSV per project (<project id>.csv or <file name>.csv), or one file with a `project` column with --actuals", dir.display()
            ));
        }
    }
    let shared = match &s.actuals {
        Some(path) => match read_shared(path)? {
            Some(shared) => Some(shared),
            None => return Ok(Outcome::Invalid),
        },
        None => None,
    };
    let followed: Vec<_> = s
        .sources
        .par_iter()
        .map(|source| match source {
            Source::File(path) => one(path, &s, shared.as_ref()),
            Source::Unreadable { shown, reason } => {
                let row = ProjectFollowUp {
                    source: shown.clone(),
                    error: Some(reason.clone()),
                    ..ProjectFollowUp::default()
                };
                (row, Vec::new(), None)
            }
        })
        .collect();
    let mut projects = Vec::with_capacity(followed.len());
    let mut keys = Vec::with_capacity(followed.len());
    // The same project twice (by id or content) would be summed twice in its group and
    // the portfolio: W302 on the later one, as plain `batch` raises it, in input order.
    let mut duplicates = nytta::check::duplicates::Duplicates::default();
    for (mut p, k, content) in followed {
        for d in duplicates.check(&p.source, &p.id, content) {
            if !p.flags.contains(&d.code) {
                p.flags.push(d.code);
            }
            p.findings.push((d.code, d.message));
        }
        projects.push(p);
        keys.push(k);
    }
    let mut unmatched = match &shared {
        Some(shared) => warn_unmatched(shared, &keys.into_iter().flatten().collect(), &files, &projects),
        None => false,
    };
    if let Some(dir) = &s.actuals_dir {
        unmatched |= warn_unread_csvs(dir, &files, &projects);
    }
    projects.sort_by_key(ProjectFollowUp::worst_first_key);
    let groups = group_follow_ups(&projects);
    let total = portfolio_follow_up(&projects);
    let document = || follow_up(&projects, &groups, &total, s.forecast, s.lang);
    let bytes = match s.format {
        // Messages for people in `--excel`, for scripts in plain CSV (English unless --lang).
        Format::Csv => {
            let lang = if s.style.excel { s.lang } else { super::json_lang() };
            portfolio::csv(&projects, &groups, &total, s.style, lang).into_bytes()
        }
        Format::Json => portfolio::json(&projects, &groups, &total, s.forecast, super::json_lang()).into_bytes(),
        Format::Table => table::render_document(&document()).into_bytes(),
        Format::Markdown => markdown::render_document(&document()).into_bytes(),
        Format::Html => html::render_document(&document(), s.lang).into_bytes(),
        Format::Xlsx => xlsx::write(
            &follow_up_sheets(&projects, &groups, &total, s.lang),
            super::xlsx_created(),
        )
        .map_err(super::workbook_failed)?,
    };
    output::emit(s.output.as_deref(), &bytes)?;
    let errors = projects.iter().filter(|p| p.error.is_some()).count();
    let overdue = projects.iter().filter(|p| p.overdue).count();
    let flagged = projects.iter().filter(|p| !p.flags.is_empty()).count();
    let n = projects.len();
    noteln!(
        "nytta: {}",
        say!(
            in s.lang;
            sv: "{n} projekt {}: {overdue} {} med uppföljningen, {errors} gick inte att följa upp",
                if n == 1 { "uppföljt" } else { "uppföljda" },
                if overdue == 1 { "försenat" } else { "försenade" };
            en: "{n} {} followed up: {overdue} overdue for follow-up, {errors} could not be followed up",
                if n == 1 { "project" } else { "projects" }
        )
    );
    Ok(if errors > 0 || (s.deny_warnings && (unmatched || flagged > 0)) {
        Outcome::Invalid
    } else {
        Outcome::Ok
    })
}
